package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
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
	m.choose(fieldByID(t, m, "start.choice"), "open")
	m.applySet(fieldByID(t, m, "start.file"), path)
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
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
	m := sized(New(d, Options{DesignFile: "x.yaml", Write: func(context.Context, account.Account, *blueprint.Design, generate.Format, string, bool) (Written, error) {
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
	write := func(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool) (Written, error) {
		return Written{Files: []string{"new/dir/x.cfn.yaml", "new/dir/prod-x.design.yaml"}, Created: "new/dir", Next: "deploy"}, nil
	}
	load := func() *blueprint.Design {
		dFile := designfile.Decode("x.yaml", []byte(outputDesign))
		d, problems := dFile.Valid(), dFile.Diagnostics()
		if d == nil {
			t.Fatal(problems)
		}
		return d
	}
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
	d := &blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/db"},
		Output: &blueprint.Output{Format: "cloudformation", Path: "out/prod-db.cfn.yaml"}}
	m := sized(New(d, Options{DesignFile: "db.yaml"}))
	defer m.Close()
	reviewOutput(t, m)
	for _, step := range []struct {
		format generate.Format
		want   string
	}{
		{generate.Terraform, "out/prod-db-terraform"},
		{generate.CloudFormationJSON, "out/prod-db.cfn.json"},
		{generate.CloudFormation, "out/prod-db.cfn.yaml"},
	} {
		m.choose(fieldByID(t, m, "review.format"), string(step.format))
		if _, p := reviewOutput(t, m); p != step.want || m.outputPath() != step.want {
			t.Errorf("switched to %s, Write to is %q (writes %q), want %q", step.format, p, m.outputPath(), step.want)
		}
		if m.d.Output == nil || m.d.Output.Path != step.want {
			t.Errorf("switched to %s, the design remembers %+v, want path %q", step.format, m.d.Output, step.want)
		}
	}
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
	d := &blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/db"},
		Output: &blueprint.Output{Format: "terraform", Path: "infra"}}
	m := sized(New(d, Options{DesignFile: "db.yaml"}))
	defer m.Close()
	reviewOutput(t, m)
	for _, step := range []struct {
		format generate.Format
		want   string
	}{
		{generate.CloudFormation, "infra.cfn.yaml"},
		{generate.CloudFormationJSON, "infra.cfn.json"},
		{generate.Terraform, "infra"},
		{generate.CloudFormation, "infra.cfn.yaml"},
	} {
		m.choose(fieldByID(t, m, "review.format"), string(step.format))
		if _, p := reviewOutput(t, m); p != step.want || m.d.Output.Path != step.want {
			t.Errorf("switched to %s, Write to is %q (design %q), want %q", step.format, p, m.d.Output.Path, step.want)
		}
	}
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
