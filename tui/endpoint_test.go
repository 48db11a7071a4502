package tui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
)

// TestEndpointByID names the VPC's existing Secrets Manager endpoint by its
// id on the Rotation step (issue 20, item 6), as a design file can: the id
// field is checked on each key by the design's own validator, ? says why
// (a second endpoint with private DNS fails to deploy), and a Deny for
// calls outside that endpoint then no longer blocks rotation. The choice
// offered only "Create an endpoint", "The VPC has one" and "NAT gateway",
// so a third → came back to creating one and there was no field for the id.
func TestEndpointByID(t *testing.T) {
	const (
		hb = "rotation.hostedRotationLambda"
		id = "vpce-0123456789abcdef0"
	)
	d := benchDesign()
	d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, blueprint.Statement{
		Sid: "DenyOutsideEndpoint", Effect: "Deny", Principal: &blueprint.Principal{AWS: []string{"*"}},
		Action:    []string{"secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"},
		Resource:  []string{"*"},
		Condition: []blueprint.Condition{{Operator: "StringNotEquals", Key: "aws:SourceVpce", Values: []string{id}}},
	})
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	m.gotoStep(stepRotation)
	h := m.d.Rotation.HostedRotationLambda
	notBlocked := func() blueprint.Status {
		res, _ := m.report.Result(blueprint.RuleRotationNotBlocked)
		return res.Status
	}
	if got := notBlocked(); got != blueprint.StatusNotMet {
		t.Fatalf("with an endpoint secretsmith creates, whose id no policy can list, rotation-not-blocked is %s", got)
	}

	m.focusID(hb + ".endpointMode")
	press(t, m, "right", "right", "right")
	if h.Endpoint != "" || h.VPCID != "" {
		t.Fatalf("after choosing the endpoint id: endpoint %q, vpcId %q; want both empty until the id is typed", h.Endpoint, h.VPCID)
	}
	press(t, m, "tab")
	f, ok := m.focused()
	if !ok || f.id != hb+".endpoint" || f.kind != kindText {
		t.Fatalf("tab from the choice focused %q, want the endpoint id's text field:\n%s", f.id, screen(m))
	}
	contains(t, screen(m), "give the id of the VPC's endpoint")

	// Each key is checked as the design file is: a partial id gets the
	// validator's own message, under this field only.
	typeText(t, m, "vpce-0123")
	want := blueprint.ValidateEndpointMode("vpce-0123").Error()
	if ps := m.fieldProblems(f); len(ps) != 1 || ps[0].Message != want {
		t.Errorf("with vpce-0123 typed the field shows %v, want %q", ps, want)
	}
	m.focusID(hb + ".endpointMode")
	if c, _ := m.focused(); len(m.fieldProblems(c)) != 0 {
		t.Errorf("the choice repeats the id field's problems: %v", m.fieldProblems(c))
	}
	m.focusID(hb + ".endpoint")
	typeText(t, m, "456789abcdef0")
	if h.Endpoint != id {
		t.Fatalf("endpoint = %q, want %q", h.Endpoint, id)
	}
	if f, _ := m.focused(); len(m.fieldProblems(f)) != 0 {
		t.Errorf("a valid id still shows %v", m.fieldProblems(f))
	}
	if got := notBlocked(); got != blueprint.StatusMet {
		t.Errorf("with the function's endpoint named and listed in the Deny, rotation-not-blocked is %s, want met", got)
	}

	press(t, m, "f1")
	contains(t, screen(m), "fails to deploy")
	press(t, m, "esc")

	// Another way and back: the id typed comes back.
	m.focusID(hb + ".endpointMode")
	press(t, m, "left")
	if h.Endpoint != blueprint.EndpointNAT {
		t.Fatalf("← from the id chose %q, want nat", h.Endpoint)
	}
	press(t, m, "right")
	if h.Endpoint != id {
		t.Errorf("back on the endpoint id, endpoint = %q, want %q again", h.Endpoint, id)
	}

	// A design file that names the endpoint opens on it.
	d2 := benchDesign()
	d2.Rotation.HostedRotationLambda.VPCID, d2.Rotation.HostedRotationLambda.Endpoint = "", id
	m2 := New(d2, Options{DesignFile: "bench.yaml"})
	send(t, m2, tea.WindowSizeMsg{Width: 120, Height: 60})
	m2.gotoStep(stepRotation)
	s := screen(m2)
	if !strings.Contains(s, "Its endpoint id") || !strings.Contains(s, id) {
		t.Errorf("a design with endpoint %s does not show it:\n%s", id, s)
	}
}

// TestEndpointIDPicker: with --aws the endpoint id field lists the
// Secrets Manager endpoints of the subnets' VPC, not another VPC's (the
// function can only call one in its own VPC), and completes to them.
func TestEndpointIDPicker(t *testing.T) {
	const hb = "rotation.hostedRotationLambda"
	f := pickerAccount()
	f.eps = append(f.eps, account.Endpoint{ID: "vpce-0bbbbbbbbbbbbbbbb", VPCID: "vpc-0bbbbbbbbbbbbbbbb", State: "available", PrivateDNS: true})
	m := connected(t, f)
	m.gotoStep(stepRotation)
	h := m.d.Rotation.HostedRotationLambda
	// Subnets of vpc B, listed, with the endpoint named by id.
	m.focusID(hb + ".vpcSubnetIds")
	send(t, m, nil)
	h.VPCSubnetIDs, h.VPCID, h.VPCCIDR, h.Endpoint = []string{"subnet-0bbbbbbbbbbbbbbb1"}, "", "", ""
	m.mode["endpoint"] = endpointByID
	m.refresh()
	m.focusID(hb + ".endpoint")
	send(t, m, nil)
	s := screen(m)
	contains(t, s, "vpce-0bbbbbbbbbbbbbbbb in vpc-0bbbbbbbbbbbbbbbb")
	if strings.Contains(s, "vpce-0aaaaaaaaaaaaaaaa") {
		t.Errorf("the endpoint id field offers another VPC's endpoint:\n%s", s)
	}
	typeText(t, m, "vpce-")
	press(t, m, "right")
	if h.Endpoint != "vpce-0bbbbbbbbbbbbbbbb" {
		t.Errorf("→ completed the endpoint to %q, want vpc B's", h.Endpoint)
	}
}

// TestEndpointByIDLineMode names the endpoint by its id in line mode
// (--accessible): the fourth choice, then the id, which a wrong value
// first meets with the design file's own message.
func TestEndpointByIDLineMode(t *testing.T) {
	const id = "vpce-0123456789abcdef0"
	dir := t.TempDir()
	out := filepath.Join(dir, "out", "prod-db.cfn.yaml")
	rot, i := endpointIDRotationAnswers()
	rot = slices.Insert(slices.Delete(rot, i, i+1), i, "4", "vpce-12", id)
	answers := append(secretAnswers("prod/db"), rot...)
	answers = append(answers, "1", out, "", "") // Format, Write to, Reader policies, Overwrite
	w := &diskWriter{}
	var transcript strings.Builder
	res, err := RunAccessible(nil, Options{DraftPath: filepath.Join(dir, "draft.yaml"), Write: w.write}, lines(answers...), &transcript)
	if err != nil {
		t.Fatalf("RunAccessible = %v; transcript:\n%s", err, transcript.String())
	}
	if h := res.Design.Rotation.HostedRotationLambda; h == nil || h.Endpoint != id || h.VPCID != "" {
		t.Fatalf("saved hosted rotation = %+v, want endpoint %s and no vpcId; transcript:\n%s", h, id, transcript.String())
	}
	got := transcript.String()
	for _, want := range []string{"4. Its endpoint id", "Endpoint id: ", blueprint.ValidateEndpointMode("vpce-12").Error()} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript does not contain %q:\n%s", want, got)
		}
	}
	// The id has no default: an example shown as the field's value would
	// read as one.
	if strings.Contains(got, "meaning vpce-") {
		t.Errorf("the empty id field offers a value:\n%s", got)
	}
}

// endpointIDRotationAnswers are hostedRotationAnswers without the VPC id
// and CIDR, which "Its endpoint id" does not ask, and the index of the
// Reach Secrets Manager answer.
func endpointIDRotationAnswers() ([]string, int) {
	var rot []string
	for _, a := range hostedRotationAnswers() {
		switch a {
		case "vpc-0abc1234", "10.0.0.0/16":
			continue
		}
		rot = append(rot, a)
	}
	return rot, slices.Index(rot, "sg-0abc1234") + 1
}

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
