package blueprint

import (
	"strings"
	"testing"
)

// A rotation window must close by the end of its UTC day
// (RotationRulesType.Duration: "The window must not extend into the next
// rotation window or the next UTC day"). A cron schedule that opens at
// 04:00 with a 21h window ran into the next day and was accepted (issue
// 22's third trial); the message says the most the window may be.
func TestRotationWindowEndsByMidnightUTC(t *testing.T) {
	for _, c := range []struct {
		expr, dur string
		want      string // "" when the window is fine
	}{
		{"cron(0 4 ? * SUN *)", "21h", "at most 20h"},
		{"cron(0 4 ? * SUN *)", "20h", ""},
		{"cron(30 4 ? * SUN *)", "20h", "opened at 04:30 UTC"},
		{"cron(30 4 ? * SUN *)", "19h", ""},
		{"cron(0 23 ? * SUN *)", "2h", "at most 1h"},
		{"cron(30 23 ? * SUN *)", "1h", "leave it empty"},
		// Two windows a day: the later one decides.
		{"cron(0 2,14 ? * SUN *)", "11h", "opened at 14:00 UTC"},
		{"cron(0 2,14 ? * SUN *)", "10h", ""},
		{"cron(0 22 * * ? *)", "3h", "make it at most 2h"},
		{"cron(0 22 * * ? *)", "2h", ""},
		{"cron(0 0 ? * MON *)", "24h", ""},
		// A rate's windows start at midnight.
		{"rate(10 days)", "24h", ""},
	} {
		d := compliantDesign()
		d.Rotation.ScheduleExpression, d.Rotation.Duration = c.expr, c.dur
		var got string
		for _, p := range d.Validate() {
			if p.Path == "rotation.duration" {
				got = p.Message
			}
		}
		switch {
		case c.want == "" && got != "":
			t.Errorf("%s with %s: %q, want no problem", c.expr, c.dur, got)
		case c.want != "" && !strings.Contains(got, c.want):
			t.Errorf("%s with %s: %q, want one saying %q", c.expr, c.dur, got, c.want)
		case c.want != "" && !strings.Contains(got, "next UTC day"):
			t.Errorf("%s with %s: %q does not say why", c.expr, c.dur, got)
		}
	}
}
