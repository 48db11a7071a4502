package generate

import (
	"strings"
	"testing"
)

// A created key's administrators must not be able to grant themselves use of
// the key: kms:Create* (which includes CreateGrant) once slipped into the
// CloudFormation key policy while Terraform left it out. Both formats now
// take the list from keypolicy.go; this holds every output to it.
func TestKeyPoliciesGrantNoGrants(t *testing.T) {
	for _, c := range goldenCases(t) {
		for _, f := range Formats {
			files, err := Render(c.design, f, Options{Version: "test"})
			if err != nil {
				t.Fatalf("%s %s: %v", c.name, f, err)
			}
			for _, file := range files {
				for _, banned := range []string{`kms:Create*`, `kms:CreateGrant`, `kms:*"`} {
					if strings.Contains(string(file.Data), banned) {
						t.Errorf("%s %s %s grants %s", c.name, f, file.Name, banned)
					}
				}
				if c.design.Secret.KMSKeyARN == "" && !c.design.IsExisting() {
					for _, sid := range []string{sidKeyAdmin, sidKeyUseViaSecrets} {
						if !strings.Contains(string(file.Data), sid) && !strings.HasSuffix(file.Name, "versions.tf") && !strings.HasSuffix(file.Name, "outputs.tf") {
							t.Errorf("%s %s %s lacks key policy statement %s", c.name, f, file.Name, sid)
						}
					}
				}
			}
		}
	}
}
