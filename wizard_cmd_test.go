package main

import (
	"bytes"
	"context"
	"errors"
	"github.com/secretsmith/secretsmith/store"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/tui"
)

// The wizard's write step must produce exactly what 'secretsmith generate'
// makes from the design file it saves beside the output.
func TestWriteWizardOutput(t *testing.T) {
	dFile := designfile.Decode("good.yaml", []byte(validDesign))
	d, problems := dFile.Valid(), dFile.Diagnostics()
	if d == nil {
		t.Fatal(problems)
	}
	for _, format := range generate.Formats {
		t.Run(string(format), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out", "secret.template")
			if format == generate.Terraform {
				out = filepath.Join(dir, "infra")
			}
			w, err := wizardWriter(store.OS{})(context.Background(), nil, d, format, out, false, "")
			if err != nil {
				t.Fatalf("wizardWriter: %v", err)
			}
			designPath := filepath.Join(filepath.Dir(out), "prod-x.design.yaml")
			if w.Files[len(w.Files)-1] != designPath {
				t.Errorf("written files %v, want the design file %s last", w.Files, designPath)
			}
			if !strings.Contains(w.Next, "terraform init") && !strings.Contains(w.Next, "aws cloudformation deploy") {
				t.Errorf("next step %q names no deploy command", w.Next)
			}

			// Replay the saved design the way CI would.
			saved, err := os.ReadFile(designPath)
			if err != nil {
				t.Fatal(err)
			}
			replayedFile := designfile.Decode(designPath, saved)
			replayed, problems := replayedFile.Valid(), replayedFile.Diagnostics()
			if replayed == nil {
				t.Fatalf("saved design does not load: %v", problems)
			}
			// The design is saved as it was, plus what was written
			// where, its path relative to the design file.
			want := d.Clone()
			want.Output = &blueprint.Output{Format: string(format), Path: filepath.Base(out)}
			if replayed.Output == nil || *replayed.Output != *want.Output {
				t.Errorf("saved design remembers output %+v, want %+v", replayed.Output, want.Output)
			}
			if !reflect.DeepEqual(replayed, want) {
				t.Errorf("saved design loads as %+v, want %+v", replayed, want)
			}
			files, err := generate.Render(replayed, format, generate.Options{Version: currentVersion()})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				p := out
				if format == generate.Terraform {
					p = filepath.Join(out, f.Name)
				}
				got, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(f.Data) {
					t.Errorf("%s differs from what generate makes from the saved design", p)
				}
			}

			// A second write without force refuses and changes nothing.
			if _, err := wizardWriter(store.OS{})(context.Background(), nil, d, format, out, false, ""); err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
				t.Errorf("second write = %v, want a refusal", err)
			}
			if _, err := wizardWriter(store.OS{})(context.Background(), nil, d, format, out, true, ""); err != nil {
				t.Errorf("forced write: %v", err)
			}
		})
	}
}

// Ctrl+C in line mode is a SIGINT, which cancels the context: the session
// stops with exit 130 and says where the draft is.
func TestRunAccessibleInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errOut strings.Builder
	st := streams{in: strings.NewReader("new\n"), out: io.Discard, err: &errOut}
	err := runAccessible(ctx, st, nil, tui.Options{})
	var se silentError
	if !errors.As(err, &se) || se != (silentError{exitAborted}) {
		t.Fatalf("runAccessible with a cancelled context = %v, want silentError{%d}", err, exitAborted)
	}
	if !strings.Contains(errOut.String(), "secretsmith: stopped: interrupted") {
		t.Errorf("standard error = %q, want it to say the session stopped", errOut.String())
	}
}

// The quit message names the draft only when the answers are in it.
func TestStoppedMessage(t *testing.T) {
	if got := stoppedMessage(tui.Result{Draft: "/s/draft.yaml"}); !strings.Contains(got, "are in the draft /s/draft.yaml") {
		t.Errorf("saved: %q", got)
	}
	got := stoppedMessage(tui.Result{DraftError: "disk full"})
	if strings.Contains(got, "are in the draft") || !strings.Contains(got, "NOT kept") || !strings.Contains(got, "disk full") {
		t.Errorf("not saved: %q", got)
	}
}

// TERM=dumb falls back to line mode and says so, instead of sending an
// alternate screen and cursor queries.
func TestDumbTerminalFallsBackToLineMode(t *testing.T) {
	var out, errb bytes.Buffer
	st := streams{in: strings.NewReader("9\n"), out: &out, err: &errb, data: &out, term: &errb, fs: store.OS{}, getenv: func(string) string { return "" }}
	err := runWizard(st, wizardOptions{interactive: true, term: "dumb", stateHome: t.TempDir()})
	if err == nil {
		t.Fatal("the session finished on input that ends on Start")
	}
	if !strings.Contains(errb.String(), "TERM=dumb") || !strings.Contains(errb.String(), "Step 1 of") {
		t.Errorf("stderr = %q, want the fallback message and line mode", errb.String())
	}
	if strings.Contains(errb.String(), "\x1b[") {
		t.Errorf("a dumb terminal got escape sequences: %q", errb.String())
	}
}

// Issue 11, item 2: the design opened with --design is saved back to its
// file without Overwrite; the templates that exist still need it, and the
// refusal names the wizard's switch, not generate's flag.
func TestWizardWriterSavesTheOpenedDesign(t *testing.T) {
	dFile := designfile.Decode("good.yaml", []byte(validDesign))
	d, problems := dFile.Valid(), dFile.Diagnostics()
	if d == nil {
		t.Fatal(problems)
	}
	dir := t.TempDir()
	opened := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(opened, []byte(validDesign), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "secret.template")
	w, err := wizardWriter(store.OS{})(context.Background(), nil, d, generate.CloudFormation, out, false, opened)
	if err != nil {
		t.Fatalf("writing over the opened design: %v", err)
	}
	if w.Files[len(w.Files)-1] != opened {
		t.Errorf("written %v, want the opened design %s last", w.Files, opened)
	}
	_, err = wizardWriter(store.OS{})(context.Background(), nil, d, generate.CloudFormation, out, false, opened)
	if err == nil || !strings.Contains(err.Error(), "turn Overwrite on") || strings.Contains(err.Error(), "--force") {
		t.Errorf("writing over the template again = %v, want a refusal naming Overwrite", err)
	}
}

// Issue 11, item 19: a directory made for the output is said.
func TestWizardWriterSaysCreatedDirectory(t *testing.T) {
	dFile := designfile.Decode("good.yaml", []byte(validDesign))
	d, problems := dFile.Valid(), dFile.Diagnostics()
	if d == nil {
		t.Fatal(problems)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "new", "secret.template")
	w, err := wizardWriter(store.OS{})(context.Background(), nil, d, generate.CloudFormation, out, false, "")
	if err != nil || w.Created != filepath.Join(dir, "new") {
		t.Errorf("Created = %q, %v; want %s", w.Created, err, filepath.Join(dir, "new"))
	}
	if w, _ := wizardWriter(store.OS{})(context.Background(), nil, d, generate.CloudFormation, filepath.Join(dir, "new", "other.template"), false, ""); w.Created != "" {
		t.Errorf("an existing directory is reported as created: %q", w.Created)
	}
	var stderr bytes.Buffer
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte(validDesign), 0o600)
	run([]string{"generate", good, "-f", "tf", "-o", filepath.Join(dir, "infra")}, strings.NewReader(""), io.Discard, &stderr)
	if !strings.Contains(stderr.String(), "created directory "+filepath.Join(dir, "infra")) {
		t.Errorf("generate did not say it created the directory:\n%s", stderr.String())
	}
}

// Issue 11, item 20: a write over files that exist names every one of
// them at once (tui.ExistingFiles), templates and design file, so the
// wizard's question lists all that a yes replaces; nothing is written.
func TestWizardWriterNamesEveryExistingFile(t *testing.T) {
	dFile := designfile.Decode("good.yaml", []byte(validDesign))
	d, problems := dFile.Valid(), dFile.Diagnostics()
	if d == nil {
		t.Fatal(problems)
	}
	for _, format := range []generate.Format{generate.CloudFormation, generate.Terraform} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		if _, err := wizardWriter(store.OS{})(context.Background(), nil, d, format, out, false, ""); err != nil {
			t.Fatalf("%s: first write: %v", format, err)
		}
		before, _ := os.ReadDir(dir)
		_, err := wizardWriter(store.OS{})(context.Background(), nil, d, format, out, false, "")
		var exist *tui.ExistingFiles
		if !errors.As(err, &exist) || !errors.Is(err, store.ErrExists) {
			t.Fatalf("%s: second write = %v, want tui.ExistingFiles", format, err)
		}
		var want []string
		if format == generate.Terraform {
			files, err := generate.Render(d, format, generate.Options{Version: currentVersion()})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				want = append(want, filepath.Join(out, f.Name))
			}
		} else {
			want = append(want, out)
		}
		want = append(want, filepath.Join(dir, d.DisplayName()+".design.yaml"))
		if !slices.Equal(exist.Paths, want) {
			t.Errorf("%s: named %v, want %v", format, exist.Paths, want)
		}
		if after, _ := os.ReadDir(dir); len(after) != len(before) {
			t.Errorf("%s: the refused write changed the directory", format)
		}
		if _, err := wizardWriter(store.OS{})(context.Background(), nil, d, format, out, true, ""); err != nil {
			t.Errorf("%s: write with force: %v", format, err)
		}
	}
}
