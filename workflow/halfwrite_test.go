package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// B7: the design file that cannot be written (a directory where it goes)
// leaves no template behind, and an older template as it was: the design
// is in the templates' set, checked before anything is written. Before,
// the template was written and then the design refused.
func TestWriteDesignRefusedLeavesNoTemplate(t *testing.T) {
	d := exampleDesign(t)
	for _, format := range []generate.Format{generate.CloudFormation, generate.Terraform} {
		dir := t.TempDir()
		out := filepath.Join(dir, "secret")
		design := filepath.Join(dir, d.DisplayName()+".design.yaml")
		if err := os.Mkdir(design, 0o755); err != nil {
			t.Fatal(err)
		}
		_, err := Write(context.Background(), store.OS{}, d, Target{Format: format, Path: out})
		if err == nil || !strings.Contains(err.Error(), design) {
			t.Fatalf("%s: Write = %v, want an error naming the design file %s", format, err, design)
		}
		if _, err := os.Lstat(out); err == nil && format == generate.CloudFormation {
			t.Errorf("%s: the design was refused, but the template %s was written", format, out)
		}
		if entries, _ := os.ReadDir(out); len(entries) > 0 && format == generate.Terraform {
			t.Errorf("%s: the design was refused, but %s holds %d files", format, out, len(entries))
		}
		// With an older template there and Force, the older one stays.
		if format == generate.CloudFormation {
			os.WriteFile(out, []byte("older\n"), 0o644)
			if _, err := Write(context.Background(), store.OS{}, d, Target{Format: format, Path: out, Force: true}); err == nil {
				t.Fatalf("%s: Write with Force over a directory = nil, want the refusal", format)
			}
			if b, _ := os.ReadFile(out); string(b) != "older\n" {
				t.Errorf("%s: the design was refused, but the older template was replaced (%d bytes)", format, len(b))
			}
		}
	}
}

// B7: Write hands the templates, the reader policies and the design file
// to the store as one set (one journal), so a kill or a failure between
// them is completed or undone as a whole; it writes no file alone.
func TestWriteDesignInTheTemplatesSet(t *testing.T) {
	d := exampleDesign(t)
	for _, format := range []generate.Format{generate.CloudFormation, generate.Terraform} {
		dir := t.TempDir()
		out := filepath.Join(dir, "secret")
		fsys := &setRecorder{}
		if _, err := Write(context.Background(), fsys, d, Target{Format: format, Path: out, ReaderPolicies: true}); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(fsys.sets) != 1 || len(fsys.files) != 0 {
			t.Fatalf("%s: sets %v and single files %v, want one set", format, fsys.sets, fsys.files)
		}
		set := fsys.sets[0]
		design := filepath.Join(dir, d.DisplayName()+".design.yaml")
		rel, _ := filepath.Rel(set[0], design)
		found := false
		for _, n := range set[1:] {
			found = found || n == rel
		}
		if !found {
			t.Errorf("%s: the set %v does not hold the design file %s", format, set, rel)
		}
	}
}
