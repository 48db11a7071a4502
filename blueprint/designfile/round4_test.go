package designfile

import (
	"strings"
	"testing"
)

// Issue 22's fourth trial: a design file that is a link to /etc/shadow
// printed each line as an unknown key. A key that looks like secret
// material (here a password hash) is not repeated, in the message or the
// path; an ordinary unknown key still is.
func TestUnknownKeyThatLooksSecretNotShown(t *testing.T) {
	const hash = "$6$Zk1pQ2xY$WqJm3XsNvR8tLpA0bYcD5eFgH7iJkLmNoPqRsTuVwXyZ0123456789abcdef"
	f := Decode("f.yaml", []byte("version: 1\nalice:"+hash+":19000:0:99999:7::: x\nsecretz: y\n"))
	var all []string
	for _, d := range f.Diagnostics() {
		all = append(all, d.String())
	}
	text := strings.Join(all, "\n")
	if strings.Contains(text, "WqJm3XsNvR8t") || !strings.Contains(text, "not shown: it looks like") {
		t.Errorf("diagnostics:\n%s", text)
	}
	if !strings.Contains(text, `unknown key "secretz"`) {
		t.Errorf("an ordinary unknown key is not named:\n%s", text)
	}
}
