package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/workflow"
)

// fieldsOfDesign walks every step of the wizard opened on the design file
// path (and, on the Rotation step, both kinds of function and every way
// to the database and to Secrets Manager), calling fn with each field.
func fieldsOfDesign(t *testing.T, path string, fn func(s step, f field)) {
	t.Helper()
	m := sized(New(decodeDesign(t, path), Options{NoColor: true}))
	for s := stepStart; s <= stepReview; s++ {
		m.gotoStep(s)
		m.settle()
		for _, f := range m.fields() {
			fn(s, f)
		}
	}
	// A statement's own fields.
	if m.d.ResourcePolicy != nil && len(m.d.ResourcePolicy.Statements) > 0 {
		m.gotoStep(stepPolicy)
		m.stmt = 0
		for _, f := range m.fields() {
			fn(stepPolicy, f)
		}
		m.stmt = -1
	}
}

// Every question has a help page that says more than its hint: the help
// paragraph or the reason of the rule behind it. The Rotation window's
// page showed only "optional: 1h-24h, the hours the rotation may take",
// which is not what the window is, and AWS Config rules never said which
// rules (issue 22's third trial).
func TestEveryQuestionHasHelpBeyondItsHint(t *testing.T) {
	seen := map[string]bool{}
	for _, path := range []string{
		filepath.Join("..", "examples", "payments-db.yaml"),
		filepath.Join("testdata", "help-multiuser.yaml"),
		filepath.Join("testdata", "help-own-lambda.yaml"),
	} {
		fieldsOfDesign(t, path, func(s step, f field) {
			if f.kind == kindButton || f.q.title == "" || seen[f.q.title] {
				return
			}
			seen[f.q.title] = true
			if f.q.help == "" && f.rule == "" {
				t.Errorf("%s: %q has no help beyond its hint %q", stepText[s].title, f.q.title, f.q.hint)
			}
		})
	}
}

// Your own function's role: with the key secretsmith creates, the key's
// policy lets the role decrypt; with a key the design names, the hint and
// help must not say so (issue 22's third trial: "the key secretsmith
// creates lets it decrypt" under a key ARN given on the Encryption step).
func TestLambdaRoleQuestionFollowsTheKey(t *testing.T) {
	for _, c := range []struct {
		path    string
		creates bool
	}{
		{filepath.Join("testdata", "help-own-lambda.yaml"), false},
	} {
		var got *field
		fieldsOfDesign(t, c.path, func(s step, f field) {
			if f.path == "rotation.rotationLambdaRoleArn" {
				got = &f
			}
		})
		if got == nil {
			t.Fatalf("%s: no Function's role field", c.path)
		}
		says := strings.Contains(got.q.hint+got.q.help, "the key secretsmith creates")
		if says != c.creates {
			t.Errorf("%s: Function's role says the key secretsmith creates: %v, want %v\nhint: %s\nhelp: %s", c.path, says, c.creates, got.q.hint, got.q.help)
		}
	}
	// The same design with the key secretsmith creates.
	m := onRotation(t, "prod/api")
	m.focusID("rotation.function")
	press(t, m, "right")
	m.focusID("rotation.rotationLambdaRoleArn")
	f := mustFocused(t, m)
	if f.path != "rotation.rotationLambdaRoleArn" || !strings.Contains(f.q.hint, "the key secretsmith creates") {
		t.Errorf("with the key secretsmith creates, Function's role (%s) hint = %q", f.path, f.q.hint)
	}
}

// decodeDesign reads the design file at path as the wizard opens it (its
// structure sound, its values as they are).
func decodeDesign(t *testing.T, path string) *blueprint.Design {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l := workflow.Decode(path, data)
	if l.Checked == nil {
		t.Fatalf("%s: %v", path, l.Diagnostics)
	}
	return l.Checked
}
