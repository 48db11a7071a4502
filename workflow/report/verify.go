package report

import (
	"fmt"
	"io"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
)

// Verification writes the account's checks of one design (name, when
// given, says which of several), made as id: a row per check with its
// findings, and a count of each outcome.
func Verification(w io.Writer, name string, id account.Identity, checks []account.Check) {
	if name != "" {
		name = " of " + name
	}
	fmt.Fprintf(w, "\nAWS verification%s as %s\n\n", blueprint.SafeLine(name), blueprint.SafeLine(id.String()))
	width := 0
	for _, c := range checks {
		width = max(width, len(c.ID))
	}
	for _, c := range checks {
		fmt.Fprintf(w, "  %-5s  %-*s  %s: %s\n", c.Status, width, c.ID, c.Path, blueprint.SafeLine(oneLine(c.Message)))
		for _, f := range c.Findings {
			fmt.Fprintf(w, "         %s %s: %s\n", blueprint.SafeLine(f.Type), blueprint.SafeLine(f.Code), blueprint.SafeLine(oneLine(f.Details)))
			if f.LearnMore != "" {
				fmt.Fprintf(w, "           %s\n", blueprint.SafeLine(f.LearnMore))
			}
		}
	}
	if len(checks) == 0 {
		fmt.Fprintln(w, "  nothing in the design names an AWS resource to verify")
	}
	pass, fail, unchecked := account.Count(checks)
	fmt.Fprintf(w, "\n%d passed, %d failed, %d could not be checked\n", pass, fail, unchecked)
}
