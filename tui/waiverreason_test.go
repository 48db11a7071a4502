package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// A waiver's reason is checked as it is typed, as the design's values
// are: secret material pasted there was said only once the waiver was
// added, and a reason of 3000 characters only when "+ Waive this rule"
// refused it (issue 22's third trial). A warning does not stop the waiver.
func TestWaiverReasonIsCheckedAsTyped(t *testing.T) {
	d := benchDesign()
	d.Secret.Tags = nil // tags-present fails, so the review offers a waiver
	m := sized(New(d, Options{DesignFile: "bench.yaml"}))
	m.gotoStep(stepReview)
	m.focusID("review.waiveReason")
	typeText(t, m, "tmp AKIAIOSFODNN7EXAMPLE")
	contains(t, screen(m), "looks like it holds an AWS access key id")
	press(t, m, "ctrl+u")
	typeText(t, m, strings.Repeat("r", 1025))
	contains(t, screen(m), "must be at most 1024 characters")
	press(t, m, "ctrl+u")
	typeText(t, m, "tmp AKIAIOSFODNN7EXAMPLE")
	m.focusID("review.waive")
	press(t, m, "enter")
	if len(m.Design().Waivers) != 1 {
		t.Fatalf("a reason only warned about was refused: %d waivers", len(m.Design().Waivers))
	}
	if err := blueprint.ValidateWaiverReason("tmp AKIAIOSFODNN7EXAMPLE"); err == nil || !blueprint.IsWarning(err) {
		t.Errorf("ValidateWaiverReason of an access key id = %v, want a warning", err)
	}
}
