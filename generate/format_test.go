package generate

import (
	"errors"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// Issue 11, item 21: every command that takes a format takes the aliases.
func TestParseFormatAliases(t *testing.T) {
	tabletest.Equal(t, "ParseFormat", tabletest.Returns(ParseFormat), map[string]tabletest.Returned[Format]{
		"tf": {Value: Terraform}, "cfn": {Value: CloudFormation}, "cfn-yaml": {Value: CloudFormation},
		"cfn-json": {Value: CloudFormationJSON}, "Terraform": {Value: Terraform}, "cloudformation-json": {Value: CloudFormationJSON}})
	if _, err := ParseFormat("pulumi"); err == nil || !strings.Contains(err.Error(), "tf") {
		t.Errorf("ParseFormat(pulumi) = %v, want an error naming the aliases", err)
	}
}

// RenderChecked renders from the report it is given, without checking
// again: the same bytes as Render for the design's own report, and a
// refusal when the report it is handed has a blocking finding.
func TestRenderCheckedUsesTheReport(t *testing.T) {
	d := loadDesign(t, "full.yaml")
	for _, f := range Formats {
		want, err := Render(d, f, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := RenderChecked(d, blueprint.Check(d), f, Options{})
		if err != nil || len(got) != len(want) {
			t.Fatalf("RenderChecked = %d files, %v; want %d", len(got), err, len(want))
		}
		for i := range want {
			if string(got[i].Data) != string(want[i].Data) {
				t.Errorf("%s: RenderChecked and Render differ", want[i].Name)
			}
		}
	}
	bad := &blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/x"}}
	if _, err := RenderChecked(d, blueprint.Check(bad), Terraform, Options{}); !errors.Is(err, ErrBlocked) {
		t.Errorf("RenderChecked with a blocking report = %v, want ErrBlocked: it must not check again", err)
	}
}
