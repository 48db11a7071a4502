package blueprint

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// Issue 11, item 2: the remembered output is checked, each problem at its
// key, and the format takes the spellings 'generate -f' takes.
func TestValidateOutput(t *testing.T) {
	base := func(o *Output) *Design {
		return &Design{Version: CurrentVersion, Secret: Secret{SecretID: "prod/db"}, Output: o}
	}
	for _, o := range []*Output{nil, {Format: "terraform"}, {Format: "TF", Path: "infra/db"},
		{Format: "cfn-json", Path: "/srv/out/db.json"}, {Format: "cfn", Path: "../shared/db.cfn.yaml"}, {Format: "cfn-yaml", Path: "my dir/db.yaml"}} {
		for _, p := range base(o).Validate().Errors() {
			if strings.HasPrefix(p.Path, "output") {
				t.Errorf("Output %+v: %s: %s, want no problem", o, p.Path, p.Message)
			}
		}
	}
	for _, c := range []struct {
		o          Output
		path, want string
	}{
		{Output{Format: "pulumi"}, "output.format", "must be one of cloudformation, cloudformation-json, terraform (or cfn, cfn-yaml, cfn-json, tf)"},
		{Output{Path: "x"}, "output.format", "is empty"},
		{Output{Format: "tf", Path: "-"}, "output.path", "standard output"},
		{Output{Format: "tf", Path: "a\x00b"}, "output.path", "U+0000"},
		{Output{Format: "tf", Path: "a\nb"}, "output.path", "U+000A"},
		{Output{Format: "tf", Path: "a\x1b[2Jb"}, "output.path", "U+001B"},
		{Output{Format: "tf", Path: "a\u202eb"}, "output.path", "U+202E"},
		{Output{Format: "tf", Path: "infra "}, "output.path", "space"},
		{Output{Format: "tf", Path: strings.Repeat("a", MaxOutputPathLength+1)}, "output.path", "4097 bytes"},
	} {
		o := c.o
		ps := base(&o).Validate().Errors()
		found := false
		for _, p := range ps {
			if p.Path == c.path && strings.Contains(p.Message, c.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("Output %+v: problems %v, want one at %s saying %q", o, ps, c.path, c.want)
		}
	}
}

func TestParseOutputFormat(t *testing.T) {
	tabletest.Equal(t, "ParseOutputFormat", tabletest.Returns(ParseOutputFormat), map[string]tabletest.Returned[string]{
		"tf": {Value: FormatTerraform}, " Terraform ": {Value: FormatTerraform}, "CFN": {Value: FormatCloudFormation},
		"cfn-yaml": {Value: FormatCloudFormation}, "cfn-json": {Value: FormatCloudFormationJSON}, "cloudformation-json": {Value: FormatCloudFormationJSON}})
}

// An output path starting with ~ is refused with a word: only a shell
// reads it as the home directory, and written as it is it made a
// directory named ~ beside the design.
func TestOutputPathWithTildeRefused(t *testing.T) {
	for _, p := range []string{"~/x.yaml", "~", "~alice/x"} {
		if err := ValidateOutputPath(p); err == nil || !strings.Contains(err.Error(), "only a shell reads as a home directory") {
			t.Errorf("ValidateOutputPath(%q) = %v", p, err)
		}
	}
	for _, p := range []string{"x~.yaml", "out/~x.yaml", "/tmp/x.yaml"} {
		if err := ValidateOutputPath(p); err != nil {
			t.Errorf("ValidateOutputPath(%q) = %v, want nil", p, err)
		}
	}
}
