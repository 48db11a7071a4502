package tui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

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
	draft := filepath.Join(t.TempDir(), "draft.yaml")
	pr, pw := io.Pipe()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		_, err := RunAccessible(nil, Options{DraftPath: draft}, pr, out)
		done <- err
	}()
	io.WriteString(pw, "new\n")
	waitFor(t, out, "Secret Id")
	io.WriteString(pw, "prod/x\n")
	waitFor(t, out, "Description")
	io.WriteString(pw, "<\n")
	for deadline := testwait.Deadline(t); strings.Count(out.String(), "Begin with") < 2; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("Start was not asked again after <:\n%s", out.String())
		}
	}
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
