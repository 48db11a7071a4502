package blueprint

import (
	"slices"
	"strings"
	"testing"
)

// Values that look like secret material: refused or warned about where
// they are typed, and dropped by DropSecretMaterial before a draft is kept.

// Issue 22, item 8: DropSecretMaterial takes out of a template the keys
// holding a password or a connection value not valid for its key (only
// those: trial 7b, V23), empties what is not JSON, and keeps a template
// that holds connection values only.
func TestDropSecretMaterial(t *testing.T) {
	for tmpl, want := range map[string]struct {
		kept    string
		dropped []string
	}{
		`{"username":"app","password":"hunter2"}`: {`{"username":"app"}`, []string{TemplateKeyPath("password")}},
		`{"masterarn":"hunter2"}`:                 {"", []string{TemplateKeyPath("masterarn")}},
		`{"password":"hunter2`:                    {"", []string{"secret.generateSecretString.secretStringTemplate"}},
		`{"username":"app","dbname":"payments"}`:  {`{"username":"app","dbname":"payments"}`, nil},
	} {
		d := validDesign()
		d.Secret.GenerateSecretString.SecretStringTemplate = tmpl
		got := d.DropSecretMaterial()
		if kept := d.Secret.GenerateSecretString.SecretStringTemplate; kept != want.kept || !slices.Equal(got, want.dropped) {
			t.Errorf("%s: kept %q, dropped %v; want %q, %v", tmpl, kept, got, want.kept, want.dropped)
		}
	}
}

// Issue 22's trial, round two: a password typed or pasted where the
// master secret's ARN goes is refused on screen without being shown, and
// DropSecretMaterial empties it too, so it never reaches the draft; an
// ARN, even half typed, is kept.
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

// A value that looks like secret material, typed in a statement's Sid,
// principal or condition value or in the alert email and refused there,
// is emptied by DropSecretMaterial like the naming fields before it, so
// it never reaches the draft; a plain typo in those fields is kept.
func TestDropSecretMaterialPolicyAndEmail(t *testing.T) {
	const pw = `{"password":"hunter2"}`
	d := validDesign()
	st := &d.ResourcePolicy.Statements[0]
	st.Sid = pw
	st.Principal.AWS = append(st.Principal.AWS, "password=hunter2", "arn:aws:iam::12345:role/typo")
	st.Condition[0].Values = append(st.Condition[0].Values, "token: hunter2", "vpce-typo")
	d.Monitoring.AlertEmail = "password=hunter2"
	got := d.DropSecretMaterial()
	want := []string{
		"resourcePolicy.statements[0].sid",
		"resourcePolicy.statements[0].principal.AWS[1]",
		IndexPath(ConditionPath(0, st.Condition[0]), 1),
		"monitoring.alertEmail",
	}
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("DropSecretMaterial() = %v, want it to drop %s", got, p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("DropSecretMaterial() = %v, want exactly %v", got, want)
	}
	for _, s := range []string{st.Sid, st.Principal.AWS[1], st.Condition[0].Values[1], d.Monitoring.AlertEmail} {
		if strings.Contains(s, "hunter2") {
			t.Errorf("the design keeps the refused %q", s)
		}
	}
	if st.Principal.AWS[2] != "arn:aws:iam::12345:role/typo" || st.Condition[0].Values[2] != "vpce-typo" {
		t.Errorf("a plain typo was dropped: %v %v", st.Principal.AWS, st.Condition[0].Values)
	}
}

// A private key pasted into Password key is refused, and the wizard's
// draft does not keep it: it was taken without a word and saved as the
// generateStringKey (issue 22's second trial). A plain key name stays.
func TestGenerateStringKeyRefusesSecretMaterial(t *testing.T) {
	const pem = "-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZ -----END RSA PRIVATE KEY-----"
	const path = "secret.generateSecretString.generateStringKey"
	d := validDesign()
	d.Secret.GenerateSecretString = &GenerateSecretString{SecretStringTemplate: `{"username":"app"}`, GenerateStringKey: pem}
	var found bool
	for _, p := range d.Validate() {
		if p.Path == path && p.Severity == SeverityError {
			found = true
			if strings.Contains(p.Message, "MIIE") {
				t.Errorf("the error echoes the key: %s", p.Message)
			}
		}
	}
	if !found {
		t.Errorf("Validate() has no error at %s for a private key", path)
	}
	if got := d.DropSecretMaterial(); !slices.Contains(got, path) || d.Secret.GenerateSecretString.GenerateStringKey != "" {
		t.Errorf("DropSecretMaterial() = %v and keeps %q", got, d.Secret.GenerateSecretString.GenerateStringKey)
	}
	d.Secret.GenerateSecretString.GenerateStringKey = "password"
	if got := d.DropSecretMaterial(); slices.Contains(got, path) {
		t.Errorf("DropSecretMaterial() dropped the plain key name password")
	}
	for _, p := range d.Validate() {
		if p.Path == path {
			t.Errorf("Validate() finds %s on the key password: %s", p.Path, p.Message)
		}
	}
}

// A waiver's reason is written into the templates in plain text: one
// that looks like secret material is warned about, as a description is.
// The trial's "db password=hunter2 until migration AKIA..." went into a
// template comment and its Metadata without a word.
func TestWaiverReasonWithSecretMaterialWarned(t *testing.T) {
	d := &Design{Version: CurrentVersion, Secret: Secret{SecretID: "prod/x"},
		Waivers: []Waiver{{Rule: "tags-present", Reason: "db password=hunter2 until the migration"}}}
	ps := d.Validate().At("waivers[0].reason")
	if len(ps) != 1 || ps[0].Severity != SeverityWarning || !strings.Contains(ps[0].Message, "written into the templates in plain text") {
		t.Errorf("waivers[0].reason: %v", ps)
	}
	d.Waivers[0].Reason = "the vendor API allows one key change per quarter"
	if ps := d.Validate().At("waivers[0].reason"); len(ps) != 0 {
		t.Errorf("a plain reason is warned about: %v", ps)
	}
}
