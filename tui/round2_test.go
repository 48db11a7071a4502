package tui

import (
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Tests for issue 22, "The wizard as a demanding user finds it, round two".
// Each names the item it covers.

// Item 3: a new design, of a new secret or of an existing one, starts with
// rotation on every 30 days, and no error-level rule starts broken: each is
// met, or waits for an answer (not applicable until the question is
// answered).
func TestNewDesignBreaksNoErrorRule(t *testing.T) {
	for _, start := range []string{"new", "existing"} {
		m := sized(New(nil, Options{}))
		m.setStart(start)
		m.refresh()
		if r := m.d.Rotation; r == nil || r.AutomaticallyAfterDays != 30 || r.ScheduleExpression != "" {
			t.Errorf("%s: rotation = %+v, want on, every 30 days", start, r)
		}
		for _, res := range m.report.Results {
			if res.Rule.Severity == blueprint.SeverityError && res.Status == blueprint.StatusNotMet {
				t.Errorf("%s: %s starts not met: %v", start, res.Rule.ID, res.Findings)
			}
		}
	}
}
