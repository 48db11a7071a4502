package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// statusWord is how each outcome reads in a text report, check's and
// audit's alike.
var statusWord = map[blueprint.Status]string{
	blueprint.StatusMet:           "passed",
	blueprint.StatusNotMet:        "FAILED",
	blueprint.StatusWaived:        "waived",
	blueprint.StatusNotApplicable: "n/a",
	blueprint.StatusCannotVerify:  "CANNOT VERIFY",
}

// needsAttention reports whether a result is shown in a text report
// without --verbose: a failure, or a rule that cannot be verified.
func needsAttention(st blueprint.Status) bool {
	return st == blueprint.StatusNotMet || st == blueprint.StatusCannotVerify
}

// tally counts results by outcome.
type tally map[blueprint.Status]int

func (t tally) add(rs []blueprint.RuleResult) tally {
	for _, r := range rs {
		t[r.Status]++
	}
	return t
}

// line is the summary every text report gives a secret (and audit the
// account): each outcome's count, in the order of attention.
func (t tally) line() string {
	return fmt.Sprintf("%d failed, %d cannot verify, %d passed, %d waived, %d n/a",
		t[blueprint.StatusNotMet], t[blueprint.StatusCannotVerify], t[blueprint.StatusMet],
		t[blueprint.StatusWaived], t[blueprint.StatusNotApplicable])
}

// idWidth is the width of the widest rule ID, to align the rows.
func idWidth(rs []blueprint.RuleResult) int {
	w := 0
	for _, r := range rs {
		w = max(w, len(r.Rule.ID))
	}
	return w
}

// writeRuleRow writes one result's row of a text report: its outcome,
// severity and rule, the places that decide it (check gives the FILE:LINE:COL,
// audit none), and the rule's title.
func writeRuleRow(w io.Writer, indent string, r blueprint.RuleResult, idw int, places ...string) {
	fmt.Fprintf(w, "%s%-13s  %-7s  %-*s  ", indent, statusWord[r.Status], r.Rule.Severity, idw, r.Rule.ID)
	for _, p := range places {
		fmt.Fprintf(w, "%s  ", blueprint.SafeLine(p))
	}
	fmt.Fprintln(w, r.Rule.Title)
}

// oneLine folds a text's runs of white space, line breaks included, into
// single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
