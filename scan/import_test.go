package scan

import (
	"os"
	"strings"
	"testing"
)

// TestForImportMarksReferences holds issue 22 item 5 (reader side): the
// rotation function AWS publishes in the Serverless Application Repository
// is a hosted rotation with the username kept; a template without KmsKeyId
// opens with no key; and no value is the literal text of a reference.
func TestForImportMarksReferences(t *testing.T) {
	const path = "testdata/cfn/sar-rotation.yaml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := CloudFormation(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want 1", len(res.Secrets))
	}
	d, unknown := res.Secrets[0].ForImport()
	if d.Rotation == nil || d.Rotation.HostedRotationLambda == nil {
		t.Fatalf("rotation %+v: want the repository's function read as a hosted rotation", d.Rotation)
	}
	h := d.Rotation.HostedRotationLambda
	if h.RotationType != "PostgreSQLSingleUser" || h.RotationLambdaName != "app-db-rotation" {
		t.Errorf("hosted rotation %+v, want PostgreSQLSingleUser named app-db-rotation", h)
	}
	if d.Rotation.RotationLambdaARN != "" {
		t.Errorf("rotation function ARN %q, want none (the function is hosted)", d.Rotation.RotationLambdaARN)
	}
	if d.Secret.Database == nil || d.Secret.Database.Username != "app_user" {
		t.Errorf("database %+v, want the username app_user kept", d.Secret.Database)
	}
	if d.Secret.KMSKeyARN != "" {
		t.Errorf("key %q, want none: the template has no KmsKeyId", d.Secret.KMSKeyARN)
	}
	// B5: the absent key is said, not silently swapped for a new key.
	if why := unknown["secret.kmsKeyArn"]; !strings.Contains(why, "AWS managed key aws/secretsmanager") || !strings.Contains(why, "no KmsKeyId") {
		t.Errorf("key marked %q, want the template's AWS managed key said", why)
	}
	// Check still judges the absent key as the AWS managed key it is.
	if got := res.Secrets[0].Design.Secret.KMSKeyARN; got == "" {
		t.Error("check's design lost the AWS managed key")
	}

	// A custom function from another resource's outputs: marked, not text.
	const custom = `Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !GetAtt Key.Arn
  Key:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: https://example.com/k.yaml}
  Fn:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: https://example.com/f.yaml}
  R:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref S
      RotationLambdaARN: !GetAtt Fn.Outputs.RotationLambdaARN
      RotationRules: {AutomaticallyAfterDays: 7}
`
	res, err = CloudFormation("custom.yaml", []byte(custom))
	if err != nil {
		t.Fatal(err)
	}
	d, unknown = res.Secrets[0].ForImport()
	if strings.Contains(d.Rotation.RotationLambdaARN, "${") || d.Rotation.RotationLambdaARN != "" {
		t.Errorf("rotation function %q, want it left empty", d.Rotation.RotationLambdaARN)
	}
	if why, ok := unknown["rotation.rotationLambdaArn"]; !ok || !strings.Contains(why, "Fn.Outputs.RotationLambdaARN") {
		t.Errorf("rotation function not marked not read: %v", unknown)
	}
}

// Issue 22 (b): a database the template names through a SecretStringTemplate
// that cannot be read (a Fn::Sub of the cluster's endpoint) is marked not
// read, rather than shown as an empty host; a literal one is read
// (TestLiftConnection, TestRoundTrip).
func TestForImportReadsTheDatabase(t *testing.T) {
	const tmpl = `Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        SecretStringTemplate: !Sub '{"engine":"postgres","host":"${Cluster.Endpoint.Address}","dbname":"ledger","username":"app"}'
        GenerateStringKey: password
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql}
  R:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref S
      HostedRotationLambda: {RotationType: PostgreSQLSingleUser}
      RotationRules: {AutomaticallyAfterDays: 30}
`
	res, err := CloudFormation("db.yaml", []byte(tmpl))
	if err != nil || len(res.Secrets) != 1 {
		t.Fatalf("CloudFormation: %v", err)
	}
	d, unknown := res.Secrets[0].ForImport()
	if d.Secret.Database != nil {
		t.Errorf("database %+v, want none read", *d.Secret.Database)
	}
	if why := unknown["secret.database"]; !strings.Contains(why, "Cluster.Endpoint.Address") {
		t.Errorf("database not marked not read (with why): %v", unknown)
	}
	if strings.Contains(d.Secret.GenerateSecretString.SecretStringTemplate, "${") {
		t.Errorf("template %s keeps a reference as text", d.Secret.GenerateSecretString.SecretStringTemplate)
	}
}

// B5 (Terraform): a secret without kms_key_id is encrypted with the AWS
// managed key; the import names no key, and says so rather than opening
// as a dedicated key nobody chose.
func TestForImportSaysTheAWSManagedKey(t *testing.T) {
	res := writeTF(t, `resource "aws_secretsmanager_secret" "s" {
  name = "app/db"
}
`)
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want 1", len(res.Secrets))
	}
	d, unknown := res.Secrets[0].ForImport()
	if d.Secret.KMSKeyARN != "" {
		t.Errorf("key %q, want none named", d.Secret.KMSKeyARN)
	}
	if why := unknown["secret.kmsKeyArn"]; !strings.Contains(why, "no kms_key_id") || !strings.Contains(why, "aws/secretsmanager") {
		t.Errorf("key marked %q, want the AWS managed key said", why)
	}
}
