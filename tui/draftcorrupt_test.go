package tui

import (
	"os"
	"strings"
	"testing"
)

// A draft that cannot be resumed (its YAML does not parse, or it holds no
// design) is not offered on Start: Start says it cannot be resumed and
// why, a fresh start goes on, and the first save keeps the old draft
// aside, byte for byte, instead of replacing or deleting it (issue 22:
// a corrupt draft was offered as "Resume the saved draft").
// TestCorruptDraftIsNotOffered failed before.
func TestCorruptDraftIsNotOffered(t *testing.T) {
	for _, tt := range []struct{ name, body, why string }{
		{"unparseable", "version: 1\nsecret: [unclosed\n", "draft.yaml"},
		{"empty", "# nothing here\n", "the file is empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := t.TempDir() + "/draft.yaml"
			if err := os.WriteFile(path, []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			m := sized(New(nil, Options{DraftPath: path}))
			defer m.Close()
			s := formText(m)
			if strings.Contains(s, "Resume the") {
				t.Errorf("Start offers a draft that cannot be read:\n%s", screen(m))
			}
			if m.startChoice != "new" {
				t.Errorf("Start's choice is %q, want new", m.startChoice)
			}
			contains(t, strings.Join(strings.Fields(s), " "), "cannot be resumed")
			contains(t, strings.Join(strings.Fields(s), ""), strings.ReplaceAll(tt.why, " ", ""))
			m.focusID(m.stepKey() + "continue")
			press(t, m, "enter")
			onStep(t, m, stepSecret, "after a fresh start")
			typeText(t, m, "new/two")
			m.saveDraft()
			if d := loadDraft(t, path); d.Secret.SecretID != "new/two" {
				t.Errorf("the draft holds %q, want new/two", d.Secret.SecretID)
			}
			kept, err := os.ReadFile(unreadablePath(path))
			if err != nil || string(kept) != tt.body {
				t.Errorf("the unreadable draft was not kept aside as it was: %q, %v", kept, err)
			}
		})
	}
}
