package tui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// A focused text field showed a value from a design file without its
// ESC and BEL (the text input drops control characters), while its error
// named '\x1b' and the unfocused fields showed \x1b: the user could not
// see the character to delete (issue 22's trial 7b, V13). Focused, the
// field shows the value as the rest of the screen does, and says that
// the first key typed there removes what the box cannot hold.
func TestFocusedFieldShowsControlCharacters(t *testing.T) {
	d := &blueprint.Design{Version: 1, Name: "n"}
	d.Secret.SecretID = "prod/\x1b]52;c;aGk=\a"
	m := sized(New(d, Options{DesignFile: "d.yaml", NoColor: true, DraftPath: filepath.Join(t.TempDir(), "draft.yaml")}))
	m.gotoStep(stepSecret)
	m.focusID("secret.secretId")
	m.settle()
	s := screen(m)
	contains(t, s, `prod/\x1b]52;c;aGk=\a`)
	contains(t, s, "'\\x1b'")
	if !strings.Contains(s, "the first key typed here removes") {
		t.Errorf("the focused field does not say its control characters go on the first key:\n%s", s)
	}
}
