package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
	"github.com/secretsmith/secretsmith/tui"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/secretsmith/secretsmith/workflow/report"
)

// wizardOptions are the root command's flags plus what the command learned
// about its surroundings; runWizard reads nothing else.
type wizardOptions struct {
	design string
	// designFrom is a template or configuration to read a secret from,
	// resource the secret's logical id or address when it holds several.
	designFrom, resource string
	noColor              bool
	accessible           bool
	learn                bool
	// interactive is true when standard input and standard error are
	// terminals: the wizard reads keys from one and draws on the other.
	interactive bool
	// stateHome and home locate the draft (XDG_STATE_HOME and HOME).
	stateHome, home string
	// dir is the working directory.
	dir string
	aws awsOptions
	// term is TERM.
	term string
}

// isTerminal reports whether f is a terminal.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}

// runWizard runs the interactive wizard on standard error, so standard
// output stays clean, and writes the files the user asks for with the same
// writer as 'secretsmith generate'.
func runWizard(st streams, opts wizardOptions) error {
	var imported *tui.ImportedSecret
	switch {
	case opts.designFrom != "" && opts.design != "":
		return usageErrorf("--design and --design-from both open a design; give one of them")
	case opts.resource != "" && opts.designFrom == "":
		return usageErrorf("--resource chooses a secret of --design-from TEMPLATE; give the template too")
	case opts.designFrom != "":
		// The template is read first: which secret to open, and what could
		// not be read, matter before there is a terminal to draw on.
		var err error
		if imported, err = designFromTemplate(st, opts.designFrom, opts.resource); err != nil {
			return err
		}
	}
	// Line mode reads plain lines, so it also runs on a pipe: that is
	// what lets a screen reader, or a script, answer it.
	if !opts.interactive && !opts.accessible {
		return usageErrorf("the wizard needs a terminal on standard input and standard error; without one, use --accessible for line-by-line prompts, or write a design file and run 'secretsmith generate DESIGN.yaml --format ...'")
	}
	if opts.interactive && !opts.accessible && opts.term == "dumb" {
		// A dumb terminal cannot draw the full-screen wizard: it has no
		// alternate screen and answers no cursor queries. Line mode needs
		// none of that.
		fmt.Fprintln(st.err, "secretsmith: TERM=dumb cannot draw the full-screen wizard; using line mode (--accessible) instead")
		opts.accessible = true
	}
	var d *blueprint.Design
	if imported != nil {
		d = imported.Design
	}
	if opts.design != "" {
		opened, structure, err := workflow.Open(st.fs, opts.design)
		if err != nil {
			return err
		}
		report.Diagnostics(st.err, structure)
		if opened == nil {
			return silentError{exitFailure}
		}
		d = opened
	}
	topts := tui.Options{
		DesignFile: opts.design,
		Dir:        opts.dir,
		NoColor:    opts.noColor,
		Learn:      opts.learn,
		Version:    currentVersion(),
		Write:      wizardWriter(st.fs),
		Files:      workflow.DesignFS(st.fs),
		Connect:    opts.aws.connect(),
		Import:     importer(st.fs),
		Imported:   imported,
		// Answers piped in are not shown by any terminal: line mode
		// writes them back, so its output reads as a transcript.
		EchoAnswers: opts.accessible && !isTerminal(st.in),
	}
	topts.DraftPath, topts.DraftRoot, topts.NoDraft = tui.DraftPlace(opts.stateHome, opts.home)
	if opts.accessible {
		// In line mode the terminal is not in raw mode, so Ctrl+C is a
		// SIGINT rather than a key: it asks whether to quit, as ctrl+c
		// does in the full-screen wizard. SIGTERM and SIGHUP (the
		// terminal closed) stop at once and keep the draft.
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGHUP)
		defer stop()
		ints := make(chan os.Signal, 1)
		signal.Notify(ints, os.Interrupt)
		defer signal.Stop(ints)
		topts.Interrupts = ints
		return runAccessible(ctx, st, d, topts)
	}
	m := tui.New(d, topts)
	defer m.Close()
	// Signals are the wizard's own (WithoutSignalHandler): Bubble Tea
	// would end on SIGTERM as if Quit were chosen, and does not catch
	// SIGHUP, whose default kills the process, so a closed terminal lost
	// the step in progress. Both now stop as y on the quit question does.
	progOpts := []tea.ProgramOption{tea.WithInput(st.in), tea.WithOutput(st.term), tea.WithoutSignalHandler()}
	if opts.noColor {
		progOpts = append(progOpts, tea.WithColorProfile(colorprofile.NoTTY))
	}
	p := tea.NewProgram(m, progOpts...)
	stopped := stopOnSignals(p)
	_, err := p.Run()
	res := m.Result()
	if !res.Aborted && !res.Done && (stopped() || err != nil) {
		// The program ended without passing the quit path: the terminal
		// closed and its input failed before the signal's stop reached
		// the model, or the program failed. The event loop is over, so
		// the model is stopped here, which saves the draft.
		m.Update(tui.StopMsg{})
		res = m.Result()
	}
	if err != nil && !stopped() && !errors.Is(err, tea.ErrInterrupted) && !errors.Is(err, tea.ErrProgramKilled) {
		fmt.Fprintln(st.err, "\n"+stoppedMessage(res))
		return fmt.Errorf("wizard: %w", err)
	}
	if res.Aborted {
		if err != nil {
			fmt.Fprintln(st.err) // the terminal may be left mid-line
		}
		fmt.Fprintln(st.err, stoppedMessage(res))
		return silentError{exitAborted}
	}
	if !res.Done {
		return nil
	}
	report.Written(st.err, res.Written.Created, res.Written.Files, res.Written.Next)
	return nil
}

// stopOnSignals ends p as a confirmed quit does (tui.StopMsg: the draft is
// saved at once) on SIGTERM, SIGHUP (the terminal closed) or a SIGINT sent
// by kill, since in raw mode Ctrl+C is a key, not a signal. stopped
// reports whether one came. The signals stay caught until the process
// exits, so a second one cannot kill it while the draft is being saved.
func stopOnSignals(p *tea.Program) (stopped func() bool) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP, os.Interrupt)
	var got atomic.Bool
	go func() {
		<-sigs
		got.Store(true)
		p.Send(tui.StopMsg{}) // a no-op once the program has ended
	}()
	return got.Load
}

// stoppedMessage says where the answers of a stopped session are, and says
// so plainly when they were not kept.
func stoppedMessage(res tui.Result) string {
	switch {
	case res.Draft != "":
		return "secretsmith: stopped; your answers are in the draft " + res.Draft + " and will be offered next time"
	case res.DraftError != "":
		return "secretsmith: stopped; your answers were NOT kept: the draft could not be saved: " + res.DraftError
	}
	return "secretsmith: stopped; nothing was saved"
}

// runAccessible runs line mode until ctx is cancelled; an interrupt exits
// with exitAborted (130, as the shell reports a SIGINT).
func runAccessible(ctx context.Context, st streams, d *blueprint.Design, topts tui.Options) error {
	_, err := tui.RunAccessibleContext(ctx, d, topts, st.in, st.err)
	if errors.Is(err, tui.ErrInterrupted) {
		fmt.Fprintln(st.err, "secretsmith: stopped: "+err.Error())
		return silentError{exitAborted}
	}
	return err
}

// wizardWriter is the wizard's writer (tui.Options.Write): workflow.Write,
// the templates and the design file beside them, through fsys, the writer
// 'secretsmith generate' uses. opened, which the wizard passes, is the design file
// the session opened, which the design is saved back into. The account
// the wizard is connected to (--aws) fills the reader policies' account
// and region, as in 'generate --aws' (workflow.ReaderPolicies). Files that
// exist come back as tui.ExistingFiles, which the review asks about;
// refusals are worded for the wizard's Overwrite switch, not generate's
// --force.
func wizardWriter(fsys store.FS) tui.WriteFunc {
	return func(ctx context.Context, acct account.Account, d *blueprint.Design, format generate.Format, path string, force bool, opened string) (tui.Written, error) {
		readers := d.Output != nil && d.Output.ReaderPolicies // the Review step's switch
		w, err := workflow.Write(ctx, fsys, d, workflow.Target{Format: format, Path: path, Force: force, Opened: opened, Version: currentVersion(), ReaderPolicies: readers, Account: acct})
		tw := tui.Written{Files: w.Files, Next: w.Next, Created: w.Created, Recovered: workflow.RecoveryNotice(w.Recovered)}
		var exists *store.ExistsError
		var stray *workflow.StrayFilesError
		switch {
		case errors.As(err, &exists):
			return tw, &tui.ExistingFiles{Paths: exists.Paths}
		case errors.As(err, &stray):
			return tw, fmt.Errorf("%w; turn Overwrite on to write beside them, or choose another directory", err)
		}
		return tw, err
	}
}

// importer is the wizard's template reader (tui.Options.Import):
// workflow.Import, as --design-from reads.
func importer(fsys store.FS) tui.ImportFunc {
	return func(path string) ([]tui.ImportedSecret, error) {
		secrets, err := workflow.Import(fsys, path)
		out := make([]tui.ImportedSecret, len(secrets))
		for i, s := range secrets {
			out[i] = importedSecret(s)
		}
		return out, err
	}
}

func importedSecret(s workflow.Imported) tui.ImportedSecret {
	unread := make([]tui.Unread, len(s.Unread))
	for i, u := range s.Unread {
		unread[i] = tui.Unread{Path: u.Path, Reason: u.Reason, At: u.At}
	}
	return tui.ImportedSecret{ID: s.ID, Source: s.Source, Design: s.Design, Unread: unread, Format: s.Format}
}
