package blueprint

import (
	"strings"
	"testing"
)

// A name derived from a long secret id is capped as the name field is (64
// characters), so the KMS alias and the stack name made from it stay within
// their limits.
func TestDisplayNameIsCapped(t *testing.T) {
	for _, id := range []string{
		strings.Repeat("a", 300),
		strings.Repeat("ab/", 100),
		strings.Repeat("x", 63) + "/" + strings.Repeat("y", 200),
	} {
		d := &Design{}
		d.Secret.SecretID = id
		name := d.DisplayName()
		if len(name) > MaxNameLength {
			t.Errorf("DisplayName of a %d-character id is %d characters", len(id), len(name))
		}
		if err := ValidateDesignName(name); err != nil {
			t.Errorf("DisplayName %q is not a valid name: %v", name, err)
		}
	}
}
