package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/scan"
)

// designFromTemplate reads one secret of an existing CloudFormation
// template or Terraform configuration as a design for the wizard: the
// secret named by resource (its logical id or address), or the only one.
// What could not be read is listed on w, field by field, and left empty in
// the design, so the wizard asks for it and shows the rule findings of the
// rest on its checklist.
func designFromTemplate(st streams, path, resource string) (*blueprint.Design, error) {
	var res *scan.Result
	var err error
	fi, statErr := os.Stat(path)
	switch {
	case statErr != nil:
		return nil, usageErrorf("--design-from: %v", statErr)
	case fi.IsDir() || isTerraformName(filepath.Base(path)):
		res, err = scan.Terraform(path)
	default:
		data, rerr := readLimited(path)
		if rerr != nil {
			return nil, rerr
		}
		res, err = scan.CloudFormation(path, data)
	}
	if err != nil {
		return nil, err
	}
	var ids []string
	var pick *scan.Secret
	for _, s := range res.Secrets {
		ids = append(ids, s.ID)
		if s.ID == resource {
			pick = s
		}
	}
	switch {
	case len(res.Secrets) == 0:
		return nil, fmt.Errorf("%s holds no Secrets Manager secret", path)
	case resource != "" && pick == nil:
		return nil, usageErrorf("--resource %s: %s has no such secret; it has %s", resource, path, strings.Join(ids, ", "))
	case resource == "" && len(res.Secrets) > 1:
		return nil, usageErrorf("%s holds %d secrets; choose one with --resource: %s", path, len(res.Secrets), strings.Join(ids, ", "))
	case pick == nil:
		pick = res.Secrets[0]
	}
	d := pick.Design
	if d.Secret.ExistingSecretARN == "(unknown)" {
		d.Secret.ExistingSecretARN = ""
	}
	if len(pick.Unknown) > 0 {
		fmt.Fprintf(st.err, "%s: these values of %s could not be read; the wizard asks for them:\n", blueprint.SafeLine(path), blueprint.SafeLine(pick.ID))
		paths := make([]string, 0, len(pick.Unknown))
		for p := range pick.Unknown {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, p := range paths {
			fmt.Fprintf(st.err, "  %s: %s: %s\n", blueprint.SafeLine(pick.Locate(p).String()), blueprint.SafeLine(p), blueprint.SafeLine(pick.Unknown[p]))
		}
	}
	return d, nil
}
