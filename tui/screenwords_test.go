package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
)

// choiceState is one way through a step's choices: the values chosen, in
// order, by field id.
type choiceState [][2]string

// stepModel is a model on step s of a copy of d, with the choices of cs
// made in order; ok is false when a choice's field is not on screen.
func stepModel(t *testing.T, d *blueprint.Design, s step, cs choiceState) (*Model, bool) {
	t.Helper()
	m := New(d.Clone(), Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 140, Height: 60})
	m.gotoStep(s)
	for _, c := range cs {
		if c[0] == "edit" { // the policy step's statement editor
			m.editStatement(0, "")
			continue
		}
		i := slices.IndexFunc(m.fields(), func(f field) bool { return f.id == c[0] })
		if i < 0 {
			return m, false
		}
		m.choose(m.fields()[i], c[1])
	}
	return m, true
}

// modeFields are the fields of a step whose value changes which
// questions the step asks: its choices of a few options and its toggles.
func modeFields(fs []field) []field {
	var out []field
	for _, f := range fs {
		switch {
		case f.kind == kindToggle:
			f.options = []option{{value: "true"}, {value: "false"}}
			out = append(out, f)
		case f.kind == kindChoice && len(f.options) > 1 && len(f.options) <= 4:
			out = append(out, f)
		}
	}
	return out
}

// shownMessages are the messages of the problems m's screen shows, in
// the screen's words: under each field (as fieldLines words them) and
// those no field shows.
func shownMessages(m *Model) []string {
	fs := m.fields()
	var out []string
	for _, f := range fs {
		for _, p := range nameItems(f, m.fieldProblems(f)) {
			if !f.fileWords {
				out = append(out, onScreen(p.Message))
			}
		}
	}
	if other := strings.Join(m.otherProblems(fs, 10000), " "); strings.TrimSpace(other) != "" {
		out = append(out, ansi.Strip(other))
	}
	if m.step == stepReview {
		// The review's lists: errors of earlier steps, rule findings.
		out = append(out, ansi.Strip(strings.Join(m.reviewLines(10000), "\n")))
	}
	return out
}

// A message on screen names only fields the step shows as its choices
// stand, or says which choice brings a field back: with "Its endpoint id"
// chosen and no id typed yet, the Reach Secrets Manager choice warned
// "give VPC id to have an endpoint created", a field that choice hides
// (issue 22's second trial, N3). Every design below is taken through
// every combination of each step's choices and toggles; a field title
// that one combination shows and another hides must not appear in the
// other's messages.
func TestMessagesNameOnlyShownFields(t *testing.T) {
	noNetwork := benchDesign()
	noNetwork.Rotation.HostedRotationLambda.VPCID = ""
	multi := benchDesign()
	multi.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
	multi.Rotation.HostedRotationLambda.VPCID = ""
	multi.Secret.Database = nil
	target := benchDesign()
	target.Secret.Database = &blueprint.Database{TargetType: "AWS::RDS::DBInstance", Username: "app"}
	target.Rotation.HostedRotationLambda.VPCSubnetIDs = nil
	own := benchDesign()
	own.Rotation.HostedRotationLambda = nil
	own.Rotation.ScheduleExpression, own.Rotation.AutomaticallyAfterDays = "rate(90 days)", 0
	own.Secret.KMSKeyARN = "alias/aws/secretsmanager"
	existing := benchDesign()
	existing.Secret = blueprint.Secret{ExistingSecretARN: "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf"}
	both := benchDesign()
	both.Rotation.HostedRotationLambda.Endpoint = blueprint.EndpointExisting
	designs := map[string]*blueprint.Design{"bench": benchDesign(), "no network": noNetwork, "multi user": multi, "target": target,
		"own function": own, "vpcId and endpoint": both, "existing secret": existing}
	for name, d := range designs {
		for s := stepSecret; s < stepReview; s++ {
			checkStepWords(t, name, d, s)
		}
	}
}

// checkStepWords takes design d through every combination of step s's
// choices and checks the messages of each against the fields it shows.
func checkStepWords(t *testing.T, name string, d *blueprint.Design, s step) {
	t.Helper()
	type seen struct {
		cs     choiceState
		titles []string
		msgs   []string
	}
	var states []seen
	done := map[string]bool{}
	queue := []choiceState{nil}
	if s == stepPolicy && d.ResourcePolicy != nil && len(d.ResourcePolicy.Statements) > 0 {
		queue = append(queue, choiceState{{"edit", "0"}})
	}
	for len(queue) > 0 && len(states) < 200 {
		cs := queue[0]
		queue = queue[1:]
		m, ok := stepModel(t, d, s, cs)
		if !ok {
			continue
		}
		fs := m.fields()
		var titles []string
		for _, f := range fs {
			if f.q.title != "" {
				titles = append(titles, f.q.title)
			}
		}
		key := strings.Join(titles, "|") + "\x00" + strings.Join(shownMessages(m), "|")
		if done[key] {
			continue
		}
		done[key] = true
		msgs := shownMessages(m)
		// The review lists what the steps before it leave, in its words.
		m.gotoStep(stepReview)
		msgs = append(msgs, shownMessages(m)...)
		states = append(states, seen{cs, titles, msgs})
		if len(cs) >= 3 {
			continue
		}
		for _, f := range modeFields(fs) {
			for _, o := range f.options {
				if o.value != f.get() {
					queue = append(queue, append(slices.Clip(cs), [2]string{f.id, o.value}))
				}
			}
		}
	}
	// The statement editor is another screen, not a choice of the list.
	editor := func(cs choiceState) bool { return len(cs) > 0 && cs[0][0] == "edit" }
	all := map[bool][]string{}
	for _, st := range states {
		for _, ti := range st.titles {
			if e := editor(st.cs); !slices.Contains(all[e], ti) {
				all[e] = append(all[e], ti)
			}
		}
	}
	for _, st := range states {
		for _, ti := range all[editor(st.cs)] {
			if slices.Contains(st.titles, ti) {
				continue
			}
			for _, msg := range st.msgs {
				if strings.Contains(msg, ti) {
					t.Errorf("%s, %s step after choosing %v: the message %q names %q, a field these choices do not show",
						name, stepText[s].title, fmt.Sprint(st.cs), msg, ti)
				}
			}
		}
	}
}

// With "Database resource" chosen and neither its type nor its identifier
// given, the Rotation step said nothing of the missing database: the
// finding sits at the host, whose field that choice hides, and no field
// took it. The resource type's field says it now, by the choices shown.
func TestMissingDatabaseShownByTheTargetChoice(t *testing.T) {
	m, ok := stepModel(t, benchDesign(), stepRotation, choiceState{{"secret.database.form", "target"}})
	if !ok {
		t.Fatal("no database choice on the Rotation step")
	}
	var got []string
	for _, f := range m.fields() {
		if f.path == "secret.database.targetType" {
			for _, p := range m.fieldProblems(f) {
				got = append(got, onScreen(p.Message))
			}
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "no database to connect to") || !strings.Contains(got[0], `choose "Host name" for Database`) {
		t.Errorf("the resource type's field shows %q, want the missing database in the words of its choices", got)
	}
}

// A database value Validate refuses belongs to the Rotation step, where
// its fields are: with rotation turned off (or your own function chosen)
// those fields were hidden, Continue let it through, and the review said
// "Review step, Database identifier: is required ...", a step and a field
// where nothing could be fixed. The fields now stay on screen while they
// hold such a value, and the review names the Rotation step.
func TestDatabaseErrorsStayOnTheRotationStep(t *testing.T) {
	d := benchDesign()
	d.Secret.Database = &blueprint.Database{TargetType: "AWS::RDS::DBInstance", Username: "app"}
	for _, cs := range []choiceState{{{"rotation", "false"}}, {{"rotation.function", "arn"}}} {
		m, ok := stepModel(t, d, stepRotation, cs)
		if !ok {
			t.Fatalf("no %v on the Rotation step", cs)
		}
		if !slices.ContainsFunc(m.fields(), func(f field) bool { return f.path == "secret.database.targetId" }) {
			t.Errorf("after %v the Rotation step hides Database identifier, which holds an error:\n%s", cs, screen(m))
		}
		if m.stepErrors() == 0 {
			t.Errorf("after %v Continue would leave the Rotation step with the database's error", cs)
		}
		m.gotoStep(stepReview)
		review := ansi.Strip(strings.Join(m.reviewLines(10000), "\n"))
		if !strings.Contains(review, "Rotation step, Database identifier: is required") {
			t.Errorf("after %v the review says:\n%s", cs, review)
		}
	}
}
