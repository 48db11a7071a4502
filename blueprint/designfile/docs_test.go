package designfile

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestSchemaPaths(t *testing.T) {
	paths := schemaPaths(designFields, "")
	for _, want := range []string{
		"version", "secret.generateSecretString.requireEachIncludedType", "secret.replicaRegions[].kmsKeyArn",
		"resourcePolicy.statements[].notPrincipal.Federated", "rotation.hostedRotationLambda.vpcSubnetIds", "waivers[].reason",
	} {
		if !strings.Contains(strings.Join(paths, "\n")+"\n", want+"\n") {
			t.Errorf("schemaPaths() lacks %s; got %v", want, paths)
		}
	}
}

// TestDocsListEveryKey fails when docs/design-file.md does not mention a
// key the loader accepts, written as its full path in backquotes.
func TestDocsListEveryKey(t *testing.T) {
	doc, err := os.ReadFile("../../docs/design-file.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range schemaPaths(designFields, "") {
		if !strings.Contains(string(doc), "`"+p+"`") {
			t.Errorf("docs/design-file.md does not document `%s`", p)
		}
	}
}

// TestTestdataSetsEveryKey keeps full.yaml, existing.yaml and target.yaml complete: between
// them they set every key the loader accepts, so tests and other packages
// that load them see every field filled in.
func TestTestdataSetsEveryKey(t *testing.T) {
	index := regexp.MustCompile(`\[\d+\]`)
	seen := map[string]bool{}
	for _, name := range []string{"testdata/full.yaml", "testdata/existing.yaml", "testdata/target.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		_, src, ds := parse(name, data)
		if len(ds) > 0 {
			t.Fatalf("parse(%s) diagnostics: %v", name, ds)
		}
		for p := range src.pos {
			seen[index.ReplaceAllString(p, "[]")] = true
		}
	}
	for _, p := range schemaPaths(designFields, "") {
		if !seen[p] {
			t.Errorf("no testdata design (full, existing, target) sets %s", p)
		}
	}
}

// TestDocsExamplesParse reads every yaml block in docs/design-file.md. Each
// must be well formed; the whole design files among them must also be valid
// designs.
func TestDocsExamplesParse(t *testing.T) {
	doc, err := os.ReadFile("../../docs/design-file.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 8 {
		t.Fatalf("found %d yaml examples in docs/design-file.md, want at least 8", len(blocks))
	}
	for i, b := range blocks {
		in := b[1]
		if !strings.HasPrefix(in, "version:") {
			in = "version: 1\n" + in
		}
		if _, _, ds := parse("design-file.md", []byte(in)); len(ds) > 0 {
			t.Errorf("example %d does not parse:\n%s\n%v", i+1, b[1], ds)
		}
		// The examples that are whole files (the minimal design and the
		// complete example) must also be valid designs.
		if strings.HasPrefix(b[1], "version:") && strings.Contains(b[1], "\nsecret:") {
			if _, ds, err := load("design-file.md", []byte(in)); err != nil || len(ds) > 0 {
				t.Errorf("example %d, a whole design file, does not load cleanly: %v", i+1, ds)
			}
		}
	}
}
