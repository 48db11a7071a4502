package scan

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// designPathWord is a design-file path of two keys or more, as a message
// may name it.
var designPathWord = regexp.MustCompile(`\b(secret|rotation|monitoring|resourcePolicy)\.[a-z][A-Za-z]*`)

// templateOnlyKeys are the design file's top-level keys that say nothing
// a template holds: the file's version and name, its waivers (a template
// says its own, in its metadata) and where it was last written.
var templateOnlyKeys = []string{"version", "name", "waivers", "output"}

// Every path of the design file, named by a finding or inside a message,
// is called by each reader what its template calls it, never by the
// design path a check user does not have: check of a template without
// subnets said "run the function in the VPC of a listed endpoint
// (rotation.hostedRotationLambda.vpcSubnetIds)" (trial7a T1), and of an
// AWS::Serverless::Application rotation "HostedRotationLambda.VpcSubnetIds",
// a property that application has not (T2).
func TestEveryDesignPathHasTheTemplatesName(t *testing.T) {
	readers := []struct {
		name  string
		s     *Secret
		never []string
	}{
		{"CloudFormation", &Secret{Type: "AWS::SecretsManager::Secret"}, []string{"parameters", "Parameters"}},
		{"CloudFormation application", &Secret{Type: "AWS::SecretsManager::Secret", fromApp: true}, []string{"HostedRotationLambda", "parameters"}},
		{"Terraform", &Secret{Type: "aws_secretsmanager_secret"}, []string{"HostedRotationLambda", "Parameters"}},
	}
	paths := designfile.Paths()
	if len(paths) < 50 {
		t.Fatalf("designfile.Paths() has %d paths; the sweep needs them all", len(paths))
	}
	for _, r := range readers {
		for _, p := range paths {
			if top, _, _ := strings.Cut(p, "."); strings.HasPrefix(p, "[") || slices.Contains(templateOnlyKeys, strings.TrimSuffix(top, "[]")) {
				continue
			}
			p = strings.ReplaceAll(p, "[]", "[0]")
			name := r.s.templatePath(p)
			msg := r.s.speakPaths("fix it (" + p + "), or " + p + ".")
			for _, text := range []string{name, msg} {
				if m := designPathWord.FindString(text); m != "" || name == p {
					t.Errorf("%s: %s is named %q (%q): a design path", r.name, p, name, msg)
					break
				}
				for _, w := range r.never {
					if strings.Contains(text, w+".") || text == w {
						t.Errorf("%s: %s is named %q, which its template does not have", r.name, p, text)
					}
				}
			}
		}
	}
}

// check of a template names and places what the template has: a hosted
// rotation without subnets under a Deny outside an endpoint, read from
// CloudFormation's HostedRotationLambda, an AWS::Serverless::Application
// of the published rotation app and Terraform's stack of that app
// (trial7a T1, T2). Nothing check prints for them names a design path,
// and the missing parameters are the application's, at its line.
func TestCheckOfATemplateNamesWhatItHas(t *testing.T) {
	const deny = `
  Policy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref Secret
      ResourcePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: secretsmanager:GetSecretValue
            Resource: "*"
            Condition: {StringNotEquals: {aws:SourceVpce: vpce-0123456789abcdef0}}
`
	const secret = `Transform: AWS::Serverless-2016-10-31
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/x/db
      GenerateSecretString:
        SecretStringTemplate: '{"username":"admin","host":"db.example.internal"}'
        GenerateStringKey: password
`
	const hosted = secret + `  Schedule:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Secret
      HostedRotationLambda:
        RotationType: PostgreSQLSingleUser
      RotationRules: {AutomaticallyAfterDays: 30}
` + deny
	const app = secret + `  RotationApp:
    Type: AWS::Serverless::Application
    Properties:
      Location:
        ApplicationId: arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser
        SemanticVersion: 1.1.367
      Parameters:
        endpoint: !Sub https://secretsmanager.${AWS::Region}.${AWS::URLSuffix}
        functionName: rot
  Schedule:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Secret
      RotationLambdaARN: !GetAtt RotationApp.Outputs.RotationLambdaARN
      RotationRules: {AutomaticallyAfterDays: 30}
` + deny
	const tf = `resource "aws_secretsmanager_secret" "this" {
  name = "prod/x/db"
}

resource "aws_secretsmanager_secret_policy" "this" {
  secret_arn = aws_secretsmanager_secret.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0123456789abcdef0" } }
    }]
  })
}

resource "aws_serverlessapplicationrepository_cloudformation_stack" "rotation" {
  name           = "rot"
  application_id = "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser"
  capabilities   = ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"]
  parameters = {
    functionName = "rot"
  }
}

resource "aws_secretsmanager_secret_rotation" "this" {
  secret_id           = aws_secretsmanager_secret.this.id
  rotation_lambda_arn = aws_serverlessapplicationrepository_cloudformation_stack.rotation.outputs["RotationLambdaARN"]
  rotation_rules {
    automatically_after_days = 30
  }
}
`
	cfnHosted, tres := readBoth(t, hosted, tf)
	cfnApp, err := CloudFormation("app.yaml", []byte(app))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		res      *Result
		subnets  string // what the template calls the subnets
		lineOf   string // the line the subnets' finding is placed at
		template string
	}{
		{"HostedRotationLambda", cfnHosted, "HostedRotationLambda.VpcSubnetIds", "      HostedRotationLambda:", hosted},
		{"AWS::Serverless::Application", cfnApp, "Parameters.vpcSubnetIds", "      Parameters:", app},
		{"Terraform stack", tres, "parameters.vpcSubnetIds", "  parameters = {", tf},
	} {
		if len(c.res.Secrets) != 1 {
			t.Fatalf("%s: %d secrets read, want 1", c.name, len(c.res.Secrets))
		}
		s := c.res.Secrets[0]
		report := s.Check()
		var text []string
		for _, r := range report.Results {
			text = append(text, r.Note)
			for _, f := range r.Findings {
				text = append(text, f.Path+": "+f.Message)
			}
		}
		for _, p := range s.Problems(report) {
			text = append(text, p.Path+": "+p.Message)
		}
		all := strings.Join(text, "\n")
		if p := designPathWord.FindString(all); p != "" {
			t.Errorf("%s: check names %s, a design path:\n%s", c.name, p, all)
		}
		if !strings.Contains(all, "run the function in the VPC of a listed endpoint ("+c.subnets+")") {
			t.Errorf("%s: the Deny's fix does not name %s:\n%s", c.name, c.subnets, all)
		}
		r, _ := report.Result("rotation-lambda-in-vpc")
		if len(r.Findings) == 0 || r.Findings[0].Path != c.subnets {
			t.Errorf("%s: rotation-lambda-in-vpc finds %v, want %s", c.name, r.Findings, c.subnets)
			continue
		}
		want := 1 + strings.Count(c.template[:strings.Index(c.template, c.lineOf)], "\n")
		if at := s.Locate(c.subnets); at.Line != want {
			t.Errorf("%s: %s is placed at line %d, want %d (%q)", c.name, c.subnets, at.Line, want, c.lineOf)
		}
	}
}

// A design word a problem names is renamed only to a property of the
// secret's own resources: alone, another resource's property (the topic
// target's arn, the subscription's Endpoint) says nothing of where it is.
func TestProblemWordsStayWhereTheyMeanSomething(t *testing.T) {
	const msg = "must be left out with alertTopicArn; give alertEmail, vpcId or vpcCidr"
	for _, f := range []templateFormat{formatCloudFormation, formatTerraform} {
		if got := speakWords(f, msg); got != msg {
			t.Errorf("format %d: %q became %q", f, msg, got)
		}
	}
	if got := speakWords(formatTerraform, "give rotationLambdaName"); got != "give functionName" {
		t.Errorf("Terraform: rotationLambdaName became %q, want the application's functionName", got)
	}
}
