package form

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Style is a lipgloss style that draws one line of text without going
// through lipgloss each time. The wizard draws every field on every key,
// and lipgloss's Render works out margins, borders, alignment and the
// width of the text for each string (two fifths of a keystroke, issue
// 19): for a style that has none of them, a line without a tab comes
// out as the style's opening sequence, the line and the reset, which
// NewStyle takes apart once. Anything else is lipgloss's to draw.
type Style struct {
	lipgloss.Style
	// oneLine is set when the style only colours a line: Render of a
	// line is then open + line + close.
	oneLine     bool
	open, close string
}

// NewStyle returns s ready to draw lines quickly.
func NewStyle(s lipgloss.Style) Style {
	st := Style{Style: s}
	if !onlyColours(s) {
		return st
	}
	open, close, ok := strings.Cut(s.Render("x"), "x")
	if !ok {
		return st
	}
	st.oneLine, st.open, st.close = true, open, close
	return st
}

// onlyColours reports whether s does nothing to a single line of text
// beyond the attributes lipgloss opens it with (bold, italic, reverse,
// blink, faint, colours): no value or transform of its own, no spaces
// styled apart (underline, strikethrough), no width, height or frame to
// pad, align, wrap or cut to, no hyperlink.
func onlyColours(s lipgloss.Style) bool {
	link, _ := s.GetHyperlink()
	return s.Value() == "" && s.GetTransform() == nil && link == "" &&
		!s.GetUnderline() && !s.GetStrikethrough() && !s.GetUnderlineSpaces() && !s.GetStrikethroughSpaces() &&
		s.GetWidth() == 0 && s.GetHeight() == 0 && s.GetMaxWidth() == 0 && s.GetMaxHeight() == 0 &&
		s.GetHorizontalFrameSize() == 0 && s.GetVerticalFrameSize() == 0 && !s.GetInline()
}

// Render draws strs as lipgloss.Style.Render does.
func (s Style) Render(strs ...string) string {
	if s.oneLine && len(strs) == 1 && !strings.ContainsAny(strs[0], "\n\t") {
		return s.open + strs[0] + s.close
	}
	return s.Style.Render(strs...)
}

// plain is the style that draws text as it is.
var plain = NewStyle(lipgloss.NewStyle())
