package tui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

// clockAt is an Options.Now that always says t.
func clockAt(t time.Time) func() time.Time { return func() time.Time { return t } }

// The clock the draft tests save and resume by: 14:32:05 on 2 December,
// an hour east of UTC, so a time written in UTC must come back local.
var draftClock = time.Date(2026, 12, 2, 14, 32, 5, 0, time.FixedZone("CET", 3600))

// readDraft reads the draft file as the next session does: the design
// (which must load as a design file, with no error, for generate and
// check) and where the session stopped.
func readDraft(t *testing.T, path string) (*blueprint.Design, draftState) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read draft: %v", err)
	}
	f := designfile.Decode(path, data)
	if errs := f.Structure.Errors(); len(errs) > 0 || f.Design == nil {
		t.Fatalf("the draft does not load as a design file: %v\n%s", errs, data)
	}
	return f.Design, decodeDraftState(data)
}

// autosaving returns a model on the Secret step of a new secret, its draft
// saved at the returned path on draftClock, with its debounces held; it is
// closed when the test ends.
func autosaving(t *testing.T) (*Model, string, *heldTicks) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path, Now: clockAt(draftClock)}))
	t.Cleanup(m.Close)
	press(t, m, "enter")
	held := &heldTicks{t: t}
	m.tick = held.tick
	return m, path, held
}

// heldTicks is a Model.tick that holds each debounce's message instead of
// firing it, so a test fires them when it chooses, in any order.
type heldTicks struct {
	t    *testing.T
	msgs []tea.Msg
}

func (h *heldTicks) tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	if d != draftDebounce {
		h.t.Fatalf("a debounce of %v started; only the draft's (%v) was expected", d, draftDebounce)
	}
	h.msgs = append(h.msgs, fn(time.Time{}))
	return nil
}

// Issue 11, item 3: the draft was written only on a step change or a quit,
// so a kill lost the step in progress. Typing into a field now saves the
// draft, with no step change, and the draft says where the user was.
func TestAutosaveSavesWhatIsTyped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path, Now: clockAt(draftClock)}))
	defer m.Close()
	press(t, m, "enter") // Start: design a new secret
	onStep(t, m, stepSecret, "after Start")
	typeText(t, m, "prod/db")
	press(t, m, "tab")
	typeText(t, m, "the payments database")
	d, st := readDraft(t, path)
	if d.Secret.SecretID != "prod/db" || d.Secret.Description != "the payments database" {
		t.Errorf("draft holds Secret Id %q, Description %q; want what was typed", d.Secret.SecretID, d.Secret.Description)
	}
	want := draftState{Saved: draftClock.UTC(), Step: "secret", Field: "secret.description"}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("draft state = %+v, want %+v", st, want)
	}
}

// The save waits for the debounce, is written by a command and not by
// Update, and a debounce overtaken by a later change saves nothing.
func TestAutosaveIsDebouncedAndWrittenByACommand(t *testing.T) {
	m, path, held := autosaving(t)
	for _, k := range []string{"p", "r"} {
		if cmd := update(m, keyMsg(t, k)); cmd != nil {
			t.Fatalf("typing %q returned a command; want only a debounce started", k)
		}
	}
	if len(held.msgs) != 2 {
		t.Fatalf("%d debounces started for two keys, want 2", len(held.msgs))
	}
	if d, _ := readDraft(t, path); d.Secret.SecretID != "" {
		t.Fatalf("the draft holds %q before any debounce ended: Update wrote it", d.Secret.SecretID)
	}
	if cmd := update(m, held.msgs[0]); cmd != nil {
		t.Errorf("the first debounce, overtaken by the second key, started a save")
	}
	cmd := update(m, held.msgs[1])
	if cmd == nil {
		t.Fatal("the last debounce started no save")
	}
	if d, _ := readDraft(t, path); d.Secret.SecretID != "" {
		t.Fatalf("the draft holds %q before the save command ran", d.Secret.SecretID)
	}
	runCmds(t, m, cmd)
	if d, _ := readDraft(t, path); d.Secret.SecretID != "pr" {
		t.Errorf("after the save command the draft holds %q, want pr", d.Secret.SecretID)
	}
	// Keys that change nothing (a help toggle) start no debounce.
	n := len(held.msgs)
	update(m, keyMsg(t, "ctrl+t"))
	if len(held.msgs) != n {
		t.Errorf("a key that changed neither the design nor the focus started a save")
	}
}

// An autosave overtaken by a later save (here the quit's) is dropped when
// it finally runs, so the draft never goes back to older answers; and one
// still on its way when the files are written does not bring the draft
// back.
func TestAutosaveNeverGoesBack(t *testing.T) {
	m, path, held := autosaving(t)
	update(m, keyMsg(t, "a"))
	old := update(m, held.msgs[0])
	if old == nil {
		t.Fatal("no save started")
	}
	update(m, keyMsg(t, "b"))
	update(m, keyMsg(t, "ctrl+c"))
	if cmd := update(m, keyMsg(t, "y")); cmd == nil || cmd() != tea.Quit() {
		t.Fatal("ctrl+c, y did not quit")
	}
	runCmds(t, m, old)
	if d, _ := readDraft(t, path); d.Secret.SecretID != "ab" {
		t.Errorf("the draft holds %q after a late autosave, want ab, the quit's", d.Secret.SecretID)
	}
	if r := m.Result(); r.Draft != path {
		t.Errorf("Result().Draft = %q (%s), want %s", r.Draft, r.DraftError, path)
	}

	update(m, keyMsg(t, "c"))
	late := update(m, held.msgs[len(held.msgs)-1])
	m.removeDraft() // what a successful write does
	runCmds(t, m, late)
	if _, err := os.Stat(path); err == nil {
		t.Errorf("an autosave that ran after the files were written brought the draft back")
	}
}

// SIGTERM and SIGHUP reach the model as StopMsg: it saves the draft at
// once, with what was typed before any debounce ended, and quits as
// aborted.
func TestStopSavesTheDraftAtOnce(t *testing.T) {
	m, path, _ := autosaving(t)
	for _, k := range []string{"x", "y", "z"} {
		update(m, keyMsg(t, k))
	}
	cmd := update(m, StopMsg{})
	if cmd == nil || cmd() != tea.Quit() {
		t.Errorf("StopMsg did not quit")
	}
	if !m.Result().Aborted || m.Result().Draft != path {
		t.Errorf("Result() = Aborted %v, Draft %q; want aborted, with the draft kept", m.Result().Aborted, m.Result().Draft)
	}
	if d, st := readDraft(t, path); d.Secret.SecretID != "xyz" || st.Field != "secret.secretId" {
		t.Errorf("after StopMsg the draft holds %q at %q, want xyz at secret.secretId", d.Secret.SecretID, st.Field)
	}
}

// The next session's Start screen names the draft's secret and when it was
// saved, and resuming lands on the step and field the user left, with
// what they typed there.
func TestResumeLandsWhereTheUserLeft(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path, Now: clockAt(draftClock)}))
	press(t, m, "enter")
	typeText(t, m, "prod/db")
	press(t, m, "tab")
	typeText(t, m, "the payments db")
	m.Close()

	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{draftClock.Add(3 * time.Hour), "Resume the draft of prod-db, saved 14:32 today"},
		{draftClock.AddDate(0, 0, 1), "Resume the draft of prod-db, saved 14:32 yesterday"},
		{draftClock.AddDate(0, 0, 10), "Resume the draft of prod-db, saved 2 Dec at 14:32"},
		{draftClock.AddDate(0, 1, 0), "Resume the draft of prod-db, saved 2 Dec 2026"},
	} {
		m := sized(New(nil, Options{DraftPath: path, Now: clockAt(c.now), NoColor: true}))
		contains(t, screen(m), c.want)
		m.Close()
	}
	m = sized(New(nil, Options{DraftPath: path, Now: clockAt(draftClock.Add(time.Hour)), NoColor: true}))
	defer m.Close()
	press(t, m, "enter")
	onStep(t, m, stepSecret, "after resuming")
	focusIs(t, m, "secret.description")
	if got := m.ed.Input.Value(); got != "the payments db" {
		t.Errorf("the focused field holds %q, want the payments db", got)
	}
	// Going back to Start and on again does not jump a second time.
	press(t, m, "esc")
	onStep(t, m, stepStart, "after esc")
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	focusIs(t, m, "secret.secretId")
}

// A draft saved inside a policy statement resumes inside it, on its field;
// a draft whose step or field this design does not have (a step name from
// another version, a field id gone) resumes on the first step or field.
func TestResumeInsideAStatementAndWithUnknownPlaces(t *testing.T) {
	dir := t.TempDir()
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{
		{Effect: "Allow", Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:role/a"}}, Action: []string{"secretsmanager:GetSecretValue"}},
		{Effect: "Allow", Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:role/b"}}, Action: []string{"secretsmanager:GetSecretValue"}},
	}}
	// The field to land on: the third of the second statement.
	probe := sized(New(&d, Options{DesignFile: "d.yaml"}))
	probe.gotoStep(stepPolicy)
	probe.stmt = 1
	field := probe.fields()[2].id

	for _, c := range []struct {
		name string
		st   draftState
		step step
		stmt int
		want string
	}{
		{"statement", draftState{Step: "policy", Statement: 2, Field: field}, stepPolicy, 1, field},
		{"statement gone", draftState{Step: "policy", Statement: 7, Field: field}, stepPolicy, -1, ""},
		{"unknown step", draftState{Step: "nowhere", Field: field}, stepSecret, -1, "secret.secretId"},
		{"unknown field", draftState{Step: "rotation", Field: "no.such.field"}, stepRotation, -1, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name+".yaml")
			data, err := encodeDraft(&d, c.st)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			m := sized(New(nil, Options{DraftPath: path}))
			defer m.Close()
			press(t, m, "enter")
			onStep(t, m, c.step, "after resuming")
			if m.stmt != c.stmt {
				t.Errorf("editing statement %d, want %d", m.stmt, c.stmt)
			}
			want := c.want
			if want == "" {
				want = m.fields()[0].id
			}
			focusIs(t, m, want)
		})
	}
}

// Line mode offers the draft with the same words, and resumes on the step
// the draft was saved on.
func TestLineModeResumesOnTheDraftsStep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	d := newDesign()
	d.Secret.SecretID = "old/one"
	data, err := encodeDraft(&d, draftState{Saved: draftClock.Add(-24 * time.Hour), Step: "rotation", Field: "rotation.enabled"})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	_, err = RunAccessible(nil, Options{DraftPath: path, Now: clockAt(draftClock)}, strings.NewReader("resume\n"), &out)
	if err == nil {
		t.Fatal("RunAccessible ended without error at the end of its input")
	}
	got := out.String()
	if !strings.Contains(got, "4. Resume the draft of old-one, saved 14:32 yesterday [resume]") {
		t.Errorf("Start does not name the draft and its time:\n%s", got)
	}
	_, after, _ := strings.Cut(got, "Step 1 of 8: Start")
	if !strings.Contains(after, "Step 5 of 8: Rotation") || strings.Contains(after, "Step 2 of 8") {
		t.Errorf("line mode did not resume on the Rotation step:\n%s", got)
	}
}

func TestSavedWhen(t *testing.T) {
	now := draftClock
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{now.Add(-time.Minute), "saved 14:31 today"},
		{time.Date(2026, 12, 2, 0, 10, 0, 0, time.UTC), "saved 01:10 today"}, // 23:10 UTC the day before is today here
		{time.Date(2026, 12, 1, 22, 59, 0, 0, time.UTC), "saved 23:59 yesterday"},
		{time.Date(2026, 11, 3, 17, 0, 0, 0, time.UTC), "saved 3 Nov at 18:00"},
		{time.Date(2025, 12, 31, 12, 0, 0, 0, time.UTC), "saved 31 Dec 2025"},
	} {
		if got := savedWhen(c.t, now); got != c.want {
			t.Errorf("savedWhen(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}

// The state line is a comment: a draft is a design file generate and
// check read in strict mode, and a line that is not the wizard's, or does
// not read, is no state at all.
func TestDraftStateLine(t *testing.T) {
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.Rotation = nil // a design without open questions, so any diagnostic is the state line's
	st := draftState{Saved: draftClock.UTC(), Step: "policy", Statement: 2, Field: "stmt1.principal\n# injected"}
	data, err := encodeDraft(&d, st)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.SplitN(string(data), "\n", 3); !strings.HasPrefix(lines[0], draftHeader+"{") || !strings.HasPrefix(lines[1], "# secretsmith design file") {
		t.Errorf("the state is not one comment line:\n%s", data)
	}
	f := designfile.Decode("draft.yaml", data)
	if ds := f.Diagnostics(); len(ds) > 0 || f.Design.Secret.SecretID != "prod/db" {
		t.Errorf("the draft does not read as a design file: %v", ds)
	}
	if got := decodeDraftState(data); !reflect.DeepEqual(got, st) {
		t.Errorf("decodeDraftState = %+v, want %+v", got, st)
	}
	for _, bad := range []string{"version: 1\n", "# secretsmith wizard: {not json\nversion: 1\n", "# a comment\n" + string(data)} {
		if got := decodeDraftState([]byte(bad)); !reflect.DeepEqual(got, draftState{}) {
			t.Errorf("decodeDraftState(%q) = %+v, want nothing", bad, got)
		}
	}
}

// Once this session's first save has kept the earlier draft aside, the
// Start screen no longer says it will be: it was.
func TestStartStopsPromisingToKeepTheDraftAsideOnceKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nsecret:\n  secretId: old/one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{DraftPath: path, NoColor: true}))
	defer m.Close()
	m.choose(fieldByID(t, m, "start.choice"), "new")
	contains(t, formText(m), "the saved draft will be kept at")
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter", "k") // keep it aside (askDraft)
	typeText(t, m, "new/two")
	if _, err := os.Stat(asidePath(path)); err != nil {
		t.Fatalf("the earlier draft was not kept aside: %v", err)
	}
	press(t, m, "esc")
	onStep(t, m, stepStart, "after esc")
	if s := formText(m); strings.Contains(s, "will be kept at") {
		t.Errorf("Start still promises to keep aside a draft already kept:\n%s", s)
	}
}

// A stop on the Start screen, where nothing is chosen yet, leaves the
// draft offered there as it was, and says nothing was kept. So do Ctrl+C
// and y: they saved this session's empty design over it ("Resume the
// draft of secret" was offered next, the answers of prod-payments-db
// moved to draft.previous.yaml without a word), and the quit question and
// the exit said "your answers are kept" of answers never given (issue
// 22's fifth trial).
func TestStopOnStartLeavesTheDraft(t *testing.T) {
	for _, how := range []string{"stop", "quit"} {
		path := filepath.Join(t.TempDir(), "draft.yaml")
		old := []byte("version: 1\nsecret:\n  secretId: old/one\n")
		if err := os.WriteFile(path, old, 0o600); err != nil {
			t.Fatal(err)
		}
		m := sized(New(nil, Options{DraftPath: path, NoColor: true}))
		defer m.Close()
		press(t, m, "down") // the choice moves off the draft
		var msg tea.Msg = StopMsg{}
		if how == "quit" {
			press(t, m, "ctrl+c")
			if s := strings.Join(strings.Fields(screen(m)), " "); !strings.Contains(s, "Quit the wizard?") || strings.Contains(s, "Your answers are kept") {
				t.Errorf("the quit question on Start promises answers never given:\n%s", screen(m))
			}
			msg = tea.KeyPressMsg{Code: 'y', Text: "y"}
		}
		if cmd := update(m, msg); cmd == nil || cmd() != tea.Quit() {
			t.Errorf("%s did not quit", how)
		}
		if got, _ := os.ReadFile(path); string(got) != string(old) {
			t.Errorf("a %s on Start replaced the draft with %q", how, got)
		}
		if _, err := os.Stat(asidePath(path)); err == nil {
			t.Errorf("a %s on Start moved the draft aside", how)
		}
		if r := m.Result(); !r.Aborted || r.Draft != "" {
			t.Errorf("%s: Result() = Aborted %v, Draft %q; want aborted, no draft claimed", how, r.Aborted, r.Draft)
		}
	}
}

// Issue 22's trial, round two: a waiver reason typed but not yet added is
// part of where the user was: a draft saved then (a kill -9, ctrl+c)
// resumes on the reason's field with the reason and the rule it was for.
func TestResumeKeepsATypedWaiverReason(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: "payments"}}
	d.Rotation, d.Secret.RecoveryWindowDays = nil, new(int)
	m := sized(New(&d, Options{DraftPath: path}))
	m.gotoStep(stepReview)
	failing := m.failingRules()
	if len(failing) < 2 {
		t.Fatalf("want two failing rules to choose from, have %v", failing)
	}
	m.focusID("review.waiveRule")
	press(t, m, "right") // the second rule not met
	m.focusID("review.waiveReason")
	const why = "rotation is done by the vendor's own job; accepted by secops"
	typeText(t, m, why)
	m.Close()

	m = sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	press(t, m, "enter")
	onStep(t, m, stepReview, "after resuming")
	focusIs(t, m, "review.waiveReason")
	if m.waiveWhy != why || m.waiveRule != failing[1].value {
		t.Errorf("resumed with waiver %q for %q, want %q for %q", m.waiveWhy, m.waiveRule, why, failing[1].value)
	}
}

// Line mode's draft names the question that was being asked, and resuming
// it starts at that question, as the screens do: it named the step's first
// field, and resuming asked every question of the step again from Secret
// Id (issue 22's second trial: Ctrl+C at Password length, then resume).
func TestLineModeResumesOnTheExactField(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	// new, Secret Id, Description kept empty, Region; the input ends at
	// Password length, which saves the draft.
	_, err := RunAccessible(nil, Options{DraftPath: path}, strings.NewReader("new\nline/test\n\neu-west-1\n"), &strings.Builder{})
	if err == nil {
		t.Fatal("RunAccessible ended without error at the end of its input")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st := decodeDraftState(data)
	if st.Step != "secret" || st.Field != "secret.generateSecretString.passwordLength" {
		t.Fatalf("the draft says step %q field %q, want the secret step's password length", st.Step, st.Field)
	}

	var out strings.Builder
	RunAccessible(nil, Options{DraftPath: path}, strings.NewReader("resume\n"), &out)
	_, after, _ := strings.Cut(out.String(), "Step 2 of 8: Secret")
	if after == "" {
		t.Fatalf("line mode did not resume on the Secret step:\n%s", out.String())
	}
	if strings.Contains(after, "Secret Id:") || strings.Contains(after, "Region:") {
		t.Errorf("resuming asked the questions before Password length again:\n%s", after)
	}
	if !strings.Contains(after, "Resuming at Password length.") || !strings.Contains(after, "Password length:") {
		t.Errorf("resuming did not say where, or did not ask Password length:\n%s", after)
	}
}

// While line mode waits for an answer, the draft names the question being
// asked, so a kill -9 there resumes on it: the draft was saved after each
// answer, with the answered question still the focus, and a kill -9 while
// Region was asked resumed at Description (issue 22's fifth trial).
func TestLineModeDraftNamesTheQuestionWaitedOn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	asked := make(chan struct{})
	out := &watchWriter{want: "Region:", seen: asked}
	in := io.MultiReader(strings.NewReader("new\nkill/nine\ntyped then killed\n"), blockUntil{ctx})
	done := make(chan struct{})
	go func() {
		defer close(done)
		RunAccessibleContext(ctx, nil, Options{DraftPath: path}, in, out)
	}()
	select {
	case <-asked:
	case <-time.After(testwait.Left(t)):
		t.Fatal("line mode never asked Region")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := decodeDraftState(data); st.Step != "secret" || st.Field != "secret.region" {
		t.Errorf("while Region is asked the draft says step %q field %q, want secret.region", st.Step, st.Field)
	}
	cancel()
	<-done
}

// watchWriter closes seen once what is written holds want.
type watchWriter struct {
	mu   sync.Mutex
	b    strings.Builder
	want string
	seen chan struct{}
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	had := strings.Contains(w.b.String(), w.want)
	w.b.Write(p)
	if !had && strings.Contains(w.b.String(), w.want) {
		close(w.seen)
	}
	return len(p), nil
}

// blockUntil is a terminal nobody types in, until ctx ends.
type blockUntil struct{ ctx context.Context }

func (b blockUntil) Read([]byte) (int, error) {
	<-b.ctx.Done()
	return 0, io.EOF
}
