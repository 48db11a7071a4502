package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/secretsmith/secretsmith/workflow/report"
)

type auditOptions struct {
	profile     string
	regions     []string
	allRegions  bool
	output      string
	strict      bool
	save        string
	force       bool
	concurrency int
}

func newAuditCmd(st streams) *cobra.Command {
	var opts auditOptions
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Judge every secret of an AWS account against the blueprint",
		Long: `Audit lists every Secrets Manager secret of the account (ListSecrets), reads
each one's configuration - DescribeSecret, its resource policy, its key, its
rotation function, the EventBridge rules that hear it, the CloudTrail trails
of its region - and never its value. Each secret becomes a design, judged by
every blueprint rule and by the rules only an account answers (docs/rules.md,
"Account rules"): rotation on schedule and not stuck, the function's runtime
supported, the secret read in the last 90 days, a trail logging management
events.

Calls run a few at a time per service and region, through the SDK's
adaptive retry, within Secrets Manager's published quotas. A region that
cannot be read is reported and the others are audited. For many accounts,
run one audit per account (a CI matrix over --profile).

It exits 1 when an error-level rule fails and is not waived; with --strict,
also when a rule cannot be verified or something could not be read.`,
		Example: `  secretsmith audit --profile prod
  secretsmith audit --region eu-west-1 --region us-east-1 --output sarif > audit.sarif
  secretsmith audit --all-regions --save designs/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch opts.output {
			case "text", "json", "sarif":
			default:
				return usageErrorf("--output must be text, json or sarif, not %q", opts.output)
			}
			if opts.allRegions && len(opts.regions) > 0 {
				return usageErrorf("--all-regions and --region exclude each other")
			}
			for _, r := range opts.regions {
				if err := blueprint.ValidateRegion(r); err != nil {
					return usageErrorf("--region %q: %v", r, err)
				}
			}
			return runAudit(cmd.Context(), st, opts)
		},
	}
	cmd.Flags().StringVar(&opts.profile, "profile", "", "AWS shared config profile")
	cmd.Flags().StringArrayVar(&opts.regions, "region", nil, "region to audit (repeat for more; default: the profile's)")
	cmd.Flags().BoolVar(&opts.allRegions, "all-regions", false, "audit every region enabled for the account")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "report format: text, json or sarif")
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "exit 1 when a rule cannot be verified or something was not read, too")
	cmd.Flags().StringVar(&opts.save, "save", "", "write one design file per secret into this directory")
	cmd.Flags().BoolVar(&opts.force, "force", false, "with --save, replace design files that exist")
	cmd.Flags().IntVar(&opts.concurrency, "concurrency", account.DefaultAuditConcurrency, "calls in flight per service and region")
	return cmd
}

func runAudit(ctx context.Context, st streams, opts auditOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	o := account.Options{Profile: opts.profile, HTTPClient: awsHTTPClient}
	if len(opts.regions) > 0 {
		o.Region = opts.regions[0]
	}
	ao := account.AuditOptions{Regions: opts.regions, Concurrency: opts.concurrency}
	// A progress line on a terminal only: a pipe gets the report alone.
	progress := isTerminal(st.term)
	if progress {
		ao.Progress = func(done, total int) {
			fmt.Fprintf(st.term, "\r\x1b[Kreading secrets: %d of %d", done, total)
		}
	}
	rep, err := workflow.Audit(ctx, o, ao, opts.allRegions)
	if progress {
		fmt.Fprint(st.term, "\r\x1b[K")
	}
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if err := report.Audit(st.out, report.Format(opts.output), rep, currentVersion()); err != nil {
		return err
	}
	if opts.save != "" {
		paths, err := workflow.SaveAudit(st.fs, rep, opts.save, opts.force)
		if err != nil {
			return fmt.Errorf("audit --save: %w", err)
		}
		fmt.Fprintf(st.err, "wrote %d design files into %s\n", len(paths), opts.save)
	}
	if rep.Fails(opts.strict) {
		return silentError{exitFailure}
	}
	return nil
}
