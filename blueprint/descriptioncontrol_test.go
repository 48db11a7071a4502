package blueprint

import (
	"strings"
	"testing"
)

// A description holding an escape or a bell is refused, as a tag holding
// one is: a terminal showing it acts on it (TextCharacters, the one check
// of every text that names or describes something). A design file's
// "\e[31m" went through without a word while a tag with it was refused
// (issue 22's third trial). A bidirectional control is warned. Line
// breaks and tabs are text.
func TestDescriptionControlCharactersAreRefused(t *testing.T) {
	for _, c := range []struct{ desc, want string }{
		{"pay\x1b[31mred", `must not contain control characters other than line breaks and tabs: a terminal showing the text acts on them instead of printing (found '\x1b')`},
		{"ding\x07", `(found '\a')`},
		{"c1\u009bx", `(found '\u009b')`},
	} {
		err := ValidateDescription(c.desc)
		if err == nil || IsWarning(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want an error that says %q", c.desc, err, c.want)
		}
	}
	if err := ValidateDescription("ad\u202emin"); !IsWarning(err) || !strings.Contains(err.Error(), "holds U+202E, a bidirectional control character") {
		t.Errorf("bidi: %v, want a warning", err)
	}
	if err := ValidateDescription("two lines\nand\ta tab\r\n"); err != nil {
		t.Errorf("line breaks and tabs: %v, want them accepted", err)
	}
}
