package tui

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// questionMarkWitnesses are designs whose text fields hold valid values
// that TestQuestionMarkFollowsTheValidators puts a "?" into: between them
// a cron schedule, wildcard conditions, both kinds of function, and a
// password key of a secret no hosted function reads.
var questionMarkWitnesses = []string{
	filepath.Join("..", "examples", "payments-db.yaml"),
	filepath.Join("testdata", "help-multiuser.yaml"),
	filepath.Join("testdata", "help-own-lambda.yaml"),
	filepath.Join("testdata", "questionmark.yaml"),
	filepath.Join("testdata", "questionmark-own.yaml"),
	filepath.Join("..", "examples", "needs-work.yaml"),
}

// questionMarkValues are valid values for the text fields no witness
// design fills: the Start screen's, and the Review's, which hold what the
// wizard is doing rather than the design.
var questionMarkValues = map[string]string{
	"Start: Existing secret ARN": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf",
	"Start: Design file":         "designs/payments.yaml",
	"Start: Template":            "templates/payments.yaml",
	"Review: Write to":           "out/payments.cfn.yaml",
	"Review: Waiver reason":      "The team accepts this; see SEC-1234.",
}

// acceptsQuestionMark reports whether text field f, holding a value its
// checks take, takes it with a "?" put in somewhere: some place the
// design's validation and the field's own checks raise no error at f.
// It reports ok false when the value f holds is refused already (no
// witness). f's value is put back.
func acceptsQuestionMark(m *Model, f field, given string) (accepts, ok bool) {
	w := f.get()
	defer m.applySet(f, w)
	if w == "" && given != "" {
		w = given
		m.applySet(f, w)
	}
	errorsAt := func() int {
		g := fieldOrNil(m, f.id)
		if g == nil {
			return -1
		}
		n := 0
		for _, p := range m.fieldProblems(*g) {
			if p.Severity == blueprint.SeverityError {
				n++
			}
		}
		return n
	}
	if w == "" || errorsAt() != 0 {
		return false, false
	}
	if strings.Contains(w, "?") {
		return true, true // a cron expression's day field
	}
	rs := []rune(w)
	for i := 0; i <= len(rs); i++ {
		m.applySet(f, string(rs[:i])+"?"+string(rs[i:]))
		if errorsAt() == 0 {
			return true, true
		}
	}
	return false, true
}

func fieldOrNil(m *Model, id string) *field {
	for _, f := range m.fields() {
		if f.id == id {
			return &f
		}
	}
	return nil
}

// ? is a character in the text fields whose checks let a value hold one,
// and opens the help in every other (takesQuestionMark): a Secret Id, an
// ARN or a subnet id took a "?" that was refused at once (issue 22's
// trial, D24). Each field's fact is held against the validators: one
// marked as taking ? must take it in some design, and one not marked
// must refuse it wherever it holds a valid value.
func TestQuestionMarkFollowsTheValidators(t *testing.T) {
	declared := map[string]bool{}
	takes := map[string]bool{}
	witnessed := map[string]bool{}
	var m *Model
	visit := func(s step) {
		for _, f := range m.fields() {
			if f.kind != kindText {
				continue
			}
			name := stepText[s].title + ": " + strings.TrimSpace(f.q.title)
			declared[name] = declared[name] || f.takesQuestionMark
			if ok, seen := acceptsQuestionMark(m, f, questionMarkValues[name]); seen {
				witnessed[name] = true
				if ok {
					takes[name] = true
				}
			}
		}
	}
	m = sized(New(nil, Options{NoColor: true}))
	for _, c := range []string{"existing", "open", "import"} {
		m.setStart(c)
		visit(stepStart)
	}
	for _, path := range questionMarkWitnesses {
		m = sized(New(decodeDesign(t, path), Options{NoColor: true}))
		for s := stepStart; s <= stepReview; s++ {
			m.gotoStep(s)
			m.settle()
			visit(s)
		}
		if m.d.ResourcePolicy != nil {
			for i := range m.d.ResourcePolicy.Statements {
				m.gotoStep(stepPolicy)
				m.editStatement(i, "")
				visit(stepPolicy)
			}
		}
	}
	var names []string
	for n := range declared {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		switch {
		case takes[n] && !declared[n]:
			t.Errorf("%s: a value may hold ?, but ? opens the help there (set takesQuestionMark)", n)
		case declared[n] && witnessed[n] && !takes[n]:
			t.Errorf("%s: takes ? as text, but no value holding ? passes its checks in %v", n, questionMarkWitnesses)
		case declared[n] && !witnessed[n]:
			t.Errorf("%s: takes ? as text, but no design of %v gives it a valid value to try", n, questionMarkWitnesses)
		}
	}
	t.Logf("text fields that take ?: %v", func() (out []string) {
		for _, n := range names {
			if takes[n] {
				out = append(out, n)
			}
		}
		return
	}())
	t.Logf("text fields tried: %v", func() (out []string) {
		for _, n := range names {
			if witnessed[n] {
				out = append(out, n)
			}
		}
		return
	}())
	t.Logf("text fields not tried: %v", func() (out []string) {
		for _, n := range names {
			if !witnessed[n] {
				out = append(out, n)
			}
		}
		return
	}())
}

// On a field whose value can never hold ?, ? opens the help even when it
// holds text, leaves the value as it was, and the key line offers ? (not
// f1); on one whose value may, ? is typed and the line offers f1 (D24).
func TestQuestionMarkOpensHelpWhereItCannotBeTyped(t *testing.T) {
	m := sized(New(decodeDesign(t, filepath.Join("testdata", "questionmark.yaml")), Options{NoColor: true}))
	keyLine := func() string {
		lines := strings.Split(screen(m), "\n")
		return lines[len(lines)-1]
	}
	for _, c := range []struct {
		s  step
		id string
	}{
		{stepSecret, "secret.secretId"},
		{stepSecret, "secret.region"},
		{stepEncryption, "secret.kmsKeyArn"},
		{stepRotation, "rotation.hostedRotationLambda.vpcSubnetIds"},
		{stepRotation, "rotation.hostedRotationLambda.masterSecretArn"},
		{stepRotation, "rotation.duration"},
	} {
		m.gotoStep(c.s)
		m.settle()
		focus(t, m, c.id)
		f := mustFocused(t, m)
		if f.get() == "" {
			typeText(t, m, "x")
		}
		before := f.get()
		if kl := keyLine(); !strings.Contains(kl, "? help") || strings.Contains(kl, "f1 help") {
			t.Errorf("%s: key line = %q, want ? help", c.id, kl)
		}
		press(t, m, "?")
		if !m.showHelp {
			t.Errorf("%s: ? did not open the help", c.id)
		} else {
			press(t, m, "esc")
		}
		if got := f.get(); got != before {
			t.Errorf("%s: ? changed %q to %q", c.id, before, got)
		}
	}
	m.gotoStep(stepSecret)
	focus(t, m, "secret.description")
	if kl := keyLine(); !strings.Contains(kl, "f1 help") || strings.Contains(kl, "? help") {
		t.Errorf("Description: key line = %q, want f1 help", kl)
	}
	press(t, m, "?")
	if m.showHelp || m.d.Secret.Description != "Orders database credentials?" {
		t.Errorf("? in the Description was not typed: help %v, description %q", m.showHelp, m.d.Secret.Description)
	}
}
