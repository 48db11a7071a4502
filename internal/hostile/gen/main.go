// Command hostile writes the hostile inputs of internal/hostile into a
// directory, one subdirectory per case, and prints each case's name and the
// path to give check, one a line: bench/check.sh times them.
//
//	go run ./internal/hostile/gen DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/secretsmith/secretsmith/internal/hostile"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/hostile/gen DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	for _, in := range hostile.Inputs() {
		for name, body := range in.Files {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		fmt.Println(in.Name, filepath.Join(dir, in.Arg))
	}
}
