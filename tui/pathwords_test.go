package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
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
	m, _ := stepModel(t, denyOutsideVpceDesign(t), stepPolicy, nil)
	namesSubnetsByLabel(t, "the policy step", screen(m))
}

// namesSubnetsByLabel checks that text, what where shows of
// denyOutsideVpceDesign, says the Deny stops rotation and names the
// subnets by their label, never by a design-file path.
func namesSubnetsByLabel(t *testing.T, where, text string) {
	t.Helper()
	if !strings.Contains(text, "run the function in the VPC") {
		t.Fatalf("%s does not say the Deny stops rotation:\n%s", where, text)
	}
	if p := designPath.FindString(text); p != "" {
		t.Errorf("%s names %s, a design-file path, where the screens have a label:\n%s", where, p, text)
	}
	if !strings.Contains(strings.Join(strings.Fields(text), " "), "("+qSubnets.title+")") {
		t.Errorf("%s does not name %q:\n%s", where, qSubnets.title, text)
	}
}

// Line mode names a field as the screens do: the same design's policy
// step said "run the function in the VPC of a listed endpoint
// (rotation.hostedRotationLambda.vpcSubnetIds)" under its statements, and
// the review's checklist "secret.description: looks like it holds a
// password", where the question is "Description" (issue 22's fifth
// trial, --accessible).
func TestLineModeNamesFieldsByTheirLabels(t *testing.T) {
	d := denyOutsideVpceDesign(t)
	answers := make([]string, 30) // keep every answer the design gives
	_, out := untilInputEnds(t, d, Options{}, answers...)
	namesSubnetsByLabel(t, "line mode", out)

	d.Secret.Description = "db password=Hunter2Hunter2 for app"
	m := New(d, Options{})
	got := checklistText(m.report)
	if p := designPath.FindString(got); p != "" {
		t.Errorf("the line-mode checklist names %s, a design-file path:\n%s", p, got)
	}
	if want := "  " + qDescription.title + ": looks like it holds a password"; !strings.Contains(got, want) {
		t.Errorf("the line-mode checklist does not say %q:\n%s", want, got)
	}
}

// denyOutsideVpceDesign is design (a)'s policy step of issue 22's trials:
// a Deny outside one endpoint, before the Rotation step's subnets.
func denyOutsideVpceDesign(t *testing.T) *blueprint.Design {
	t.Helper()
	path := filepath.Join(t.TempDir(), "a.yaml")
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
	return decodeDesign(t, path)
}

// A problem of the whole resource policy, its size, is named as the step
// is: pasting 3000 principals into a statement said "✗ resourcePolicy: is
// 116081 characters as JSON" above the statement (issue 22's fifth
// trial).
func TestPolicySizeNamesTheStep(t *testing.T) {
	d := denyOutsideVpceDesign(t)
	var arns []string
	for i := range 1000 {
		arns = append(arns, fmt.Sprintf("arn:aws:iam::%012d:role/reader-%d", i, i))
	}
	d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, blueprint.Statement{Sid: "AllowMany", Effect: "Allow",
		Principal: &blueprint.Principal{AWS: arns}, Action: []string{"secretsmanager:GetSecretValue"}})
	for _, cs := range []choiceState{nil, {{"edit"}}} {
		m, _ := stepModel(t, d, stepPolicy, cs)
		s := screen(m)
		if !strings.Contains(s, "characters as JSON") {
			t.Fatalf("the policy step does not say the policy is too long:\n%s", s)
		}
		if strings.Contains(s, "resourcePolicy") {
			t.Errorf("the policy step names resourcePolicy, a design-file key:\n%s", s)
		}
		if !strings.Contains(s, stepText[stepPolicy].title+": is ") {
			t.Errorf("the policy step does not name the size's problem %q:\n%s", stepText[stepPolicy].title, s)
		}
	}
}
