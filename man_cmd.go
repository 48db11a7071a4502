package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/store"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd writes the man pages. It is hidden: the release build runs it to
// put the pages in the archives and the Homebrew cask. The pages go through
// the writer generate uses, under the same rules: nothing is overwritten
// without --force, special files and symlinks never, and the set is all or
// nothing.
func newManCmd(st streams) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
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
			root := cmd.Root()
			root.DisableAutoGenTag = true // keeps the pages reproducible
			header := &doc.GenManHeader{Title: "SECRETSMITH", Section: "1", Source: "secretsmith " + currentVersion(), Manual: "secretsmith manual"}
			pages, err := manPages(root, header)
			if err != nil {
				return fmt.Errorf("write man pages: %w", err)
			}
			if _, err := st.fs.WriteSet(args[0], pages, force); err != nil {
				return forceHint(err)
			}
			fmt.Fprintf(st.err, "wrote man pages to %s\n", args[0])
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing pages")
	return cmd
}

// manPages renders a page per available command, named as cobra's
// GenManTree names them (secretsmith-generate.1).
func manPages(cmd *cobra.Command, header *doc.GenManHeader) ([]store.File, error) {
	var pages []store.File
	for _, c := range cmd.Commands() {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			continue
		}
		sub, err := manPages(c, header)
		if err != nil {
			return nil, err
		}
		pages = append(pages, sub...)
	}
	var buf bytes.Buffer
	h := *header
	if err := doc.GenMan(cmd, &h, &buf); err != nil {
		return nil, err
	}
	name := strings.ReplaceAll(cmd.CommandPath(), " ", "-") + "." + header.Section
	return append(pages, store.File{Name: name, Data: buf.Bytes()}), nil
}
