package workflow

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// TestTemplatesNeverReplaceTheirDesign: a template written to the path of
// the design file it is made from would lose the design (generate --force)
// or be lost under it (the wizard saves the design after the template, and
// Done named the one file twice). Both writers refuse, with force too, and
// leave the design as it was.
func TestTemplatesNeverReplaceTheirDesign(t *testing.T) {
	d := exampleDesign(t)
	dir := t.TempDir()
	design := filepath.Join(dir, "payments.yaml")
	orig, err := os.ReadFile("../examples/payments-db.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(design, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := generate.Render(d, generate.CloudFormation, generate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Other names for the same file: relative, through a folder, linked.
	t.Chdir(dir)
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(design, "hard.yaml"); err != nil {
		t.Fatal(err)
	}
	for _, force := range []bool{false, true} {
		for _, path := range []string{design, "payments.yaml", "./sub/../payments.yaml", "hard.yaml"} {
			_, err := WriteTemplates(store.OS{}, d, generate.CloudFormation, path, files, nil, force, design)
			if err == nil || !strings.Contains(err.Error(), "design file") {
				t.Errorf("generate -o %s (force %v) = %v, want a refusal naming the design file", path, force, err)
			}
			_, err = Write(context.Background(), store.OS{}, d, Target{Format: generate.CloudFormation, Path: path, Opened: design, Force: force})
			if err == nil || !strings.Contains(err.Error(), "design file") {
				t.Errorf("wizard Write to %s (force %v) = %v, want a refusal naming the design file", path, force, err)
			}
		}
	}
	// A new design: the wizard saves it as NAME.design.yaml beside the
	// template, so a template of that name is refused as well.
	beside := filepath.Join(dir, "out", d.DisplayName()+".design.yaml")
	if _, err := Write(context.Background(), store.OS{}, d, Target{Format: generate.CloudFormation, Path: beside, Force: true}); err == nil || !strings.Contains(err.Error(), "design file") {
		t.Errorf("wizard Write to %s = %v, want a refusal naming the design file", beside, err)
	}
	if got, err := os.ReadFile(design); err != nil || !bytes.Equal(got, orig) {
		t.Errorf("the design file changed (%v)", err)
	}
	// Beside it, under another name, is fine.
	if _, err := WriteTemplates(store.OS{}, d, generate.CloudFormation, "payments.cfn.yaml", files, nil, false, design); err != nil {
		t.Errorf("generate -o payments.cfn.yaml = %v", err)
	}
}
