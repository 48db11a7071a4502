package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportDirection keeps the dependency arrows pointing one way:
// blueprint is the domain and builds on the standard library alone, generate
// never reaches into the wizard, the use cases (workflow) sit between the
// command and the packages below, and nothing imports the command.
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
			case pkg == mod+"/tui/form" && strings.HasPrefix(imp, mod+"/") && !strings.HasPrefix(imp, mod+"/blueprint"):
				t.Errorf("%s imports %s: the field kinds know the design only through their Host, and blueprint's safe text", pkg, imp)
			case strings.HasPrefix(pkg, mod+"/tui") && strings.HasPrefix(imp, mod+"/scan"):
				t.Errorf("%s imports %s: the wizard reads templates through Options.Import, which the command supplies", pkg, imp)
			case strings.HasPrefix(pkg, mod+"/tui") && strings.HasPrefix(imp, mod+"/workflow"):
				t.Errorf("%s imports %s: the command hands the wizard workflow's functions through Options (Write, Import)", pkg, imp)
			case pkg == mod+"/workflow/report" && imp == mod+"/tui/form":
				// The reports wrap prose (rules) with the wizard's
				// wrapper, which breaks at spaces only; form imports
				// nothing of ours but blueprint (checked above), so
				// this cannot loop back.
			case strings.HasPrefix(pkg, mod+"/workflow") && strings.HasPrefix(imp, mod+"/") && !workflowMayImport(strings.TrimPrefix(imp, mod+"/")):
				t.Errorf("%s imports %s: the use cases sit below the wizard and the commands, on blueprint, generate, scan, store and account", pkg, imp)
			case pkg != mod+"/workflow" && !strings.HasPrefix(pkg, mod+"/workflow/") && pkg != mod && imp == mod+"/workflow":
				t.Errorf("%s imports %s: only the command package runs the use cases", pkg, imp)
			case strings.HasPrefix(imp, "github.com/aws/") && !strings.HasPrefix(pkg, mod+"/account"):
				t.Errorf("%s imports %s: only account/ talks to AWS", pkg, imp)
			case strings.HasPrefix(pkg, mod+"/blueprint") && strings.HasPrefix(imp, mod+"/") && !strings.HasPrefix(imp, mod+"/blueprint"):
				t.Errorf("%s imports %s: the domain must not depend on generate or tui", pkg, imp)
			}
		}
	}
}

// workflowMayImport is what the use cases build on: the packages below
// them, never the wizard or the command.
func workflowMayImport(pkg string) bool {
	top, _, _ := strings.Cut(pkg, "/")
	switch top {
	case "blueprint", "generate", "scan", "store", "account", "workflow":
		return true
	}
	return false
}

// TestNothingBelowRunReadsTheProcess holds the rule that only run touches
// the process's streams, arguments, environment and working directory:
// every command and package below it is given them (streams), so tests can
// pass their own and nothing reads a real terminal, HOME or GOGC by
// surprise. The commands and the use cases (workflow) also ask about files
// only through store.FS, the seam tests replace.
func TestNothingBelowRunReadsTheProcess(t *testing.T) {
	process := map[string]bool{"Stdin": true, "Stdout": true, "Stderr": true, "Args": true,
		"Getenv": true, "LookupEnv": true, "Environ": true, "Getwd": true, "Chdir": true}
	files := map[string]map[string]bool{
		"os":            {"Stat": true, "Lstat": true, "ReadDir": true, "ReadFile": true, "Open": true, "OpenFile": true},
		"path/filepath": {"WalkDir": true, "Walk": true, "Glob": true},
	}
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range strings.Fields(string(out)) {
		// internal/ holds the tests' own helpers (moto, tool lookups),
		// which no program code imports; they read CI and PATH on purpose.
		if strings.HasPrefix(dir, filepath.Join(root, "internal")+string(filepath.Separator)) {
			continue
		}
		workflow := filepath.Join(root, "workflow")
		seamed := dir == root || dir == workflow || strings.HasPrefix(dir, workflow+string(filepath.Separator))
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			base := filepath.Base(name)
			// main and run are where the process is handed out.
			if strings.HasSuffix(name, "_test.go") || dir == root && (base == "main.go" || base == "run.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			imported := map[string]string{} // local name -> import path
			for _, imp := range f.Imports {
				p := strings.Trim(imp.Path.Value, `"`)
				local := p[strings.LastIndex(p, "/")+1:]
				if imp.Name != nil {
					local = imp.Name.Name
				}
				imported[local] = p
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				id, ok := sel.X.(*ast.Ident)
				if !ok {
					return true
				}
				switch pkg := imported[id.Name]; {
				case pkg == "os" && process[sel.Sel.Name]:
					t.Errorf("%s: os.%s: only run reads the process; pass it in (streams)", fset.Position(sel.Pos()), sel.Sel.Name)
				case seamed && files[pkg][sel.Sel.Name]:
					t.Errorf("%s: %s.%s: the commands and use cases ask about files through store.FS (streams.fs), so tests can pass their own", fset.Position(sel.Pos()), id.Name, sel.Sel.Name)
				}
				return true
			})
		}
	}
}
