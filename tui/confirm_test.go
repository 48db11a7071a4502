package tui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// isQuit reports whether cmd ends the program.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		return slices.ContainsFunc(b, isQuit)
	}
	_, ok := msg.(tea.QuitMsg)
	return ok
}

// Item 20: the quit question is a huh Confirm. Its buttons are huh's and
// ←/→ moves between them; enter answers the highlighted one, y and n
// answer at once, esc keeps going and a second ctrl+c quits.
func TestQuitIsAHuhConfirm(t *testing.T) {
	m := onSecret(t)
	press(t, m, "ctrl+c")
	s := screen(m)
	contains(t, s, "Quit the wizard?")
	contains(t, s, "Quit (y)")
	contains(t, s, "Keep going (n)")
	if cmd := press(t, m, "enter"); isQuit(cmd) || m.dialog != nil || m.Result().Aborted {
		t.Fatalf("enter on the default answer quit, or left the question open")
	}
	press(t, m, "ctrl+c", "esc")
	if m.dialog != nil || m.Result().Aborted {
		t.Fatalf("esc did not keep going")
	}
	press(t, m, "ctrl+c", "left") // huh moves to Quit
	if m.dialog.value != "quit" {
		t.Fatalf("← on the Confirm left the answer %q, want quit", m.dialog.value)
	}
	if cmd := press(t, m, "enter"); !isQuit(cmd) || !m.Result().Aborted {
		t.Fatalf("enter on Quit did not quit")
	}
	m = onSecret(t)
	if cmd := press(t, m, "ctrl+c", "ctrl+c"); !isQuit(cmd) || !m.Result().Aborted {
		t.Fatalf("a second ctrl+c did not quit")
	}
	// Keys that are no answer reach neither the step nor huh (whose tab
	// would end the form unanswered).
	m = onSecret(t)
	press(t, m, "ctrl+c", "tab", "shift+tab")
	typeText(t, m, "abc")
	if m.d.Secret.SecretID != "" || !m.asking("quit") {
		t.Errorf("keys went past the quit question: Secret Id %q, question open %v", m.d.Secret.SecretID, m.dialog != nil)
	}
	if press(t, m, "left"); m.dialog.value != "quit" {
		t.Errorf("← after tab did not move to Quit: huh's form ended")
	}
	if cmd := press(t, m, "y"); !isQuit(cmd) {
		t.Errorf("y after other keys did not quit")
	}
}

// oldDraft writes a draft of an earlier session and returns its path.
func oldDraft(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "draft.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nsecret:\n  secretId: old/one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Item 1: going on from Start with anything but the saved draft asks what
// becomes of it, naming it: keep it aside, discard it, or go back.
func TestNewWhileADraftExistsAsks(t *testing.T) {
	for _, tc := range []struct {
		answer    []string
		step      step
		aside     bool
		draftHeld string
	}{
		{[]string{"b"}, stepStart, false, "old/one"},
		{[]string{"esc"}, stepStart, false, "old/one"},
		{[]string{"k"}, stepSecret, true, ""},
		{[]string{"enter"}, stepSecret, true, ""}, // keeping it aside is the default
		{[]string{"down", "enter"}, stepSecret, false, ""},
		{[]string{"d"}, stepSecret, false, ""},
		// huh's / would start a filter that hides the answers while
		// the choice stays where it was; only moving is huh's.
		{[]string{"/", "x", "down", "enter"}, stepSecret, false, ""},
	} {
		t.Run(strings.Join(tc.answer, "+"), func(t *testing.T) {
			path := oldDraft(t)
			m := sized(New(nil, Options{DraftPath: path}))
			defer m.Close()
			send(t, m, tea.WindowSizeMsg{Width: 220, Height: 40}) // room for the temporary paths
			m.choose(fieldByID(t, m, "start.choice"), "new")
			m.focusID(m.stepKey() + "continue")
			press(t, m, "enter")
			if !m.asking("draft") {
				t.Fatalf("continuing with a new design while a draft exists did not ask:\n%s", screen(m))
			}
			text := formText(m)
			contains(t, text, "saved at "+path)
			contains(t, text, asidePath(path))
			contains(t, text, "Keep it aside (k)")
			contains(t, text, "Discard it (d)")
			contains(t, text, "Go back (b)")
			contains(t, text, "↑/↓ choose · enter answer · k keep it aside · d discard it · b go back")
			press(t, m, tc.answer...)
			onStep(t, m, tc.step, "after the answer")
			if m.dialog != nil {
				t.Fatalf("the question is still open")
			}
			_, err := os.Stat(asidePath(path))
			if kept := err == nil; kept != tc.aside {
				t.Errorf("draft kept aside = %v, want %v", kept, tc.aside)
			}
			// The old draft is there until this session's first save,
			// on the step change.
			if held := strings.Contains(readFile(t, path), "old/one"); held != (tc.draftHeld != "") {
				t.Errorf("the draft still holds old/one = %v, want %v", held, tc.draftHeld != "")
			}
			if tc.step == stepStart {
				focusIs(t, m, "start.choice")
				// Asked again next time: nothing was decided.
				m.focusID(m.stepKey() + "continue")
				press(t, m, "enter")
				if !m.asking("draft") {
					t.Errorf("going back then on again did not ask again")
				}
			} else {
				// Back to Start and on again: decided already.
				press(t, m, "esc")
				onStep(t, m, stepStart, "after esc")
				m.focusID(m.stepKey() + "continue")
				press(t, m, "enter")
				if m.dialog != nil {
					t.Errorf("asked again after it was answered")
				}
			}
		})
	}
}

// Resuming the draft, or a session with no draft, asks nothing.
func TestResumeOrNoDraftAsksNothing(t *testing.T) {
	path := oldDraft(t)
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	if m.dialog != nil {
		t.Fatalf("resuming asked %q", m.dialog.id)
	}
	onStep(t, m, stepSecret, "after resuming")
	m2 := sized(New(nil, Options{DraftPath: filepath.Join(t.TempDir(), "draft.yaml")}))
	defer m2.Close()
	press(t, m2, "enter")
	onStep(t, m2, stepSecret, "with no draft")
}

// Line mode asks the same question as a line.
func TestLineModeAsksAboutTheDraft(t *testing.T) {
	path := oldDraft(t)
	var out strings.Builder
	_, err := RunAccessible(nil, Options{DraftPath: path}, strings.NewReader("new\nd\n"), &out)
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want the input to end", err)
	}
	text := out.String()
	for _, want := range []string{"Keep the saved draft? The draft of an earlier session is saved at " + path,
		"1. Keep it aside [k]", "2. Discard it [d]", "3. Go back [b]", "empty means 1, Keep it aside", "Step 2 of"} {
		contains(t, text, want)
	}
	if _, err := os.Stat(asidePath(path)); err == nil {
		t.Errorf("d kept the draft aside")
	}
	if strings.Contains(readFile(t, path), "old/one") {
		t.Errorf("the discarded draft is still there")
	}

	// < goes back to the Start question, which is asked again.
	path = oldDraft(t)
	out.Reset()
	RunAccessible(nil, Options{DraftPath: path}, strings.NewReader("new\n<\nresume\n"), &out)
	if n := strings.Count(out.String(), "Keep the saved draft?"); n != 1 {
		t.Errorf("the question was asked %d times, want once:\n%s", n, out.String())
	}
	if strings.Count(out.String(), "Step 1 of") < 2 || !strings.Contains(out.String(), "Step 2 of") {
		t.Errorf("< did not go back to Start, or resuming did not go on:\n%s", out.String())
	}
}

// existingWriter refuses, naming the files, unless force is set.
type existingWriter struct {
	paths  []string
	forced []bool
}

func (w *existingWriter) write(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
	w.forced = append(w.forced, force)
	if !force {
		return Written{}, &ExistingFiles{Paths: w.paths}
	}
	return Written{Files: w.paths}, nil
}

// onReview is a model on the Review step of a design that can be
// written.
func onReview(t *testing.T, opts Options) *Model {
	t.Helper()
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: "payments"}}
	d.Rotation = nil // no rotation questions left open; its rule is waived below
	m := sized(New(&d, opts))
	m.gotoStep(stepReview)
	for _, r := range m.failingRules() {
		m.d.Waivers = append(m.d.Waivers, blueprint.Waiver{Rule: r.value, Reason: "accepted for this test"})
	}
	m.refresh()
	return m
}

// Item 20: writing over files that exist asks first, naming each file,
// instead of refusing; yes writes with force, no writes nothing.
func TestWriteOverExistingFilesAsks(t *testing.T) {
	w := &existingWriter{paths: []string{"out/prod-db.cfn.yaml", "out/prod-db.design.yaml"}}
	m := onReview(t, Options{Write: w.write})
	m.focusID("review.write")
	press(t, m, "enter")
	if !m.asking("overwrite") {
		t.Fatalf("a write refused for existing files did not ask:\n%s", screen(m))
	}
	s := screen(m)
	contains(t, s, "Replace these files?")
	contains(t, s, "What they hold now is lost.")
	contains(t, s, "Keep them")
	contains(t, s, "out/prod-db.cfn.yaml")
	contains(t, s, "out/prod-db.design.yaml")
	press(t, m, "n")
	if m.step != stepReview || m.result.Done || len(w.forced) != 1 {
		t.Fatalf("no wrote something: step %q, forced %v", stepText[m.step].title, w.forced)
	}
	contains(t, screen(m), "nothing written")
	focusIs(t, m, "review.output")
	m.focusID("review.write")
	press(t, m, "enter", "y")
	onStep(t, m, stepDone, "after replacing")
	if !slices.Equal(w.forced, []bool{false, false, true}) {
		t.Errorf("writes with force %v, want false, false, true", w.forced)
	}
}

// Line mode asks the same before replacing files, as a line.
func TestLineModeAsksBeforeReplacing(t *testing.T) {
	w := &existingWriter{paths: []string{"out/x.cfn.yaml"}}
	var out strings.Builder
	lines := make(chan line, 16)
	// Format, Write to, Reader policies, Overwrite; no; the same four again; yes.
	for _, l := range []string{"", "", "", "", "n", "", "", "", "", "y"} {
		lines <- line{text: l + "\n"}
	}
	a := &accessible{m: onReview(t, Options{Write: w.write}), out: &out, lines: lines, ctx: t.Context()}
	defer a.m.Close()
	if err := a.review(); err != nil {
		t.Fatalf("review: %v\n%s", err, out.String())
	}
	text := out.String()
	contains(t, text, "Replace this file? out/x.cfn.yaml")
	contains(t, text, "1. Replace [y]")
	// One file is "it" (round two's trial found "What they hold" under
	// "Replace this file?").
	contains(t, text, "What it holds now is lost.")
	contains(t, text, "2. Keep it [n]")
	contains(t, text, "error: nothing written")
	if a.m.step != stepDone || !slices.Equal(w.forced, []bool{false, false, true}) {
		t.Errorf("step %q, writes with force %v; want Done after false, false, true", stepText[a.m.step].title, w.forced)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pickerDir makes a working directory with design files, a file of
// another type and a folder, and moves the test into it.
func pickerDir(t *testing.T) {
	t.Helper()
	design := "version: 1\nsecret:\n  secretId: picked/one\n"
	chdirWith(t, map[string]string{"a.yaml": design, "notes.txt": "x", "sub/c.yml": strings.Replace(design, "one", "two", 1)})
}

// chdirWith makes a working directory holding files (path: content, with
// the folders of the paths) and moves the test into it; it returns it.
func chdirWith(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

// onOpenFile is a model on Start with "Open a design file" chosen and
// the path field focused.
func onOpenFile(t *testing.T) *Model {
	t.Helper()
	m := sized(New(nil, Options{}))
	m.choose(fieldByID(t, m, "start.choice"), "open")
	m.focusID("start.file")
	return m
}

// Item 20: ctrl+o on the design file field opens a huh FilePicker at the
// working directory, listing design files; the file chosen fills the
// field, which can still be typed into, and opens on Continue.
func TestDesignFilePicker(t *testing.T) {
	pickerDir(t)
	m := onOpenFile(t)
	contains(t, screen(m), "ctrl+o browses")
	press(t, m, "ctrl+o")
	if !m.asking("pick") {
		t.Fatalf("ctrl+o did not open the file picker:\n%s", screen(m))
	}
	s := screen(m)
	contains(t, s, "Choose the design file")
	for _, name := range []string{"a.yaml", "notes.txt", "sub"} {
		contains(t, s, name) // the directory was read (the form's first commands ran)
	}
	press(t, m, "down", "enter") // a.yaml, after the folder
	if m.dialog != nil {
		t.Fatalf("choosing a.yaml left the picker open:\n%s", screen(m))
	}
	focusIs(t, m, "start.file")
	if got := m.mode["start.file"]; got != "a.yaml" {
		t.Fatalf("the field holds %q after picking a.yaml", got)
	}
	contains(t, screen(m), "a.yaml")
	typeText(t, m, "x") // still a text field, holding the path
	if got := m.mode["start.file"]; got != "a.yamlx" {
		t.Errorf("typing after picking gave %q, want a.yamlx", got)
	}
	press(t, m, "backspace")

	// Into a folder, and a file there; a file of another type is refused.
	press(t, m, "ctrl+o", "down", "down", "enter")
	if m.dialog == nil || m.mode["start.file"] != "a.yaml" {
		t.Fatalf("enter on notes.txt chose it: field %q", m.mode["start.file"])
	}
	press(t, m, "up", "up", "enter", "enter")
	if got := m.mode["start.file"]; got != filepath.Join("sub", "c.yml") {
		t.Fatalf("the field holds %q, want sub/c.yml:\n%s", got, screen(m))
	}
	// esc closes the picker and keeps the field.
	press(t, m, "ctrl+o", "esc")
	if m.dialog != nil || m.mode["start.file"] != filepath.Join("sub", "c.yml") {
		t.Fatalf("esc changed the field to %q or left the picker open", m.mode["start.file"])
	}
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepSecret, "after opening the picked file")
	if m.d.Secret.SecretID != "picked/two" {
		t.Errorf("opened Secret Id %q, want picked/two", m.d.Secret.SecretID)
	}
}

// Keys that arrive while the picker reads its directory wait for it, so a
// real program, whose commands run while keys come in, chooses the same
// file the Update driver does.
func TestFilePickerHoldsKeysInAProgram(t *testing.T) {
	pickerDir(t)
	runFlow(t, func(t *testing.T) []session {
		return []session{{
			acts: []act{
				keys("down", "down"),                    // Start: Open a design file
				keys("tab", "ctrl+o", "enter", "enter"), // into sub, then c.yml
				// The program's commands run on their own; wait for the
				// field to show the path before looking at the model.
				sees(filepath.Join("sub", "c.yml")),
				checks(func(t *testing.T, r run) {
					if got := r.m.mode["start.file"]; got != filepath.Join("sub", "c.yml") || r.m.dialog != nil {
						t.Errorf("the field holds %q (picker open %v), want sub/c.yml", got, r.m.dialog != nil)
					}
				}),
			},
		}}
	})
}

// Line mode has no picker: the design file is typed, and its question
// does not offer ctrl+o.
func TestLineModeDesignFileHasNoPicker(t *testing.T) {
	pickerDir(t)
	var out strings.Builder
	RunAccessible(nil, Options{}, strings.NewReader("open\na.yaml\n"), &out)
	if strings.Contains(out.String(), "ctrl+o") {
		t.Errorf("line mode offers ctrl+o:\n%s", out.String())
	}
	contains(t, out.String(), "Step 2 of")
}

// A file name is user text: the picker's screen shows its escape
// sequences escaped, and keeps the form's own colours.
func TestFilePickerEscapesFileNames(t *testing.T) {
	pickerDir(t)
	evil := "evil\x1b]0;owned\x07\x1b[8m.yaml"
	if err := os.WriteFile(evil, []byte("version: 1\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	m := onOpenFile(t)
	press(t, m, "ctrl+o")
	raw := m.View().Content
	if strings.Contains(raw, "\x1b]") || strings.Contains(raw, "\x07") || strings.Contains(raw, "\x1b[8m") {
		t.Errorf("the picker drew a file name's escape sequences:\n%q", raw)
	}
	if !strings.Contains(raw, "\x1b[") {
		t.Errorf("the form's own styling was dropped")
	}
	contains(t, screen(m), `evil\x1b]0;owned`)
}

// The Import choice's template path has the same picker, offering
// CloudFormation and Terraform files.
func TestImportFilePicker(t *testing.T) {
	chdirWith(t, map[string]string{"main.tf": "{}", "notes.txt": "{}", "stack.json": "{}"})
	var read []string
	m := sized(New(nil, Options{Import: fakeImport(&read)}))
	m.choose(fieldByID(t, m, "start.choice"), "import")
	m.focusID("start.import")
	contains(t, formText(m), "ctrl+o browses")
	press(t, m, "ctrl+o")
	if !m.asking("pick") {
		t.Fatalf("ctrl+o on the template path did not open the picker:\n%s", screen(m))
	}
	contains(t, screen(m), "Choose the template")
	press(t, m, "down", "enter") // notes.txt: not a template
	if m.dialog == nil {
		t.Fatalf("notes.txt was taken as a template")
	}
	press(t, m, "down", "enter")
	if got := m.mode["start.import"]; got != "stack.json" || m.dialog != nil {
		t.Fatalf("the template path holds %q (picker open %v), want stack.json", got, m.dialog != nil)
	}
	press(t, m, "ctrl+o", "enter")
	if got := m.mode["start.import"]; got != "main.tf" {
		t.Errorf("the template path holds %q, want main.tf", got)
	}
}

// Issue 22 item 6: the template picker chooses a Terraform directory with
// ctrl+d, following the directory it shows, says the key, and refuses a
// directory without .tf or .tf.json files, or a file, with a sentence.
func TestImportPickerChoosesTerraformFolder(t *testing.T) {
	dir := chdirWith(t, map[string]string{"deep/nested/vars.tf.json": "{}", "empty/notes.txt": "{}", "infra/main.tf": "{}", "stack.json": "{}"})
	var read []string
	m := sized(New(nil, Options{Import: fakeImport(&read)}))
	m.choose(fieldByID(t, m, "start.choice"), "import")
	m.focusID("start.import")
	press(t, m, "ctrl+o") // deep, empty, infra, stack.json
	contains(t, screen(m), "ctrl+d chooses")
	contains(t, screen(m), "choose folder") // the key line

	press(t, m, "down", "ctrl+d")
	if !m.asking("pick") {
		t.Fatalf("ctrl+d on empty closed the picker; the field holds %q", m.mode["start.import"])
	}
	contains(t, screen(m), "empty holds no .tf or .tf.json files")
	press(t, m, "down", "down", "ctrl+d")
	if !m.asking("pick") {
		t.Fatalf("ctrl+d on stack.json closed the picker")
	}
	contains(t, screen(m), "stack.json is not a folder")

	// Into deep and back out: the picker's directory is followed.
	press(t, m, "up", "up", "up", "enter", "backspace", "down", "down", "ctrl+d")
	if got := m.mode["start.import"]; got != "infra" || m.dialog != nil {
		t.Fatalf("the template path holds %q (picker open %v), want infra", got, m.dialog != nil)
	}
	press(t, m, "ctrl+o", "enter", "ctrl+d")
	if got := m.mode["start.import"]; got != filepath.Join("deep", "nested") {
		t.Errorf("the template path holds %q, want deep/nested", got)
	}
	// An empty folder highlights nothing: ctrl+d says so.
	if err := os.Mkdir(filepath.Join(dir, "deep", "nested", "void"), 0o755); err != nil {
		t.Fatal(err)
	}
	press(t, m, "ctrl+o", "enter", "enter", "enter", "ctrl+d") // deep, nested, void
	if !m.asking("pick") {
		t.Fatalf("ctrl+d in an empty folder closed the picker")
	}
	contains(t, screen(m), "no folder is highlighted")
}

// When the file in the way is the design file, which goes beside the
// templates, another Write to path in the same directory meets it again:
// the words say to choose another directory (round-three trial: writing an
// imported Terraform directory as a2-tf beside an earlier design's
// prod-payments-db.design.yaml said "choose another Write to path").
func TestKeepingTheDesignFileSaysAnotherDirectory(t *testing.T) {
	w := &existingWriter{paths: []string{"prod-db.design.yaml"}}
	m := onReview(t, Options{Write: w.write})
	defer m.Close()
	m.focusID("review.write")
	press(t, m, "enter", "n")
	s := formText(m) + " " + m.status
	if !strings.Contains(m.status, "another directory") || !strings.Contains(m.status, "prod-db.design.yaml") {
		t.Errorf("the status after keeping the design file: %q\n%s", m.status, s)
	}
	// A template in the way keeps the words about the path.
	w2 := &existingWriter{paths: []string{"prod-db.cfn.yaml"}}
	m2 := onReview(t, Options{Write: w2.write})
	defer m2.Close()
	m2.focusID("review.write")
	press(t, m2, "enter", "n")
	if !strings.Contains(m2.status, "choose another Write to path") {
		t.Errorf("the status after keeping the template: %q", m2.status)
	}
}

// Choosing a file of another type in the picker keeps it open and says
// why, in the dialog, until the next key: huh sets its own error and
// clears it within the same update, so it never showed.
func TestFilePickerSaysWhyAFileIsRefused(t *testing.T) {
	pickerDir(t) // sub/, a.yaml, notes.txt
	m := onOpenFile(t)
	press(t, m, "ctrl+o", "down", "down", "enter")
	if !m.asking("pick") {
		t.Fatalf("enter on notes.txt closed the picker: field %q", m.mode["start.file"])
	}
	const msg = "notes.txt is not a design file: choose a .yaml or .yml file"
	contains(t, screen(m), msg)
	press(t, m, "up")
	if strings.Contains(screen(m), msg) {
		t.Errorf("the message stayed after the next key:\n%s", screen(m))
	}
	press(t, m, "enter") // a.yaml
	if m.dialog != nil || m.mode["start.file"] != "a.yaml" {
		t.Fatalf("choosing a.yaml after the refusal gave %q (picker open %v)", m.mode["start.file"], m.dialog != nil)
	}

	// The template path names its types.
	m = wide(New(nil, Options{Import: func(string) ([]ImportedSecret, error) { return nil, nil }}))
	m.choose(fieldByID(t, m, "start.choice"), "import")
	m.focusID("start.import")
	press(t, m, "ctrl+o", "down", "down", "enter")
	contains(t, screen(m), "notes.txt is not a template: choose a .yaml, .yml, .json, .template or .tf file")
}

func TestJoinTypes(t *testing.T) {
	for _, c := range []struct {
		types []string
		want  string
	}{
		{[]string{".yaml"}, ".yaml"},
		{[]string{".yaml", ".yml"}, ".yaml or .yml"},
		{[]string{".yaml", ".yml", ".tf"}, ".yaml, .yml or .tf"},
	} {
		if got := orList(c.types); got != c.want {
			t.Errorf("orList(%q) = %q, want %q", c.types, got, c.want)
		}
	}
}
