package tui

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
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

func (r *recorder) write(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
	r.calls++
	files, err := generate.Render(d, f, generate.Options{})
	if err != nil {
		return Written{}, err
	}
	r.format, r.path, r.files = f, path, files
	return Written{Files: []string{path}, Next: "aws cloudformation deploy --template-file " + path}, nil
}

// loadDraft is the design of the draft file at path (readDraft, without
// where the session stopped).
func loadDraft(t *testing.T, path string) *blueprint.Design {
	t.Helper()
	d, _ := readDraft(t, path)
	return d
}

// newSecretActs answers every step for a new secret with single-user
// hosted rotation and stops on the review.
func newSecretActs() []act {
	return []act{
		keys("enter"), // Start: design a new secret
		typed("prod/db"),
		keys("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab"),
		keys("enter"), // + Add a tag
		typed("owner"),
		keys("enter"),
		typed("payments"),
		keys("enter"),         // past the row buttons to Continue
		keys("enter"),         // Encryption: create a dedicated key
		keys("down", "enter"), // Policy: let one role read it
		typed("arn:aws:iam::111122223333:role/app"),
		keys("esc", "tab", "tab", "tab", "tab", "tab", "tab", "enter"),
		keys("tab", "tab", "tab", "tab", "tab", "tab", "down", "down", "down"),
		keys("tab", "tab"), // the database: by host name
		typed("payments.cluster-abc.us-east-1.rds.amazonaws.com"),
		keys("tab", "tab", "tab"), // over port and dbname to the user
		typed("payments_app"),
		keys("tab", "tab", "tab"),
		typed("subnet-0abc1234, subnet-0def5678"),
		keys("tab"),
		typed("sg-0abc1234"),
		keys("tab", "tab"), // an endpoint is created in the VPC
		typed("vpc-0abc1234"),
		keys("enter"),
		typed("10.0.0.0/16"), // its CIDR: the endpoint admits the VPC (issue 20)
		keys("enter"),
		keys("tab", "tab"), // Monitoring: both alerts are on by default
		typed("ops@example.com"),
		keys("enter", "enter", "enter"), // over the existing topic and Config rules
		checks(func(t *testing.T, r run) {
			if r.m.step != stepReview {
				t.Fatalf("after answering every step the wizard is on %q, want Review:\n%s", stepText[r.m.step].title, screen(r.m))
			}
		}),
	}
}

// driveNewSecret runs newSecretActs on m by calling Update.
func driveNewSecret(t *testing.T, m *Model) {
	t.Helper()
	playUpdate(t, run{m: m}, newSecretActs())
}

func TestFlowNewSecretHostedRotationCloudFormation(t *testing.T) {
	runFlow(t, func(t *testing.T) []session {
		draft := filepath.Join(t.TempDir(), "state", "secretsmith", "draft.yaml")
		out := filepath.Join(t.TempDir(), "secret.cfn.yaml")
		rec := &recorder{}
		acts := append(newSecretActs(),
			checks(func(t *testing.T, r run) {
				m := r.m
				// The draft saved on entering the review is the design
				// being edited.
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
			}),
			keys("tab"), // Write to
			typed(out),
			keys("tab", "tab", "tab"), // reader policies, overwrite, then the write button
			keys("enter"),
			checks(func(t *testing.T, r run) {
				if rec.calls != 1 || rec.format != generate.CloudFormation || rec.path != out {
					t.Fatalf("write called %d times with %q %q, want once with cloudformation %q", rec.calls, rec.format, rec.path, out)
				}
				if r.m.step != stepDone {
					t.Fatalf("after writing the wizard is on %q, want Done", stepText[r.m.step].title)
				}
			}),
			keys("ctrl+t"), // checklist off: the whole width for the paths
			sees(out),
			checks(func(t *testing.T, r run) {
				if _, err := os.Stat(draft); !os.IsNotExist(err) {
					t.Errorf("draft still exists after writing (stat error %v)", err)
				}
			}),
			keys("enter"),
		)
		final := func(t *testing.T, r run) {
			if r.cmd == nil || r.cmd() != tea.Quit() {
				t.Errorf("enter on Done did not quit")
			}
			if res := r.m.Result(); !res.Done || res.Aborted || res.Output != out {
				t.Errorf("Result() = %+v, want done, not aborted, output %q", res, out)
			}
		}
		return []session{{opts: Options{DraftPath: draft, Write: rec.write}, acts: acts, final: final}}
	})
}

// A bad character shows its message under the field at once, before Enter.
func TestLiveErrorBeforeEnter(t *testing.T) {
	runFlow(t, func(t *testing.T) []session {
		return []session{{acts: []act{
			keys("enter"),
			typed("prod db"),
			sees("must contain only letters, digits and /_+=.@-; ' ' is not"),
			checks(func(t *testing.T, r run) {
				if r.m.step != stepSecret {
					t.Fatalf("step = %d, want the Secret step", r.m.step)
				}
			}),
			// The error keeps the user on the step.
			keys("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "enter"),
			checks(func(t *testing.T, r run) {
				if r.m.step != stepSecret {
					t.Errorf("Continue with an invalid Secret Id moved to step %d", r.m.step)
				}
			}),
			sees("fix the 1 error before you continue"),
			// Fixing it clears the message with the next key.
			keys("esc"), // back to Start: always allowed
			checks(func(t *testing.T, r run) {
				if r.m.step != stepStart {
					t.Errorf("esc with an error left the wizard on step %d, want Start", r.m.step)
				}
			}),
			keys("enter"),
			keys("backspace", "backspace", "backspace"),
			typed("/db"),
			checks(func(t *testing.T, r run) {
				if s := screen(r.m); strings.Contains(s, "is not allowed") {
					t.Errorf("message still shown after fixing the name:\n%s", s)
				}
			}),
		}}}
	})
}

// Going back and changing one answer keeps all the others.
func TestBackKeepsAnswers(t *testing.T) {
	runFlow(t, func(t *testing.T) []session {
		var before blueprint.HostedRotationLambda
		acts := append(newSecretActs(),
			checks(func(t *testing.T, r run) { before = *r.m.Design().Rotation.HostedRotationLambda }),
			keys("esc", "esc", "esc", "esc"), // Monitoring, Rotation, Policy, Encryption
			keys("esc"),                      // Secret
			checks(func(t *testing.T, r run) {
				if r.m.step != stepSecret {
					t.Fatalf("step = %d, want Secret", r.m.step)
				}
			}),
			keys("tab"),
			typed("payments database"),
		)
		for range 4 {
			// make sure back/forth in between loses nothing
			acts = append(acts, keys("enter", "esc", "enter"))
		}
		acts = append(acts,
			checks(func(t *testing.T, r run) {
				d := r.m.Design()
				if d.Secret.Description != "payments database" || d.Secret.SecretID != "prod/db" {
					t.Errorf("secret = %+v, want the new description and the old Secret Id", d.Secret)
				}
				if !reflect.DeepEqual(*d.Rotation.HostedRotationLambda, before) || d.Monitoring.AlertEmail != "ops@example.com" ||
					len(d.ResourcePolicy.Statements) != 1 || len(d.Secret.Tags) != 1 {
					t.Errorf("answers changed after going back: %+v", d)
				}
				// Switching rotation off and on again brings the same
				// rotation back.
				r.m.gotoStep(stepRotation)
			}),
			keys("space", "space"),
			checks(func(t *testing.T, r run) {
				if got := *r.m.Design().Rotation.HostedRotationLambda; !reflect.DeepEqual(got, before) {
					t.Errorf("rotation after off and on = %+v, want %+v", got, before)
				}
			}),
		)
		return []session{{acts: acts}}
	})
}

// Ctrl+C asks first, keeps the draft, and the next session offers it.
func TestCtrlCKeepsDraftThenResume(t *testing.T) {
	runFlow(t, func(t *testing.T) []session {
		draft := filepath.Join(t.TempDir(), "draft.yaml")
		quit := session{
			opts: Options{DraftPath: draft},
			acts: []act{
				keys("enter"),
				typed("prod/db"),
				keys("ctrl+c"),
				checks(func(t *testing.T, r run) {
					if r.m.Result().Aborted || !r.m.asking("quit") {
						t.Fatalf("the first ctrl+c did not ask whether to quit")
					}
				}),
				sees("Quit the wizard?"),
				keys("n"),
				checks(func(t *testing.T, r run) {
					if r.m.dialog != nil {
						t.Fatalf("n did not cancel quitting")
					}
				}),
				keys("ctrl+c"),
				keys("y"),
			},
			final: func(t *testing.T, r run) {
				if r.cmd == nil || r.cmd() != tea.Quit() || !r.m.Result().Aborted {
					t.Fatalf("y after ctrl+c did not abort")
				}
				if got := loadDraft(t, draft); got.Secret.SecretID != "prod/db" {
					t.Errorf("draft Secret Id = %q, want prod/db", got.Secret.SecretID)
				}
			},
		}
		resume := session{
			opts: Options{DraftPath: draft},
			acts: []act{
				sees("Resume the draft of prod-db"),
				keys("enter"),
			},
			final: func(t *testing.T, r run) {
				if r.m.step != stepSecret || r.m.Design().Secret.SecretID != "prod/db" {
					t.Errorf("after resuming: step %d, Secret Id %q; want the Secret step with prod/db", r.m.step, r.m.Design().Secret.SecretID)
				}
			},
		}
		return []session{quit, resume}
	})
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
	press(t, m, "tab", "right", "tab") // schedule expression (rotation is on from the start)
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

// Issue 11, item 7: keys do nothing while the window is too small to show
// the form; ctrl+c still asks.
func TestTooSmallIgnoresKeys(t *testing.T) {
	m := onSecret(t)
	focusIs(t, m, "secret.secretId")
	send(t, m, tea.WindowSizeMsg{Width: 50, Height: 15})
	contains(t, screen(m), "Terminal too small")
	press(t, m, "tab", "tab")
	typeText(t, m, "abc")
	if m.d.Secret.SecretID != "" {
		t.Errorf("typing while too small set the secret id to %q", m.d.Secret.SecretID)
	}
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	focusIs(t, m, "secret.secretId")
	send(t, m, tea.WindowSizeMsg{Width: 50, Height: 15})
	press(t, m, "ctrl+c")
	contains(t, screen(m), "Quit the wizard?")
	press(t, m, "n")
	if m.dialog != nil {
		t.Errorf("n did not keep going")
	}
}
