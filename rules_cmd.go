package main

import (
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/workflow/report"
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
				return report.Rules(st.out)
			}
			return report.Rule(st.out, args[0])
		},
	}
}
