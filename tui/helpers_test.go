package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// keyNames maps the names tests use to the key messages a terminal sends.
var keyNames = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"esc":       {Code: tea.KeyEscape},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"space":     {Code: tea.KeySpace, Text: " "},
	"backspace": {Code: tea.KeyBackspace},
	"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
	"ctrl+p":    {Code: 'p', Mod: tea.ModCtrl},
	"ctrl+t":    {Code: 't', Mod: tea.ModCtrl},
	"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
	"ctrl+n":    {Code: 'n', Mod: tea.ModCtrl},
	"f1":        {Code: tea.KeyF1},
}

// press sends named keys, or single characters, to the model.
func press(t testing.TB, m *Model, keys ...string) tea.Cmd {
	t.Helper()
	var cmd tea.Cmd
	for _, k := range keys {
		msg, ok := keyNames[k]
		if !ok {
			r := []rune(k)
			if len(r) != 1 {
				t.Fatalf("press: unknown key %q", k)
			}
			msg = tea.KeyPressMsg{Code: r[0], Text: k}
		}
		_, cmd = m.Update(msg)
	}
	return cmd
}

// typeText types s one character at a time.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is the model's view without colours or styles.
func screen(m *Model) string {
	return ansi.Strip(m.View().Content)
}

// sized returns a model at the golden-file size.
func sized(m *Model) *Model {
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	return m
}

func TestKeyNames(t *testing.T) {
	for name, msg := range keyNames {
		if got := msg.String(); got != name {
			t.Errorf("keyNames[%q].String() = %q", name, got)
		}
	}
	if got := (tea.KeyPressMsg{Code: 'K', Text: "K"}).String(); got != "K" {
		t.Errorf("K.String() = %q, want K", got)
	}
}

func contains(t testing.TB, s, want string) {
	t.Helper()
	if !strings.Contains(s, want) {
		t.Errorf("screen does not contain %q:\n%s", want, s)
	}
}
