package tui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/account"
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
	if data := savedDraftText(t, m, path); strings.Contains(data, "hunter2") {
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
	write := func(context.Context, account.Account, *blueprint.Design, generate.Format, string, bool) (Written, error) {
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
	if data := savedDraftText(t, m, path); strings.Contains(data, "hunter2") {
		t.Errorf("the draft holds the refused master password:\n%s", data)
	}
}

// Round two's trial: a waiver reason typed but not yet added is part of
// where the user was: a draft saved then (a kill -9, ctrl+c) resumes on
// the reason's field with the reason and the rule it was for.
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
	m.waiveRule = failing[1].value
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

// Round two's trial: with "Use an existing customer managed key" chosen,
// an AWS managed key is refused with the wizard's way to a created key
// (choose it above), not the design file's (an empty field, which the
// wizard refuses under that choice).
func TestAWSManagedKeyAdviceFitsTheWizard(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.gotoStep(stepEncryption)
	m.focusID("encryption.choice")
	press(t, m, "down")
	m.focusID("secret.kmsKeyArn")
	typeText(t, m, "alias/aws/secretsmanager")
	msgs := strings.Join(problemTexts(t, m, "secret.kmsKeyArn"), "\n")
	if !strings.Contains(msgs, "is an AWS managed key") || !strings.Contains(msgs, "choose to create a dedicated key") ||
		strings.Contains(msgs, "leave the field empty") {
		t.Errorf("the key's problem = %q, want the wizard's advice", msgs)
	}
}

// Round two's trial: a paste into a number field that holds a value
// replaces it, as the first key typed there does ("32" then a pasted "64"
// is 64, not 3264); a paste into a text field still goes where the cursor
// is.
func TestPasteReplacesANumberAsTypingDoes(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	const length = "secret.generateSecretString.passwordLength"
	m.focusID(length)
	send(t, m, tea.PasteMsg{Content: "64"})
	if got := m.d.Secret.GenerateSecretString.PasswordLength; got == nil || *got != 64 {
		t.Errorf("after pasting 64 over 32, the length is %v, want 64", got)
	}
	// Typed first, then pasted: the paste goes on from the typing.
	press(t, m, "shift+tab", "tab")
	focusIs(t, m, length)
	typeText(t, m, "1")
	send(t, m, tea.PasteMsg{Content: "6"})
	if got := m.d.Secret.GenerateSecretString.PasswordLength; got == nil || *got != 16 {
		t.Errorf("after typing 1 and pasting 6, the length is %v, want 16", *got)
	}
	m.focusID("secret.secretId")
	typeText(t, m, "prod/")
	send(t, m, tea.PasteMsg{Content: "db"})
	if got := m.d.Secret.SecretID; got != "prod/db" {
		t.Errorf("a paste after typing gives %q, want prod/db", got)
	}
}

// Round two's trial: a secret imported from Terraform is written back as
// Terraform unless the user chooses otherwise (the review offered
// CloudFormation YAML); a design that remembers its output keeps that.
func TestImportedSecretKeepsItsFormat(t *testing.T) {
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	s := ImportedSecret{ID: "aws_secretsmanager_secret.this", Source: "infra", Design: &d, Format: generate.Terraform}
	m := sized(New(nil, Options{Imported: &s}))
	defer m.Close()
	m.gotoStep(stepReview)
	if m.format != generate.Terraform || m.outputPath() != "prod-db-terraform" {
		t.Errorf("an imported Terraform secret is written as %q to %q, want terraform to prod-db-terraform", m.format, m.outputPath())
	}
}

// Round two's trial: a CloudFormation path ending in a separator (it names
// a directory) is refused under Write to as it is typed, with a file name
// of the format's ending, not only when Write is pressed.
func TestCloudFormationPathEndingInSeparatorRefusedAsTyped(t *testing.T) {
	m := onReview(t, Options{})
	defer m.Close()
	m.focusID("review.format")
	press(t, m, "right") // CloudFormation JSON
	if m.format != generate.CloudFormationJSON {
		t.Fatalf("format %q, want cloudformation-json", m.format)
	}
	m.focusID("review.output")
	press(t, m, "ctrl+u")
	typeText(t, m, "x/y/")
	msgs := strings.Join(problemTexts(t, m, "review.output"), "\n")
	if !strings.Contains(msgs, "ends in a separator") || !strings.Contains(msgs, filepath.Join("x/y", "secret.cfn.json")) {
		t.Errorf("under Write to: %q, want the separator refused with x/y/secret.cfn.json", msgs)
	}
	// Terraform writes a directory: the same path is fine there.
	m.focusID("review.format")
	press(t, m, "right")
	if msgs := problemTexts(t, m, "review.output"); len(msgs) != 0 {
		t.Errorf("a Terraform directory ending in a separator is refused: %q", msgs)
	}
}

// Round two's trial: a letter typed on a short choice changes nothing. "x"
// flipped a statement's Effect from Allow to Deny without a word (x is the
// checkbox's toggle, not a choice's); space and ←/→ still change it.
func TestLetterOnAChoiceChangesNothing(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "A", Effect: "Allow",
			Principal: &blueprint.Principal{AWS: []string{"111122223333"}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	m := sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepPolicy)
	m.editStatement(0, "")
	m.focusID("stmt0.effect")
	press(t, m, "x")
	if got := m.d.ResourcePolicy.Statements[0].Effect; got != "Allow" {
		t.Fatalf("x on the Effect choice made it %s", got)
	}
	press(t, m, "space")
	if got := m.d.ResourcePolicy.Statements[0].Effect; got != "Deny" {
		t.Errorf("space on the Effect choice left it %s, want Deny", got)
	}
}

// Round two's trial: a database user the JSON template gives is shown in
// the Database user field (as its placeholder), so the field left empty
// does not look unanswered.
func TestDatabaseUserFromTemplateShown(t *testing.T) {
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.Secret.GenerateSecretString = &blueprint.GenerateSecretString{SecretStringTemplate: `{"username":"payments"}`, GenerateStringKey: "password"}
	d.Secret.Database = &blueprint.Database{Host: "db.internal"}
	d.Rotation = &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}}
	m := wide(New(&d, Options{}))
	m.gotoStep(stepRotation)
	scr := screen(m)
	if !shownUnder(scr, "Database user ", "payments, from the JSON template", "Function name") {
		t.Errorf("the template's user is not shown in Database user:\n%s", scr)
	}
}

// Round two: ctrl+g (or Continue) on a step with errors names the first
// error and puts the focus on its field, instead of leaving the focus on
// Continue with only a count.
func TestContinueWithErrorsFocusesTheFirst(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	typeText(t, m, "prod db")
	m.focusID("secret.region")
	typeText(t, m, "us-east-9x")
	m.focusID("secret.description")
	press(t, m, "ctrl+g", "ctrl+g")
	onStep(t, m, stepSecret, "with two errors")
	focusIs(t, m, "secret.secretId")
	if !strings.Contains(m.status, "fix the 2 errors") || !strings.Contains(m.status, "Secret Id") {
		t.Errorf("status %q, want the count and the first error's field named", m.status)
	}
	// Fixed, the next ctrl+g goes to the next error.
	press(t, m, "ctrl+u")
	typeText(t, m, "prod/db")
	press(t, m, "ctrl+g", "ctrl+g")
	focusIs(t, m, "secret.region")
	if !strings.Contains(m.status, "fix the 1 error") || !strings.Contains(m.status, "Region") {
		t.Errorf("status %q, want the Region named", m.status)
	}
}

// Round two's trial: a list pasted one value per line into a
// comma-separated field (principals, subnets, condition values) reads as
// the list it is, not as values run together with spaces.
func TestPasteALineListIntoACommaList(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "A", Effect: "Allow",
			Principal: &blueprint.Principal{}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	m := sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepPolicy)
	m.editStatement(0, "")
	m.focusID("stmt0.principal")
	send(t, m, tea.PasteMsg{Content: "arn:aws:iam::111122223333:role/app-a\r\narn:aws:iam::111122223333:role/app-b\n\n"})
	want := []string{"arn:aws:iam::111122223333:role/app-a", "arn:aws:iam::111122223333:role/app-b"}
	if got := m.d.ResourcePolicy.Statements[0].Principal.AWS; !slices.Equal(got, want) {
		t.Errorf("principals after pasting two lines = %q, want %q", got, want)
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
