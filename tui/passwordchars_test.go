package tui

import (
	"strings"
	"testing"
)

// The Exclude characters help says what AWS says: an RDS master password
// takes any printable ASCII character but / " and @ (Oracle also refuses &
// and '), a space comes only with includeSpace, and a hosted rotation
// function left without a list falls back to its own. It claimed RDS
// refuses a space (issue 22's trial, D4).
func TestExcludeCharactersHelpSaysWhatAWSRefuses(t *testing.T) {
	m := onSecret(t)
	m.focusID("secret.generateSecretString.excludeCharacters")
	press(t, m, "f1")
	if !m.showHelp {
		t.Fatal("f1 did not open the help page")
	}
	page := formText(m)
	for _, want := range []string{
		`printable ASCII character except / " and @`,
		`RDS for Oracle also refuses & and '`,
		"includeSpace",
		`/ @ " ' \`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the help page does not say %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "and space") || strings.Contains(strings.ToLower(page), "refuses a space") {
		t.Errorf("the help page still says RDS refuses a space:\n%s", page)
	}
}
