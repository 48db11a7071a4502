package tui

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// roundTrip saves d as a design file and parses it back.
func roundTrip(t *testing.T, d *blueprint.Design) blueprint.Statement {
	t.Helper()
	data, err := designfile.Save(d)
	if err != nil {
		t.Fatalf("designfile.Save: %v", err)
	}
	backFile := designfile.Decode("design.yaml", data)
	back, diags := backFile.Design, backFile.Structure
	if errs := diags.Errors(); len(errs) > 0 || back == nil {
		t.Fatalf("designfile.Decode of the saved design: %v\n%s", errs, data)
	}
	return back.ResourcePolicy.Statements[0]
}

func TestStatementNotPrincipalNotAction(t *testing.T) {
	role := "arn:aws:iam::111122223333:role/admin"
	m := statementModel(t)
	st := func() blueprint.Statement { return m.d.ResourcePolicy.Statements[0] }
	m.focusID("stmt0.effect")
	press(t, m, "right") // Deny: NotPrincipal and NotAction belong in a Deny
	m.focusID("stmt0.principal")
	press(t, m, "ctrl+u")
	typeText(t, m, role)
	before := st()

	m.focusID("stmt0.prinElem")
	press(t, m, "right")
	got := st()
	if got.Principal != nil || got.NotPrincipal == nil || !reflect.DeepEqual(got.NotPrincipal.AWS, []string{role}) {
		t.Fatalf("after NotPrincipal: principal %+v, notPrincipal %+v, want only notPrincipal.AWS [%s]", got.Principal, got.NotPrincipal, role)
	}
	s := screen(m)
	contains(t, s, "(•) NotPrincipal")
	contains(t, s, role) // the values stay on screen, now under NotPrincipal

	m.focusID("stmt0.actElem")
	press(t, m, "right")
	got = st()
	if got.Action != nil || !reflect.DeepEqual(got.NotAction, readActions()) {
		t.Fatalf("after NotAction: action %v, notAction %v, want only notAction %v", got.Action, got.NotAction, readActions())
	}
	contains(t, screen(m), "(•) NotAction")
	if errs := m.d.Validate().Errors(); len(errs) > 0 {
		t.Errorf("a Deny with NotPrincipal and NotAction: Validate() = %v, want no errors", errs)
	}

	// The design file holds them as notPrincipal and notAction.
	back := roundTrip(t, m.d)
	if back.Principal != nil || back.NotPrincipal == nil || !reflect.DeepEqual(back.NotPrincipal.AWS, []string{role}) ||
		back.Action != nil || !reflect.DeepEqual(back.NotAction, readActions()) {
		t.Errorf("after saving and loading: %+v (notPrincipal %+v), want notPrincipal %s and notAction %v", back, back.NotPrincipal, role, readActions())
	}

	// The list says what the statement does.
	if got, want := statementSummary(st()), "AllowRoleRead: Deny all actions but DescribeSecret and GetSecretValue to everyone but "+role; got != want {
		t.Errorf("statementSummary = %q, want %q", got, want)
	}

	// Switching back restores the statement as it was.
	m.editStatement(0, "stmt0.prinElem")
	press(t, m, "left")
	m.focusID("stmt0.actElem")
	press(t, m, "left")
	if got := st(); !reflect.DeepEqual(got, before) {
		t.Errorf("after switching back: %+v, want %+v", got, before)
	}
}

// With neither element set yet, the switch decides where the values go.
func TestStatementNotPrincipalFromEmpty(t *testing.T) {
	m := statementModel(t)
	p := m.d.ResourcePolicy
	p.Statements[0].Principal, p.Statements[0].Action = nil, nil
	m.editStatement(0, "stmt0.prinElem")
	press(t, m, "right")
	m.focusID("stmt0.principal")
	typeText(t, m, "111122223333")
	m.focusID("stmt0.actElem")
	press(t, m, "right", "tab", "space") // NotAction: the first action
	got := p.Statements[0]
	if got.Principal != nil || got.NotPrincipal == nil || !reflect.DeepEqual(got.NotPrincipal.AWS, []string{"111122223333"}) {
		t.Errorf("principal %+v, notPrincipal %+v, want only notPrincipal.AWS [111122223333]", got.Principal, got.NotPrincipal)
	}
	if got.Action != nil || !reflect.DeepEqual(got.NotAction, blueprint.Actions[:1]) {
		t.Errorf("action %v, notAction %v, want only notAction %v", got.Action, got.NotAction, blueprint.Actions[:1])
	}
	back := roundTrip(t, m.d)
	if !reflect.DeepEqual(back.NotPrincipal, got.NotPrincipal) || !reflect.DeepEqual(back.NotAction, got.NotAction) {
		t.Errorf("after saving and loading: %+v, want %+v", back, got)
	}
}

// Line mode asks the same switches.
func TestRunAccessibleNotPrincipal(t *testing.T) {
	role := "arn:aws:iam::111122223333:role/admin"
	answers := append(secretAnswers("prod/db"),
		"",  // Encryption key: create
		"1", // What next? Add a statement
		"",  // Sid
		"2", // Effect: Deny
		"2", // Principal element: NotPrincipal
		"",  // Principal type: AWS
		role,
		"2", // Action element: NotAction
		"6", // Actions: the sixth
		"",  // Resource: *
		"",  // What next? Back to the statements
	)
	var transcript strings.Builder
	res, err := RunAccessible(nil, Options{}, lines(answers...), &transcript)
	defer func() {
		if t.Failed() {
			t.Log(transcript.String())
		}
	}()
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded", err)
	}
	p := res.Design.ResourcePolicy
	if p == nil || len(p.Statements) != 1 {
		t.Fatalf("resource policy = %+v, want one statement", p)
	}
	st := p.Statements[0]
	if st.Effect != "Deny" || st.Principal != nil || st.NotPrincipal == nil || !reflect.DeepEqual(st.NotPrincipal.AWS, []string{role}) ||
		st.Action != nil || !reflect.DeepEqual(st.NotAction, blueprint.Actions[5:6]) {
		t.Errorf("statement = %+v (notPrincipal %+v), want Deny, notPrincipal %s, notAction %v", st, st.NotPrincipal, role, blueprint.Actions[5:6])
	}
}
