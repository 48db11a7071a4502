package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/secretsmith/secretsmith/generate"
)

// previewModel is the design of BenchmarkKeystroke, its first statement
// open with the focus on its Sid, the preview pane open and rendered.
func previewModel(t *testing.T) *Model {
	t.Helper()
	m := sized(New(benchDesign(), Options{DesignFile: "bench.yaml"}))
	m.gotoStep(stepPolicy)
	m.editStatement(0, "")
	press(t, m, "ctrl+p")
	if m.previewUpdating() || !strings.Contains(ansiFree(m.preview.lines), "Sid: Read0\n") {
		t.Fatalf("ctrl+p did not render the preview:\n%s", ansiFree(m.preview.lines))
	}
	focusIs(t, m, "stmt0.sid")
	return m
}

// ansiFree is the pane's lines as text, each ending in a newline.
func ansiFree(lines []string) string {
	return ansi.Strip(strings.Join(lines, "\n")) + "\n"
}

// ticks records the debounces a model starts instead of waiting them out:
// each returned command delivers its message at once when the test runs it.
type ticks struct{ delays []time.Duration }

func (tk *ticks) tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	tk.delays = append(tk.delays, d)
	return func() tea.Msg { return fn(time.Time{}) }
}

// update is one Update whose command the test runs itself, or not.
func update(m *Model, msg tea.Msg) tea.Cmd {
	_, cmd := m.Update(msg)
	return cmd
}

// A key that changes the design renders nothing: it starts the debounce,
// and until the render arrives the pane shows the last one, marked. A
// debounce that a later key overtook starts nothing; the last one renders.
func TestPreviewDebounced(t *testing.T) {
	m := previewModel(t)
	tk := &ticks{}
	m.tick = tk.tick
	before := slices.Clone(m.preview.lines)

	first := update(m, keyMsg(t, "x"))
	if first == nil || !slices.Equal(tk.delays, []time.Duration{previewDebounce}) {
		t.Fatalf("a key started debounces %v (cmd %v), want one of %s", tk.delays, first != nil, previewDebounce)
	}
	if !slices.Equal(m.preview.lines, before) || !m.previewUpdating() {
		t.Fatalf("the key changed the preview (updating %v): the render ran on the key's path", m.previewUpdating())
	}
	s := screen(m)
	contains(t, s, "Preview · updating… · CloudForm")
	contains(t, s, "AWSTemplateFormatVersion") // the last render stays up

	second := update(m, keyMsg(t, "y"))
	if second == nil || len(tk.delays) != 2 {
		t.Fatalf("the second key started %d debounces in all, want 2", len(tk.delays))
	}
	if cmd := update(m, first()); cmd != nil {
		t.Fatalf("the overtaken debounce started a command")
	}
	render := update(m, second())
	if render == nil {
		t.Fatal("the last debounce started no render")
	}
	if !m.previewUpdating() {
		t.Fatal("the pane stopped updating before the render arrived")
	}
	if cmd := update(m, render()); cmd != nil {
		t.Fatalf("a finished render started another command")
	}
	if m.previewUpdating() || !strings.Contains(ansiFree(m.preview.lines), "Sid: Read0xy\n") {
		t.Fatalf("the render did not arrive (updating %v):\n%s", m.previewUpdating(), ansiFree(m.preview.lines))
	}
	s = screen(m)
	if strings.Contains(s, "updating") {
		t.Errorf("the pane is still marked updating after the render:\n%s", s)
	}
	contains(t, s, "Preview · CloudFormation YAML")
}

// A render that finishes after the design changed again is dropped: the
// pane keeps the render it had, still marked, until the current one comes.
func TestPreviewStaleRenderDropped(t *testing.T) {
	m := previewModel(t)
	tk := &ticks{}
	m.tick = tk.tick
	before := slices.Clone(m.preview.lines)
	render := update(m, update(m, keyMsg(t, "x"))())
	if render == nil {
		t.Fatal("the debounce started no render")
	}
	next := update(m, keyMsg(t, "y")) // changes the design while x renders
	if cmd := update(m, render()); cmd != nil {
		t.Fatalf("a stale render started a command")
	}
	if !slices.Equal(m.preview.lines, before) || !m.previewUpdating() {
		t.Fatalf("the stale render was shown:\n%s", ansiFree(m.preview.lines))
	}
	update(m, update(m, next())())
	if m.previewUpdating() || !strings.Contains(ansiFree(m.preview.lines), "Sid: Read0xy\n") {
		t.Fatalf("the current render did not arrive:\n%s", ansiFree(m.preview.lines))
	}
}

// The render works on a copy taken when it starts: the design changing
// while it runs changes nothing in it.
func TestPreviewRendersACopy(t *testing.T) {
	m := previewModel(t)
	m.tick = (&ticks{}).tick
	render := update(m, update(m, keyMsg(t, "x"))())
	m.d.ResourcePolicy.Statements[0].Sid = "EditedAfterTheRenderStarted"
	msg := render().(previewMsg)
	if got := ansiFree(msg.lines); !strings.Contains(got, "Sid: Read0x\n") || strings.Contains(got, "EditedAfterTheRenderStarted") {
		t.Fatalf("the render saw the design change after it started:\n%s", got)
	}
}

// Keys that change no answer start nothing, and opening the pane renders
// at once, without waiting out a debounce.
func TestPreviewOnlyWhenNeeded(t *testing.T) {
	m := previewModel(t)
	tk := &ticks{}
	m.tick = tk.tick
	for _, k := range []string{"tab", "shift+tab", "pgdown", "pgup", "ctrl+t", "ctrl+t"} {
		if cmd := update(m, keyMsg(t, k)); cmd != nil {
			t.Errorf("%s started a command", k)
		}
	}
	update(m, keyMsg(t, "ctrl+p")) // closed
	if cmd := update(m, keyMsg(t, "x")); cmd != nil {
		t.Errorf("a change with the pane closed started a command")
	}
	render := update(m, keyMsg(t, "ctrl+p"))
	if render == nil || len(tk.delays) != 0 {
		t.Fatalf("opening the pane behind the design: cmd %v, debounces %v; want a render and no debounce", render != nil, tk.delays)
	}
	update(m, render())
	if m.previewUpdating() || !strings.Contains(ansiFree(m.preview.lines), "Sid: Read0x\n") {
		t.Fatalf("opening the pane did not render the current design:\n%s", ansiFree(m.preview.lines))
	}
}

// pgdown scrolls the pane no further than its last line, so pgup always
// moves it back at once.
func TestPreviewScrollStopsAtEnd(t *testing.T) {
	m := previewModel(t)
	for range 100 {
		press(t, m, "pgdown")
	}
	bottom := len(m.preview.lines) - (m.bodyHeight() - 1)
	if bottom <= 0 || m.previewTop != bottom {
		t.Fatalf("after 100 pgdown the pane starts at line %d, want %d", m.previewTop, bottom)
	}
	contains(t, screen(m), ansi.Truncate(ansi.Strip(m.preview.lines[len(m.preview.lines)-1]), 30, ""))
	press(t, m, "pgup")
	if want := bottom - (m.bodyHeight() - 2); m.previewTop != max(0, want) {
		t.Errorf("pgup from the bottom: line %d, want %d", m.previewTop, max(0, want))
	}
}

// In a real program the render runs on its own goroutine while keys keep
// changing the design, and the pane ends on the render of the design as
// the last key left it. The keys come a little more than a debounce apart,
// so each lands while the render the one before started is running: under
// go test -race a render that read the model's design instead of its copy
// is reported.
func TestPreviewInProgram(t *testing.T) {
	tm := teatest.NewTestModel(t, &probed{Model: New(benchDesign(), Options{DesignFile: "bench.yaml"})},
		teatest.WithInitialTermSize(100, 30), teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.NoTTY)))
	defer tm.Quit()
	tm.Send(keyMsg(t, "ctrl+p"))
	for _, c := range "-orders-" {
		tm.Send(tea.KeyPressMsg{Code: c, Text: string(c)})
		time.Sleep(previewDebounce + 5*time.Millisecond)
	}
	deadline := time.Now().Add(programTimeout)
	for {
		var done bool
		probe(t, tm, func(t *testing.T, r run) {
			m := r.m
			if f, ok := m.focused(); m.previewUpdating() || !ok || !strings.HasSuffix(f.get(), "-orders-") {
				return // still typing or rendering
			}
			done = true
			want := renderPreview(m.d.Clone(), m.format, generate.Options{Version: m.opts.Version}, m.st.code)
			if !slices.Equal(m.preview.lines, want) {
				t.Errorf("the pane shows another render than the design's:\n%s", firstDiff(ansiFree(m.preview.lines), ansiFree(want)))
			}
		})
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the preview did not catch up with the keys within %s", programTimeout)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
