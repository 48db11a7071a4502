package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mainCodeBudget is how many lines of code package main may hold (blank
// lines, comments and the help texts in raw strings do not count). It
// held 988 when the use cases and printers had left for workflow and
// workflow/report (issue 19): the margin is for wiring (a command, its
// flags, its exit codes), not for what a command does or prints.
const mainCodeBudget = 1040

// mainHelpers are the functions package main may declare besides the
// command constructors (new...Cmd) and their run functions (run...), each
// for a reason that keeps it here rather than in workflow (what a command
// does) or workflow/report (what it prints).
var mainHelpers = map[string]string{
	"main":               "the process",
	"currentVersion":     "build information the linker injects into main",
	"buildCommit":        "build information the linker injects into main",
	"usageErrorf":        "exit code 2",
	"exitCode":           "exit codes",
	"typeUsageErrors":    "cobra wiring: argument checks exit 2",
	"Error":              "exit-code errors (usageError, silentError, streamWriteError)",
	"Unwrap":             "exit-code errors",
	"Write":              "the watched process streams (watchedWriter)",
	"isTerminal":         "the process's terminal",
	"stopOnSignals":      "the process's signals",
	"stoppedMessage":     "the wizard's exit wording, beside its exit code 130",
	"addAWSFlags":        "flags",
	"on":                 "flags (awsOptions)",
	"connect":            "flags to the wizard's account loader",
	"connectAWS":         "flags to an account, through the loadAccount seam tests replace",
	"verifyAWS":          "--aws: connects through the seam, prints workflow.Verify with report.Verification, decides the exit",
	"completeFormats":    "cobra's shell completion",
	"manPages":           "cobra's man pages",
	"forceHint":          "words workflow's typed refusals for the command line's --force",
	"designFromTemplate": "--design-from and --resource: usage errors around workflow.ImportOne",
	"wizardWriter":       "adapter: tui may not import workflow, so main hands it workflow.Write",
	"importer":           "adapter: tui may not import workflow, so main hands it workflow.Import",
	"importedSecret":     "adapter from workflow.Imported to tui.ImportedSecret",
}

var commandFunc = regexp.MustCompile(`^(new[A-Z]\w*Cmd|run[A-Z]\w*|run)$`)

// TestMainHoldsOnlyCommands holds the line issue 19 drew: package main is
// the commands' wiring (cobra, flags, exit codes, the process's streams
// and signals). A function that is none of that fails here, and so does
// code past the budget, which is where a use case written inline in a
// RunE would show.
func TestMainHoldsOnlyCommands(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	code := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if _, ok := mainHelpers[fn.Name.Name]; !ok && !commandFunc.MatchString(fn.Name.Name) {
				t.Errorf("%s: func %s is not command wiring: move what a command does to workflow, what it prints to workflow/report (or, if it is wiring, add it to mainHelpers with the reason)",
					fset.Position(fn.Pos()), fn.Name.Name)
			}
		}
		code += codeLines(fset, f, src)
	}
	if code > mainCodeBudget {
		t.Errorf("package main holds %d lines of code, over its budget of %d: what a command does belongs in workflow, what it prints in workflow/report", code, mainCodeBudget)
	}
	t.Logf("package main: %d lines of code (budget %d)", code, mainCodeBudget)
}

// codeLines counts the lines of f that hold code: not blank, not only a
// comment, not inside a string literal that spans lines (a command's help
// text counts as its first line).
func codeLines(fset *token.FileSet, f *ast.File, src []byte) int {
	help := map[int]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			for l := fset.Position(lit.Pos()).Line + 1; l <= fset.Position(lit.End()).Line; l++ {
				help[l] = true
			}
		}
		return true
	})
	n := 0
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if !help[i+1] && line != "" && !strings.HasPrefix(line, "//") {
			n++
		}
	}
	return n
}
