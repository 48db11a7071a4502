package blueprint

import "testing"

func TestSuggest(t *testing.T) {
	known := []string{"secretId", "existingSecretArn", "rotation-within-30-days", "tags"}
	tests := []struct{ in, want string }{
		{"secretID", "secretId"},
		{"secretid", "secretId"},
		{"secretIdd", "secretId"},
		{"existingSecretARN", "existingSecretArn"},
		{"rotation-within-30-day", "rotation-within-30-days"},
		{"tag", "tags"},
		{"description", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.in, known); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWaiverSuggestsRule(t *testing.T) {
	d := &Design{Version: CurrentVersion, Secret: Secret{SecretID: "x"}, Waivers: []Waiver{{Rule: "rotation-within-30-day", Reason: "because"}}}
	ps := d.Validate().At("waivers[0].rule")
	if len(ps) != 1 || ps[0].Message != `"rotation-within-30-day" is not a blueprint rule; did you mean "rotation-within-30-days"?` {
		t.Errorf("waiver problems = %v", ps)
	}
}
