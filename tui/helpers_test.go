package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

// keyNames maps the names tests use to the key messages a terminal sends.
var keyNames = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"esc":       {Code: tea.KeyEscape},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"space":     {Code: tea.KeySpace, Text: " "},
	"backspace": {Code: tea.KeyBackspace},
	"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
	"ctrl+p":    {Code: 'p', Mod: tea.ModCtrl},
	"ctrl+t":    {Code: 't', Mod: tea.ModCtrl},
	"ctrl+r":    {Code: 'r', Mod: tea.ModCtrl},
	"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
	"ctrl+n":    {Code: 'n', Mod: tea.ModCtrl},
	"ctrl+o":    {Code: 'o', Mod: tea.ModCtrl},
	"ctrl+d":    {Code: 'd', Mod: tea.ModCtrl},
	"ctrl+g":    {Code: 'g', Mod: tea.ModCtrl},
	"f1":        {Code: tea.KeyF1},
	"pgup":      {Code: tea.KeyPgUp},
	"pgdown":    {Code: tea.KeyPgDown},
}

// press sends named keys, or single characters, to the model, and returns
// the command of the last one.
func press(t testing.TB, m *Model, keys ...string) tea.Cmd {
	t.Helper()
	var cmd tea.Cmd
	for _, k := range keys {
		cmd = send(t, m, keyMsg(t, k))
	}
	return cmd
}

// typeText types s one character at a time.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// send is the Update driver's one step. It hands msg to Update, then does
// what a Bubble Tea program does with the command that returns: runs it and
// every command that follows, feeding their messages back to Update, until
// none is left. The preview's debounce fires at once (instantTick), so the
// render has arrived before the next key and the tests wait for nothing.
// Then it checks that View changes nothing (pureView), so every step of
// every flow the driver plays checks it. It returns msg's own command, the
// one a script's checks look at.
func send(t testing.TB, m *Model, msg tea.Msg) tea.Cmd {
	t.Helper()
	m.tick = instantTick
	_, cmd := m.Update(msg)
	runCmds(t, m, cmd)
	pureView(t, m)
	return cmd
}

// runCmds runs cmd and what follows from it, as the program would; a
// quit ends nothing here, since the test reads the model afterwards.
func runCmds(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 1000 {
			t.Fatalf("commands still coming after 1000 messages")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if cmds, ok := sequence(msg); ok {
			// A sequence runs its commands one after another; run
			// them here, ahead of the rest, in order.
			queue = append(append([]tea.Cmd{}, cmds...), queue...)
			continue
		}
		switch msg := msg.(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// sequence opens tea.Sequence's message, whose type is not exported: a
// slice of commands that is not a tea.BatchMsg. huh's forms start with
// one.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	if _, ok := msg.(tea.BatchMsg); ok || msg == nil {
		return nil, false
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || !v.Type().ConvertibleTo(reflect.TypeFor[[]tea.Cmd]()) {
		return nil, false
	}
	return v.Convert(reflect.TypeFor[[]tea.Cmd]()).Interface().([]tea.Cmd), true
}

// screen is the model's view without colours or styles.
func screen(m *Model) string {
	return ansi.Strip(m.View().Content)
}

// sized returns a model at the golden-file size.
func sized(m *Model) *Model {
	m.tick = instantTick
	_, cmd := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if cmd != nil {
		panic("a window size started a command")
	}
	return m
}

// designAt is a sized model of d, opened from d.yaml, on step s.
func designAt(d *blueprint.Design, s step) *Model {
	m := sized(New(d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(s)
	return m
}

func TestKeyNames(t *testing.T) {
	for name, msg := range keyNames {
		if got := msg.String(); got != name {
			t.Errorf("keyNames[%q].String() = %q", name, got)
		}
	}
	if got := (tea.KeyPressMsg{Code: 'K', Text: "K"}).String(); got != "K" {
		t.Errorf("K.String() = %q, want K", got)
	}
}

func contains(t testing.TB, s, want string) {
	t.Helper()
	if !strings.Contains(s, want) {
		t.Errorf("screen does not contain %q:\n%s", want, s)
	}
}

// onSecret returns a model on the Secret step of a new secret.
func onSecret(t *testing.T) *Model {
	t.Helper()
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	onStep(t, m, stepSecret, "after Start")
	return m
}

// onSecretAnswered returns a model on the Secret step of a new secret
// whose answers let it continue: Secret Id prod/db and a tag owner.
func onSecretAnswered(t *testing.T) *Model {
	t.Helper()
	m := onSecret(t)
	typeText(t, m, "prod/db")
	m.focusID("tags.add")
	press(t, m, "enter")
	typeText(t, m, "owner")
	return m
}

// onRotation returns a model without colour on the Rotation step of a new
// secret named id, with rotation on.
func onRotation(t *testing.T, id string) *Model {
	t.Helper()
	m := sized(New(nil, Options{NoColor: true}))
	press(t, m, "enter")
	typeText(t, m, id)
	m.gotoStep(stepRotation)
	m.settle()
	if m.d.Rotation == nil {
		press(t, m, "space")
	}
	return m
}

// onRoleStatement returns a model on the Resource policy step of a new
// secret, editing the statement its ready-made "role" button adds, whose
// principal is still to be given.
func onRoleStatement(t *testing.T) *Model {
	t.Helper()
	m := onSecret(t)
	m.gotoStep(stepPolicy)
	m.focusID("policy.role")
	press(t, m, "enter")
	return m
}

// problemTexts are the messages shown under field id, as drawn.
func problemTexts(t *testing.T, m *Model, id string) []string {
	t.Helper()
	var out []string
	for _, p := range nameItems(fieldByID(t, m, id), m.fieldProblems(fieldByID(t, m, id))) {
		out = append(out, p.Message)
	}
	return out
}

// waitFor polls the transcript until it holds want.
func waitFor(t *testing.T, out *testwait.Transcript, want string) {
	t.Helper()
	deadline := testwait.Deadline(t)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the transcript never showed %q:\n%s", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// formText is the form column of the screen as one line of words, so a
// wrapped sentence can be looked for whole.
func formText(m *Model) string {
	var words []string
	for _, l := range strings.Split(screen(m), "\n") {
		l, _, _ = strings.Cut(l, "│")
		l = strings.ReplaceAll(l, "┃", "") // the border of a huh dialog
		words = append(words, strings.Fields(l)...)
	}
	return strings.Join(words, " ")
}

// enterValue replaces the text of field id with v, moves on with tab and
// returns the screen.
func enterValue(t *testing.T, m *Model, id, v string) string {
	t.Helper()
	m.focusID(id)
	press(t, m, "ctrl+u")
	typeText(t, m, v)
	press(t, m, "tab")
	return screen(m)
}
