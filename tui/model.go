package tui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
	"github.com/secretsmith/secretsmith/tui/form"
)

// step is one screen of the wizard.
type step int

const (
	stepStart step = iota
	stepSecret
	stepEncryption
	stepPolicy
	stepRotation
	stepMonitoring
	stepReview
	stepDone
)

// Minimum terminal size; below it the wizard asks for a bigger window
// instead of drawing a garbled form.
const (
	MinWidth  = 60
	MinHeight = 20
)

// Written is what a WriteFunc reports back: the files it wrote and the
// command to run next, both shown on the Done screen.
type Written struct {
	Files []string
	Next  string
	// Created is the directory made for the files, if one was.
	Created string
	// Recovered says what the recovery of an earlier, interrupted write
	// of these files did before this write ("" for nothing); it is shown
	// whether the write then succeeds or not.
	Recovered string
}

// WriteFunc writes the finished design in format f to path (a file for
// CloudFormation, a directory for Terraform), replacing existing files only
// when force is set. The command package supplies it, so files are written
// by the same atomic writer as 'secretsmith generate'. acct is the account
// the wizard is connected to (nil offline), which fills the reader
// policies' account and region as 'generate --aws' does; ctx ends with the
// session. opened is the design file the session opened (--design, the
// Start screen's file, or the one a resumed draft was opened from), which
// the design is written back into; "" when none was.
type WriteFunc func(ctx context.Context, acct account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error)

// Options are the settings of one wizard session that are not part of the
// design. Nothing in this package reads the environment: the caller passes
// paths and switches in.
type Options struct {
	// DraftPath is where the draft is saved, half a second after each
	// change and when the session stops, and offered on the next start;
	// see DraftPath. Empty turns autosave off.
	DraftPath string
	// NoDraft, with DraftPath empty, says why there is no draft (see
	// NoDraftReason); the Start screen then says the answers will not be
	// saved. Empty says nothing: an embedder that turns drafts off.
	NoDraft string
	// DraftRoot, when set, is the directory DraftPath lies below that
	// must exist (HOME, when XDG_STATE_HOME is not set): the state
	// directory is made below it, never it (see DraftRoot).
	DraftRoot string
	// DesignFile names the file the design was loaded from. When set, the
	// wizard skips the Start screen.
	DesignFile string
	// Dir is the working directory, which relative paths typed in the
	// wizard start from. A draft is resumed from wherever secretsmith runs
	// next, so the output path it remembers is saved from the root, joined
	// to Dir; empty keeps it as typed.
	Dir string
	// NoColor draws without colours (NO_COLOR or --no-color).
	NoColor bool
	// Learn shows a paragraph before each step explaining what it is for,
	// and the reviewer's notes of LearnReview beside the Review step.
	Learn bool
	// Version is written into generated headers.
	Version string
	// Write writes the files at the end of the review.
	Write WriteFunc
	// Connect, when set, loads the AWS account in the background: the
	// header shows who and where, and the review verifies the design
	// against it. Nil keeps the wizard offline.
	Connect ConnectFunc
	// Files reads design files and keeps the draft; nil is the file
	// system (store.OS). The command passes workflow.DesignFS, whose
	// ReadDesign says of a template opened as a design file what it is.
	Files store.FS
	// EchoAnswers makes line mode write each answer it reads after its
	// prompt. The caller sets it when the input is not a terminal (a
	// pipe or a file), whose answers no terminal shows, so the session's
	// output reads back as questions and answers.
	EchoAnswers bool
	// Import, when set, offers "Import a template" on the Start screen:
	// it reads the secrets of a CloudFormation template or Terraform
	// configuration, and the wizard opens the one the user picks.
	Import ImportFunc
	// Imported is a secret already read from a template (--design-from):
	// the wizard opens it past the Start screen, with what could not be
	// read marked at its fields. It takes the place of the design New is
	// given.
	Imported *ImportedSecret
	// Interrupts, in line mode, delivers Ctrl+C (SIGINT, since line mode
	// leaves the terminal cooked): each one asks whether to quit, as
	// ctrl+c does on the screens, and a second one while asking quits.
	// Nil leaves interrupts to the context of RunAccessibleContext.
	Interrupts <-chan os.Signal
	// Now is the clock the draft's save time is taken from and shown
	// against ("saved 14:32 today"); nil is time.Now.
	Now func() time.Time
}

// Result is the outcome of a session, read after the program ends.
type Result struct {
	Design  *blueprint.Design
	Format  generate.Format
	Output  string
	Written Written
	// Done is true when the files were written.
	Done bool
	// Aborted is true when the user quit with Ctrl+C.
	Aborted bool
	// Draft is the draft that holds this session's latest answers, or ""
	// when they were not saved; DraftError then says why, when a save
	// was tried.
	Draft, DraftError string
}

// DraftPath returns the draft location: $XDG_STATE_HOME/secretsmith/draft.yaml,
// or ~/.local/state/secretsmith/draft.yaml when stateHome is empty, as the XDG
// base directory specification says. It returns "" when neither is known.
func DraftPath(stateHome, home string) string {
	if stateHome == "" || !filepath.IsAbs(stateHome) {
		if home == "" {
			return ""
		}
		stateHome = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(stateHome, "secretsmith", "draft.yaml")
}

// DraftPlace is where the draft is kept for XDG_STATE_HOME and HOME, in
// one call: its path (DraftPath), the directory that must exist
// (DraftRoot), and why there is none (NoDraftReason).
func DraftPlace(stateHome, home string) (path, root, noDraft string) {
	return DraftPath(stateHome, home), DraftRoot(stateHome, home), NoDraftReason(stateHome, home)
}

// DraftRoot is the directory DraftPath(stateHome, home) lies below that
// must exist for a draft to be kept: HOME when the path is made from it
// (the XDG specification has XDG_STATE_HOME made when missing, not HOME:
// HOME=/nonexistent is how accounts without a home are set up), else "".
func DraftRoot(stateHome, home string) string {
	if stateHome == "" || !filepath.IsAbs(stateHome) {
		return home
	}
	return ""
}

// NoDraftReason says why DraftPath(stateHome, home) is empty, or returns
// "" when it is not.
func NoDraftReason(stateHome, home string) string {
	if DraftPath(stateHome, home) != "" {
		return ""
	}
	return "neither XDG_STATE_HOME (an absolute path) nor HOME is set, so there is no state directory to keep a draft in"
}

// Model is the wizard: a bubbletea model that edits one design in place.
// Every answer is written into the design the moment it is typed, so the
// widgets hold nothing that going back and forth could lose.
type Model struct {
	d    *blueprint.Design
	opts Options
	st   *styles
	keys keyMap

	step  step
	focus int
	// stmt is the statement being edited on the policy step, or -1 for the
	// list of statements.
	stmt int

	// ed is the editor of the focused field: its text input, a list's
	// cursor and filter, the button armed (package form).
	ed form.Editor

	// problems are Validate's problems and the findings of rules not met,
	// recomputed after every change; report is the last Check.
	problems blueprint.Problems
	report   blueprint.Report
	// formatProblems are the problems of writing the design in the chosen
	// format (blueprint.Design.TemplateProblems), such as a replica
	// without a key for CloudFormation. They are among problems, so they
	// show at their fields, but only the write refuses them: the format is
	// chosen on the last step.
	formatProblems blueprint.Problems
	// access is who can do what with the secret, for the access pane and
	// the review; settle builds it only while one of them shows.
	access *blueprint.Access
	// rev counts design changes, so the preview is rendered only when the
	// design changed, and a render of an older design is known as one.
	rev int
	// localErr holds messages of values that could not be put into the
	// design at all, such as letters in a number field, by field id.
	localErr map[string]string
	// localText is the text of each field in localErr, as typed: the
	// design cannot hold it, and the field shows it (and its editor
	// loads it) so that the user sees what the error is about.
	localText map[string]string
	// mode remembers choices that the design cannot hold yet, such as a
	// principal type with no principals typed.
	mode map[string]string
	// stash keeps what a switch took out of the design, so switching back
	// brings it back.
	stash stash

	startChoice string
	startStash  map[string]blueprint.Design
	// resumedFrom is the design file the resumed draft's session had
	// opened (draftState.Opened), checked to be one still.
	resumedFrom string
	// resumeLost is that file when it no longer reads as a design file,
	// so the design goes beside the templates instead: said at Write to
	// (choiceProblems), not silently.
	resumeLost string
	// resumeDropped says what the resumed draft left out (resumedNotKept).
	resumeDropped string
	loaded        map[string]bool
	draftFound    bool
	draft         *draft
	// draftAsked is the last state a draft save was started for
	// (draft.go), so a key that changes nothing saves nothing.
	draftAsked draftKey
	// draftAnswered is set once the user said what becomes of the saved
	// draft (askDraft).
	draftAnswered bool

	// imp is what the import choice read (import.go).
	imp importState

	format generate.Format
	output string
	// formatPaths is the path each format had when the Review step
	// switched away from it, and switched the path the switch made: a
	// switch back before the path is edited gives the format its own
	// path again (switchFormat).
	formatPaths map[generate.Format]string
	switched    string
	force       bool
	// readers is the Review step's "Reader policies" switch, kept in the
	// design as output.readerPolicies (rememberOutput).
	readers bool
	// outsideOK is the output path outside the design file's directory
	// the user said yes to writing (askOutside).
	outsideOK string
	// waiveRule is the rule the Review's waiver is for: the first rule
	// not met, until the user picks one (waivePicked), so a choice made on
	// an earlier step's report does not stick when another rule comes
	// first by the Review.
	waiveRule   string
	waivePicked bool
	waiveWhy    string
	written     Written

	width, height int
	showHelp      bool
	// helpTop is the first line of the help page shown, when the page
	// is longer than the screen.
	helpTop int
	// dialog is the question open over the step, if any (confirm.go);
	// dialogGen counts the dialogs opened, held are the keys waiting for
	// its commands, and dialogCmd the commands of one opened during this
	// Update.
	dialog      *dialog
	dialogGen   int
	held        []tea.KeyPressMsg
	dialogCmd   tea.Cmd
	showPreview bool
	showAccess  bool
	checklist   *bool
	// previewTop is the first line of the side pane shown; pgup/pgdown
	// scroll it.
	previewTop int
	// formScroll is where pgup/pgdown left a step's form: it holds on that step while the focus stays on that
	// field, and the window follows the focus again once it moves.
	formScroll formScroll
	preview    previewState
	// tick starts the preview's debounce. It is tea.Tick; tests that
	// drive Update put in one that fires at once, so they wait for nothing.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// help draws the key line from the key map.
	help help.Model
	// keyLine is the key line settle drew for keyLineFor (view.go).
	keyLine    string
	keyLineFor keyLineKey
	status     string
	result     Result
	// aws is the account the wizard works against, when Options.Connect
	// is set (aws.go).
	aws awsState
}

// stash holds parts of the design a switch turned off.
type stash struct {
	kms      string
	rotation *blueprint.Rotation
	hosted   *blueprint.HostedRotationLambda
	lambda   string
	// lambdaRole is the function's role, kept with lambda.
	lambdaRole string
	// endpoint is the endpoint id typed, kept while another way to reach
	// Secrets Manager is chosen.
	endpoint string
	block    *bool
	days     int
	expr     string
}

// New returns a wizard that edits d in place. A nil d starts from an empty
// design. With opts.DesignFile set, d is the loaded design and the wizard
// opens on its first question; otherwise it opens on the Start screen, which
// offers the saved draft when there is one.
func New(d *blueprint.Design, opts Options) *Model {
	if d == nil {
		d = &blueprint.Design{}
	}
	m := &Model{
		d: d, opts: opts, st: newStyles(opts.NoColor), keys: defaultKeys(),
		stmt: -1, localErr: map[string]string{}, localText: map[string]string{}, mode: map[string]string{},
		startStash: map[string]blueprint.Design{}, loaded: map[string]bool{},
		format: generate.CloudFormation, tick: tea.Tick,
	}
	m.ed = form.Editor{Keys: m.keys.Keys, Styles: m.st.form}
	m.help = newHelp(m.st)
	m.draft = openDraft(opts)
	m.draftFound = m.draft.resumable()
	m.draft.label = m.resumeLabel()
	switch {
	case opts.Imported != nil:
		m.startChoice = "import"
		m.openImported(*opts.Imported)
		m.step = m.steps()[1]
	case opts.DesignFile != "":
		m.startChoice = "open"
		m.loaded["open"] = true
		m.step = m.steps()[1]
		m.adoptOutput()
	default:
		m.startChoice = "new"
		if d.Version == 0 && d.Secret.SecretID == "" && d.Secret.ExistingSecretARN == "" {
			*d = newDesign()
		}
		if m.draftFound {
			m.startChoice = "resume"
		}
	}
	if m.step != stepStart {
		// The Start screen, which says so in its hint, was skipped:
		// the first screen says it on the status line instead.
		m.status = m.draft.unsaved(opts.NoDraft)
	}
	m.refresh()
	m.settle()
	// What the session opened on is on disk already (a design file, or
	// the draft to offer): the draft is saved from the first change on.
	m.draftAsked = m.draftWant()
	return m
}

// newDesign is where a new secret starts: a generated 32-character password
// without the characters databases reject, a dedicated key, and rotation
// every 30 days by a hosted function still to be chosen. Rotation is on
// from the start because its rules are errors: a fresh design has every
// error-level rule met or waiting for an answer, never broken by a default.
func newDesign() blueprint.Design {
	n := 32
	return blueprint.Design{
		Version: blueprint.CurrentVersion,
		Secret: blueprint.Secret{
			GenerateSecretString: &blueprint.GenerateSecretString{PasswordLength: &n, ExcludeCharacters: `"@/\`},
		},
		Rotation: newRotation(),
	}
}

// existingDesign is where an existing secret starts: rotation on, as for
// a new one (newDesign).
func existingDesign() blueprint.Design {
	return blueprint.Design{Version: blueprint.CurrentVersion, Rotation: newRotation()}
}

// newRotation is the rotation a design starts with, and the one turning
// rotation on brings when nothing was stashed: every 30 days, by a hosted
// rotation function whose type is still to be chosen.
func newRotation() *blueprint.Rotation {
	return &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{}}
}

// Design returns the design being edited.
func (m *Model) Design() *blueprint.Design { return m.d }

// Result returns the outcome of the session.
func (m *Model) Result() Result {
	r := m.result
	r.Design, r.Format, r.Output, r.Written = m.d, m.format, m.outputPath(), m.written
	r.Draft, r.DraftError = m.draft.kept()
	return r
}

// StopMsg ends the session as y on the quit question does, for a signal
// that stops the program (SIGTERM, or SIGHUP when the terminal closes):
// the draft is saved at once (past the Start step) and Result().Aborted
// is set. The caller sends it with Program.Send.
type StopMsg struct{}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return m.connectCmd() }

// steps lists the screens of this design: an existing secret has no Secret
// or Encryption screen, because secretsmith does not manage those.
func (m *Model) steps() []step {
	if m.d.IsExisting() || (m.step == stepStart && m.startChoice == "existing") {
		return []step{stepStart, stepPolicy, stepRotation, stepMonitoring, stepReview, stepDone}
	}
	return []step{stepStart, stepSecret, stepEncryption, stepPolicy, stepRotation, stepMonitoring, stepReview, stepDone}
}

func (m *Model) stepIndex() int {
	for i, s := range m.steps() {
		if s == m.step {
			return i
		}
	}
	return 0
}

// refresh re-validates and re-checks the design; it runs after every change.
func (m *Model) refresh() {
	m.rev++
	m.recheck()
}

// recheck judges the design again without making it a new revision: for
// what changes the verdicts but not the design (the account's answers).
func (m *Model) recheck() {
	v := append(m.d.Validate(), m.choiceProblems()...)
	m.report = m.checkDesign().WithValidation(v)
	// The access model is built only while something shows it, its pane
	// or the review's summary (settle builds it when one opens): building
	// it after every key cost a fifth of a keystroke.
	m.access = nil
	if m.showsAccess() {
		m.access = m.report.Access()
	}
	m.formatProblems = m.report.TemplateProblems(m.format.Template())
	v = append(v, m.report.IdleWaivers(m.d)...)
	m.problems = m.choiceSaysIt(m.report.ProblemsAfter(append(v, m.formatProblems...)))
}

// choiceSaysIt leaves out of ps the findings that an error of
// choiceProblems says in the words of the choice made (choiceCovers).
func (m *Model) choiceSaysIt(ps blueprint.Problems) blueprint.Problems {
	return slices.DeleteFunc(ps, m.choiceCovers)
}

// choiceCovers reports whether an error of choiceProblems says p in the
// words of the choice made: with "Its endpoint id" chosen and no id typed
// yet, the design has neither vpcId nor endpoint, and
// rotation-reaches-secrets-manager's finding at vpcId asked for a VPC id
// that this choice does not show (issue 22's second trial, N3), beside
// the id field's own error (endpointIDEmpty) that asks for the id.
func (m *Model) choiceCovers(p blueprint.Problem) bool {
	h := m.hostedLambda()
	return h != nil && h.Endpoint == "" && endpointMode(h, m.mode["endpoint"]) == endpointByID &&
		p.Path == "rotation.hostedRotationLambda.vpcId" && p.Rule == string(blueprint.RuleRotationReachesSecretsManager)
}

// endpointIDEmpty is the error of "Its endpoint id" chosen with no id.
const endpointIDEmpty = "is empty; give the id of the VPC's endpoint for Secrets Manager (vpce-...), or choose another way to reach it"

// ensureAccess builds the access model when something shows it and the
// last refresh did not (settle; line mode's Review, which draws no frame).
func (m *Model) ensureAccess() {
	if m.access == nil && m.showsAccess() {
		m.access = m.report.Access()
	}
}

// showsAccess reports whether the access model is on screen: the access
// pane, the review's summary of who reads the secret, or Done's reader's
// side.
func (m *Model) showsAccess() bool {
	_, _, pane := m.layout()
	return pane == "access" || m.step == stepReview || m.step == stepDone
}

// choiceProblems are errors in what the wizard's choices ask for that the
// design cannot show: "use an existing key" with no key given would
// otherwise quietly mean a new key.
func (m *Model) choiceProblems() blueprint.Problems {
	var ps blueprint.Problems
	if m.resumeLost != "" && m.startChoice == "resume" {
		ps = append(ps, blueprint.Problem{Path: "output.path", Severity: blueprint.SeverityWarning,
			Message: "the draft was opened from " + m.resumeLost + ", which no longer reads as a design file, so the design file is written beside the templates instead"})
	}
	if m.mode["kms"] == "existing" && m.d.Secret.KMSKeyARN == "" && !m.d.IsExisting() {
		ps = append(ps, blueprint.Problem{Path: "secret.kmsKeyArn", Severity: blueprint.SeverityError,
			Message: "is empty; give the key to use, or choose to create a dedicated key"})
	}
	if h := m.hostedLambda(); h != nil && h.Endpoint == "" && endpointMode(h, m.mode["endpoint"]) == endpointByID && len(h.VPCSubnetIDs) > 0 {
		ps = append(ps, blueprint.Problem{Path: "rotation.hostedRotationLambda.endpoint", Severity: blueprint.SeverityError,
			Message: endpointIDEmpty})
	}
	return append(ps, m.undecided()...)
}

// Update implements tea.Model. Every change to the model happens here,
// never in View: after the message, settle brings what View reads in line
// with it, and the preview's debounce starts when the design has changed.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.handle(msg)
	cmd = tea.Batch(cmd, m.takeDialogCmd())
	m.settle()
	return m, tea.Batch(cmd, m.schedulePreview(), m.scheduleDraft(), m.scheduleAWS())
}

func (m *Model) handle(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.awsMsg(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case dialogMsg:
		return m.dialogMsg(msg)
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.ed.Forget() // the editor's width follows the window
		m.resizeDialog()
		return m.relayoutDialog()
	case tea.KeyPressMsg:
		if m.dialog != nil {
			return m.dialogKey(msg)
		}
		return m.key(msg)
	case tea.PasteMsg:
		f, ok := m.focused()
		switch {
		case ok && f.kind == kindText:
			m.syncInput(f)
			if f.item != "" {
				msg.Content = listPaste(msg.Content)
			}
			_, w := f.widget()
			m.ed.Paste(w, host{m, f}, msg)
		case ok && (f.kind == kindChoice || f.kind == kindMulti):
			// A paste into a list is typed into its filter, as the
			// same words typed are (a list without one ignores them).
			if text := pastedWords(msg.Content); text != "" {
				return m.key(tea.KeyPressMsg{Text: text})
			}
		}
	case previewTickMsg:
		return m.previewTick(msg)
	case previewMsg:
		m.previewDone(msg)
	case draftTickMsg:
		return m.draftTick(msg)
	case draftSavedMsg:
		m.savedDraft(msg)
	case StopMsg:
		// As y on the quit question: the draft is saved now, since the
		// program ends next. On Start nothing is chosen yet, and the
		// draft there is left as it is, as line mode leaves it.
		if m.step != stepStart {
			m.saveDraft()
		}
		m.result.Aborted = true
		return tea.Quit
	}
	return nil
}

// settle brings the state View draws from in line with the last change:
// the focus on a field that exists, the text editor holding the focused
// field at the width it is drawn, the waiver choice on a rule that still
// fails, and the side pane scrolled no further than its end.
func (m *Model) settle() {
	defer m.settleDialog()
	fs := m.fields()
	if len(fs) > 0 {
		m.focus = min(max(m.focus, 0), len(fs)-1)
		if f := fs[m.focus]; f.kind == kindText {
			m.syncInput(f)
			m.ed.Input.SetWidth(m.inputWidth())
		}
	}
	if failing := m.failingRules(); len(failing) > 0 && (!m.waivePicked || optionIndex(failing, m.waiveRule) < 0) {
		m.waiveRule, m.waivePicked = failing[0].value, false
	}
	if _, side, pane := m.layout(); pane == "preview" && side > 0 {
		m.wrapPreview(side)
	}
	m.ensureAccess()
	w, _ := m.size()
	// The key line is drawn again only when something it depends on
	// changed: bubbles' help styles every item anew, and most keys change
	// none of it.
	if k, ok := m.keyLineKeyOf(fs, w); ok && k != m.keyLineFor {
		m.keyLine, m.keyLineFor = m.keyHelp(k, w), k
	}
	if n, ok := m.paneLines(); ok {
		m.previewTop = paneTop(m.previewTop, n, m.bodyHeight())
	}
}

// paneLines counts the lines of the side pane that scrolls, when one shows.
func (m *Model) paneLines() (int, bool) {
	_, side, pane := m.layout()
	if side == 0 {
		return 0, false
	}
	switch pane {
	case "preview":
		return len(m.previewLines(side)), true
	case "learn":
		return len(m.learnLines(side)), true
	case "access":
		return len(m.accessLines(side)), true
	}
	return 0, false
}

// key handles a key on a step: the wizard's own keys first, then the
// focused field's kind, whose answer says where the focus goes.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if m.showHelp {
		// A page longer than the screen scrolls with ↑/↓ and
		// pgup/pgdown; any other key closes it.
		if m.helpScrolls() {
			k := m.keys
			switch {
			case key.Matches(msg, k.Down):
				m.scrollHelp(1)
				return nil
			case key.Matches(msg, k.Up):
				m.scrollHelp(-1)
				return nil
			case key.Matches(msg, k.PageDown):
				m.scrollHelp(m.bodyHeight() - 2)
				return nil
			case key.Matches(msg, k.PageUp):
				m.scrollHelp(-(m.bodyHeight() - 2))
				return nil
			}
		}
		m.showHelp = false
		return nil
	}
	if m.tooSmall() {
		// Nothing of the form is on screen, so no key may change it
		// unseen; ctrl+c still asks whether to quit.
		if key.Matches(msg, m.keys.Quit) {
			m.askQuit()
		}
		return nil
	}
	f, hasField := m.focused()
	if hasField && f.kind == kindText {
		m.syncInput(f)
	}
	m.ed.Disarm()
	if cmd, ok := m.globalKey(msg, f, hasField); ok {
		return cmd
	}
	if m.step == stepDone && key.Matches(msg, m.keys.CopyDeploy) {
		if c := m.deployCommand(); c != "" {
			m.status = "copied the deploy command to the clipboard (OSC 52; a terminal without it copies nothing)"
			return tea.SetClipboard(c)
		}
	}
	if m.step == stepDone && hasField && f.kind == kindButton && key.Matches(msg, m.keys.Enter) {
		f.action()
		return tea.Quit
	}
	if !hasField {
		return nil
	}
	if len(f.browse) > 0 && key.Matches(msg, browseKey) {
		m.openPicker(f)
		return nil
	}
	kind, w := f.widget()
	m.navigate(kind.Key(w, &m.ed, host{m, f}, msg))
	return nil
}

// globalKey handles the keys that mean the same on every field: quitting,
// the side panes, help, scrolling and going back. It reports whether msg
// was one of them.
func (m *Model) globalKey(msg tea.KeyPressMsg, f field, hasField bool) (tea.Cmd, bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		m.askQuit()
	case key.Matches(msg, k.Access):
		// One scrolling pane at a time: the access pane and the preview
		// share the side column.
		m.showAccess = !m.showAccess
		m.showPreview = false
		m.previewTop = 0
	case key.Matches(msg, k.Preview):
		m.showPreview = !m.showPreview
		m.showAccess = false
		m.previewTop = 0
		if m.showPreview {
			return m.openPreview(), true
		}
	case key.Matches(msg, k.Checklist):
		on := !m.checklistOn()
		m.checklist = &on
	case key.Matches(msg, k.HelpKey), key.Matches(msg, k.Help) && !(hasField && m.questionMarkIsText(f)):
		m.showHelp, m.helpTop = hasField, 0
	case key.Matches(msg, k.PageDown):
		m.page(1)
	case key.Matches(msg, k.PageUp):
		m.page(-1)
	case key.Matches(msg, k.Continue):
		m.toContinue()
	case key.Matches(msg, k.Back) && m.ed.Filter != "":
		// esc first clears a list's filter, then goes back; a long list
		// chooses again what it held before the filter.
		if !hasField {
			m.ed.Reset()
			break
		}
		_, w := f.widget()
		m.ed.ClearFilter(w, host{m, f})
	case key.Matches(msg, k.Back):
		m.back()
	default:
		return nil, false
	}
	return nil, true
}

// formScroll is the hand-scrolled window of a step's form: its first line,
// for the step and focused field it was scrolled on.
type formScroll struct {
	on    bool
	step  step
	focus int
	top   int
}

// page scrolls by a screen, less two lines for context: down for dir 1,
// up for -1. The side pane takes the keys when it scrolls and is longer
// than the screen; otherwise the form does.
func (m *Model) page(dir int) {
	by := dir * (m.bodyHeight() - 2)
	if _, ok := m.paneScrolls(); ok {
		m.previewTop = max(0, m.previewTop+by)
		return
	}
	formW, _, _ := m.layout()
	if formW == 0 {
		// The side pane has the whole width and the form is not shown.
		m.previewTop = max(0, m.previewTop+by)
		return
	}
	height := m.bodyHeight()
	lines, focusStart, focusEnd := m.formContent(m.fields(), formW)
	if len(lines) <= height {
		return
	}
	top, _ := m.formWindow(len(lines), focusStart, focusEnd, height)
	top, _ = windowOf(len(lines), top+by, height)
	m.formScroll = formScroll{on: true, step: m.step, focus: m.focus, top: top}
}

// paneScrolls reports whether the side pane shown scrolls and is longer
// than the screen, so that pgup and pgdown are its keys; n is its length.
func (m *Model) paneScrolls() (n int, ok bool) {
	n, ok = m.paneLines()
	return n, ok && n > m.bodyHeight()-1
}

// paneCloseKey is the key that hides the side pane shown.
func (m *Model) paneCloseKey() string {
	_, _, pane := m.layout()
	switch pane {
	case "preview":
		return m.keys.Preview.Help().Key
	case "access":
		return m.keys.Access.Help().Key
	}
	return m.keys.Checklist.Help().Key
}

// navigate moves the focus where a field's kind said the key sends it.
func (m *Model) navigate(a form.Action) {
	switch a {
	case form.Enter:
		m.enterNext()
	case form.Next:
		m.moveFocus(1)
	case form.Prev:
		m.prevOrBack()
	case form.Up:
		m.moveFocus(-1)
	}
}

// focused returns the field that has focus. settle keeps the focus index
// within the fields the current step shows; the clamp here only covers the
// moment between a change that removed fields and the next settle.
func (m *Model) focused() (field, bool) {
	fs := m.fields()
	if len(fs) == 0 {
		return field{}, false
	}
	return fs[min(max(m.focus, 0), len(fs)-1)], true
}

func (m *Model) moveFocus(delta int) {
	n := len(m.fields())
	m.focus = min(max(m.focus+delta, 0), n-1)
	m.ed.Reset()
	m.status = ""
}

// enterNext moves to the next field, passing over the fields marked
// passOver (buttons that remove or add rows, which enter would press by
// surprise); when that is the step's Continue button, or the last question
// of the step with only buttons between it and Continue (add a tag, add a
// replica), enter continues at once, as people expect of a form.
func (m *Model) enterNext() {
	fs := m.fields()
	next := m.focus + 1
	for next < len(fs) && fs[next].passOver {
		next++
	}
	if next >= len(fs) {
		m.moveFocus(1)
		return
	}
	if c, ok := m.lastQuestion(fs, next); ok {
		before := m.step
		m.advance()
		if m.step == before {
			// Refused: show the reason on the Continue button, counted
			// from here, as fields may have come on the way (the secrets
			// of a template read by Continue on the Start step).
			status := m.status
			m.moveFocus(c - m.focus)
			m.status = status
		}
		return
	}
	m.moveFocus(next - m.focus)
}

// lastQuestion returns the index of the step's Continue button when fs
// from next on holds only buttons up to it, so the field before next is
// the step's last question.
func (m *Model) lastQuestion(fs []field, next int) (int, bool) {
	cont := m.stepKey() + "continue"
	for i := next; i < len(fs); i++ {
		switch {
		case fs[i].id == cont:
			return i, true
		case fs[i].kind != kindButton:
			return 0, false
		}
	}
	return 0, false
}

// continueID is the id of the button that leaves the screen forward: the
// step's Continue, the statement editor's way back to the list, the
// review's Write, the Done screen's Quit.
func (m *Model) continueID() string {
	switch {
	case m.step == stepPolicy && m.stmt >= 0:
		return fmt.Sprintf("stmt%d.done", m.stmt)
	case m.step == stepReview:
		return "review.write"
	case m.step == stepDone:
		return "done.quit"
	}
	return m.stepKey() + "continue"
}

// toContinue moves the focus to the screen's Continue button, or, when it
// is there already, presses it.
func (m *Model) toContinue() {
	id := m.continueID()
	if f, ok := m.focused(); ok && f.id == id {
		if m.step != stepDone {
			f.action()
		}
		return
	}
	m.focusID(id)
	m.status = ""
}

// prevOrBack moves to the previous field, or back a step from the first.
func (m *Model) prevOrBack() {
	if m.focus == 0 {
		m.back()
		return
	}
	m.moveFocus(-1)
}

// questionMarkIsText reports whether ? typed on the focused field f goes
// into it as a character rather than opening the field's help: in a text
// field whose value may hold ? (takesQuestionMark: a cron expression or an
// ArnLike pattern uses it) once it holds text. Everywhere else ? opens the
// help: a number field's "?" replaced the number (issue 22's third trial,
// Rotate every (days)), and a Secret Id, an ARN or a subnet id took a "?"
// its check then refused (D24). The key line names f1 exactly when this
// holds.
func (m *Model) questionMarkIsText(f field) bool {
	return f.kind == kindText && f.takesQuestionMark && m.ed.Input.Value() != ""
}

// focusID moves the focus to the field with the given id.
func (m *Model) focusID(id string) {
	for i, f := range m.fields() {
		if f.id == id {
			m.focus = i
			m.ed.Reset()
			return
		}
	}
}

// syncInput loads the focused text field's value into the editor when the
// focus has moved to another field since the last key.
func (m *Model) syncInput(f field) {
	_, w := f.widget()
	m.ed.Sync(w, host{m, f}, m.inputWidth())
}

// inputWidth is the width of the text editor: the value column of the form,
// less the cell its cursor takes past the end.
func (m *Model) inputWidth() int {
	return max(10, m.formWidth()-labelWidth-3) - 1
}

// text is what text field f shows: the design's value, or the text typed
// that could not be read while its error stands. Only an error still in
// localErr keeps the text, so whatever clears the error clears it too.
func (m *Model) text(f field) string {
	if m.localErr[f.id] != "" {
		if s, ok := m.localText[f.id]; ok {
			return s
		}
	}
	return f.get()
}

func (m *Model) applySet(f field, v string) {
	marked := m.clearUnread(f)
	if err := f.set(v); err != nil {
		m.localErr[f.id] = m.setError(f, err)
		m.localText[f.id] = v
	} else {
		delete(m.localErr, f.id)
		delete(m.localText, f.id)
	}
	marked()
	m.status = ""
	m.refresh()
}

// choose sets a value picked from f's options, and has the editor reload,
// since the fields around it may have changed.
func (m *Model) choose(f field, v string) {
	m.applySet(f, v)
	m.ed.Forget()
}

// back goes to the previous screen: from a statement to the list of
// statements, or to the previous step. It is always allowed.
func (m *Model) back() {
	m.status = ""
	if m.step == stepPolicy && m.stmt >= 0 {
		i := m.stmt
		m.stmt = -1
		// A condition left empty (a stray enter on + Add a condition)
		// goes now, so the list does not show its errors.
		m.pruneEmptyRows()
		m.ed.Forget()
		m.focusID(fmt.Sprintf("stmt%d", i))
		return
	}
	if !m.canGoBack() {
		if m.step != stepDone {
			// esc is offered on every step: said, not silent.
			m.status = noEarlierStep
		}
		return
	}
	m.gotoStep(m.steps()[m.stepIndex()-1])
}

// noEarlierStep is what going back from the first step says.
const noEarlierStep = "there is no earlier step: this is the first"

// canGoBack reports whether back goes anywhere: not from the first step,
// nor from Done, but always from a statement to the policy's list.
func (m *Model) canGoBack() bool {
	if m.step == stepPolicy && m.stmt >= 0 {
		return true
	}
	return m.stepIndex() > 0 && m.step != stepDone
}

// advance goes to the next step when the current one has no errors.
func (m *Model) advance() {
	m.pruneEmptyRows()
	if n := m.stepErrors(); n > 0 {
		// Rule findings show beside the errors but do not block: the
		// count says errors, and the findings are told apart from them.
		m.status = fmt.Sprintf("fix the %d %s before you continue (esc goes back)", n, plural(n, "error", "errors"))
		if f, ok := m.firstErrorField(); ok {
			// The first is named and focused, so the user starts there.
			if name := fieldName(f); name != "" {
				m.status = fmt.Sprintf("fix the %d %s before you continue, the first at %s (esc goes back)",
					n, plural(n, "error", "errors"), blueprint.ShortText(name, 40))
			}
			m.focusID(f.id)
		} else {
			// No field shows it (the policy's size): it is drawn above
			// the step's fields, which may be far above the focus.
			m.status = fmt.Sprintf("fix the %d %s before you continue, shown above the step's fields (pgup) (esc goes back)",
				n, plural(n, "error", "errors"))
		}
		if k := m.stepFindings(); k > 0 {
			m.status += fmt.Sprintf("; the %d rule %s can wait for the review", k, plural(k, "finding", "findings"))
		}
		return
	}
	if m.mustAskDraft() {
		m.askDraft()
		return
	}
	if m.step == stepStart && !m.applyStart() {
		return
	}
	if m.step == stepStart && m.startChoice == "resume" && m.resumeWhere() {
		return
	}
	steps := m.steps()
	i := m.stepIndex()
	if i+1 < len(steps) {
		m.gotoStep(steps[i+1])
	}
}

// gotoStep shows another step and saves the draft at once, so the draft
// of a finished step does not wait for the autosave's debounce.
func (m *Model) gotoStep(s step) {
	m.step, m.focus, m.stmt = s, 0, -1
	m.ed.Reset()
	m.ed.Forget()
	m.previewTop = 0
	if s != stepDone {
		m.saveDraft()
	}
}

// stepErrors counts the error-level problems that keep the user on this
// step: Validate's errors on the step's fields and values that could not be
// read. Rule findings do not count; they are settled at the review.
// firstErrorField is the first field on screen with an error that blocks
// the step (as stepErrors counts them: no rule finding, nothing only the
// chosen format refuses).
func (m *Model) firstErrorField() (field, bool) {
	for _, f := range m.fields() {
		if m.localErr[f.id] != "" {
			return f, true
		}
		for _, p := range m.fieldProblems(f) {
			if p.Severity == blueprint.SeverityError && p.Rule == "" && !m.formatOnly(p) {
				return f, true
			}
		}
	}
	return field{}, false
}

// fieldName is how the status line names field f: its question, or the
// button's or summary row's words.
func fieldName(f field) string {
	if t := strings.TrimSpace(f.q.title); t != "" {
		return t
	}
	return strings.TrimSpace(f.label)
}

func (m *Model) stepErrors() int {
	n := 0
	ids := map[string]bool{}
	for _, f := range m.fields() {
		ids[f.id] = true
	}
	for id := range m.localErr {
		if ids[id] || strings.HasPrefix(id, m.stepKey()) {
			n++
		}
	}
	for _, p := range m.problems {
		if p.Severity == blueprint.SeverityError && p.Rule == "" && m.stepOwns(p.Path) && !m.formatOnly(p) {
			n++
		}
	}
	return n
}

// formatOnly reports whether p is a problem of the chosen format alone
// (formatProblems), which only the write refuses.
func (m *Model) formatOnly(p blueprint.Problem) bool { return slices.Contains(m.formatProblems, p) }

// stepFindings counts the rule findings shown on this step.
func (m *Model) stepFindings() int {
	n := 0
	for _, p := range m.problems {
		if p.Rule != "" && m.stepOwns(p.Path) {
			n++
		}
	}
	return n
}

func (m *Model) stepKey() string { return fmt.Sprintf("step%d.", m.step) }

// stepPrefixes lists the design paths each step answers for.
func (m *Model) stepPrefixes() []string { return m.prefixesOf(m.step) }

// prefixesOf is stepPrefixes for step s; a policy step other than the
// current one owns the whole policy.
func (m *Model) prefixesOf(s step) []string {
	switch s {
	case stepStart:
		if m.startChoice == "existing" {
			return []string{"secret.existingSecretArn", "secret.secretId"}
		}
	case stepSecret:
		return []string{"name", "secret.secretId", "secret.description", "secret.region", "secret.generateSecretString",
			"secret.recoveryWindowDays", "secret.tags", "secret.replicaRegions"}
	case stepEncryption:
		return []string{"secret.kmsKeyArn"}
	case stepPolicy:
		if m.stmt >= 0 && s == m.step {
			return []string{blueprint.StatementPath(m.stmt)}
		}
		return []string{"resourcePolicy"}
	case stepRotation:
		// The database is asked with the hosted function (databaseFields).
		return []string{"rotation", "secret.database"}
	case stepMonitoring:
		return []string{"monitoring"}
	case stepReview:
		return []string{"waivers", "output"}
	}
	return nil
}

func (m *Model) stepOwns(path string) bool {
	if path == "resourcePolicy" && m.step == stepPolicy {
		// The policy as a whole (its size) is every statement's
		// business: the one being edited may be what makes it too long.
		return true
	}
	for _, pre := range m.stepPrefixes() {
		if under(path, pre) {
			return true
		}
	}
	return false
}

// stepOf is the step whose screen asks about path, and whether there is
// one.
func (m *Model) stepOf(path string) (step, bool) {
	for _, s := range m.steps() {
		for _, pre := range m.prefixesOf(s) {
			if under(path, pre) {
				return s, true
			}
		}
	}
	return stepReview, false
}

// otherStepErrors are the design's errors that steps before the review
// ask about: a later answer can make an earlier one invalid (the JSON
// template's username against the database user), and the review must
// say which and where before it refuses to write.
func (m *Model) otherStepErrors() blueprint.Problems {
	var out blueprint.Problems
	for _, p := range m.problems {
		if p.Severity != blueprint.SeverityError || p.Rule != "" || m.formatOnly(p) {
			continue
		}
		if s, ok := m.stepOf(p.Path); !ok || s != stepReview {
			out = append(out, p)
		}
	}
	return out
}

// under reports whether path is base or lies below it.
func under(path, base string) bool {
	if !strings.HasPrefix(path, base) {
		return false
	}
	rest := path[len(base):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// applyStart carries out the Start choice when leaving the Start step:
// loading the draft or a design file the first time they are chosen.
func (m *Model) applyStart() bool {
	switch m.startChoice {
	case "resume":
		if m.loaded["resume"] {
			return true
		}
		d, st, err := m.draft.read()
		if err != nil {
			m.localErr["start.choice"] = err.Error()
			return false
		}
		*m.d = *d
		hereOutput(m.d, m.opts.Dir)
		m.loaded["resume"] = true
		m.imp.unread = st.Unread
		m.resumeDropped = resumedNotKept(st.Dropped)
		m.status = m.resumeDropped
		if w := st.Waiver; w != nil {
			m.pickWaiveRule(w.Rule)
			m.waiveWhy = w.Reason
		}
		maps.Copy(m.mode, st.Modes)
		m.resumedFrom, m.resumeLost = "", ""
		if st.Opened != "" {
			// Written back into only while it is still a design file:
			// a draft names it, and the write replaces it unasked.
			// Shown from the working directory, as when it was opened
			// (issue 22's fourth trial, J9).
			if _, err := readDesignFile(m.draft.files, st.Opened); err == nil {
				m.resumedFrom = herePath(st.Opened, m.opts.Dir)
			} else {
				m.resumeLost = herePath(st.Opened, m.opts.Dir)
			}
		}
		m.draft.resume = &st
		m.adoptOutput()
	case "open":
		if m.loaded["open"] {
			return true
		}
		path := m.mode["start.file"]
		if path == "" {
			m.localErr["start.file"] = "give the path of a design file"
			return false
		}
		d, err := readDesignFile(m.draft.files, path)
		if err != nil {
			m.localErr["start.file"] = err.Error()
			return false
		}
		*m.d = *d
		if o := m.d.Output; o != nil {
			// The file holds its path relative to itself; the wizard
			// shows and writes paths from the current directory.
			o.Path = designfile.OutputPath(path, o.Path)
		}
		m.loaded["open"] = true
		m.adoptOutput()
	case "import":
		if !m.applyImport() {
			return false
		}
	}
	delete(m.localErr, "start.choice")
	delete(m.localErr, "start.file")
	m.refresh()
	return true
}

// setStart switches the Start choice. The design of each choice is kept, so
// switching back finds the answers where they were.
func (m *Model) setStart(v string) {
	if v == m.startChoice {
		return
	}
	m.startStash[m.startChoice] = *m.d
	m.switchUnread(m.startChoice, v)
	m.startChoice = v
	if saved, ok := m.startStash[v]; ok {
		*m.d = saved
	} else if v == "new" {
		*m.d = newDesign()
	} else if v == "existing" {
		*m.d = existingDesign()
	}
	m.mode = map[string]string{"start.file": m.mode["start.file"], "start.import": m.mode["start.import"], "start.secret": m.mode["start.secret"]}
}

// write renders and writes the files through opts.Write.
func (m *Model) write() {
	// The choices' errors too: what a choice asks for that the design
	// cannot show (an imported key nobody chose, undecided) must not be
	// written as the design's default.
	if errs := append(m.d.Validate().Errors(), m.choiceProblems().Errors()...); len(errs) > 0 {
		m.status = fmt.Sprintf("the design has %d %s; go back and fix them first", len(errs), plural(len(errs), "error", "errors"))
		s, ok := m.stepOf(errs[0].Path)
		here := 0
		for _, e := range errs {
			if es, ok := m.stepOf(e.Path); ok && es == stepReview {
				here++
			}
		}
		if here == len(errs) {
			// On this step's own fields (Write to): nothing to go back to.
			m.status = fmt.Sprintf("the design has %d %s on this step, shown above; fix %s first",
				len(errs), plural(len(errs), "error", "errors"), plural(len(errs), "it", "them"))
		}
		if ok && s != stepReview {
			m.status = fmt.Sprintf("the design has %d %s, listed above; esc goes back to the %s step to fix them",
				len(errs), plural(len(errs), "error", "errors"), stepText[s].title)
		}
		return
	}
	if b := m.report.Blocking(); len(b) > 0 {
		m.status = fmt.Sprintf("%d blueprint %s not met: fix, or waive with a reason", len(b), plural(len(b), "finding is", "findings are"))
		return
	}
	if ps := m.formatProblems; len(ps) > 0 {
		m.status = formatLabels[m.format] + " cannot be written: " + pathLabel(ps[0].Path) + ": " + onScreen(ps[0].Message)
		return
	}
	if m.opts.Write == nil {
		m.status = "this wizard has no writer"
		return
	}
	if m.askOutside() {
		return
	}
	if m.askRefused() {
		return
	}
	m.writeFiles(m.force)
}

// writeFiles writes through opts.Write. Files that exist, when force is
// off, are named in a question (askOverwrite) rather than refused.
func (m *Model) writeFiles(force bool) {
	w, err := m.opts.Write(m.sessionContext(), m.aws.acct, m.d, m.format, m.outputPath(), force, m.designFile())
	var exist *ExistingFiles
	if err != nil && !force && errors.As(err, &exist) && len(exist.Paths) > 0 {
		m.askOverwrite(exist.Paths)
		if w.Recovered != "" {
			m.status = w.Recovered
		}
		return
	}
	if err != nil {
		m.status = err.Error()
		if w.Recovered != "" {
			m.status = w.Recovered + "; then: " + m.status
		}
		return
	}
	m.written = w
	m.aws.writtenRefused = m.refusedNow()
	m.result.Done = true
	m.removeDraft()
	m.gotoStep(stepDone)
}

// adoptOutput offers the design's remembered output (Design.Output, its
// path from the current directory) as the Review step's format and path:
// a design opened, or a draft resumed, is written where it was last time.
func (m *Model) adoptOutput() {
	o := m.d.Output
	if o == nil {
		return
	}
	if f, err := generate.ParseFormat(o.Format); err == nil {
		m.format = f
	}
	m.output, m.readers = o.Path, o.ReaderPolicies
}

// rememberOutput records the Review step's format and path in the design,
// so a draft keeps them, as the saved design does (the writer records what
// it wrote).
func (m *Model) rememberOutput() {
	m.d.Output = &blueprint.Output{Format: string(m.format), Path: m.output, ReaderPolicies: m.readers}
}

// outputPath is the chosen output path, or one derived from the design.
func (m *Model) outputPath() string {
	if m.output != "" {
		return m.output
	}
	return defaultOutput(m.d, m.format)
}

// switchFormat moves the Review step to format f: the path becomes the
// one f had when the step last switched away from it, if the path is
// still the one that switch made; otherwise it is retargeted. A -> B -> A
// gave a-tf -> a-tf.cfn.yaml -> a-tf-terraform, a directory nobody chose.
func (m *Model) switchFormat(f generate.Format) {
	if f == m.format {
		return
	}
	next := retarget(m.output, m.format, f)
	if prev, ok := m.formatPaths[f]; ok && m.output == m.switched {
		next = prev
	}
	if m.formatPaths == nil {
		m.formatPaths = map[generate.Format]string{}
	}
	m.formatPaths[m.format] = m.output
	m.output, m.switched, m.format = next, next, f
}

// formatSuffixes are the endings a path written in each format takes,
// the one defaultOutput (blueprint's DefaultOutputPath) gives first.
var formatSuffixes = map[generate.Format][]string{
	generate.CloudFormation:     {".cfn.yaml", ".cfn.yml", ".yaml", ".yml"},
	generate.CloudFormationJSON: {".cfn.json", ".json"},
	generate.Terraform:          {"-terraform"},
}

// retarget moves an output path chosen for one format to another when its
// shape does not fit the new one: a design opened with a remembered
// prod-db.cfn.yaml, switched to Terraform, must not write a directory
// named prod-db.cfn.yaml. The path keeps its directory and stem and takes
// the new format's ending (prod-db-terraform). A path that fits both, or
// an empty one (the default follows the format anyway), is left alone.
func retarget(path string, from, to generate.Format) string {
	if path == "" || from == to || fitsFormat(path, to) {
		return path
	}
	// The ending cut is any format's, the format the path was chosen under
	// first: a path typed with another format's ending (x.cfn.yaml while
	// Terraform was chosen) would otherwise keep it and stack a second.
	stem := path
	for _, f := range append([]generate.Format{from}, generate.Formats...) {
		if s, ok := cutFormatSuffix(path, f); ok {
			stem = s
			break
		}
	}
	return stem + formatSuffixes[to][0]
}

// cutFormatSuffix cuts the first of format f's endings that path has, when
// something other than a directory is left.
func cutFormatSuffix(path string, f generate.Format) (string, bool) {
	for _, suf := range formatSuffixes[f] {
		if s, ok := strings.CutSuffix(path, suf); ok && s != "" && !strings.HasSuffix(s, "/") {
			return s, true
		}
	}
	return "", false
}

// fitsFormat reports whether path has the shape of an output of format f:
// a .yaml or .yml file, a .json file, or (Terraform) a directory, which has
// neither ending.
func fitsFormat(path string, f generate.Format) bool {
	ext := strings.ToLower(filepath.Ext(path))
	switch f {
	case generate.CloudFormation:
		return ext == ".yaml" || ext == ".yml"
	case generate.CloudFormationJSON:
		return ext == ".json"
	}
	return ext != ".yaml" && ext != ".yml" && ext != ".json"
}

func defaultOutput(d *blueprint.Design, f generate.Format) string {
	return d.DefaultOutputPath(string(f))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// deployCommand is the command that deploys what was written: the first
// line of Written.Next, without what follows it. It holds paths and the
// stack's name, never a value of the secret.
func (m *Model) deployCommand() string {
	c, _, _ := strings.Cut(m.written.Next, "\n")
	c, _, _ = strings.Cut(c, "; ")
	return strings.TrimSpace(c)
}
