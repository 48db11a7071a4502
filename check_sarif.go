package main

import (
	"io"
	"path/filepath"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/sarifout"
	"github.com/secretsmith/secretsmith/workflow"
)

// sarifKind is SARIF's result kind for each outcome: a failed rule is a
// fail, a rule that cannot be verified is open (the tool cannot decide), a
// passed one a pass. A waived rule is a fail with an in-source suppression.
var sarifKind = map[blueprint.Status]string{
	blueprint.StatusMet:           "pass",
	blueprint.StatusNotMet:        "fail",
	blueprint.StatusWaived:        "fail",
	blueprint.StatusNotApplicable: "notApplicable",
	blueprint.StatusCannotVerify:  "open",
}

func sarifLevel(s blueprint.Severity) string {
	if s == blueprint.SeverityWarning {
		return "warning"
	}
	return "error"
}

// writeCheckSARIF writes one SARIF 2.1.0 run: the blueprint rules as the
// driver's rules, one result per rule and secret, and a notification per
// file that could not be read (an error) and per notice (a warning).
func writeCheckSARIF(w io.Writer, files []workflow.Inspected) error {
	run := sarif.NewRunWithInformationURI("secretsmith", "https://github.com/secretsmith/secretsmith")
	run.Tool.Driver.WithVersion(currentVersion()).WithSemanticVersion(currentVersion())
	for _, r := range blueprint.Rules() {
		run.AddRule(string(r.ID)).
			WithName(string(r.ID)).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Title)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(r.Reason)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(r.Meets)).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity))).
			WithProperties(sarif.NewPropertyBag().Add("severity", r.Severity.String()))
	}
	inv := sarif.NewInvocation().WithExecutionSuccessful(true)
	for _, f := range files {
		if f.Err != nil {
			inv.AddToolExecutionNotification(sarif.NewNotification().
				WithLevel("error").
				WithMessage(sarif.NewTextMessage(f.Err.Error())).
				WithLocations([]*sarif.Location{sarifLocation(f.Path, 0, 0)}))
			continue
		}
		for _, n := range f.Notices {
			inv.AddToolExecutionNotification(sarif.NewNotification().
				WithLevel("warning").
				WithMessage(sarif.NewTextMessage(n.Resource + ": " + n.Msg)).
				WithLocations([]*sarif.Location{sarifLocation(n.Pos.File, n.Pos.Line, n.Pos.Col)}))
		}
		for _, s := range f.Secrets {
			for _, r := range s.Report.Results {
				at := s.Locate(r)
				res := run.CreateResultForRule(string(r.Rule.ID)).
					WithKind(sarifKind[r.Status]).
					WithMessage(sarif.NewTextMessage(sarifMessage(s, r))).
					AddLocation(sarifLocation(at.File, at.Line, at.Col)).
					WithRuleIndex(run.GetRuleIndex(string(r.Rule.ID)))
				// SARIF gives a result that is not a fail the level none.
				if sarifKind[r.Status] == "fail" {
					res.WithLevel(sarifLevel(r.Rule.Severity))
				} else {
					res.WithLevel("none")
				}
				res.WithProperties(sarif.NewPropertyBag().Add("secret", s.ID).Add("status", jsonStatus[r.Status]))
				if r.Status == blueprint.StatusWaived {
					res.AddSuppression(sarif.NewSuppression().WithKind("inSource").WithJustification(r.WaiverReason))
				}
			}
		}
	}
	run.AddInvocation(inv)
	return sarifout.Write(w, run)
}

func sarifLocation(file string, line, col int) *sarif.Location {
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(filepath.ToSlash(file)))
	if line > 0 {
		pl.WithRegion(sarif.NewRegion().WithStartLine(line).WithStartColumn(max(col, 1)))
	}
	return sarif.NewLocationWithPhysicalLocation(pl)
}

// sarifMessage says what the result means for this secret.
func sarifMessage(s workflow.Secret, r blueprint.RuleResult) string {
	prefix := s.ID + ": "
	switch r.Status {
	case blueprint.StatusNotMet, blueprint.StatusWaived:
		if len(r.Findings) > 0 {
			msg := prefix + r.Findings[0].Path + " " + r.Findings[0].Message
			if r.Status == blueprint.StatusWaived {
				msg += " (waived: " + oneLine(r.WaiverReason) + ")"
			}
			return msg
		}
	case blueprint.StatusCannotVerify:
		return prefix + "cannot verify: " + r.Note
	case blueprint.StatusNotApplicable:
		return prefix + "not applicable: " + r.Note
	}
	return prefix + r.Rule.Title
}
