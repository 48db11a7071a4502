package generate

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// tfSchemaFile is a copy of ../shared/reference/terraform-aws-schema.json:
// the arguments and blocks of the hashicorp/aws provider (6.x) for every type
// secretsmith could write.
const tfSchemaFile = "testdata/terraform-aws-schema.json"

// tfSchema is the part of the schema file the checker reads.
type tfSchema struct {
	Resources   map[string]tfBlockSchema `json:"resources"`
	DataSources map[string]tfBlockSchema `json:"data_sources"`
	Meta        struct {
		Resource   []string `json:"resource"`
		DataSource []string `json:"data_source"`
		Blocks     []string `json:"blocks"`
	} `json:"meta_arguments"`
}

type tfBlockSchema struct {
	Attributes map[string]struct {
		Required bool   `json:"required"`
		Type     string `json:"type"`
	} `json:"attributes"`
	Blocks   map[string]tfBlockSchema `json:"blocks"`
	Required bool                     `json:"required"`
	MaxItems int                      `json:"max_items"`
}

var (
	tfSchemaOnce sync.Once
	tfSchemaVal  *tfSchema
	tfSchemaErr  error
)

func loadTFSchema(t testing.TB) *tfSchema {
	t.Helper()
	tfSchemaOnce.Do(func() {
		data, err := os.ReadFile(tfSchemaFile)
		if err != nil {
			tfSchemaErr = err
			return
		}
		var s tfSchema
		if err := json.Unmarshal(data, &s); err != nil {
			tfSchemaErr = err
			return
		}
		tfSchemaVal = &s
	})
	if tfSchemaErr != nil {
		t.Fatalf("load %s: %v", tfSchemaFile, tfSchemaErr)
	}
	return tfSchemaVal
}

// tfEphemeralSchemas lists the ephemeral resources the writer may use. The
// schema file cannot hold them: it was extracted from cdktf, which generates
// no ephemeral schemas (see its ephemeral_resources._note).
// aws_secretsmanager_random_password takes the same arguments as the data
// source of that name, which the file does have, so its schema is borrowed
// from there (see ephemeralSchema). Nothing of the hashicorp/random provider
// is used, so no random_* type is listed.
var tfEphemeralSchemas = map[string]string{
	"aws_secretsmanager_random_password": "data_sources.aws_secretsmanager_random_password",
}

func (s *tfSchema) ephemeralSchema(typ string) (tfBlockSchema, bool) {
	src, ok := tfEphemeralSchemas[typ]
	if !ok {
		return tfBlockSchema{}, false
	}
	b, ok := s.DataSources[strings.TrimPrefix(src, "data_sources.")]
	return b, ok
}

// tfParse parses generated files with the native HCL syntax parser.
func tfParse(t testing.TB, files []File) map[string]*hclsyntax.Body {
	t.Helper()
	bodies := map[string]*hclsyntax.Body{}
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".tf") {
			t.Errorf("file %q: want a .tf file", f.Name)
			continue
		}
		file, diags := hclsyntax.ParseConfig(f.Data, f.Name, hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("hclsyntax.ParseConfig(%s) = %v\n%s", f.Name, diags, f.Data)
		}
		bodies[f.Name] = file.Body.(*hclsyntax.Body)
	}
	return bodies
}

// checkTerraform runs every structural check on one rendering: the files
// parse, are as terraform fmt leaves them, use only what the provider schema
// has (with every required argument), and every reference resolves.
func checkTerraform(t testing.TB, files []File) {
	t.Helper()
	for _, f := range files {
		if got := hclwrite.Format(f.Data); string(got) != string(f.Data) {
			t.Errorf("hclwrite.Format(%s) changed the file:\n%s", f.Name, lineDiff(string(f.Data), string(got)))
		}
	}
	bodies := tfParse(t, files)
	for _, err := range tfSchemaProblems(loadTFSchema(t), bodies) {
		t.Error(err)
	}
	for _, err := range tfReferenceProblems(bodies) {
		t.Error(err)
	}
}

// tfSchemaProblems checks every top-level block against the schema.
func tfSchemaProblems(s *tfSchema, bodies map[string]*hclsyntax.Body) []error {
	var errs []error
	add := func(f string, r hcl.Range, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", f, r.Start.Line, fmt.Sprintf(format, args...)))
	}
	providers := map[string]bool{} // aliases configured, "" for the default
	for _, name := range sortedNames(bodies) {
		body := bodies[name]
		if len(body.Attributes) > 0 {
			for _, a := range body.Attributes {
				add(name, a.SrcRange, "top-level attribute %s is not allowed", a.Name)
			}
		}
		for _, b := range body.Blocks {
			switch b.Type {
			case "resource", "data", "ephemeral":
				if len(b.Labels) != 2 {
					add(name, b.DefRange(), "%s block has labels %q, want type and name", b.Type, b.Labels)
					continue
				}
				var sch tfBlockSchema
				var ok bool
				meta := s.Meta.Resource
				switch b.Type {
				case "resource":
					sch, ok = s.Resources[b.Labels[0]]
				case "data":
					sch, ok = s.DataSources[b.Labels[0]]
					meta = s.Meta.DataSource
				case "ephemeral":
					sch, ok = s.ephemeralSchema(b.Labels[0])
					meta = []string{"count", "for_each", "depends_on", "provider", "lifecycle"}
				}
				if !ok {
					add(name, b.DefRange(), "%s type %s is not in the schema", b.Type, b.Labels[0])
					continue
				}
				path := b.Type + "." + b.Labels[0] + "." + b.Labels[1]
				errs = append(errs, checkBlockSchema(name, path, b.Body, sch, meta, s.Meta.Blocks)...)
			case "terraform":
				errs = append(errs, checkTerraformBlock(name, b)...)
			case "provider":
				if len(b.Labels) != 1 || b.Labels[0] != "aws" {
					add(name, b.DefRange(), "provider %q: only aws is configured", b.Labels)
				}
				// The provider's own schema is not in the file; region is
				// the argument the writer sets, and alias names a second
				// configuration (one per replica region that gets a key),
				// which resources choose with provider = aws.<alias>.
				for _, a := range b.Body.Attributes {
					if a.Name != "region" && a.Name != "alias" {
						add(name, a.SrcRange, "provider aws argument %s is not one the writer uses", a.Name)
					}
				}
				alias := ""
				if a, ok := b.Body.Attributes["alias"]; ok {
					v, diags := a.Expr.Value(nil)
					if diags.HasErrors() || v.Type() != cty.String || !hclsyntax.ValidIdentifier(v.AsString()) {
						add(name, a.SrcRange, "provider aws alias must be a literal name")
						continue
					}
					alias = v.AsString()
					if _, ok := b.Body.Attributes["region"]; !ok {
						add(name, a.SrcRange, "provider aws.%s has no region", alias)
					}
				}
				if providers[alias] {
					if alias == "" {
						add(name, b.DefRange(), "provider aws is configured twice without an alias")
					} else {
						add(name, b.DefRange(), "provider alias aws.%s is configured twice", alias)
					}
				}
				providers[alias] = true
			case "output":
				for _, a := range b.Body.Attributes {
					switch a.Name {
					case "value", "description", "sensitive", "ephemeral", "depends_on":
					default:
						add(name, a.SrcRange, "output argument %s does not exist", a.Name)
					}
				}
				if _, ok := b.Body.Attributes["value"]; !ok {
					add(name, b.DefRange(), "output %s has no value", b.Labels)
				}
			default:
				add(name, b.DefRange(), "block type %s is not one the writer uses", b.Type)
			}
		}
	}
	return errs
}

func checkTerraformBlock(file string, b *hclsyntax.Block) []error {
	var errs []error
	for _, a := range b.Body.Attributes {
		if a.Name != "required_version" {
			errs = append(errs, fmt.Errorf("%s: terraform argument %s is not expected", file, a.Name))
		}
	}
	for _, nb := range b.Body.Blocks {
		if nb.Type != "required_providers" {
			errs = append(errs, fmt.Errorf("%s: terraform block %s is not expected", file, nb.Type))
		}
	}
	return errs
}

// checkBlockSchema checks one body against its schema: every attribute and
// block exists (or is a meta-argument), required ones are present, and
// blocks do not repeat past max_items.
func checkBlockSchema(file, path string, body *hclsyntax.Body, sch tfBlockSchema, metaAttrs, metaBlocks []string) []error {
	var errs []error
	add := func(r hcl.Range, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s: %s", file, r.Start.Line, path, fmt.Sprintf(format, args...)))
	}
	for _, a := range body.Attributes {
		if _, ok := sch.Attributes[a.Name]; ok {
			continue
		}
		if contains(metaAttrs, a.Name) && a.Name != "lifecycle" {
			continue
		}
		if _, ok := sch.Blocks[a.Name]; ok {
			add(a.SrcRange, "%s is a block, not an attribute", a.Name)
			continue
		}
		add(a.SrcRange, "argument %s does not exist", a.Name)
	}
	for n, as := range sch.Attributes {
		if _, ok := body.Attributes[n]; as.Required && !ok {
			add(body.SrcRange, "required argument %s is missing", n)
		}
	}
	counts := map[string]int{}
	for _, nb := range body.Blocks {
		counts[nb.Type]++
		if bs, ok := sch.Blocks[nb.Type]; ok {
			if len(nb.Labels) > 0 {
				add(nb.DefRange(), "block %s takes no labels", nb.Type)
			}
			errs = append(errs, checkBlockSchema(file, path+"."+nb.Type, nb.Body, bs, nil, nil)...)
			continue
		}
		if contains(metaBlocks, nb.Type) || (nb.Type == "lifecycle" && contains(metaAttrs, "lifecycle")) {
			continue
		}
		add(nb.DefRange(), "block %s does not exist", nb.Type)
	}
	for n, bs := range sch.Blocks {
		if bs.Required && counts[n] == 0 {
			add(body.SrcRange, "required block %s is missing", n)
		}
		if bs.MaxItems > 0 && counts[n] > bs.MaxItems {
			add(body.SrcRange, "block %s appears %d times, at most %d allowed", n, counts[n], bs.MaxItems)
		}
	}
	return errs
}

// tfReferenceProblems checks that every reference in every expression names
// something the configuration declares, and that ephemeral values only flow
// into write-only (_wo) arguments, as Terraform requires.
func tfReferenceProblems(bodies map[string]*hclsyntax.Body) []error {
	declared := map[string]bool{}
	for _, body := range bodies {
		for _, b := range body.Blocks {
			switch b.Type {
			case "resource":
				declared[b.Labels[0]+"."+b.Labels[1]] = true
			case "data", "ephemeral":
				declared[b.Type+"."+b.Labels[0]+"."+b.Labels[1]] = true
			case "variable":
				declared["var."+b.Labels[0]] = true
			case "provider":
				if a, ok := b.Body.Attributes["alias"]; ok {
					if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String {
						declared[b.Labels[0]+"."+v.AsString()] = true
					}
				}
			case "locals":
				for n := range b.Body.Attributes {
					declared["local."+n] = true
				}
			}
		}
	}
	var errs []error
	for _, name := range sortedNames(bodies) {
		walkAttributes(bodies[name], nil, func(owner []string, a *hclsyntax.Attribute) {
			// The provider meta-argument names a provider configuration,
			// aws.<alias>, and nothing else does.
			meta := a.Name == "provider" && len(owner) > 0 && owner[0] != "provider"
			if meta {
				if _, ok := a.Expr.(*hclsyntax.ScopeTraversalExpr); !ok {
					errs = append(errs, fmt.Errorf("%s:%d: provider must be a reference such as aws.<alias>", name, a.SrcRange.Start.Line))
					return
				}
			}
			for _, tr := range a.Expr.Variables() {
				addr, ok := referenceAddress(tr)
				isProvider := tr.RootName() == "aws"
				switch {
				case meta && (!isProvider || len(tr) != 2):
					errs = append(errs, fmt.Errorf("%s:%d: provider = %s does not name a provider configuration", name, tr.SourceRange().Start.Line, traversalString(tr)))
				case !meta && isProvider:
					errs = append(errs, fmt.Errorf("%s:%d: %s: %s names a provider, which only the provider argument may", name, tr.SourceRange().Start.Line, a.Name, traversalString(tr)))
				case !ok:
					errs = append(errs, fmt.Errorf("%s:%d: %s: reference %s is too short to name anything", name, tr.SourceRange().Start.Line, a.Name, traversalString(tr)))
				case !declared[addr]:
					errs = append(errs, fmt.Errorf("%s:%d: %s: reference %s names %s, which is not declared", name, tr.SourceRange().Start.Line, a.Name, traversalString(tr), addr))
				case strings.HasPrefix(addr, "ephemeral.") && !strings.HasSuffix(a.Name, "_wo") && (len(owner) == 0 || owner[0] != "ephemeral"):
					errs = append(errs, fmt.Errorf("%s:%d: %s: ephemeral value %s may only be used in a write-only argument", name, tr.SourceRange().Start.Line, a.Name, addr))
				}
			}
		})
	}
	return errs
}

// referenceAddress is the declaration a traversal refers to: type.name for
// a resource, data.type.name, ephemeral.type.name, var.x or local.x.
func referenceAddress(tr hcl.Traversal) (string, bool) {
	var names []string
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		default:
			names = append(names, "")
		}
	}
	want := 2
	switch names[0] {
	case "data", "ephemeral":
		want = 3
	case "var", "local":
		want = 2
	}
	if len(names) < want {
		return "", false
	}
	for _, n := range names[:want] {
		if n == "" {
			return "", false
		}
	}
	return strings.Join(names[:want], "."), true
}

func traversalString(tr hcl.Traversal) string {
	return string(hclwrite.TokensForTraversal(tr).Bytes())
}

// walkAttributes calls fn for every attribute in body and its nested
// blocks, with the labels of the enclosing top-level block.
func walkAttributes(body *hclsyntax.Body, owner []string, fn func(owner []string, a *hclsyntax.Attribute)) {
	for _, name := range sortedNames(body.Attributes) {
		fn(owner, body.Attributes[name])
	}
	for _, b := range body.Blocks {
		o := owner
		if o == nil {
			o = append([]string{b.Type}, b.Labels...)
		}
		walkAttributes(b.Body, o, fn)
	}
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestTFSchemaChecker holds the checker itself to account: each broken
// configuration must be caught, and a correct one must pass.
func TestTFSchemaChecker(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // substring of the first problem; empty means none
	}{
		{"valid", `
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_kms_alias" "a" {
  name          = "alias/x"
  target_key_id = aws_kms_key.k.key_id
}
`, ""},
		{"unknown type", `resource "aws_nope" "x" {}`, "type aws_nope is not in the schema"},
		{"unknown argument", `resource "aws_kms_key" "k" { rotate = true }`, "argument rotate does not exist"},
		{"missing required argument", `resource "aws_kms_alias" "a" { name = "alias/x" }`, "required argument target_key_id is missing"},
		{"missing required block", `
resource "aws_secretsmanager_secret_rotation" "r" {
  secret_id = "x"
}`, "required block rotation_rules is missing"},
		{"repeated single block", `
resource "aws_secretsmanager_secret_rotation" "r" {
  secret_id = "x"
  rotation_rules {
    automatically_after_days = 1
  }
  rotation_rules {
    automatically_after_days = 2
  }
}`, "appears 2 times"},
		{"unknown nested argument", `
resource "aws_secretsmanager_secret" "s" {
  replica {
    region = "eu-west-1"
    colour = "red"
  }
}`, "argument colour does not exist"},
		{"meta-arguments allowed", `
resource "aws_kms_key" "k" {
  count      = 1
  depends_on = []
  lifecycle {
    prevent_destroy = true
  }
}`, ""},
		{"unlisted ephemeral type", `ephemeral "random_password" "p" { length = 8 }`, "ephemeral type random_password is not in the schema"},
		{"undeclared resource reference", `
resource "aws_kms_alias" "a" {
  name          = "alias/x"
  target_key_id = aws_kms_key.missing.key_id
}`, "aws_kms_key.missing, which is not declared"},
		{"undeclared data reference", `
resource "aws_kms_alias" "a" {
  name          = "alias/${data.aws_region.current.region}"
  target_key_id = "k"
}`, "data.aws_region.current, which is not declared"},
		{"undeclared variable", `
resource "aws_kms_alias" "a" {
  name          = var.alias
  target_key_id = "k"
}`, "var.alias, which is not declared"},
		{"provider alias", `
provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "eu_west_1"
  region = "eu-west-1"
}
resource "aws_kms_key" "k" {
  provider = aws.eu_west_1
}
`, ""},
		{"undeclared provider alias", `
provider "aws" {
  alias  = "eu_west_1"
  region = "eu-west-1"
}
resource "aws_kms_key" "k" {
  provider = aws.eu_west_2
}`, "aws.eu_west_2, which is not declared"},
		{"provider alias without region", `
provider "aws" {
  alias = "eu_west_1"
}`, "provider aws.eu_west_1 has no region"},
		{"provider alias twice", `
provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}
provider "aws" {
  alias  = "eu"
  region = "eu-west-2"
}`, "provider alias aws.eu is configured twice"},
		{"default provider twice", `
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  region = "eu-west-2"
}`, "configured twice without an alias"},
		{"provider that is not a provider", `
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_kms_alias" "a" {
  provider      = aws_kms_key.k
  name          = "alias/x"
  target_key_id = "k"
}`, "does not name a provider configuration"},
		{"provider in an expression", `
provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}
resource "aws_kms_alias" "a" {
  name          = "alias/x"
  target_key_id = aws.eu
}`, "names a provider, which only the provider argument may"},
		{"ephemeral outside write-only argument", `
ephemeral "aws_secretsmanager_random_password" "p" {}
resource "aws_secretsmanager_secret_version" "v" {
  secret_id     = "x"
  secret_string = ephemeral.aws_secretsmanager_random_password.p.random_password
}`, "may only be used in a write-only argument"},
	}
	s := loadTFSchema(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, diags := hclsyntax.ParseConfig([]byte(tt.src), "test.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("parse: %v", diags)
			}
			bodies := map[string]*hclsyntax.Body{"test.tf": file.Body.(*hclsyntax.Body)}
			errs := append(tfSchemaProblems(s, bodies), tfReferenceProblems(bodies)...)
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Errorf("checker(%s) = %v, want no problems", tt.name, errs)
			case tt.want != "" && len(errs) == 0:
				t.Errorf("checker(%s) = no problems, want one containing %q", tt.name, tt.want)
			case tt.want != "" && !strings.Contains(errs[0].Error(), tt.want):
				t.Errorf("checker(%s) = %v, want one containing %q", tt.name, errs, tt.want)
			}
		})
	}
}
