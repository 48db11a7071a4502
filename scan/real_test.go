package scan

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealCorpus checks real public templates and Terraform units against
// the verdicts written by hand in testdata/real (see its README). The
// sources are read from local snapshots of their repositories; the test
// skips a source whose snapshot is not on this machine.
func TestRealCorpus(t *testing.T) {
	root := os.Getenv("SECRETSMITH_REAL_CORPUS")
	if root == "" {
		root = "/work/.mirror"
	}
	files, _ := filepath.Glob("testdata/real/*.expect")
	if len(files) == 0 {
		t.Fatal("no real corpus expectations")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".expect"), func(t *testing.T) {
			h := readHeader(t, f)
			gitDir := filepath.Join(root, strings.Replace(h["repo"], "/", "+", 1), "repo")
			if _, err := os.Stat(gitDir); err != nil {
				t.Skipf("no snapshot of %s under %s", h["repo"], root)
			}
			if h["repo"] == "" || h["path"] == "" || h["commit"] == "" || h["licence"] == "" {
				t.Fatalf("%s must name repo, path, commit and licence", f)
			}
			want := readExpectations(t, f)
			switch h["kind"] {
			case "cloudformation":
				data, err := exec.Command("git", "--git-dir", gitDir, "show", h["commit"]+":"+h["path"]).Output()
				if err != nil {
					t.Skipf("the snapshot has no %s at %s: %v", h["path"], h["commit"], err)
				}
				res, err := CloudFormation(filepath.Base(h["path"]), data)
				if err != nil {
					t.Fatal(err)
				}
				checkExpectations(t, res, want)
			case "terraform":
				dir := t.TempDir()
				// The unit's own directory, or the whole repository when
				// it calls modules elsewhere in it.
				args := []string{"--git-dir", gitDir, "archive", h["commit"]}
				if h["archive"] != "repo" {
					args = append(args, "--", h["path"])
				}
				archive, err := exec.Command("git", args...).Output()
				if err != nil {
					t.Skipf("the snapshot has no commit %s: %v", h["commit"], err)
				}
				tar := exec.Command("tar", "-x", "-C", dir)
				tar.Stdin = bytes.NewReader(archive)
				if out, err := tar.CombinedOutput(); err != nil {
					t.Fatalf("tar: %v: %s", err, out)
				}
				// The unit may call modules elsewhere in its repository.
				res, err := TerraformWith(filepath.Join(dir, h["path"]), Options{Root: dir})
				if err != nil {
					t.Fatal(err)
				}
				checkExpectations(t, res, want)
			case "plan":
				data, err := exec.Command("git", "--git-dir", gitDir, "show", h["commit"]+":"+h["path"]).Output()
				if err != nil {
					t.Skipf("the snapshot has no %s at %s: %v", h["path"], h["commit"], err)
				}
				// Away from its configuration: the plan alone.
				path := filepath.Join(t.TempDir(), "plan.json")
				if err := os.WriteFile(path, data, 0o600); err != nil {
					t.Fatal(err)
				}
				res, err := TerraformPlan(path, data)
				if err != nil {
					t.Fatal(err)
				}
				checkExpectations(t, res, want)
			default:
				t.Fatalf("%s: kind %q is not cloudformation, terraform or plan", f, h["kind"])
			}
		})
	}
}

// readHeader reads the "# key: value" lines of an expectation file.
func readHeader(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "# ")
		if !ok {
			continue
		}
		k, v, ok := strings.Cut(line, ": ")
		if ok && !strings.Contains(k, " ") && !strings.HasPrefix(k, "expect") {
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}
