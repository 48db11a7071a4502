package workflow

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/store"
)

// Loaded is a design file read as far as it goes.
type Loaded struct {
	// Path is the name the file was read under.
	Path string
	// File is what the reader made of it: the design, where each field
	// was, and the file's own problems (structure and Validate).
	File *designfile.File
	// Valid is the design when it loaded without errors (structure and
	// Validate); rule findings are for the caller to weigh: generate
	// refuses them, access does not.
	Valid *blueprint.Design
	// Checked is the design the rules were checked on: Valid, or the
	// decoded design when only Validate objected. Nil when the file's
	// structure is broken.
	Checked *blueprint.Design
	// Report is blueprint.Check of Checked, when Checked is set: the one
	// rule check of a run.
	Report blueprint.Report
	// Diagnostics holds every problem: structure, validation and blocking
	// rule findings, in file order.
	Diagnostics designfile.Diagnostics
}

// checkDesign is blueprint.Check; tests count its calls, since every use
// of a design file checks it once.
var checkDesign = blueprint.Check

// Load reads the design file at path through fsys, which parses and
// validates it once, and checks it against the blueprint once, placing
// the blocking rule findings in the file. Only a file that cannot be read
// is an error; what is wrong inside it is in Diagnostics.
func Load(fsys store.FS, path string) (*Loaded, error) {
	f, err := DesignFS(fsys).ReadDesign(path)
	if err != nil {
		return nil, fmt.Errorf("open design file: %w", err)
	}
	return loaded(path, f), nil
}

// DesignFS is fsys whose ReadDesign says of a template given as a design
// file what it is and how to open it (notADesign), in place of its
// structure problems. Every way of opening a design file reads through
// it: Load, Open, and the wizard's Start > Open a design file, which the
// command hands it as tui.Options.Files.
func DesignFS(fsys store.FS) store.FS {
	if d, ok := fsys.(designFS); ok {
		return d
	}
	return designFS{fsys}
}

type designFS struct{ store.FS }

// ReadDesign implements store.FS.
func (d designFS) ReadDesign(path string) (*designfile.File, error) {
	f, err := d.FS.ReadDesign(path)
	if err != nil {
		return nil, err
	}
	notADesign(d.FS, path, f)
	return f, nil
}

// notADesign puts, in place of the structure problems of a file that is
// not a design file but a template (a CloudFormation template, a
// Terraform file), the one thing to say: what it is and how to open it.
// A template given as a design file was told a dozen times that "YAML
// tags such as !Sub are not allowed". The file is read through fsys, as
// the design was, not from the disk beside it.
func notADesign(fsys store.FS, path string, f *designfile.File) {
	if f.Sound() {
		return
	}
	what := ""
	if scan.IsTerraformFile(filepath.Base(path)) {
		what = "a Terraform file"
	} else if data, err := fsys.ReadFile(path); err == nil && scan.Sniff(data) == scan.KindCloudFormation {
		what = "a CloudFormation template"
	}
	if what == "" {
		return
	}
	f.Design, f.Validation = nil, nil
	f.Structure = designfile.Diagnostics{{File: path, Line: 1, Col: 1, Severity: blueprint.SeverityError,
		Message: fmt.Sprintf("is %s, not a secretsmith design file: open it in the wizard with --design-from %s (Import a template), or judge it with secretsmith check %s", what, path, path)}}
}

// Open reads the design file at path for the wizard to edit. Only its
// structure must be sound: the wizard is where a design with invalid values
// gets fixed, each problem shown at its field. The design is nil when the
// structure is broken, and structure then says where. Its output path is
// made relative to the current directory, where the wizard shows and
// writes paths; the file holds it relative to itself.
func Open(fsys store.FS, path string) (d *blueprint.Design, structure designfile.Diagnostics, err error) {
	f, err := DesignFS(fsys).ReadDesign(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open design file: %w", err)
	}
	if !f.Sound() {
		return nil, f.Structure, nil
	}
	if o := f.Design.Output; o != nil {
		o.Path = designfile.OutputPath(path, o.Path)
	}
	return f.Design, f.Structure, nil
}

// Decode is Load for a design file already read into data.
func Decode(path string, data []byte) *Loaded {
	return loaded(path, designfile.Decode(path, data))
}

func loaded(path string, f *designfile.File) *Loaded {
	l := &Loaded{Path: path, File: f, Diagnostics: f.Diagnostics()}
	// When only Validate objected (or nothing did), the structure decoded
	// fine: check the rules too, so one run shows every problem rather than
	// one layer at a time.
	if f.Sound() {
		l.Checked = f.Design
		l.Report = checkDesign(f.Design)
		l.Diagnostics = append(l.Diagnostics, ruleDiagnostics(path, f, l.Report)...)
		l.Diagnostics = append(l.Diagnostics, designfile.Locate(path, f.Source, l.Report.WithValidation(f.Problems).IdleWaivers(f.Design))...)
		SortDiagnostics(l.Diagnostics)
	}
	l.Valid = f.Valid()
	return l
}

// ruleDiagnostics places the blocking rule findings in the file. The
// blueprint decides which findings a validation error already covers
// (Report.ProblemsAfter), as it does for the wizard.
func ruleDiagnostics(path string, f *designfile.File, report blueprint.Report) designfile.Diagnostics {
	var ps blueprint.Problems
	for _, p := range report.ProblemsAfter(f.Problems) {
		if p.Rule != "" && p.Severity == blueprint.SeverityError {
			p.Message += " (rule " + p.Rule + ": fix it, or waive it with a reason)"
			ps = append(ps, p)
		}
	}
	return designfile.Locate(path, f.Source, ps)
}

// SortDiagnostics orders ds by line, then column, keeping the order of
// those at the same place: every list of a file's problems reads top to
// bottom.
func SortDiagnostics(ds designfile.Diagnostics) {
	slices.SortStableFunc(ds, func(a, b designfile.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// ForTemplate is the design ready for templates of kind t, and every
// problem with it, in file order: Diagnostics plus what t cannot express (a
// CloudFormation stack cannot create a replica region's key). The design is
// nil when any problem is an error; warnings do not stop it.
func (l *Loaded) ForTemplate(t blueprint.Template) (*blueprint.Design, designfile.Diagnostics) {
	ds := slices.Clone(l.Diagnostics)
	if l.Checked != nil {
		ds = append(ds, designfile.Locate(l.Path, l.File.Source, l.Checked.TemplateProblems(t))...)
		SortDiagnostics(ds)
	}
	if len(ds.Errors()) > 0 {
		return nil, ds
	}
	return l.Valid, ds
}

// Output is the file's output key when the file decoded and the key is
// usable: where the wizard last wrote the design's templates. An unusable
// key is among the diagnostics, at its line (OutputBroken).
func (l *Loaded) Output() *blueprint.Output {
	if l.Checked == nil || l.Checked.Output == nil {
		return nil
	}
	o := l.Checked.Output
	if _, err := generate.ParseFormat(o.Format); err != nil {
		return nil
	}
	if o.Path != "" && blueprint.ValidateOutputPath(o.Path) != nil {
		return nil
	}
	return o
}

// OutputBroken reports whether the file has an output key that Output
// cannot use, or one it cannot reach because the file has errors: the
// problem is then the file's, not the command line's lack of a format.
func (l *Loaded) OutputBroken() bool {
	return l.File.Design != nil && l.File.Design.Output != nil && len(l.Diagnostics.Errors()) > 0
}

// Render renders the design for format with the report Load made, so a
// design file is validated and checked once however it is used. Call it
// once ForTemplate has returned the design: generate.RenderChecked still
// refuses blocking findings, but not what Validate or ForTemplate reports.
func (l *Loaded) Render(format generate.Format, version string) ([]generate.File, error) {
	if l.Valid == nil {
		return nil, fmt.Errorf("generate %s: the design file has errors", l.Path)
	}
	files, err := generate.RenderChecked(l.Valid, l.Report, format, generate.Options{Version: version})
	if err != nil {
		return nil, fmt.Errorf("generate %s: %w", l.Path, err)
	}
	return files, nil
}
