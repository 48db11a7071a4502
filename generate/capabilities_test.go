package generate

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// CloudFormationCapabilities says what each golden design's template needs
// and nothing more: CAPABILITY_AUTO_EXPAND exactly when the template uses a
// transform, CAPABILITY_IAM exactly when it creates IAM resources (its own
// AWS::IAM ones, or the rotation function's role in the transform's nested
// stack). The deploy command said CAPABILITY_IAM for every template, one
// with no IAM resource too.
func TestCloudFormationCapabilities(t *testing.T) {
	none := 0
	for _, c := range goldenCases(t) {
		if c.terraformOnly {
			continue
		}
		files, err := Render(c.design, CloudFormationJSON, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var tmpl struct {
			Transform string
			Resources map[string]struct{ Type string }
		}
		if err := json.Unmarshal(files[0].Data, &tmpl); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		iam := tmpl.Transform != ""
		for _, r := range tmpl.Resources {
			iam = iam || strings.HasPrefix(r.Type, "AWS::IAM::")
		}
		var want []string
		if tmpl.Transform != "" {
			want = append(want, "CAPABILITY_AUTO_EXPAND")
		}
		if iam {
			want = append(want, "CAPABILITY_IAM")
		}
		got := CloudFormationCapabilities(c.design)
		if !slices.Equal(got, want) {
			t.Errorf("%s: CloudFormationCapabilities = %q, want %q (transform %q)", c.name, got, want, tmpl.Transform)
		}
		if len(got) == 0 {
			none++
		}
		// The YAML header says the same.
		yaml, err := Render(c.design, CloudFormation, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if says := strings.Contains(string(yaml[0].Data), "# Deploy with CAPABILITY_"); says != (len(got) > 0) {
			t.Errorf("%s: the header's deploy line shown %v, capabilities %q", c.name, says, got)
		}
	}
	if none == 0 {
		t.Error("every golden design needs capabilities; the test needs one that needs none")
	}
}
