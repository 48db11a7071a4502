package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// An imported JSON template whose masterarn holds a password (and whose
// dbname is refused too) showed the value on screen right above "not
// shown: it may be secret material", and the draft lost the whole
// template, the valid username with it, without a word (issue 22's trial
// 7b, V23). The refused values never reach the screen; the rest is kept,
// and a marker says what was dropped.
func TestImportDropsOnlyRefusedTemplateValues(t *testing.T) {
	s := ImportedSecret{ID: "S", Source: "sst2.yaml", Design: &blueprint.Design{Version: blueprint.CurrentVersion,
		Secret: blueprint.Secret{SecretID: "prod/s", GenerateSecretString: &blueprint.GenerateSecretString{
			GenerateStringKey:    "password",
			SecretStringTemplate: `{"username":"a","masterarn":"hunter11pw","dbname":"x y hunter12"}`}}}}
	m := wide(New(nil, Options{Imported: &s}))
	m.gotoStep(stepSecret)
	scr := screen(m)
	for _, secret := range []string{"hunter11pw", "hunter12"} {
		if strings.Contains(scr, secret) {
			t.Errorf("the screen shows %q, a refused value:\n%s", secret, scr)
		}
	}
	if got := m.d.Secret.GenerateSecretString.SecretStringTemplate; got != `{"username":"a"}` {
		t.Errorf("the template is %q, want the username kept and only the refused keys dropped", got)
	}
	for _, want := range []string{"masterarn", "dbname", "not kept"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the screen does not say %q was dropped:\n%s", want, scr)
		}
	}
}
