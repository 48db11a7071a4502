package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Tests for what issue 22's fourth trial found.

// A value refused in a field that names something and that looks like
// secret material never reaches the draft: a JSON password typed as the
// database user, a token pasted after the Secret Id. A plain typo there
// is kept, so the resumed field shows it.
func TestDraftKeepsNoRefusedSecretInNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	m := sized(New(nil, Options{DraftPath: path}))
	defer m.Close()
	press(t, m, "enter")
	m.d.Rotation.HostedRotationLambda = &blueprint.HostedRotationLambda{RotationType: "PostgreSQLMultiUser"}
	m.gotoStep(stepRotation)
	m.focusID("secret.database.username")
	typeText(t, m, `{"password":"hunter2"}`)
	if m.d.Secret.Database == nil || m.d.Secret.Database.Username == "" {
		t.Fatalf("the typing did not reach the field:\n%s", screen(m))
	}
	m.gotoStep(stepSecret)
	m.focusID("secret.secretId")
	send(t, m, tea.PasteMsg{Content: "prod/db token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"})
	m.saveDraft()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"hunter2", "eyJ"} {
		if strings.Contains(string(data), s) {
			t.Errorf("the draft holds the refused %q:\n%s", s, data)
		}
	}
	press(t, m, "ctrl+u")
	typeText(t, m, "prod db")
	m.saveDraft()
	if d, _ := readDraft(t, path); d.Secret.SecretID != "prod db" {
		t.Errorf("a refused typo is not kept: secretId %q", d.Secret.SecretID)
	}
}

// A number too long to read is still a whole number: the field says it
// is out of range, not that it is not a number.
func TestNumberTooLongIsNotCalledNotANumber(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.focusID("secret.generateSecretString.passwordLength")
	typeText(t, m, "99999999999999999999999")
	s := screen(m)
	if strings.Contains(s, "must be a whole number, in digits") || !strings.Contains(s, "larger than any this field takes") {
		t.Errorf("99999999999999999999999 as the password length:\n%s", s)
	}
}
