package blueprint

import (
	"encoding/json"
	"testing"
)

// TestSafeLineEscapesInvisibleCharacters (trial8b X2): a zero-width space,
// a byte order mark, tag characters and a line separator in a user name or
// a waiver reason reached the terminal raw (generate's Next steps, check
// -v), showing "pay\u200bments" as payments. SafeLine writes them as
// escapes, a tag character as its UTF-16 pair, which stays valid JSON.
func TestSafeLineEscapesInvisibleCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"pay\u200bments":       `pay\u200bments`,
		"\ufeffpay":            `\ufeffpay`,
		"ok \U000E0041 hidden": `ok \udb40\udc41 hidden`,
		"one\u2028two\u2029":   `one\u2028two\u2029`,
		"soft\u00adhyphen":     `soft\u00adhyphen`,
		"café 🔑 ✓ 名前":          "café 🔑 ✓ 名前",
	} {
		if got := SafeLine(in); got != want {
			t.Errorf("SafeLine(%q) = %s, want %s", in, got, want)
		}
	}
	in := "ok \U000E0041\u200b\u2028"
	raw, _ := json.Marshal(map[string]string{"r": in})
	var out map[string]string
	if err := json.Unmarshal([]byte(SafeText(string(raw))), &out); err != nil || out["r"] != in {
		t.Errorf("SafeText(%s) decodes to %q, %v", raw, out, err)
	}
}

// TestTextCharactersLineSeparator: U+2028 is a line break, refused in a
// one-line name as a newline is; in text with lines it is warned, since
// terminals do not draw it as one.
func TestTextCharactersLineSeparator(t *testing.T) {
	if err := TextCharacters("pay\u2028ments", false); err == nil || IsWarning(err) {
		t.Errorf("one line: %v, want an error", err)
	}
	if err := TextCharacters("pay\u2028ments", true); err == nil || !IsWarning(err) {
		t.Errorf("lines: %v, want a warning", err)
	}
}
