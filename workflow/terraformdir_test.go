package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// Terraform output goes to a directory; a new path named as a file is
// (main.tf, x.cfn.yaml) was made a directory of that name, holding main.tf
// and the rest, where the user meant a file. It is refused before anything
// is made, as a CloudFormation path ending in a separator is; a directory
// of that name that is there already is written into.
func TestTerraformPathNamedAsAFileIsRefused(t *testing.T) {
	d := exampleDesign(t)
	files, err := generate.Render(d, generate.Terraform, generate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"main.tf", "x.cfn.yaml", "infra/secret.tf.json", "s.JSON", "out.yml/"} {
		path := filepath.Join(dir, name)
		_, err := WriteTemplates(store.OS{}, d, generate.Terraform, path, files, nil, false, "")
		if err == nil || !strings.Contains(err.Error(), "Terraform output goes to a directory") {
			t.Errorf("Terraform to %s = %v, want it refused", name, err)
		}
		if _, serr := os.Stat(path); serr == nil {
			t.Errorf("Terraform to %s made it", name)
		}
		if err := blueprint.ValidateFilePath("terraform", name); err == nil {
			t.Errorf("ValidateFilePath(terraform, %s) = nil, want the output key refused too", name)
		}
	}
	there := filepath.Join(dir, "modules.tf")
	if err := os.Mkdir(there, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteTemplates(store.OS{}, d, generate.Terraform, there, files, nil, false, ""); err != nil {
		t.Errorf("Terraform into the directory %s = %v", there, err)
	}
	for _, ok := range []string{"infra", "out/terraform", "."} {
		if err := blueprint.ValidateFilePath("terraform", ok); err != nil {
			t.Errorf("ValidateFilePath(terraform, %s) = %v", ok, err)
		}
	}
}
