package blueprint

import (
	"reflect"
	"strings"
	"testing"
)

const appRole = "arn:aws:iam::123456789012:role/payments-app"

// addStatements appends statements to the compliant design's policy.
func addStatements(sts ...Statement) func(*Design) {
	return func(d *Design) { d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, sts...) }
}

const vpce = "vpce-0123456789abcdef0"

func init() {
	ruleCases = append(ruleCases,
		// no-lockout
		ruleCase{"no deny", "no-lockout", func(*Design) {}, StatusMet, nil},
		ruleCase{"deny outside the endpoint, value only", "no-lockout",
			addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce))), StatusMet, nil},
		ruleCase{"deny everything outside the endpoint, admins excepted", "no-lockout",
			addStatements(deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", vpce),
				cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/admin-*"))), StatusMet, nil},
		ruleCase{"deny plain HTTP", "no-lockout",
			addStatements(deny(star, []string{"secretsmanager:*"}, cond("Bool", "aws:SecureTransport", "false"))), StatusMet, nil},
		ruleCase{"deny to one role", "no-lockout", addStatements(deny(aws(otherRole), []string{"secretsmanager:*"})), StatusMet, nil},
		ruleCase{"the old VPC endpoint preset", "no-lockout",
			addStatements(deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", vpce))),
			StatusNotMet, []string{"resourcePolicy.statements[1]"}},
		ruleCase{"NotPrincipal delete deny", "no-lockout",
			addStatements(Statement{Effect: "Deny", NotPrincipal: aws(appRole), Action: []string{"secretsmanager:DeleteSecret"}, Resource: []string{"*"}}),
			StatusNotMet, []string{"resourcePolicy.statements[1]"}},
		ruleCase{"no policy", "no-lockout", func(d *Design) { d.ResourcePolicy = nil }, StatusNotApplicable, nil},

		// rotation-not-blocked
		ruleCase{"no deny", "rotation-not-blocked", func(*Design) {}, StatusMet, nil},
		ruleCase{"deny by the function's VPC", "rotation-not-blocked",
			addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", "vpc-0123abcd"))), StatusMet, nil},
		ruleCase{"deny by another VPC", "rotation-not-blocked",
			addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", "vpc-0123456789abcdef0"))),
			StatusNotMet, []string{"resourcePolicy.statements[1]"}},
		ruleCase{"deny by endpoint id", "rotation-not-blocked",
			addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce))),
			StatusNotMet, []string{"resourcePolicy.statements[1]"}},
		ruleCase{"deny by address", "rotation-not-blocked",
			addStatements(deny(star, []string{"secretsmanager:PutSecretValue"}, cond("NotIpAddress", "aws:SourceIp", "203.0.113.0/24"))),
			StatusNotMet, []string{"resourcePolicy.statements[1]"}},
		ruleCase{"deny by endpoint id, rotation role excepted", "rotation-not-blocked",
			addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce),
				cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/*rotation*"))), StatusMet, nil},
		ruleCase{"deny by VPC, function outside any VPC", "rotation-not-blocked", func(d *Design) {
			addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", "vpc-0123456789abcdef0")))(d)
			d.Rotation.HostedRotationLambda.VPCSubnetIDs = nil
		}, StatusNotMet, []string{"resourcePolicy.statements[1]"}},
		ruleCase{"no rotation", "rotation-not-blocked", func(d *Design) { d.Rotation = nil }, StatusNotApplicable, nil},

		// given-key-readers
		ruleCase{"created key", "given-key-readers", func(*Design) {}, StatusMet, nil},
		ruleCase{"given key, nobody reads", "given-key-readers", func(d *Design) {
			d.Secret.KMSKeyARN = givenKeyARN
			d.ResourcePolicy.Statements[0].Action = []string{"secretsmanager:DescribeSecret"}
		}, StatusMet, nil},
		ruleCase{"given key with a reader", "given-key-readers", func(d *Design) { d.Secret.KMSKeyARN = givenKeyARN },
			StatusNotMet, []string{"secret.kmsKeyArn"}},
		ruleCase{"replica key with a reader", "given-key-readers", func(d *Design) {
			d.Secret.ReplicaRegions = []Replica{{Region: "eu-west-1", KMSKeyARN: "alias/payments"}}
		}, StatusNotMet, []string{"secret.replicaRegions[0].kmsKeyArn"}},
		ruleCase{"existing secret with a reader", "given-key-readers", existing, StatusNotMet, []string{"secret.existingSecretArn"}},
		ruleCase{"no policy", "given-key-readers", func(d *Design) { d.ResourcePolicy = nil }, StatusNotApplicable, nil},
	)
}

// The messages say who is affected and how to fix it, since the wizard shows
// them beside the statement.
func TestAccessRuleMessages(t *testing.T) {
	d := compliantDesign()
	addStatements(deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", vpce)))(d)
	d.Secret.KMSKeyARN = givenKeyARN
	d.Secret.Region = "us-east-1"
	r := Check(d)
	for _, tt := range []struct {
		rule RuleID
		want string
	}{
		{"no-lockout", "denies every action that manages the secret (DescribeSecret, PutResourcePolicy, DeleteSecret, ...) " +
			"to everyone when not through vpce-0123456789abcdef0 with no exception"},
		{"no-lockout", "ArnNotLike on aws:PrincipalArn"},
		{"rotation-not-blocked", "denies DescribeSecret, GetSecretValue, PutSecretValue, UpdateSecretVersionStage outside the listed endpoints"},
		{"rotation-not-blocked", "deny by aws:SourceVpc"},
		{"given-key-readers", "must let role " + appRole + " use kms:Decrypt through secretsmanager.us-east-1"},
	} {
		res, _ := r.Result(tt.rule)
		if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, tt.want) {
			t.Errorf("%s findings = %+v, want one containing %q", tt.rule, res.Findings, tt.want)
		}
	}
}

// An existing secret's policy may name the secret's own ARN as Resource.
func TestValidateResourceOwnARN(t *testing.T) {
	d := compliantDesign()
	existing(d)
	d.ResourcePolicy.Statements[0].Resource = []string{existingARN}
	for _, p := range d.Validate() {
		if strings.Contains(p.Path, ".resource") {
			t.Errorf("Validate() = %v, want the existing secret's own ARN accepted as Resource", p)
		}
	}
}

// The ready-made endpoint statement once denied secretsmanager:* to everyone
// outside the endpoint, administrators and deployments included.
func TestVPCEndpointDenyStatementLocksNobodyOut(t *testing.T) {
	d := compliantDesign()
	d.Rotation = nil
	st := VPCEndpointDenyStatement()
	st.Condition[0].Values = []string{"arn:aws:iam::123456789012:role/deploy"}
	st.Condition[1].Values = []string{vpce}
	d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, st)
	for _, p := range d.Validate().Errors() {
		if strings.HasPrefix(p.Path, "resourcePolicy") {
			t.Fatalf("Validate() = %v", p)
		}
	}
	if res, _ := Check(d).Result("no-lockout"); res.Status != StatusMet {
		t.Errorf("no-lockout = %v %v, want met", res.Status, res.Findings)
	}
	a := d.Access()
	if got := a.Denies[0].Management; len(got) != 0 {
		t.Errorf("the preset denies management actions %v, want only the value", got)
	}
	if r := a.Groups[0]; !r.Reads || len(r.Cuts) != 1 || r.Cuts[0].Always {
		t.Errorf("app role = %+v, want it to read, cut in only outside the endpoint", r)
	}
	// Issue 20, item 2: the preset leaves the deploy role out, so
	// Terraform can refresh the value from outside the endpoint.
	if ps := d.TemplateProblems(TerraformTemplate); len(ps) > 0 {
		t.Errorf("TemplateProblems(Terraform) = %v, want none", ps)
	}
}

// Check builds the access model once and hands it to every rule that reads
// it, so no rule may change it: each access rule's findings must be what
// it finds with a model of its own, on designs where all three look.
func TestAccessRulesShareOneModel(t *testing.T) {
	designs := map[string]*Design{"deny": denyDesign()}
	locked := compliantDesign()
	locked.ResourcePolicy.Statements = append(locked.ResourcePolicy.Statements, Statement{
		Effect: "Deny", Principal: &Principal{Wildcard: true}, Action: []string{"secretsmanager:*"}, Resource: []string{"*"},
		Condition: []Condition{{Operator: "StringNotEquals", Key: "aws:SourceVpce", Values: []string{vpce}}},
	})
	locked.Secret.KMSKeyARN = "alias/payments"
	designs["lockout"] = locked
	for name, d := range designs {
		shared := &accessOnce{d: d}
		first := shared.get()
		n := 0
		for _, r := range rules {
			if r.checkAccess == nil {
				continue
			}
			n++
			got := checkRule(r, d, shared)
			want := checkRule(r, d, &accessOnce{d: d})
			if got.Status != want.Status || got.Note != want.Note || !reflect.DeepEqual(got.Findings, want.Findings) {
				t.Errorf("%s: %s with the shared model = %v %+v, with its own = %v %+v", name, r.ID, got.Status, got.Findings, want.Status, want.Findings)
			}
		}
		if n != 4 {
			t.Errorf("%d rules read the walk-through, want 4", n)
		}
		if shared.get() != first || !reflect.DeepEqual(first, d.Access()) {
			t.Errorf("%s: the shared model was rebuilt or changed by the rules", name)
		}
		if r, _ := Check(d).Result(RuleNoLockout); name == "lockout" && r.Status != StatusNotMet {
			t.Errorf("lockout: no-lockout = %v, want not met", r.Status)
		}
	}
}

// Report.Access hands out the model Check's rules read, so the wizard and
// generate do not build it again; it is the design's model either way.
func TestReportAccess(t *testing.T) {
	for name, d := range map[string]*Design{"with deny": denyDesign(), "without": compliantDesign()} {
		rep := Check(d)
		a := rep.Access()
		if a == nil || a != rep.Access() {
			t.Errorf("%s: Report.Access() = %p then %p, want one model", name, a, rep.Access())
		}
		if !reflect.DeepEqual(a, d.Access()) {
			t.Errorf("%s: Report.Access() differs from Design.Access()", name)
		}
	}
	if (Report{}).Access() != nil {
		t.Error("Report{}.Access() is not nil")
	}
}

// Every access, rotation and network rule reads its answer from the
// deployment walk-through: change what the walk-through says, leave the
// design alone, and the rule's answer follows. A rule that worked out
// "who can do what" by itself would not notice. The table lists each
// rule with the walk-through facts it depends on.
func TestRulesReadTheWalk(t *testing.T) {
	plainHTTP := deny(star, []string{"secretsmanager:*"}, cond("Bool", "aws:SecureTransport", "false"))
	lockout := deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", vpce))
	set := func(k ActorKind, action string, to Call) func(*Walk) {
		return func(w *Walk) {
			for i := range w.Calls {
				c := &w.Calls[i]
				if w.Actors[c.Actor].Kind == k && c.Action == action {
					c.Outcome, c.By, c.Statement, c.Path, c.Excepted, c.RequestOnly = to.Outcome, to.By, to.Statement, to.Path, false, false
				}
			}
		}
	}
	refusedBy1 := Call{Outcome: Refused, By: ByResourcePolicy, Statement: 1, Path: "resourcePolicy.statements[1]"}
	allowed := Call{Outcome: Allowed, Statement: -1}
	tests := []struct {
		rule    RuleID
		facts   string
		mod     func(*Design)
		perturb func(*Walk)
		before  Status
		after   Status
	}{
		{RuleNoLockout, "deployer and administrator management calls refused by a Deny",
			addStatements(plainHTTP), set(ActorDeployer, "secretsmanager:DescribeSecret", refusedBy1), StatusMet, StatusNotMet},
		{RuleNoLockout, "deployer and administrator management calls refused by a Deny",
			addStatements(lockout), func(w *Walk) {
				for _, k := range []ActorKind{ActorDeployer, ActorAdministrator} {
					for _, a := range Actions {
						set(k, a, allowed)(w)
					}
				}
			}, StatusNotMet, StatusMet},
		{RuleRotationNotBlocked, "the rotation function's calls on the secret refused by a Deny",
			addStatements(plainHTTP), set(ActorRotationFunction, "secretsmanager:PutSecretValue", refusedBy1), StatusMet, StatusNotMet},
		{RuleRotationNotBlocked, "the rotation function's calls on the secret refused by a Deny",
			addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce))),
			set(ActorRotationFunction, "secretsmanager:GetSecretValue", allowed), StatusNotMet, StatusMet},
		{RuleGivenKeyReaders, "readers' kms:Decrypt the key policy may refuse",
			func(d *Design) { d.Secret.KMSKeyARN = givenKeyARN }, set(ActorReader, "kms:Decrypt", allowed), StatusNotMet, StatusMet},
		{RuleRotationReachesSecretsManager, "the rotation function's connection to the Secrets Manager API",
			func(*Design) {}, set(ActorRotationFunction, "network:Connect",
				Call{Outcome: Unsure, By: ByNetwork, Statement: -1, Path: "rotation.hostedRotationLambda.vpcId"}), StatusMet, StatusNotMet},
		{RuleRotationReachesSecretsManager, "the rotation function's connection to the Secrets Manager API",
			func(d *Design) { d.Rotation.HostedRotationLambda.VPCID = "" }, set(ActorRotationFunction, "network:Connect", allowed), StatusNotMet, StatusMet},
	}
	covered := map[RuleID]bool{}
	for _, tt := range tests {
		covered[tt.rule] = true
		r, _ := LookupRule(tt.rule)
		d := compliantDesign()
		tt.mod(d)
		if got := checkRule(r, d, &accessOnce{d: d}); got.Status != tt.before {
			t.Errorf("%s (%s): %v %+v before the walk-through changes, want %v", tt.rule, tt.facts, got.Status, got.Findings, tt.before)
			continue
		}
		w := d.Walk(nil)
		tt.perturb(w)
		if got := checkRule(r, d, &accessOnce{d: d, w: w}); got.Status != tt.after {
			t.Errorf("%s (%s): %v %+v once the walk-through says otherwise, want %v", tt.rule, tt.facts, got.Status, got.Findings, tt.after)
		}
	}
	for _, r := range rules {
		if r.checkAccess != nil && !covered[r.ID] {
			t.Errorf("rule %s reads the walk-through but has no row here", r.ID)
		}
	}
}

// Issue 20: with the function's endpoint given by id, rotation-not-blocked
// is met by a Deny outside that endpoint and names the id when the Deny
// lists another.
func TestRotationNotBlockedReadsTheEndpointID(t *testing.T) {
	r, _ := LookupRule(RuleRotationNotBlocked)
	for _, tt := range []struct {
		listed string
		want   Status
	}{{vpce, StatusMet}, {"vpce-0fedcba9876543210", StatusNotMet}} {
		d := compliantDesign()
		d.Rotation.HostedRotationLambda.VPCID, d.Rotation.HostedRotationLambda.Endpoint = "", vpce
		addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", tt.listed)))(d)
		got := checkRule(r, d, &accessOnce{d: d})
		if got.Status != tt.want {
			t.Fatalf("deny outside %s: %v %+v, want %v", tt.listed, got.Status, got.Findings, tt.want)
		}
		if tt.want == StatusNotMet && (!strings.Contains(got.Findings[0].Message, "calls through "+vpce) || !strings.Contains(got.Findings[0].Message, "list "+vpce)) {
			t.Errorf("finding %q does not name the function's endpoint %s and ask to list it", got.Findings[0].Message, vpce)
		}
	}
}

// TestRotationReachesTheRDSAPI checks that the reach rule reports, at
// masterSecretArn and in its own words, a function in private subnets that
// signs in with a master secret RDS manages: that function also calls the
// RDS API, which the Secrets Manager endpoint does not reach. A NAT route
// reaches both.
func TestRotationReachesTheRDSAPI(t *testing.T) {
	r, _ := LookupRule(RuleRotationReachesSecretsManager)
	d := compliantDesign()
	h := d.Rotation.HostedRotationLambda
	h.RotationType = "PostgreSQLMultiUser"
	h.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-1234abcd-AbCdEf"
	got := checkRule(r, d, &accessOnce{d: d})
	if got.Status != StatusNotMet || len(got.Findings) != 1 {
		t.Fatalf("status %v findings %+v, want one finding", got.Status, got.Findings)
	}
	f := got.Findings[0]
	if f.Path != "rotation.hostedRotationLambda.masterSecretArn" || !strings.Contains(f.Message, "RDS API") {
		t.Errorf("finding %+v, want one at masterSecretArn about the RDS API", f)
	}
	h.VPCID, h.Endpoint = "", EndpointNAT
	if got := checkRule(r, d, &accessOnce{d: d}); got.Status != StatusMet {
		t.Errorf("through a NAT route: %v %+v, want met", got.Status, got.Findings)
	}
}

// TestGivenKeyReadersWithTheAccountsAnswer: checked with what the account
// says of the given key's policy (CheckWith), given-key-readers is met
// when the policy lets the reader decrypt, and names the reader when it
// does not; the design alone leaves it to the reader to check.
func TestGivenKeyReadersWithTheAccountsAnswer(t *testing.T) {
	d := compliantDesign()
	d.Secret.KMSKeyARN = givenKeyARN
	reader := "role " + appRole
	result := func(env *Environment) RuleResult {
		for _, r := range CheckWith(d, env).Results {
			if r.Rule.ID == RuleGivenKeyReaders {
				return r
			}
		}
		t.Fatal("no given-key-readers result")
		return RuleResult{}
	}
	if r := result(nil); r.Status != StatusNotMet || !strings.Contains(r.Findings[0].Message, "must let "+reader) {
		t.Errorf("the design alone: %s %v", r.Status, r.Findings)
	}
	if r := result(&Environment{KeyAnswers: []KeyAnswer{{Key: givenKeyARN, Reader: reader, Decrypt: true}}}); r.Status != StatusMet {
		t.Errorf("a key policy that lets the reader decrypt: %s %v", r.Status, r.Findings)
	}
	r := result(&Environment{KeyAnswers: []KeyAnswer{{Key: givenKeyARN, Reader: reader, Decrypt: false}}})
	if r.Status != StatusNotMet || len(r.Findings) != 1 || r.Findings[0].Path != "secret.kmsKeyArn" ||
		!strings.Contains(r.Findings[0].Message, "its key policy in the account does not let "+reader+" use kms:Decrypt") {
		t.Errorf("a key policy that does not let the reader decrypt: %s %v", r.Status, r.Findings)
	}
}

// TestKeyRotationWithTheAccountsAnswer: key-rotation-enabled does not
// apply to a key secretsmith does not create, unless the account says
// whether that key rotates (secretsmith audit reads it); then a key that
// does not rotate fails the rule at secret.kmsKeyArn.
func TestKeyRotationWithTheAccountsAnswer(t *testing.T) {
	d := compliantDesign()
	d.Secret.KMSKeyARN = givenKeyARN
	result := func(env *Environment) RuleResult {
		r, _ := CheckWith(d, env).Result(RuleKeyRotationEnabled)
		return r
	}
	if r := result(nil); r.Status != StatusNotApplicable {
		t.Errorf("the design alone: %s", r.Status)
	}
	if r := result(&Environment{KeyRotation: new(true)}); r.Status != StatusMet {
		t.Errorf("a key that rotates: %s %v", r.Status, r.Findings)
	}
	r := result(&Environment{KeyRotation: new(false)})
	if r.Status != StatusNotMet || len(r.Findings) != 1 || r.Findings[0].Path != "secret.kmsKeyArn" || !strings.Contains(r.Findings[0].Message, "does not rotate") {
		t.Errorf("a key that does not rotate: %s %v", r.Status, r.Findings)
	}
	// A key secretsmith creates always rotates, whatever the account says.
	d.Secret.KMSKeyARN = ""
	if r := result(&Environment{KeyRotation: new(false)}); r.Status != StatusMet {
		t.Errorf("a created key: %s", r.Status)
	}
}

// given-key-readers names every reader of each given key once, in the
// walk-through's order, in one finding per key: the secret's key and each
// replica's own.
func TestGivenKeyReadersNamesEachReader(t *testing.T) {
	d := accessDesign(
		allow(aws(ownRole, otherRole), read),
		allow(aws(ownUser), getOnly),
		allow(aws(ownRole), []string{"secretsmanager:DescribeSecret"}),
	)
	d.Secret.KMSKeyARN = givenKeyARN
	d.Secret.ReplicaRegions = []Replica{
		{Region: "eu-west-1", KMSKeyARN: "arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef"},
		{Region: "eu-central-1"},
		{Region: "us-west-2", KMSKeyARN: "arn:aws:kms:us-west-2:111122223333:key/mrk-0123456789abcdef0123456789abcdef"},
	}
	res, _ := Check(d).Result(RuleGivenKeyReaders)
	readers := "role " + ownRole + ", role " + otherRole + ", user " + ownUser
	want := []Finding{
		{Path: "secret.kmsKeyArn", Message: "is managed outside these templates; its key policy must let " + readers +
			" use kms:Decrypt through secretsmanager.us-east-1; secretsmith access prints the statement to add"},
		{Path: "secret.replicaRegions[0].kmsKeyArn", Message: "is managed outside these templates; its key policy must let " + readers +
			" use kms:Decrypt through secretsmanager.eu-west-1 to read the replica; secretsmith access prints the statement to add"},
		{Path: "secret.replicaRegions[2].kmsKeyArn", Message: "is managed outside these templates; its key policy must let " + readers +
			" use kms:Decrypt through secretsmanager.us-west-2 to read the replica; secretsmith access prints the statement to add"},
	}
	if len(res.Findings) != len(want) {
		t.Fatalf("findings:\n%+v\nwant:\n%+v", res.Findings, want)
	}
	for i, f := range res.Findings {
		if f.Path != want[i].Path || f.Message != want[i].Message {
			t.Errorf("finding %d:\n%s: %s\nwant:\n%s: %s", i, f.Path, f.Message, want[i].Path, want[i].Message)
		}
	}
}

// TestRotationNotBlockedOutsideAnyVPC: a hosted function without subnets
// runs outside any VPC and calls the public endpoint, so its requests
// carry no aws:SourceVpce and a Deny outside the listed endpoints stops
// it. The finding must say that, not that it calls through its own VPC's
// endpoint, and its fix must be one that fits: run it in the VPC of a
// listed endpoint, or leave its role out (wizfix's note in the issue 22
// session).
func TestRotationNotBlockedOutsideAnyVPC(t *testing.T) {
	r, _ := LookupRule(RuleRotationNotBlocked)
	d := compliantDesign()
	h := d.Rotation.HostedRotationLambda
	h.VPCSubnetIDs, h.VPCSecurityGroupIDs, h.VPCID, h.Endpoint, h.VPCCIDR = nil, nil, "", "", ""
	addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce)))(d)
	got := checkRule(r, d, &accessOnce{d: d})
	if got.Status != StatusNotMet || len(got.Findings) != 1 {
		t.Fatalf("status %v findings %+v, want one finding", got.Status, got.Findings)
	}
	msg := got.Findings[0].Message
	if strings.Contains(msg, "its own VPC") || !strings.Contains(msg, "outside any VPC") || !strings.Contains(msg, "vpcSubnetIds") {
		t.Errorf("finding %q: want it to say the function runs outside any VPC and to offer vpcSubnetIds", msg)
	}
	// The walk-through, which the access pane and 'access' show, gives
	// the same fix: a Deny by aws:SourceVpc with "the function's VPC"
	// fits no function that has none.
	w := d.Walk(nil)
	for _, c := range w.Calls {
		if c.Actor == w.RotationFunction() && c.Outcome == Refused &&
			(!strings.Contains(c.Fix, "vpcSubnetIds") || strings.Contains(c.Fix, "the function's VPC instead")) {
			t.Errorf("walk-through: %s refused with fix %q, want the function run in a listed endpoint's VPC", c.Action, c.Fix)
		}
	}
}
