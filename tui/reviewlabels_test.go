package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/secretsmith/secretsmith/blueprint"
)

// A problem that no field shows is named on the Review by the screens'
// label for its path, never by the design file's path: the Review listed
// "✗ rotation: is missing; rotate the secret automatically" and "!
// secret.tags: is empty; add at least one tag" (issue 22's third trial,
// rotation off and no tags).
func TestReviewNamesProblemsByLabel(t *testing.T) {
	var designs []*blueprint.Design
	designs = append(designs, &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/x"}})
	for _, name := range []string{"needs-work.yaml", "payments-db.yaml"} {
		designs = append(designs, decodeDesign(t, filepath.Join("..", "examples", name)))
	}
	// An empty policy and a database without a host.
	empty := designs[2].Clone()
	empty.ResourcePolicy = &blueprint.ResourcePolicy{}
	empty.Secret.Database.Host = ""
	designs = append(designs, empty)

	seen := map[string]bool{}
	for _, d := range designs {
		ps := blueprint.Check(d).ProblemsAfter(d.Validate())
		for _, p := range ps {
			if strings.ContainsAny(p.Path, "[]") || seen[p.Path] {
				continue
			}
			seen[p.Path] = true
			l := pathLabel(p.Path)
			if strings.Contains(l, ".") || l == "" || !unicode.IsUpper([]rune(l)[0]) {
				t.Errorf("a problem at %s is named %q on screen, want the screens' label: %s", p.Path, l, p.Message)
			}
		}
	}
	if !seen["rotation"] || !seen["secret.tags"] {
		t.Errorf("the designs did not raise problems at rotation and secret.tags; seen %v", seen)
	}
}
