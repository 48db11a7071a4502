package tui

import (
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// checkGolden compares got with testdata/NAME.golden; -update rewrites it.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test ./tui -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("screen %s differs from %s (run go test ./tui -update after checking):\ngot:\n%s\nwant:\n%s", name, path, got, want)
	}
}

// TestGoldenScreens snapshots every screen at 100x30 without styles.
func TestGoldenScreens(t *testing.T) {
	rec := &recorder{}
	m := sized(New(nil, Options{Write: rec.write}))
	shot := func(name string) {
		t.Helper()
		checkGolden(t, name, screen(m))
	}
	shot("01-start")
	press(t, m, "enter")
	typeText(t, m, "prod db")
	shot("02-secret-live-error")
	press(t, m, "backspace", "backspace", "backspace")
	typeText(t, m, "/db")
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab")
	press(t, m, "enter")
	typeText(t, m, "owner")
	press(t, m, "enter")
	typeText(t, m, "payments")
	shot("03-secret")
	press(t, m, "enter")
	shot("04-encryption")
	press(t, m, "enter")
	shot("05-policy-empty")
	press(t, m, "down", "enter")
	shot("06-policy-statement")
	typeText(t, m, "arn:aws:iam::111122223333:role/app")
	press(t, m, "tab", "tab") // over the Action element
	shot("07-policy-actions")
	press(t, m, "esc")
	shot("08-policy-list")
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "enter")
	shot("09-rotation-off")
	press(t, m, "space", "tab", "tab", "tab", "tab", "tab", "tab", "down", "down", "down")
	shot("10-rotation-type")
	press(t, m, "tab", "tab", "tab")
	typeText(t, m, "subnet-0abc1234")
	press(t, m, "tab")
	typeText(t, m, "sg-0abc1234")
	press(t, m, "enter")
	shot("11-monitoring")
	press(t, m, "space", "tab")
	typeText(t, m, "ops@example.com")
	press(t, m, "enter")
	shot("12-review")
	press(t, m, "ctrl+p")
	shot("13-review-preview")
	press(t, m, "ctrl+p", "f1")
	shot("14-help")
	press(t, m, "esc", "ctrl+c")
	shot("15-quit")
	press(t, m, "n", "tab")
	typeText(t, m, "out/prod-db.cfn.yaml")
	press(t, m, "tab", "tab", "enter")
	shot("16-done")
	m.Update(tea.WindowSizeMsg{Width: 50, Height: 15})
	shot("17-too-small")
}
