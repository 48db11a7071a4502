package workflow

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// trial7a T3: the wizard's write, after a waiver of generated-value, put
// a JSON template's apikey in plain text into the template and the design
// file. The write refuses it whatever is waived, and writes no file.
func TestWriteRefusesWaivedSecretMaterial(t *testing.T) {
	const key = "sk_live_abcdef123456"
	d := exampleDesign(t)
	if d.Secret.GenerateSecretString == nil {
		d.Secret.GenerateSecretString = &blueprint.GenerateSecretString{}
	}
	d.Secret.GenerateSecretString.GenerateStringKey = "password"
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"apikey":"` + key + `"}`
	d.Waivers = append(d.Waivers, blueprint.Waiver{Rule: string(blueprint.RuleGeneratedValue), Reason: "trial waiver"})
	dir := t.TempDir()
	for _, f := range generate.Formats {
		_, err := Write(context.Background(), store.OS{}, d, Target{Format: f, Path: dir + "/out-" + string(f), ReaderPolicies: true})
		if err == nil {
			t.Errorf("%s: Write of a waived apikey succeeded", f)
		} else if !strings.Contains(err.Error(), "a waiver does not cover this") {
			t.Errorf("%s: Write refused for another reason: %v", f, err)
		} else if strings.Contains(err.Error(), key) {
			t.Errorf("%s: the error shows the value: %v", f, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("files written: %v", entries)
	}
}
