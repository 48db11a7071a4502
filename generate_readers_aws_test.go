package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// readerAppDesign is a design with one cross-account reader, for the
// reader policy files.
const readerAppDesign = `version: 1
name: app
secret:
  secretId: prod/app
resourcePolicy:
  statements:
    - sid: App
      effect: Allow
      principal: {AWS: ["arn:aws:iam::444455556666:role/app"]}
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
waivers:
  - rule: rotation-enabled
    reason: an API key its vendor rotates
`

// TestGenerateReaderPoliciesAWSFillsTheAccount: with --aws, generate
// --reader-policies wrote the same REGION and ACCOUNT_ID placeholders as
// offline, though 'access --aws' names the account's region; the files
// now come from the same walk-through as access (workflow.ReaderPolicies),
// with the account's id and region, and the account is loaded once for
// the verification and the files.
func TestGenerateReaderPoliciesAWSFillsTheAccount(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "app.yaml")
	yaml := readerAppDesign
	if err := os.WriteFile(design, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	policy := func(args ...string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "app.cfn.yaml")
		var o, e bytes.Buffer
		args = append([]string{"generate", "--format", "cloudformation", "--reader-policies", "-o", out}, append(args, design)...)
		if code := run(args, nil, &o, &e); code != exitOK {
			t.Fatalf("%v: exit %d\n%s%s", args, code, o.String(), e.String())
		}
		data, err := os.ReadFile(filepath.Join(filepath.Dir(out), "app.reader-1.444455556666-role-app.iam.json"))
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, e.String())
		}
		return string(data)
	}
	if got := policy(); !strings.Contains(got, "ACCOUNT_ID") || !strings.Contains(got, "REGION") {
		t.Fatalf("offline the reader policy has no placeholders:\n%s", got)
	}
	loads := useFake(t, &fakeAccount{})
	readerPolicyResolved(t, "generate --aws", policy("--aws"),
		`"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/app-??????"`,
		`"arn:aws:kms:eu-west-1:123456789012:key/KEY_ID"`,
		`"secretsmanager.eu-west-1.amazonaws.com"`)
	if len(*loads) != 1 {
		t.Errorf("the account was loaded %d times, want once", len(*loads))
	}
}

// TestWizardReaderPoliciesRoundTrip: the wizard's "Reader policies" switch
// is the design's output.readerPolicies: its writer writes the files
// beside the template and saves the key, and generate, given that design
// file alone, writes them again (the key's path is where they go).
func TestWizardReaderPoliciesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	yaml := readerAppDesign + `output:
  format: cloudformation
  readerPolicies: true
`
	f := designfile.Decode("app.yaml", []byte(yaml))
	if errs := f.Structure.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "app.cfn.yaml")
	reader := filepath.Join(dir, "app.reader-1.444455556666-role-app.iam.json")
	w, err := wizardWriter(store.OS{})(context.Background(), nil, f.Design, generate.CloudFormation, out, false, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(w.Files, reader) {
		t.Errorf("the wizard wrote %v, not the reader policy %s", w.Files, reader)
	}
	saved, err := os.ReadFile(filepath.Join(dir, "app.design.yaml"))
	if err != nil || !strings.Contains(string(saved), "readerPolicies: true") {
		t.Fatalf("the saved design does not keep output.readerPolicies (%v):\n%s", err, saved)
	}
	if err := os.Remove(reader); err != nil {
		t.Fatal(err)
	}
	var o, e bytes.Buffer
	if code := run([]string{"generate", "--force", filepath.Join(dir, "app.design.yaml")}, nil, &o, &e); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, o.String(), e.String())
	}
	if _, err := os.Stat(reader); err != nil {
		t.Errorf("generate with the saved output key did not write the reader policy: %v\n%s", err, e.String())
	}
	if !strings.Contains(e.String(), "output.readerPolicies") {
		t.Errorf("generate does not say it took output.readerPolicies:\n%s", e.String())
	}
}

// TestWizardReaderPoliciesAWSFillsTheAccount: the wizard started with
// --aws wrote the reader policies with ACCOUNT_ID and REGION, though
// 'generate --aws --reader-policies' fills them, since its writer rendered
// them without the account; it now hands the connected account to the
// same workflow.ReaderPolicies.
func TestWizardReaderPoliciesAWSFillsTheAccount(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("NO_COLOR", "1")
	dir := t.TempDir()
	design := filepath.Join(dir, "app.yaml")
	yaml := readerAppDesign + "output:\n  format: cloudformation\n  path: app.cfn.yaml\n  readerPolicies: true\n"
	if err := os.WriteFile(design, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	useFake(t, &fakeAccount{})
	code, _, stderr := runWithin(t, []string{"--accessible", "--aws", "--design", design}, strings.Repeat("\n", 80))
	if code != exitOK {
		t.Fatalf("line mode --aws on the design: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "AWS: account 123456789012") {
		t.Errorf("the wizard did not connect to the fake account:\n%s", stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "app.reader-1.444455556666-role-app.iam.json"))
	if err != nil {
		t.Fatalf("the wizard wrote no reader policy: %v\n%s", err, stderr)
	}
	readerPolicyResolved(t, "the wizard with --aws", string(data),
		`"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/app-??????"`,
		`"secretsmanager.eu-west-1.amazonaws.com"`)
}

// readerPolicyResolved fails unless a reader's IAM policy that who wrote
// has the account's values in place of the ACCOUNT_ID and REGION
// placeholders, and holds each of want.
func readerPolicyResolved(t *testing.T, who, policy string, want ...string) {
	t.Helper()
	for _, bad := range []string{"ACCOUNT_ID", "REGION"} {
		if strings.Contains(policy, bad) {
			t.Errorf("%s: the reader policy still says %s:\n%s", who, bad, policy)
		}
	}
	for _, w := range want {
		if !strings.Contains(policy, w) {
			t.Errorf("%s: the reader policy lacks %s:\n%s", who, w, policy)
		}
	}
}
