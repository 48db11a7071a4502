package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

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
	m.gotoStep(stepEncryption)
	if scr := screen(m); !shownUnder(scr, "Encryption key", keyMarker, "Continue") {
		t.Errorf("the resumed draft does not mark the key under the key choice:\n%s", scr)
	}
	m.gotoStep(stepReview)
	scr := screen(m)
	contains(t, scr, "KMS key: "+keyMarker)
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
		if got := joinTypes(c.types); got != c.want {
			t.Errorf("joinTypes(%q) = %q, want %q", c.types, got, c.want)
		}
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

	m.gotoStep(stepStart)
	m.setStart("resume")
	m.refresh()
	m.gotoStep(stepRotation)
	if strings.Contains(screen(m), "not read from") {
		t.Errorf("the resumed draft shows the template's markers:\n%s", screen(m))
	}
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

// The database host's example names the design's region, not another
// (issue 22's trial saw us-east-1 in a design in eu-west-1).
func TestDatabaseHostExampleUsesTheRegion(t *testing.T) {
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.Secret.Region = "eu-west-1"
	m := sized(New(&d, Options{}))
	defer m.Close()
	m.gotoStep(stepRotation)
	focus(t, m, "rotation.hostedRotationLambda.rotationType")
	m.d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLSingleUser"
	m.refresh()
	f := fieldByID(t, m, "secret.database.host")
	if h := f.q.hint; !strings.Contains(h, "payments.cluster-abc.eu-west-1.rds.amazonaws.com") || strings.Contains(h, "us-east-1") {
		t.Errorf("the host's example does not name eu-west-1: %q", h)
	}
	focus(t, m, "secret.database.host")
	if s := strings.ReplaceAll(formText(m), " ", ""); !strings.Contains(s, "eu-west-1.rds.ama") {
		t.Errorf("the screen does not show the host's example in eu-west-1:\n%s", screen(m))
	}
}

// On the review, a waiver whose rule is met says so at its Remove button.
func TestIdleWaiverShownAtTheWaiver(t *testing.T) {
	m := onReview(t, Options{})
	m.d.Waivers = append(m.d.Waivers, blueprint.Waiver{Rule: "recovery-window", Reason: "reviewed in SEC-1"})
	m.refresh()
	i := len(m.d.Waivers) - 1
	f := fieldByID(t, m, fmt.Sprintf("review.waiver%d", i))
	var said bool
	for _, p := range m.fieldProblems(f) {
		said = said || strings.Contains(p.Message, "rule recovery-window is met; this waiver has no effect")
	}
	if !said {
		t.Errorf("the waiver of a met rule says nothing: %v", m.fieldProblems(f))
	}
}

// A password typed as a statement's Sid, a principal or a condition value,
// or as the alert email, is refused on screen and never reaches the draft.
func TestDraftKeepsNoRefusedSecretInPolicyOrEmail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	press(t, m, "enter")
	m.d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{
		Sid: `{"password":"hunter2"}`, Effect: "Allow",
		Principal: &blueprint.Principal{AWS: []string{"password=hunter3"}},
		Action:    []string{"secretsmanager:GetSecretValue"},
		Condition: []blueprint.Condition{{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"token: hunter4"}}},
	}}}
	m.d.Monitoring.AlertEmail = "pwd=hunter5"
	m.refresh()
	data := savedDraftText(t, m, path)
	if strings.Contains(data, "hunter") {
		t.Errorf("the draft holds refused secret material:\n%s", data)
	}
}
