package workflow

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
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
	_, err = WriteTemplates(store.OS{}, d, generate.Terraform, dir, files, nil, false, "")
	var stray *StrayFilesError
	if !errors.As(err, &stray) || strings.Join(stray.Names, " ") != "other.tf" || strings.Contains(err.Error(), "--force") {
		t.Errorf("writing beside other.tf = %v, want a *StrayFilesError naming it and no flag", err)
	}
	w, err := WriteTemplates(store.OS{}, d, generate.Terraform, dir, files, nil, true, "")
	if err != nil || len(w.Files) != len(files) || !strings.Contains(w.Next, "terraform init") {
		t.Fatalf("with force = %+v, %v", w, err)
	}

	// The wizard's set names every file it would replace, design file
	// included, before writing any.
	out := filepath.Join(dir, "cfn", "secret.yaml")
	first, err := Write(context.Background(), store.OS{}, d, Target{Format: generate.CloudFormation, Path: out})
	if err != nil || first.Created != filepath.Join(dir, "cfn") || len(first.Files) != 2 {
		t.Fatalf("first write = %+v, %v; want the template and the design, and the directory made", first, err)
	}
	_, err = Write(context.Background(), store.OS{}, d, Target{Format: generate.CloudFormation, Path: out})
	var exists *store.ExistsError
	if !errors.As(err, &exists) || !errors.Is(err, store.ErrExists) || strings.Join(exists.Paths, " ") != strings.Join(first.Files, " ") {
		t.Errorf("second write = %v, want an *ExistsError naming %v", err, first.Files)
	}
}

// setRecorder is the file system, recording each WriteSet, WriteFiles
// (names from the set's directory) and WriteFile.
type setRecorder struct {
	store.OS
	sets  [][]string // the names of each set, with its directory first
	files []string
}

func (r *setRecorder) WriteSet(dir string, files []store.File, force bool) ([]string, error) {
	names := []string{dir}
	for _, f := range files {
		names = append(names, f.Name)
	}
	r.sets = append(r.sets, names)
	return r.OS.WriteSet(dir, files, force)
}

func (r *setRecorder) WriteFiles(dir string, files []store.SetFile) (store.SetWritten, error) {
	names := []string{dir}
	for _, f := range files {
		rel, err := filepath.Rel(dir, f.Path)
		if err != nil {
			rel = f.Path
		}
		names = append(names, rel)
	}
	r.sets = append(r.sets, names)
	return r.OS.WriteFiles(dir, files)
}

func (r *setRecorder) WriteFile(path string, data []byte, force bool) error {
	r.files = append(r.files, path)
	return r.OS.WriteFile(path, data, force)
}

// The wizard's write path takes the reader policies too (Target's
// ReaderPolicies): they go beside the templates in the same journaled set
// as the templates (one WriteSet, all or nothing), hold the bytes
// generate.ReaderPolicies gives, and are named among the files that would
// be replaced before anything is written.
func TestWriteReaderPolicies(t *testing.T) {
	d := exampleDesign(t)
	readers, err := generate.ReaderPolicies(d)
	if err != nil || len(readers) == 0 {
		t.Fatalf("ReaderPolicies(example) = %d files, %v; the example has a reader", len(readers), err)
	}
	for _, format := range []generate.Format{generate.CloudFormation, generate.Terraform} {
		dir := t.TempDir()
		path := filepath.Join(dir, "out", "secret")
		fsys := &setRecorder{}
		w, err := Write(context.Background(), fsys, d, Target{Format: format, Path: path, ReaderPolicies: true})
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		into := ReaderPolicyDir(format, path)
		if len(fsys.sets) != 1 || fsys.sets[0][0] != into {
			t.Fatalf("%s: sets written %v, want one into %s", format, fsys.sets, into)
		}
		set := fsys.sets[0][1:]
		for _, f := range readers {
			p := filepath.Join(into, f.Name)
			if !slices.Contains(set, f.Name) {
				t.Errorf("%s: %s is not in the set %v", format, f.Name, set)
			}
			if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, f.Data) {
				t.Errorf("%s: %s holds %q, %v; want generate.ReaderPolicies' bytes", format, p, got, err)
			}
			if !slices.Contains(w.Files, p) {
				t.Errorf("%s: Written.Files %v does not list %s", format, w.Files, p)
			}
		}
		if format == generate.CloudFormation && !slices.Contains(set, "secret") {
			t.Errorf("cloudformation: the template is not in the set %v with its reader policies", set)
		}
		_, err = Write(context.Background(), store.OS{}, d, Target{Format: format, Path: path, ReaderPolicies: true})
		var exists *store.ExistsError
		if !errors.As(err, &exists) {
			t.Fatalf("%s: second write = %v, want an *ExistsError", format, err)
		}
		for _, f := range readers {
			if !slices.Contains(exists.Paths, filepath.Join(into, f.Name)) {
				t.Errorf("%s: the refusal %v does not name %s", format, exists.Paths, f.Name)
			}
		}
		plain := filepath.Join(dir, "plain", "secret")
		if _, err := Write(context.Background(), store.OS{}, d, Target{Format: format, Path: plain}); err != nil {
			t.Fatal(err)
		}
		if m, _ := filepath.Glob(filepath.Join(ReaderPolicyDir(format, plain), "*"+generate.ReaderPolicySuffix)); len(m) > 0 {
			t.Errorf("%s: without ReaderPolicies, %v were written", format, m)
		}
	}
}

// Round two's trial: a CloudFormation path ending in a separator is refused
// before any directory is made, and the file name it suggests has the
// format's own ending (.cfn.json for JSON, not .cfn.yaml).
func TestWriteTrailingSeparatorSuggestsTheFormatsName(t *testing.T) {
	d := exampleDesign(t)
	for format, want := range map[generate.Format]string{
		generate.CloudFormation:     "secret.cfn.yaml",
		generate.CloudFormationJSON: "secret.cfn.json",
	} {
		dir := filepath.Join(t.TempDir(), "a", "b") + string(filepath.Separator)
		files, err := generate.Render(d, format, generate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = WriteTemplates(store.OS{}, d, format, dir, files, nil, false, "")
		if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, want)) {
			t.Errorf("%s to %s = %v, want a refusal suggesting %s", format, dir, err, want)
		}
		if _, statErr := os.Stat(dir); statErr == nil {
			t.Errorf("%s: the refused write made %s", format, dir)
		}
	}
}
