package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/store"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/spf13/cobra"
)

// Exit codes, shared by every command and documented in the README.
const (
	exitOK      = 0
	exitFailure = 1 // findings, invalid input, or a failed write
	exitUsage   = 2
	exitAborted = 130
)

// version, commit and date are set by the release build's ldflags; plain
// builds fall back to what the go command recorded.
var (
	version = ""
	commit  = ""
	date    = ""
)

func currentVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// buildCommit is the commit and date the release build injected, or, for a
// plain go build from a checkout, what the go command recorded about the
// working tree. goreleaser writes "none" and a zero date when it has no
// tag to release from; those say nothing and are left out.
func buildCommit() (c, d string) {
	c, d = commit, date
	if c == "" || d == "" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				switch {
				case s.Key == "vcs.revision" && c == "":
					c = s.Value
				case s.Key == "vcs.time" && d == "":
					d = s.Value
				}
			}
		}
	}
	if c == "none" {
		c = ""
	}
	if strings.HasPrefix(d, "0001-01-01") {
		d = ""
	}
	return c, d
}

// streams carries the program's I/O so that nothing below run touches the
// process's own files.
type streams struct {
	in io.Reader
	// out and err carry human-facing text: every byte written to them
	// passes through blueprint.SafeText, so a design's strings, file names
	// and arguments cannot drive the terminal, whichever message prints
	// them.
	out, err io.Writer
	// data is standard output as it is, for output files written to it
	// (templates keep the user's exact bytes).
	data io.Writer
	// term is standard error as it is, for the full-screen wizard, whose
	// own styling is escape sequences (it makes user text safe itself),
	// and which needs the terminal's file itself.
	term io.Writer
	// fs is how commands read and write files.
	fs store.FS
	// getenv reads the environment; run sets it, so commands below run
	// never reach for the process's own.
	getenv func(string) string
}

// usageError marks errors that exit with exitUsage.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// silentError carries an exit code for failures whose details were already
// printed (such as design-file diagnostics).
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// run is the whole program minus the process: it gets the arguments and the
// three streams, and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Every write to the two streams is watched, so a command whose output
	// was lost (standard output on /dev/full, a closed pipe) fails
	// whichever command it was and however it printed.
	outW, errW := &watchedWriter{w: stdout}, &watchedWriter{w: stderr}
	st := streams{
		in:  stdin,
		out: blueprint.SafeWriter(outW), err: blueprint.SafeWriter(errW),
		data: outW, term: stderr,
		fs:     store.OS{},
		getenv: os.Getenv,
	}
	root := newRootCmd(st)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(st.out)
	root.SetErr(st.err)
	cmd, err := root.ExecuteC()
	// A command that hands back the failed write of its own output (a
	// tabwriter's Flush, a template's Write) gets it reported once, by the
	// line below, not also as the command's error.
	var we streamWriteError
	if errors.As(err, &we) && we.w == outW {
		err = nil
	}
	code := exitCode(st, cmd, err)
	if outW.err != nil {
		fmt.Fprintf(st.err, "secretsmith: write standard output: %v\n", outW.err)
	}
	if code == exitOK && (outW.err != nil || errW.err != nil) {
		return exitFailure
	}
	return code
}

// watchedWriter remembers the first error a write returned.
type watchedWriter struct {
	w   io.Writer
	err error
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if err != nil {
		if w.err == nil {
			w.err = err
		}
		// Marked with the stream it failed on, so run knows the error a
		// command returns is one it reports already, whichever writer
		// (tabwriter, SafeWriter) passed it up.
		return n, streamWriteError{w: w, err: err}
	}
	return n, nil
}

// streamWriteError is a failed write to one of run's streams.
type streamWriteError struct {
	w   *watchedWriter
	err error
}

func (e streamWriteError) Error() string { return e.err.Error() }
func (e streamWriteError) Unwrap() error { return e.err }

// exitCode prints err and maps it to the exit code. A usage error points
// to the help of cmd, the command that failed: its flags and examples are
// what the user got wrong.
func exitCode(st streams, cmd *cobra.Command, err error) int {
	if err == nil {
		return exitOK
	}
	var silent silentError
	if errors.As(err, &silent) {
		return silent.code
	}
	fmt.Fprintf(st.err, "secretsmith: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		path := "secretsmith"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(st.err, "Run '%s --help' for usage.\n", path)
		return exitUsage
	}
	return exitFailure
}

// typeUsageErrors makes every argument check in the tree return a
// usageError, so cobra's own ("unknown command", "accepts 1 arg(s)") are
// usage errors by type, not by their wording; flag errors are typed by the
// root's flag error function, which subcommands inherit.
func typeUsageErrors(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				var ue usageError
				if errors.As(err, &ue) {
					return err
				}
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		typeUsageErrors(sub)
	}
}

func newRootCmd(st streams) *cobra.Command {
	var wopts wizardOptions
	var version bool
	root := &cobra.Command{
		Use:   "secretsmith",
		Short: "Design an AWS Secrets Manager secret against a security blueprint",
		Long: `secretsmith designs one AWS Secrets Manager secret, checks every decision
against a security blueprint (rotation, customer managed keys, no public
access, private networking, monitoring), and writes CloudFormation or
Terraform that deploys as it stands.

Run it with no command in a terminal to design a secret step by step, each
answer checked as you type. The same design is saved as a design file (see
docs/design-file.md); 'secretsmith generate' turns one into templates without
a terminal, for CI.`,
		Example: `  secretsmith                                  # design a secret in the wizard
  secretsmith --design payments-db.yaml        # open a design file in the wizard
  secretsmith generate payments-db.yaml -f terraform -o infra
  secretsmith check payments-db.yaml
  secretsmith rules rotation-within-30-days`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// With --version the arguments are ignored, as cobra's own flag
		// ignores them.
		Args: func(cmd *cobra.Command, args []string) error {
			if version {
				return nil
			}
			return workflow.FileArgHint(cobra.NoArgs(cmd, args), args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if version {
				fmt.Fprintf(st.out, "secretsmith %s\n", currentVersion())
				return nil
			}
			wopts.interactive = isTerminal(st.in) && isTerminal(st.term)
			wopts.noColor = wopts.noColor || st.getenv("NO_COLOR") != ""
			wopts.stateHome, wopts.home = st.getenv("XDG_STATE_HOME"), st.getenv("HOME")
			wopts.term = st.getenv("TERM")
			// A draft keeps its output path from the root, so it can be
			// resumed from any directory; without one it stays as typed.
			wopts.dir, _ = os.Getwd()
			return runWizard(st, wopts)
		},
	}
	root.Flags().StringVar(&wopts.design, "design", "", "open this design file in the wizard")
	root.Flags().StringVar(&wopts.designFrom, "design-from", "", "open a secret of this CloudFormation template or Terraform configuration in the wizard")
	root.Flags().StringVar(&wopts.resource, "resource", "", "with --design-from: the secret's logical id or resource address")
	root.Flags().BoolVar(&wopts.noColor, "no-color", false, "draw without colours (also NO_COLOR)")
	root.Flags().BoolVar(&wopts.accessible, "accessible", false, "plain line-by-line prompts for screen readers")
	addAWSFlags(root, &wopts.aws, "work against the AWS account: show who and where, and verify the design at the review")
	root.Flags().BoolVar(&wopts.learn, "learn", false, "explain each step before its questions, and end with a review of the design against the blueprint")
	// --version is this flag rather than cobra's (Command.Version), because
	// printing "secretsmith VERSION" through cobra takes SetVersionTemplate,
	// and a reachable text/template makes the linker keep every exported
	// method of every type that reaches an interface: the AWS SDK clients'
	// hundreds of operations tripled the binary (69 MB against 23) and the
	// pages of it that check maps are most of its peak memory
	// (bench/check.sh). TestBinaryKeepsMethodDeadCode holds this. The usage
	// text and shorthand are cobra's own.
	root.Flags().BoolVarP(&version, "version", "v", false, "version for secretsmith")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newGenerateCmd(st), newCheckCmd(st), newAuditCmd(st), newAccessCmd(st), newRulesCmd(st), newVersionCmd(st), newManCmd(st))
	// cobra adds the completion command when it runs; add it now so its
	// argument checks are typed too.
	root.InitDefaultCompletionCmd()
	typeUsageErrors(root)
	return root
}

func newVersionCmd(st streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date",
		Example: `  secretsmith version
  secretsmith --version    # the version alone`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, d := buildCommit()
			fmt.Fprintf(st.out, "secretsmith %s\n", currentVersion())
			if c != "" {
				fmt.Fprintf(st.out, "commit %s\n", c)
			}
			if d != "" {
				fmt.Fprintf(st.out, "built %s\n", d)
			}
			return nil
		},
	}
}
