package blueprint

import (
	"strings"
	"testing"
)

// An empty value that must be given is told it is required, not the length
// range it falls short of ("must be 1-128 characters"): every validator
// whose rule is "1-N characters of ..." says so for "".
func TestEmptyNameIsRequired(t *testing.T) {
	for name, validate := range map[string]func(string) error{
		"ValidateTagKey":     ValidateTagKey,
		"ValidateSecretName": ValidateSecretName,
		"ValidateLambdaName": ValidateLambdaName,
		"ValidateDesignName": ValidateDesignName,
	} {
		err := validate("")
		if err == nil || !strings.HasPrefix(err.Error(), "is required") {
			t.Errorf(`%s("") = %v, want "is required: ..."`, name, err)
		}
	}
	// Through Validate too: a tag added without a key.
	d := validDesign()
	d.Secret.Tags = append(d.Secret.Tags, Tag{Value: "x"})
	found := false
	for _, p := range d.Validate() {
		if p.Path == TagPath("") {
			found = true
			if !strings.HasPrefix(p.Message, "is required") || strings.Contains(p.Message, "1-128") {
				t.Errorf("an empty tag key is told %q, want that it is required", p.Message)
			}
		}
	}
	if !found {
		t.Errorf("Validate says nothing of an empty tag key")
	}
	// A key too long still says the limit.
	if err := ValidateTagKey(strings.Repeat("k", 129)); err == nil || !strings.Contains(err.Error(), "at most 128") {
		t.Errorf("a 129-character tag key: %v", err)
	}
	if err := ValidateTagKey(strings.Repeat("é", 129)); err == nil || !strings.Contains(err.Error(), "at most 128") {
		t.Errorf("a 129-character tag key of é: %v", err)
	}
}
