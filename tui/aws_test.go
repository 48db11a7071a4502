package tui

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

// fakeAccount answers Verify with fixed checks and records each design it
// was asked about. It implements no operation that reads a secret value.
type fakeAccount struct {
	mu       sync.Mutex
	checks   []account.Check
	verified []string
	keys     map[string][]account.Key
	secrets  []account.Secret
	subnets  []account.Subnet
	groups   []account.SecurityGroup
	eps      []account.Endpoint
	dbs      []account.Database
	loaded   map[string]*blueprint.Design
	calls    []string
}

func (f *fakeAccount) called(c string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
}

func (f *fakeAccount) Identity() account.Identity {
	return account.Identity{Account: "123456789012", Partition: "aws", ARN: "arn:aws:iam::123456789012:user/dev", Region: "eu-west-1"}
}
func (f *fakeAccount) Keys(_ context.Context, r string) ([]account.Key, error) {
	f.called("keys/" + r)
	return f.keys[r], nil
}

func (f *fakeAccount) Secrets(context.Context) ([]account.Secret, error) {
	f.called("secrets")
	return f.secrets, nil
}

func (f *fakeAccount) LoadSecret(_ context.Context, arn string) (*blueprint.Design, error) {
	f.called("load " + arn)
	return f.loaded[arn], nil
}

func (f *fakeAccount) Databases(context.Context) ([]account.Database, error) {
	f.called("databases")
	return f.dbs, nil
}

func (f *fakeAccount) Subnets(context.Context) ([]account.Subnet, error) {
	f.called("subnets")
	return f.subnets, nil
}

func (f *fakeAccount) SecurityGroups(context.Context) ([]account.SecurityGroup, error) {
	f.called("groups")
	return f.groups, nil
}

func (f *fakeAccount) Endpoints(context.Context) ([]account.Endpoint, error) {
	f.called("endpoints")
	return f.eps, nil
}

func (f *fakeAccount) Verify(_ context.Context, d *blueprint.Design) []account.Check {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.verified = append(f.verified, d.Secret.SecretID)
	return f.checks
}

func awsModel(t *testing.T, connect ConnectFunc) *Model {
	t.Helper()
	dFile := designfile.Decode("compliant.yaml", []byte(learnDesigns[0].yaml))
	d, diags := dFile.Design, dFile.Structure
	if d == nil || len(diags.Errors()) > 0 {
		t.Fatalf("designfile.Decode = %v", diags)
	}
	m := New(d, Options{DesignFile: "compliant.yaml", Connect: connect})
	m.tick = instantTick
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 80})
	return m
}

func TestAWSHeaderAndReviewVerification(t *testing.T) {
	f := &fakeAccount{checks: []account.Check{
		{ID: account.CheckKeyUsable, Path: "secret.kmsKeyArn", Status: account.StatusPass, Message: "key is enabled"},
		{ID: account.CheckSubnetsZones, Path: "rotation.hostedRotationLambda.vpcSubnetIds", Status: account.StatusFail, Message: "the subnets are in 1 availability zone (eu-west-1a)"},
		{ID: account.CheckPolicyAccessAnalyze, Path: "resourcePolicy", Status: account.StatusFail, Message: "IAM Access Analyzer reports 1 errors or security warnings",
			Findings: []account.Finding{{Type: "SECURITY_WARNING", Code: "PASS_ROLE_WITH_STAR_IN_RESOURCE", Details: "too broad"}}},
	}}
	connected := make(chan struct{})
	m := awsModel(t, func(context.Context) (account.Account, error) {
		<-connected
		return f, nil
	})
	// Init connects in the background: until it answers, the header says
	// so and the wizard works.
	init := m.Init()
	if init == nil {
		t.Fatal("Init started no connection")
	}
	contains(t, screen(m), "connecting to AWS")
	close(connected)
	runCmds(t, m, init)
	head := strings.SplitN(screen(m), "\n", 2)[0]
	contains(t, head, "123456789012 · eu-west-1 · arn:aws:iam::123456789012:user/dev")
	if len(f.verified) != 0 {
		t.Fatalf("verified before the review: %v", f.verified)
	}

	m.gotoStep(stepReview)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 80})
	s := screen(m)
	for _, want := range []string{"AWS account  1 passed · 2 failed", "✓ aws-key-usable", "✗ aws-subnets-two-zones",
		"VPC subnets: the subnets are in 1", "✗ aws-policy-access-analyzer", "SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE: too broad"} {
		contains(t, s, want)
	}
	if len(f.verified) != 1 {
		t.Fatalf("verified %d times, want once", len(f.verified))
	}
	// Another message on the same design does not verify again.
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 80})
	if len(f.verified) != 1 {
		t.Errorf("an unchanged design was verified again: %v", f.verified)
	}
	// A changed design is verified again when the review shows it.
	m.d.Secret.SecretID = "prod/changed"
	m.refresh()
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 80})
	if len(f.verified) != 2 || f.verified[1] != "prod/changed" {
		t.Errorf("after a change: verified %v", f.verified)
	}
}

func TestAWSStaleVerificationDropped(t *testing.T) {
	m := awsModel(t, func(context.Context) (account.Account, error) { return &fakeAccount{}, nil })
	runCmds(t, m, m.Init())
	m.gotoStep(stepReview)
	m.aws.verifying, m.aws.verifiedRev = true, m.rev
	m.Update(verifiedMsg{rev: m.rev - 1, checks: []account.Check{{ID: "old", Status: account.StatusFail}}})
	if !m.aws.verifying || m.aws.checks != nil {
		t.Fatalf("a result for an older design was taken: %+v", m.aws)
	}
}

func TestAWSConnectFailureStaysOffline(t *testing.T) {
	m := awsModel(t, func(context.Context) (account.Account, error) {
		return nil, &account.Error{Kind: account.KindNoCredentials, Action: "sts:GetCallerIdentity", Message: "no AWS credentials were found"}
	})
	runCmds(t, m, m.Init())
	contains(t, strings.SplitN(screen(m), "\n", 2)[0], "AWS offline (ctrl+l retries): no AWS credentials were found")
	m.gotoStep(stepReview)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 80})
	contains(t, screen(m), "not verified, AWS is offline: no AWS credentials were found")
	if errors.Is(m.aws.connectErr, nil) {
		t.Error("no connection error kept")
	}
}

func TestOfflineWizardStartsNoConnection(t *testing.T) {
	m := awsModel(t, nil)
	if m.Init() != nil {
		t.Error("Init without Options.Connect started a command")
	}
	m.gotoStep(stepReview)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 80})
	if strings.Contains(screen(m), "AWS account") {
		t.Error("the offline review shows an AWS section")
	}
}

// TestQuitCancelsAccountCalls: a listing still running when the user quits
// is cancelled.
func TestQuitCancelsAccountCalls(t *testing.T) {
	started := make(chan context.Context, 1)
	blocking := &blockingAccount{fakeAccount: pickerAccount(), started: started}
	m := awsModel(t, func(context.Context) (account.Account, error) { return blocking, nil })
	runCmds(t, m, m.Init())
	m.gotoStep(stepEncryption)
	m.mode["kms"] = "existing"
	m.refresh()
	m.focusID("secret.kmsKeyArn")
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'a', Text: "a"})
	done := make(chan struct{})
	go func() { runCmdsQuiet(cmd); close(done) }()
	ctx := <-started
	m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	if !m.Result().Aborted {
		t.Fatal("the quit was not confirmed")
	}
	m.Update(nil)
	select {
	case <-ctx.Done():
	case <-time.After(testwait.Left(t)):
		t.Fatal("the listing was not cancelled after the quit")
	}
	<-done
}

type blockingAccount struct {
	*fakeAccount
	started chan context.Context
}

func (b *blockingAccount) Keys(ctx context.Context, _ string) ([]account.Key, error) {
	b.started <- ctx
	<-ctx.Done()
	return nil, ctx.Err()
}

// runCmdsQuiet runs a command tree without feeding a model.
func runCmdsQuiet(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		if b, ok := c().(tea.BatchMsg); ok {
			queue = append(queue, b...)
		}
	}
}

// TestAWSOfflineRetry: ctrl+l connects again when offline, and the account
// found then is used.
func TestAWSOfflineRetry(t *testing.T) {
	fail := true
	f := pickerAccount()
	m := awsModel(t, func(context.Context) (account.Account, error) {
		if fail {
			return nil, &account.Error{Kind: account.KindOffline, Message: "cannot reach AWS; check the network connection"}
		}
		return f, nil
	})
	runCmds(t, m, m.Init())
	contains(t, strings.SplitN(screen(m), "\n", 2)[0], "AWS offline (ctrl+l retries): cannot reach AWS")
	fail = false
	send(t, m, tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	contains(t, strings.SplitN(screen(m), "\n", 2)[0], "123456789012 · eu-west-1")
}

// TestAWSCouldNotCheckIsItsOwnState: a check that could not run is
// counted apart from the failures and says so.
func TestAWSCouldNotCheckIsItsOwnState(t *testing.T) {
	f := &fakeAccount{checks: []account.Check{
		{ID: account.CheckKeyUsable, Path: "secret.kmsKeyArn", Status: account.StatusError, Message: "could not check key k: the endpoint's answer is not an AWS answer"},
		{ID: account.CheckSubnetsZones, Path: "rotation.hostedRotationLambda.vpcSubnetIds", Status: account.StatusFail, Message: "one zone"},
	}}
	m := awsModel(t, func(context.Context) (account.Account, error) { return f, nil })
	runCmds(t, m, m.Init())
	m.gotoStep(stepReview)
	send(t, m, nil)
	s := screen(m)
	contains(t, s, "0 passed · 1 failed · 1 could not check")
	contains(t, s, "? aws-key-usable (could not check)")
}

// TestWriteAsksWhenTheAccountRefuses: Write on a design whose
// verification failed asks first, naming the verification; no writes
// nothing, yes writes, and Done repeats what failed. A check that could
// not run asks nothing.
func TestWriteAsksWhenTheAccountRefuses(t *testing.T) {
	f := &fakeAccount{checks: []account.Check{
		{ID: account.CheckVPCEndpoint, Path: hosted + ".vpcId", Status: account.StatusFail, Message: "vpc-1 already has the Secrets Manager endpoint vpce-1 with private DNS, so another cannot be created"},
		{ID: account.CheckKeyUsable, Path: "secret.kmsKeyArn", Status: account.StatusError, Message: "could not check key k: throttled"},
	}}
	w := &recordingWriter{}
	m := onReview(t, Options{Write: w.write, Connect: func(context.Context) (account.Account, error) { return f, nil }})
	m.tick = instantTick
	runCmds(t, m, m.Init())
	send(t, m, nil) // the review verifies
	m.focusID("review.write")
	press(t, m, "enter")
	if !m.asking("refused") {
		t.Fatalf("Write did not ask about the refused design:\n%s", screen(m))
	}
	s := leftColumn(screen(m))
	contains(t, s, "The AWS account refuses this design")
	contains(t, s, "✗ aws-vpc-endpoint: vpc-1 already has")
	if strings.Contains(s, "aws-key-usable") {
		t.Errorf("a check that could not run is named as a refusal:\n%s", s)
	}
	press(t, m, "n")
	if len(w.forced) != 0 || m.step != stepReview {
		t.Fatalf("no wrote: %v, step %v", w.forced, m.step)
	}
	m.focusID("review.write")
	press(t, m, "enter", "y")
	onStep(t, m, stepDone, "after writing anyway")
	contains(t, leftColumn(screen(m)), "Written although the AWS account refuses it: ✗ aws-vpc-endpoint: vpc-1 already has")

	// Passing (or unchecked) verifications write without a question.
	f.checks = f.checks[1:]
	w2 := &recordingWriter{}
	m = onReview(t, Options{Write: w2.write, Connect: func(context.Context) (account.Account, error) { return f, nil }})
	m.tick = instantTick
	runCmds(t, m, m.Init())
	send(t, m, nil)
	m.focusID("review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after writing a design nothing refuses")
}

// recordingWriter writes nothing and records each write.
type recordingWriter struct{ forced []bool }

func (w *recordingWriter) write(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
	w.forced = append(w.forced, force)
	return Written{Files: []string{path}}, nil
}

// TestAWSOwnFunctionBringsItsRole: a verification that read your own
// rotation function's configuration fills rotation.rotationLambdaRoleArn
// when it is empty, and never overwrites one the user gave.
func TestAWSOwnFunctionBringsItsRole(t *testing.T) {
	const fn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
	const role = "arn:aws:iam::123456789012:role/rotate"
	m := awsModel(t, func(context.Context) (account.Account, error) { return &fakeAccount{}, nil })
	runCmds(t, m, m.Init())
	m.d.Rotation = &blueprint.Rotation{AutomaticallyAfterDays: 30, RotationLambdaARN: fn}
	checks := []account.Check{{ID: account.CheckFunctionExists, Path: "rotation.rotationLambdaArn", Status: account.StatusPass, Role: role}}
	m.Update(verifiedMsg{rev: m.rev, d: m.d.Clone(), checks: checks})
	if got := m.d.Rotation.RotationLambdaRoleARN; got != role {
		t.Fatalf("rotationLambdaRoleArn = %q, want %q from the function's configuration", got, role)
	}
	m.d.Rotation.RotationLambdaRoleARN = "arn:aws:iam::123456789012:role/mine"
	m.Update(verifiedMsg{rev: m.rev, d: m.d.Clone(), checks: checks})
	if got := m.d.Rotation.RotationLambdaRoleARN; got != "arn:aws:iam::123456789012:role/mine" {
		t.Errorf("the user's role was overwritten with %q", got)
	}
}

// describingAccount is fakeAccount that also answers kms:DescribeKey
// (account.KeyDescriber) for the aliases it knows.
type describingAccount struct {
	*fakeAccount
	keys map[string]string
}

func (f describingAccount) DescribeKey(_ context.Context, _, id string) (account.KeyMetadata, error) {
	if arn, ok := f.keys[id]; ok {
		return account.KeyMetadata{ARN: arn}, nil
	}
	return account.KeyMetadata{}, errors.New("NotFoundException")
}

// TestAWSVerificationResolvesKeyAlias: an alias where the hosted rotation
// function needs a key ARN (inherited here from secret.kmsKeyArn) is
// looked up by the review's verification, which verifies the design with
// the key ARN, and the design being edited takes the key ARN, so the
// error that asked for it is gone (issue 20, item 9).
func TestAWSVerificationResolvesKeyAlias(t *testing.T) {
	const keyARN = "arn:aws:kms:eu-central-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	f := describingAccount{&fakeAccount{}, map[string]string{"alias/payments": keyARN}}
	m := awsModel(t, func(context.Context) (account.Account, error) { return f, nil })
	runCmds(t, m, m.Init())
	h := m.d.Rotation.HostedRotationLambda
	if h == nil {
		t.Fatal("the compliant design has no hosted rotation function")
	}
	m.d.Secret.KMSKeyARN, h.KMSKeyARN = "alias/payments", ""
	m.refresh()
	const path = "rotation.hostedRotationLambda.kmsKeyArn"
	if !slices.ContainsFunc(m.problems, func(p blueprint.Problem) bool { return p.Path == path }) {
		t.Fatalf("offline the inherited alias is no problem at %s: %v", path, m.problems)
	}
	m.step = stepReview
	m.refresh()
	verifyOnReview(t, m)
	if got := m.d.Rotation.HostedRotationLambda.KMSKeyARN; got != keyARN {
		t.Fatalf("after the verification, kmsKeyArn = %q, want the key's ARN %s", got, keyARN)
	}
	if m.d.Secret.KMSKeyARN != "alias/payments" {
		t.Errorf("secret.kmsKeyArn became %q; the secret keeps its alias", m.d.Secret.KMSKeyARN)
	}
	if slices.ContainsFunc(m.problems, func(p blueprint.Problem) bool { return p.Path == path }) {
		t.Errorf("the alias problem is still shown: %v", m.problems)
	}
	if len(f.verified) == 0 {
		t.Error("nothing was verified")
	}
}

// TestReviewVerificationScrolls: a verification longer than the screen
// scrolls with pgdown and pgup, with a notice of the lines above and
// below, until every check has shown; moving the focus brings the
// window back to the focused field.
func TestReviewVerificationScrolls(t *testing.T) {
	var checks []account.Check
	for i := range 30 {
		checks = append(checks, account.Check{ID: fmt.Sprintf("aws-check-%02d", i), Path: "secret.kmsKeyArn", Status: account.StatusFail,
			Message: fmt.Sprintf("finding %02d", i)})
	}
	f := &fakeAccount{checks: checks}
	m := onReview(t, Options{Connect: func(context.Context) (account.Account, error) { return f, nil }})
	runCmds(t, m, m.Init())
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m.focusID("review.format")
	send(t, m, nil)
	s := screen(m)
	rows := strings.Split(s, "\n")
	if len(rows) != 24 {
		t.Fatalf("the screen has %d rows, want 24:\n%s", len(rows), s)
	}
	contains(t, s, "› Format")
	below := regexp.MustCompile(`↓ (\d+) more lines · pgdown`)
	if !below.MatchString(s) {
		t.Fatalf("no notice of the lines below:\n%s", s)
	}
	above := regexp.MustCompile(`↑ (\d+) more lines? · pgup`)
	if above.MatchString(s) {
		t.Errorf("a notice of lines above at the top:\n%s", s)
	}
	seen := map[string]bool{}
	see := func(s string) {
		for _, c := range checks {
			if strings.Contains(s, "✗ "+c.ID) {
				seen[c.ID] = true
			}
		}
	}
	see(s)
	var pages []string
	for n := 0; below.MatchString(s); n++ {
		if n > 20 {
			t.Fatalf("pgdown never reached the end:\n%s", s)
		}
		prev := s
		press(t, m, "pgdown")
		s = screen(m)
		if s == prev {
			t.Fatalf("pgdown changed nothing:\n%s", s)
		}
		if !above.MatchString(s) {
			t.Errorf("no notice of the lines above after pgdown:\n%s", s)
		}
		pages = append(pages, s)
		see(s)
	}
	for _, c := range checks {
		if !seen[c.ID] {
			t.Errorf("%s never showed while scrolling", c.ID)
		}
	}
	// The last page shows the last line and no notice below.
	if below.MatchString(s) || !strings.Contains(s, "✗ KMS key: finding 29") {
		t.Errorf("the last page:\n%s", s)
	}
	// pgdown at the end stays there; pgup goes back a page.
	press(t, m, "pgdown")
	if got := screen(m); got != s {
		t.Errorf("pgdown past the end moved:\n%s", got)
	}
	hidden := func(s string) int {
		n, _ := strconv.Atoi(above.FindStringSubmatch(s)[1])
		return n
	}
	last := hidden(s)
	press(t, m, "pgup")
	if got, page := hidden(screen(m)), m.bodyHeight()-2; got != last-page {
		t.Errorf("pgup went from %d lines above to %d, want a page of %d up:\n%s", last, got, page, screen(m))
	}
	for range pages {
		press(t, m, "pgup")
	}
	if s := screen(m); above.MatchString(s) || !strings.Contains(s, "› Format") {
		t.Errorf("pgup did not come back to the top:\n%s", s)
	}
	// Scrolled away from the focus, a move of the focus shows it again.
	press(t, m, "pgdown", "pgdown")
	press(t, m, "tab")
	if s := screen(m); !strings.Contains(s, "› Write to") {
		t.Errorf("the focused field is not on screen after tab:\n%s", s)
	}
}

// TestReviewJudgesWithTheAccount: with --aws the review's checklist is
// judged with what the verification learned (account.EnvironmentOf), as
// access --aws is: a given key whose real policy lets every reader
// decrypt meets given-key-readers once the account says so, and a later
// change to the design drops the answers until it is verified again.
func TestReviewJudgesWithTheAccount(t *testing.T) {
	const keyARN = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	f := &fakeAccount{}
	m := awsModel(t, func(context.Context) (account.Account, error) { return f, nil })
	runCmds(t, m, m.Init())
	m.d.Secret.KMSKeyARN = keyARN
	m.d.Secret.ReplicaRegions = nil // one key, the one the account answers for
	m.mode["kms"] = "existing"
	m.step = stepReview
	m.refresh()
	status := func() blueprint.Status {
		r, ok := m.report.Result(blueprint.RuleGivenKeyReaders)
		if !ok {
			t.Fatal("no given-key-readers result")
		}
		return r.Status
	}
	if got := status(); got != blueprint.StatusNotMet {
		t.Fatalf("before the account answers, given-key-readers is %s, want not met", got)
	}
	var answers []blueprint.KeyAnswer
	for _, g := range m.report.Access().Groups {
		if g.Reads {
			answers = append(answers, blueprint.KeyAnswer{Key: keyARN, Reader: g.Label(), Decrypt: true})
		}
	}
	if len(answers) == 0 {
		t.Fatal("the design has no reader")
	}
	f.checks = []account.Check{{ID: account.CheckKeyUsable, Path: "secret.kmsKeyArn", Status: account.StatusPass,
		Message: "its key policy lets every reader decrypt", Answers: answers}}
	verifyOnReview(t, m)
	if got := status(); got != blueprint.StatusMet {
		r, _ := m.report.Result(blueprint.RuleGivenKeyReaders)
		t.Fatalf("after the account says every reader can decrypt, given-key-readers is %s, want met (env %+v, findings %v)", got, m.accountEnv(), r.Findings)
	}
	m.d.Secret.Description = "changed after the verification"
	m.refresh()
	if got := status(); got != blueprint.StatusNotMet {
		t.Errorf("after a change the account has not seen, given-key-readers is %s, want not met again", got)
	}
}

// verifyOnReview runs the review's verification command, without the
// spinner's ticks, and hands its result to the model.
func verifyOnReview(t *testing.T, m *Model) {
	t.Helper()
	batch, _ := m.scheduleVerify()().(tea.BatchMsg)
	verified := false
	for _, c := range batch {
		if c == nil {
			continue
		}
		if msg, ok := c().(verifiedMsg); ok {
			m.Update(msg)
			verified = true
		}
	}
	if !verified {
		t.Fatal("the review started no verification")
	}
}
