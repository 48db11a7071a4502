package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui/form"
	"github.com/spf13/cobra"
)

func newRulesCmd(st streams) *cobra.Command {
	return &cobra.Command{
		Use:   "rules [RULE-ID]",
		Short: "List the blueprint rules, or explain one",
		Long: `Rules lists every blueprint rule with its ID, severity and title. Given a
rule ID, it explains the rule: why it matters, what meets it, the scanner
checks it corresponds to, and how to waive it in a design file.`,
		Example: `  secretsmith rules
  secretsmith rules rotation-within-30-days`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("rules takes at most one rule ID, got %d arguments", len(args))
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			var ids []string
			for _, r := range blueprint.Rules() {
				ids = append(ids, string(r.ID)+"\t"+r.Title)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return listRules(st)
			}
			return explainRule(st, args[0])
		},
	}
}

func listRules(st streams) error {
	tw := tabwriter.NewWriter(st.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
	for _, r := range blueprint.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(st.out, "\nRun 'secretsmith rules RULE-ID' to see why a rule matters and how to meet it.")
	return nil
}

func explainRule(st streams, id string) error {
	r, ok := blueprint.LookupRule(blueprint.RuleID(id))
	if !ok {
		return fmt.Errorf("no rule %q; 'secretsmith rules' lists them%s", id, suggestRule(id))
	}
	w := st.out
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
	fmt.Fprintf(w, "\nWaiving it\n  waivers: [{rule: %s, reason: ...}]\n", r.ID)
	return nil
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
