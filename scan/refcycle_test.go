package scan

import "testing"

// TestReferenceCyclesAreTemplateErrors (trial7b V11): a resource whose
// property refers to itself (Name: !Ref S inside S), and resources whose
// properties refer to each other (Ref, Fn::GetAtt, Fn::Sub, also with
// DependsOn), make a cycle CloudFormation refuses ("Circular dependency
// between resources"); it was read as "S is only known once it is
// deployed", cannot verify. A chain that ends, an Fn::If branch not taken
// and a resource whose Condition is false make none.
func TestReferenceCyclesAreTemplateErrors(t *testing.T) {
	const head = "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n"
	checkTemplateErrors(t, []templateErrorCase{
		{"Ref itself", head + "      Name: !Ref S\n      Tags: [{Key: owner, Value: !Ref S}]\n",
			[]string{"t.yaml:5:", "the resource S refers to itself in its properties", "refuses"}},
		{"Sub itself", head + "      Description: !Sub 'the secret ${S.Id}'\n",
			[]string{"t.yaml:5:", "the resource S refers to itself"}},
		{"GetAtt and DependsOn", head + "      KmsKeyId: !GetAtt Key.Arn\n  Key:\n    Type: AWS::KMS::Key\n    DependsOn: S\n",
			[]string{"t.yaml:8:", "the resources S and Key refer to each other in a cycle"}},
		{"Ref both ways", head + "      KmsKeyId: !Ref Key\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: !Ref S\n",
			[]string{"t.yaml:9:", "the resources S and Key refer to each other in a cycle"}},
		{"a chain", head + "      KmsKeyId: !Ref Key\n  Key:\n    Type: AWS::KMS::Key\n  Policy:\n    Type: AWS::SecretsManager::ResourcePolicy\n" +
			"    Properties:\n      SecretId: !Ref S\n      ResourcePolicy: {Version: '2012-10-17', Statement: []}\n", nil},
		{"a branch not taken", "Conditions:\n  No: !Equals [a, b]\n" + head + "      Name: !If [No, !Ref S, prod/app]\n", nil},
		{"a resource not made", "Conditions:\n  No: !Equals [a, b]\n" + head + "      Name: prod/app\n  Key:\n    Type: AWS::KMS::Key\n    Condition: No\n" +
			"    Properties:\n      Description: !Ref Key\n", nil},
	})
}
