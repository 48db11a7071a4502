package tui

import (
	"strings"
	"testing"
)

// Issue 22 (trial): at 100 columns a list option longer than the form's
// column is wrapped under its text, not cut with "…".
func TestListOptionWrapsNotCut(t *testing.T) {
	m := sized(New(nil, Options{})) // 100 columns
	s := screen(m)
	if strings.Contains(s, "existing sec…") {
		t.Errorf("the Start option is cut:\n%s", s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.Contains(l, "( ) Add a policy, rotation and alerts") {
			if i+1 >= len(lines) || !strings.Contains(lines[i+1], "secret") ||
				strings.Index(lines[i+1], strings.TrimSpace(strings.Split(lines[i+1], "│")[0])) != strings.Index(l, "Add a policy") {
				t.Errorf("the option's rest is not on the next line, under its text:\n%s", s)
			}
			return
		}
	}
	t.Errorf("the Start screen does not show the option:\n%s", s)
}
