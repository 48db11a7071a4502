package report

import (
	"fmt"
	"io"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/workflow"
)

// Check is check's report, written one file at a time as each is read, so
// that memory holds a few files' reports, not the whole run's. An error
// writing it wraps ErrWrite.
type Check interface {
	// File adds one file's judgement to the report.
	File(f workflow.Inspected) error
	// Finish writes the end of the report (JSON's summary, SARIF's
	// invocation) and flushes it.
	Finish() error
	// Aside is where text that goes with a file's report is written, in
	// order with it (the AWS verification of the file's secrets): after
	// it on the report's stream for text, and on the error stream for
	// JSON and SARIF, whose stream stays one document.
	Aside() io.Writer
}

// NewCheck starts check's report in format f on out. The text report
// writes a file's own problems and the files that cannot be read to errw,
// in order with out; without verbose it lists only the rules that need
// attention. version is the tool's, for SARIF.
func NewCheck(f Format, out, errw io.Writer, verbose bool, version string) (Check, error) {
	switch f {
	case Text:
		c := &chunkedWriter{w: out}
		return &checkText{out: c, err: flushFirst{c, errw}, verbose: verbose}, nil
	case JSON:
		return &checkJSON{w: &chunkedWriter{w: out}, aside: errw}, nil
	case SARIF:
		s := newCheckSARIF(out, version)
		s.aside = errw
		return s, nil
	}
	return nil, unknownFormat("check", f)
}

// checkText writes the text report. It is gathered into chunks of whole
// writes, not written line by line. Without verbose, each secret lists the
// rules that need attention (failed, cannot verify) and counts the rest in
// one line.
type checkText struct {
	out     *chunkedWriter
	err     io.Writer
	verbose bool
	n       int
}

func (t *checkText) Finish() error { return writeErr(t.out.Flush()) }

// Aside is the report's own stream, flushed first, so that what is
// written there follows what the report has gathered.
func (t *checkText) Aside() io.Writer { return flushFirst{t.out, t.out.w} }

func (t *checkText) File(f workflow.Inspected) error {
	if t.n > 0 {
		fmt.Fprintln(t.out)
	}
	t.n++
	if f.Format == "design" && f.Err == nil {
		t.design(f)
		return writeErr(t.out.err)
	}
	if f.Err != nil {
		fmt.Fprintf(t.err, "%s\n", blueprint.SafeLine(f.Err.Error()))
		return writeErr(t.out.err)
	}
	kind := map[string]string{"cloudformation": "CloudFormation", "terraform": "Terraform"}[f.Format]
	switch {
	case kind == "":
		fmt.Fprintf(t.out, "%s: nothing checked\n", blueprint.SafeLine(f.Path))
	case len(f.Secrets) == 0:
		fmt.Fprintf(t.out, "%s: %s, no Secrets Manager secret\n", blueprint.SafeLine(f.Path), kind)
	case len(f.Secrets) == 1:
		fmt.Fprintf(t.out, "%s: %s, 1 secret\n", blueprint.SafeLine(f.Path), kind)
	default:
		fmt.Fprintf(t.out, "%s: %s, %d secrets\n", blueprint.SafeLine(f.Path), kind, len(f.Secrets))
	}
	for _, n := range f.Notices {
		fmt.Fprintf(t.out, "  NOT READ  %s  %s: %s\n", blueprint.SafeLine(n.Pos.String()), blueprint.SafeLine(n.Resource), blueprint.SafeLine(n.Msg))
	}
	for _, s := range f.Secrets {
		writeSecretText(t.out, s, t.verbose)
	}
	return writeErr(t.out.err)
}

func writeSecretText(w io.Writer, s workflow.Secret, verbose bool) {
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
	for _, p := range s.Problems {
		// A value the wizard would refuse (or warn about) at its field.
		mark := "INVALID"
		if p.Severity == blueprint.SeverityWarning {
			mark = "WARNING"
		}
		fmt.Fprintf(w, "    %-7s  %s  %s: %s\n", mark, blueprint.SafeLine(p.Pos.String()), blueprint.SafeLine(p.Path), blueprint.SafeLine(p.Message))
	}
	idw := idWidth(s.Report.Results)
	for _, r := range s.Report.Results {
		if !verbose && !needsAttention(r.Status) {
			continue
		}
		writeRuleRow(w, "    ", r, idw, s.Locate(r).String())
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
	counts := tally{}.add(s.Report.Results)
	fmt.Fprintf(w, "    %s", counts.line())
	if !verbose && counts[blueprint.StatusMet]+counts[blueprint.StatusWaived]+counts[blueprint.StatusNotApplicable] > 0 {
		fmt.Fprint(w, " (--verbose lists them all)")
	}
	fmt.Fprintln(w)
}

// design is the report for a design file: the file's own problems on the
// error stream, then every rule, with its findings. A rule finding is
// printed under its rule only, not also among the problems; and where the
// file's own error and a rule's finding are about one field (an AWS managed
// key is both an invalid value and a broken customer-managed-key rule), the
// field's error is printed once, under the rule, as generate and the wizard
// print one message for it (Report.ProblemsAfter): it came twice, in two
// wordings, on the two streams (issue 22's third trial).
func (t *checkText) design(f workflow.Inspected) {
	var report blueprint.Report
	if len(f.Secrets) > 0 {
		report = f.Secrets[0].Report
	}
	underRule := map[string]string{}
	for _, r := range report.Results {
		if r.Status != blueprint.StatusNotMet {
			continue
		}
		for _, fd := range r.Findings {
			for _, p := range f.FileProblems {
				if p.Severity == blueprint.SeverityError && p.Path == fd.Path {
					underRule[p.Path] = p.Message
				}
			}
		}
	}
	for i, dg := range f.FileDiagnostics {
		if i < len(f.FileProblems) && underRule[f.FileProblems[i].Path] != "" && f.FileProblems[i].Severity == blueprint.SeverityError {
			continue
		}
		fmt.Fprintln(t.err, blueprint.SafeLine(dg))
	}
	if len(f.Secrets) == 0 {
		return
	}
	w := t.out
	s := f.Secrets[0]
	fmt.Fprintf(w, "%s: %s\n\n", blueprint.SafeLine(f.Path), blueprint.SafeLine(blueprint.ShortText(s.Design.DisplayName(), 80)))
	width := idWidth(report.Results)
	rows := 0
	for _, r := range report.Results {
		if !t.verbose && r.Status != blueprint.StatusNotMet {
			continue
		}
		rows++
		mark := map[blueprint.Status]string{
			blueprint.StatusMet:           "met",
			blueprint.StatusNotMet:        "NOT MET",
			blueprint.StatusWaived:        "waived",
			blueprint.StatusNotApplicable: "n/a",
		}[r.Status]
		fmt.Fprintf(w, "  %-7s  %-*s  %s\n", mark, width, r.Rule.ID, r.Rule.Title)
		switch r.Status {
		case blueprint.StatusNotMet:
			for _, fd := range r.Findings {
				// The wording of a diagnostic, with its place in the
				// file: the error stream does not repeat it.
				msg := fd.Message
				if m, ok := underRule[fd.Path]; ok {
					msg = m
				}
				fmt.Fprintf(w, "           %s: %s: %s\n", blueprint.SafeLine(s.Where(fd.Path).String()), blueprint.SafeLine(fd.Path), blueprint.SafeLine(msg))
			}
		case blueprint.StatusWaived:
			fmt.Fprintf(w, "           reason: %s\n", blueprint.SafeLine(oneLine(r.WaiverReason)))
		case blueprint.StatusNotApplicable:
			if r.Note != "" {
				fmt.Fprintf(w, "           %s\n", blueprint.SafeLine(r.Note))
			}
		}
	}
	counts := tally{}.add(report.Results)
	if rows > 0 {
		// A blank line between the rules and the counts; with no rule
		// listed, the one after the file's name is enough.
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d met, %d not met, %d waived", counts[blueprint.StatusMet], counts[blueprint.StatusNotMet], counts[blueprint.StatusWaived])
	if !t.verbose && len(report.Results) > counts[blueprint.StatusNotMet] {
		fmt.Fprint(w, " (--verbose lists them all)")
	}
	fmt.Fprintln(w)
}
