package scan

import (
	"strings"
	"testing"
)

// Issue 22's trial (trial7b V9): a secret whose Condition is false with
// the parameters' defaults vanished from check without a word, though a
// deployment with other parameters creates it (here with its value
// written down). It is a notice at its place; a secret whose condition
// holds is judged as before.
func TestCloudFormationSecretLeftOutByItsConditionIsSaid(t *testing.T) {
	res, err := CloudFormation("cond.yaml", []byte(`Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Prod:
    Type: AWS::SecretsManager::Secret
    Condition: IsProd
    Properties:
      Name: prod/db
  Dev:
    Type: AWS::SecretsManager::Secret
    Condition: IsDev
    Properties:
      Name: dev/db
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 1 || res.Secrets[0].ID != "Dev" {
		t.Errorf("judged %d secrets, want Dev alone", len(res.Secrets))
	}
	if len(res.Notices) != 1 || res.Notices[0].Resource != "Prod" || res.Notices[0].Pos.Line != 10 ||
		!strings.Contains(res.Notices[0].Msg, "exists only when its condition IsProd holds") {
		t.Errorf("notices %v, want one at Prod (line 10) saying it exists only when IsProd holds", res.Notices)
	}
}
