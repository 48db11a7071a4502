package main

import (
	"context"
	"errors"
	"runtime/debug"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/secretsmith/secretsmith/workflow/report"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	output  string
	strict  bool
	verbose bool
	exclude []string
	aws     awsOptions
}

func newCheckCmd(st streams) *cobra.Command {
	var opts checkOptions
	cmd := &cobra.Command{
		Use:   "check PATH...",
		Short: "Check design files, CloudFormation and Terraform against the blueprint",
		Long: `Check reads design files, CloudFormation templates (YAML or JSON) and
Terraform configurations (.tf and .tf.json; a directory is one configuration,
and one file is read with its directory), and Terraform plans as
'terraform show -json PLANFILE' writes them, and judges every Secrets
Manager secret in them with the blueprint's rules. A plan has every
variable, count, for_each and module resolved; when its configuration is
beside it, findings point at the configuration's FILE:LINE.

Each rule is reported as failed, cannot verify, passed, waived or n/a (not
applicable), with its severity and the FILE:LINE:COL that decides it. A value
that cannot be known before deployment (a parameter without a default, an
import, a data source, a remote module) makes the rules that depend on it
"cannot verify": never a pass, never a fail. The suppressions that generate
writes (CloudFormation Metadata, #checkov:skip and #trivy:ignore comments)
count as waivers.

Nested stacks whose TemplateURL is a local file are read with the
parameters they are given, and Fn::ForEach loops and Terraform dynamic
blocks are expanded where their collections are known. What cannot be
followed (a template in S3, a module from a registry, a loop past its
limit, a reference out of the tree being checked, a preprocessor's tag, a
value past the evaluation budget) is reported as a NOT READ notice at its
place.

A value a template writes down that the wizard would refuse when it opens
the secret (a password under masterarn in a SecretStringTemplate, say) is
reported as INVALID at its line, named as the template names it and never
quoted; one it would warn about (a bidirectional control in a
description), as WARNING.

A directory is walked in full: every template and every directory of
Terraform files is judged as its own root, and also where another reads it
as a nested stack or module. Only what --exclude names is skipped (by
default .git, .terraform and node_modules). A directory with nothing to
check is a notice.

The text report lists failures and rules that cannot be verified, with a
count of the rest (--verbose lists every rule); the SARIF report carries
only the results that need attention.

It exits 1 when an error-level rule fails and is not waived, a template
writes down an INVALID value, or a file cannot be read (a template whose
Ref names nothing it has is not read); with --strict, also when a rule
cannot be verified or a notice says that something was not read. It exits
2, before any report, when the command itself is wrong: an unknown flag,
or a PATH that does not exist (every PATH is looked at first, so a typo
never passes as a smaller check). 0 is everything else.`,
		Example: `  secretsmith check payments-db.yaml
  secretsmith check templates/ infra/terraform
  secretsmith check --output sarif . > secretsmith.sarif`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("check needs at least one file or directory")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			switch opts.output {
			case "text", "json", "sarif":
			default:
				return usageErrorf("--output must be text, json or sarif, not %q", opts.output)
			}
			return runCheckPaths(st, args, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "report format: text, json or sarif")
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "exit 1 when a rule cannot be verified or a notice says something was not read, too")
	cmd.Flags().BoolVarP(&opts.verbose, "verbose", "v", false, "list every rule of every secret in the text report, passed and n/a too")
	cmd.Flags().StringSliceVar(&opts.exclude, "exclude", workflow.DefaultExcludes, "skip files and directories whose name or path below the argument matches `GLOB` (repeatable; giving it replaces the defaults)")
	addAWSFlags(cmd, &opts.aws, "also verify every secret against the AWS account, and exit 1 when a check fails")
	return cmd
}

func runCheckPaths(st streams, args []string, opts checkOptions) error {
	// check keeps little (each file's report), and all its garbage is the
	// parse trees of the files it reads: collecting at half the default
	// growth keeps its peak memory about 4 MiB lower over 200 templates
	// (bench/check.sh: 34.6 to 36.0 MiB against 39.3 to 40.6), where
	// process start alone takes about 24, for a little more CPU. GOGC,
	// when set, still decides.
	if st.getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(50))
	}
	if err := workflow.CheckArgs(st.fs, args); err != nil {
		return usageErrorf("check: %v", err)
	}
	// The report is written file by file as each is read, so that memory
	// holds a few files' reports, not the whole run's.
	rw, err := report.NewCheck(report.Format(opts.output), st.out, st.err, opts.verbose, currentVersion())
	if err != nil {
		return err
	}
	// --aws verifies each file's secrets as the file is reported, so
	// that no file is kept until the walk ends; the verification follows
	// the file's report (on stderr for JSON and SARIF).
	ctx := context.Background()
	verifier := &workflow.Verifier{Connect: func(ctx context.Context) (account.Account, bool) { return opts.aws.connectAWS(ctx, st.err) }}
	failed := false
	emit := func(f workflow.Inspected) error {
		failed = failed || f.Fails(opts.strict)
		if err := rw.File(f); err != nil {
			return err
		}
		if opts.aws.on() {
			verifier.File(ctx, f, func(v workflow.Verified, id account.Identity) {
				report.Verification(rw.Aside(), v.Name, id, v.Checks)
			})
		}
		return nil
	}
	for _, arg := range args {
		if err := workflow.InspectEach(st.fs, arg, opts.exclude, emit); err != nil {
			if errors.Is(err, report.ErrWrite) {
				return err
			}
			// Only what is not there, or cannot be looked at, stops
			// the walk: the argument is wrong.
			return usageErrorf("check: %v", err)
		}
	}
	if err := rw.Finish(); err != nil {
		return err
	}
	if failed || verifier.Failed {
		return silentError{exitFailure}
	}
	return nil
}
