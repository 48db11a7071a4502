// Package goldens is the matrix of designs that generate's golden tests
// render and scan's tests read back: every design file under
// generate/testdata/designs, plus full.yaml with each hosted rotation type
// swapped in. Both packages build it here, so they test the same designs.
package goldens

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// Design is one design of the matrix.
type Design struct {
	// Name is the golden file stem, such as full or
	// rotation-mysqlmultiuser.
	Name   string
	Design *blueprint.Design
}

// Load reads the design file at path and fails t when it does not load or
// does not validate.
func Load(t testing.TB, path string) *blueprint.Design {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read design: %v", err)
	}
	dFile := designfile.Decode(path, data)
	d, diags := dFile.Valid(), dFile.Diagnostics()
	if d == nil {
		t.Fatalf("designfile.Decode(%q) error: %v", path, diags)
	}
	if errs := diags.Errors(); len(errs) > 0 {
		t.Fatalf("designfile.Decode(%q) diagnostics:\n%v", path, errs)
	}
	return d
}

// Matrix is every design file in dir (generate/testdata/designs) by name,
// then full.yaml with each of the hosted rotation types swapped in; the
// types that sign in as the master user get a master secret, as they
// require.
func Matrix(t testing.TB, dir string) []Design {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no designs under %s (err %v)", dir, err)
	}
	slices.Sort(files)
	var out []Design
	for _, f := range files {
		out = append(out, Design{Name: strings.TrimSuffix(filepath.Base(f), ".yaml"), Design: Load(t, f)})
	}
	for _, rt := range blueprint.RotationTypes {
		d := Load(t, filepath.Join(dir, "full.yaml"))
		h := d.Rotation.HostedRotationLambda
		h.RotationType = rt.Name
		h.MasterSecretARN, h.MasterSecretKMSKeyARN = "", ""
		// The rotation function reads engine, host, username (and
		// masterarn for the alternating-users strategy) from the secret's
		// JSON. The design gives the database; generate writes the rest.
		if rt.NeedsMaster {
			h.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/db-admin-AbCdEf"
			h.MasterSecretKMSKeyARN = "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
		}
		d.Secret.GenerateSecretString.SecretStringTemplate, d.Secret.GenerateSecretString.GenerateStringKey = "", ""
		d.Secret.Database = &blueprint.Database{Host: "db.internal.example.com", Username: "payments"}
		if rt.NeedsDBName {
			d.Secret.Database.DBName = "payments"
		}
		out = append(out, Design{Name: "rotation-" + strings.ToLower(rt.Name), Design: d})
	}
	return out
}
