package tui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
)

// webTemplate is what the command's reader gives for a template like
// scan/testdata/cfn/params-unknown.yaml with a second secret beside it: the
// key is a parameter without a default, and the rotation exists only under
// a condition on another one.
func webTemplate() []ImportedSecret {
	n := 24
	web := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{
		SecretID:             "prod/web",
		GenerateSecretString: &blueprint.GenerateSecretString{PasswordLength: &n},
		Tags:                 []blueprint.Tag{{Key: "owner", Value: "platform"}},
	}}
	other := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/other"}}
	return []ImportedSecret{
		{ID: "Other", Source: "web.yaml", Design: other},
		{ID: "Web", Source: "web.yaml", Design: web, Unread: []Unread{
			{Path: "rotation", At: "web.yaml:27", Reason: "the schedule Schedule exists only under the condition Rotate, which depends on values not known until deployment"},
			{Path: "rotation.rotationLambdaArn", At: "web.yaml:32", Reason: "the value is imported from another stack (Fn::ImportValue)"},
			{Path: "secret.kmsKeyArn", At: "web.yaml:24", Reason: "the parameter KeyArn has no default, so its value is given at deployment"},
		}},
	}
}

// fakeImport reads webTemplate from web.yaml, and nothing else.
func fakeImport(read *[]string) ImportFunc {
	return func(path string) ([]ImportedSecret, error) {
		*read = append(*read, path)
		if path != "web.yaml" {
			return nil, errors.New("open " + path + ": no such file or directory")
		}
		return webTemplate(), nil
	}
}

// toContinue moves the focus to the step's Continue button and presses it.
func toContinue(t *testing.T, m *Model) {
	t.Helper()
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
}

// wide returns the model in a window wide enough that no marker wraps,
// so the tests can look for it whole.
func wide(m *Model) *Model {
	m.tick = instantTick
	m.Update(tea.WindowSizeMsg{Width: 240, Height: 40})
	return m
}

// under reports whether want shows below the field labelled label and
// before the next one labelled next.
func shownUnder(scr, label, want, next string) bool {
	i := strings.Index(scr, label)
	if i < 0 {
		return false
	}
	rest := scr[i:]
	j, k := strings.Index(rest, want), strings.Index(rest, next)
	return j >= 0 && (k < 0 || j < k)
}

const (
	keyMarker      = "not read from web.yaml:24: the parameter KeyArn has no default"
	rotationMarker = "not read from web.yaml:27: the schedule Schedule exists only under the condition Rotate"
	lambdaMarker   = "not read from web.yaml:32: the value is imported from another stack"
)

// Issue 12: Start → Import a template → its path → the secret to open:
// the design is the one read, the unread key is marked under the key
// choice and under the key's field once that shows, typing the key takes
// the marker away, and the checklist says cannot verify, not met, while
// the key is unread. An unread value no field on screen is about is listed
// at the top of its step.
func TestImportFromStartScreen(t *testing.T) {
	var read []string
	m := wide(New(nil, Options{Import: fakeImport(&read)}))
	contains(t, screen(m), "Import a template (CloudFormation or Terraform)")
	press(t, m, "down", "down", "down")
	if m.startChoice != "import" {
		t.Fatalf("the fourth Start choice is %q, want import", m.startChoice)
	}
	press(t, m, "tab")
	typeText(t, m, "nothere.yaml")
	press(t, m, "enter")
	if m.step != stepStart || !strings.Contains(screen(m), "open nothere.yaml: no such file") {
		t.Fatalf("a template that cannot be read left the Start step, or its error is not shown:\n%s", screen(m))
	}
	if len(read) != 0 && read[len(read)-1] != "nothere.yaml" {
		t.Fatalf("read %v", read)
	}
	press(t, m, "shift+tab", "ctrl+u") // back from Continue to the path
	typeText(t, m, "web.yaml")
	press(t, m, "enter")
	if m.step != stepStart {
		t.Fatalf("a template of two secrets opened one without asking")
	}
	scr := screen(m)
	contains(t, scr, "Secret to open")
	contains(t, scr, "Web (prod/web)")
	contains(t, scr, "web.yaml holds 2 secrets; choose the one to open")
	if f, _ := m.focused(); f.id != "start.secret" {
		t.Fatalf("focus on %q after the template was read, want the secret to open", f.id)
	}
	press(t, m, "down", "down", "enter")
	if m.step != stepSecret {
		t.Fatalf("on step %d after choosing Web, want the Secret step:\n%s", m.step, screen(m))
	}
	if got := m.d.Secret.SecretID; got != "prod/web" {
		t.Fatalf("Secret Id %q, want the imported prod/web", got)
	}
	scr = screen(m)
	contains(t, scr, "prod/web")
	contains(t, scr, "24")
	contains(t, scr, "platform")
	if r, _ := m.report.Result(blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusCannotVerify {
		t.Errorf("customer-managed-key is %s while the key is unread, want cannot verify", r.Status)
	}
	if r, _ := m.report.Result(blueprint.RuleRotationEnabled); r.Status != blueprint.StatusNotMet {
		t.Errorf("rotation-enabled is %s for a design without rotation, want not met: the files are written from the design", r.Status)
	}

	toContinue(t, m)
	if m.step != stepEncryption {
		t.Fatalf("on step %d, want Encryption:\n%s", m.step, screen(m))
	}
	scr = screen(m)
	if !shownUnder(scr, "Encryption key", keyMarker, "Continue") {
		t.Errorf("the key's marker is not under the key choice:\n%s", scr)
	}
	// Nothing is chosen for the unread key (B5): ↑ chooses from the
	// end, an existing key, and the key's field shows.
	if r, _ := m.report.Result(blueprint.RuleCustomerManagedKey); r.Status == blueprint.StatusMet {
		t.Errorf("customer-managed-key met while the key is not chosen")
	}
	contains(t, scr, "choose with ↑/↓")
	press(t, m, "up")
	scr = screen(m)
	if !shownUnder(scr, "KMS key  ", keyMarker, "Continue") {
		t.Errorf("the marker is not under the key's field:\n%s", scr)
	}
	if strings.Contains(scr, "KMS key: "+keyMarker) {
		t.Errorf("the marker is at the top of the step as well as under its field:\n%s", scr)
	}
	press(t, m, "tab")
	typeText(t, m, "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
	if scr := screen(m); strings.Contains(scr, "not read from web.yaml:24") {
		t.Errorf("the marker stayed after the key was typed:\n%s", scr)
	}
	if r, _ := m.report.Result(blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusMet {
		t.Errorf("customer-managed-key is %s once the key is given, want met", r.Status)
	}

	toContinue(t, m) // policy
	toContinue(t, m) // rotation
	if m.step != stepRotation {
		t.Fatalf("on step %d, want Rotation", m.step)
	}
	scr = screen(m)
	if !shownUnder(scr, "Rotate automatically", rotationMarker, "Continue") {
		t.Errorf("the rotation's marker is not under Rotate automatically:\n%s", scr)
	}
	if !shownUnder(scr, "Rotation", lambdaMarker, "Rotate automatically") {
		t.Errorf("the function's marker is not at the top of the step, while rotation is off:\n%s", scr)
	}
	if n := strings.Count(scr, "not read from web.yaml"); n != 2 {
		t.Errorf("%d markers on the rotation step, want two: the rotation's once, under its first question, and the function's:\n%s", n, scr)
	}
	press(t, m, "space")
	scr = screen(m)
	if strings.Contains(scr, rotationMarker) {
		t.Errorf("the rotation's marker stayed after rotation was switched on:\n%s", scr)
	}
	if !shownUnder(scr, "Rotation function", lambdaMarker, "Continue") {
		t.Errorf("the function's marker is not under the function's question once it shows:\n%s", scr)
	}
	// My own Lambda: the marker moves under the ARN's field; hosted
	// again, with no ARN to give, settles it.
	m.focusID("rotation.function")
	press(t, m, "left") // nothing chosen: ← chooses the last
	if scr := screen(m); !shownUnder(scr, "Rotation Lambda ARN", lambdaMarker, "Continue") {
		t.Errorf("the function's marker is not under the Lambda ARN's field:\n%s", scr)
	}
	press(t, m, "left")
	if scr := screen(m); strings.Contains(scr, lambdaMarker) {
		t.Errorf("the function's marker stayed after a hosted function was chosen:\n%s", scr)
	}
}

// keyMarkedUnread fails unless web.yaml's unread key is marked under the
// Encryption step's key choice and listed on the review; it leaves m on
// the review and returns its screen.
func keyMarkedUnread(t *testing.T, m *Model, what string) string {
	t.Helper()
	m.gotoStep(stepEncryption)
	if scr := screen(m); !shownUnder(scr, "Encryption key", keyMarker, "Continue") {
		t.Errorf("%s: the key's marker is not under the key choice:\n%s", what, scr)
	}
	m.gotoStep(stepReview)
	scr := screen(m)
	contains(t, scr, "KMS key: "+keyMarker)
	return scr
}

// An unread value with no field on screen is listed at the top of its
// step; the review lists every one still unread; and a secret opened with
// Options.Imported (--design-from) starts past Start, marked the same way.
func TestImportedOptionMarksAndReviewLists(t *testing.T) {
	s := webTemplate()[1]
	m := wide(New(nil, Options{Imported: &s}))
	if m.step != stepSecret || m.d.Secret.SecretID != "prod/web" {
		t.Fatalf("Options.Imported opened step %d with %q, want the Secret step of prod/web", m.step, m.d.Secret.SecretID)
	}
	scr := keyMarkedUnread(t, m, "the imported secret")
	contains(t, scr, "? The secret is encrypted with a customer managed KMS key")
	contains(t, scr, "cannot verify")

	// Choosing a dedicated key after all, with the key's field gone
	// again, settles the key: its marker goes.
	m.gotoStep(stepEncryption)
	press(t, m, "up") // nothing chosen: ↑ chooses the last, an existing key
	contains(t, screen(m), keyMarker)
	press(t, m, "up")
	if scr := screen(m); strings.Contains(scr, keyMarker) {
		t.Errorf("the key's marker stayed after a dedicated key was chosen:\n%s", scr)
	}

	// Switching to a new design on Start hides the import's markers.
	startShowsNoMarkers(t, m, "new", stepEncryption)
}

// startShowsNoMarkers goes back to Start, takes its choice start and fails
// if step s then marks a value as not read from the imported template.
func startShowsNoMarkers(t *testing.T, m *Model, start string, s step) {
	t.Helper()
	m.gotoStep(stepStart)
	m.setStart(start)
	m.refresh()
	m.gotoStep(s)
	if scr := screen(m); strings.Contains(scr, "not read from") {
		t.Errorf("after choosing %s on Start, %s shows the template's markers:\n%s", start, stepText[s].title, scr)
	}
}

// The Start screen with the import choice and its path, as drawn.
func TestGoldenImportStart(t *testing.T) {
	var read []string
	m := sized(New(nil, Options{Import: fakeImport(&read)}))
	press(t, m, "down", "down", "down", "tab")
	typeText(t, m, "web.yaml")
	press(t, m, "enter")
	checkGolden(t, "import-01-start-secrets", screen(m))
	press(t, m, "down", "down", "enter")
	toContinue(t, m)
	checkGolden(t, "import-02-encryption", screen(m))
}

// Line mode: import is choice 4, after the three choices that were there
// (the draft stays last); the path and the secret are asked, and each
// question of an unread value is followed by its marker.
func TestRunAccessibleImport(t *testing.T) {
	var read []string
	var out strings.Builder
	in := lines(
		"4",        // Begin with: Import a template
		"web.yaml", // Template
		"",         // What next? Continue: two secrets
		"Web",      // Secret to open
		"",         // Continue
		"",         // Secret Id: prod/web
	)
	_, err := RunAccessible(nil, Options{Import: fakeImport(&read)}, in, &out)
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded", err)
	}
	got := out.String()
	for _, want := range []string{
		"4. Import a template (CloudFormation or Terraform) [import]",
		"web.yaml holds 2 secrets; choose the one to open",
		"2. Web (prod/web) [Web]",
		"Current value: prod/web",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("line mode did not say %q:\n%s", want, got)
		}
	}

	s := webTemplate()[1]
	out.Reset()
	secret := []string{"", "", "", "", "", "", "", "", ""} // the Secret step's fields, kept
	secret = append(secret, "", "", "continue")            // the tag, Continue
	in = lines(append(secret, "existing")...)
	_, err = RunAccessible(nil, Options{Imported: &s}, in, &out)
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded", err)
	}
	got = out.String()
	if !strings.Contains(got, "No choice yet, and an empty answer cannot choose one. Type a number or the word in brackets.\n"+
		"error: KMS key: was not read from the template, so nothing is chosen; no files are written until you choose") ||
		!strings.Contains(got, `"Use an existing customer managed key" at Encryption key`+"\nwarning: "+keyMarker) {
		t.Errorf("the key choice is not followed by the key's marker:\n%s", got)
	}
	if !strings.Contains(got, "KMS key: key ARN, key id, alias ARN or alias/name of a customer managed key\nCurrent value: empty\nwarning: "+keyMarker) {
		t.Errorf("the key's question is not followed by its marker:\n%s", got)
	}
}

// The line-mode checklist counts and explains the rules it cannot verify.
func TestChecklistTextCannotVerify(t *testing.T) {
	s := webTemplate()[1]
	m := New(nil, Options{Imported: &s})
	got := checklistText(m.report)
	if !strings.Contains(got, "cannot verify: The secret is encrypted with a customer managed KMS key (customer-managed-key)\n  the parameter KeyArn has no default") {
		t.Errorf("the checklist does not say customer-managed-key cannot be verified, and why:\n%s", got)
	}
	if !strings.Contains(got, "cannot verify.") {
		t.Errorf("the checklist's counts leave out the rules it cannot verify:\n%s", got)
	}
}

// The --learn review says which rules it cannot verify, and why.
func TestLearnReviewCannotVerify(t *testing.T) {
	s := webTemplate()[1]
	m := New(nil, Options{Imported: &s})
	got := LearnReview(m.d, m.report)
	for _, want := range []string{
		"cannot be verified, because they read a value the template did not give.",
		"(customer-managed-key, required): cannot verify",
		"  Cannot verify: the parameter KeyArn has no default, so its value is given at deployment; check that value",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the review does not say %q:\n%s", want, got)
		}
	}
}

// A template's ids, names and reasons are its author's text: the secret
// list and the markers show escape sequences in them escaped.
func TestImportHostileText(t *testing.T) {
	const p = "\x1b]0;pwned\x07\x1b[8m"
	hostile := func(string) ([]ImportedSecret, error) {
		d := func() *blueprint.Design {
			return &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/x" + p}}
		}
		return []ImportedSecret{
			{ID: "A" + p, Design: d()},
			{ID: "B" + p, Design: d(), Unread: []Unread{{Path: "secret.description", At: "t.yaml:1" + p, Reason: "why" + p}}},
		}, nil
	}
	m := wide(New(nil, Options{Import: hostile}))
	press(t, m, "down", "down", "down", "tab")
	typeText(t, m, "t.yaml")
	press(t, m, "enter", "down")
	if v := m.View().Content; strings.Contains(ownStyling.ReplaceAllString(v, ""), "\x1b") {
		t.Errorf("the secret list draws a template's escape sequences:\n%q", v)
	}
	press(t, m, "down", "enter")
	if m.step != stepSecret {
		t.Fatalf("on step %d, want the Secret step", m.step)
	}
	v := m.View().Content
	if strings.Contains(ownStyling.ReplaceAllString(v, ""), "\x1b") {
		t.Errorf("a marker draws a template's escape sequences:\n%q", v)
	}
	contains(t, ansi.Strip(v), "not read from t.yaml:1")
}

// An unread schedule expression, while the schedule is a number of days,
// is marked under the schedule choice; choosing an expression brings the
// marker under the expression's field, where it goes once edited.
func TestImportScheduleMarker(t *testing.T) {
	const marker = "not read from r.yaml:9: the parameter Schedule has no default"
	s := ImportedSecret{ID: "S", Source: "r.yaml", Design: &blueprint.Design{Version: blueprint.CurrentVersion,
		Secret:   blueprint.Secret{SecretID: "prod/s"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, RotationLambdaARN: "arn:aws:lambda:us-east-1:111122223333:function:rot"}},
		Unread: []Unread{{Path: "rotation.scheduleExpression", At: "r.yaml:9", Reason: "the parameter Schedule has no default, so its value is given at deployment"}},
	}
	m := wide(New(nil, Options{Imported: &s}))
	m.gotoStep(stepRotation)
	scr := screen(m)
	if !shownUnder(scr, "Schedule  ", marker, "Rotate every") {
		t.Fatalf("the expression's marker is not under the schedule choice:\n%s", scr)
	}
	m.focusID("rotation.schedule")
	press(t, m, "left") // nothing chosen: ← chooses the last, the expression
	scr = screen(m)
	if !shownUnder(scr, "Schedule expression", marker, "Rotation window") || strings.Count(scr, marker) != 1 {
		t.Fatalf("the marker did not move under the expression's field:\n%s", scr)
	}
	m.focusID("rotation.scheduleExpression")
	press(t, m, "ctrl+u")
	typeText(t, m, "rate(7 days)")
	if strings.Contains(screen(m), marker) {
		t.Errorf("the marker stayed after the expression was typed:\n%s", screen(m))
	}
}

// Issue 22's trial, round two: a tag whose value the template did not give (a
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
