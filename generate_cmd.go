package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/secretsmith/secretsmith/workflow/report"
	"github.com/spf13/cobra"
)

type generateOptions struct {
	design string
	format string
	output string
	// outputSet is true when -o was given, even as "-".
	outputSet bool
	force     bool
	// readerPolicies writes each reader's identity policy beside the
	// template.
	readerPolicies bool
	aws            awsOptions
}

func newGenerateCmd(st streams) *cobra.Command {
	opts := &generateOptions{}
	cmd := &cobra.Command{
		Use:   "generate DESIGN.yaml [--format cloudformation|cloudformation-json|terraform] [-o PATH] [--force] [--reader-policies]",
		Short: "Write CloudFormation or Terraform from a design file, without a terminal",
		Long: `Generate loads a design file, checks it against the blueprint, and writes
the template. Nothing is written when the design is invalid or breaks an
error-level rule that is not waived; every problem is printed as
FILE:LINE:COL: field.path: message.

CloudFormation goes to a file, Terraform to a directory of .tf files. Without
-o (or with -o -) the output goes to standard output. Existing files are never
overwritten without --force, and only regular files are replaced (never a
symlink, FIFO or device). Every file is written atomically, and the Terraform
files all or nothing. A directory already holding other .tf files is written
to only with --force.

Without --format, the design file's output key chooses: its format, its
reader policies (readerPolicies, written beside the template wherever it
goes; not to standard output), and unless -o is given its path (relative to
the design file's directory; without a path, standard output). The wizard records the key when it saves a design,
and generate says on standard error when it uses it. With --format the key is
not used at all and -o defaults to standard output, so a command that names
its format does the same whatever the design remembers: flags always win.

With --reader-policies, generate also writes, beside the template, the IAM
identity policy each reader of the secret needs in its own account, one JSON
file per principal the resource policy lets read the value:
NAME.reader-N.WHO.iam.json, where N is the reader's place in the policy (as
'secretsmith access' lists them) and WHO the principal (444455556666-role-app
for arn:aws:iam::444455556666:role/app). Each allows GetSecretValue on the
secret in every region it is replicated to, and kms:Decrypt on each region's
key only through that region's Secrets Manager (kms:ViaService). What the
design does not know is written REGION, ACCOUNT_ID or KEY_ID (with --aws, the
account's region and id fill the first two, as in 'access --aws'): fill in the key
id from the deployment's output (SecretKeyArn, kms_key_arn). For Terraform
the files go into the directory with the .tf files; for CloudFormation into
the template's directory; either way in the same all-or-nothing write, and
replaced only with --force.`,
		Example: `  secretsmith generate payments-db.yaml --format cloudformation -o payments-db.yaml.template
  secretsmith generate payments-db.yaml --format terraform -o infra/payments-db
  secretsmith generate payments-db.yaml --format cloudformation-json > template.json
  secretsmith generate payments-db.yaml --format terraform -o infra/payments-db --reader-policies
  secretsmith generate payments-db.design.yaml    # where the wizard wrote it last (output key)`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("generate needs exactly one design file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.design = args[0]
			opts.outputSet = cmd.Flags().Changed("output")
			return runGenerate(st, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.format, "format", "f", "", "output format: cloudformation (cfn), cloudformation-json (cfn-json) or terraform (tf) (default: the design file's output.format)")
	cmd.RegisterFlagCompletionFunc("format", completeFormats)
	cmd.Flags().StringVarP(&opts.output, "output", "o", "-", "file (CloudFormation) or directory (Terraform) to write; - for standard output (without --format and -o: the design file's output.path)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite existing files")
	cmd.Flags().BoolVar(&opts.readerPolicies, "reader-policies", false, "also write each reader's IAM identity policy beside the template, as NAME.reader-N.WHO.iam.json")
	addAWSFlags(cmd, &opts.aws, "verify the design against the AWS account first, and write nothing when a check fails; a key alias where the rotation function needs a key ARN is looked up and the key's ARN written")
	return cmd
}

// completeFormats offers the format names to shell completion, each with
// what it writes; the aliases are left out, so the list stays short.
func completeFormats(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	desc := map[generate.Format]string{
		generate.CloudFormation:     "CloudFormation YAML, one file",
		generate.CloudFormationJSON: "CloudFormation JSON, one file",
		generate.Terraform:          "Terraform, a directory of .tf files",
	}
	var out []cobra.Completion
	for _, f := range generate.Formats {
		out = append(out, cobra.CompletionWithDesc(string(f), desc[f]))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func runGenerate(st streams, opts *generateOptions) error {
	var format generate.Format
	if opts.format != "" {
		f, err := generate.ParseFormat(opts.format)
		if err != nil {
			return usageError{err}
		}
		format = f
	}
	l, err := workflow.Load(st.fs, opts.design)
	if err != nil {
		return err
	}
	output := opts.output
	if opts.format == "" {
		// Without --format, the design's output key says where the
		// templates go (the wizard records it): its format, and its path
		// unless -o is given. With --format the key is not used at all,
		// so a command that names its format behaves the same whatever
		// the design remembers.
		o := l.Output()
		if o == nil {
			// The file's own problems are said first, as with --format,
			// so one run shows all that is wrong. A file with an output
			// key that cannot be used is reported as a file: the key's
			// problem is among them. Without the key, the command line
			// also lacks a format: a usage error (exit 2), since no file
			// could be written whatever the design says.
			report.Diagnostics(st.err, l.Diagnostics)
			if l.OutputBroken() {
				return silentError{exitFailure}
			}
			return usageErrorf("--format is required: cloudformation, cloudformation-json or terraform (or record one in the design file's output key; see docs/design-file.md)")
		}
		f, _ := generate.ParseFormat(o.Format) // Output checked it
		format = f
		from, give := "output.format "+string(format), "--format" // give: the flags not given
		if !opts.outputSet {
			output, give = "-", give+" and -o"
			if o.Path != "" {
				output = designfile.OutputPath(opts.design, o.Path)
				from += " and output.path " + o.Path
				if filepath.IsAbs(o.Path) || !filepath.IsLocal(o.Path) {
					// A design from elsewhere must not write outside
					// its own directory without a word.
					fmt.Fprintf(st.err, "secretsmith: output.path %s is outside the design file's directory: writing to %s\n", blueprint.SafeLine(o.Path), blueprint.SafeLine(output))
				}
			}
		}
		rp, note := workflow.KeyReaderPolicies(o, output)
		opts.readerPolicies, from = opts.readerPolicies || rp != "", from+rp
		fmt.Fprint(st.err, note)
		fmt.Fprintf(st.err, "secretsmith: using %s from %s (give %s to choose otherwise)\n", blueprint.SafeLine(from), blueprint.SafeLine(opts.design), give)
	}
	if output == "-" && opts.readerPolicies {
		return usageErrorf("--reader-policies writes files beside the template: give -o, a file (CloudFormation) or a directory (Terraform)")
	}
	// With --aws, a key alias where the rotation function needs a key ARN
	// is looked up and the key's ARN written (offline it is an error).
	if opts.aws.on() && l.NamesKeyAliases() {
		var ok bool
		if opts.aws.acct, ok = opts.aws.connectAWS(context.Background(), st.err); !ok {
			return silentError{exitFailure}
		}
		var done []account.ResolvedAlias
		l, done, err = l.ResolveKeyAliases(context.Background(), opts.aws.acct)
		report.ResolvedKeyAliases(st.err, done, err)
	}
	d, diags := l.ForTemplate(format.Template())
	report.Diagnostics(st.err, diags)
	if d == nil {
		return silentError{exitFailure}
	}
	if opts.aws.on() && opts.readerPolicies && opts.aws.acct == nil {
		// Loaded once, for the verification and the reader policies.
		var ok bool
		if opts.aws.acct, ok = opts.aws.connectAWS(context.Background(), st.err); !ok {
			return silentError{exitFailure}
		}
	}
	// Verification goes to stderr: stdout may be the template.
	if verifyAWS(st.err, st.err, opts.aws, []workflow.Named{{Design: d}}) {
		return silentError{exitFailure}
	}
	files, err := l.Render(format, currentVersion())
	if err != nil {
		return err
	}
	if output == "-" {
		return workflow.WriteStdout(st.data, format, files)
	}
	if err := workflow.CheckOutputFlag(output); err != nil {
		return usageErrorf("%s", err)
	}
	var readers []generate.File
	if opts.readerPolicies {
		// With --aws, the account's id and region fill ACCOUNT_ID and REGION.
		if readers, err = workflow.ReaderPolicies(context.Background(), opts.aws.acct, d); err != nil {
			return err
		}
		if len(readers) == 0 {
			fmt.Fprintln(st.err, "secretsmith: --reader-policies: the resource policy lets nobody read the value, so there is no reader policy to write")
		}
	}
	w, err := workflow.WriteTemplates(st.fs, d, format, output, files, readers, opts.force, opts.design)
	report.Notice(st.err, workflow.RecoveryNotice(w.Recovered)) // the recovery changed files, whether the write then succeeds or not
	if err != nil {
		return forceHint(err)
	}
	report.Written(st.err, w.Created, w.Files, w.Next)
	return nil
}

// forceHint words the writer's refusals for the command line, where
// --force is what replaces files.
func forceHint(err error) error {
	var exists *store.ExistsError
	var stray *workflow.StrayFilesError
	switch {
	case errors.As(err, &exists):
		return fmt.Errorf("%w: use --force to replace", err)
	case errors.As(err, &stray):
		return fmt.Errorf("-o %w; use --force to write beside them, or choose another directory", err)
	}
	return err
}
