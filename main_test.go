package main

import (
	"flag"
	"os"
	"os/exec"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/secretsmith/secretsmith/internal/motoserver"
)

var update = flag.Bool("update", false, "update golden files and the expected output embedded in scripts")

// TestMain lets the test binary stand in for secretsmith, so the scripts in
// testdata/script run the real command, and so do the tests that run it as
// a process (killed, signalled, in a terminal): testscript.Main puts a copy
// of this binary named secretsmith first on PATH, which runs run, as main
// does. No test builds the binary to run it; only
// TestBinaryKeepsMethodDeadCode links one, to read its symbols.
func TestMain(m *testing.M) {
	testscript.Main(stopMoto{m}, map[string]func(){
		"secretsmith": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// stopMoto runs the tests, then stops the moto server they shared
// (startMoto): testscript.Main exits as soon as Run returns.
type stopMoto struct{ m *testing.M }

func (s stopMoto) Run() int {
	defer motoserver.StopShared()
	return s.m.Run()
}

// TestScript runs the end-to-end scripts in testdata/script.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("NO_COLOR", "1")
			e.Setenv("COLUMNS", "100")
			return nil
		},
	})
}

// secretsmithBinary is the program as a process: the test binary's copy
// that testscript.Main put first on PATH, which runs run as main does.
func secretsmithBinary(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("secretsmith")
	if err != nil {
		t.Fatalf("testscript.Main put no secretsmith on PATH: %v", err)
	}
	return bin
}
