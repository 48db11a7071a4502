package blueprint

import (
	"slices"
	"strings"
	"testing"
)

// A replica without a key is sound for Terraform, which creates one in that
// region, and an error for CloudFormation, which cannot.
func TestValidateForReplicaKeys(t *testing.T) {
	d := validDesign()
	d.Secret.ReplicaRegions = []Replica{{Region: "eu-west-1", KMSKeyARN: euKeyARN}, {Region: "eu-central-1"}}
	base := d.Validate()
	if errs := base.Errors(); len(errs) > 0 {
		t.Fatalf("Validate() = %v, want no errors", errs)
	}
	for _, tk := range []Template{TerraformTemplate, AnyTemplate, DeployedOnly} {
		if got := d.ValidateFor(tk); !slices.Equal(got, base) {
			t.Errorf("ValidateFor(%d) = %v, want Validate's %v", tk, got, base)
		}
	}
	got := d.ValidateFor(CloudFormationTemplate)
	extra := got[len(base):]
	if !slices.Equal(got[:len(base)], base) || len(extra) != 1 {
		t.Fatalf("ValidateFor(CloudFormation) = %v, want Validate's problems and one more", got)
	}
	p := extra[0]
	if p.Path != "secret.replicaRegions[1].kmsKeyArn" || p.Severity != SeverityError {
		t.Errorf("problem = %+v, want an error at secret.replicaRegions[1].kmsKeyArn", p)
	}
	for _, want := range []string{"eu-central-1", "one region", "give a customer managed key in eu-central-1", "Terraform"} {
		if !strings.Contains(p.Message, want) {
			t.Errorf("message %q does not say %q", p.Message, want)
		}
	}
	// The rule no longer reports it, so the person sees one message.
	if res, _ := Check(d).Result(RuleCustomerManagedKey); res.Status != StatusMet {
		t.Errorf("customer-managed-key = %v %v, want met", res.Status, res.Findings)
	}

	// Every replica with a key: nothing to add.
	d.Secret.ReplicaRegions[1].KMSKeyARN = "alias/payments"
	if got := d.ValidateFor(CloudFormationTemplate); len(got.Errors()) > 0 {
		t.Errorf("ValidateFor(CloudFormation) with every key given = %v", got.Errors())
	}
}
