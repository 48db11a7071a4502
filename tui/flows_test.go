package tui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
)

// diskWriter is a WriteFunc that writes to disk the way the command's
// writer does: the rendered files at path (a file, or a directory for
// Terraform) and the design file beside them. The root package's writer
// cannot be imported from here, so this one stands in for it.
type diskWriter struct {
	designPath string
	calls      int
}

func (w *diskWriter) write(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
	w.calls++
	files, err := generate.Render(d, f, generate.Options{})
	if err != nil {
		return Written{}, err
	}
	design, err := designfile.Save(d)
	if err != nil {
		return Written{}, err
	}
	var written []string
	for _, file := range files {
		p := path
		if f == generate.Terraform {
			p = filepath.Join(path, file.Name)
		} else if len(files) != 1 {
			return Written{}, fmt.Errorf("%s rendered %d files, want 1", f, len(files))
		}
		if err := writeNew(p, file.Data, force); err != nil {
			return Written{}, err
		}
		written = append(written, p)
	}
	w.designPath = filepath.Join(filepath.Dir(filepath.Clean(path)), d.DisplayName()+".design.yaml")
	if err := writeNew(w.designPath, design, force); err != nil {
		return Written{}, err
	}
	return Written{Files: append(written, w.designPath), Next: "deploy " + path}, nil
}

func writeNew(path string, data []byte, force bool) error {
	if _, err := os.Lstat(path); err == nil && !force {
		return errors.New("refusing to overwrite " + path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// checkWrittenMatchesGenerate reloads the design file the wizard saved and
// asserts that rendering it gives, byte for byte, the files on disk: what
// 'secretsmith generate' would make from the saved design. It returns the
// reloaded design.
func checkWrittenMatchesGenerate(t *testing.T, w *diskWriter, f generate.Format, out string, want *blueprint.Design) *blueprint.Design {
	t.Helper()
	if w.calls != 1 {
		t.Fatalf("the writer was called %d times, want once", w.calls)
	}
	data, err := os.ReadFile(w.designPath)
	if err != nil {
		t.Fatalf("read the saved design: %v", err)
	}
	savedFile := designfile.Decode(w.designPath, data)
	saved, problems := savedFile.Valid(), savedFile.Diagnostics()
	if saved == nil {
		t.Fatalf("designfile.Decode(saved design) = %v, want no error", problems)
	}
	if !reflect.DeepEqual(saved, want) {
		t.Errorf("saved design loads as %+v\nwant the wizard's design %+v", saved, want)
	}
	files, err := generate.Render(saved, f, generate.Options{})
	if err != nil {
		t.Fatalf("generate.Render(saved design, %s) = %v, want no error", f, err)
	}
	for _, file := range files {
		p := out
		if f == generate.Terraform {
			p = filepath.Join(out, file.Name)
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("read written file: %v", err)
			continue
		}
		if !bytes.Equal(got, file.Data) {
			t.Errorf("%s differs from generate.Render of the saved design:\ngot:\n%s\nwant:\n%s", p, got, file.Data)
		}
	}
	if f == generate.Terraform {
		entries, err := os.ReadDir(out)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != len(files) {
			t.Errorf("%s holds %d files, want the %d Render makes", out, len(entries), len(files))
		}
	}
	return saved
}

// onStep fails the test when the wizard is not on step s.
func onStep(t testing.TB, m *Model, s step, when string) {
	t.Helper()
	if m.step != s {
		t.Fatalf("%s the wizard is on %q, want %q:\n%s", when, stepText[m.step].title, stepText[s].title, screen(m))
	}
}

// focusIs fails the test when the focused field is not id.
func focusIs(t testing.TB, m *Model, id string) {
	t.Helper()
	if f, ok := m.focused(); !ok || f.id != id {
		t.Fatalf("focus is on %q, want %q:\n%s", f.id, id, screen(m))
	}
}

// A new secret with multi-user hosted rotation, written as Terraform, with
// a policy of two statements: a ready-made one and one built by hand with a
// condition.
func TestFlowMultiUserRotationTerraform(t *testing.T) {
	runFlow(t, multiUserTerraformFlow)
}

func multiUserTerraformFlow(t *testing.T) []session {
	dir := t.TempDir()
	w := &diskWriter{}
	out := filepath.Join(dir, "out", "orders-terraform")
	const master = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/orders/admin-AbCdEf"
	acts := []act{
		keys("enter"), // Start: design a new secret
		stepIs(stepSecret, "after Start"),
		typed("prod/orders/db"),
		keys("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab"),
		focusOn("tags.add"),
		keys("enter"),
		typed("owner"),
		keys("enter"),
		typed("orders"),
		keys("tab", "tab"), // over Remove to + Add a tag
		focusOn("tags.add"),
		keys("enter"),
		focusOn("tag1.key"),
		typed("env"),
		keys("tab"),
		typed("prod"),
		keys("tab", "tab", "tab"), // Remove, + Add a tag, + Add a replica region
		focusOn("replicas.add"),
		keys("enter"),
		focusOn("replica0.region"),
		typed("eu-central-1"),
		keys("tab"),
		typed("arn:aws:kms:eu-central-1:111122223333:key/abcd1234-12ab-34cd-56ef-1234567890ab"),
		keys("enter"), // over the row buttons to Continue
		stepIs(stepEncryption, "after the Secret step"),
		keys("enter"), // create a dedicated key
		stepIs(stepPolicy, "after the Encryption step"),

		// The ready-made statement: let one role read it.
		keys("down"),
		focusOn("policy.role"),
		keys("enter"),
		focusOn("stmt0.principal"),
		typed("arn:aws:iam::111122223333:role/orders-app"),
		keys("esc"),

		// The hand-built statement: Deny GetSecretValue to everyone unless
		// the call comes over TLS.
		focusOn("stmt0"),
		keys("tab", "tab"),
		focusOn("policy.add"),
		keys("enter"),
		checks(func(t *testing.T, r run) {
			if r.m.stmt != 1 {
				t.Fatalf("+ Add a statement opened statement %d, want 1", r.m.stmt)
			}
		}),
		focusOn("stmt1.sid"),
		keys("ctrl+u"),
		typed("DenyPlainHTTP"),
		keys("tab", "right"),       // Effect: Deny
		keys("tab", "tab", "left"), // over Principal element to Principal type: Everyone (*)
		keys("tab", "tab"),         // over Action element
		focusOn("stmt1.action"),
		keys(downsTo("secretsmanager:GetSecretValue")...),
		keys("space"),
		keys("tab"),
		focusOn("stmt1.resource"),
		keys("tab"),
		focusOn("stmt1.addcond"),
		keys("enter"),
		focusOn("stmt1.cond0.key"),
		typed("aws:SecureTransport"),
		keys("shift+tab"), // back to the operator
		focusOn("stmt1.cond0.op"),
		keys("ctrl+u"),
		typed("Bool"),
		keys("tab", "tab"),
		focusOn("stmt1.cond0.values"),
		typed("false"),
		sees("Statement 2 of 2"),
		keys("esc"),
		focusOn("stmt1"),
		sees("AllowRoleRead: Allow DescribeSecret and GetSecretValue to"),
		sees("DenyPlainHTTP: Deny GetSecretValue to"),
		keys("tab", "tab", "tab", "tab", "tab", "tab"),
		focusOn("step3.continue"),
		keys("enter"),
		stepIs(stepRotation, "after the policy step"),

		// Rotation: on, hosted, PostgreSQL multi user, with its master secret.
		keys("tab", "tab", "tab", "tab", "tab", "tab"), // rotation is on from the start
		focusOn("rotation.hostedRotationLambda.rotationType"),
		keys("down", "down", "down", "down"),
		sees("PostgreSQL · multi user (alternating)"),
		keys("tab", "right"), // the database: the resource itself
		focusOn("secret.database.form"),
		keys("tab", "down", "down"), // AWS::RDS::DBCluster, the second
		keys("tab"),
		typed("orders-cluster"),
		keys("tab", "tab"),
		focusOn("secret.database.username"),
		typed("orders_app"),
		keys("tab", "tab", "tab"),
		focusOn("rotation.hostedRotationLambda.masterSecretArn"),
		typed(master),
		keys("tab"),
		typed("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
		keys("tab"),
		typed("subnet-0abc1234, subnet-0def5678"),
		keys("tab"),
		typed("sg-0abc1234"),
		keys("tab", "right", "right"), // the subnets route through a NAT gateway
		focusOn("rotation.hostedRotationLambda.endpointMode"),
		keys("enter"),
		stepIs(stepMonitoring, "after the Rotation step"),
		keys("tab", "tab"),
		typed("orders-oncall@example.com"),
		keys("enter", "enter", "enter"),
		stepIs(stepReview, "after the Monitoring step"),

		// Review: Terraform into a directory of the temporary folder.
		focusOn("review.format"),
		keys("left"), // CloudFormation YAML → Terraform (the last)
		checks(func(t *testing.T, r run) {
			if r.m.format != generate.Terraform {
				t.Fatalf("format = %q, want terraform", r.m.format)
			}
		}),
		keys("tab"),
		typed(out),
		// Past Reader policies, Overwrite and the waiver rows that the given-key-readers
		// warning (the replica's key) brings.
		keys("tab", "tab", "tab", "tab", "tab", "tab"),
		focusOn("review.write"),
		keys("enter"),
		stepIs(stepDone, "after Write"),
	}
	final := func(t *testing.T, r run) {
		m := r.m
		d := m.Design()
		h := d.Rotation.HostedRotationLambda
		if h.RotationType != "PostgreSQLMultiUser" || h.MasterSecretARN != master || len(h.VPCSubnetIDs) != 2 {
			t.Errorf("hosted rotation = %+v, want PostgreSQLMultiUser with the master secret and two subnets", *h)
		}
		if h.Endpoint != blueprint.EndpointNAT || h.VPCID != "" {
			t.Errorf("hosted rotation endpoint %q, vpcId %q; want nat and none", h.Endpoint, h.VPCID)
		}
		wantDB := blueprint.Database{Username: "orders_app", TargetType: "AWS::RDS::DBCluster", TargetID: "orders-cluster"}
		if db := d.Secret.Database; db == nil || *db != wantDB {
			t.Errorf("database = %+v, want %+v", db, wantDB)
		}
		sts := d.ResourcePolicy.Statements
		wantDeny := blueprint.Statement{Sid: "DenyPlainHTTP", Effect: "Deny", Principal: &blueprint.Principal{Wildcard: true},
			Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"},
			Condition: []blueprint.Condition{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}}}}
		if len(sts) != 2 || sts[0].Sid != "AllowRoleRead" || !reflect.DeepEqual(sts[1], wantDeny) {
			t.Errorf("statements = %+v\nwant AllowRoleRead and %+v", sts, wantDeny)
		}
		wantTags := []blueprint.Tag{{Key: "owner", Value: "orders"}, {Key: "env", Value: "prod"}}
		wantReplicas := []blueprint.Replica{{Region: "eu-central-1", KMSKeyARN: "arn:aws:kms:eu-central-1:111122223333:key/abcd1234-12ab-34cd-56ef-1234567890ab"}}
		if !reflect.DeepEqual(d.Secret.Tags, wantTags) || !reflect.DeepEqual(d.Secret.ReplicaRegions, wantReplicas) {
			t.Errorf("tags %+v, replicas %+v; want %+v and %+v", d.Secret.Tags, d.Secret.ReplicaRegions, wantTags, wantReplicas)
		}
		saved := checkWrittenMatchesGenerate(t, w, generate.Terraform, out, d)
		if got := saved.Rotation.HostedRotationLambda.MasterSecretARN; got != master {
			t.Errorf("saved masterSecretArn = %q, want %q", got, master)
		}
		if r := m.Result(); !r.Done || r.Format != generate.Terraform || r.Output != out {
			t.Errorf("Result() = %+v, want done, terraform, %q", r, out)
		}
	}
	return []session{{opts: Options{DraftPath: filepath.Join(dir, "draft.yaml"), Write: w.write}, acts: acts, final: final}}
}

// downsTo is the down keys that move a multi-select of the actions from
// the first to action.
func downsTo(action string) []string {
	var k []string
	for _, a := range blueprint.Actions {
		if a == action {
			break
		}
		k = append(k, "down")
	}
	return k
}

// An existing secret: the Secret and Encryption steps are skipped, the
// rotation uses an existing Lambda, and the output is CloudFormation JSON.
func TestFlowExistingSecretLambdaARNCloudFormationJSON(t *testing.T) {
	runFlow(t, existingSecretFlow)
}

func existingSecretFlow(t *testing.T) []session {
	dir := t.TempDir()
	w := &diskWriter{}
	const secretARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/billing/api-AbCdEf"
	const lambdaARN = "arn:aws:lambda:eu-west-1:111122223333:function:billing-rotation"
	const roleARN = "arn:aws:iam::111122223333:role/billing-rotation"
	out := filepath.Join(dir, "billing.cfn.json")
	acts := []act{
		keys("down"), // Start: add to an existing secret
		sees("Existing secret ARN"),
		keys("tab"),
		focusOn("secret.existingSecretArn"),
		typed(secretARN),
		keys("enter"),
		stepIs(stepPolicy, "after Start with an existing secret"),
		sees("step 2 of 6"),
		keys("esc"), // back skips the Secret and Encryption steps too
		stepIs(stepStart, "esc on the policy step of an existing secret"),
		keys("enter"),
		focusOn("secret.existingSecretArn"),
		sees("secret:prod/billing/api-AbCdEf"),
		keys("enter"),
		stepIs(stepPolicy, "enter on Start with the ARN kept"),

		// One statement: another account reads it.
		keys("down", "down"),
		focusOn("policy.account"),
		keys("enter"),
		typed("arn:aws:iam::444455556666:root"),
		keys("esc"),
		focusOn("stmt0"),
		keys("tab", "tab", "tab", "tab", "tab", "tab"),
		focusOn("step3.continue"),
		keys("enter"),
		stepIs(stepRotation, "after the policy step"),

		// Rotation with an existing function.
		keys("tab", "tab", "tab", "tab", "tab"), // rotation is on from the start
		focusOn("rotation.function"),
		keys("right"),
		keys("tab"),
		focusOn("rotation.lambdaArn"),
		typed(lambdaARN),
		keys("enter"),
		// Its role: optional here, as the existing secret's key is not
		// secretsmith's (issue 20, item 1).
		focusOn("rotation.rotationLambdaRoleArn"),
		typed(roleARN),
		keys("enter"),
		stepIs(stepMonitoring, "after the Rotation step"),
		keys("tab", "tab"),
		typed("billing@example.com"),
		keys("enter", "enter", "enter"),
		stepIs(stepReview, "after the Monitoring step"),

		keys("right"), // CloudFormation JSON
		checks(func(t *testing.T, r run) {
			if r.m.format != generate.CloudFormationJSON {
				t.Fatalf("format = %q, want cloudformation-json", r.m.format)
			}
		}),
		keys("tab"),
		typed(out),
		// Past Reader policies, Overwrite and the waiver rows that the given-key-readers
		// warning (the existing secret's key) brings.
		keys("tab", "tab", "tab", "tab", "tab", "tab"),
		focusOn("review.write"),
		keys("enter"),
		stepIs(stepDone, "after Write"),
	}
	final := func(t *testing.T, r run) {
		d := r.m.Design()
		if d.Secret.ExistingSecretARN != secretARN || d.Secret.SecretID != "" || d.Secret.GenerateSecretString != nil {
			t.Errorf("secret = %+v, want only the existing ARN", d.Secret)
		}
		if d.Rotation.RotationLambdaARN != lambdaARN || d.Rotation.RotationLambdaRoleARN != roleARN || d.Rotation.HostedRotationLambda != nil {
			t.Errorf("rotation = %+v, want the existing Lambda %s and no hosted one", *d.Rotation, lambdaARN)
		}
		checkWrittenMatchesGenerate(t, w, generate.CloudFormationJSON, out, d)
		if _, err := os.Stat(filepath.Join(dir, "draft.yaml")); !os.IsNotExist(err) {
			t.Errorf("the draft still exists after writing (stat error %v)", err)
		}
	}
	return []session{{opts: Options{DraftPath: filepath.Join(dir, "draft.yaml"), Write: w.write}, acts: acts, final: final}}
}

// Tags and replica regions are rows: a button adds one with the focus on
// its first field, each row's problems show under it, a row's button
// removes it, and enter passes over those buttons.
func TestTagAndReplicaRows(t *testing.T) {
	m := sized(New(nil, Options{}))
	press(t, m, "enter")
	typeText(t, m, "prod/db")
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab")
	focusIs(t, m, "tags.add")
	contains(t, screen(m), "enter adds a tag")
	press(t, m, "enter")
	focusIs(t, m, "tag0.key")
	typeText(t, m, "owner")
	press(t, m, "enter") // enter moves from the key to its value
	focusIs(t, m, "tag0.value")
	typeText(t, m, "payments")
	press(t, m, "tab", "tab", "enter")
	focusIs(t, m, "tag1.key")
	typeText(t, m, "owner")
	contains(t, screen(m), `tag key "owner" is used more than once`)
	press(t, m, "ctrl+u")
	typeText(t, m, "env")
	if s := screen(m); strings.Contains(s, "used more than once") {
		t.Errorf("the duplicate-key message stayed after the key changed:\n%s", s)
	}
	press(t, m, "tab")
	typeText(t, m, "prod")
	press(t, m, "tab", "tab", "enter")
	typeText(t, m, "team")
	press(t, m, "tab")
	typeText(t, m, "db")

	// Remove the middle row; the rows after it keep their values, the
	// focus moves to the row that took its place, and the editor does not
	// keep the removed row's text.
	press(t, m, "shift+tab", "shift+tab")
	focusIs(t, m, "tag1.remove")
	// One enter only arms the button: tab then enter is how people move
	// on, and it must not delete what they just typed.
	press(t, m, "enter")
	if got := len(m.Design().Secret.Tags); got != 3 {
		t.Fatalf("one enter on remove left %d tags, want all 3", got)
	}
	contains(t, screen(m), "press enter again to confirm")
	// Any other key disarms it.
	press(t, m, "down", "up")
	focusIs(t, m, "tag1.remove")
	press(t, m, "enter")
	if got := len(m.Design().Secret.Tags); got != 3 {
		t.Fatalf("enter after disarming removed a tag: %d left, want 3", got)
	}
	press(t, m, "enter")
	want := []blueprint.Tag{{Key: "owner", Value: "payments"}, {Key: "team", Value: "db"}}
	if got := m.Design().Secret.Tags; !reflect.DeepEqual(got, want) {
		t.Fatalf("tags after removing the middle row = %+v, want %+v", got, want)
	}
	focusIs(t, m, "tag1.key") // the row that took its place
	typeText(t, m, "s")
	if got := m.Design().Secret.Tags[1].Key; got != "teams" {
		t.Errorf("typing s at the end of the second key made it %q, want teams", got)
	}

	// A replica with a bad region: the message shows under the region and
	// Continue refuses; removing the row clears both.
	press(t, m, "tab", "tab", "tab", "tab")
	focusIs(t, m, "replicas.add")
	press(t, m, "enter")
	focusIs(t, m, "replica0.region")
	typeText(t, m, "moon-1")
	s := screen(m)
	contains(t, s, "Replica region")
	if err := blueprint.ValidateRegion("moon-1"); err == nil {
		t.Fatal("ValidateRegion(moon-1) = nil, want an error for this test")
	}
	if !hasProblemAt(m, "secret.replicaRegions[0].region") {
		t.Errorf("no problem at secret.replicaRegions[0].region for region moon-1: %v", m.problems)
	}
	press(t, m, "tab", "tab", "tab", "tab")
	focusIs(t, m, "step1.continue")
	press(t, m, "enter")
	onStep(t, m, stepSecret, "Continue with an invalid replica region")
	focusIs(t, m, "replica0.region") // the refused Continue focuses the first error
	press(t, m, "tab", "tab")
	focusIs(t, m, "replica0.remove")
	press(t, m, "enter", "enter")
	if got := m.Design().Secret.ReplicaRegions; got != nil {
		t.Errorf("replicas after removing the only row = %+v, want nil", got)
	}
	focusIs(t, m, "replicas.add")
	press(t, m, "tab", "enter")
	onStep(t, m, stepEncryption, "Continue after removing the bad replica")
}

func hasProblemAt(m *Model, path string) bool {
	for _, p := range m.problems {
		if p.Path == path {
			return true
		}
	}
	return false
}
