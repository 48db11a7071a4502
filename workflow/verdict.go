package workflow

import (
	"slices"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/scan"
)

// Fails says whether this file fails a check run: it cannot be read, it is
// an invalid design, a template writes down a value Validate refuses, or
// an error-level rule fails and is not waived; with
// strict, also a rule that cannot be verified or a notice that something
// was not read. It is the verdict account.AuditReport.Fails gives an
// account.
func (f Inspected) Fails(strict bool) bool {
	if f.Err != nil || f.Invalid {
		return true
	}
	for _, s := range f.Secrets {
		if len(s.Report.Blocking()) > 0 {
			return true
		}
		if slices.ContainsFunc(s.Problems, func(p scan.Problem) bool { return p.Severity == blueprint.SeverityError }) {
			return true
		}
		if strict && slices.ContainsFunc(s.Report.Results, func(r blueprint.RuleResult) bool { return r.Status == blueprint.StatusCannotVerify }) {
			return true
		}
	}
	return strict && len(f.Notices) > 0
}
