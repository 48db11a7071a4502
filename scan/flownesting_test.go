package scan

import (
	"strings"
	"testing"
)

// TestBracketsInTextDoNotNest: a template whose strings, comments and block
// scalars hold 200 unclosed '[' or '{' is read; CloudFormation reads them as
// text (trial8b X12: "the file nests more than 128 levels deep").
func TestBracketsInTextDoNotNest(t *testing.T) {
	many := strings.Repeat("[", 200)
	braces := strings.Repeat("{", 200)
	secret := "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n"
	for name, data := range map[string]string{
		"double-quoted.yaml": secret + "      Description: \"see " + many + "\"\n",
		"single-quoted.yaml": secret + "      Description: 'it''s " + braces + "'\n",
		"plain.yaml":         secret + "      Description: see " + many + " and it's\n      Tags: [{Key: a, Value: b}]\n",
		"comments.yaml":      strings.Repeat("# step: see [RFC\n", 200) + secret + "      Name: x # {{\n",
		"block.yaml":         secret + "      Description: |\n        " + many + "\n\n        " + braces + "\n      Name: !Sub '${AWS::StackName}-[x'\n",
		"sequence.yaml":      secret + "      Tags:\n        - Key: a\n          Value: >-\n            " + many + "\n        - {Key: b, Value: \"" + braces + "\"}\n",
		"flow.yaml":          "{Resources: {S: {Type: AWS::SecretsManager::Secret, Properties: {Description: \"" + many + "\", Name: '" + braces + "'}}}}\n",
		"t.json":             `{"Resources": {"S": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Description": "` + many + `\"` + braces + `"}}}}`,
	} {
		v, _, err := parseTemplate(name, []byte(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if v.get("Resources") == nil {
			t.Errorf("%s: no Resources read", name)
		}
	}
}

// TestDeepFlowCollectionsAreRefused: structural nesting deeper than maxDepth
// is refused before a YAML reader recurses into it, however it is spelt, and
// 2 MB of brackets does not exhaust the stack.
func TestDeepFlowCollectionsAreRefused(t *testing.T) {
	for name, data := range map[string]string{
		"brackets.yaml":  "a: " + strings.Repeat("[", 2<<20),
		"mappings.yaml":  "a: " + strings.Repeat("{a: ", 200000),
		"tagged.yaml":    "a: " + strings.Repeat("!Sub [", 200),
		"json.json":      strings.Repeat(`{"a":`, 200000),
		"sequence.yaml":  "a:\n  - " + strings.Repeat("[x, ", 200),
		"after-key.yaml": "a: &x " + strings.Repeat("[ ", 200),
		"block.yaml":     "a: |\n  text\nb: " + strings.Repeat("[", 200),
	} {
		_, _, err := parseTemplate(name, []byte(data))
		if err == nil || !strings.Contains(err.Error(), "nests more than 128 levels deep") {
			t.Errorf("%s: %v, want nests more than 128 levels deep", name, err)
		}
	}
}
