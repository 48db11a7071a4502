package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
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

// readersWriter writes as the command's writer does with output.readerPolicies
// (workflow.Write, which tui cannot import): the template, and each
// reader's policy beside it when the design's output key asks for them.
type readersWriter struct{ asked []bool }

func (w *readersWriter) write(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool) (Written, error) {
	files, err := generate.Render(d, f, generate.Options{})
	if err != nil {
		return Written{}, err
	}
	if err := writeNew(path, files[0].Data, force); err != nil {
		return Written{}, err
	}
	written := []string{path}
	readers := d.Output != nil && d.Output.ReaderPolicies
	w.asked = append(w.asked, readers)
	if readers {
		rs, err := generate.ReaderPolicies(d)
		if err != nil {
			return Written{}, err
		}
		for _, r := range rs {
			p := filepath.Join(filepath.Dir(path), r.Name)
			if err := writeNew(p, r.Data, force); err != nil {
				return Written{}, err
			}
			written = append(written, p)
		}
	}
	return Written{Files: written}, nil
}

// TestReviewWritesReaderPolicies: the Review step's "Reader policies"
// switch (generate --reader-policies in the wizard, issue 20) says why on
// ?, is kept in the design's output key, and its files are written beside
// the template and listed on Done.
func TestReviewWritesReaderPolicies(t *testing.T) {
	w := &readersWriter{}
	m := onReview(t, Options{Write: w.write, NoColor: true})
	m.d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "App", Effect: "Allow",
		Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::444455556666:role/app"}},
		Action:    []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}
	m.refresh()
	t.Chdir(t.TempDir()) // a short path, shown whole on Done
	out := filepath.Join("out", "prod-db.cfn.yaml")
	m.focusID("review.output")
	typeText(t, m, out)
	m.focusID("review.readers")
	contains(t, screen(m), "Reader policies")
	press(t, m, "?")
	contains(t, screen(m), "own account must grant")
	press(t, m, "esc")
	press(t, m, "space")
	if o := m.d.Output; o == nil || !o.ReaderPolicies {
		t.Fatalf("after space the design's output is %+v, want readerPolicies on", o)
	}
	m.focusID("review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after writing")
	if len(w.asked) != 1 || !w.asked[0] {
		t.Fatalf("the writer was asked for reader policies %v, want [true]", w.asked)
	}
	name := "prod-db.reader-1.444455556666-role-app.iam.json"
	if _, err := os.Stat(filepath.Join(filepath.Dir(out), name)); err != nil {
		t.Errorf("the reader policy was not written: %v", err)
	}
	contains(t, screen(m), name)
}

// TestLineModeAsksReaderPolicies: line mode asked Format, Write to and
// Overwrite at the review but never Reader policies, so a line-mode
// session could not write the reader's IAM policies. It is asked between
// Write to and Overwrite, off by default, says why on ?, and y turns it
// on for the writer and the saved output key.
func TestLineModeAsksReaderPolicies(t *testing.T) {
	for _, tc := range []struct {
		name    string
		answers []string
		want    bool
	}{
		{"the default", []string{"", "", "", ""}, false},
		{"y after ?", []string{"", "", "?", "y", ""}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &readersWriter{}
			m := onReview(t, Options{Write: w.write, NoColor: true})
			defer m.Close()
			m.d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "App", Effect: "Allow",
				Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::444455556666:role/app"}},
				Action:    []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}
			m.refresh()
			t.Chdir(t.TempDir())
			var out strings.Builder
			lines := make(chan line, 16)
			for _, l := range tc.answers {
				lines <- line{text: l + "\n"}
			}
			a := &accessible{m: m, out: &out, lines: lines, ctx: t.Context()}
			if err := a.review(); err != nil {
				t.Fatalf("review: %v\n%s", err, out.String())
			}
			text := out.String()
			contains(t, text, "Reader policies")
			if i, j := strings.Index(text, "Reader policies"), strings.Index(text, "\nOverwrite"); i < 0 || j < i || i < strings.Index(text, "Write to") {
				t.Errorf("Reader policies is not asked between Write to and Overwrite:\n%s", text)
			}
			if tc.want {
				contains(t, text, "own account must grant")
			}
			if len(w.asked) != 1 || w.asked[0] != tc.want {
				t.Fatalf("the writer was asked for reader policies %v, want [%v]\n%s", w.asked, tc.want, text)
			}
			if o := m.d.Output; (o != nil && o.ReaderPolicies) != tc.want {
				t.Errorf("the design's output is %+v, want readerPolicies %v", o, tc.want)
			}
		})
	}
}
