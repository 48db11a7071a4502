package blueprint

import (
	"strings"
	"testing"
)

// trial7a T3: a waiver of generated-value let a JSON template's apikey be
// written in plain text. Its findings are Material: the rule stays not
// met, blocks the write, and says why the waiver did not help, without
// the value.
func TestWaiverLeavesSecretMaterialBlocking(t *testing.T) {
	const key = "sk_live_abcdef123456"
	d := compliantDesign()
	d.Secret.GenerateSecretString = &GenerateSecretString{GenerateStringKey: "password", SecretStringTemplate: `{"username":"svc","apikey":"` + key + `"}`}
	d.Waivers = []Waiver{{Rule: string(RuleGeneratedValue), Reason: "trial waiver"}}
	r := Check(d)
	got, _ := r.Result(RuleGeneratedValue)
	if got.Status != StatusNotMet {
		t.Fatalf("generated-value waived over an apikey = %v, want not met", got.Status)
	}
	blocking := r.Blocking()
	if len(blocking) != 1 || !blocking[0].Material || !strings.Contains(blocking[0].Message, "a waiver does not cover this") || strings.Contains(blocking[0].Message, key) {
		t.Errorf("Blocking() = %+v, want the apikey finding, saying the waiver does not cover it, without the value", blocking)
	}
	// A rule whose findings are not secret material is still waived.
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"svc"}`
	d.Secret.Tags = nil
	d.Waivers = []Waiver{{Rule: string(RuleTagsPresent), Reason: "tagged by the account's defaults"}}
	if got, _ := Check(d).Result(RuleTagsPresent); got.Status != StatusWaived {
		t.Errorf("tags-present waived = %v, want waived", got.Status)
	}
}
