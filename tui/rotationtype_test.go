package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22's trial (trial8a W5): with "PostgreSQL · multi user
// (alternating)" chosen and no master secret, the Rotation step said "is
// required for PostgreSQLMultiUser", the design value, not the choice the
// user made. Every rotation type, named in a message, shows as its
// choice does.
func TestRotationTypesNamedByLabel(t *testing.T) {
	d := benchDesign()
	d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
	m, _ := stepModel(t, d, stepRotation, nil)
	got := strings.Join(shownMessages(m), "\n")
	if !strings.Contains(got, "is required for PostgreSQL · multi user (alternating)") {
		t.Errorf("the Rotation step does not name the chosen type by its label:\n%s", got)
	}
	for _, rt := range blueprint.RotationTypes {
		msg := onScreen("is required for " + rt.Name + ": the " + rt.Name + " rotation function")
		if strings.Contains(msg, rt.Name) || !strings.Contains(msg, rt.Engine+" · ") {
			t.Errorf("%s on screen: %q", rt.Name, msg)
		}
	}
	// A longer name that holds one (an application's) is left whole.
	if got := onScreen("SecretsManagerRDSPostgreSQLRotationMultiUser"); got != "SecretsManagerRDSPostgreSQLRotationMultiUser" {
		t.Errorf("a longer name changed: %q", got)
	}
}
