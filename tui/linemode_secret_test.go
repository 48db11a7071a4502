package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// trial7a T3: in line mode, going back to the JSON template's question
// printed the refused value as "Current value: {...password...}". The
// question comes again without the value, as the echo of the answer
// leaves it out; a plain value is still shown.
func TestLineModeCurrentValueHidesSecretMaterial(t *testing.T) {
	const pw = "sk_live_abcdef123456"
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/x",
		GenerateSecretString: &blueprint.GenerateSecretString{GenerateStringKey: "password", SecretStringTemplate: `{"username":"svc","apikey":"` + pw + `"}`}}}
	m := New(&d, Options{DesignFile: "d.yaml"})
	m.gotoStep(stepSecret)
	var out strings.Builder
	a := &accessible{m: m, out: &out}
	f := fieldByPath(t, m, "secret.generateSecretString.secretStringTemplate")
	a.describe(f)
	if got := out.String(); strings.Contains(got, pw) || !strings.Contains(got, "Current value: (not shown: it may be secret material)") {
		t.Errorf("the template's question shows:\n%s", got)
	}
	out.Reset()
	a.describe(fieldByPath(t, m, "secret.secretId"))
	if got := out.String(); !strings.Contains(got, "Current value: prod/x") {
		t.Errorf("the secret id's question shows:\n%s", got)
	}
}

// fieldByPath is the field of m's current step whose design path is path.
func fieldByPath(t *testing.T, m *Model, path string) field {
	t.Helper()
	for _, f := range m.fields() {
		if f.path == path {
			return f
		}
	}
	t.Fatalf("no field at %s", path)
	return field{}
}
