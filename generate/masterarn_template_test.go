package generate

import "testing"

// TestMasterSecretFromTemplateWritten: a multi-user rotation whose master
// secret is given only by the JSON template's masterarn (issue 22, trial 7a
// T5) passes it to the hosted function in both writers, as masterSecretArn
// would be: the function's role is granted the secret that parameter names.
func TestMasterSecretFromTemplateWritten(t *testing.T) {
	const master = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/db-admin-AbCdEf"
	d := loadDesign(t, "full.yaml")
	d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
	d.Rotation.HostedRotationLambda.MasterSecretARN = ""
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"payments","host":"payments.cluster-abc.us-east-1.rds.amazonaws.com","masterarn":"` + master + `"}`
	if ps := d.Validate().Errors(); len(ps) > 0 {
		t.Fatalf("design does not validate: %v", ps)
	}

	doc := cfnDecodeYAML(t, renderCfn(t, d, CloudFormation))
	if got := cfnAt(doc, "Resources", "SecretRotationSchedule", "Properties", "HostedRotationLambda", "MasterSecretArn"); got != master {
		t.Errorf("CloudFormation HostedRotationLambda.MasterSecretArn = %v, want %s", got, master)
	}

	b := tfParse(t, renderTF(t, d))
	stack := tfFind(b, "main.tf", "resource", "aws_serverlessapplicationrepository_cloudformation_stack", "rotation")
	if stack == nil {
		t.Fatal("no rotation stack in main.tf")
	}
	if got := stringMap(tfEval(t, stack.Body.Attributes["parameters"].Expr).AsValueMap())["masterSecretArn"]; got != master {
		t.Errorf("Terraform masterSecretArn parameter = %q, want %s", got, master)
	}
}
