package tui

import (
	"charm.land/lipgloss/v2"

	"github.com/secretsmith/secretsmith/tui/form"
)

// styles holds every lipgloss style the wizard draws with, so the look of
// the whole program is decided in this one file.
type styles struct {
	title     form.Style
	step      form.Style
	label     form.Style
	focused   form.Style
	value     form.Style
	empty     form.Style
	hint      form.Style
	err       form.Style
	warn      form.Style
	ruleErr   form.Style
	button    form.Style
	buttonOn  form.Style
	selected  form.Style
	met       form.Style
	notMet    form.Style
	waived    form.Style
	na        form.Style
	pane      form.Style
	paneTitle form.Style
	keys      form.Style
	status    form.Style
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
		p, bold := form.NewStyle(plain), form.NewStyle(plain.Bold(true))
		return &styles{
			title: bold, step: p, label: p, focused: bold,
			value: p, empty: p, hint: p, err: p, warn: p, ruleErr: p,
			button: p, buttonOn: form.NewStyle(plain.Reverse(true)), selected: bold,
			met: p, notMet: bold, waived: p, na: p,
			pane: p, paneTitle: bold, keys: p, status: p,
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
		title:     form.NewStyle(plain.Bold(true).Foreground(accent)),
		step:      form.NewStyle(plain.Foreground(grey)),
		label:     form.NewStyle(plain),
		focused:   form.NewStyle(plain.Bold(true).Foreground(accent)),
		value:     form.NewStyle(plain.Foreground(blue)),
		empty:     form.NewStyle(plain.Foreground(grey).Italic(true)),
		hint:      form.NewStyle(plain.Foreground(grey)),
		err:       form.NewStyle(plain.Foreground(red)),
		warn:      form.NewStyle(plain.Foreground(yellow)),
		ruleErr:   form.NewStyle(plain.Foreground(red).Italic(true)),
		button:    form.NewStyle(plain.Foreground(accent)),
		buttonOn:  form.NewStyle(plain.Bold(true).Reverse(true).Foreground(accent)),
		selected:  form.NewStyle(plain.Bold(true).Foreground(accent)),
		met:       form.NewStyle(plain.Foreground(green)),
		notMet:    form.NewStyle(plain.Foreground(red).Bold(true)),
		waived:    form.NewStyle(plain.Foreground(yellow)),
		na:        form.NewStyle(plain.Foreground(grey)),
		pane:      form.NewStyle(plain),
		paneTitle: form.NewStyle(plain.Bold(true).Foreground(accent)),
		keys:      form.NewStyle(plain.Foreground(grey)),
		status:    form.NewStyle(plain.Foreground(yellow)),
	}
}
