package report

import (
	"io"
	"path/filepath"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/workflow"
)

// CheckDocument is check's JSON report. Its field names are part of the
// command's interface for scripts.
type CheckDocument struct {
	Files   []CheckFile  `json:"files"`
	Summary CheckSummary `json:"summary"`
}

// CheckFile is one file of the JSON report.
type CheckFile struct {
	Path    string        `json:"path"`
	Format  string        `json:"format,omitempty"`
	Error   string        `json:"error,omitempty"`
	Issues  []string      `json:"problems,omitempty"`
	Notices []CheckNotice `json:"notices,omitempty"`
	Secrets []CheckSecret `json:"secrets"`
}

// CheckNotice is something the reader could not follow, at its resource.
type CheckNotice struct {
	Resource string   `json:"resource"`
	Message  string   `json:"message"`
	Location Location `json:"location"`
}

// CheckSecret is one secret of a file and every rule's result for it.
type CheckSecret struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Name     string   `json:"name,omitempty"`
	Location Location `json:"location"`
	// Problems are the values the template writes down that Validate
	// refuses (severity error) or warns about, as for a design file.
	Problems []CheckProblem `json:"problems,omitempty"`
	Results  []CheckResult  `json:"results"`
}

// CheckProblem is a value a template writes down that Validate refuses or
// warns about, named as the template names it.
type CheckProblem struct {
	Path     string   `json:"path"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Location Location `json:"location"`
}

// Location is a place in a file; Line and Column count from 1.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// CheckResult is one rule's result for one secret.
type CheckResult struct {
	Rule     string         `json:"rule"`
	Title    string         `json:"title"`
	Severity string         `json:"severity"`
	Status   string         `json:"status"`
	Location Location       `json:"location"`
	Findings []CheckFinding `json:"findings,omitempty"`
	Note     string         `json:"note,omitempty"`
	Waiver   *CheckWaiver   `json:"waiver,omitempty"`
}

// CheckFinding is what breaks a rule, at its field.
type CheckFinding struct {
	Path     string   `json:"path"`
	Message  string   `json:"message"`
	Location Location `json:"location"`
}

// CheckWaiver is why a rule is waived, and what waived it (a design's
// waiver, a suppression comment).
type CheckWaiver struct {
	Reason string `json:"reason"`
	By     string `json:"by,omitempty"`
}

// CheckSummary counts the report's files, secrets and results.
type CheckSummary struct {
	Files        int `json:"files"`
	Secrets      int `json:"secrets"`
	Failed       int `json:"failed"`
	CannotVerify int `json:"cannotVerify"`
	Passed       int `json:"passed"`
	Waived       int `json:"waived"`
	Errors       int `json:"errors"`
	Notices      int `json:"notices"`
	// Invalid counts the values templates write down that Validate
	// refuses (each fails the check, as an invalid design file does).
	Invalid int `json:"invalid"`
}

// checkStatus is the status as check's JSON and SARIF reports name it.
var checkStatus = map[blueprint.Status]string{
	blueprint.StatusMet:           "passed",
	blueprint.StatusNotMet:        "failed",
	blueprint.StatusWaived:        "waived",
	blueprint.StatusNotApplicable: "not-applicable",
	blueprint.StatusCannotVerify:  "cannot-verify",
}

func loc(p scan.Pos) Location { return Location{filepath.ToSlash(p.File), p.Line, p.Col} }

// checkJSON writes the JSON report file by file, each indented as one
// element of "files", and the summary at the end.
type checkJSON struct {
	w       *chunkedWriter
	aside   io.Writer
	summary CheckSummary
}

func (j *checkJSON) Aside() io.Writer { return j.aside }

func (j *checkJSON) File(f workflow.Inspected) error {
	jf := CheckFile{Path: filepath.ToSlash(f.Path), Format: f.Format, Issues: f.Diagnostics, Secrets: []CheckSecret{}}
	if f.Err != nil {
		jf.Error = f.Err.Error()
		j.summary.Errors++
	}
	for _, n := range f.Notices {
		jf.Notices = append(jf.Notices, CheckNotice{n.Resource, n.Msg, loc(n.Pos)})
		j.summary.Notices++
	}
	for _, s := range f.Secrets {
		js := CheckSecret{ID: s.ID, Type: s.Type, Name: s.Design.Secret.SecretID, Location: loc(s.Pos)}
		if js.Name == "" {
			js.Name = s.Design.Secret.ExistingSecretARN
		}
		for _, p := range s.Problems {
			js.Problems = append(js.Problems, CheckProblem{p.Path, p.Severity.String(), p.Message, loc(p.Pos)})
			if p.Severity == blueprint.SeverityError {
				j.summary.Invalid++
			}
		}
		for _, r := range s.Report.Results {
			jr := CheckResult{Rule: string(r.Rule.ID), Title: r.Rule.Title, Severity: r.Rule.Severity.String(),
				Status: checkStatus[r.Status], Location: loc(s.Locate(r)), Note: r.Note}
			for _, fd := range r.Findings {
				jr.Findings = append(jr.Findings, CheckFinding{fd.Path, fd.Message, loc(s.Where(fd.Path))})
			}
			if r.Status == blueprint.StatusWaived {
				jr.Waiver = &CheckWaiver{r.WaiverReason, s.Waived[string(r.Rule.ID)]}
			}
			js.Results = append(js.Results, jr)
		}
		c := tally{}.add(s.Report.Results)
		j.summary.Failed += c[blueprint.StatusNotMet]
		j.summary.CannotVerify += c[blueprint.StatusCannotVerify]
		j.summary.Passed += c[blueprint.StatusMet]
		j.summary.Waived += c[blueprint.StatusWaived]
		jf.Secrets = append(jf.Secrets, js)
		j.summary.Secrets++
	}
	sep := ",\n    "
	if j.summary.Files == 0 {
		sep = "{\n  \"files\": [\n    "
	}
	j.summary.Files++
	_, _ = j.w.Write([]byte(sep))
	return writeErr(writeIndentedJSON(j.w, jf, "    "))
}

func (j *checkJSON) Finish() error {
	if j.summary.Files == 0 {
		_, _ = j.w.Write([]byte("{\n  \"files\": [],\n  \"summary\": "))
	} else {
		_, _ = j.w.Write([]byte("\n  ],\n  \"summary\": "))
	}
	if err := writeIndentedJSON(j.w, j.summary, "  "); err != nil {
		return writeErr(err)
	}
	_, _ = j.w.Write([]byte("\n}\n"))
	return writeErr(j.w.Flush())
}
