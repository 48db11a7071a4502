package blueprint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rulesDocPath is docs/rules.md, seen from the package directory where go
// test runs.
var rulesDocPath = filepath.Join("..", "docs", "rules.md")

func TestRulesDoc(t *testing.T) {
	want := RulesMarkdown()
	if *update {
		if err := os.WriteFile(rulesDocPath, []byte(want), 0o644); err != nil {
			t.Fatalf("write %s: %v", rulesDocPath, err)
		}
		return
	}
	got, err := os.ReadFile(rulesDocPath)
	if err != nil {
		t.Fatalf("read %s: %v; create it with: go test ./blueprint -run TestRulesDoc -update", rulesDocPath, err)
	}
	if string(got) == want {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(want, "\n")
	line := 0
	for line < len(gl) && line < len(wl) && gl[line] == wl[line] {
		line++
	}
	var g, w string
	if line < len(gl) {
		g = gl[line]
	}
	if line < len(wl) {
		w = wl[line]
	}
	t.Errorf("docs/rules.md is out of date with blueprint/rules.go; regenerate it with:\n\tgo test ./blueprint -run TestRulesDoc -update\nfirst difference at line %d:\n\tfile:   %q\n\trules:  %q", line+1, g, w)
}

func TestRulesMarkdown(t *testing.T) {
	md := RulesMarkdown()
	for _, r := range Rules() {
		id := string(r.ID)
		for _, want := range []string{
			"\n## " + id + "\n",
			"| [`" + id + "`](#" + id + ") | " + r.Severity.String() + " |",
			r.Reason,
			r.Meets,
			"`waivers: [{rule: " + id + ", reason: ...}]`",
		} {
			if !strings.Contains(md, want) {
				t.Errorf("RulesMarkdown() lacks %q for rule %s", want, r.ID)
			}
		}
		for _, s := range r.Scanners {
			if want := s.Tool + " `" + s.ID + "`"; !strings.Contains(md, want) {
				t.Errorf("RulesMarkdown() lacks scanner %q for rule %s", want, r.ID)
			}
		}
	}
}
