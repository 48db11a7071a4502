package blueprint

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The access rules read the access model (access.go): they are about what
// the policy and the key do together once deployed, not about one field.

// The access rules' IDs.
const (
	RuleNoLockout          RuleID = "no-lockout"
	RuleRotationNotBlocked RuleID = "rotation-not-blocked"
	RuleGivenKeyReaders    RuleID = "given-key-readers"
)

// accessRules join the rule list right after the other resource-policy
// rules, keeping Rules in teaching order. They live in their own file so that
// the rule list in rules.go keeps one entry per line of history.
var accessRules = []Rule{
	{
		ID: RuleNoLockout,
		Inputs: []string{"resourcePolicy.statements[*].effect", "resourcePolicy.statements[*].notPrincipal",
			"resourcePolicy.statements[*].action", "resourcePolicy.statements[*].notAction", "resourcePolicy.statements[*].condition", "resourcePolicy.statements[*].principal"},
		Scope:    []string{"resourcePolicy.exists"},
		Concerns: []Concern{ConcernPolicy},
		Title:    "No Deny statement locks administrators and deployments out",
		Severity: SeverityError,
		Reason: "A Deny statement beats every Allow, in the secret's policy and in every IAM policy, including " +
			"the administrator's. A Deny to everyone (principal \"*\", or NotPrincipal) over actions that manage " +
			"the secret (DescribeSecret, PutResourcePolicy, UpdateSecret, DeleteSecret and the rest) stops the " +
			"people who look after the secret, and the next CloudFormation or Terraform run, which reads and " +
			"changes the secret from outside your VPC. Nothing warns at deploy time: the Deny works exactly as " +
			"written, and the way back is a support case or the account's root user. Denying only what reads " +
			"the value (GetSecretValue) keeps the secret manageable, and a condition that leaves your " +
			"administrator and deploy roles out keeps them in charge.",
		Meets: "Every Deny statement whose principal is \"*\" or a NotPrincipal, and whose actions include " +
			"anything besides secretsmanager:GetSecretValue and secretsmanager:BatchGetSecretValue, has an " +
			"exception for named principals: ArnNotLike or ArnNotEquals on aws:PrincipalArn, or StringNotEquals " +
			"on aws:PrincipalAccount, aws:userid or aws:username. A Deny whose conditions are all about the " +
			"request itself (aws:SecureTransport, request tags, secretsmanager: request keys) stops a kind of " +
			"call rather than a person and needs no exception.",
		scope:       needsPolicy,
		checkAccess: checkNoLockout,
		effect:      "Deny",
	},
	{
		ID:       RuleRotationNotBlocked,
		Inputs:   append(statementAccessInputs(), "rotation.rotationLambdaArn", "rotation.hostedRotationLambda.vpcSubnetIds"),
		Scope:    []string{"resourcePolicy.exists", "rotation.exists"},
		Concerns: []Concern{ConcernPolicy, ConcernRotation},
		Title:    "No Deny statement blocks the rotation function",
		Severity: SeverityError,
		Reason: "The rotation function reads the current value, writes the new one and moves the version " +
			"stages (GetSecretValue, PutSecretValue, UpdateSecretVersionStage, DescribeSecret). It calls from " +
			"inside its VPC, through the Secrets Manager endpoint there, or the one secretsmith creates, whose " +
			"id is not known when the design is written, and with its own role, which the resource policy does " +
			"not name. A Deny by one endpoint id, by source IP address or to the whole account therefore stops " +
			"it, rotation fails, and the old value stays in use. An exception for someone else does not help: " +
			"a Deny that leaves an administrator's role out with ArnNotLike still applies to the hosted " +
			"function, whose role the stack creates with a name no policy written beforehand can list. The " +
			"deployment walk-through (secretsmith access) decides each Deny for the function's own identity " +
			"and network path.",
		Meets: "No Deny statement that covers one of those four actions applies to the rotation function for " +
			"certain: deny by aws:SourceVpc with the function's VPC rather than by one aws:SourceVpce id, leave " +
			"the function's role out with ArnNotLike on aws:PrincipalArn (for the hosted function, a pattern " +
			"that matches the role the stack creates), or leave the account out with StringNotEquals on " +
			"aws:PrincipalAccount. The rule does not apply when the secret does not rotate.",
		scope: func(d *Design) (bool, string) {
			if d.Rotation == nil {
				return false, "the secret does not rotate"
			}
			return true, ""
		},
		checkAccess: checkRotationNotBlocked,
		effect:      "Deny",
	},
	{
		ID:       RuleGivenKeyReaders,
		Inputs:   append([]string{"secret.kmsKeyArn", "secret.existingSecretArn", "secret.replicaRegions"}, statementAccessInputs()...),
		Scope:    []string{"resourcePolicy.exists"},
		Concerns: []Concern{ConcernSecret, ConcernPolicy},
		Title:    "A key secretsmith does not manage lets the secret's readers decrypt",
		Severity: SeverityWarning,
		Reason: "Reading a secret takes two permissions: the secret's policy must allow GetSecretValue, and " +
			"the key that encrypts it must let the caller decrypt through Secrets Manager. When secretsmith " +
			"creates the key it writes both. When the design names a key that already exists (or manages an " +
			"existing secret), secretsmith cannot see that key's policy, and a reader the secret's policy lets " +
			"in is refused by KMS unless the key's policy lets it in too. This is a warning because the key may " +
			"well allow it already.",
		Meets: "When the secret (or a replica) uses a key secretsmith does not create, its key policy lets every " +
			"principal the resource policy allows to read the value use kms:Decrypt with kms:ViaService " +
			"secretsmanager.<region>.amazonaws.com. secretsmith access prints the statement to add. When " +
			"secretsmith creates every key involved, it writes those statements itself and the rule is met.",
		scope:       needsPolicy,
		checkAccess: checkGivenKeyReaders,
	},
}

// statementAccessInputs are the statement fields the access model reads:
// every one but the Sid, which only labels the statement. Rules that read
// the whole statement list named resourcePolicy.statements, so a Sid typed
// wrong ("bad sid!") failed rotation-not-blocked and given-key-readers in
// the wizard (WithValidation) while check, which reads the same design,
// said both were met (trial 8a's W13): who may call has nothing to do with
// a statement's label.
func statementAccessInputs() []string {
	var out []string
	for _, f := range []string{"effect", "principal", "notPrincipal", "action", "notAction", "resource", "condition"} {
		out = append(out, "resourcePolicy.statements[*]."+f)
	}
	return out
}

func init() {
	// After resource-this-secret: the access rules build on the
	// statement-by-statement ones before them.
	i := slices.IndexFunc(rules, func(r Rule) bool { return r.ID == RuleResourceThisSecret })
	rules = slices.Insert(rules, i+1, accessRules...)
}

// hasDeny reports whether the policy has a Deny statement. The access
// rules test it first and build the model only when there is one, because
// Check runs on every keystroke.
func hasDeny(d *Design) bool {
	if d.ResourcePolicy != nil {
		for i := range d.ResourcePolicy.Statements {
			if equalFold(d.ResourcePolicy.Statements[i].Effect, "Deny") {
				return true
			}
		}
	}
	return false
}

// locksOut reports whether call c of the walk-through is one an
// administrator or a deployment cannot do without: a management call by
// the deployer or an administrator that a Deny refuses, or may refuse for
// a reason that names nobody (no exception for named principals, not just
// a kind of request).
func locksOut(w *Walk, c *Call, actor int) bool {
	switch w.Actors[actor].Kind {
	case ActorDeployer, ActorAdministrator:
	default:
		return false
	}
	if c.By != ByResourcePolicy || slices.Contains(ValueReadingActions, c.Action) {
		return false
	}
	return c.Outcome == Refused || (c.Outcome == Unsure && !c.Excepted && !c.RequestOnly)
}

func checkNoLockout(d *Design, access *accessOnce) []Finding {
	if !hasDeny(d) {
		return nil
	}
	w := access.walk()
	var bad []int
	cur := w.cursor()
	for c, ac := cur.next(); c != nil; c, ac = cur.next() {
		if locksOut(w, c, ac) && !slices.Contains(bad, c.Statement) {
			bad = append(bad, c.Statement)
		}
	}
	slices.Sort(bad)
	var out []Finding
	for _, s := range w.Access.Denies {
		if !slices.Contains(bad, s.Statement) {
			continue
		}
		st := &d.ResourcePolicy.Statements[s.Statement]
		when := ""
		if len(st.Condition) > 0 {
			when = " " + DescribeConditions(st.Condition)
		}
		what := actionList(s.Management)
		if len(s.Management) == len(Actions)-len(ValueReadingActions) {
			what = "every action that manages the secret (DescribeSecret, PutResourcePolicy, DeleteSecret, ...)"
		}
		who := "to everyone"
		if !s.Everyone {
			who = "to the secret's own account"
		}
		out = append(out, Finding{
			Path: StatementPath(s.Statement),
			Message: fmt.Sprintf("denies %s %s%s with no exception, so administrators and the next CloudFormation or "+
				"Terraform update are denied too; deny only secretsmanager:GetSecretValue, or add a condition such as "+
				"ArnNotLike on aws:PrincipalArn listing your administrator and deploy roles", what, who, when),
		})
	}
	return out
}

func checkRotationNotBlocked(d *Design, access *accessOnce) []Finding {
	if !hasDeny(d) {
		return nil
	}
	w := access.walk()
	fn := w.RotationFunction()
	type blocked struct {
		stmt int
		acts []string
	}
	var bs []blocked
	cur := w.cursor()
	for c, ac := cur.next(); c != nil; c, ac = cur.next() {
		if ac != fn || c.On != onSecret || c.Outcome != Refused || c.By != ByResourcePolicy {
			continue
		}
		i := slices.IndexFunc(bs, func(b blocked) bool { return b.stmt == c.Statement })
		if i < 0 {
			bs = append(bs, blocked{stmt: c.Statement})
			i = len(bs) - 1
		}
		bs[i].acts = append(bs[i].acts, c.Action)
	}
	slices.SortFunc(bs, func(x, y blocked) int { return x.stmt - y.stmt })
	// Where your own function calls from, when the account says.
	var network *FunctionNetwork
	if access.env != nil && d.Rotation.HostedRotationLambda == nil {
		network = access.env.RotationNetwork
	}
	var out []Finding
	for _, b := range bs {
		st := &d.ResourcePolicy.Statements[b.stmt]
		why, fix := "to every caller", "deny by aws:SourceVpc with the function's VPC instead of an endpoint id"
		// What the verdict rests on besides the statement: the endpoint
		// the hosted function calls through, which a template does not
		// record. (A function in a VPC whose id is not known is not
		// refused by aws:SourceVpc in the first place.)
		depends := ""
		inVPC := network == nil && d.Rotation.HostedRotationLambda != nil && len(d.Rotation.HostedRotationLambda.VPCSubnetIDs) > 0
		switch {
		case slices.ContainsFunc(st.Condition, func(x Condition) bool { return strings.EqualFold(x.Key, "aws:SourceVpce") }):
			if inVPC {
				depends = "rotation.hostedRotationLambda.endpoint"
			}
			why = "outside the listed endpoints, and the function calls through the endpoint of its own VPC, whose id the design does not know"
			if h := d.Rotation.HostedRotationLambda; h != nil && h.EndpointID() != "" {
				why = "outside the listed endpoints, and the function calls through " + h.EndpointID() + ", which the statement does not list"
			}
			if h := d.Rotation.HostedRotationLambda; h != nil && len(h.VPCSubnetIDs) == 0 {
				// Outside any VPC the function calls the public endpoint:
				// its requests carry no endpoint id at all.
				why = "outside the listed endpoints, and the function runs outside any VPC, so its calls reach the public endpoint and carry no endpoint id"
				fix = fixRunInEndpointVPC
			}
			if network != nil {
				how, _ := network.reaches()
				why = "outside the listed endpoints, and the account says the function calls from " + cmp.Or(how, "subnets with no way out")
				if network.Endpoint != "" {
					why += ", which the statement does not list"
				}
			}
		case slices.ContainsFunc(st.Condition, func(x Condition) bool { return strings.EqualFold(x.Key, "aws:SourceVpc") }):
			why = "outside the listed VPCs, and the rotation function calls from another VPC, or from none (no subnets, or through a NAT gateway)"
		case access.env != nil && access.env.OrganizationID != "" &&
			slices.ContainsFunc(st.Condition, func(x Condition) bool { return strings.EqualFold(x.Key, "aws:PrincipalOrgID") }):
			why = "outside the organizations it names, and the account says the function's account is in " + access.env.OrganizationID
			fix = "add " + access.env.OrganizationID + " to its aws:PrincipalOrgID values"
		case slices.ContainsFunc(st.Condition, func(x Condition) bool { return strings.EqualFold(x.Key, "aws:SourceIp") }):
			why = "by source address, and calls from inside a VPC carry no public address"
		case slices.ContainsFunc(st.Condition, isException):
			why = "to every principal it does not name, and the function's role is not among them"
		case st.Principal != nil && !st.Principal.IsEveryone():
			why = "to the secret's own account, which the function's role belongs to"
		}
		if h := d.Rotation.HostedRotationLambda; h != nil && h.EndpointID() != "" {
			fix = "list " + h.EndpointID() + " in its aws:SourceVpce"
		}
		if network != nil && network.Endpoint != "" {
			fix = "list " + network.Endpoint + " in its aws:SourceVpce"
		}
		out = append(out, Finding{
			Path: StatementPath(b.stmt),
			Message: fmt.Sprintf("denies %s %s, so rotation would fail; %s, or leave the function's role out with ArnNotLike on aws:PrincipalArn",
				actionList(ExpandActions(b.acts)), why, fix),
			DependsOn: depends,
		})
	}
	return out
}

// givenKey reports whether k names a customer managed key secretsmith does
// not create; AWS managed keys are customer-managed-key's to report.
func givenKey(k string) bool { return k != "" && !strings.Contains(k, "aws/") }

func checkGivenKeyReaders(d *Design, access *accessOnce) []Finding {
	if !d.IsExisting() && !givenKey(d.Secret.KMSKeyARN) &&
		!slices.ContainsFunc(d.Secret.ReplicaRegions, func(r Replica) bool { return givenKey(r.KMSKeyARN) }) {
		return nil
	}
	w := access.walk()
	// The readers' decrypt calls the walk-through cannot decide, by the
	// key (the design path) they need. Each reader is one actor with one
	// decrypt call per key, so a reader is listed once per key by its
	// actor, without comparing labels (which made this rule a tenth of
	// Check on a 20-reader policy).
	// A refused call is one the account answered for (the key's real
	// policy, through the Environment): listed apart, as a fact.
	type need struct {
		path    string
		refused bool
		names   []string
		last    int
	}
	// A design has a key or two: the needs stay on the stack.
	var needBuf [4]need
	needs := needBuf[:0]
	readers := 0
	for i := range w.Actors {
		if w.Actors[i].Kind == ActorReader {
			readers++
		}
	}
	cur := w.cursor()
	for c, actor := cur.next(); c != nil; c, actor = cur.next() {
		// The small fields first: most calls are not the key policy's.
		if c.By != ByKeyPolicy || (c.Outcome != Unsure && c.Outcome != Refused) || c.Action != actionDecrypt {
			continue
		}
		ac := &w.Actors[actor]
		if ac.Kind != ActorReader {
			continue
		}
		refused := c.Outcome == Refused
		k := slices.IndexFunc(needs, func(n need) bool { return n.path == c.Path && n.refused == refused })
		if k < 0 {
			// Every reader may need the key: grow the list once.
			needs = append(needs, need{path: c.Path, refused: refused, names: make([]string, 0, readers), last: -1})
			k = len(needs) - 1
		}
		if n := &needs[k]; n.last != actor {
			n.names, n.last = append(n.names, ac.Label), actor
		}
	}
	region := w.Access.Region
	if region == "" {
		region = "<region>"
	}
	var out []Finding
	if len(needs) > 0 {
		out = make([]Finding, 0, len(needs))
	}
	for _, n := range needs {
		p, names := n.path, n.names
		var msg string
		switch {
		case n.refused:
			msg = sentence("is managed outside these templates, and its key policy in the account does not let ", names,
				" use kms:Decrypt through Secrets Manager, so they cannot read the value; secretsmith access prints the statement to add")
		case p == "secret.existingSecretArn":
			msg = sentence("is encrypted with a key secretsmith does not see; its key policy must let ", names,
				" use kms:Decrypt through secretsmanager.", region, "; secretsmith access prints the statement")
		case p == "secret.kmsKeyArn":
			msg = sentence("is managed outside these templates; its key policy must let ", names,
				" use kms:Decrypt through secretsmanager.", region, "; secretsmith access prints the statement to add")
		default:
			i := replicaIndex(p)
			r := d.Secret.ReplicaRegions[i]
			msg = sentence("is managed outside these templates; its key policy must let ", names,
				" use kms:Decrypt through secretsmanager.", replicaRegionName(r), " to read the replica; secretsmith access prints the statement to add")
		}
		out = append(out, Finding{Path: p, Message: msg})
	}
	return out
}

// sentence is head, then names joined with ", ", then the tail's parts, as
// one string built once: a policy's readers make it long, and joining the
// names first and the parts after copied it twice on every keystroke.
func sentence(head string, names []string, tail ...string) string {
	n := len(head) + 2*max(len(names)-1, 0)
	for _, s := range names {
		n += len(s)
	}
	for _, s := range tail {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(head)
	for i, s := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	for _, s := range tail {
		b.WriteString(s)
	}
	return b.String()
}

// replicaIndex is i of a path secret.replicaRegions[i].kmsKeyArn.
func replicaIndex(path string) int {
	rest := strings.TrimPrefix(path, "secret.replicaRegions[")
	n, _ := strconv.Atoi(rest[:strings.IndexByte(rest, ']')])
	return n
}

// actionList writes actions without their prefix, such as
// "DeleteSecret, PutResourcePolicy and 3 more".
func actionList(acts []string) string {
	const show = 4
	names := make([]string, 0, show)
	for i, a := range acts {
		if i == show {
			break
		}
		names = append(names, strings.TrimPrefix(a, "secretsmanager:"))
	}
	s := strings.Join(names, ", ")
	if len(acts) == len(Actions) {
		return "every action (" + s + ", ...)"
	}
	if n := len(acts) - show; n > 0 {
		s += fmt.Sprintf(" and %d more", n)
	}
	return s
}
