package needtool

import (
	"strings"
	"testing"
)

// recorder is a testing.TB that records how the test ended.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = format
	panic(r)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = format
	panic(r)
}

func outcome(t *testing.T, ci string) *recorder {
	t.Setenv("CI", ci)
	r := &recorder{TB: t}
	func() {
		defer func() {
			if p := recover(); p != nil && p != r {
				panic(p)
			}
		}()
		Path(r, "secretsmith-no-such-tool", "install it with apt-get install no-such-tool")
	}()
	return r
}

func TestMissingToolSkipsUnlessCI(t *testing.T) {
	if r := outcome(t, ""); r.skipped == "" || r.failed != "" {
		t.Errorf("without CI: skipped %q, failed %q; want a skip", r.skipped, r.failed)
	}
	if r := outcome(t, "true"); r.failed == "" || r.skipped != "" || !strings.Contains(r.failed, "CI is set") {
		t.Errorf("with CI: skipped %q, failed %q; want a failure", r.skipped, r.failed)
	}
	if p := Path(t, "go", "install Go"); p == "" {
		t.Errorf("Path(go) is empty")
	}
}
