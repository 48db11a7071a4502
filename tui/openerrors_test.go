package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openWithErrors chooses Start > Open a design file with a file of the
// given YAML and presses Continue, which refuses it.
func openWithErrors(t *testing.T, yaml string) *Model {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{NoColor: true}))
	m.choose(fieldByID(t, m, "start.choice"), "open")
	m.applySet(fieldByID(t, m, "start.file"), path)
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepStart, "after a design file with errors")
	return m
}

// Start > Open a design file with a file of three problems shows all
// three under the field, not the first and "(and 2 more)" with no way to
// see the others; a file of many shows them all in the scrolling form.
func TestOpenedDesignFileShowsEveryError(t *testing.T) {
	m := openWithErrors(t, "version: 1\nsecret:\n  secretId: a\n  region: nowhere\n  recoveryWindowDays: 3\n  kmsKeyArn: xyz\n")
	got := problemTexts(t, m, "start.file")
	if len(got) != 3 {
		t.Fatalf("the Design file field shows %d problems, want the file's 3: %q", len(got), got)
	}
	s := formText(m)
	for _, want := range []string{"secret.region:", "secret.recoveryWindowDays:", "secret.kmsKeyArn:"} {
		if !strings.Contains(s, want) {
			t.Errorf("the Start screen does not show %q:\n%s", want, screen(m))
		}
	}
	if strings.Contains(s, "more)") {
		t.Errorf("the Start screen still counts problems it does not show:\n%s", screen(m))
	}

	// Thirty bad tags: the last is reached by scrolling.
	var b strings.Builder
	b.WriteString("version: 1\nsecret:\n  secretId: a\n  tags:\n")
	for i := range 30 {
		fmt.Fprintf(&b, "    aws:t%d: x\n", i)
	}
	m = openWithErrors(t, b.String())
	if got := problemTexts(t, m, "start.file"); len(got) != 30 {
		t.Fatalf("the Design file field shows %d problems, want 30", len(got))
	}
	// The focus is on Continue, under the list: the last shows, and the
	// first is reached by scrolling up.
	contains(t, screen(m), "secret.tags.aws:t29:")
	first := "secret.tags.aws:t0:"
	for range 10 {
		if strings.Contains(screen(m), first) {
			break
		}
		press(t, m, "pgup")
	}
	contains(t, screen(m), first)
}
