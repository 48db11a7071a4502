package workflow

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// designRefused writes as store.OS does, except the file named refuse.
type designRefused struct {
	store.OS
	refuse string
}

func (f designRefused) WriteFile(path string, data []byte, force bool) error {
	if path == f.refuse {
		return errors.New("write " + path + ": the directory is not writable (permission denied)")
	}
	return f.OS.WriteFile(path, data, force)
}

// B7: the templates written and the design then refused: the error names
// what was written and what was not, rather than only the design's error.
func TestWriteHalfDoneSaysWhatWasWritten(t *testing.T) {
	d := exampleDesign(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "secret.yaml")
	design := filepath.Join(dir, "kd.yaml")
	w, err := Write(context.Background(), designRefused{refuse: design}, d, Target{Format: generate.CloudFormation, Path: out, Opened: design})
	if err == nil {
		t.Fatal("the design's write was refused, but Write reports no error")
	}
	for _, want := range []string{"wrote " + out, "design file " + design + " was not saved", "permission denied"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if len(w.Files) != 1 || w.Files[0] != out {
		t.Errorf("written %v, want only the template", w.Files)
	}
}
