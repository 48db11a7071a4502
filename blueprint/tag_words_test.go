package blueprint

import (
	"strings"
	"testing"
)

// Issue 22's trial (trial5b L1): a tag whose key and value share a fault
// (here a right-to-left override in both) printed two identical lines at
// one path, and nothing said which was the value's.
func TestTagKeyAndValueProblemsAreTold(t *testing.T) {
	d := Design{Version: 1, Name: "x", Secret: Secret{SecretID: "prod/x", Tags: []Tag{
		{Key: "a\u202eb", Value: "c\u202ed"},
		{Key: "owner", Value: strings.Repeat("v", 257)},
	}}}
	var key, value int
	for _, p := range d.Validate() {
		switch {
		case p.Path != TagPath("a\u202eb"):
		case strings.HasPrefix(p.Message, "its value holds U+202E, a bidirectional control"):
			value++
		case strings.HasPrefix(p.Message, "holds U+202E, a bidirectional control"):
			key++
		}
	}
	if key != 1 || value != 1 {
		t.Errorf("key problems %d, value problems %d, want one each: %v", key, value, d.Validate().At(TagPath("a\u202eb")))
	}
	want := TagValueMessage(ValidateTagValue(strings.Repeat("v", 257)))
	if ps := d.Validate().At(TagPath("owner")); len(ps) != 1 || ps[0].Message != want || want != "its value must be at most 256 characters" {
		t.Errorf("owner: %v, want one problem %q", ps, want)
	}
}
