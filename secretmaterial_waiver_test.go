package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// trial7a T3: a waiver of generated-value let a JSON template's apikey
// through to the template (and, in the wizard, the design file). No
// waiver covers secret material: generate refuses, writes nothing and
// never prints the value.
func TestWaiverDoesNotWriteSecretMaterial(t *testing.T) {
	const key = "sk_live_abcdef123456"
	design := strings.Replace(validDesign, "generateSecretString: {passwordLength: 32}",
		`generateSecretString: {passwordLength: 32, generateStringKey: password, secretStringTemplate: '{"username":"svc","apikey":"`+key+`"}'}`, 1) +
		"waivers:\n  - rule: generated-value\n    reason: trial waiver for the apikey\n"
	dir, path := designIn(t, design)
	out := filepath.Join(dir, "out.cfn.yaml")
	code, stdout, stderr := runWithin(t, []string{"generate", path, "--format", "cloudformation", "-o", out}, "")
	if code == exitOK {
		t.Errorf("generate of a waived apikey: exit 0, want a refusal\n%s", stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written", out)
	}
	if strings.Contains(stdout+stderr, key) {
		t.Errorf("the value was printed:\n%s%s", stdout, stderr)
	}
	if !strings.Contains(stderr, "a waiver does not cover this") {
		t.Errorf("stderr does not say why the waiver did not help:\n%s", stderr)
	}
	// Standard output is a write too.
	if code, stdout, _ := runWithin(t, []string{"generate", path, "--format", "terraform"}, ""); code == exitOK || strings.Contains(stdout, key) {
		t.Errorf("generate to standard output: exit %d, stdout %.200q", code, stdout)
	}
}
