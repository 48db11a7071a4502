package blueprint

import "testing"

// TestCheckUnknownDependsOn: a rotation-not-blocked finding for a Deny by
// endpoint rests on the hosted function's network. Read back from a
// template that does not record it, the finding cannot be verified, with
// the template's reason; in a design (nothing unknown) it stays an error,
// and a Deny that does not depend on the network stays not met.
func TestCheckUnknownDependsOn(t *testing.T) {
	design := func(op, key, value string) *Design {
		return &Design{
			Secret: Secret{SecretID: "prod/app", GenerateSecretString: &GenerateSecretString{}},
			Rotation: &Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &HostedRotationLambda{
				RotationType: "PostgreSQLSingleUser",
				VPCSubnetIDs: []string{"subnet-0123456789abcdef0", "subnet-0123456789abcdef1"},
			}},
			ResourcePolicy: &ResourcePolicy{Statements: []Statement{{
				Effect: "Deny", Principal: &Principal{AWS: []string{"*"}},
				Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"},
				Condition: []Condition{{Operator: op, Key: key, Values: []string{value}}},
			}}},
		}
	}
	result := func(d *Design, u Unknowns) RuleResult {
		t.Helper()
		r, ok := CheckUnknown(d, u).Result(RuleRotationNotBlocked)
		if !ok {
			t.Fatal("no rotation-not-blocked result")
		}
		return r
	}
	endpoint := Unknowns{"rotation.hostedRotationLambda.endpoint": "the template names no endpoint"}
	vpc := Unknowns{"rotation.hostedRotationLambda.vpcId": "the template names no VPC"}
	for _, tc := range []struct {
		name       string
		d          *Design
		u          Unknowns
		want, note string
	}{
		{"design, Deny by endpoint", design("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"), nil, "not met", ""},
		{"template, Deny by endpoint", design("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"), endpoint, "cannot verify", "the template names no endpoint"},
		{"template, Deny by endpoint, only the VPC unknown", design("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0"), vpc, "not met", ""},
		// A function whose VPC is not known is not refused by VPC at all.
		{"template, Deny by VPC", design("StringNotEquals", "aws:SourceVpc", "vpc-0123456789abcdef0"), vpc, "met", ""},
		{"template, Deny by address", design("NotIpAddress", "aws:SourceIp", "203.0.113.0/24"), endpoint, "not met", ""},
		{"template, Deny to every caller", design("Bool", "aws:SecureTransport", "true"), endpoint, "not met", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := result(tc.d, tc.u)
			want := map[string]Status{"met": StatusMet, "not met": StatusNotMet, "cannot verify": StatusCannotVerify}[tc.want]
			if r.Status != want || r.Note != tc.note {
				t.Errorf("got %v %q %v, want %s %q", r.Status, r.Note, r.Findings, tc.want, tc.note)
			}
		})
	}
	// A function outside any VPC calls the public endpoint: its calls carry
	// no endpoint id, which the template does record (no subnets).
	d := design("StringNotEquals", "aws:SourceVpce", "vpce-0123456789abcdef0")
	d.Rotation.HostedRotationLambda.VPCSubnetIDs = nil
	if r := result(d, endpoint); r.Status != StatusNotMet {
		t.Errorf("function outside any VPC: %v %q, want not met", r.Status, r.Note)
	}
}
