package form

import (
	"slices"
	"strings"
	"unicode/utf8"

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
// byte), the wizard's marks (narrowMarks, one cell each) and control
// sequences in their plain form, ESC [, parameter bytes, intermediate
// bytes and a final byte (no cell): the colours a style opens and resets.
// ok is false for anything else. None of these joins the character
// before or after it into one grapheme, so each is a cell of its own.
func plainWidth(s string) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			n++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !slices.Contains(narrowMarks, r) {
				return 0, false
			}
			n, i = n+1, i+size-1
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

// narrowMarks are the marks the wizard draws between words (·, •, …, ›,
// arrows, dashes, rules, ticks) that ansi counts as one cell, as ansi
// counts them in this process: none is a combining character, a joiner or
// a prefix, so alone or beside ASCII each is a grapheme of its own.
var narrowMarks = func() []rune {
	var out []rune
	for _, r := range "·•…›‹←→↑↓−—–│─✓✗×" {
		if ansi.StringWidth(string(r)) == 1 {
			out = append(out, r)
		}
	}
	return out
}()
