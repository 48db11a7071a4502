package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCheck200 is bench/check.sh's run of secretsmith without process
// start: check over 200 CloudFormation templates (the golden matrix and the
// scan corpus, round robin), report written and discarded.
func BenchmarkCheck200(b *testing.B) {
	var sources []string
	for _, pat := range []string{"generate/testdata/golden/*.cfn.yaml", "generate/testdata/golden/*.cfn.json", "scan/testdata/cfn/*.yaml", "scan/testdata/cfn/*.json"} {
		files, _ := filepath.Glob(pat)
		sources = append(sources, files...)
	}
	dir := b.TempDir()
	for n := 0; n < 200; n++ {
		src := sources[n%len(sources)]
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d-%s", n, filepath.Base(src))), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"check", dir}, nil, io.Discard, io.Discard); code != exitFailure {
			b.Fatalf("exit %d", code)
		}
	}
}
