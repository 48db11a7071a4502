package scan

import (
	"strings"
	"testing"
)

// Issue 22's last trial: a Ref to a logical id or parameter the template
// does not have made the rules reading it "cannot verify", as if the
// value were known only at deployment. CloudFormation refuses such a
// template, so it is a template error naming the Ref and its line, as
// cfn-lint's E1020 (E1012 before 1.0) is, and so are a Fn::Sub, a
// Fn::GetAtt (E1010) and a DependsOn (E3005) naming nothing; with a
// transform that may add resources, the name may be one of them, and
// nothing is said.
func TestBrokenRefIsATemplateError(t *testing.T) {
	const secret = "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db\n"
	checkTemplateErrors(t, []templateErrorCase{
		{"Ref to no resource", secret + "      KmsKeyId: !Ref MissingKey\n",
			[]string{"t.yaml:6:", "MissingKey", "neither a parameter nor a resource"}},
		{"Ref to no parameter, in another resource", secret +
			"  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Stage\n",
			[]string{"t.yaml:9:", "Stage"}},
		{"Fn::Sub of no resource", secret + "      Description: !Sub 'key ${Nowhere}'\n",
			[]string{"t.yaml:6:", "Nowhere"}},
		{"two", secret + "      KmsKeyId: !Ref MissingKey\n      Description: !Ref MissingText\n",
			[]string{"t.yaml:6:", "MissingKey", "Ref MissingText (7:"}},
		{"Fn::GetAtt of no resource", secret + "      Description: !GetAtt Missing.Arn\n",
			[]string{"t.yaml:6:", "Fn::GetAtt names Missing, which is not a resource of this template"}},
		{"DependsOn no resource", "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    DependsOn: [Key, Nowhere]\n" +
			"  Key:\n    Type: AWS::KMS::Key\n",
			[]string{"t.yaml:4:", "DependsOn names Nowhere, which is not a resource of this template"}},
		{"Ref to a parameter", "Parameters:\n  Key: {Type: String, Default: alias/x}\n" + secret + "      KmsKeyId: !Ref Key\n", nil},
		{"Ref to a resource", secret + "      KmsKeyId: !Ref Key\n  Key:\n    Type: AWS::KMS::Key\n", nil},
		{"a transform's resource", "Transform: AWS::Serverless-2016-10-31\n" + secret + "      KmsKeyId: !Ref FunctionRole\n", nil},
	})
}

// Issue 22's last trial (B1): a condition the Conditions section does not
// declare, named by a resource's Condition, a Fn::If or a Condition inside
// Conditions, and conditions that refer to each other in a cycle, made the
// rules "cannot verify" as if the condition were known only at
// deployment. CloudFormation refuses both templates, so each is a
// template error naming the condition(s) and the line.
func TestBrokenConditionIsATemplateError(t *testing.T) {
	const secret = "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n"
	const props = "    Properties:\n      Name: prod/db\n"
	checkTemplateErrors(t, []templateErrorCase{
		{"a resource's Condition", secret + "    Condition: Nope\n" + props,
			[]string{"t.yaml:4:", "Condition names Nope, which is not a condition of this template", "refuses"}},
		{"Fn::If", "Conditions:\n  Prod: !Equals [a, b]\n" + secret + props + "      Description: !If [Nope, a, b]\n",
			[]string{"t.yaml:8:", "Fn::If names Nope, which is not a condition of this template"}},
		{"Condition inside Conditions", "Conditions:\n  Prod: !And [!Condition Nope, !Equals [a, a]]\n" + secret + "    Condition: Prod\n" + props,
			[]string{"t.yaml:2:", "Condition names Nope"}},
		{"an unused condition", "Conditions:\n  Prod: !Not [!Condition Nope]\n" + secret + props,
			[]string{"t.yaml:2:", "Nope"}},
		{"a cycle", "Conditions:\n  A: !Condition B\n  B: !Condition A\n" + secret + "    Condition: A\n" + props,
			[]string{"t.yaml:", "the conditions A and B refer to each other in a cycle", "refuses"}},
		{"a condition naming itself", "Conditions:\n  A: !Not [!Condition A]\n" + secret + props,
			[]string{"t.yaml:2:", "the condition A refers to itself"}},
		{"a Ref and a condition", secret + "    Condition: Nope\n" + props + "      KmsKeyId: !Ref Gone\n",
			[]string{"t.yaml:4:", "Condition names Nope", "Ref Gone (7:"}},
		{"declared conditions", "Parameters:\n  Env: {Type: String}\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n  Both: !And [!Condition Prod, !Condition Prod]\n" +
			secret + "    Condition: Both\n" + props + "      Description: !If [Prod, a, b]\n", nil},
		{"a transform's condition", "Transform: MyMacro\n" + secret + "    Condition: Nope\n" + props, nil},
	})
}

// templateErrorCase is a template and what its template error says, or
// nil for none.
type templateErrorCase struct {
	name, src string
	want      []string
}

// checkTemplateErrors reads each case's template and checks that it is
// refused with a template error saying what it wants, or read.
func checkTemplateErrors(t *testing.T, cases []templateErrorCase) {
	t.Helper()
	for _, c := range cases {
		_, err := CloudFormation("t.yaml", []byte(c.src))
		switch {
		case c.want == nil && err != nil:
			t.Errorf("%s: %v, want no error", c.name, err)
		case c.want != nil && err == nil:
			t.Errorf("%s: no error, want one saying %q", c.name, c.want)
		case c.want != nil:
			if _, ok := err.(*SyntaxError); !ok {
				t.Errorf("%s: error %T, want a template error (*SyntaxError)", c.name, err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s: %q does not say %q", c.name, err, w)
				}
			}
		}
	}
}
