package tui

import (
	"strings"
	"testing"
)

// A tag added and left without a key is told the key is required, under
// the key, rather than the length it falls short of.
func TestEmptyTagKeyIsRequired(t *testing.T) {
	m := onSecret(t)
	typeText(t, m, "prod/db")
	m.focusID("tags.add")
	press(t, m, "enter", "tab")
	got := strings.Join(problemTexts(t, m, "tag0.key"), "\n")
	if !strings.HasPrefix(got, "is required") || strings.Contains(got, "1-128") {
		t.Errorf("an empty tag key is told %q, want that it is required", got)
	}
	contains(t, formText(m), "✗ is required: give the tag a key")
}
