package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// designPath is a design-file path of two keys or more in a message.
var designPath = regexp.MustCompile(`\b(secret|rotation|monitoring|resourcePolicy)\.[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)*\b`)

// A message on screen names a field by its label, also where the message
// names it by its whole design-file path in the middle of a sentence: the
// Resource policy step of design (a) with the Deny outside my VPC
// endpoint preset, before the Rotation step's subnets are given, said
// "run the function in the VPC of a listed endpoint
// (rotation.hostedRotationLambda.vpcSubnetIds)" (issue 22, trial4 T1).
func TestPolicyStepNamesTheSubnetsByTheirLabel(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(path, []byte(`version: 1
secret:
  secretId: prod/payments/db
  region: us-east-1
  tags: {owner: payments}
  database: {host: db.example.internal, username: app}
resourcePolicy:
  statements:
    - sid: DenyReadOutsideVpce
      effect: Deny
      principal: "*"
      action: [secretsmanager:GetSecretValue]
      resource: "*"
      condition:
        ArnNotLike:
          aws:PrincipalArn: [arn:aws:iam::111122223333:role/deploy]
        StringNotEquals:
          aws:SourceVpce: [vpce-0a1b2c3d4e5f60718]
rotation:
  automaticallyAfterDays: 30
  hostedRotationLambda: {rotationType: PostgreSQLSingleUser}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	m, _ := stepModel(t, decodeDesign(t, path), stepPolicy, nil)
	s := screen(m)
	if !strings.Contains(s, "run the function in the VPC") {
		t.Fatalf("the policy step does not say the Deny stops rotation:\n%s", s)
	}
	if p := designPath.FindString(s); p != "" {
		t.Errorf("the policy step names %s, a design-file path, where the screen has a label:\n%s", p, s)
	}
	if !strings.Contains(strings.Join(strings.Fields(s), " "), "("+qSubnets.title+")") {
		t.Errorf("the policy step does not name %q:\n%s", qSubnets.title, s)
	}
}
