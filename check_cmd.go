package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	output  string
	strict  bool
	verbose bool
	exclude []string
	aws     awsOptions
}

func newCheckCmd(st streams) *cobra.Command {
	var opts checkOptions
	cmd := &cobra.Command{
		Use:   "check PATH...",
		Short: "Check design files, CloudFormation and Terraform against the blueprint",
		Long: `Check reads design files, CloudFormation templates (YAML or JSON) and
Terraform configurations (.tf and .tf.json; a directory is one configuration)
and judges every Secrets Manager secret in them with the blueprint's rules.

Each rule is reported as failed, cannot verify, passed, waived or n/a (not
applicable), with its severity and the FILE:LINE:COL that decides it. A value
that cannot be known before deployment (a parameter without a default, an
import, a data source, a remote module) makes the rules that depend on it
"cannot verify": never a pass, never a fail. The suppressions that generate
writes (CloudFormation Metadata, #checkov:skip and #trivy:ignore comments)
count as waivers.

Nested stacks whose TemplateURL is a local file are read with the
parameters they are given, and Fn::ForEach loops and Terraform dynamic
blocks are expanded where their collections are known. What cannot be
followed (a template in S3, a module from a registry, a loop past its
limit) is reported as a notice at the resource.

It exits 1 when an error-level rule fails and is not waived, or a file cannot
be read; with --strict, also when a rule cannot be verified or a notice says
that something was not read.`,
		Example: `  secretsmith check payments-db.yaml
  secretsmith check templates/ infra/terraform
  secretsmith check --output sarif . > secretsmith.sarif`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("check needs at least one file or directory")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			switch opts.output {
			case "text", "json", "sarif":
			default:
				return usageErrorf("--output must be text, json or sarif, not %q", opts.output)
			}
			return runCheckPaths(st, args, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "report format: text, json or sarif")
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "exit 1 when a rule cannot be verified or a notice says something was not read, too")
	cmd.Flags().StringSliceVar(&opts.exclude, "exclude", defaultExcludes, "skip files and directories whose name or path below the argument matches `GLOB` (repeatable; giving it replaces the defaults)")
	addAWSFlags(cmd, &opts.aws, "also verify every secret against the AWS account, and exit 1 when a check fails")
	return cmd
}

// checkedFile is one file or configuration read by check.
type checkedFile struct {
	path   string
	format string // design, cloudformation, terraform
	err    error  // unreadable or malformed
	// diags are a design file's own problems, already placed; invalid says
	// whether one of them is an error.
	diags   []string
	invalid bool
	// textDiags are diags less the rule findings, which the text report
	// prints under their rule: each problem is printed once.
	textDiags []string
	secrets   []checkedSecret
	// notices are what a reader could not follow (for a directory in
	// which nothing was found, that).
	notices []scan.Notice
}

// checkedSecret is one secret and its report.
type checkedSecret struct {
	id, typ string
	pos     scan.Pos
	design  *blueprint.Design
	report  blueprint.Report
	locate  func(blueprint.RuleResult) scan.Pos
	where   func(path string) scan.Pos
	waived  map[string]string
	notes   []string
}

func runCheckPaths(st streams, args []string, opts checkOptions) error {
	// check keeps little (each file's report), and all its garbage is the
	// parse trees of the files it reads: collecting at half the default
	// growth keeps its peak memory about 4 MiB lower over 200 templates
	// (bench/check.sh: 34.6 to 36.0 MiB against 39.3 to 40.6), where
	// process start alone takes about 24, for a little more CPU. GOGC,
	// when set, still decides.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(50))
	}
	var files []checkedFile
	for _, arg := range args {
		fs, err := collect(arg, opts)
		if err != nil {
			return err
		}
		files = append(files, fs...)
	}
	var err error
	switch opts.output {
	case "json":
		err = writeCheckJSON(st.out, files)
	case "sarif":
		err = writeCheckSARIF(st.out, files)
	default:
		err = writeCheckText(st, files)
	}
	if err != nil {
		return err
	}
	// The verification goes to stdout after a text report, and to stderr
	// when stdout is JSON or SARIF.
	vw := st.out
	if opts.output != "text" {
		vw = st.err
	}
	awsFailed := verifyAWSFiles(vw, st.err, opts.aws, files)
	if checkFails(files, opts.strict) || awsFailed {
		return silentError{exitFailure}
	}
	return nil
}

// checkFails says whether the run should exit 1.
func checkFails(files []checkedFile, strict bool) bool {
	for _, f := range files {
		if f.err != nil || f.invalid {
			return true
		}
		for _, s := range f.secrets {
			if len(s.report.Blocking()) > 0 {
				return true
			}
			if strict && slices.ContainsFunc(s.report.Results, func(r blueprint.RuleResult) bool { return r.Status == blueprint.StatusCannotVerify }) {
				return true
			}
		}
		if strict && len(f.notices) > 0 {
			return true
		}
	}
	return false
}

// defaultExcludes are the directories a walk skips unless --exclude says
// otherwise: version control, Terraform's downloaded modules and
// providers, and JavaScript packages.
var defaultExcludes = []string{".git", ".terraform", "node_modules"}

// excluded reports whether a walked path matches one of the --exclude
// globs, by its name or by its path below the argument.
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

// collect reads one argument: a file, or a directory walked for design
// files, templates and Terraform configurations. Every template and every
// directory of Terraform files is judged as its own root, with its own
// defaults, even when another one also reads it as a nested stack or a
// local module (and is judged there with what it is given): a decoy that
// calls a directory with count = 0 cannot hide it. Reads of nested
// templates and local modules stay inside the argument's tree.
func collect(arg string, opts checkOptions) ([]checkedFile, error) {
	fi, err := os.Stat(arg)
	if err != nil {
		return nil, usageErrorf("check: %v", err)
	}
	if !fi.IsDir() {
		return []checkedFile{checkOneFile(arg, true, scan.Options{})}, nil
	}
	sopt := scan.Options{Root: arg}
	var out []checkedFile
	type job struct {
		path string
		tf   bool
	}
	var jobs []job
	err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, checkedFile{path: path, err: err})
			return nil
		}
		name := d.Name()
		if path != arg && excluded(opts.exclude, arg, path, name) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if scan.HasTerraform(path) {
				jobs = append(jobs, job{path, true})
			}
			return nil
		}
		if isTerraformName(name) {
			return nil
		}
		switch strings.ToLower(filepath.Ext(name)) {
		case ".yaml", ".yml", ".json", ".template", ".cfn":
			jobs = append(jobs, job{path: path})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Files and configurations are independent, so they are read on every
	// core; results keep the walk's order.
	found := make([]checkedFile, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			if j.tf {
				found[i] = checkTerraform(j.path, sopt)
			} else {
				found[i] = checkOneFile(j.path, false, sopt)
			}
			<-sem
		}()
	}
	wg.Wait()
	for _, f := range found {
		if f.format != "" || f.err != nil {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		// Silence would read as a pass.
		out = append(out, checkedFile{path: arg, notices: []scan.Notice{{
			Pos: scan.Pos{File: arg}, Resource: "directory",
			Msg: "no design file, CloudFormation template or Terraform configuration was found in it (skipped: " + strings.Join(opts.exclude, ", ") + "), so nothing was checked",
		}}})
	}
	slices.SortStableFunc(out, func(a, b checkedFile) int { return strings.Compare(a.path, b.path) })
	return out, nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

func isTerraformName(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// checkOneFile reads a file named on the command line (explicit) or found in
// a directory. Files found in a directory that are neither design files nor
// templates are skipped; named ones are reported.
func checkOneFile(path string, explicit bool, opt scan.Options) checkedFile {
	if isTerraformName(filepath.Base(path)) {
		return checkTerraform(path, opt)
	}
	data, err := readLimited(path)
	if err != nil {
		return checkedFile{path: path, err: err}
	}
	switch scan.Sniff(data) {
	case scan.KindCloudFormation:
		res, err := scan.CloudFormationWith(path, data, opt)
		if err != nil {
			return checkedFile{path: path, format: "cloudformation", err: err}
		}
		return fromScan(res)
	case scan.KindDesign:
		// A dotfile found in a walk is another tool's configuration
		// (.tool.yaml with a secret: key), not a design file; a template
		// is read wherever it is.
		if explicit || !strings.HasPrefix(filepath.Base(path), ".") {
			return checkDesignFile(path, data)
		}
	}
	if !explicit {
		return checkedFile{}
	}
	// A YAML file named on the command line that is neither is read as a
	// design file, as check always did, so its problems are the loader's.
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".yaml" || ext == ".yml" {
		return checkDesignFile(path, data)
	}
	if _, err := scan.CloudFormation(path, data); err != nil {
		var se *scan.SyntaxError
		if errors.As(err, &se) && !strings.Contains(se.Msg, "no Resources") {
			return checkedFile{path: path, err: err}
		}
	}
	return checkedFile{path: path, err: fmt.Errorf("%s: not a design file, CloudFormation template or Terraform configuration", path)}
}

// readLimited reads a file named on the command line or found in a walk
// through the one bounded reader: a FIFO or device is refused by type
// rather than opened.
func readLimited(path string) ([]byte, error) {
	return designfile.ReadFileMax(path, true, scan.MaxFileSize)
}

func checkTerraform(path string, opt scan.Options) checkedFile {
	res, err := scan.TerraformWith(path, opt)
	if err != nil {
		return checkedFile{path: path, format: "terraform", err: err}
	}
	return fromScan(res)
}

func fromScan(res *scan.Result) checkedFile {
	f := checkedFile{path: res.Path, format: res.Format, notices: res.Notices}
	for _, s := range res.Secrets {
		f.secrets = append(f.secrets, checkedSecret{
			id: s.ID, typ: s.Type, pos: s.Pos, design: s.Design, report: s.Check(),
			locate: s.LocateRule, where: s.Locate, waived: s.WaivedBy, notes: s.Attachments,
		})
	}
	return f
}

// checkDesignFile loads a design file the way generate does: its structure,
// then Validate and the blocking rule findings placed in the file.
func checkDesignFile(path string, data []byte) checkedFile {
	f := checkedFile{path: path, format: "design"}
	l := workflow.Decode(path, data)
	for _, dg := range l.File.Diagnostics() {
		f.textDiags = append(f.textDiags, dg.String())
	}
	for _, dg := range l.Diagnostics {
		f.diags = append(f.diags, dg.String())
	}
	f.invalid = len(l.Diagnostics.Errors()) > 0
	d, src, report := l.Checked, l.File.Source, l.Report
	if d == nil {
		return f
	}
	where := func(p string) scan.Pos {
		line, col := src.Position(p)
		return scan.Pos{File: path, Line: line, Col: col}
	}
	f.secrets = []checkedSecret{{
		id: d.DisplayName(), typ: "design", pos: scan.Pos{File: path, Line: 1, Col: 1}, design: d, report: report,
		where: where,
		locate: func(r blueprint.RuleResult) scan.Pos {
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

// statusWord is how each outcome reads in the text report.
var statusWord = map[blueprint.Status]string{
	blueprint.StatusMet:           "passed",
	blueprint.StatusNotMet:        "FAILED",
	blueprint.StatusWaived:        "waived",
	blueprint.StatusNotApplicable: "n/a",
	blueprint.StatusCannotVerify:  "CANNOT VERIFY",
}

// writeCheckText writes the text report. It is gathered into chunks of
// whole writes, not written line by line: over a directory of templates a
// write per line was a system call per line.
func writeCheckText(st streams, files []checkedFile) error {
	out := &chunkedWriter{w: st.out}
	st.out, st.err = out, flushFirst{out, st.err}
	for i, f := range files {
		if i > 0 {
			fmt.Fprintln(st.out)
		}
		if f.format == "design" && f.err == nil {
			writeDesignText(st, f)
			continue
		}
		if f.err != nil {
			fmt.Fprintf(st.err, "%s\n", blueprint.SafeLine(f.err.Error()))
			continue
		}
		kind := map[string]string{"cloudformation": "CloudFormation", "terraform": "Terraform"}[f.format]
		switch {
		case kind == "":
			fmt.Fprintf(st.out, "%s: nothing checked\n", blueprint.SafeLine(f.path))
		case len(f.secrets) == 0:
			fmt.Fprintf(st.out, "%s: %s, no Secrets Manager secret\n", blueprint.SafeLine(f.path), kind)
		case len(f.secrets) == 1:
			fmt.Fprintf(st.out, "%s: %s, 1 secret\n", blueprint.SafeLine(f.path), kind)
		default:
			fmt.Fprintf(st.out, "%s: %s, %d secrets\n", blueprint.SafeLine(f.path), kind, len(f.secrets))
		}
		for _, n := range f.notices {
			fmt.Fprintf(st.out, "  NOT READ  %s  %s: %s\n", blueprint.SafeLine(n.Pos.String()), blueprint.SafeLine(n.Resource), blueprint.SafeLine(n.Msg))
		}
		for _, s := range f.secrets {
			writeSecretText(st.out, s)
		}
	}
	return out.Flush()
}

// chunkedWriter gathers whole writes and passes them on 32 KiB at a time.
// It never splits a write, so the SafeWriter below sees whole characters.
type chunkedWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func (c *chunkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	c.buf = append(c.buf, p...)
	if len(c.buf) >= 32<<10 {
		if err := c.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes what is gathered, and returns the first write error.
func (c *chunkedWriter) Flush() error {
	if c.err == nil && len(c.buf) > 0 {
		_, c.err = c.w.Write(c.buf)
		c.buf = c.buf[:0]
	}
	return c.err
}

// flushFirst writes to standard error after what standard output has
// gathered, so the two streams keep their order on a terminal.
type flushFirst struct {
	out *chunkedWriter
	w   io.Writer
}

func (f flushFirst) Write(p []byte) (int, error) {
	_ = f.out.Flush()
	return f.w.Write(p)
}

func writeSecretText(w io.Writer, s checkedSecret) {
	name := s.design.Secret.SecretID
	if name == "" {
		name = s.design.Secret.ExistingSecretARN
	}
	fmt.Fprintf(w, "\n  %s (%s", blueprint.SafeLine(s.id), blueprint.SafeLine(s.typ))
	if name != "" && name != s.id {
		fmt.Fprintf(w, ", %s", blueprint.SafeLine(name))
	}
	fmt.Fprintf(w, ") at %s\n", blueprint.SafeLine(s.pos.String()))
	for _, a := range s.notes {
		fmt.Fprintf(w, "    attached to %s\n", blueprint.SafeLine(a))
	}
	idw := 0
	for _, r := range s.report.Results {
		idw = max(idw, len(r.Rule.ID))
	}
	counts := map[blueprint.Status]int{}
	for _, r := range s.report.Results {
		counts[r.Status]++
		at := s.locate(r)
		fmt.Fprintf(w, "    %-13s  %-7s  %-*s  %s  %s\n", statusWord[r.Status], r.Rule.Severity, idw, r.Rule.ID, blueprint.SafeLine(at.String()), r.Rule.Title)
		indent := "      "
		switch r.Status {
		case blueprint.StatusNotMet, blueprint.StatusWaived:
			for _, f := range r.Findings {
				fmt.Fprintf(w, "%s%s: %s: %s\n", indent, blueprint.SafeLine(s.where(f.Path).String()), blueprint.SafeLine(f.Path), blueprint.SafeLine(f.Message))
			}
			if r.Status == blueprint.StatusWaived {
				by := ""
				if s.waived[string(r.Rule.ID)] != "" {
					by = " (" + s.waived[string(r.Rule.ID)] + ")"
				}
				fmt.Fprintf(w, "%swaived%s: %s\n", indent, blueprint.SafeLine(by), blueprint.SafeLine(oneLine(r.WaiverReason)))
			}
		case blueprint.StatusCannotVerify:
			fmt.Fprintf(w, "%s%s\n", indent, blueprint.SafeLine(r.Note))
		case blueprint.StatusNotApplicable:
			if r.Note != "" {
				fmt.Fprintf(w, "%s%s\n", indent, blueprint.SafeLine(r.Note))
			}
		case blueprint.StatusMet:
		}
	}
	fmt.Fprintf(w, "    %d failed, %d cannot verify, %d passed, %d waived, %d n/a\n",
		counts[blueprint.StatusNotMet], counts[blueprint.StatusCannotVerify], counts[blueprint.StatusMet],
		counts[blueprint.StatusWaived], counts[blueprint.StatusNotApplicable])
}

// writeDesignText is the report for a design file: the file's own
// problems on stderr, then every rule, with its findings, on stdout. A
// rule finding is printed under its rule only, not also on stderr.
func writeDesignText(st streams, f checkedFile) {
	for _, dg := range f.textDiags {
		fmt.Fprintln(st.err, blueprint.SafeLine(dg))
	}
	if len(f.secrets) == 0 {
		return
	}
	s := f.secrets[0]
	report := s.report
	fmt.Fprintf(st.out, "%s: %s\n\n", blueprint.SafeLine(f.path), blueprint.SafeLine(blueprint.ShortText(s.design.DisplayName(), 80)))
	width := 0
	for _, r := range report.Results {
		width = max(width, len(r.Rule.ID))
	}
	for _, r := range report.Results {
		mark := map[blueprint.Status]string{
			blueprint.StatusMet:           "met",
			blueprint.StatusNotMet:        "NOT MET",
			blueprint.StatusWaived:        "waived",
			blueprint.StatusNotApplicable: "n/a",
		}[r.Status]
		fmt.Fprintf(st.out, "  %-7s  %-*s  %s\n", mark, width, r.Rule.ID, r.Rule.Title)
		switch r.Status {
		case blueprint.StatusNotMet:
			for _, fd := range r.Findings {
				// The wording of a diagnostic, with its place in the
				// file: stderr does not repeat it.
				fmt.Fprintf(st.out, "           %s: %s: %s\n", blueprint.SafeLine(s.where(fd.Path).String()), blueprint.SafeLine(fd.Path), blueprint.SafeLine(fd.Message))
			}
		case blueprint.StatusWaived:
			fmt.Fprintf(st.out, "           reason: %s\n", blueprint.SafeLine(oneLine(r.WaiverReason)))
		case blueprint.StatusNotApplicable:
			if r.Note != "" {
				fmt.Fprintf(st.out, "           %s\n", blueprint.SafeLine(r.Note))
			}
		}
	}
	var met, notMet, waived int
	for _, r := range report.Results {
		switch r.Status {
		case blueprint.StatusMet:
			met++
		case blueprint.StatusNotMet:
			notMet++
		case blueprint.StatusWaived:
			waived++
		}
	}
	fmt.Fprintf(st.out, "\n%d met, %d not met, %d waived\n", met, notMet, waived)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// The JSON report.

type jsonReport struct {
	Files   []jsonFile  `json:"files"`
	Summary jsonSummary `json:"summary"`
}

type jsonFile struct {
	Path    string       `json:"path"`
	Format  string       `json:"format,omitempty"`
	Error   string       `json:"error,omitempty"`
	Issues  []string     `json:"problems,omitempty"`
	Notices []jsonNotice `json:"notices,omitempty"`
	Secrets []jsonSecret `json:"secrets"`
}

// jsonNotice is something the reader could not follow, at its resource.
type jsonNotice struct {
	Resource string       `json:"resource"`
	Message  string       `json:"message"`
	Location jsonLocation `json:"location"`
}

type jsonSecret struct {
	ID       string       `json:"id"`
	Type     string       `json:"type"`
	Name     string       `json:"name,omitempty"`
	Location jsonLocation `json:"location"`
	Results  []jsonResult `json:"results"`
}

type jsonLocation struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

type jsonResult struct {
	Rule     string        `json:"rule"`
	Title    string        `json:"title"`
	Severity string        `json:"severity"`
	Status   string        `json:"status"`
	Location jsonLocation  `json:"location"`
	Findings []jsonFinding `json:"findings,omitempty"`
	Note     string        `json:"note,omitempty"`
	Waiver   *jsonWaiver   `json:"waiver,omitempty"`
}

type jsonFinding struct {
	Path     string       `json:"path"`
	Message  string       `json:"message"`
	Location jsonLocation `json:"location"`
}

type jsonWaiver struct {
	Reason string `json:"reason"`
	By     string `json:"by,omitempty"`
}

type jsonSummary struct {
	Files        int `json:"files"`
	Secrets      int `json:"secrets"`
	Failed       int `json:"failed"`
	CannotVerify int `json:"cannotVerify"`
	Passed       int `json:"passed"`
	Waived       int `json:"waived"`
	Errors       int `json:"errors"`
	Notices      int `json:"notices"`
}

// jsonStatus is the status as the JSON and SARIF reports name it.
var jsonStatus = map[blueprint.Status]string{
	blueprint.StatusMet:           "passed",
	blueprint.StatusNotMet:        "failed",
	blueprint.StatusWaived:        "waived",
	blueprint.StatusNotApplicable: "not-applicable",
	blueprint.StatusCannotVerify:  "cannot-verify",
}

func loc(p scan.Pos) jsonLocation { return jsonLocation{filepath.ToSlash(p.File), p.Line, p.Col} }

func writeCheckJSON(w io.Writer, files []checkedFile) error {
	rep := jsonReport{Files: []jsonFile{}}
	for _, f := range files {
		jf := jsonFile{Path: filepath.ToSlash(f.path), Format: f.format, Issues: f.diags, Secrets: []jsonSecret{}}
		if f.err != nil {
			jf.Error = f.err.Error()
			rep.Summary.Errors++
		}
		for _, n := range f.notices {
			jf.Notices = append(jf.Notices, jsonNotice{n.Resource, n.Msg, loc(n.Pos)})
			rep.Summary.Notices++
		}
		for _, s := range f.secrets {
			js := jsonSecret{ID: s.id, Type: s.typ, Name: s.design.Secret.SecretID, Location: loc(s.pos)}
			if js.Name == "" {
				js.Name = s.design.Secret.ExistingSecretARN
			}
			for _, r := range s.report.Results {
				jr := jsonResult{Rule: string(r.Rule.ID), Title: r.Rule.Title, Severity: r.Rule.Severity.String(),
					Status: jsonStatus[r.Status], Location: loc(s.locate(r)), Note: r.Note}
				for _, fd := range r.Findings {
					jr.Findings = append(jr.Findings, jsonFinding{fd.Path, fd.Message, loc(s.where(fd.Path))})
				}
				if r.Status == blueprint.StatusWaived {
					jr.Waiver = &jsonWaiver{r.WaiverReason, s.waived[string(r.Rule.ID)]}
				}
				switch r.Status {
				case blueprint.StatusNotMet:
					rep.Summary.Failed++
				case blueprint.StatusCannotVerify:
					rep.Summary.CannotVerify++
				case blueprint.StatusMet:
					rep.Summary.Passed++
				case blueprint.StatusWaived:
					rep.Summary.Waived++
				}
				js.Results = append(js.Results, jr)
			}
			jf.Secrets = append(jf.Secrets, js)
			rep.Summary.Secrets++
		}
		rep.Files = append(rep.Files, jf)
	}
	rep.Summary.Files = len(files)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
