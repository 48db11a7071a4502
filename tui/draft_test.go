package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/store"
)

// busyDrafts is the file system with the draft held by another running
// session: its lock is refused.
type busyDrafts struct{ store.OS }

func (busyDrafts) Drafts() store.Drafts { return busyLock{store.OS{}.Drafts()} }

type busyLock struct{ store.Drafts }

func (busyLock) Lock(string) (func(), error) { return nil, store.ErrLocked }

// A second session on a draft another session holds neither overwrites nor
// removes it, and says that its own answers are not kept.
func TestDraftHeldByAnotherSessionIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "draft.yaml")
	theirs := []byte("version: 1\nsecret:\n  secretId: theirs/one\n")
	if err := os.WriteFile(draft, theirs, 0o600); err != nil {
		t.Fatal(err)
	}
	answers := append([]string{"new"}, secretAnswers("prod/db")[1:]...)
	res, err := RunAccessible(nil, Options{DraftPath: draft, Files: busyDrafts{}}, lines(answers...), &strings.Builder{})
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded", err)
	}
	if !strings.Contains(err.Error(), "not kept") || strings.Contains(err.Error(), "are in the draft") {
		t.Errorf("error %q claims the answers were kept", err)
	}
	if res.Draft != "" || !strings.Contains(res.DraftError, "another secretsmith session") {
		t.Errorf("Result.Draft = %q, DraftError = %q", res.Draft, res.DraftError)
	}
	if got, _ := os.ReadFile(draft); string(got) != string(theirs) {
		t.Errorf("the other session's draft became %q", got)
	}
}

// A draft that cannot be saved is reported, and the session does not claim
// the answers were kept.
func TestUnsavableDraftIsReported(t *testing.T) {
	dir := t.TempDir()
	// The state directory cannot be made: its parent is a file (a mode
	// would not stop root, which the tests may run as).
	blocker := filepath.Join(dir, "state")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(blocker, "secretsmith", "draft.yaml")
	answers := append(secretAnswers("prod/db"), "", "", "y")
	res, err := RunAccessible(nil, Options{DraftPath: draft}, lines(answers...), &strings.Builder{})
	if !errors.Is(err, ErrInputEnded) || !strings.Contains(err.Error(), "not kept") {
		t.Errorf("RunAccessible = %v, want ErrInputEnded saying the answers were not kept", err)
	}
	if res.Draft != "" || res.DraftError == "" {
		t.Errorf("Result.Draft = %q, DraftError = %q; want no draft and the reason", res.Draft, res.DraftError)
	}
}

// A draft planted as a symlink is not offered, so its target is never read
// or quoted back.
func TestSymlinkedDraftIsNotOffered(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere.yaml")
	if err := os.WriteFile(target, []byte("version: 1\nsecret:\n  secretId: from/target\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(dir, "draft.yaml")
	if err := os.Symlink(target, draft); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	RunAccessible(nil, Options{DraftPath: draft}, strings.NewReader("resume\n"), &out)
	if strings.Contains(out.String(), "Resume the saved draft") || strings.Contains(out.String(), "from/target") {
		t.Errorf("the symlinked draft was offered or read:\n%s", out.String())
	}
}

// The quit screen promises the draft only when this session can save it
// (past the Start screen, which keeps nothing: TestQuitOnStartLeavesTheDraft).
func TestQuitScreenPromisesOnlyAKeepableDraft(t *testing.T) {
	dir := t.TempDir()
	m := sized(New(nil, Options{DraftPath: filepath.Join(dir, "draft.yaml"), Files: busyDrafts{}, NoColor: true}))
	press(t, m, "enter", "ctrl+c")
	if s := screen(m); strings.Contains(s, "are kept in the draft") || !strings.Contains(s, "cannot be kept") {
		t.Errorf("quit screen with the draft held elsewhere:\n%s", s)
	}
	m = sized(New(nil, Options{DraftPath: filepath.Join(dir, "mine.yaml"), NoColor: true}))
	defer m.Close()
	press(t, m, "enter", "ctrl+c")
	if s := screen(m); !strings.Contains(strings.Join(strings.Fields(s), " "), "are kept in the draft") {
		t.Errorf("quit screen with a draft it can save:\n%s", s)
	}
}

// A state directory that cannot be made is said in words, with the way
// out, on the Start screen: not the system call's "mkdir ...: not a
// directory".
func TestStateDirThatCannotBeMadeSaidInWords(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{DraftPath: filepath.Join(file, "secretsmith", "draft.yaml")}))
	defer m.Close()
	s := m.draft.unsaved("")
	if !strings.Contains(screen(m), "XDG_STATE_HOME") {
		t.Errorf("the Start screen does not show why answers will not be saved:\n%s", screen(m))
	}
	for _, want := range []string{"your answers will not be saved: no draft can be kept in", "a part of the path is a file, not a directory", "set XDG_STATE_HOME"} {
		if !strings.Contains(s, want) {
			t.Errorf("the Start screen says %q, not %q", s, want)
		}
	}
	if strings.Contains(s, "mkdir") {
		t.Errorf("the Start screen shows the system call: %s", s)
	}
}

// Issue 22, item 9: without a place to save, the first screen says the
// answers will not be saved; a second wizard on the same state directory
// does not offer the draft the first one holds, and says it will not
// save.
func TestStartSaysAnswersNotSaved(t *testing.T) {
	m := sized(New(nil, Options{NoDraft: NoDraftReason("", "")}))
	flat := formText(m)
	if !strings.Contains(flat, "your answers will not be saved") || !strings.Contains(flat, "HOME") {
		t.Errorf("without HOME the Start screen does not say answers are not saved:\n%s", screen(m))
	}

	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	m = sized(New(nil, Options{DraftPath: filepath.Join(blocker, "secretsmith", "draft.yaml")}))
	if flat := formText(m); !strings.Contains(flat, "your answers will not be saved") {
		t.Errorf("with a state directory that cannot be made the Start screen says nothing:\n%s", screen(m))
	}

	path := filepath.Join(dir, "state", "draft.yaml")
	first := sized(New(nil, Options{DraftPath: path}))
	defer first.Close()
	press(t, first, "enter")
	typeText(t, first, "prod/first")
	first.saveDraft()
	// busyDrafts holds the lock as another process would (within one
	// process the lock is shared by design).
	second := sized(New(nil, Options{DraftPath: path, Files: busyDrafts{}}))
	defer second.Close()
	if second.draftFound || second.startChoice == "resume" {
		t.Errorf("the second wizard offers the draft the first holds:\n%s", screen(second))
	}
	flat = formText(second)
	if strings.Contains(flat, "prod/first") || !strings.Contains(flat, "your answers will not be saved") {
		t.Errorf("the second wizard's Start screen:\n%s", screen(second))
	}
}

// A wizard opened on a design file or an import starts past the Start
// screen, so its first screen says the answers will not be saved, on the
// status line (round-three trial: --design-from with another session
// holding the draft said nothing until the Review step).
func TestOpenedPastStartSaysAnswersNotSaved(t *testing.T) {
	d := &blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/db"}}
	m := sized(New(d, Options{DesignFile: "db.yaml", NoDraft: NoDraftReason("", "")}))
	defer m.Close()
	if m.step == stepStart {
		t.Fatal("a design file opened on the Start step")
	}
	if s := screen(m); !strings.Contains(s, "your answers will not be saved") {
		t.Errorf("the first screen of an opened design does not say answers are not saved:\n%s", s)
	}
	saved := sized(New(&blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/db"}},
		Options{DesignFile: "db.yaml", DraftPath: filepath.Join(t.TempDir(), "draft.yaml")}))
	defer saved.Close()
	if s := screen(saved); strings.Contains(s, "will not be saved") {
		t.Errorf("a session that saves says it will not:\n%s", s)
	}
}

// A draft saved from an imported session keeps the values still unread:
// resuming it marks them at their fields and on the review, and the
// checklist still says cannot verify, in the full-screen wizard and in
// line mode. A value edited before the save is not marked again.
func TestDraftKeepsUnreadMarkers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	s := webTemplate()[1]
	m := wide(New(nil, Options{Imported: &s, DraftPath: path, NoColor: true}))
	m.gotoStep(stepRotation)
	m.focusID("rotation.enabled")
	press(t, m, "space") // rotation on: its marker goes, the function's stays
	m.saveDraft()
	m.Close()
	if _, st := readDraft(t, path); len(st.Unread) != 2 {
		t.Fatalf("the draft's state keeps %d unread values, want 2: %+v", len(st.Unread), st.Unread)
	}

	m = wide(New(nil, Options{DraftPath: path, NoColor: true}))
	defer m.Close()
	press(t, m, "enter")
	if m.step == stepStart {
		t.Fatalf("the draft did not resume:\n%s", screen(m))
	}
	if r, _ := m.report.Result(blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusCannotVerify {
		t.Errorf("customer-managed-key is %s after resuming with the key unread, want cannot verify", r.Status)
	}
	scr := keyMarkedUnread(t, m, "the resumed draft")
	contains(t, scr, lambdaMarker)
	if strings.Contains(scr, rotationMarker) {
		t.Errorf("the rotation, edited before the draft was saved, is marked again:\n%s", scr)
	}

	var out strings.Builder
	_, err := RunAccessible(nil, Options{DraftPath: path}, lines("resume"), &out)
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded", err)
	}
	if got := out.String(); !strings.Contains(got, "warning: Rotation Lambda ARN: "+lambdaMarker) || !strings.Contains(got, "cannot verify: The secret is encrypted with a customer managed KMS key") {
		t.Errorf("line mode's resumed draft does not mark the unread function, or its checklist does not say cannot verify:\n%s", got)
	}
}

// The unread values a draft keeps are bounded, however many or long they
// are, in the draft written and in the draft read, and what they hold is
// escaped when shown.
func TestDraftUnreadIsBoundedAndEscaped(t *testing.T) {
	var many []Unread
	for range 3 * maxDraftUnread {
		many = append(many, Unread{Path: "secret.kmsKeyArn", At: "web.yaml:24", Reason: strings.Repeat("x", 10*maxUnreadText)})
	}
	st := draftState{Unread: keptUnread(many)}
	if len(st.Unread) != maxDraftUnread {
		t.Errorf("a draft keeps %d unread values, want at most %d", len(st.Unread), maxDraftUnread)
	}
	for _, u := range st.Unread {
		if len(u.Reason) > 4*maxUnreadText {
			t.Fatalf("a kept reason is %d bytes long", len(u.Reason))
		}
	}
	d := newDesign()
	data, err := encodeDraft(&d, draftState{Unread: []Unread{{Path: "secret.kmsKeyArn", At: "web.yaml:24", Reason: "red \x1b[31mtext\x1b[0m\nand a line"}}})
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(string(data), "\n"); !strings.Contains(first, "and a line") {
		t.Fatalf("the state line does not hold the reason on one line: %q", first)
	}
	path := filepath.Join(t.TempDir(), "draft.yaml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	m := wide(New(nil, Options{DraftPath: path, NoColor: true}))
	defer m.Close()
	press(t, m, "enter")
	m.gotoStep(stepReview)
	scr := screen(m)
	if strings.Contains(scr, "\x1b[31m") {
		t.Errorf("the reason's escape sequence reached the screen:\n%q", scr)
	}
	contains(t, scr, "red")

	// A draft whose state line lists more than the bound reads the bound.
	long := draftState{Unread: make([]Unread, 3*maxDraftUnread)}
	for i := range long.Unread {
		long.Unread[i] = Unread{Path: "secret.kmsKeyArn", Reason: strings.Repeat("y", 10*maxUnreadText)}
	}
	data, err = encodeDraft(&d, long)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeDraftState(data)
	if len(got.Unread) != maxDraftUnread || len(got.Unread[0].Reason) > 4*maxUnreadText {
		t.Errorf("a draft read back keeps %d unread values, the first reason %d bytes; want at most %d, bounded", len(got.Unread), len(got.Unread[0].Reason), maxDraftUnread)
	}
}

// The output path a draft remembers is kept from the root: a draft saved
// in one directory and resumed in another still writes where the first
// session would have, and the draft read as a design file says the same.
// The working directory comes from Options.Dir: the package reads none.
func TestDraftOutputPathIsKeptFromTheRoot(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	path := filepath.Join(t.TempDir(), "draft.yaml")
	d := newDesign()
	d.Secret.SecretID = "prod/web"
	d.Output = &blueprint.Output{Format: "cloudformation", Path: filepath.Join("out", "web.cfn.yaml")}
	want := filepath.Join(first, "out", "web.cfn.yaml")

	m := sized(New(&d, Options{DesignFile: "web.yaml", DraftPath: path, Dir: first}))
	if got := m.outputPath(); got != filepath.Join("out", "web.cfn.yaml") {
		t.Fatalf("the opened design's output path is %q, want out/web.cfn.yaml", got)
	}
	m.saveDraft()
	m.Close()
	if saved, _ := readDraft(t, path); saved.Output == nil || saved.Output.Path != want {
		t.Errorf("the draft keeps the output path %+v, want %s", saved.Output, want)
	}
	if d.Output.Path != filepath.Join("out", "web.cfn.yaml") {
		t.Errorf("saving the draft changed the session's design: output path %q", d.Output.Path)
	}

	m = sized(New(nil, Options{DraftPath: path, Dir: second}))
	defer m.Close()
	press(t, m, "enter")
	if m.step == stepStart {
		t.Fatalf("the draft did not resume:\n%s", screen(m))
	}
	if got := m.outputPath(); got != want {
		t.Errorf("resumed in another directory, the output path is %q, want %s", got, want)
	}
}

// Each Start choice keeps its own unread values: a resumed draft's markers
// are not replaced by those of a template imported and left again.
func TestStartChoicesKeepTheirUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	d := newDesign()
	data, err := encodeDraft(&d, draftState{Step: "encryption", Unread: []Unread{webTemplate()[1].Unread[2]}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var read []string
	m := wide(New(nil, Options{DraftPath: path, NoColor: true, Import: fakeImport(&read)}))
	defer m.Close()
	press(t, m, "enter")
	onStep(t, m, stepEncryption, "after resuming")
	contains(t, screen(m), keyMarker)

	m.gotoStep(stepStart)
	m.setStart("import")
	m.mode["start.import"], m.mode["start.secret"] = "web.yaml", "Web"
	if !m.applyStart() {
		t.Fatalf("the import did not open: %v", m.localErr)
	}
	m.gotoStep(stepRotation)
	contains(t, screen(m), rotationMarker)

	startShowsNoMarkers(t, m, "resume", stepRotation)
	m.gotoStep(stepEncryption)
	contains(t, screen(m), keyMarker)
}

// Going back to Start after this session saved its draft does not offer
// to resume that draft: it holds the answers being given, not an earlier
// session's (issue 22's trial, round two). A draft there at the start is
// offered, and a resumed one stays a choice.
func TestStartDoesNotOfferOwnDraft(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	press(t, m, "enter")
	onStep(t, m, stepSecret, "after new")
	typeText(t, m, "prod/own")
	m.saveDraft()
	if d := loadDraft(t, path); d.Secret.SecretID != "prod/own" {
		t.Fatalf("the draft holds %q, want prod/own", d.Secret.SecretID)
	}
	press(t, m, "esc")
	onStep(t, m, stepStart, "after esc")
	if s := formText(m); strings.Contains(s, "Resume the") {
		t.Errorf("Start offers to resume this session's own draft:\n%s", screen(m))
	}
	m.Close()

	// The next session is offered it, resumes it, and going back to
	// Start keeps it a choice.
	m = sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	contains(t, formText(m), "Resume the draft of prod-own")
	press(t, m, "enter")
	onStep(t, m, stepSecret, "after resuming")
	typeText(t, m, "x")
	m.saveDraft()
	press(t, m, "esc")
	onStep(t, m, stepStart, "after esc")
	contains(t, formText(m), "Resume the draft")
}

// Line mode's Start question, asked again after "<", does not offer the
// draft this session wrote either.
func TestLineModeStartDoesNotOfferOwnDraft(t *testing.T) {
	pw, out, done := lineModeBackToStart(t, Options{DraftPath: filepath.Join(t.TempDir(), "draft.yaml")})
	pw.Close()
	<-done
	s := out.String()
	again := s[strings.LastIndex(s, "Begin with"):]
	if strings.Contains(again, "Resume the") {
		t.Errorf("line mode's Start offers this session's own draft:\n%s", again)
	}
}

// Issue 11, item 14: the draft's path is shown whole, however long.
func TestDraftPathShownWhole(t *testing.T) {
	dir := t.TempDir() + "/a-rather-long-directory-name/another-long-directory-name/secretsmith"
	path := dir + "/draft.yaml"
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"}}
	m := New(nil, Options{DraftPath: path})
	m.d = &d
	m.saveDraft()
	m = sized(New(nil, Options{DraftPath: path}))
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	var left []string
	for _, l := range strings.Split(screen(m), "\n") {
		l, _, _ = strings.Cut(l, "│")
		left = append(left, strings.TrimSpace(l))
	}
	s := strings.Join(left, "")
	if !strings.Contains(s, strings.ReplaceAll(path, " ", "")) {
		t.Errorf("the draft path %s is not shown whole:\n%s", path, screen(m))
	}
}

// Issue 11, item 1: designing a new secret while a draft exists keeps the
// old draft aside, and says where, instead of replacing it.
func TestNewDesignKeepsOldDraftAside(t *testing.T) {
	path := t.TempDir() + "/draft.yaml"
	if err := os.WriteFile(path, []byte("version: 1\nsecret:\n  secretId: old/one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	m.choose(fieldByID(t, m, "start.choice"), "new")
	contains(t, formText(m), "the saved draft will be kept at")
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter", "k") // keep it aside (askDraft)
	onStep(t, m, stepSecret, "after Start")
	typeText(t, m, "new/two")
	m.saveDraft()
	if d := loadDraft(t, asidePath(path)); d.Secret.SecretID != "old/one" {
		t.Errorf("the draft kept aside holds %q, want old/one", d.Secret.SecretID)
	}
	if d := loadDraft(t, path); d.Secret.SecretID != "new/two" {
		t.Errorf("the draft holds %q, want new/two", d.Secret.SecretID)
	}
	press(t, m, "ctrl+c")
	contains(t, formText(m), "The draft you had before is kept at")

	// Resuming it keeps nothing aside.
	os.Remove(asidePath(path))
	m.Close() // the next session takes the draft's lock
	m2 := sized(New(nil, Options{DraftPath: path}))
	defer m2.Close()
	m2.focusID(m2.stepKey() + "continue")
	press(t, m2, "enter")
	onStep(t, m2, stepSecret, "after resuming")
	m2.saveDraft()
	if _, err := os.Stat(asidePath(path)); err == nil {
		t.Errorf("resuming the draft kept a copy aside")
	}
}

// A value refused on screen because it looks like secret material never
// reaches the draft, in whichever field it was typed, pasted or set; a
// plain value in the same field is kept, so the resumed field shows it.
// Each case is a field where a trial found it kept (issue 22, item 8 and
// its later rounds).
func TestDraftKeepsNoRefusedSecret(t *testing.T) {
	// typeOnRotation types text into field id of a hosted multi-user
	// rotation's step.
	typeOnRotation := func(t *testing.T, m *Model, id, text string) {
		t.Helper()
		m.d.Rotation.HostedRotationLambda = &blueprint.HostedRotationLambda{RotationType: "PostgreSQLMultiUser"}
		m.gotoStep(stepRotation)
		m.focusID(id)
		typeText(t, m, text)
	}
	token := strings.Repeat("Zk1pQ2xYWqJm3XsNvR8tLpA0bYcD5eFgH7iJ", 80) // 2880 characters
	for _, c := range []struct {
		name string
		// refuse gives the refused values, on a new secret's Secret step.
		refuse func(t *testing.T, m *Model)
		// secrets are what the draft must not hold.
		secrets []string
		// kept, when set, gives a plain value and checks the draft keeps
		// what it should.
		kept func(t *testing.T, m *Model, path string)
	}{{
		name: "a JSON template holding a password",
		refuse: func(t *testing.T, m *Model) {
			m.focusID("secret.generateSecretString.secretStringTemplate")
			send(t, m, tea.PasteMsg{Content: `{"username":"app","password":"hunter2"}`})
			if m.d.Secret.GenerateSecretString.SecretStringTemplate == "" {
				t.Fatal("the paste did not reach the field")
			}
		},
		secrets: []string{"hunter2"},
		kept: func(t *testing.T, m *Model, path string) {
			press(t, m, "ctrl+u")
			send(t, m, tea.PasteMsg{Content: `{"username":"app"}`})
			m.saveDraft()
			if d, _ := readDraft(t, path); d.Secret.GenerateSecretString == nil || d.Secret.GenerateSecretString.SecretStringTemplate != `{"username":"app"}` {
				t.Errorf("a template without secret material is not kept: %+v", d.Secret.GenerateSecretString)
			}
		},
	}, {
		// A JSON password typed as the database user, a token pasted
		// after the Secret Id; a plain typo there is kept.
		name: "fields that name something",
		refuse: func(t *testing.T, m *Model) {
			typeOnRotation(t, m, "secret.database.username", `{"password":"hunter2"}`)
			if m.d.Secret.Database == nil || m.d.Secret.Database.Username == "" {
				t.Fatalf("the typing did not reach the field:\n%s", screen(m))
			}
			m.gotoStep(stepSecret)
			m.focusID("secret.secretId")
			send(t, m, tea.PasteMsg{Content: "prod/db token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"})
		},
		secrets: []string{"hunter2", "eyJ"},
		kept: func(t *testing.T, m *Model, path string) {
			press(t, m, "ctrl+u")
			typeText(t, m, "prod db")
			m.saveDraft()
			if d, _ := readDraft(t, path); d.Secret.SecretID != "prod db" {
				t.Errorf("a refused typo is not kept: secretId %q", d.Secret.SecretID)
			}
		},
	}, {
		// The master password typed where its secret's ARN goes.
		name: "the master secret's ARN",
		refuse: func(t *testing.T, m *Model) {
			typeOnRotation(t, m, "rotation.hostedRotationLambda.masterSecretArn", "hunter2")
			if m.d.Rotation.HostedRotationLambda.MasterSecretARN != "hunter2" {
				t.Fatalf("the typing did not reach the field:\n%s", screen(m))
			}
		},
		secrets: []string{"hunter2"},
	}, {
		// A paste too long for the description or a tag value (a key
		// file, a token): the trial pasted 93 KB of base64 into
		// Description and the draft held all of it.
		name: "a long paste into the description or a tag",
		refuse: func(t *testing.T, m *Model) {
			m.focusID("secret.description")
			send(t, m, tea.PasteMsg{Content: token})
			m.d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: token[:300]}, {Key: "team", Value: "payments"}}
			m.refresh()
		},
		secrets: []string{"Zk1pQ2xY"},
		kept: func(t *testing.T, m *Model, path string) {
			if d, _ := readDraft(t, path); len(d.Secret.Tags) != 2 || d.Secret.Tags[1].Value != "payments" {
				t.Errorf("the draft's tags: %+v, want owner emptied and team kept", d.Secret.Tags)
			}
		},
	}, {
		// A password typed as a statement's Sid, a principal or a
		// condition value, or as the alert email.
		name: "the policy and the alert email",
		refuse: func(t *testing.T, m *Model) {
			m.d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{
				Sid: `{"password":"hunter2"}`, Effect: "Allow",
				Principal: &blueprint.Principal{AWS: []string{"password=hunter3"}},
				Action:    []string{"secretsmanager:GetSecretValue"},
				Condition: []blueprint.Condition{{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"token: hunter4"}}},
			}}}
			m.d.Monitoring.AlertEmail = "pwd=hunter5"
			m.refresh()
		},
		secrets: []string{"hunter"},
	}} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "draft.yaml")
			m := sized(New(nil, Options{DraftPath: path}))
			defer m.Close()
			press(t, m, "enter")
			c.refuse(t, m)
			m.saveDraft()
			data := readFile(t, path)
			for _, s := range c.secrets {
				if strings.Contains(data, s) {
					t.Errorf("the draft holds the refused %q:\n%.600s", s, data)
				}
			}
			if c.kept != nil {
				c.kept(t, m, path)
			}
		})
	}
}

// A private key pasted into Description, or a token as a tag value, is
// refused on screen and never reaches the draft: anyone who may describe
// or list secrets reads both in plain text. Both were only warned and
// stayed in the draft (issue 22's second trial).
func TestDraftKeepsNoCredentialInDescriptionOrTag(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	press(t, m, "enter")
	m.focusID("secret.description")
	send(t, m, tea.PasteMsg{Content: "-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA1b2c3d4e5f6 -----END RSA PRIVATE KEY-----"})
	contains(t, strings.Join(strings.Fields(screen(m)), " "), "✗ holds a PEM private key (not shown)")
	m.d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"}, {Key: "team", Value: "payments"}}
	m.refresh()
	m.saveDraft()
	data := readFile(t, path)
	if strings.Contains(data, "MIIE") || strings.Contains(data, "eyJ") {
		t.Errorf("the draft holds the refused credential:\n%.600s", data)
	}
	if d, _ := readDraft(t, path); len(d.Secret.Tags) != 2 || d.Secret.Tags[1].Value != "payments" {
		t.Errorf("the draft's tags: %+v, want owner emptied and team kept", d.Secret.Tags)
	}
}
