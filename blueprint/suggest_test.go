package blueprint

import (
	"testing"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

func TestSuggest(t *testing.T) {
	known := []string{"secretId", "existingSecretArn", "rotation-within-30-days", "tags"}
	tabletest.Equal(t, "Suggest", func(in string) string { return Suggest(in, known) }, map[string]string{
		"secretID":               "secretId",
		"secretid":               "secretId",
		"secretIdd":              "secretId",
		"existingSecretARN":      "existingSecretArn",
		"rotation-within-30-day": "rotation-within-30-days",
		"tag":                    "tags",
		"description":            "",
		"":                       "",
	})
}

func TestWaiverSuggestsRule(t *testing.T) {
	d := &Design{Version: CurrentVersion, Secret: Secret{SecretID: "x"}, Waivers: []Waiver{{Rule: "rotation-within-30-day", Reason: "because"}}}
	ps := d.Validate().At("waivers[0].rule")
	if len(ps) != 1 || ps[0].Message != `"rotation-within-30-day" is not a blueprint rule; did you mean "rotation-within-30-days"?` {
		t.Errorf("waiver problems = %v", ps)
	}
}

// One mistake, one message: an AWS managed key is an invalid value, and the
// customer-managed-key finding at the same field is left out.
func TestProblemsAfterDropsDuplicateFindings(t *testing.T) {
	d := &Design{Version: CurrentVersion, Secret: Secret{SecretID: "x", KMSKeyARN: "alias/aws/secretsmanager"}}
	all := Check(d).ProblemsAfter(d.Validate())
	n := len(all.At("secret.kmsKeyArn"))
	if n != 1 {
		t.Errorf("secret.kmsKeyArn has %d problems, want 1: %v", n, all.At("secret.kmsKeyArn"))
	}
	if r, _ := Check(d).Result("customer-managed-key"); r.Status != StatusNotMet {
		t.Errorf("customer-managed-key is %v, want not met in the checklist", r.Status)
	}
}
