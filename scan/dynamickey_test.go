package scan

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestDynamicReferenceDropsOnlyItsKey: a dynamic reference in one key of
// the secret's JSON (SecretString or SecretStringTemplate) makes only
// that key unknown; the literal keys, the username, are kept (issue 22's
// trial 8b, X5: the import lost the username and the whole template).
func TestDynamicReferenceDropsOnlyItsKey(t *testing.T) {
	for name, props := range map[string]string{
		"SecretString":         `SecretString: "{\"username\":\"admin\",\"host\":\"{{resolve:ssm:/x/host}}\",\"password\":\"{{resolve:ssm-secure:/x/pw}}\"}"`,
		"SecretStringTemplate": `GenerateSecretString: {SecretStringTemplate: '{"username":"admin","masterarn":"{{resolve:ssm:/x/arn}}"}', GenerateStringKey: password}`,
	} {
		s := readOne(t, "k.yaml", "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/a\n      "+props+"\n")
		d, unread := s.ForImport()
		g := d.Secret.GenerateSecretString
		if g == nil || !strings.Contains(g.SecretStringTemplate, `"username":"admin"`) || strings.Contains(g.SecretStringTemplate, "resolve") {
			t.Errorf("%s: template %+v, want the username kept and no reference", name, g)
		}
		key := "masterarn"
		if name == "SecretString" {
			key = "host"
		}
		if why := unread[blueprint.TemplateKeyPath(key)]; !strings.Contains(why, "dynamic reference") || !strings.Contains(why, "not kept") {
			t.Errorf("%s: %s marked %q, want a dynamic reference not kept", name, key, why)
		}
	}
}
