package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// Diagnostics writes a design file's problems, one FILE:LINE:COL: path:
// message a line.
func Diagnostics(w io.Writer, ds designfile.Diagnostics) {
	for _, dg := range ds {
		fmt.Fprintln(w, dg.String())
	}
}

// Notice writes note, one line made safe for a terminal, on w, prefixed
// as the program's own words; nothing when note is "".
func Notice(w io.Writer, note string) {
	if note != "" {
		fmt.Fprintln(w, "secretsmith: "+blueprint.SafeLine(note))
	}
}

// Written says what a write made (the directory it created, each file)
// and what to run next, a command a line; generate and the wizard end with
// it.
func Written(w io.Writer, created string, files []string, next string) {
	if created != "" {
		fmt.Fprintf(w, "created directory %s\n", created)
	}
	for _, p := range files {
		fmt.Fprintf(w, "wrote %s\n", p)
	}
	fmt.Fprintf(w, "\nNext:\n  %s\n", strings.ReplaceAll(next, "\n", "\n  "))
}
