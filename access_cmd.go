package main

import (
	"context"
	"fmt"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/secretsmith/secretsmith/workflow/report"
	"github.com/spf13/cobra"
)

type accessOptions struct {
	design string
	output string
	aws    awsOptions
}

func newAccessCmd(st streams) *cobra.Command {
	opts := &accessOptions{}
	cmd := &cobra.Command{
		Use:   "access DESIGN.yaml [--output text|json]",
		Short: "Show who can read and manage the secret a design file describes",
		Long: `Access reads a design file and shows, for each group of callers the
resource policy names (a role or user, an account, a service, everyone in an
organization, everyone calling through a VPC endpoint, everyone) and for the
rotation function: which Secrets Manager actions it may call, under which
conditions, which Deny statements cut in and when, and whether the secret's
KMS key lets it decrypt what it reads.

Reading a secret takes two permissions: the secret's policy must allow
secretsmanager:GetSecretValue, and the key must let the caller use kms:Decrypt
through Secrets Manager. When secretsmith creates the key, the templates it
writes grant that; when the design names a key that already exists, access
prints the key-policy statements that key needs.

It exits 0 whether or not the design meets the blueprint (secretsmith check
says that), and 1 when the design file is invalid.`,
		Example: `  secretsmith access payments-db.yaml
  secretsmith access payments-db.yaml --output json | jq '.groups[] | select(.readsValue)'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("access needs exactly one design file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.design = args[0]
			return runAccess(st, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "text (a table for people) or json (for scripts)")
	addAWSFlags(cmd, &opts.aws, "also read the keys' real policies from the AWS account and say whether every reader can decrypt (exit 1 when not), and judge conditions on the deployer (taken to be the caller) and its organization")
	return cmd
}

func runAccess(st streams, opts *accessOptions) error {
	if opts.output != "text" && opts.output != "json" {
		return usageErrorf("--output must be text or json, not %q", opts.output)
	}
	l, err := workflow.Load(st.fs, opts.design)
	if err != nil {
		return err
	}
	report.Diagnostics(st.err, l.Diagnostics)
	if l.Valid == nil {
		return silentError{exitFailure}
	}
	// With --aws the account's answers (the key verifications, your own
	// function's role) feed the walk-through.
	// The caller is taken to be the deployer: its aws:PrincipalArn and
	// organization decide the conditions that name them.
	var checks []account.Check
	var id account.Identity
	var env *blueprint.Environment
	if opts.aws.on() {
		ctx := context.Background()
		acct, ok := opts.aws.connectAWS(ctx, st.err)
		if !ok {
			return silentError{exitFailure}
		}
		checks, id = workflow.AccessChecks(ctx, acct, l.Valid), acct.Identity()
		var notes []string
		env, notes = account.EnvironmentOf(ctx, acct, checks)
		for _, n := range notes {
			fmt.Fprintln(st.err, "secretsmith: note: "+blueprint.SafeLine(n))
		}
	}
	d, w := workflow.Walk(l.Valid, env, id.Region)
	if err := report.Access(st.out, report.Format(opts.output), opts.design, d, w, id.Region); err != nil {
		return err
	}
	vw := st.out
	if opts.output == "json" {
		vw = st.err
	}
	if opts.aws.on() {
		// A check whose answers the walk-through took is shown there.
		var rest []account.Check
		for _, c := range checks {
			if c.Answers == nil {
				rest = append(rest, c)
			}
		}
		if len(rest) > 0 {
			report.Verification(vw, "", id, rest)
		}
		if account.Failed(checks) {
			return silentError{exitFailure}
		}
	}
	return nil
}
