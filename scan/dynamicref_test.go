package scan

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestDynamicReferencesAreNotRead (trial7b V22): a CloudFormation dynamic
// reference ({{resolve:ssm:...}}, {{resolve:ssm-secure:...}},
// {{resolve:secretsmanager:...}}), in a literal string or one a function
// makes, was read as the text it is: the Name was INVALID for its braces,
// customer-managed-key passed on a key nobody can see, the wizard opened
// the text as the values, and a Description embedding another secret's
// password passed no-secret-in-metadata. Its value is only known at
// deployment: not read, with why, and the rules reading it cannot
// verify; a reference to secret material in the description or tags is
// that material, written there in plain text once deployed.
func TestDynamicReferencesAreNotRead(t *testing.T) {
	s := readOne(t, "dyn.yaml", `Parameters:
  Env: {Type: String, Default: prod}
Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub "{{resolve:ssm:/${Env}/secret-name}}"
      Description: "pw is {{resolve:secretsmanager:other:SecretString:password}}"
      KmsKeyId: "{{resolve:ssm:/app/key-arn:3}}"
      SecretString: "{{resolve:ssm-secure:/app/pw:1}}"
      Tags:
        - {Key: owner, Value: !Join ["", ["{{resolve:", "ssm:/app/owner}}"]]}
`)
	for path, want := range map[string]string{
		"secret.secretId":    "{{resolve:ssm:/prod/secret-name}}, which CloudFormation resolves from a String parameter of SSM Parameter Store",
		"secret.description": "{{resolve:secretsmanager:other:SecretString:password}}, which CloudFormation resolves from a secret of Secrets Manager",
		"secret.kmsKeyArn":   "the dynamic reference {{resolve:ssm:/app/key-arn:3}}",
		"secret.tags.owner":  "the dynamic reference {{resolve:ssm:/app/owner}}",
	} {
		if why := s.Unknown[path]; !strings.Contains(why, want) {
			t.Errorf("%s marked %q, want %q", path, why, want)
		}
	}
	d, unread := s.ForImport()
	if d.Secret.SecretID != "" || d.Secret.KMSKeyARN != "" || d.Secret.Description != "" {
		t.Errorf("the wizard opens name %q, key %q, description %q: want none of the references as text", d.Secret.SecretID, d.Secret.KMSKeyARN, d.Secret.Description)
	}
	if _, ok := unread["secret.secretId"]; !ok {
		t.Error("the wizard does not mark the name not read")
	}
	r := s.Check()
	for rule, want := range map[blueprint.RuleID]struct {
		status blueprint.Status
		says   string
	}{
		blueprint.RuleCustomerManagedKey: {blueprint.StatusCannotVerify, ""},
		blueprint.RuleNoSecretInMetadata: {blueprint.StatusNotMet, "holds {{resolve:secretsmanager:other:SecretString:password}}, which CloudFormation replaces with the secret value"},
		blueprint.RuleGeneratedValue:     {blueprint.StatusNotMet, "copied at deployment from a SecureString parameter of SSM Parameter Store ({{resolve:ssm-secure:/app/pw:1}})"},
	} {
		res, _ := r.Result(rule)
		if res.Status != want.status {
			t.Errorf("%s: %v, want %v", rule, res.Status, want.status)
		}
		if want.says != "" && (len(res.Findings) == 0 || !strings.Contains(res.Findings[0].Message, want.says)) {
			t.Errorf("%s says %+v, want %q", rule, res.Findings, want.says)
		}
	}
	if ps := s.Problems(r); len(ps) != 0 {
		t.Errorf("problems %+v: a dynamic reference is no invalid value", ps)
	}
}
