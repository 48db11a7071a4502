package tui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
)

// The ready-made Deny outside my VPC endpoint lists the endpoints the
// design already names, an Allow statement's aws:SourceVpce and the
// rotation function's endpoint id, and its hint says where each came
// from (issue 22's second trial: it came empty although the Allow beside
// it named the endpoint). Editing the values makes them the user's, and
// the hint is the question's own again.
func TestEndpointDenyFilledFromTheDesign(t *testing.T) {
	const rotationEndpoint = "vpce-0123456789abcdef0"
	d := benchDesign()
	h := d.Rotation.HostedRotationLambda
	h.VPCID, h.Endpoint = "", rotationEndpoint
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	m.gotoStep(stepPolicy)
	press(t, m, "ctrl+t") // the checklist off, so the hint reads whole
	m.focusID("policy.vpce")
	press(t, m, "enter")
	sts := m.d.ResourcePolicy.Statements
	st := sts[len(sts)-1]
	k := slices.IndexFunc(st.Condition, func(c blueprint.Condition) bool { return c.Key == "aws:SourceVpce" })
	if st.Effect != "Deny" || k < 0 {
		t.Fatalf("the preset added %+v", st)
	}
	if got, want := st.Condition[k].Values, []string{"vpce-0abc1234", rotationEndpoint}; !slices.Equal(got, want) {
		t.Errorf("the Deny lists %v, want %v (the Allows' endpoint once, then the rotation function's)", got, want)
	}
	flat := strings.Join(strings.Fields(screen(m)), " ")
	for _, want := range []string{`vpce-0abc1234 from the Allow statement "Read0"`, rotationEndpoint + " from the rotation function's endpoint id"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the values' hint does not say %q:\n%s", want, screen(m))
		}
	}
	if f, ok := m.focused(); !ok || !strings.HasSuffix(f.id, ".values") {
		t.Fatalf("the preset focused %q, want the endpoint values", f.id)
	}
	typeText(t, m, ",vpce-0fedcba98")
	if strings.Contains(strings.Join(strings.Fields(screen(m)), " "), "from the Allow statement") {
		t.Errorf("after an edit the hint still says where the values came from:\n%s", screen(m))
	}

	// With no endpoint named anywhere, the values are left to fill.
	d = benchDesign()
	d.ResourcePolicy.Statements = nil
	m = New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	m.gotoStep(stepPolicy)
	m.focusID("policy.vpce")
	press(t, m, "enter")
	st = m.d.ResourcePolicy.Statements[0]
	if k := slices.IndexFunc(st.Condition, func(c blueprint.Condition) bool { return c.Key == "aws:SourceVpce" }); len(st.Condition[k].Values) != 0 {
		t.Errorf("with no endpoint in the design the Deny lists %v", st.Condition[k].Values)
	}
	contains(t, screen(m), qCondValues.hint)
}
