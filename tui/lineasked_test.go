package tui

import (
	"strings"
	"testing"
)

// Line mode prints a field's error at that field, when it is asked, and
// names it: choosing "id" for Reach Secrets Manager printed "error: is
// empty; give the id of the VPC's endpoint ..." before the Endpoint id
// question, naming nothing and reading as if "id" was refused (trial 8a's
// W9).
func TestLineModeErrorWaitsForItsField(t *testing.T) {
	rot, i := endpointIDRotationAnswers()
	answers := append(secretAnswers("prod/db"), rot[:i]...)
	_, got := untilInputEnds(t, nil, Options{EchoAnswers: true}, append(answers, "id")...)
	_, after, ok := strings.Cut(got, "> id")
	if !ok {
		_, after, ok = strings.Cut(got, "Endpoint id")
	}
	if !ok {
		t.Fatalf("the Endpoint id was never asked:\n%s", got)
	}
	asked := strings.Index(after, "Endpoint id")
	if asked < 0 {
		t.Fatalf("no Endpoint id question after the choice:\n%s", after)
	}
	if strings.Contains(after[:asked], "error:") {
		t.Errorf("an error printed before the Endpoint id is asked:\n%s", after[:asked+40])
	}
	for l := range strings.SplitSeq(got, "\n") {
		if strings.HasPrefix(l, "error: is ") {
			t.Errorf("an error names no field: %q", l)
		}
	}
}
