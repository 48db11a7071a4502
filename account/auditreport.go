package account

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/secretsmith/secretsmith/internal/sarifout"

	"github.com/secretsmith/secretsmith/blueprint"
)

// auditOrder puts what needs attention first: failed, then cannot verify,
// waived, passed and not applicable.
var auditOrder = map[blueprint.Status]int{
	blueprint.StatusNotMet: 0, blueprint.StatusCannotVerify: 1, blueprint.StatusWaived: 2,
	blueprint.StatusMet: 3, blueprint.StatusNotApplicable: 4,
}

var auditWord = map[blueprint.Status]string{
	blueprint.StatusMet: "passed", blueprint.StatusNotMet: "FAILED", blueprint.StatusWaived: "waived",
	blueprint.StatusNotApplicable: "n/a", blueprint.StatusCannotVerify: "CANNOT VERIFY",
}

var auditJSONStatus = map[blueprint.Status]string{
	blueprint.StatusMet: "pass", blueprint.StatusNotMet: "fail", blueprint.StatusWaived: "waived",
	blueprint.StatusNotApplicable: "n/a", blueprint.StatusCannotVerify: "cannot-verify",
}

// Blocking are the results that fail the audit: an error rule not met
// and not waived.
func (s AuditedSecret) Blocking() []blueprint.RuleResult {
	var out []blueprint.RuleResult
	for _, r := range s.Results {
		if r.Status == blueprint.StatusNotMet && r.Rule.Severity == blueprint.SeverityError {
			out = append(out, r)
		}
	}
	return out
}

// Fails says whether the audit should exit 1, as check does: an error
// rule not met and not waived; with strict, also a rule that cannot be
// verified or anything that was not read.
func (r *AuditReport) Fails(strict bool) bool {
	if strict && len(r.Notices) > 0 {
		return true
	}
	for _, s := range r.Secrets {
		if len(s.Blocking()) > 0 {
			return true
		}
		if strict && (len(s.Notices) > 0 || slices.ContainsFunc(s.Results, func(x blueprint.RuleResult) bool { return x.Status == blueprint.StatusCannotVerify })) {
			return true
		}
	}
	return false
}

func counts(rs []blueprint.RuleResult) map[blueprint.Status]int {
	c := map[blueprint.Status]int{}
	for _, r := range rs {
		c[r.Status]++
	}
	return c
}

func summaryLine(c map[blueprint.Status]int) string {
	return fmt.Sprintf("%d failed, %d cannot verify, %d passed, %d waived, %d n/a",
		c[blueprint.StatusNotMet], c[blueprint.StatusCannotVerify], c[blueprint.StatusMet], c[blueprint.StatusWaived], c[blueprint.StatusNotApplicable])
}

// sortedSecrets are the secrets with failures first, then by region and
// name.
func (r *AuditReport) sortedSecrets() []AuditedSecret {
	out := slices.Clone(r.Secrets)
	slices.SortStableFunc(out, func(a, b AuditedSecret) int {
		fa, fb := counts(a.Results)[blueprint.StatusNotMet], counts(b.Results)[blueprint.StatusNotMet]
		return cmp.Or(-cmp.Compare(min(fa, 1), min(fb, 1)), strings.Compare(a.Region, b.Region), strings.Compare(a.Name, b.Name))
	})
	return out
}

// WriteText writes the audit as check writes its text report: per secret
// the failed rules first with their findings, then a summary line; then a
// line for the account. Everything from the account is made safe to show.
func (r *AuditReport) WriteText(w io.Writer) error {
	var b bytes.Buffer
	safe := blueprint.SafeLine
	fmt.Fprintf(&b, "Audit of account %s as %s, %s\n", safe(r.Identity.Account), safe(r.Identity.ARN), safe(strings.Join(r.Regions, ", ")))
	for _, n := range r.Notices {
		fmt.Fprintf(&b, "  NOT READ  %s\n", safe(n))
	}
	all := map[blueprint.Status]int{}
	failing := 0
	for _, s := range r.sortedSecrets() {
		fmt.Fprintf(&b, "\n%s (%s)\n  %s\n", safe(s.Name), safe(s.Region), safe(s.ARN))
		for _, n := range s.Notices {
			fmt.Fprintf(&b, "  NOT READ  %s\n", safe(n))
		}
		rs := slices.Clone(s.Results)
		slices.SortStableFunc(rs, func(a, b blueprint.RuleResult) int { return cmp.Compare(auditOrder[a.Status], auditOrder[b.Status]) })
		idw := 0
		for _, x := range rs {
			idw = max(idw, len(x.Rule.ID))
		}
		for _, x := range rs {
			if x.Status == blueprint.StatusMet || x.Status == blueprint.StatusNotApplicable {
				continue
			}
			fmt.Fprintf(&b, "  %-13s  %-7s  %-*s  %s\n", auditWord[x.Status], x.Rule.Severity, idw, x.Rule.ID, x.Rule.Title)
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
		c := counts(s.Results)
		if c[blueprint.StatusNotMet] > 0 {
			failing++
		}
		for k, v := range c {
			all[k] += v
		}
		fmt.Fprintf(&b, "  %s\n", summaryLine(c))
	}
	fmt.Fprintf(&b, "\nAccount %s: %d secrets, %d with a failed rule; %s\n", safe(r.Identity.Account), len(r.Secrets), failing, summaryLine(all))
	_, err := w.Write(b.Bytes())
	return err
}

type auditJSON struct {
	Account string            `json:"account"`
	Caller  string            `json:"caller"`
	Regions []string          `json:"regions"`
	Notices []string          `json:"notices"`
	Secrets []auditSecretJSON `json:"secrets"`
	Summary auditSummaryJSON  `json:"summary"`
	Calls   map[string]int    `json:"calls"`
}

type auditSecretJSON struct {
	ARN     string            `json:"arn"`
	Name    string            `json:"name"`
	Region  string            `json:"region"`
	Notices []string          `json:"notices"`
	Results []auditResultJSON `json:"results"`
	Summary auditSummaryJSON  `json:"summary"`
}

type auditResultJSON struct {
	Rule         string             `json:"rule"`
	Status       string             `json:"status"`
	Severity     string             `json:"severity"`
	Title        string             `json:"title"`
	Findings     []auditFindingJSON `json:"findings,omitempty"`
	Note         string             `json:"note,omitempty"`
	WaiverReason string             `json:"waiverReason,omitempty"`
}

type auditFindingJSON struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

type auditSummaryJSON struct {
	Failed       int `json:"failed"`
	CannotVerify int `json:"cannotVerify"`
	Passed       int `json:"passed"`
	Waived       int `json:"waived"`
	NotApplic    int `json:"notApplicable"`
}

func summaryJSON(c map[blueprint.Status]int) auditSummaryJSON {
	return auditSummaryJSON{c[blueprint.StatusNotMet], c[blueprint.StatusCannotVerify], c[blueprint.StatusMet], c[blueprint.StatusWaived], c[blueprint.StatusNotApplicable]}
}

// WriteJSON writes the audit as one JSON document: per secret every
// result, failures first, with a summary; and the calls made.
func (r *AuditReport) WriteJSON(w io.Writer) error {
	out := auditJSON{Account: r.Identity.Account, Caller: r.Identity.ARN, Regions: r.Regions, Notices: nonNil(r.Notices), Calls: r.Calls,
		Secrets: []auditSecretJSON{}}
	all := map[blueprint.Status]int{}
	for _, s := range r.sortedSecrets() {
		js := auditSecretJSON{ARN: s.ARN, Name: s.Name, Region: s.Region, Notices: nonNil(s.Notices), Results: []auditResultJSON{}}
		rs := slices.Clone(s.Results)
		slices.SortStableFunc(rs, func(a, b blueprint.RuleResult) int { return cmp.Compare(auditOrder[a.Status], auditOrder[b.Status]) })
		for _, x := range rs {
			jr := auditResultJSON{Rule: string(x.Rule.ID), Status: auditJSONStatus[x.Status], Severity: x.Rule.Severity.String(), Title: x.Rule.Title,
				Note: x.Note, WaiverReason: x.WaiverReason}
			for _, f := range x.Findings {
				jr.Findings = append(jr.Findings, auditFindingJSON{f.Path, f.Message})
			}
			js.Results = append(js.Results, jr)
		}
		c := counts(s.Results)
		for k, v := range c {
			all[k] += v
		}
		js.Summary = summaryJSON(c)
		out.Secrets = append(out.Secrets, js)
	}
	out.Summary = summaryJSON(all)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteSARIF writes one SARIF 2.1.0 run: every rule (the blueprint's and
// the account's), one result per rule and secret located at the secret's
// ARN, and a notification per notice.
func (r *AuditReport) WriteSARIF(w io.Writer, version string) error {
	kind := map[blueprint.Status]string{blueprint.StatusMet: "pass", blueprint.StatusNotMet: "fail", blueprint.StatusWaived: "fail",
		blueprint.StatusNotApplicable: "notApplicable", blueprint.StatusCannotVerify: "open"}
	level := func(s blueprint.Severity) string {
		if s == blueprint.SeverityWarning {
			return "warning"
		}
		return "error"
	}
	run := sarif.NewRunWithInformationURI("secretsmith", "https://github.com/secretsmith/secretsmith")
	run.Tool.Driver.WithVersion(version).WithSemanticVersion(version)
	rules := blueprint.Rules()
	for _, d := range blueprint.DeployedRules {
		rules = append(rules, d.Rule)
	}
	for _, x := range rules {
		run.AddRule(string(x.ID)).WithName(string(x.ID)).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(x.Title)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(x.Reason)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(x.Meets)).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(x.Severity)))
	}
	inv := sarif.NewInvocation().WithExecutionSuccessful(true)
	for _, n := range r.Notices {
		inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel("warning").WithMessage(sarif.NewTextMessage(n)))
	}
	for _, s := range r.sortedSecrets() {
		loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(s.ARN)))
		for _, n := range s.Notices {
			inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel("warning").WithMessage(sarif.NewTextMessage(s.Name + ": " + n)).
				WithLocations([]*sarif.Location{loc}))
		}
		for _, x := range s.Results {
			msg := s.Name + ": " + x.Rule.Title
			switch {
			case len(x.Findings) > 0:
				msg = s.Name + ": " + x.Findings[0].Path + " " + x.Findings[0].Message
			case x.Note != "":
				msg = s.Name + ": " + x.Note
			}
			res := run.CreateResultForRule(string(x.Rule.ID)).WithKind(kind[x.Status]).WithMessage(sarif.NewTextMessage(msg)).
				AddLocation(loc).WithRuleIndex(run.GetRuleIndex(string(x.Rule.ID)))
			if kind[x.Status] == "fail" {
				res.WithLevel(level(x.Rule.Severity))
			} else {
				res.WithLevel("none")
			}
			res.WithProperties(sarif.NewPropertyBag().Add("secret", s.ARN).Add("status", auditJSONStatus[x.Status]))
			if x.Status == blueprint.StatusWaived {
				res.AddSuppression(sarif.NewSuppression().WithKind("inSource").WithJustification(x.WaiverReason))
			}
		}
	}
	run.AddInvocation(inv)
	return sarifout.Write(w, run)
}
