package designfile

import (
	"fmt"
	"strings"
	"testing"
)

// Issue 22's last trial: a number too long for its field said the range
// of an int32, not the field's. It says the field's range in the words a
// number in reach but out of range gets from Validate, once, at its line;
// a password length's range counts the kinds of character the keys after
// it leave in.
func TestNumberTooLongNamesTheFieldsRange(t *testing.T) {
	for _, c := range []struct {
		path, file, inReach string
	}{
		{"secret.recoveryWindowDays", "version: 1\nsecret:\n  recoveryWindowDays: %s\n", "31"},
		{"secret.generateSecretString.passwordLength",
			"version: 1\nsecret:\n  generateSecretString:\n    passwordLength: %s\n    excludeNumbers: true\n    excludePunctuation: true\n", "5000"},
		{"secret.database.port", "version: 1\nsecret:\n  database:\n    host: db.example.com\n    port: %s\n", "70000"},
		{"rotation.automaticallyAfterDays", "version: 1\nrotation:\n  automaticallyAfterDays: %s\n", "1001"},
	} {
		want := diagsAt(Decode("f.yaml", []byte(fmt.Sprintf(c.file, c.inReach))), c.path)
		if len(want) != 1 {
			t.Errorf("%s: %s is told %q, want one message", c.path, c.inReach, want)
			continue
		}
		for _, huge := range []string{"99999999999999999999", "-99999999999999999999", "3000000000"} {
			got := diagsAt(Decode("f.yaml", []byte(fmt.Sprintf(c.file, huge))), c.path)
			if len(got) != 1 || got[0] != want[0] {
				t.Errorf("%s: %s is told %q, want the range as %s is told it: %q", c.path, huge, got, c.inReach, want[0])
			}
		}
	}
	f := Decode("f.yaml", []byte("version: 99999999999999999999\nsecret:\n  secretId: x\n"))
	if got, want := diagsAt(f, "version"), "1:10: version: unsupported version 99999999999999999999; this secretsmith reads version 1 only"; len(got) != 1 || got[0] != want {
		t.Errorf("version 99999999999999999999 is told %q, want %q", got, want)
	}
	if len(f.Validation) != 0 {
		t.Errorf("a file of another version is judged by version 1's rules: %s", f.Validation)
	}
}

// diagsAt are the messages of f's diagnostics at path, with line and
// column, structural and from validation.
func diagsAt(f *File, path string) []string {
	var out []string
	for _, d := range append(f.Structure, f.Validation...) {
		if d.Path == path {
			out = append(out, strings.TrimPrefix(d.String(), "f.yaml:"))
		}
	}
	return out
}
