package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui/form"
)

// Rules lists every blueprint rule with its ID, severity and title.
func Rules(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
	for _, r := range blueprint.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "\nRun 'secretsmith rules RULE-ID' to see why a rule matters and how to meet it.")
	return err
}

// Rule explains one rule: why it matters, what meets it, the scanner
// checks it corresponds to, and how to waive it in a design file. The
// prose is wrapped at 78 columns by the wizard's wrapper, which breaks at
// spaces only, so an ARN or a flag is never split. A rule that does not
// exist is an error that suggests the closest ID.
func Rule(w io.Writer, id string) error {
	r, ok := blueprint.LookupRule(blueprint.RuleID(id))
	if !ok {
		return fmt.Errorf("no rule %q; 'secretsmith rules' lists them%s", id, suggestRule(id))
	}
	fmt.Fprintf(w, "%s (%s)\n%s\n\n", r.ID, r.Severity, r.Title)
	fmt.Fprintf(w, "Why it matters\n%s\n\n", strings.Join(form.Wrap(r.Reason, 78, "  "), "\n"))
	fmt.Fprintf(w, "How to meet it\n%s\n\n", strings.Join(form.Wrap(r.Meets, 78, "  "), "\n"))
	fmt.Fprintln(w, "Scanner checks")
	if len(r.Scanners) == 0 {
		fmt.Fprintln(w, "  none: this is a secretsmith rule")
	}
	for _, s := range r.Scanners {
		line := fmt.Sprintf("%s %s", s.Tool, s.ID)
		if s.Note != "" {
			line += ": " + s.Note
		}
		fmt.Fprintln(w, strings.Join(form.Wrap(line, 78, "  "), "\n"))
	}
	_, err := fmt.Fprintf(w, "\nWaiving it\n  waivers: [{rule: %s, reason: ...}]\n", r.ID)
	return err
}

// suggestRule proposes the closest rule ID to a mistyped one.
func suggestRule(id string) string {
	ids := make([]string, 0, len(blueprint.Rules()))
	for _, r := range blueprint.Rules() {
		ids = append(ids, string(r.ID))
	}
	if s := blueprint.Suggest(id, ids); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}
