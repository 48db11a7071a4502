package tui

import (
	"strings"
	"testing"
)

// A number field's refused answer leaves the number it held: in line
// mode "Password length" 32 answered "3x" said "must be a whole number"
// and then "is required", the field having been emptied by the answer it
// refused, and the draft lost the 32 (issue 22's third trial).
func TestRefusedNumberKeepsTheNumber(t *testing.T) {
	res, got := untilInputEnds(t, nil, Options{},
		"new", "prod/db", "", "", // Begin with, Secret Id, Description, Region
		"3x", // Password length: not a number
	)
	if !strings.Contains(got, "error: Password length: must be a whole number, in digits\nPassword length again:") {
		t.Errorf("the refused answer is not said once, then asked again:\n%s", got)
	}
	if strings.Contains(got, "is required") {
		t.Errorf("a refused answer emptied the field:\n%s", got)
	}
	if g := res.Design.Secret.GenerateSecretString; g == nil || g.PasswordLength == nil || *g.PasswordLength != 32 {
		t.Errorf("the password length after a refused answer is %+v, want 32 kept", g)
	}
}

// The full-screen wizard keeps the text on screen with its error, and the
// design (and so the draft) keeps the last number: "Rotate every (days)"
// 30 typed on to "30x" was emptied, and its error said "is required".
func TestTypedNonNumberKeepsTheDesignsNumber(t *testing.T) {
	m := sized(New(benchDesign(), Options{DesignFile: "bench.yaml"}))
	m.gotoStep(stepRotation)
	m.focusID("rotation.automaticallyAfterDays")
	press(t, m, "ctrl+u")
	typeText(t, m, "30x")
	s := screen(m)
	for _, want := range []string{"30x", "must be a whole number, in digits"} {
		contains(t, s, want) // the text and its error stay on screen
	}
	if strings.Contains(s, "is required") {
		t.Errorf("the field's refused text emptied it:\n%s", s)
	}
	if got := m.Design().Rotation.AutomaticallyAfterDays; got != 30 {
		t.Errorf("the design's days after a refused text = %d, want 30 kept", got)
	}
}
