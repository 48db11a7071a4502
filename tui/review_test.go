package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// The Review step: the errors and findings it lists, how they are
// drawn, and what ? says on its Format and Write to.

// An error on an earlier step that a later answer caused (the JSON
// template's username against the rotation's database user) is listed on
// the review, with its step and its own message: the review said only
// "JSON template: is not valid, so this rule cannot be checked yet", and
// Write only "the design has 1 error; go back and fix them first".
func TestReviewListsErrorsOfEarlierSteps(t *testing.T) {
	d := benchDesign()
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username": "other"}`
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	m.gotoStep(stepReview)
	press(t, m, "ctrl+t") // the checklist off, so lines read whole
	flat := strings.Join(strings.Fields(screen(m)), " ")
	for _, want := range []string{"Secret step, JSON template: has username \"other\"", `the design says Database user "app"`} {
		if !strings.Contains(flat, want) {
			t.Errorf("the review does not show %q:\n%s", want, screen(m))
		}
	}
	m.write()
	if !strings.Contains(m.status, "Secret") {
		t.Errorf("writing says %q, want it to name the step to go back to", m.status)
	}
}

// On the review, a waiver whose rule is met says so at its Remove button.
func TestIdleWaiverShownAtTheWaiver(t *testing.T) {
	m := onReview(t, Options{})
	m.d.Waivers = append(m.d.Waivers, blueprint.Waiver{Rule: "recovery-window", Reason: "reviewed in SEC-1"})
	m.refresh()
	i := len(m.d.Waivers) - 1
	f := fieldByID(t, m, fmt.Sprintf("review.waiver%d", i))
	var said bool
	for _, p := range m.fieldProblems(f) {
		said = said || strings.Contains(p.Message, "rule recovery-window is met; this waiver has no effect")
	}
	if !said {
		t.Errorf("the waiver of a met rule says nothing: %v", m.fieldProblems(f))
	}
}

// Issue 22 (trial): beside the reviewer's notes the review's counts and a
// finding's title were cut with "…" ("0 not…", "lets the s…"); they wrap
// under themselves.
func TestReviewRuleLinesWrapNotCut(t *testing.T) {
	dFile := designfile.Decode("compliant.yaml", []byte(learnDesigns[0].yaml))
	m := sized(New(dFile.Design, Options{DesignFile: "compliant.yaml", Learn: true}))
	m.gotoStep(stepReview)
	s := screen(m)
	var form []string
	for _, l := range strings.Split(s, "\n") {
		left, _, _ := strings.Cut(l, "│")
		form = append(form, left)
		if strings.Contains(left, "…") && !strings.Contains(left, "ctrl+c quit") {
			t.Errorf("a line of the review is cut: %q", left)
		}
	}
	joined := strings.Join(form, "\n")
	for _, want := range []string{"applicable", "secret's readers decrypt"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the review does not show %q whole:\n%s", want, s)
		}
	}
}

// Issue 22 (trial): ? on the review's Format and Write to showed only the
// hint again; it says how each format deploys and where the files go.
func TestReviewFormatAndOutputHaveAWhy(t *testing.T) {
	m := at80(New(nil, Options{}))
	m.gotoStep(stepReview)
	for id, want := range map[string][]string{
		"review.format": {"aws cloudformation deploy", "terraform init and terraform apply", "design file"},
		"review.output": {"current directory", "is created", "replaced only when you say so"},
	} {
		m.focusID(id)
		press(t, m, "f1")
		s := strings.Join(strings.Fields(screen(m)), " ")
		for _, w := range want {
			if !strings.Contains(s, w) {
				t.Errorf("? on %s does not say %q:\n%s", id, w, screen(m))
			}
		}
		press(t, m, "esc")
	}
}
