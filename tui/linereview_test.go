package tui

import (
	"slices"
	"strings"
	"testing"
)

// Line mode's Review says what the full-screen Review says below the
// checklist, from the same rows: who can read the value, and the calls
// refused or to check once deployed. It printed the checklist alone
// (trial 8a's W11).
func TestLineModeReviewSaysWhoReadsAndOnceDeployed(t *testing.T) {
	d := accessPaneDesign()
	m := sized(New(accessPaneDesign(), Options{NoColor: true}))
	m.gotoStep(stepReview)
	send(t, m, nil)
	access, walk := m.accessRows(), m.walkRows()
	if len(access) == 0 || len(walk) == 0 {
		t.Fatalf("the design gives no rows (%d readers, %d calls); the case tests nothing", len(access), len(walk))
	}
	_, got := untilInputEnds(t, d, Options{}, slices.Repeat([]string{""}, 80)...)
	review := got[strings.Index(got, "Review"):]
	for _, want := range []string{accessSummaryTitle + ":", walkSummaryTitle + " ("} {
		if !strings.Contains(review, want) {
			t.Errorf("the Review does not say %q:\n%s", want, review)
		}
	}
	// The rows' text, each after its mark in words: line mode draws no
	// symbols.
	if strings.ContainsAny(review, "✓✗") {
		t.Errorf("the Review draws marks:\n%s", review)
	}
	for _, r := range slices.Concat(access, walk) {
		if line := ": " + r.text; !strings.Contains(review, line) {
			t.Errorf("the Review does not say %q:\n%s", line, review)
		}
	}
}

// Choosing another format says the calls again: they are the chosen
// format's deployer's.
func TestLineModeReviewSaysTheChosenFormatsCalls(t *testing.T) {
	// Enter to the Format question (each question is a "> " prompt),
	// then Terraform.
	_, first := untilInputEnds(t, accessPaneDesign(), Options{}, slices.Repeat([]string{""}, 80)...)
	n := strings.Count(first[:max(0, strings.Index(first, "Format: "))], "> ")
	_, got := untilInputEnds(t, accessPaneDesign(), Options{}, append(slices.Repeat([]string{""}, n), "3")...)
	format := strings.LastIndex(got, "Format: ")
	if format < 0 {
		t.Fatalf("no Format question:\n%s", got)
	}
	if after := got[format:]; !strings.Contains(after, "Terraform (the role it runs as)") {
		t.Errorf("after choosing Terraform, the Review does not say Terraform's calls:\n%s", after)
	}
}
