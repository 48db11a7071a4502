package blueprint

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// A JSON template that is almost an object says where it stops being
// JSON, and why where that is common: {"username":"reporter",} said only
// "must be a JSON object", under what looked like one (issue 22's third
// trial). Nothing of the text but the one character is repeated.
func TestSecretStringTemplateSaysWhereJSONBreaks(t *testing.T) {
	verdicts := map[string]string{
		`{"username":"reporter",}`: `'}' at character 24 is not allowed there (JSON allows no comma before a closing bracket)`,
		`{"username":"reporter"`:   "it ends before the object is closed with }",
		`{username: "reporter"}`:   "'u' at character 2 is not allowed there (keys and text take double quotes)",
		`{"a":1}}`:                 "'}' at character 8 is not allowed there;",
		`["a"]`:                    `must be a JSON object, such as {"username": "app"}`,
		`{"username":"reporter"}`:  "", // a valid object
	}
	tabletest.Verdicts(t, "ValidateSecretStringTemplate", ValidateSecretStringTemplate, verdicts)
	for _, in := range slices.Sorted(maps.Keys(verdicts)) {
		if err := ValidateSecretStringTemplate(in); err != nil && strings.Contains(err.Error(), "reporter") {
			t.Errorf("ValidateSecretStringTemplate(%s) repeats the text: %v", in, err)
		}
	}
}
