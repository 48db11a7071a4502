package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/store"
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

// Issue 8: generate validates and checks the design once. The file is
// validated when it is read and checked there; rendering reuses the
// report (generate.RenderChecked) instead of Render doing both again. The
// output is the same as Render's.
func TestGenerateChecksOnce(t *testing.T) {
	calls := 0
	defer func(f func(*blueprint.Design) blueprint.Report) { checkDesign = f }(checkDesign)
	checkDesign = func(d *blueprint.Design) blueprint.Report { calls++; return blueprint.Check(d) }
	for _, f := range []string{"cloudformation", "terraform"} {
		calls = 0
		var out strings.Builder
		st := streams{in: strings.NewReader(""), out: io.Discard, err: io.Discard, data: &out, term: io.Discard, fs: store.OS{}}
		if err := runGenerate(st, &generateOptions{design: "examples/payments-db.yaml", format: f, output: "-"}); err != nil {
			t.Fatal(err)
		}
		if calls != 1 {
			t.Errorf("generate -f %s checked the design %d times, want 1", f, calls)
		}
		d, _, err := designfile.Load("examples/payments-db.yaml", mustRead(t, "examples/payments-db.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		format, _ := generate.ParseFormat(f)
		files, err := generate.Render(d, format, generate.Options{Version: currentVersion()})
		if err != nil {
			t.Fatal(err)
		}
		var want strings.Builder
		if err := writeStdout(&want, format, files); err != nil {
			t.Fatal(err)
		}
		if out.String() != want.String() {
			t.Errorf("generate -f %s differs from Render of the same design", f)
		}
	}
}

// check of a design file checks it once too: its report gives both the
// rule diagnostics and the secret's results.
func TestCheckChecksDesignOnce(t *testing.T) {
	calls := 0
	defer func(f func(*blueprint.Design) blueprint.Report) { checkDesign = f }(checkDesign)
	checkDesign = func(d *blueprint.Design) blueprint.Report { calls++; return blueprint.Check(d) }
	f := checkDesignFile("examples/payments-db.yaml", mustRead(t, "examples/payments-db.yaml"))
	if calls != 1 {
		t.Errorf("check of a design file checked it %d times, want 1", calls)
	}
	if len(f.secrets) != 1 || len(f.secrets[0].report.Results) == 0 {
		t.Errorf("check of a design file gave %d secrets, want one with its rule results", len(f.secrets))
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
