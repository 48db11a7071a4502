package tabletest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// recorder is a testing.TB that keeps the failures it is told of.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// refuseX refuses an input holding x, saying where.
func refuseX(s string) error {
	if i := strings.Index(s, "x"); i >= 0 {
		return fmt.Errorf("has an x at %d", i)
	}
	return nil
}

// Each check fails for a wrong case only, in the inputs' order, naming
// the function, the input, what came and what was wanted; a right case
// is silent.
func TestChecksFailOnlyWhereTheTableDisagrees(t *testing.T) {
	for _, c := range []struct {
		name  string
		check func(*recorder)
		want  []string
	}{
		{"Equal", func(r *recorder) {
			Equal(r, "ToUpper", strings.ToUpper, map[string]string{"b": "B", "a": "a", "c": "c"})
		}, []string{`ToUpper("a") = "A", want "a"`, `ToUpper("c") = "C", want "c"`}},
		{"Equal of a bool", func(r *recorder) {
			Equal(r, "HasX", func(s string) bool { return strings.Contains(s, "x") }, map[string]bool{"x": true, "y": true})
		}, []string{`HasX("y") = false, want true`}},
		{"Equal of a duration", func(r *recorder) {
			Equal(r, "Hours", time.Duration.Hours, map[time.Duration]float64{time.Hour: 1, 2 * time.Hour: 1})
		}, []string{`Hours(2h0m0s) = 2, want 1`}},
		{"Messages", func(r *recorder) {
			Messages(r, "refuseX", refuseX, map[string]string{"ax": "has an x at 1", "x": "has an x", "y": "", "zx": ""})
		}, []string{`refuseX("x") = has an x at 0, want the message "has an x"`, `refuseX("zx") = has an x at 1, want it accepted`}},
		{"Messages of an accepted input", func(r *recorder) {
			Messages(r, "refuseX", refuseX, map[string]string{"y": "has an x at 0"})
		}, []string{`refuseX("y") = <nil>, want the message "has an x at 0"`}},
		{"Verdicts", func(r *recorder) {
			Verdicts(r, "refuseX", refuseX, map[string]string{"ax": "at 1", "bx": "at 2", "y": "", "zx": "", "w": "an x"})
		}, []string{`refuseX("bx") = has an x at 1, want it to say "at 2"`, `refuseX("w") = <nil>, want it to say "an x"`, `refuseX("zx") = has an x at 1, want it accepted`}},
		{"Equal of Returns", func(r *recorder) {
			parse := Returns(func(s string) (int, error) {
				if s == "" {
					return 0, errors.New("empty")
				}
				return len(s), nil
			})
			Equal(r, "parse", parse, map[string]Returned[int]{"": {}, "ab": {Value: 2}, "abc": {Value: 2}})
		}, []string{`parse("") = 0 and the error "empty", want 0 and no error`, `parse("abc") = 3 and no error, want 2 and no error`}},
	} {
		r := &recorder{TB: t}
		c.check(r)
		if got := strings.Join(r.failures, "\n"); got != strings.Join(c.want, "\n") {
			t.Errorf("%s reported:\n%s\nwant:\n%s", c.name, got, strings.Join(c.want, "\n"))
		}
	}
}
