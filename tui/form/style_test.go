package form

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// colourStyles are styles that only colour a line, as every style of the
// wizard does: Style draws a line of them without lipgloss.
func colourStyles() map[string]lipgloss.Style {
	p := lipgloss.NewStyle()
	accent := lipgloss.Color("#7D56F4")
	return map[string]lipgloss.Style{
		"plain":         p,
		"bold":          p.Bold(true),
		"reverse":       p.Reverse(true),
		"foreground":    p.Foreground(accent),
		"italic grey":   p.Foreground(lipgloss.Color("#8B949E")).Italic(true),
		"bold reversed": p.Bold(true).Reverse(true).Foreground(accent),
		"faint blink":   p.Faint(true).Blink(true),
		"background":    p.Background(accent),
		"ANSI colour":   p.Foreground(lipgloss.Color("5")),
		"tab width":     p.Foreground(accent).TabWidth(2),
	}
}

// framedStyles do more to a line than colour it: lipgloss draws them.
func framedStyles() map[string]lipgloss.Style {
	p := lipgloss.NewStyle().Foreground(lipgloss.Color("#7D56F4"))
	return map[string]lipgloss.Style{
		"width":            p.Width(12),
		"align":            p.Width(12).Align(lipgloss.Right),
		"height":           p.Height(3),
		"max width":        p.MaxWidth(4),
		"max height":       p.MaxHeight(1),
		"padding":          p.Padding(0, 1),
		"margin":           p.Margin(1, 2),
		"border":           p.Border(lipgloss.NormalBorder()),
		"left border":      p.Border(lipgloss.NormalBorder(), false, false, false, true),
		"underline":        p.Underline(true),
		"strikethrough":    p.Strikethrough(true),
		"underline spaces": p.UnderlineSpaces(true),
		"inline":           p.Inline(true),
		"transform":        p.Transform(strings.ToUpper),
		"value":            p.SetString("value:"),
		"hyperlink":        p.Hyperlink("https://example.com"),
	}
}

func TestStyleDrawsColoursAlone(t *testing.T) {
	for name, s := range colourStyles() {
		if !NewStyle(s).oneLine {
			t.Errorf("style %s only colours, but Style leaves it to lipgloss", name)
		}
	}
	for name, s := range framedStyles() {
		if NewStyle(s).oneLine {
			t.Errorf("style %s does more than colour a line, but Style draws it alone", name)
		}
	}
}

// styleRenderSeeds are lines and texts around what Style draws alone: tabs,
// newlines, carriage returns, escape sequences, wide characters, spaces.
var styleRenderSeeds = []string{
	"", "x", "Secret name", "a\tb", "a\nb", "line\r\nnext", "\r", "\x1b[1mbold\x1b[0m", "日本語の名前",
	"  padded  ", "e\u0301", "›", "[ Continue ]", "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c",
}

func TestStyleRendersAsLipgloss(t *testing.T) { seededStrings(t, styleRenderSeeds, checkStyleRender) }

func FuzzStyleRendersAsLipgloss(f *testing.F) {
	fuzzSeededStrings(f, styleRenderSeeds, checkStyleRender)
}

// checkStyleRender: Style.Render draws s exactly as lipgloss does, for
// every style, alone or beside another string.
func checkStyleRender(t *testing.T, s string) {
	for _, styles := range []map[string]lipgloss.Style{colourStyles(), framedStyles()} {
		for name, ls := range styles {
			st := NewStyle(ls)
			if got, want := st.Render(s), ls.Render(s); got != want {
				t.Errorf("style %s: Render(%q) = %q, lipgloss draws %q", name, s, got, want)
			}
			if got, want := st.Render(s, "x"), ls.Render(s, "x"); got != want {
				t.Errorf("style %s: Render(%q, \"x\") = %q, lipgloss draws %q", name, s, got, want)
			}
		}
	}
}

func seededStrings(t *testing.T, seeds []string, check func(*testing.T, string)) {
	for _, s := range seeds {
		check(t, s)
	}
}

func fuzzSeededStrings(f *testing.F, seeds []string, check func(*testing.T, string)) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(check)
}
