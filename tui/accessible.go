package tui

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
)

// ErrInputEnded is returned by RunAccessible when its input ends before the
// files are written. A line-mode session never takes the end of input as
// "use the defaults": a script that ran out of answers must fail, not write
// a design nobody chose.
var ErrInputEnded = errors.New("input ended before the design was finished")

// ErrInterrupted is returned by RunAccessibleContext when its context is
// cancelled (Ctrl+C in a terminal, which is a real SIGINT in line mode)
// while it waits for an answer. The draft is kept, as on a quit.
var ErrInterrupted = errors.New("interrupted")

// errBack is how a prompt tells the walk that the user typed < to go back.
var errBack = errors.New("back")

// RunAccessible runs the wizard as plain line-by-line prompts, for screen
// readers and for scripts. It walks the very steps and fields the
// full-screen Model declares, through a Model that is never drawn, so the
// questions, the validators and the flow cannot drift apart: each answer is
// set into the design, Validate and blueprint.Check run, and the problems at
// that field are printed at once, an error asking the question again.
//
// Every prompt reads one line from a single buffered reader, so answers
// piped in all at once are read in order (huh's accessible mode loses them,
// and it returns the default at the end of input). At the end of input
// RunAccessible saves the draft and returns ErrInputEnded. It writes no
// colours, cursor movement or box drawing to out.
func RunAccessible(d *blueprint.Design, opts Options, in io.Reader, out io.Writer) (Result, error) {
	return RunAccessibleContext(context.Background(), d, opts, in, out)
}

// RunAccessibleContext is RunAccessible stopped by ctx: when ctx is
// cancelled while a question waits for its answer, the session stops, saves
// the draft (past the Start step) and returns ErrInterrupted. The caller
// cancels ctx on SIGINT, since in line mode Ctrl+C is a signal, not a key.
func RunAccessibleContext(ctx context.Context, d *blueprint.Design, opts Options, in io.Reader, out io.Writer) (Result, error) {
	stop := make(chan struct{})
	defer close(stop)
	// Everything line mode prints is plain text, so the whole stream goes
	// through blueprint.SafeWriter: a value, label, answer or message
	// holding escape sequences is shown escaped, wherever it is printed.
	a := &accessible{m: New(d, opts), ctx: ctx, lines: readLines(bufio.NewReaderSize(in, MaxAnswerBytes), stop), out: blueprint.SafeWriter(out)}
	defer a.m.Close()
	err := a.run()
	if err != nil && a.m.step != stepStart {
		a.m.saveDraft()
	}
	res := a.m.Result()
	if err != nil {
		if errors.Is(err, ErrInterrupted) {
			res.Aborted = true
		}
		if (errors.Is(err, ErrInputEnded) || errors.Is(err, ErrInterrupted) || errors.Is(err, ErrAnswerTooLong)) && a.m.opts.DraftPath != "" && a.m.answersKept() {
			// Say where the answers are only when they are there.
			if res.Draft != "" {
				err = fmt.Errorf("%w; the answers so far are in the draft %s", err, res.Draft)
			} else {
				err = fmt.Errorf("%w; the answers were not kept: the draft could not be saved (%s)", err, res.DraftError)
			}
		}
	}
	return res, err
}

// MaxAnswerBytes is the longest answer line mode reads, newline included.
// Input is user input like a design file, and is bounded like one: a longer
// line is refused (errAnswerSkipped) and the question asked again, without
// keeping it in memory; a line that runs on past maxSkippedBytes (or
// /dev/zero, which has no end) ends the session with ErrAnswerTooLong.
const MaxAnswerBytes = 64 << 10

// maxSkippedBytes is how far line mode reads an answer it refuses, looking
// for its end, before it gives up on the input.
const maxSkippedBytes = 16 << 20

// ErrAnswerTooLong ends line mode when an answer runs on past
// maxSkippedBytes.
var ErrAnswerTooLong = fmt.Errorf("an answer is longer than %d bytes (64 KiB), the most line mode reads", MaxAnswerBytes)

// errAnswerSkipped is an answer longer than MaxAnswerBytes, read to its
// end and dropped.
var errAnswerSkipped = fmt.Errorf("the answer is longer than %d bytes (64 KiB), the most line mode reads; it was not used", MaxAnswerBytes)

// readAnswer reads one line of at most MaxAnswerBytes from in, whose buffer
// is that size. A longer one is read to its end, up to maxSkippedBytes,
// and is errAnswerSkipped.
func readAnswer(in *bufio.Reader) (string, error) {
	b, err := in.ReadSlice('\n')
	for skipped := len(b); errors.Is(err, bufio.ErrBufferFull); skipped += len(b) {
		if skipped >= maxSkippedBytes {
			return "", ErrAnswerTooLong
		}
		if b, err = in.ReadSlice('\n'); !errors.Is(err, bufio.ErrBufferFull) {
			return "", errAnswerSkipped
		}
	}
	return string(b), err
}

// line is one read from the input: a line, or the error that ended it.
type line struct {
	text string
	err  error
}

// readLines reads lines from in on its own goroutine, so that a prompt can
// wait for an answer and for an interrupt at once; a read cannot be
// cancelled. It sends one line at a time, in order, and stops after the
// first error or when stop closes. A goroutine blocked reading a terminal
// stays blocked until the process exits, which follows an interrupt.
func readLines(in *bufio.Reader, stop <-chan struct{}) <-chan line {
	ch := make(chan line)
	go func() {
		for {
			text, err := readAnswer(in)
			select {
			case ch <- line{text, err}:
			case <-stop:
				return
			}
			if err != nil && err != errAnswerSkipped {
				return
			}
		}
	}()
	return ch
}

// accessible drives a Model from lines of text.
type accessible struct {
	m     *Model
	ctx   context.Context
	lines <-chan line
	// ended is the error that ended the input, once it has.
	ended error
	out   io.Writer
	// said holds the problems printed since the field's question was
	// last put (describe, or "again:"), so each is printed once per
	// display: a value already wrong when first shown has its error
	// printed before the prompt, and an Enter that keeps it does not
	// print it again until the question is asked again.
	said map[string]bool
	// asking names the question being answered, said again when a
	// Ctrl+C's quit question is answered no.
	asking string
	// resumeAt is the field a resumed draft stopped on: the first
	// screen after Start begins its questions there, as the screens put
	// the focus there.
	resumeAt string
	// menu has the next buttons put as a menu that reads an answer,
	// even a lone Continue (which is otherwise pressed at once): set
	// when Continue was refused for an error no question of the screen
	// asks again, so that pressing it again waits for the user.
	menu bool
}

func (a *accessible) printf(format string, args ...any) { fmt.Fprintf(a.out, format, args...) }
func (a *accessible) println(s string)                  { fmt.Fprintln(a.out, s) }

func (a *accessible) run() error {
	a.println("secretsmith: design one AWS Secrets Manager secret, one question at a time.")
	a.println("Each question shows its current value. An empty answer keeps it, - clears it, ? explains the question, < goes back a step.")
	a.connect()
	for a.m.step != stepDone {
		var err error
		from := a.m.step
		if a.m.step == stepReview {
			err = a.review()
		} else {
			err = a.screen()
		}
		if err != nil {
			return err
		}
		if from == stepStart && a.m.step != stepStart && a.m.step != stepReview && a.m.startChoice == "resume" {
			if f, ok := a.m.focused(); ok {
				a.resumeAt = f.id
			}
		}
	}
	a.done()
	return nil
}

// where names the screen the model is on, so the walk notices when an
// answer or a button moved it.
type where struct{ step, stmt int }

func (a *accessible) where() where { return where{int(a.m.step), a.m.stmt} }

// screen asks the questions of one screen: every field in the order the
// Model declares them, re-reading the declarations after each answer since
// answers add and remove fields, then its buttons as a numbered menu.
func (a *accessible) screen() error {
	here := a.where()
	a.heading()
	// Unread values no question of this screen asks for are said first,
	// as the screens list them at the top of the step.
	fs := a.m.fields()
	for _, u := range a.m.activeUnread() {
		if a.m.stepOwns(u.Path) && unreadTarget(fs, u) < 0 {
			a.println("warning: " + pathLabel(u.Path) + ": " + u.marker())
		}
	}
	asked := map[string]bool{}
	if at := a.resumeAt; at != "" {
		// A resumed draft goes on at its question: those before it
		// were answered in the session that saved it.
		a.resumeAt = ""
		before := map[string]bool{}
		for _, f := range a.m.fields() {
			if f.id == at {
				asked = before
				a.printf("Resuming at %s.\n", strings.TrimSpace(f.q.title))
				if a.m.resumeDropped != "" {
					a.println("note: " + a.m.resumeDropped)
				}
				break
			}
			before[f.id] = true
		}
	}
	for {
		for {
			f, ok := a.nextField(asked)
			if !ok {
				break
			}
			asked[f.id] = true
			if err := a.ask(f); err != nil {
				if errors.Is(err, errBack) {
					a.m.back()
					return nil
				}
				return err
			}
			if a.where() != here {
				return nil
			}
		}
		if err := a.buttons(); err != nil {
			if errors.Is(err, errBack) {
				a.m.back()
				return nil
			}
			return err
		}
		if a.where() != here {
			return nil
		}
		// Still here: a button added fields (a condition), or Continue
		// was refused. Ask again whatever holds an error.
		again := false
		for _, f := range a.m.fields() {
			if a.hasError(f) {
				delete(asked, f.id)
				again = true
			}
		}
		// An error no question of the screen can clear (about a field
		// of another screen, or one no field shows) would have the
		// lone Continue pressed again without an answer read, for
		// ever: the menu is put then, so that < (back) or ? can be
		// typed, and the end of input ends the session.
		a.menu = !again
	}
}

// nextField returns the first field of the screen that is not a button
// and has not been asked yet.
func (a *accessible) nextField(asked map[string]bool) (field, bool) {
	for _, f := range a.m.fields() {
		if f.kind != kindButton && !asked[f.id] {
			return f, true
		}
	}
	return field{}, false
}

// heading introduces a screen: the step, the --learn paragraph, and on the
// policy step the statements so far.
func (a *accessible) heading() {
	steps := a.m.steps()
	a.println("")
	if a.m.step == stepPolicy && a.m.stmt >= 0 {
		a.printf("Statement %d of %d\n", a.m.stmt+1, len(a.m.statements()))
		return
	}
	a.printf("Step %d of %d: %s\n", a.m.stepIndex()+1, len(steps), stepText[a.m.step].title)
	if intro, ok := lineIntro[a.m.step]; a.m.opts.Learn && ok {
		a.println(intro)
	} else if a.m.opts.Learn && stepText[a.m.step].intro != "" {
		a.println(stepText[a.m.step].intro)
	}
	if a.m.step == stepPolicy && len(a.m.statements()) == 0 {
		a.println("No resource policy: only IAM policies in the account grant access.")
	}
}

// readLine reads one answer. The last line may lack its newline; after it,
// the end of input is ErrInputEnded.
// An interrupt while waiting is ErrInterrupted.
func (a *accessible) readLine() (string, error) { return a.read(true) }

// read is readLine, echoing the answer (Options.EchoAnswers) only when
// echo is set; a field's question echoes its answer itself, once it knows
// whether the answer is secret material (echoAnswer).
func (a *accessible) read(echo bool) (string, error) {
	a.printf("> ")
	l := line{err: a.ended}
	if a.ctx.Err() != nil {
		// An interrupt wins over answers already waiting to be read.
		a.println("")
		return "", ErrInterrupted
	}
	for a.ended == nil {
		select {
		case l = <-a.lines:
			if l.err == errAnswerSkipped {
				if a.m.opts.EchoAnswers {
					a.println("") // the answer is not echoed
				}
				a.println("error: " + errAnswerSkipped.Error())
				if a.asking != "" {
					a.printf("%s again:\n", a.asking)
				}
				a.printf("> ")
				continue
			}
		case <-a.ctx.Done():
			a.println("")
			return "", ErrInterrupted
		case <-a.m.opts.Interrupts:
			quit, err := a.confirmQuit()
			if err != nil {
				return "", err
			}
			if quit {
				return "", ErrInterrupted
			}
			a.printf("> ")
			continue
		}
		break
	}
	if l.err != nil && (l.text == "" || !errors.Is(l.err, io.EOF)) {
		a.println("")
		if errors.Is(l.err, io.EOF) {
			return "", ErrInputEnded
		}
		return "", l.err
	}
	// A last line without its newline comes with the error that ended
	// the input; the next read returns that error.
	a.ended = l.err
	text := strings.TrimRight(l.text, "\r\n")
	if a.m.opts.EchoAnswers && echo {
		a.println(text)
	}
	return text, nil
}

// echoAnswer echoes the answer to f (Options.EchoAnswers), unless the
// design now holds it as secret material the draft does not keep (a
// template with a password): the transcript is often a log.
func (a *accessible) echoAnswer(f field, text string) {
	if !a.m.opts.EchoAnswers {
		return
	}
	if f.path == "" {
		// ? and < answer no field: nothing of the design to drop.
		a.println(text)
		return
	}
	if a.mayBeSecret(f) {
		text = notShown
	}
	a.println(text)
}

// notShown stands in for a value line mode does not print.
const notShown = "(not shown: it may be secret material)"

// mayBeSecret reports whether f's value is secret material the draft does
// not keep (DropSecretMaterial): line mode prints it neither as the echo
// of an answer nor as the field's current value when the question comes
// again (trial7a T3: going back showed a refused password).
func (a *accessible) mayBeSecret(f field) bool {
	if f.path == "" {
		return false
	}
	c := a.m.d.Clone()
	for _, p := range c.DropSecretMaterial() {
		if blueprint.PathsOverlap(f.path, p) {
			return true
		}
	}
	return false
}

// confirmQuit asks, after a Ctrl+C, whether to quit, saying what the
// screens say: nothing is written, and where the answers are kept. y or a
// second Ctrl+C quits; anything else goes back to the question.
func (a *accessible) confirmQuit() (bool, error) {
	a.println("")
	msg := "Quit the wizard? Nothing has been written."
	if a.m.answersKept() {
		msg += a.m.draft.promise() + a.m.notKept()
	}
	a.println(msg)
	a.println("Type y to quit, or n to keep going.")
	a.printf("> ")
	select {
	case l := <-a.lines:
		if l.err == errAnswerSkipped {
			l.err = nil // not y: carry on
		}
		if l.err != nil && l.text == "" {
			a.println("")
			if errors.Is(l.err, io.EOF) {
				return false, ErrInputEnded
			}
			return false, l.err
		}
		a.ended = l.err
		text := strings.TrimSpace(l.text)
		if a.m.opts.EchoAnswers {
			a.println(text)
		}
		if strings.EqualFold(text, "y") || strings.EqualFold(text, "yes") {
			return true, nil
		}
		if a.asking != "" {
			a.printf("Carrying on. %s again:\n", a.asking)
		} else {
			a.println("Carrying on.")
		}
		return false, nil
	case <-a.m.opts.Interrupts:
		a.println("")
		return true, nil
	case <-a.ctx.Done():
		a.println("")
		return true, nil
	}
}

// ask puts one field's question until its answer leaves no error on it.
// The question is the model's focus while it is asked, and the draft is
// saved so, so that it names it (a kill -9 while it waits resumes there,
// not at the question answered before) and a resume starts there.
func (a *accessible) ask(f field) error {
	a.m.focusID(f.id)
	if a.m.step != stepStart {
		a.m.saveDraft()
	}
	a.describe(f)
	// Problems already there are worth saying before the answer, except
	// on an empty field, where "is required" only repeats the question;
	// a choice that a value not read is left to (undecided) says why
	// nothing is chosen and that the files wait for it.
	if a.hasValue(f) || a.m.localErr[f.id] != "" || len(f.decides) > 0 {
		a.printProblems(f)
	}
	// What the template did not give is said on an empty field too: it
	// is most often why the field is empty.
	for _, u := range a.m.unreadFor(a.m.fields(), f) {
		a.println("warning: " + u.marker())
	}
	a.asking = strings.TrimSpace(f.q.title)
	defer func() { a.asking = "" }()
	for {
		line, err := a.read(false)
		if err != nil {
			return err
		}
		switch strings.TrimSpace(line) {
		case "?":
			a.echoAnswer(field{}, line)
			a.explain(f)
			continue
		case "<":
			a.echoAnswer(field{}, line)
			if a.noEarlierStep() {
				continue
			}
			return errBack
		}
		msg := a.answer(f, line)
		a.echoAnswer(f, line)
		if msg != "" {
			a.printf("error: %s\n", msg)
			a.again(f)
			continue
		}
		if a.m.step != stepStart {
			a.m.saveDraft()
		}
		a.printProblems(f)
		if !a.ownError(f) {
			return nil
		}
		a.again(f)
	}
}

// again asks f's question again: a new display, whose problems are
// printed afresh after its answer.
func (a *accessible) again(f field) {
	a.printf("%s again:\n", strings.TrimSpace(f.q.title))
	a.said = nil
}

// hasValue reports whether f holds an answer yet.
func (a *accessible) hasValue(f field) bool {
	kind, w := f.widget()
	return kind.HasValue(w)
}

// describe prints a field's title, hint and current value.
func (a *accessible) describe(f field) {
	a.said = nil
	a.println("")
	title := strings.TrimSpace(f.q.title)
	if h := plainHint(f.q.hint); h != "" {
		title += ": " + h
	}
	a.println(title)
	kind, w := f.widget()
	if a.mayBeSecret(f) {
		w.Get = func() string { return notShown }
	}
	kind.Describe(w, a.out)
}

// answer sets a field from a line. It returns a message when the line
// cannot be an answer at all, such as a choice number out of range.
func (a *accessible) answer(f field, line string) string {
	kind, w := f.widget()
	return kind.Answer(w, &a.m.ed, host{a.m, f}, line)
}

// hasError reports whether f holds an error that keeps the user on it:
// a value that could not be read or one Validate rejects. Rule findings do
// not count, as in the full-screen wizard; they are settled at the review.
func (a *accessible) hasError(f field) bool {
	for _, p := range a.m.fieldProblems(f) {
		if p.Severity == blueprint.SeverityError && p.Rule == "" && !a.m.formatOnly(p) {
			return true
		}
	}
	return false
}

// ownError reports whether f holds an error that only f can fix: an
// unreadable value, or a Validate error that no later field of the screen
// also shows. An error shared with a later field, such as a principal type
// whose values come next, is left to that field, as the full-screen
// wizard lets the user move on and complains only at Continue.
func (a *accessible) ownError(f field) bool {
	if a.m.localErr[f.id] != "" {
		return true
	}
	later := a.laterFields(f)
	for _, p := range a.m.fieldProblems(f) {
		if p.Severity != blueprint.SeverityError || p.Rule != "" || a.m.formatOnly(p) {
			continue
		}
		if !shownLater(later, p) {
			return true
		}
	}
	return false
}

// laterFields are the fields of the screen after f, asked after it.
func (a *accessible) laterFields(f field) []field {
	fs := a.m.fields()
	for i, g := range fs {
		if g.id == f.id {
			return fs[i+1:]
		}
	}
	return nil
}

// shownLater reports whether one of the fields later shows p: it is told
// there, when that field is asked.
func shownLater(later []field, p blueprint.Problem) bool {
	return slices.ContainsFunc(later, func(g field) bool { return g.kind != kindButton && g.matches(p) })
}

// printProblems prints the problems the full-screen wizard shows under f
// that this display of f has not printed yet.
//
// An error a later field shows too waits for that field: printed now,
// before its question, and without its name (the paths are the same), the
// Endpoint id's "is empty" read as if the choice just made was refused
// (trial 8a's W9).
func (a *accessible) printProblems(f field) {
	later := a.laterFields(f)
	for _, p := range a.m.fieldProblems(f) {
		if a.m.localErr[f.id] == "" && shownLater(later, p) {
			continue
		}
		line := fieldProblemText(p, f)
		if a.said[line] {
			continue
		}
		if a.said == nil {
			a.said = map[string]bool{}
		}
		a.said[line] = true
		a.println(line)
	}
}

// fieldProblemText is problemText for a problem printed at field f: its
// own problems name it too, as every other problem names its field. Line
// mode prints them after the answer and its echo, where "error: is empty"
// named nothing (trial 8a's W9).
func fieldProblemText(p blueprint.Problem, f field) string {
	if label := strings.TrimSpace(f.q.title); label != "" && (p.Path == "" || p.Path == f.path) {
		p.Message = label + ": " + p.Message
	}
	return problemText(p, f.path, f.fileWords)
}

// problemText is one problem as a line: "error: ..." or "warning: ...",
// with the rule behind a finding and, when it is not the field's own, the
// name the screens give its path. The message names fields as the screens
// do (onScreen), as the questions are asked by their labels; a file's
// diagnostics (fileWords) name the file's keys and stay as they are.
func problemText(p blueprint.Problem, fieldPath string, fileWords bool) string {
	level := "error"
	if p.Severity == blueprint.SeverityWarning {
		level = "warning"
	}
	msg := p.Message
	if !fileWords {
		msg = onScreen(msg)
	}
	if p.Path != "" && p.Path != fieldPath {
		msg = pathLabel(p.Path) + ": " + msg
	}
	if p.Rule != "" {
		msg += " (blueprint rule " + p.Rule
		if p.Severity == blueprint.SeverityError {
			msg += "; fix it, or waive it at the review"
		}
		msg += ")"
	}
	return level + ": " + msg
}

// explain prints what ? shows in the full-screen wizard: the question's
// help and the reason of the rule behind it.
func (a *accessible) explain(f field) {
	a.println(strings.TrimSpace(f.q.title))
	if h := plainHint(f.q.hint); h != "" {
		a.println(h)
	}
	if f.q.help != "" {
		a.println(f.q.help)
	}
	if r, ok := blueprint.LookupRule(f.rule); ok {
		a.printf("Blueprint rule %s: %s\n", r.ID, r.Title)
		a.println(r.Reason)
		a.println("To meet it: " + r.Meets)
	}
	if f.path != "" {
		a.println("Design file key: " + f.path)
	}
	a.printf("%s:\n", strings.TrimSpace(f.q.title))
}

// buttons offers the screen's buttons as a numbered menu and presses the
// one chosen. A screen whose only button is Continue just continues. The
// buttons every such screen has come first, so their numbers never move
// when rows are added or removed (3 stays Continue on the Secret step
// after a tag is added); the buttons of rows follow. Each also answers to
// a word (continue, tag, remove tag 1, edit 2, ...), which a script can
// use whatever the numbers. On the policy list, "delete N", "copy N",
// "up N" and "down N" act on statement N.
func (a *accessible) buttons() error {
	var fixed, rowBs []field
	for _, f := range a.m.fields() {
		switch {
		case f.kind != kindButton:
		case isRowButton(f):
			rowBs = append(rowBs, f)
		default:
			fixed = append(fixed, f)
		}
	}
	bs := append(fixed, rowBs...)
	if len(bs) == 0 {
		return nil
	}
	menu := a.menu
	a.menu = false
	if len(bs) == 1 && !menu {
		return a.press(bs[0])
	}
	rows := false
	def := -1
	a.println("")
	a.println("What next?")
	a.asking = "What next?"
	defer func() { a.asking = "" }()
	for i, b := range bs {
		a.printf("%d. %s [%s]\n", i+1, a.buttonLabel(b), buttonWord(b))
		ps := a.m.fieldProblems(b)
		if b.brief && len(ps) > 1 {
			ps = ps[:1]
		}
		for _, p := range ps {
			a.println("   " + problemText(p, b.path, b.fileWords))
		}
		rows = rows || b.rowKeys != nil
		if def < 0 && (strings.HasSuffix(b.id, "continue") || strings.HasSuffix(b.id, ".done") || b.id == "review.write") {
			def = i
		}
	}
	if def < 0 {
		def = len(fixed) - 1
	}
	a.printf("Type a number or the word in brackets; empty means %d, %s.", def+1, a.buttonLabel(bs[def]))
	if rows {
		a.printf(" To change the list, type delete N, copy N, up N or down N for statement N.")
	}
	if menu {
		a.printf(" No question of this step can clear the error above: type < to go back a step.")
	}
	a.println("")
	for {
		line, err := a.readLine()
		if err != nil {
			return err
		}
		s := strings.TrimSpace(line)
		switch s {
		case "":
			return a.press(bs[def])
		case "<":
			if a.noEarlierStep() {
				continue
			}
			return errBack
		case "?":
			a.println("Type the number of what to do next, or its word in brackets.")
			continue
		}
		if rows && a.rowCommand(bs, s) {
			// delete asks first, as the screens do.
			return a.dialog()
		}
		if b, ok := pickButton(bs, s); ok {
			return a.press(b)
		}
		a.printf("error: type a number from 1 to %d, or a word in brackets\n", len(bs))
	}
}

// isRowButton reports whether b belongs to one row of a list (a remove
// button, a statement, a waiver), whose number may change as rows come
// and go.
func isRowButton(b field) bool {
	return b.rowKeys != nil || strings.HasSuffix(b.id, ".remove") || strings.HasPrefix(b.id, "review.waiver")
}

// rowNumber is the number, counted from 1, of the last index in a row
// button's id: 2 for tag1.remove, 1 for stmt3.cond0.remove.
func rowNumber(id string) int {
	end := len(id)
	if strings.HasSuffix(id, ".remove") {
		end -= len(".remove")
	}
	i := end
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(id[i:end])
	return n + 1
}

// buttonWords are the words of the buttons every screen of their kind
// has, by the end of their id.
var buttonWords = []struct{ suffix, word string }{
	{"continue", "continue"},
	{"tags.add", "tag"},
	{"replicas.add", "replica"},
	{"policy.add", "statement"},
	{"policy.role", "role"},
	{"policy.account", "account"},
	{"policy.vpce", "vpce"},
	{".addcond", "condition"},
	{".done", "done"},
	{"review.waive", "waive"},
	{"review.write", "write"},
	{"done.quit", "quit"},
}

// buttonWord is the word a button always answers to in line mode.
func buttonWord(b field) string {
	switch {
	case b.rowKeys != nil:
		return fmt.Sprintf("edit %d", rowNumber(b.id))
	case strings.HasPrefix(b.id, "review.waiver"):
		return fmt.Sprintf("remove waiver %d", rowNumber(b.id))
	case strings.HasSuffix(b.id, ".remove"):
		kind := "row"
		switch {
		case strings.Contains(b.id, ".cond"):
			kind = "condition"
		case strings.HasPrefix(b.id, "tag"):
			kind = "tag"
		case strings.HasPrefix(b.id, "replica"):
			kind = "replica"
		}
		return fmt.Sprintf("remove %s %d", kind, rowNumber(b.id))
	}
	for _, w := range buttonWords {
		if strings.HasSuffix(b.id, w.suffix) {
			return w.word
		}
	}
	return strings.ToLower(plainLabel(b.label))
}

// pickButton finds a button by its menu number, its word or its label.
func pickButton(bs []field, s string) (field, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(bs) {
			return bs[n-1], true
		}
		return field{}, false
	}
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	for _, b := range bs {
		if s == buttonWord(b) || s == strings.ToLower(plainLabel(b.label)) {
			return b, true
		}
	}
	return field{}, false
}

// buttonLabel is a button's label as a menu item. A remove button of a row
// (its id "tag0.remove" shares "tag0." with the row's fields) names the row
// by its values, since "Remove this tag" means nothing without a cursor.
func (a *accessible) buttonLabel(b field) string {
	if b.rowKeys != nil {
		return fmt.Sprintf("Edit statement %d, %s", rowNumber(b.id), b.label)
	}
	label := plainLabel(b.label)
	if dot := strings.LastIndexByte(b.id, '.'); dot > 0 && strings.HasPrefix(b.label, "− ") {
		prefix := b.id[:dot+1]
		var vals []string
		for _, f := range a.m.fields() {
			if f.kind != kindButton && f.get != nil && strings.HasPrefix(f.id, prefix) {
				if v := f.get(); v != "" {
					vals = append(vals, v)
				}
			}
		}
		if len(vals) > 0 {
			label += " (" + strings.Join(vals, " ") + ")"
		}
	}
	return label
}

// rowCommand runs "delete N" and its kin through the row keys of the list.
func (a *accessible) rowCommand(bs []field, s string) bool {
	verb, num, ok := strings.Cut(s, " ")
	if !ok {
		return false
	}
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil {
		return false
	}
	// The verbs press the list's row keys, as bound in the key map.
	keys := map[string]key.Binding{"delete": a.m.keys.Delete, "copy": a.m.keys.Duplicate, "duplicate": a.m.keys.Duplicate,
		"up": a.m.keys.MoveUp, "down": a.m.keys.MoveDown}
	b, ok := keys[strings.ToLower(verb)]
	if !ok {
		return false
	}
	k := b.Keys()[0]
	id := fmt.Sprintf("stmt%d", n-1)
	for _, b := range bs {
		if b.id == id && b.rowKeys != nil {
			b.rowKeys(keyPress(k))
			return true
		}
	}
	a.printf("error: there is no statement %d\n", n)
	return true
}

// press runs a button, and answers the question it asks, if it asks one.
// A refused Continue prints why, with the problems that keep the user on
// the step.
func (a *accessible) press(b field) error {
	before := a.where()
	a.m.status = ""
	b.action()
	if err := a.dialog(); err != nil {
		return err
	}
	if a.where() != before || !strings.HasSuffix(b.id, "continue") {
		return nil
	}
	if a.m.status != "" {
		a.println("error: " + lineKeys(a.m.status))
	}
	for _, f := range a.m.fields() {
		for _, p := range a.m.fieldProblems(f) {
			if p.Severity == blueprint.SeverityError && p.Rule == "" {
				a.println(problemText(p, "", f.fileWords))
			}
		}
	}
	return nil
}

// lineKeys puts line mode's way back, <, for the screen's esc in a status
// the model words for the screen.
func lineKeys(status string) string {
	return strings.ReplaceAll(status, "esc goes back", "< goes back")
}

// noEarlierStep says, when < was typed on the first step, that there is
// none to go back to, so the question is not put again as if it were
// another; the answer is then read as before.
func (a *accessible) noEarlierStep() bool {
	if a.m.canGoBack() {
		return false
	}
	a.println("T" + noEarlierStep[1:] + ". Type an answer, or ? to explain the question.")
	return true
}

// dialog asks the model's open dialog (confirm.go), the question the
// screens ask in a huh form, as lines: its title and text, then its
// answers numbered, each with its word, until one is given. < gives the
// answer esc gives; an answer "back" (the draft question's Go back)
// returns errBack, so the screen is asked again.
func (a *accessible) dialog() error {
	for a.m.dialog != nil {
		d := a.m.dialog
		a.println("")
		a.println(d.title + " " + strings.ReplaceAll(d.desc, "\n\n", "\n"))
		def := 0
		for i, c := range d.choices {
			a.printf("%d. %s [%s]\n", i+1, c.label, c.word)
			if c.value == d.value {
				def = i
			}
		}
		a.printf("Type a number or the word in brackets; empty means %d, %s.\n", def+1, d.choices[def].label)
		for {
			line, err := a.readLine()
			if err != nil {
				return err
			}
			s := strings.TrimSpace(line)
			v, ok := "", false
			switch n, err := strconv.Atoi(s); {
			case s == "":
				v, ok = d.choices[def].value, true
			case s == "<":
				v, ok = d.cancel, true
			case err == nil && n >= 1 && n <= len(d.choices):
				v, ok = d.choices[n-1].value, true
			default:
				for _, c := range d.choices {
					if strings.EqualFold(s, c.word) || strings.EqualFold(s, c.value) {
						v, ok = c.value, true
					}
				}
			}
			if ok {
				a.m.finish(v)
				if v == "back" {
					// Going back asks the screen's questions again.
					return errBack
				}
				break
			}
			a.printf("error: type a number from 1 to %d, or a word in brackets\n", len(d.choices))
		}
	}
	return nil
}

// review is the Review step in lines: the checklist, the --learn review,
// a waiver offer for each rule not met, the format, the path, the reader
// policies (y/N) and Overwrite, then the write. A write that fails asks
// them again.
func (a *accessible) review() error {
	m := a.m
	a.heading()
	a.println(checklistText(m.report))
	for _, u := range m.activeUnread() {
		a.println("warning: " + pathLabel(u.Path) + ": " + u.marker())
	}
	a.verify()
	a.reviewSummaries()
	if m.opts.Learn {
		a.println("")
		a.println(LearnReview(m.d, m.report))
	}
	if err := a.waivers(); err != nil {
		if errors.Is(err, errBack) {
			m.back()
			return nil
		}
		return err
	}
	for {
		for _, id := range []string{"review.format", "review.output", "review.readers", "review.force"} {
			f, ok := a.fieldByID(id)
			if !ok {
				continue
			}
			format := m.format
			if err := a.ask(f); err != nil {
				if errors.Is(err, errBack) {
					m.back()
					return nil
				}
				return err
			}
			if m.format != format {
				// The calls refused or unsure are the chosen format's
				// deployer's, as on the screens: said again for it.
				a.reviewSummaries()
			}
		}
		m.status = ""
		m.write()
		if err := a.dialog(); err != nil {
			return err
		}
		if m.step == stepDone {
			return nil
		}
		a.println("error: " + m.status)
		if s, ok := a.stepToFix(); ok {
			// Nothing typed here can fix it, and asking this step's
			// questions again would only refuse again: the questions
			// of the step that can are put instead.
			a.printf("Going back to the %s step, whose questions can fix it.\n", stepText[s].title)
			m.gotoStep(s)
			return nil
		}
		if len(m.report.Blocking()) > 0 || len(m.d.ValidateFor(m.format.Template()).Errors()) > 0 {
			// Nothing typed here can fix the design: go back to it.
			a.println("Type < at any question to go back and fix the design.")
			if err := a.waivers(); err != nil {
				if errors.Is(err, errBack) {
					m.back()
					return nil
				}
				return err
			}
		}
	}
}

// stepToFix is the step whose questions can fix the first error that
// refused the write, when it is not the review's own: an error of the
// design, or of a choice (choiceProblems, such as an imported key not yet
// chosen). Each error is printed first, with the field it is at.
func (a *accessible) stepToFix() (step, bool) {
	m := a.m
	errs := append(m.d.Validate().Errors(), m.choiceProblems().Errors()...)
	for _, p := range errs {
		if s, ok := m.stepOf(p.Path); ok && s != stepReview {
			a.println(problemText(p, "", false))
			return s, true
		}
	}
	return stepReview, false
}

// waivers offers to waive each rule the design does not meet, through the
// review's own waiver fields.
func (a *accessible) waivers() error {
	m := a.m
	for _, r := range m.report.Results {
		if r.Status != blueprint.StatusNotMet {
			continue
		}
		m.pickWaiveRule(string(r.Rule.ID))
		f, ok := a.fieldByID("review.waiveReason")
		if !ok {
			continue
		}
		a.println("")
		a.printf("Rule %s is not met: %s.\n", r.Rule.ID, r.Rule.Title)
		if r.Rule.Severity == blueprint.SeverityError {
			a.println("Files are written only when it is met or waived.")
		}
		a.println("To waive it, type the reason your team accepts this; leave it empty not to waive it, or type < to go back and fix the design.")
		for {
			m.waiveWhy = ""
			delete(m.localErr, f.id)
			line, err := a.readLine()
			if err != nil {
				return err
			}
			switch strings.TrimSpace(line) {
			case "<":
				return errBack
			case "?":
				a.println(r.Rule.Reason)
				a.println("To meet it: " + r.Rule.Meets)
				continue
			case "":
			default:
				m.waiveWhy = line
				m.addWaiver()
				if msg := m.localErr[f.id]; msg != "" {
					a.println("error: " + msg)
					continue
				}
				a.printf("Waived %s.\n", r.Rule.ID)
			}
			break
		}
	}
	return nil
}

func (a *accessible) fieldByID(id string) (field, bool) {
	for _, f := range a.m.fields() {
		if f.id == id {
			return f, true
		}
	}
	return field{}, false
}

// done prints what was written and how to deploy it.
func (a *accessible) done() {
	a.println("")
	if r := a.m.written.Recovered; r != "" {
		a.println("Finished first:")
		a.println("  " + shown(r))
	}
	if c := a.m.written.Created; c != "" {
		// A mistyped path must not make a directory unnoticed.
		a.println("Created the directory:")
		a.println("  " + shown(c))
	}
	a.println("Written:")
	for _, f := range a.m.written.Files {
		a.println("  " + shown(f))
	}
	if a.m.written.Next != "" {
		a.println("Next:")
		for _, l := range nextLines(a.m.written.Next) {
			a.println("  " + l)
		}
	}
	if lines := readerSide(a.m.report.Walk(), a.m.d); len(lines) > 0 {
		a.println(readerSideTitle + " (" + readerSideAside + "):")
		for _, l := range lines {
			a.println("  " + shown(l))
		}
	}
	for _, l := range a.m.awsDoneText() {
		a.println(l)
	}
}

// reviewSummaries prints what the full-screen Review says below the
// checklist, from the same rows: who can read the value, and the calls
// refused or unsure once deployed. Line mode printed the checklist alone
// (trial 8a's W11). Every row is printed: a line-mode transcript has no
// screen to fit, and no ctrl+r pane to hold the rest. The marks are said
// in words, as the checklist's are (the pane's legend: ✓ reads, ✗ key
// refuses, ? check key).
func (a *accessible) reviewSummaries() {
	a.m.ensureAccess()
	for _, s := range []struct {
		title string
		rows  []markedRow
		words map[string]string
	}{
		{accessSummaryTitle + ":", a.m.accessRows(), map[string]string{"✓": "reads", "✗": "key refuses", "?": "check key"}},
		{walkSummaryTitle + " (secretsmith access on the design file says why and the fix):", a.m.walkRows(), map[string]string{"✗": "refused", "?": "to check"}},
	} {
		if len(s.rows) == 0 {
			continue
		}
		a.println(s.title)
		for _, r := range s.rows {
			a.println("  " + cmp.Or(s.words[r.mark], r.mark) + ": " + r.text)
		}
	}
}

// checklistText is the blueprint checklist in words, one rule a line,
// with the findings of rules not met, named as the screens name them, and
// the reasons of waivers.
func checklistText(r blueprint.Report) string {
	counts := map[blueprint.Status]int{}
	for _, res := range r.Results {
		counts[res.Status]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Blueprint checklist: %d met, %d not met, %d waived, %d not applicable",
		counts[blueprint.StatusMet], counts[blueprint.StatusNotMet], counts[blueprint.StatusWaived], counts[blueprint.StatusNotApplicable])
	if n := counts[blueprint.StatusCannotVerify]; n > 0 {
		fmt.Fprintf(&b, ", %d cannot verify", n)
	}
	b.WriteString(".\n")
	for _, res := range r.Results {
		fmt.Fprintf(&b, "%s: %s (%s)\n", statusWord(res), res.Rule.Title, res.Rule.ID)
		switch res.Status {
		case blueprint.StatusNotMet:
			for _, f := range res.Findings {
				fmt.Fprintf(&b, "  %s: %s\n", pathLabel(f.Path), onScreen(f.Message))
			}
		case blueprint.StatusWaived:
			fmt.Fprintf(&b, "  waived because: %s\n", res.WaiverReason)
		case blueprint.StatusCannotVerify:
			fmt.Fprintf(&b, "  %s\n", noteText(res))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// statusWord says a rule's status, telling a recommendation not met from a
// requirement not met.
func statusWord(res blueprint.RuleResult) string {
	if res.Status == blueprint.StatusNotMet && res.Rule.Severity == blueprint.SeverityWarning {
		return "not met (recommendation)"
	}
	return res.Status.String()
}

// plainHint drops the key instructions of the full-screen wizard from a
// hint ("←/→ to choose", "space toggles"), keeping what it says about the
// value.
func plainHint(h string) string {
	for _, p := range []string{"←/→: ", "↑/↓: "} {
		h = strings.TrimPrefix(h, p)
	}
	var keep []string
	for _, part := range strings.Split(h, "; ") {
		if strings.ContainsAny(part, "←→↑↓") || strings.HasPrefix(part, "space ") || strings.HasPrefix(part, "enter ") ||
			strings.HasPrefix(part, "ctrl+") {
			continue
		}
		keep = append(keep, part)
	}
	return strings.Join(keep, "; ")
}

// plainLabel takes the arrows and signs off a button label.
func plainLabel(s string) string {
	s = strings.TrimPrefix(s, "+ ")
	s = strings.TrimPrefix(s, "− ")
	s = strings.TrimPrefix(s, "← ")
	return strings.TrimSpace(strings.TrimSuffix(s, " →"))
}

// keyPress is the key message of a single printable key, for the row keys
// of the policy list.
func keyPress(k string) tea.KeyPressMsg {
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}
