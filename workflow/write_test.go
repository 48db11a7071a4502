package workflow

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

func exampleDesign(t *testing.T) *blueprint.Design {
	t.Helper()
	l, err := Load(store.OS{}, "../examples/payments-db.yaml")
	if err != nil || l.Valid == nil {
		t.Fatalf("Load(example) = %v, %v", l, err)
	}
	return l.Valid
}

// The writer's refusals are typed, so each caller words how to overcome
// them (generate's --force, the wizard's Overwrite); none names a flag.
func TestWriteRefusalsAreTyped(t *testing.T) {
	d := exampleDesign(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "other.tf"), []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := generate.Render(d, generate.Terraform, generate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = WriteTemplates(store.OS{}, d, generate.Terraform, dir, files, false)
	var stray *StrayFilesError
	if !errors.As(err, &stray) || strings.Join(stray.Names, " ") != "other.tf" || strings.Contains(err.Error(), "--force") {
		t.Errorf("writing beside other.tf = %v, want a *StrayFilesError naming it and no flag", err)
	}
	w, err := WriteTemplates(store.OS{}, d, generate.Terraform, dir, files, true)
	if err != nil || len(w.Files) != len(files) || !strings.Contains(w.Next, "terraform init") {
		t.Fatalf("with force = %+v, %v", w, err)
	}

	// The wizard's set names every file it would replace, design file
	// included, before writing any.
	out := filepath.Join(dir, "cfn", "secret.yaml")
	first, err := Write(store.OS{}, d, Target{Format: generate.CloudFormation, Path: out})
	if err != nil || first.Created != filepath.Join(dir, "cfn") || len(first.Files) != 2 {
		t.Fatalf("first write = %+v, %v; want the template and the design, and the directory made", first, err)
	}
	_, err = Write(store.OS{}, d, Target{Format: generate.CloudFormation, Path: out})
	var exists *store.ExistsError
	if !errors.As(err, &exists) || !errors.Is(err, store.ErrExists) || strings.Join(exists.Paths, " ") != strings.Join(first.Files, " ") {
		t.Errorf("second write = %v, want an *ExistsError naming %v", err, first.Files)
	}
}
