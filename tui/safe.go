package tui

import (
	"github.com/secretsmith/secretsmith/blueprint"
)

// shown makes text that came from the user (a value, a label built from
// one, a message quoting one, a file name) safe to draw: control characters
// and escape sequences are shown as escapes, by blueprint.SafeLine, so a
// design cannot set the window title, fill the clipboard or hide text. The
// wizard's own styling is added after, around the result.
func shown(s string) string { return blueprint.SafeLine(s) }

// shownText is shown for prose that may run over several lines.
func shownText(s string) string { return blueprint.SafeText(s) }
