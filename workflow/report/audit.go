package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
)

// Audit writes audit's report of an account in format f; version is the
// tool's, for SARIF. Secrets with a failed rule come first, then by region
// and name; within a secret, what needs attention comes first.
func Audit(w io.Writer, f Format, r *account.AuditReport, version string) error {
	switch f {
	case Text:
		return auditText(w, r)
	case JSON:
		return auditJSON(w, r)
	case SARIF:
		return auditSARIF(w, r, version)
	}
	return unknownFormat("audit", f)
}

// auditOrder puts what needs attention first: failed, then cannot verify,
// waived, passed and not applicable.
var auditOrder = map[blueprint.Status]int{
	blueprint.StatusNotMet: 0, blueprint.StatusCannotVerify: 1, blueprint.StatusWaived: 2,
	blueprint.StatusMet: 3, blueprint.StatusNotApplicable: 4,
}

// auditStatus is the status as audit's JSON and SARIF reports name it.
var auditStatus = map[blueprint.Status]string{
	blueprint.StatusMet: "pass", blueprint.StatusNotMet: "fail", blueprint.StatusWaived: "waived",
	blueprint.StatusNotApplicable: "n/a", blueprint.StatusCannotVerify: "cannot-verify",
}

// sortedSecrets are the secrets with failures first, then by region and
// name.
func sortedSecrets(r *account.AuditReport) []account.AuditedSecret {
	out := slices.Clone(r.Secrets)
	slices.SortStableFunc(out, func(a, b account.AuditedSecret) int {
		fa, fb := tally{}.add(a.Results)[blueprint.StatusNotMet], tally{}.add(b.Results)[blueprint.StatusNotMet]
		return cmp.Or(-cmp.Compare(min(fa, 1), min(fb, 1)), strings.Compare(a.Region, b.Region), strings.Compare(a.Name, b.Name))
	})
	return out
}

// attentionFirst is a secret's results, failures first.
func attentionFirst(rs []blueprint.RuleResult) []blueprint.RuleResult {
	rs = slices.Clone(rs)
	slices.SortStableFunc(rs, func(a, b blueprint.RuleResult) int { return cmp.Compare(auditOrder[a.Status], auditOrder[b.Status]) })
	return rs
}

// auditText writes the audit as check writes its text report: per secret
// the rules that are not met (failed, cannot verify, waived) with their
// findings, then the summary line; then a line for the account.
// Everything from the account is made safe to show.
func auditText(w io.Writer, r *account.AuditReport) error {
	var b bytes.Buffer
	safe := blueprint.SafeLine
	fmt.Fprintf(&b, "Audit of account %s as %s, %s\n", safe(r.Identity.Account), safe(r.Identity.ARN), safe(strings.Join(r.Regions, ", ")))
	for _, n := range r.Notices {
		fmt.Fprintf(&b, "  NOT READ  %s\n", safe(n))
	}
	all := tally{}
	failing := 0
	for _, s := range sortedSecrets(r) {
		fmt.Fprintf(&b, "\n%s (%s)\n  %s\n", safe(s.Name), safe(s.Region), safe(s.ARN))
		for _, n := range s.Notices {
			fmt.Fprintf(&b, "  NOT READ  %s\n", safe(n))
		}
		for _, e := range s.External {
			fmt.Fprintf(&b, "  EXTERNAL  %s\n", safe(e.String()))
		}
		rs := attentionFirst(s.Results)
		idw := idWidth(rs)
		for _, x := range rs {
			if x.Status == blueprint.StatusMet || x.Status == blueprint.StatusNotApplicable {
				continue
			}
			writeRuleRow(&b, "  ", x, idw)
			for _, f := range x.Findings {
				fmt.Fprintf(&b, "      %s: %s\n", safe(f.Path), safe(f.Message))
			}
			switch x.Status {
			case blueprint.StatusWaived:
				fmt.Fprintf(&b, "      waived: %s\n", safe(x.WaiverReason))
			case blueprint.StatusCannotVerify:
				fmt.Fprintf(&b, "      %s\n", safe(x.Note))
			}
		}
		c := tally{}.add(s.Results)
		if c[blueprint.StatusNotMet] > 0 {
			failing++
		}
		all.add(s.Results)
		fmt.Fprintf(&b, "  %s\n", c.line())
	}
	fmt.Fprintf(&b, "\nAccount %s: %d secrets, %d with a failed rule; %s\n", safe(r.Identity.Account), len(r.Secrets), failing, all.line())
	_, err := w.Write(b.Bytes())
	return err
}

// AuditDocument is audit's JSON report. Its field names are part of the
// command's interface for scripts.
type AuditDocument struct {
	Account string         `json:"account"`
	Caller  string         `json:"caller"`
	Regions []string       `json:"regions"`
	Notices []string       `json:"notices"`
	Secrets []AuditSecret  `json:"secrets"`
	Summary AuditSummary   `json:"summary"`
	Calls   map[string]int `json:"calls"`
}

// AuditSecret is one secret of the account and every rule's result.
type AuditSecret struct {
	ARN     string   `json:"arn"`
	Name    string   `json:"name"`
	Region  string   `json:"region"`
	Notices []string `json:"notices"`
	// External are IAM Access Analyzer's active findings on the secret,
	// left out when there are none.
	External []AuditExternal `json:"externalAccess,omitempty"`
	Results  []AuditResult   `json:"results"`
	Summary  AuditSummary    `json:"summary"`
}

// AuditExternal is one active IAM Access Analyzer finding: who may do
// what to the secret from outside the account or organization.
type AuditExternal struct {
	ID        string            `json:"id"`
	Principal map[string]string `json:"principal"`
	Actions   []string          `json:"actions"`
	Condition map[string]string `json:"condition,omitempty"`
	Public    bool              `json:"public"`
}

// AuditResult is one rule's result for one secret.
type AuditResult struct {
	Rule         string         `json:"rule"`
	Status       string         `json:"status"`
	Severity     string         `json:"severity"`
	Title        string         `json:"title"`
	Findings     []AuditFinding `json:"findings,omitempty"`
	Note         string         `json:"note,omitempty"`
	WaiverReason string         `json:"waiverReason,omitempty"`
}

// AuditFinding is what breaks a rule, at its design path.
type AuditFinding struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// AuditSummary counts results by outcome.
type AuditSummary struct {
	Failed        int `json:"failed"`
	CannotVerify  int `json:"cannotVerify"`
	Passed        int `json:"passed"`
	Waived        int `json:"waived"`
	NotApplicable int `json:"notApplicable"`
}

func (t tally) auditSummary() AuditSummary {
	return AuditSummary{t[blueprint.StatusNotMet], t[blueprint.StatusCannotVerify], t[blueprint.StatusMet], t[blueprint.StatusWaived], t[blueprint.StatusNotApplicable]}
}

// auditJSON writes the audit as one JSON document: per secret every
// result, failures first, with a summary; and the calls made.
func auditJSON(w io.Writer, r *account.AuditReport) error {
	out := AuditDocument{Account: r.Identity.Account, Caller: r.Identity.ARN, Regions: r.Regions, Notices: nonNil(r.Notices), Calls: r.Calls,
		Secrets: []AuditSecret{}}
	all := tally{}
	for _, s := range sortedSecrets(r) {
		js := AuditSecret{ARN: s.ARN, Name: s.Name, Region: s.Region, Notices: nonNil(s.Notices), Results: []AuditResult{}}
		for _, e := range s.External {
			js.External = append(js.External, AuditExternal{ID: e.ID, Principal: e.Principal, Actions: nonNil(e.Actions), Condition: e.Condition, Public: e.Public})
		}
		for _, x := range attentionFirst(s.Results) {
			jr := AuditResult{Rule: string(x.Rule.ID), Status: auditStatus[x.Status], Severity: x.Rule.Severity.String(), Title: x.Rule.Title,
				Note: x.Note, WaiverReason: x.WaiverReason}
			for _, f := range x.Findings {
				jr.Findings = append(jr.Findings, AuditFinding{f.Path, f.Message})
			}
			js.Results = append(js.Results, jr)
		}
		all.add(s.Results)
		js.Summary = tally{}.add(s.Results).auditSummary()
		out.Secrets = append(out.Secrets, js)
	}
	out.Summary = all.auditSummary()
	// Unlike check's, audit's JSON escapes <, > and & (as \u003c...), as
	// it always has; a JSON reader reads both the same.
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// auditSARIFKind is SARIF's result kind for each outcome: audit reports
// every result, waived ones as suppressed fails.
var auditSARIFKind = map[blueprint.Status]string{blueprint.StatusMet: "pass", blueprint.StatusNotMet: "fail", blueprint.StatusWaived: "fail",
	blueprint.StatusNotApplicable: "notApplicable", blueprint.StatusCannotVerify: "open"}

// auditSARIF writes one SARIF 2.1.0 run: every rule (the blueprint's and
// the account's), one result per rule and secret located at the secret's
// ARN, and a notification per notice.
func auditSARIF(w io.Writer, r *account.AuditReport, version string) error {
	run := sarif.NewRunWithInformationURI("secretsmith", "https://github.com/secretsmith/secretsmith")
	run.Tool.Driver.WithVersion(version).WithSemanticVersion(version)
	for _, x := range blueprint.Rules() {
		run.Tool.Driver.AddRule(sarifRule(x))
	}
	for _, d := range blueprint.DeployedRules {
		run.Tool.Driver.AddRule(sarifRule(d.Rule))
	}
	inv := sarif.NewInvocation().WithExecutionSuccessful(true)
	for _, n := range r.Notices {
		inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel(sarif.LevelWarning).WithMessage(sarif.NewTextMessage(n)))
	}
	for _, s := range sortedSecrets(r) {
		loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(s.ARN)))
		for _, n := range s.Notices {
			inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel(sarif.LevelWarning).WithMessage(sarif.NewTextMessage(s.Name + ": " + n)).
				WithLocations([]*sarif.Location{loc}))
		}
		// IAM Access Analyzer's findings are not a rule of the blueprint:
		// they go with the notices, at the secret.
		for _, e := range s.External {
			inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel(sarif.LevelWarning).
				WithMessage(sarif.NewTextMessage(s.Name + ": IAM Access Analyzer reports external access: " + e.String())).
				WithLocations([]*sarif.Location{loc}))
		}
		for _, x := range s.Results {
			kind := auditSARIFKind[x.Status]
			res := run.CreateResultForRule(string(x.Rule.ID)).WithKind(kind).WithMessage(sarif.NewTextMessage(sarifMessage(s.Name, x, x.Note))).
				AddLocation(loc).WithLevel(sarifResultLevel(kind, x.Rule)).
				WithProperties(sarif.NewPropertyBag().Add("secret", s.ARN).Add("status", auditStatus[x.Status]))
			if x.Status == blueprint.StatusWaived {
				res.AddSuppression(sarif.NewSuppression().WithKind("inSource").WithJustification(x.WaiverReason))
			}
		}
	}
	run.AddInvocation(inv)
	return writeSARIF(w, run)
}

// writeSARIF adds run to a new report and writes it to w, indented for
// people (code scanning does not mind), with a newline at the end.
func writeSARIF(w io.Writer, run *sarif.Run) error {
	report := sarif.NewReport()
	report.AddRun(run)
	var buf bytes.Buffer
	if err := report.Write(&buf); err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}
