package workflow

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/store"
)

// TestSaveAudit: a design file per secret, named by region and name with
// what a file name cannot hold made '-', numbered when two names meet;
// each reads back; files that exist are refused without force, by type.
func TestSaveAudit(t *testing.T) {
	d := exampleDesign(t)
	rep := &account.AuditReport{Secrets: []account.AuditedSecret{
		{Name: "prod/db", Region: "us-east-1", Design: d},
		{Name: "prod:db", Region: "us-east-1", Design: d},
		{Name: "../up", Region: "eu-west-1", Design: d},
	}}
	dir := t.TempDir()
	paths, err := SaveAudit(store.OS{}, rep, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
		if filepath.Dir(p) != dir {
			t.Errorf("%s is outside %s", p, dir)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if f := designfile.Decode(p, data); f.Design == nil || len(f.Structure) > 0 {
			t.Errorf("%s does not read back: %v", p, f.Structure)
		}
	}
	if got, want := strings.Join(names, " "), "us-east-1-prod-db.design.yaml us-east-1-prod-db-2.design.yaml eu-west-1-..-up.design.yaml"; got != want {
		t.Errorf("names %s, want %s", got, want)
	}
	_, err = SaveAudit(store.OS{}, rep, dir, false)
	var exists *store.ExistsError
	if !errors.As(err, &exists) {
		t.Errorf("saving again without force = %v, want a *store.ExistsError", err)
	}
	if _, err := SaveAudit(store.OS{}, rep, dir, true); err != nil {
		t.Errorf("with force: %v", err)
	}
}
