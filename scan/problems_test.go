package scan

import (
	"os"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestProblemsAsTheWizard holds item 1 of what remained of issue 21: check
// of a template reports what Validate reports for the design the wizard
// opens from it (a bidirectional control in the description, a password
// under masterarn in the SecretStringTemplate), at the template's line,
// named as the template names the field, without the value, for each
// format: CloudFormation, Terraform and a plan.
func TestProblemsAsTheWizard(t *testing.T) {
	type want struct {
		path string
		line int
		sev  blueprint.Severity
		says string
	}
	cases := []struct {
		name string
		read func(t *testing.T) *Result
		want []want
	}{
		{"cloudformation", func(t *testing.T) *Result {
			data, err := os.ReadFile("testdata/cfn/field-problems.yaml")
			if err != nil {
				t.Fatal(err)
			}
			res, err := CloudFormation("testdata/cfn/field-problems.yaml", data)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}, []want{
			{"Description", 12, blueprint.SeverityWarning, "bidirectional control"},
			{"GenerateSecretString.SecretStringTemplate", 14, blueprint.SeverityError, "masterarn"},
		}},
		{"terraform", func(t *testing.T) *Result {
			res, err := Terraform("testdata/tf/field-problems")
			if err != nil {
				t.Fatal(err)
			}
			return res
		}, []want{
			{"description", 7, blueprint.SeverityWarning, "bidirectional control"},
			{"secret_string", 18, blueprint.SeverityError, "masterarn"},
		}},
		{"plan", func(t *testing.T) *Result {
			data, err := os.ReadFile("testdata/plans/field-problems.json")
			if err != nil {
				t.Fatal(err)
			}
			res, err := TerraformPlan("testdata/plans/field-problems.json", data)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}, []want{
			// Without its configuration, a plan places a value at its
			// resource's address.
			{"description", 8, blueprint.SeverityWarning, "bidirectional control"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := c.read(t)
			if len(res.Secrets) != 1 {
				t.Fatalf("%d secrets, want 1", len(res.Secrets))
			}
			s := res.Secrets[0]
			got := s.Problems(s.Check())
			// The wizard's own: Validate of the design it opens.
			d, _ := s.ForImport()
			wizard := d.Validate()
			if len(got) != len(c.want) || len(wizard) != len(c.want) {
				t.Errorf("problems %v; the wizard's %v; want %d", got, wizard, len(c.want))
			}
			for i, w := range c.want {
				if i >= len(got) {
					break
				}
				p := got[i]
				if p.Path != w.path || p.Pos.Line != w.line || p.Severity != w.sev || !strings.Contains(p.Message, w.says) {
					t.Errorf("problem %d: %s, want %s at line %d (%v) saying %q", i, p, w.path, w.line, w.sev, w.says)
				}
				if i < len(wizard) && wizard[i].Message != p.Message {
					t.Errorf("problem %d says %q, the wizard %q", i, p.Message, wizard[i].Message)
				}
				if strings.Contains(p.String(), "hunter2") || strings.Contains(p.String(), "\u202e") {
					t.Errorf("problem %d repeats the value: %q", i, p)
				}
				if at := s.Locate(p.Path); at != p.Pos {
					t.Errorf("Locate(%s) = %s, want %s", p.Path, at, p.Pos)
				}
			}
		})
	}
}

// TestProblemsLeaveOutWhatTheTemplateDoesNotWrite: a field the template
// leaves to CloudFormation (no Name, no KmsKeyId), a value only known
// once deployed, and a value a rule already finds fault with have no
// problem of their own.
func TestProblemsLeaveOutWhatTheTemplateDoesNotWrite(t *testing.T) {
	res := readCFN(t, `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Fn: {Type: String}
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: alias/aws/secretsmanager
      GenerateSecretString: {PasswordLength: 32}
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Secret
      RotationLambdaARN: !Ref Fn
`)
	s := res.Secrets[0]
	if ps := s.Problems(s.Check()); len(ps) != 0 {
		t.Errorf("problems %v, want none", ps)
	}
	if d, _ := s.ForImport(); len(d.Validate()) == 0 {
		t.Error("the design has no problem at all, so this test shows nothing")
	}
}
