package blueprint

import (
	"slices"
	"testing"
)

// DropSecretMaterial takes only the refused keys out of the secret's JSON
// template, each said by its path; the rest stays. It emptied the whole
// template, the valid username with it (issue 22's trial 7b, V23).
func TestDropSecretMaterialKeepsTheTemplatesValidKeys(t *testing.T) {
	d := &Design{Version: CurrentVersion, Secret: Secret{SecretID: "prod/s", GenerateSecretString: &GenerateSecretString{
		GenerateStringKey:    "password",
		SecretStringTemplate: `{"username":"a","masterarn":"hunter11pw","apikey":"hunter10","port":5432}`}}}
	dropped := d.DropSecretMaterial()
	if got := d.Secret.GenerateSecretString.SecretStringTemplate; got != `{"username":"a","port":5432}` {
		t.Errorf("template %q, want the username and port kept", got)
	}
	want := []string{TemplateKeyPath("masterarn"), TemplateKeyPath("apikey")}
	if !slices.Equal(dropped, want) {
		t.Errorf("dropped %q, want %q", dropped, want)
	}
}
