package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/internal/benchcpu"
	"github.com/secretsmith/secretsmith/internal/hostile"
)

// writeHostile writes the hostile inputs under dir, and returns the path
// each is read from.
func writeHostile(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, in := range hostile.Inputs() {
		for name, body := range in.Files {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out[in.Name] = filepath.Join(dir, in.Arg)
	}
	return out
}

// TestHostileInputsFinish: every hostile input of issue 21 is read within
// the budget, and where a budget ran out a notice says so. The limit here,
// 30 s of the process's CPU time, is generous; bench/check.sh measures the
// figures.
func TestHostileInputsFinish(t *testing.T) {
	paths := writeHostile(t, t.TempDir())
	for _, in := range hostile.Inputs() {
		if testing.Short() && strings.HasPrefix(in.Name, "cfn-") {
			continue
		}
		t.Run(in.Name, func(t *testing.T) {
			path := paths[in.Name]
			// CPU time, not wall time: a busy machine stretches the
			// latter, and the limit is about the work the input causes.
			start, measured := benchcpu.Used()
			var res *Result
			var err error
			if strings.HasPrefix(in.Name, "tf-") {
				res, err = Terraform(path)
			} else {
				data, _ := os.ReadFile(path)
				res, err = CloudFormation(path, data)
			}
			end, _ := benchcpu.Used()
			took := end - start
			if measured && took > 30*time.Second {
				t.Errorf("took %v of CPU time", took)
			}
			if err != nil {
				t.Logf("not read: %v", err)
				return
			}
			for _, s := range res.Secrets {
				s.Check()
			}
			t.Logf("%v of CPU time, %d secrets, %d notices", took, len(res.Secrets), len(res.Notices))
		})
	}
}
