package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection keeps the dependency arrows pointing one way:
// blueprint is the domain and builds on the standard library alone, generate
// never reaches into the wizard, and nothing imports the command.
func TestImportDirection(t *testing.T) {
	const mod = "github.com/secretsmith/secretsmith"
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./blueprint").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep != mod+"/blueprint" {
			t.Errorf("blueprint depends on %s; it must use only the standard library", dep)
		}
	}

	out, err = exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg, imports := f[0], f[1:]
		for _, imp := range imports {
			switch {
			case imp == mod:
				t.Errorf("%s imports the command package", pkg)
			case strings.HasPrefix(pkg, mod+"/generate") && strings.HasPrefix(imp, mod+"/tui"):
				t.Errorf("%s imports %s: generate must not depend on the wizard", pkg, imp)
			case strings.HasPrefix(pkg, mod+"/tui") && strings.HasPrefix(imp, mod+"/scan"):
				t.Errorf("%s imports %s: the wizard reads templates through Options.Import, which the command supplies", pkg, imp)
			case strings.HasPrefix(imp, "github.com/aws/") && !strings.HasPrefix(pkg, mod+"/account"):
				t.Errorf("%s imports %s: only account/ talks to AWS", pkg, imp)
			case strings.HasPrefix(pkg, mod+"/blueprint") && strings.HasPrefix(imp, mod+"/") && !strings.HasPrefix(imp, mod+"/blueprint"):
				t.Errorf("%s imports %s: the domain must not depend on generate or tui", pkg, imp)
			}
		}
	}
}
