package tui

import (
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/testwait"
	"github.com/secretsmith/secretsmith/tui/form"
)

// Tests for issue 11, "The wizard and CLI as a demanding user finds them".
// Each names the item it covers.

// onSecret returns a model on the Secret step of a new secret.
func onSecret(t *testing.T) *Model {
	t.Helper()
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	onStep(t, m, stepSecret, "after Start")
	return m
}

// checklistLine returns the checklist's line for rule id.
func checklistLine(t *testing.T, m *Model, id blueprint.RuleID) string {
	t.Helper()
	for _, l := range strings.Split(screen(m), "\n") {
		if i := strings.Index(l, "│ "); i >= 0 && strings.HasSuffix(strings.TrimSpace(l[i:]), " "+string(id)) {
			return strings.TrimSpace(l[i+len("│ "):])
		}
	}
	t.Fatalf("no checklist line for %s:\n%s", id, screen(m))
	return ""
}

// Item 11: an empty tag key does not meet tags-present.
func TestChecklistNotMetByInvalidValue(t *testing.T) {
	m := onSecret(t)
	m.focusID("tags.add")
	press(t, m, "enter")
	focusIs(t, m, "tag0.key")
	if got := checklistLine(t, m, blueprint.RuleTagsPresent); strings.HasPrefix(got, "✓") {
		t.Errorf("with an empty tag key the checklist says %q, want it not met", got)
	}
	typeText(t, m, "owner")
	if got := checklistLine(t, m, blueprint.RuleTagsPresent); !strings.HasPrefix(got, "✓") {
		t.Errorf("with tag key owner the checklist says %q, want ✓", got)
	}
}

// Item 4: "use an existing key" with the ARN left empty is an error on that
// field, and Continue refuses.
func TestExistingKeyNeedsARN(t *testing.T) {
	m := onSecret(t)
	typeText(t, m, "prod/db")
	m.focusID("tags.add")
	press(t, m, "enter")
	typeText(t, m, "owner")
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepEncryption, "after Secret")
	press(t, m, "down") // Use an existing customer managed key
	press(t, m, "tab")
	focusIs(t, m, "secret.kmsKeyArn")
	contains(t, screen(m), "is empty; give the key to use")
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepEncryption, "continue with an empty existing key")
	m.focusID("secret.kmsKeyArn")
	typeText(t, m, "alias/payments")
	if strings.Contains(screen(m), "give the key to use") {
		t.Errorf("the error stays after a key is typed:\n%s", screen(m))
	}
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepPolicy, "continue with a key")
}

// Item 7: keys do nothing while the window is too small to show the form;
// ctrl+c still asks.
func TestTooSmallIgnoresKeys(t *testing.T) {
	m := onSecret(t)
	focusIs(t, m, "secret.secretId")
	send(t, m, tea.WindowSizeMsg{Width: 50, Height: 15})
	contains(t, screen(m), "Terminal too small")
	press(t, m, "tab", "tab")
	typeText(t, m, "abc")
	if m.d.Secret.SecretID != "" {
		t.Errorf("typing while too small set the secret id to %q", m.d.Secret.SecretID)
	}
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	focusIs(t, m, "secret.secretId")
	send(t, m, tea.WindowSizeMsg{Width: 50, Height: 15})
	press(t, m, "ctrl+c")
	contains(t, screen(m), "Quit the wizard?")
	press(t, m, "n")
	if m.dialog != nil {
		t.Errorf("n did not keep going")
	}
}

// Item 7: a tall window shows every rotation type at once.
func TestRotationTypesUseTheRoom(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{}}}
	m := New(&d, Options{DesignFile: "d.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 200, Height: 60})
	m.gotoStep(stepRotation)
	m.focusID("rotation.hostedRotationLambda.rotationType")
	send(t, m, tea.WindowSizeMsg{Width: 200, Height: 60})
	s := screen(m)
	if strings.Contains(s, "more") {
		t.Errorf("at 200x60 the rotation types are cut:\n%s", s)
	}
	if n := strings.Count(s, "( ) ") + strings.Count(s, "(•) "); n < len(blueprint.RotationTypes) {
		t.Errorf("at 200x60 %d of %d rotation types show:\n%s", n, len(blueprint.RotationTypes), s)
	}
}

// Item 8: typing into a prefilled number replaces it; the key line names
// ctrl+u.
func TestNumberFieldReplacesOnFirstKey(t *testing.T) {
	m := onSecret(t)
	m.focusID("secret.generateSecretString.passwordLength")
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	contains(t, screen(m), "typing replaces 32")
	typeText(t, m, "40")
	if got := intText(m.d.Secret.GenerateSecretString.PasswordLength); got != "40" {
		t.Errorf("typing 40 over 32 gave %q, want 40", got)
	}
	contains(t, screen(m), "ctrl+u clear")
	// Moving the cursor first edits the value instead.
	press(t, m, "tab", "shift+tab", "left")
	typeText(t, m, "5")
	if got := intText(m.d.Secret.GenerateSecretString.PasswordLength); got != "450" {
		t.Errorf("← then 5 in 40 gave %q, want 450", got)
	}
}

// Item 9: where ? is text, the key line names f1 for help.
func TestKeyLineNamesF1InText(t *testing.T) {
	m := onSecret(t)
	lines := strings.Split(screen(m), "\n")
	contains(t, lines[len(lines)-1], "? why")
	typeText(t, m, "prod/db?")
	lines = strings.Split(screen(m), "\n")
	last := lines[len(lines)-1]
	contains(t, last, "f1 why")
	if strings.Contains(last, "? why") {
		t.Errorf("the key line offers ? in a field where ? is typed: %q", last)
	}
	if m.d.Secret.SecretID != "prod/db?" {
		t.Errorf("? was not typed: %q", m.d.Secret.SecretID)
	}
}

// problemTexts are the messages shown under field id, as drawn.
func problemTexts(t *testing.T, m *Model, id string) []string {
	t.Helper()
	var out []string
	for _, p := range nameItems(fieldByID(t, m, id), m.fieldProblems(fieldByID(t, m, id))) {
		out = append(out, p.Message)
	}
	return out
}

// Item 10: a condition's key error is under the key, its operator's under
// the operator; the values keep theirs.
func TestConditionErrorsUnderTheirField(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "A", Effect: "Deny",
			Principal: &blueprint.Principal{Wildcard: true}, Action: []string{"secretsmanager:*"}, Resource: []string{"*"},
			Condition: []blueprint.Condition{{Operator: "StringEqual", Key: "aws:Bogus"}}}}}}
	m := sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepPolicy)
	m.editStatement(0, "")
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	op, key, vals := problemTexts(t, m, "stmt0.cond0.op"), problemTexts(t, m, "stmt0.cond0.key"), problemTexts(t, m, "stmt0.cond0.values")
	if len(op) != 1 || !strings.Contains(op[0], "not a condition operator") {
		t.Errorf("under the operator: %q, want its error", op)
	}
	if len(key) != 1 || !strings.Contains(key[0], "not a condition key") {
		t.Errorf("under the key: %q, want its warning", key)
	}
	if len(vals) != 1 || !strings.Contains(vals[0], "needs at least one value") {
		t.Errorf("under the values: %q, want only the missing value", vals)
	}
}

// Item 10: the principal's error shows once, under Principals.
func TestPrincipalErrorOnce(t *testing.T) {
	m := onSecret(t)
	m.gotoStep(stepPolicy)
	m.focusID("policy.role")
	press(t, m, "enter")
	focusIs(t, m, "stmt0.principal")
	if n := strings.Count(screen(m), "needs at least one AWS"); n != 1 {
		t.Errorf("the principal error shows %d times, want once:\n%s", n, screen(m))
	}
	if got := problemTexts(t, m, "stmt0.kind"); len(got) != 0 {
		t.Errorf("under Principal type: %q, want nothing", got)
	}
}

// Items 10 and 16: list errors name the entry, once per message, and
// space-separated ids are told to use commas.
func TestListErrorsNameTheItem(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{
			RotationType: "PostgreSQLSingleUser", VPCSubnetIDs: []string{"subnet-1 subnet-2", "subnet-0abc1234", "bad"},
			VPCSecurityGroupIDs: []string{"sg-0abc1234"}}}}
	m := sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepRotation)
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	got := problemTexts(t, m, "rotation.hostedRotationLambda.vpcSubnetIds")
	if len(got) != 1 || !strings.HasPrefix(got[0], "subnets 1 and 3: must be a subnet id") || !strings.Contains(got[0], "separate them with commas") {
		t.Errorf("subnet problems = %q, want one line naming subnets 1 and 3, saying to use commas", got)
	}
}

// Item 12: messages on screen use the screens' labels, and the rotation
// function's error shows once.
func TestMessagesUseLabels(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "down") // Add a policy, rotation and alerts to an existing secret
	s := screen(m)
	for _, key := range []string{"secretId", "existingSecretArn"} {
		if strings.Contains(s, key) {
			t.Errorf("the Start screen names the design-file key %s:\n%s", key, s)
		}
	}
	contains(t, s, "is required: the ARN of the secret to add to") // names only what this path asks (trial_test.go)

	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30}}
	m = sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepRotation)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	s = screen(m)
	if strings.Contains(s, "rotationLambdaArn") || strings.Contains(s, "hostedRotationLambda") {
		t.Errorf("the rotation screen names design-file keys:\n%s", s)
	}
	// The screen has chosen My own Lambda: it asks for that one alone
	// (oneof_test.go).
	if n := strings.Count(s, "is required: the ARN of your rotation function"); n != 1 {
		t.Errorf("the function's error shows %d times, want once:\n%s", n, s)
	}
}

// Item 13: a refused Continue counts errors as errors, and says the rule
// findings beside them do not block; a vertical list's hint says ↑/↓.
func TestContinueCountsErrors(t *testing.T) {
	m := onSecret(t)
	typeText(t, m, "bad name") // an error; tags-present is a finding
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepSecret, "continue with an error")
	if want := "fix the 1 error before you continue, the first at Secret Id (esc goes back); the 1 rule finding can wait"; !strings.Contains(m.status, want) {
		t.Errorf("status %q, want %q", m.status, want)
	}

	m = onSecret(t)
	typeText(t, m, "prod/db")
	m.focusID("tags.add")
	press(t, m, "enter")
	typeText(t, m, "owner")
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepEncryption, "after Secret")
	if f := fieldByID(t, m, "encryption.choice"); f.list && strings.Contains(f.q.hint, "←/→") {
		t.Errorf("the vertical key choice's hint says %q", f.q.hint)
	}
}

func TestOnScreen(t *testing.T) {
	cases := map[string]string{
		"set rotationLambdaArn or hostedRotationLambda.":                 "set Rotation Lambda ARN or a hosted function.",
		"rotation.hostedRotationLambda.rotationLambdaName: must be 1-64": "rotation.hostedRotationLambda.rotationLambdaName: must be 1-64",
		"give an alertEmail so":                                          "give an Alert email so",
		"unknownKey stays":                                               "unknownKey stays",
	}
	for in, want := range cases {
		if got := onScreen(in); got != want {
			t.Errorf("onScreen(%q) = %q, want %q", in, got, want)
		}
	}
}

// Item 14: no label is wider than the label column, on any step.
func TestLabelsFit(t *testing.T) {
	d := benchDesign()
	m := sized(New(d, Options{DesignFile: "bench.yaml"}))
	for _, s := range m.steps() {
		m.gotoStep(s)
		for _, f := range m.fields() {
			if n := len([]rune(f.q.title)); n > labelWidth {
				t.Errorf("step %d: label %q is %d wide, the column %d", s, f.q.title, n, labelWidth)
			}
		}
	}
	if n := len([]rune(qAlert.title)); n > labelWidth {
		t.Errorf("label %q is %d wide, the column %d", qAlert.title, n, labelWidth)
	}
}

// Item 14: a choice too wide for its row is not cut: the focused one lists
// its options a line each, an unfocused one shows its choice.
func TestWideChoiceNotCut(t *testing.T) {
	m := sized(New(benchDesign(), Options{DesignFile: "bench.yaml"}))
	m.gotoStep(stepReview)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	press(t, m, "ctrl+p")
	m.focusID("review.format")
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	s := screen(m)
	for _, want := range []string{"CloudFormation YAML", "CloudFormation JSON", "Terraform"} {
		contains(t, s, want)
	}
	if strings.Contains(s, "Ter…") {
		t.Errorf("a choice is cut:\n%s", s)
	}
}

// Item 14: the draft's path is shown whole, however long.
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

// Item 14: the preview wraps long lines, and a design that cannot render
// shows the error above the last render that worked.
func TestPreviewWrapsAndKeepsLastGood(t *testing.T) {
	m := previewModel(t)
	arn := "arn:aws:iam::111122223333:role/app0"
	_, side, _ := m.layout()
	body := ansiFree(m.previewBody(side))
	for _, l := range m.previewBody(side) {
		if w := ansi.StringWidth(l); w > side {
			t.Fatalf("a preview line is %d wide, the pane %d: %q", w, side, ansi.Strip(l))
		}
	}
	if !strings.Contains(strings.ReplaceAll(body, "\n", ""), arn) {
		t.Fatalf("the preview does not hold %s", arn)
	}
	m.focusID("stmt0.sid")
	typeText(t, m, "!") // a Sid must be letters and digits
	s := screen(m)
	contains(t, s, "out of date")
	contains(t, s, "cannot render yet")
	contains(t, s, "# Generated by secretsmith")
}

// Item 15: text wraps at spaces only, so ARNs and flags stay whole.
func TestWrapKeepsTokens(t *testing.T) {
	arn := "arn:aws:kms:eu-west-1:111122223333:alias/payments-db"
	got := form.Wrap("must be in eu-central-1, not in "+arn+", the key's region", 60, "  ")
	joined := strings.Join(got, "\n")
	if !strings.Contains(joined, arn) || !strings.Contains(joined, "eu-central-1") {
		t.Errorf("wrap broke a token:\n%s", joined)
	}
	for _, l := range got {
		if ansi.StringWidth(l) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
	// Only a word longer than a line is broken.
	if got := form.WrapWords(strings.Repeat("x", 25), 10); len(got) != 3 || got[0] != strings.Repeat("x", 10) {
		t.Errorf("form.WrapWords(25 x, 10) = %q", got)
	}
	if got := form.WrapWords("a\n\nb", 10); strings.Join(got, "|") != "a||b" {
		t.Errorf("wrapWords kept no empty line: %q", got)
	}
}

// Item 15: a long deploy command goes on lines of its own, broken before
// flags with the shell's continuation, never inside a flag.
func TestCommandLines(t *testing.T) {
	next := "aws cloudformation deploy --template-file prod-payments-db.cfn.yaml --stack-name prod-payments-db --capabilities CAPABILITY_AUTO_EXPAND CAPABILITY_IAM; then subscribe someone to the alert topic"
	got := commandLines(next, 60, "  ")
	want := []string{
		"  aws cloudformation deploy \\",
		"      --template-file prod-payments-db.cfn.yaml \\",
		"      --stack-name prod-payments-db \\",
		"      --capabilities CAPABILITY_AUTO_EXPAND CAPABILITY_IAM",
		"  then subscribe someone to the alert topic",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("commandLines =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := commandLines("terraform plan", 60, "  "); len(got) != 1 {
		t.Errorf("a short command was broken: %q", got)
	}
}

// Item 17: letters typed in the Actions list filter it; only space toggles.
func TestActionsTypeToFilter(t *testing.T) {
	m := onSecret(t)
	m.gotoStep(stepPolicy)
	m.focusID("policy.role")
	press(t, m, "enter")
	m.focusID("stmt0.action")
	before := append([]string(nil), m.d.ResourcePolicy.Statements[0].Action...)
	typeText(t, m, "xx") // x used to toggle
	if got := m.d.ResourcePolicy.Statements[0].Action; strings.Join(got, ",") != strings.Join(before, ",") {
		t.Fatalf("typing changed the actions: %v, was %v", got, before)
	}
	press(t, m, "backspace", "backspace")
	typeText(t, m, "rotate")
	s := screen(m)
	contains(t, s, "filter: rotate")
	contains(t, s, "RotateSecret")
	if strings.Contains(s, "GetRandomPassword") {
		t.Errorf("the filter left GetRandomPassword in the list:\n%s", s)
	}
	press(t, m, "down", "space") // the second match
	f := fieldByID(t, m, "stmt0.action")
	_, w := f.widget()
	second := m.ed.Shown(w)[1].Value
	found := false
	for _, a := range m.d.ResourcePolicy.Statements[0].Action {
		found = found || a == second
	}
	if !found {
		t.Errorf("space on the second match did not select %s: %v", second, m.d.ResourcePolicy.Statements[0].Action)
	}
	press(t, m, "esc")
	if m.ed.Filter != "" || m.stmt != 0 {
		t.Errorf("esc: filter %q, statement %d; want the filter cleared and the statement still open", m.ed.Filter, m.stmt)
	}
}

// Item 18: a stray enter on "+ Add a replica region" does not keep the
// user on the step, and an empty row is removed without a confirmation.
func TestEmptyRowsDoNotBlock(t *testing.T) {
	m := onSecret(t)
	typeText(t, m, "prod/db")
	m.focusID("tags.add")
	press(t, m, "enter")
	typeText(t, m, "owner")
	m.focusID("replicas.add")
	press(t, m, "enter") // the stray enter
	focusIs(t, m, "replica0.region")
	if len(m.d.Secret.ReplicaRegions) != 1 {
		t.Fatalf("enter on the add button added %d rows", len(m.d.Secret.ReplicaRegions))
	}
	// An empty row goes with one enter.
	m.focusID("replica0.remove")
	press(t, m, "enter")
	if len(m.d.Secret.ReplicaRegions) != 0 {
		t.Errorf("one enter on the empty row's remove button left %d rows", len(m.d.Secret.ReplicaRegions))
	}
	// A filled one still asks.
	m.focusID("tag0.remove")
	press(t, m, "enter")
	if len(m.d.Secret.Tags) != 1 || m.ed.Armed != "tag0.remove" {
		t.Errorf("one enter removed a filled tag (tags %v, armed %q)", m.d.Secret.Tags, m.ed.Armed)
	}
	// Another stray row, then Continue: it is dropped, not an error.
	m.focusID("replicas.add")
	press(t, m, "enter")
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepEncryption, "Continue with an empty replica row")
	if len(m.d.Secret.ReplicaRegions) != 0 {
		t.Errorf("the empty replica row was kept: %v", m.d.Secret.ReplicaRegions)
	}
}

// Item 5: in line mode the menu numbers do not move: 3 is Continue on the
// Secret step before and after a tag is added, words are always accepted,
// and a draft does not renumber the Start choices.
func TestLineModeStableMenus(t *testing.T) {
	script := func(answers ...string) string {
		var out strings.Builder
		RunAccessible(nil, Options{}, strings.NewReader(strings.Join(answers, "\n")+"\n"), &out)
		return out.String()
	}
	secret := []string{"new", "prod/db", "", "", "", "", "", "", ""}
	// Add a tag by number, then Continue by the same number as before.
	got := script(append(secret, "1", "owner", "payments", "3")...)
	if !strings.Contains(got, "3. Continue [continue]") || !strings.Contains(got, "Step 3 of 8: Encryption") {
		t.Errorf("3 did not mean Continue after a tag was added:\n%s", got)
	}
	if strings.Count(got, "3. Continue [continue]") != 2 {
		t.Errorf("Continue is not 3 in both menus:\n%s", got)
	}
	// The same by words.
	got = script(append(secret, "tag", "owner", "payments", "continue")...)
	if !strings.Contains(got, "Step 3 of 8: Encryption") {
		t.Errorf("the words tag and continue were not accepted:\n%s", got)
	}
	// A draft is the last Start choice, so the others keep their numbers.
	draft := t.TempDir() + "/draft.yaml"
	if err := os.WriteFile(draft, []byte("version: 1\nsecret:\n  secretId: old/one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	RunAccessible(nil, Options{DraftPath: draft}, strings.NewReader("1\nnew/two\n"), &out)
	if !strings.Contains(out.String(), "1. Design a new secret") || !strings.Contains(out.String(), "4. Resume the draft of old-one") {
		t.Errorf("the draft renumbered the Start choices:\n%s", out.String())
	}
}

// syncBuffer is a transcript the test reads while the session writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls the transcript until it holds want.
func waitFor(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	deadline := testwait.Deadline(t)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the transcript never showed %q:\n%s", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Item 6: in line mode Ctrl+C asks before quitting and says where the
// answers are; n carries on, y quits.
func TestLineModeCtrlCAsks(t *testing.T) {
	draft := t.TempDir() + "/draft.yaml"
	ints := make(chan os.Signal)
	pr, pw := io.Pipe()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		_, err := RunAccessible(nil, Options{DraftPath: draft, Interrupts: ints}, pr, out)
		done <- err
	}()
	io.WriteString(pw, "new\n")
	waitFor(t, out, "Secret Id")
	ints <- os.Interrupt
	waitFor(t, out, "Quit the wizard? Nothing has been written. Your answers are kept in the draft at "+draft)
	io.WriteString(pw, "n\n")
	waitFor(t, out, "Carrying on.")
	io.WriteString(pw, "prod/db\n")
	waitFor(t, out, "Description")
	ints <- os.Interrupt
	waitFor(t, out, "Type y to quit")
	io.WriteString(pw, "y\n")
	if err := <-done; !errors.Is(err, ErrInterrupted) {
		t.Fatalf("RunAccessible = %v, want ErrInterrupted", err)
	}
	if d := loadDraft(t, draft); d.Secret.SecretID != "prod/db" {
		t.Errorf("the draft holds Secret Id %q, want prod/db", d.Secret.SecretID)
	}
}

// Item 6: with both alerts off, line mode does not ask where alerts go;
// piped answers are echoed when EchoAnswers is set.
func TestLineModeAlertsOffAndEcho(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"}}
	m := New(&d, Options{DesignFile: "d.yaml"})
	m.gotoStep(stepMonitoring)
	for _, id := range []string{"monitoring.rotationFailureAlert", "monitoring.changeAlert"} {
		m.applySet(fieldByID(t, m, id), "false")
	}
	for _, f := range m.fields() {
		if f.path == "monitoring.alertEmail" || f.path == "monitoring.alertTopicArn" {
			t.Errorf("with alerts off the step asks %s", f.path)
		}
	}
	var out strings.Builder
	RunAccessible(nil, Options{EchoAnswers: true}, strings.NewReader("new\nprod/echoed\n"), &out)
	if !strings.Contains(out.String(), "> new\n") || !strings.Contains(out.String(), "> prod/echoed\n") {
		t.Errorf("the answers were not echoed after their prompts:\n%s", out.String())
	}
}

// Item 20 (in part): the long list of rotation types filters as the user
// types, and the choice follows the first match.
func TestRotationTypeFilters(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{}}}
	m := sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepRotation)
	m.focusID("rotation.hostedRotationLambda.rotationType")
	typeText(t, m, "postgre")
	h := m.d.Rotation.HostedRotationLambda
	if !strings.HasPrefix(h.RotationType, "PostgreSQL") {
		t.Fatalf("typing postgre chose %q", h.RotationType)
	}
	s := screen(m)
	contains(t, s, "filter: postgre")
	if strings.Contains(s, "MySQL") {
		t.Errorf("the filter left MySQL in the list:\n%s", s)
	}
	first := h.RotationType
	press(t, m, "down")
	if h.RotationType == first || !strings.HasPrefix(h.RotationType, "PostgreSQL") {
		t.Errorf("down within the filter chose %q after %q", h.RotationType, first)
	}
	press(t, m, "esc")
	if m.ed.Filter != "" || m.step != stepRotation {
		t.Errorf("esc: filter %q, step %d; want the filter cleared on the Rotation step", m.ed.Filter, m.step)
	}
}

// Item 5: a choice shows the word it always answers to, and an empty
// answer where there is nothing to keep says so.
func TestLineModeChoiceWords(t *testing.T) {
	var out strings.Builder
	RunAccessible(nil, Options{}, strings.NewReader("existing\n"), &out)
	got := out.String()
	for _, want := range []string{"1. Design a new secret [new]", "2. Add a policy, rotation and alerts to an existing secret [existing]",
		"Type a number or the word in brackets."} {
		contains(t, got, want)
	}
	if !strings.Contains(got, "Existing secret ARN") {
		t.Errorf("the word existing was not taken:\n%s", got)
	}
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{}}}
	m := New(&d, Options{DesignFile: "d.yaml"})
	m.gotoStep(stepRotation)
	a := &accessible{m: m}
	if msg := a.answer(fieldByID(t, m, "rotation.hostedRotationLambda.rotationType"), ""); !strings.Contains(msg, "no choice yet to keep") {
		t.Errorf("an empty answer with no choice: %q", msg)
	}
	if msg := a.answer(fieldByID(t, m, "rotation.hostedRotationLambda.rotationType"), "PostgreSQLSingleUser"); msg != "" || m.d.Rotation.HostedRotationLambda.RotationType != "PostgreSQLSingleUser" {
		t.Errorf("the word PostgreSQLSingleUser: %q, type %q", msg, m.d.Rotation.HostedRotationLambda.RotationType)
	}
}

// wrapWords ends on any input: leading spaces wider than the line and
// characters wider than the room left.
func FuzzWrapWords(f *testing.F) {
	f.Add("must be in eu-central-1", 10)
	f.Add("            indented past the width", 5)
	f.Add("漢字漢字漢字", 1)
	f.Fuzz(func(t *testing.T, s string, width int) {
		width = 1 + abs(width)%80
		// What the wizard wraps is plain, valid text (control characters
		// are shown escaped before they reach it).
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && r != '\n' {
				return -1
			}
			return r
		}, strings.ToValidUTF8(s, "?"))
		var words []string
		for _, l := range form.WrapWords(s, width) {
			if w := ansi.StringWidth(l); w > width && len([]rune(strings.TrimSpace(l))) > 1 {
				t.Errorf("form.WrapWords(%q, %d) has a line %d wide: %q", s, width, w, l)
			}
			words = append(words, strings.Fields(l)...)
		}
		if strings.Join(words, "") != strings.Join(strings.Fields(s), "") {
			t.Errorf("form.WrapWords(%q, %d) lost or changed text: %q", s, width, words)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Item 1: designing a new secret while a draft exists keeps the old draft
// aside, and says where, instead of replacing it.
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

// formText is the form column of the screen as one line of words, so a
// wrapped sentence can be looked for whole.
func formText(m *Model) string {
	var words []string
	for _, l := range strings.Split(screen(m), "\n") {
		l, _, _ = strings.Cut(l, "│")
		l = strings.ReplaceAll(l, "┃", "") // the border of a huh dialog
		words = append(words, strings.Fields(l)...)
	}
	return strings.Join(words, " ")
}

// A # line of the next steps that is wider than the screen wraps into
// lines that each begin with #, so a pasted block never runs the rest of
// the sentence as a command (round-three trial: "address (for ADDRESS)"
// stood on a line of its own).
func TestCommandLinesCommentStaysComment(t *testing.T) {
	next := "terraform plan\n# nobody is subscribed to the alert topic yet: after deploying, subscribe an address (for ADDRESS)\naws sns subscribe --protocol email"
	got := commandLines(next, 60, "  ")
	if len(got) < 4 {
		t.Fatalf("the comment did not wrap at 60: %q", got)
	}
	for _, l := range got[1 : len(got)-1] {
		if !strings.HasPrefix(l, "  # ") {
			t.Errorf("a wrapped comment line does not begin with #: %q", l)
		}
		if ansi.StringWidth(l) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
	if got[len(got)-1] != "  aws sns subscribe --protocol email" {
		t.Errorf("last line = %q", got[len(got)-1])
	}
}
