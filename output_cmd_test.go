package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 11, item 2: generate without --format uses the design file's
// output key (its path relative to the design file), says so, and lets
// each flag win over it; with --format the key is not used at all.
func TestGenerateUsesRememberedOutput(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "designs")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	design := filepath.Join(sub, "d.yaml")
	write := func(extra string) {
		t.Helper()
		if err := os.WriteFile(design, []byte(validDesign+extra), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("output:\n  format: tf\n  path: ../infra/x\n")

	code, stdout, stderr := runWithin(t, []string{"generate", design}, "")
	if code != exitOK || stdout != "" {
		t.Fatalf("generate without flags: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	main := filepath.Join(dir, "infra", "x", "main.tf")
	if _, err := os.Stat(main); err != nil {
		t.Errorf("the remembered path, relative to the design file, was not written: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "using output.format terraform and output.path ../infra/x from "+design) {
		t.Errorf("stderr does not say the remembered output is used:\n%s", stderr)
	}

	// -o wins over the path; the format is still remembered.
	other := filepath.Join(dir, "other")
	if code, _, stderr := runWithin(t, []string{"generate", design, "-o", other}, ""); code != exitOK {
		t.Fatalf("generate -o: exit %d, %s", code, stderr)
	} else if _, err := os.Stat(filepath.Join(other, "main.tf")); err != nil || !strings.Contains(stderr, "using output.format terraform from") {
		t.Errorf("generate -o %s: %v, stderr %s", other, err, stderr)
	}
	// -o - is standard output.
	if code, stdout, _ := runWithin(t, []string{"generate", design, "-o", "-"}, ""); code != exitOK || !strings.Contains(stdout, "# --- main.tf ---") {
		t.Errorf("generate -o -: exit %d, stdout %.200q", code, stdout)
	}
	// --format: the key is ignored, output to standard output.
	code, stdout, stderr = runWithin(t, []string{"generate", design, "--format", "cloudformation"}, "")
	if code != exitOK || !strings.Contains(stdout, "AWSTemplateFormatVersion") || strings.Contains(stderr, "using output") {
		t.Errorf("generate --format: exit %d, stdout %.100q, stderr %s", code, stdout, stderr)
	}

	// A format without a path goes to standard output.
	write("output:\n  format: cfn-json\n")
	if code, stdout, stderr := runWithin(t, []string{"generate", design}, ""); code != exitOK || !strings.HasPrefix(stdout, "{") {
		t.Errorf("output.format alone: exit %d, stdout %.100q, stderr %s", code, stdout, stderr)
	}

	// An invalid key fails at its line, naming it.
	write("output:\n  format: pulumi\n  path: x\n")
	code, _, stderr = runWithin(t, []string{"generate", design}, "")
	if code != exitFailure || !strings.Contains(stderr, `output.format: unknown format "pulumi"`) {
		t.Errorf("invalid output.format: exit %d, stderr %s", code, stderr)
	}
	code, _, stderr = runWithin(t, []string{"generate", design, "-f", "tf", "-o", "-"}, "")
	if code != exitFailure || !strings.Contains(stderr, "output.format") {
		t.Errorf("invalid output.format with flags: exit %d, stderr %s (the design is invalid either way)", code, stderr)
	}
	write("output:\n  format: tf\n  path: \"x\\ey\"\n")
	code, _, stderr = runWithin(t, []string{"generate", design}, "")
	if code != exitFailure || !strings.Contains(stderr, "output.path: holds the character U+001B") {
		t.Errorf("output.path with an escape: exit %d, stderr %s", code, stderr)
	}

	write("output:\n  format: tf\n  pth: x\n")
	code, _, stderr = runWithin(t, []string{"generate", design}, "")
	if code != exitFailure || !strings.Contains(stderr, `output.pth: unknown key "pth"; did you mean "path"?`) {
		t.Errorf("a misspelt output key: exit %d, stderr %s", code, stderr)
	}

	// No key and no --format: the usage error says where a format can come from.
	write("")
	code, _, stderr = runWithin(t, []string{"generate", design}, "")
	if code != exitUsage || !strings.Contains(stderr, "--format is required") || !strings.Contains(stderr, "output key") {
		t.Errorf("no format anywhere: exit %d, stderr %s", code, stderr)
	}
}

// Issue 11, item 2, end to end in line mode: a design opened with --design
// offers its remembered format and path on Review, and writing with
// Overwrite off saves the opened design back to its file; a second session
// asks before replacing the templates that exist, naming them; generate
// without --format then writes the same files.
func TestWizardReopensRememberedOutput(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := t.TempDir()
	design := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(design, []byte(validDesign+"output:\n  format: tf\n  path: infra\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	keep := strings.Repeat("\n", 80)
	code, _, stderr := runWithin(t, []string{"--accessible", "--design", design}, keep)
	infra := filepath.Join(dir, "infra")
	if code != exitOK {
		t.Fatalf("line mode on the design: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "Current value: "+infra) || !strings.Contains(stderr, "Written:\n  "+filepath.Join(infra, "versions.tf")) {
		t.Errorf("Review did not offer, or the session did not write, the remembered %s:\n%s", infra, stderr)
	}
	saved, err := os.ReadFile(design)
	if err != nil || !strings.HasSuffix(string(saved), "output:\n  format: terraform\n  path: infra\n") {
		t.Errorf("the opened design was not saved back with its output key: %v\n%q", err, saved)
	}
	main, err := os.ReadFile(filepath.Join(infra, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}

	code, _, stderr = runWithin(t, []string{"--accessible", "--design", design}, keep)
	// The write asks before replacing them (item 20), naming each; the
	// empty answers keep them, so nothing is written.
	if code == exitOK || !strings.Contains(stderr, "Replace these files? "+filepath.Join(infra, "versions.tf")) || !strings.Contains(stderr, "\n"+filepath.Join(infra, "main.tf")+"\n") {
		t.Errorf("a second session over existing templates: exit %d, want a question naming them\n%.2000s", code, stderr[max(0, len(stderr)-2000):])
	}
	if strings.Contains(stderr, design+":") || strings.Contains(stderr, design+",") || strings.Contains(stderr, "? "+design) || strings.Contains(stderr, "\n"+design+"\n") {
		t.Errorf("the opened design itself was refused or asked about")
	}

	if err := os.RemoveAll(infra); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runWithin(t, []string{"generate", design}, ""); code != exitOK {
		t.Fatalf("generate of the saved design: exit %d\n%s", code, stderr)
	}
	if again, err := os.ReadFile(filepath.Join(infra, "main.tf")); err != nil || string(again) != string(main) {
		t.Errorf("generate without flags did not write the wizard's main.tf again: %v", err)
	}
}

// Issue 11, item 19: generate says which directory it made for -o, and a
// write that cannot happen names the file chosen, what went wrong in words
// and a fix, never the writer's temporary file.
func TestGenerateWriteMessages(t *testing.T) {
	dir, design := designIn(t, validDesign)
	out := filepath.Join(dir, "newdir", "x.cfn.yaml")
	code, _, stderr := runWithin(t, []string{"generate", design, "-f", "cfn", "-o", out}, "")
	if code != exitOK || !strings.Contains(stderr, "created directory "+filepath.Join(dir, "newdir")+"\nwrote "+out+"\n") {
		t.Errorf("generate -o newdir/x: exit %d, stderr %s", code, stderr)
	}

	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ format, target string }{
		{"cfn", filepath.Join(notes, "x.cfn.yaml")},
		{"cfn", filepath.Join(notes, "sub", "x.cfn.yaml")},
		{"tf", filepath.Join(notes, "infra")},
	} {
		code, _, stderr := runWithin(t, []string{"generate", design, "-f", c.format, "-o", c.target}, "")
		if code != exitFailure || !strings.Contains(stderr, "write "+c.target+": a part of the path is a file, not a directory: choose a path whose folders are directories") || strings.Contains(stderr, ".secretsmith-") {
			t.Errorf("generate -f %s -o %s: exit %d, stderr %s", c.format, c.target, code, stderr)
		}
	}
}

// Issue 22 (trial): the note about the remembered output offers only the
// flags that were not given: with -o it says nothing about -o.
func TestGenerateRememberedOutputNamesOnlyFlagsNotGiven(t *testing.T) {
	dir, design := designIn(t, validDesign+"output:\n  format: tf\n  path: x\n")
	code, _, stderr := runWithin(t, []string{"generate", design}, "")
	if code != exitOK || !strings.Contains(stderr, "(give --format and -o to choose otherwise)") {
		t.Errorf("generate without flags: exit %d, stderr %s", code, stderr)
	}
	code, _, stderr = runWithin(t, []string{"generate", design, "-o", filepath.Join(dir, "other")}, "")
	if code != exitOK || !strings.Contains(stderr, "using output.format terraform from "+design+" (give --format to choose otherwise)") || strings.Contains(stderr, "-o to choose") {
		t.Errorf("generate -o: exit %d, stderr %s", code, stderr)
	}
}

// Issue 22's fourth trial: -o is held to the rules of a remembered output
// path. A newline in it was written and printed as it is ("wrote bad" on
// one line, "name.yaml" on the next, and so was the deploy command), and a
// ~ the shell did not expand made a directory named ~.
func TestGenerateOutputFlagRefusesOddPaths(t *testing.T) {
	dir, design := designIn(t, validDesign)
	t.Chdir(dir)
	for _, o := range []string{"bad\nname.yaml", "~/x.yaml", "x\x1b[31m.yaml"} {
		code, _, stderr := runWithin(t, []string{"generate", design, "--format", "cloudformation", "-o", o}, "")
		if code != exitUsage || strings.Contains(stderr, "wrote") {
			t.Errorf("-o %q: exit %d, stderr %s", o, code, stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the refused paths wrote files: %v", entries)
	}
}
