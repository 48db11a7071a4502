package tui

import (
	"charm.land/lipgloss/v2"

	"github.com/secretsmith/secretsmith/tui/form"
)

// styles holds every lipgloss style the wizard draws with, so the look of
// the whole program is decided in this one file.
type styles struct {
	title     lipgloss.Style
	step      lipgloss.Style
	label     lipgloss.Style
	focused   lipgloss.Style
	value     lipgloss.Style
	empty     lipgloss.Style
	hint      lipgloss.Style
	err       lipgloss.Style
	warn      lipgloss.Style
	ruleErr   lipgloss.Style
	button    lipgloss.Style
	buttonOn  lipgloss.Style
	selected  lipgloss.Style
	met       lipgloss.Style
	notMet    lipgloss.Style
	waived    lipgloss.Style
	na        lipgloss.Style
	pane      lipgloss.Style
	paneTitle lipgloss.Style
	keys      lipgloss.Style
	status    lipgloss.Style
	// form is the styles of the fields' kinds, the same as above.
	form form.Styles
	// code paints the preview's syntax; it is the zero palette, painting
	// nothing, without colour.
	code palette
}

// newStyles returns the wizard's styles. With noColor every style is plain
// text with at most bold and reverse, which survive NO_COLOR terminals and
// stay readable when the colour profile strips everything else, and the
// preview is not painted at all: it is the template's text, byte for byte.
func newStyles(noColor bool) *styles {
	st := baseStyles(noColor)
	st.form = form.Styles{Label: st.label, Focused: st.focused, Value: st.value, Empty: st.empty, Hint: st.hint,
		Button: st.button, ButtonOn: st.buttonOn, Selected: st.selected, Warn: st.warn}
	return st
}

func baseStyles(noColor bool) *styles {
	plain := lipgloss.NewStyle()
	if noColor {
		return &styles{
			title: plain.Bold(true), step: plain, label: plain, focused: plain.Bold(true),
			value: plain, empty: plain, hint: plain, err: plain, warn: plain, ruleErr: plain,
			button: plain, buttonOn: plain.Reverse(true), selected: plain.Bold(true),
			met: plain, notMet: plain.Bold(true), waived: plain, na: plain,
			pane: plain, paneTitle: plain.Bold(true), keys: plain, status: plain,
		}
	}
	var (
		accent = lipgloss.Color("#7D56F4")
		green  = lipgloss.Color("#3FB950")
		red    = lipgloss.Color("#F85149")
		yellow = lipgloss.Color("#D29922")
		grey   = lipgloss.Color("#8B949E")
		blue   = lipgloss.Color("#58A6FF")
		orange = lipgloss.Color("#FFA657")
	)
	code := palette{
		key:       paintOf(plain.Foreground(blue)),
		str:       paintOf(plain.Foreground(green)),
		comment:   paintOf(plain.Foreground(grey).Italic(true)),
		intrinsic: paintOf(plain.Foreground(accent).Bold(true)),
		block:     paintOf(plain.Foreground(orange)),
		literal:   paintOf(plain.Foreground(yellow)),
	}
	return &styles{
		code:      code,
		title:     plain.Bold(true).Foreground(accent),
		step:      plain.Foreground(grey),
		label:     plain,
		focused:   plain.Bold(true).Foreground(accent),
		value:     plain.Foreground(blue),
		empty:     plain.Foreground(grey).Italic(true),
		hint:      plain.Foreground(grey),
		err:       plain.Foreground(red),
		warn:      plain.Foreground(yellow),
		ruleErr:   plain.Foreground(red).Italic(true),
		button:    plain.Foreground(accent),
		buttonOn:  plain.Bold(true).Reverse(true).Foreground(accent),
		selected:  plain.Bold(true).Foreground(accent),
		met:       plain.Foreground(green),
		notMet:    plain.Foreground(red).Bold(true),
		waived:    plain.Foreground(yellow),
		na:        plain.Foreground(grey),
		pane:      plain,
		paneTitle: plain.Bold(true).Foreground(accent),
		keys:      plain.Foreground(grey),
		status:    plain.Foreground(yellow),
	}
}
