package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 22's fourth trial: -o is held to the rules of a remembered output
// path. A newline in it was written and printed as it is ("wrote bad" on
// one line, "name.yaml" on the next, and so was the deploy command), and a
// ~ the shell did not expand made a directory named ~.
func TestGenerateOutputFlagRefusesOddPaths(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "d.yaml")
	if err := os.WriteFile(design, []byte(validDesign), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, o := range []string{"bad\nname.yaml", "~/x.yaml", "x\x1b[31m.yaml"} {
		code, _, stderr := runWithin(t, []string{"generate", design, "--format", "cloudformation", "-o", o}, "")
		if code != exitUsage || strings.Contains(stderr, "wrote") {
			t.Errorf("-o %q: exit %d, stderr %s", o, code, stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the refused paths wrote files: %v", entries)
	}
}
