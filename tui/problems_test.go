package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// Where a problem is shown and in whose words: under its field, by the
// screens' labels, once, and in the checklist.

// A design file opened from the Start screen that has a misspelt key is
// told in the file's words: "did you mean "secretId"?", the key to write
// in the file, not the screens' label "Secret Id".
func TestOpenedDesignFileErrorsInTheFilesWords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nsecret:\n  secretID: a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := sized(New(nil, Options{}))
	openFromStart(t, m, path)
	s := strings.Join(strings.Fields(screen(m)), " ")
	if !strings.Contains(s, `"secretId"?`) || strings.Contains(s, `"Secret Id"`) {
		t.Errorf("the typo's hint is not in the file's words:\n%s", screen(m))
	}
}

// Issue 22, item 3: a new design, of a new secret or of an existing one,
// starts with rotation on every 30 days, and no error-level rule starts
// broken: each is met, or waits for an answer (not applicable until the
// question is answered).
func TestNewDesignBreaksNoErrorRule(t *testing.T) {
	for _, start := range []string{"new", "existing"} {
		m := sized(New(nil, Options{}))
		m.setStart(start)
		m.refresh()
		if r := m.d.Rotation; r == nil || r.AutomaticallyAfterDays != 30 || r.ScheduleExpression != "" {
			t.Errorf("%s: rotation = %+v, want on, every 30 days", start, r)
		}
		for _, res := range m.report.Results {
			if res.Rule.Severity == blueprint.SeverityError && res.Status == blueprint.StatusNotMet {
				t.Errorf("%s: %s starts not met: %v", start, res.Rule.ID, res.Findings)
			}
		}
	}
}

// Issue 22, item 7: an upper-case subnet id is refused (EC2 ids are lower
// case), and a rotation function in one subnet is warned about: Lambda in
// a VPC needs subnets in two Availability Zones to keep rotating when one
// is down.
func TestSubnetsUpperCaseAndOne(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	m.gotoStep(stepRotation)
	const path = "rotation.hostedRotationLambda.vpcSubnetIds"
	m.focusID(path)
	typeText(t, m, "subnet-0ABC1234, subnet-0def5678")
	if ps := m.d.Validate().At(path + "[0]"); len(ps) != 1 || ps[0].Severity != blueprint.SeverityError {
		t.Errorf("an upper-case subnet id: %v, want one error", ps)
	}
	contains(t, screen(m), "subnet-0abc1234")
	press(t, m, "ctrl+u")
	typeText(t, m, "subnet-0abc1234")
	ps := m.d.Validate().At(path)
	if len(ps) != 1 || ps[0].Severity != blueprint.SeverityWarning || !strings.Contains(ps[0].Message, "two Availability Zones") {
		t.Errorf("one subnet: %v, want a warning about two Availability Zones", ps)
	}
	contains(t, screen(m), "Availability Zones")
	typeText(t, m, ", subnet-0def5678")
	if ps := m.d.Validate().At(path); len(ps) != 0 {
		t.Errorf("two subnets: %v, want nothing", ps)
	}
}

// Issue 22's trial, round two: a problem of a tag's value (a character
// most services refuse) shows under the value's row, where it was typed;
// one of its key stays under the key.
func TestTagValueProblemUnderValue(t *testing.T) {
	d := newDesign()
	d.Secret.SecretID = "prod/db"
	d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: "payments;team"}, {Key: "aws:env", Value: "prod"}}
	m := wide(New(&d, Options{}))
	m.gotoStep(stepSecret)
	scr := screen(m)
	const valueWarning, keyError = "its value holds ';', outside the letters", "must not start with aws:"
	if !shownUnder(scr, "  value ", valueWarning, "Remove this tag") || shownUnder(scr, "Tag key ", valueWarning, "  value ") {
		t.Errorf("the tag value's warning is not under the value's row:\n%s", scr)
	}
	second := scr[strings.LastIndex(scr, "Tag key "):]
	if !shownUnder(second, "Tag key ", keyError, "  value ") {
		t.Errorf("the tag key's error is not under the key's row:\n%s", scr)
	}
}

// A problem shown away from its field names the entry by what the screens
// call it, not by its design-file path: the policy list showed
// "resourcePolicy.statements[2]: denies every action ..." and the review
// "secret.replicaRegions[0].kmsKeyArn: is managed outside ...".
func TestPathLabelNamesListEntries(t *testing.T) {
	tabletest.Equal(t, "pathLabel", pathLabel, map[string]string{
		"resourcePolicy.statements[2]":                                          "statement 3",
		"secret.replicaRegions[0].kmsKeyArn":                                    "replica 1 KMS key",
		"secret.tags[1]":                                                        "tag 2",
		"rotation.hostedRotationLambda.vpcSubnetIds[0]":                         "subnet 1",
		"resourcePolicy.statements[0].principal.AWS[1]":                         "statement 1 principal 2",
		"secret.recoveryWindowDays":                                             qRecovery.title,
		"resourcePolicy.statements[0].condition.X.k[1]":                         "statement 1 condition X k",
		`resourcePolicy.statements[0].condition.ArnNotLike["aws:PrincipalArn"]`: "statement 1 condition ArnNotLike aws:PrincipalArn",
		"resourcePolicy.statements[0].other[1]":                                 "resourcePolicy.statements[0].other[1]",
	})
}

// A problem a field shows for another path (its also list) is not shown
// there when that path's own field is on screen: "Create an endpoint"
// with no VPC id gave the same three-line finding under Reach Secrets
// Manager and again under VPC id.
func TestAlsoPathShownOnceWhenItsFieldIsOnScreen(t *testing.T) {
	d := benchDesign()
	d.Rotation.HostedRotationLambda.Endpoint = ""
	d.Rotation.HostedRotationLambda.VPCID = ""
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	m.gotoStep(stepRotation)
	s := screen(m)
	if n := strings.Count(s, "rotation will time out"); n != 1 {
		t.Errorf("the missing VPC id is reported %d times, want once:\n%s", n, s)
	}
	m.focusID("rotation.hostedRotationLambda.endpointMode")
	f, _ := m.focused()
	if ps := m.fieldProblems(f); len(ps) != 0 {
		t.Errorf("with VPC id on screen, the endpoint choice shows %v", ps)
	}
	m.focusID("rotation.hostedRotationLambda.vpcId")
	if f, _ := m.focused(); len(m.fieldProblems(f)) != 1 {
		t.Errorf("VPC id shows %v, want its one finding", m.fieldProblems(f))
	}
}

// A message on screen names a choice by its options' labels, not by the
// design-file values: the missing VPC id said "set endpoint to existing
// or nat", words the Reach Secrets Manager choice does not show.
func TestOnScreenNamesChoiceLabels(t *testing.T) {
	d := benchDesign()
	d.Rotation.HostedRotationLambda.Endpoint = ""
	d.Rotation.HostedRotationLambda.VPCID = ""
	var msg string
	for _, p := range blueprint.Check(d).Problems() {
		if p.Rule == string(blueprint.RuleRotationReachesSecretsManager) {
			msg = p.Message
		}
	}
	if msg == "" {
		t.Fatal("no rotation-reaches-secrets-manager finding")
	}
	got := onScreen(msg)
	for _, want := range []string{"VPC id", `"The VPC has one"`, `"NAT gateway"`, "Reach Secrets Manager"} {
		if !strings.Contains(got, want) {
			t.Errorf("onScreen(%q) = %q, want it to name %s", msg, got, want)
		}
	}
	if strings.Contains(got, "set endpoint") {
		t.Errorf("onScreen keeps the design-file words: %q", got)
	}
}

// Each way in says what its empty name field needs, not that one of two
// fields is required: the Secret step (a new secret) and the Start
// screen's existing-secret ARN both showed "either Secret Id (a secret
// to create) or Existing secret ARN (a secret that exists) is required",
// naming a field that path never shows.
func TestEmptySecretNameSaysWhatThisPathNeeds(t *testing.T) {
	m := onSecret(t)
	s := screen(m)
	if strings.Contains(s, "Existing secret ARN") || !strings.Contains(s, "is required: the name of the secret to create") {
		t.Errorf("the Secret step's empty Secret Id says:\n%s", s)
	}
	m = sized(New(nil, Options{}))
	press(t, m, "down")
	s = screen(m)
	if strings.Contains(s, "either Secret Id") || !strings.Contains(s, "is required: the ARN of the secret to add to") {
		t.Errorf("the existing secret's empty ARN says:\n%s", s)
	}
}

// checklistLine returns the checklist's line for rule id.
func checklistLine(t *testing.T, m *Model, id blueprint.RuleID) string {
	t.Helper()
	for _, l := range strings.Split(screen(m), "\n") {
		if i := strings.Index(l, "│ "); i >= 0 && strings.HasSuffix(strings.TrimSpace(l[i:]), " "+string(id)) {
			return strings.TrimSpace(l[i+len("│ "):])
		}
	}
	t.Fatalf("no checklist line for %s:\n%s", id, screen(m))
	return ""
}

// Issue 11, item 11: an empty tag key does not meet tags-present.
func TestChecklistNotMetByInvalidValue(t *testing.T) {
	m := onSecret(t)
	m.focusID("tags.add")
	press(t, m, "enter")
	focusIs(t, m, "tag0.key")
	if got := checklistLine(t, m, blueprint.RuleTagsPresent); strings.HasPrefix(got, "✓") {
		t.Errorf("with an empty tag key the checklist says %q, want it not met", got)
	}
	typeText(t, m, "owner")
	if got := checklistLine(t, m, blueprint.RuleTagsPresent); !strings.HasPrefix(got, "✓") {
		t.Errorf("with tag key owner the checklist says %q, want ✓", got)
	}
}

// Issue 11, item 4: "use an existing key" with the ARN left empty is an
// error on that field, and Continue refuses.
func TestExistingKeyNeedsARN(t *testing.T) {
	m := onSecretAnswered(t)
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepEncryption, "after Secret")
	press(t, m, "down") // Use an existing customer managed key
	press(t, m, "tab")
	focusIs(t, m, "secret.kmsKeyArn")
	contains(t, screen(m), "is empty; give the key to use")
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepEncryption, "continue with an empty existing key")
	m.focusID("secret.kmsKeyArn")
	typeText(t, m, "alias/payments")
	if strings.Contains(screen(m), "give the key to use") {
		t.Errorf("the error stays after a key is typed:\n%s", screen(m))
	}
	m.focusID(m.stepKey() + "continue")
	press(t, m, "enter")
	onStep(t, m, stepPolicy, "continue with a key")
}

// Issue 11, item 10: a condition's key error is under the key, its
// operator's under the operator; the values keep theirs.
func TestConditionErrorsUnderTheirField(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "A", Effect: "Deny",
			Principal: &blueprint.Principal{Wildcard: true}, Action: []string{"secretsmanager:*"}, Resource: []string{"*"},
			Condition: []blueprint.Condition{{Operator: "StringEqual", Key: "aws:Bogus"}}}}}}
	m := designAt(&d, stepPolicy)
	m.editStatement(0, "")
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	op, key, vals := problemTexts(t, m, "stmt0.cond0.op"), problemTexts(t, m, "stmt0.cond0.key"), problemTexts(t, m, "stmt0.cond0.values")
	if len(op) != 1 || !strings.Contains(op[0], "not a condition operator") {
		t.Errorf("under the operator: %q, want its error", op)
	}
	if len(key) != 1 || !strings.Contains(key[0], "not a condition key") {
		t.Errorf("under the key: %q, want its warning", key)
	}
	if len(vals) != 1 || !strings.Contains(vals[0], "needs at least one value") {
		t.Errorf("under the values: %q, want only the missing value", vals)
	}
}

// Issue 11, item 10: the principal's error shows once, under Principals.
func TestPrincipalErrorOnce(t *testing.T) {
	m := onRoleStatement(t)
	focusIs(t, m, "stmt0.principal")
	if n := strings.Count(screen(m), "needs at least one AWS"); n != 1 {
		t.Errorf("the principal error shows %d times, want once:\n%s", n, screen(m))
	}
	if got := problemTexts(t, m, "stmt0.kind"); len(got) != 0 {
		t.Errorf("under Principal type: %q, want nothing", got)
	}
}

// Issue 11, items 10 and 16: list errors name the entry, once per
// message, and space-separated ids are told to use commas.
func TestListErrorsNameTheItem(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{
			RotationType: "PostgreSQLSingleUser", VPCSubnetIDs: []string{"subnet-1 subnet-2", "subnet-0abc1234", "bad"},
			VPCSecurityGroupIDs: []string{"sg-0abc1234"}}}}
	m := designAt(&d, stepRotation)
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	got := problemTexts(t, m, "rotation.hostedRotationLambda.vpcSubnetIds")
	if len(got) != 1 || !strings.HasPrefix(got[0], "subnets 1 and 3: must be a subnet id") || !strings.Contains(got[0], "separate them with commas") {
		t.Errorf("subnet problems = %q, want one line naming subnets 1 and 3, saying to use commas", got)
	}
}

// Issue 11, item 12: messages on screen use the screens' labels, and the
// rotation function's error shows once.
func TestMessagesUseLabels(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "down") // Add a policy, rotation and alerts to an existing secret
	s := screen(m)
	for _, key := range []string{"secretId", "existingSecretArn"} {
		if strings.Contains(s, key) {
			t.Errorf("the Start screen names the design-file key %s:\n%s", key, s)
		}
	}
	contains(t, s, "is required: the ARN of the secret to add to") // names only what this path asks (trial_test.go)

	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30}}
	m = sized(New(&d, Options{DesignFile: "d.yaml"}))
	m.gotoStep(stepRotation)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	s = screen(m)
	if strings.Contains(s, "rotationLambdaArn") || strings.Contains(s, "hostedRotationLambda") {
		t.Errorf("the rotation screen names design-file keys:\n%s", s)
	}
	// The screen has chosen My own Lambda: it asks for that one alone
	// (oneof_test.go).
	if n := strings.Count(s, "is required: the ARN of your rotation function"); n != 1 {
		t.Errorf("the function's error shows %d times, want once:\n%s", n, s)
	}
}

func TestOnScreen(t *testing.T) {
	cases := map[string]string{
		"set rotationLambdaArn or hostedRotationLambda.":                 "set Rotation Lambda ARN or a hosted function.",
		"rotation.hostedRotationLambda.rotationLambdaName: must be 1-64": "rotation.hostedRotationLambda.rotationLambdaName: must be 1-64",
		"give an alertEmail so":                                          "give an Alert email so",
		"unknownKey stays":                                               "unknownKey stays",
		// A whole path inside a sentence is named by its label; a
		// message's own path before its colon stays (trial4 T1).
		"run the function in the VPC of a listed endpoint (rotation.hostedRotationLambda.vpcSubnetIds), or": "run the function in the VPC of a listed endpoint (" + qSubnets.title + "), or",
		"give rotation.rotationLambdaRoleArn, the function's execution role, so":                            "give " + qLambdaRole.title + ", the function's execution role, so",
		"but secret.kmsKeyArn is the alias alias/x":                                                         "but KMS key is the alias alias/x",
		"for the Config rules monitoring.configRules writes, so":                                            "for the Config rules the templates write, so",
		"Deploy with rotation.rotateImmediately false, set":                                                 `Deploy with "` + qImmediately.title + `" off, set`,
		"or give it in secret.kmsKeyArn.":                                                                   "or give it in KMS key.",
		"see secret.database.unknownKey here":                                                               "see secret.database.unknownKey here",
	}
	tabletest.Equal(t, "onScreen", onScreen, cases)
}
