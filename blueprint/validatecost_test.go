package blueprint

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// Tests of the shortcuts that keep Validate and Check cheap on every
// keystroke (issue 19 §3): each shortcut must give the answer of the
// computation it stands in for, and the happy path must stay free of
// allocations.

// seeded3 and fuzzSeeded3 are tabletest.Seeds and tabletest.Fuzz for
// three strings.
func seeded3(t *testing.T, seeds [][3]string, check func(*testing.T, string, string, string)) {
	for _, c := range seeds {
		check(t, c[0], c[1], c[2])
	}
}

func fuzzSeeded3(f *testing.F, seeds [][3]string, check func(*testing.T, string, string, string)) {
	for _, c := range seeds {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(check)
}

// TestLargeDesignValidateAllocatesNothing: the benchmark design is valid,
// so Validate builds no path and no message for it.
func TestLargeDesignValidateAllocatesNothing(t *testing.T) {
	d := largeDesign()
	if n := testing.AllocsPerRun(20, func() { d.Validate() }); n != 0 {
		t.Errorf("Validate() on largeDesign allocates %.0f times, want none", n)
	}
}

// TestSecretMetadataShortTagsAllocateNothing: the key=value text the
// metadata rule reads stays on the stack when it is short, as tags are.
func TestSecretMetadataShortTagsAllocateNothing(t *testing.T) {
	d := largeDesign()
	if n := testing.AllocsPerRun(20, func() { checkSecretMetadata(d) }); n != 0 {
		t.Errorf("checkSecretMetadata(largeDesign) allocates %.0f times, want none", n)
	}
	// The rule still reads the joined text: the word before the = is in
	// the key, the value after it in the value.
	d.Secret.Tags = []Tag{{Key: "password", Value: "hunter2"}}
	if fs := checkSecretMetadata(d); len(fs) != 1 {
		t.Errorf("checkSecretMetadata with tag password=hunter2 = %v, want one finding", fs)
	}
}

// mayBeIPAddrSeeds are strings around the shapes netip.ParseAddr takes.
var mayBeIPAddrSeeds = []string{
	"10.0.0.1", "::1", "::", "fe80::1%eth0", "2001:db8::", "a::b", "0.0.0.0", "1.2.3", "x:1",
	"db.example.com", "payments.cluster-abc.us-east-1.rds.amazonaws.com", "%", "::ffff:1.2.3.4", ".1.2.3",
}

func TestMayBeIPAddr(t *testing.T) {
	tabletest.Seeds(t, mayBeIPAddrSeeds, checkMayBeIPAddr)
	if mayBeIPAddr("payments.cluster-abc.us-east-1.rds.amazonaws.com") {
		t.Error("mayBeIPAddr(a DNS name beginning with a letter) = true; the shortcut never applies")
	}
}

// FuzzMayBeIPAddr holds mayBeIPAddr to what it stands in for: it is true
// for every string netip.ParseAddr accepts.
func FuzzMayBeIPAddr(f *testing.F) { tabletest.Fuzz(f, mayBeIPAddrSeeds, checkMayBeIPAddr) }

func checkMayBeIPAddr(t *testing.T, s string) {
	if s == "" {
		return
	}
	if _, err := netip.ParseAddr(s); err == nil && !mayBeIPAddr(s) {
		t.Errorf("mayBeIPAddr(%q) = false, but netip.ParseAddr accepts it", s)
	}
}

// policyBound is the bound Validate's statement checks add up for p.
func policyBound(p *ResourcePolicy) int {
	v := validator{d: &Design{ResourcePolicy: p}}
	return v.statements()
}

// checkPolicyBound fails unless policyBound(p) is at least the length of
// p's DocumentJSON in characters, which jsonChars counts.
func checkPolicyBound(t *testing.T, p *ResourcePolicy) {
	t.Helper()
	b, err := p.DocumentJSON()
	if err != nil {
		t.Fatal(err)
	}
	if bound, exact := policyBound(p), utf8.RuneCount(b); bound < exact {
		t.Errorf("policy bound %d < %d characters of %s", bound, exact, b)
	}
}

// boundPolicies are policies with every field the JSON can hold, plain and
// escaped values, valid and invalid ones, and rows Document merges.
func boundPolicies(s string) []*ResourcePolicy {
	return []*ResourcePolicy{
		largeDesign().ResourcePolicy,
		denyDesign().ResourcePolicy,
		{Statements: []Statement{{}}},
		{Statements: []Statement{{Sid: s, Effect: s, Principal: &Principal{Wildcard: true}, NotPrincipal: &Principal{Wildcard: true, AWS: []string{s}}}}},
		{Statements: []Statement{{
			Sid: "A1", Effect: "Deny",
			Principal:    &Principal{AWS: []string{s, "*", "111122223333"}, Service: []string{s}, Federated: []string{s, s}},
			NotPrincipal: &Principal{Service: []string{"lambda.amazonaws.com"}},
			Action:       []string{"secretsmanager:GetSecretValue", "*", s, "secretsmanager:Get*"},
			NotAction:    []string{s},
			Resource:     []string{"*", s, ""},
			Condition: []Condition{
				{Operator: "ForAnyValue:StringLikeIfExists", Key: s, Values: []string{s, s}},
				{Operator: s, Key: s, Values: nil},
				{Operator: s, Key: s, Values: []string{s}},
				{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}},
				{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false", s}},
			},
		}, {Sid: s, Effect: "Allow", Action: []string{s}, Resource: []string{s}}}},
	}
}

// TestPolicyBoundAtLeastJSON holds the bound Validate adds up in place of
// counting the policy's JSON to the real encoding, for values that JSON
// copies and values that it escapes, byte by byte.
func TestPolicyBoundAtLeastJSON(t *testing.T) {
	for _, s := range []string{"", "*", "a", "é\u2028\u2029\"\\\n\x01\x7f\xff", "\xff\xfe\xfd", strings.Repeat("\x00", 9), "<>&", "secretsmanager:GetSecretValue",
		strings.Repeat("\x01", 300), strings.Repeat("\xff", 300), strings.Repeat("\u2028", 100)} {
		for i, p := range boundPolicies(s) {
			t.Run(fmt.Sprintf("%q/%d", s, i), func(t *testing.T) { checkPolicyBound(t, p) })
		}
	}
	// The benchmark's 20 statements are within the bound, so Validate
	// skips the count; this is what makes the bound worth having.
	if b := policyBound(largeDesign().ResourcePolicy); b > MaxResourcePolicyChars {
		t.Errorf("largeDesign's policy bound is %d, over %d: Validate counts its JSON on every call", b, MaxResourcePolicyChars)
	}
}

// TestPolicyOverBoundUnderLimit: a policy whose bound is over the limit
// but whose JSON is not is not reported; one over the limit is, with its
// exact length.
func TestPolicyOverBoundUnderLimit(t *testing.T) {
	d := largeDesign()
	st := &d.ResourcePolicy.Statements[0]
	for i := range 300 {
		st.Principal.AWS = append(st.Principal.AWS, fmt.Sprintf("%012d", 100000000000+i))
	}
	if b := policyBound(d.ResourcePolicy); b <= MaxResourcePolicyChars {
		t.Fatalf("bound %d is within the limit; the test needs one over it", b)
	}
	if ps := d.Validate(); len(ps) != 0 {
		t.Errorf("Validate() = %v, want no problems for a policy of %d characters", ps, d.ResourcePolicy.jsonChars())
	}
	for i := 300; i < 1400; i++ {
		st.Principal.AWS = append(st.Principal.AWS, fmt.Sprintf("%012d", 100000000000+i))
	}
	n := d.ResourcePolicy.jsonChars()
	want := fmt.Sprintf("is %d characters as JSON", n)
	if ps := d.Validate(); len(ps) != 1 || ps[0].Path != "resourcePolicy" || !strings.Contains(ps[0].Message, want) {
		t.Errorf("Validate() = %v, want one problem at resourcePolicy saying %q", ps, want)
	}
}

// FuzzPolicyBound holds the bound to the encoding for any value in any
// place of a policy.
func FuzzPolicyBound(f *testing.F) {
	for _, s := range []string{"", "*", "é\u2028\"\\\n\x01\xff", "secretsmanager:GetSecretValue", "StringEquals", "AllowApp1", "Deny"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range boundPolicies(s) {
			checkPolicyBound(t, p)
		}
	})
}

// tagSeeds are tag keys and values around the one-pass shortcut of
// ValidateTagKey and ValidateTagValue: plain ones of every length limit,
// and ones that need the full checks.
var tagSeeds = []string{
	"", "team", "aws:x", "AWS:cost", "aw", "Team Name", "a+b=c.d_e:f/g@h-i",
	strings.Repeat("k", 128), strings.Repeat("k", 129), strings.Repeat("v", 256), strings.Repeat("v", 257),
	"caf\u00e9", "tab\there", "a\x00b", "\xff", "a,b", "\u200f", strings.Repeat("\u00e9", 129),
}

func TestTagShortcut(t *testing.T) { tabletest.Seeds(t, tagSeeds, checkTagShortcut) }

// FuzzTagShortcut holds ValidateTagKey and ValidateTagValue to the checks
// their shortcut stands in for.
func FuzzTagShortcut(f *testing.F) { tabletest.Fuzz(f, tagSeeds, checkTagShortcut) }

func checkTagShortcut(t *testing.T, s string) {
	for _, c := range []struct {
		name       string
		fast, full func(string) error
	}{{"ValidateTagKey", ValidateTagKey, validateTagKey}, {"ValidateTagValue", ValidateTagValue, validateTagValue}} {
		fast, full := c.fast(s), c.full(s)
		if (fast == nil) != (full == nil) || fast != nil && (fast.Error() != full.Error() || IsWarning(fast) != IsWarning(full)) {
			t.Errorf("%s(%q) = %v, the full checks say %v", c.name, s, fast, full)
		}
	}
}

// TestDuplicateSidBeyondKeys: a repeated Sid is found among the first
// statements, whose Sids are compared by key first, and beyond them; Sids
// with equal keys that differ are not reported.
func TestDuplicateSidBeyondKeys(t *testing.T) {
	d := largeDesign()
	base := d.ResourcePolicy.Statements[0]
	d.ResourcePolicy.Statements = nil
	for i := range 40 {
		st := base
		st.Sid = fmt.Sprintf("S%02d", i)
		d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, st)
	}
	// Same length, first, middle and last byte: one key, two Sids.
	d.ResourcePolicy.Statements[3].Sid = "AaxaB"
	d.ResourcePolicy.Statements[4].Sid = "AbxbB"
	d.ResourcePolicy.Statements[5].Sid = "S02"  // repeats 2, within the keys
	d.ResourcePolicy.Statements[36].Sid = "S01" // repeats 1, from beyond them
	d.ResourcePolicy.Statements[38].Sid = "S34" // repeats 34, both beyond
	var got []string
	for _, p := range d.Validate() {
		got = append(got, p.Path)
	}
	want := []string{"resourcePolicy.statements[5].sid", "resourcePolicy.statements[36].sid", "resourcePolicy.statements[38].sid"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Validate() problems at %v, want %v", got, want)
	}
}

// arnPartitionRegionBySplit is arnPartitionRegion by the ARN format, the
// reference its hand scan is held to.
func arnPartitionRegionBySplit(s string) (partition, region string, ok bool) {
	rest, found := strings.CutPrefix(s, "arn:")
	f := strings.SplitN(rest, ":", 4)
	if !found || len(f) < 3 || f[0] == "" {
		return "", "", false
	}
	return f[0], f[2], len(f) == 4
}

func TestARNPartitionRegion(t *testing.T) {
	tabletest.Seeds(t, append(arnSamples, "arn:aws:secretsmanager:us-east-1", "arn:aws:kms", "arn:aws::", "arn::"), checkARNPartitionRegion)
}

// FuzzARNPartitionRegion holds arnPartitionRegion to its reference.
func FuzzARNPartitionRegion(f *testing.F) { tabletest.Fuzz(f, arnSamples, checkARNPartitionRegion) }

func checkARNPartitionRegion(t *testing.T, s string) {
	p, r, ok := arnPartitionRegion(s)
	wp, wr, wok := arnPartitionRegionBySplit(s)
	if p != wp || r != wr || ok != wok {
		t.Errorf("arnPartitionRegion(%q) = %q, %q, %v; want %q, %q, %v", s, p, r, ok, wp, wr, wok)
	}
}

// knownKeySeeds are condition keys known in other spellings: cases, the
// Unicode letters that fold to ASCII ones (ſ to s, the Kelvin sign to k),
// and bytes that are not UTF-8.
var knownKeySeeds = []string{
	"aws:SourceVpce", "AWS:SOURCEVPCE", "aws:\u017fourceVpce", "aws:SecureTran\u017fport", "aws:\xffSourceVpce",
	"aws:ResourceTag/team", "secretsmanager:ResourceTag/\x00", "\u212aey", "aws:PrincipalArn\x00",
}

// checkKnownKeyIsText holds what validateConditionKey relies on to skip
// validText: a known key that is not a prefix is valid text without NUL.
func checkKnownKeyIsText(t *testing.T, s string) {
	if k, ok := LookupConditionKey(s); ok && !k.IsPrefix() {
		if err := validText(s); err != nil {
			t.Errorf("LookupConditionKey(%q) finds %s, but validText says %v", s, k.Name, err)
		}
	}
}

func TestKnownConditionKeyIsText(t *testing.T) {
	tabletest.Seeds(t, knownKeySeeds, checkKnownKeyIsText)
}

func FuzzKnownConditionKeyIsText(f *testing.F) { tabletest.Fuzz(f, knownKeySeeds, checkKnownKeyIsText) }

// stringPairs are texts and words around containsAt and equalFold: ARNs,
// the words they are searched for, and the letters that fold to ASCII.
var stringPairs = [][2]string{
	{"arn:aws:kms:us-east-1:111122223333:alias/aws/secretsmanager", ":alias/aws/"},
	{"arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-0123-AbCdEf", ":secret:rds!"},
	{"x:alias/aws:alias/aws/", ":alias/aws/"}, {"alias/", "alias/"}, {"aliasalias/", "alias/"},
	{"-----BEGIN RSA", "-----BEGIN"}, {"key AKIAAKIA", "AKIA"}, {"eyeyJ", "eyJ"}, {"", "a"}, {"a", "a"},
	{"Allow", "Deny"}, {"DENY", "Deny"}, {"\u017fecret", "secret"}, {"\u212aey", "key"}, {"\xffx", "\xffX"}, {"", ""},
}

func TestContainsAtAndEqualFold(t *testing.T) {
	for _, p := range stringPairs {
		checkContainsAtAndEqualFold(t, p[0], p[1])
	}
}

// FuzzContainsAtAndEqualFold holds containsAt, for a search byte at every
// place of the word, to strings.Contains, and equalFold to
// strings.EqualFold.
func FuzzContainsAtAndEqualFold(f *testing.F) {
	for _, p := range stringPairs {
		f.Add(p[0], p[1])
	}
	f.Fuzz(checkContainsAtAndEqualFold)
}

func checkContainsAtAndEqualFold(t *testing.T, s, sub string) {
	want := strings.Contains(s, sub)
	for at := range len(sub) {
		if got := containsAt(s, sub, at); got != want {
			t.Errorf("containsAt(%q, %q, %d) = %v, strings.Contains says %v", s, sub, at, got, want)
		}
	}
	if got, want := equalFold(s, sub), strings.EqualFold(s, sub); got != want {
		t.Errorf("equalFold(%q, %q) = %v, strings.EqualFold says %v", s, sub, got, want)
	}
}

// principalSeeds are principal ARNs of both kinds ValidateAWSPrincipal
// takes, and near misses.
var principalSeeds = []string{
	"arn:aws:iam::111122223333:role/app-0", "arn:aws:sts::111122223333:assumed-role/app/session",
	"arn:aws:iam::111122223333:assumed-role/app/session", "arn:aws:sts::111122223333:role/app", "arn:aws-cn:iam::111122223333:root",
}

// checkPrincipalKindsDisjoint holds what lets ValidateAWSPrincipal try
// the role or user ARN before the session pattern: no value is both.
func checkPrincipalKindsDisjoint(t *testing.T, s string) {
	if _, _, _, ok := parseIAMPrincipalARN(s); ok && stsPrincipal().MatchString(s) {
		t.Errorf("%q is both an IAM principal ARN and an assumed-role session ARN", s)
	}
}

func TestPrincipalKindsDisjoint(t *testing.T) {
	tabletest.Seeds(t, principalSeeds, checkPrincipalKindsDisjoint)
}

func FuzzPrincipalKindsDisjoint(f *testing.F) {
	tabletest.Fuzz(f, principalSeeds, checkPrincipalKindsDisjoint)
}

// conditionValueBefore is validateConditionValue in its former order: a
// pattern or a ${variable} accepted before the value's shape is checked.
// The paths that end before the shape check are the function's own: a
// character TextCharacters refuses among them, and one it warns of is
// the answer when nothing else is wrong.
func conditionValueBefore(op, key, v string) error {
	k, ok := LookupConditionKey(key)
	chars := TextCharacters(v, false)
	switch {
	case v == "" || validText(v) != nil || chars != nil && !IsWarning(chars) || !ok || k.Type == KeyTypeBool:
		return validateConditionValue(op, k, ok, v)
	case hasWildcard(v) && wildcardOperator(op) || strings.Contains(v, "${"):
		return chars
	}
	if err := conditionValueShape(k, v); err != nil {
		return err
	}
	return chars
}

var conditionValueSeeds = [][3]string{
	{"StringEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"}, {"StringLike", "aws:SourceVpce", "vpce-*"},
	{"StringEquals", "aws:SourceVpce", "vpce-*"}, {"StringEquals", "aws:SourceAccount", "${aws:PrincipalAccount}"},
	{"NumericLessThan", "aws:MultiFactorAuthAge", "3600"}, {"NumericLessThan", "aws:MultiFactorAuthAge", "x?"},
	{"IpAddress", "aws:SourceIp", "203.0.113.0/24"}, {"IpAddress", "aws:SourceIp", "203.0.113.*"},
	{"ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/x"}, {"Bool", "aws:SecureTransport", "true"}, {"StringEquals", "x:y", ""},
}

func TestConditionValueOrder(t *testing.T) {
	seeded3(t, conditionValueSeeds, checkConditionValueOrder)
}

// FuzzConditionValueOrder holds validateConditionValue, which checks a
// value's shape before looking for a pattern or a variable, to the former
// order.
func FuzzConditionValueOrder(f *testing.F) {
	fuzzSeeded3(f, conditionValueSeeds, checkConditionValueOrder)
}

func checkConditionValueOrder(t *testing.T, op, key, v string) {
	got, want := ValidateConditionValueFor(op, key, v), conditionValueBefore(op, key, v)
	if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
		t.Errorf("ValidateConditionValueFor(%q, %q, %q) = %v, the former order gives %v", op, key, v, got, want)
	}
}

// rowReuseDesign is largeDesign with rows made of op, key and val at
// every statement, repeated, varied and repeated within a statement, so
// that Validate reuses some rows' checks and not others.
func rowReuseDesign(op, key, val string) *Design {
	d := largeDesign()
	row := Condition{Operator: op, Key: key, Values: []string{val}}
	ok := Condition{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}}
	rows := [][]Condition{
		{row, ok}, {row, ok}, {row, row}, {row, ok, row}, {ok, row}, {ok, row},
		{{Operator: op, Key: key, Values: []string{val, val}}, ok}, {{Operator: op, Key: key, Values: []string{val, val}}, ok},
		{}, {row}, {row},
	}
	// The value as an action too, repeated, moved and in NotAction, for
	// the actions Validate does not look up again.
	get := "secretsmanager:GetSecretValue"
	actions := [][2][]string{
		{{val, get}, nil}, {{val, get}, nil}, {{get, val}, nil}, {{get, val}, {val}}, {{get}, {get}}, {{get, get}, nil},
		{nil, {get}}, {{get}, nil}, {{val}, {get}}, {{val}, nil}, {{val, val}, nil},
	}
	for i := range d.ResourcePolicy.Statements {
		st := &d.ResourcePolicy.Statements[i]
		st.Condition = rows[i%len(rows)]
		st.Action, st.NotAction = actions[i%len(actions)][0], actions[i%len(actions)][1]
	}
	return d
}

var rowReuseSeeds = [][3]string{
	{"StringEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"}, {"StringEquals", "aws:SourceVpce", "vpce-1"},
	{"StringEqual", "aws:SourceVpce", "vpce-0123456789abcdef0"}, {"Bool", "aws:SecureTransport", "true"},
	{"StringEquals", "aws:SourceVPCE", "vpce-0123456789abcdef0"}, {"StringLike", "x:y", ""}, {"", "", ""},
	{"StringEquals", "aws:SourceVpce", "secretsmanager:DescribeSecret"}, {"StringEquals", "aws:SourceVpce", "*"},
	{"StringEquals", "aws:SourceVpce", "secretsmanager:Get*"}, {"StringEquals", "aws:SourceVpce", "s3:GetObject"},
}

func TestConditionRowReuse(t *testing.T) { seeded3(t, rowReuseSeeds, checkConditionRowReuse) }

// FuzzConditionRowReuse holds Validate, which does not check again a row
// that repeats a clean row of the statement before, to checking every row.
func FuzzConditionRowReuse(f *testing.F) {
	fuzzSeeded3(f, rowReuseSeeds, checkConditionRowReuse)
}

func checkConditionRowReuse(t *testing.T, op, key, val string) {
	d := rowReuseDesign(op, key, val)
	every := validator{d: d}
	if got, want := fmt.Sprint(d.Validate()), fmt.Sprint(every.run()); got != want {
		t.Errorf("row %q %q %q: Validate() =\n%s\nchecking every row =\n%s", op, key, val, got, want)
	}
}

// TestPartitionOfRegionIndex holds PartitionOfRegion's index to a walk of
// the partitions' region lists, for every listed region and some that are
// not.
func TestPartitionOfRegionIndex(t *testing.T) {
	walk := func(region string) (string, bool) {
		for _, p := range Partitions {
			if slices.Contains(p.Regions, region) {
				return p.ID, true
			}
		}
		return "", false
	}
	regions := []string{"", "us-north-7", "US-EAST-1", "us-east-1 "}
	for _, p := range Partitions {
		regions = append(regions, p.Regions...)
	}
	for _, r := range regions {
		got, ok := PartitionOfRegion(r)
		want, wantOK := walk(r)
		if got.ID != want || ok != wantOK {
			t.Errorf("PartitionOfRegion(%q) = %s, %v; the region lists say %s, %v", r, got.ID, ok, want, wantOK)
		}
	}
}
