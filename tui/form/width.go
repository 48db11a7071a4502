package form

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Width is ansi.StringWidth(s), the cells s takes on a terminal. The
// wizard measures every line it draws, most of them printable ASCII
// between colour sequences, and ansi segments graphemes for each
// character: such a line is counted here at once, anything else by ansi.
func Width(s string) int {
	if n, ok := plainWidth(s); ok {
		return n
	}
	return ansi.StringWidth(s)
}

// LineWidth is lipgloss.Width(s): the cells of the widest of s's lines.
func LineWidth(s string) int {
	if !strings.Contains(s, "\n") {
		return Width(s)
	}
	return lipgloss.Width(s)
}

// Truncate is ansi.Truncate(s, w, tail): s cut to w cells, ending in tail
// when cut. A line that fits, as most do, is returned as it is after
// counting it with Width.
func Truncate(s string, w int, tail string) string {
	if n, ok := plainWidth(s); ok && n <= w {
		return s
	}
	return ansi.Truncate(s, w, tail)
}

// plainWidth counts the cells of s when s is printable ASCII (one cell a
// byte) and control sequences in their plain form, ESC [, parameter
// bytes, intermediate bytes and a final byte (no cell): the colours a
// style opens and resets. ok is false for anything else.
func plainWidth(s string) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			n++
			continue
		}
		if c != 0x1b || i+1 >= len(s) || s[i+1] != '[' {
			return 0, false
		}
		i += 2
		for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
			i++
		}
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i >= len(s) || s[i] < 0x40 || s[i] > 0x7e {
			return 0, false
		}
	}
	return n, true
}
