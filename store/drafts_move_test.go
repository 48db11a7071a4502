package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Move never replaces a file already kept at its target: the draft stays
// where it was and the kept file as it was (trial8b X8).
func TestMoveKeepsWhatIsThere(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "draft.yaml"), filepath.Join(dir, "draft.unreadable.yaml")
	for p, body := range map[string]string{from: "new", to: "kept"} {
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := (OS{}).Drafts().Move(from, to); !errors.Is(err, ErrExists) {
		t.Errorf("Move onto a kept file = %v, want ErrExists", err)
	}
	for p, want := range map[string]string{from: "new", to: "kept"} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s holds %q, want %q", filepath.Base(p), got, want)
		}
	}
}
