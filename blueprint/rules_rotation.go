package blueprint

import (
	"fmt"
	"strings"
)

// The rules about rotation working once deployed and about monitoring
// changes. They are registered in rules (rules.go) in teaching order.

// The IDs of the rules in this file.
const (
	RuleRotationReachesSecretsManager RuleID = "rotation-reaches-secrets-manager"
	RuleDatabaseConnection            RuleID = "database-connection"
	RuleChangeAlert                   RuleID = "change-alert"
)

// DatabaseAdvice ends the finding of a hosted function with no database
// to connect to: what the design file can give. The wizard, which asks
// for one of the two by a choice, says it by that choice.
const DatabaseAdvice = "give host, or targetType and targetId"

var databaseConnectionRule = Rule{
	ID:       RuleDatabaseConnection,
	Inputs:   []string{"secret.database", "secret.generateSecretString", "rotation.hostedRotationLambda.masterSecretArn", "rotation.hostedRotationLambda.rotationType"},
	Scope:    []string{"secret.existingSecretArn", "rotation.exists"},
	Concerns: []Concern{ConcernSecret},
	Title:    "The rotation function can find the database and the user",
	Severity: SeverityError,
	Reason: "A hosted rotation function reads everything it needs from the secret's own JSON: engine, host, " +
		"port, dbname, username and, for the alternating-users strategy, masterarn, the ARN of the superuser " +
		"secret it signs in with. A template can deploy cleanly without them, and the first rotation then " +
		"fails: the function cannot tell which database to connect to or whose password to change, marks " +
		"the rotation failed, and the old password stays in place until someone notices.",
	Meets: "For a hosted rotation function, secret.database gives username and either host (the port " +
		"defaults to the engine's) or targetType and targetId, and Oracle and Db2 also give dbname; or the " +
		"secretStringTemplate holds those keys. secretsmith writes engine from the rotation type and masterarn " +
		"from masterSecretArn. Waive the rule when the connection is attached to the secret elsewhere, such " +
		"as by a SecretTargetAttachment in the database's own stack.",
	scope: func(d *Design) (bool, string) {
		if _, ok := d.HostedRotationType(); !ok {
			return false, "the design has no hosted rotation function of a known type"
		}
		if d.IsExisting() {
			return false, "secretsmith cannot read the existing secret's value; check that it holds engine, host, username (and masterarn for multi-user rotation)"
		}
		return true, ""
	},
	check: checkDatabaseConnection,
}

func checkDatabaseConnection(d *Design) []Finding {
	rt, _ := d.HostedRotationType()
	var db Database
	if d.Secret.Database != nil {
		db = *d.Secret.Database
	}
	// What generate writes, without building it: Check runs on every
	// keystroke and SecretTemplate allocates.
	var tmpl *templateInfo
	key := "password"
	if g := d.Secret.GenerateSecretString; g != nil {
		tmpl = readTemplate(g.SecretStringTemplate)
		if g.GenerateStringKey != "" {
			key = g.GenerateStringKey
		}
	} else {
		tmpl = noTemplate
	}
	h := d.Rotation.HostedRotationLambda
	has := func(k string) bool {
		switch k {
		case "host":
			if db.Host != "" {
				return true
			}
		case "username":
			if db.Username != "" {
				return true
			}
		case "dbname":
			if db.DBName != "" {
				return true
			}
		case "masterarn":
			if h.MasterSecretARN != "" {
				return true
			}
		}
		return tmpl.has(k)
	}
	const base = "secret.database"
	var out []Finding
	if !has("host") && !db.HasTarget() {
		out = append(out, Finding{
			Path: base + ".host",
			Message: fmt.Sprintf("is missing, so the %s rotation function has no database to connect to and every rotation "+
				"would fail; %s", rt.Name, DatabaseAdvice),
		})
	}
	if !has("username") {
		out = append(out, Finding{
			Path: base + ".username",
			Message: "is missing, so the rotation function would not know whose password to change and every " +
				"rotation would fail; give the database user",
		})
	}
	if rt.NeedsDBName && !has("dbname") {
		out = append(out, Finding{
			Path: base + ".dbname",
			Message: fmt.Sprintf("is missing; the %s rotation function cannot connect without the database name, "+
				"so every rotation would fail", rt.Name),
		})
	}
	if rt.NeedsMaster && !has("masterarn") {
		out = append(out, Finding{
			Path: "rotation.hostedRotationLambda.masterSecretArn",
			Message: fmt.Sprintf("is missing, so the secret's JSON has no masterarn and the %s function "+
				"could not sign in as the master user to set the password; give the master user's secret ARN", rt.Name),
		})
	}
	if key != "password" {
		out = append(out, Finding{
			Path: "secret.generateSecretString.generateStringKey",
			Message: fmt.Sprintf("is %s, but the rotation function reads the password from key \"password\", "+
				"so it could not sign in; use password", shownKey(key)),
		})
	}
	return out
}

var secretsManagerReachRule = Rule{
	ID:       RuleRotationReachesSecretsManager,
	Inputs:   []string{"rotation.hostedRotationLambda.vpcId", "rotation.hostedRotationLambda.endpoint", "rotation.hostedRotationLambda.vpcSubnetIds", "rotation.hostedRotationLambda.masterSecretArn"},
	Scope:    []string{"rotation.exists"},
	Concerns: []Concern{ConcernRotationFunction, ConcernRotation},
	Title:    "The rotation function can call Secrets Manager from its subnets",
	Severity: SeverityWarning,
	Reason: "A rotation function placed in private subnets talks to the database there, but it also calls the " +
		"Secrets Manager API to read and store the new value. Private subnets have no route to the public " +
		"endpoint, so without an interface VPC endpoint for Secrets Manager or a NAT gateway each call " +
		"hangs until the function times out and the rotation fails. With a master secret RDS manages " +
		"(rds!db-... or rds!cluster-...), which holds only username and password, the function also " +
		"calls the RDS API to find the database's address, which an endpoint for Secrets Manager does " +
		"not reach. It is a warning because offline secretsmith cannot see the VPC's routes; with --aws it " +
		"reads the subnets' route tables and the VPC's endpoints for Secrets Manager and RDS, and decides.",
	Meets: "rotation.hostedRotationLambda.vpcId is set, and secretsmith creates an interface endpoint for " +
		"secretsmanager in the function's subnets; or endpoint says existing (the VPC has one, with private " +
		"DNS) or nat (the subnets route through a NAT gateway). With a master secret RDS manages, endpoint " +
		"is nat (an RDS interface endpoint in the VPC also serves: --aws finds it; offline, waive the rule and say so). The rule " +
		"does not apply to a function outside a VPC.",
	scope: func(d *Design) (bool, string) {
		if d.Rotation == nil || d.Rotation.HostedRotationLambda == nil {
			return false, "the design has no hosted rotation function; check your own function's network access in Lambda"
		}
		if len(d.Rotation.HostedRotationLambda.VPCSubnetIDs) == 0 {
			return false, "the rotation function runs outside a VPC"
		}
		return true, ""
	},
	// Your own function, when the account says where it runs.
	envScope: func(d *Design, env *Environment) bool {
		return d.Rotation != nil && d.Rotation.HostedRotationLambda == nil && env.RotationNetwork != nil
	},
	checkAccess: checkRotationReach,
}

// EndpointAdvice ends the finding of a hosted function in VPC subnets
// whose design says nothing of how it reaches Secrets Manager: what the
// design file can say. The wizard says it in its own words, by its
// choices (tui's screenPhrases).
const EndpointAdvice = "give vpcId to have an endpoint created, or set endpoint to existing, nat or the VPC endpoint's id"

// checkRotationReach reads the rotation function's connection to the
// Secrets Manager API from the walk-through.
func checkRotationReach(_ *Design, access *accessOnce) []Finding {
	w := access.walk()
	var out []Finding
	cur := w.cursor()
	for c, _ := cur.next(); c != nil; c, _ = cur.next() {
		if c.Action != actionConnect || c.Outcome == Allowed || c.By != ByNetwork {
			continue
		}
		if c.On != onSecretsAPI || c.Outcome == Refused {
			// The RDS API, or what the account says of the function's
			// subnets.
			out = append(out, Finding{Path: c.Path, Message: c.Reason + "; " + c.Fix})
			continue
		}
		out = append(out, Finding{
			Path: c.Path,
			Message: "is empty, so rotation will time out unless the VPC already has an endpoint for Secrets Manager " +
				"or a NAT route; " + EndpointAdvice,
		})
	}
	return out
}

// ChangeEvents are the CloudTrail management events the change alert
// watches: every API call in the secret's region that changes or removes
// the secret, its policy, its rotation, its replicas or its tags.
// StopReplicationToReplica is not among them: it is called, and logged, in
// the replica's region, where a rule in the secret's region never sees it
// (ChangeAlertGaps says so).
var ChangeEvents = []string{
	"DeleteSecret",
	"RestoreSecret",
	"UpdateSecret",
	"PutResourcePolicy",
	"DeleteResourcePolicy",
	"RotateSecret",
	"CancelRotateSecret",
	"ReplicateSecretToRegions",
	"RemoveRegionsFromReplication",
	"TagResource",
	"UntagResource",
}

// RotationFailureEvents are the CloudTrail service events of a rotation
// that did not finish: a failed or abandoned rotation, and the test
// rotation Secrets Manager runs when a schedule is set up without rotating
// at once (TestRotationFailed).
var RotationFailureEvents = []string{"RotationFailed", "RotationAbandoned", "TestRotationFailed"}

// ChangeAlertNeeds is what the change alert needs in the account to hear
// anything: EventBridge receives "AWS API Call via CloudTrail" events only
// from a trail that logs management events (EventBridge user guide, "AWS
// service events delivered via AWS CloudTrail"); the event history alone
// sends none.
const ChangeAlertNeeds = "a CloudTrail trail that logs management events in the secret's region: " +
	"EventBridge receives the API calls only from such a trail, and the event history alone sends none"

// ChangeAlertGaps is what the change alert does not see.
const ChangeAlertGaps = "StopReplicationToReplica is called and logged in the replica's region, " +
	"so the rule in the secret's region does not see it"

var changeAlertRule = Rule{
	ID:       RuleChangeAlert,
	Inputs:   []string{"monitoring.changeAlert", "monitoring"},
	Concerns: []Concern{ConcernSecret},
	Title:    "Someone hears about it when the secret is changed or deleted",
	Severity: SeverityError,
	Reason: "Most harm to a secret comes through ordinary API calls: deleting it, opening its resource " +
		"policy, turning rotation off, changing its key or removing a replica. CloudTrail records each " +
		"call, but nobody reads CloudTrail until something has gone wrong. An EventBridge rule on those " +
		"calls for this secret sends each one to the alert topic, so an attempt to delete the secret or " +
		"widen its policy is seen while it can still be undone (a deleted secret can be restored during " +
		"its recovery window).",
	Meets: "monitoring.changeAlert is true or left out: secretsmith adds an EventBridge rule on the CloudTrail " +
		"events " + strings.Join(ChangeEvents, ", ") + " for this secret, however the caller named it " +
		"(its ARN, a partial ARN or its name, and the ARN in the response, spelled arn or aRN), sending them " +
		"to the alert topic. It needs " + ChangeAlertNeeds + ". " + ChangeAlertGaps + ".",
	check: func(d *Design) []Finding {
		if d.Monitoring.ChangeAlertOn() {
			return nil
		}
		return []Finding{{
			Path:    "monitoring.changeAlert",
			Message: "is off, so nobody hears when the secret is deleted or its policy changed; turn it on or waive the rule with a reason",
		}}
	},
}
