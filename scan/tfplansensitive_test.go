package scan

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22 (trial7b V14): a value a Terraform plan marks sensitive
// (sensitive_values, or after_sensitive of its change) was read as any
// other: the secret's name was check's header and -o json's name, and a
// sensitive description or tag passed no-secret-in-metadata. It is not
// read, as a sensitive variable's value is not, and one in the metadata
// fails the rule.
func TestTerraformPlanSensitiveValuesAreNotRead(t *testing.T) {
	for _, c := range []struct {
		name                     string
		values, sensitive, after string
		metadata                 blueprint.Status
	}{
		{"name, description and a tag", `{"name": "PLANSECRETNAME", "description": "PLANSECRETDESC", "tags": {"owner": "PLANSECRETTAG"}}`,
			`{"name": true, "description": true, "tags": {"owner": true}}`, `{}`, blueprint.StatusNotMet},
		{"a tag, in the change", `{"name": "plain", "tags": {"owner": "PLANSECRETTAG", "team": "x"}}`,
			`{}`, `{"tags": {"owner": true}}`, blueprint.StatusNotMet},
		{"the name only", `{"name": "PLANSECRETNAME", "description": "plain words", "tags": {"team": "x"}}`,
			`{"name": true}`, `{}`, blueprint.StatusMet},
		// A bare true marks the whole object (trial8b X7).
		{"the whole object, in the planned values", `{"name": "PLANSECRETNAME", "description": "PLANSECRETDESC"}`,
			`true`, `{}`, blueprint.StatusNotMet},
		{"the whole object, in the change", `{"name": "PLANSECRETNAME", "description": "PLANSECRETDESC"}`,
			`{}`, `true`, blueprint.StatusNotMet},
	} {
		t.Run(c.name, func(t *testing.T) {
			plan := `{"format_version": "1.2", "terraform_version": "1.9.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_secretsmanager_secret.s", "mode": "managed", "type": "aws_secretsmanager_secret", "name": "s", "provider_name": "registry.terraform.io/hashicorp/aws",
     "values": ` + c.values + `, "sensitive_values": ` + c.sensitive + `}]}},
  "resource_changes": [{"address": "aws_secretsmanager_secret.s", "mode": "managed", "type": "aws_secretsmanager_secret", "name": "s",
     "change": {"actions": ["create"], "after": ` + c.values + `, "after_unknown": {}, "after_sensitive": ` + c.after + `}}]}`
			res, err := TerraformPlan("plan.json", []byte(plan))
			if err != nil {
				t.Fatal(err)
			}
			s := res.Secrets[0]
			rep := s.Check()
			var all []string
			all = append(all, s.Design.Secret.SecretID, s.Design.Secret.Description)
			for _, tg := range s.Design.Secret.Tags {
				all = append(all, tg.Key, tg.Value)
			}
			for _, p := range s.Problems(rep) {
				all = append(all, p.Path, p.Message)
			}
			d, _ := s.ForImport()
			out, _ := json.Marshal(d)
			all = append(all, string(out))
			if got := strings.Join(all, "\n"); strings.Contains(got, "PLANSECRET") {
				t.Errorf("a sensitive value is shown:\n%s", got)
			}
			r, _ := rep.Result(blueprint.RuleNoSecretInMetadata)
			if r.Status != c.metadata {
				t.Errorf("no-secret-in-metadata %s (%+v), want %s", r.Status, r.Findings, c.metadata)
			}
		})
	}
}

// The same for a sensitive variable's value in a tag: a finding, not
// "cannot verify".
func TestTerraformSensitiveVariableInMetadataFails(t *testing.T) {
	res := writeTF(t, `variable "token" {
  sensitive = true
  default   = "hunter2 secret!"
}
resource "aws_secretsmanager_secret" "s" {
  name = "s"
  tags = { owner = "me", token = "t-${var.token}" }
}
`)
	s := res.Secrets[0]
	r, _ := s.Check().Result(blueprint.RuleNoSecretInMetadata)
	if r.Status != blueprint.StatusNotMet || len(r.Findings) == 0 || !strings.HasSuffix(r.Findings[0].Path, "token") {
		t.Errorf("no-secret-in-metadata %s %+v, want not met at the token tag", r.Status, r.Findings)
	}
}
