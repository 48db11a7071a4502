package account

import (
	"slices"

	"github.com/secretsmith/secretsmith/blueprint"
)

// The audit's reports (text, JSON, SARIF) are written by workflow/report,
// with check's; what stays here is the verdict.

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
