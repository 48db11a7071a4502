package tui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Done ends with the reader's side in line mode too, as on the screens,
// and a reader that needs an identity policy is told it needs one: the
// screens said "role ...: its IAM policy allows GetSecretValue ...", which
// reads as if it already did, and line mode said nothing (issue 22's
// third trial, a reader in account 444455556666).
func TestDoneSaysWhatTheReaderNeeds(t *testing.T) {
	role := "arn:aws:iam::444455556666:role/analytics-reader"
	dir := t.TempDir()
	out := filepath.Join(dir, "out.cfn.yaml")
	answers := append(secretAnswers("prod/db"),
		"",  // Encryption key: create
		"2", // What next? Let one role read it
		"",  // Sid
		"",  // Effect
		"",  // Principal element
		"",  // Principal type
		role,
		"", // Action element
		"", // Actions
		"", // Resource
		"", // Back to the statements
		"", // Block public policies
		"", // Continue
	)
	answers = append(answers, hostedRotationAnswers()[2:]...)
	answers = append(answers, "1", out, "", "") // Format, Write to, Reader policies, Overwrite
	w := &diskWriter{}
	var transcript strings.Builder
	if _, err := RunAccessible(nil, Options{Write: w.write}, lines(answers...), &transcript); err != nil {
		t.Fatalf("RunAccessible = %v; transcript:\n%s", err, transcript.String())
	}
	got := transcript.String()
	_, done, _ := strings.Cut(got, "Written:")
	// The design names no account of its own, so the reader may be in
	// another: it needs an identity policy either way.
	want := "role " + role + ": needs an IAM policy"
	if !strings.Contains(done, "The reader's side") || !strings.Contains(done, want) {
		t.Errorf("line mode's Done does not say what the reader needs (%q):\n%s", want, done)
	}
	if strings.Contains(done, "its IAM policy allows") {
		t.Errorf("Done says the reader's policy allows it already:\n%s", done)
	}
}

// A reader in another account than the secret's is told the policy goes
// in its own account.
func TestReaderSideCrossAccount(t *testing.T) {
	role := "arn:aws:iam::444455556666:role/analytics-reader"
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "shared/x",
		KMSKeyARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "R", Effect: "Allow",
			Principal: &blueprint.Principal{AWS: []string{role}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	got := strings.Join(readerSide(blueprint.Check(d).Walk(), d), "\n")
	if want := "role " + role + ": needs an IAM policy in its own account"; !strings.Contains(got, want) {
		t.Errorf("reader's side = %q, want %q", got, want)
	}
}

// A whole account is not one identity: each of its principals that reads
// needs the policy (the Done screen said "account 444455556666: needs an
// IAM policy").
func TestReaderSideAccount(t *testing.T) {
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "shared/x",
		KMSKeyARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "R", Effect: "Allow",
			Principal: &blueprint.Principal{AWS: []string{"444455556666"}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	got := strings.Join(readerSide(blueprint.Check(d).Walk(), d), "\n")
	if want := "account 444455556666: each principal that reads it needs an IAM policy in that account"; !strings.Contains(got, want) {
		t.Errorf("reader's side = %q, want %q", got, want)
	}
}
