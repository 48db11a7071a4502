package tui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A side pane longer than the screen says in its title how to scroll it,
// as the reviewer's notes do: the preview and "Who can read this?" at
// 80x30 showed their first screen and nothing of the rest (issue 22's
// third trial).
func TestSidePanesSayTheyScroll(t *testing.T) {
	m := New(decodeDesign(t, filepath.Join("..", "examples", "payments-db.yaml")), Options{NoColor: true})
	m.tick = instantTick
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 30})
	for _, c := range []struct{ key, title string }{{"ctrl+p", "Preview"}, {"ctrl+r", "Who can read this?"}} {
		press(t, m, c.key)
		s := screen(m)
		_, rest, _ := strings.Cut(s, c.title)
		if title, _, _ := strings.Cut(rest, "\n"); !strings.Contains(title, "pgup/pgdown") {
			t.Errorf("%s: the pane's title does not say how to scroll it:\n%s", c.key, s)
		}
	}
}
