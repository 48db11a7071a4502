package blueprint

import (
	"strings"
	"testing"
)

// Tests for what issue 22's fourth trial found.

// A schedule too frequent says how often it runs in words, not as Go
// prints a duration ("3h0m0s").
func TestScheduleTooFrequentSaysTheGapInWords(t *testing.T) {
	for expr, want := range map[string]string{
		"rate(3 hours)":        "this schedule allows 3 hours between them",
		"rate(1 hour)":         "this schedule allows 1 hour between them",
		"cron(*/10 * * * ? *)": "this schedule allows 10 minutes between them",
		"cron(0,30 * * * ? *)": "this schedule allows 30 minutes between them",
		"cron(0 0,1 * * ? *)":  "this schedule allows 1 hour between them",
	} {
		err := ValidateScheduleExpression(expr)
		if err == nil || err.Error() != "rotations must be at least 4 hours apart; "+want {
			t.Errorf("ValidateScheduleExpression(%q) = %v, want ...%s", expr, err, want)
		}
	}
}

// An output path starting with ~ is refused with a word: only a shell
// reads it as the home directory, and written as it is it made a
// directory named ~ beside the design.
func TestOutputPathWithTildeRefused(t *testing.T) {
	for _, p := range []string{"~/x.yaml", "~", "~alice/x"} {
		if err := ValidateOutputPath(p); err == nil || !strings.Contains(err.Error(), "only a shell reads as a home directory") {
			t.Errorf("ValidateOutputPath(%q) = %v", p, err)
		}
	}
	for _, p := range []string{"x~.yaml", "out/~x.yaml", "/tmp/x.yaml"} {
		if err := ValidateOutputPath(p); err != nil {
			t.Errorf("ValidateOutputPath(%q) = %v, want nil", p, err)
		}
	}
}
