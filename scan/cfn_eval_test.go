package scan

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestIntrinsics evaluates each short-form function on known values, and
// shows what stays unknown and why.
func TestIntrinsics(t *testing.T) {
	src := `Parameters:
  Env: {Type: String, Default: prod}
  Key: {Type: String}
  Subnets: {Type: CommaDelimitedList, Default: "a, b"}
Mappings:
  Days: {prod: {N: 7}}
Conditions:
  Prod: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition Prod]
  Both: !And [!Condition Prod, !Or [!Condition NotProd, !Equals [x, x]]]
  Unknown: !Equals [!Ref Key, k]
Resources:
  R:
    Type: AWS::X::Y
    Properties:
      Sub: !Sub "${Env}-${AWS::NoValue}x"
      SubVars: !Sub ["${A}/${Env}", {A: !Ref Env}]
      Literal: !Sub "${!NotAVar}"
      Join: !Join ["-", [a, !Ref Env]]
      Select: !Select [1, !Ref Subnets]
      Split: !Select [0, !Split [",", "p,q"]]
      Find: !FindInMap [Days, !Ref Env, N]
      Base64: !Base64 hi
      If: !If [Both, yes, no]
      IfUnknown: !If [Unknown, alias/aws/secretsmanager, !Ref R]
      Import: !ImportValue other
      AZ: !GetAZs ""
      Cidr: !Cidr ["10.0.0.0/16", 2, 8]
      Att: !GetAtt R.Arn
      Gone: !If [NotProd, x, !Ref AWS::NoValue]
`
	res, err := parseYAML("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tpl := &cfnTemplate{params: map[string]*value{}, conditions: map[string]*value{}, byID: map[string]*cfnResource{"R": {}},
		condMemo: map[string]tri{}, condBusy: map[string]bool{}, mappings: res.get("Mappings")}
	for i, k := range res.get("Parameters").keys {
		tpl.params[k] = res.get("Parameters").vals[i]
	}
	for i, k := range res.get("Conditions").keys {
		tpl.conditions[k] = res.get("Conditions").vals[i]
	}
	p := tpl.eval(res.get("Resources").get("R").get("Properties"), 0)
	want := map[string]string{
		"SubVars": "prod/prod", "Literal": "${NotAVar}", "Join": "a-prod", "Select": "b", "Split": "p",
		"Find": "7", "Base64": "aGk=", "If": "yes",
	}
	for k, w := range want {
		if got, ok := scalar(p.get(k)); !ok || got != w {
			t.Errorf("%s = %q (%v), want %q", k, got, p.get(k), w)
		}
	}
	for _, k := range []string{"Import", "AZ", "Cidr", "Sub"} {
		if v := p.get(k); v == nil || v.k != kUnknown {
			t.Errorf("%s should be unknown, got %+v", k, v)
		}
	}
	if v := p.get("IfUnknown"); v == nil || v.k != kUnknown || !strings.Contains(v.s, `"alias/aws/secretsmanager" when it holds, R when not`) {
		t.Errorf("an Fn::If on an unknown condition should name both branches, got %+v", v)
	}
	if v := p.get("Att"); v == nil || v.k != kRef || v.s != "R" || v.attr != "Arn" {
		t.Errorf("GetAtt = %+v", v)
	}
	if p.get("Gone") != nil {
		t.Errorf("AWS::NoValue should drop the property")
	}
}

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
