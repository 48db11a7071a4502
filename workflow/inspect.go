package workflow

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/store"
)

// Inspected is one file or configuration judged by Inspect.
type Inspected struct {
	Path string
	// Format is design, cloudformation or terraform; "" when nothing was
	// read (a directory with nothing to check, say, whose notice says so).
	Format string
	// Err is set when the file cannot be read or is malformed.
	Err error
	// Diagnostics are a design file's own problems, placed in it; Invalid
	// says whether one of them is an error.
	Diagnostics []string
	Invalid     bool
	// FileDiagnostics are Diagnostics less the rule findings, for a report
	// that prints those under their rule: each problem is printed once.
	FileDiagnostics []string
	// FileProblems are FileDiagnostics as structured problems, placed in
	// the design file, for a report that carries places and severities
	// (SARIF).
	FileProblems []scan.Problem
	Secrets      []Secret
	// Notices are what a reader could not follow (for a directory in
	// which nothing was found, that).
	Notices []scan.Notice
}

// Secret is one secret Inspect found, and its report.
type Secret struct {
	// ID is its logical id, resource address or (in a design file) its
	// name; Type its resource type, or "design".
	ID, Type string
	Pos      scan.Pos
	Design   *blueprint.Design
	Report   blueprint.Report
	// Locate is where the file decides a rule's result; Where is where a
	// design path is in the file.
	Locate func(blueprint.RuleResult) scan.Pos
	Where  func(path string) scan.Pos
	// Waived names what waived each waived rule (a suppression comment,
	// a Metadata key), by rule id.
	Waived map[string]string
	// Notes are what the secret's policies and rotations were attached
	// from.
	Notes []string
	// Problems are what Validate finds wrong with the values a template
	// writes down (what the wizard shows when it opens the secret), at
	// their places; a design file's are its Diagnostics.
	Problems []scan.Problem
}

// DefaultExcludes are the directories a walk skips unless told otherwise:
// version control, Terraform's downloaded modules and providers, and
// JavaScript packages.
var DefaultExcludes = []string{".git", ".terraform", "node_modules"}

// excluded reports whether a walked path matches one of the globs, by its
// name or by its path below the argument.
func excluded(globs []string, arg, p, name string) bool {
	rel, err := filepath.Rel(arg, p)
	if err != nil {
		rel = p
	}
	rel = filepath.ToSlash(rel)
	for _, g := range globs {
		if ok, _ := filepath.Match(g, name); ok {
			return true
		}
		if ok, _ := path.Match(g, rel); ok {
			return true
		}
	}
	return false
}

// Inspect judges what is at arg with the blueprint's rules: a file, with
// the reader that fits it (design file, CloudFormation template or
// Terraform configuration), or a directory walked for all three, skipping
// what matches exclude. Every template and every directory of Terraform
// files is judged as its own root, with its own defaults, even when another
// one also reads it as a nested stack or a local module (and is judged
// there with what it is given): a decoy that calls a directory with count =
// 0 cannot hide it. Reads of nested templates and local modules stay inside
// the argument's tree. The result is sorted by path. Only a failed Stat of
// arg is an error: what cannot be read is an Inspected with Err.
func Inspect(fsys store.FS, arg string, exclude []string) ([]Inspected, error) {
	var out []Inspected
	err := InspectEach(fsys, arg, exclude, func(f Inspected) error {
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Inspected) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// CheckArgs reports, in words, the first of check's arguments that cannot
// be looked at, before any report is written: the system's own message
// ("stat X: no such file or directory") tells no one what to do.
func CheckArgs(fsys store.FS, args []string) error {
	for _, arg := range args {
		if _, err := fsys.Stat(arg); err != nil {
			return designfile.Describe("read", arg, err)
		}
	}
	return nil
}

// InspectEach is Inspect giving each file to emit as soon as it and those
// before it in the walk are read, so that a report is written as it goes
// and memory holds a few files' results, not the whole walk's. An error
// from emit stops it.
func InspectEach(fsys store.FS, arg string, exclude []string, emit func(Inspected) error) error {
	fi, err := fsys.Stat(arg)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return emit(InspectFile(arg, true, scan.Options{}))
	}
	sopt := scan.Options{Root: arg}
	type job struct {
		path string
		tf   bool
		done *Inspected // a walk error, already a result
	}
	var jobs []job
	err = fsys.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			jobs = append(jobs, job{path: path, done: &Inspected{Path: path, Err: err}})
			return nil
		}
		name := d.Name()
		if path != arg && excluded(exclude, arg, path, name) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// The walk does not follow a link to a directory (it could
			// lead round in a loop, or out to /etc), and says so: a link
			// passed over without a word read as a pass.
			if fi, err := fsys.Stat(path); err == nil && fi.IsDir() {
				jobs = append(jobs, job{path: path, done: &Inspected{Path: path, Notices: []scan.Notice{{
					Pos: scan.Pos{File: path}, Resource: "directory",
					Msg: "a symbolic link to a directory, not followed; check the directory it leads to by naming it",
				}}}})
				return nil
			}
		}
		if d.IsDir() {
			if scan.HasTerraform(path) {
				jobs = append(jobs, job{path: path, tf: true})
			}
			return nil
		}
		if scan.IsTerraformFile(name) {
			return nil
		}
		switch strings.ToLower(filepath.Ext(name)) {
		case ".yaml", ".yml", ".json", ".template", ".cfn":
			jobs = append(jobs, job{path: path})
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Files and configurations are independent, so they are read on every
	// core. A slot is taken before a job starts and given back once its
	// result is emitted, so that a few results are held at a time.
	results := make([]chan Inspected, len(jobs))
	for i := range results {
		results[i] = make(chan Inspected, 1)
	}
	slots := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i, j := range jobs {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			go func() {
				switch {
				case j.done != nil:
					results[i] <- *j.done
				case j.tf:
					results[i] <- inspectTerraform(j.path, sopt)
				default:
					results[i] <- InspectFile(j.path, false, sopt)
				}
			}()
		}
	}()
	n := 0
	for i := range jobs {
		f := <-results[i]
		<-slots
		if f.Format == "" && f.Err == nil && len(f.Notices) == 0 {
			continue // neither a design file nor a template
		}
		n++
		if err := emit(f); err != nil {
			return err
		}
	}
	if n == 0 {
		// Silence would read as a pass.
		return emit(Inspected{Path: arg, Notices: []scan.Notice{{
			Pos: scan.Pos{File: arg}, Resource: "directory",
			Msg: "no design file, CloudFormation template or Terraform configuration was found in it (skipped: " + strings.Join(exclude, ", ") + "), so nothing was checked",
		}}})
	}
	return nil
}

// InspectFile reads one file, named by the user (explicit) or found in a
// walk, with the reader that fits it. Files found in a walk that are
// neither design files nor templates come back empty (no Format, no Err);
// named ones are reported.
func InspectFile(path string, explicit bool, opt scan.Options) Inspected {
	if scan.IsTerraformFile(filepath.Base(path)) {
		return inspectTerraform(path, opt)
	}
	data, err := readLimited(path)
	if err != nil {
		return Inspected{Path: path, Err: err}
	}
	if scan.IsTerraformPlan(data) {
		// terraform show -json PLANFILE: every value resolved.
		res, err := scan.TerraformPlan(path, data)
		if err != nil {
			return Inspected{Path: path, Format: "terraform", Err: err}
		}
		return fromScan(res)
	}
	switch scan.Sniff(data) {
	case scan.KindCloudFormation:
		res, err := scan.CloudFormationWith(path, data, opt)
		if err != nil {
			return Inspected{Path: path, Format: "cloudformation", Err: err}
		}
		return fromScan(res)
	case scan.KindDesign:
		// A dotfile found in a walk is another tool's configuration
		// (.tool.yaml with a secret: key), not a design file; a template
		// is read wherever it is.
		if explicit || !strings.HasPrefix(filepath.Base(path), ".") {
			return inspectDesign(path, data)
		}
	}
	if !explicit {
		return Inspected{}
	}
	// A YAML file named by the user that is neither is read as a design
	// file, so its problems are the loader's.
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".yaml" || ext == ".yml" {
		return inspectDesign(path, data)
	}
	if _, err := scan.CloudFormation(path, data); err != nil {
		var se *scan.SyntaxError
		if errors.As(err, &se) && !strings.Contains(se.Msg, "no Resources") {
			return Inspected{Path: path, Err: err}
		}
	}
	return Inspected{Path: path, Err: fmt.Errorf("%s: not a design file, CloudFormation template or Terraform configuration", path)}
}

func inspectTerraform(path string, opt scan.Options) Inspected {
	res, err := scan.TerraformWith(path, opt)
	if err != nil {
		return Inspected{Path: path, Format: "terraform", Err: err}
	}
	return fromScan(res)
}

func fromScan(res *scan.Result) Inspected {
	f := Inspected{Path: res.Path, Format: res.Format, Notices: res.Notices}
	for _, s := range res.Secrets {
		report := s.Check()
		f.Secrets = append(f.Secrets, Secret{
			ID: s.ID, Type: s.Type, Pos: s.Pos, Design: s.Design, Report: report,
			Locate: s.LocateRule, Where: s.Locate, Waived: s.WaivedBy, Notes: s.Attachments,
			Problems: s.Problems(report),
		})
	}
	return f
}

// inspectDesign judges a design file as generate loads it (Decode): its
// structure, then Validate and the blocking rule findings placed in the
// file, from its one Check.
func inspectDesign(path string, data []byte) Inspected {
	f := Inspected{Path: path, Format: "design"}
	l := Decode(path, data)
	for _, dg := range l.File.Diagnostics() {
		f.FileDiagnostics = append(f.FileDiagnostics, dg.String())
		f.FileProblems = append(f.FileProblems, scan.Problem{Pos: scan.Pos{File: dg.File, Line: dg.Line, Col: dg.Col},
			Path: dg.Path, Severity: dg.Severity, Message: dg.Message})
	}
	for _, dg := range l.Diagnostics {
		f.Diagnostics = append(f.Diagnostics, dg.String())
	}
	f.Invalid = len(l.Diagnostics.Errors()) > 0
	d, src := l.Checked, l.File.Source
	if d == nil {
		return f
	}
	where := func(p string) scan.Pos {
		line, col := src.Position(p)
		return scan.Pos{File: path, Line: line, Col: col}
	}
	f.Secrets = []Secret{{
		ID: d.DisplayName(), Type: "design", Pos: scan.Pos{File: path, Line: 1, Col: 1}, Design: d, Report: l.Report,
		Where: where,
		Locate: func(r blueprint.RuleResult) scan.Pos {
			if len(r.Findings) > 0 {
				return where(r.Findings[0].Path)
			}
			if r.Status == blueprint.StatusWaived || r.WaiverReason != "" {
				return where("waivers")
			}
			for _, in := range blueprint.RuleInputs(r.Rule.ID) {
				if p := where(in); p.Line > 1 {
					return p
				}
			}
			return scan.Pos{File: path, Line: 1, Col: 1}
		},
	}}
	return f
}
