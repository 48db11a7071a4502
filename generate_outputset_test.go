package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
	"github.com/secretsmith/secretsmith/workflow"
)

// trial7a T4: the wizard wrote the templates and the reader policies
// (output.readerPolicies: true); 'generate DESIGN -o DIR' of the design it
// saved wrote the templates only, without a word. -o moves the set, it
// does not shrink it: the same files, byte for byte, for every format.
func TestGenerateOutputSetIsTheWizards(t *testing.T) {
	l, err := workflow.Load(store.OS{}, "examples/payments-db.yaml")
	if err != nil || l.Valid == nil {
		t.Fatalf("Load(example) = %v, %v", l, err)
	}
	for _, f := range generate.Formats {
		t.Run(string(f), func(t *testing.T) {
			dir := t.TempDir()
			wiz := filepath.Join(dir, "wizard", "out")
			if f != generate.Terraform {
				wiz += ".template"
			}
			w, err := workflow.Write(context.Background(), store.OS{}, l.Valid, workflow.Target{Format: f, Path: wiz, ReaderPolicies: true, Version: currentVersion()})
			if err != nil {
				t.Fatal(err)
			}
			design := w.Files[len(w.Files)-1]
			gen := filepath.Join(dir, "gen", "out")
			if f != generate.Terraform {
				gen += ".template"
			}
			code, _, stderr := runWithin(t, []string{"generate", design, "-o", gen}, "")
			if code != exitOK {
				t.Fatalf("generate -o: exit %d\n%s", code, stderr)
			}
			if !strings.Contains(stderr, "output.readerPolicies") {
				t.Errorf("stderr does not say the reader policies come from the design:\n%s", stderr)
			}
			want, got := filesIn(t, workflow.ReaderPolicyDir(f, wiz)), filesIn(t, workflow.ReaderPolicyDir(f, gen))
			delete(want, filepath.Base(design))
			if !slices.Equal(sortedKeys(want), sortedKeys(got)) {
				t.Fatalf("generate -o wrote %v, the wizard %v", sortedKeys(got), sortedKeys(want))
			}
			for name, data := range want {
				if data != got[name] {
					t.Errorf("%s differs between the wizard and generate -o", name)
				}
			}
		})
	}
	// -o - cannot hold the reader policies, and says so.
	dir := t.TempDir()
	w, err := workflow.Write(context.Background(), store.OS{}, l.Valid, workflow.Target{Format: generate.Terraform, Path: filepath.Join(dir, "tf"), ReaderPolicies: true})
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runWithin(t, []string{"generate", w.Files[len(w.Files)-1], "-o", "-"}, ""); code != exitOK || !strings.Contains(stderr, "output.readerPolicies is not used") {
		t.Errorf("generate -o -: exit %d, stderr %s", code, stderr)
	}
}

// filesIn reads the regular files of dir by name.
func filesIn(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if e.Type().IsRegular() {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = string(data)
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
