package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A policy over Secrets Manager's 20480 characters is said in the
// statement editor, where the values that make it so are pasted; it was
// said only above the list of statements, hundreds of lines from the
// field, and the list's Continue said "fix the 1 error" without where
// (issue 22's third trial).
func TestPolicySizeIsSaidWhereItGrows(t *testing.T) {
	m := New(benchDesign(), Options{DesignFile: "bench.yaml"})
	m.tick = instantTick
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	m.gotoStep(stepPolicy)
	m.editStatement(0, "")
	m.focusID("stmt0.cond0.values")
	press(t, m, "ctrl+u")
	var ids []string
	for i := range 1000 {
		ids = append(ids, fmt.Sprintf("vpce-%017x", i))
	}
	send(t, m, tea.PasteMsg{Content: strings.Join(ids, ",")})
	var form []string
	s := screen(m)
	for _, l := range strings.Split(s, "\n") {
		left, _, _ := strings.Cut(l, "│")
		form = append(form, left)
	}
	if !strings.Contains(strings.Join(strings.Fields(strings.Join(form, " ")), " "), "Secrets Manager allows at most 20480") {
		t.Errorf("the statement editor does not say the policy is too long:\n%s", s)
	}
	press(t, m, "esc")
	m.focusID("step.continue")
	m.advance()
	if !strings.Contains(m.status, "shown above the step's fields") {
		t.Errorf("status = %q, want it to say where the error is", m.status)
	}
}
