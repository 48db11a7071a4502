package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// writableAWSManagedImport is a design that can be written but for its
// key: a template whose secret has no KmsKeyId, which Secrets Manager
// encrypts with the AWS managed key aws/secretsmanager (scan marks the key
// not read, B5).
func writableAWSManagedImport() ImportedSecret {
	d := newDesign()
	d.Secret.SecretID = "prod/app"
	d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: "platform"}}
	d.Rotation = &blueprint.Rotation{AutomaticallyAfterDays: 30, RotationLambdaARN: "arn:aws:lambda:us-east-1:111122223333:function:rot",
		RotationLambdaRoleARN: "arn:aws:iam::111122223333:role/rot"}
	return ImportedSecret{ID: "S", Source: "sar.yaml", Design: &d, Format: generate.CloudFormation,
		Unread: []Unread{{Path: "secret.kmsKeyArn", At: "sar.yaml:4", Reason: "the template gives no KmsKeyId, so Secrets Manager encrypts the secret with the AWS managed key aws/secretsmanager"}}}
}

// countingWriter counts the writes that reached it.
type countingWriter struct {
	mu sync.Mutex
	n  int
}

func (w *countingWriter) write(_ context.Context, _ account.Account, _ *blueprint.Design, _ generate.Format, path string, _ bool, _ string) (Written, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n++
	return Written{Files: []string{path}}, nil
}

func (w *countingWriter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// B5: an imported design whose key was not read is not written until the
// key is chosen at the Encryption step: the write would otherwise create a
// key the deployed secret never had. The refusal names the field and the
// choices; choosing a dedicated key there lets the write through.
// Failed before: the review wrote the design with a new key.
func TestImportedUnreadKeyBlocksTheWrite(t *testing.T) {
	s := writableAWSManagedImport()
	w := &countingWriter{}
	m := wide(New(nil, Options{Imported: &s, Write: w.write}))
	m.output = t.TempDir() + "/s.yaml"
	m.gotoStep(stepReview)
	m.write()
	if w.count() != 0 || m.step == stepDone {
		t.Fatalf("the design was written with a key nobody chose (status %q)", m.status)
	}
	if !strings.Contains(m.status, "Encryption step") {
		t.Errorf("the refusal %q does not send the user to the Encryption step", m.status)
	}
	scr := screen(m)
	for _, want := range []string{"Encryption step, Encryption key:", "no files are written until you choose", `"Create a dedicated key with yearly rotation (recommended)" or "Use an`} {
		if !strings.Contains(scr, want) {
			t.Errorf("the review does not say %q:\n%s", want, scr)
		}
	}

	m.gotoStep(stepEncryption)
	if f, _ := m.focused(); f.id != "encryption.choice" {
		t.Fatalf("focus on %q, want the key choice", f.id)
	}
	// Enter through the step is no choice: Continue is refused.
	press(t, m, "enter", "enter")
	if m.step != stepEncryption {
		t.Fatalf("Enter through the key choice moved on to step %d without a key chosen", m.step)
	}
	m.focusID("encryption.choice")
	press(t, m, "down") // ↓ from nothing chosen: a dedicated key
	if got := m.mode["kms"]; got != "create" {
		t.Fatalf("kms mode %q after ↓, want create", got)
	}
	m.gotoStep(stepReview)
	m.write()
	if w.count() != 1 || m.step != stepDone {
		t.Errorf("a dedicated key chosen, the write was still refused: %q", m.status)
	}
}

// budgetWriter fails the run once more than max bytes were printed: a
// line-mode loop that reads nothing prints without end, and the test must
// fail rather than hang.
type budgetWriter struct {
	b   strings.Builder
	max int
}

var errOverBudget = errors.New("line mode printed past its budget: it loops without reading")

func (w *budgetWriter) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > w.max {
		panic(errOverBudget)
	}
	return w.b.Write(p)
}

// runBudgeted runs line mode with answers, within a byte budget of output
// and a time limit.
func runBudgeted(t *testing.T, opts Options, answers ...string) (Result, string, error) {
	t.Helper()
	out := &budgetWriter{max: 1 << 20}
	type ran struct {
		res Result
		err error
	}
	done := make(chan ran, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- ran{err: fmt.Errorf("%v", r)}
			}
		}()
		res, err := RunAccessible(nil, opts, lines(answers...), out)
		done <- ran{res, err}
	}()
	select {
	case r := <-done:
		if errors.Is(r.err, errOverBudget) || r.err != nil && strings.Contains(r.err.Error(), errOverBudget.Error()) {
			t.Fatalf("%v; the last output:\n%s", r.err, tail(out.b.String(), 3000))
		}
		return r.res, out.b.String(), r.err
	case <-time.After(20 * time.Second):
		t.Fatalf("line mode did not end within 20s")
	}
	return Result{}, "", nil
}

func tail(s string, n int) string { return s[max(0, len(s)-n):] }

// B5 in line mode: an empty answer at the key choice keeps nothing (no
// choice is shown), Continue is refused, and the question is put again
// rather than Continue pressed again without an answer read, which looped
// for ever; at the end of input the session ends. An explicit choice
// writes. Failed before: the design was written with a new key.
func TestLineModeUnreadKeyAskedUntilChosen(t *testing.T) {
	s := writableAWSManagedImport()
	w := &countingWriter{}
	answers := make([]string, 60)
	_, got, err := runBudgeted(t, Options{Imported: &s, Write: w.write}, answers...)
	if !errors.Is(err, ErrInputEnded) || w.count() != 0 {
		t.Fatalf("RunAccessible = %v after %d writes, want ErrInputEnded and none:\n%s", err, w.count(), tail(got, 3000))
	}
	if !strings.Contains(got, "Encryption key again:") || !strings.Contains(got, "no files are written until you choose") {
		t.Errorf("line mode did not ask the key again, saying why:\n%s", tail(got, 3000))
	}

	// The key chosen at its question, the rest kept: written. The
	// answers before the key's question are the prompts before it.
	before := strings.Count(got[:strings.Index(got, "\nEncryption key\n")], "> ")
	chosen := append(make([]string, before), "create")
	chosen = append(chosen, make([]string, 40)...)
	res, got, err := runBudgeted(t, Options{Imported: &s, Write: w.write}, chosen...)
	if err != nil || !res.Done || w.count() != 1 {
		t.Fatalf("RunAccessible = %v, done %v, %d writes; want one write:\n%s", err, res.Done, w.count(), tail(got, 4000))
	}
}
