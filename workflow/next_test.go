package workflow

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// Issue 22 item 11: the next steps are one command per line; the
// subscription to the alert topic is a command of its own, reading the
// topic's ARN from the deployment, not a sentence around one.
func TestNextStepOneCommandPerLine(t *testing.T) {
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/orders/db"}}
	for _, tt := range []struct {
		f     generate.Format
		first string
		topic string
	}{
		{generate.Terraform, "cd out && terraform init && terraform plan", "$(terraform -chdir=out output -raw alert_topic_arn)"},
		{generate.CloudFormation, "aws cloudformation deploy --template-file out --stack-name prod-orders-db", "OutputKey=='AlertTopicArn'"},
	} {
		lines := strings.Split(nextStep(tt.f, "out", d), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], tt.first) || !strings.HasPrefix(lines[1], "# ") ||
			!strings.HasPrefix(lines[2], "aws sns subscribe --topic-arn ") || !strings.Contains(lines[2], tt.topic) {
			t.Errorf("%s: next steps\n%s\nwant the deploy command, a # line and the aws sns subscribe command", tt.f, strings.Join(lines, "\n"))
		}
		for _, l := range lines {
			if strings.Contains(l, "; ") {
				t.Errorf("%s: %q puts a command inside a sentence", tt.f, l)
			}
		}
	}
}

// The first-rotation note of a single-user rotation is a # line of its
// own: appended to the last command after "; ", a pasted line ran
// "before" as a command (found repeating issue 22's trial).
func TestNextStepFirstRotationNoteIsAComment(t *testing.T) {
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/orders/db",
		Database: &blueprint.Database{Host: "db.example.internal", Username: "app"}},
		Rotation: &blueprint.Rotation{HostedRotationLambda: &blueprint.HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}}}
	if d.FirstRotationNote() == "" {
		t.Fatal("the design does not call for the first-rotation note; the test needs one that does")
	}
	for _, f := range []generate.Format{generate.Terraform, generate.CloudFormation} {
		next := nextStep(f, "out", d)
		if !strings.Contains(next, "\n# before the first rotation: ") {
			t.Errorf("%s: the note is not a # line of its own:\n%s", f, next)
		}
		for _, l := range strings.Split(next, "\n") {
			if !strings.HasPrefix(l, "#") && strings.Contains(l, "; ") {
				t.Errorf("%s: command line %q holds a sentence after \"; \"", f, l)
			}
		}
	}
}

// Issue 22 item 10: a path to import that does not exist is said in
// words, not as the raw "stat t19: no such file or directory".
func TestImportMissingPathInWords(t *testing.T) {
	t.Chdir(t.TempDir())
	_, err := Import(store.OS{}, "t19")
	if err == nil || strings.HasPrefix(err.Error(), "stat ") || !strings.Contains(err.Error(), "t19") || !strings.Contains(err.Error(), "no such file: check the path") {
		t.Errorf("Import(t19) = %v, want the path named and what is wrong in words", err)
	}
}

// Issue 22 (trial): with an alert email the next steps say that the
// address confirms the subscription before alerts arrive, as the
// template's comment does; an existing topic subscribes nobody, and says
// nothing of it.
func TestNextStepSaysTheAlertEmailConfirms(t *testing.T) {
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/orders/db"},
		Monitoring: blueprint.Monitoring{AlertEmail: "ops@example.com"}}
	for _, f := range []generate.Format{generate.Terraform, generate.CloudFormation} {
		next := nextStep(f, "out", d)
		if !strings.Contains(next, "\n# alerts by mail to ops@example.com: AWS mails a confirmation link first; alerts arrive once it is followed.") {
			t.Errorf("%s: the next steps do not say the address confirms the subscription:\n%s", f, next)
		}
		if strings.Contains(next, "aws sns subscribe") {
			t.Errorf("%s: the templates subscribe the address, yet the next steps subscribe one:\n%s", f, next)
		}
	}
	d.Monitoring.AlertTopicARN = "arn:aws:sns:eu-west-1:111122223333:secops"
	if next := nextStep(generate.Terraform, "out", d); strings.Contains(next, "confirmation") {
		t.Errorf("with an existing topic nothing is subscribed, yet:\n%s", next)
	}
}

// The # line before the subscription says what to do with ADDRESS: it
// said "subscribe an address (for ADDRESS)", which does not say that the
// next command takes the address in its place (issue 22's third trial).
func TestSubscribeLineSaysWhatADDRESSIs(t *testing.T) {
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/orders/db"}}
	next := nextStep(generate.CloudFormation, "out", d)
	if !strings.Contains(next, "yours in place of ADDRESS\naws sns subscribe ") || strings.Contains(next, "(for ADDRESS)") {
		t.Errorf("next steps:\n%s\nwant the # line to say the address goes in place of ADDRESS", next)
	}
}

// The CloudFormation deploy command gives only the capabilities the
// template needs (generate.CloudFormationCapabilities): none for a
// template without IAM resources or a transform, where it always said
// --capabilities CAPABILITY_IAM; both for the hosted rotation's transform.
func TestNextStepCapabilitiesOnlyWhatTheTemplateNeeds(t *testing.T) {
	plain := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/orders/db"}}
	if first, _, _ := strings.Cut(nextStep(generate.CloudFormation, "out.yaml", plain), "\n"); strings.Contains(first, "--capabilities") || strings.Contains(first, "CAPABILITY") {
		t.Errorf("a template with no IAM resource and no transform: %q, want no capabilities", first)
	}
	hosted := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/orders/db"},
		Rotation: &blueprint.Rotation{HostedRotationLambda: &blueprint.HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}}}
	if first, _, _ := strings.Cut(nextStep(generate.CloudFormation, "out.yaml", hosted), "\n"); !strings.HasSuffix(first, " --capabilities CAPABILITY_AUTO_EXPAND CAPABILITY_IAM") {
		t.Errorf("a template with the Secrets Manager transform: %q, want --capabilities CAPABILITY_AUTO_EXPAND CAPABILITY_IAM", first)
	}
}

// A design that pins its region (secret.region, or the region of the
// existing secret's or key's ARN) is deployed there: the CloudFormation
// commands and the subscription name it, as Terraform's provider block
// does. Without it they went to the shell's default region, which for
// design (b) of issue 22's fifth trial could be the replica's.
func TestNextStepNamesTheDesignsRegion(t *testing.T) {
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "shared/partner-api-key", Region: "us-east-1",
		ReplicaRegions: []blueprint.Replica{{Region: "eu-west-1"}}}}
	next := nextStep(generate.CloudFormation, "out.yaml", d)
	lines := strings.Split(next, "\n")
	if !strings.HasPrefix(lines[0], "aws cloudformation deploy ") || !strings.HasSuffix(lines[0], " --region us-east-1") {
		t.Errorf("deploy command %q does not name the design's region", lines[0])
	}
	sub := lines[len(lines)-1]
	if !strings.HasPrefix(sub, "aws sns subscribe ") || strings.Count(sub, "--region us-east-1") != 2 {
		t.Errorf("subscription %q: want the describe-stacks inside it and the subscribe itself in us-east-1", sub)
	}
	tf := strings.Split(nextStep(generate.Terraform, "out", d), "\n")
	if strings.Contains(tf[0], "--region") || !strings.HasSuffix(tf[len(tf)-1], " --region us-east-1") {
		t.Errorf("terraform next steps %q: the provider pins the region for plan, the subscription must name it", tf)
	}
	// The key's ARN pins it too; no region at all pins none.
	d.Secret.Region, d.Secret.KMSKeyARN = "", "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	if first, _, _ := strings.Cut(nextStep(generate.CloudFormation, "out.yaml", d), "\n"); !strings.HasSuffix(first, " --region eu-central-1") {
		t.Errorf("deploy command %q does not name the key's region", first)
	}
	d.Secret.KMSKeyARN = ""
	if next := nextStep(generate.CloudFormation, "out.yaml", d); strings.Contains(next, "--region") {
		t.Errorf("a design without a region got one:\n%s", next)
	}
}
