package tui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/internal/tabletest"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

// lines joins answers into one input, a line each, as a script or a pipe
// sends them: all at once, which is what huh's accessible mode loses.
func lines(answers ...string) *strings.Reader {
	return strings.NewReader(strings.Join(answers, "\n") + "\n")
}

// untilInputEnds runs line mode on d with opts and answers, which run out
// before the session ends, and returns its result and transcript.
func untilInputEnds(t *testing.T, d *blueprint.Design, opts Options, answers ...string) (Result, string) {
	t.Helper()
	var transcript strings.Builder
	res, err := RunAccessible(d, opts, lines(answers...), &transcript)
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded once the answers run out\n%s", err, transcript.String())
	}
	return res, transcript.String()
}

// secretAnswers answer the Start and Secret steps of a new secret with one
// tag: new, the Secret Id, keep the generated-value settings and the
// recovery window, add the tag, then continue.
func secretAnswers(id string) []string {
	answers := []string{
		"new", // Begin with
		id,    // Secret Id
		"",    // Description
		"",    // Region
		"",    // Password length (32)
		"",    // Exclude characters
		"",    // JSON template
		"",    // Password key
		"",    // Recovery window
	}
	return append(answers, tagAnswers()...)
}

// tagAnswers add the tag owner=payments and leave the Secret step, in
// whichever form the step declares tags: rows with an add button, or one
// text field of key=value pairs followed by the replica regions.
func tagAnswers() []string {
	if tagRows() {
		return []string{"1", "owner", "payments", ""} // Add a tag, key, value, Continue
	}
	return []string{"owner=payments", ""} // Tags, Replica regions
}

func tagRows() bool {
	m := New(nil, Options{})
	m.step = stepSecret
	for _, f := range m.fields() {
		if f.id == "tags.add" {
			return true
		}
	}
	return false
}

// hostedRotationAnswers answer the Encryption, Resource policy, Rotation
// and Monitoring steps: a dedicated key, no policy, single-user PostgreSQL
// rotation every 30 days in a VPC, and an alert by mail.
func hostedRotationAnswers() []string {
	return []string{
		"",  // Encryption key: create
		"",  // What next? Continue, with no policy
		"y", // Rotate automatically
		"",  // Schedule: every N days
		"",  // Rotate every (days): 30
		"",  // Rotation window
		"",  // Rotate when deployed
		"",  // Rotation function: hosted
		"3", // Rotation type: PostgreSQL single user
		"",  // Database: by host name
		"payments.cluster-abc.us-east-1.rds.amazonaws.com",
		"", // Database port: the engine's
		"", // Database name
		"payments_app",
		"", // Function name
		"", // Function KMS key
		"subnet-0abc1234",
		"sg-0abc1234",
		"", // Reach Secrets Manager: create an endpoint
		"vpc-0abc1234",
		"10.0.0.0/16", // VPC CIDR: the endpoint admits the VPC (issue 20)
		"y",           // Alert on failed rotation
		"",            // Alert on changes: on
		"ops@example.com",
		"", // Existing alert topic: none
		"", // AWS Config rules: off
	}
}

func TestRunAccessibleNewSecretHostedRotationCloudFormation(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out", "prod-db.cfn.yaml")
	draft := filepath.Join(dir, "state", "draft.yaml")
	answers := append(secretAnswers("prod/db"), hostedRotationAnswers()...)
	answers = append(answers, "1", out, "", "") // Format, Write to, Reader policies, Overwrite
	w := &diskWriter{}
	var transcript strings.Builder
	res, err := RunAccessible(nil, Options{DraftPath: draft, Write: w.write}, lines(answers...), &transcript)
	if err != nil {
		t.Fatalf("RunAccessible = %v, want no error; transcript:\n%s", err, transcript.String())
	}
	if !res.Done || res.Format != generate.CloudFormation || res.Output != out {
		t.Errorf("RunAccessible result: Done %v, Format %q, Output %q; want done, cloudformation, %q", res.Done, res.Format, res.Output, out)
	}
	saved := checkWrittenMatchesGenerate(t, w, generate.CloudFormation, out, res.Design)
	if h := saved.Rotation.HostedRotationLambda; h == nil || h.RotationType != "PostgreSQLSingleUser" {
		t.Errorf("saved rotation = %+v, want a hosted PostgreSQLSingleUser function", saved.Rotation)
	}
	if _, err := os.Stat(draft); !os.IsNotExist(err) {
		t.Errorf("draft after writing: Stat = %v, want it removed", err)
	}
	got := transcript.String()
	for _, want := range []string{
		"Step 2 of 8: Secret",
		"Secret Id: the secret's name: 1-512 letters, digits and /_+=.@-, such as prod/payments/db",
		"Current value: 32",
		"3. PostgreSQL · single user",
		"met: The secret rotates at least every 30 days (rotation-within-30-days)",
		"Written:\n  " + out,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript does not contain %q:\n%s", want, got)
		}
	}
	if tagRows() && !strings.Contains(got, "Remove this tag (owner payments)") {
		t.Errorf("the menu does not name the tag row it removes:\n%s", got)
	}
	// Line mode draws nothing: no escape sequences, no box drawing.
	if strings.ContainsAny(got, "\x1b│─┌└✓✗") {
		t.Errorf("transcript holds escape sequences or drawing characters:\n%q", got)
	}
}

func TestRunAccessibleReasksInvalidAnswers(t *testing.T) {
	bad := "prod db!"
	probs := (&blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: bad}}).Validate().At("secret.secretId")
	if len(probs) == 0 {
		t.Fatalf("Validate of Secret Id %q has no problem at secret.secretId; pick another bad value", bad)
	}
	answers := []string{
		"9",   // Begin with: out of range
		"new", // Begin with
		bad,   // Secret Id: invalid
		"",    // Secret Id again: keeping the bad value is still wrong
		"prod/db",
	}
	res, got := untilInputEnds(t, nil, Options{}, answers...)
	for _, want := range []string{
		"error: \"9\" is not a choice; type a number from 1 to 3 or a choice's word\nBegin with again:",
		"error: Secret Id: " + probs[0].Message + "\nSecret Id again:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript does not contain %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "error: Secret Id: "+probs[0].Message); n != 2 {
		t.Errorf("the Secret Id error was printed %d times, want 2 (the bad answer, then Enter keeping it):\n%s", n, got)
	}
	if res.Design.Secret.SecretID != "prod/db" {
		t.Errorf("Secret Id after re-asking = %q, want prod/db", res.Design.Secret.SecretID)
	}
}

func TestRunAccessibleEOFKeepsTheDraft(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "draft.yaml")
	w := &diskWriter{}
	answers := append(secretAnswers("prod/db"), "", "", "y") // up to Rotate automatically
	var transcript strings.Builder
	res, err := RunAccessible(nil, Options{DraftPath: draft, Write: w.write}, lines(answers...), &transcript)
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded", err)
	}
	if !strings.Contains(err.Error(), draft) {
		t.Errorf("error %q does not name the draft %s", err, draft)
	}
	if res.Done || w.calls != 0 {
		t.Errorf("after EOF: Done %v, writer called %d times; want nothing written", res.Done, w.calls)
	}
	d := loadDraft(t, draft)
	if d.Secret.SecretID != "prod/db" || d.Rotation == nil || len(d.Secret.Tags) != 1 {
		t.Errorf("draft = secretId %q, rotation %+v, tags %v; want prod/db, rotation on, one tag", d.Secret.SecretID, d.Rotation, d.Secret.Tags)
	}
}

func TestRunAccessibleEOFOnStartLeavesOldDraft(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "draft.yaml")
	old := []byte("version: 1\nsecret:\n  secretId: old/one\n")
	if err := os.WriteFile(draft, old, 0o600); err != nil {
		t.Fatal(err)
	}
	var transcript strings.Builder
	// An answer that is not a choice, then the end of input: the session
	// never left Start, so it has nothing to save over the old draft.
	_, err := RunAccessible(nil, Options{DraftPath: draft}, strings.NewReader("9\n"), &transcript)
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("RunAccessible = %v, want ErrInputEnded", err)
	}
	got, err := os.ReadFile(draft)
	if err != nil || string(got) != string(old) {
		t.Errorf("draft after EOF on Start = %q, %v; want the old draft untouched", got, err)
	}
	if !strings.Contains(transcript.String(), "4. Resume the draft of old-one [resume]") {
		t.Errorf("Start did not offer the draft:\n%s", transcript.String())
	}
}

func TestRunAccessibleResumesDraftAndGoesBack(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "draft.yaml")
	if err := os.WriteFile(draft, []byte("version: 1\nsecret:\n  secretId: old/one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	answers := []string{
		"resume",
		"",  // Secret Id: keep old/one
		"<", // Description: back to Start
		"",  // Begin with: keep resume
		"new/two",
	}
	res, got := untilInputEnds(t, nil, Options{DraftPath: draft}, answers...)
	wentBack(t, res, got, 2, "new/two")
	if !strings.Contains(got, "Current value: old/one") {
		t.Errorf("the resumed Secret Id was not shown:\n%s", got)
	}
}

// wentBack checks a line-mode session in which < was typed: it showed
// the Start step starts times, and ended with Secret Id id, the answers
// after < read in order.
func wentBack(t *testing.T, res Result, transcript string, starts int, id string) {
	t.Helper()
	if n := strings.Count(transcript, "Step 1 of 8: Start"); n != starts {
		t.Errorf("Start shown %d times, want %d:\n%s", n, starts, transcript)
	}
	if res.Design.Secret.SecretID != id {
		t.Errorf("Secret Id = %q, want %s", res.Design.Secret.SecretID, id)
	}
}

func TestRunAccessibleHelpAndWaiver(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "prod-db.cfn.yaml")
	answers := append(secretAnswers("prod/db"),
		"",  // Encryption key: create
		"",  // What next? Continue, with no policy
		"?", // Rotate automatically: why?
		"n", // no rotation
		"",  // Alert on failed rotation
		"",  // Alert on changes
		"",  // Alert email
		"",  // Existing alert topic
		"",  // AWS Config rules
		// Review: waive rotation-enabled, first with a reason in no words.
		"...",
		"the database is rebuilt from scratch every week, which replaces the password",
		"", out, "", "") // Format, Write to, Reader policies, Overwrite
	w := &diskWriter{}
	var transcript strings.Builder
	res, err := RunAccessible(nil, Options{Write: w.write, Learn: true}, lines(answers...), &transcript)
	if err != nil {
		t.Fatalf("RunAccessible = %v, want no error; transcript:\n%s", err, transcript.String())
	}
	rule, _ := blueprint.LookupRule("rotation-enabled")
	reasonErr := blueprint.ValidateWaiverReason("...")
	if reasonErr == nil {
		t.Fatal(`ValidateWaiverReason("...") = nil; pick a reason the validator rejects`)
	}
	got := transcript.String()
	for _, want := range []string{
		"Blueprint rule rotation-enabled: " + rule.Title + "\n" + rule.Reason,
		"Rule rotation-enabled is not met",
		"error: " + reasonErr.Error(),
		"Waived rotation-enabled.",
		stepText[stepRotation].intro,
		"Review of prod-db against the secretsmith blueprint",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript does not contain %q:\n%s", want, got)
		}
	}
	wv, ok := res.Design.WaiverFor("rotation-enabled")
	if !ok || !strings.HasPrefix(wv.Reason, "the database is rebuilt") {
		t.Errorf("waivers = %+v, want rotation-enabled waived with the second reason", res.Design.Waivers)
	}
	checkWrittenMatchesGenerate(t, w, generate.CloudFormation, out, res.Design)
}

func TestPlainHint(t *testing.T) {
	tabletest.Equal(t, "plainHint", plainHint, map[string]string{
		"←/→: Allow grants, Deny takes away":                  "Allow grants, Deny takes away",
		"space toggles; keep it on":                           "keep it on",
		"space toggles":                                       "",
		"↑/↓ to choose; single user changes its own password": "single user changes its own password",
		"↑/↓ move · space selects":                            "",
		"enter edits · d deletes · c copies · K/J move":       "",
		"the secret's name, such as prod/payments/db":         "the secret's name, such as prod/payments/db",
	})
}

func TestRunAccessiblePolicyStatements(t *testing.T) {
	role := "arn:aws:iam::111122223333:role/app"
	answers := append(secretAnswers("prod/db"),
		"",  // Encryption key: create
		"2", // What next? Let one role read it
		"",  // Sid: AllowRoleRead
		"",  // Effect: Allow
		"",  // Principal element: Principal
		"",  // Principal type: AWS, its error shared with the principals that come next
		role,
		"",         // Action element: Action
		"",         // Actions: DescribeSecret and GetSecretValue
		"",         // Resource: *
		"",         // What next? Back to the statements
		"",         // Block public policies
		"copy 1",   // What next? copy the statement
		"delete 2", // and delete the copy
		"y",        // Delete this statement? yes
		"",         // Continue
	)
	res, got := untilInputEnds(t, nil, Options{}, answers...)
	if !strings.Contains(got, "Step 5 of 8: Rotation") {
		t.Fatalf("the session did not reach the Rotation step:\n%s", got)
	}
	if strings.Contains(got, "Principal type again") {
		t.Errorf("the principal type was asked again for an error its principals fix:\n%s", got)
	}
	if !strings.Contains(got, "Delete this statement? AllowRoleRead1: Allow DescribeSecret and GetSecretValue to "+role) {
		t.Errorf("delete 2 did not ask first:\n%s", got)
	}
	if !strings.Contains(got, "7. Edit statement 2, AllowRoleRead1: Allow DescribeSecret and GetSecretValue to "+role+" [edit 2]") {
		t.Errorf("the copy was not listed after copy 1:\n%s", got)
	}
	p := res.Design.ResourcePolicy
	if p == nil || len(p.Statements) != 1 {
		t.Fatalf("resource policy = %+v, want one statement", p)
	}
	st := p.Statements[0]
	if st.Sid != "AllowRoleRead" || st.Principal == nil || len(st.Principal.AWS) != 1 || st.Principal.AWS[0] != role ||
		strings.Join(st.Action, ",") != "secretsmanager:DescribeSecret,secretsmanager:GetSecretValue" {
		t.Errorf("statement = %+v (principal %+v), want AllowRoleRead letting %s describe and get the secret", st, st.Principal, role)
	}
}

// Line mode shows values, labels, answers and reasons through SafeText: a
// design and answers holding escape sequences never reach the terminal raw.
func TestRunAccessibleEscapesHostileText(t *testing.T) {
	const payload = "\x1b]0;pwned\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[8m\u009b31m"
	d := &blueprint.Design{Version: 1, Name: "n" + payload}
	d.Secret.SecretID = "prod/x" + payload
	d.Secret.Description = "d" + payload
	d.Secret.Tags = []blueprint.Tag{{Key: "owner" + payload, Value: "v" + payload}}
	d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "S" + payload, Effect: "Allow"}}}
	d.Waivers = []blueprint.Waiver{{Rule: "tags-present" + payload, Reason: "r" + payload}}
	var out strings.Builder
	in := strings.Repeat(payload+"\n\n", 30)
	_, err := RunAccessible(d, Options{DraftPath: filepath.Join(t.TempDir(), "draft.yaml"), DesignFile: "d.yaml"}, strings.NewReader(in), &out)
	if err == nil {
		t.Fatal("the session finished on hostile answers")
	}
	if !strings.Contains(out.String(), `Current value: prod/x\x1b]0;pwned\a`) {
		t.Errorf("the secret id is not shown escaped:\n%s", out.String())
	}
	for i, r := range out.String() {
		if blueprint.NeedsEscape(r) {
			t.Fatalf("line mode printed a raw %U at %q", r, out.String()[max(0, i-40):i])
		}
	}
}

// Answers are bounded like design files: endless input without a newline
// (/dev/zero) ends the session with a clear message instead of filling
// memory.
func TestRunAccessibleBoundsAnswers(t *testing.T) {
	in := io.MultiReader(strings.NewReader("new\n"), zeros{})
	done := make(chan error, 1)
	go func() {
		_, err := RunAccessible(nil, Options{DraftPath: filepath.Join(t.TempDir(), "draft.yaml")}, in, io.Discard)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrAnswerTooLong) || !strings.Contains(err.Error(), "64 KiB") {
			t.Errorf("RunAccessible on endless input = %v, want ErrAnswerTooLong", err)
		}
	case <-time.After(testwait.Left(t)):
		t.Fatal("line mode kept reading an endless answer")
	}
}

// One answer longer than line mode reads (a pasted file) is refused and
// the question asked again: it ended the session with "an answer is
// longer than 65536 bytes", without a word of the draft that kept the
// answers so far (issue 22's fifth trial, a 70 KB paste at Region). The
// next answer answers the same question.
func TestRunAccessibleRefusesOneLongAnswer(t *testing.T) {
	draft := filepath.Join(t.TempDir(), "draft.yaml")
	in := lines("new", "keep/me", "Description kept", strings.Repeat("x", MaxAnswerBytes+5000), "eu-west-1")
	var out strings.Builder
	res, err := RunAccessible(nil, Options{DraftPath: draft}, in, &out)
	if !errors.Is(err, ErrInputEnded) || !strings.Contains(err.Error(), "the answers so far are in the draft") {
		t.Fatalf("RunAccessible = %v, want the input to end after the long answer, the draft named\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "error: the answer is longer than 65536 bytes (64 KiB), the most line mode reads; it was not used\nRegion again:\n") {
		t.Errorf("the long answer is not refused at its question:\n%s", out.String())
	}
	if got := res.Design.Secret.Region; got != "eu-west-1" {
		t.Errorf("region %q, want the answer after the long one", got)
	}
}

// Past the bound of what one answer may run on to (an answer without an
// end, /dev/zero), the session ends and says where the answers are.
func TestRunAccessibleEndlessAnswerNamesTheDraft(t *testing.T) {
	draft := filepath.Join(t.TempDir(), "draft.yaml")
	in := io.MultiReader(strings.NewReader("new\nkeep/me\n"), zeros{})
	_, err := RunAccessible(nil, Options{DraftPath: draft}, in, io.Discard)
	if !errors.Is(err, ErrAnswerTooLong) || !strings.Contains(err.Error(), "the answers so far are in the draft "+draft) {
		t.Errorf("RunAccessible = %v, want ErrAnswerTooLong naming the draft", err)
	}
}

// zeros is /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A field whose value is already wrong when it is first shown (an opened
// design with an AWS managed key) prints its error once before its prompt;
// Enter keeps the value and asks again without printing the error a second
// time in the same display, and the display that asks again prints it once.
func TestRunAccessiblePrintsEachProblemOncePerDisplay(t *testing.T) {
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.Secret.KMSKeyARN = "alias/aws/secretsmanager"
	answers := []string{"", "", "", "", "", "", "", "", ""} // the Secret step's eight fields and Continue
	answers = append(answers, "", "", "")                   // the key choice, Enter on the key twice
	_, text := untilInputEnds(t, &d, Options{DesignFile: "d.yaml"}, answers...)
	_, got, ok := strings.Cut(text, "KMS key: ")
	if !ok {
		t.Fatalf("the KMS key was not asked:\n%s", text)
	}
	first, again, ok := strings.Cut(got, "KMS key again:")
	if !ok {
		t.Fatalf("the KMS key was not asked again after Enter:\n%s", got)
	}
	const msg = `"alias/aws/secretsmanager" is an AWS managed key`
	if n := strings.Count(first, msg); n != 1 {
		t.Errorf("the first display of the KMS key prints its error %d times, want 1:\n%s", n, first)
	}
	if n := strings.Count(again, msg); n != 1 {
		t.Errorf("asking again after Enter prints the error %d times, want 1:\n%s", n, again)
	}
}

// A refused Continue in line mode names line mode's way back, <, not the
// screen's esc (round-three trial: "fix the 1 error before you continue,
// the first at JSON template (esc goes back)").
func TestLineModeRefusedContinueSaysLessThan(t *testing.T) {
	answers := []string{
		"new", "prod/db", "", "", "", "",
		`{"username":"app","password":""}`, // JSON template
		"password",                         // Password key: the template has it already
		"",                                 // Recovery window
		"continue",                         // refused
	}
	_, got := untilInputEnds(t, nil, Options{}, answers...)
	if !strings.Contains(got, "before you continue") {
		t.Fatalf("Continue was not refused:\n%s", got)
	}
	if strings.Contains(got, "esc goes") {
		t.Errorf("line mode names esc, which it has not:\n%s", got)
	}
	if !strings.Contains(got, "< goes back") {
		t.Errorf("line mode does not say < goes back:\n%s", got)
	}
}

// Issue 11, item 5: in line mode the menu numbers do not move: 3 is
// Continue on the Secret step before and after a tag is added, words are
// always accepted, and a draft does not renumber the Start choices.
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

// Issue 11, item 6: with both alerts off, line mode does not ask where
// alerts go; piped answers are echoed when EchoAnswers is set.
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

// Issue 11, item 5: a choice shows the word it always answers to, and an
// empty answer where there is nothing to keep says so.
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

// Issue 22's trial: < on the first step's question said nothing and put
// the same question again, as if it had gone somewhere. It says there is
// no earlier step, and the question's answer is then read as usual.
func TestLineModeBackOnFirstStepSaysSo(t *testing.T) {
	res, got := untilInputEnds(t, &blueprint.Design{}, Options{}, "<", "new", "prod/first")
	wentBack(t, res, got, 1, "prod/first")
	if !strings.Contains(got, "no earlier step") {
		t.Errorf("< on the first step did not say there is no earlier step:\n%s", got)
	}
}

// Line mode echoes piped answers into its transcript (often a CI log), but
// not an answer refused as secret material, which the screens refuse and the
// draft never keeps: a JSON template with a password in it was printed
// whole after its prompt.
func TestLineModeDoesNotEchoRefusedSecretMaterial(t *testing.T) {
	const pw = "Hunter2xyzSecret"
	var out strings.Builder
	RunAccessible(nil, Options{EchoAnswers: true}, strings.NewReader("new\nprod/echoed\n\n\n\n\n{\"username\":\"u\",\"password\":\""+pw+"\"}\n"), &out)
	got := out.String()
	if strings.Contains(got, pw) {
		t.Errorf("the transcript holds the refused password:\n%s", got)
	}
	if !strings.Contains(got, "> prod/echoed\n") || !strings.Contains(got, "> (not shown: it may be secret material)\n") {
		t.Errorf("want other answers echoed and the refused one masked:\n%s", got)
	}
}
