package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/store"
	"github.com/secretsmith/secretsmith/tui"
)

// lineWizard runs the wizard in line mode on answers, as a script would,
// and returns what it printed on standard error.
func lineWizard(t *testing.T, opts wizardOptions, answers ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	st := streams{in: strings.NewReader(strings.Join(answers, "\n") + "\n"), out: &out, err: &errb, data: &out, term: &errb,
		fs: store.OS{}, getenv: func(string) string { return "" }}
	opts.accessible, opts.stateHome = true, t.TempDir()
	if err := runWizard(st, opts); !errors.Is(err, tui.ErrInputEnded) {
		t.Fatalf("runWizard = %v, want the input to end first\n%s", err, errb.String())
	}
	return errb.String()
}

// Issue 12: --design-from opens the secret with what could not be read
// marked at its questions, naming the template's line, not only listed
// before the wizard starts.
func TestDesignFromMarksUnreadValues(t *testing.T) {
	const tpl = "scan/testdata/cfn/params-unknown.yaml"
	answers := []string{"prod/db"}
	for range 30 {
		answers = append(answers, "")
	}
	got := lineWizard(t, wizardOptions{designFrom: tpl}, answers...)
	// The key is not read, so nothing is chosen for it and an empty
	// answer is refused (B5): the key is chosen at its question, the
	// prompts before it answered empty, for the steps after it.
	before := strings.Count(got[:strings.Index(got, "\nEncryption key\n")], "> ")
	answers = append(append(answers[:before:before], "create"), answers[before:]...)
	got = lineWizard(t, wizardOptions{designFrom: tpl}, answers...)
	for _, want := range []string{
		"secretsmith: 4 values of Secret in " + tpl + " could not be read; the wizard marks them at their fields",
		// A stack takes the region it is deployed to, which this template
		// does not record (trial6a A3).
		"warning: not read from " + tpl + ":20: a CloudFormation stack is created in whichever region it is deployed to",
		"Step 2 of 8: Secret", // past Start: the template is the design
		"Current value: 24",   // the password length read from it
		"at Encryption key\nwarning: not read from " + tpl + ":24: the parameter KeyArn has no default, so its value is given at deployment — check it",
		"Rotate automatically\nCurrent value: yes. Type y or n.\nwarning: not read from " + tpl + ":27: the schedule Schedule exists only under the condition Rotate",
		"Current value: empty\nwarning: not read from " + tpl + ":32: the value is imported from another stack (Fn::ImportValue) — check it",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("line mode did not say %q:\n%s", want, got)
		}
	}
}

// "Import a template" on the Start screen reads through the same reader as
// --design-from: a configuration of two secrets asks which to open.
func TestImportTemplateFromStart(t *testing.T) {
	got := lineWizard(t, wizardOptions{}, "import", "scan/testdata/tf/for-each", "", "2", "")
	for _, want := range []string{
		"4. Import a template (CloudFormation or Terraform) [import]",
		`scan/testdata/tf/for-each holds 2 secrets; choose the one to open`,
		`2. aws_secretsmanager_secret.svc["worker"] (prod/worker)`,
		"Step 2 of 8: Secret",
		"Current value: prod/worker",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("line mode did not say %q:\n%s", want, got)
		}
	}
}

// Round two's trial: one value not read is named in the singular ("1 value
// ... marks it at its field"), not "1 value ... marks them at their
// fields".
func TestDesignFromOneUnreadValue(t *testing.T) {
	tpl := filepath.Join(t.TempDir(), "one.yaml")
	const body = "Parameters:\n  Team:\n    Type: String\nResources:\n  Secret:\n    Type: AWS::SecretsManager::Secret\n" +
		"    DeletionPolicy: Retain\n    Properties:\n      Name: prod/one\n      KmsKeyId: alias/app\n      Tags:\n        - Key: owner\n          Value: !Ref Team\n" +
		"Metadata:\n  secretsmith:\n    region: eu-west-1\n" // the region and key given, so neither is the other value
	if err := os.WriteFile(tpl, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	answers := make([]string, 30)
	got := lineWizard(t, wizardOptions{designFrom: tpl}, answers...)
	want := "secretsmith: 1 value of Secret in " + tpl + " could not be read; the wizard marks it at its field\n"
	if !strings.Contains(got, want) {
		t.Errorf("line mode did not say %q:\n%s", want, got)
	}
}

// Trial 6b (B3): Start > Open a design file given a template listed the
// template's keys as unknown (eight errors for a CloudFormation template,
// "invalid YAML" for a Terraform file), where --design says what it is and
// how to open it. Every way of opening a design file now says the latter.
func TestOpenTemplateAsDesignFromStart(t *testing.T) {
	for _, tt := range []struct{ path, what string }{
		{"scan/testdata/cfn/alarm.yaml", "a CloudFormation template"},
		{"scan/testdata/tf/for-each/main.tf", "a Terraform file"},
	} {
		got := lineWizard(t, wizardOptions{}, "open", tt.path)
		want := tt.path + ":1:1: is " + tt.what + ", not a secretsmith design file: open it in the wizard with --design-from " + tt.path
		if !strings.Contains(got, want) || strings.Contains(got, "unknown key") || strings.Contains(got, "invalid YAML") {
			t.Errorf("line mode did not say only %q:\n%s", want, got)
		}
	}
}
