package scan

import (
	"os"
	"path/filepath"
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

// A problem's message names the template's properties, not the design's
// fields: a RotationSchedule with both rules says AutomaticallyAfterDays
// and ScheduleExpression (rotation_rules' automatically_after_days and
// schedule_expression in Terraform).
func TestProblemsSpeakTheTemplate(t *testing.T) {
	res := readCFN(t, `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/app
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Secret
      RotationLambdaARN: arn:aws:lambda:us-east-1:111122223333:function:rotate
      RotationRules: {AutomaticallyAfterDays: 30, ScheduleExpression: "rate(10 days)"}
`)
	s := res.Secrets[0]
	ps := s.Problems(s.Check())
	if len(ps) != 1 || ps[0].Pos.Line != 12 || !strings.Contains(ps[0].Message, "AutomaticallyAfterDays and ScheduleExpression") {
		t.Errorf("problems %v, want one at line 12 naming AutomaticallyAfterDays and ScheduleExpression", ps)
	}
	tf := writeTF(t, `resource "aws_secretsmanager_secret" "s" {
  name = "prod/app"
}
resource "aws_secretsmanager_secret_rotation" "r" {
  secret_id           = aws_secretsmanager_secret.s.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
    schedule_expression      = "rate(10 days)"
  }
}
`)
	s = tf.Secrets[0]
	ps = s.Problems(s.Check())
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "automatically_after_days and schedule_expression") {
		t.Errorf("problems %v, want one naming automatically_after_days and schedule_expression", ps)
	}
}

// The words of a message are renamed only where the mapping is one way:
// English words that are also fields stay, and kmsKeyArn (KmsKeyId on the
// secret, KmsKeyArn on a hosted rotation) is left as it is.
func TestSpeakWords(t *testing.T) {
	for _, c := range []struct {
		f       templateFormat
		in, out string
	}{
		{formatCloudFormation, "set only one of secretId and rotationLambdaArn", "set only one of Name and RotationLambdaARN"},
		{formatTerraform, "set only one of secretId and rotationLambdaArn", "set only one of name and rotation_lambda_arn"},
		{formatCloudFormation, "the database and its tags; kmsKeyArn", "the database and its tags; kmsKeyArn"},
		{formatTerraform, "granted the key through kmsKeyArn", "granted the key through kmsKeyArn"},
	} {
		if got := speakWords(c.f, c.in); got != c.out {
			t.Errorf("speakWords(%d, %q) = %q, want %q", c.f, c.in, got, c.out)
		}
	}
}

// TestReadValidAgrees: the shortcut Problems takes for a design valid as
// read gives what the wizard's copy gives, over every template and
// configuration of the corpus and the generate goldens.
func TestReadValidAgrees(t *testing.T) {
	var results []*Result
	cfn, _ := filepath.Glob("testdata/cfn/*.yaml")
	golden, _ := filepath.Glob("../generate/testdata/golden/*.cfn.*")
	for _, f := range append(cfn, golden...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if res, err := CloudFormation(f, data); err == nil {
			results = append(results, res)
		}
	}
	dirs, _ := filepath.Glob("testdata/tf/*")
	gdirs, _ := filepath.Glob("../generate/testdata/golden/*")
	for _, d := range append(dirs, gdirs...) {
		if HasTerraform(d) {
			if res, err := Terraform(d); err == nil {
				results = append(results, res)
			}
		}
	}
	valid := 0
	for _, res := range results {
		for _, s := range res.Secrets {
			if !s.readValid() {
				continue
			}
			valid++
			if ps := s.problems(s.Check()); len(ps) != 0 {
				t.Errorf("%s %s: valid as read, but the wizard's copy has %v", res.Path, s.ID, ps)
			}
		}
	}
	if valid < 20 {
		t.Errorf("only %d secrets valid as read; the test shows little", valid)
	}
}

// TestProblemsFoldTheSameAtOnePlace: a dynamic block that writes the same
// wrong value into a thousand replicas is one problem at its line that
// says how many it stands for, not a thousand lines (the hostile input
// tf-nested-dynamic printed 1,000 INVALID lines); problems at different
// places, or saying different things, stay apart.
func TestProblemsFoldTheSameAtOnePlace(t *testing.T) {
	dir := t.TempDir()
	tf := `resource "aws_secretsmanager_secret" "s" {
  name = "prod/app"
  dynamic "replica" {
    for_each = range(40)
    content {
      region = "nowhere-${replica.value}x"
    }
  }
  description = "a` + "\u202e" + `b"
}
`
	if err := os.WriteFile(dir+"/main.tf", []byte(tf), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := Terraform(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want 1", len(res.Secrets))
	}
	s := res.Secrets[0]
	got := s.Problems(s.Check())
	var regions []Problem
	for _, p := range got {
		if strings.Contains(p.Path, "region") {
			regions = append(regions, p)
		}
	}
	if len(regions) != 1 {
		t.Fatalf("%d region problems, want the 40 folded into 1: %v", len(regions), regions)
	}
	if p := regions[0]; p.Path != "replica[0].region" || p.Pos.Line != 6 || !strings.Contains(p.Message, "and 39 more") ||
		!strings.Contains(p.Message, "replica[39].region") {
		t.Errorf("folded problem %s, want replica[0].region at line 6 saying 'and 39 more' up to replica[39].region", p)
	}
	if len(got) != 2 {
		t.Errorf("problems %v, want the folded region and the description's", got)
	}
}

// A CloudFormation GenerateSecretString with GenerateStringKey and no
// SecretStringTemplate is refused by CloudFormation: check reports the
// missing property at the GenerateSecretString it belongs in, as the
// wizard does for the design.
func TestProblemsGenerateStringKeyAlone(t *testing.T) {
	for _, c := range []struct {
		name, gss, path string
	}{
		{"key alone", "{GenerateStringKey: password}", "GenerateSecretString.SecretStringTemplate"},
		{"key and a length", "{GenerateStringKey: password, PasswordLength: 32}", "GenerateSecretString.SecretStringTemplate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := readCFN(t, `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: alias/app
      GenerateSecretString: `+c.gss+`
`)
			s := res.Secrets[0]
			ps := s.Problems(s.Check())
			if len(ps) != 1 || ps[0].Path != c.path || ps[0].Pos.Line != 7 || ps[0].Severity != blueprint.SeverityError {
				t.Fatalf("problems %v, want one error at %s, line 7", ps, c.path)
			}
			// In the template's words: GenerateStringKey, not the design's
			// generateStringKey.
			if m := ps[0].Message; strings.Contains(m, "generateStringKey") || strings.Contains(m, "secretStringTemplate") {
				t.Errorf("message %q names the design's field", m)
			}
		})
	}
}

// A problem that only says another field is missing is left out when
// that field is written but not known before deployment: VpcSubnetIds
// joined from a parameter without a default made check report
// "INVALID HostedRotationLambda.VpcSecurityGroupIds: need VpcSubnetIds"
// and exit 1, where the rule that reads the subnets cannot be verified
// (issue 22's fifth trial). Without VpcSubnetIds at all it is reported.
func TestProblemsNotForAFieldOnlyUnknown(t *testing.T) {
	const tmpl = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::SecretsManager-2024-09-16
Parameters:
  Subnets: {Type: CommaDelimitedList}
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: {EnableKeyRotation: true}
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !Ref Key
      GenerateSecretString:
        SecretStringTemplate: '{"username":"app","engine":"postgres","host":"db.example.com"}'
        GenerateStringKey: password
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Secret
      HostedRotationLambda:
        RotationType: PostgreSQLSingleUser
SUBNETS        VpcSecurityGroupIds: sg-0123456789abcdef0
      RotationRules: {AutomaticallyAfterDays: 30}
`
	for _, c := range []struct {
		subnets string
		want    bool
	}{
		{"        VpcSubnetIds: !Join [\",\", !Ref Subnets]\n", false},
		{"        VpcSubnetIds: !ImportValue SubnetsCsv\n", false},
		{"", true},
	} {
		res := readCFN(t, strings.Replace(tmpl, "SUBNETS", c.subnets, 1))
		s := res.Secrets[0]
		got := false
		for _, p := range s.Problems(s.Check()) {
			if p.Path == "HostedRotationLambda.VpcSecurityGroupIds" {
				got = true
			}
		}
		if got != c.want {
			t.Errorf("VpcSubnetIds %q: a problem at VpcSecurityGroupIds is %v, want %v", strings.TrimSpace(c.subnets), got, c.want)
		}
	}
}
