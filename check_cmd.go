package main

import (
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/spf13/cobra"
)

func newCheckCmd(st streams) *cobra.Command {
	return &cobra.Command{
		Use:   "check DESIGN.yaml",
		Short: "Check a design file against the blueprint and report every rule",
		Long: `Check loads a design file, reports every problem with its position, and
shows each blueprint rule as met, NOT MET, waived or n/a (not applicable).
It exits 1 when the design is invalid or breaks an error-level rule that is
not waived, so CI can gate on it.`,
		Example: `  secretsmith check payments-db.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("check needs exactly one design file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(st, args[0])
		},
	}
}

func runCheck(st streams, path string) error {
	l, err := readDesign(path)
	if err != nil {
		return err
	}
	for _, dg := range l.diags {
		fmt.Fprintln(st.err, dg.String())
	}
	d := l.checked
	if d == nil {
		// The file's structure is broken: there is no design to report on.
		return silentError{exitFailure}
	}
	report := blueprint.Check(d)
	fmt.Fprintf(st.out, "%s: %s\n\n", path, d.DisplayName())
	width := 0
	for _, r := range report.Results {
		width = max(width, len(r.Rule.ID))
	}
	for _, r := range report.Results {
		mark := map[blueprint.Status]string{
			blueprint.StatusMet:           "met",
			blueprint.StatusNotMet:        "NOT MET",
			blueprint.StatusWaived:        "waived",
			blueprint.StatusNotApplicable: "n/a",
		}[r.Status]
		fmt.Fprintf(st.out, "  %-7s  %-*s  %s\n", mark, width, r.Rule.ID, r.Rule.Title)
		switch r.Status {
		case blueprint.StatusNotMet:
			for _, f := range r.Findings {
				fmt.Fprintf(st.out, "           %s: %s\n", f.Path, f.Message)
			}
		case blueprint.StatusWaived:
			fmt.Fprintf(st.out, "           reason: %s\n", oneLine(r.WaiverReason))
		case blueprint.StatusNotApplicable:
			if r.Note != "" {
				fmt.Fprintf(st.out, "           %s\n", r.Note)
			}
		}
	}
	var met, notMet, waived int
	for _, r := range report.Results {
		switch r.Status {
		case blueprint.StatusMet:
			met++
		case blueprint.StatusNotMet:
			notMet++
		case blueprint.StatusWaived:
			waived++
		}
	}
	fmt.Fprintf(st.out, "\n%d met, %d not met, %d waived\n", met, notMet, waived)
	if len(l.diags.Errors()) > 0 {
		return silentError{exitFailure}
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
