package blueprint

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The access model: who can do what with the secret once it is deployed.
//
// Reading a secret takes two permissions. The secret's resource policy (and,
// for callers in the secret's own account, their IAM policies) must allow
// secretsmanager:GetSecretValue, and the key that encrypts the secret must
// let the caller use kms:Decrypt through Secrets Manager. A policy that gets
// the first right and forgets the second deploys cleanly and then answers
// every read with AccessDenied from KMS. Access is the one place secretsmith
// works out both layers; the rules, the key policy generate writes, the
// access command and the wizard's "Who can read this?" pane all read it.

// ValueReadingActions are the actions that return the secret's value. Every
// other action manages the secret: its metadata, policy, versions, rotation
// and life.
var ValueReadingActions = []string{"secretsmanager:BatchGetSecretValue", "secretsmanager:GetSecretValue"}

// RotationActions are what a rotation function calls on its secret: it reads
// the current value, writes the pending one, and moves the stages.
var RotationActions = []string{
	"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue",
	"secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage",
}

const actionGetSecretValue = "secretsmanager:GetSecretValue"

// ExpandActions returns the Secrets Manager actions that the Action values
// match, in the order of Actions. "*" and secretsmanager:* match all 23; IAM
// compares actions without case and reads * and ? as wildcards.
func ExpandActions(patterns []string) []string {
	// One pass per pattern into a set of action indexes, then the set in
	// the order of Actions: the access model expands every statement on
	// every keystroke.
	var set uint32
	for _, p := range patterns {
		set |= actionSet(p)
	}
	return actionsIn(set)
}

// actionIndex maps each action, as Actions spells it, to its index.
var actionIndex = func() map[string]int {
	m := make(map[string]int, len(Actions))
	for i, a := range Actions {
		m[a] = i
	}
	return m
}()

// actionSet is the set of indexes in Actions that pattern matches.
func actionSet(pattern string) uint32 {
	if i, ok := actionIndex[pattern]; ok {
		return 1 << i
	}
	var set uint32
	exact := !hasWildcard(pattern)
	for i, a := range Actions {
		if (exact && strings.EqualFold(pattern, a)) || (!exact && (pattern == "*" || globMatchFold(pattern, a))) {
			set |= 1 << i
		}
	}
	return set
}

// actionsIn lists the actions of set in the order of Actions.
func actionsIn(set uint32) []string {
	if set == 0 {
		return nil
	}
	out := make([]string, 0, bits.OnesCount32(set))
	for i, a := range Actions {
		if set&(1<<i) != 0 {
			out = append(out, a)
		}
	}
	return out
}

// ExpandNotActions returns the Secrets Manager actions that a NotAction list
// leaves: every action none of the patterns match.
func ExpandNotActions(patterns []string) []string {
	var set uint32
	for _, p := range patterns {
		set |= actionSet(p)
	}
	return actionsIn(^set & (1<<len(Actions) - 1))
}

// GroupKind says what kind of caller a principal group is.
type GroupKind uint8

const (
	// GroupPrincipal is one IAM role, user or assumed-role session, named
	// by its ARN.
	GroupPrincipal GroupKind = iota
	// GroupAccount is every principal of one AWS account whose own IAM
	// policies allow it.
	GroupAccount
	// GroupService is an AWS service principal such as lambda.amazonaws.com.
	GroupService
	// GroupFederated is a web identity or SAML provider.
	GroupFederated
	// GroupOrganization is anyone in one AWS Organizations organization.
	GroupOrganization
	// GroupVPCEndpoint is anyone calling through one VPC endpoint.
	GroupVPCEndpoint
	// GroupVPC is anyone calling from one VPC.
	GroupVPC
	// GroupAnyone is any caller at all.
	GroupAnyone
	// GroupRotation is the secret's rotation function, which gets its
	// permissions from its own IAM role rather than from the policy.
	GroupRotation
)

// KeySource says where the secret's KMS key comes from.
type KeySource int

const (
	// KeyCreated is a key secretsmith creates, whose policy it writes.
	KeyCreated KeySource = iota
	// KeyGiven is a key the design names; its policy is managed elsewhere.
	KeyGiven
	// KeyOfExistingSecret is the key of an existing secret, which the
	// design does not name.
	KeyOfExistingSecret
)

// DecryptState says whether a group can decrypt the secret with its key.
type DecryptState int

const (
	// DecryptNotNeeded means the group cannot read the value anyway.
	DecryptNotNeeded DecryptState = iota
	// DecryptYes means the key policy secretsmith writes lets it decrypt.
	DecryptYes
	// DecryptNo means the key would refuse it.
	DecryptNo
	// DecryptCheck means secretsmith cannot see the key policy: check it.
	DecryptCheck
)

// String returns "yes", "no", "check the key policy" or "not needed".
func (s DecryptState) String() string {
	switch s {
	case DecryptYes:
		return "yes"
	case DecryptNo:
		return "no"
	case DecryptCheck:
		return "check the key policy"
	}
	return "not needed"
}

// Access is who can do what with a design's secret.
type Access struct {
	// Account is the secret's own account when an ARN in the design says
	// which it is, and empty otherwise.
	Account   string
	Partition string
	// Region is the primary region when the design pins it.
	Region         string
	ReplicaRegions []string
	Key            KeySource
	// KeyARN is the given key (KeyGiven), as the design names it.
	KeyARN string
	// BlockPublicPolicy is the effective setting.
	BlockPublicPolicy bool
	// Groups are the principal groups in the order the policy first names
	// them, with the rotation function last.
	Groups []AccessGroup
	// Denies summarises every Deny statement, in policy order.
	Denies []DenySummary

	// What the design says about where the rotation function calls from:
	// outside any VPC (no subnets, or through a NAT gateway to the public
	// endpoint, so its calls carry no aws:SourceVpc), and its VPC.
	rotationOutsideVPC, rotationNAT bool
	rotationVPC                     string

	// acts is what each statement's Action or NotAction covers, worked out
	// once: the grants, the cuts and the Deny summaries all need it.
	acts [][]string
	// keyGrants is KeyGrants, worked out on first use (Check and the
	// wizard's keystrokes never ask for them; generate and access do).
	keyGrants     []KeyGrant
	keyGrantsOnce sync.Once
	// grantSlab holds the first grant of each group (most groups have
	// one), so Access does not allocate one slice per group.
	grantSlab []Grant
	// lastSet and last are the action set shared was last given and its
	// list: statements and groups of one policy mostly list the same
	// actions, and one shared (read-only) list keeps them from each
	// holding a copy.
	lastSet uint32
	last    []string
}

// shared returns the actions of set in the order of Actions, the same list
// as last time when the set is the same.
func (a *Access) shared(set uint32) []string {
	if set != a.lastSet || a.last == nil {
		a.lastSet, a.last = set, actionsIn(set)
	}
	return a.last
}

// statementActionSet is the set of actions a statement's Action or
// NotAction covers.
func statementActionSet(st *Statement) uint32 {
	var set uint32
	if len(st.NotAction) > 0 {
		for _, p := range st.NotAction {
			set |= actionSet(p)
		}
		return ^set & (1<<len(Actions) - 1)
	}
	for _, p := range st.Action {
		set |= actionSet(p)
	}
	return set
}

// unionActionSet is the set of every action some grant allows. sets are
// the statements' own sets: a grant of statement i allows its actions, as
// addGrants makes it, so only the rotation function's grant is looked up.
func unionActionSet(grants []Grant, sets []uint32) uint32 {
	var set uint32
	for _, g := range grants {
		if g.Statement >= 0 && g.Statement < len(sets) {
			set |= sets[g.Statement]
			continue
		}
		for _, act := range g.Actions {
			set |= actionSet(act)
		}
	}
	return set
}

// AccessGroup is one group of callers and what the policy and the key let
// them do.
type AccessGroup struct {
	// ID is the ARN, account id, service or provider name, organization id,
	// endpoint or VPC id, or "*"; empty for the rotation function.
	ID string
	// Account is the group's AWS account when it has exactly one.
	Account string
	// Except lists the principals an Allow with NotPrincipal leaves out.
	Except []string
	// Grants are the Allow statements (or, for the rotation function, its
	// role) that let the group in.
	Grants []Grant
	// Cuts are the Deny statements that can take actions away again.
	Cuts []Cut
	// Allowed is every action some grant allows, in the order of Actions.
	Allowed []string
	// Reads reports whether the group may call GetSecretValue at least
	// some of the time.
	Reads bool
	// Kind sits beside Reads too (it was the first field), in the same
	// alignment gap: 21 groups of 232 bytes took the next size class up.
	Kind GroupKind

	// The small unexported fields sit beside Reads, in the bytes its
	// alignment leaves: Access makes a slice of groups on every keystroke.

	// direct is what the walk-through knows about an actor beyond the
	// policy: it calls with its own credentials (caller, below, has the
	// rest).
	direct bool
	// keyGranted reports that a KeyGrant serves the group.
	keyGranted bool
	// stackRole is a rotation function whose role the template creates
	// (the hosted function): it has a generated name, so it is none of
	// the fixed ARNs a policy written beforehand can list.
	stackRole bool
	// word is labelParts' leading word for a principal whose ARN Access
	// has parsed already (an index in principalWords; 0 when not known).
	word uint8

	Decrypt Decrypt

	// label is Label, worked out once when the group is made: the key
	// grants and the decrypt reasons name groups in loops.
	label string
	// path is where the group's callers call from, when the design says.
	path netPath
	// caller is what the walk-through knows of an actor beyond the
	// policy; nil for the groups of the policy, which is most of them.
	caller *callerID
}

// callerID is what the walk-through knows of an actor beyond the policy
// (AccessGroup.caller).
type callerID struct {
	// org is the organization the actor belongs to.
	org string
	// anyAccountARN is the caller's ARN with "*" for an account the
	// design does not name, for a caller whose name is the same in every
	// account (AWS Config's service-linked role): a pattern that cannot
	// name it in any account leaves it out.
	anyAccountARN string
}

// org is the organization the group's callers belong to, when the
// walk-through knows it beyond the policy ("" when not).
func (g *AccessGroup) org() string {
	if g.caller == nil {
		return ""
	}
	return g.caller.org
}

// anyAccountARN is callerID.anyAccountARN, "" when not known.
func (g *AccessGroup) anyAccountARN() string {
	if g.caller == nil {
		return ""
	}
	return g.caller.anyAccountARN
}

// setCaller sets what the walk-through knows of the actor, on a callerID
// of g's own (g is often a copy of a group of the shared access model).
func (g *AccessGroup) setCaller(set func(*callerID)) {
	var c callerID
	if g.caller != nil {
		c = *g.caller
	}
	set(&c)
	g.caller = &c
}

// Grant is one statement that lets a group in.
type Grant struct {
	// Statement is the index in the policy, or -1 for the rotation
	// function's own role.
	Statement int
	Sid       string
	Actions   []string
	// Conditions must all hold for the grant to apply; the condition that
	// defines the group itself (such as aws:PrincipalOrgID for an
	// organization) is left out.
	Conditions []Condition
	// pin is the condition that narrowed a grant to "*" down to this
	// group; nil when the statement named the principal.
	pin *Condition
}

// Cut is a Deny statement that takes actions away from a group.
type Cut struct {
	Statement int
	Sid       string
	// Actions are the group's allowed actions the Deny covers.
	Actions []string
	// Always reports that the Deny applies to every call of the group; when
	// false it applies only when When holds.
	Always bool
	// When are the Deny's conditions that secretsmith cannot decide for
	// the group; the Deny applies when all of them hold.
	When []Condition
	// MaybePrincipal reports that the Deny names principals secretsmith
	// cannot match against the group (a NotPrincipal list for the rotation
	// function, whose role ARN is not known).
	MaybePrincipal bool
}

// Decrypt says whether a group can use the key, and why.
type Decrypt struct {
	State  DecryptState
	Reason string
}

// DenySummary is what one Deny statement means for the secret as a whole.
type DenySummary struct {
	Statement int
	Sid       string
	// Everyone reports a principal of "*" or a NotPrincipal.
	Everyone bool
	Actions  []string
	// Management are the actions it covers beyond reading the value.
	Management []string
	// Exception reports a condition that leaves named principals out, such
	// as ArnNotLike on aws:PrincipalArn.
	Exception bool
	// RequestOnly reports that every condition is about the request itself
	// (its transport, tags or parameters) rather than who or where the
	// caller is, so it stops a kind of call rather than a person.
	RequestOnly bool
	// LocksOut reports a Deny to everyone over management actions with
	// neither an exception nor a request-only condition: administrators
	// and the next CloudFormation or Terraform run are denied too.
	LocksOut bool
}

// Access computes the access model of the design. It is cheap enough to run
// on every keystroke for a policy of ordinary size.
func (d *Design) Access() *Access {
	a := &Access{
		Account:           d.ownAccount(),
		Partition:         d.Partition(),
		Region:            d.PrimaryRegion(),
		BlockPublicPolicy: d.ResourcePolicy.BlocksPublicPolicy(),
	}
	for _, r := range d.Secret.ReplicaRegions {
		if r.Region != "" {
			a.ReplicaRegions = append(a.ReplicaRegions, r.Region)
		}
	}
	switch {
	case d.IsExisting():
		a.Key = KeyOfExistingSecret
	case d.Secret.KMSKeyARN != "":
		a.Key, a.KeyARN = KeyGiven, d.Secret.KMSKeyARN
	}
	var stmts []Statement
	if d.ResourcePolicy != nil {
		stmts = d.ResourcePolicy.Statements
	}
	a.acts = make([][]string, len(stmts))
	// sets are the same as sets of indexes, for the union of each group's
	// grants below (which are the statements' own lists).
	sets := make([]uint32, len(stmts))
	// groups bounds the number of groups addGrants can add: one per
	// principal value, and for a statement that allows everyone (or names
	// a NotPrincipal) one per value of its conditions or one for anyone.
	groups := 1 // the rotation function
	for i := range stmts {
		st := &stmts[i]
		if i > 0 && slices.Equal(st.Action, stmts[i-1].Action) && slices.Equal(st.NotAction, stmts[i-1].NotAction) {
			// Statements one after another mostly list the same actions.
			sets[i] = sets[i-1]
		} else {
			sets[i] = statementActionSet(st)
		}
		a.acts[i] = a.shared(sets[i])
		if p := st.Principal; p != nil && !p.IsEveryone() {
			groups += len(p.AWS) + len(p.Service) + len(p.Federated)
		} else if p != nil || st.NotPrincipal != nil {
			groups++
			for _, c := range st.Condition {
				groups += len(c.Values)
			}
		}
	}
	// Groups are large; growing the slice one statement at a time copied
	// them over and over.
	a.Groups = make([]AccessGroup, 0, groups)
	a.grantSlab = make([]Grant, 0, groups)
	for i := range stmts {
		st := &stmts[i]
		if isAllow(*st) {
			a.addGrants(i, st)
		}
	}
	a.grantSlab = nil // only addGrants uses it
	a.labelGroups()
	if d.Rotation != nil {
		h := d.Rotation.HostedRotationLambda
		vpce := ""
		if h != nil {
			a.rotationNAT = h.Endpoint == EndpointNAT
			a.rotationOutsideVPC = len(h.VPCSubnetIDs) == 0 || a.rotationNAT
			if !a.rotationOutsideVPC {
				a.rotationVPC = h.VPCID
				// An existing endpoint given by id is the function's
				// aws:SourceVpce, so a Deny outside it is decided.
				vpce = h.EndpointID()
			}
		}
		a.Groups = append(a.Groups, AccessGroup{
			Kind:    GroupRotation,
			Account: a.Account,
			// Your own function calls as its execution role
			// (rotationLambdaRoleArn): an ArnNotLike exception naming
			// it spares the function.
			ID:        d.Rotation.RotationLambdaRoleARN,
			Grants:    []Grant{{Statement: -1, Actions: slices.Clone(RotationActions)}},
			label:     rotationLabel,
			stackRole: d.Rotation.HostedRotationLambda != nil,
			path:      netPath{known: true, outside: a.rotationOutsideVPC, nat: a.rotationNAT, vpc: a.rotationVPC, vpce: vpce, anyVpce: !a.rotationOutsideVPC},
		})
	}
	for i := range stmts {
		if st := &stmts[i]; equalFold(st.Effect, "Deny") {
			a.Denies = append(a.Denies, summarizeDeny(i, st, a.acts[i]))
		}
	}
	for gi := range a.Groups {
		g := &a.Groups[gi]
		g.Allowed = a.shared(unionActionSet(g.Grants, sets))
		g.Cuts = a.cuts(g, stmts)
		g.Reads = slices.Contains(g.Allowed, actionGetSecretValue) && !g.deniedAlways(actionGetSecretValue)
	}
	for gi := range a.Groups {
		g := &a.Groups[gi]
		g.keyGranted = keyGrantServes(g)
		g.Decrypt = a.decrypt(d, g)
	}
	return a
}

// cuts are the Deny statements among stmts (the policy's) that take
// actions from g. a.Denies already lists them, in policy order.
func (a *Access) cuts(g *AccessGroup, stmts []Statement) []Cut {
	var out []Cut
	for _, s := range a.Denies {
		if c, ok := a.cut(g, s.Statement, &stmts[s.Statement]); ok {
			out = append(out, c)
		}
	}
	return out
}

// ownAccount is the secret's account, from the ARNs that must be in it: the
// existing secret, the rotation function, the master secret, the key.
func (d *Design) ownAccount() string {
	cands := []string{d.Secret.ExistingSecretARN}
	if r := d.Rotation; r != nil {
		cands = append(cands, r.RotationLambdaARN)
		cands = append(cands, d.MasterSecret())
	}
	cands = append(cands, d.Secret.KMSKeyARN)
	for _, c := range cands {
		if arn, ok := ParseARN(c); ok && isAccountID(arn.Account) {
			return arn.Account
		}
	}
	return ""
}

// pinKeys are the condition keys that can turn a "*" principal into a
// narrower group, most specific first.
var pinKeys = []struct {
	key  string
	kind GroupKind
}{
	{"aws:PrincipalArn", GroupPrincipal},
	{"aws:SourceArn", GroupPrincipal},
	{"aws:PrincipalAccount", GroupAccount},
	{"aws:SourceAccount", GroupAccount},
	{"aws:PrincipalOrgID", GroupOrganization},
	{"aws:SourceVpce", GroupVPCEndpoint},
	{"aws:SourceVpc", GroupVPC},
}

func (a *Access) addGrants(i int, st *Statement) {
	actions := a.acts[i]
	if len(actions) == 0 {
		return
	}
	grant := func(conds []Condition) Grant {
		return Grant{Statement: i, Sid: st.Sid, Actions: actions, Conditions: conds}
	}
	if st.NotPrincipal != nil {
		g := a.group(GroupAnyone, "*", "", principalValues(st.NotPrincipal)...)
		a.addGrant(g, grant(st.Condition))
		return
	}
	p := st.Principal
	if p == nil {
		return
	}
	if p.IsEveryone() {
		for _, pk := range pinKeys {
			for ci, c := range st.Condition {
				if !strings.EqualFold(c.Key, pk.key) {
					continue
				}
				if reason, _ := pinReason(c); reason != "" {
					continue
				}
				rest := slices.Delete(slices.Clone(st.Condition), ci, ci+1)
				for _, v := range c.Values {
					kind, id, acct := pk.kind, v, ""
					switch kind {
					case GroupPrincipal:
						acct = arnAccount(v)
					case GroupAccount:
						acct = v
					}
					g := a.group(kind, id, acct)
					gr := grant(rest)
					pin := c
					gr.pin = &pin
					a.addGrant(g, gr)
				}
				return
			}
		}
		g := a.group(GroupAnyone, "*", "")
		a.addGrant(g, grant(st.Condition))
		return
	}
	for _, v := range p.AWS {
		kind, id, acct, word := awsPrincipalGroup(v)
		g := a.group(kind, id, acct)
		g.word = word
		a.addGrant(g, grant(st.Condition))
	}
	for _, v := range p.Service {
		g := a.group(GroupService, v, "")
		a.addGrant(g, grant(st.Condition))
	}
	for _, v := range p.Federated {
		g := a.group(GroupFederated, v, arnAccount(v))
		a.addGrant(g, grant(st.Condition))
	}
}

// addGrant adds gr to g's grants. A group's first grant goes into the
// model's slab with capacity one, so a second moves the grants out of it.
func (a *Access) addGrant(g *AccessGroup, gr Grant) {
	if g.Grants == nil && len(a.grantSlab) < cap(a.grantSlab) {
		n := len(a.grantSlab)
		a.grantSlab = append(a.grantSlab, gr)
		g.Grants = a.grantSlab[n : n+1 : n+1]
		return
	}
	g.Grants = append(g.Grants, gr)
}

// awsPrincipalGroup sorts one Principal.AWS value: an account id or root
// ARN is the account; anything else is one principal, whose label's word
// (principalWord) comes from the same parse.
func awsPrincipalGroup(v string) (kind GroupKind, id, account string, word uint8) {
	if isAccountID(v) {
		return GroupAccount, v, v, 0
	}
	arn, ok := ParseARN(v)
	if !ok || !isAccountID(arn.Account) {
		return GroupPrincipal, v, "", principalWord(arn, ok)
	}
	if arn.Service == "iam" && arn.Resource == "root" {
		return GroupAccount, arn.Account, arn.Account, 0
	}
	return GroupPrincipal, v, arn.Account, principalWord(arn, ok) // arnAccount(v), parsed once
}

// principalWords are the leading words of a principal's label, by what its
// ARN names; principalWord gives the index.
var principalWords = [...]string{"", "role ", "user ", "session ", "principal "}

// principalWord is the index in principalWords for a principal's ARN
// (ParseARN's result).
func principalWord(arn ARN, ok bool) uint8 {
	if ok {
		kind, _, _ := strings.Cut(arn.Resource, "/")
		switch kind {
		case "role":
			return 1
		case "user":
			return 2
		case "assumed-role":
			return 3
		}
	}
	return 4
}

func arnAccount(v string) string {
	if arn, ok := ParseARN(v); ok && isAccountID(arn.Account) {
		return arn.Account
	}
	return ""
}

// principalARN is the value aws:PrincipalArn has for a principal: for an
// assumed-role session it is the role's ARN. The role's path is not part of
// a session ARN, so a role with a path cannot be matched exactly; that only
// makes a comparison undecided, never wrong, because the caller's ARN is
// then treated as unknown.
func principalARN(v string) (string, bool) {
	arn, ok := ParseARN(v)
	if !ok {
		return "", false
	}
	if arn.Service == "sts" {
		rest, ok := strings.CutPrefix(arn.Resource, "assumed-role/")
		role, _, ok2 := strings.Cut(rest, "/")
		if !ok || !ok2 {
			return "", false
		}
		return "arn:" + arn.Partition + ":iam::" + arn.Account + ":role/" + role, true
	}
	return v, true
}

func principalValues(p *Principal) []string {
	if p.Wildcard {
		return []string{"*"}
	}
	return slices.Concat(p.AWS, p.Service, p.Federated)
}

func appendUnique(list []string, vals ...string) []string {
	for _, v := range vals {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// group returns the group with kind, id and exceptions, adding it when new.
func (a *Access) group(kind GroupKind, id, account string, except ...string) *AccessGroup {
	for i := range a.Groups {
		// The last bytes first: a policy's ARNs mostly share a long
		// prefix and the same length, and this runs for every principal
		// against every group.
		if g := &a.Groups[i]; g.Kind == kind && len(g.ID) == len(id) && (id == "" || g.ID[len(id)-1] == id[len(id)-1]) &&
			g.ID == id && slices.Equal(g.Except, except) {
			return g
		}
	}
	if n := len(a.Groups); n < cap(a.Groups) {
		// Groups are only ever added, so the slot past the end is still
		// zero: set the four fields there rather than copying a whole
		// group in (Access runs on every keystroke).
		a.Groups = a.Groups[:n+1]
		g := &a.Groups[n]
		g.Kind, g.ID, g.Account, g.Except = kind, id, account, except
		return g
	}
	a.Groups = append(a.Groups, AccessGroup{Kind: kind, ID: id, Account: account, Except: except})
	return &a.Groups[len(a.Groups)-1]
}

// deniedAlways reports whether a Deny takes action from the group on every
// call.
func (g *AccessGroup) deniedAlways(action string) bool {
	for _, c := range g.Cuts {
		if c.Always && slices.Contains(c.Actions, action) {
			return true
		}
	}
	return false
}

// rotationLabel is the rotation function's group label.
const rotationLabel = "the rotation function"

// Label names the group in plain words, such as "anyone in organization
// o-a1b2c3d4e5".
func (g *AccessGroup) Label() string {
	if g.label != "" {
		return g.label
	}
	return g.makeLabel()
}

func (g *AccessGroup) makeLabel() string {
	word, rest := g.labelParts()
	if rest == "" {
		return word
	}
	return word + rest
}

// labelGroups gives every group of the model without a label its label,
// all of them cut from one string: Access runs on every keystroke, and one
// small string per group was a large part of its allocations.
func (a *Access) labelGroups() {
	// Each label's end in the one string; beyond what fits on the stack a
	// group gets its own string.
	// The parts are worked out first, so the string is allocated at its
	// exact size (a bound by the longest leading word took the next size
	// class or two up).
	var ends [64]int
	var parts [64][2]string
	n := min(len(a.Groups), len(ends))
	total := 0
	for i := range n {
		if g := &a.Groups[i]; g.label == "" {
			word, rest := g.labelParts()
			parts[i] = [2]string{word, rest}
			total += len(word) + len(rest)
		}
	}
	var sb strings.Builder
	sb.Grow(total)
	for i := range n {
		if a.Groups[i].label == "" {
			sb.WriteString(parts[i][0])
			sb.WriteString(parts[i][1])
		}
		ends[i] = sb.Len()
	}
	all, at := sb.String(), 0
	for i := range a.Groups {
		g := &a.Groups[i]
		if i >= n {
			if g.label == "" {
				g.label = g.makeLabel()
			}
			continue
		}
		if g.label == "" {
			g.label = all[at:ends[i]]
		}
		at = ends[i]
	}
}

// labelParts is the group's label in two parts, a leading word and the
// rest (often the group's ID), so labels can be joined without a string
// each.
func (g *AccessGroup) labelParts() (word, rest string) {
	switch g.Kind {
	case GroupPrincipal:
		w := g.word
		if w == 0 {
			w = principalWord(ParseARN(g.ID))
		}
		return principalWords[w], g.ID
	case GroupAccount:
		return "account ", g.ID
	case GroupService:
		return "service ", g.ID
	case GroupFederated:
		return "users of ", g.ID
	case GroupOrganization:
		return "anyone in organization ", g.ID
	case GroupVPCEndpoint:
		return "anyone calling through ", g.ID
	case GroupVPC:
		return "anyone calling from ", g.ID
	case GroupRotation:
		return rotationLabel, ""
	}
	if len(g.Except) > 0 {
		return "anyone but ", strings.Join(g.Except, ", ")
	}
	return "anyone", ""
}

// summarizeDeny says what a Deny statement means for the secret as a whole.
func summarizeDeny(i int, st *Statement, acts []string) DenySummary {
	s := DenySummary{Statement: i, Sid: st.Sid, Actions: acts}
	s.Everyone = st.NotPrincipal != nil || st.Principal.IsEveryone()
	for _, act := range s.Actions {
		if !slices.Contains(ValueReadingActions, act) {
			s.Management = append(s.Management, act)
		}
	}
	s.RequestOnly = len(st.Condition) > 0
	for _, c := range st.Condition {
		if isException(c) {
			s.Exception = true
		}
		if !requestOnly(c) {
			s.RequestOnly = false
		}
	}
	s.LocksOut = s.Everyone && len(s.Management) > 0 && !s.Exception && !s.RequestOnly
	return s
}

// exceptionKeys name who the caller is, so a negated condition on one of
// them leaves those principals out of a Deny.
var exceptionKeys = []string{"aws:PrincipalArn", "aws:PrincipalAccount", "aws:userid", "aws:username"}

// isException reports whether c leaves named principals out of a Deny:
// a negated operator on a key that names the caller.
func isException(c Condition) bool {
	return isNegated(c.Operator) && slices.ContainsFunc(exceptionKeys, func(k string) bool { return strings.EqualFold(k, c.Key) })
}

// requestOnly reports whether c is about the request rather than the
// caller: plain HTTP, the request's own tags and parameters. A Deny with
// only such conditions stops a kind of call, which an administrator can
// always make differently.
func requestOnly(c Condition) bool {
	k := strings.ToLower(c.Key)
	switch {
	case k == "aws:securetransport":
		return true
	case strings.HasPrefix(k, "aws:requesttag/"), k == "aws:tagkeys":
		return true
	case strings.HasPrefix(k, "secretsmanager:"):
		// Request parameters such as BlockPublicPolicy or
		// ForceDeleteWithoutRecovery; the resource/ keys and ResourceTag
		// describe the secret itself, which every call shares.
		return !strings.HasPrefix(k, "secretsmanager:resource/") && !strings.HasPrefix(k, "secretsmanager:resourcetag/")
	}
	return false
}

// baseOperator strips the set prefix and the IfExists suffix.
func baseOperator(op string) (base string, ifExists bool) {
	for _, p := range [...]string{"ForAnyValue:", "ForAllValues:"} {
		if len(op) > len(p) && strings.EqualFold(op[:len(p)], p) {
			op = op[len(p):]
		}
	}
	if n := len("IfExists"); len(op) > n && strings.EqualFold(op[len(op)-n:], "IfExists") {
		return op[:len(op)-n], true
	}
	return op, false
}

func isNegated(op string) bool {
	b, _ := baseOperator(op)
	switch strings.ToLower(b) {
	case "stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike", "notipaddress":
		return true
	}
	return false
}

// tri is true, false or undecided.
type tri int

const (
	triUnknown tri = iota
	triTrue
	triFalse
)

// netPath is where a caller's calls to Secrets Manager come from, as far
// as the design (or the Environment) says.
type netPath struct {
	// vpc is the VPC the calls come from, through an endpoint there.
	vpc string
	// vpce is that endpoint's id when it is known; anyVpce says the calls
	// go through an endpoint whose id the design does not know (the one
	// secretsmith creates, or the VPC's own).
	vpce    string
	anyVpce bool
	// known reports that the design says anything at all.
	known bool
	// outside is a caller outside any VPC: CloudFormation itself, a
	// runner in CI, a function without subnets or behind a NAT gateway.
	// Its calls carry neither aws:SourceVpc nor aws:SourceVpce.
	outside bool
	// nat is a call through a NAT gateway, from its public address.
	nat bool
}

// callerFacts are what secretsmith knows about one grant's callers: the
// values some condition keys must have, because the group or the grant
// pins them, and where the calls come from.
type callerFacts struct {
	// direct is a caller that calls Secrets Manager itself with its own
	// credentials, never through another service: aws:ViaAWSService and
	// aws:PrincipalIsAWSService are false.
	direct bool
	// lambda is a rotation function: outside a VPC it calls from Lambda's
	// own public addresses, never from one the policy lists.
	lambda bool
	// stackRole: see AccessGroup.stackRole.
	stackRole bool
	// anyAccountARN: see AccessGroup.anyAccountARN.
	anyAccountARN string
	path          netPath
	// known maps a lower-case key to the values the caller's value is
	// one of.
	known map[string][]string
}

func (f *callerFacts) with(key string, vals ...string) {
	k := strings.ToLower(key)
	if f.known == nil {
		f.known = map[string][]string{}
	}
	if _, ok := f.known[k]; !ok {
		f.known[k] = vals
	}
}

// facts gathers what grant tells about the group's callers.
func (a *Access) facts(g *AccessGroup, gr Grant) callerFacts {
	f := callerFacts{direct: g.Kind == GroupRotation || g.direct, lambda: g.Kind == GroupRotation, path: g.path, stackRole: g.stackRole,
		anyAccountARN: g.anyAccountARN()}
	if f.path.vpc != "" {
		f.with("aws:SourceVpc", f.path.vpc)
	}
	if f.path.vpce != "" {
		f.with("aws:SourceVpce", f.path.vpce)
	}
	switch g.Kind {
	case GroupPrincipal, GroupRotation:
		if arn, ok := principalARN(g.ID); ok {
			f.with("aws:PrincipalArn", arn)
		}
	case GroupOrganization:
		f.with("aws:PrincipalOrgID", g.ID)
	case GroupVPCEndpoint:
		f.with("aws:SourceVpce", g.ID)
	case GroupVPC:
		f.with("aws:SourceVpc", g.ID)
	}
	if org := g.org(); org != "" {
		f.with("aws:PrincipalOrgID", org)
	}
	if g.Account != "" && g.Kind != GroupService {
		f.with("aws:PrincipalAccount", g.Account)
	}
	// A positive condition with fixed values on a grant means every call
	// the grant lets through carries one of those values.
	for _, c := range gr.Conditions {
		base, ifExists := baseOperator(c.Operator)
		switch strings.ToLower(base) {
		case "stringequals", "stringequalsignorecase", "arnequals", "stringlike", "arnlike":
		default:
			continue
		}
		if ifExists || len(c.Values) == 0 || slices.ContainsFunc(c.Values, func(v string) bool { return strings.ContainsAny(v, "*?$") }) {
			continue
		}
		f.with(c.Key, c.Values...)
	}
	return f
}

// absentKey decides condition c for a request that does not carry its
// key. IAM's rule: the condition is false, except that a negated operator
// is true, ...IfExists is true, and Null is what it asks.
func absentKey(c Condition) tri {
	base, ifExists := baseOperator(c.Operator)
	switch {
	case strings.EqualFold(base, "Null"):
		if len(c.Values) == 1 && strings.EqualFold(c.Values[0], "true") {
			return triTrue
		}
		return triFalse
	case ifExists, isNegated(c.Operator):
		return triTrue
	}
	return triFalse
}

// eval decides condition c of a Deny for callers with facts f.
func (f callerFacts) eval(c Condition) tri {
	base, _ := baseOperator(c.Operator)
	lbase := strings.ToLower(base)
	key := strings.ToLower(c.Key)
	if lbase == "bool" {
		var v string
		switch key {
		case "aws:securetransport":
			// Every AWS SDK, the CLI, CloudFormation and Terraform call
			// over TLS.
			v = "true"
		case "aws:viaawsservice", "aws:principalisawsservice":
			if !f.direct {
				return triUnknown
			}
			v = "false"
		default:
			return triUnknown
		}
		for _, want := range c.Values {
			if strings.EqualFold(want, v) {
				return triTrue
			}
		}
		return triFalse
	}
	if p := f.path; p.known {
		switch key {
		case "aws:sourcevpce":
			if p.outside {
				return absentKey(c)
			}
			if p.vpce == "" && p.anyVpce {
				// Through an endpoint whose id the design does not
				// know: a Deny outside listed endpoints is taken to
				// apply, since nothing says the list holds it.
				if isNegated(c.Operator) {
					return triTrue
				}
				return triUnknown
			}
		case "aws:sourcevpc":
			if p.outside {
				return absentKey(c)
			}
		case "aws:sourceip":
			// Calls from inside a VPC carry no public source address;
			// through a NAT gateway they carry its address, which the
			// condition may well list; a function outside any VPC calls
			// from Lambda's addresses, which no one lists.
			if p.nat || (p.outside && !f.lambda) {
				return triUnknown
			}
			if lbase == "notipaddress" {
				return triTrue
			}
			if lbase == "ipaddress" {
				return triFalse
			}
		}
	}
	negated := isNegated(c.Operator)
	switch lbase {
	case "stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike",
		"stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike":
	default:
		return triUnknown
	}
	vals, ok := f.known[key]
	if !ok && key == "aws:principalarn" && f.anyAccountARN != "" {
		// The condition holds when a positive operator matches or a
		// negated one does not.
		switch m := anyAccountMatch(lbase, c.Values, f.anyAccountARN); {
		case m == triTrue && !negated, m == triFalse && negated:
			return triTrue
		case m != triUnknown:
			return triFalse
		}
		return triUnknown
	}
	if !ok {
		// Issue 20, item 7: an exception for an administrator's role
		// does not cover the hosted function's role, which has a name
		// the stack makes up; only a pattern might match it.
		if key == "aws:principalarn" && f.stackRole &&
			!slices.ContainsFunc(c.Values, func(v string) bool { return strings.ContainsAny(v, "*?$") }) {
			if negated {
				return triTrue
			}
			return triFalse
		}
		return triUnknown
	}
	// The key is present whenever it is known, so IfExists changes nothing.
	all, none := true, true
	for _, v := range vals {
		if conditionMatches(lbase, c.Values, v) {
			none = false
		} else {
			all = false
		}
	}
	switch {
	case all && !negated, none && negated:
		return triTrue
	case all && negated, none && !negated:
		return triFalse
	}
	return triUnknown
}

// conditionMatches reports whether value matches one of the condition's
// values under the (lower-case, base) operator.
func conditionMatches(lbase string, want []string, value string) bool {
	for _, w := range want {
		switch {
		case strings.Contains(lbase, "ignorecase"):
			if strings.EqualFold(w, value) {
				return true
			}
		case strings.HasPrefix(lbase, "arn"), strings.HasSuffix(lbase, "like"):
			if globMatch(w, value) {
				return true
			}
		default:
			if w == value {
				return true
			}
		}
	}
	return false
}

// anyAccountMatch decides whether one of patterns matches arn, whose
// account is "*" (not known): true when one matches it whatever the
// account (its account is "*" too), false when none could match it in any
// account, unknown otherwise.
func anyAccountMatch(lbase string, patterns []string, arn string) tri {
	parts := strings.SplitN(arn, ":", 6)
	out := triFalse
	for _, p := range patterns {
		pp := strings.SplitN(p, ":", 6)
		if len(pp) < 6 || len(parts) < 6 {
			return triUnknown
		}
		// The ARN as it would be in the one account the pattern names.
		in := slices.Clone(parts)
		in[4] = pp[4]
		if !conditionMatches(lbase, []string{p}, strings.Join(in, ":")) {
			continue
		}
		if pp[4] == "*" {
			return triTrue
		}
		out = triUnknown
	}
	return out
}

// denyPrincipal decides whether Deny st names the group's callers.
func (a *Access) denyPrincipal(g *AccessGroup, st *Statement) tri {
	if st.NotPrincipal != nil {
		if g.Kind == GroupRotation && g.ID == "" && !g.stackRole {
			return triUnknown
		}
		for _, v := range principalValues(st.NotPrincipal) {
			if samePrincipal(g, v) {
				return triFalse
			}
		}
		return triTrue
	}
	p := st.Principal
	if p == nil {
		return triFalse
	}
	if p.IsEveryone() {
		return triTrue
	}
	for _, v := range principalValues(p) {
		if samePrincipal(g, v) {
			return triTrue
		}
		// A Deny to an account applies to every principal in it.
		if kind, _, acct, _ := awsPrincipalGroup(v); kind == GroupAccount && acct != "" && acct == g.Account &&
			(g.Kind == GroupPrincipal || g.Kind == GroupRotation) {
			return triTrue
		}
	}
	return triFalse
}

func samePrincipal(g *AccessGroup, v string) bool {
	switch g.Kind {
	case GroupAccount:
		kind, _, acct, _ := awsPrincipalGroup(v)
		return kind == GroupAccount && acct == g.ID
	case GroupPrincipal, GroupService, GroupFederated:
		return v == g.ID
	}
	return false
}

// cut works out whether Deny st takes actions from group g, and when.
func (a *Access) cut(g *AccessGroup, i int, st *Statement) (Cut, bool) {
	who := a.denyPrincipal(g, st)
	if who == triFalse {
		return Cut{}, false
	}
	denied := a.acts[i]
	c := Cut{Statement: i, Sid: st.Sid, Always: true, MaybePrincipal: who == triUnknown}
	hit := false
	for _, gr := range g.Grants {
		acts := intersect(gr.Actions, denied)
		if len(acts) == 0 {
			continue
		}
		f := a.facts(g, gr)
		spared, always := false, who == triTrue
		var when []Condition
		for _, cond := range st.Condition {
			switch f.eval(cond) {
			case triFalse:
				spared = true
			case triUnknown:
				always = false
				when = append(when, cond)
			}
		}
		if spared {
			continue
		}
		hit = true
		c.Actions = appendUnique(c.Actions, acts...)
		c.Always = c.Always && always
		for _, w := range when {
			if !slices.ContainsFunc(c.When, func(x Condition) bool { return x.Operator == w.Operator && x.Key == w.Key }) {
				c.When = append(c.When, w)
			}
		}
	}
	if !hit {
		return Cut{}, false
	}
	c.Actions = ExpandActions(c.Actions) // back into the order of Actions
	return c, true
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// decrypt says whether group g can decrypt the secret with its key.
func (a *Access) decrypt(d *Design, g *AccessGroup) Decrypt {
	if g.Kind == GroupRotation {
		return a.rotationDecrypt(d)
	}
	if !g.Reads {
		return Decrypt{State: DecryptNotNeeded}
	}
	switch a.Key {
	case KeyOfExistingSecret:
		return Decrypt{State: DecryptCheck, Reason: "secretsmith does not see the existing secret's key; its policy must let " +
			g.Label() + " use kms:Decrypt through Secrets Manager"}
	case KeyGiven:
		return Decrypt{State: DecryptCheck, Reason: "the key " + a.KeyARN + " is managed elsewhere; its policy must let " +
			g.Label() + " use kms:Decrypt through Secrets Manager"}
	}
	if g.keyGranted {
		r := "the key policy secretsmith writes grants kms:Decrypt through Secrets Manager"
		if g.Kind == GroupVPCEndpoint || g.Kind == GroupVPC {
			r += " to the callers of the secret's account (kms:CallerAccount); a caller of another account is not covered"
		} else if g.Account != "" && a.Account != "" && g.Account != a.Account {
			r += "; account " + g.Account + " must also allow it in the caller's IAM policy"
		} else if g.Kind == GroupAccount || g.Kind == GroupOrganization {
			r += " to the IAM principals whose own policies allow it"
		}
		return Decrypt{State: DecryptYes, Reason: r}
	}
	switch g.Kind {
	case GroupVPCEndpoint, GroupVPC, GroupAnyone:
		return Decrypt{State: DecryptNo, Reason: "KMS cannot tell which endpoint or network a Secrets Manager call came from, " +
			"so no key policy can grant this group alone; name the principals, their account or their organization"}
	}
	return Decrypt{State: DecryptNo, Reason: "no key policy statement grants it kms:Decrypt"}
}

func (a *Access) rotationDecrypt(d *Design) Decrypt {
	r := d.Rotation
	switch {
	case a.Key == KeyOfExistingSecret:
		return Decrypt{State: DecryptCheck, Reason: "the existing secret's key policy must let the function's role use the key through Secrets Manager"}
	case r.HostedRotationLambda == nil && a.Key == KeyCreated && r.RotationLambdaRoleARN != "":
		return Decrypt{State: DecryptYes, Reason: "the key policy secretsmith writes lets the function's role " + r.RotationLambdaRoleARN +
			" use kms:Decrypt and kms:GenerateDataKey through Secrets Manager"}
	case r.HostedRotationLambda == nil && a.Key == KeyCreated:
		return Decrypt{State: DecryptNo, Reason: "the key secretsmith creates lets in only the roles the design names, and the design does not name the function's role"}
	case r.HostedRotationLambda == nil:
		return Decrypt{State: DecryptCheck, Reason: "the function's role must be allowed kms:Decrypt and kms:GenerateDataKey on the key by its IAM policy"}
	case a.Key == KeyGiven:
		return Decrypt{State: DecryptCheck, Reason: "the hosted function's role is allowed the key in IAM; the key's own policy must let the account's IAM policies grant its use"}
	}
	return Decrypt{State: DecryptYes, Reason: "the hosted function's role is allowed the key in IAM, and the key policy lets the account's IAM policies grant its use through Secrets Manager"}
}

// KeyGrant is one statement the secret's key policy needs so that the
// principals of one Allow statement can decrypt what they may read. For a
// key secretsmith creates, generate writes it; for a given key, secretsmith
// access prints it for the key's owners to add.
type KeyGrant struct {
	// Sid is AllowDecryptFor plus the statement's Sid or its number.
	Sid       string
	Statement int
	// Principal is the key-policy principal: the statement's own AWS and
	// Service principals (account ids written as root ARNs), or "*" when
	// the statement allowed everyone narrowed by a condition that KMS
	// reads the same way.
	Principal Principal
	// Conditions are the statement's conditions that mean the same for
	// the KMS call Secrets Manager makes on the caller's behalf: who the
	// caller is, not where the call came from. kms:ViaService is not
	// among them; see ViaServiceValues.
	Conditions []Condition
	// Groups are the labels of the groups the grant serves.
	Groups []string
}

// keyPrincipalKeys mean the same in a KMS request that Secrets Manager
// makes on a caller's behalf as in the caller's own request: they describe
// the caller. Network keys (aws:SourceVpce, aws:SourceIp, ...) describe the
// call to Secrets Manager and are absent or different in the KMS request.
var keyPrincipalKeys = []string{
	"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
	"aws:PrincipalTag/", "aws:PrincipalType", "aws:userid", "aws:username",
}

func carriesToKMS(c Condition) bool {
	// Every such key is aws: and then P or u (PrincipalArn, userid, ...):
	// a key whose first five bytes are ASCII and say otherwise is none of
	// them, without a case-folding comparison per key.
	if k := c.Key; len(k) >= 5 && k[0]|k[1]|k[2]|k[3]|k[4] < utf8.RuneSelf && k[4]|0x20 != 'p' && k[4]|0x20 != 'u' {
		return false
	}
	for _, k := range keyPrincipalKeys {
		if strings.HasSuffix(k, "/") {
			if len(c.Key) > len(k) && strings.EqualFold(c.Key[:len(k)], k) {
				return true
			}
		} else if strings.EqualFold(c.Key, k) {
			return true
		}
	}
	return false
}

// KeyGrants returns the key-policy statements that let every principal the
// resource policy allows to read the value decrypt it through Secrets
// Manager, one per Allow statement that grants GetSecretValue. A statement
// for "*" is only carried over when a caller condition (such as
// aws:PrincipalOrgID) narrows it; one narrowed only by the network cannot
// be, because the KMS request does not carry the endpoint or address.
// The slice is the model's own, worked out once: callers must not modify it.
func (a *Access) KeyGrants() []KeyGrant {
	a.keyGrantsOnce.Do(func() { a.keyGrants = a.computeKeyGrants() })
	return a.keyGrants
}

// keyGrantServes reports whether a KeyGrant serves group g: one of its
// grants of GetSecretValue is one computeKeyGrants turns into a key
// statement (keyGrantOf's ok). It is what decrypt needs of the key grants,
// without building them.
func keyGrantServes(g *AccessGroup) bool {
	if !g.Reads || g.Kind == GroupRotation || len(g.Except) > 0 {
		return false
	}
	for _, gr := range g.Grants {
		if !slices.Contains(gr.Actions, actionGetSecretValue) {
			continue
		}
		if gr.pin != nil {
			return true
		}
		switch g.Kind {
		case GroupPrincipal, GroupService, GroupAccount:
			return true
		}
	}
	return false
}

func (a *Access) computeKeyGrants() []KeyGrant {
	out := make([]KeyGrant, 0, len(a.acts))
	// seen[i] is 1 + the index in out of statement i's grant (0: none yet);
	// a slice rather than a map, as a map was a tenth of what Access
	// allocated.
	seen := make([]int32, len(a.acts))
	// Most grants serve one group and name one principal: their first
	// label and principal share one array (slot 2k and 2k+1 of grant k,
	// capacity one each, so a second value moves out of it).
	slots := make([]string, 2*len(a.acts))
	for gi := range a.Groups {
		g := &a.Groups[gi]
		if !g.Reads || g.Kind == GroupRotation || len(g.Except) > 0 {
			continue
		}
		for _, gr := range g.Grants {
			if !slices.Contains(gr.Actions, actionGetSecretValue) {
				continue
			}
			pv, conds, ok := a.keyGrantOf(g, gr)
			if !ok {
				continue
			}
			k := int(seen[gr.Statement]) - 1
			if k < 0 {
				k = len(out)
				seen[gr.Statement] = int32(k + 1)
				out = append(out, KeyGrant{Statement: gr.Statement, Sid: gr.Sid, Conditions: conds})
			}
			kg := &out[k]
			if kg.Groups == nil && 2*k+1 < len(slots) {
				slots[2*k] = g.Label()
				kg.Groups = slots[2*k : 2*k+1 : 2*k+1]
			} else {
				kg.Groups = appendUnique(kg.Groups, g.Label())
			}
			if 2*k+1 < len(slots) && pv != "*" && !kg.Principal.Wildcard && kg.Principal.AWS == nil && kg.Principal.Service == nil {
				slots[2*k+1] = pv
				if g.Kind == GroupService {
					kg.Principal.Service = slots[2*k+1 : 2*k+2 : 2*k+2]
				} else {
					kg.Principal.AWS = slots[2*k+1 : 2*k+2 : 2*k+2]
				}
			} else {
				kg.addPrincipal(g.Kind, pv)
			}
		}
	}
	slices.SortStableFunc(out, func(x, y KeyGrant) int { return x.Statement - y.Statement })
	setKeyGrantSids(out)
	return out
}

// setKeyGrantSids turns each grant's Sid, which holds the statement's own
// Sid, into keyGrantSid's, all cut from one string (one string per grant
// was a large part of Check's allocations).
func setKeyGrantSids(out []KeyGrant) {
	tail := func(kg *KeyGrant) string {
		if kg.Sid != "" {
			return kg.Sid
		}
		return keyGrantSidStatement + strconv.Itoa(kg.Statement+1)
	}
	total := 0
	for i := range out {
		total += len(keyGrantSidPrefix) + len(tail(&out[i]))
	}
	var sb strings.Builder
	sb.Grow(total)
	for i := range out {
		sb.WriteString(keyGrantSidPrefix)
		sb.WriteString(tail(&out[i]))
	}
	all, at := sb.String(), 0
	for i := range out {
		n := len(keyGrantSidPrefix) + len(tail(&out[i]))
		out[i].Sid = all[at : at+n]
		at += n
	}
}

// keyGrantOf is the key-policy principal and conditions for grant gr of
// group g: the principal's ARN, its account's root or its service with the
// grant's caller conditions, or "*" with the caller conditions of a
// statement that allowed everyone. ok is false when KMS cannot express the
// grant.
func (a *Access) keyGrantOf(g *AccessGroup, gr Grant) (principal string, conds []Condition, ok bool) {
	for _, c := range gr.Conditions {
		if carriesToKMS(c) {
			conds = append(conds, c)
		}
	}
	if gr.pin != nil {
		if carriesToKMS(*gr.pin) {
			conds = append([]Condition{*gr.pin}, conds...)
		}
		if len(conds) == 0 {
			// Issue 20, item 8: a grant narrowed only by the network
			// (aws:SourceVpce, aws:SourceVpc) cannot carry that condition
			// to KMS, which sees Secrets Manager's request on the
			// caller's behalf, not the caller's endpoint; the KMS guide
			// warns that endpoint conditions in a key policy make the
			// calls of integrated services fail. So the key lets that
			// account's callers decrypt through Secrets Manager, and the
			// resource policy keeps the network condition.
			conds = []Condition{{Operator: "StringEquals", Key: "kms:CallerAccount", Values: []string{a.accountOrHere()}}}
		}
		return "*", conds, true
	}
	switch g.Kind {
	case GroupPrincipal, GroupService:
		return g.ID, conds, true
	case GroupAccount:
		part := a.Partition
		if part == "" {
			part = "aws"
		}
		return "arn:" + part + ":iam::" + g.ID + ":root", conds, true
	}
	return "", nil, false
}

// ThisAccount stands, in a key grant's condition, for the account the
// template deploys to when the design does not say which it is; generate
// writes its own expression for it (as for ViaServicePrimary).
const ThisAccount = "(this account)"

func (a *Access) accountOrHere() string {
	if a.Account != "" {
		return a.Account
	}
	return ThisAccount
}

func (kg *KeyGrant) addPrincipal(kind GroupKind, v string) {
	if v == "*" {
		kg.Principal = Principal{Wildcard: true}
		return
	}
	if kg.Principal.Wildcard {
		return
	}
	if kind == GroupService {
		kg.Principal.Service = appendUnique(kg.Principal.Service, v)
	} else {
		kg.Principal.AWS = appendUnique(kg.Principal.AWS, v)
	}
}

// A key grant's Sid is keyGrantSidPrefix and the statement's Sid, or
// keyGrantSidStatement and its number when it has none.
const (
	keyGrantSidPrefix    = "AllowDecryptFor"
	keyGrantSidStatement = "Statement"
)

// ViaServiceValues are the kms:ViaService values a grant on the primary
// key is limited to: Secrets Manager in each region that decrypts with
// that key, which is the primary region alone. primary is that region's
// value as the caller writes it (generate writes an expression for the
// region the template deploys to).
//
// No replica uses the primary's key: a KMS key belongs to one region, and
// Secrets Manager encrypts a replica with a key in the replica's region,
// the one its kmsKeyArn names (a key in another region is refused, see
// Design.Validate), or with no kmsKeyArn that region's aws/secretsmanager
// key (ReplicaRegionType in the Secrets Manager API reference), which
// secretsmith's Terraform replaces with a key it creates there
// (ReplicaViaService is what that key and a named replica key need). A
// multi-region key's replica is a key of its own, with its own policy.
// Listing the replica regions here let readers use the primary key
// through a Secrets Manager that never needs it (issue 20, item 14).
func (a *Access) ViaServiceValues(primary string) []string {
	if primary == "" {
		return nil
	}
	return []string{primary}
}

// Readers are the groups that may read the secret's value.
func (a *Access) Readers() []*AccessGroup {
	var out []*AccessGroup
	for i := range a.Groups {
		if g := &a.Groups[i]; g.Reads && g.Kind != GroupRotation {
			out = append(out, g)
		}
	}
	return out
}

// Rotation is the rotation function's group, or nil when nothing rotates.
func (a *Access) Rotation() *AccessGroup {
	for i := range a.Groups {
		if a.Groups[i].Kind == GroupRotation {
			return &a.Groups[i]
		}
	}
	return nil
}

// DescribeCondition says in plain words what a condition row asks of a
// call, such as "only through vpce-0123…" or "when not from organization
// o-…". Keys it has no words for are shown as written.
func DescribeCondition(c Condition) string {
	base, _ := baseOperator(c.Operator)
	lbase := strings.ToLower(base)
	neg := isNegated(c.Operator)
	vals := strings.Join(c.Values, " or ")
	var what string
	switch strings.ToLower(c.Key) {
	case "aws:sourcevpce":
		what = "through " + vals
	case "aws:sourcevpc":
		what = "from " + vals
	case "aws:principalorgid":
		what = "from organization " + vals
	case "aws:principalaccount", "aws:sourceaccount", "kms:calleraccount":
		what = "from account " + vals
	case "aws:principalarn":
		what = "by " + vals
	case "aws:sourceip", "aws:vpcsourceip":
		what = "from addresses " + vals
	case "aws:securetransport":
		if lbase == "bool" {
			if len(c.Values) == 1 && strings.EqualFold(c.Values[0], "false") {
				return "over plain HTTP"
			}
			return "over HTTPS"
		}
	case "aws:viaawsservice":
		if lbase == "bool" {
			if len(c.Values) == 1 && strings.EqualFold(c.Values[0], "false") {
				return "when called directly, not by an AWS service"
			}
			return "when an AWS service calls on the caller's behalf"
		}
	}
	if what == "" {
		return c.Key + " " + c.Operator + " " + strings.Join(c.Values, ", ")
	}
	if neg {
		return "when not " + what
	}
	return "only " + what
}

// DescribeConditions joins DescribeCondition of each row with "and".
func DescribeConditions(cs []Condition) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = DescribeCondition(c)
	}
	return strings.Join(parts, " and ")
}

// VPCEndpointDenyStatement is the ready-made "deny reading outside my VPC
// endpoint" statement, with the deploy role and the endpoint id left for
// the user to fill in (the wizard asks for the endpoint, the last row, and
// shows the empty role as an error to fill). It denies only what reads the
// value, as the AWS documentation's own example does: denying every action
// would also deny the administrators and the next CloudFormation or
// Terraform update, which call from outside the endpoint. And it leaves
// the deploy role out by name, because Terraform reads the value at every
// refresh from wherever it runs (issue 20, item 2).
func VPCEndpointDenyStatement() Statement {
	return Statement{
		Sid: "DenyReadOutsideVpce", Effect: "Deny", Principal: &Principal{Wildcard: true},
		Action: []string{actionGetSecretValue}, Resource: []string{"*"},
		Condition: []Condition{
			{Operator: "ArnNotLike", Key: "aws:PrincipalArn"},
			{Operator: "StringNotEquals", Key: "aws:SourceVpce"},
		},
	}
}

// KnownEndpoint is a VPC endpoint id a design already names, and the path
// of the value that names it.
type KnownEndpoint struct{ ID, Path string }

// KnownVPCEndpoints are the VPC endpoint ids the design already names, each
// once, in the order the design names them: those an Allow statement's
// condition lets requests come through (aws:SourceVpce with an operator
// that matches a value, not a Not one), then the hosted rotation
// function's endpoint named by id. They are what a Deny outside the
// listed endpoints (VPCEndpointDenyStatement) must list so that it locks
// out neither the readers the policy admits through them nor rotation.
func (d *Design) KnownVPCEndpoints() []KnownEndpoint {
	var out []KnownEndpoint
	add := func(id, path string) {
		if ValidateVPCEndpointID(id) == nil && !slices.ContainsFunc(out, func(k KnownEndpoint) bool { return k.ID == id }) {
			out = append(out, KnownEndpoint{id, path})
		}
	}
	if d.ResourcePolicy != nil {
		for i, st := range d.ResourcePolicy.Statements {
			if st.Effect != "Allow" {
				continue
			}
			for _, c := range st.Condition {
				op := strings.TrimPrefix(strings.TrimPrefix(c.Operator, "ForAnyValue:"), "ForAllValues:")
				op = strings.TrimSuffix(op, "IfExists")
				if !strings.EqualFold(c.Key, "aws:SourceVpce") || op != "StringEquals" && op != "StringEqualsIgnoreCase" && op != "StringLike" {
					continue
				}
				for _, v := range c.Values {
					add(v, ConditionPath(i, c))
				}
			}
		}
	}
	if d.Rotation != nil && d.Rotation.HostedRotationLambda != nil {
		add(d.Rotation.HostedRotationLambda.EndpointID(), "rotation.hostedRotationLambda.endpoint")
	}
	return out
}

// ViaServicePrimary is the kms:ViaService value of Secrets Manager in the
// design's primary region, or "" when the design does not pin a region.
func (a *Access) ViaServicePrimary() string {
	if a.Region == "" {
		return ""
	}
	suffix := "amazonaws.com"
	if p, ok := LookupPartition(a.Partition); ok {
		suffix = p.DNSSuffix
	}
	return "secretsmanager." + a.Region + "." + suffix
}

// KeyPolicyStatement is kg as a key-policy statement: kms:Decrypt for its
// principals, only through Secrets Manager (kms:ViaService with
// ViaServiceValues(primary)), with the carried-over caller conditions.
func (a *Access) KeyPolicyStatement(kg KeyGrant, primary string) PolicyStatement {
	return KeyPolicyStatementVia(kg, a.ViaServiceValues(primary))
}

// ReplicaViaService is the kms:ViaService value of Secrets Manager in one
// replica region: what a replica's own key must let the readers use.
func (a *Access) ReplicaViaService(region string) string {
	suffix := "amazonaws.com"
	if p, ok := LookupPartition(a.Partition); ok {
		suffix = p.DNSSuffix
	}
	return "secretsmanager." + region + "." + suffix
}

// KeyPolicyStatementVia is kg as a key-policy statement limited to the
// given kms:ViaService values.
func KeyPolicyStatementVia(kg KeyGrant, via []string) PolicyStatement {
	rows := append([]Condition{{Operator: "StringEquals", Key: "kms:ViaService", Values: via}}, kg.Conditions...)
	p := kg.Principal
	return PolicyStatement{
		Sid:       kg.Sid,
		Effect:    "Allow",
		Principal: principalDoc(&p),
		Action:    StringOrList{"kms:Decrypt"},
		Resource:  StringOrList{"*"},
		Condition: conditionDoc(rows),
	}
}
