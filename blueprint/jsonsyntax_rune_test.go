package blueprint

import (
	"strings"
	"testing"
)

// .ci/run's fuzz step (FuzzValidators) found ValidateSecretStringTemplate
// panicking on "{ͷ": the decoder's offset fell inside the two-byte
// character, and the message sliced the text at a negative index. The
// character is now named whole.
func TestJSONSyntaxErrorInsideACharacter(t *testing.T) {
	err := ValidateSecretStringTemplate("{\u0377")
	if err == nil || !strings.Contains(err.Error(), `'ͷ' at character 2 is not allowed there`) {
		t.Errorf("ValidateSecretStringTemplate(%q) = %v, want the character named whole at character 2", "{\u0377", err)
	}
}
