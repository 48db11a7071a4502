package workflow

import (
	"strings"
	"testing"
)

// A waiver for a rule the design meets is said at the waiver, as a
// warning that does not stop the templates, rather than kept silently.
func TestIdleWaiverIsSaid(t *testing.T) {
	const design = `version: 1
secret:
  secretId: prod/w
  region: eu-west-1
  tags: {owner: x}
waivers:
  - rule: recovery-window
    reason: "reviewed in SEC-1"
`
	l := Decode("w.yaml", []byte(design))
	var found bool
	for _, d := range l.Diagnostics {
		if d.Path == "waivers[0].rule" {
			found = true
			if d.Line != 7 || !strings.Contains(d.Message, "rule recovery-window is met; this waiver has no effect") || d.Severity.String() != "warning" {
				t.Errorf("the waiver's diagnostic: %v", d)
			}
		}
	}
	if !found {
		t.Errorf("nothing is said at the waiver of a rule that is met: %v", l.Diagnostics)
	}
}
