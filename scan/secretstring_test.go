package scan

import (
	"strconv"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22's last trial (B4): a hosted rotation's missing connection keys
// were reported as "SecretString.Host: is missing" for a template with no
// SecretString (the keys belong in GenerateSecretString's
// SecretStringTemplate), upper-cased although the rotation functions read
// host and username as written, and a literal SecretString that holds
// them was still reported missing both. Its values are never shown.
func TestSecretStringConnectionKeys(t *testing.T) {
	const head = "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: app/db\n"
	const rot = "  R:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref S\n" +
		"      HostedRotationLambda: {RotationType: PostgreSQLSingleUser}\n      RotationRules: {AutomaticallyAfterDays: 30}\n"
	for _, c := range []struct {
		name, props string
		status      blueprint.Status
		want, not   []string // in the findings' text
	}{
		{"generated without host", "      GenerateSecretString: {SecretStringTemplate: '{\"username\":\"app\"}', GenerateStringKey: password}\n",
			blueprint.StatusNotMet, []string{"GenerateSecretString.SecretStringTemplate.host: is missing"}, []string{"SecretString.Host", "username"}},
		{"literal with host and username", "      SecretString: '{\"username\":\"app\",\"password\":\"hunter2Literal\",\"host\":\"db.example.com\",\"port\":5432}'\n",
			blueprint.StatusMet, nil, []string{"hunter2", "db.example.com"}},
		{"literal without host", "      SecretString: '{\"username\":\"app\",\"password\":\"hunter2Literal\"}'\n",
			blueprint.StatusNotMet, []string{"SecretString.host: is missing"}, []string{"hunter2", "username:", "Host"}},
		{"literal with an empty host", "      SecretString: '{\"username\":\"app\",\"password\":\"hunter2Literal\",\"host\":\"\"}'\n",
			blueprint.StatusNotMet, []string{"SecretString.host: is missing"}, []string{"hunter2"}},
		{"literal not known", "      SecretString: !Ref AWS::StackName\n",
			blueprint.StatusCannotVerify, nil, nil},
	} {
		res, err := CloudFormation("t.yaml", []byte(head+c.props+rot))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		r, ok := res.Secrets[0].Check().Result(blueprint.RuleDatabaseConnection)
		if !ok {
			t.Fatalf("%s: no database-connection result", c.name)
		}
		var text strings.Builder
		for _, f := range r.Findings {
			text.WriteString(res.Secrets[0].templatePath(f.Path) + ": " + f.Message + "\n")
		}
		text.WriteString(r.Note)
		if r.Status != c.status {
			t.Errorf("%s: %s, want %s: %s", c.name, r.Status, c.status, text.String())
		}
		for _, w := range c.want {
			if !strings.Contains(text.String(), w) {
				t.Errorf("%s: %q does not say %q", c.name, text.String(), w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(text.String(), w) {
				t.Errorf("%s: %q says %q", c.name, text.String(), w)
			}
		}
	}
}

// Issue 22 (item 12 leftover 3): a written-down SecretString's keys are
// read by the blueprint's rule of what holds something (FilledTemplateKeys):
// {"host":{}} gave the rotation function a host to check, while the
// blueprint's own walk sees nothing under it.
func TestSecretStringKeysByTheBlueprintsRule(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{`{"username":"app","host":{}}`, `{"username":true}`},
		{`{"conn":{"host":"db"},"host":{"name":""}}`, `{"conn":true}`},
		{`{"host":"db"} and text`, `{}`},
		{`not json`, `{}`},
	} {
		if got := valueKeys(c.value); got != c.want {
			t.Errorf("valueKeys(%s) = %s, want %s", c.value, got, c.want)
		}
		filled, ok := blueprint.FilledTemplateKeys(c.value)
		for _, k := range filled {
			if !ok {
				break
			}
			if !strings.Contains(valueKeys(c.value), strconv.Quote(k)) {
				t.Errorf("%s: blueprint fills %q, valueKeys does not", c.value, k)
			}
		}
	}
}
