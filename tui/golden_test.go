package tui

import (
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// checkGolden compares got with testdata/NAME.golden; -update rewrites it.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test ./tui -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("screen %s differs from %s (run go test ./tui -update after checking):\ngot:\n%s\nwant:\n%s", name, path, got, want)
	}
}

// TestGoldenScreens snapshots every screen at 100x30 without styles.
func TestGoldenScreens(t *testing.T) {
	rec := &recorder{}
	m := sized(New(nil, Options{Write: rec.write}))
	shot := func(name string) {
		t.Helper()
		checkGolden(t, name, screen(m))
	}
	shot("01-start")
	press(t, m, "enter")
	typeText(t, m, "prod db")
	shot("02-secret-live-error")
	press(t, m, "backspace", "backspace", "backspace")
	typeText(t, m, "/db")
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab")
	press(t, m, "enter")
	typeText(t, m, "owner")
	press(t, m, "enter")
	typeText(t, m, "payments")
	shot("03-secret")
	press(t, m, "enter")
	shot("04-encryption")
	press(t, m, "enter")
	shot("05-policy-empty")
	press(t, m, "down", "enter")
	shot("06-policy-statement")
	typeText(t, m, "arn:aws:iam::111122223333:role/app")
	press(t, m, "tab", "tab") // over the Action element
	shot("07-policy-actions")
	press(t, m, "esc")
	shot("08-policy-list")
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "enter")
	shot("09-rotation") // on from the start, every 30 days
	// From here the flow moves the focus by field id, not by counting
	// tabs, so a field added to a step cannot make it type into the wrong
	// one (the database questions once shifted screens 10 to 16); each
	// shot checks the step it means to show.
	focus(t, m, "rotation.hostedRotationLambda.rotationType")
	press(t, m, "down", "down", "down")
	shot("10-rotation-type")
	focus(t, m, "secret.database.host")
	typeText(t, m, "payments.cluster-abc.us-east-1.rds.amazonaws.com")
	focus(t, m, "secret.database.username")
	typeText(t, m, "payments_app")
	focus(t, m, "rotation.hostedRotationLambda.vpcSubnetIds")
	typeText(t, m, "subnet-0abc1234")
	focus(t, m, "rotation.hostedRotationLambda.vpcSecurityGroupIds")
	typeText(t, m, "sg-0abc1234")
	focus(t, m, "rotation.hostedRotationLambda.vpcId")
	typeText(t, m, "vpc-0abc1234")
	focus(t, m, m.stepKey()+"continue")
	press(t, m, "enter")
	onStep(t, m, stepMonitoring, "after the rotation")
	shot("11-monitoring")
	focus(t, m, "monitoring.alertEmail")
	typeText(t, m, "ops@example.com")
	focus(t, m, m.stepKey()+"continue")
	press(t, m, "enter")
	onStep(t, m, stepReview, "after monitoring")
	shot("12-review")
	press(t, m, "ctrl+p")
	shot("13-review-preview")
	press(t, m, "ctrl+p", "f1")
	shot("14-help")
	press(t, m, "esc", "ctrl+c")
	shot("15-quit")
	press(t, m, "n")
	focus(t, m, "review.output")
	typeText(t, m, "out/prod-db.cfn.yaml")
	focus(t, m, "review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after writing")
	shot("16-done")
	m.Update(tea.WindowSizeMsg{Width: 50, Height: 15})
	shot("17-too-small")
}

// focus moves the focus to the field with the given id on the current
// screen, failing when there is none, so a flow never types into whatever
// field happens to be focused.
func focus(t *testing.T, m *Model, id string) {
	t.Helper()
	fieldByID(t, m, id)
	m.focusID(id)
}
