package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// readmeBlocks returns the fenced blocks that follow a
// "<!-- readme-check: NAME -->" marker in README.md, by name.
func readmeBlocks(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- readme-check: ([a-z-]+) -->\n```[a-z]*\n(.*?)```")
	out := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		out[m[1]] = m[2]
	}
	return out
}

// TestReadmeExamples runs the commands the README shows and holds the
// README to their real output, so the examples cannot go stale.
func TestReadmeExamples(t *testing.T) {
	blocks := readmeBlocks(t)
	for _, name := range []string{"generate-ok", "generate-template", "generate-problems"} {
		if _, ok := blocks[name]; !ok {
			t.Fatalf("README.md has no readme-check block %q", name)
		}
	}
	// The wizard capture is the top of a golden screen of the tui tests.
	golden, err := os.ReadFile(filepath.Join("tui", "testdata", "02-secret-live-error.golden"))
	if err != nil {
		t.Fatal(err)
	}
	var trimmed []string
	for _, l := range strings.Split(string(golden), "\n") {
		trimmed = append(trimmed, strings.TrimRight(l, " "))
	}
	if capture := blocks["wizard-capture"]; capture == "" || !strings.HasPrefix(strings.Join(trimmed, "\n"), capture) {
		t.Errorf("README block wizard-capture is not the top of tui/testdata/02-secret-live-error.golden:\n%s", capture)
	}

	examples, err := filepath.Abs("examples")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "examples"), os.DirFS(examples)); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)

	for _, name := range []string{"generate-ok", "generate-problems"} {
		block := blocks[name]
		cmdLine, want, _ := strings.Cut(block, "\n")
		args := strings.Fields(strings.TrimPrefix(cmdLine, "$ secretsmith "))
		var stdout, stderr bytes.Buffer
		run(args, strings.NewReader(""), &stdout, &stderr)
		if got := stdout.String() + stderr.String(); got != want {
			t.Errorf("README block %s: %s printed\n%s\nwant (from README.md)\n%s", name, cmdLine, got, want)
		}
	}

	tmpl, err := os.ReadFile(filepath.Join("out", "payments-db.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(tmpl), blocks["generate-template"]) {
		t.Errorf("README block generate-template is not part of the template written by generate-ok:\n%s", blocks["generate-template"])
	}
}

// TestReadmeRuleCount holds every "N rules" the README and docs say to the
// number of rules the blueprint has (issue 22 item 10: the README said 14
// when there were 20).
func TestReadmeRuleCount(t *testing.T) {
	want := len(blueprint.Rules())
	files, err := filepath.Glob(filepath.Join("docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\b(\d+) (?:blueprint )?rules\b`)
	seen := 0
	for _, name := range append([]string{"README.md"}, files...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			seen++
			if m[1] != strconv.Itoa(want) {
				t.Errorf("%s says %q; the blueprint has %d rules", name, m[0], want)
			}
		}
	}
	if seen == 0 {
		t.Error("README.md and docs name no rule count; this test holds one (README: \"checked against N rules\")")
	}
}
