package tui

import (
	"strings"
	"testing"
)

// The preview's reason names which condition of a statement holds no
// value, by its operator and key: "statement 1 condition: needs at least
// one value" did not say which of the endpoint Deny's two (trial 7a's
// T11).
func TestPreviewNamesTheCondition(t *testing.T) {
	m := onSecret(t)
	typeText(t, m, "prod/db")
	m.gotoStep(stepPolicy)
	m.focusID("policy.vpce")
	press(t, m, "enter", "ctrl+p")
	if !strings.Contains(m.preview.err, "statement 1 condition ArnNotLike aws:PrincipalArn: needs at least one value") {
		t.Errorf("the preview's reason does not name the condition: %q", m.preview.err)
	}
}
