package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
)

// trial7a T9: the reader policy written beside the templates held a
// KEY_ID placeholder and Done (and generate) said nothing of it. Every
// reader file written with a placeholder is named in the next steps, as a
// comment line, with each placeholder it holds and what fills it in.
func TestReaderPlaceholdersAreSaid(t *testing.T) {
	d := exampleDesign(t)
	d.Secret.KMSKeyARN = "" // the template creates the key: its id is not known
	for _, f := range []generate.Format{generate.CloudFormation, generate.Terraform} {
		dir := t.TempDir()
		path := filepath.Join(dir, "out")
		if f != generate.Terraform {
			path += ".yaml"
		}
		w, err := Write(context.Background(), store.OS{}, d, Target{Format: f, Path: path, ReaderPolicies: true})
		if err != nil {
			t.Fatal(err)
		}
		held := 0
		for _, name := range w.Files {
			if !strings.HasSuffix(name, generate.ReaderPolicySuffix) {
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range blueprint.ReaderPlaceholders(data) {
				held++
				_, note, _ := strings.Cut(w.Next, "# before attaching")
				if !strings.Contains(note, filepath.Base(name)) || !strings.Contains(note, p) {
					t.Errorf("%s: %s holds %s, and the next steps say:\n%s", f, filepath.Base(name), p, w.Next)
				}
			}
		}
		if held == 0 {
			t.Fatalf("%s: no reader policy holds a placeholder; the test tests nothing (files %v)", f, w.Files)
		}
	}
}
