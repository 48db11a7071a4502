package tui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// previewDebounce is how long the preview waits after a change before it
// renders. Keys held down repeat every 30-40 ms and a fast typist's keys
// come 60-120 ms apart, so at 100 ms a burst of typing renders once, when it
// stops, instead of once per key. 100 ms plus the render itself stays
// within the tenth of a second or two in which a reaction still reads as
// immediate: BenchmarkPreviewRender measured about 3 ms of CPU for
// CloudFormation YAML, 1 ms for JSON and 5 ms for Terraform (yaml/v3 and
// hclwrite) on the ten-statement design. Longer makes the pane feel
// behind; shorter renders in the gaps between a typist's keys.
const previewDebounce = 100 * time.Millisecond

// previewKey names what a render shows: the design at revision rev, in
// format.
type previewKey struct {
	rev    int
	format generate.Format
}

// previewTickMsg ends the debounce started for key. It arrives whether or
// not the design has changed again since; a newer change started its own.
type previewTickMsg previewKey

// previewMsg is a finished render of key: its lines, or why the design
// cannot render (err), in which case lines is nil.
type previewMsg struct {
	key   previewKey
	lines []string
	err   string
}

// previewState is what the pane shows and what has been asked for.
type previewState struct {
	// shown is the revision last rendered; lines is the last render that
	// worked, nil until one arrives. err says why shown could not render:
	// the pane then keeps lines, marked as out of date, under the error.
	shown previewKey
	lines []string
	err   string
	// asked is the last key a debounce or a render was started for, so a
	// key that changes nothing starts nothing.
	asked previewKey
	// body is the pane's body (previewBody) at bodyWidth columns, wrapped
	// in Update once per render and width: wrapping the whole template
	// again on every key was most of a keystroke's time. bodyWidth 0 means
	// nothing is wrapped yet.
	body      []string
	bodyWidth int
}

// previewWant is what the pane should show now.
func (m *Model) previewWant() previewKey {
	return previewKey{rev: m.rev, format: m.format}
}

// previewUpdating reports whether the pane shows an older render than the
// design (or none yet): it is marked as updating until the new one arrives.
func (m *Model) previewUpdating() bool {
	return m.preview.lines == nil && m.preview.err == "" || m.preview.shown != m.previewWant()
}

// schedulePreview starts the debounce when the open pane is behind the
// design and nothing is on its way for this revision yet. Update calls it
// after every message, so no change needs to remember to.
func (m *Model) schedulePreview() tea.Cmd {
	want := m.previewWant()
	if !m.showPreview || !m.previewUpdating() || m.preview.asked == want {
		return nil
	}
	m.preview.asked = want
	return m.tick(previewDebounce, func(time.Time) tea.Msg { return previewTickMsg(want) })
}

// openPreview renders at once, without the debounce, when the pane opens
// behind the design: nobody is typing, and there is nothing to wait for.
func (m *Model) openPreview() tea.Cmd {
	if !m.previewUpdating() {
		return nil
	}
	m.preview.asked = m.previewWant()
	return m.renderPreviewCmd()
}

// previewTick starts the render when the design is still at the revision
// the debounce was started for; otherwise a later change has a debounce of
// its own running, and this one is dropped.
func (m *Model) previewTick(msg previewTickMsg) tea.Cmd {
	if previewKey(msg) != m.previewWant() || !m.showPreview {
		return nil
	}
	return m.renderPreviewCmd()
}

// previewDone shows a finished render, unless the design has changed since
// it started: a stale render is dropped, and the pane keeps waiting for the
// one the last change asked for.
func (m *Model) previewDone(msg previewMsg) {
	if msg.key != m.previewWant() {
		return
	}
	m.preview.shown, m.preview.err = msg.key, msg.err
	if msg.err == "" {
		m.preview.lines = msg.lines
	}
	m.preview.bodyWidth = 0
}

// wrapPreview wraps the pane's body for width, unless it is already.
func (m *Model) wrapPreview(width int) {
	if m.preview.bodyWidth != width {
		m.preview.body, m.preview.bodyWidth = m.previewBody(width), width
	}
}

// previewLines is the pane's body at width: the one Update wrapped, or,
// for another width, wrapped now.
func (m *Model) previewLines(width int) []string {
	if m.preview.bodyWidth == width {
		return m.preview.body
	}
	return m.previewBody(width)
}

// renderPreviewCmd renders the design as it is now on a copy, so the
// command can run on its own goroutine while the user keeps typing into
// the design. Everything it reads is copied here, on the event loop.
func (m *Model) renderPreviewCmd() tea.Cmd {
	key := m.previewWant()
	d := m.d.Clone()
	opts := generate.Options{Version: m.opts.Version}
	code := m.st.code
	return func() tea.Msg {
		lines, err := renderPreview(d, key.format, opts, code)
		return previewMsg{key: key, lines: lines, err: err}
	}
}

// renderPreview renders d in format f as the pane's lines, highlighted;
// when d cannot render yet, it returns the first reason instead.
func renderPreview(d *blueprint.Design, f generate.Format, opts generate.Options, code palette) ([]string, string) {
	files, err := generate.Render(d, f, opts)
	var lines []string
	if err != nil {
		// The reason is prose, shown safely: previewBody draws it.
		return nil, shownText(firstError(err))
	}
	for i, file := range files {
		if len(files) > 1 {
			if i > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, "# --- "+file.Name+" ---")
		}
		// The template keeps the user's bytes; the pane shows them safely
		// (YAML writes bidi characters and NEL as they are).
		lines = append(lines, strings.Split(strings.TrimRight(shownText(string(file.Data)), "\n"), "\n")...)
	}
	return highlight(lines, syntaxOf(f), code), ""
}
