//go:build unix

package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/store"
)

// TestTerraformSetSurvivesSIGKILL repeats the attack pass: SIGKILL the real
// binary at random moments while it writes a Terraform set over an older
// one. After each kill, what the next run does first (store.Recover) leaves
// the whole old set or the whole new one, and no temporary.
func TestTerraformSetSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the program and kills it 30 times")
	}
	// Mostly waiting for the processes it starts: it runs beside the
	// package's other such tests.
	t.Parallel()
	dir := t.TempDir()
	bin := secretsmithBinary(t)
	designs := map[string]string{"old": "prod/old", "new": "prod/new"}
	sets := map[string]map[string][]byte{}
	// Kills land anywhere in a run: the window is one and a half times
	// the longest uninterrupted run, measured on this machine (these two,
	// and each run below that ended before its kill).
	window := time.Millisecond
	for name, id := range designs {
		p := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(p, []byte(strings.Replace(validDesign, "prod/x", id, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, name+"-set")
		start := time.Now()
		if b, err := exec.Command(bin, "generate", p, "-f", "terraform", "-o", out).CombinedOutput(); err != nil {
			t.Fatalf("generate %s: %v\n%s", name, err, b)
		}
		window = max(window, time.Since(start)*3/2)
		sets[name] = readSet(t, out)
	}
	which := func(got map[string][]byte) string {
		for name, want := range sets {
			if sameSet(got, want) {
				return name
			}
		}
		return "mixed"
	}
	seen := map[string]int{}
	for i := 0; i < 30; i++ {
		// The old set as generate wrote it above: the same files a run
		// of it would leave, without a run each time.
		out := filepath.Join(dir, "out")
		os.RemoveAll(out)
		writeSet(t, out, sets["old"])
		cmd := exec.Command(bin, "generate", filepath.Join(dir, "new.yaml"), "-f", "terraform", "-o", out, "--force")
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ended := make(chan time.Duration, 1)
		go func() {
			cmd.Wait()
			ended <- time.Since(start)
		}()
		time.Sleep(time.Duration(rand.Int64N(int64(window))))
		cmd.Process.Kill()
		if took := <-ended; cmd.ProcessState.Success() {
			window = max(window, took*3/2)
		}
		// What the next run writes is the same set of names.
		var names []string
		for name := range sets["new"] {
			names = append(names, name)
		}
		if _, err := store.Recover(out, names); err != nil {
			t.Fatalf("run %d: recover: %v", i, err)
		}
		got := which(readSet(t, out))
		seen[got]++
		if got == "mixed" {
			t.Errorf("run %d: after a kill and recovery the directory holds a mixed set", i)
		}
	}
	t.Logf("after 30 kills: %v", seen)
}

// readSet reads every file in dir; a temporary counts as a file, so one
// left behind makes the set match neither.
func readSet(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		set[e.Name()] = b
	}
	return set
}

// writeSet writes set into dir, which it makes.
func writeSet(t *testing.T, dir string, set map[string][]byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range set {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sameSet(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}
