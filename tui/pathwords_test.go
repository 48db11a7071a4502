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

// onScreen puts a whole path's label in its place inside a sentence; a
// path that starts the message (a problem's own path, before its colon)
// stays as it is.
func TestOnScreenNamesAWholePathByItsLabel(t *testing.T) {
	cases := map[string]string{
		"run the function in the VPC of a listed endpoint (rotation.hostedRotationLambda.vpcSubnetIds), or": "run the function in the VPC of a listed endpoint (" + qSubnets.title + "), or",
		"give rotation.rotationLambdaRoleArn, the function's execution role, so":                            "give " + qLambdaRole.title + ", the function's execution role, so",
		"but secret.kmsKeyArn is the alias alias/x":                                                         "but KMS key is the alias alias/x",
		"Deploy with rotation.rotateImmediately false, set":                                                 `Deploy with "` + qImmediately.title + `" off, set`,
		"for the Config rules monitoring.configRules writes, so":                                            "for the Config rules the templates write, so",
		"rotation.hostedRotationLambda.rotationLambdaName: must be 1-64":                                    "rotation.hostedRotationLambda.rotationLambdaName: must be 1-64",
		"or give it in secret.kmsKeyArn.":                                                                   "or give it in KMS key.",
		"see secret.database.unknownKey here":                                                               "see secret.database.unknownKey here",
	}
	for in, want := range cases {
		if got := onScreen(in); got != want {
			t.Errorf("onScreen(%q) = %q, want %q", in, got, want)
		}
	}
}
