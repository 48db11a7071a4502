package blueprint

import (
	"strings"
	"testing"
)

// A refused character is named whole: the first byte of "é" read as a
// character was 'Ã', and of U+202E 'â', so the message named a character
// the value does not hold (issue 22's third trial).
func TestRefusedCharacterIsNamedWhole(t *testing.T) {
	for _, c := range []struct {
		name  string
		check func(string) error
		value string
		want  string
	}{
		{"secret name", ValidateSecretName, "prodé", `'é' is not allowed`},
		{"secret name", ValidateSecretName, "ab\u202eevil", `'\u202e' is not allowed`},
		{"secret name", ValidateSecretName, "a\xffb", `'�' is not allowed`},
		{"sid", ValidateSid, "Ständ", `'ä' is not allowed`},
	} {
		err := c.check(c.value)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: %v, want it to say %s", c.name, c.value, err, c.want)
		}
	}
}

// A name of 300 "é" is 300 characters and 600 bytes: it is refused for
// its characters, not told it "has 600" characters.
func TestLongNonASCIINameIsRefusedForItsCharacters(t *testing.T) {
	err := ValidateSecretName(strings.Repeat("é", 300))
	if err == nil || !strings.Contains(err.Error(), `'é' is not allowed`) || strings.Contains(err.Error(), "600") {
		t.Errorf("got %v, want the character named and no count of bytes", err)
	}
}
