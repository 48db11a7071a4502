package scan

import "testing"

// Issue 22 (item 12 leftovers 4, 5 and 6): check must be safe to gate CI
// on, so a template CloudFormation refuses is a template error (check
// exits 1), not read as if deployable: resources whose DependsOn wait for
// each other, and an Outputs section whose Ref, Fn::GetAtt, Fn::Sub, output
// Condition or Fn::If names nothing (Outputs were not evaluated at all).
func TestOutputsAndDependsOnCyclesAreTemplateErrors(t *testing.T) {
	const secret = "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db\n"
	const key = "  Key:\n    Type: AWS::KMS::Key\n"
	checkTemplateErrors(t, []templateErrorCase{
		{"DependsOn cycle", "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    DependsOn: Key\n" +
			"  Key:\n    Type: AWS::KMS::Key\n    DependsOn: [Db]\n",
			[]string{"t.yaml:7:", "the resources Db and Key depend on each other in a cycle through DependsOn", "refuses"}},
		{"DependsOn itself", "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    DependsOn: Db\n",
			[]string{"t.yaml:4:", "the resource Db depends on itself through DependsOn"}},
		{"DependsOn chain", "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    DependsOn: [Key, Alias]\n" +
			"  Key:\n    Type: AWS::KMS::Key\n  Alias:\n    Type: AWS::KMS::Alias\n    DependsOn: Key\n", nil},
		{"Ref in Outputs", secret + "Outputs:\n  Arn:\n    Value: !Ref Nowhere\n",
			[]string{"t.yaml:8:", "Ref names Nowhere, which is neither a parameter nor a resource"}},
		{"GetAtt in an Export", secret + "Outputs:\n  Arn:\n    Value: !Ref Db\n    Export:\n      Name: !GetAtt Gone.Arn\n",
			[]string{"t.yaml:10:", "Fn::GetAtt names Gone"}},
		{"Fn::If in Outputs", secret + "Outputs:\n  Arn:\n    Value: !If [Nope, !Ref Db, none]\n",
			[]string{"t.yaml:8:", "Fn::If names Nope, which is not a condition of this template"}},
		{"an output's Condition", secret + "Outputs:\n  Arn:\n    Condition: Nope\n    Value: !Ref Db\n",
			[]string{"t.yaml:8:", "Condition names Nope"}},
		{"Fn::If in Outputs, declared", "Parameters:\n  Env: {Type: String}\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n" + secret + key +
			"Outputs:\n  Arn:\n    Condition: Prod\n    Value: !If [Prod, !Ref Db, !GetAtt Key.Arn]\n    Export: {Name: !Sub '${AWS::StackName}-arn'}\n", nil},
	})
}
