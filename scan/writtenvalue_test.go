package scan

import (
	"strings"
	"testing"
)

// TestForImportKeepsWhatAWrittenValueNames (trial7b V4): a secret whose
// CloudFormation template writes its value down (SecretString, a literal
// or a Fn::Sub of a NoEcho parameter) opened in the wizard without its
// connection keys (username, host, engine) and without a word that the
// design now generates the value. The connection keys are kept as the
// JSON template, the written value never, and the switch is said at the
// JSON template.
func TestForImportKeepsWhatAWrittenValueNames(t *testing.T) {
	for _, c := range []struct {
		name, value, tmpl, says string
	}{
		{"literal", `'{"username":"admin","host":"db.example.com","engine":"postgres","port":5432,"password":"literal-pw-XYZ"}'`,
			`{"username":"admin","host":"db.example.com","engine":"postgres","port":5432}`, "writes the secret's value itself (SecretString)"},
		{"sub of a NoEcho parameter", `!Sub '{"username":"admin","password":"${DbPassword}","apikey":"k-123"}'`,
			`{"username":"admin","apikey":""}`, "takes the secret's value from the parameter DbPassword"},
	} {
		s := readOne(t, c.name+".yaml", `Parameters:
  DbPassword: {Type: String, NoEcho: true}
Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/db
      SecretString: `+c.value+"\n")
		d, unknown := s.ForImport()
		g := d.Secret.GenerateSecretString
		if g == nil || g.SecretStringTemplate != c.tmpl || g.GenerateStringKey != "password" {
			t.Errorf("%s: generateSecretString %+v, want the template %s generating password", c.name, g, c.tmpl)
		}
		why := unknown["secret.generateSecretString.secretStringTemplate"]
		if !strings.Contains(why, c.says) || !strings.Contains(why, "the wizard generates the value instead") {
			t.Errorf("%s: marked %q, want %q and the switch said", c.name, why, c.says)
		}
		if g != nil && (strings.Contains(g.SecretStringTemplate, "literal-pw") || strings.Contains(g.SecretStringTemplate, "k-123")) {
			t.Errorf("%s: the design copies a written value: %s", c.name, g.SecretStringTemplate)
		}
	}
}
