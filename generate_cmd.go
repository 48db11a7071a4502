package main

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
	"github.com/spf13/cobra"
)

type generateOptions struct {
	design string
	format string
	output string
	// outputSet is true when -o was given, even as "-".
	outputSet bool
	force     bool
	aws       awsOptions
}

func newGenerateCmd(st streams) *cobra.Command {
	opts := &generateOptions{}
	cmd := &cobra.Command{
		Use:   "generate DESIGN.yaml [--format cloudformation|cloudformation-json|terraform] [-o PATH] [--force]",
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

Without --format, the design file's output key chooses: its format, and
unless -o is given its path (relative to the design file's directory; without
a path, standard output). The wizard records the key when it saves a design,
and generate says on standard error when it uses it. With --format the key is
not used at all and -o defaults to standard output, so a command that names
its format does the same whatever the design remembers: flags always win.`,
		Example: `  secretsmith generate payments-db.yaml --format cloudformation -o payments-db.yaml.template
  secretsmith generate payments-db.yaml --format terraform -o infra/payments-db
  secretsmith generate payments-db.yaml --format cloudformation-json > template.json
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
	addAWSFlags(cmd, &opts.aws, "verify the design against the AWS account first, and write nothing when a check fails")
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
	l, err := readDesign(st.fs, opts.design)
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
		o := rememberedOutput(l)
		if o == nil {
			// A file with an output key that cannot be used is reported
			// as a file: the key's problem is among the diagnostics.
			// Without the key, the command line lacks a format.
			if l.decoded != nil && l.decoded.Output != nil && len(l.diags.Errors()) > 0 {
				printDiagnostics(st, l.diags)
				return silentError{exitFailure}
			}
			return usageErrorf("--format is required: cloudformation, cloudformation-json or terraform (or record one in the design file's output key; see docs/design-file.md)")
		}
		f, _ := generate.ParseFormat(o.Format) // rememberedOutput checked it
		format = f
		from := "output.format " + string(format)
		if !opts.outputSet {
			output = "-"
			if o.Path != "" {
				output = designfile.OutputPath(opts.design, o.Path)
				from += " and output.path " + o.Path
			}
		}
		fmt.Fprintf(st.err, "secretsmith: using %s from %s (give --format and -o to choose otherwise)\n", blueprint.SafeLine(from), blueprint.SafeLine(opts.design))
	}
	d, err := checkLoaded(st, opts.design, l, format.Template())
	if err != nil {
		return err
	}
	// Verification goes to stderr: stdout may be the template.
	if verifyAWS(st.err, st.err, opts.aws, d) {
		return silentError{exitFailure}
	}
	// The file was validated when it was read, and checked against the
	// blueprint there (l.report); checkLoaded added the format's own
	// problems. Render would do both again.
	files, err := generate.RenderChecked(d, l.report, format, generate.Options{Version: currentVersion()})
	if err != nil {
		return fmt.Errorf("generate %s: %w", opts.design, err)
	}
	if output == "-" {
		return writeStdout(st.data, format, files)
	}
	created := missingDir(format, output)
	written, err := writeOutput(st.fs, format, output, files, opts.force)
	if err != nil {
		return err
	}
	if created != "" {
		fmt.Fprintf(st.err, "created directory %s\n", created)
	}
	for _, p := range written {
		fmt.Fprintf(st.err, "wrote %s\n", p)
	}
	fmt.Fprintf(st.err, "\nNext:\n  %s\n", nextStep(format, output, d))
	return nil
}

// rememberedOutput is the design file's output key when the file decoded
// and the key is valid; an invalid key is among the diagnostics, at its
// line.
func rememberedOutput(l loadedDesign) *blueprint.Output {
	if l.checked == nil || l.checked.Output == nil {
		return nil
	}
	o := l.checked.Output
	if _, err := generate.ParseFormat(o.Format); err != nil {
		return nil
	}
	if o.Path != "" && blueprint.ValidateOutputPath(o.Path) != nil {
		return nil
	}
	return o
}

// checkLoaded validates a design read by readDesign for templates of kind
// t (a CloudFormation stack cannot create a replica region's key), prints
// every problem with its position, and returns the design when none is an
// error; warnings are printed and do not fail.
func checkLoaded(st streams, path string, l loadedDesign, t blueprint.Template) (*blueprint.Design, error) {
	if l.checked != nil {
		l.diags = append(l.diags, designfile.Locate(path, l.src, l.checked.TemplateProblems(t))...)
		slices.SortStableFunc(l.diags, func(a, b designfile.Diagnostic) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
	}
	printDiagnostics(st, l.diags)
	if len(l.diags.Errors()) > 0 {
		return nil, silentError{exitFailure}
	}
	return l.valid, nil
}

func printDiagnostics(st streams, ds designfile.Diagnostics) {
	for _, dg := range ds {
		fmt.Fprintln(st.err, dg.String())
	}
}

// loadedDesign is a design file read as far as it goes.
type loadedDesign struct {
	// valid is the design when it loaded without errors.
	valid *blueprint.Design
	// checked is the design the rules were checked on: valid, or the
	// decoded design when only Validate objected. Nil when the file's
	// structure is broken.
	checked *blueprint.Design
	// diags holds every problem: structure, validation and blocking rule
	// findings, in file order.
	diags designfile.Diagnostics
	// src locates paths in the file, with checked.
	src *designfile.Source
	// decoded is every value that decoded, even from a broken file; nil
	// when the file is not usable YAML at all.
	decoded *blueprint.Design
	// report is blueprint.Check of checked, when checked is set: the one
	// rule check of a run.
	report blueprint.Report
}

// checkDesign is blueprint.Check; tests count its calls, since generate
// and check each check a design once.
var checkDesign = blueprint.Check

// readDesign reads the file through the one reader, which parses and
// validates it once, and adds the blocking rule findings.
func readDesign(fsys store.FS, path string) (loadedDesign, error) {
	f, err := fsys.ReadDesign(path)
	if err != nil {
		return loadedDesign{}, fmt.Errorf("open design file: %w", err)
	}
	diags := f.Diagnostics()
	l := loadedDesign{decoded: f.Design}
	// When only Validate objected (or nothing did), the structure decoded
	// fine: check the rules too, so one run shows every problem rather than
	// one layer at a time.
	if f.Sound() {
		l.checked, l.src = f.Design, f.Source
		l.report = checkDesign(f.Design)
		diags = append(diags, ruleDiagnostics(path, f, l.report)...)
		slices.SortStableFunc(diags, func(a, b designfile.Diagnostic) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
	}
	// valid means the file loads (structure and Validate); rule findings
	// are for the caller to weigh (generate refuses them, access does not).
	l.valid = f.Valid()
	l.diags = diags
	return l, nil
}

// ruleDiagnostics places the blocking rule findings in the file. The
// blueprint decides which findings a validation error already covers
// (Report.ProblemsAfter), as it does for the wizard.
func ruleDiagnostics(path string, f *designfile.File, report blueprint.Report) designfile.Diagnostics {
	var ps blueprint.Problems
	for _, p := range report.ProblemsAfter(f.Problems) {
		if p.Rule != "" && p.Severity == blueprint.SeverityError {
			p.Message += " (rule " + p.Rule + ": fix it, or waive it with a reason)"
			ps = append(ps, p)
		}
	}
	return designfile.Locate(path, f.Source, ps)
}

// writeStdout prints the files. Terraform files are joined with a comment
// naming each one, which keeps the stream a single valid configuration.
func writeStdout(w io.Writer, format generate.Format, files []generate.File) error {
	var buf bytes.Buffer
	for i, f := range files {
		if format == generate.Terraform {
			if i > 0 {
				buf.WriteByte('\n')
			}
			fmt.Fprintf(&buf, "# --- %s ---\n", f.Name)
		}
		buf.Write(f.Data)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// writeOutput writes CloudFormation to the file at path, or Terraform files
// into the directory at path, through the one writer: every target is
// checked before any is written, and a Terraform set is all or nothing.
func writeOutput(fsys store.FS, format generate.Format, path string, files []generate.File, force bool) ([]string, error) {
	if format == generate.Terraform {
		if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("-o %s: terraform output goes to a directory, and this is a file", path)
		}
		if !force {
			if others := otherTerraformFiles(path, files); len(others) > 0 {
				return nil, fmt.Errorf("-o %s: the directory already holds %s, which terraform plan would merge with these files; use --force to write beside them, or choose another directory", path, strings.Join(others, ", "))
			}
		}
		set := make([]store.File, len(files))
		for i, f := range files {
			set[i] = store.File{Name: f.Name, Data: f.Data}
		}
		return fsys.WriteSet(path, set, force)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("-o %s: cloudformation output goes to a file, and this is a directory", path)
	}
	if err := store.MakeDirFor(path); err != nil {
		return nil, err
	}
	if err := fsys.WriteFile(path, files[0].Data, force); err != nil {
		return nil, err
	}
	return []string{path}, nil
}

// missingDir is the directory writing format to path will create, or ""
// when it is there already: the Terraform directory itself, or the folder
// of a CloudFormation file. Creating one is said, so a mistyped -o does not
// go unnoticed.
func missingDir(format generate.Format, path string) string {
	dir := filepath.Dir(filepath.Clean(path))
	if format == generate.Terraform {
		dir = filepath.Clean(path)
	}
	if _, err := os.Lstat(dir); err == nil || dir == "." {
		return ""
	}
	return dir
}

// otherTerraformFiles lists the .tf and .tf.json files in dir that are not
// in files: Terraform reads every one of them as one configuration.
func otherTerraformFiles(dir string, files []generate.File) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	ours := map[string]bool{}
	for _, f := range files {
		ours[f.Name] = true
	}
	var others []string
	for _, e := range entries {
		n := e.Name()
		if (strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json")) && !ours[n] {
			others = append(others, n)
		}
	}
	return others
}

// nextStep is the command a user runs after generating.
func nextStep(format generate.Format, path string, d *blueprint.Design) string {
	var step string
	if format == generate.Terraform {
		step = fmt.Sprintf("cd %s && terraform init && terraform plan", shellQuote(path))
	} else {
		caps := "CAPABILITY_IAM"
		if d.Rotation != nil && d.Rotation.HostedRotationLambda != nil {
			caps = "CAPABILITY_AUTO_EXPAND CAPABILITY_IAM"
		}
		step = fmt.Sprintf("aws cloudformation deploy --template-file %s --stack-name %s --capabilities %s", shellQuote(path), d.DisplayName(), caps)
	}
	if hint := generate.SubscribeHint(d, format); hint != "" {
		step += "; " + hint
	}
	return step
}

// shellQuote quotes s for a POSIX shell when it holds anything but the
// characters that never need it.
func shellQuote(s string) string {
	safe := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+=:@,", r)) {
			safe = false
			break
		}
	}
	if safe && s != "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
