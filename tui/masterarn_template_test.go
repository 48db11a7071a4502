package tui

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22, trial 7a T5: the Master secret ARN takes the JSON template's
// masterarn as host, port, dbname and username take theirs: shown in the
// field as its placeholder, and the field is not "required". A masterarn
// that is no secret ARN (it may be a password pasted there) is neither
// shown nor taken.
func TestMasterSecretFromTemplateShown(t *testing.T) {
	const path = "rotation.hostedRotationLambda.masterSecretArn"
	const master = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/payments/admin-AbCdEf"
	model := func(masterarn string) *Model {
		d := newDesign()
		d.Secret.SecretID = "prod/db"
		d.Secret.GenerateSecretString = &blueprint.GenerateSecretString{GenerateStringKey: "password",
			SecretStringTemplate: `{"host":"db.example.internal","username":"app_user","masterarn":"` + masterarn + `"}`}
		d.Rotation = &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{RotationType: "PostgreSQLMultiUser"}}
		m := wide(New(&d, Options{}))
		m.gotoStep(stepRotation)
		return m
	}

	m := model(master)
	defer m.Close()
	if got, want := fieldByID(t, m, path).placeholder, master+", from the JSON template"; got != want {
		t.Errorf("%s shows %q, want %q", path, got, want)
	}
	if msgs := problemTexts(t, m, path); len(msgs) > 0 {
		t.Errorf("%s has problems %q, want none: the template gives it", path, msgs)
	}

	bad := model("hunter2secret")
	defer bad.Close()
	if got := fieldByID(t, bad, path).placeholder; strings.Contains(got, "hunter2") {
		t.Errorf("%s shows the refused masterarn: %q", path, got)
	}
	if scr := screen(bad); strings.Contains(scr, "hunter2") {
		t.Errorf("the screen shows the refused masterarn:\n%s", scr)
	}
}
