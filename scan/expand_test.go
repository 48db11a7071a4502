package scan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// writeTF writes one main.tf into a new directory and reads it.
func writeTF(t *testing.T, src string) *Result {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Terraform(dir)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func resultOf(t *testing.T, s *Secret, rule blueprint.RuleID) blueprint.RuleResult {
	t.Helper()
	r, ok := s.Check().Result(rule)
	if !ok {
		t.Fatalf("no result for %s", rule)
	}
	return r
}

// TestTerraformDynamicTooMany: a dynamic block over more elements than the
// cap is not expanded; its blocks are unknown, and the note says why.
func TestTerraformDynamicTooMany(t *testing.T) {
	regions := make([]string, maxDynamic+1)
	for i := range regions {
		regions[i] = fmt.Sprintf("%q", fmt.Sprintf("r-%d", i))
	}
	src := `variable "regions" { default = [` + strings.Join(regions, ", ") + `] }
resource "aws_secretsmanager_secret" "s" {
  kms_key_id = "alias/mine"
  dynamic "replica" {
    for_each = var.regions
    content { region = replica.value }
  }
}
`
	// The cap is held by the counts below, not by a clock: a reader that
	// expanded everything anyway runs into the binary's timeout.
	res := writeTF(t, src)
	r := resultOf(t, res.Secrets[0], blueprint.RuleCustomerManagedKey)
	if r.Status != blueprint.StatusCannotVerify || !strings.Contains(r.Note, "more than the 1000 secretsmith expands") {
		t.Errorf("got %v %q, want cannot verify saying the cap", r.Status, r.Note)
	}
	if len(res.Notices) != 1 || res.Notices[0].Pos.Line != 5 {
		t.Errorf("notices %v, want one at the for_each", res.Notices)
	}
	if n := len(res.Secrets[0].Design.Secret.ReplicaRegions); n != 0 {
		t.Errorf("read %d replicas past the cap", n)
	}
}

// TestTerraformDynamicIteratorAndMixed: an iterator argument renames the
// iterator; a written-out block beside a dynamic one whose for_each
// is unknown does not make the list look complete.
func TestTerraformDynamicIteratorAndMixed(t *testing.T) {
	res := writeTF(t, `variable "regions" { type = list(string) }
locals { keys = { "eu-west-1" = "alias/aws/secretsmanager" } }
resource "aws_secretsmanager_secret" "known" {
  kms_key_id = "alias/mine"
  dynamic "replica" {
    for_each = local.keys
    iterator = rep
    content {
      region     = rep.key
      kms_key_id = rep.value
    }
  }
}
resource "aws_secretsmanager_secret" "mixed" {
  kms_key_id = "alias/mine"
  replica {
    region     = "eu-west-1"
    kms_key_id = "alias/eu"
  }
  dynamic "replica" {
    for_each = var.regions
    content { region = replica.value }
  }
}
`)
	known, mixed := res.Secrets[0], res.Secrets[1]
	if got := known.Design.Secret.ReplicaRegions; len(got) != 1 || got[0].Region != "eu-west-1" || got[0].KMSKeyARN != "alias/aws/secretsmanager" {
		t.Errorf("known replicas %+v", got)
	}
	if r := resultOf(t, known, blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusNotMet {
		t.Errorf("known: %v, want failed", r.Status)
	}
	if r := resultOf(t, mixed, blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusCannotVerify {
		t.Errorf("mixed: %v %v, want cannot verify", r.Status, r.Findings)
	}
}

func readCFN(t *testing.T, src string) *Result {
	t.Helper()
	res, err := CloudFormation("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestForEachUnknownNeverPassesOrFails: every rule of a secret made by a
// loop over a list given at deployment is cannot verify (or n/a), even
// those its written properties would settle.
func TestForEachUnknownNeverPassesOrFails(t *testing.T) {
	data, err := os.ReadFile("testdata/cfn/foreach.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := CloudFormation("foreach.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range res.Secrets {
		ids = append(ids, s.ID)
		if s.ID != "Tenant${Tenant}" {
			continue
		}
		for _, r := range s.Check().Results {
			if r.Status == blueprint.StatusMet || r.Status == blueprint.StatusNotMet {
				t.Errorf("%s: %v in a loop whose items are unknown", r.Rule.ID, r.Status)
			}
			if r.Status == blueprint.StatusCannotVerify && !strings.Contains(r.Note, "Tenants has no default") {
				t.Errorf("%s: note %q does not say why", r.Rule.ID, r.Note)
			}
		}
	}
	want := []string{"SecretOrders", "SecretBilling", "Partneracmecom", "Partnerglobexio", "Tenant${Tenant}"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("secrets %v, want %v", ids, want)
	}
}

// TestForEachNested: an inner loop's collection may use the outer loop's
// identifier, and both identifiers reach the fragment.
func TestForEachNested(t *testing.T) {
	res := readCFN(t, `Transform: AWS::LanguageExtensions
Mappings:
  Envs: {prod: {Apps: [Web, Jobs]}, dev: {Apps: [Web]}}
Resources:
  Fn::ForEach::Envs:
    - Env
    - [prod, dev]
    - Fn::ForEach::Apps:
        - App
        - !FindInMap [Envs, !Ref Env, Apps]
        - ${Env}${App}:
            Type: AWS::SecretsManager::Secret
            Properties: {Name: !Sub "${Env}/${App}", KmsKeyId: alias/mine}
`)
	var got []string
	for _, s := range res.Secrets {
		got = append(got, s.ID+"="+s.Design.Secret.SecretID)
	}
	if want := "prodWeb=prod/Web prodJobs=prod/Jobs devWeb=dev/Web"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

// TestForEachCap: a loop past the cap is not expanded item by item; its
// secrets are reported as not verifiable, with a notice, quickly.
func TestForEachCap(t *testing.T) {
	items := make([]string, 100000)
	for i := range items {
		items[i] = "I" + strconv.Itoa(i)
	}
	src := "Resources:\n  Fn::ForEach::Many:\n    - X\n    - [" + strings.Join(items, ", ") + "]\n" +
		"    - S${X}: {Type: AWS::SecretsManager::Secret, Properties: {KmsKeyId: alias/mine}}\n"
	// The cap is held by the counts below, not by a clock: a reader that
	// expanded everything anyway runs into the binary's timeout.
	res := readCFN(t, src)
	if len(res.Secrets) != maxForEach+1 {
		t.Fatalf("read %d secrets, want the %d under the cap and one for the rest", len(res.Secrets), maxForEach)
	}
	last := res.Secrets[len(res.Secrets)-1]
	if last.ID != "S${X}" {
		t.Errorf("the rest is %s", last.ID)
	}
	if r := resultOf(t, last, blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusCannotVerify || !strings.Contains(r.Note, "at most") {
		t.Errorf("rest: %v %q", r.Status, r.Note)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Msg, "items 1001 to 100000 are not read") || res.Notices[0].Pos.Line != 2 {
		t.Errorf("notices %v", res.Notices)
	}
}

// TestForEachMalformed: a loop that is not [identifier, collection,
// fragment] is an error at its key, as the transform would refuse it.
func TestForEachMalformed(t *testing.T) {
	for _, src := range []string{
		"Resources:\n  Fn::ForEach::L: [X, [a]]\n",
		"Resources:\n  Fn::ForEach::L: [X, [a], notamap]\n",
		"Resources:\n  Fn::ForEach::L: {X: 1}\n",
	} {
		_, err := CloudFormation("t.yaml", []byte(src))
		var se *SyntaxError
		if !errors.As(err, &se) || se.Pos.Line != 2 || !strings.Contains(se.Msg, "needs [identifier") {
			t.Errorf("%q: %v", src, err)
		}
	}
}

// TestNestedStackNotices: the stacks that cannot be followed are each a
// notice at their TemplateURL; the local one is listed as included.
func TestNestedStackNotices(t *testing.T) {
	data, err := os.ReadFile("testdata/cfn/nested-stacks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := CloudFormation("testdata/cfn/nested-stacks.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notices) != 1 || res.Notices[0].Resource != "Shared" || res.Notices[0].Pos.Line != 46 ||
		!strings.Contains(res.Notices[0].Msg, "https://s3.amazonaws.com/example-templates/shared-secrets.yaml, which secretsmith does not fetch") {
		t.Errorf("notices %v", res.Notices)
	}
	want := filepath.Join("testdata", "cfn", "nested", "database.yaml")
	if len(res.Included) != 3 || res.Included[0] != want {
		t.Errorf("included %v, want %s three times", res.Included, want)
	}
}

// TestNestedStackHostile: stacks that include themselves, directly or
// through another, nest too deep or name what is not a template file are
// notices, not errors or hangs; a malformed nested template is an error at
// its own line.
func TestNestedStackHostile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stack := func(id, url string) string {
		return "  " + id + ":\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: " + url + "}\n"
	}
	secret := "  S:\n    Type: AWS::SecretsManager::Secret\n"
	write("self.yaml", "Resources:\n"+secret+stack("Again", "self.yaml")+stack("Twice", "./self.yaml"))
	write("a.yaml", "Resources:\n"+secret+stack("ToB", "b.yaml"))
	write("b.yaml", "Resources:\n"+secret+stack("ToA", "a.yaml"))
	write("deep.yaml", "Resources:\n"+secret+stack("Deeper", "deep2.yaml"))
	// deep2 names itself through a different spelling each level.
	write("deep2.yaml", "Resources:\n"+secret+stack("Deeper", "../"+filepath.Base(dir)+"/deep2.yaml"))
	write("odd.yaml", "Parameters:\n  U: {Type: String}\nResources:\n"+secret+stack("Missing", "nope.yaml")+stack("Dir", ".")+stack("Dev", "/dev/zero")+
		"  Unknown:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: !Ref U}\n")
	write("broken-child.yaml", "Resources:\n  Bad: [\n")
	write("broken.yaml", "Resources:\n"+stack("Child", "broken-child.yaml"))
	for _, tc := range []struct {
		file     string
		secrets  int
		notices  []string
		resource string // of the first notice
	}{
		{"self.yaml", 1, []string{"includes itself (self.yaml -> self.yaml)", "includes itself"}, "Again"},
		{"a.yaml", 2, []string{"includes itself (a.yaml -> b.yaml -> a.yaml)"}, "ToB/ToA"},
		{"deep.yaml", 2, []string{"includes itself (deep2.yaml -> deep2.yaml)"}, "Deeper/Deeper"},
		{"odd.yaml", 1, []string{"nope.yaml cannot be read", ". cannot be read", "/dev/zero is outside", "not known until deployment"}, "Missing"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			data, _ := os.ReadFile(path)
			res, err := CloudFormation(path, data)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Secrets) != tc.secrets {
				t.Errorf("%d secrets, want %d", len(res.Secrets), tc.secrets)
			}
			if len(res.Notices) != len(tc.notices) {
				t.Fatalf("notices %v, want %d", res.Notices, len(tc.notices))
			}
			if res.Notices[0].Resource != tc.resource {
				t.Errorf("first notice is on %s, want %s", res.Notices[0].Resource, tc.resource)
			}
			for i, n := range res.Notices {
				if !strings.Contains(n.Msg, tc.notices[i]) || !strings.HasSuffix(n.Msg, "the secrets of that stack are not checked") {
					t.Errorf("notice %q, want %q", n.Msg, tc.notices[i])
				}
			}
			exercise(t, res)
		})
	}
	path := filepath.Join(dir, "broken.yaml")
	data, _ := os.ReadFile(path)
	// A nested template that cannot be read is a notice at its
	// TemplateURL; the parent is still read.
	res, err := CloudFormation(path, data)
	if err != nil {
		t.Fatalf("broken child: the parent was not read: %v", err)
	}
	if len(res.Notices) != 1 || res.Notices[0].Resource != "Child" || res.Notices[0].Pos.Line != 4 ||
		!strings.Contains(res.Notices[0].Msg, "broken-child.yaml cannot be read as a template") {
		t.Errorf("broken child: notices %v, want one at Child's TemplateURL", res.Notices)
	}
}

// TestNestedStackFanOut: stacks that fan out at every level stop at the
// count limit, quickly.
func TestNestedStackFanOut(t *testing.T) {
	dir := t.TempDir()
	var top string
	for level := range 12 {
		var b strings.Builder
		b.WriteString("Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n")
		for i := range 10 {
			fmt.Fprintf(&b, "  N%d:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: level%d.yaml}\n", i, level+1)
		}
		if level == 0 {
			top = b.String()
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("level%d.yaml", level)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The cap is held by the counts below, not by a clock: a reader that
	// expanded everything anyway runs into the binary's timeout.
	path := filepath.Join(dir, "level0.yaml")
	res, err := CloudFormation(path, []byte(top))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) > maxStacks+1 {
		t.Errorf("%d secrets from at most %d stacks", len(res.Secrets), maxStacks)
	}
	found := false
	for _, n := range res.Notices {
		found = found || strings.Contains(n.Msg, "more than 200 nested stacks")
	}
	if !found {
		t.Errorf("no notice of the limit among %d", len(res.Notices))
	}
}

// TestNestedStackDepth: a chain of distinct templates is followed only so
// deep.
func TestNestedStackDepth(t *testing.T) {
	dir := t.TempDir()
	for level := range 12 {
		src := fmt.Sprintf("Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n  N:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: level%d.yaml}\n", level+1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("level%d.yaml", level)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "level0.yaml")
	data, _ := os.ReadFile(path)
	res, err := CloudFormation(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != maxStackDepth+1 || len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Msg, "more than 8 stacks deep") {
		t.Errorf("%d secrets, notices %v", len(res.Secrets), res.Notices)
	}
	if last := res.Secrets[len(res.Secrets)-1].ID; last != strings.Repeat("N/", maxStackDepth)+"S" {
		t.Errorf("deepest secret %s", last)
	}
}

// TestForEachProperties: a loop inside a resource's properties writes its
// keys there when its collection is known, and makes them unknown, not
// missing, when it is not.
func TestForEachProperties(t *testing.T) {
	res := readCFN(t, `Transform: AWS::LanguageExtensions
Parameters:
  Given: {Type: CommaDelimitedList}
Resources:
  Known:
    Type: AWS::SecretsManager::Secret
    Properties:
      Fn::ForEach::Props:
        - P
        - [KmsKeyId]
        - ${P}: alias/mine
  Unknown:
    Type: AWS::SecretsManager::Secret
    Properties:
      Description: x
      Fn::ForEach::Props:
        - P
        - !Ref Given
        - ${P}: alias/mine
`)
	if r := resultOf(t, res.Secrets[0], blueprint.RuleCustomerManagedKey); r.Status != blueprint.StatusMet {
		t.Errorf("known: %v %v", r.Status, r.Findings)
	}
	if r := resultOf(t, res.Secrets[1], blueprint.RuleCustomerManagedKey); r.Status == blueprint.StatusMet || r.Status == blueprint.StatusNotMet {
		t.Errorf("unknown: %v %v, want neither pass nor fail", r.Status, r.Findings)
	}
}

// TestForEachLargeFragment: a large fragment repeated many times stops at
// the cap on copied values, with a notice, before it can exhaust memory.
func TestForEachLargeFragment(t *testing.T) {
	tags := make([]string, 5000)
	for i := range tags {
		tags[i] = fmt.Sprintf("{Key: k%d, Value: v}", i)
	}
	items := make([]string, 900)
	for i := range items {
		items[i] = "I" + strconv.Itoa(i)
	}
	src := "Resources:\n  Fn::ForEach::Big:\n    - X\n    - [" + strings.Join(items, ", ") + "]\n" +
		"    - S${X}: {Type: AWS::SecretsManager::Secret, Properties: {Tags: [" + strings.Join(tags, ", ") + "]}}\n"
	res := readCFN(t, src)
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Msg, "more than 200000 values") {
		t.Fatalf("notices %v", res.Notices)
	}
	if n := len(res.Secrets); n >= 900 || n < 2 {
		t.Errorf("%d secrets, want those under the cap and one for the rest", n)
	}
}

// TestNestedStackBytes: a template that names one large nested template
// many times stops reading at the byte limit, with a notice.
func TestNestedStackBytes(t *testing.T) {
	dir := t.TempDir()
	big := "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Metadata: {Pad: '" + strings.Repeat("x", 6<<20) + "'}\n"
	if err := os.WriteFile(filepath.Join(dir, "big.yaml"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("Resources:\n")
	for i := range 8 {
		fmt.Fprintf(&b, "  N%d:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: big.yaml}\n", i)
	}
	path := filepath.Join(dir, "top.yaml")
	res, err := CloudFormation(path, []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 5 || len(res.Notices) != 3 || !strings.Contains(res.Notices[0].Msg, "more than 32 MiB") {
		t.Errorf("%d secrets, notices %v", len(res.Secrets), res.Notices)
	}
}

// TestTerraformModuleNotices: a module call secretsmith does not follow (a
// registry module, a missing directory) is a notice at the call.
func TestTerraformModuleNotices(t *testing.T) {
	res, err := Terraform("testdata/tf/modules")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notices) != 1 || res.Notices[0].Resource != "module.kms" || res.Notices[0].Pos.Line != 37 ||
		!strings.Contains(res.Notices[0].Msg, "comes from terraform-aws-modules/kms/aws, which secretsmith does not fetch") {
		t.Errorf("notices %v", res.Notices)
	}
	res = writeTF(t, `module "gone" { source = "./nowhere" }
module "odd" { source = var.where }
`)
	if len(res.Notices) != 2 || !strings.Contains(res.Notices[0].Msg, "./nowhere is not a directory") || !strings.Contains(res.Notices[1].Msg, "not a plain string") {
		t.Errorf("notices %v", res.Notices)
	}
}

// TestTerraformEmptyModuleSource: a module call whose source is a directory
// without Terraform files (rhythmictech's example names ../ for ../../) is
// a notice at the call, not a silent module that declares nothing.
func TestTerraformEmptyModuleSource(t *testing.T) {
	dir := t.TempDir()
	ex := filepath.Join(dir, "examples", "one")
	if err := os.MkdirAll(ex, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`variable "value" {}
resource "aws_secretsmanager_secret" "s" { name = "s" }
`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ex, "main.tf"), []byte(`module "secret" {
  source = "../"
  value  = "password"
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := TerraformWith(ex, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 0 || len(res.Notices) != 1 || res.Notices[0].Resource != "module.secret" || res.Notices[0].Pos.Line != 1 ||
		!strings.Contains(res.Notices[0].Msg, "../ holds no .tf or .tf.json file") {
		t.Errorf("%d secrets, notices %v", len(res.Secrets), res.Notices)
	}
}

// TestTerraformNullEffectAllows: a policy document statement whose effect
// is null (a module's optional input, as terraform-aws-modules writes
// effect = statement.value.effect) allows, as Terraform's default is; it
// was read as neither Allow nor Deny, so an open principal passed.
func TestTerraformNullEffectAllows(t *testing.T) {
	res := writeTF(t, `variable "statements" {
  type = map(object({
    effect     = optional(string)
    principals = list(string)
  }))
  default = { open = { principals = ["*"] } }
}
resource "aws_secretsmanager_secret" "s" { name = "s" }
data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = var.statements
    content {
      effect    = statement.value.effect
      actions   = ["secretsmanager:GetSecretValue"]
      resources = ["*"]
      principals {
        type        = "AWS"
        identifiers = statement.value.principals
      }
    }
  }
}
resource "aws_secretsmanager_secret_policy" "p" {
  secret_arn = aws_secretsmanager_secret.s.arn
  policy     = data.aws_iam_policy_document.p.json
}
`)
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets", len(res.Secrets))
	}
	if r := resultOf(t, res.Secrets[0], blueprint.RuleNoPublicPrincipal); r.Status != blueprint.StatusNotMet {
		t.Errorf("no-public-principal: %v, want not met (%v, %q)", r.Status, r.Findings, r.Note)
	}
}
