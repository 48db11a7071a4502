package scan

import "testing"

// Issue 22 (item 5, leftover 1): a hand-written template whose only ARN is
// its rotation function's pins the region as a key's ARN does: Secrets
// Manager invokes a rotation function in the secret's own region only, so
// an import must not mark the region "not read".
func TestLambdaARNPinsRegion(t *testing.T) {
	const fn = "arn:aws:lambda:eu-north-1:111122223333:function:rotate-app"
	const cfn = `Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: app/db
  R:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref S
      RotationLambdaARN: ` + fn + `
      RotationRules: {AutomaticallyAfterDays: 30}
`
	res, err := CloudFormation("t.yaml", []byte(cfn))
	if err != nil {
		t.Fatal(err)
	}
	d, unknown := res.Secrets[0].ForImport()
	if why, ok := unknown["secret.region"]; ok || d.PinnedRegion() != "eu-north-1" {
		t.Errorf("region %q, not read %v (%s); want eu-north-1 read from the function's ARN", d.PinnedRegion(), ok, why)
	}
}
