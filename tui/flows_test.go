package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

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

func (w *diskWriter) write(d *blueprint.Design, f generate.Format, path string, force bool) (Written, error) {
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
	saved, _, err := designfile.Load(w.designPath, data)
	if err != nil {
		t.Fatalf("designfile.Load(saved design) = %v, want no error", err)
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
func onStep(t *testing.T, m *Model, s step, when string) {
	t.Helper()
	if m.step != s {
		t.Fatalf("%s the wizard is on %q, want %q:\n%s", when, stepText[m.step].title, stepText[s].title, screen(m))
	}
}

// focusIs fails the test when the focused field is not id.
func focusIs(t *testing.T, m *Model, id string) {
	t.Helper()
	if f, ok := m.focused(); !ok || f.id != id {
		t.Fatalf("focus is on %q, want %q:\n%s", f.id, id, screen(m))
	}
}

// A new secret with multi-user hosted rotation, written as Terraform, with
// a policy of two statements: a ready-made one and one built by hand with a
// condition.
func TestFlowMultiUserRotationTerraform(t *testing.T) {
	dir := t.TempDir()
	w := &diskWriter{}
	m := sized(New(nil, Options{DraftPath: filepath.Join(dir, "draft.yaml"), Write: w.write}))

	press(t, m, "enter") // Start: design a new secret
	onStep(t, m, stepSecret, "after Start")
	typeText(t, m, "prod/orders/db")
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab")
	focusIs(t, m, "tags.add")
	press(t, m, "enter")
	typeText(t, m, "owner")
	press(t, m, "enter")
	typeText(t, m, "orders")
	press(t, m, "tab", "tab") // over Remove to + Add a tag
	focusIs(t, m, "tags.add")
	press(t, m, "enter")
	focusIs(t, m, "tag1.key")
	typeText(t, m, "env")
	press(t, m, "tab")
	typeText(t, m, "prod")
	press(t, m, "tab", "tab", "tab") // Remove, + Add a tag, + Add a replica region
	focusIs(t, m, "replicas.add")
	press(t, m, "enter")
	focusIs(t, m, "replica0.region")
	typeText(t, m, "eu-central-1")
	press(t, m, "tab")
	typeText(t, m, "arn:aws:kms:eu-central-1:111122223333:key/abcd1234-12ab-34cd-56ef-1234567890ab")
	press(t, m, "enter") // over the row buttons to Continue
	onStep(t, m, stepEncryption, "after the Secret step")
	press(t, m, "enter") // create a dedicated key
	onStep(t, m, stepPolicy, "after the Encryption step")

	// The ready-made statement: let one role read it.
	press(t, m, "down")
	focusIs(t, m, "policy.role")
	press(t, m, "enter")
	focusIs(t, m, "stmt0.principal")
	typeText(t, m, "arn:aws:iam::111122223333:role/orders-app")
	press(t, m, "esc")

	// The hand-built statement: Deny GetSecretValue to everyone unless the
	// call comes over TLS.
	focusIs(t, m, "stmt0")
	press(t, m, "tab", "tab")
	focusIs(t, m, "policy.add")
	press(t, m, "enter")
	if m.stmt != 1 {
		t.Fatalf("+ Add a statement opened statement %d, want 1", m.stmt)
	}
	focusIs(t, m, "stmt1.sid")
	press(t, m, "ctrl+u")
	typeText(t, m, "DenyPlainHTTP")
	press(t, m, "tab", "right")       // Effect: Deny
	press(t, m, "tab", "tab", "left") // over Principal element to Principal type: Everyone (*)
	press(t, m, "tab", "tab")         // over Action element
	focusIs(t, m, "stmt1.action")
	for _, a := range blueprint.Actions {
		if a == "secretsmanager:GetSecretValue" {
			break
		}
		press(t, m, "down")
	}
	press(t, m, "space")
	press(t, m, "tab")
	focusIs(t, m, "stmt1.resource")
	press(t, m, "tab")
	focusIs(t, m, "stmt1.addcond")
	press(t, m, "enter")
	focusIs(t, m, "stmt1.cond0.key")
	typeText(t, m, "aws:SecureTransport")
	press(t, m, "shift+tab") // back to the operator
	focusIs(t, m, "stmt1.cond0.op")
	press(t, m, "ctrl+u")
	typeText(t, m, "Bool")
	press(t, m, "tab", "tab")
	focusIs(t, m, "stmt1.cond0.values")
	typeText(t, m, "false")
	contains(t, screen(m), "Statement 2 of 2")
	press(t, m, "esc")
	focusIs(t, m, "stmt1")
	s := screen(m)
	contains(t, s, "AllowRoleRead: Allow 2 actions to arn:aws:iam::11112222333")
	contains(t, s, "DenyPlainHTTP: Deny secretsmanager:GetSecretValue to every")
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab")
	focusIs(t, m, "step3.continue")
	press(t, m, "enter")
	onStep(t, m, stepRotation, "after the policy step")

	// Rotation: on, hosted, PostgreSQL multi user, with its master secret.
	press(t, m, "space", "tab", "tab", "tab", "tab", "tab", "tab")
	focusIs(t, m, "rotation.hostedRotationLambda.rotationType")
	press(t, m, "down", "down", "down", "down")
	contains(t, screen(m), "PostgreSQL · multi user (alternating)")
	press(t, m, "tab", "tab", "tab")
	focusIs(t, m, "rotation.hostedRotationLambda.masterSecretArn")
	const master = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/orders/admin-AbCdEf"
	typeText(t, m, master)
	press(t, m, "tab")
	typeText(t, m, "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
	press(t, m, "tab")
	typeText(t, m, "subnet-0abc1234, subnet-0def5678")
	press(t, m, "tab")
	typeText(t, m, "sg-0abc1234")
	press(t, m, "enter")
	onStep(t, m, stepMonitoring, "after the Rotation step")
	press(t, m, "space", "tab")
	typeText(t, m, "orders-oncall@example.com")
	press(t, m, "enter")
	onStep(t, m, stepReview, "after the Monitoring step")

	// Review: Terraform into a directory of the temporary folder.
	focusIs(t, m, "review.format")
	press(t, m, "left") // CloudFormation YAML → Terraform (the last)
	if m.format != generate.Terraform {
		t.Fatalf("format = %q, want terraform", m.format)
	}
	out := filepath.Join(dir, "out", "orders-terraform")
	press(t, m, "tab")
	typeText(t, m, out)
	press(t, m, "tab", "tab")
	focusIs(t, m, "review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after Write")

	d := m.Design()
	h := d.Rotation.HostedRotationLambda
	if h.RotationType != "PostgreSQLMultiUser" || h.MasterSecretARN != master || len(h.VPCSubnetIDs) != 2 {
		t.Errorf("hosted rotation = %+v, want PostgreSQLMultiUser with the master secret and two subnets", *h)
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

// An existing secret: the Secret and Encryption steps are skipped, the
// rotation uses an existing Lambda, and the output is CloudFormation JSON.
func TestFlowExistingSecretLambdaARNCloudFormationJSON(t *testing.T) {
	dir := t.TempDir()
	w := &diskWriter{}
	m := sized(New(nil, Options{DraftPath: filepath.Join(dir, "draft.yaml"), Write: w.write}))

	press(t, m, "down") // Start: add to an existing secret
	contains(t, screen(m), "Existing secret ARN")
	press(t, m, "tab")
	focusIs(t, m, "secret.existingSecretArn")
	const secretARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/billing/api-AbCdEf"
	typeText(t, m, secretARN)
	press(t, m, "enter")
	onStep(t, m, stepPolicy, "after Start with an existing secret")
	contains(t, screen(m), "step 2 of 6")
	press(t, m, "esc") // back skips the Secret and Encryption steps too
	onStep(t, m, stepStart, "esc on the policy step of an existing secret")
	press(t, m, "enter")
	focusIs(t, m, "secret.existingSecretArn")
	contains(t, screen(m), "secret:prod/billing/api-AbCdEf")
	press(t, m, "enter")
	onStep(t, m, stepPolicy, "enter on Start with the ARN kept")

	// One statement: another account reads it.
	press(t, m, "down", "down")
	focusIs(t, m, "policy.account")
	press(t, m, "enter")
	typeText(t, m, "arn:aws:iam::444455556666:root")
	press(t, m, "esc")
	focusIs(t, m, "stmt0")
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab")
	focusIs(t, m, "step3.continue")
	press(t, m, "enter")
	onStep(t, m, stepRotation, "after the policy step")

	// Rotation with an existing function.
	press(t, m, "space", "tab", "tab", "tab", "tab", "tab")
	focusIs(t, m, "rotation.function")
	press(t, m, "right")
	press(t, m, "tab")
	focusIs(t, m, "rotation.lambdaArn")
	const lambdaARN = "arn:aws:lambda:eu-west-1:111122223333:function:billing-rotation"
	typeText(t, m, lambdaARN)
	press(t, m, "enter")
	onStep(t, m, stepMonitoring, "after the Rotation step")
	press(t, m, "space", "tab")
	typeText(t, m, "billing@example.com")
	press(t, m, "enter")
	onStep(t, m, stepReview, "after the Monitoring step")

	press(t, m, "right") // CloudFormation JSON
	if m.format != generate.CloudFormationJSON {
		t.Fatalf("format = %q, want cloudformation-json", m.format)
	}
	out := filepath.Join(dir, "billing.cfn.json")
	press(t, m, "tab")
	typeText(t, m, out)
	press(t, m, "tab", "tab", "enter")
	onStep(t, m, stepDone, "after Write")

	d := m.Design()
	if d.Secret.ExistingSecretARN != secretARN || d.Secret.SecretID != "" || d.Secret.GenerateSecretString != nil {
		t.Errorf("secret = %+v, want only the existing ARN", d.Secret)
	}
	if d.Rotation.RotationLambdaARN != lambdaARN || d.Rotation.HostedRotationLambda != nil {
		t.Errorf("rotation = %+v, want the existing Lambda %s and no hosted one", *d.Rotation, lambdaARN)
	}
	checkWrittenMatchesGenerate(t, w, generate.CloudFormationJSON, out, d)
	if _, err := os.Stat(filepath.Join(dir, "draft.yaml")); !os.IsNotExist(err) {
		t.Errorf("the draft still exists after writing (stat error %v)", err)
	}
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
	press(t, m, "shift+tab", "shift+tab")
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
