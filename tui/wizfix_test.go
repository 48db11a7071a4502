package tui

import (
	tea "charm.land/bubbletea/v2"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"regexp"
	"strconv"

	"github.com/secretsmith/secretsmith/blueprint"
	"strings"
	"testing"
)

// Issue 22 (trial): a Password length of 3 was taken without a word,
// though Secrets Manager refuses a password shorter than the kinds of
// character it must hold one of each; 8 is taken but weak. The field's
// hint says the limits where they apply.
func TestPasswordLengthRefusedAndWarnedInTheWizard(t *testing.T) {
	m := onSecret(t)
	const id = "secret.generateSecretString.passwordLength"
	m.focusID(id)
	contains(t, screen(m), "4-4096, 14 or more to be strong")
	press(t, m, "ctrl+u")
	typeText(t, m, "3")
	press(t, m, "tab")
	s := screen(m)
	contains(t, s, "✗ must be at least 4: the password holds")
	m.focusID(id)
	press(t, m, "ctrl+u")
	typeText(t, m, "8")
	press(t, m, "tab")
	s = screen(m)
	contains(t, s, "! is 8 characters, which is weak")
	if strings.Contains(s, "must be at least 4") {
		t.Errorf("8 characters is still refused:\n%s", s)
	}
}

// at80 returns a model at 80x24, the size of a terminal opened with no
// settings.
func at80(m *Model) *Model {
	m.tick = instantTick
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// Issue 22 (trial): the choice of a list shown on the list field's own row
// was cut with "…" when wider than the value column (at 80 columns "Create
// a dedicated key with yearly rotation (recommend…"); it wraps under itself,
// in the value column, focused or not, as the options do.
func TestListChoiceOnItsRowWrapsNotCut(t *testing.T) {
	m := at80(New(nil, Options{}))
	m.gotoStep(stepEncryption)
	for _, focused := range []bool{true, false} {
		if !focused {
			press(t, m, "tab")
		}
		s := screen(m)
		lines := strings.Split(s, "\n")
		row := -1
		for i, l := range lines {
			if strings.Contains(l, "Encryption key") {
				row = i
				break
			}
		}
		if row < 0 {
			t.Fatalf("no Encryption key row:\n%s", s)
		}
		if strings.Contains(lines[row], "…") {
			t.Errorf("focused %v: the choice is cut on its row:\n%s", focused, s)
		}
		col := column(lines[row], "Create a dedicated key")
		next := lines[row+1]
		if col < 0 || !strings.HasPrefix(strings.TrimLeft(next, " "), "(recommended)") || column(next, "(recommended)") != col {
			t.Errorf("focused %v: the rest of the choice is not on the next line, in the value column:\n%s", focused, s)
		}
	}
}

// column is the cell at which sub starts in line, or -1.
func column(line, sub string) int {
	i := strings.Index(line, sub)
	if i < 0 {
		return -1
	}
	return ansi.StringWidth(line[:i])
}

// manySecrets is an import of n secrets whose names are too long for one
// line at 80 columns.
func manySecrets(n int) ImportFunc {
	return func(path string) ([]ImportedSecret, error) {
		var out []ImportedSecret
		for i := 1; i <= n; i++ {
			out = append(out, ImportedSecret{ID: fmt.Sprintf("aws_secretsmanager_secret.payments_service_database_credentials_%02d", i), Source: path,
				Design: &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: fmt.Sprintf("prod/payments/service/database/credentials-%02d", i)}}})
		}
		return out, nil
	}
}

// Issue 22 (trial): a long list's window counted options, not lines, so
// options that wrap to two lines ran it past the screen: the "↓ N more"
// notice, the hint and Continue were gone. The window is counted in
// lines: the options shown and the ones the notices count add up, and the
// hint and Continue stay on screen.
func TestListWindowCountsLines(t *testing.T) {
	const n = 12
	m := at80(New(nil, Options{Import: manySecrets(n)}))
	press(t, m, "down", "down", "down", "tab")
	typeText(t, m, "main.tf")
	press(t, m, "enter")
	onStep(t, m, stepStart, "with a template of 12 secrets")
	more := regexp.MustCompile(`([↑↓]) (\d+) more`)
	for moves := 0; moves <= n; moves++ {
		if moves > 0 {
			press(t, m, "down")
		}
		s := screen(m)
		shown := strings.Count(s, "( ) aws_secretsmanager_secret.") + strings.Count(s, "(•) aws_secretsmanager_secret.")
		hidden := 0
		for _, g := range more.FindAllStringSubmatch(s, -1) {
			k, _ := strconv.Atoi(g[2])
			hidden += k
		}
		if shown+hidden != n || shown == 0 {
			t.Errorf("after %d ↓: %d options shown and %d counted as more, want %d in all:\n%s", moves, shown, hidden, n, s)
		}
		if !strings.Contains(s, "↑/↓ to choose") || !strings.Contains(s, "[ Continue → ]") {
			t.Errorf("after %d ↓: the list pushed its hint or Continue off the screen:\n%s", moves, s)
		}
		if t.Failed() {
			return
		}
	}
}
