package workflow

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/store"
)

// The shared reader gives each unread value its FILE:LINE and leaves an
// ARN it could not know out of the design.
func TestImport(t *testing.T) {
	secrets, err := Import(store.OS{}, "../scan/testdata/cfn/params-unknown.yaml")
	if err != nil || len(secrets) != 1 {
		t.Fatalf("Import = %v, %v; want one secret", secrets, err)
	}
	s := secrets[0]
	if s.ID != "Secret" || s.Source != "../scan/testdata/cfn/params-unknown.yaml" {
		t.Errorf("secret %q from %q", s.ID, s.Source)
	}
	want := []Unread{
		{Path: "rotation", At: "../scan/testdata/cfn/params-unknown.yaml:27"},
		{Path: "rotation.rotationLambdaArn", At: "../scan/testdata/cfn/params-unknown.yaml:32"},
		{Path: "secret.kmsKeyArn", At: "../scan/testdata/cfn/params-unknown.yaml:24"},
		// A stack takes the region it is deployed to; this template
		// records none and its key is a parameter (trial6a A3).
		{Path: "secret.region", At: "../scan/testdata/cfn/params-unknown.yaml:20"},
	}
	if len(s.Unread) != len(want) {
		t.Fatalf("unread %+v, want %d", s.Unread, len(want))
	}
	for i, u := range s.Unread {
		if u.Path != want[i].Path || u.At != want[i].At || u.Reason == "" {
			t.Errorf("unread %d = %+v, want %s at %s with a reason", i, u, want[i].Path, want[i].At)
		}
	}
	if _, err := Import(store.OS{}, "../scan/testdata/nothere.yaml"); err == nil {
		t.Error("Import of a missing file gave no error")
	}
}

// ImportOne opens the only secret, or the one named; it never guesses
// between several, and says which there are.
func TestImportOne(t *testing.T) {
	const one = "../scan/testdata/cfn/params-unknown.yaml"
	if s, err := ImportOne(store.OS{}, one, ""); err != nil || s.ID != "Secret" {
		t.Errorf("ImportOne(the only secret) = %v, %v", s, err)
	}
	var choice *ChoiceError
	if _, err := ImportOne(store.OS{}, one, "Other"); !errors.As(err, &choice) || choice.Resource != "Other" || len(choice.IDs) != 1 || choice.IDs[0] != "Secret" {
		t.Errorf("ImportOne(a secret it does not hold) = %v, want a *ChoiceError listing Secret", err)
	}
}

// Issue 22 (a): a secret imported from a template gets the same answer on
// the recovery-window rule in the wizard (blueprint.Check of the imported
// design) as 'check' of the template: CloudFormation deletes a secret with
// its stack unless its DeletionPolicy is Retain (with no recovery window
// AWS documents), which breaks the rule in both, and a Retain meets it in
// both.
func TestImportRecoveryWindowOneAnswer(t *testing.T) {
	for _, c := range []struct {
		path string
		want blueprint.Status
	}{
		{"../scan/testdata/cfn/nc-literal-value.yaml", blueprint.StatusNotMet},
		{"../scan/testdata/cfn/rds-realistic.yaml", blueprint.StatusMet},
	} {
		data, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := scan.CloudFormation(c.path, data)
		if err != nil || len(res.Secrets) == 0 {
			t.Fatalf("scan %s: %v", c.path, err)
		}
		checked, _ := res.Secrets[0].Check().Result(blueprint.RuleRecoveryWindow)
		imp, err := ImportOne(store.OS{}, c.path, res.Secrets[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		wizard, _ := blueprint.Check(imp.Design).Result(blueprint.RuleRecoveryWindow)
		if checked.Status != c.want || wizard.Status != c.want {
			t.Errorf("%s: check says %v, the wizard %v; want %v in both", c.path, checked.Status, wizard.Status, c.want)
		}
	}
}

// The wizard's import of a Terraform directory opens each secret in the
// region of the provider configuration it uses (it opened every one with
// no region), and marks a region given at plan time not read.
func TestImportTerraformRegion(t *testing.T) {
	secrets, err := Import(store.OS{}, "../scan/testdata/tf/providers")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"aws_secretsmanager_secret.home":                       "eu-west-1",
		"aws_secretsmanager_secret.west":                       "us-west-2",
		"aws_secretsmanager_secret.own":                        "ap-southeast-2",
		"module.passed.aws_secretsmanager_secret.in_module":    "us-west-2",
		"module.inherited.aws_secretsmanager_secret.in_module": "eu-west-1",
	}
	if len(secrets) != len(want) {
		t.Fatalf("%d secrets, want %d", len(secrets), len(want))
	}
	for _, s := range secrets {
		if got := s.Design.Secret.Region; got != want[s.ID] {
			t.Errorf("%s: region %q, want %q", s.ID, got, want[s.ID])
		}
	}

	dir := t.TempDir()
	src := "variable \"region\" {}\nprovider \"aws\" {\n  region = var.region\n}\nresource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"x\"\n}\n"
	if err := os.WriteFile(dir+"/main.tf", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	secrets, err = Import(store.OS{}, dir)
	if err != nil || len(secrets) != 1 {
		t.Fatalf("Import = %v, %v", secrets, err)
	}
	found := false
	for _, u := range secrets[0].Unread {
		found = found || u.Path == "secret.region" && u.At == dir+"/main.tf:3"
	}
	if !found {
		t.Errorf("unread %+v, want secret.region at main.tf:3", secrets[0].Unread)
	}
}

// Round two's trial: a secret imported says the format it was read from,
// so the wizard writes it back in that format unless told otherwise (an
// imported Terraform configuration was written as CloudFormation YAML).
func TestImportSaysItsFormat(t *testing.T) {
	for path, want := range map[string]generate.Format{
		"../scan/testdata/cfn/params-unknown.yaml":  generate.CloudFormation,
		"../scan/testdata/cfn/existing-by-arn.json": generate.CloudFormationJSON,
		"../scan/testdata/tf/split-files":           generate.Terraform,
		"../scan/testdata/tf/split-files/main.tf":   generate.Terraform,
	} {
		secrets, err := Import(store.OS{}, path)
		if err != nil || len(secrets) == 0 {
			t.Errorf("Import(%s) = %v, %v", path, secrets, err)
			continue
		}
		if got := secrets[0].Format; got != want {
			t.Errorf("Import(%s) format %q, want %q", path, got, want)
		}
	}
}

// Issue 22's last trial: a secret whose template leaves its deletion to
// the default opened with a recovery window of 0 (CloudFormation) and no
// word of where it came from. A CloudFormation secret without a
// DeletionPolicy reads as the documented default, Delete (0 in a design:
// the stack deletes the secret, with no recovery window AWS documents),
// marked not read at the secret. A Terraform secret without
// recovery_window_in_days gets the provider's default, 30, which is the
// design's own default: absent there too, and not marked, or the recovery
// rule could not be verified for a value that is known. One the template
// sets is not marked.
func TestImportMarksAnAbsentRecoveryWindow(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"absent.yaml":    "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db\n",
		"retain.yaml":    "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    DeletionPolicy: Retain\n    Properties:\n      Name: prod/db\n",
		"absent/main.tf": "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"prod/db\"\n}\n",
		"set/main.tf":    "resource \"aws_secretsmanager_secret\" \"db\" {\n  name                    = \"prod/db\"\n  recovery_window_in_days = 7\n}\n",
	}
	for name, src := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zero, seven := 0, 7
	for _, c := range []struct {
		path   string
		window *int
		marked string // in the reason, "" for no marker
		at     string
	}{
		{"absent.yaml", &zero, "no DeletionPolicy", "absent.yaml:2"},
		{"retain.yaml", nil, "", ""},
		{"absent", nil, "", ""},
		{"set", &seven, "", ""},
	} {
		secrets, err := Import(store.OS{}, filepath.Join(dir, c.path))
		if err != nil || len(secrets) != 1 {
			t.Fatalf("%s: Import = %v, %v", c.path, secrets, err)
		}
		s := secrets[0]
		if got := s.Design.Secret.RecoveryWindowDays; (got == nil) != (c.window == nil) || got != nil && *got != *c.window {
			t.Errorf("%s: recovery window %v, want %v", c.path, intOrNil(got), intOrNil(c.window))
		}
		var marker *Unread
		for i, u := range s.Unread {
			if u.Path == "secret.recoveryWindowDays" {
				marker = &s.Unread[i]
			}
		}
		switch {
		case c.marked == "" && marker != nil:
			t.Errorf("%s: the recovery window the template sets is marked not read: %+v", c.path, *marker)
		case c.marked != "" && marker == nil:
			t.Errorf("%s: the absent recovery window is not marked; unread %+v", c.path, s.Unread)
		case c.marked != "" && (!strings.Contains(marker.Reason, c.marked) || marker.At != filepath.Join(dir, c.at)):
			t.Errorf("%s: marker %+v, want it at %s saying %q", c.path, *marker, c.at, c.marked)
		}
	}
}

func intOrNil(p *int) string {
	if p == nil {
		return "absent"
	}
	return strconv.Itoa(*p)
}

// A number too long to read, which check tells its range, opened in the
// wizard as 9223372036854775807, a number the template does not hold: it
// is left out and marked not read, with the range, at its line.
func TestImportNumberTooLongIsMarked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.yaml")
	src := "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    DeletionPolicy: Retain\n    Properties:\n" +
		"      Name: prod/db\n      KmsKeyId: alias/app\n      GenerateSecretString:\n        PasswordLength: 99999999999999999999\n" +
		// The region and key are given, so neither is the other unread value.
		"Metadata:\n  secretsmith:\n    region: eu-west-1\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := ImportOne(store.OS{}, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if g := s.Design.Secret.GenerateSecretString; g == nil || g.PasswordLength != nil {
		t.Errorf("generated value %+v, want one without a password length", g)
	}
	want := Unread{Path: "secret.generateSecretString.passwordLength", At: path + ":9",
		Reason: "the template gives a whole number too long to read; it must be 4-4096 characters"}
	if len(s.Unread) != 1 || s.Unread[0] != want {
		t.Errorf("unread %+v, want %+v", s.Unread, want)
	}
}
