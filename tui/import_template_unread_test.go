package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// sarSubImport is what the reader gives for trial 7a's sar.yaml: the
// secret's SecretStringTemplate is a Fn::Sub of a value known only once
// deployed, so the template and the database it may name are not read
// (scan.databaseUnread).
func sarSubImport() ImportedSecret {
	const why = "Fn::Sub names AuroraClusterMultipleUser, a value only known once it is deployed"
	return ImportedSecret{ID: "S", Source: "sar.yaml", Design: &blueprint.Design{Version: blueprint.CurrentVersion,
		Secret: blueprint.Secret{SecretID: "app/db", KMSKeyARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
			GenerateSecretString: &blueprint.GenerateSecretString{GenerateStringKey: "password"}},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}}},
		Unread: []Unread{
			{Path: "secret.generateSecretString.secretStringTemplate", At: "sar.yaml:9", Reason: why},
			{Path: "secret.database", At: "sar.yaml:4", Reason: "the secret's SecretStringTemplate, which may name the database, is not read: " + why},
		}}
}

// Issue 22, trial 7a T7: once the user types the JSON template, the values
// it gives are theirs: the database's "not read" marker goes, as it does
// when the host is typed in its own field, and the checklist no longer
// counts the database as unknown.
func TestTypedTemplateClearsDatabaseUnread(t *testing.T) {
	s := sarSubImport()
	m := wide(New(nil, Options{Imported: &s}))
	defer m.Close()
	m.gotoStep(stepRotation)
	if scr := screen(m); !strings.Contains(scr, "which may name the database") {
		t.Fatalf("the Rotation step does not mark the database not read before the template is typed:\n%s", scr)
	}
	m.gotoStep(stepSecret)
	focus(t, m, "secret.generateSecretString.secretStringTemplate")
	typeText(t, m, `{"username":"admin","host":"db.internal"}`)
	m.gotoStep(stepRotation)
	scr := screen(m)
	if !strings.Contains(scr, "db.internal, from the JSON template") {
		t.Fatalf("the host typed in the template is not shown:\n%s", scr)
	}
	if strings.Contains(scr, "not read from") {
		t.Errorf("a \"not read\" marker stays after the user typed the template that gives the database:\n%s", scr)
	}
	for _, u := range m.activeUnread() {
		t.Errorf("still unread: %s (%s)", u.Path, u.Reason)
	}
}

// The same for one connection value the imported template gave from a
// value known only once deployed (blueprint.LiftConnection drops it and
// marks its field): typed in the template, it is the user's.
func TestTypedTemplateClearsConnectionUnread(t *testing.T) {
	s := sarSubImport()
	s.Unread = []Unread{{Path: "secret.database.host", At: "sar.yaml:9", Reason: "the secret's SecretStringTemplate gives it from a value only known once it is deployed"}}
	m := wide(New(nil, Options{Imported: &s}))
	defer m.Close()
	m.gotoStep(stepSecret)
	focus(t, m, "secret.generateSecretString.secretStringTemplate")
	typeText(t, m, `{"username":"admin"}`)
	if len(m.activeUnread()) != 1 {
		t.Fatalf("a template without host took the host's marker away: unread %v", m.activeUnread())
	}
	press(t, m, "backspace")
	typeText(t, m, `,"host":"db.internal"}`)
	for _, u := range m.activeUnread() {
		t.Errorf("still unread once the template gives it: %s", u.Path)
	}
}
