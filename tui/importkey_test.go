package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// awsManagedImport is what the reader gives for a template whose secret
// has no KmsKeyId (scan.Secret.ForImport): no key named, and the key
// marked with what the template used.
func awsManagedImport() ImportedSecret {
	return ImportedSecret{ID: "S", Source: "sar.yaml", Design: &blueprint.Design{Version: blueprint.CurrentVersion,
		Secret: blueprint.Secret{SecretID: "app/db", GenerateSecretString: &blueprint.GenerateSecretString{}}},
		Unread: []Unread{{Path: "secret.kmsKeyArn", At: "sar.yaml:4", Reason: "the template gives no KmsKeyId, so Secrets Manager encrypts the secret with the AWS managed key aws/secretsmanager"}}}
}

// B5: a template whose secret uses the AWS managed key does not open as
// "create a dedicated key" met: the Encryption step says what the template
// used, and customer-managed-key is not met until a key is chosen.
func TestImportedAWSManagedKeyIsNotANewKey(t *testing.T) {
	s := awsManagedImport()
	m := wide(New(nil, Options{Imported: &s}))
	if r, _ := m.report.Result(blueprint.RuleCustomerManagedKey); r.Status == blueprint.StatusMet {
		t.Errorf("customer-managed-key is met for a template using the AWS managed key")
	}
	m.gotoStep(stepEncryption)
	scr := screen(m)
	if !shownUnder(scr, "Encryption key", "AWS managed key aws/secretsmanager", "Continue") {
		t.Errorf("the Encryption step does not say the template used the AWS managed key:\n%s", scr)
	}
	// Choosing a dedicated key settles it.
	press(t, m, "down", "up")
	if scr := screen(m); strings.Contains(scr, "aws/secretsmanager") {
		t.Errorf("the marker stayed after a dedicated key was chosen:\n%s", scr)
	}
	if r, _ := m.report.Result(blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusMet {
		t.Errorf("customer-managed-key is %s once a dedicated key is chosen, want met", r.Status)
	}
}
