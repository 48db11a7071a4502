package tui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Line mode's draft names the question that was being asked, and resuming
// it starts at that question, as the screens do: it named the step's first
// field, and resuming asked every question of the step again from Secret
// Id (issue 22's second trial: Ctrl+C at Password length, then resume).
func TestLineModeResumesOnTheExactField(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	// new, Secret Id, Description kept empty, Region; the input ends at
	// Password length, which saves the draft.
	_, err := RunAccessible(nil, Options{DraftPath: path}, strings.NewReader("new\nline/test\n\neu-west-1\n"), &strings.Builder{})
	if err == nil {
		t.Fatal("RunAccessible ended without error at the end of its input")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st := decodeDraftState(data)
	if st.Step != "secret" || st.Field != "secret.generateSecretString.passwordLength" {
		t.Fatalf("the draft says step %q field %q, want the secret step's password length", st.Step, st.Field)
	}

	var out strings.Builder
	RunAccessible(nil, Options{DraftPath: path}, strings.NewReader("resume\n"), &out)
	_, after, _ := strings.Cut(out.String(), "Step 2 of 8: Secret")
	if after == "" {
		t.Fatalf("line mode did not resume on the Secret step:\n%s", out.String())
	}
	if strings.Contains(after, "Secret Id:") || strings.Contains(after, "Region:") {
		t.Errorf("resuming asked the questions before Password length again:\n%s", after)
	}
	if !strings.Contains(after, "Resuming at Password length.") || !strings.Contains(after, "Password length:") {
		t.Errorf("resuming did not say where, or did not ask Password length:\n%s", after)
	}
}

// The replica region's example is another region than the secret's, in
// its partition: it said "such as eu-central-1" for a secret in
// eu-central-1, which the field then refuses as the primary region
// (issue 22's second trial).
func TestReplicaRegionExampleIsAnotherRegion(t *testing.T) {
	for _, primary := range []string{"eu-central-1", "eu-west-1", "cn-north-1", "us-gov-west-1", ""} {
		d := newDesign()
		d.Secret.SecretID = "shared/api"
		d.Secret.Region = primary
		d.Secret.ReplicaRegions = []blueprint.Replica{{}}
		m := sized(New(&d, Options{}))
		m.gotoStep(stepSecret)
		f := fieldByID(t, m, "replica0.region")
		m.Close()
		_, example, ok := strings.Cut(f.q.hint, "such as ")
		if !ok {
			t.Errorf("primary %q: the replica region's hint gives no example: %q", primary, f.q.hint)
			continue
		}
		if example == primary || blueprint.ValidateRegion(example) != nil {
			t.Errorf("primary %q: the replica region's example is %q", primary, example)
		}
		if p, ok := blueprint.PartitionOfRegion(primary); ok && !slices.Contains(p.Regions, example) {
			t.Errorf("primary %q: the example %q is in another partition", primary, example)
		}
	}
}

// An error on the Review step's own field (Write to) is told as on this
// step, not "go back and fix them first" with nothing to go back to, and
// the format is named as the screens name it (issue 22's second trial:
// 'sub/dir/' for CloudFormation).
func TestWriteToErrorIsOnThisStep(t *testing.T) {
	d := benchDesign()
	d.Output = &blueprint.Output{Format: "cloudformation", Path: "sub/dir/"}
	m := sized(New(d, Options{DesignFile: "bench.yaml"}))
	defer m.Close()
	m.gotoStep(stepReview)
	m.write()
	if strings.Contains(m.status, "go back") || !strings.Contains(m.status, "this step") || strings.Contains(m.status, "them") {
		t.Errorf("writing says %q, want the error told as on this step", m.status)
	}
	if flat := strings.Join(strings.Fields(screen(m)), " "); strings.Contains(flat, "cloudformation output") || !strings.Contains(flat, "CloudFormation output goes to a file") {
		t.Errorf("the Write to error does not name CloudFormation:\n%s", screen(m))
	}
}
