package tui

import (
	"path/filepath"
	"testing"
)

// Choosing "Its endpoint id" with no id typed yet left nothing in the
// design (the endpoint stays empty until the id is typed), and the draft
// kept only the design, so a resumed draft showed "Create an endpoint"
// and no id field. The draft's state line keeps the choice now.
func TestDraftKeepsTheEndpointIDChoice(t *testing.T) {
	const hb = "rotation.hostedRotationLambda"
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path, Now: clockAt(draftClock)}))
	press(t, m, "enter")
	*m.d = *benchDesign()
	m.refresh()
	m.gotoStep(stepRotation)
	m.focusID(hb + ".endpointMode")
	press(t, m, "right", "right", "right")
	if f, _ := m.focused(); f.get() != endpointByID {
		t.Fatalf("the choice reads %q after three →, want %q:\n%s", f.get(), endpointByID, screen(m))
	}
	if h := m.d.Rotation.HostedRotationLambda; h.Endpoint != "" {
		t.Fatalf("endpoint = %q before any id is typed", h.Endpoint)
	}
	m.Close()
	if _, st := readDraft(t, path); st.Modes["endpoint"] != endpointByID {
		t.Fatalf("the draft's state keeps modes %v, want endpoint=%s", st.Modes, endpointByID)
	}

	m = sized(New(nil, Options{DraftPath: path, Now: clockAt(draftClock), NoColor: true}))
	defer m.Close()
	press(t, m, "enter")
	onStep(t, m, stepRotation, "after resuming")
	m.focusID(hb + ".endpointMode")
	if f, _ := m.focused(); f.get() != endpointByID {
		t.Errorf("the resumed choice reads %q, want %q", f.get(), endpointByID)
	}
	contains(t, screen(m), "Its endpoint id")
	m.focusID(hb + ".endpoint")
	if f, _ := m.focused(); f.id != hb+".endpoint" || f.kind != kindText {
		t.Errorf("the resumed step has no endpoint id field:\n%s", screen(m))
	}
}
