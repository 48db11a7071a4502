package workflow

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/store"
)

// check's argument that is not there is told in words, as every other
// file that cannot be read: it printed the system's "stat X: no such file
// or directory" (issue 22's second trial).
func TestCheckArgsSaysWhatIsMissing(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.yaml")
	err := CheckArgs(store.OS{}, []string{dir, missing})
	if err == nil {
		t.Fatal("CheckArgs took a path that is not there")
	}
	if msg := err.Error(); strings.Contains(msg, "stat ") || !strings.Contains(msg, missing+": no such file: check the path") {
		t.Errorf("CheckArgs = %q, want the path and what to do, without the system call", msg)
	}
	if err := CheckArgs(store.OS{}, []string{dir}); err != nil {
		t.Errorf("CheckArgs(%s) = %v, want nil", dir, err)
	}
}
