package scan

import (
	"strings"
	"testing"
)

// TestTemplateKeyProblemsBesideAFinding (trial7b V23, check): a
// SecretStringTemplate's refused values (a masterarn that is no secret
// ARN, a dbname with spaces) were not reported at all when
// generated-value already failed on another key of the same template:
// each problem is its own. The same key said by the rule and by the
// validation stays one line.
func TestTemplateKeyProblemsBesideAFinding(t *testing.T) {
	s := readOne(t, "sst.yaml", `Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/sst
      GenerateSecretString:
        SecretStringTemplate: '{"username":"a","apikey":"hunter10","masterarn":"hunter11pw","dbname":"x y hunter12"}'
        GenerateStringKey: password
`)
	ps := s.Problems(s.Check())
	var got []string
	for _, p := range ps {
		got = append(got, p.Message)
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"gives masterarn a value that is not valid", "gives dbname a value that is not valid"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems %q, want %q", got, want)
		}
	}
	for _, secret := range []string{"hunter10", "hunter11pw", "hunter12"} {
		if strings.Contains(all, secret) {
			t.Errorf("problems %q show the value %s", got, secret)
		}
	}

	s = readOne(t, "pw.yaml", `Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/sst
      GenerateSecretString:
        SecretStringTemplate: '{"username":"a","password":"hunter10"}'
        GenerateStringKey: password
`)
	if ps := s.Problems(s.Check()); len(ps) != 0 {
		t.Errorf("problems %v: the password key generated-value names is said once, by the rule", ps)
	}
}
