package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/tui"
	"github.com/secretsmith/secretsmith/workflow"
)

// designFromTemplate reads the secret of --design-from: the one named by
// resource (its logical id or address), or the only one. What could not be
// read is left empty in the design and marked at its fields in the wizard,
// so the user fixes it there; the checklist shows the findings of the
// rest, with the rules that read an unread value as "cannot verify".
func designFromTemplate(st streams, path, resource string) (*tui.ImportedSecret, error) {
	if _, err := st.fs.Stat(path); err != nil {
		return nil, usageErrorf("--design-from: %v", designfile.Describe("read", path, err))
	}
	s, err := workflow.ImportOne(st.fs, path, resource)
	var choice *workflow.ChoiceError
	switch {
	case errors.As(err, &choice) && resource != "":
		return nil, usageErrorf("--resource %s: %s has no such secret; it has %s", resource, path, strings.Join(choice.IDs, ", "))
	case errors.As(err, &choice):
		return nil, usageErrorf("%s holds %d secrets; choose one with --resource: %s", path, len(choice.IDs), strings.Join(choice.IDs, ", "))
	case err != nil:
		return nil, err
	}
	if n := len(s.Unread); n > 0 {
		what, them := "values", "them at their fields"
		if n == 1 {
			what, them = "value", "it at its field"
		}
		fmt.Fprintf(st.err, "secretsmith: %d %s of %s in %s could not be read; the wizard marks %s\n",
			n, what, blueprint.SafeLine(s.ID), blueprint.SafeLine(path), them)
	}
	imported := importedSecret(*s)
	return &imported, nil
}
