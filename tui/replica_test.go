package tui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// fieldByID is the field of the current screen with the given id.
func fieldByID(t *testing.T, m *Model, id string) field {
	t.Helper()
	for _, f := range m.fields() {
		if f.id == id {
			return f
		}
	}
	t.Fatalf("no field %s on step %d", id, m.step)
	return field{}
}

func problemsSay(ps blueprint.Problems, want string) bool {
	for _, p := range ps {
		if strings.Contains(p.Message, want) {
			return true
		}
	}
	return false
}

// A replica without a key is fine for Terraform and impossible for
// CloudFormation. The wizard says so at the replica's key while the format is
// CloudFormation (the default), lets the Secret step go on (the format is
// chosen at the review), says it again at the format choice, refuses to
// write CloudFormation, and drops the message once Terraform is chosen.
func TestReplicaWithoutKeyFollowsFormat(t *testing.T) {
	d := accessPaneDesign()
	d.Secret.Region = "us-east-1"
	d.Secret.ReplicaRegions = []blueprint.Replica{{Region: "eu-west-1"}}
	d.ResourcePolicy.Statements = d.ResourcePolicy.Statements[:1]
	d.Waivers = []blueprint.Waiver{{Rule: string(blueprint.RuleRotationEnabled), Reason: "Rotated by the vendor, see RUN-77."}}
	m := sized(New(d, Options{NoColor: true}))
	m.step = stepSecret
	m.refresh()
	const msg = "cannot create a key in eu-west-1"
	if m.format != generate.CloudFormation {
		t.Fatalf("default format = %q, want cloudformation", m.format)
	}
	if !problemsSay(m.fieldProblems(fieldByID(t, m, "replica0.key")), msg) {
		t.Errorf("the replica's key field does not say %q: %v", msg, m.problems)
	}
	if n := m.stepErrors(); n != 0 {
		t.Errorf("stepErrors() = %d on the Secret step, want 0: only the write refuses the format's problems", n)
	}
	if r, _ := m.report.Result(blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusMet {
		t.Errorf("customer-managed-key = %v, want met: the message is the format's, not a rule's", r.Status)
	}

	if b := m.report.Blocking(); len(b) > 0 {
		t.Fatalf("the test design breaks rules: %v", b)
	}
	m.gotoStep(stepReview)
	format := fieldByID(t, m, "review.format")
	if !problemsSay(m.fieldProblems(format), msg) {
		t.Errorf("the format choice does not say %q", msg)
	}
	written := false
	m.opts.Write = func(context.Context, account.Account, *blueprint.Design, generate.Format, string, bool, string) (Written, error) {
		written = true
		return Written{}, nil
	}
	m.write()
	if written || !strings.Contains(m.status, "CloudFormation YAML cannot be written") || !strings.Contains(m.status, msg) {
		t.Errorf("write as CloudFormation: written %v, status %q; want refused with the message", written, m.status)
	}

	m.choose(format, string(generate.Terraform))
	if m.format != generate.Terraform {
		t.Fatalf("format = %q after choosing Terraform", m.format)
	}
	if problemsSay(m.problems, msg) || len(m.formatProblems) > 0 {
		t.Errorf("problems after choosing Terraform still say %q: %v", msg, m.problems)
	}
	m.write()
	if !written {
		t.Errorf("write as Terraform: status %q, want written", m.status)
	}
}

// In line mode too, a replica without a key is said at the key and does not
// keep the user there (Terraform creates the key); writing CloudFormation
// is refused with the same message, and Terraform is written.
func TestRunAccessibleReplicaWithoutKey(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out", "prod-db.cfn.yaml")
	tfOut := filepath.Join(dir, "out", "prod-db-terraform")
	answers := secretAnswers("prod/db")
	answers = answers[:len(answers)-1]                        // before Continue
	answers = append(answers, "replica", "eu-west-1", "", "") // Add a replica region (its word), region, key (empty), Continue
	answers = append(answers, hostedRotationAnswers()...)
	answers = append(answers, "1", out, "", "")   // CloudFormation YAML (Write to, Reader policies, Overwrite): refused
	answers = append(answers, "3", tfOut, "", "") // Terraform
	w := &diskWriter{}
	var transcript strings.Builder
	res, err := RunAccessible(nil, Options{DraftPath: filepath.Join(dir, "draft.yaml"), Write: w.write}, lines(answers...), &transcript)
	got := transcript.String()
	if err != nil {
		t.Fatalf("RunAccessible = %v; transcript:\n%s", err, got)
	}
	if !res.Done || res.Format != generate.Terraform {
		t.Fatalf("RunAccessible result: Done %v, Format %q; want Terraform written; transcript:\n%s", res.Done, res.Format, got)
	}
	const msg = "cannot create a key in eu-west-1"
	if n := strings.Count(got, msg); n < 2 {
		t.Errorf("transcript says %q %d times, want at the key and at the refused write:\n%s", msg, n, got)
	}
	if !strings.Contains(got, "CloudFormation YAML cannot be written") {
		t.Errorf("transcript does not refuse CloudFormation:\n%s", got)
	}
	if r := res.Design.Secret.ReplicaRegions; len(r) != 1 || r[0] != (blueprint.Replica{Region: "eu-west-1"}) {
		t.Errorf("replicas = %+v, want eu-west-1 without a key", r)
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
