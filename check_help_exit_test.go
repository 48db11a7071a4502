package main

import (
	"bytes"
	"strings"
	"testing"
)

// Issue 22's trial (trial8b X13): check --help said when check exits 1
// but never 2, which a missing PATH or a wrong flag gives; a CI script
// could not tell a typo from a finding.
func TestCheckHelpSaysEveryExitCode(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--help"}, nil, &out, &errb); code != exitOK {
		t.Fatalf("check --help: exit %d\n%s", code, errb.String())
	}
	help := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{"It exits 1 when", "It exits 2, before any report, when the command itself is wrong", "a PATH that does not exist", "0 is everything else"} {
		if !strings.Contains(help, want) {
			t.Errorf("check --help lacks %q:\n%s", want, out.String())
		}
	}
}
