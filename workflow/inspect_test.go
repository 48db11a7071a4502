package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/store"
)

// A design file is judged from its one check: the report gives the
// secret's rule results, and the diagnostics are placed in the file.
func TestInspectDesignFile(t *testing.T) {
	calls := countChecks(t)
	f := InspectFile("../examples/payments-db.yaml", true, scan.Options{})
	if *calls != 1 {
		t.Errorf("inspecting a design file checked it %d times, want 1", *calls)
	}
	if f.Format != "design" || f.Err != nil || len(f.Secrets) != 1 || len(f.Secrets[0].Report.Results) == 0 {
		t.Errorf("InspectFile(design) = %+v, want one secret with its rule results", f)
	}
}

// Inspect picks the reader for each file of a walk, skips what it cannot
// read as any of them and what is excluded, and says when it found
// nothing at all, rather than passing in silence.
func TestInspectWalk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile("../examples/payments-db.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write("design.yaml", string(data))
	write("stack.yaml", "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n")
	write("tf/main.tf", "resource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"x\"\n}\n")
	write("notes.json", `{"not": "a template"}`)
	write("node_modules/pkg/stack.yaml", "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n")
	got, err := Inspect(store.OS{}, dir, DefaultExcludes)
	if err != nil {
		t.Fatal(err)
	}
	var formats []string
	for _, f := range got {
		formats = append(formats, filepath.Base(f.Path)+":"+f.Format)
	}
	if strings.Join(formats, " ") != "design.yaml:design stack.yaml:cloudformation tf:terraform" {
		t.Errorf("Inspect read %v, want the design, the template and the configuration, in path order", formats)
	}

	empty := t.TempDir()
	got, err = Inspect(store.OS{}, empty, DefaultExcludes)
	if err != nil || len(got) != 1 || len(got[0].Notices) != 1 || !strings.Contains(got[0].Notices[0].Msg, "nothing was checked") {
		t.Errorf("Inspect(an empty directory) = %+v, %v; want a notice that nothing was checked", got, err)
	}
	if _, err := Inspect(store.OS{}, filepath.Join(dir, "missing"), nil); err == nil {
		t.Error("Inspect(a missing path) gave no error")
	}
}
