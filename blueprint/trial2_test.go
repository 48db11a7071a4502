package blueprint

import (
	"slices"
	"strings"
	"testing"
)

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
