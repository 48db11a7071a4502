package report

import (
	"encoding/json"
	"io"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/workflow"
)

// invalidValue is the SARIF rule of the values a template writes down that
// Validate refuses or warns about (workflow.Secret.Problems).
const invalidValue blueprint.RuleID = "invalid-value"

const (
	invalidValueReason = "Each value a template writes down is checked as the wizard checks the same field of a design: " +
		"a value it refuses (a password under masterarn in a SecretStringTemplate, a malformed ARN) fails the check, " +
		"and one it warns about (a bidirectional control in a description) is a warning."
	invalidValueHelp = "Change the value at the place the result names, as its message says; " +
		"the message never repeats a value that may be secret material."
)

// checkSARIFKind is SARIF's result kind for each outcome check's report
// carries: a failed rule is a fail, a rule that cannot be verified is open
// (the tool cannot decide).
var checkSARIFKind = map[blueprint.Status]string{
	blueprint.StatusNotMet:       "fail",
	blueprint.StatusCannotVerify: "open",
}

// checkSARIF writes one SARIF 2.1.0 run as the files are read: the
// blueprint rules as the driver's rules, then one result per rule and
// secret that needs attention (failed, or cannot verify; what passed, was
// waived or does not apply is left to the text and JSON reports), and at
// the end the invocation, with a notification per file that could not be
// read (an error, and the run is not successful) and per notice (a
// warning).
type checkSARIF struct {
	w       *chunkedWriter
	aside   io.Writer
	index   map[blueprint.RuleID]int
	results int
	inv     *sarif.Invocation
	err     error
}

func newCheckSARIF(w io.Writer, version string) *checkSARIF {
	s := &checkSARIF{w: &chunkedWriter{w: w}, index: map[blueprint.RuleID]int{},
		inv: sarif.NewInvocation().WithExecutionSuccessful(true)}
	driver := sarif.NewToolComponent().WithName("secretsmith").WithLanguage("en-US").
		WithInformationURI("https://github.com/secretsmith/secretsmith").
		WithVersion(version).WithSemanticVersion(version)
	for i, r := range blueprint.Rules() {
		s.index[r.ID] = i
		driver.AddRule(sarifRule(r).WithProperties(sarif.NewPropertyBag().Add("severity", r.Severity.String())))
	}
	// The values a template writes down that Validate refuses or warns
	// about are results of one more rule, so that code scanning shows
	// them where check fails on them.
	s.index[invalidValue] = len(blueprint.Rules())
	driver.AddRule(sarif.NewRule(string(invalidValue)).WithName(string(invalidValue)).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText("A value the template writes down is valid")).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(invalidValueReason)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(invalidValueHelp)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarif.LevelError)).
		WithProperties(sarif.NewPropertyBag().Add("severity", "error")))
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

func (s *checkSARIF) Aside() io.Writer { return s.aside }

func (s *checkSARIF) write(text string) {
	if s.err == nil {
		_, s.err = s.w.Write([]byte(text))
	}
}

func (s *checkSARIF) json(v any) {
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

func (s *checkSARIF) File(f workflow.Inspected) error {
	if f.Err != nil {
		s.inv.WithExecutionSuccessful(false).AddToolExecutionNotification(sarif.NewNotification().
			WithLevel(sarif.LevelError).WithMessage(sarif.NewTextMessage(f.Err.Error())).
			WithLocations([]*sarif.Location{sarifLocation(f.Path, 0, 0)}))
		return writeErr(s.err)
	}
	for _, n := range f.Notices {
		s.inv.AddToolExecutionNotification(sarif.NewNotification().
			WithLevel(sarif.LevelWarning).WithMessage(sarif.NewTextMessage(n.Resource + ": " + n.Msg)).
			WithLocations([]*sarif.Location{sarifLocation(n.Pos.File, n.Pos.Line, n.Pos.Col)}))
	}
	// A design file's own problems (the text report prints them on the
	// error stream) are results of the same rule, at their places.
	for _, p := range f.FileProblems {
		s.problem("", p)
	}
	for _, sec := range f.Secrets {
		for _, p := range sec.Problems {
			s.problem(sec.ID, p)
		}
		for _, r := range sec.Report.Results {
			kind, ok := checkSARIFKind[r.Status]
			if !ok {
				continue
			}
			at := sec.Locate(r)
			note := ""
			if r.Status == blueprint.StatusCannotVerify {
				note = "cannot verify: " + r.Note
			}
			res := sarif.NewRuleResult(string(r.Rule.ID)).WithRuleIndex(s.index[r.Rule.ID]).
				WithKind(kind).WithLevel(sarifResultLevel(kind, r.Rule)).
				WithMessage(sarif.NewTextMessage(sarifMessage(sec.ID, r, note))).
				WithLocations([]*sarif.Location{sarifLocation(at.File, at.Line, at.Col)}).
				WithProperties(sarif.NewPropertyBag().Add("secret", sec.ID).Add("status", checkStatus[r.Status]))
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

// problem writes one invalid-value result: a value the file writes down
// that Validate refuses or warns about, of the secret id ("" for a design
// file's problem, which names its field itself).
func (s *checkSARIF) problem(id string, p scan.Problem) {
	level := sarif.LevelError
	if p.Severity == blueprint.SeverityWarning {
		level = sarif.LevelWarning
	}
	text := p.Message
	if p.Path != "" {
		text = p.Path + ": " + text
	}
	props := sarif.NewPropertyBag().Add("status", "invalid")
	if id != "" {
		text = id + ": " + text
		props.Add("secret", id)
	}
	res := sarif.NewRuleResult(string(invalidValue)).WithRuleIndex(s.index[invalidValue]).
		WithKind("fail").WithLevel(level).
		WithMessage(sarif.NewTextMessage(text)).
		WithLocations([]*sarif.Location{sarifLocation(p.Pos.File, p.Pos.Line, p.Pos.Col)}).
		WithProperties(props)
	if s.results > 0 {
		s.write(",")
	}
	s.write("\n")
	s.json(res)
	s.results++
}

func (s *checkSARIF) Finish() error {
	s.write("],\n\"invocations\":[")
	s.json(s.inv)
	s.write("]}]}\n")
	if s.err != nil {
		return writeErr(s.err)
	}
	return writeErr(s.w.Flush())
}
