package tui

import (
	"strings"

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

// shownStyled escapes, in text a component has already styled (the text
// input's view), every character SafeText would except ESC, which starts
// the component's own styling. The text input drops control characters
// from its value, so ESC there is never the user's; bidirectional
// formatting characters it keeps are escaped here.
func shownStyled(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != 0x1b && blueprint.NeedsEscape(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r != 0x1b && blueprint.NeedsEscape(r) {
			b.WriteString(blueprint.SafeText(string(r)))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
