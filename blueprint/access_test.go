package blueprint

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const (
	ownAcct     = "111122223333"
	otherAcct   = "444455556666"
	ownRole     = "arn:aws:iam::111122223333:role/payments-app"
	ownUser     = "arn:aws:iam::111122223333:user/alice"
	otherRole   = "arn:aws:iam::444455556666:role/reader"
	givenKeyARN = "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	lambdaARN   = "arn:aws:lambda:us-east-1:111122223333:function:rotate"
)

func allow(p *Principal, actions []string, conds ...Condition) Statement {
	return Statement{Effect: "Allow", Principal: p, Action: actions, Resource: []string{"*"}, Condition: conds}
}

func deny(p *Principal, actions []string, conds ...Condition) Statement {
	return Statement{Effect: "Deny", Principal: p, Action: actions, Resource: []string{"*"}, Condition: conds}
}

func aws(vals ...string) *Principal { return &Principal{AWS: vals} }

var star = &Principal{Wildcard: true}

func cond(op, key string, vals ...string) Condition {
	return Condition{Operator: op, Key: key, Values: vals}
}

var (
	read    = []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}
	getOnly = []string{"secretsmanager:GetSecretValue"}
)

// accessDesign is a new secret in ownAcct (the rotation function's ARN
// says which account) with the given statements.
func accessDesign(stmts ...Statement) *Design {
	return &Design{
		Version: 1,
		Secret:  Secret{SecretID: "prod/db", Region: "us-east-1"},
		ResourcePolicy: &ResourcePolicy{
			Statements: stmts,
		},
		Rotation: &Rotation{AutomaticallyAfterDays: 30, RotationLambdaARN: lambdaARN},
	}
}

// short writes actions without the service prefix.
func short(acts []string) string {
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = strings.TrimPrefix(a, "secretsmanager:")
	}
	return strings.Join(out, ",")
}

// summary is one line per group: label, allowed actions, reads, decrypt,
// and each cut as deny#statement:always|when(...):actions.
func summary(a *Access) []string {
	var out []string
	for _, g := range a.Groups {
		if g.Kind == GroupRotation {
			continue
		}
		s := fmt.Sprintf("%s | %s | reads=%v | decrypt=%s", g.Label(), short(g.Allowed), g.Reads, g.Decrypt.State)
		for _, gr := range g.Grants {
			if len(gr.Conditions) > 0 {
				s += " | if " + DescribeConditions(gr.Conditions)
			}
		}
		for _, c := range g.Cuts {
			when := "always"
			if !c.Always {
				when = "when " + DescribeConditions(c.When)
			}
			s += fmt.Sprintf(" | deny#%d %s: %s", c.Statement, when, short(c.Actions))
		}
		out = append(out, s)
	}
	return out
}

func TestAccessGroups(t *testing.T) {
	tests := []struct {
		name  string
		stmts []Statement
		key   string
		want  []string
	}{
		{
			name:  "role and user in the same account",
			stmts: []Statement{allow(aws(ownRole, ownUser), read)},
			want: []string{
				"role " + ownRole + " | DescribeSecret,GetSecretValue | reads=true | decrypt=yes",
				"user " + ownUser + " | DescribeSecret,GetSecretValue | reads=true | decrypt=yes",
			},
		},
		{
			name:  "role in another account",
			stmts: []Statement{allow(aws(otherRole), getOnly)},
			want:  []string{"role " + otherRole + " | GetSecretValue | reads=true | decrypt=yes"},
		},
		{
			name:  "bare account id and root ARN are one group",
			stmts: []Statement{allow(aws(otherAcct), getOnly), allow(aws("arn:aws:iam::444455556666:root"), []string{"secretsmanager:DescribeSecret"})},
			want:  []string{"account 444455556666 | DescribeSecret,GetSecretValue | reads=true | decrypt=yes"},
		},
		{
			name:  "everyone in an organization",
			stmts: []Statement{allow(star, getOnly, cond("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5"))},
			want:  []string{"anyone in organization o-a1b2c3d4e5 | GetSecretValue | reads=true | decrypt=yes"},
		},
		{
			// Issue 20, item 8: the key lets the account's callers decrypt
			// through Secrets Manager; the network stays in the policy.
			name:  "everyone through an endpoint is granted the key for the account's callers",
			stmts: []Statement{allow(star, getOnly, cond("StringEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"))},
			want:  []string{"anyone calling through vpce-0123456789abcdef0 | GetSecretValue | reads=true | decrypt=yes"},
		},
		{
			name:  "service principal",
			stmts: []Statement{allow(&Principal{Service: []string{"lambda.amazonaws.com"}}, []string{"secretsmanager:DescribeSecret"})},
			want:  []string{"service lambda.amazonaws.com | DescribeSecret | reads=false | decrypt=not needed"},
		},
		{
			name: "deny with an exception still cuts in for others, only outside the endpoint",
			stmts: []Statement{
				allow(aws(ownRole), read, cond("StringEquals", "aws:SourceVpce", "vpce-0123456789abcdef0")),
				allow(aws(otherRole), read),
				deny(star, []string{"secretsmanager:*"},
					cond("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"),
					cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/admin-*")),
			},
			want: []string{
				// The app's grant only applies through the endpoint, so the Deny never reaches it.
				"role " + ownRole + " | DescribeSecret,GetSecretValue | reads=true | decrypt=yes | if only through vpce-0123456789abcdef0",
				"role " + otherRole + " | DescribeSecret,GetSecretValue | reads=true | decrypt=yes | deny#2 when when not through vpce-0123456789abcdef0: DescribeSecret,GetSecretValue",
			},
		},
		{
			name: "the exception spares the principal it names",
			stmts: []Statement{
				allow(aws("arn:aws:iam::111122223333:role/admin-ops"), []string{"secretsmanager:*"}),
				deny(star, []string{"secretsmanager:*"}, cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/admin-*")),
			},
			want: []string{"role arn:aws:iam::111122223333:role/admin-ops | " + short(Actions) + " | reads=true | decrypt=yes"},
		},
		{
			name: "unconditional deny to everyone takes the value away",
			stmts: []Statement{
				allow(aws(ownRole), read),
				deny(star, getOnly),
			},
			want: []string{"role " + ownRole + " | DescribeSecret,GetSecretValue | reads=false | decrypt=not needed | deny#1 always: GetSecretValue"},
		},
		{
			name: "NotPrincipal deny spares the principals it lists",
			stmts: []Statement{
				allow(aws(ownRole, otherRole), getOnly),
				{Effect: "Deny", NotPrincipal: aws(ownRole), Action: getOnly, Resource: []string{"*"}},
			},
			want: []string{
				"role " + ownRole + " | GetSecretValue | reads=true | decrypt=yes",
				"role " + otherRole + " | GetSecretValue | reads=false | decrypt=not needed | deny#1 always: GetSecretValue",
			},
		},
		{
			name:  "NotPrincipal allow is anyone but",
			stmts: []Statement{{Effect: "Allow", NotPrincipal: aws(otherRole), Action: getOnly, Resource: []string{"*"}}},
			want:  []string{"anyone but " + otherRole + " | GetSecretValue | reads=true | decrypt=no"},
		},
		{
			name:  "NotAction allows everything but what it lists",
			stmts: []Statement{{Effect: "Allow", Principal: aws(ownRole), NotAction: []string{"secretsmanager:Delete*", "secretsmanager:*Policy"}, Resource: []string{"*"}}},
			want: []string{"role " + ownRole + " | " + short(slices.DeleteFunc(slices.Clone(Actions), func(a string) bool {
				return strings.HasPrefix(a, "secretsmanager:Delete") || strings.HasSuffix(a, "Policy")
			})) + " | reads=true | decrypt=yes"},
		},
		{
			name:  "Get* includes GetSecretValue",
			stmts: []Statement{allow(aws(ownRole), []string{"secretsmanager:get*"})},
			want:  []string{"role " + ownRole + " | GetRandomPassword,GetResourcePolicy,GetSecretValue | reads=true | decrypt=yes"},
		},
		{
			name: "overlapping statements merge per principal",
			stmts: []Statement{
				allow(aws(ownRole), []string{"secretsmanager:DescribeSecret"}),
				allow(aws(ownRole, otherAcct), getOnly, cond("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")),
			},
			want: []string{
				"role " + ownRole + " | DescribeSecret,GetSecretValue | reads=true | decrypt=yes | if only from organization o-a1b2c3d4e5",
				"account 444455556666 | GetSecretValue | reads=true | decrypt=yes | if only from organization o-a1b2c3d4e5",
			},
		},
		{
			name:  "a Deny to an account reaches its roles",
			stmts: []Statement{allow(aws(otherRole), getOnly), deny(aws(otherAcct), getOnly)},
			want:  []string{"role " + otherRole + " | GetSecretValue | reads=false | decrypt=not needed | deny#1 always: GetSecretValue"},
		},
		{
			name:  "plain HTTP deny cuts nobody in",
			stmts: []Statement{allow(aws(ownRole), getOnly), deny(star, []string{"secretsmanager:*"}, cond("Bool", "aws:SecureTransport", "false"))},
			want:  []string{"role " + ownRole + " | GetSecretValue | reads=true | decrypt=yes"},
		},
		{
			name:  "given key: check its policy",
			stmts: []Statement{allow(aws(otherRole), getOnly)},
			key:   givenKeyARN,
			want:  []string{"role " + otherRole + " | GetSecretValue | reads=true | decrypt=check the key policy"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := accessDesign(tt.stmts...)
			d.Secret.KMSKeyARN = tt.key
			got := summary(d.Access())
			if !slices.Equal(got, tt.want) {
				t.Errorf("Access() groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestExpandActions(t *testing.T) {
	if got := ExpandActions([]string{"*"}); len(got) != 23 {
		t.Errorf("ExpandActions(*) = %d actions, want 23", len(got))
	}
	if got := ExpandActions([]string{"secretsmanager:*"}); !slices.Equal(got, Actions) {
		t.Errorf("ExpandActions(secretsmanager:*) = %v, want all in order", got)
	}
	if got := short(ExpandActions([]string{"SecretsManager:*SecretValue", "secretsmanager:DescribeSecret"})); got != "BatchGetSecretValue,DescribeSecret,GetSecretValue,PutSecretValue" {
		t.Errorf("ExpandActions(*SecretValue, DescribeSecret) = %s", got)
	}
	if got := ExpandNotActions([]string{"secretsmanager:*"}); len(got) != 0 {
		t.Errorf("ExpandNotActions(secretsmanager:*) = %v, want none", got)
	}
	if got := short(ExpandActions([]string{"secretsmanager:?etSecretValue"})); got != "GetSecretValue" {
		t.Errorf("ExpandActions(?etSecretValue) = %s", got)
	}
}

func TestAccessDenySummaries(t *testing.T) {
	tests := []struct {
		name           string
		st             Statement
		locks, special bool
	}{
		{"no condition", deny(star, []string{"secretsmanager:*"}), true, false},
		{"endpoint only", deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0")), true, false},
		{"value only", deny(star, []string{"secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"}, cond("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0")), false, false},
		{"admin exception", deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"), cond("ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/Admin")), false, true},
		{"account exception", deny(star, []string{"secretsmanager:DeleteSecret"}, cond("StringNotEquals", "aws:PrincipalAccount", ownAcct)), false, true},
		{"plain http", deny(star, []string{"*"}, cond("Bool", "aws:SecureTransport", "false")), false, false},
		{"NotPrincipal counts as everyone", Statement{Effect: "Deny", NotPrincipal: aws(ownRole), Action: []string{"secretsmanager:DeleteSecret"}, Resource: []string{"*"}}, true, false},
		{"one principal", deny(aws(otherRole), []string{"secretsmanager:*"}), false, false},
		{"NotAction", Statement{Effect: "Deny", Principal: star, NotAction: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := accessDesign(tt.st).Access()
			if len(a.Denies) != 1 {
				t.Fatalf("Denies = %+v, want one", a.Denies)
			}
			s := a.Denies[0]
			if s.LocksOut != tt.locks || s.Exception != tt.special {
				t.Errorf("Deny summary = %+v, want LocksOut %v, Exception %v", s, tt.locks, tt.special)
			}
		})
	}
}

func TestAccessRotation(t *testing.T) {
	tests := []struct {
		name   string
		st     Statement
		always bool
		cut    bool
	}{
		{"endpoint id blocks it", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0")), true, true},
		{"endpoint id with ViaAWSService still blocks it", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"), cond("BoolIfExists", "aws:ViaAWSService", "false")), true, true},
		{"source IP blocks it", deny(star, []string{"secretsmanager:PutSecretValue"}, cond("NotIpAddress", "aws:SourceIp", "203.0.113.0/24")), true, true},
		{"VPC is undecided", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", "vpc-0123456789abcdef0")), false, true},
		{"own account exception spares it", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"), cond("StringNotEquals", "aws:PrincipalAccount", ownAcct)), false, false},
		{"role exception is undecided", deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"), cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/rotation-*")), false, true},
		{"deny to own account blocks it", deny(aws(ownAcct), []string{"secretsmanager:UpdateSecretVersionStage"}), true, true},
		{"deny to another role does not", deny(aws(otherRole), []string{"secretsmanager:*"}), false, false},
		{"deny of other actions does not", deny(star, []string{"secretsmanager:DeleteSecret"}), false, false},
		{"plain http does not", deny(star, []string{"*"}, cond("Bool", "aws:SecureTransport", "false")), false, false},
		{"NotPrincipal is undecided", Statement{Effect: "Deny", NotPrincipal: aws(ownRole), Action: getOnly, Resource: []string{"*"}}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := accessDesign(tt.st).Access().Rotation()
			if r == nil {
				t.Fatal("Rotation() = nil for a rotating design")
			}
			if len(r.Cuts) > 0 != tt.cut {
				t.Fatalf("rotation cuts = %+v, want cut %v", r.Cuts, tt.cut)
			}
			if tt.cut && r.Cuts[0].Always != tt.always {
				t.Errorf("rotation cut = %+v, want Always %v", r.Cuts[0], tt.always)
			}
		})
	}
	// A hosted function without subnets runs outside every VPC, so a Deny
	// by VPC stops it for certain.
	d := accessDesign(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", "vpc-0123456789abcdef0")))
	d.Rotation = &Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}}
	if r := d.Access().Rotation(); len(r.Cuts) != 1 || !r.Cuts[0].Always {
		t.Errorf("hosted function outside a VPC: cuts %+v, want the VPC Deny always", r.Cuts)
	}
	h := d.Rotation.HostedRotationLambda
	h.VPCSubnetIDs = []string{"subnet-0123abcd"}
	if r := d.Access().Rotation(); len(r.Cuts) != 1 || r.Cuts[0].Always {
		t.Errorf("hosted function in subnets: cuts %+v, want the VPC Deny undecided", r.Cuts)
	}
	h.VPCID = "vpc-0123456789abcdef0"
	if r := d.Access().Rotation(); len(r.Cuts) != 0 {
		t.Errorf("hosted function in the listed VPC: cuts %+v, want none", r.Cuts)
	}
	h.VPCID = "vpc-0fedcba987654321f"
	if r := d.Access().Rotation(); len(r.Cuts) != 1 || !r.Cuts[0].Always {
		t.Errorf("hosted function in another VPC: cuts %+v, want the VPC Deny always", r.Cuts)
	}
	h.VPCID, h.Endpoint = "", EndpointNAT
	if r := d.Access().Rotation(); len(r.Cuts) != 1 || !r.Cuts[0].Always {
		t.Errorf("hosted function through NAT: cuts %+v, want the VPC Deny always", r.Cuts)
	}
	d = accessDesign()
	d.Rotation = nil
	if r := d.Access().Rotation(); r != nil {
		t.Errorf("Rotation() = %+v without rotation, want nil", r)
	}
}

func TestKeyGrants(t *testing.T) {
	d := accessDesign(
		allow(aws(ownRole, otherAcct), read, cond("StringEquals", "aws:SourceVpce", "vpce-0123456789abcdef0")),
		allow(star, getOnly, cond("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5", "o-f6g7h8i9j0"), cond("StringEquals", "aws:PrincipalTag/team", "payments")),
		allow(star, getOnly, cond("StringEquals", "aws:SourceVpce", "vpce-0123456789abcdef0")),
		allow(&Principal{Service: []string{"lambda.amazonaws.com"}}, []string{"secretsmanager:DescribeSecret"}),
		Statement{Sid: "Ops", Effect: "Allow", Principal: star, Action: []string{"secretsmanager:Get*"}, Resource: []string{"*"},
			Condition: []Condition{cond("ArnEquals", "aws:PrincipalArn", otherRole)}},
	)
	d.Secret.ReplicaRegions = []Replica{{Region: "eu-west-1", KMSKeyARN: "arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef"}}
	a := d.Access()
	var got []string
	for _, kg := range a.KeyGrants() {
		got = append(got, fmt.Sprintf("%s %s %v if %s", kg.Sid, principalValues(&kg.Principal), kg.Groups, DescribeConditions(kg.Conditions)))
	}
	want := []string{
		"AllowDecryptForStatement1 [" + ownRole + " arn:aws:iam::444455556666:root] [role " + ownRole + " account 444455556666] if ",
		"AllowDecryptForStatement2 [*] [anyone in organization o-a1b2c3d4e5 anyone in organization o-f6g7h8i9j0] if only from organization o-a1b2c3d4e5 or o-f6g7h8i9j0 and aws:PrincipalTag/team StringEquals payments",
		"AllowDecryptForStatement3 [*] [anyone calling through vpce-0123456789abcdef0] if only from account 111122223333",
		"AllowDecryptForOps [*] [role " + otherRole + "] if only by " + otherRole,
	}
	if !slices.Equal(got, want) {
		t.Errorf("KeyGrants():\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The replica is encrypted with its own key in eu-west-1: the primary
	// key's grant is for Secrets Manager in the primary region alone.
	if got, want := a.ViaServiceValues("secretsmanager.us-east-1.amazonaws.com"), []string{"secretsmanager.us-east-1.amazonaws.com"}; !slices.Equal(got, want) {
		t.Errorf("ViaServiceValues = %v, want %v", got, want)
	}
	d.Secret.ReplicaRegions[0].KMSKeyARN = ""
	if got, want := d.Access().ViaServiceValues("secretsmanager.us-east-1.amazonaws.com"), []string{"secretsmanager.us-east-1.amazonaws.com"}; !slices.Equal(got, want) {
		t.Errorf("ViaServiceValues with a replica that names no key = %v, want %v (it is encrypted with a key of its own region)", got, want)
	}
}

func TestDescribeCondition(t *testing.T) {
	tests := []struct {
		c    Condition
		want string
	}{
		{cond("StringEquals", "aws:SourceVpce", "vpce-1"), "only through vpce-1"},
		{cond("StringNotEqualsIfExists", "aws:SourceVpce", "vpce-1", "vpce-2"), "when not through vpce-1 or vpce-2"},
		{cond("ForAnyValue:StringEquals", "aws:PrincipalOrgID", "o-1"), "only from organization o-1"},
		{cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::1:role/a*"), "when not by arn:aws:iam::1:role/a*"},
		{cond("Bool", "aws:SecureTransport", "false"), "over plain HTTP"},
		{cond("NumericLessThan", "aws:MultiFactorAuthAge", "3600"), "aws:MultiFactorAuthAge NumericLessThan 3600"},
	}
	for _, tt := range tests {
		if got := DescribeCondition(tt.c); got != tt.want {
			t.Errorf("DescribeCondition(%v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

// BenchmarkCheckWithAccess is BenchmarkValidateDesign's large design with a
// Deny and a given key, so that the access rules build the model on every
// run, as they do on each keystroke in the wizard.
func BenchmarkCheckWithAccess(b *testing.B) {
	d := largeDesign()
	d.Secret.KMSKeyARN = givenKeyARN
	d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements,
		deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", "vpc-0123456789abcdef0")))
	b.ReportAllocs()
	for b.Loop() {
		_ = Check(d)
	}
}

// FuzzAccess builds the model from statements made of arbitrary text: it
// must not panic, must give the same answer twice, and must keep its own
// promises (a reader is allowed GetSecretValue, a Deny only cuts actions the
// group has, a group that decrypts has a key grant).
func FuzzAccess(f *testing.F) {
	f.Add("arn:aws:iam::444455556666:role/r", "secretsmanager:Get*", "StringNotEquals", "aws:SourceVpce", "vpce-0123abcd")
	f.Add("*", "*", "StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")
	f.Add("444455556666", "secretsmanager:*Secret*", "ArnNotLikeIfExists", "aws:PrincipalArn", "arn:aws:iam::*:role/a*")
	f.Add("arn:aws:sts::1:assumed-role", "?", "ForAnyValue:Bool", "aws:ViaAWSService", "false")
	f.Fuzz(func(t *testing.T, principal, action, op, key, value string) {
		c := []Condition{{Operator: op, Key: key, Values: []string{value}}}
		d := accessDesign(
			allow(aws(principal), []string{action}, c...),
			allow(star, []string{action}, c...),
			Statement{Effect: "Allow", NotPrincipal: aws(principal), NotAction: []string{action}},
			deny(aws(principal), []string{action}, c...),
			Statement{Effect: "Deny", NotPrincipal: aws(principal), Action: []string{action}, Condition: c},
		)
		a, b := d.Access(), d.Access()
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("Access() differs between two runs")
		}
		grants := a.KeyGrants()
		for _, g := range a.Groups {
			if g.Reads && !slices.Contains(g.Allowed, actionGetSecretValue) {
				t.Errorf("%s reads without GetSecretValue allowed", g.Label())
			}
			for _, cut := range g.Cuts {
				for _, act := range cut.Actions {
					if !slices.Contains(g.Allowed, act) {
						t.Errorf("%s: a Deny cuts %s, which it is not allowed", g.Label(), act)
					}
				}
			}
			if g.Kind != GroupRotation && g.Decrypt.State == DecryptYes &&
				!slices.ContainsFunc(grants, func(kg KeyGrant) bool { return slices.Contains(kg.Groups, g.Label()) }) {
				t.Errorf("%s decrypts with no key grant", g.Label())
			}
		}
		for _, kg := range grants {
			st := a.KeyPolicyStatement(kg, "secretsmanager.us-east-1.amazonaws.com")
			if _, err := json.Marshal(st); err != nil {
				t.Errorf("key statement %+v does not encode: %v", st, err)
			}
		}
		_ = DescribeConditions(c)
		_ = Check(d)
	})
}

// TestCarriesToKMSShortcut holds carriesToKMS, which rules most keys out by
// their fifth byte, to the comparison of every key without regard to case,
// on each caller key in other cases, with a Unicode letter that folds to an
// ASCII one, and on keys that are not caller keys.
func TestCarriesToKMSShortcut(t *testing.T) {
	slow := func(key string) bool {
		for _, k := range keyPrincipalKeys {
			if strings.HasSuffix(k, "/") {
				if len(key) > len(k) && strings.EqualFold(key[:len(k)], k) {
					return true
				}
			} else if strings.EqualFold(key, k) {
				return true
			}
		}
		return false
	}
	var keys []string
	for _, k := range append(slices.Clone(keyPrincipalKeys), "aws:SourceVpce", "aws:SecureTransport", "kms:ViaService", "aws:", "aws:P", "x") {
		keys = append(keys, k, k+"team", strings.ToUpper(k), strings.ToLower(k),
			strings.Replace(k, "s", "\u017f", 1), strings.Replace(k, "aws:", "AWS:", 1))
	}
	for _, k := range keys {
		if got, want := carriesToKMS(Condition{Key: k}), slow(k); got != want {
			t.Errorf("carriesToKMS(%q) = %v, want %v", k, got, want)
		}
	}
}

// TestKeyGrantServes holds the flag decrypt reads (keyGrantServes, worked
// out with the model) to the key grants KeyGrants builds on first use: a
// group is served exactly when some grant lists its label.
func TestKeyGrantServes(t *testing.T) {
	designs := []*Design{
		largeDesign(), denyDesign(),
		accessDesign(
			allow(aws(ownRole, otherAcct), read, cond("StringEquals", "aws:SourceVpce", "vpce-0123456789abcdef0")),
			allow(star, getOnly, cond("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5", "o-f6g7h8i9j0")),
			allow(star, getOnly, cond("StringEquals", "aws:SourceVpce", "vpce-0123456789abcdef0")),
			allow(star, getOnly, cond("StringEquals", "aws:SourceVpc", "vpc-0123456789abcdef0")),
			allow(star, getOnly),
			allow(&Principal{Service: []string{"lambda.amazonaws.com"}}, read),
			allow(&Principal{Federated: []string{"cognito-identity.amazonaws.com"}}, read),
			Statement{Sid: "Ops", Effect: "Allow", Principal: star, Action: []string{"secretsmanager:Get*"}, Resource: []string{"*"},
				Condition: []Condition{cond("ArnEquals", "aws:PrincipalArn", otherRole)}},
			Statement{Effect: "Deny", Principal: star, Action: getOnly, Resource: []string{"*"},
				Condition: []Condition{cond("ArnNotLike", "aws:PrincipalArn", ownRole)}},
		),
		accessDesign(allow(aws(ownUser), []string{"secretsmanager:DescribeSecret"}), allow(aws(otherRole), []string{"secretsmanager:*"})),
	}
	served := 0
	for di, d := range designs {
		a := d.Access()
		for _, g := range a.Groups {
			inGrant := slices.ContainsFunc(a.KeyGrants(), func(kg KeyGrant) bool { return slices.Contains(kg.Groups, g.Label()) })
			if g.keyGranted != inGrant {
				t.Errorf("design %d, %s: keyGranted %v, but a key grant lists it: %v", di, g.Label(), g.keyGranted, inGrant)
			}
			if g.keyGranted {
				served++
			}
		}
	}
	if served < 10 {
		t.Errorf("only %d groups served by a key grant: the designs do not exercise it", served)
	}
}
