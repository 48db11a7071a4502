package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// A connection value typed on the Rotation step that the secret's JSON
// template contradicts shows under the field it was typed in, as it is
// typed, not only on the Review: the problem is the template's, at its
// path, which no field of the Rotation step took (issue 22: a master
// secret ARN against the template's masterarn). The field reads the one
// rule (blueprint.TemplateConflictPath). TestTemplateConflictShowsWhereTyped
// failed before.
func TestTemplateConflictShowsWhereTyped(t *testing.T) {
	master := "arn:aws:secretsmanager:us-east-1:111122223333:secret:admin-AbCdEf"
	d := blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/db",
		GenerateSecretString: &blueprint.GenerateSecretString{GenerateStringKey: "password",
			SecretStringTemplate: `{"masterarn":"` + master + `","username":"app"}`}},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30,
			HostedRotationLambda: &blueprint.HostedRotationLambda{RotationType: "PostgreSQLMultiUser"}}}
	m := sized(New(&d, Options{}))
	m.gotoStep(stepRotation)
	m.focusID("rotation.hostedRotationLambda.masterSecretArn")
	typeText(t, m, strings.Replace(master, "admin", "other", 1))
	f := fieldByID(t, m, "rotation.hostedRotationLambda.masterSecretArn")
	said := false
	for _, p := range m.fieldProblems(f) {
		said = said || strings.Contains(p.Message, "has masterarn")
	}
	if !said {
		t.Errorf("the master secret field does not say the template's masterarn disagrees: %v\n%s", m.fieldProblems(f), screen(m))
	}
	if got := blueprint.TemplateConflictPath(blueprint.Problem{Path: "secret.generateSecretString.secretStringTemplate", Message: "is not JSON"}); got != "" {
		t.Errorf("TemplateConflictPath of another template problem = %q, want none", got)
	}
}
