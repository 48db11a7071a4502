package blueprint

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Validate reports everything wrong with the design as data: each field
// checked by its field validator, plus the rules that span fields (one of
// secretId or existingSecretArn, one partition, replica regions, rotation
// choices, and so on). Warnings come back too, with SeverityWarning. A design
// without error-level problems can be generated; compliance rules are Check's
// business, not Validate's.
//
// Validate runs on every keystroke in the wizard, so paths and messages are
// only built for fields that have a problem: a valid design costs almost no
// allocations.
func (d *Design) Validate() Problems {
	v := validator{d: d, reuseRows: true}
	return v.run()
}

// run makes every check of the design and returns the problems.
func (v *validator) run() Problems {
	v.top()
	v.secret()
	v.policy()
	v.rotation()
	v.database()
	v.monitoring()
	v.waivers()
	v.output()
	return v.ps
}

type validator struct {
	d  *Design
	ps Problems
	// part is the design's partition, set by secret before the other
	// sections need it.
	part string
	// sidKeys are sidKey of the Sids of the policy's first statements,
	// set by statement.
	sidKeys [32]uint64
	// With reuseRows (Validate sets it; the tests' reference does not), a
	// condition row that is the row at its place in the statement before
	// is not checked again when that row had no problem of its own:
	// cleanRows has bit k set for such a row k of the statement before,
	// rowsNow for the statement being checked.
	reuseRows          bool
	cleanRows, rowsNow uint64
	// compared counts the entries the repeat checks looked at, for the
	// test that holds them linear.
	compared int
	// plainActs and actsNow are the same for the Action lists: bit j set
	// for an action as Actions spells it (or "*").
	plainActs, actsNow uint64
}

// sidKey packs the length and three bytes of a non-empty Sid (the last,
// the middle and the first): two equal Sids have equal keys, and two
// different ones of a policy mostly do not.
func sidKey(sid string) uint64 {
	return uint64(len(sid)) | uint64(sid[len(sid)-1])<<32 | uint64(sid[len(sid)/2])<<40 | uint64(sid[0])<<48
}

// add records err at path as an error or, for a *Warning, a warning.
func (v *validator) add(path string, err error) {
	sev := SeverityError
	if IsWarning(err) {
		sev = SeverityWarning
	}
	v.ps = append(v.ps, Problem{Path: path, Severity: sev, Message: err.Error()})
}

// check records err at the path built by path, only when err is not nil.
func (v *validator) check(err error, path func() string) {
	if err != nil {
		v.add(path(), err)
	}
}

// errorsSince reports whether an error-level problem was added after the
// first n problems.
func (v *validator) errorsSince(n int) bool {
	for _, p := range v.ps[n:] {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

func (v *validator) errorf(path, format string, args ...any) {
	v.ps = append(v.ps, Problem{Path: path, Severity: SeverityError, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) warnf(path, format string, args ...any) {
	v.ps = append(v.ps, Problem{Path: path, Severity: SeverityWarning, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) top() {
	if v.d.Version != CurrentVersion {
		v.errorf("version", "must be %d; this secretsmith reads design version %d only", CurrentVersion, CurrentVersion)
	}
	if v.d.Name != "" {
		if err := ValidateDesignName(v.d.Name); err != nil {
			v.add("name", err)
		}
	}
}

func (v *validator) secret() {
	d, s := v.d, &v.d.Secret
	switch {
	case s.SecretID == "" && s.ExistingSecretARN == "":
		v.errorf("secret.secretId", "%s", msgNoSecret)
	case s.SecretID != "" && s.ExistingSecretARN != "":
		v.errorf("secret.existingSecretArn", "set only one of secretId and existingSecretArn: secretId creates a new secret, existingSecretArn manages one that exists")
	}
	if s.SecretID != "" {
		if err := ValidateSecretName(s.SecretID); err != nil {
			v.add("secret.secretId", err)
		}
	}
	existingRegion := ""
	if s.ExistingSecretARN != "" {
		if err := ValidateSecretARN(s.ExistingSecretARN); err != nil {
			v.add("secret.existingSecretArn", err)
		}
		_, existingRegion, _ = arnPartitionRegion(s.ExistingSecretARN)
	}

	v.partitions()

	// A wrong region would also make the key look misplaced; report the
	// region alone.
	regionOK := true
	if s.Region != "" {
		before := len(v.ps)
		if err := ValidateRegion(s.Region); err != nil {
			v.add("secret.region", err)
		} else if existingRegion != "" && existingRegion != s.Region {
			v.errorf("secret.region", "is %s but the existing secret is in %s; leave region empty or make them match", s.Region, existingRegion)
		}
		v.regionInPartition(func() string { return "secret.region" }, s.Region)
		regionOK = !v.errorsSince(before)
	}

	// With both secretId and existingSecretArn set the intent is unclear;
	// that is reported above, and the fields are checked as for a new secret.
	if s.SecretID == "" && s.ExistingSecretARN != "" {
		v.creationOnly()
		return
	}

	if s.Description != "" {
		if err := ValidateDescription(s.Description); err != nil {
			v.add("secret.description", err)
		}
	}
	primary := d.PrimaryRegion()
	if s.KMSKeyARN != "" {
		if err := ValidateKMSKey(s.KMSKeyARN); err != nil {
			if awsManaged(s.KMSKeyARN) {
				// Only the secret's own key is created when left empty;
				// a replica's or the rotation function's is not.
				err = fmt.Errorf("%w%s", err, CreateKeyAdvice)
			}
			v.add("secret.kmsKeyArn", err)
		} else if _, r, ok := arnPartitionRegion(s.KMSKeyARN); ok && regionOK && primary != "" && r != primary {
			v.errorf("secret.kmsKeyArn", "is in %s but the secret is in %s; a secret's key must be in the secret's region", r, primary)
		}
	}
	if s.RecoveryWindowDays != nil {
		if err := ValidateNumber(v.d, "secret.recoveryWindowDays", *s.RecoveryWindowDays); err != nil {
			v.add("secret.recoveryWindowDays", err)
		}
	}
	if g := s.GenerateSecretString; g != nil {
		v.generate(g)
	}
	v.tags()
	v.replicas(primary)
}

// creationOnly reports the fields that only a secret secretsmith creates can
// have: an existing secret's key, value, tags, replicas, recovery window and
// description were chosen when it was created, and secretsmith only adds a
// policy, rotation and alerts to it.
func (v *validator) creationOnly() {
	s := &v.d.Secret
	const why = "must be empty for an existing secret: secretsmith only adds a policy, rotation and alerts to it, and this is set where the secret was created"
	if s.KMSKeyARN != "" {
		v.errorf("secret.kmsKeyArn", why)
	}
	if s.GenerateSecretString != nil {
		v.errorf("secret.generateSecretString", why)
	}
	if len(s.Tags) > 0 {
		v.errorf("secret.tags", why)
	}
	if len(s.ReplicaRegions) > 0 {
		v.errorf("secret.replicaRegions", why)
	}
	if s.RecoveryWindowDays != nil {
		v.errorf("secret.recoveryWindowDays", why)
	}
	if s.Description != "" {
		v.errorf("secret.description", why)
	}
}

// partitions checks that every ARN names a known partition and the same one
// as the first ARN, and sets v.part.
func (v *validator) partitions() {
	first := ""
	var firstField arnField
	v.d.eachARN(func(f arnField) bool {
		if first != "" && len(f.value) > 4+len(first) && f.value[4+len(first)] == ':' && f.value[4:4+len(first)] == first {
			// The first's partition (which holds no colon), known and
			// the same: most ARNs of a design, each read no further.
			return true
		}
		part, _, ok := arnPartitionRegion(f.value)
		if !ok {
			return true // the field validator reports the shape
		}
		if part == first {
			return true // known, as first is, and the same
		}
		if _, known := LookupPartition(part); !known {
			v.errorf(f.path(), "names unknown partition %q; use one of %s", part, partitionIDs())
			return true
		}
		if first == "" {
			first, firstField = part, f
		} else if part != first {
			v.errorf(f.path(), "is in partition %s but %s is in %s; every ARN in a design must be in one partition", part, firstField.path(), first)
		}
		return true
	})
	if first != "" {
		v.part = first
	} else {
		v.part = v.d.Partition()
	}
}

// arnPartitionRegion returns the partition and region of an ARN without
// allocating, as ParseARN would; Validate calls it for every ARN on every
// keystroke. Without a colon after the region, ok is false and region is
// the rest of s (as strings.Cut gives it).
func arnPartitionRegion(s string) (partition, region string, ok bool) {
	if len(s) < 4 || s[:4] != "arn:" {
		return "", "", false
	}
	// The three colons after "arn:", by hand: the fields before them are
	// short, and IndexByte's set-up cost more than the search.
	var at [3]int
	n := 0
	for i := 4; i < len(s); i++ {
		if s[i] == ':' {
			at[n] = i
			if n++; n == len(at) {
				break
			}
		}
	}
	switch {
	case n < 2 || at[0] == 4:
		return "", "", false
	case n == 2:
		return s[4:at[0]], s[at[1]+1:], false
	}
	return s[4:at[0]], s[at[1]+1 : at[2]], true
}

func partitionIDs() string {
	ids := make([]string, len(Partitions))
	for i, p := range Partitions {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}

// regionInPartition reports a region that cannot be in the design's
// partition: a listed region of another partition, or a name whose shape
// the partition's regions never have. The path is a function, as for
// check, so that a region in its place builds no path.
func (v *validator) regionInPartition(path func() string, region string) {
	if p, ok := PartitionOfRegion(region); ok {
		if p.ID != v.part {
			v.errorf(path(), "%s is in partition %s but the design is in partition %s", region, p.ID, v.part)
		}
		return
	}
	if p, ok := LookupPartition(v.part); ok && regionShapeRE().MatchString(region) && !p.MatchesRegion(region) {
		v.errorf(path(), "%s does not look like a region of partition %s, where the design is", region, v.part)
	}
}

// CreateKeyAdvice ends the problem of an AWS managed key given as the
// secret's key: in a design file, an empty kmsKeyArn has a key created.
// The wizard, which asks that with a choice, says its own way instead.
const CreateKeyAdvice = ", or leave the field empty to create one"

func (v *validator) generate(g *GenerateSecretString) {
	const base = "secret.generateSecretString"
	if err := ValidateExcludeCharacters(g.ExcludeCharacters); err != nil {
		v.add(base+".excludeCharacters", err)
	}
	tmplErr := ValidateSecretStringTemplate(g.SecretStringTemplate)
	if tmplErr != nil {
		v.add(base+".secretStringTemplate", tmplErr)
	}
	if g.GenerateStringKey != "" {
		if err := ValidateGenerateStringKey(g.GenerateStringKey); err != nil {
			v.add(base+".generateStringKey", err)
		}
	}
	switch {
	case g.GenerateStringKey != "" && g.SecretStringTemplate == "":
		v.errorf(base+".secretStringTemplate", "is required with generateStringKey: it is the JSON object the generated password is added to")
	case g.GenerateStringKey == "" && g.SecretStringTemplate != "":
		v.errorf(base+".generateStringKey", "is required with secretStringTemplate: it names the JSON key that receives the generated password")
	case g.GenerateStringKey != "" && tmplErr == nil && templateHasKey(g.SecretStringTemplate, g.GenerateStringKey):
		// The template is decoded rather than searched: JSON may spell
		// the key with escapes such as "p\u0061ssword".
		v.errorf(base+".secretStringTemplate", "already has key %s; leave it out, Secrets Manager adds it with the generated password", shownKey(g.GenerateStringKey))
	}
	kinds, _ := g.kinds()
	if g.PasswordLength != nil {
		if err := ValidateNumber(v.d, base+".passwordLength", *g.PasswordLength); err != nil {
			v.add(base+".passwordLength", err)
		}
	}
	switch {
	case !kinds.Lowercase && !kinds.Uppercase && !kinds.Numbers && !kinds.Punctuation && !kinds.Space:
		v.errorf(base, "excludes every kind of character, so no password can be generated; include at least one of lowercase, uppercase, numbers or punctuation")
	case !kinds.Leaves(g.ExcludeCharacters):
		v.errorf(base+".excludeCharacters", excludesEverything)
	}
}

// excludesEverything is the problem of excludeCharacters that leave a
// generated password nothing to be made of.
const excludesEverything = "excludes every character the password could hold, so no password can be generated; leave out at least the letters and digits"

func isTrue(b *bool) bool { return b != nil && *b }

func (v *validator) tags() {
	tags := v.d.Secret.Tags
	if len(tags) > MaxTags {
		v.errorf("secret.tags", "has %d tags; a secret can have at most %d", len(tags), MaxTags)
	}
	var seen repeats
	for i, t := range tags {
		if err := ValidateTagKey(t.Key); err != nil {
			v.add(TagPath(t.Key), err)
		}
		if err := ValidateTagValue(t.Value); err != nil {
			v.add(TagPath(t.Key), tagValueError{err})
		}
		if again(&seen, &v.compared, tags, i, func(t Tag) string { return t.Key }) {
			v.errorf(TagPath(t.Key), "tag key %q is used more than once; tag keys must be unique", t.Key)
		}
	}
}

// MaxTags is the most tags a secret can have (Secrets Manager's
// TagResource: "The maximum number of tags ... is 50").
const MaxTags = 50

// repeats finds the entries of a list whose key an earlier entry has. A
// short list (all a valid design has) is compared pairwise, which keeps
// Validate free of allocations; a longer one, which only a template can
// bring, goes through a set, so that the work grows with the list and not
// with its square: 40,000 tags took 20 s in check (trial7b V24).
type repeats struct{ set map[string]struct{} }

// pairwiseUpTo is the longest list compared pairwise: 64 entries are at
// most 2,016 comparisons, and 50 tags are all a secret may have.
const pairwiseUpTo = 64

// again says whether entry i of list has the key of an earlier entry,
// asked for i = 0, 1, ... in order (an entry not asked has a key no entry
// asked has); compared counts the entries looked
// at.
func again[T any](r *repeats, compared *int, list []T, i int, key func(T) string) bool {
	k := key(list[i])
	if len(list) <= pairwiseUpTo {
		for _, prev := range list[:i] {
			*compared++
			if key(prev) == k {
				return true
			}
		}
		return false
	}
	*compared++
	if r.set == nil {
		r.set = make(map[string]struct{}, len(list))
	}
	if _, ok := r.set[k]; ok {
		return true
	}
	r.set[k] = struct{}{}
	return false
}

// tagValueError words a problem of a tag's value as TagValueMessage does,
// keeping its severity.
type tagValueError struct{ err error }

func (e tagValueError) Error() string { return TagValueMessage(e.err) }
func (e tagValueError) Unwrap() error { return e.err }

func (v *validator) replicas(primary string) {
	reps := v.d.Secret.ReplicaRegions
	var seen repeats
	for i, r := range reps {
		path := func() string { return IndexPath("secret.replicaRegions", i) + ".region" }
		switch example := ReplicaRegionExample(primary); {
		case r.Region == "" && example == "":
			v.errorf(path(), "is required: the region to copy the secret to")
		case r.Region == "":
			v.errorf(path(), "is required: the region to copy the secret to, such as %s", example)
		case example == "":
			v.check(ValidateRegion(r.Region), path)
		default:
			v.check(validateRegionLike(r.Region, example), path)
		}
		if r.Region != "" {
			if r.Region == primary {
				v.errorf(path(), "%s is the primary region; a replica must be in another region", r.Region)
			}
			if again(&seen, &v.compared, reps, i, func(r Replica) string { return r.Region }) {
				v.errorf(path(), "%s is listed more than once; each replica region must be unique", r.Region)
			}
			v.regionInPartition(path, r.Region)
		}
		if r.KMSKeyARN != "" {
			kp := func() string { return IndexPath("secret.replicaRegions", i) + ".kmsKeyArn" }
			if err := ValidateKMSKey(r.KMSKeyARN); err != nil {
				v.add(kp(), err)
			} else if _, kr, ok := arnPartitionRegion(r.KMSKeyARN); ok && r.Region != "" && kr != r.Region {
				v.errorf(kp(), "is in %s but the replica is in %s; each replica's key must be in the replica's region", kr, r.Region)
			}
		}
	}
}

func (v *validator) policy() {
	p := v.d.ResourcePolicy
	if p == nil {
		return
	}
	if len(p.Statements) == 0 {
		v.errorf("resourcePolicy.statements", "needs at least one statement; remove resourcePolicy to attach no policy")
		return
	}
	// Counting the JSON is skipped when the bound the checks add up is
	// within the limit: the count reads every byte of the policy, on
	// every keystroke.
	if v.statements() > MaxResourcePolicyChars {
		if n := p.jsonChars(); n > MaxResourcePolicyChars {
			v.errorf("resourcePolicy", "is %d characters as JSON; Secrets Manager allows at most %d, so merge or shorten statements", n, MaxResourcePolicyChars)
		}
	}
}

// statements checks each statement of the policy and returns a bound on
// the length in characters of its DocumentJSON: at least jsonChars, and
// built from what the checks learn about each value without reading it
// again (jsonBound).
func (v *validator) statements() int {
	n := len(`{"Version":"2012-10-17","Statement":[]}`)
	for i := range v.d.ResourcePolicy.Statements {
		n += v.statement(i, &v.d.ResourcePolicy.Statements[i]) + 1 // ,
	}
	return n
}

// jsonBound is at most the characters appendJSONString writes for s: s
// and its quotes when a check has found s to hold only characters JSON
// copies as they are (plain), else six for each byte, the most one byte
// becomes (\u00XX for a control character, \ufffd for a byte that is not
// UTF-8; the three bytes of U+2028 become six characters).
func jsonBound(s string, plain bool) int {
	if plain {
		return len(s) + 2
	}
	return 6*len(s) + 2
}

// The characters of a statement and a principal other than their values,
// with every field present, the most there can be: listBound and
// conditionBound count the brackets, braces and commas of the values.
const (
	statementFrame = len(`{"Sid":,"Effect":,"Principal":,"NotPrincipal":,"Action":,"NotAction":,"Resource":,"Condition":}`)
	principalFrame = len(`{"AWS":,"Service":,"Federated":}`)
)

// listBound is the bound of a list whose values add up to values, with
// one more comma than it has: [a,b] or a single a.
func listBound(n, values int) int { return 2 + values + n }

// statement checks statement i, st, and returns a bound on its length in
// DocumentJSON (see statements).
func (v *validator) statement(i int, st *Statement) int {
	base := func() string { return StatementPath(i) }
	size := statementFrame
	if err := ValidateSid(st.Sid); err != nil {
		v.add(base()+".sid", err)
		size += jsonBound(st.Sid, false)
	} else {
		size += jsonBound(st.Sid, true) // letters and digits
	}
	if sid := st.Sid; sid != "" {
		// This compares every pair of statements on every keystroke, so
		// the first statements' Sids are compared by sidKey first: Sids
		// mostly share a prefix (AllowApp1, AllowApp2).
		key := sidKey(sid)
		if i < len(v.sidKeys) {
			v.sidKeys[i] = key
		}
		for k := range i {
			if k < len(v.sidKeys) && v.sidKeys[k] != key {
				continue
			}
			if v.d.ResourcePolicy.Statements[k].Sid == sid {
				v.errorf(base()+".sid", "%q is used by an earlier statement; each Sid must be unique", st.Sid)
				break
			}
		}
	}
	if err := ValidateEffect(st.Effect); err != nil {
		v.add(base()+".effect", err)
		size += jsonBound(st.Effect, false)
	} else {
		size += jsonBound(st.Effect, true) // Allow or Deny
	}

	switch {
	case st.Principal == nil && st.NotPrincipal == nil:
		v.errorf(base()+".principal", "is required: a secret's policy must say who it applies to (principal, or notPrincipal)")
	case st.Principal != nil && st.NotPrincipal != nil:
		v.errorf(base()+".notPrincipal", "set only one of principal and notPrincipal")
	}
	size += v.principal(i, "principal", st.Principal)
	size += v.principal(i, "notPrincipal", st.NotPrincipal)

	switch {
	case len(st.Action) == 0 && len(st.NotAction) == 0:
		v.errorf(base()+".action", "is required: list at least one action, such as secretsmanager:GetSecretValue")
	case len(st.Action) > 0 && len(st.NotAction) > 0:
		v.errorf(base()+".notAction", "set only one of action and notAction")
	}
	var before []string // the statement before's actions, as reuseRows allows
	if v.reuseRows && i > 0 {
		before = v.d.ResourcePolicy.Statements[i-1].Action
	}
	v.plainActs, v.actsNow = v.actsNow, 0
	size += v.actions(st.Action, before, func(j int) string { return IndexPath(base()+".action", j) })
	acts := v.actsNow
	size += v.actions(st.NotAction, nil, func(j int) string { return IndexPath(base()+".notAction", j) })
	v.actsNow = acts // the Action list's, for the next statement

	// An empty Resource means "*" (Statement.Resources).
	if len(st.Resource) == 0 {
		size += listBound(1, len(`"*"`))
	}
	resources := 0
	for j, r := range st.Resource {
		resources += jsonBound(r, r == "*")
		switch {
		case r == "*":
		case r == "":
			v.errorf(IndexPath(base()+".resource", j), `must not be empty; use "*", which in a secret's policy means this secret`)
		case r == v.d.Secret.ExistingSecretARN:
			// The existing secret's own ARN names exactly this secret.
		default:
			// PutResourcePolicy refuses a policy whose Resource is not
			// the secret, so the deploy would fail.
			v.errorf(IndexPath(base()+".resource", j), `%q is not this secret; use "*", which in a secret's policy means this secret%s`, r, existingARNHint(v.d))
		}
	}
	size += listBound(len(st.Resource), resources)

	size += 2 // {} around the operators
	v.cleanRows, v.rowsNow = v.rowsNow, 0
	for k := range st.Condition {
		size += v.condition(i, st, k)
	}
	return size
}

// actions checks an Action or NotAction list, with path(j) the path of
// entry j, and returns its bound (see statements).
// With before, the statement before's Action list, an action that is the
// one at its place there, found plain (bit j of plainActs), is not looked
// up again: statements mostly grant the same actions.
func (v *validator) actions(list, before []string, path func(j int) string) int {
	values := 0
	for j, a := range list {
		if j < 64 && v.plainActs&(1<<j) != 0 && j < len(before) && before[j] == a {
			v.actsNow |= 1 << j
			values += jsonBound(a, true)
			continue
		}
		// An action as Actions spells it, and "*", are valid and plain;
		// ValidateAction would begin with this very lookup.
		if _, ok := actionIndex[a]; ok || a == "*" {
			if j < 64 {
				v.actsNow |= 1 << j
			}
			values += jsonBound(a, true)
			continue
		}
		v.check(ValidateAction(a), func() string { return path(j) })
		values += jsonBound(a, false)
	}
	return listBound(len(list), values)
}

// principal checks the principal or notPrincipal (field) of statement i
// and returns its bound (see statements).
func (v *validator) principal(i int, field string, p *Principal) int {
	if p == nil {
		return 0
	}
	path := func() string { return StatementPath(i) + "." + field }
	n := len(p.AWS) + len(p.Service) + len(p.Federated)
	switch {
	case p.Wildcard && n > 0:
		v.errorf(path(), `use either "*" or AWS/Service/Federated values, not both`)
	case !p.Wildcard && n == 0:
		v.errorf(path(), `needs at least one AWS, Service or Federated value, or "*"`)
	}
	values := 0
	for j, s := range p.AWS {
		v.check(ValidateAWSPrincipal(s), func() string { return IndexPath(path()+".AWS", j) })
		v.once(p.AWS, j, func() string { return path() + ".AWS" }, "principal")
		values += jsonBound(s, false)
	}
	for j, s := range p.Service {
		v.check(ValidateServicePrincipal(s), func() string { return IndexPath(path()+".Service", j) })
		v.once(p.Service, j, func() string { return path() + ".Service" }, "service")
		values += jsonBound(s, false)
	}
	for j, s := range p.Federated {
		v.check(ValidateFederatedPrincipal(s), func() string { return IndexPath(path()+".Federated", j) })
		v.once(p.Federated, j, func() string { return path() + ".Federated" }, "provider")
		values += jsonBound(s, false)
	}
	// Three lists, each with its brackets and one comma more than it has
	// values; a "*" principal is three characters, fewer than the frame.
	return principalFrame + listBound(len(p.AWS)+len(p.Service)+len(p.Federated), values) + 4
}

// condition checks row k of statement i, st, and returns its bound (see
// statements): the row's operator with its braces, key and values, as if
// no other row shared them (Document merges rows that do, which only
// shortens the JSON).
func (v *validator) condition(i int, st *Statement, k int) int {
	c := &st.Condition[k]
	path := func() string { return ConditionPath(i, *c) }
	// A policy's statements often repeat their rows (a condition on the
	// endpoint for every reader): a row the same as the one at its place
	// in the statement before, which had no problem of its own, has none
	// either, since a row's checks read only the row. Whether it repeats
	// a row of its own statement is still to be checked.
	if v.reuseRows && k < 64 && v.cleanRows&(1<<k) != 0 && sameRow(c, &v.d.ResourcePolicy.Statements[i-1].Condition[k]) {
		v.repeatsRow(st, k, path)
		v.rowsNow |= 1 << k
		return rowBound(c, true)
	}
	before := len(v.ps)
	opOK := true
	if err := ValidateConditionOperator(c.Operator); err != nil {
		v.add(path(), err)
		opOK = false
	}
	ck, known := LookupConditionKey(c.Key) // once for the key and every value
	if err := validateConditionKey(c.Key, ck, known); err != nil {
		v.add(path(), err)
	}
	if v.repeatsRow(st, k, path) {
		before++ // not the row's own problem
	}
	if len(c.Values) == 0 {
		if ex := ConditionValueExample(c.Key); ex != "" {
			v.errorf(path(), "needs at least one value, such as %s", ex)
		} else {
			v.errorf(path(), "needs at least one value")
		}
	}
	for j, val := range c.Values {
		v.check(validateConditionValue(c.Operator, ck, known, val), func() string { return IndexPath(path(), j) })
		v.once(c.Values, j, path, "value")
	}
	if k < 64 && len(v.ps) == before {
		v.rowsNow |= 1 << k
	}
	// A valid operator is letters and a colon: ConditionOperators with
	// their affixes.
	return rowBound(c, opOK)
}

// repeatsRow reports, at path(), row k of st when an earlier row of st
// has its operator and key, and says whether it did.
func (v *validator) repeatsRow(st *Statement, k int, path func() string) bool {
	c := &st.Condition[k]
	for _, prev := range st.Condition[:k] {
		if prev.Operator == c.Operator && strings.EqualFold(prev.Key, c.Key) {
			v.errorf(path(), "repeats an earlier %s row for %s; put all the values in one row", c.Operator, c.Key)
			return true
		}
	}
	return false
}

// sameRow reports whether two condition rows are the same.
func sameRow(a, b *Condition) bool {
	return a.Operator == b.Operator && a.Key == b.Key && slices.Equal(a.Values, b.Values)
}

// rowBound is a condition row's bound (see condition), with its operator
// plain or not.
func rowBound(c *Condition, opPlain bool) int {
	values := 0
	for _, val := range c.Values {
		values += jsonBound(val, false)
	}
	return len(`:{},:,`) + jsonBound(c.Key, false) + jsonBound(c.Operator, opPlain) + listBound(len(c.Values), values)
}

// once reports entry j of list, at listPath()[j], when an earlier entry
// is the same. The path is a function, as for check, so that a list with
// no repeat builds no path: Validate runs on every key.
func (v *validator) once(list []string, j int, listPath func() string, what string) {
	if j > 0 && slices.Contains(list[:j], list[j]) {
		v.errorf(IndexPath(listPath(), j), "repeats %s %s; list each %s once", what, list[j], what)
	}
}

// isThisSecret reports whether a secret ARN names the design's own
// secret: the existing secret's ARN, or an ARN whose name, less the six
// characters Secrets Manager appends, is the secret to create.
func (v *validator) isThisSecret(arn string) bool {
	s := v.d.Secret
	if s.ExistingSecretARN != "" {
		return arn == s.ExistingSecretARN
	}
	_, name, ok := strings.Cut(arn, ":secret:")
	if !ok || s.SecretID == "" || len(name) < 7 || name[len(name)-7] != '-' {
		return false
	}
	return name[:len(name)-7] == s.SecretID
}

func (v *validator) rotation() {
	r := v.d.Rotation
	if r == nil {
		return
	}
	switch {
	case r.AutomaticallyAfterDays == 0 && r.ScheduleExpression == "":
		v.errorf("rotation.automaticallyAfterDays", "%s", msgNoSchedule)
	case r.AutomaticallyAfterDays != 0 && r.ScheduleExpression != "":
		v.errorf("rotation.scheduleExpression", "set only one of automaticallyAfterDays and scheduleExpression")
	}
	if r.AutomaticallyAfterDays != 0 {
		if err := ValidateNumber(v.d, "rotation.automaticallyAfterDays", r.AutomaticallyAfterDays); err != nil {
			v.add("rotation.automaticallyAfterDays", err)
		}
	}
	schedOK := false
	if r.ScheduleExpression != "" {
		if err := ValidateScheduleExpression(r.ScheduleExpression); err != nil {
			v.add("rotation.scheduleExpression", err)
		} else {
			schedOK = true
		}
	}
	if r.Duration != "" {
		if err := ValidateDuration(r.Duration); err != nil {
			v.add("rotation.duration", err)
		} else if schedOK {
			hours, _ := strconv.Atoi(strings.TrimSuffix(r.Duration, "h"))
			s, err := ParseSchedule(r.ScheduleExpression)
			switch {
			case err != nil:
			case time.Duration(hours)*time.Hour > s.MinInterval:
				v.errorf("rotation.duration", "a %s window is longer than the %s between rotations; windows must not overlap", r.Duration, humanInterval(s.MinInterval))
			case s.LastStart+time.Duration(hours)*time.Hour > 24*time.Hour:
				v.errorf("rotation.duration", "%s", windowPastMidnight(r.Duration, s.LastStart))
			}
		}
	}

	h := r.HostedRotationLambda
	switch {
	case h == nil && r.RotationLambdaARN == "":
		v.errorf("rotation.rotationLambdaArn", "%s", msgNoFunction)
	case h != nil && r.RotationLambdaARN != "":
		v.errorf("rotation.rotationLambdaArn", "set only one of rotationLambdaArn and hostedRotationLambda")
	}
	if r.RotationLambdaARN != "" {
		if err := ValidateLambdaARN(r.RotationLambdaARN); err != nil {
			v.add("rotation.rotationLambdaArn", err)
		} else if _, fr, _ := arnPartitionRegion(r.RotationLambdaARN); v.d.PrimaryRegion() != "" && fr != v.d.PrimaryRegion() {
			// Secrets Manager invokes the rotation function in the
			// secret's own region only.
			v.errorf("rotation.rotationLambdaArn", "is in %s but the secret is in %s; Secrets Manager can only invoke a rotation function in the secret's region", fr, v.d.PrimaryRegion())
		} else if fa, sa := arnAccount(r.RotationLambdaARN), arnAccount(v.d.Secret.ExistingSecretARN); fa != "" && sa != "" && fa != sa {
			// The templates give Secrets Manager leave to invoke the
			// function with a Lambda permission (AWS::Lambda::Permission,
			// aws_lambda_permission), which is added to the function in
			// the account that deploys them: Lambda does not take
			// AddPermission from another account, whatever the function's
			// policy says (awsdocs/aws-lambda-developer-guide issue 139).
			v.errorf("rotation.rotationLambdaArn", "is in account %s but the secret is in account %s; the templates let Secrets Manager invoke the function "+
				"with a Lambda permission, which they can add only to a function in the secret's account: use a rotation function in account %s", fa, sa, sa)
		}
	}
	v.rotationRole(r)
	if h != nil {
		v.hosted(h)
	}
}

// rotationRole checks rotationLambdaRoleArn, the execution role of your own
// rotation function, which the key secretsmith creates must let in.
func (v *validator) rotationRole(r *Rotation) {
	const path = "rotation.rotationLambdaRoleArn"
	if r.RotationLambdaRoleARN == "" {
		if r.RotationLambdaARN != "" && r.HostedRotationLambda == nil && v.d.CreatesKey() {
			v.errorf(path, "is required with rotationLambdaArn when secretsmith creates the key: the key policy lets this role, the function's execution role, decrypt the secret through Secrets Manager, and refuses it otherwise (aws lambda get-function-configuration --function-name FUNCTION shows it as Role)")
		}
		return
	}
	if err := ValidateRoleARN(r.RotationLambdaRoleARN); err != nil {
		v.add(path, err)
		return
	}
	if r.RotationLambdaARN == "" {
		v.errorf(path, "is only for rotationLambdaArn, your own function; a hosted function's role is created with it and granted the key through kmsKeyArn")
		return
	}
	// A Lambda function runs with a role of its own account.
	if fn, ok := ParseARN(r.RotationLambdaARN); ok {
		if role, ok := ParseARN(r.RotationLambdaRoleARN); ok && fn.Account != role.Account {
			v.errorf(path, "is in account %s but the function is in %s; a function's execution role is in the function's account", role.Account, fn.Account)
		}
	}
}

func (v *validator) hosted(h *HostedRotationLambda) {
	const base = "rotation.hostedRotationLambda"
	if p, ok := LookupPartition(v.part); ok && !p.HostedRotation {
		v.errorf(base, "hosted rotation is not available in partition %s; use rotationLambdaArn with your own function", v.part)
	}
	rt, known := LookupRotationType(h.RotationType)
	if err := ValidateRotationType(h.RotationType); err != nil {
		v.add(base+".rotationType", err)
	}
	if h.RotationLambdaName != "" {
		if err := ValidateLambdaName(h.RotationLambdaName); err != nil {
			v.add(base+".rotationLambdaName", err)
		}
	}
	// An alias where the function's role needs a key ARN (given, or
	// inherited from secret.kmsKeyArn) is an error here; with --aws it is
	// resolved before validation (KeyAliasFields, the one list of them).
	aliasKey, aliasMaster := false, false
	for _, f := range v.d.KeyAliasFields() {
		p := f.Problem()
		v.errorf(p.Path, "%s", p.Message)
		aliasKey = aliasKey || f.field == &h.KMSKeyARN
		aliasMaster = aliasMaster || f.field == &h.MasterSecretKMSKeyARN
	}
	if h.KMSKeyARN != "" && !aliasKey {
		if err := ValidateKMSKeyARN(h.KMSKeyARN); err != nil {
			v.add(base+".kmsKeyArn", err)
		}
	}
	// The master secret may be given by the template's masterarn instead
	// (MasterSecret), which templateConnection has checked as an ARN.
	master := v.d.MasterSecret()
	if h.MasterSecretARN != "" {
		if err := ValidateMasterSecretARN(h.MasterSecretARN); err != nil {
			v.add(base+".masterSecretArn", err)
		}
	}
	if master != "" && ValidateMasterSecretARN(master) == nil && v.isThisSecret(master) {
		v.errorf(base+".masterSecretArn", "names this secret itself; the master secret is another secret, of a superuser that may change this one's password")
	}
	if h.MasterSecretKMSKeyARN != "" && !aliasMaster {
		if err := ValidateKMSKeyARN(h.MasterSecretKMSKeyARN); err != nil {
			v.add(base+".masterSecretKmsKeyArn", err)
		}
	}
	if known {
		switch {
		case rt.MultiUser && master == "":
			v.errorf(base+".masterSecretArn", "is required for %s: the alternating-users strategy signs in as a superuser whose secret this is", rt.Name)
		case rt.NeedsMaster && master == "":
			v.errorf(base+".masterSecretArn", "is required for %s: its function signs in as the master user to set the new password, so give the master user's secret", rt.Name)
		}
		if !rt.NeedsMaster {
			if h.MasterSecretARN != "" {
				v.errorf(base+".masterSecretArn", "must be empty for %s: single-user rotation changes its own password and has no superuser secret", rt.Name)
			}
			if h.MasterSecretKMSKeyARN != "" {
				v.errorf(base+".masterSecretKmsKeyArn", "must be empty for %s: single-user rotation has no superuser secret", rt.Name)
			}
		}
	}
	// Known types are covered above: multi-user ones already need a master
	// secret and single-user ones may not have its key.
	if h.MasterSecretKMSKeyARN != "" && master == "" && !known {
		v.errorf(base+".masterSecretKmsKeyArn", "needs masterSecretArn: it is the key of the superuser secret")
	}
	for j, id := range h.VPCSubnetIDs {
		v.check(ValidateSubnetID(id), func() string { return IndexPath(base+".vpcSubnetIds", j) })
		v.once(h.VPCSubnetIDs, j, func() string { return base + ".vpcSubnetIds" }, "subnet")
	}
	for j, id := range h.VPCSecurityGroupIDs {
		v.check(ValidateSecurityGroupID(id), func() string { return IndexPath(base+".vpcSecurityGroupIds", j) })
		v.once(h.VPCSecurityGroupIDs, j, func() string { return base + ".vpcSecurityGroupIds" }, "security group")
	}
	// The Lambda API's VpcConfig takes at most 16 subnets and 5 security
	// groups; CloudFormation and Terraform pass more on, and the function
	// is not created.
	if n := len(h.VPCSubnetIDs); n > MaxLambdaSubnets {
		v.errorf(base+".vpcSubnetIds", "lists %d subnets; a Lambda function takes at most %d", n, MaxLambdaSubnets)
	}
	if n := len(h.VPCSecurityGroupIDs); n > MaxLambdaSecurityGroups {
		v.errorf(base+".vpcSecurityGroupIds", "lists %d security groups; a Lambda function takes at most %d", n, MaxLambdaSecurityGroups)
	}
	if len(h.VPCSubnetIDs) == 1 {
		// One subnet is one Availability Zone: when it is down, nothing
		// rotates. AWS Config (lambda-vpc-multi-az-check) and Security Hub
		// (Lambda.5) flag a VPC function in fewer than two zones.
		v.warnf(base+".vpcSubnetIds", "lists one subnet; a rotation function in a VPC needs subnets in at least two Availability Zones, so rotation goes on when one zone is down")
	}
	if len(h.VPCSecurityGroupIDs) > 0 && len(h.VPCSubnetIDs) == 0 {
		v.errorf(base+".vpcSecurityGroupIds", "need vpcSubnetIds: security groups only apply to a function placed in VPC subnets")
	}
	if err := ValidateExcludeCharacters(h.ExcludeCharacters); err != nil {
		v.add(base+".excludeCharacters", err)
	} else if !(PasswordKinds{Lowercase: true, Uppercase: true, Numbers: true, Punctuation: true}).Leaves(h.ExcludeCharacters) {
		// The hosted function generates each new password with the
		// account's defaults but these characters.
		v.errorf(base+".excludeCharacters", excludesEverything)
	}
	v.hostedNetwork(h)
}

// MaxLambdaSubnets and MaxLambdaSecurityGroups are the most subnets and
// security groups a Lambda function's VpcConfig takes (the Lambda API
// model's SubnetIds and SecurityGroupIds).
const (
	MaxLambdaSubnets        = 16
	MaxLambdaSecurityGroups = 5
)

func (v *validator) waivers() {
	ws := v.d.Waivers
	var seen repeats
	for i, w := range ws {
		path := func(f string) string { return IndexPath("waivers", i) + "." + f }
		switch {
		case w.Rule == "":
			v.errorf(path("rule"), "must name the rule being waived")
		default:
			if _, ok := LookupRule(RuleID(w.Rule)); !ok {
				ids := make([]string, len(rules))
				for i, r := range rules {
					ids[i] = string(r.ID)
				}
				if s := Suggest(w.Rule, ids); s != "" {
					v.errorf(path("rule"), "%q is not a blueprint rule; did you mean %q?", w.Rule, s)
				} else {
					v.errorf(path("rule"), "%q is not a blueprint rule; run secretsmith rules to list them", w.Rule)
				}
			}
			if again(&seen, &v.compared, ws, i, func(w Waiver) string { return w.Rule }) {
				v.errorf(path("rule"), "%s is already waived by an earlier entry; keep one waiver per rule", w.Rule)
			}
		}
		if err := ValidateWaiverReason(w.Reason); err != nil {
			v.add(path("reason"), err)
		}
	}
}

// jsonChars is the length in characters of DocumentJSON, counted without
// building it: Validate checks the 20480-character limit on every keystroke.
// A test holds it equal to utf8.RuneCount(DocumentJSON()).
func (p *ResourcePolicy) jsonChars() int {
	n := len(`{"Version":"2012-10-17","Statement":[]}`)
	for i := range p.Statements {
		st := &p.Statements[i]
		if i > 0 {
			n++
		}
		if dupConditionRows(st.Condition) {
			// Merged rows change the shape; rare, and an error anyway.
			b, err := (&ResourcePolicy{Statements: []Statement{*st}}).DocumentJSON()
			if err != nil {
				return 0
			}
			n += utf8.RuneCount(b) - len(`{"Version":"2012-10-17","Statement":[]}`)
			continue
		}
		n += 2 // {}
		fields := 0
		field := func(name string, size int) {
			if fields > 0 {
				n++
			}
			fields++
			n += len(name) + 3 + size // "name":
		}
		if st.Sid != "" {
			field("Sid", jsonStringChars(st.Sid))
		}
		field("Effect", jsonStringChars(st.Effect))
		if st.Principal != nil {
			field("Principal", principalChars(st.Principal))
		}
		if st.NotPrincipal != nil {
			field("NotPrincipal", principalChars(st.NotPrincipal))
		}
		if len(st.Action) > 0 {
			field("Action", listChars(st.Action))
		}
		if len(st.NotAction) > 0 {
			field("NotAction", listChars(st.NotAction))
		}
		field("Resource", listChars(st.Resources()))
		if len(st.Condition) > 0 {
			field("Condition", conditionChars(st.Condition))
		}
	}
	return n
}

// dupConditionRows reports rows sharing an operator and (exactly) a key,
// which Document merges.
func dupConditionRows(rows []Condition) bool {
	for k, c := range rows {
		for _, prev := range rows[:k] {
			if prev.Operator == c.Operator && prev.Key == c.Key {
				return true
			}
		}
	}
	return false
}

func principalChars(p *Principal) int {
	if p.Wildcard {
		return 3
	}
	n, entries := 2, 0
	for _, e := range [...]struct {
		name string
		vals []string
	}{{"AWS", p.AWS}, {"Service", p.Service}, {"Federated", p.Federated}} {
		if len(e.vals) == 0 {
			continue
		}
		if entries > 0 {
			n++
		}
		entries++
		n += len(e.name) + 3 + listChars(e.vals)
	}
	return n
}

func conditionChars(rows []Condition) int {
	n, ops := 2, 0
	for k, c := range rows {
		seen := false
		for _, prev := range rows[:k] {
			if prev.Operator == c.Operator {
				seen = true
				break
			}
		}
		if seen {
			continue // counted with the operator's first row
		}
		if ops > 0 {
			n++
		}
		ops++
		n += jsonStringChars(c.Operator) + 1 + 2
		keys := 0
		for _, r := range rows[k:] {
			if r.Operator != c.Operator {
				continue
			}
			if keys > 0 {
				n++
			}
			keys++
			n += jsonStringChars(r.Key) + 1 + listChars(r.Values)
		}
	}
	return n
}

func listChars(l []string) int {
	if len(l) == 1 {
		return jsonStringChars(l[0])
	}
	n := 2 + max(len(l)-1, 0)
	for _, s := range l {
		n += jsonStringChars(s)
	}
	return n
}

// jsonStringChars is the character count of appendJSONString's output.
func jsonStringChars(s string) int {
	// Eight bytes at a time while none needs escaping or decoding (the
	// common case: ARNs, actions, condition keys): Validate counts the
	// whole policy on every keystroke. When every block is plain, the
	// last eight bytes are read as one block too (over bytes already
	// read) rather than one at a time, and the count is the length and
	// the quotes.
	i := 0
	for ; i+8 <= len(s) && plainJSONWord(word8(s, i)); i += 8 {
	}
	if i == len(s) || len(s) >= 8 && i+8 > len(s) && plainJSONWord(word8(s, len(s)-8)) {
		return len(s) + 2
	}
	n := 2 + i
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 0x20 && c != '"' && c != '\\':
				n++
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
				n += 2
			default:
				n += 6
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r == '\u2028', r == '\u2029':
			n += 6
		default:
			n++
		}
		i += size
	}
	return n
}

// The constants of the tests on eight bytes at once: (v-ones*n)&^v&high is
// not zero exactly when some byte of v is below n (n <= 0x80), for v whose
// bytes are all below 0x80.
const (
	ones8 = 0x0101010101010101
	high8 = 0x8080808080808080
)

// word8 is the eight bytes of s from i, the first in the low byte: one
// load (the compiler combines the eight).
func word8(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// plainJSONWord reports whether the eight bytes of x are all printable
// ASCII other than '"' and '\\', which appendJSONString copies as they
// are: no high bit, none below 0x20, none equal to either.
func plainJSONWord(x uint64) bool {
	q, bs := x^(ones8*'"'), x^(ones8*'\\')
	return (x|(x-ones8*0x20)&^x|(q-ones8)&^q|(bs-ones8)&^bs)&high8 == 0
}

// existingARNHint names the second accepted Resource form.
func existingARNHint(d *Design) string {
	if d.IsExisting() {
		return ", or the existing secret's own ARN " + d.Secret.ExistingSecretARN
	}
	return " (for an existing secret, its own ARN also works)"
}

// templateHasKey reports whether the JSON object tmpl has key at its top
// level, as encoding/json decodes it. tmpl must already be a valid JSON
// object.
func templateHasKey(tmpl, key string) bool {
	_, ok := readTemplate(tmpl).field(key)
	return ok
}

// windowPastMidnight says why a window of duration d opened at start (a
// time of day, UTC) is refused: Secrets Manager requires a rotation
// window to close by the end of its UTC day (RotationRulesType.Duration).
func windowPastMidnight(d string, start time.Duration) string {
	at := fmt.Sprintf("%02d:%02d UTC", int(start/time.Hour), int(start%time.Hour/time.Minute))
	most := int((24*time.Hour - start) / time.Hour)
	if most < 1 {
		return fmt.Sprintf("a %s window opened at %s runs into the next UTC day, which Secrets Manager refuses; leave it empty, and the window closes at midnight UTC", d, at)
	}
	return fmt.Sprintf("a %s window opened at %s runs into the next UTC day, which Secrets Manager refuses; make it at most %dh, or start the schedule earlier", d, at, most)
}

// The messages of a value that may be given in one of two ways and is
// given in neither. They name both ways, as a design file can use either;
// a screen that has already chosen one asks for that one (OneOfMissing).
const (
	msgNoSecret   = "either secretId (a secret to create) or existingSecretArn (a secret that exists) is required"
	msgNoSchedule = "set automaticallyAfterDays or scheduleExpression to say how often the secret rotates"
	msgNoFunction = "set rotationLambdaArn (your own function) or hostedRotationLambda (one AWS builds) to say what rotates the secret"
)

// OneOfMissing reports whether p says that a value which may be given in
// one of two ways (a secret to create or one that exists, a day count or a
// schedule expression, your own function or a hosted one) is given in
// neither.
func OneOfMissing(p Problem) bool {
	switch p.Message {
	case msgNoSecret, msgNoSchedule, msgNoFunction:
		return true
	}
	return false
}
