package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
	"github.com/secretsmith/secretsmith/tui"
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
		f, err := st.fs.ReadDesign(opts.design)
		if err != nil {
			return fmt.Errorf("open design file: %w", err)
		}
		// Only the file's structure must be sound: the wizard is where a
		// design with invalid values gets fixed, each problem shown at its
		// field.
		for _, dg := range f.Structure {
			fmt.Fprintln(st.err, dg.String())
		}
		if !f.Sound() {
			return silentError{exitFailure}
		}
		d = f.Design
		if o := d.Output; o != nil {
			// The file holds output.path relative to itself; the wizard
			// shows and writes paths from the current directory.
			o.Path = designfile.OutputPath(opts.design, o.Path)
		}
	}
	topts := tui.Options{
		DraftPath:  tui.DraftPath(opts.stateHome, opts.home),
		DesignFile: opts.design,
		Dir:        opts.dir,
		NoColor:    opts.noColor,
		Learn:      opts.learn,
		Version:    currentVersion(),
		Write:      wizardWriter(st.fs, opts.design),
		Files:      st.fs,
		Connect:    opts.aws.connect(),
		Import:     importTemplate,
		Imported:   imported,
		// Answers piped in are not shown by any terminal: line mode
		// writes them back, so its output reads as a transcript.
		EchoAnswers: opts.accessible && !isTerminal(st.in),
	}
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
	if res.Written.Created != "" {
		fmt.Fprintf(st.err, "created directory %s\n", res.Written.Created)
	}
	for _, p := range res.Written.Files {
		fmt.Fprintf(st.err, "wrote %s\n", p)
	}
	fmt.Fprintf(st.err, "\nNext:\n  %s\n", res.Written.Next)
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

// wizardWriter renders and writes the templates like 'secretsmith
// generate -o PATH', then saves the design file beside them so the same
// templates can be made again without the wizard; all through fsys, the
// writer generate uses.
//
// opened is the design file the wizard was started on (--design), if any:
// the design is saved back to it, replacing it without Overwrite, since
// saving the design you opened is what writing means; other files that
// exist still need Overwrite. Refusals name the wizard's Overwrite switch,
// not generate's --force.
func wizardWriter(fsys store.FS, opened string) tui.WriteFunc {
	write := wizardWrite(fsys, opened)
	return func(d *blueprint.Design, format generate.Format, path string, force bool) (tui.Written, error) {
		w, err := write(d, format, path, force)
		if err != nil && strings.Contains(err.Error(), "use --force") {
			err = errors.New(strings.ReplaceAll(err.Error(), "use --force", "turn Overwrite on"))
		}
		return w, err
	}
}

func wizardWrite(fsys store.FS, opened string) tui.WriteFunc {
	return func(d *blueprint.Design, format generate.Format, path string, force bool) (tui.Written, error) {
		files, err := generate.Render(d, format, generate.Options{Version: currentVersion()})
		if err != nil {
			return tui.Written{}, err
		}
		designPath := filepath.Join(filepath.Dir(filepath.Clean(path)), d.DisplayName()+".design.yaml")
		designForce := force
		if opened != "" {
			designPath, designForce = opened, true
		}
		// The design remembers what was written where (its output key,
		// the path relative to the design file), so opening it again, or
		// 'secretsmith generate DESIGN' without --format, writes there.
		saved := d.Clone()
		saved.Output = &blueprint.Output{Format: string(format), Path: designfile.RelativeOutputPath(designPath, path)}
		design, err := designfile.Save(saved)
		if err != nil {
			return tui.Written{}, err
		}
		if !force {
			// Name every file the write would replace at once, so the
			// wizard's question lists them all before a yes replaces any.
			if exist := existingTargets(format, path, files, designPath, designForce); len(exist) > 0 {
				return tui.Written{}, &tui.ExistingFiles{Paths: exist}
			}
		}
		created := missingDir(format, path)
		written, err := writeOutput(fsys, format, path, files, force)
		if err != nil {
			return tui.Written{Files: written}, err
		}
		if err := fsys.WriteFile(designPath, design, designForce); err != nil {
			return tui.Written{Files: written}, err
		}
		written = append(written, designPath)
		return tui.Written{Files: written, Next: nextStep(format, path, d), Created: created}, nil
	}
}

// existingTargets lists the files writing format to path would replace:
// the template (or each Terraform file) and, unless it is saved back
// without asking, the design file.
func existingTargets(format generate.Format, path string, files []generate.File, designPath string, designForce bool) []string {
	var targets []string
	if format == generate.Terraform {
		for _, f := range files {
			targets = append(targets, filepath.Join(path, f.Name))
		}
	} else {
		targets = append(targets, path)
	}
	if !designForce {
		targets = append(targets, designPath)
	}
	var exist []string
	for _, t := range targets {
		// A directory in the way is the writer's own error to report.
		if fi, err := os.Lstat(t); err == nil && !fi.IsDir() {
			exist = append(exist, t)
		}
	}
	return exist
}
