package blueprint

import (
	"strings"
	"testing"
)

// A rotation window must end within its UTC day (RotationRulesType.Duration:
// "must not extend into the next rotation window or the next UTC day"): a
// cron that starts at 22:00 with a 3h window was accepted and written
// (issue 22's third trial).
func TestRotationWindowEndsWithinTheUTCDay(t *testing.T) {
	for _, c := range []struct {
		expr, window string
		want         string // "" for accepted
	}{
		{"cron(0 22 * * ? *)", "3h", "a 3h window from 22:00 UTC runs past midnight UTC, and a window must end within its UTC day: make it at most 2h, or start the rotations earlier"},
		{"cron(0 22 * * ? *)", "2h", ""},
		{"cron(30 23 ? * MON *)", "1h", "start the rotations by 23:00 UTC"},
		{"cron(0 4,20 ? * MON *)", "5h", "from 20:00 UTC"},
		{"cron(0 0 ? * MON *)", "24h", ""},
		{"rate(30 days)", "24h", ""},
	} {
		d := validDesign()
		d.Rotation.ScheduleExpression, d.Rotation.Duration = c.expr, c.window
		var got string
		for _, p := range d.Validate() {
			if p.Path == "rotation.duration" {
				got = p.Message
			}
		}
		switch {
		case c.want == "" && got != "":
			t.Errorf("%s with %s: %q, want it accepted", c.expr, c.window, got)
		case c.want != "" && !strings.Contains(got, c.want):
			t.Errorf("%s with %s: %q, want it to say %q", c.expr, c.window, got, c.want)
		}
	}
}
