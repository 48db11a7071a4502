package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/tui"
)

// importTemplate reads every Secrets Manager secret of an existing
// CloudFormation template or Terraform configuration (a file or a
// directory) as a design for the wizard, with the values that could not be
// read, each with the FILE:LINE it is at. It is the one reader behind
// --design-from and the wizard's "Import a template" (tui.Options.Import),
// so both open a secret the same way.
func importTemplate(path string) ([]tui.ImportedSecret, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var res *scan.Result
	if fi.IsDir() || isTerraformName(filepath.Base(path)) {
		res, err = scan.Terraform(path)
	} else {
		data, rerr := readLimited(path)
		if rerr != nil {
			return nil, rerr
		}
		res, err = scan.CloudFormation(path, data)
	}
	if err != nil {
		return nil, err
	}
	out := make([]tui.ImportedSecret, 0, len(res.Secrets))
	for _, s := range res.Secrets {
		d := s.Design
		if d.Secret.ExistingSecretARN == "(unknown)" {
			// The template names the secret by an ARN it cannot know;
			// the wizard asks for it instead.
			d.Secret.ExistingSecretARN = ""
		}
		paths := make([]string, 0, len(s.Unknown))
		for p := range s.Unknown {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		unread := make([]tui.Unread, 0, len(paths))
		for _, p := range paths {
			unread = append(unread, tui.Unread{Path: p, Reason: s.Unknown[p], At: fileLine(s.Locate(p))})
		}
		out = append(out, tui.ImportedSecret{ID: s.ID, Source: path, Design: d, Unread: unread})
	}
	return out, nil
}

// fileLine is FILE:LINE, the place a marker names: the column adds nothing
// a person looking for the value needs.
func fileLine(p scan.Pos) string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line)
}

// designFromTemplate reads the secret of --design-from: the one named by
// resource (its logical id or address), or the only one. What could not be
// read is left empty in the design and marked at its fields in the wizard,
// so the user fixes it there; the checklist shows the findings of the
// rest, with the rules that read an unread value as "cannot verify".
func designFromTemplate(st streams, path, resource string) (*tui.ImportedSecret, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, usageErrorf("--design-from: %v", err)
	}
	secrets, err := importTemplate(path)
	if err != nil {
		return nil, err
	}
	var ids []string
	pick := -1
	for i, s := range secrets {
		ids = append(ids, s.ID)
		if s.ID == resource {
			pick = i
		}
	}
	switch {
	case len(secrets) == 0:
		return nil, fmt.Errorf("%s holds no Secrets Manager secret", path)
	case resource != "" && pick < 0:
		return nil, usageErrorf("--resource %s: %s has no such secret; it has %s", resource, path, strings.Join(ids, ", "))
	case resource == "" && len(secrets) > 1:
		return nil, usageErrorf("%s holds %d secrets; choose one with --resource: %s", path, len(secrets), strings.Join(ids, ", "))
	case pick < 0:
		pick = 0
	}
	s := secrets[pick]
	if n := len(s.Unread); n > 0 {
		what := "values"
		if n == 1 {
			what = "value"
		}
		fmt.Fprintf(st.err, "secretsmith: %d %s of %s in %s could not be read; the wizard marks them at their fields\n",
			n, what, blueprint.SafeLine(s.ID), blueprint.SafeLine(path))
	}
	return &s, nil
}
