package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// trial7a T9: Done said "nothing to add in IAM" for a reader in the
// secret's own account and also listed the reader policy file written for
// it, as if it were to be used. The line says the file is not needed.
func TestReaderSideSameAccountSaysTheFileIsNotNeeded(t *testing.T) {
	role := "arn:aws:iam::111122223333:role/payments-app"
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/x",
		KMSKeyARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "R", Effect: "Allow",
			Principal: &blueprint.Principal{AWS: []string{role}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	got := strings.Join(readerSide(blueprint.Check(d).Walk(), d), "\n")
	if want := "role " + role + ": nothing to add in IAM"; !strings.Contains(got, want) || !strings.Contains(got, "reader policy file written for it is not needed") {
		t.Errorf("reader's side = %q, want %q and that its reader policy file is not needed", got, want)
	}
}
