package blueprint

import (
	"strings"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

const day = 24 * time.Hour

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		expr     string
		min, max time.Duration
	}{
		// Rate.
		{"rate(30 days)", 30 * day, 30 * day},
		{"rate(1 day)", day, day},
		{"rate(4 hours)", 4 * time.Hour, 4 * time.Hour},
		{"rate(1000 days)", 1000 * day, 1000 * day},
		// Cron: daily and sub-daily.
		{"cron(0 0 * * ? *)", day, day},
		{"cron(0 */6 * * ? *)", 6 * time.Hour, 6 * time.Hour},
		{"cron(0 1,3 * * ? *)", 2 * time.Hour, 22 * time.Hour},
		// Cron: month lengths and weekdays show up in the gaps.
		{"cron(0 16 1 * ? *)", 28 * day, 31 * day},
		{"cron(0 16 1,15 * ? *)", 14 * day, 17 * day},
		{"cron(0 0 ? * MON *)", 7 * day, 7 * day},
		{"cron(0 0 ? * 2-6 *)", day, 3 * day},
		{"cron(0 0 L * ? *)", 28 * day, 31 * day},
		{"cron(0 0 ? * 6#3 *)", 28 * day, 35 * day},
		{"cron(0 0 ? * 6L *)", 28 * day, 35 * day},
		{"cron(0 0 15W * ? *)", 28 * day, 32 * day},
		{"cron(0 0 1 JAN,JUL ? *)", 181 * day, 184 * day},
		// A year list ends, so the rotation stops.
		{"cron(0 0 * * ? 2026-2027)", day, never},
	}
	for _, tt := range tests {
		got, err := parseSchedule(tt.expr)
		if err != nil {
			t.Errorf("ParseSchedule(%q) error %v", tt.expr, err)
			continue
		}
		if got.MinInterval != tt.min || got.MaxInterval != tt.max {
			t.Errorf("ParseSchedule(%q) = min %v max %v, want min %v max %v", tt.expr, got.MinInterval, got.MaxInterval, tt.min, tt.max)
		}
	}
}

func TestValidateScheduleExpression(t *testing.T) {
	// "" for valid, else a part of the refusal.
	tabletest.Verdicts(t, "ValidateScheduleExpression", ValidateScheduleExpression, map[string]string{
		"rate(30 days)":           "",
		"rate(4 hours)":           "",
		"cron(0 8 ? * MON-FRI *)": "",
		"rate(3 hours)":           "at least 4 hours apart",
		"cron(0 */2 * * ? *)":     "at least 4 hours apart",
		"cron(0 1,3 * * ? *)":     "at least 4 hours apart",
		"":                        "must be rate(N days)",
		"rate(30 minutes)":        "must be days or hours",
		"rate(0 days)":            "at least 1",
		"rate(-1 days)":           "at least 1",
		"rate(1001 days)":         "at most 1000 days",
		"rate(30days)":            "rate(N days)",
		"every 30 days":           "must be rate(N days)",
		"cron(0 0 * * *)":         "6 fields",
		"cron(0 0 * * * *)":       "exactly one of day-of-month",
		"cron(0 0 ? * ? *)":       "exactly one of day-of-month",
		"cron(60 0 * * ? *)":      "minutes field",
		"cron(0 24 * * ? *)":      "hours field",
		"cron(0 0 32 * ? *)":      "day-of-month field",
		"cron(0 0 ? * 8 *)":       "day-of-week field",
		"cron(0 0 1 13 ? *)":      "month field",
		"cron(0 0 * * ? 1969)":    "year field",
		"cron(0 0 5-1 * ? *)":     "low to high",
		"cron(0 0 */0 * ? *)":     "step",
		"cron(0 0 ? * 6#6 *)":     "1-5",
		"cron(0 0 30 2 ? *)":      "never",
		"cron(0 ? * * ? *)":       "only allowed",
		"cron(0 0 1 1 ? 2026)":    "at most once",
		"rate(" + strings.Repeat("1", 300) + " days)": "at most 256",
	})
}

func TestValidateDuration(t *testing.T) {
	for _, ok := range []string{"1h", "2h", "24h"} {
		if err := ValidateDuration(ok); err != nil {
			t.Errorf("ValidateDuration(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"", "h", "0h", "25h", "2", "2H", "+2h", "-1h", "1.5h", "2 h", "120m"} {
		if err := ValidateDuration(bad); err == nil {
			t.Errorf("ValidateDuration(%q) = nil, want error", bad)
		}
	}
}

func TestValidateAutomaticallyAfterDays(t *testing.T) {
	for _, tt := range []struct {
		in int
		ok bool
	}{{0, false}, {1, true}, {30, true}, {1000, true}, {1001, false}, {-5, false}} {
		if err := ValidateAutomaticallyAfterDays(tt.in); (err == nil) != tt.ok {
			t.Errorf("ValidateAutomaticallyAfterDays(%d) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func TestParseScheduleCache(t *testing.T) {
	// The cache must never hand back another expression's result.
	a, _ := ParseSchedule("rate(5 days)")
	b, _ := ParseSchedule("rate(6 days)")
	c, _ := ParseSchedule("rate(5 days)")
	if a.MaxInterval != 5*day || b.MaxInterval != 6*day || c != a {
		t.Errorf("cache mixed results: %v %v %v", a, b, c)
	}
}

func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{"rate(30 days)", "cron(0 16 1,15 * ? *)", "cron(0 0 ? * 6#3 *)", "cron(0 0 15W * ? 2026-2030/2)", "cron(*/5 0-23/4 L * ? *)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		s, err := parseSchedule(expr)
		if err != nil {
			return
		}
		if s.MinInterval <= 0 || s.MaxInterval < s.MinInterval {
			t.Fatalf("parseSchedule(%q) = %+v: intervals out of order", expr, s)
		}
	})
}

func TestRotationTypes(t *testing.T) {
	if len(RotationTypes) != 16 {
		t.Fatalf("got %d rotation types, want 16", len(RotationTypes))
	}
	multi := 0
	for _, rt := range RotationTypes {
		if rt.MultiUser != strings.HasSuffix(rt.Name, "MultiUser") {
			t.Errorf("%s: MultiUser = %v disagrees with its name", rt.Name, rt.MultiUser)
		}
		if rt.MultiUser {
			multi++
		}
		// Issue 20: Db2SingleUser's setSecret signs in as the master user.
		if want := rt.MultiUser || rt.Name == "Db2SingleUser"; rt.NeedsMaster != want {
			t.Errorf("%s: NeedsMaster = %v, want %v", rt.Name, rt.NeedsMaster, want)
		}
		if id, ok := rt.SARApplicationID("aws-cn"); !ok || !strings.HasPrefix(id, "arn:aws-cn:serverlessrepo:cn-north-1:193023089310:applications/SecretsManager") {
			t.Errorf("%s: aws-cn application id %q", rt.Name, id)
		}
		// Issue 20, item 14: Terraform pins the application's version
		// wherever the application is published.
		for _, part := range []string{"aws", "aws-cn", "aws-us-gov"} {
			if v, ok := rt.SemanticVersion(part); !ok || !strings.HasPrefix(v, "1.1.") {
				t.Errorf("%s: SemanticVersion(%s) = %q, %v, want a pinned 1.1.x", rt.Name, part, v, ok)
			}
		}
		if _, ok := rt.SARApplicationID("aws-iso"); ok {
			t.Errorf("%s: aws-iso has no rotation apps", rt.Name)
		}
	}
	if multi != 8 {
		t.Errorf("got %d multi-user types, want 8", multi)
	}
	if err := ValidateRotationType("postgresqlsingleuser"); err == nil || !strings.Contains(err.Error(), `"PostgreSQLSingleUser"`) {
		t.Errorf("ValidateRotationType(lowercase) = %v, want a did-you-mean", err)
	}
	if err := ValidateRotationType(""); err == nil || strings.Contains(err.Error(), "Db2MultiUser") || !strings.Contains(err.Error(), "is required") {
		t.Errorf("ValidateRotationType(\"\") = %v, want a short 'is required' without the whole list", err)
	}
	if err := ValidateRotationType("Cassandra"); err == nil || !strings.Contains(err.Error(), "Db2MultiUser") {
		t.Errorf("ValidateRotationType(Cassandra) = %v, want the list", err)
	}
}

// A schedule too frequent says how often it runs in words, not as Go
// prints a duration ("3h0m0s").
func TestScheduleTooFrequentSaysTheGapInWords(t *testing.T) {
	const tooOften = "rotations must be at least 4 hours apart; this schedule allows "
	tabletest.Messages(t, "ValidateScheduleExpression", ValidateScheduleExpression, map[string]string{
		"rate(3 hours)":        tooOften + "3 hours between them",
		"rate(1 hour)":         tooOften + "1 hour between them",
		"cron(*/10 * * * ? *)": tooOften + "10 minutes between them",
		"cron(0,30 * * * ? *)": tooOften + "30 minutes between them",
		"cron(0 0,1 * * ? *)":  tooOften + "1 hour between them",
	})
}
