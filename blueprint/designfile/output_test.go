package designfile

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 11, item 2: the output key loads, saves back, and a bad value is
// reported at its line, naming the key.
func TestOutputKey(t *testing.T) {
	in := minimalDesign + "output:\n  format: tf\n  path: infra/payments\n"
	d, ds, err := load("d.yaml", []byte(in))
	if err != nil || len(ds) > 0 {
		t.Fatalf("Load = %v, %v", ds, err)
	}
	if d.Output == nil || *d.Output != (blueprint.Output{Format: "tf", Path: "infra/payments"}) {
		t.Fatalf("Output = %+v, want tf and infra/payments", d.Output)
	}
	out, err := Save(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "output:\n  format: tf\n  path: infra/payments\n") {
		t.Errorf("Save wrote\n%s\nwant the output key", out)
	}

	for _, c := range []struct{ in, want string }{
		{"output:\n  format: pulumi\n", `d.yaml:9:11: output.format: unknown format "pulumi": must be one of cloudformation, cloudformation-json, terraform (or cfn, cfn-yaml, cfn-json, tf)`},
		{"output:\n  format: tf\n  path: \"a\\tb\"\n", "d.yaml:10:9: output.path: holds the character U+0009"},
		{"output:\n  path: x\n", "d.yaml:8:1: output.format: is empty"},
		{"output:\n  format: tf\n  pth: x\n", `d.yaml:10:3: output.pth: unknown key "pth"; did you mean "path"?`},
	} {
		_, ds, err := load("d.yaml", []byte(minimalDesign+c.in))
		if err == nil || !strings.Contains(ds.Error(), c.want) {
			t.Errorf("load(...%q) = %v, want %s", c.in, ds, c.want)
		}
	}
}

// output.path is relative to the design file, and saving turns a path from
// the current directory back into one from the design file.
func TestOutputPath(t *testing.T) {
	for _, c := range []struct{ design, stored, fromCwd string }{
		{"prod.design.yaml", "prod-terraform", "prod-terraform"},
		{"infra/prod.design.yaml", "prod.cfn.yaml", "infra/prod.cfn.yaml"},
		{"infra/prod.design.yaml", "../out/prod", "out/prod"},
		{"infra/prod.design.yaml", "/srv/prod", "/srv/prod"},
	} {
		if got := OutputPath(c.design, c.stored); got != filepath.FromSlash(c.fromCwd) {
			t.Errorf("OutputPath(%s, %s) = %s, want %s", c.design, c.stored, got, c.fromCwd)
		}
		if got := RelativeOutputPath(c.design, c.fromCwd); got != filepath.FromSlash(c.stored) {
			t.Errorf("RelativeOutputPath(%s, %s) = %s, want %s", c.design, c.fromCwd, got, c.stored)
		}
	}
	// Absolute paths: inside the design's directory they are saved
	// relative to it, elsewhere as they are.
	root := t.TempDir()
	abs := filepath.Join(root, "d", "prod.design.yaml")
	if got := RelativeOutputPath(abs, filepath.Join(root, "d", "infra")); got != "infra" {
		t.Errorf("RelativeOutputPath(%s, its directory's infra) = %s, want infra", abs, got)
	}
	if got := RelativeOutputPath(abs, "/srv/out"); got != "/srv/out" {
		t.Errorf("RelativeOutputPath(%s, /srv/out) = %s, want it kept absolute", abs, got)
	}
	if got := RelativeOutputPath(abs, "x"); !filepath.IsAbs(got) {
		t.Errorf("RelativeOutputPath(%s, x) = %s: x, from the current directory, is outside the design's directory and must be saved absolute", abs, got)
	}
}
