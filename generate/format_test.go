package generate

import (
	"strings"
	"testing"
)

// Issue 11, item 21: every command that takes a format takes the aliases.
func TestParseFormatAliases(t *testing.T) {
	for in, want := range map[string]Format{"tf": Terraform, "cfn": CloudFormation, "cfn-yaml": CloudFormation,
		"cfn-json": CloudFormationJSON, "Terraform": Terraform, "cloudformation-json": CloudFormationJSON} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFormat("pulumi"); err == nil || !strings.Contains(err.Error(), "tf") {
		t.Errorf("ParseFormat(pulumi) = %v, want an error naming the aliases", err)
	}
}
