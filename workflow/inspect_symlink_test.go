package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/store"
)

// Issue 22's trial (trial7b V7): check of a directory passed over a
// symbolic link to a directory without a word, so a template behind it
// was never judged and the run read as a pass. The link is still not
// followed (it may loop, or lead to /etc), but it is a notice at its
// place; a link to a file is read as the file.
func TestInspectSaysADirectoryLinkIsNotFollowed(t *testing.T) {
	root := t.TempDir()
	real, walk := filepath.Join(root, "real"), filepath.Join(root, "walk")
	for _, d := range []string{real, walk} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	stack := "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n"
	if err := os.WriteFile(filepath.Join(real, "stack.yaml"), []byte(stack), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../real", filepath.Join(walk, "linked")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("../real/stack.yaml", filepath.Join(walk, "linkedfile.yaml")); err != nil {
		t.Fatal(err)
	}
	got, err := Inspect(store.OS{}, walk, DefaultExcludes)
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, f := range got {
		said = append(said, filepath.Base(f.Path)+":"+f.Format)
		if filepath.Base(f.Path) == "linked" && (len(f.Notices) != 1 || !strings.Contains(f.Notices[0].Msg, "symbolic link to a directory, not followed")) {
			t.Errorf("the directory link's result = %+v, want one notice that it is not followed", f)
		}
	}
	if strings.Join(said, " ") != "linked: linkedfile.yaml:cloudformation" {
		t.Errorf("Inspect gave %v, want the link's notice and the linked file read", said)
	}
}
