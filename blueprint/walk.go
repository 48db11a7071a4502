package blueprint

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The deployment walk-through: every actor that touches the deployed secret,
// the calls each one makes in each phase of the secret's life, and, for
// each call, whether everything that can refuse it lets it through.
//
// A policy is never wrong on its own; it is wrong for someone. A Deny
// "outside my endpoint" is right for the application and wrong for the
// Terraform runner that reads the value at every refresh from CI. So the
// walk-through does not ask whether a statement is good: it walks the
// deployer, the administrators, the rotation function, Secrets Manager
// invoking it, every reader, EventBridge and AWS Config through create,
// first rotation, steady reads, update and delete, and evaluates each call
// against the resource policy (its Allows and its Denies, with each
// condition decided for that caller: aws:PrincipalArn, aws:SourceVpc,
// aws:SourceVpce, aws:PrincipalOrgID...), the key policy, the function's
// own policy, the network path and the order resources are created in.
// The access, rotation and network rules read their answers here, as do
// 'secretsmith access', the wizard's "Who can read this?" pane and
// generate's key policies.

// Phase is one stage in the life of a deployed secret.
type Phase uint8

// The phases, in the order they happen.
const (
	// PhaseCreate is the first deployment: the stack or the first
	// terraform apply, in the order the template creates things.
	PhaseCreate Phase = iota
	// PhaseRotation is the first rotation (at once, when the schedule is
	// created) and every later one.
	PhaseRotation
	// PhaseReads is steady use: readers read the value, AWS Config looks.
	PhaseReads
	// PhaseUpdate is a later stack update, terraform plan or apply (each of
	// which refreshes every resource first), or a change an alert reports.
	PhaseUpdate
	// PhaseDelete is deleting the stack or terraform destroy, and
	// restoring a deleted secret in its recovery window.
	PhaseDelete
)

// numPhases counts the phases, PhaseDelete being the last (a test holds it
// equal to len(Phases)).
const numPhases = int(PhaseDelete) + 1

// Phases lists every phase in order.
var Phases = []Phase{PhaseCreate, PhaseRotation, PhaseReads, PhaseUpdate, PhaseDelete}

// String names the phase for people: "create", "rotation", ...
func (p Phase) String() string { return phaseWords[min(int(p), len(phaseWords)-1)][0] }

// Key names the phase for scripts: create, rotation, reads, update, delete.
func (p Phase) Key() string { return phaseWords[min(int(p), len(phaseWords)-1)][1] }

// phaseWords are each phase's String and Key, and a last pair for a value
// out of range.
var phaseWords = [...][2]string{
	{"create", "create"}, {"rotation", "rotation"}, {"steady reads", "reads"},
	{"update and refresh", "update"}, {"delete and restore", "delete"}, {"phase", "phase"},
}

// ActorKind says what an actor is.
type ActorKind uint8

// The kinds of actor.
const (
	// ActorDeployer is what creates and updates the resources: the
	// CloudFormation caller or service role, or the Terraform runner.
	ActorDeployer ActorKind = iota
	// ActorAdministrator is a principal a Deny statement names as an
	// exception (ArnNotLike or ArnNotEquals on aws:PrincipalArn).
	ActorAdministrator
	// ActorRotationFunction is the function that rotates the value.
	ActorRotationFunction
	// ActorSecretsManager is Secrets Manager itself, invoking the
	// rotation function.
	ActorSecretsManager
	// ActorReader is a group of callers the resource policy lets read.
	ActorReader
	// ActorEventBridge is EventBridge, publishing alerts to the topic.
	ActorEventBridge
	// ActorConfig is AWS Config's service-linked role, evaluating the
	// secret against its managed rules.
	ActorConfig
)

// Key names the kind for scripts.
func (k ActorKind) Key() string {
	return [...]string{"deployer", "administrator", "rotation-function", "secrets-manager", "reader", "eventbridge", "config"}[k]
}

// Outcome is what happens to one call.
type Outcome uint8

// The outcomes.
const (
	// Allowed: everything that can refuse the call lets it through.
	Allowed Outcome = iota
	// Refused: something refuses it for certain.
	Refused
	// Unsure: it depends on something the design does not say, such as
	// the deploy role's ARN or a key policy managed elsewhere.
	Unsure
)

// Key names the outcome for scripts: allowed, refused, unsure.
func (o Outcome) Key() string { return [...]string{"allowed", "refused", "unsure"}[o] }

// Mark is ✓, ✗ or ?.
func (o Outcome) Mark() string { return [...]string{"✓", "✗", "?"}[o] }

// Refuser is what can refuse a call.
type Refuser uint8

// The things that can refuse a call.
const (
	// ByNothing: the call is allowed, or nothing in particular decides.
	ByNothing Refuser = iota
	// ByResourcePolicy: the secret's resource policy (a Deny, or no
	// Allow for a caller of another account).
	ByResourcePolicy
	// ByKeyPolicy: the policy of the key the call needs.
	ByKeyPolicy
	// ByFunctionPolicy: the rotation function's resource policy.
	ByFunctionPolicy
	// ByTopicPolicy: the alert topic's policy (or its key's).
	ByTopicPolicy
	// ByNetwork: the route from the caller's subnets to Secrets Manager.
	ByNetwork
	// ByOrdering: the order the template creates resources in.
	ByOrdering
	// ByIdentityPolicy: the caller's own IAM policy, in its account.
	ByIdentityPolicy
)

// Key names the refuser for scripts.
func (r Refuser) Key() string {
	return [...]string{"", "resource-policy", "key-policy", "function-policy", "topic-policy", "network", "ordering", "identity-policy"}[r]
}

// Actor is one caller in the walk-through.
type Actor struct {
	// Label names the actor in plain words.
	Label string
	// ID is the actor's ARN, service principal or group id, when known.
	ID string
	// Group is the actor's index in Access.Groups (a reader, the rotation
	// function), or -1.
	Group int
	// From says where the actor calls from.
	From string
	// Templates are the kinds of template the actor works for: the
	// CloudFormation and Terraform deployers make different calls.
	Templates Template
	// Kind sits beside Templates (it was the first field), in the bytes
	// its alignment leaves: 72 bytes an actor became 64.
	Kind ActorKind
}

// Call is one call an actor makes in one phase, and what happens to it.
// Its small fields come last, packed: a walk-through holds a few hundred
// calls and is built on every keystroke.
type Call struct {
	// Actor is the index in Walk.Actors.
	Actor int
	// Action is the IAM action, such as secretsmanager:GetSecretValue,
	// kms:Decrypt or lambda:InvokeFunction.
	Action string
	// On names what the call is made on: "the secret", "the secret's key",
	// "the master secret", "the rotation function", "the alert topic".
	On string
	// Why says why the actor makes it.
	Why string
	// Statement is the resource-policy statement that refuses the call or
	// may refuse it, or -1.
	Statement int
	// Reason says why the call is allowed, refused or unsure; Fix what to
	// change when it is not allowed, at design path Path (when there is
	// one).
	Reason, Fix, Path string

	Phase Phase
	// Templates are the kinds of template whose deployment makes the call.
	Templates Template
	Outcome   Outcome
	By        Refuser
	// Excepted reports a Deny that leaves named principals out (such as
	// ArnNotLike on aws:PrincipalArn): the call is refused unless the
	// actor is among them, which the design does not say.
	Excepted bool
	// RequestOnly reports a Deny whose undecided conditions are all about
	// the request (plain HTTP, request tags and parameters), which the
	// caller can always make differently.
	RequestOnly bool

	// networkOnly reports a Deny whose undecided conditions are all about
	// where the call comes from.
	networkOnly bool
}

// networkKeys say where a call comes from.
var networkKeys = []string{"aws:SourceVpce", "aws:SourceVpc", "aws:SourceIp", "aws:VpcSourceIp"}

// OK reports whether the call is allowed.
func (c Call) OK() bool { return c.Outcome == Allowed }

// Environment is what the AWS account says beyond the design: who deploys,
// from where, which organization, what a function's or key's policy
// allows. Every field is optional; the zero value means "not known", and
// the walk-through then says Unsure where the answer depends on it.
// 'secretsmith access --aws' fills it from the account.
type Environment struct {
	// DeployerARN is the role CloudFormation or Terraform runs as (its
	// aws:PrincipalArn: a role ARN, not a session ARN).
	DeployerARN string
	// DeployerVPC and DeployerVPCE are where the Terraform runner calls
	// Secrets Manager from; both empty means outside any VPC, as CI
	// runners and laptops are. CloudFormation always calls from outside.
	DeployerVPC, DeployerVPCE string
	// RotationRoleARN is the rotation function's execution role.
	RotationRoleARN string
	// Account is the account the secret deploys into (the --aws
	// caller's), for a design that names none.
	Account string
	// OrganizationID is the secret's account's organization.
	OrganizationID string
	// FunctionAllowsSecretsManager says whether your own rotation
	// function's resource policy lets secretsmanager.amazonaws.com invoke
	// it; nil means not known.
	FunctionAllowsSecretsManager *bool
	// KeyAnswers are what given keys' real policies say about readers.
	KeyAnswers []KeyAnswer
	// MasterDBHost is the address RDS gives the database whose master
	// user secret RDS manages and the design names as masterSecretArn
	// (DescribeDBInstances' Endpoint.Address, or DescribeDBClusters'
	// Endpoint); "" when not known.
	MasterDBHost string
	// MasterDBID is that database's identifier (DBInstanceIdentifier or
	// DBClusterIdentifier), for a design that attaches the secret to a
	// database target; "" when not known.
	MasterDBID string
	// KeyRotation says whether the key the design names
	// (secret.kmsKeyArn, one secretsmith does not create) rotates, as
	// the account says; nil means not known.
	KeyRotation *bool
	// RotationNetwork is where your own (or a deployed) rotation function
	// runs, as the account says; nil means not known.
	RotationNetwork *FunctionNetwork
	// HostedNetwork is the network of the hosted function's subnets
	// (rotation.hostedRotationLambda.vpcSubnetIds), as the account says;
	// nil means not known.
	HostedNetwork *FunctionNetwork
}

// FunctionNetwork is a rotation function's way to the Secrets Manager API,
// as the account says: its VPC configuration, its subnets' route tables
// and the VPC's endpoints.
type FunctionNetwork struct {
	// VPC is the function's VPC; "" when it runs outside any VPC, where
	// it reaches the public endpoint.
	VPC     string
	Subnets []string
	// Endpoint is the VPC's interface endpoint for Secrets Manager with
	// private DNS, through which the function's calls go; "" when none.
	Endpoint string
	// RDSEndpoint is the VPC's interface endpoint for the RDS API
	// (com.amazonaws.REGION.rds) with private DNS; "" when none.
	RDSEndpoint string
	// NAT lists the subnets whose default route (0.0.0.0/0) goes to a NAT
	// gateway. A route to an internet gateway is no way out for a
	// function: Lambda gives its network interfaces no public address.
	NAT []string
}

// reaches reports how the function's calls reach Secrets Manager: through
// the endpoint, through NAT from every subnet, or from outside any VPC;
// and the subnets with no way out when none of those holds.
func (n *FunctionNetwork) reaches() (how string, stuck []string) {
	switch {
	case n.VPC == "":
		return "outside any VPC, to the public endpoint", nil
	case n.Endpoint != "":
		return "its subnets, through the VPC's endpoint " + n.Endpoint, nil
	}
	if stuck = n.noNAT(); len(stuck) == 0 {
		return "its subnets, through a NAT gateway to the public endpoint", nil
	}
	return "", stuck
}

// noNAT lists the subnets whose default route is not a NAT gateway.
func (n *FunctionNetwork) noNAT() (stuck []string) {
	for _, s := range n.Subnets {
		if !slices.Contains(n.NAT, s) {
			stuck = append(stuck, s)
		}
	}
	return stuck
}

// path is the network path the function's calls carry, for the
// conditions of Deny statements.
func (n *FunctionNetwork) path() netPath {
	switch {
	case n.VPC == "":
		return netPath{known: true, outside: true}
	case n.Endpoint != "":
		return netPath{known: true, vpc: n.VPC, vpce: n.Endpoint}
	}
	// Through NAT, from the gateway's public address (and from no
	// endpoint); a subnet with no way out makes no call at all.
	return netPath{known: true, outside: true, nat: true}
}

// KeyAnswer is what a key's real policy says about one reader group.
type KeyAnswer struct {
	// Key is the key's ARN as the design names it.
	Key string
	// Reader is the reader group's label (AccessGroup.Label).
	Reader  string
	Decrypt bool
}

// Walk is the deployment walk-through of one design.
type Walk struct {
	// Access is the access model the walk-through builds on.
	Access *Access
	Env    Environment
	Actors []Actor
	// Calls are in phase order, then actor order.
	Calls []Call
	// PolicyAfterRotation reports that a CloudFormation template must
	// create the resource policy after the rotation schedule and the
	// database attachment (DependsOn): the policy has a Deny, and those two
	// make calls with the deployer's identity as they are created.
	PolicyAfterRotation bool

	// pending holds the calls, decided, before they are laid out in Calls
	// (layOut); nil once they are. Check's rules read them where they are
	// (cursor), so a keystroke does not copy every reader's calls into one
	// array of a few hundred calls that only a view reads.
	pending *pendingCalls
}

// pendingCalls are a walk-through's decided calls before layOut: every
// call but the readers' in the order of Calls, and each reader's own two
// calls, which go at readsAt with the decrypt calls in the replica regions
// that every reader makes alike.
type pendingCalls struct {
	// other are the calls of every actor but the readers, in order.
	other []Call
	// readsAt is where in other the readers' calls go: after the calls of
	// the actors before them in the reads phase.
	readsAt int
	// first is the first reader actor; readers[i] are actor first+i's
	// two calls (readerCalls), as indexes in made, whose calls have no
	// Actor (-1): most readers' are the same.
	first   int
	readers [][2]int32
	made    []Call
	// replicas are a reader's decrypt calls in each replica region, with
	// no Actor (-1; replicaReads).
	replicas []Call
}

// index is the index of c in p.made, added when new.
func (p *pendingCalls) index(c *Call) int32 {
	for i := range p.made {
		if p.made[i] == *c {
			return int32(i)
		}
	}
	p.made = append(p.made, *c)
	return int32(len(p.made) - 1)
}

// callCursor reads a walk-through's calls in the order of Calls, whether
// they are laid out there yet or not, without copying any: next gives each
// in turn with its actor, then nil. A reader's call is the one every reader
// who makes it shares, its Actor -1: the actor next gives says whose it
// is.
type callCursor struct {
	w *Walk
	// i is the next call in Calls, or in pendingCalls.other; r and k are
	// the next reader (in pendingCalls.readers) and which of its calls.
	i, r, k int
}

// cursor starts reading w's calls (callCursor).
func (w *Walk) cursor() callCursor { return callCursor{w: w} }

func (cur *callCursor) next() (c *Call, actor int) {
	w := cur.w
	p := w.pending
	if p == nil {
		if cur.i < len(w.Calls) {
			c = &w.Calls[cur.i]
			cur.i++
			return c, c.Actor
		}
		return nil, -1
	}
	if cur.i < p.readsAt || cur.r == len(p.readers) {
		if cur.i < len(p.other) {
			c = &p.other[cur.i]
			cur.i++
			return c, c.Actor
		}
		return nil, -1
	}
	if cur.k < 2 {
		c = &p.made[p.readers[cur.r][cur.k]]
	} else {
		c = &p.replicas[cur.k-2]
	}
	actor = p.first + cur.r
	if cur.k++; cur.k == 2+len(p.replicas) {
		cur.k, cur.r = 0, cur.r+1
	}
	return c, actor
}

// layOut puts the decided calls in Calls, at once in an array of their
// exact size.
func (w *Walk) layOut() {
	p := w.pending
	if p == nil {
		return
	}
	calls := make([]Call, 0, len(p.other)+len(p.readers)*(2+len(p.replicas)))
	cur := w.cursor()
	for c, ac := cur.next(); c != nil; c, ac = cur.next() {
		calls = append(calls, *c)
		calls[len(calls)-1].Actor = ac
	}
	w.Calls, w.pending = calls, nil
}

// The things calls are made on.
const (
	onSecret       = "the secret"
	onKey          = "the secret's key"
	onMaster       = "the master secret"
	onMasterKey    = "the master secret's key"
	onFunction     = "the rotation function"
	onTopic        = "the alert topic"
	onSecretsAPI   = "the Secrets Manager API"
	onRDSAPI       = "the RDS API"
	onMasterDB     = "the database, as the master user"
	actionSignIn   = "database:SignIn"
	actionInvoke   = "lambda:InvokeFunction"
	actionPublish  = "sns:Publish"
	actionDecrypt  = "kms:Decrypt"
	actionGenerate = "kms:GenerateDataKey"
	actionConnect  = "network:Connect"
)

// Walk works out the deployment walk-through of the design, with what env
// says about the account (nil: nothing).
func (d *Design) Walk(env *Environment) *Walk {
	w := d.walkWith(d.Access(), env)
	w.layOut()
	return w
}

func (d *Design) walkWith(a *Access, env *Environment) *Walk {
	w := &Walk{Access: a}
	if env != nil {
		w.Env = *env
	}
	w.Actors = make([]Actor, 0, actorBound(d, a))
	// The calls are gathered by phase in buffers kept from one walk to the
	// next, so the array of the calls other than the readers' is allocated
	// once, at its exact size, and each call is copied into it once, in
	// phase order (Check builds this on every keystroke, and growing or
	// sorting it in place copied each call several times). The readers'
	// calls are kept apart until a view asks for Calls
	// (layOut).
	byPhase := phaseBuffers.Get().(*[numPhases][]Call)
	b := walker{d: d, w: w, a: a, byPhase: byPhase}
	if d.ResourcePolicy != nil {
		b.stmts = d.ResourcePolicy.Statements
	}
	b.hasDeny = hasDeny(d)
	w.PolicyAfterRotation = b.hasDeny && (d.Rotation != nil || d.Secret.Database.HasTarget())
	b.deployers()
	b.administrators()
	b.rotation()
	// The readers' calls are most of the walk-through (each reader reads,
	// decrypts, and decrypts in every replica region with a key of its
	// own), all in the reads phase, between the calls of the actors before
	// them and after them: they are kept as each reader's two calls and
	// the replicas' calls they share (pendingCalls).
	p := &pendingCalls{first: len(w.Actors)}
	w.pending = p
	b.readerActors()
	p.readers = make([][2]int32, len(w.Actors)-p.first)
	// Readers mostly make the same two calls: room for those, and append
	// grows it for readers who differ.
	p.made = make([]Call, 0, 2)
	p.replicas = b.replicaReads()
	b.services()
	n := 0
	for _, cs := range byPhase {
		n += len(cs)
	}
	p.other = make([]Call, 0, n)
	for ph, cs := range byPhase {
		if Phase(ph) == PhaseReads {
			// Calls of actors before the readers, the readers', then the
			// calls of actors after them: actor order within the phase.
			k := 0
			for k < len(cs) && cs[k].Actor < p.first {
				k++
			}
			p.readsAt = len(p.other) + k
		}
		p.other = append(p.other, cs...)
		// The buffers keep their strings until the next walk overwrites
		// them; the pool drops them at the next collections anyway.
		byPhase[ph] = cs[:0]
	}
	phaseBuffers.Put(byPhase)
	for i := range p.readers {
		read, decrypt := b.readerCalls(p.first + i)
		p.readers[i] = [2]int32{p.index(&read), p.index(&decrypt)}
	}
	return w
}

// actorBound bounds the number of actors a walk-through of d makes: two
// deployers, the administrators (administrators), Secrets Manager and the
// rotation function, the readers (readerActors), EventBridge and AWS
// Config. A bound too small only makes the slice grow.
func actorBound(d *Design, a *Access) int {
	n := 6
	if hasDeny(d) {
		n++ // the account's administrators
		for i := range d.ResourcePolicy.Statements {
			st := &d.ResourcePolicy.Statements[i]
			if !equalFold(st.Effect, "Deny") {
				continue
			}
			for _, c := range st.Condition {
				if strings.EqualFold(c.Key, "aws:PrincipalArn") && isNegated(c.Operator) {
					n += len(c.Values)
				}
			}
		}
	}
	for i := range a.Groups {
		if g := &a.Groups[i]; g.Reads && g.Kind != GroupRotation {
			n++
		}
	}
	return n
}

// phaseBuffers holds a *[numPhases][]Call: a walk's calls by phase.
var phaseBuffers = sync.Pool{New: func() any { return new([numPhases][]Call) }}

// add records a decided call.
func (b *walker) add(c Call) { b.byPhase[c.Phase] = append(b.byPhase[c.Phase], c) }

// walker builds one Walk.
type walker struct {
	d       *Design
	w       *Walk
	a       *Access
	stmts   []Statement
	hasDeny bool
	// byPhase are the calls walked so far, by phase.
	byPhase *[numPhases][]Call
}

// account is the secret's account: as the design's ARNs say, else as the
// account read says (Environment.Account), else "".
func (b *walker) account() string { return cmp.Or(b.a.Account, b.w.Env.Account) }

func (b *walker) actor(ac Actor) int {
	b.w.Actors = append(b.w.Actors, ac)
	return len(b.w.Actors) - 1
}

// callerGroup is an actor as the access model sees a caller: its
// principal, account, organization and network path, so the Deny
// statements can be decided for it as they are for a reader.
func (b *walker) callerGroup(arn, account string, path netPath, direct bool) AccessGroup {
	g := AccessGroup{Kind: GroupPrincipal, ID: arn, Account: account, path: path, direct: direct}
	if org := b.w.Env.OrganizationID; org != "" {
		g.caller = &callerID{org: org}
	}
	if account == "" {
		g.Account = arnAccount(arn)
	}
	return g
}

// denyVerdict is what the Deny statements do to action for caller g (whose
// grants name the actions it makes): the first statement that refuses it
// for certain, else the first that may.
func (b *walker) denyVerdict(g *AccessGroup, cuts []Cut, action string) (Call, bool) {
	var maybe *Cut
	for i := range cuts {
		c := &cuts[i]
		if !slices.Contains(c.Actions, action) {
			continue
		}
		if c.Always {
			st := &b.stmts[c.Statement]
			return Call{Outcome: Refused, By: ByResourcePolicy, Statement: c.Statement, Path: StatementPath(c.Statement),
				Reason: statementName(c.Statement, c.Sid) + " denies it" + denyWhen(st)}, true
		}
		if maybe == nil {
			maybe = c
		}
	}
	if maybe == nil {
		return Call{}, false
	}
	out := Call{Outcome: Unsure, By: ByResourcePolicy, Statement: maybe.Statement, Path: StatementPath(maybe.Statement),
		Reason: strings.TrimSpace(statementName(maybe.Statement, maybe.Sid) + " denies it " + DescribeConditions(maybe.When))}
	out.RequestOnly = len(maybe.When) > 0
	out.networkOnly = len(maybe.When) > 0
	for _, w := range maybe.When {
		if !slices.ContainsFunc(networkKeys, func(k string) bool { return strings.EqualFold(k, w.Key) }) {
			out.networkOnly = false
		}
		if isException(w) {
			out.Excepted = true
		}
		if !requestOnly(w) {
			out.RequestOnly = false
		}
	}
	if maybe.MaybePrincipal {
		out.Reason += " (if its principals include this caller)"
	}
	return out, true
}

func denyWhen(st *Statement) string {
	if len(st.Condition) == 0 {
		return ""
	}
	return " " + DescribeConditions(st.Condition)
}

func statementName(i int, sid string) string {
	if sid != "" {
		return sid
	}
	return "statement " + strconv.Itoa(i+1)
}

// callSpec is one call an actor makes, before it is decided.
type callSpec struct {
	phase     Phase
	action    string
	why       string
	templates Template
}

// decideSecretCalls decides calls on the secret for caller g against the
// resource policy's Deny statements: the caller's own IAM policy allows
// them (it is in the secret's account), so only a Deny can refuse them.
func (b *walker) decideSecretCalls(actor int, g *AccessGroup, specs []callSpec, fix string) {
	var cuts []Cut
	if b.hasDeny {
		// g's grants (the actions it makes) are what the Deny statements
		// are cut against; without a Deny nothing reads them.
		var acts []string
		for _, s := range specs {
			acts = appendUnique(acts, s.action)
		}
		g.Grants = []Grant{{Statement: -1, Actions: ExpandActions(acts)}}
		cuts = b.a.cuts(g, b.stmts)
	}
	for _, s := range specs {
		c, denied := b.denyVerdict(g, cuts, s.action)
		if !denied {
			c = Call{Outcome: Allowed, Statement: -1, Reason: "no Deny statement applies to it"}
		} else if c.Outcome != Allowed {
			c.Fix = fix
		}
		c.Phase, c.Actor, c.Action, c.On, c.Why, c.Templates = s.phase, actor, s.action, onSecret, s.why, s.templates
		b.add(c)
	}
}

// deployers walks CloudFormation and the Terraform runner through the
// calls their resource handlers make with the deployer's identity.
func (b *walker) deployers() {
	d, env := b.d, b.w.Env
	existing := d.IsExisting()
	rot := d.Rotation != nil
	attach := d.Secret.Database.HasTarget() && !existing
	policy := d.ResourcePolicy != nil && len(b.stmts) > 0
	deleteNow := !existing && d.Secret.RecoveryWindow() == 0

	// CloudFormation calls from the service, outside any VPC: requests it
	// makes carry neither aws:SourceVpc nor aws:SourceVpce.
	id := env.DeployerARN
	label := "CloudFormation (the stack's service role or its caller)"
	if id != "" {
		label = "CloudFormation as " + id
	}
	cfn := b.actor(Actor{Kind: ActorDeployer, Label: label, ID: id, Group: -1, From: "CloudFormation, outside any VPC", Templates: CloudFormationTemplate})
	specs := make([]callSpec, 0, 10) // the most either deployer makes
	add := func(ok bool, ph Phase, action, why string, t Template) {
		if ok {
			specs = append(specs, callSpec{ph, action, why, t})
		}
	}
	const c = CloudFormationTemplate
	// In create, the schedule and the attachment run before the policy
	// exists when the template orders it after them (PolicyAfterRotation),
	// so only the update phase meets the policy.
	add(rot, PhaseUpdate, "secretsmanager:RotateSecret", "a stack update that changes the rotation schedule sets it again", c)
	add(attach, PhaseUpdate, "secretsmanager:GetSecretValue", "a stack update that changes the target attachment reads the value to add the host and port", c)
	add(attach, PhaseUpdate, "secretsmanager:PutSecretValue", "and writes it back", c)
	add(true, PhaseUpdate, "secretsmanager:DescribeSecret", "every stack update reads the secret first", c)
	add(!existing, PhaseUpdate, "secretsmanager:UpdateSecret", "a change to the description or the key", c)
	add(!existing, PhaseUpdate, "secretsmanager:TagResource", "a change to the tags", c)
	add(policy, PhaseUpdate, "secretsmanager:PutResourcePolicy", "a change to the resource policy", c)
	add(policy, PhaseDelete, "secretsmanager:DeleteResourcePolicy", "deleting the stack removes the policy", c)
	add(deleteNow, PhaseDelete, "secretsmanager:DeleteSecret", "deleting the stack deletes the secret (no recovery window)", c)
	g := b.callerGroup(id, b.account(), netPath{known: true, outside: true}, false)
	b.createOrdering(cfn)
	b.decideSecretCalls(cfn, &g, specs, deployerFix(CloudFormationTemplate))

	// Terraform calls from wherever it runs: CI, a laptop, or a runner in
	// the VPC (Environment says).
	path := netPath{known: true, outside: env.DeployerVPC == "" && env.DeployerVPCE == "", vpc: env.DeployerVPC, vpce: env.DeployerVPCE}
	from := "wherever terraform runs; taken to be outside any VPC, as CI runners are"
	if !path.outside {
		from = "inside " + strings.TrimSpace(env.DeployerVPC+" "+env.DeployerVPCE)
	}
	label = "Terraform (the role it runs as)"
	if id != "" {
		label = "Terraform as " + id
	}
	tf := b.actor(Actor{Kind: ActorDeployer, Label: label, ID: id, Group: -1, From: from, Templates: TerraformTemplate})
	specs = specs[:0] // decideSecretCalls keeps nothing of them
	const t = TerraformTemplate
	// aws_secretsmanager_secret_version reads the value with
	// GetSecretValue after it is created and at every refresh
	// (internal/service/secretsmanager/secret_version.go, resourceSecretVersionRead),
	// and the policy is not ordered before it.
	add(!existing, PhaseCreate, "secretsmanager:PutSecretValue", "aws_secretsmanager_secret_version writes the first value", t)
	add(!existing, PhaseCreate, "secretsmanager:GetSecretValue", "aws_secretsmanager_secret_version reads the value back once written", t)
	add(rot, PhaseCreate, "secretsmanager:RotateSecret", "aws_secretsmanager_secret_rotation sets the schedule", t)
	add(true, PhaseUpdate, "secretsmanager:DescribeSecret", "every plan and apply refreshes the secret", t)
	add(!existing, PhaseUpdate, "secretsmanager:GetSecretValue", "every plan and apply refreshes aws_secretsmanager_secret_version, which reads the value", t)
	add(policy, PhaseUpdate, "secretsmanager:GetResourcePolicy", "every plan and apply refreshes aws_secretsmanager_secret_policy", t)
	add(!existing, PhaseUpdate, "secretsmanager:UpdateSecret", "a change to the description or the key", t)
	add(policy, PhaseUpdate, "secretsmanager:PutResourcePolicy", "a change to the resource policy", t)
	add(policy, PhaseDelete, "secretsmanager:DeleteResourcePolicy", "terraform destroy removes the policy", t)
	add(!existing, PhaseDelete, "secretsmanager:DeleteSecret", "terraform destroy deletes the secret", t)
	// The provider calls Secrets Manager itself, with the runner's own
	// credentials: never through another service, so aws:ViaAWSService
	// is false for it and a Deny kept for direct calls reaches it.
	g = b.callerGroup(id, b.account(), path, true)
	b.decideSecretCalls(tf, &g, specs, deployerFix(TerraformTemplate))
}

func deployerFix(t Template) string {
	// Constants, so the walk-through does not build them on every
	// keystroke.
	const head, tail = "add a condition ArnNotLike on aws:PrincipalArn listing ", " to that Deny statement"
	if t == TerraformTemplate {
		return head + "the role Terraform runs as" + tail
	}
	return head + "CloudFormation's role (the stack's service role, or the role that deploys it)" + tail
}

// createOrdering records what CloudFormation does as the stack is created:
// the rotation schedule calls RotateSecret and the target attachment
// rewrites the value, both with the deployer's identity. With a Deny in the
// policy the template creates the policy after both (PolicyAfterRotation),
// so neither can meet it.
func (b *walker) createOrdering(cfn int) {
	d := b.d
	for _, s := range []struct {
		ok           bool
		action, why  string
		dependsOnWhy string
	}{
		{d.Rotation != nil, "secretsmanager:RotateSecret", "the rotation schedule sets rotation up (and rotates at once)", "the rotation schedule"},
		{d.Secret.Database.HasTarget() && !d.IsExisting(), "secretsmanager:PutSecretValue", "the target attachment adds the host and port to the value", "the target attachment"},
	} {
		if !s.ok {
			continue
		}
		c := Call{Phase: PhaseCreate, Actor: cfn, Action: s.action, On: onSecret, Why: s.why, Templates: CloudFormationTemplate,
			Outcome: Allowed, Statement: -1, Reason: "the policy has no Deny statement"}
		if b.w.PolicyAfterRotation {
			c.By = ByOrdering
			c.Reason = "the template creates the resource policy after " + s.dependsOnWhy + " (DependsOn), so its Deny is not there yet"
		}
		b.add(c)
	}
}

// administrators walks the principals that Deny statements leave out by
// ARN: they look after the secret, so their management calls must pass.
func (b *walker) administrators() {
	var arns []string
	for i := range b.stmts {
		st := &b.stmts[i]
		if !equalFold(st.Effect, "Deny") {
			continue
		}
		for _, c := range st.Condition {
			if strings.EqualFold(c.Key, "aws:PrincipalArn") && isNegated(c.Operator) {
				arns = appendUnique(arns, c.Values...)
			}
		}
	}
	if b.hasDeny {
		// Someone in the account looks after the secret even when no
		// Deny names them: the account's administrators, by IAM policy.
		arns = append([]string{""}, arns...)
	}
	for _, arn := range arns {
		label := "administrator " + arn
		if arn == "" {
			label = "an administrator of the account (any role its IAM policies allow)"
		}
		ac := b.actor(Actor{Kind: ActorAdministrator, Label: label, ID: arn, Group: -1,
			From: "anywhere (the console, a laptop)"})
		g := b.callerGroup(arn, b.account(), netPath{}, false)
		if arn != "" {
			g.Account = arnAccount(arn)
		}
		b.decideSecretCalls(ac, &g, []callSpec{
			{PhaseUpdate, "secretsmanager:DescribeSecret", "looks at the secret", AnyTemplate},
			{PhaseUpdate, "secretsmanager:PutResourcePolicy", "changes the policy", AnyTemplate},
			{PhaseUpdate, "secretsmanager:UpdateSecret", "changes the secret", AnyTemplate},
			{PhaseDelete, "secretsmanager:DeleteSecret", "deletes the secret", AnyTemplate},
			{PhaseDelete, "secretsmanager:RestoreSecret", "restores it within the recovery window", AnyTemplate},
		}, "leave this principal out of that Deny statement too")
	}
}

// rotation walks the rotation function and Secrets Manager invoking it.
func (b *walker) rotation() {
	d, a := b.d, b.a
	r := d.Rotation
	if r == nil {
		return
	}
	h := r.HostedRotationLambda
	gi := slices.IndexFunc(a.Groups, func(g AccessGroup) bool { return g.Kind == GroupRotation })
	g := &a.Groups[gi]
	role, network, org := b.w.Env.RotationRoleARN, b.w.Env.RotationNetwork, b.w.Env.OrganizationID
	// A hosted function's network is the design's, and the account's
	// (HostedNetwork) where the design leaves it to the VPC.
	var hn *FunctionNetwork
	var hostedPath *netPath
	if h != nil {
		network = nil
		if n := b.w.Env.HostedNetwork; n != nil && n.VPC != "" && len(h.VPCSubnetIDs) > 0 {
			hn = n
		}
		if hn != nil && h.VPCID == "" && h.Endpoint != EndpointNAT {
			p := hn.path()
			switch {
			case h.EndpointID() != "":
				p = netPath{known: true, vpc: hn.VPC, vpce: h.EndpointID()}
			case h.Endpoint == EndpointExisting && hn.Endpoint == "":
				p = netPath{known: true, vpc: hn.VPC, anyVpce: true}
			}
			hostedPath = &p
		}
	}
	own := cmp.Or(a.Account, b.w.Env.Account)
	if fa := arnAccount(r.RotationLambdaARN); g.org() != "" || (h == nil && fa != "" && own != "" && fa != own) {
		// The design says its organization already, or your function is
		// in another account, whose organization is not known.
		org = ""
	}
	// The hosted function runs in the secret's account, which the account
	// read names when no ARN in the design does.
	acct := ""
	if g.Account == "" {
		acct = cmp.Or(arnAccount(role), own)
	}
	if role != "" || network != nil || hostedPath != nil || org != "" || acct != "" {
		// The account says which role the function runs as, where it
		// calls from, the account, or the organization of the secret's
		// account, which is the function's: decide each Deny for that,
		// on a copy, as the access model is shared.
		gc := *g
		if role != "" {
			gc.ID, gc.stackRole = role, false
		}
		if acct != "" {
			gc.Account = acct
		}
		if network != nil {
			gc.path = network.path()
		}
		if hostedPath != nil {
			gc.path = *hostedPath
		}
		if org != "" {
			gc.setCaller(func(c *callerID) { c.org = org })
		}
		gc.Cuts = a.cuts(&gc, b.stmts)
		g = &gc
	}

	sm := b.actor(Actor{Kind: ActorSecretsManager, Label: "Secrets Manager", ID: "secretsmanager.amazonaws.com", Group: -1,
		From: "the Secrets Manager service"})
	inv := Call{Phase: PhaseRotation, Actor: sm, Action: actionInvoke, On: onFunction, Why: "starts each rotation step",
		Templates: AnyTemplate, Statement: -1}
	switch {
	case h != nil:
		inv.Reason = "the hosted rotation function is created with a permission for secretsmanager.amazonaws.com"
	case b.w.Env.FunctionAllowsSecretsManager != nil && *b.w.Env.FunctionAllowsSecretsManager:
		inv.Reason = "the function's resource policy lets secretsmanager.amazonaws.com invoke it"
	case b.w.Env.FunctionAllowsSecretsManager != nil:
		inv.Outcome, inv.By, inv.Path = Refused, ByFunctionPolicy, "rotation.rotationLambdaArn"
		inv.Reason = "the function's resource policy does not let secretsmanager.amazonaws.com invoke it"
		inv.Fix = "add a Lambda permission for secretsmanager.amazonaws.com (with aws:SourceAccount) to the function"
	case r.RotationLambdaARN != "" && (a.Account == "" || arnAccount(r.RotationLambdaARN) == a.Account):
		// generate writes AWS::Lambda::Permission or
		// aws_lambda_permission for it, created before the rotation.
		inv.Reason = "the template writes a Lambda permission for secretsmanager.amazonaws.com on the function, limited to this account by aws:SourceAccount"
	case r.RotationLambdaARN != "":
		inv.Outcome, inv.By, inv.Path = Unsure, ByFunctionPolicy, "rotation.rotationLambdaArn"
		inv.Reason = "the function is in account " + arnAccount(r.RotationLambdaARN) + ", not the secret's " + a.Account +
			", so the permission the template writes cannot be created there"
		inv.Fix = "in the function's account, add a Lambda permission for secretsmanager.amazonaws.com with aws:SourceAccount " + a.Account +
			", or use a rotation function in the secret's account"
	default:
		inv.Outcome, inv.By, inv.Path = Unsure, ByFunctionPolicy, "rotation.rotationLambdaArn"
		inv.Reason = "secretsmith does not see your function's resource policy"
		inv.Fix = "make sure the function has a Lambda permission for secretsmanager.amazonaws.com (with aws:SourceAccount)"
	}
	b.add(inv)

	from := "its VPC, through an endpoint for Secrets Manager"
	switch {
	case h == nil && network != nil:
		from = "its subnets " + strings.Join(network.Subnets, ", ") + ", which have no way to Secrets Manager"
		if how, _ := network.reaches(); how != "" {
			from = how
		}
	case h == nil:
		from = "wherever your function runs"
	case len(h.VPCSubnetIDs) == 0:
		from = "outside any VPC (no subnets)"
	case hn != nil && h.VPCID == "" && h.Endpoint == "":
		from = "its subnets " + strings.Join(hn.Subnets, ", ") + " in " + hn.VPC + ", which have no way to Secrets Manager"
		if how, _ := hn.reaches(); how != "" {
			from = how
		}
	case h.Endpoint == EndpointNAT:
		from = "its subnets, through a NAT gateway to the public endpoint"
	case h.EndpointID() != "":
		from = "its subnets, through the VPC's existing endpoint " + h.EndpointID()
	case h.Endpoint == EndpointExisting:
		from = "its subnets, through the VPC's existing endpoint for Secrets Manager"
	case h.VPCID != "":
		from = "its subnets, through the endpoint the template creates in " + h.VPCID
	}
	// The function's identity: its role as the account or the design
	// names it (g.ID, rotationLambdaRoleArn, unless the account says).
	id := g.ID
	label := rotationLabel
	if h != nil {
		label = "the hosted rotation function"
	} else if r.RotationLambdaARN != "" {
		label = "your rotation function " + r.RotationLambdaARN
	}
	fn := b.actor(Actor{Kind: ActorRotationFunction, Label: label, ID: id, Group: gi, From: from})

	// Reaching the API at all: from private subnets it takes an endpoint
	// or a NAT route.
	if network != nil {
		c := Call{Phase: PhaseRotation, Actor: fn, Action: actionConnect, On: onSecretsAPI, Why: "every call below goes over HTTPS to Secrets Manager",
			Templates: AnyTemplate, Statement: -1}
		how, stuck := network.reaches()
		if how != "" {
			c.Reason = "the account says it calls from " + how
		} else {
			c.Outcome, c.By, c.Path = Refused, ByNetwork, "rotation.rotationLambdaArn"
			c.Reason = "the account says its subnets " + strings.Join(stuck, ", ") + " in " + network.VPC +
				" have no route to Secrets Manager: the VPC has no endpoint for it with private DNS, and their default route is not a NAT gateway (an internet gateway gives a function no public address)"
			c.Fix = "add an interface endpoint for Secrets Manager with private DNS to " + network.VPC + ", or route those subnets through a NAT gateway"
		}
		b.add(c)
	}
	if h != nil && len(h.VPCSubnetIDs) > 0 {
		c := Call{Phase: PhaseRotation, Actor: fn, Action: actionConnect, On: onSecretsAPI, Why: "every call below goes over HTTPS to Secrets Manager",
			Templates: AnyTemplate, Statement: -1, Reason: "it calls through " + strings.TrimPrefix(from, "its subnets, through ")}
		var how string
		var stuck []string
		if hn != nil {
			how, stuck = hn.reaches()
		}
		switch {
		case h.VPCID != "" || h.Endpoint != "":
		case hn != nil && how != "":
			c.Reason = "the account says it calls from " + how
		case hn != nil:
			c.Outcome, c.By, c.Path = Refused, ByNetwork, "rotation.hostedRotationLambda.vpcId"
			c.Reason = "the account says the subnets " + strings.Join(stuck, ", ") + " in " + hn.VPC +
				" have no route to Secrets Manager: the VPC has no endpoint for it with private DNS, and their default route is not a NAT gateway"
			c.Fix = "give vpcId " + hn.VPC + " to have an endpoint created, or route those subnets through a NAT gateway and set endpoint to nat"
		default:
			c.Outcome, c.By, c.Path = Unsure, ByNetwork, "rotation.hostedRotationLambda.vpcId"
			c.Reason = "private subnets have no route to Secrets Manager unless the VPC has an endpoint for it or a NAT route, which the design does not say"
			c.Fix = EndpointAdvice
		}
		b.add(c)
	}

	// The secret: the four calls every rotation function makes
	// (aws-secrets-manager-rotation-lambdas: describe_secret,
	// get_secret_value, put_secret_value, update_secret_version_stage).
	for _, act := range RotationActions {
		c, denied := b.denyVerdict(g, g.Cuts, act)
		switch {
		case !denied && h != nil:
			c = Call{Outcome: Allowed, Statement: -1, Reason: "its role allows it, and no Deny statement applies to it"}
		case !denied:
			// Your own function's role is not the templates': whether
			// its IAM policy allows the call is not known here.
			c = Call{Outcome: Unsure, By: ByIdentityPolicy, Statement: -1,
				Reason: "no Deny statement applies to it; its role's own IAM policy must allow it, which these templates do not write",
				Fix:    "allow it on the secret in the IAM policy of the function's role"}
		default:
			c.Fix = "deny by aws:SourceVpc with the function's VPC instead of an endpoint id, or leave the function's role out with ArnNotLike on aws:PrincipalArn"
			if h != nil && len(h.VPCSubnetIDs) == 0 && c.Statement >= 0 && slices.ContainsFunc(b.stmts[c.Statement].Condition,
				func(x Condition) bool { return strings.EqualFold(x.Key, "aws:SourceVpce") }) {
				// Outside any VPC it has no VPC to deny by: its calls
				// reach the public endpoint and carry no endpoint id.
				c.Fix = fixRunInEndpointVPC + ", or leave the function's role out with ArnNotLike on aws:PrincipalArn"
			}
			if id := g.path.vpce; id != "" && c.Statement >= 0 && slices.ContainsFunc(b.stmts[c.Statement].Condition,
				func(x Condition) bool { return strings.EqualFold(x.Key, "aws:SourceVpce") }) {
				// The design knows the function's endpoint: the
				// smallest change lists it.
				c.Fix = "add " + id + ", the function's endpoint, to the statement's aws:SourceVpce values, or leave the function's role out with ArnNotLike on aws:PrincipalArn"
			}
		}
		c.Phase, c.Actor, c.Action, c.On, c.Templates = PhaseRotation, fn, act, onSecret, AnyTemplate
		c.Why = rotationWhy[act]
		b.add(c)
	}
	// The new password: every hosted function's createSecret asks
	// Secrets Manager for one (get_random_password, lambda_function.py line
	// 124, calling get_random_password at line 753, in
	// SecretsManagerRDSPostgreSQLRotationMultiUser at b4b8eca; every other
	// database function does the same). The call names no secret, so no
	// resource policy can refuse it; the role policy the Secrets Manager
	// user guide gives for rotation functions allows it on "*"
	// (rotating-secrets-required-permissions-function.md lines 36-42 at
	// c3b51cc), as SAM's AWSSecretsManagerRotationPolicy does.
	if h != nil {
		b.add(Call{Phase: PhaseRotation, Actor: fn, Action: "secretsmanager:GetRandomPassword", On: onSecretsAPI, Templates: AnyTemplate,
			Statement: -1, Why: "asks Secrets Manager for the new password",
			Reason: "the rotation role policy Secrets Manager documents allows it on every resource, and it names no secret, so no resource policy applies"})
	}
	// The key, through Secrets Manager: Secrets Manager decrypts the
	// current value and encrypts the new one with the caller's identity.
	for _, act := range []string{actionDecrypt, actionGenerate} {
		c := Call{Phase: PhaseRotation, Actor: fn, Action: act, On: onKey, Templates: AnyTemplate, Statement: -1,
			Why: "Secrets Manager uses the key on the function's behalf (kms:ViaService)", Reason: g.Decrypt.Reason}
		state := g.Decrypt.State
		if role := b.w.Env.RotationRoleARN; state == DecryptYes && h == nil && role != "" && role != r.RotationLambdaRoleARN {
			// The key statement names the design's role; the
			// account says the function runs as another.
			state = DecryptNo
			c.Reason = "the key policy secretsmith writes lets in " + r.RotationLambdaRoleARN + ", but the function runs as " + role
		}
		switch state {
		case DecryptNo:
			c.Outcome, c.By = Refused, ByKeyPolicy
			if h == nil {
				// The key statement generate writes names
				// rotationLambdaRoleArn, and only it.
				c.Path = "rotation.rotationLambdaRoleArn"
				c.Fix = "give rotation.rotationLambdaRoleArn, the function's execution role, so the key secretsmith creates lets it use the key through Secrets Manager"
				if role := b.w.Env.RotationRoleARN; role != "" {
					c.Fix = "set rotation.rotationLambdaRoleArn to " + role + ", the function's execution role, so the key secretsmith creates lets it use the key through Secrets Manager"
				}
			}
		case DecryptCheck:
			c.Outcome, c.By = Unsure, ByKeyPolicy
			c.Path = "secret.kmsKeyArn"
			c.Fix = "let the function's role use kms:Decrypt and kms:GenerateDataKey on the key through Secrets Manager (kms:ViaService)"
			if h == nil {
				c.Path = "rotation.rotationLambdaArn"
			}
		}
		b.add(c)
	}
	// The master secret of a multi-user rotation (and of Db2SingleUser).
	// The template's masterarn counts as it does in generate (MasterSecret).
	if master := b.d.MasterSecret(); h != nil && master != "" {
		b.masterCalls(h, master, hn, fn)
	}
}

// masterCalls walks what the hosted function does with the master secret,
// as the functions' source shows it (aws-samples/aws-secrets-manager-rotation-lambdas
// at b4b8eca, SecretsManagerRDSPostgreSQLRotationMultiUser/lambda_function.py;
// the other RDS engines' functions do the same), and what the role the
// hosted template creates is documented to be allowed.
//
// master is the master secret's ARN (Design.MasterSecret); hn is the
// network of the function's subnets when the account was read.
func (b *walker) masterCalls(h *HostedRotationLambda, master string, hn *FunctionNetwork, fn int) {
	const masterPath = "rotation.hostedRotationLambda.masterSecretArn"
	// set_secret reads the master secret (line 186, get_secret_dict, which
	// calls get_secret_value at line 448). CloudFormation grants the role
	// GetSecretValue on MasterSecretArn (awsdocs/aws-cloudformation-user-guide
	// at 6c68a17, doc_source/aws-properties-secretsmanager-rotationschedule-hostedrotationlambda.md
	// line 62; the alternating-users policy of awsdocs/aws-secrets-manager-docs
	// at c3b51cc, doc_source/rotating-secrets-required-permissions-function.md
	// lines 96-101).
	b.add(Call{Phase: PhaseRotation, Actor: fn, Action: actionGetSecretValue, On: onMaster,
		Why: "signs in to the database as the master user to change the other user's password", Templates: AnyTemplate, Statement: -1,
		Reason: "the role the hosted template creates is granted GetSecretValue on masterSecretArn"})
	// Secrets Manager decrypts it with the function's identity; the role
	// is granted kms:Decrypt, DescribeKey and GenerateDataKey on
	// MasterSecretKmsKeyArn (the same hostedrotationlambda.md, line 71),
	// and on nothing else of the master secret's.
	c := Call{Phase: PhaseRotation, Actor: fn, Action: actionDecrypt, On: onMasterKey, Why: "reads the master secret through Secrets Manager",
		Templates: AnyTemplate, Statement: -1, Reason: "the role the hosted template creates is granted kms:Decrypt on the key masterSecretKmsKeyArn names"}
	if h.MasterSecretKMSKeyARN == "" {
		c.Outcome, c.By, c.Path = Unsure, ByKeyPolicy, "rotation.hostedRotationLambda.masterSecretKmsKeyArn"
		c.Reason = "the design does not name the master secret's key; if it is a customer managed key, the function's role is not allowed it"
		c.Fix = "give masterSecretKmsKeyArn when the master secret uses a customer managed key"
	}
	b.add(c)

	// A master secret RDS manages holds only username and password
	// (get_secret_dict, line 453). The RDS engines' functions (their
	// application names start SecretsManagerRDS; MongoDB's and Redshift's
	// do not) then read the secret's tags with DescribeSecret
	// (fetch_instance_arn_from_system_tags, line 658) and the database's
	// address with rds:DescribeDBInstances (line 597, for the tag
	// aws:rds:primarydbinstancearn, lines 702-707) or rds:DescribeDBClusters
	// (line 630, for aws:rds:primarydbclusterarn, lines 709-714), with a
	// client on the public RDS endpoint (line 700). The role the hosted
	// template creates is allowed both calls, though no policy text says
	// so (the templates are published only in the Serverless Application
	// Repository, and the documented policies name GetSecretValue alone):
	// the Secrets Manager user guide's alternating-users tutorial has the
	// console create the function from the same template, with the admin
	// secret RDS manages for a DB instance as the superuser secret, adds no
	// permission to its role, and the first rotation completes; it says the
	// function calls Amazon RDS for the database's connection details
	// (awsdocs/aws-secrets-manager-docs at c3b51cc,
	// doc_source/tutorials_rotation-alternating.md lines 9, 44 and 264-274).
	// For a cluster's secret the functions call DescribeDBClusters instead:
	// the maintainers say new rotation functions were given that code
	// before it was published (aws-secrets-manager-rotation-lambdas pull
	// request 116) and closed the report that cluster secrets failed
	// (issue 105) as fixed by it, with no change asked of the role.
	rt, _ := LookupRotationType(h.RotationType)
	if !isRDSMasterSecret(master) || !strings.HasPrefix(rt.AppName, "SecretsManagerRDS") {
		return
	}
	const granted = "the role the hosted template creates lets the function look up the database of a master secret RDS manages " +
		"(the Secrets Manager user guide's alternating-users tutorial rotates with one and grants nothing more)"
	b.add(Call{Phase: PhaseRotation, Actor: fn, Action: "secretsmanager:DescribeSecret", On: onMaster,
		Why: "reads the master secret's tags to learn which database RDS manages it for", Templates: AnyTemplate, Statement: -1,
		Reason: granted})
	describe, what := "rds:DescribeDBInstances", "instance"
	if strings.Contains(master, ":secret:rds!cluster-") {
		describe, what = "rds:DescribeDBClusters", "cluster"
	}
	b.add(Call{Phase: PhaseRotation, Actor: fn, Action: describe, On: onRDSAPI,
		Why: "reads the address and port of the DB " + what + " from the RDS API", Templates: AnyTemplate, Statement: -1,
		Reason: granted})
	// That client reaches the public RDS endpoint: from private subnets an
	// endpoint for Secrets Manager does not take it there; a NAT route or
	// an RDS interface endpoint does.
	if len(h.VPCSubnetIDs) > 0 {
		c := Call{Phase: PhaseRotation, Actor: fn, Action: actionConnect, On: onRDSAPI, Templates: AnyTemplate, Statement: -1,
			Why:    "reads the database's address from the RDS API, as the master secret RDS manages holds only username and password",
			Reason: "it calls through a NAT gateway to the public RDS endpoint"}
		const fix = "add an interface endpoint for com.amazonaws.<region>.rds to the function's VPC (its security group admitting 443 " +
			"from the function), or route the subnets through a NAT gateway and set endpoint to nat"
		switch {
		case h.Endpoint == EndpointNAT:
		case hn != nil && hn.RDSEndpoint != "":
			c.Reason = "the account says it calls through the VPC's endpoint " + hn.RDSEndpoint + " for the RDS API"
		case hn != nil && len(hn.noNAT()) == 0:
			c.Reason = "the account says its subnets route through a NAT gateway to the public RDS endpoint"
		case hn != nil:
			c.Outcome, c.By, c.Path = Refused, ByNetwork, masterPath
			c.Reason = "the account says " + hn.VPC + " has no interface endpoint for the RDS API with private DNS, and the subnets " +
				strings.Join(hn.noNAT(), ", ") + " have no NAT route; the endpoint for Secrets Manager does not reach it"
			c.Fix = strings.Replace(fix, "the function's VPC", hn.VPC, 1)
		default:
			c.Outcome, c.By, c.Path = Unsure, ByNetwork, masterPath
			c.Reason = "from private subnets the RDS API needs an interface endpoint for com.amazonaws.<region>.rds with private DNS, " +
				"or a NAT route; the endpoint for Secrets Manager does not reach it"
			c.Fix = fix
		}
		b.add(c)
	}
	// Then setSecret signs in as the master user on that database.
	if c, ok := RDSMasterHost(b.d, &b.w.Env); ok {
		c.Actor = fn
		b.add(c)
	}
}

// fixRunInEndpointVPC is the fix for a hosted rotation function without
// subnets that a Deny outside listed endpoints stops: it runs outside any
// VPC, so its calls carry no endpoint id. The walk-through gives it, and
// rotation-not-blocked, which words the same refusal, says the same.
const fixRunInEndpointVPC = "run the function in the VPC of a listed endpoint (rotation.hostedRotationLambda.vpcSubnetIds)"

// RDSMasterHost decides, for a hosted rotation whose master secret RDS
// manages (rds!db-... or rds!cluster-...), whether the database host in
// the secret is the address RDS gives that database, which env knows once
// the account was read (Environment.MasterDBHost, filled by --aws). The
// function reads the master secret's address from the RDS API and, at
// setSecret, refuses to go on when the secret's host is another
// (aws-secrets-manager-rotation-lambdas at b4b8eca,
// SecretsManagerRDSPostgreSQLRotationMultiUser/lambda_function.py lines
// 191-194; the other RDS engines' functions do the same), unless the host
// is a read replica of that database. A secret attached to an RDS database
// target gets the target's host from its attachment, so the target must
// be that database (Environment.MasterDBID): see rdsMasterTarget. ok is
// false when the rule does not apply: no such master secret, or neither a
// host nor an RDS target in the secret. The call is the rotation
// function's (its Actor is left for the caller to set): allowed when the
// database is the same, refused when it differs, unsure, with the reason,
// when the account was not read.
func RDSMasterHost(d *Design, env *Environment) (Call, bool) {
	r := d.Rotation
	master := d.MasterSecret()
	if r == nil || r.HostedRotationLambda == nil || !isRDSMasterSecret(master) || d.Secret.Database == nil {
		return Call{}, false
	}
	if env == nil {
		env = &Environment{}
	}
	db := d.Secret.Database
	if db.Host == "" {
		return rdsMasterTarget(db, master, env.MasterDBID)
	}
	host := db.Host
	c := Call{Phase: PhaseRotation, Action: actionSignIn, On: onMasterDB, Templates: AnyTemplate, Statement: -1, Path: "secret.database.host",
		Why: "setSecret signs in as the master user on the database RDS gives for the master secret, and only if the secret's host is that one"}
	rds := env.MasterDBHost
	switch {
	case rds == "":
		c.Outcome, c.By = Unsure, ByNothing
		c.Reason = "cannot verify: the address RDS gives the master secret's database is known only from the account " +
			"(DescribeDBInstances or DescribeDBClusters), and the account was not read"
		c.Fix = "verify with --aws, or make sure host is that database's endpoint"
	case sameHost(host, rds):
		c.Reason = "the secret's host is the endpoint RDS gives the master secret's database, " + rds
	default:
		c.Outcome, c.By = Refused, ByNothing
		c.Reason = "the secret's host " + host + " is not " + rds + ", the endpoint RDS gives the master secret's database, " +
			"so setSecret stops unless " + host + " is a read replica of it"
		c.Fix = "set host to " + rds
	}
	return c, true
}

// rdsMasterTarget is RDSMasterHost for a secret attached to database
// target db: its attachment writes the host RDS gives the target, so
// setSecret goes on when the target is the database whose master secret
// RDS manages as master (id, DBInstanceIdentifier or DBClusterIdentifier,
// "" when the account was not read). A DB instance's master secret
// (rds!db-) cannot serve a DB cluster target, whose endpoint is never that
// instance's nor one of its read replicas'; a cluster's (rds!cluster-)
// serves a DB instance target only if that instance is a reader of an
// Aurora cluster (is_rds_replica_database, lines 531-539), which
// secretsmith does not look up.
func rdsMasterTarget(db *Database, master, id string) (Call, bool) {
	instance := db.TargetType == "AWS::RDS::DBInstance"
	if !instance && db.TargetType != "AWS::RDS::DBCluster" {
		return Call{}, false
	}
	masterInstance := strings.Contains(master, ":secret:rds!db-")
	what, whatMaster := "DB cluster", "DB cluster"
	if instance {
		what = "DB instance"
	}
	if masterInstance {
		whatMaster = "DB instance"
	}
	c := Call{Phase: PhaseRotation, Action: actionSignIn, On: onMasterDB, Templates: AnyTemplate, Statement: -1, Path: "secret.database.targetId",
		Why: "setSecret signs in as the master user on the database RDS manages the master secret for, and only if the secret's database is that one"}
	switch {
	case masterInstance && !instance:
		c.Outcome, c.By, c.Path = Refused, ByNothing, "secret.database.targetType"
		c.Reason = "the master secret is the one RDS manages for a DB instance, and the target " + db.TargetID +
			" is a DB cluster, whose endpoint is never that instance's nor one of its read replicas', so setSecret stops"
		c.Fix = "attach the DB instance whose master secret it is (targetType AWS::RDS::DBInstance), or use that cluster's master secret"
	case !masterInstance && instance:
		c.Outcome, c.By = Unsure, ByNothing
		c.Reason = "the master secret is the one RDS manages for a DB cluster, and the target " + db.TargetID +
			" is a DB instance: setSecret goes on only if it is a reader instance of that Aurora cluster, which secretsmith does not check"
		c.Fix = "attach the cluster instead: targetType AWS::RDS::DBCluster with the cluster's identifier"
		if id != "" {
			c.Fix = "attach the cluster instead: targetType AWS::RDS::DBCluster, targetId " + id
		}
	case id == "":
		c.Outcome, c.By = Unsure, ByNothing
		c.Reason = "cannot verify: which " + whatMaster + " RDS manages the master secret for is known only from the account " +
			"(DescribeDBInstances or DescribeDBClusters), and the account was not read"
		c.Fix = "verify with --aws, or make sure targetId is that " + whatMaster
	case strings.EqualFold(db.TargetID, id):
		// RDS identifiers are not case-sensitive (RDS keeps them in
		// lower case).
		c.Reason = "the target is " + id + ", the " + what + " RDS manages the master secret for"
	default:
		c.Outcome, c.By = Refused, ByNothing
		c.Reason = "the target " + db.TargetID + " is not " + id + ", the " + what + " RDS manages the master secret for, " +
			"so setSecret stops unless " + db.TargetID + " is a read replica of it"
		c.Fix = "set targetId to " + id
	}
	return c, true
}

// sameHost compares DNS names as DNS does: without case and a final dot.
func sameHost(a, b string) bool {
	return strings.EqualFold(strings.TrimSuffix(a, "."), strings.TrimSuffix(b, "."))
}

var rotationWhy = map[string]string{
	"secretsmanager:DescribeSecret":           "checks the version stages before each step",
	"secretsmanager:GetSecretValue":           "reads the current and the pending value",
	"secretsmanager:PutSecretValue":           "stores the new value as AWSPENDING",
	"secretsmanager:UpdateSecretVersionStage": "moves AWSCURRENT to the new value",
}

// readerActors adds an actor for every group the resource policy lets
// read the value, in the access model's order; readerCalls walks each.
func (b *walker) readerActors() {
	for gi := range b.a.Groups {
		g := &b.a.Groups[gi]
		if !g.Reads || g.Kind == GroupRotation {
			continue
		}
		b.actor(Actor{Kind: ActorReader, Label: g.Label(), ID: g.ID, Group: gi, From: readerFrom(g)})
	}
}

// readerCalls walks reader actor ac: it reads the value and decrypts it,
// here and in each replica region (pendingCalls.replicas, from
// replicaReads, the same for every reader). Its calls are all in the reads
// phase; read and decrypt are the first two, without their Actor (-1).
func (b *walker) readerCalls(ac int) (read, decrypt Call) {
	a := b.a
	gi := b.w.Actors[ac].Group
	g := &a.Groups[gi]
	cuts := g.Cuts
	if member, ok := b.inOrganization(g); ok {
		cuts = b.a.cuts(&member, b.stmts)
	}
	c, denied := b.denyVerdict(g, cuts, actionGetSecretValue)
	if !denied {
		c = Call{Outcome: Allowed, Statement: -1, Reason: b.readReason(g)}
	} else if c.Outcome == Unsure && c.networkOnly {
		// A reader limited to a network reads from there: that is
		// what the Deny is for.
		c = Call{Outcome: Allowed, Statement: -1, Reason: "the resource policy allows it; " + c.Reason + ", so read from there"}
	} else {
		c.Fix = "read from where the Deny allows, or narrow the Deny"
	}
	if c.Outcome == Allowed && g.Account != "" && a.Account != "" && g.Account != a.Account {
		c.Reason += "; account " + g.Account + " must allow it in the reader's own IAM policy too"
	}
	c.Phase, c.Actor, c.Action, c.On, c.Why, c.Templates = PhaseReads, -1, actionGetSecretValue, onSecret, "reads the value", AnyTemplate

	k := Call{Phase: PhaseReads, Actor: -1, Action: actionDecrypt, On: onKey, Templates: AnyTemplate, Statement: -1,
		Why: "Secrets Manager decrypts the value with the caller's identity (kms:ViaService)"}
	dec := b.w.KeyDecrypt(g)
	state := dec.State
	k.Reason = dec.Reason
	switch state {
	case DecryptNo:
		k.Outcome, k.By = Refused, ByKeyPolicy
		k.Fix = "name the readers' principals, account or organization in the statement that lets them read"
		if a.Key == KeyGiven {
			// The account answered for the given key's policy.
			k.Path, k.Fix = "secret.kmsKeyArn", "add the statement 'secretsmith access' prints to the key's policy"
		}
	case DecryptCheck:
		k.Outcome, k.By, k.Path = Unsure, ByKeyPolicy, "secret.kmsKeyArn"
		k.Fix = "add the statement 'secretsmith access' prints to the key's policy"
		if a.Key == KeyOfExistingSecret {
			k.Path = "secret.existingSecretArn"
		}
	}
	return c, k
}

// inOrganization is reader group g as a member of the organization the
// Environment names, when g is a principal or the root of the secret's
// own account (whose organization that is) and the design does not say
// its organization already: the Deny statements are then decided for it
// with that aws:PrincipalOrgID. ok is false otherwise.
func (b *walker) inOrganization(g *AccessGroup) (member AccessGroup, ok bool) {
	env := &b.w.Env
	own := b.account()
	if !b.hasDeny || env.OrganizationID == "" || g.org() != "" || own == "" || g.Account != own ||
		(g.Kind != GroupPrincipal && g.Kind != GroupAccount) {
		return AccessGroup{}, false
	}
	member = *g
	member.setCaller(func(c *callerID) { c.org = env.OrganizationID })
	return member, true
}

// KeyDecrypt is whether reader group g can decrypt with the secret's key:
// the given key's real policy when the environment answers it (KeyAnswers),
// else what the design alone says (g.Decrypt).
func (w *Walk) KeyDecrypt(g *AccessGroup) Decrypt {
	a := w.Access
	for _, ans := range w.Env.KeyAnswers {
		if a.Key == KeyGiven && ans.Key == a.KeyARN && ans.Reader == g.Label() {
			if ans.Decrypt {
				return Decrypt{State: DecryptYes, Reason: "the key's policy in the account lets it decrypt"}
			}
			return Decrypt{State: DecryptNo, Reason: "the key's policy in the account does not let it decrypt"}
		}
	}
	return g.Decrypt
}

// KeyPolicyRead reports whether the environment answers for the design's
// given key, so its policy is known rather than unseen.
func (w *Walk) KeyPolicyRead() bool {
	for _, ans := range w.Env.KeyAnswers {
		if w.Access.Key == KeyGiven && ans.Key == w.Access.KeyARN {
			return true
		}
	}
	return false
}

// replicaReads are a reader's decrypt calls in each replica region, with
// the replica's own key; they are the same for every reader.
func (b *walker) replicaReads() []Call {
	// Their strings are written into one string, grown once at its size,
	// and cut from it: each was a concatenation of its own (a dozen
	// allocations for two replicas on every keystroke).
	const (
		onHead     = "the replica's key in "
		whyHead    = "reading the replica, Secrets Manager in "
		whyTail    = " decrypts it with the caller's identity"
		pathHead   = "secret.replicaRegions["
		pathTail   = "].kmsKeyArn"
		reasonHead = "the key "
		reasonMid  = " is managed elsewhere; its policy must let this reader use kms:Decrypt through Secrets Manager in "
	)
	reps := b.d.Secret.ReplicaRegions
	n, size := 0, 0
	for i, r := range reps {
		if strings.Contains(r.KMSKeyARN, "aws/") {
			continue
		}
		n++
		region := replicaRegionName(r)
		size += len(onHead) + len(whyHead) + 2*len(region) + len(whyTail)
		if r.KMSKeyARN != "" {
			size += len(pathHead) + len(strconv.Itoa(i)) + len(pathTail) + len(reasonHead) + len(r.KMSKeyARN) + len(reasonMid) + len(region)
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Call, 0, n)
	var sb strings.Builder
	sb.Grow(size)
	// cut is what was written since at. The builder's earlier bytes never
	// change, so the strings cut before it grows stay as they were.
	cut := func(at int) string { return sb.String()[at:] }
	for i, r := range reps {
		if strings.Contains(r.KMSKeyARN, "aws/") {
			continue
		}
		region := replicaRegionName(r)
		at := sb.Len()
		sb.WriteString(onHead)
		sb.WriteString(region)
		on := cut(at)
		at = sb.Len()
		sb.WriteString(whyHead)
		sb.WriteString(region)
		sb.WriteString(whyTail)
		why := cut(at)
		k := Call{Phase: PhaseReads, Actor: -1, Action: actionDecrypt, On: on, Templates: AnyTemplate, Statement: -1,
			Why:    why,
			Reason: "Terraform creates the replica's key with the same reader statements"}
		if r.KMSKeyARN != "" {
			at = sb.Len()
			sb.WriteString(pathHead)
			sb.WriteString(strconv.Itoa(i))
			sb.WriteString(pathTail)
			path := cut(at)
			at = sb.Len()
			sb.WriteString(reasonHead)
			sb.WriteString(r.KMSKeyARN)
			sb.WriteString(reasonMid)
			sb.WriteString(region)
			k.Outcome, k.By, k.Path = Unsure, ByKeyPolicy, path
			k.Reason = cut(at)
			k.Fix = "add the statement 'secretsmith access' prints to the replica key's policy"
		} else {
			k.Templates = TerraformTemplate
		}
		out = append(out, k)
	}
	return out
}

func readerFrom(g *AccessGroup) string {
	switch g.Kind {
	case GroupVPCEndpoint:
		return "inside a VPC, through " + g.ID
	case GroupVPC:
		return "inside " + g.ID
	}
	return "wherever it runs"
}

// readReason says why a reader's GetSecretValue is allowed. The
// conditions of the grant are the access model's (AccessGroup.Grants),
// which every view shows beside the call.
func (b *walker) readReason(*AccessGroup) string { return "the resource policy allows it" }

// services walks EventBridge publishing alerts and AWS Config looking at
// the secret.
func (b *walker) services() {
	d, a := b.d, b.a
	m := d.Monitoring
	if m.AlertsOn() {
		ev := b.actor(Actor{Kind: ActorEventBridge, Label: "EventBridge", ID: "events.amazonaws.com", Group: -1, From: "the EventBridge service"})
		for _, s := range []struct {
			on    bool
			phase Phase
			why   string
		}{
			{m.FailureAlertOn() && d.Rotation != nil, PhaseRotation, "a failed rotation is reported to the topic"},
			{m.ChangeAlertOn(), PhaseUpdate, "a change to the secret is reported to the topic"},
		} {
			if !s.on {
				continue
			}
			c := Call{Phase: s.phase, Actor: ev, Action: actionPublish, On: onTopic, Why: s.why, Templates: AnyTemplate, Statement: -1,
				Reason: "the topic's policy and its key's policy that the templates write let events.amazonaws.com publish"}
			if m.AlertTopicARN != "" {
				c.Outcome, c.By, c.Path = Unsure, ByTopicPolicy, "monitoring.alertTopicArn"
				c.Reason = "secretsmith does not see the topic's policy"
				c.Fix = "let events.amazonaws.com call sns:Publish on the topic and, if it is encrypted, kms:GenerateDataKey* and kms:Decrypt on its key"
			}
			b.add(c)
		}
	}
	if m.ConfigRules {
		part := a.Partition
		if part == "" {
			part = "aws"
		}
		arn := ""
		if acct := b.account(); acct != "" {
			arn = "arn:" + part + ":iam::" + acct + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
		}
		ac := b.actor(Actor{Kind: ActorConfig, Label: "AWS Config (AWSServiceRoleForConfig)", ID: arn, Group: -1, From: "the AWS Config service"})
		g := b.callerGroup(arn, b.account(), netPath{known: true, outside: true}, true)
		if arn == "" {
			// The role has this name in every account: a Deny's
			// exceptions are decided for it when no account could
			// match.
			g.setCaller(func(c *callerID) {
				c.anyAccountARN = "arn:" + part + ":iam::*:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
			})
		}
		b.decideSecretCalls(ac, &g, []callSpec{
			{PhaseReads, "secretsmanager:DescribeSecret", "evaluates the secret against the Config rules", AnyTemplate},
		}, "leave AWSServiceRoleForConfig out of that Deny statement with ArnNotLike on aws:PrincipalArn")
	}
}

// ActorCalls returns the calls of actor i, in phase order.
func (w *Walk) ActorCalls(i int) []Call {
	var out []Call
	cur := w.cursor()
	for c, ac := cur.next(); c != nil; c, ac = cur.next() {
		if ac == i {
			out = append(out, *c)
			out[len(out)-1].Actor = ac
		}
	}
	return out
}

// Failing returns the calls that are refused or unsure, in phase order.
func (w *Walk) Failing() []Call {
	var out []Call
	cur := w.cursor()
	for c, ac := cur.next(); c != nil; c, ac = cur.next() {
		if c.Outcome != Allowed {
			out = append(out, *c)
			out[len(out)-1].Actor = ac
		}
	}
	return out
}

// Deployer returns the index of the deployer actor for templates of kind t.
func (w *Walk) Deployer(t Template) int {
	return slices.IndexFunc(w.Actors, func(a Actor) bool { return a.Kind == ActorDeployer && a.Templates == t })
}

// RotationFunction returns the index of the rotation function actor, or -1.
func (w *Walk) RotationFunction() int {
	return slices.IndexFunc(w.Actors, func(a Actor) bool { return a.Kind == ActorRotationFunction })
}

// Readers returns the indexes of the reader actors.
func (w *Walk) Readers() []int {
	var out []int
	for i, a := range w.Actors {
		if a.Kind == ActorReader {
			out = append(out, i)
		}
	}
	return out
}
