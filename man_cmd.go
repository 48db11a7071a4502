package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd writes the man pages. It is hidden: the release build runs it to
// put the pages in the archives and the Homebrew cask.
func newManCmd(st streams) *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write man pages for every command into DIR",
		Hidden: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("man needs exactly one directory")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return fmt.Errorf("create man directory: %w", err)
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true // keeps the pages reproducible
			header := &doc.GenManHeader{Title: "SECRETSMITH", Section: "1", Source: "secretsmith " + currentVersion(), Manual: "secretsmith manual"}
			if err := doc.GenManTree(root, header, args[0]); err != nil {
				return fmt.Errorf("write man pages: %w", err)
			}
			fmt.Fprintf(st.err, "wrote man pages to %s\n", args[0])
			return nil
		},
	}
}
