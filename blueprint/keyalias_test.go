package blueprint

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestKeyAliasFields is the one list of fields where an alias stands for
// a key ARN (issue 20, items 9 and --aws): which fields it names, that
// Validate's errors are exactly its problems, and that Set, the resolver's
// way in, writes the key ARN where Validate then finds nothing wrong.
func TestKeyAliasFields(t *testing.T) {
	const (
		kmsKey   = "rotation.hostedRotationLambda.kmsKeyArn"
		master   = "rotation.hostedRotationLambda.masterSecretKmsKeyArn"
		aliasARN = "arn:aws:kms:us-east-1:123456789012:alias/payments"
	)
	tests := []struct {
		name   string
		mutate func(*Design)
		want   []string // path alias inherited
	}{
		{"key ARNs", func(*Design) {}, nil},
		{"given alias name", func(d *Design) { d.Rotation.HostedRotationLambda.KMSKeyARN = "alias/payments" },
			[]string{kmsKey + " alias/payments false"}},
		{"given alias ARN", func(d *Design) { d.Rotation.HostedRotationLambda.KMSKeyARN = aliasARN },
			[]string{kmsKey + " " + aliasARN + " false"}},
		{"inherited alias", func(d *Design) {
			d.Secret.KMSKeyARN, d.Rotation.HostedRotationLambda.KMSKeyARN = "alias/payments", ""
		}, []string{kmsKey + " alias/payments true"}},
		{"inherited alias ARN, given key ARN", func(d *Design) { d.Secret.KMSKeyARN = aliasARN }, nil},
		{"master key alias", func(d *Design) { d.Rotation.HostedRotationLambda.MasterSecretKMSKeyARN = "alias/admin" },
			[]string{master + " alias/admin false"}},
		{"both", func(d *Design) {
			d.Secret.KMSKeyARN, d.Rotation.HostedRotationLambda.KMSKeyARN = aliasARN, ""
			d.Rotation.HostedRotationLambda.MasterSecretKMSKeyARN = "alias/admin"
		}, []string{kmsKey + " " + aliasARN + " true", master + " alias/admin false"}},
		{"AWS managed alias is another error", func(d *Design) {
			d.Rotation.HostedRotationLambda.KMSKeyARN = "alias/aws/secretsmanager"
		}, nil},
		{"key id is no alias", func(d *Design) { d.Rotation.HostedRotationLambda.KMSKeyARN = keyUUID }, nil},
		{"existing secret inherits nothing", func(d *Design) {
			d.Secret = Secret{ExistingSecretARN: secARN}
			d.Rotation.HostedRotationLambda.KMSKeyARN = ""
		}, nil},
		{"own function", func(d *Design) {
			d.Secret.KMSKeyARN = "alias/payments"
			d.Rotation.HostedRotationLambda = nil
			d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:rotator"
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := validDesign()
			tc.mutate(d)
			fields := d.KeyAliasFields()
			var got []string
			for _, f := range fields {
				got = append(got, fmt.Sprintf("%s %s %v", f.Path, f.Alias, f.Inherited))
				if f.Region != "us-east-1" {
					t.Errorf("%s: Region = %q, want us-east-1 (the secret's, and the master secret's)", f.Path, f.Region)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("KeyAliasFields() = %q, want %q", got, tc.want)
			}
			// Validate reports each, with the field's own problem, and
			// nothing else about an alias.
			ps := d.Validate()
			for _, f := range fields {
				want := f.Problem()
				if !slices.ContainsFunc(ps, func(p Problem) bool { return p == want }) {
					t.Errorf("Validate() = %v, want %v", ps, want)
				}
				if !strings.Contains(want.Message, "--aws") || !strings.Contains(want.Message, "key ARN") {
					t.Errorf("the problem %q does not ask for the key ARN or mention --aws", want.Message)
				}
			}
			for _, p := range ps {
				if strings.Contains(p.Message, "alias") && !slices.ContainsFunc(fields, func(f KeyAliasField) bool { return f.Problem() == p }) &&
					!strings.Contains(p.Message, "AWS managed") {
					t.Errorf("Validate() reports an alias outside KeyAliasFields: %v", p)
				}
			}
			// Set writes the key ARN into the field: the design is then
			// valid there, and lists no alias.
			if len(fields) == 0 {
				return
			}
			for i, f := range fields {
				f.Set(fmt.Sprintf("arn:aws:kms:us-east-1:123456789012:key/0000000%d-1111-2222-3333-444444444444", i))
			}
			if left := d.KeyAliasFields(); len(left) > 0 {
				t.Errorf("after Set, KeyAliasFields() = %v", left)
			}
			for _, p := range d.Validate() {
				if p.Path == kmsKey || p.Path == master {
					t.Errorf("after Set, Validate() still reports %v", p)
				}
			}
			if tc.name == "inherited alias" && d.Secret.KMSKeyARN != "alias/payments" {
				t.Errorf("Set on an inherited field changed secret.kmsKeyArn to %q; the secret keeps its alias", d.Secret.KMSKeyARN)
			}
		})
	}
}

// TestKeyAliasFieldRegion: an alias ARN is looked up in its own region, an
// alias name where the key is used: the master secret's region for its
// key, the secret's for the function's, and the account's ("") when the
// design names none.
func TestKeyAliasFieldRegion(t *testing.T) {
	d := validDesign()
	h := d.Rotation.HostedRotationLambda
	h.KMSKeyARN = "arn:aws:kms:eu-west-1:123456789012:alias/payments"
	h.MasterSecretARN = "arn:aws:secretsmanager:us-west-2:123456789012:secret:prod/db-master-XyZ123"
	h.MasterSecretKMSKeyARN = "alias/admin"
	var got []string
	for _, f := range d.KeyAliasFields() {
		got = append(got, f.Region)
	}
	if want := []string{"eu-west-1", "us-west-2"}; !slices.Equal(got, want) {
		t.Errorf("regions %v, want %v", got, want)
	}
	d.Secret.Region, h.KMSKeyARN, h.MasterSecretARN = "", "alias/payments", ""
	d.Secret.KMSKeyARN = keyUUID
	got = nil
	for _, f := range d.KeyAliasFields() {
		got = append(got, f.Region)
	}
	if want := []string{"", ""}; !slices.Equal(got, want) {
		t.Errorf("without a region in the design: regions %q, want the account's (\"\")", got)
	}
}
