package tui

import (
	"strings"
	"testing"
)

// Every record of questions.txt is read by an ask: a record nothing asks
// for is words no screen shows, such as one left behind when its field
// went, or one whose name is misspelt in the file.
func TestEveryRecordIsAsked(t *testing.T) {
	for name := range words {
		if !asked[name] {
			t.Errorf("questions.txt has a record %s that nothing asks for", name)
		}
	}
	if len(words) < len(asked) || len(asked) == 0 {
		t.Errorf("%d records, %d asked", len(words), len(asked))
	}
}

// A field whose hint and help change with an answer before it keeps its
// field's title: the principals by the statement's principal type or the
// button that added it, and the rotation function's role by who owns the
// key.
func TestVariantsKeepTheirFieldsTitle(t *testing.T) {
	for _, v := range []struct{ field, variant question }{
		{qPrinValues, qPrinAccounts},
		{qPrinValues, qPrinServices},
		{qPrinValues, qPrinFederated},
		{qLambdaRole, qLambdaRoleOwnKey},
	} {
		if v.variant.title != v.field.title || v.variant.hint == v.field.hint {
			t.Errorf("%+v is a variant of %+v: want the same title and its own hint", v.variant, v.field)
		}
	}
}

// readWords reads questions.txt as its head says: comments and blank
// lines skipped, a title's leading spaces kept, and the help's lines
// joined into one paragraph.
func TestReadWords(t *testing.T) {
	got := readWords("# a comment\n\n== qA\ntitle:   value\nhint: the hint\nOne line\n  and the next.\r\n# inside\nhint: is help here\n\n== qB\nOnly help.\n")
	want := map[string]question{
		"qA": {"  value", "the hint", "One line and the next. hint: is help here"},
		"qB": {"", "", "Only help."},
	}
	if len(got) != len(want) || got["qA"] != want["qA"] || got["qB"] != want["qB"] {
		t.Errorf("readWords = %q, want %q", got, want)
	}
	for _, bad := range []string{"stray words\n== qA\n", "== qA\n== qA\n"} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "questions.txt:") {
					t.Errorf("readWords(%q) did not stop with the line: %v", bad, r)
				}
			}()
			readWords(bad)
		}()
	}
}
