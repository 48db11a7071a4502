package tui

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestMain fails the run when the package's tests leave a file or
// directory in the package directory: a test that writes where the
// wizard would (a relative output path, or an answer read as one, as "3"
// once was) must write under t.TempDir() instead. What is left is named
// and removed, so it cannot be committed by accident. Go files are left
// alone: no test writes one, and a git merge or an editor that adds one
// while the tests run must not lose it (a helper lost two new test files
// that way).
func TestMain(m *testing.M) {
	before, err := entries()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tui tests: listing the package directory:", err)
		os.Exit(1)
	}
	code := m.Run()
	after, err := entries()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tui tests: listing the package directory:", err)
		os.Exit(1)
	}
	for _, name := range strays(before, after) {
		fmt.Fprintf(os.Stderr, "FAIL: the tests left %q in the package directory; write it under t.TempDir() (removed)\n", name)
		os.RemoveAll(name)
		code = 1
	}
	os.Exit(code)
}

func entries() ([]string, error) {
	es, err := os.ReadDir(".")
	if err != nil {
		return nil, err
	}
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = e.Name()
	}
	return names, nil
}

// strays are the entries of after that are not in before and that a test
// could have left: every new entry but Go source files.
func strays(before, after []string) []string {
	var out []string
	for _, name := range after {
		if !slices.Contains(before, name) && !strings.HasSuffix(name, ".go") {
			out = append(out, name)
		}
	}
	return out
}

// TestStraysSpareGoFiles: a file a test leaves is a stray; a Go file that
// appears during the run (a merge, an editor) is not, so TestMain does
// not remove it.
func TestStraysSpareGoFiles(t *testing.T) {
	got := strays([]string{"model.go", "testdata"}, []string{"model.go", "new_test.go", "testdata", "3", "out.yaml"})
	if !slices.Equal(got, []string{"3", "out.yaml"}) {
		t.Errorf("strays = %q, want [3 out.yaml]", got)
	}
}
