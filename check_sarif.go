package main

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/workflow"
)

// sarifKind is SARIF's result kind for each outcome the report carries: a
// failed rule is a fail, a rule that cannot be verified is open (the tool
// cannot decide).
var sarifKind = map[blueprint.Status]string{
	blueprint.StatusNotMet:       "fail",
	blueprint.StatusCannotVerify: "open",
}

func sarifLevel(s blueprint.Severity) string {
	if s == blueprint.SeverityWarning {
		return sarif.LevelWarning
	}
	return sarif.LevelError
}

// sarifReport writes one SARIF 2.1.0 run as the files are read: the
// blueprint rules as the driver's rules, then one result per rule and
// secret that needs attention (failed, or cannot verify; what passed, was
// waived or does not apply is left to the text and JSON reports), and at
// the end the invocation, with a notification per file that could not be
// read (an error, and the run is not successful) and per notice (a
// warning).
type sarifReport struct {
	w       *chunkedWriter
	index   map[blueprint.RuleID]int
	results int
	inv     *sarif.Invocation
	err     error
}

func newSARIFReport(w io.Writer) *sarifReport {
	s := &sarifReport{w: &chunkedWriter{w: w}, index: map[blueprint.RuleID]int{},
		inv: sarif.NewInvocation().WithExecutionSuccessful(true)}
	driver := sarif.NewToolComponent().WithName("secretsmith").WithLanguage("en-US").
		WithInformationURI("https://github.com/secretsmith/secretsmith").
		WithVersion(currentVersion()).WithSemanticVersion(currentVersion())
	for i, r := range blueprint.Rules() {
		s.index[r.ID] = i
		driver.AddRule(sarif.NewRule(string(r.ID)).WithName(string(r.ID)).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Title)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(r.Reason)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(r.Meets)).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity))).
			WithProperties(sarif.NewPropertyBag().Add("severity", r.Severity.String())))
	}
	// The envelope is written by hand so that results go out file by file
	// (memory stays bounded by one file); every object inside it is one of
	// go-sarif's types, built with its New* constructors: their zero values
	// would write null for arrays and 0 for rank, id and offsets whose SARIF
	// default is -1.
	s.write(`{"version":"2.1.0","$schema":"https://json.schemastore.org/sarif-2.1.0.json","runs":[{"language":"en-US","newlineSequences":["\r\n","\n"],"tool":{"driver":`)
	s.json(driver)
	s.write("},\n\"results\":[")
	return s
}

func (s *sarifReport) write(text string) {
	if s.err == nil {
		_, s.err = s.w.Write([]byte(text))
	}
}

func (s *sarifReport) json(v any) {
	if s.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		s.err = err
		return
	}
	_, s.err = s.w.Write(b)
}

func (s *sarifReport) file(f workflow.Inspected) error {
	if f.Err != nil {
		s.inv.WithExecutionSuccessful(false).AddToolExecutionNotification(sarif.NewNotification().
			WithLevel(sarif.LevelError).WithMessage(sarif.NewTextMessage(f.Err.Error())).
			WithLocations([]*sarif.Location{sarifLoc(f.Path, 0, 0)}))
		return writeErr(s.err)
	}
	for _, n := range f.Notices {
		s.inv.AddToolExecutionNotification(sarif.NewNotification().
			WithLevel(sarif.LevelWarning).WithMessage(sarif.NewTextMessage(n.Resource + ": " + n.Msg)).
			WithLocations([]*sarif.Location{sarifLoc(n.Pos.File, n.Pos.Line, n.Pos.Col)}))
	}
	for _, sec := range f.Secrets {
		for _, r := range sec.Report.Results {
			kind, ok := sarifKind[r.Status]
			if !ok {
				continue
			}
			at := sec.Locate(r)
			// SARIF gives a result that is not a fail the level none.
			level := sarif.LevelNone
			if kind == "fail" {
				level = sarifLevel(r.Rule.Severity)
			}
			res := sarif.NewRuleResult(string(r.Rule.ID)).WithRuleIndex(s.index[r.Rule.ID]).
				WithKind(kind).WithLevel(level).
				WithMessage(sarif.NewTextMessage(sarifText(sec, r))).
				WithLocations([]*sarif.Location{sarifLoc(at.File, at.Line, at.Col)}).
				WithProperties(sarif.NewPropertyBag().Add("secret", sec.ID).Add("status", jsonStatus[r.Status]))
			if s.results > 0 {
				s.write(",")
			}
			s.write("\n")
			s.json(res)
			s.results++
		}
	}
	return writeErr(s.err)
}

func (s *sarifReport) finish() error {
	s.write("],\n\"invocations\":[")
	s.json(s.inv)
	s.write("]}]}\n")
	if s.err != nil {
		return writeErr(s.err)
	}
	return writeErr(s.w.Flush())
}

func sarifLoc(file string, line, col int) *sarif.Location {
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(sarifURI(file)))
	if line > 0 {
		pl.WithRegion(sarif.NewRegion().WithStartLine(line).WithStartColumn(max(col, 1)))
	}
	return sarif.NewLocationWithPhysicalLocation(pl)
}

// sarifURI is a file's path as a relative (or absolute-path) URI
// reference: every byte other than an unreserved character or a slash is
// percent-encoded, so '#', '%', ' ' and a name that is not UTF-8 keep
// naming the file exactly.
func sarifURI(path string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for _, c := range []byte(filepath.ToSlash(path)) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~/", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// sarifText says what the result means for this secret.
func sarifText(s workflow.Secret, r blueprint.RuleResult) string {
	prefix := s.ID + ": "
	switch r.Status {
	case blueprint.StatusNotMet:
		if len(r.Findings) > 0 {
			return prefix + r.Findings[0].Path + " " + r.Findings[0].Message
		}
	case blueprint.StatusCannotVerify:
		return prefix + "cannot verify: " + r.Note
	}
	return prefix + r.Rule.Title
}
