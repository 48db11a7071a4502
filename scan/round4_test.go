package scan

import (
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22's fourth trial: a SecretStringTemplate that cannot be read (a
// Fn::Sub of a parameter without a default) may name the database, so
// check cannot verify database-connection: it failed it, saying the host
// and the user were missing, though the template names both.
func TestUnreadTemplateLeavesTheDatabaseUnverified(t *testing.T) {
	const tmpl = `Parameters:
  DbHost:
    Type: String
Resources:
  S:
    Type: AWS::SecretsManager::Secret
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      GenerateSecretString:
        SecretStringTemplate: !Sub '{"username":"app","host":"${DbHost}"}'
        GenerateStringKey: password
  R:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref S
      HostedRotationLambda:
        RotationType: PostgreSQLSingleUser
        VpcSubnetIds: subnet-0123456789abcdef0,subnet-0123456789abcdef1
        VpcSecurityGroupIds: sg-0123456789abcdef0
      RotationRules:
        AutomaticallyAfterDays: 30
Transform: AWS::SecretsManager-2024-09-16
`
	res, err := CloudFormation("t.yaml", []byte(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want 1", len(res.Secrets))
	}
	for _, r := range res.Secrets[0].Check().Results {
		if r.Rule.ID == blueprint.RuleDatabaseConnection && r.Status != blueprint.StatusCannotVerify {
			t.Errorf("database-connection is %s (%v), want cannot verify", r.Status, r.Findings)
		}
	}
}
