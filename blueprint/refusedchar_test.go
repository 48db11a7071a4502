package blueprint

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// A refused character is named whole: the first byte of "é" read as a
// character was 'Ã', and of U+202E 'â', so the message named a character
// the value does not hold (issue 22's third trial).
func TestRefusedCharacterIsNamedWhole(t *testing.T) {
	tabletest.Verdicts(t, "ValidateSecretName", ValidateSecretName, map[string]string{
		"prodé":        `'é' is not allowed`,
		"ab\u202eevil": `'\u202e' is not allowed`,
		"a\xffb":       `'�' is not allowed`,
	})
	tabletest.Verdicts(t, "ValidateSid", ValidateSid, map[string]string{"Ständ": `'ä' is not allowed`})
}

// A name of 300 "é" is 300 characters and 600 bytes: it is refused for
// its characters, not told it "has 600" characters.
func TestLongNonASCIINameIsRefusedForItsCharacters(t *testing.T) {
	err := ValidateSecretName(strings.Repeat("é", 300))
	if err == nil || !strings.Contains(err.Error(), `'é' is not allowed`) || strings.Contains(err.Error(), "600") {
		t.Errorf("got %v, want the character named and no count of bytes", err)
	}
}
