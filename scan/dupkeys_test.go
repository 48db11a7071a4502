package scan

import (
	"fmt"
	"strings"
	"testing"
)

// TestDuplicateKeysAreTemplateErrors (trial7b V16): a key given twice in
// a mapping was read as its first occurrence, while CloudFormation deploys
// the last, so check passed customer-managed-key on a key the stack does
// not use and reported a second secret the stack does not have. It is a
// template error at the repeat, as cfn-lint's E0000, in YAML and JSON, at
// any depth.
func TestDuplicateKeysAreTemplateErrors(t *testing.T) {
	many := strings.Builder{}
	many.WriteString(`{"Resources":{"S":{"Type":"AWS::SecretsManager::Secret"}},"Metadata":{`)
	for i := range 40 {
		fmt.Fprintf(&many, `"k%d":1,`, i)
	}
	many.WriteString(`"k7":2}}`)
	for _, c := range []struct{ name, src, want string }{
		{"property.yaml", `Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/first
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      KmsKeyId: alias/aws/secretsmanager
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/second
`, `property.yaml:7:7: the key "KmsKeyId" is given twice in one mapping (first at 6:7); CloudFormation keeps only the last, so give each key once; 1 more key is given twice`},
		{"logical.yaml", `Resources:
  S:
    Type: AWS::SecretsManager::Secret
  T:
    Type: AWS::SecretsManager::Secret
  S:
    Type: AWS::SecretsManager::Secret
    Properties: {Name: b}
`, `logical.yaml:6:3: the key "S" is given twice in one mapping (first at 2:3)`},
		{"name.json", `{"Resources":{"S":{"Type":"AWS::SecretsManager::Secret","Properties":{"Name":"a","Name":"b"}}}}`,
			`name.json:1:82: the key "Name" is given twice in one mapping (first at 1:71)`},
		// Past the pairwise length, through the set.
		{"many.json", many.String(), `the key "k7" is given twice in one mapping (first at 1:`},
	} {
		_, err := CloudFormation(c.name, []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
