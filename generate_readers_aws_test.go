package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateReaderPoliciesAWSFillsTheAccount: with --aws, generate
// --reader-policies wrote the same REGION and ACCOUNT_ID placeholders as
// offline, though 'access --aws' names the account's region; the files
// now come from the same walk-through as access (workflow.ReaderPolicies),
// with the account's id and region, and the account is loaded once for
// the verification and the files.
func TestGenerateReaderPoliciesAWSFillsTheAccount(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "app.yaml")
	yaml := `version: 1
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
	got := policy("--aws")
	for _, bad := range []string{"ACCOUNT_ID", "REGION"} {
		if strings.Contains(got, bad) {
			t.Errorf("with --aws the reader policy still says %s:\n%s", bad, got)
		}
	}
	for _, want := range []string{
		`"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/app-??????"`,
		`"arn:aws:kms:eu-west-1:123456789012:key/KEY_ID"`,
		`"secretsmanager.eu-west-1.amazonaws.com"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("with --aws the reader policy lacks %s:\n%s", want, got)
		}
	}
	if len(*loads) != 1 {
		t.Errorf("the account was loaded %d times, want once", len(*loads))
	}
}
