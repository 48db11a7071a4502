package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/store"
)

// draft is this session's hold on the draft file. The session locks the
// draft when it starts, so a second wizard on the same state directory
// neither overwrites nor removes it: that one runs without a draft, and
// says so.
//
// Saves are prepared on the event loop (prepare: a copy of the design and
// where the user is) and written by write, which may run in a tea.Cmd on
// another goroutine: the autosave does. Everything write touches besides
// the file is in w, under its lock, or set once in openDraft; what the
// rest of the model reads (saved, err, aside) is set on the event loop
// from write's answer, in savedDraft.
type draft struct {
	path  string
	files store.FS
	// dir is Options.Dir, the root of the output path a draft keeps.
	dir    string
	unlock func()
	// busy is set when another running session holds the draft.
	busy bool
	// saved is true while the file holds this session's latest answers;
	// refused is why the draft file cannot be replaced (not a regular
	// file), known when the session opens.
	refused error
	// err is why the latest save failed.
	saved bool
	err   error
	// mine is set once a save of this session was written: the draft at
	// path is then this session's own, which Start does not offer to
	// resume (it is what the session is writing).
	mine bool
	// earlier is set when a draft was there before this session saved
	// one; aside is where it was kept, once this session's first save
	// moved it out of the way (issue 11: a new design must not silently
	// replace the draft of another).
	earlier bool
	aside   string
	// seq numbers the saves prepared; applied is the newest whose answer
	// savedDraft took.
	seq, applied int
	// found is what the draft there at the start says about itself, and
	// label the Start screen's choice made from it; resume is where it
	// stopped, until resuming uses it.
	found  draftState
	label  string
	resume *draftState
	w      *draftWriter
	// broken is why the draft there at the start cannot be resumed (its
	// YAML does not parse, it is empty, it cannot be read): Start says so
	// and offers no resume, and the first save keeps it aside at
	// unreadablePath, as it is (issue 22: a corrupt draft was offered as
	// resumable, and resuming it failed).
	broken error
}

// draftWriter is the state of the draft's writes, shared by the event loop
// and the commands that save in the background.
type draftWriter struct {
	mu sync.Mutex
	// wrote is the newest save written: an older one that finishes later
	// (an autosave overtaken by the save of a quit) is dropped, so the
	// file never goes back to older answers.
	wrote int
	// aside is where the earlier draft was kept.
	aside string
	// closed is set once the draft is removed or released: a save still
	// on its way then writes nothing, so it can neither bring back a
	// draft whose files were written nor replace the draft of the session
	// that takes the lock next.
	closed bool
}

// draftState is where a session stopped, kept in the draft's first line
// (draftHeader) so the next session resumes there: the step and field
// that had focus, the statement being edited (counted from 1; 0 is the
// list of statements), and when the draft was saved. It is a YAML
// comment, so the draft stays a design file that generate and check read
// as any other, and the one atomic save of the file writes both.
type draftState struct {
	Saved     time.Time `json:"saved"`
	Step      string    `json:"step,omitempty"`
	Statement int       `json:"statement,omitempty"`
	Field     string    `json:"field,omitempty"`
	// Unread are the values of an imported design still unread
	// (importState.unread), bounded (keptUnread), so a resumed draft
	// marks them and its checklist says cannot verify as before.
	Unread []Unread `json:"unread,omitempty"`
	// Waiver is a waiver reason typed at the review and not yet added,
	// with the rule chosen for it: outside the design until added, and
	// as much the user's typing as any field's. Bounded as the rest.
	Waiver *pendingWaiver `json:"waiver,omitempty"`
	// Modes are the choices the design alone does not tell (keptModes),
	// such as "Its endpoint id" before an id is typed, so a resumed
	// draft shows the choice the user made.
	Modes map[string]string `json:"modes,omitempty"`
	// Opened is the design file the session opened (Model.designFile),
	// from the root, so a resumed draft is written back into it as the
	// session would have been (issue 22's fourth trial: it went to a new
	// NAME.design.yaml beside the templates, the opened file left as it
	// was). Resuming trusts it only while it still reads as a design file.
	Opened string `json:"opened,omitempty"`
	// Dropped are the paths of the values this save left out as possible
	// secret material (DropSecretMaterial), said on resume (trial8a W6).
	Dropped []string `json:"dropped,omitempty"`
	// name is the secret's name in the draft, read with it; it is not
	// written, since the design holds it.
	name string
}

// draftHeader starts the draft's first line, which holds its draftState
// as JSON.
const draftHeader = "# secretsmith wizard: "

// stepNames name the steps in the draft, so a draft keeps its meaning if
// steps are added.
var stepNames = map[step]string{
	stepSecret: "secret", stepEncryption: "encryption", stepPolicy: "policy",
	stepRotation: "rotation", stepMonitoring: "monitoring", stepReview: "review",
}

// encodeDraft is the draft file: its state line, then the design file.
func encodeDraft(d *blueprint.Design, st draftState) ([]byte, error) {
	data, err := designfile.Save(d)
	if err != nil {
		return nil, err
	}
	line, err := json.Marshal(st)
	if err != nil {
		return nil, err
	}
	return append([]byte(draftHeader+string(line)+"\n"), data...), nil
}

// decodeDraftState reads the state line of a draft. A draft without one
// (saved by an older secretsmith) or with one that does not read resumes
// on its first step, as drafts did before.
func decodeDraftState(data []byte) draftState {
	var st draftState
	line, _, _ := strings.Cut(string(data), "\n")
	rest, ok := strings.CutPrefix(line, draftHeader)
	if !ok || json.Unmarshal([]byte(rest), &st) != nil {
		return draftState{}
	}
	st.Unread = keptUnread(st.Unread)
	st.Dropped = keptDropped(st.Dropped)
	if w := st.Waiver; w != nil {
		st.Waiver = &pendingWaiver{Rule: blueprint.ShortText(w.Rule, maxUnreadText), Reason: blueprint.ShortText(w.Reason, maxWaiverText)}
	}
	st.Modes = keptModes(st.Modes)
	if len(st.Opened) > maxOpenedPath {
		st.Opened = ""
	}
	return st
}

// maxOpenedPath bounds the opened file's path a draft keeps: PATH_MAX on
// Linux, past which no file can be opened by it anyway.
const maxOpenedPath = 4096

// pendingWaiver is the review's waiver being typed (Model.waiveRule and
// waiveWhy), as the draft keeps it.
type pendingWaiver struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// maxWaiverText bounds a pending waiver's reason in the draft: a little
// more than a reason may hold (blueprint.ValidateWaiverReason), so one
// typed too long comes back with its error rather than cut to fit.
const maxWaiverText = 1100

// draftModes are the choices a draft keeps, each with the values it may
// hold: those whose answer the design does not always show (an endpoint id
// or key ARN still to type, a database resource still to name). Anything
// else in a draft's state line is dropped as it is read.
var draftModes = map[string][]string{
	"endpoint": {"create", blueprint.EndpointExisting, blueprint.EndpointNAT, endpointByID},
	"kms":      {"create", "existing"},
	"database": {"host", "target"},
	"schedule": {"days", "expression"},
}

// keptModes is the part of modes a draft keeps (draftModes); nil when
// none is.
func keptModes(modes map[string]string) map[string]string {
	var out map[string]string
	for k, v := range modes {
		if slices.Contains(draftModes[k], v) {
			if out == nil {
				out = map[string]string{}
			}
			out[k] = v
		}
	}
	return out
}

func openDraft(opts Options) *draft {
	dr := &draft{path: opts.DraftPath, files: opts.Files, dir: opts.Dir, w: &draftWriter{}}
	if dr.files == nil {
		dr.files = store.OS{}
	}
	if dr.path == "" {
		return dr
	}
	// What a save does is tried first, so Start says the answers will
	// not be saved, not the first keystroke (trial7b V3). A HOME that
	// does not exist is not made by the lock either (V17).
	probe := dr.files.Drafts().Probe(dr.path, opts.DraftRoot)
	if errors.Is(probe, store.ErrNoRoot) {
		dr.err = stateDirError(filepath.Dir(dr.path), probe)
		return dr
	}
	unlock, err := dr.files.Drafts().Lock(dr.path)
	switch {
	case errors.Is(err, store.ErrLocked):
		dr.busy = true
		dr.err = fmt.Errorf("%w %s, so this one does not save its answers", err, dr.path)
	case err != nil:
		dr.err = stateDirError(filepath.Dir(dr.path), err)
	default:
		dr.unlock = unlock
		dr.earlier = dr.files.Drafts().Exists(dr.path)
		// A draft that is not a regular file is never replaced, and a
		// directory that takes no file keeps none: said on the Start
		// screen, not only after the first answer.
		if probe != nil {
			dr.refused = draftError(probe)
		}
	}
	if dr.exists() {
		if d, st, err := dr.read(); err == nil {
			st.name = d.DisplayName()
			dr.found = st
		} else {
			dr.broken = err
		}
	}
	return dr
}

// resumable reports whether Start offers the draft there to resume: one
// exists, no other session holds it, and it reads as a design.
func (dr *draft) resumable() bool {
	return dr.exists() && dr.broken == nil
}

// unreadablePath is where a draft that cannot be resumed is kept when this
// session saves its own: draft.yaml becomes draft.unreadable.yaml, apart
// from the readable draft kept at asidePath, which it must not replace.
func unreadablePath(path string) string {
	return unreadableName(path, 1)
}

// maxUnreadable bounds how many unreadable drafts are kept side by side;
// past it the draft is not replaced, and the words say why.
const maxUnreadable = 99

// unreadableName is the n-th place an unreadable draft may be kept:
// draft.unreadable.yaml, then draft.unreadable-2.yaml, and so on.
func unreadableName(path string, n int) string {
	if n == 1 {
		return strings.TrimSuffix(path, ".yaml") + ".unreadable.yaml"
	}
	return strings.TrimSuffix(path, ".yaml") + ".unreadable-" + strconv.Itoa(n) + ".yaml"
}

// unreadableFree is the first of those places nothing is kept at yet, and
// its number: one kept before is never replaced (trial8b X8).
func (dr *draft) unreadableFree(from int) (string, int) {
	n := from
	for n < maxUnreadable && dr.files.Drafts().Exists(unreadableName(dr.path, n)) {
		n++
	}
	return unreadableName(dr.path, n), n
}

// brokenNote says on Start that the saved draft cannot be resumed, why,
// and where it will be kept, or is "" when there is no such draft.
func (dr *draft) brokenNote() string {
	if dr.broken == nil {
		return ""
	}
	to, n := dr.unreadableFree(1)
	note := "the saved draft " + dr.path + " cannot be resumed (" + dr.broken.Error() + "); your first answer keeps it, as it is, at " + to
	switch {
	case n == 2:
		note += " (" + unreadablePath(dr.path) + " holds one kept before, which stays as it is)"
	case n > 2:
		note += " (" + unreadablePath(dr.path) + " to " + unreadableName(dr.path, n-1) + " hold ones kept before, which stay as they are)"
	}
	return note
}

// stateDirError says why the draft's directory dir cannot hold a draft,
// in words (err is store's WriteError when the store could say what
// happened) and with the way out: another state directory.
func stateDirError(dir string, err error) error {
	what := err.Error()
	var we *store.WriteError
	if errors.As(err, &we) {
		what = we.What
	}
	return fmt.Errorf("no draft can be kept in %s: %s; set XDG_STATE_HOME to a directory you can write", dir, what)
}

// asidePath is where an earlier draft is kept when a session that did
// not resume it saves its own: draft.yaml becomes draft.previous.yaml.
func asidePath(path string) string {
	return strings.TrimSuffix(path, ".yaml") + ".previous.yaml"
}

// keepAside copies the earlier draft, as it is, to asidePath before this
// session's first save replaces it, and returns where. A draft that
// cannot be read is not replaced. It runs in write, under w's lock.
func (dr *draft) keepAside() (string, error) {
	if dr.broken != nil {
		// Kept as it is, where it replaces no readable draft: moved,
		// not read, since it may be too large to read (trial7b V8).
		// A name taken since Start (or by something not a regular
		// file, which Exists does not count) is passed over: Move
		// never replaces what is there.
		for to, n := dr.unreadableFree(1); ; to, n = dr.unreadableFree(n + 1) {
			err := dr.files.Drafts().Move(dr.path, to)
			if err == nil {
				return to, nil
			}
			taken := errors.Is(err, store.ErrExists) || errors.Is(err, store.ErrNotRegular)
			if !taken || n >= maxUnreadable {
				return "", fmt.Errorf("the earlier draft %s could not be kept aside (%v), so it is not replaced", dr.path, err)
			}
		}
	}
	data, err := dr.files.Drafts().Load(dr.path)
	to := asidePath(dr.path)
	switch {
	case err == nil && designfile.Decode(dr.path, data).Design == nil:
		err = errors.New("it is empty")
	}
	if err == nil {
		err = dr.files.Drafts().Save(to, data)
	}
	if err != nil {
		return "", fmt.Errorf("the earlier draft %s could not be kept aside (%v), so it is not replaced", dr.path, err)
	}
	return to, nil
}

// exists reports whether there is a draft to offer: not one another
// running session holds (it is that session's, and still changing).
func (dr *draft) exists() bool {
	return dr.path != "" && !dr.busy && dr.files.Drafts().Exists(dr.path)
}

// unsaved says, for the Start screen, why this session's answers will not
// be saved, or returns "" when they will be: there is no state directory
// (noDraft), it cannot be written, or another session holds the draft.
func (dr *draft) unsaved(noDraft string) string {
	switch {
	case dr.path == "" && noDraft != "":
		return "your answers will not be saved: " + noDraft
	case dr.path != "" && dr.unlock == nil && dr.err != nil:
		return "your answers will not be saved: " + dr.err.Error()
	case dr.refused != nil:
		return "your answers will not be saved: " + dr.refused.Error()
	}
	return ""
}

// read loads the draft and where it stopped. A draft may be half done,
// so only its structure must be sound.
func (dr *draft) read() (*blueprint.Design, draftState, error) {
	data, err := dr.files.Drafts().Load(dr.path)
	if err != nil {
		return nil, draftState{}, err
	}
	f := designfile.Decode(dr.path, data)
	if errs := f.Structure.Errors(); len(errs) > 0 {
		return nil, draftState{}, errs[:1]
	}
	if f.Design == nil {
		return nil, draftState{}, errors.New("the draft is empty")
	}
	return f.Design, decodeDraftState(data), nil
}

// draftSavedMsg is write's answer: save seq was written (err nil), failed,
// or was dropped (stale) because a newer one was written first or the
// draft was closed.
type draftSavedMsg struct {
	seq   int
	err   error
	aside string
	stale bool
}

// draftJob is one save, prepared on the event loop: everything write
// needs, copied, so it can run while the user goes on typing.
type draftJob struct {
	seq     int
	d       *blueprint.Design
	st      draftState
	resumed bool
}

// prepare makes the save of d, resumed telling whether this session
// resumed the draft there (which is then not kept aside). ok is false
// when there is nothing to save to; a draft another session holds gives
// its reason as the answer at once.
func (dr *draft) prepare(d *blueprint.Design, st draftState, resumed bool) (job draftJob, answer draftSavedMsg, ok bool) {
	if dr.path == "" {
		return draftJob{}, draftSavedMsg{}, false
	}
	dr.seq++
	if dr.busy || dr.unlock == nil {
		return draftJob{}, draftSavedMsg{seq: dr.seq, err: dr.err}, false
	}
	c := d.Clone()
	// A template holding a password is refused on screen; it is not
	// written to the draft either (issue 22).
	st.Dropped = keptDropped(c.DropSecretMaterial())
	// Nor does a refused paste too long for any field (trial7b V8).
	c.DropOverlong()
	rootOutput(c, dr.dir)
	return draftJob{seq: dr.seq, d: c, st: st, resumed: resumed}, draftSavedMsg{}, true
}

// rootOutput makes the output path d remembers (Design.Output) absolute.
// The wizard holds it from the working directory, and a design file from
// its own directory; the draft is neither, since it lives in the state
// directory and is resumed from wherever secretsmith runs next. From the
// root, the path names the same place for the next session, and for
// generate or check reading the draft as a design file.
func rootOutput(d *blueprint.Design, dir string) {
	if d.Output == nil || d.Output.Path == "" || filepath.IsAbs(d.Output.Path) || !filepath.IsAbs(dir) {
		return
	}
	d.Output.Path = filepath.Join(dir, d.Output.Path)
}

// hereOutput is rootOutput undone for a resumed draft: an output path
// inside the working directory is shown from it again, as the session
// that saved it in the same place showed it; one elsewhere stays absolute.
func hereOutput(d *blueprint.Design, dir string) {
	if d.Output != nil {
		d.Output.Path = herePath(d.Output.Path, dir)
	}
}

// herePath is path, saved from the root, shown from dir again when it is
// inside it; elsewhere it stays absolute.
func herePath(path, dir string) string {
	if !filepath.IsAbs(path) || !filepath.IsAbs(dir) {
		return path
	}
	if rel, err := filepath.Rel(dir, path); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return path
}

// write saves j, unless a newer save was written first or the draft was
// closed. The first save of a session that did not resume the earlier
// draft keeps that one aside first. It may run on any goroutine.
func (dr *draft) write(j draftJob) draftSavedMsg {
	w := dr.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || j.seq <= w.wrote {
		return draftSavedMsg{seq: j.seq, stale: true}
	}
	if dr.earlier && !j.resumed && w.aside == "" {
		aside, err := dr.keepAside()
		if err != nil {
			return draftSavedMsg{seq: j.seq, err: err}
		}
		w.aside = aside
	}
	data, err := encodeDraft(j.d, j.st)
	if err == nil && len(data) > designfile.MaxFileSize {
		// A draft is written only when it can be read back: one past
		// the reader's limit would lose every answer on resume
		// (trial7b V8). The last save stays.
		err = fmt.Errorf("the answers take %d bytes, and a draft may hold at most %d (1 MiB); the last draft saved is kept: shorten the longest value", len(data), designfile.MaxFileSize)
	}
	if err == nil {
		err = dr.files.Drafts().Save(dr.path, data)
	}
	if err == nil {
		w.wrote = j.seq
	}
	return draftSavedMsg{seq: j.seq, err: err, aside: w.aside}
}

// remove deletes the draft when this session holds it, and stops every
// later save: the files were written.
func (dr *draft) remove() {
	if dr.path == "" || dr.unlock == nil {
		return
	}
	dr.w.mu.Lock()
	defer dr.w.mu.Unlock()
	dr.w.closed = true
	if err := dr.files.Drafts().Remove(dr.path); err == nil {
		dr.saved = false
	}
}

// kept says where this session's answers are: the draft path when its
// latest save succeeded, or why not.
func (dr *draft) kept() (path, problem string) {
	if dr.saved {
		return dr.path, ""
	}
	if dr.err != nil {
		return "", dr.err.Error()
	}
	return "", ""
}

// promise is what the quit screen may say about the answers: kept in the
// draft only when this session can save it.
func (dr *draft) promise() string {
	switch {
	case dr.path == "":
		return ""
	case dr.unlock == nil || dr.busy:
		return " Your answers cannot be kept: " + shown(dr.err.Error()) + "."
	case dr.err != nil:
		return " The last save of the draft failed (" + shown(dr.err.Error()) + "); quitting tries again, and says whether your answers were kept."
	}
	msg := " Your answers are kept in the draft at " + shown(dr.path) + " and offered the next time you start secretsmith."
	if dr.aside != "" {
		msg += " The draft you had before is kept at " + shown(dr.aside) + "."
	}
	return msg
}

// answersKept reports whether quitting now leaves answers in the draft
// for the user to come back to: past the Start step, where quitting saves
// them, or on it after this session saved some (a step gone back from).
// On Start with nothing saved there is nothing to promise.
func (m *Model) answersKept() bool {
	return m.draft.path != "" && (m.step != stepStart || m.draft.saved)
}

// Close releases the draft for other sessions. Call it when the session
// is over.
func (m *Model) Close() {
	if m.draft != nil && m.draft.unlock != nil {
		m.draft.w.mu.Lock()
		m.draft.w.closed = true
		m.draft.w.mu.Unlock()
		m.draft.unlock()
		m.draft.unlock = nil
	}
}

// readDesignFile reads a design file chosen on the Start screen, which must
// load cleanly. Its error lists every error of the file, one a line, as
// check FILE does: the Start screen shows each under the field (the form
// scrolls), where it showed the first and "(and 2 more)" with no way to
// see the others.
func readDesignFile(files store.FS, path string) (*blueprint.Design, error) {
	f, err := files.ReadDesign(path)
	if err != nil {
		return nil, err
	}
	errs := f.Diagnostics().Errors()
	if len(errs) > 0 {
		lines := make([]string, len(errs))
		for i, e := range errs {
			lines[i] = e.String()
		}
		return nil, errors.New(strings.Join(lines, "\n"))
	}
	return f.Design, nil
}

// saveDraft writes the design to the draft file now, on the event loop:
// for a quit, a stop by a signal, and line mode, which has no event loop.
// A design the file format cannot hold yet (such as a tag key typed
// twice), a draft another session holds, or a failed write is not saved,
// and the status line says so.
func (m *Model) saveDraft() {
	job, answer, ok := m.draft.prepare(m.d, m.draftState(), m.loaded["resume"])
	if ok {
		answer = m.draft.write(job)
	}
	m.savedDraft(answer)
	m.draftAsked = m.draftWant()
}

// savedDraft takes the answer of a save: the newest answer decides what
// the quit screen and Result say about the draft.
func (m *Model) savedDraft(msg draftSavedMsg) {
	dr := m.draft
	if msg.seq == 0 || msg.stale || msg.seq < dr.applied {
		return
	}
	dr.applied = msg.seq
	dr.saved, dr.err = msg.err == nil, draftError(msg.err)
	if msg.err != nil {
		m.status = "draft not saved: " + dr.err.Error()
		return
	}
	dr.mine = true
	if msg.aside != dr.aside {
		dr.aside = msg.aside
		m.status = "the draft you had before is kept at " + dr.aside
	}
}

func (m *Model) removeDraft() { m.draft.remove() }

// draftDebounce is how long the draft waits after a change before it is
// saved. A save writes and syncs a file, which costs more than a render,
// so it waits for a pause longer than the gaps between a typist's keys
// (under 150 ms, see previewDebounce): a burst of typing is saved once.
// Half a second is also all a kill -9 or a closed terminal can take: the
// draft holds every answer given up to half a second before.
const draftDebounce = 500 * time.Millisecond

// draftKey names what a save holds: the design at revision rev, and where
// the user is.
type draftKey struct {
	rev   int
	step  step
	stmt  int
	field string
}

// draftTickMsg ends the debounce started for a key.
type draftTickMsg draftKey

// draftWant is what the draft should hold now.
func (m *Model) draftWant() draftKey {
	k := draftKey{rev: m.rev, step: m.step, stmt: m.stmt}
	if f, ok := m.focused(); ok {
		k.field = f.id
	}
	return k
}

// draftState is where the user is now, to resume there.
func (m *Model) draftState() draftState {
	st := draftState{Saved: m.now().UTC().Truncate(time.Second), Step: stepNames[m.step]}
	if m.step == stepPolicy && m.stmt >= 0 {
		st.Statement = m.stmt + 1
	}
	if f, ok := m.focused(); ok {
		st.Field = f.id
	}
	st.Unread = keptUnread(m.activeUnread())
	if m.waiveWhy != "" {
		st.Waiver = &pendingWaiver{Rule: m.waiveRule, Reason: blueprint.ShortText(m.waiveWhy, maxWaiverText)}
	}
	st.Modes = keptModes(m.mode)
	if f := m.designFile(); f != "" {
		st.Opened = m.resolved(f)
	}
	return st
}

// scheduleDraft starts the draft's debounce when the design, the step or
// the focused field changed since the last save was asked for. Update
// calls it after every message, so no change needs to remember to. The
// Start screen has nothing of its own to save (the design there is not
// chosen yet, and saving it would replace the draft being offered), and
// after Done the draft is gone.
func (m *Model) scheduleDraft() tea.Cmd {
	if m.draft.unlock == nil || m.step == stepStart || m.step == stepDone {
		return nil
	}
	want := m.draftWant()
	if want == m.draftAsked {
		return nil
	}
	m.draftAsked = want
	return m.tick(draftDebounce, func(time.Time) tea.Msg { return draftTickMsg(want) })
}

// draftTick saves the draft in a command when nothing changed since the
// debounce started; otherwise a later change has a debounce of its own
// running, and this one is dropped.
func (m *Model) draftTick(msg draftTickMsg) tea.Cmd {
	if draftKey(msg) != m.draftWant() || m.step == stepDone {
		return nil
	}
	job, answer, ok := m.draft.prepare(m.d, m.draftState(), m.loaded["resume"])
	if !ok {
		m.savedDraft(answer)
		return nil
	}
	dr := m.draft
	return func() tea.Msg { return dr.write(job) }
}

// resumeLabel is the Start screen's resume choice: whose draft it is and
// when it was saved. New sets it once, from the draft there at the start,
// so drawing reads no clock.
func (m *Model) resumeLabel() string {
	st := m.draft.found
	if st.name == "" {
		return "Resume the saved draft"
	}
	// The name is capped so the choice fits its row at the smallest
	// window (a list option is one line), and escaped: it comes from the
	// draft, which holds whatever a design file's name held.
	label := "Resume the draft of " + blueprint.ShortText(shown(st.name), 24)
	if !st.Saved.IsZero() {
		label += ", " + savedWhen(st.Saved, m.now())
	}
	return label
}

// now is the session's clock (Options.Now).
func (m *Model) now() time.Time {
	if m.opts.Now != nil {
		return m.opts.Now()
	}
	return time.Now()
}

// savedWhen says when a draft was saved, in the clock's time zone, as
// briefly as the distance allows: "saved 14:32 today", "saved 09:05
// yesterday", "saved 3 Nov at 18:00", and from another year "saved 3 Nov
// 2025".
func savedWhen(t, now time.Time) string {
	t = t.In(now.Location())
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	switch {
	case day(t) == day(now):
		return "saved " + t.Format("15:04") + " today"
	case day(t) == day(now.AddDate(0, 0, -1)):
		return "saved " + t.Format("15:04") + " yesterday"
	case t.Year() == now.Year():
		return "saved " + t.Format("2 Jan") + " at " + t.Format("15:04")
	}
	return "saved " + t.Format("2 Jan 2006")
}

// resumeWhere moves a session that just resumed its draft to the step,
// statement and field it stopped on, when the draft says and that step is
// one this design has. It reports whether it moved.
func (m *Model) resumeWhere() bool {
	st := m.draft.resume
	m.draft.resume = nil
	if st == nil || st.Step == "" {
		return false
	}
	for _, s := range m.steps() {
		if s == stepStart || s == stepDone || stepNames[s] != st.Step {
			continue
		}
		m.gotoStep(s)
		if s == stepPolicy && st.Statement > 0 && st.Statement <= len(m.statements()) {
			m.stmt = st.Statement - 1
		}
		m.focusID(st.Field)
		return true
	}
	return false
}

// draftError words the store's refusal of a draft that is not a regular
// file for the wizard, which has no --force: what to do is remove it.
func draftError(err error) error {
	var nr *store.NotRegularError
	if errors.As(err, &nr) {
		return fmt.Errorf("%s is %s, and secretsmith replaces only regular files: remove it, or choose another state directory (XDG_STATE_HOME)", nr.Path, nr.Kind)
	}
	return err
}
