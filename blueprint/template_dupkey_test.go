package blueprint

import (
	"strings"
	"testing"
)

// TestTemplateDuplicateKeyIsRefused: a secretStringTemplate that gives a key
// twice is an error naming the key and never either value (trial8b X4: the
// shadowed masterarn was neither reported nor kept from the draft).
func TestTemplateDuplicateKeyIsRefused(t *testing.T) {
	for _, c := range []struct{ tmpl, key string }{
		{`{"username":"app","masterarn":"hunter2SECRET","masterarn":"arn:aws:secretsmanager:us-east-1:111122223333:secret:m-AbCdEf"}`, `"masterarn"`},
		{`{"a":{"b":1,"b":"hunter2SECRET"}}`, `"a.b"`},
		{`{"l":[{"x":1},{"x":"hunter2SECRET","x":2}]}`, `"l[1].x"`},
		{`{"u\u0073er":"hunter2SECRET","user":"b"}`, `"user"`},
	} {
		err := ValidateSecretStringTemplate(c.tmpl)
		if err == nil || !strings.Contains(err.Error(), c.key+" is given twice") || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("ValidateSecretStringTemplate(%s) = %v, want the key %s given twice and no value", c.tmpl, err, c.key)
		}
	}
	for _, ok := range []string{`{"a":{"x":1},"b":{"x":1}}`, `{"l":[{"x":1},{"x":2}]}`, `{"username":"app"}`} {
		if err := ValidateSecretStringTemplate(ok); err != nil {
			t.Errorf("ValidateSecretStringTemplate(%s) = %v, want nil", ok, err)
		}
	}
	d := validDesign()
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","password":"hunter2SECRET","password":"x"}`
	found := false
	for _, p := range d.Validate().Errors() {
		if p.Path == "secret.generateSecretString.secretStringTemplate" && strings.Contains(p.Message, "given twice") {
			found = true
		}
	}
	if !found {
		t.Errorf("Validate() = %v, want the duplicate key at secret.generateSecretString.secretStringTemplate", d.Validate().Errors())
	}
}
