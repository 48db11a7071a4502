package generate

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/goldens"
)

// update rewrites the golden files instead of comparing against them:
//
//	go test ./generate -update
//
// It is the only way golden files change; reviewers read their diffs.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenDir holds one file per case and format, such as full.cfn.yaml.
const goldenDir = "testdata/golden"

// checkGolden compares got with the golden file at path. With -update it
// writes got there instead. A mismatch fails with a line diff that shows the
// first differences, so a reviewer sees what moved without opening files.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("create golden directory: %v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("write golden file: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file %s: %v (run go test ./generate -update to create it)", path, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./generate -update after reviewing):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff is a small line-oriented diff: it trims the common head and tail
// and shows what is left of each side, marked - (want) and + (got), with a
// few lines of context. Enough to read a golden mismatch in a test log.
func lineDiff(want, got string) string {
	w := strings.SplitAfter(want, "\n")
	g := strings.SplitAfter(got, "\n")
	head := 0
	for head < len(w) && head < len(g) && w[head] == g[head] {
		head++
	}
	tail := 0
	for tail < len(w)-head && tail < len(g)-head && w[len(w)-1-tail] == g[len(g)-1-tail] {
		tail++
	}
	const context, limit = 3, 40
	var b strings.Builder
	from := max(head-context, 0)
	fmt.Fprintf(&b, "@@ line %d @@\n", from+1)
	for _, l := range w[from:head] {
		b.WriteString("  " + strings.TrimSuffix(l, "\n") + "\n")
	}
	write := func(mark string, lines []string) {
		for i, l := range lines {
			if i == limit {
				fmt.Fprintf(&b, "%s ... %d more lines\n", mark, len(lines)-limit)
				break
			}
			b.WriteString(mark + " " + strings.TrimSuffix(l, "\n") + "\n")
		}
	}
	write("-", w[head:len(w)-tail])
	write("+", g[head:len(g)-tail])
	for _, l := range w[len(w)-tail : min(len(w)-tail+context, len(w))] {
		b.WriteString("  " + strings.TrimSuffix(l, "\n") + "\n")
	}
	return b.String()
}

// goldenCase is one design of the golden matrix.
type goldenCase struct {
	// name is the golden file stem, such as full or rotation-mysqlmultiuser.
	name   string
	design *blueprint.Design
	// terraformOnly marks a design CloudFormation refuses (files named
	// tf-*.yaml), such as a replica region without a key: the
	// CloudFormation cases leave it out.
	terraformOnly bool
}

// formats are the formats c is rendered in.
func (c goldenCase) formats() []Format {
	if c.terraformOnly {
		return []Format{Terraform}
	}
	return Formats
}

// loadDesign reads a design file from testdata/designs and fails the test
// when it does not load or does not validate.
func loadDesign(t testing.TB, name string) *blueprint.Design {
	t.Helper()
	return goldens.Load(t, filepath.Join("testdata", "designs", name))
}

// goldenCases is the matrix both writers render (goldens.Matrix): every
// design under testdata/designs (tf-*.yaml by Terraform only), plus
// full.yaml with each of the 16 hosted rotation types swapped in.
func goldenCases(t testing.TB) []goldenCase {
	t.Helper()
	var cases []goldenCase
	for _, g := range goldens.Matrix(t, filepath.Join("testdata", "designs")) {
		cases = append(cases, goldenCase{name: g.Name, design: g.Design, terraformOnly: strings.HasPrefix(g.Name, "tf-")})
	}
	return cases
}
