package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/secretsmith/secretsmith/internal/testwait"
)

// A flow is written once, as a script of acts, and run by two drivers: one
// calls Update directly, the other runs the wizard in a real Bubble Tea
// program under teatest. The script never says which driver runs it.

// act is one step of a script: keys to press, text to type, text the
// screen must show, or assertions on the model at that point. Exactly one
// of the fields is set.
type act struct {
	keys  []string
	text  string
	see   string
	check func(t *testing.T, r run)
}

// run is what a check sees: the model and the command its last key
// returned.
type run struct {
	m   *Model
	cmd tea.Cmd
}

// session is one run of the wizard: the options it starts with, its
// script, and the assertions made once it has ended (after the program
// quit, under teatest).
type session struct {
	opts  Options
	acts  []act
	final func(t *testing.T, r run)
}

// flow builds a flow's sessions; it is called once per driver so each gets
// its own temporary files.
type flow func(t *testing.T) []session

func keys(k ...string) act { return act{keys: k} }
func typed(s string) act   { return act{text: s} }
func sees(s string) act    { return act{see: s} }
func checks(fn func(t *testing.T, r run)) act {
	return act{check: fn}
}

// stepIs asserts the wizard is on step s.
func stepIs(s step, when string) act {
	return checks(func(t *testing.T, r run) { t.Helper(); onStep(t, r.m, s, when) })
}

// focusOn asserts the focus is on the field id.
func focusOn(id string) act {
	return checks(func(t *testing.T, r run) { t.Helper(); focusIs(t, r.m, id) })
}

// keyMsg is the message a terminal sends for a named key or a character.
func keyMsg(t testing.TB, k string) tea.KeyPressMsg {
	t.Helper()
	if msg, ok := keyNames[k]; ok {
		return msg
	}
	r := []rune(k)
	if len(r) != 1 {
		t.Fatalf("unknown key %q", k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// runFlow runs f with both drivers, as subtests update and teatest.
func runFlow(t *testing.T, f flow) {
	t.Helper()
	t.Run("update", func(t *testing.T) {
		for _, s := range f(t) {
			driveUpdate(t, s)
		}
	})
	t.Run("teatest", func(t *testing.T) {
		for _, s := range f(t) {
			driveProgram(t, s)
		}
	})
}

// driveUpdate runs a session by calling Update with each key, running the
// commands it returns at once (see send).
func driveUpdate(t *testing.T, s session) {
	t.Helper()
	r := run{m: sized(New(nil, s.opts))}
	// A program runs Init first; so does this driver.
	runCmds(t, r.m, r.m.Init())
	r = playUpdate(t, r, s.acts)
	if s.final != nil {
		s.final(t, r)
	}
}

func playUpdate(t *testing.T, r run, acts []act) run {
	t.Helper()
	for _, a := range acts {
		switch {
		case a.keys != nil:
			for _, k := range a.keys {
				r.cmd = send(t, r.m, keyMsg(t, k))
			}
		case a.text != "":
			for _, c := range a.text {
				r.cmd = send(t, r.m, tea.KeyPressMsg{Code: c, Text: string(c)})
			}
		case a.see != "":
			contains(t, screen(r.m), a.see)
		case a.check != nil:
			a.check(t, r)
		}
	}
	return r
}

// probed wraps the model for the teatest driver. It remembers the command
// of the last key, and answers probeMsg by handing itself to the test and
// waiting until the test is done with it: the checks then run on the test
// goroutine while the program's event loop, the only other user of the
// model, is parked, in order with the keys sent before them.
type probed struct {
	*Model
	lastCmd tea.Cmd
}

type probeMsg struct {
	at   chan *probed
	done chan struct{}
}

func (p *probed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if pm, ok := msg.(probeMsg); ok {
		pm.at <- p
		<-pm.done
		return p, nil
	}
	_, cmd := p.Model.Update(msg)
	if _, ok := msg.(tea.KeyPressMsg); ok {
		p.lastCmd = cmd
	}
	return p, cmd
}

// probe runs check on the model once the program has handled everything
// sent before it.
func probe(t *testing.T, tm *teatest.TestModel, check func(t *testing.T, r run)) {
	t.Helper()
	// at is buffered and done always closed, so the event loop never
	// stays parked, whatever happens to the test.
	pm := probeMsg{at: make(chan *probed, 1), done: make(chan struct{})}
	defer close(pm.done)
	tm.Send(pm)
	select {
	case p := <-pm.at:
		check(t, run{m: p.Model, cmd: p.lastCmd})
	case <-time.After(testwait.Left(t)):
		t.Fatal("the program never reached the probe")
	}
}

// driveProgram runs a session in a real program: keys go in with
// tm.Send, expected text is waited for in the terminal output, and the
// final assertions run on the model the program ended with.
func driveProgram(t *testing.T, s session) {
	t.Helper()
	tm := teatest.NewTestModel(t, &probed{Model: New(nil, s.opts)}, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.NoTTY)))
	term := newVterm(100, 30)
	ended := false
	t.Cleanup(func() {
		if !ended {
			tm.Quit() // a failed test leaves no program running
		}
	})
	for _, a := range s.acts {
		switch {
		case a.keys != nil:
			for _, k := range a.keys {
				tm.Send(keyMsg(t, k))
			}
		case a.text != "":
			for _, c := range a.text {
				tm.Send(tea.KeyPressMsg{Code: c, Text: string(c)})
			}
		case a.see != "":
			// WaitFor hands the condition everything written since it
			// began, so each call replays that onto a copy of the screen
			// as it stood, and the copy that showed the text becomes the
			// screen the next wait starts from.
			want := a.see
			var shown *vterm
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
				shown = term.clone()
				shown.feed(b)
				return strings.Contains(shown.String(), want)
			}, teatest.WithDuration(testwait.Left(t)), teatest.WithCheckInterval(5*time.Millisecond))
			term = shown
			probe(t, tm, func(t *testing.T, r run) { t.Helper(); contains(t, screen(r.m), want) })
		case a.check != nil:
			probe(t, tm, a.check)
		}
	}
	tm.Quit() // a no-op when the script's last key quit
	final := tm.FinalModel(t, teatest.WithFinalTimeout(testwait.Left(t))).(*probed)
	ended = true
	if s.final != nil {
		s.final(t, run{m: final.Model, cmd: final.lastCmd})
	}
}
