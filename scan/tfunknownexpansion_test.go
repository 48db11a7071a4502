package scan

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 22 (trial7b V20): a secret whose for_each or count is not known
// failed generated-value and rotation-enabled, while customer-managed-key,
// recovery-window and tags-present, on attributes the block writes just as
// certainly, were "cannot verify" with a reason that read backwards ("exists
// only when its for_each is not known"). Every instance that exists has
// what the block writes: all rules judge it, and only what each.key or
// count.index makes is not known, in words that read right.
func TestTerraformUnknownExpansionIsJudgedAsItsInstances(t *testing.T) {
	for _, c := range []struct{ name, expansion, ref string }{
		{"for_each", "for_each = var.names", "each.value"},
		{"count", "count = var.n", "count.index"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := writeTF(t, `variable "names" { type = set(string) }
variable "n" { type = number }
resource "aws_secretsmanager_secret" "s" {
  `+c.expansion+`
  name        = "prod/db"
  description = "for ${`+c.ref+`}"
}
`)
			s := res.Secrets[0]
			rep := s.Check()
			for _, want := range []struct {
				rule   blueprint.RuleID
				status blueprint.Status
			}{
				{blueprint.RuleGeneratedValue, blueprint.StatusNotMet},
				{blueprint.RuleRotationEnabled, blueprint.StatusNotMet},
				{blueprint.RuleCustomerManagedKey, blueprint.StatusNotMet},
				{blueprint.RuleRecoveryWindow, blueprint.StatusMet},
				{blueprint.RuleTagsPresent, blueprint.StatusNotMet},
				{blueprint.RuleNoSecretInMetadata, blueprint.StatusCannotVerify},
			} {
				r, ok := rep.Result(want.rule)
				if !ok {
					t.Fatalf("no %s result", want.rule)
				}
				if r.Status != want.status {
					t.Errorf("%s: %s (%s), want %s", want.rule, r.Status, r.Note, want.status)
				}
				if want.status == blueprint.StatusCannotVerify && !strings.Contains(r.Note, c.ref+" of aws_secretsmanager_secret.s is not known until plan time") {
					t.Errorf("%s: the reason %q does not say what is not known", want.rule, r.Note)
				}
			}
		})
	}
}
