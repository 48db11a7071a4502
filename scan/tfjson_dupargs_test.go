package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTerraformJSONDuplicateArgumentIsAConfigurationError: a .tf.json body
// that gives an argument twice is refused, as Terraform refuses it, rather
// than judged on its first value (trial8b X3); a block written twice, which
// HCL's JSON syntax allows, is still read.
func TestTerraformJSONDuplicateArgumentIsAConfigurationError(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string // nil: read
	}{
		{"resource", `{"resource":{"aws_secretsmanager_secret":{"s":{"name":"a","name":"b","kms_key_id":"x"}}}}`,
			[]string{"main.tf.json:1:59", `aws_secretsmanager_secret.s: the argument "name" is given twice (first at 1:48)`, "Terraform refuses"}},
		{"list of bodies", "{\"resource\":{\"aws_secretsmanager_secret\":{\"s\":[{\"name\":\"a\",\n\"description\":\"d\",\"description\":\"e\"}]}}}",
			[]string{"main.tf.json:2:19", `the argument "description" is given twice (first at 2:1)`}},
		{"locals", `{"locals":{"n":"a","n":"b"},"resource":{"aws_secretsmanager_secret":{"s":{"name":"${local.n}"}}}}`,
			[]string{`locals: the argument "n" is given twice`}},
		{"blocks twice", `{"resource":{"aws_secretsmanager_secret":{"s":{"name":"a","replica":{"region":"eu-west-1"},"replica":{"region":"eu-west-2"}}}}}`, nil},
		{"one each", `{"resource":{"aws_secretsmanager_secret":{"s":{"name":"a"},"t":{"name":"a"}}}}`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Terraform(dir)
			if c.want == nil {
				if err != nil {
					t.Fatalf("%v, want read", err)
				}
				return
			}
			if err == nil {
				t.Fatal("read, want a configuration error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
