package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

const outputDesign = `version: 1
secret:
  secretId: prod/x
rotation:
  automaticallyAfterDays: 30
  rotationLambdaArn: arn:aws:lambda:us-east-1:111122223333:function:rot
  rotationLambdaRoleArn: arn:aws:iam::111122223333:role/rot
`

// reviewOutput is what the Review step offers: its format and path.
func reviewOutput(t *testing.T, m *Model) (string, string) {
	t.Helper()
	m.gotoStep(stepReview)
	return fieldByID(t, m, "review.format").get(), fieldByID(t, m, "review.output").get()
}

// Issue 11, item 2: a design opened from the Start screen offers the
// format and path it remembers, the path read relative to the design file.
func TestOpenedDesignOffersRememberedOutput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(path, []byte(outputDesign+"output:\n  format: tf\n  path: infra\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{DraftPath: filepath.Join(t.TempDir(), "draft.yaml")}))
	defer m.Close()
	openFromStart(t, m, path)
	onStep(t, m, stepSecret, "after opening the design")
	if f, p := reviewOutput(t, m); f != string(generate.Terraform) || p != filepath.Join(dir, "infra") {
		t.Errorf("Review offers %s to %q, want terraform to %s", f, p, filepath.Join(dir, "infra"))
	}
	if m.outputPath() != filepath.Join(dir, "infra") {
		t.Errorf("the write would go to %s", m.outputPath())
	}
}

// A design given to New (--design, whose caller has made the path one from
// the current directory) and a resumed draft offer theirs too, and a choice
// made on Review is kept in the design, so the draft keeps it.
func TestDraftKeepsReviewOutput(t *testing.T) {
	d := &blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/x"},
		Output: &blueprint.Output{Format: "cloudformation-json", Path: "out/x.json"}}
	m := sized(New(d, Options{DesignFile: "x.yaml"}))
	if f, p := reviewOutput(t, m); f != string(generate.CloudFormationJSON) || p != "out/x.json" {
		t.Errorf("--design: Review offers %s to %q, want cloudformation-json to out/x.json", f, p)
	}
	m.Close()

	draft, dir := filepath.Join(t.TempDir(), "draft.yaml"), t.TempDir()
	m = sized(New(nil, Options{DraftPath: draft, Dir: dir}))
	m.choose(fieldByID(t, m, "start.choice"), "new")
	m.d.Secret.SecretID = "prod/x"
	m.gotoStep(stepReview)
	m.choose(fieldByID(t, m, "review.format"), string(generate.Terraform))
	m.focusID("review.output")
	typeText(t, m, "infra/x")
	m.saveDraft()
	m.Close()
	// The draft keeps the path from the root (it is resumed from anywhere;
	// TestDraftOutputPathIsKeptFromTheRoot), and resumed here shows it
	// from here again.
	abs := filepath.Join(dir, "infra", "x")
	if got := loadDraft(t, draft).Output; got == nil || *got != (blueprint.Output{Format: "terraform", Path: abs}) {
		t.Fatalf("the draft remembers output %+v, want terraform to %s", got, abs)
	}

	m = sized(New(nil, Options{DraftPath: draft, Dir: dir}))
	defer m.Close()
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	// The draft was saved on the Review step, on the path: resuming lands there.
	onStep(t, m, stepReview, "after resuming")
	focusIs(t, m, "review.output")
	if f, p := reviewOutput(t, m); f != string(generate.Terraform) || p != "infra/x" {
		t.Errorf("resumed: Review offers %s to %q, want terraform to infra/x", f, p)
	}
}

// A remembered path the design cannot hold is shown at the path field and
// blocks the write, naming what is wrong.
func TestBadRememberedPathShownAtField(t *testing.T) {
	d := &blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/x"},
		Output: &blueprint.Output{Format: "tf", Path: "in\x1bfra"}}
	m := sized(New(d, Options{DesignFile: "x.yaml", Write: func(context.Context, account.Account, *blueprint.Design, generate.Format, string, bool, string) (Written, error) {
		t.Fatal("a design with a bad output.path was written")
		return Written{}, nil
	}}))
	defer m.Close()
	m.gotoStep(stepReview)
	m.focusID("review.output")
	if !strings.Contains(formText(m), "U+001B") {
		t.Errorf("the Review step does not show the bad path's problem:\n%s", screen(m))
	}
	m.write()
	if !strings.Contains(m.status, "1 error") {
		t.Errorf("write status = %q, want a refusal counting the error", m.status)
	}
}

// Issue 11, item 19: a directory the write made is said, on the Done
// screen and in line mode.
func TestDoneSaysCreatedDirectory(t *testing.T) {
	write := func(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
		return Written{Files: []string{"new/dir/x.cfn.yaml", "new/dir/prod-x.design.yaml"}, Created: "new/dir", Next: "deploy"}, nil
	}
	load := func() *blueprint.Design { return outputDesignFor(t) }
	m := sized(New(load(), Options{DesignFile: "x.yaml", Write: write}))
	defer m.Close()
	m.gotoStep(stepReview)
	m.write()
	onStep(t, m, stepDone, "after writing")
	contains(t, formText(m), "Created the directory: new/dir")

	var out strings.Builder
	if _, err := RunAccessible(load(), Options{DesignFile: "x.yaml", Write: write}, strings.NewReader(strings.Repeat("\n", 80)), &out); err != nil {
		t.Fatalf("line mode: %v\n%s", err, out.String())
	}
	contains(t, out.String(), "Created the directory:\n  new/dir\nWritten:\n")
}

// Switching the format on the Review step moves a remembered path that
// does not fit the new format (found in the trial: a design opened with
// prod-db.cfn.yaml, switched to Terraform, offered to write the Terraform
// directory as prod-db.cfn.yaml). A path that fits is kept as typed.
func TestFormatSwitchRetargetsRememberedPath(t *testing.T) {
	switchFormats(t, "cloudformation", "out/prod-db.cfn.yaml", []formatSwitch{
		{generate.Terraform, "out/prod-db-terraform"},
		{generate.CloudFormationJSON, "out/prod-db.cfn.json"},
		{generate.CloudFormation, "out/prod-db.cfn.yaml"},
	})
}

// formatSwitch is a format chosen on the Review step and the path Write
// to should then hold.
type formatSwitch struct {
	format generate.Format
	want   string
}

// switchFormats opens the Review step of a design that remembers format
// and path, chooses each format of switches in turn, and fails where
// Write to, the path written or the design's remembered path is not the
// one wanted. It returns the model, still open until the test ends.
func switchFormats(t *testing.T, format, path string, switches []formatSwitch) *Model {
	t.Helper()
	d := &blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/db"},
		Output: &blueprint.Output{Format: format, Path: path}}
	m := sized(New(d, Options{DesignFile: "db.yaml"}))
	t.Cleanup(m.Close)
	reviewOutput(t, m)
	for _, step := range switches {
		m.choose(fieldByID(t, m, "review.format"), string(step.format))
		if _, p := reviewOutput(t, m); p != step.want || m.outputPath() != step.want {
			t.Errorf("switched to %s, Write to is %q (writes %q), want %q", step.format, p, m.outputPath(), step.want)
		}
		if m.d.Output == nil || m.d.Output.Path != step.want {
			t.Errorf("switched to %s, the design remembers %+v, want path %q", step.format, m.d.Output, step.want)
		}
	}
	return m
}

func TestRetarget(t *testing.T) {
	for _, c := range []struct {
		path     string
		from, to generate.Format
		want     string
	}{
		{"prod.cfn.yaml", generate.CloudFormation, generate.Terraform, "prod-terraform"},
		{"prod.yml", generate.CloudFormation, generate.CloudFormationJSON, "prod.cfn.json"},
		{"infra", generate.Terraform, generate.CloudFormation, "infra.cfn.yaml"},
		{"infra-terraform", generate.Terraform, generate.CloudFormationJSON, "infra.cfn.json"},
		{"stack.template.json", generate.CloudFormation, generate.CloudFormationJSON, "stack.template.json"},
		{"keep.yaml", generate.CloudFormationJSON, generate.CloudFormation, "keep.yaml"},
		{"", generate.CloudFormation, generate.Terraform, ""},
		// A path typed with another format's ending than the format it
		// was typed under loses that ending too, so switching twice does
		// not stack endings (x.cfn.yaml.cfn.yaml; found repeating issue 22's trial).
		{"../escape-b.cfn.yaml", generate.Terraform, generate.CloudFormationJSON, "../escape-b.cfn.json"},
		{"../escape-b.cfn.json", generate.CloudFormationJSON, generate.CloudFormation, "../escape-b.cfn.yaml"},
		{"prod.json", generate.Terraform, generate.CloudFormation, "prod.cfn.yaml"},
	} {
		if got := retarget(c.path, c.from, c.to); got != c.want {
			t.Errorf("retarget(%q, %s, %s) = %q, want %q", c.path, c.from, c.to, got, c.want)
		}
	}
}

// Switching the format away and back gives back the path the format had,
// unless it was edited in between (round-three trial: a design opened
// with its Terraform directory a-tf, switched to YAML and back to
// Terraform, offered a-tf-terraform, a new directory).
func TestFormatSwitchBackRestoresPath(t *testing.T) {
	m := switchFormats(t, "terraform", "infra", []formatSwitch{
		{generate.CloudFormation, "infra.cfn.yaml"},
		{generate.CloudFormationJSON, "infra.cfn.json"},
		{generate.Terraform, "infra"},
		{generate.CloudFormation, "infra.cfn.yaml"},
	})
	// A path typed since the switch is the user's: it is retargeted, not
	// replaced by the one the format had.
	f := fieldByID(t, m, "review.output")
	if err := f.set("other.cfn.yaml"); err != nil {
		t.Fatal(err)
	}
	m.choose(fieldByID(t, m, "review.format"), string(generate.Terraform))
	if _, p := reviewOutput(t, m); p != "other-terraform" {
		t.Errorf("after typing other.cfn.yaml, switched to Terraform: Write to is %q, want other-terraform", p)
	}
}

// Write to "~/x.yaml" is refused as typed, so Write makes no directory
// named ~ where secretsmith runs.
func TestWriteToTildeRefusedAsTyped(t *testing.T) {
	m := onReview(t, Options{})
	defer m.Close()
	m.focusID("review.output")
	press(t, m, "ctrl+u")
	typeText(t, m, "~/x.yaml")
	msgs := strings.Join(problemTexts(t, m, "review.output"), "\n")
	if !strings.Contains(msgs, "only a shell reads as a home directory") {
		t.Errorf("under Write to: %q, want ~ refused", msgs)
	}
}

// Issue 22's trial, round two: a secret imported from Terraform is
// written back as Terraform unless the user chooses otherwise (the review
// offered CloudFormation YAML); a design that remembers its output keeps
// that.
func TestImportedSecretKeepsItsFormat(t *testing.T) {
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	s := ImportedSecret{ID: "aws_secretsmanager_secret.this", Source: "infra", Design: &d, Format: generate.Terraform}
	m := sized(New(nil, Options{Imported: &s}))
	defer m.Close()
	m.gotoStep(stepReview)
	if m.format != generate.Terraform || m.outputPath() != "prod-db-terraform" {
		t.Errorf("an imported Terraform secret is written as %q to %q, want terraform to prod-db-terraform", m.format, m.outputPath())
	}
}

// Issue 22's trial, round two: a CloudFormation path ending in a
// separator (it names a directory) is refused under Write to as it is
// typed, with a file name of the format's ending, not only when Write is
// pressed.
func TestCloudFormationPathEndingInSeparatorRefusedAsTyped(t *testing.T) {
	m := onReview(t, Options{})
	defer m.Close()
	m.focusID("review.format")
	press(t, m, "right") // CloudFormation JSON
	if m.format != generate.CloudFormationJSON {
		t.Fatalf("format %q, want cloudformation-json", m.format)
	}
	m.focusID("review.output")
	press(t, m, "ctrl+u")
	typeText(t, m, "x/y/")
	msgs := strings.Join(problemTexts(t, m, "review.output"), "\n")
	if !strings.Contains(msgs, "ends in a separator") || !strings.Contains(msgs, filepath.Join("x/y", "secret.cfn.json")) {
		t.Errorf("under Write to: %q, want the separator refused with x/y/secret.cfn.json", msgs)
	}
	// Terraform writes a directory: the same path is fine there.
	m.focusID("review.format")
	press(t, m, "right")
	if msgs := problemTexts(t, m, "review.output"); len(msgs) != 0 {
		t.Errorf("a Terraform directory ending in a separator is refused: %q", msgs)
	}
}

// Write refusing a format names what to change by its label, not its
// design-file path ("secret.replicaRegions[0].kmsKeyArn is empty, ...").
func TestFormatRefusalUsesLabels(t *testing.T) {
	d := benchDesign()
	d.Secret.ReplicaRegions = []blueprint.Replica{{Region: "eu-central-1"}}
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m.gotoStep(stepReview)
	if len(m.formatProblems) == 0 {
		t.Fatal("a replica with no key makes no CloudFormation problem")
	}
	m.write()
	if strings.Contains(m.status, "secret.") || !strings.Contains(m.status, "replica 1 KMS key: ") {
		t.Errorf("writing says %q, want the replica's KMS key by its label", m.status)
	}
}

// An error on the Review step's own field (Write to) is told as on this
// step, not "go back and fix them first" with nothing to go back to, and
// the format is named as the screens name it (issue 22's second trial:
// 'sub/dir/' for CloudFormation).
func TestWriteToErrorIsOnThisStep(t *testing.T) {
	d := benchDesign()
	d.Output = &blueprint.Output{Format: "cloudformation", Path: "sub/dir/"}
	m := sized(New(d, Options{DesignFile: "bench.yaml"}))
	defer m.Close()
	m.gotoStep(stepReview)
	m.write()
	if strings.Contains(m.status, "go back") || !strings.Contains(m.status, "this step") || strings.Contains(m.status, "them") {
		t.Errorf("writing says %q, want the error told as on this step", m.status)
	}
	if flat := strings.Join(strings.Fields(screen(m)), " "); strings.Contains(flat, "cloudformation output") || !strings.Contains(flat, "CloudFormation output goes to a file") {
		t.Errorf("the Write to error does not name CloudFormation:\n%s", screen(m))
	}
}

// readersWriter writes as the command's writer does with output.readerPolicies
// (workflow.Write, which tui cannot import): the template, and each
// reader's policy beside it when the design's output key asks for them.
type readersWriter struct{ asked []bool }

func (w *readersWriter) write(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
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
