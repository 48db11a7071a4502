package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Done's next steps, read on screen, name fields by their labels and
// values in words: the note before a single-user database's first
// rotation said "Deploy with rotation.rotateImmediately false" (issue 22).
// TestDoneNextStepsSayLabels failed before.
func TestDoneNextStepsSayLabels(t *testing.T) {
	d := blueprint.Design{Secret: blueprint.Secret{SecretID: "dev/db"},
		Rotation: &blueprint.Rotation{HostedRotationLambda: &blueprint.HostedRotationLambda{RotationType: "MySQLSingleUser"}}}
	note := d.FirstRotationNote()
	if !strings.Contains(note, "rotation.rotateImmediately") {
		t.Fatalf("the note no longer names the path; the test needs another: %s", note)
	}
	got := strings.Join(nextLines("aws cloudformation deploy --template-file x.yaml\n# before the first rotation: "+note), "\n")
	if p := designPath.FindString(got); p != "" {
		t.Errorf("Done's next steps name %s, a design path:\n%s", p, got)
	}
	if !strings.Contains(got, `"`+qImmediately.title+`" off`) {
		t.Errorf("Done's next steps do not say %q is off:\n%s", qImmediately.title, got)
	}
	if !strings.HasPrefix(got, "aws cloudformation deploy --template-file x.yaml\n# ") {
		t.Errorf("the command or the comment's mark changed:\n%s", got)
	}
}
