package designfile

import (
	"strings"
	"testing"
)

// The YAML reader's messages may quote a character of the file as it is:
// a tab that indents a line reached the terminal raw, in "found character
// '\t' that cannot start any token" (issue 22's third trial). It is said
// in words, and no message holds a control character.
func TestYAMLMessagesHoldNoRawCharacters(t *testing.T) {
	_, _, ds := parse("f.yaml", []byte("version: 1\nsecret:\n\tsecretId: a\n"))
	got := strings.Join(diagStrings(ds), "\n")
	if !strings.Contains(got, "invalid YAML: a tab stands where YAML takes only spaces, such as in the indentation: replace it with spaces") {
		t.Errorf("a tab-indented line: %q", got)
	}
	if strings.ContainsAny(got, "\t\x1b") {
		t.Errorf("a message holds a raw control character: %q", got)
	}
}
