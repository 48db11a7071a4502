package main

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

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
		return "warning"
	}
	return "error"
}

// The parts of SARIF 2.1.0 the report writes.
type (
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifResult struct {
		RuleID     string            `json:"ruleId"`
		RuleIndex  int               `json:"ruleIndex"`
		Kind       string            `json:"kind"`
		Level      string            `json:"level"`
		Message    sarifMessage      `json:"message"`
		Locations  []sarifLocation   `json:"locations"`
		Properties map[string]string `json:"properties"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		Name                 string            `json:"name"`
		ShortDescription     sarifMessage      `json:"shortDescription"`
		FullDescription      sarifMessage      `json:"fullDescription"`
		Help                 sarifMessage      `json:"help"`
		DefaultConfiguration map[string]string `json:"defaultConfiguration"`
		Properties           map[string]string `json:"properties"`
	}
	sarifDriver struct {
		Name            string      `json:"name"`
		Language        string      `json:"language"`
		InformationURI  string      `json:"informationUri"`
		Version         string      `json:"version"`
		SemanticVersion string      `json:"semanticVersion"`
		Rules           []sarifRule `json:"rules"`
	}
)

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
	inv     sarifInvocation
	err     error
}

func newSARIFReport(w io.Writer) *sarifReport {
	s := &sarifReport{w: &chunkedWriter{w: w}, index: map[blueprint.RuleID]int{}, inv: sarifInvocation{ExecutionSuccessful: true}}
	driver := sarifDriver{Name: "secretsmith", Language: "en-US", InformationURI: "https://github.com/secretsmith/secretsmith",
		Version: currentVersion(), SemanticVersion: currentVersion(), Rules: []sarifRule{}}
	for i, r := range blueprint.Rules() {
		s.index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: string(r.ID), Name: string(r.ID),
			ShortDescription: sarifMessage{r.Title}, FullDescription: sarifMessage{r.Reason}, Help: sarifMessage{r.Meets},
			DefaultConfiguration: map[string]string{"level": sarifLevel(r.Severity)},
			Properties:           map[string]string{"severity": r.Severity.String()},
		})
	}
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
		s.inv.ExecutionSuccessful = false
		s.inv.ToolExecutionNotifications = append(s.inv.ToolExecutionNotifications, sarifNotification{
			Level: "error", Message: sarifMessage{f.Err.Error()}, Locations: []sarifLocation{sarifLoc(f.Path, 0, 0)}})
		return writeErr(s.err)
	}
	for _, n := range f.Notices {
		s.inv.ToolExecutionNotifications = append(s.inv.ToolExecutionNotifications, sarifNotification{
			Level: "warning", Message: sarifMessage{n.Resource + ": " + n.Msg}, Locations: []sarifLocation{sarifLoc(n.Pos.File, n.Pos.Line, n.Pos.Col)}})
	}
	for _, sec := range f.Secrets {
		for _, r := range sec.Report.Results {
			kind, ok := sarifKind[r.Status]
			if !ok {
				continue
			}
			at := sec.Locate(r)
			res := sarifResult{
				RuleID: string(r.Rule.ID), RuleIndex: s.index[r.Rule.ID], Kind: kind, Level: "none",
				Message:    sarifMessage{sarifText(sec, r)},
				Locations:  []sarifLocation{sarifLoc(at.File, at.Line, at.Col)},
				Properties: map[string]string{"secret": sec.ID, "status": jsonStatus[r.Status]},
			}
			// SARIF gives a result that is not a fail the level none.
			if kind == "fail" {
				res.Level = sarifLevel(r.Rule.Severity)
			}
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

func sarifLoc(file string, line, col int) sarifLocation {
	pl := sarifPhysical{ArtifactLocation: sarifArtifact{sarifURI(file)}}
	if line > 0 {
		pl.Region = &sarifRegion{StartLine: line, StartColumn: max(col, 1)}
	}
	return sarifLocation{pl}
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
