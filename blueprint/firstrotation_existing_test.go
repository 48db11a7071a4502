package blueprint

import (
	"strings"
	"testing"
)

// Issue 22's trial (trial8a W15): for an existing secret, the note before
// the first rotation said its value was one "the database user does not
// have until someone sets it", which secretsmith cannot know of a value
// it did not generate, and its commands kept the placeholder ARN although
// the user gave the secret's ARN. A new secret's note is unchanged.
func TestFirstRotationNoteOfExistingSecret(t *testing.T) {
	const arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:legacy/db-AbC12x"
	hosted := &Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &HostedRotationLambda{RotationType: "MySQLSingleUser"}}
	existing := &Design{Version: CurrentVersion, Secret: Secret{ExistingSecretARN: arn, Database: &Database{Host: "db.internal", Username: "app"}}, Rotation: hosted}
	fresh := &Design{Version: CurrentVersion, Secret: Secret{SecretID: "prod/db", Database: &Database{Host: "db.internal", Username: "app"}}, Rotation: hosted}

	steps := existing.FirstRotationSteps()
	if len(steps) == 0 {
		t.Fatal("no first-rotation note for an existing secret's single-user rotation")
	}
	if strings.Contains(steps[0].Text, "does not have until someone sets it") {
		t.Errorf("the existing secret's note says the user lacks a value secretsmith did not set: %s", steps[0].Text)
	}
	commands := 0
	for _, l := range steps {
		if !l.Command {
			continue
		}
		commands++
		if !strings.Contains(l.Text, "--secret-id "+arn) || strings.HasSuffix(l.Text, " ARN") || strings.Contains(l.Text, " ARN ") {
			t.Errorf("the command does not name the existing secret's ARN: %s", l.Text)
		}
	}
	if commands != 2 {
		t.Errorf("%d commands, want 2", commands)
	}

	steps = fresh.FirstRotationSteps()
	if len(steps) == 0 || !strings.Contains(steps[0].Text, "does not have until someone sets it") {
		t.Errorf("a new secret's note changed: %v", steps)
	}
}
