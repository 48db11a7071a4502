package blueprint

import (
	"strings"
	"testing"
)

// A description holding an escape or a bell is warned about, as one
// holding a bidirectional control is: a terminal showing it acts on it.
// A design file's "\e[31m" went through without a word while a tag with
// it was refused (issue 22's third trial). Line breaks and tabs are text.
func TestDescriptionControlCharactersAreWarned(t *testing.T) {
	for _, c := range []struct{ desc, want string }{
		{"pay\x1b[31mred", "holds U+001B, a control character"},
		{"ding\x07", "holds U+0007, a control character"},
		{"c1\u009bx", "holds U+009B, a control character"},
	} {
		err := ValidateDescription(c.desc)
		if err == nil || !IsWarning(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want a warning that says %q", c.desc, err, c.want)
		}
	}
	if err := ValidateDescription("two lines\nand\ta tab\r\n"); err != nil {
		t.Errorf("line breaks and tabs: %v, want them accepted", err)
	}
}
