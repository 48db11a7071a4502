package blueprint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

func TestHasAssignment(t *testing.T) {
	tabletest.Equal(t, "hasAssignment", hasAssignment, map[string]bool{
		"password=hunter2":                     true,
		"Password : hunter2":                   true,
		"db API_KEY=abc":                       true,
		"api-key:x":                            true,
		"token=\tx":                            true,
		"owner=payments":                       false,
		"password=":                            false,
		"password= ":                           false,
		"password=\nnext line":                 false,
		"the password is stored in the secret": false,
		"ratio 3:2":                            false,
		"=x":                                   false,
		"":                                     false,
	})
}

// A credential by its shape (a PEM private key, a JSON web token) in the
// description, a tag key or a tag value is refused, by the one validator
// the wizard, design files and check share, and never reaches the
// wizard's draft; the message never repeats it. What is only a guess (a
// name=value line, an access key id, a long random string) stays a
// warning of no-secret-in-metadata, and is kept. Before, all of them were
// only warned and stayed in the draft (issue 22's second trial).
func TestMetadataRefusesCredentials(t *testing.T) {
	const (
		pem = "-----BEGIN EC PRIVATE KEY----- MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oB4bN0iBp3kRoAoGCCqGSM49 -----END EC PRIVATE KEY-----"
		jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"
	)
	cases := []struct {
		name, path string
		set        func(d *Design)
	}{
		{"private key in the description", "secret.description", func(d *Design) { d.Secret.Description = "db key " + pem }},
		{"token in a tag value", TagPath("owner"), func(d *Design) { d.Secret.Tags = []Tag{{Key: "owner", Value: "bearer " + jwt}} }},
		{"token as a tag key", "secret.tags", func(d *Design) { d.Secret.Tags = []Tag{{Key: jwt, Value: "x"}} }},
	}
	for _, c := range cases {
		d := validDesign()
		c.set(d)
		var refused bool
		for _, p := range d.Validate() {
			if strings.Contains(p.Message, "MHcCAQ") || strings.Contains(p.Message, "eyJzdWIi") {
				t.Errorf("%s: the message repeats the value: %s", c.name, p.Message)
			}
			refused = refused || p.Severity == SeverityError && strings.Contains(p.Message, "stored unencrypted")
		}
		if !refused {
			t.Errorf("%s: Validate() = %v, want an error", c.name, d.Validate())
		}
		if got := d.DropSecretMaterial(); !slices.Contains(got, c.path) {
			t.Errorf("%s: DropSecretMaterial() = %v, want %s", c.name, got, c.path)
		}
		if s := fmt.Sprint(d.Secret.Description, d.Secret.Tags); strings.Contains(s, "MHcCAQ") || strings.Contains(s, "eyJ") {
			t.Errorf("%s: the design keeps it: %s", c.name, s)
		}
	}
	// Guesses are warned, and kept.
	d := validDesign()
	d.Secret.Description = "password: rotated monthly by the payments team"
	d.Secret.Tags = []Tag{{Key: "ci-key", Value: "AKIAIOSFODNN7EXAMPLE"}}
	for _, p := range d.Validate() {
		if p.Severity == SeverityError {
			t.Errorf("a guess is refused: %s: %s", p.Path, p.Message)
		}
	}
	if got := d.DropSecretMaterial(); len(got) != 0 {
		t.Errorf("DropSecretMaterial() drops guesses: %v", got)
	}
	if res, _ := Check(d).Result(RuleNoSecretInMetadata); len(res.Findings) != 2 {
		t.Errorf("no-secret-in-metadata finds %v, want the description and the tag warned", res.Findings)
	}
}
