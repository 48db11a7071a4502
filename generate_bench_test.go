package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
	"github.com/secretsmith/secretsmith/workflow"
)

// BenchmarkGenerateCommand runs 'secretsmith generate' on an example
// design to standard output: reading, validating, checking and rendering,
// the whole command but the process.
func BenchmarkGenerateCommand(b *testing.B) {
	for _, f := range []string{"cloudformation", "terraform"} {
		b.Run(f, func(b *testing.B) {
			b.ReportAllocs()
			st := streams{in: strings.NewReader(""), out: io.Discard, err: io.Discard, data: io.Discard, term: io.Discard, fs: store.OS{}}
			for b.Loop() {
				if err := runGenerate(st, &generateOptions{design: "examples/payments-db.yaml", format: f, output: "-"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// generate's output is Render's, byte for byte: reading the file once
// (workflow.Load, which TestLoadChecksOnce holds to one Check) and
// rendering with its report changes nothing.
func TestGenerateIsRender(t *testing.T) {
	for _, f := range []string{"cloudformation", "terraform"} {
		var out strings.Builder
		st := streams{in: strings.NewReader(""), out: io.Discard, err: io.Discard, data: &out, term: io.Discard, fs: store.OS{}}
		if err := runGenerate(st, &generateOptions{design: "examples/payments-db.yaml", format: f, output: "-"}); err != nil {
			t.Fatal(err)
		}
		df := designfile.Decode("examples/payments-db.yaml", mustRead(t, "examples/payments-db.yaml"))
		d := df.Valid()
		if d == nil {
			t.Fatal(df.Diagnostics())
		}
		format, _ := generate.ParseFormat(f)
		files, err := generate.Render(d, format, generate.Options{Version: currentVersion()})
		if err != nil {
			t.Fatal(err)
		}
		var want strings.Builder
		if err := workflow.WriteStdout(&want, format, files); err != nil {
			t.Fatal(err)
		}
		if out.String() != want.String() {
			t.Errorf("generate -f %s differs from Render of the same design", f)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
