package form

import (
	"testing"

	"charm.land/lipgloss/v2"

	"github.com/charmbracelet/x/ansi"
)

// widthSeeds are lines around what Width counts itself: colours opened and
// reset, sequences cut short or of another kind, controls, wide and
// combining characters.
var widthSeeds = []string{
	"", "x", "  Secret name           ", "\x1b[1;38;2;125;86;244m› \x1b[m", "\x1b[38;5;5mred\x1b[0m tail",
	"\x1b[", "\x1b[1", "\x1b[?25l", "\x1b[1 q", "\x1b[ 1m", "\x1b]8;;https://x\x07link\x1b]8;;\x07", "\x1bP", "a\tb", "a\nb",
	"\x7f", "日本", "e\u0301", "\x1b[1m日本\x1b[m", "…", "\x1b[31m\x1b[0m",
}

func TestWidthCountsAsAnsi(t *testing.T) { seededStrings(t, widthSeeds, checkWidth) }

func FuzzWidthCountsAsAnsi(f *testing.F) { fuzzSeededStrings(f, widthSeeds, checkWidth) }

// checkWidth: Width counts s as ansi does, LineWidth as lipgloss does, and Truncate cuts it as ansi
// does at every width around it, with and without a tail.
func checkWidth(t *testing.T, s string) {
	want := ansi.StringWidth(s)
	if got := Width(s); got != want {
		t.Errorf("Width(%q) = %d, ansi counts %d", s, got, want)
	}
	if got, want := LineWidth(s), lipgloss.Width(s); got != want {
		t.Errorf("LineWidth(%q) = %d, lipgloss counts %d", s, got, want)
	}
	for w := max(0, want-2); w <= want+1; w++ {
		for _, tail := range []string{"", "…"} {
			if got, want := Truncate(s, w, tail), ansi.Truncate(s, w, tail); got != want {
				t.Errorf("Truncate(%q, %d, %q) = %q, ansi cuts %q", s, w, tail, got, want)
			}
		}
	}
}

// TestWidthCountsStyledASCIIItself: the lines the wizard draws, printable
// ASCII between colour sequences, are counted without ansi.
func TestWidthCountsStyledASCIIItself(t *testing.T) {
	for _, s := range []string{"", "  Secret name", "\x1b[1;38;2;125;86;244mSid\x1b[m  value \x1b[38;2;88;166;255mprod/db\x1b[m"} {
		if n, ok := plainWidth(s); !ok || n != ansi.StringWidth(s) {
			t.Errorf("plainWidth(%q) = %d, %v; want %d, true", s, n, ok, ansi.StringWidth(s))
		}
	}
}
