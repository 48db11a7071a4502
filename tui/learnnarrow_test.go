package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// --learn below 90 columns, where the side pane is off: the Start intro
// spoke of "the checklist on the right", which is not there, and nothing
// said how to see the checklist or, on the Review, the reviewer's notes
// that --learn promises (issue 22's third trial at 60x24). Now the intro
// names no side, and a line says ctrl+t shows the pane; at 100 columns,
// where the pane is beside the form, that line is not drawn.
func TestLearnNarrowSaysHowToSeeThePane(t *testing.T) {
	m := New(nil, Options{NoColor: true, Learn: true})
	m.tick = instantTick
	send(t, m, tea.WindowSizeMsg{Width: 60, Height: 24})
	s := screen(m)
	if strings.Contains(s, "on the right") {
		t.Errorf("at 60 columns the intro speaks of a pane on the right:\n%s", s)
	}
	contains(t, s, "ctrl+t shows the blueprint checklist")

	press(t, m, "enter")
	typeText(t, m, "prod/db")
	m.gotoStep(stepReview)
	m.settle()
	contains(t, screen(m), "ctrl+t shows the reviewer's notes")
	press(t, m, "ctrl+t")
	contains(t, screen(m), "Reviewer's notes")

	w := sized(New(nil, Options{NoColor: true, Learn: true}))
	if s := screen(w); strings.Contains(s, "ctrl+t shows") {
		t.Errorf("at 100 columns, with the checklist beside the form, the intro still says ctrl+t shows it:\n%s", s)
	}
}
