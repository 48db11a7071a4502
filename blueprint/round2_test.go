package blueprint

import (
	"slices"
	"strings"
	"testing"
)

// Tests for issue 22, "The wizard as a demanding user finds it, round two".

// Item 12: the values a secretStringTemplate gives the connection keys are
// checked whatever the rotation (masterarn must be a secret ARN, dbname a
// database name), and no message repeats a value that may be a password.
func TestTemplateConnectionValues(t *testing.T) {
	const tpath = "secret.generateSecretString.secretStringTemplate"
	for _, tt := range []struct {
		name, tmpl, want string
		noRotation       bool
	}{
		{"object under username", `{"username":{"password":"hunter2"}}`, "gives username an object", false},
		{"password as masterarn", `{"masterarn":"hunter2"}`, "masterarn a value that is not valid", true},
		{"password as masterarn, rotating", `{"masterarn":"hunter2"}`, "masterarn a value that is not valid", false},
		{"dbname with a space", `{"dbname":"hunter2 x"}`, "dbname a value that is not valid", true},
		{"port as text", `{"port":"hunter2"}`, "port a value that is not valid", true},
		{"engine unknown", `{"engine":"hunter2"}`, "has engine a value no rotation function accepts", false},
		{"list as host", `{"host":["hunter2"]}`, "gives host a list", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := validDesign()
			if tt.noRotation {
				d.Rotation, d.Monitoring = nil, Monitoring{}
			}
			d.Secret.GenerateSecretString.SecretStringTemplate = tt.tmpl
			ps := append(d.Validate(), Check(d).Problems()...)
			found := false
			for _, p := range ps {
				if strings.Contains(p.Message, "hunter2") {
					t.Errorf("%s: %s echoes the value", p.Path, p.Message)
				}
				found = found || p.Path == tpath && p.Severity == SeverityError && strings.Contains(p.Message, tt.want)
			}
			if !found {
				t.Errorf("Validate() = %v, want an error at %s saying %q", ps, tpath, tt.want)
			}
		})
	}
	d := validDesign()
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","dbname":"payments","masterarn":"` + masterARN + `","port":5432}`
	if ps := d.Validate().At(tpath); len(ps) > 0 {
		t.Errorf("valid connection values: %v", ps)
	}
}

// Item 12: a bidirectional control in the description is warned about, as
// in a tag.
func TestDescriptionBidiControl(t *testing.T) {
	d := validDesign()
	d.Secret.Description = "payments \u202edb"
	ps := d.Validate().At("secret.description")
	if len(ps) != 1 || ps[0].Severity != SeverityWarning || !strings.Contains(ps[0].Message, "U+202E") {
		t.Errorf("Validate() at secret.description = %v, want a warning naming U+202E", ps)
	}
	// The same character in a tag key is warned about too.
	d.Secret.Description = "payments db"
	d.Secret.Tags = append(d.Secret.Tags, Tag{Key: "no\u202ete", Value: "x"})
	if ps := d.Validate().At(TagPath("no\u202ete")); len(ps) != 1 || ps[0].Severity != SeverityWarning {
		t.Errorf("Validate() at the tag = %v, want a warning", ps)
	}
}

// Item 8: DropSecretMaterial empties a template that holds a password, a
// connection key with a value not valid for it, or what is not JSON, and
// keeps one that holds connection values only.
func TestDropSecretMaterial(t *testing.T) {
	for tmpl, drop := range map[string]bool{
		`{"username":"app","password":"hunter2"}`: true,
		`{"masterarn":"hunter2"}`:                 true,
		`{"password":"hunter2`:                    true,
		`{"username":"app","dbname":"payments"}`:  false,
	} {
		d := validDesign()
		d.Secret.GenerateSecretString.SecretStringTemplate = tmpl
		got := d.DropSecretMaterial()
		if kept := d.Secret.GenerateSecretString.SecretStringTemplate; drop != (kept == "") || drop != (len(got) == 1) {
			t.Errorf("%s: kept %q, dropped %v; want dropped %v", tmpl, kept, got, drop)
		}
	}
}

// Round two's trial: a password typed or pasted where the master secret's
// ARN goes is refused on screen without being shown, and DropSecretMaterial
// empties it too, so it never reaches the draft; an ARN, even half typed,
// is kept.
func TestDropSecretMaterialMasterSecret(t *testing.T) {
	const rdsMaster = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-0a1b2c3d-AbCdEf"
	for master, drop := range map[string]bool{
		"hunter2":        true,
		"Sup3r$ecret/pw": true,
		// An ARN half typed is kept, so a resumed draft goes on with it.
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-ad":           false,
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-admin-AbCdEf": false,
		rdsMaster: false,
	} {
		d := validDesign()
		d.Rotation.HostedRotationLambda = &HostedRotationLambda{RotationType: "PostgreSQLMultiUser", MasterSecretARN: master}
		got := d.DropSecretMaterial()
		kept := d.Rotation.HostedRotationLambda.MasterSecretARN
		if drop != (kept == "") || drop != slices.Contains(got, "rotation.hostedRotationLambda.masterSecretArn") {
			t.Errorf("%s: kept %q, dropped %v; want dropped %v", master, kept, got, drop)
		}
	}
}
