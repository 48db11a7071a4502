package workflow

import (
	"os"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// countChecks counts the calls of blueprint.Check until the test ends.
func countChecks(t *testing.T) *int {
	calls := new(int)
	t.Cleanup(func() { checkDesign = blueprint.Check })
	checkDesign = func(d *blueprint.Design) blueprint.Report { *calls++; return blueprint.Check(d) }
	return calls
}

// Issue 8: generate validates and checks the design once. The file is
// validated when it is read and checked there; rendering reuses the report
// (generate.RenderChecked) instead of Render doing both again.
func TestLoadChecksOnce(t *testing.T) {
	calls := countChecks(t)
	for _, f := range []generate.Format{generate.CloudFormation, generate.Terraform} {
		*calls = 0
		l, err := Load(store.OS{}, "../examples/payments-db.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if d, ds := l.ForTemplate(f.Template()); d == nil {
			t.Fatalf("ForTemplate(%s) = nil, %v", f, ds)
		}
		if _, err := l.Render(f, "test"); err != nil {
			t.Fatal(err)
		}
		if *calls != 1 {
			t.Errorf("loading and rendering %s checked the design %d times, want 1", f, *calls)
		}
	}
	// check reads the bytes itself; its design files are checked once
	// too, and the report holds the results it prints.
	*calls = 0
	data, err := os.ReadFile("../examples/payments-db.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if l := Decode("payments-db.yaml", data); *calls != 1 || len(l.Report.Results) == 0 {
		t.Errorf("Decode checked the design %d times (want 1) and reported %d results", *calls, len(l.Report.Results))
	}
}

// Every problem is in file order, whichever layer found it: structure,
// Validate, the rules, and what the template format cannot express.
func TestDiagnosticsInFileOrder(t *testing.T) {
	const design = `version: 1
name: x
secret:
  secretId: prod/x
  replicaRegions:
    - region: eu-west-1
  recoveryWindowDays: 3
`
	l := Decode("x.yaml", []byte(design))
	_, ds := l.ForTemplate(blueprint.CloudFormationTemplate)
	if len(ds) < 2 {
		t.Fatalf("ForTemplate gave %d diagnostics, want several:\n%v", len(ds), ds)
	}
	sorted := true
	for i := 1; i < len(ds); i++ {
		if ds[i].Line < ds[i-1].Line || ds[i].Line == ds[i-1].Line && ds[i].Col < ds[i-1].Col {
			sorted = false
		}
	}
	if !sorted {
		t.Errorf("diagnostics out of file order:\n%v", ds)
	}
	if !strings.Contains(designfile.Diagnostics(ds).Error(), "CloudFormation stack") {
		t.Errorf("the replica's missing key, which only CloudFormation cannot create, is not among:\n%v", ds)
	}
}

// The wizard opens a design whose values are invalid, to fix them, but not
// one whose structure is broken; the output path it remembers is read from
// the design file's directory.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	invalid := write("invalid.yaml", "version: 1\nname: x\nsecret: {secretId: prod/x, recoveryWindowDays: 3}\noutput: {format: terraform, path: infra}\n")
	d, structure, err := Open(store.OS{}, invalid)
	if err != nil || d == nil || len(structure) != 0 {
		t.Fatalf("Open(a design with an invalid value) = %v, %v, %v; want the design", d, structure, err)
	}
	if d.Output == nil || d.Output.Path != dir+"/infra" {
		t.Errorf("output path = %+v, want %s/infra", d.Output, dir)
	}
	broken := write("broken.yaml", "version: 1\nname: [x\n")
	if d, structure, err := Open(store.OS{}, broken); err != nil || d != nil || len(structure.Errors()) == 0 {
		t.Errorf("Open(a broken file) = %v, %v, %v; want no design and the structural error", d, structure, err)
	}
	if _, _, err := Open(store.OS{}, dir+"/missing.yaml"); err == nil {
		t.Error("Open(a missing file) gave no error")
	}
}

// A waiver for a rule the design meets is said at the waiver, as a
// warning that does not stop the templates, rather than kept silently.
func TestIdleWaiverIsSaid(t *testing.T) {
	const design = `version: 1
secret:
  secretId: prod/w
  region: eu-west-1
  tags: {owner: x}
waivers:
  - rule: recovery-window
    reason: "reviewed in SEC-1"
`
	l := Decode("w.yaml", []byte(design))
	var found bool
	for _, d := range l.Diagnostics {
		if d.Path == "waivers[0].rule" {
			found = true
			if d.Line != 7 || !strings.Contains(d.Message, "rule recovery-window is met; this waiver has no effect") || d.Severity.String() != "warning" {
				t.Errorf("the waiver's diagnostic: %v", d)
			}
		}
	}
	if !found {
		t.Errorf("nothing is said at the waiver of a rule that is met: %v", l.Diagnostics)
	}
}
