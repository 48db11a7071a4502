package tui

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
)

// The -update flag rewrites the golden screens in testdata. teatest's
// golden package already registers -update in this test binary, so the
// flag is declared only when it is missing and read by name; declaring it
// twice would panic.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden screens in testdata")
	}
}

// updating reports whether -update was given.
func updating() bool { return flag.Lookup("update").Value.String() == "true" }

// recorder is a WriteFunc that renders like the real one and remembers
// what it was asked to write.
type recorder struct {
	format generate.Format
	path   string
	files  []generate.File
	calls  int
}

func (r *recorder) write(d *blueprint.Design, f generate.Format, path string, force bool) (Written, error) {
	r.calls++
	files, err := generate.Render(d, f, generate.Options{})
	if err != nil {
		return Written{}, err
	}
	r.format, r.path, r.files = f, path, files
	return Written{Files: []string{path}, Next: "aws cloudformation deploy --template-file " + path}, nil
}

func loadDraft(t *testing.T, path string) *blueprint.Design {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read draft: %v", err)
	}
	d, _, err := designfile.Load(path, data)
	if err != nil {
		t.Fatalf("load draft: %v", err)
	}
	return d
}

// driveNewSecret answers every step for a new secret with single-user
// hosted rotation and stops on the review.
func driveNewSecret(t *testing.T, m *Model) {
	t.Helper()
	press(t, m, "enter") // Start: design a new secret
	typeText(t, m, "prod/db")
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab")
	press(t, m, "enter") // + Add a tag
	typeText(t, m, "owner")
	press(t, m, "enter")
	typeText(t, m, "payments")
	press(t, m, "enter")         // past the row buttons to Continue
	press(t, m, "enter")         // Encryption: create a dedicated key
	press(t, m, "down", "enter") // Policy: let one role read it
	typeText(t, m, "arn:aws:iam::111122223333:role/app")
	press(t, m, "esc", "tab", "tab", "tab", "tab", "tab", "tab", "enter")
	press(t, m, "space") // Rotation on
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "down", "down", "down")
	press(t, m, "tab", "tab", "tab")
	typeText(t, m, "subnet-0abc1234, subnet-0def5678")
	press(t, m, "tab")
	typeText(t, m, "sg-0abc1234")
	press(t, m, "enter")
	press(t, m, "space", "tab") // Monitoring
	typeText(t, m, "ops@example.com")
	press(t, m, "enter")
	if m.step != stepReview {
		t.Fatalf("after answering every step the wizard is on %q, want Review:\n%s", stepText[m.step].title, screen(m))
	}
}

func TestFlowNewSecretHostedRotationCloudFormation(t *testing.T) {
	draft := filepath.Join(t.TempDir(), "state", "secretsmith", "draft.yaml")
	rec := &recorder{}
	m := sized(New(nil, Options{DraftPath: draft, Write: rec.write}))
	driveNewSecret(t, m)

	// The draft saved on entering the review is the design being edited.
	if got := loadDraft(t, draft); !reflect.DeepEqual(got, m.Design()) {
		t.Errorf("draft design = %+v\nwant the wizard's design %+v", got, m.Design())
	}
	d := m.Design()
	h := d.Rotation.HostedRotationLambda
	if d.Secret.SecretID != "prod/db" || h.RotationType != "PostgreSQLSingleUser" || len(h.VPCSubnetIDs) != 2 ||
		d.Monitoring.AlertEmail != "ops@example.com" || d.ResourcePolicy.Statements[0].Principal.AWS[0] != "arn:aws:iam::111122223333:role/app" {
		t.Errorf("design after the flow = %+v", d)
	}
	if _, err := generate.Render(d, generate.CloudFormation, generate.Options{}); err != nil {
		t.Errorf("Render(final design) = %v, want no error", err)
	}

	out := filepath.Join(t.TempDir(), "secret.cfn.yaml")
	press(t, m, "tab") // Write to
	typeText(t, m, out)
	press(t, m, "tab", "tab") // overwrite, then the write button
	press(t, m, "enter")
	if rec.calls != 1 || rec.format != generate.CloudFormation || rec.path != out {
		t.Fatalf("write called %d times with %q %q, want once with cloudformation %q", rec.calls, rec.format, rec.path, out)
	}
	if m.step != stepDone {
		t.Fatalf("after writing the wizard is on %q, want Done", stepText[m.step].title)
	}
	press(t, m, "ctrl+t") // checklist off: the whole width for the paths
	contains(t, screen(m), out)
	if _, err := os.Stat(draft); !os.IsNotExist(err) {
		t.Errorf("draft still exists after writing (stat error %v)", err)
	}
	cmd := press(t, m, "enter")
	if cmd == nil || cmd() != tea.Quit() {
		t.Errorf("enter on Done did not quit")
	}
	if r := m.Result(); !r.Done || r.Aborted || r.Output != out {
		t.Errorf("Result() = %+v, want done, not aborted, output %q", r, out)
	}
}

// A bad character shows its message under the field at once, before Enter.
func TestLiveErrorBeforeEnter(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	typeText(t, m, "prod db")
	s := screen(m)
	contains(t, s, "must contain only letters, digits and /_+=.@-; ' ' is not")
	if m.step != stepSecret {
		t.Fatalf("step = %d, want the Secret step", m.step)
	}
	// The error keeps the user on the step.
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "enter")
	if m.step != stepSecret {
		t.Errorf("Continue with an invalid Secret Id moved to step %d", m.step)
	}
	contains(t, screen(m), "fix the 1 problem")
	// Fixing it clears the message with the next key.
	press(t, m, "esc") // back to Start: always allowed
	if m.step != stepStart {
		t.Errorf("esc with an error left the wizard on step %d, want Start", m.step)
	}
	press(t, m, "enter")
	for range 3 {
		press(t, m, "backspace")
	}
	typeText(t, m, "/db")
	if s := screen(m); strings.Contains(s, "is not allowed") {
		t.Errorf("message still shown after fixing the name:\n%s", s)
	}
}

// Going back and changing one answer keeps all the others.
func TestBackKeepsAnswers(t *testing.T) {
	m := sized(New(nil, Options{}))
	driveNewSecret(t, m)
	before := *m.Design().Rotation.HostedRotationLambda
	press(t, m, "esc", "esc", "esc", "esc") // Monitoring, Rotation, Policy, Encryption
	press(t, m, "esc")                      // Secret
	if m.step != stepSecret {
		t.Fatalf("step = %d, want Secret", m.step)
	}
	press(t, m, "tab")
	typeText(t, m, "payments database")
	for range 4 {
		press(t, m, "enter")
		press(t, m, "esc") // make sure back/forth in between loses nothing
		press(t, m, "enter")
	}
	d := m.Design()
	if d.Secret.Description != "payments database" || d.Secret.SecretID != "prod/db" {
		t.Errorf("secret = %+v, want the new description and the old Secret Id", d.Secret)
	}
	if !reflect.DeepEqual(*d.Rotation.HostedRotationLambda, before) || d.Monitoring.AlertEmail != "ops@example.com" ||
		len(d.ResourcePolicy.Statements) != 1 || len(d.Secret.Tags) != 1 {
		t.Errorf("answers changed after going back: %+v", d)
	}
	// Switching rotation off and on again brings the same rotation back.
	m.gotoStep(stepRotation)
	press(t, m, "space", "space")
	if !reflect.DeepEqual(*d.Rotation.HostedRotationLambda, before) {
		t.Errorf("rotation after off and on = %+v, want %+v", *d.Rotation.HostedRotationLambda, before)
	}
}

// Ctrl+C asks first, keeps the draft, and the next session offers it.
func TestCtrlCKeepsDraftThenResume(t *testing.T) {
	draft := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: draft}))
	press(t, m, "enter")
	typeText(t, m, "prod/db")
	if cmd := press(t, m, "ctrl+c"); cmd != nil {
		t.Fatalf("the first ctrl+c quit at once, want a question")
	}
	contains(t, screen(m), "Quit the wizard?")
	press(t, m, "n")
	if m.confirmQuit {
		t.Fatalf("n did not cancel quitting")
	}
	press(t, m, "ctrl+c")
	cmd := press(t, m, "y")
	if cmd == nil || cmd() != tea.Quit() || !m.Result().Aborted {
		t.Fatalf("y after ctrl+c did not abort")
	}
	if got := loadDraft(t, draft); got.Secret.SecretID != "prod/db" {
		t.Errorf("draft Secret Id = %q, want prod/db", got.Secret.SecretID)
	}

	m2 := sized(New(nil, Options{DraftPath: draft}))
	contains(t, screen(m2), "Resume the saved draft")
	press(t, m2, "enter")
	if m2.step != stepSecret || m2.Design().Secret.SecretID != "prod/db" {
		t.Errorf("after resuming: step %d, Secret Id %q; want the Secret step with prod/db", m2.step, m2.Design().Secret.SecretID)
	}
}

// The screen never outgrows the terminal, down to the minimum size, and
// says so below it.
func TestSmallTerminals(t *testing.T) {
	m := New(nil, Options{})
	driveNewSecret(t, sized(m))
	for _, sz := range [][2]int{{60, 20}, {80, 24}, {100, 30}, {200, 50}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for _, s := range []step{stepSecret, stepPolicy, stepRotation, stepReview} {
			m.gotoStep(s)
			lines := strings.Split(screen(m), "\n")
			if len(lines) != sz[1] {
				t.Errorf("%dx%d step %d: %d lines, want %d", sz[0], sz[1], s, len(lines), sz[1])
			}
			for _, l := range lines {
				if w := len([]rune(l)); w > sz[0] {
					t.Errorf("%dx%d step %d: line of %d cells: %q", sz[0], sz[1], s, w, l)
				}
			}
		}
	}
	m.Update(tea.WindowSizeMsg{Width: 59, Height: 30})
	contains(t, screen(m), "Terminal too small")
}

// Help shows the rule's reason, and ? stays a character inside text.
func TestHelp(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter", "tab", "tab", "tab") // password length
	press(t, m, "f1")
	contains(t, screen(m), "Blueprint rule generated-value")
	r, _ := blueprint.LookupRule("generated-value")
	contains(t, screen(m), r.Reason[:40])
	press(t, m, "esc")
	m.gotoStep(stepRotation)
	press(t, m, "space", "tab", "right", "tab") // schedule expression
	press(t, m, "ctrl+u")
	typeText(t, m, "cron(0 4 ? * MON *)")
	if got := m.Design().Rotation.ScheduleExpression; got != "cron(0 4 ? * MON *)" {
		t.Errorf("schedule expression = %q, want the cron expression with its ?", got)
	}
}

func TestDraftPath(t *testing.T) {
	tests := []struct{ state, home, want string }{
		{"/s", "/h", "/s/secretsmith/draft.yaml"},
		{"", "/h", "/h/.local/state/secretsmith/draft.yaml"},
		{"relative", "/h", "/h/.local/state/secretsmith/draft.yaml"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := DraftPath(tt.state, tt.home); got != tt.want {
			t.Errorf("DraftPath(%q, %q) = %q, want %q", tt.state, tt.home, got, tt.want)
		}
	}
}
