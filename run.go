package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// Exit codes, shared by every command.
const (
	exitOK      = 0
	exitFailure = 1 // findings, invalid input, or a failed write
	exitUsage   = 2
)

// version is set by the release build's ldflags; plain builds fall back to
// the module version recorded by the go command.
var version = ""

func currentVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "devel"
}

const usage = `secretsmith designs one AWS Secrets Manager secret and checks it against a
security blueprint.

Usage:
  secretsmith              start the design wizard (coming: see the README)
  secretsmith version      print the version

The wizard and the generate, check and rules commands are being built; the
design model, validators, compliance rules and design files are in place.
`

// run is the whole program minus the process: it gets the arguments and the
// three streams, and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	_ = stdin
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	switch args[0] {
	case "version", "--version":
		fmt.Fprintf(stdout, "secretsmith %s\n", currentVersion())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "secretsmith: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}
