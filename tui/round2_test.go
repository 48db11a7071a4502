package tui

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// Tests for issue 22, "The wizard as a demanding user finds it, round two".
// Each names the item it covers.

// Item 3: a new design, of a new secret or of an existing one, starts with
// rotation on every 30 days, and no error-level rule starts broken: each is
// met, or waits for an answer (not applicable until the question is
// answered).
func TestNewDesignBreaksNoErrorRule(t *testing.T) {
	for _, start := range []string{"new", "existing"} {
		m := sized(New(nil, Options{}))
		m.setStart(start)
		m.refresh()
		if r := m.d.Rotation; r == nil || r.AutomaticallyAfterDays != 30 || r.ScheduleExpression != "" {
			t.Errorf("%s: rotation = %+v, want on, every 30 days", start, r)
		}
		for _, res := range m.report.Results {
			if res.Rule.Severity == blueprint.SeverityError && res.Status == blueprint.StatusNotMet {
				t.Errorf("%s: %s starts not met: %v", start, res.Rule.ID, res.Findings)
			}
		}
	}
}

// Item 7: a role name may hold a comma (IAM allows _+=,.@- in names), so
// the Principals field keeps a comma inside an ARN, and still splits
// values separated by ", " or by a comma before another ARN.
func TestPrincipalWithComma(t *testing.T) {
	const comma = "arn:aws:iam::111122223333:role/deploy,ci"
	const other = "arn:aws:iam::111122223333:role/app"
	for _, tt := range []struct {
		typed string
		want  []string
	}{
		{comma, []string{comma}},
		{comma + ", " + other, []string{comma, other}},
		{comma + "," + other, []string{comma, other}},
		{other + ",111122223333", []string{other, "111122223333"}},
		{other + ",", []string{other}},
	} {
		m := statementModel(t)
		m.focusID("stmt0.principal")
		press(t, m, "ctrl+u")
		typeText(t, m, tt.typed)
		got := m.d.ResourcePolicy.Statements[0].Principal.AWS
		if !slices.Equal(got, tt.want) {
			t.Errorf("typed %q: principals %q, want %q", tt.typed, got, tt.want)
		}
		if ps := m.d.Validate().At("resourcePolicy.statements[0].principal.AWS[0]"); len(ps) > 0 {
			t.Errorf("typed %q: %v", tt.typed, ps)
		}
	}
	if got := splitList(joinList([]string{comma, other})); !slices.Equal(got, []string{comma, other}) {
		t.Errorf("a shown list splits back as %q", got)
	}
	if got := splitList("subnet-0abc1234,subnet-0def5678"); len(got) != 2 {
		t.Errorf("subnets split as %q, want two", got)
	}
}

// Item 7: an upper-case subnet id is refused (EC2 ids are lower case), and
// a rotation function in one subnet is warned about: Lambda in a VPC needs
// subnets in two Availability Zones to keep rotating when one is down.
func TestSubnetsUpperCaseAndOne(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.gotoStep(stepRotation)
	const path = "rotation.hostedRotationLambda.vpcSubnetIds"
	m.focusID(path)
	typeText(t, m, "subnet-0ABC1234, subnet-0def5678")
	if ps := m.d.Validate().At(path + "[0]"); len(ps) != 1 || ps[0].Severity != blueprint.SeverityError {
		t.Errorf("an upper-case subnet id: %v, want one error", ps)
	}
	contains(t, screen(m), "subnet-0abc1234")
	press(t, m, "ctrl+u")
	typeText(t, m, "subnet-0abc1234")
	ps := m.d.Validate().At(path)
	if len(ps) != 1 || ps[0].Severity != blueprint.SeverityWarning || !strings.Contains(ps[0].Message, "two Availability Zones") {
		t.Errorf("one subnet: %v, want a warning about two Availability Zones", ps)
	}
	contains(t, screen(m), "Availability Zones")
	typeText(t, m, ", subnet-0def5678")
	if ps := m.d.Validate().At(path); len(ps) != 0 {
		t.Errorf("two subnets: %v, want nothing", ps)
	}
}

// Item 8: a JSON template holding a password is refused on screen, and
// never reaches the draft file; a template without one is kept.
func TestDraftKeepsNoRefusedSecret(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	press(t, m, "enter")
	const tpath = "secret.generateSecretString.secretStringTemplate"
	m.focusID(tpath)
	send(t, m, tea.PasteMsg{Content: `{"username":"app","password":"hunter2"}`})
	if m.d.Secret.GenerateSecretString.SecretStringTemplate == "" {
		t.Fatal("the paste did not reach the field")
	}
	m.saveDraft()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "hunter2") {
		t.Errorf("the draft holds the refused password:\n%s", data)
	}
	press(t, m, "ctrl+u")
	send(t, m, tea.PasteMsg{Content: `{"username":"app"}`})
	m.saveDraft()
	if d, _ := readDraft(t, path); d.Secret.GenerateSecretString == nil || d.Secret.GenerateSecretString.SecretStringTemplate != `{"username":"app"}` {
		t.Errorf("a template without secret material is not kept: %+v", d.Secret.GenerateSecretString)
	}
}

// Item 9: without a place to save, the first screen says the answers will
// not be saved; a second wizard on the same state directory does not
// offer the draft the first one holds, and says it will not save.
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

// Item 11: on Done, c copies the deploy command to the clipboard through
// OSC 52, that command and nothing else, and the key line says so.
func TestDoneCopiesDeployCommand(t *testing.T) {
	m := onReview(t, Options{Write: (&recorder{}).write})
	m.focusID("review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after writing")
	contains(t, screen(m), "c copy the deploy command")
	cmd := press(t, m, "c")
	if cmd == nil {
		t.Fatal("c on Done returns no command")
	}
	msg := cmd()
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.String || !strings.Contains(reflect.TypeOf(msg).String(), "setClipboardMsg") {
		t.Fatalf("c on Done sends %T, want the clipboard message", msg)
	}
	if got, want := v.String(), m.written.Next; got != want || !strings.HasPrefix(got, "aws cloudformation deploy") {
		t.Errorf("copied %q, want the deploy command %q", got, want)
	}
	m.written.Next = "aws cloudformation deploy --template-file x.yaml\n# then\naws sns subscribe ..."
	if got := m.deployCommand(); got != "aws cloudformation deploy --template-file x.yaml" {
		t.Errorf("deployCommand = %q, want only the first command", got)
	}
}

// The next steps are shown a line each on Done: made safe as one string,
// their newlines showed as a literal \n and ran the deploy command, the #
// line and the subscription together (found repeating issue 22's trial).
func TestDoneShowsNextStepsALineEach(t *testing.T) {
	next := "aws cloudformation deploy --template-file x.yaml\n# nobody is subscribed to the alert topic yet\naws sns subscribe --protocol email"
	write := func(*blueprint.Design, generate.Format, string, bool) (Written, error) {
		return Written{Files: []string{"x.yaml"}, Next: next}, nil
	}
	m := onReview(t, Options{Write: write})
	m.focusID("review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after writing")
	scr := screen(m)
	if strings.Contains(scr, `\n`) {
		t.Errorf("Done shows a literal \\n:\n%s", scr)
	}
	for _, l := range strings.Split(next, "\n") {
		found := false
		for _, row := range strings.Split(scr, "\n") {
			if strings.HasPrefix(strings.TrimSpace(row), l) {
				found = true
			}
		}
		if !found {
			t.Errorf("Done does not start a line with %q:\n%s", l, scr)
		}
	}
}

// Round two's trial: a tag whose value the template did not give (a
// parameter without a default) is marked under the tag's value, where the
// value is typed, not under its key; editing the key leaves the marker, and
// typing the value takes it away.
func TestImportTagValueMarkerUnderValue(t *testing.T) {
	const marker = "not read from t.yaml:7: the parameter Team has no default"
	s := ImportedSecret{ID: "S", Source: "t.yaml", Design: &blueprint.Design{Version: blueprint.CurrentVersion,
		Secret: blueprint.Secret{SecretID: "prod/s", Tags: []blueprint.Tag{{Key: "owner"}, {Key: "env", Value: "prod"}}}},
		Unread: []Unread{{Path: blueprint.TagPath("owner"), At: "t.yaml:7", Reason: "the parameter Team has no default, so its value is given at deployment"}},
	}
	m := wide(New(nil, Options{Imported: &s}))
	m.gotoStep(stepSecret)
	scr := screen(m)
	if !shownUnder(scr, "  value ", marker, "Tag key") || strings.Count(scr, marker) != 1 {
		t.Fatalf("the tag value's marker is not under the value's row (once):\n%s", scr)
	}
	m.focusID("tag0.key")
	typeText(t, m, "x")
	if !strings.Contains(screen(m), marker) {
		t.Fatalf("editing the tag's key took away its value's marker:\n%s", screen(m))
	}
	press(t, m, "backspace")
	m.focusID("tag0.value")
	press(t, m, "ctrl+u")
	typeText(t, m, "payments")
	if strings.Contains(screen(m), marker) {
		t.Errorf("the marker stayed after the value was typed:\n%s", screen(m))
	}
}

// Round two's trial: a problem of a tag's value (a character most services
// refuse) shows under the value's row, where it was typed; one of its key
// stays under the key.
func TestTagValueProblemUnderValue(t *testing.T) {
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: "payments;team"}, {Key: "aws:env", Value: "prod"}}
	m := wide(New(&d, Options{}))
	m.gotoStep(stepSecret)
	scr := screen(m)
	const valueWarning, keyError = "';' is outside the letters", "must not start with aws:"
	if !shownUnder(scr, "  value ", valueWarning, "Remove this tag") || shownUnder(scr, "Tag key ", valueWarning, "  value ") {
		t.Errorf("the tag value's warning is not under the value's row:\n%s", scr)
	}
	second := scr[strings.LastIndex(scr, "Tag key "):]
	if !shownUnder(second, "Tag key ", keyError, "  value ") {
		t.Errorf("the tag key's error is not under the key's row:\n%s", scr)
	}
}

// Round two's trial: the master password typed where its secret's ARN goes
// is refused on screen and never reaches the draft.
func TestDraftKeepsNoMasterPassword(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	press(t, m, "enter")
	m.d.Rotation.HostedRotationLambda = &blueprint.HostedRotationLambda{RotationType: "PostgreSQLMultiUser"}
	m.gotoStep(stepRotation)
	m.focusID("rotation.hostedRotationLambda.masterSecretArn")
	typeText(t, m, "hunter2")
	if m.d.Rotation.HostedRotationLambda.MasterSecretARN != "hunter2" {
		t.Fatalf("the typing did not reach the field:\n%s", screen(m))
	}
	m.saveDraft()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "hunter2") {
		t.Errorf("the draft holds the refused master password:\n%s", data)
	}
}
