package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/store"
)

// A design file is judged from its one check: the report gives the
// secret's rule results, and the diagnostics are placed in the file.
func TestInspectDesignFile(t *testing.T) {
	calls := countChecks(t)
	f := InspectFile("../examples/payments-db.yaml", true, scan.Options{})
	if *calls != 1 {
		t.Errorf("inspecting a design file checked it %d times, want 1", *calls)
	}
	if f.Format != "design" || f.Err != nil || len(f.Secrets) != 1 || len(f.Secrets[0].Report.Results) == 0 {
		t.Errorf("InspectFile(design) = %+v, want one secret with its rule results", f)
	}
}

// Inspect picks the reader for each file of a walk, skips what it cannot
// read as any of them and what is excluded, and says when it found
// nothing at all, rather than passing in silence.
func TestInspectWalk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile("../examples/payments-db.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write("design.yaml", string(data))
	write("stack.yaml", "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n")
	write("tf/main.tf", "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"x\"\n}\n")
	write("notes.json", `{"not": "a template"}`)
	write("node_modules/pkg/stack.yaml", "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n")
	got, err := Inspect(store.OS{}, dir, DefaultExcludes)
	if err != nil {
		t.Fatal(err)
	}
	var formats []string
	for _, f := range got {
		formats = append(formats, filepath.Base(f.Path)+":"+f.Format)
	}
	if strings.Join(formats, " ") != "design.yaml:design stack.yaml:cloudformation tf:terraform" {
		t.Errorf("Inspect read %v, want the design, the template and the configuration, in path order", formats)
	}

	empty := t.TempDir()
	got, err = Inspect(store.OS{}, empty, DefaultExcludes)
	if err != nil || len(got) != 1 || len(got[0].Notices) != 1 || !strings.Contains(got[0].Notices[0].Msg, "nothing was checked") {
		t.Errorf("Inspect(an empty directory) = %+v, %v; want a notice that nothing was checked", got, err)
	}
	if _, err := Inspect(store.OS{}, filepath.Join(dir, "missing"), nil); err == nil {
		t.Error("Inspect(a missing path) gave no error")
	}
}

// A template's values that Validate refuses fail the check as a design
// file's do, with the problem at its line and in the template's words: a
// template that meets every rule but writes a password under masterarn
// fails, and one whose only problem is a warning does not.
func TestInspectTemplateProblems(t *testing.T) {
	dir := t.TempDir()
	const clean = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      Name: prod/app
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      Description: DESCRIPTION
      GenerateSecretString:
        SecretStringTemplate: 'TEMPLATE'
        GenerateStringKey: password
      Tags:
        - {Key: owner, Value: payments}
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Secret
      RotationLambdaARN: arn:aws:lambda:us-east-1:111122223333:function:rotate
      RotationRules: {AutomaticallyAfterDays: 30}
  Topic:
    Type: AWS::SNS::Topic
  Failed:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.secretsmanager]
        detail-type: [AWS Service Event via CloudTrail]
        detail:
          eventName: [RotationFailed, RotationAbandoned]
          additionalEventData: {SecretId: [!Ref Secret]}
      Targets:
        - {Id: t, Arn: !Ref Topic}
`
	run := func(desc, tmpl string) Inspected {
		p := filepath.Join(dir, "t.yaml")
		text := strings.NewReplacer("DESCRIPTION", desc, "TEMPLATE", tmpl).Replace(clean)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return InspectFile(p, true, scan.Options{})
	}
	f := run("app login", `{"username":"app"}`)
	if f.Err != nil || len(f.Secrets) != 1 || f.Fails(false) {
		t.Fatalf("the clean template fails (%v, %d secrets, %v); the test needs it to pass", f.Err, len(f.Secrets), f.Secrets[0].Report.Blocking())
	}
	f = run("app login", `{"username":"app","masterarn":"hunter2-S3cr3t"}`)
	if !f.Fails(false) {
		t.Errorf("a password under masterarn does not fail check: %+v", f.Secrets[0].Problems)
	}
	ps := f.Secrets[0].Problems
	if len(ps) != 1 || ps[0].Path != "GenerateSecretString.SecretStringTemplate" || ps[0].Pos.Line != 12 || strings.Contains(ps[0].Message, "hunter2") {
		t.Errorf("problems %v, want one at GenerateSecretString.SecretStringTemplate, line 12, not quoting the value", ps)
	}
	f = run("\"app \u202elogin\"", `{"username":"app"}`)
	if ps := f.Secrets[0].Problems; len(ps) != 1 || ps[0].Path != "Description" || ps[0].Pos.Line != 10 {
		t.Errorf("problems %v, want the bidirectional control warned at Description, line 10", ps)
	}
	if f.Fails(false) {
		t.Error("a warning fails check")
	}
}

// A configuration past the cap of 5,000 resource instances is judged
// (the first 5,000) rather than refused, and --strict fails on the notice
// that names the rest, as on the other caps.
func TestInspectInstanceCapFailsStrict(t *testing.T) {
	dir := t.TempDir()
	src := `resource "aws_secretsmanager_secret" "s" {
  count = 5001
  name  = "app/${count.index}"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	f := InspectFile(filepath.Join(dir, "main.tf"), true, scan.Options{})
	if f.Err != nil || len(f.Secrets) != 5000 {
		t.Fatalf("err %v, %d secrets; want the first 5000 judged", f.Err, len(f.Secrets))
	}
	if len(f.Notices) != 1 || !strings.Contains(f.Notices[0].Msg, "[5000] on, 1 of its 5001 instances are not read") || f.Notices[0].Pos.Line != 1 {
		t.Errorf("notices %v, want one at line 1 naming s[5000]", f.Notices)
	}
	if !f.Fails(true) {
		t.Error("--strict does not fail on the cap")
	}
}

// check's argument that is not there is told in words, as every other
// file that cannot be read: it printed the system's "stat X: no such file
// or directory" (issue 22's second trial).
func TestCheckArgsSaysWhatIsMissing(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.yaml")
	err := CheckArgs(store.OS{}, []string{dir, missing})
	if err == nil {
		t.Fatal("CheckArgs took a path that is not there")
	}
	if msg := err.Error(); strings.Contains(msg, "stat ") || !strings.Contains(msg, missing+": no such file: check the path") {
		t.Errorf("CheckArgs = %q, want the path and what to do, without the system call", msg)
	}
	if err := CheckArgs(store.OS{}, []string{dir}); err != nil {
		t.Errorf("CheckArgs(%s) = %v, want nil", dir, err)
	}
}
