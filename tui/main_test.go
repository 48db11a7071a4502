package tui

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

// TestMain fails the run when the package's tests leave a file or
// directory in the package directory: a test that writes where the
// wizard would (a relative output path, or an answer read as one, as "3"
// once was) must write under t.TempDir() instead. What is left is named
// and removed, so it cannot be committed by accident.
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
	for _, name := range after {
		if !slices.Contains(before, name) {
			fmt.Fprintf(os.Stderr, "FAIL: the tests left %q in the package directory; write it under t.TempDir() (removed)\n", name)
			os.RemoveAll(name)
			code = 1
		}
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
