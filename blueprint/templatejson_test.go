package blueprint

import (
	"strings"
	"testing"
)

// A JSON template that is almost an object says where it stops being
// JSON, and why where that is common: {"username":"reporter",} said only
// "must be a JSON object", under what looked like one (issue 22's third
// trial). Nothing of the text but the one character is repeated.
func TestSecretStringTemplateSaysWhereJSONBreaks(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"username":"reporter",}`, `'}' at character 24 is not allowed there (JSON allows no comma before a closing bracket)`},
		{`{"username":"reporter"`, "it ends before the object is closed with }"},
		{`{username: "reporter"}`, "'u' at character 2 is not allowed there (keys and text take double quotes)"},
		{`{"a":1}}`, "'}' at character 8 is not allowed there;"},
		{`["a"]`, `must be a JSON object, such as {"username": "app"}`},
	} {
		err := ValidateSecretStringTemplate(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ValidateSecretStringTemplate(%s) = %v, want %q", c.in, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "reporter") {
			t.Errorf("ValidateSecretStringTemplate(%s) repeats the text: %v", c.in, err)
		}
	}
	if err := ValidateSecretStringTemplate(`{"username":"reporter"}`); err != nil {
		t.Errorf("a valid object: %v", err)
	}
}
