package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
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
Terraform configurations (.tf and .tf.json; a directory is one configuration,
and one file is read with its directory), and Terraform plans as
'terraform show -json PLANFILE' writes them, and judges every Secrets
Manager secret in them with the blueprint's rules. A plan has every
variable, count, for_each and module resolved; when its configuration is
beside it, findings point at the configuration's FILE:LINE.

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
	cmd.Flags().StringSliceVar(&opts.exclude, "exclude", workflow.DefaultExcludes, "skip files and directories whose name or path below the argument matches `GLOB` (repeatable; giving it replaces the defaults)")
	addAWSFlags(cmd, &opts.aws, "also verify every secret against the AWS account, and exit 1 when a check fails")
	return cmd
}

func runCheckPaths(st streams, args []string, opts checkOptions) error {
	// check keeps little (each file's report), and all its garbage is the
	// parse trees of the files it reads: collecting at half the default
	// growth keeps its peak memory about 4 MiB lower over 200 templates
	// (bench/check.sh: 34.6 to 36.0 MiB against 39.3 to 40.6), where
	// process start alone takes about 24, for a little more CPU. GOGC,
	// when set, still decides.
	if st.getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(50))
	}
	var files []workflow.Inspected
	for _, arg := range args {
		found, err := workflow.Inspect(st.fs, arg, opts.exclude)
		if err != nil {
			// Only what is not there, or cannot be looked at, stops
			// the walk: the argument is wrong.
			return usageErrorf("check: %v", err)
		}
		files = append(files, found...)
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
func checkFails(files []workflow.Inspected, strict bool) bool {
	for _, f := range files {
		if f.Err != nil || f.Invalid {
			return true
		}
		for _, s := range f.Secrets {
			if len(s.Report.Blocking()) > 0 {
				return true
			}
			if strict && slices.ContainsFunc(s.Report.Results, func(r blueprint.RuleResult) bool { return r.Status == blueprint.StatusCannotVerify }) {
				return true
			}
		}
		if strict && len(f.Notices) > 0 {
			return true
		}
	}
	return false
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
func writeCheckText(st streams, files []workflow.Inspected) error {
	out := &chunkedWriter{w: st.out}
	st.out, st.err = out, flushFirst{out, st.err}
	for i, f := range files {
		if i > 0 {
			fmt.Fprintln(st.out)
		}
		if f.Format == "design" && f.Err == nil {
			writeDesignText(st, f)
			continue
		}
		if f.Err != nil {
			fmt.Fprintf(st.err, "%s\n", blueprint.SafeLine(f.Err.Error()))
			continue
		}
		kind := map[string]string{"cloudformation": "CloudFormation", "terraform": "Terraform"}[f.Format]
		switch {
		case kind == "":
			fmt.Fprintf(st.out, "%s: nothing checked\n", blueprint.SafeLine(f.Path))
		case len(f.Secrets) == 0:
			fmt.Fprintf(st.out, "%s: %s, no Secrets Manager secret\n", blueprint.SafeLine(f.Path), kind)
		case len(f.Secrets) == 1:
			fmt.Fprintf(st.out, "%s: %s, 1 secret\n", blueprint.SafeLine(f.Path), kind)
		default:
			fmt.Fprintf(st.out, "%s: %s, %d secrets\n", blueprint.SafeLine(f.Path), kind, len(f.Secrets))
		}
		for _, n := range f.Notices {
			fmt.Fprintf(st.out, "  NOT READ  %s  %s: %s\n", blueprint.SafeLine(n.Pos.String()), blueprint.SafeLine(n.Resource), blueprint.SafeLine(n.Msg))
		}
		for _, s := range f.Secrets {
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

func writeSecretText(w io.Writer, s workflow.Secret) {
	name := s.Design.Secret.SecretID
	if name == "" {
		name = s.Design.Secret.ExistingSecretARN
	}
	fmt.Fprintf(w, "\n  %s (%s", blueprint.SafeLine(s.ID), blueprint.SafeLine(s.Type))
	if name != "" && name != s.ID {
		fmt.Fprintf(w, ", %s", blueprint.SafeLine(name))
	}
	fmt.Fprintf(w, ") at %s\n", blueprint.SafeLine(s.Pos.String()))
	for _, a := range s.Notes {
		fmt.Fprintf(w, "    attached to %s\n", blueprint.SafeLine(a))
	}
	idw := 0
	for _, r := range s.Report.Results {
		idw = max(idw, len(r.Rule.ID))
	}
	counts := map[blueprint.Status]int{}
	for _, r := range s.Report.Results {
		counts[r.Status]++
		at := s.Locate(r)
		fmt.Fprintf(w, "    %-13s  %-7s  %-*s  %s  %s\n", statusWord[r.Status], r.Rule.Severity, idw, r.Rule.ID, blueprint.SafeLine(at.String()), r.Rule.Title)
		indent := "      "
		switch r.Status {
		case blueprint.StatusNotMet, blueprint.StatusWaived:
			for _, f := range r.Findings {
				fmt.Fprintf(w, "%s%s: %s: %s\n", indent, blueprint.SafeLine(s.Where(f.Path).String()), blueprint.SafeLine(f.Path), blueprint.SafeLine(f.Message))
			}
			if r.Status == blueprint.StatusWaived {
				by := ""
				if s.Waived[string(r.Rule.ID)] != "" {
					by = " (" + s.Waived[string(r.Rule.ID)] + ")"
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
func writeDesignText(st streams, f workflow.Inspected) {
	for _, dg := range f.FileDiagnostics {
		fmt.Fprintln(st.err, blueprint.SafeLine(dg))
	}
	if len(f.Secrets) == 0 {
		return
	}
	s := f.Secrets[0]
	report := s.Report
	fmt.Fprintf(st.out, "%s: %s\n\n", blueprint.SafeLine(f.Path), blueprint.SafeLine(blueprint.ShortText(s.Design.DisplayName(), 80)))
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
				fmt.Fprintf(st.out, "           %s: %s: %s\n", blueprint.SafeLine(s.Where(fd.Path).String()), blueprint.SafeLine(fd.Path), blueprint.SafeLine(fd.Message))
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

func writeCheckJSON(w io.Writer, files []workflow.Inspected) error {
	rep := jsonReport{Files: []jsonFile{}}
	for _, f := range files {
		jf := jsonFile{Path: filepath.ToSlash(f.Path), Format: f.Format, Issues: f.Diagnostics, Secrets: []jsonSecret{}}
		if f.Err != nil {
			jf.Error = f.Err.Error()
			rep.Summary.Errors++
		}
		for _, n := range f.Notices {
			jf.Notices = append(jf.Notices, jsonNotice{n.Resource, n.Msg, loc(n.Pos)})
			rep.Summary.Notices++
		}
		for _, s := range f.Secrets {
			js := jsonSecret{ID: s.ID, Type: s.Type, Name: s.Design.Secret.SecretID, Location: loc(s.Pos)}
			if js.Name == "" {
				js.Name = s.Design.Secret.ExistingSecretARN
			}
			for _, r := range s.Report.Results {
				jr := jsonResult{Rule: string(r.Rule.ID), Title: r.Rule.Title, Severity: r.Rule.Severity.String(),
					Status: jsonStatus[r.Status], Location: loc(s.Locate(r)), Note: r.Note}
				for _, fd := range r.Findings {
					jr.Findings = append(jr.Findings, jsonFinding{fd.Path, fd.Message, loc(s.Where(fd.Path))})
				}
				if r.Status == blueprint.StatusWaived {
					jr.Waiver = &jsonWaiver{r.WaiverReason, s.Waived[string(r.Rule.ID)]}
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
