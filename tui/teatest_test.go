package tui

import (
	"bytes"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/secretsmith/secretsmith/internal/testwait"
)

// TestProgramSmoke runs the wizard in a real Bubble Tea program: the first
// screen draws, and Ctrl+C then y ends the program with the draft kept.
func TestProgramSmoke(t *testing.T) {
	draft := t.TempDir() + "/draft.yaml"
	m := New(nil, Options{DraftPath: draft, NoColor: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.NoTTY)))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Design a new secret")) },
		teatest.WithDuration(testwait.Left(t)))
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.Send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(testwait.Left(t))).(*Model)
	if !final.Result().Aborted {
		t.Errorf("Result().Aborted = false after ctrl+c, y")
	}
}
