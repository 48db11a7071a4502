package account

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNeverReadsSecretValues greps the module: the Secrets Manager
// operations that return a secret's value appear in non-test code only as
// IAM action names in policies ("secretsmanager:" + the operation), and no
// code, test fakes included, declares, calls or builds a request for them.
func TestNeverReadsSecretValues(t *testing.T) {
	// Built from parts, so that this file does not match itself.
	op := "Get" + "Secret" + "Value"
	ops := "(?:Batch)?" + op
	anyUse := regexp.MustCompile(`(\w*:)?\b` + ops + `\w*`)
	code := regexp.MustCompile(`func\s*(\([^)]*\)\s*)?` + ops + `\s*\(|\.` + ops + `\s*\(|` + ops + `(Input|Output|Paginator|API)\b`)
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found above account/: %v", err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		files++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for i, line := range strings.Split(string(src), "\n") {
			if m := code.FindString(line); m != "" {
				t.Errorf("%s:%d: %q calls, declares or builds the operation that reads a secret's value", rel, i+1, m)
			}
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			for _, m := range anyUse.FindAllStringSubmatch(line, -1) {
				if m[1] != "secretsmanager:" {
					t.Errorf("%s:%d: %q: outside tests the operation may appear only as the IAM action secretsmanager:%s", rel, i+1, m[0], strings.TrimPrefix(m[0], m[1]))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("walked only %d Go files under %s", files, root)
	}
	// The patterns do catch what they are meant to.
	for _, bad := range []string{"sm." + op + "(ctx, in)", "func (f *fake) Batch" + op + "(ctx context.Context)", "&secretsmanager." + op + "Input{"} {
		if !code.MatchString(bad) {
			t.Errorf("pattern misses %q", bad)
		}
	}
	if m := anyUse.FindStringSubmatch("// we call " + op + " here"); m == nil || m[1] == "secretsmanager:" {
		t.Errorf("pattern misses a bare mention")
	}
}
