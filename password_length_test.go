package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 22 (trial): a generated password of 3 characters was taken without
// a word by check and by a design file, although GetRandomPassword refuses
// a length below the kinds of character it must hold one of each; a length
// it takes but under 14 is warned as weak.
func TestPasswordLengthCheckedByCheckAndDesignFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const tmpl = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Secret:\n    Type: AWS::SecretsManager::Secret\n" +
		"    Properties:\n      Name: prod/db\n      GenerateSecretString:\n        PasswordLength: LENGTH\n"
	for _, c := range []struct{ n, want string }{
		{"3", "INVALID  " + filepath.Join(dir, "t3.yaml") + ":8:9  GenerateSecretString.PasswordLength: must be at least 4"},
		{"8", "WARNING  " + filepath.Join(dir, "t8.yaml") + ":8:9  GenerateSecretString.PasswordLength: is 8 characters, which is weak"},
	} {
		p := write("t"+c.n+".yaml", strings.Replace(tmpl, "LENGTH", c.n, 1))
		var out, errb bytes.Buffer
		run([]string{"check", p}, nil, &out, &errb)
		if !strings.Contains(out.String(), c.want) {
			t.Errorf("check of PasswordLength %s does not say %q:\n%s%s", c.n, c.want, out.String(), errb.String())
		}
	}
	const design = "version: 1\nsecret:\n  secretId: prod/db\n  generateSecretString: {passwordLength: LENGTH}\n"
	// The design breaks rules besides (no rotation), so generate fails
	// either way; what matters is what it says of the length.
	for _, c := range []struct{ n, want string }{
		{"3", ":4:42: secret.generateSecretString.passwordLength: must be at least 4"},
		{"8", ":4:42: secret.generateSecretString.passwordLength: warning: is 8 characters, which is weak"},
	} {
		p := write("d"+c.n+".design.yaml", strings.Replace(design, "LENGTH", c.n, 1))
		var out, errb bytes.Buffer
		run([]string{"generate", "--format", "cloudformation", "-o", filepath.Join(dir, "out"+c.n+".yaml"), p}, nil, &out, &errb)
		if !strings.Contains(errb.String(), c.want) {
			t.Errorf("generate of passwordLength %s does not say %q:\n%s", c.n, c.want, errb.String())
		}
	}
}
