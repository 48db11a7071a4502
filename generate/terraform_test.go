package generate

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// renderTF renders d as Terraform and fails the test on error.
func renderTF(t testing.TB, d *blueprint.Design) []File {
	t.Helper()
	files, err := Render(d, Terraform, Options{Version: "test"})
	if err != nil {
		t.Fatalf("Render(%s, terraform) error: %v", d.DisplayName(), err)
	}
	return files
}

func TestTerraformGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			files := renderTF(t, c.design)
			var names []string
			for _, f := range files {
				names = append(names, f.Name)
				checkGolden(t, filepath.Join(goldenDir, c.name, f.Name), f.Data)
			}
			if want := []string{"versions.tf", "main.tf", "outputs.tf"}; !reflect.DeepEqual(names, want) {
				t.Errorf("Render(%s) files = %q, want %q", c.name, names, want)
			}
			checkTerraform(t, files)
			checkNoSecretValue(t, files)
			again := renderTF(t, c.design)
			for i := range files {
				if !bytes.Equal(files[i].Data, again[i].Data) {
					t.Errorf("Render(%s) %s differs between two runs", c.name, files[i].Name)
				}
			}
		})
	}
}

// checkNoSecretValue fails when an argument would put a secret value in
// Terraform state.
func checkNoSecretValue(t testing.TB, files []File) {
	t.Helper()
	for name, body := range tfParse(t, files) {
		walkAttributes(body, nil, func(owner []string, a *hclsyntax.Attribute) {
			if a.Name == "secret_string" || a.Name == "secret_binary" {
				t.Errorf("%s: %v sets %s, which Terraform stores in state", name, owner, a.Name)
			}
		})
	}
}

// tfFind returns the top-level block with the given type and labels.
func tfFind(bodies map[string]*hclsyntax.Body, file, typ string, labels ...string) *hclsyntax.Block {
	for _, b := range bodies[file].Blocks {
		if b.Type == typ && reflect.DeepEqual(b.Labels, labels) {
			return b
		}
	}
	return nil
}

// tfEval evaluates an expression the way Terraform would, with every
// reference replaced by the string "<reference>" and the functions the
// writer uses. Literals evaluate to exactly the text they encode.
func tfEval(t testing.TB, expr hclsyntax.Expression) cty.Value {
	t.Helper()
	ctx := &hcl.EvalContext{
		Variables: placeholderVars(expr.Variables()),
		Functions: map[string]function.Function{
			"jsonencode": stdlib.JSONEncodeFunc,
			"jsondecode": stdlib.JSONDecodeFunc,
			"merge":      stdlib.MergeFunc,
		},
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		t.Fatalf("evaluate expression at %s: %v", expr.Range(), diags)
	}
	return v
}

// placeholderVars builds nested objects so that each traversal evaluates
// to "<its own text>".
func placeholderVars(trs []hcl.Traversal) map[string]cty.Value {
	type node map[string]any
	root := node{}
	for _, tr := range trs {
		n := root
		var names []string
		for _, step := range tr {
			switch s := step.(type) {
			case hcl.TraverseRoot:
				names = append(names, s.Name)
			case hcl.TraverseAttr:
				names = append(names, s.Name)
			case hcl.TraverseIndex:
				names = append(names, s.Key.AsString())
			}
		}
		for i, name := range names {
			if i == len(names)-1 {
				if _, ok := n[name]; !ok {
					n[name] = "<" + traversalString(tr) + ">"
				}
				break
			}
			child, ok := n[name].(node)
			if !ok {
				child = node{}
				n[name] = child
			}
			n = child
		}
	}
	var conv func(v any) cty.Value
	conv = func(v any) cty.Value {
		switch v := v.(type) {
		case string:
			return cty.StringVal(v)
		case node:
			m := map[string]cty.Value{}
			for k, c := range v {
				m[k] = conv(c)
			}
			return cty.ObjectVal(m)
		}
		panic("unreachable")
	}
	out := map[string]cty.Value{}
	for k, v := range root {
		out[k] = conv(v)
	}
	return out
}

// jsonValue decodes a JSON string value for comparison.
func jsonValue(t testing.TB, v cty.Value) any {
	t.Helper()
	var out any
	if err := json.Unmarshal([]byte(v.AsString()), &out); err != nil {
		t.Fatalf("decode JSON %q: %v", v.AsString(), err)
	}
	return out
}

// TestTerraformContent checks what the files mean, beyond their bytes: the
// links scanners follow, the choices per partition and mode, and that the
// policy is exactly the blueprint's document.
func TestTerraformContent(t *testing.T) {
	tests := []struct {
		design string
		check  func(t *testing.T, d *blueprint.Design, b map[string]*hclsyntax.Body)
	}{
		{"full.yaml", func(t *testing.T, d *blueprint.Design, b map[string]*hclsyntax.Body) {
			rot := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret_rotation", "this")
			if rot == nil {
				t.Fatal("no aws_secretsmanager_secret_rotation.this")
			}
			// CKV2_AWS_57 only counts a rotation that references the secret.
			if got := traversalString(rot.Body.Attributes["secret_id"].Expr.(*hclsyntax.ScopeTraversalExpr).Traversal); got != "aws_secretsmanager_secret.this.id" {
				t.Errorf("rotation secret_id = %s, want aws_secretsmanager_secret.this.id", got)
			}
			key := tfFind(b, "main.tf", "resource", "aws_kms_key", "secret")
			if key == nil {
				t.Fatal("no aws_kms_key.secret although the design names no key")
			}
			if v := tfEval(t, key.Body.Attributes["enable_key_rotation"].Expr); !v.True() {
				t.Errorf("aws_kms_key.secret enable_key_rotation = %#v, want true", v)
			}
			kp := jsonValue(t, tfEval(t, key.Body.Attributes["policy"].Expr))
			if !strings.Contains(mustJSON(t, kp), `"kms:ViaService":"secretsmanager.<data.aws_region.current.region>.<data.aws_partition.current.dns_suffix>"`) {
				t.Errorf("key policy = %s, want use limited by kms:ViaService to Secrets Manager", mustJSON(t, kp))
			}
			sec := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret", "this")
			if got := tfEval(t, sec.Body.Attributes["kms_key_id"].Expr).AsString(); got != "<aws_kms_key.secret.arn>" {
				t.Errorf("secret kms_key_id = %q, want the created key", got)
			}
			tags := tfEval(t, sec.Body.Attributes["tags"].Expr).AsValueMap()
			if len(tags) != len(d.Secret.Tags) {
				t.Errorf("secret tags = %v, want %d tags", tags, len(d.Secret.Tags))
			}
			for _, tag := range d.Secret.Tags {
				if v, ok := tags[tag.Key]; !ok || v.AsString() != tag.Value {
					t.Errorf("secret tag %q = %#v, want %q", tag.Key, v, tag.Value)
				}
			}
			var replicas []string
			for _, nb := range sec.Body.Blocks {
				if nb.Type == "replica" {
					replicas = append(replicas, tfEval(t, nb.Body.Attributes["region"].Expr).AsString())
				}
			}
			if !reflect.DeepEqual(replicas, []string{"eu-west-1"}) {
				t.Errorf("secret replicas = %q, want [eu-west-1]", replicas)
			}
			pol := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret_policy", "this")
			if v := tfEval(t, pol.Body.Attributes["block_public_policy"].Expr); !v.True() {
				t.Errorf("block_public_policy = %#v, want true", v)
			}
			want, err := d.ResourcePolicy.DocumentJSON()
			if err != nil {
				t.Fatal(err)
			}
			var wantDoc any
			if err := json.Unmarshal(want, &wantDoc); err != nil {
				t.Fatal(err)
			}
			if got := jsonValue(t, tfEval(t, pol.Body.Attributes["policy"].Expr)); !reflect.DeepEqual(got, wantDoc) {
				t.Errorf("policy = %s, want %s", mustJSON(t, got), want)
			}
			stack := tfFind(b, "main.tf", "resource", "aws_serverlessapplicationrepository_cloudformation_stack", "rotation")
			params := tfEval(t, stack.Body.Attributes["parameters"].Expr).AsValueMap()
			wantParams := map[string]string{
				"endpoint":            "https://secretsmanager.<data.aws_region.current.region>.<data.aws_partition.current.dns_suffix>",
				"functionName":        "prod-payments-db-rotation",
				"vpcSubnetIds":        "subnet-0123456789abcdef0,subnet-0123456789abcdef1",
				"vpcSecurityGroupIds": "sg-0123456789abcdef0",
				"kmsKeyArn":           "<aws_kms_key.secret.arn>",
				"excludeCharacters":   `"@/\`,
			}
			if got := stringMap(params); !reflect.DeepEqual(got, wantParams) {
				t.Errorf("stack parameters = %q, want %q", got, wantParams)
			}
			if got := tfEval(t, rot.Body.Attributes["rotation_lambda_arn"].Expr).AsString(); got != `<aws_serverlessapplicationrepository_cloudformation_stack.rotation.outputs["RotationLambdaARN"]>` {
				t.Errorf("rotation_lambda_arn = %q, want the stack's RotationLambdaARN output", got)
			}
			ver := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret_version", "initial")
			got := jsonValue(t, tfEval(t, ver.Body.Attributes["secret_string_wo"].Expr)).(map[string]any)
			if got["password"] != "<ephemeral.aws_secretsmanager_random_password.initial.random_password>" || got["username"] != "payments" || got["port"] != float64(5432) {
				t.Errorf("secret_string_wo = %v, want the template plus the generated password", got)
			}
			pw := tfFind(b, "main.tf", "ephemeral", "aws_secretsmanager_random_password", "initial")
			if v := tfEval(t, pw.Body.Attributes["password_length"].Expr); !v.Equals(cty.NumberIntVal(32)).True() {
				t.Errorf("password_length = %#v, want 32", v)
			}
			if v := tfEval(t, pw.Body.Attributes["exclude_characters"].Expr).AsString(); v != `"@/\` {
				t.Errorf("exclude_characters = %q, want %q", v, `"@/\`)
			}
			topic := tfFind(b, "main.tf", "resource", "aws_sns_topic", "rotation_alerts")
			if got := tfEval(t, topic.Body.Attributes["kms_master_key_id"].Expr).AsString(); got != "<aws_kms_key.alerts.arn>" {
				t.Errorf("topic kms_master_key_id = %q, want its own key", got)
			}
			rule := tfFind(b, "main.tf", "resource", "aws_cloudwatch_event_rule", "rotation_failed")
			pat := mustJSON(t, jsonValue(t, tfEval(t, rule.Body.Attributes["event_pattern"].Expr)))
			for _, want := range []string{`"RotationFailed"`, `"RotationAbandoned"`, `"SecretId":["<aws_secretsmanager_secret.this.arn>"]`} {
				if !strings.Contains(pat, want) {
					t.Errorf("event_pattern = %s, want it to contain %s", pat, want)
				}
			}
			sub := tfFind(b, "main.tf", "resource", "aws_sns_topic_subscription", "rotation_alerts_email")
			if got := tfEval(t, sub.Body.Attributes["endpoint"].Expr).AsString(); got != d.Monitoring.AlertEmail {
				t.Errorf("subscription endpoint = %q, want %q", got, d.Monitoring.AlertEmail)
			}
		}},
		{"existing-secret.yaml", func(t *testing.T, d *blueprint.Design, b map[string]*hclsyntax.Body) {
			if tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret", "this") != nil {
				t.Error("existing-secret mode declares aws_secretsmanager_secret.this")
			}
			if tfFind(b, "main.tf", "resource", "aws_kms_key", "secret") != nil {
				t.Error("existing-secret mode creates a secret key")
			}
			rot := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret_rotation", "this")
			if got := tfEval(t, rot.Body.Attributes["secret_id"].Expr).AsString(); got != d.Secret.ExistingSecretARN {
				t.Errorf("rotation secret_id = %q, want %q", got, d.Secret.ExistingSecretARN)
			}
			if got := tfEval(t, rot.Body.Attributes["rotate_immediately"].Expr); got.True() {
				t.Errorf("rotate_immediately = %#v, want false", got)
			}
			pol := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret_policy", "this")
			if got := tfEval(t, pol.Body.Attributes["secret_arn"].Expr).AsString(); got != d.Secret.ExistingSecretARN {
				t.Errorf("policy secret_arn = %q, want %q", got, d.Secret.ExistingSecretARN)
			}
			prov := tfFind(b, "versions.tf", "provider", "aws")
			if prov == nil || tfEval(t, prov.Body.Attributes["region"].Expr).AsString() != "us-east-1" {
				t.Error("versions.tf does not pin the provider to us-east-1, the existing secret's region")
			}
		}},
		{"china.yaml", func(t *testing.T, d *blueprint.Design, b map[string]*hclsyntax.Body) {
			stack := tfFind(b, "main.tf", "resource", "aws_serverlessapplicationrepository_cloudformation_stack", "rotation")
			want := "arn:aws-cn:serverlessrepo:cn-north-1:193023089310:applications/SecretsManagerRedshiftRotationSingleUser"
			if got := tfEval(t, stack.Body.Attributes["application_id"].Expr).AsString(); got != want {
				t.Errorf("application_id = %q, want %q", got, want)
			}
			if tfFind(b, "main.tf", "resource", "aws_kms_key", "secret") != nil {
				t.Error("a design with its own key still gets aws_kms_key.secret")
			}
			sec := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret", "this")
			if got := tfEval(t, sec.Body.Attributes["kms_key_id"].Expr).AsString(); got != d.Secret.KMSKeyARN {
				t.Errorf("kms_key_id = %q, want %q", got, d.Secret.KMSKeyARN)
			}
		}},
		{"govcloud.yaml", func(t *testing.T, d *blueprint.Design, b map[string]*hclsyntax.Body) {
			stack := tfFind(b, "main.tf", "resource", "aws_serverlessapplicationrepository_cloudformation_stack", "rotation")
			want := "arn:aws-us-gov:serverlessrepo:us-gov-west-1:023102451235:applications/SecretsManagerRDSSQLServerRotationMultiUser"
			if got := tfEval(t, stack.Body.Attributes["application_id"].Expr).AsString(); got != want {
				t.Errorf("application_id = %q, want %q", got, want)
			}
			params := stringMap(tfEval(t, stack.Body.Attributes["parameters"].Expr).AsValueMap())
			if params["masterSecretArn"] != d.Rotation.HostedRotationLambda.MasterSecretARN {
				t.Errorf("masterSecretArn = %q, want %q", params["masterSecretArn"], d.Rotation.HostedRotationLambda.MasterSecretARN)
			}
		}},
		{"waivers.yaml", func(t *testing.T, d *blueprint.Design, b map[string]*hclsyntax.Body) {
			if tfFind(b, "main.tf", "resource", "aws_cloudwatch_event_rule", "rotation_failed") != nil {
				t.Error("monitoring is off but an event rule is declared")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.design, func(t *testing.T) {
			d := loadDesign(t, tt.design)
			tt.check(t, d, tfParse(t, renderTF(t, d)))
		})
	}
}

func stringMap(m map[string]cty.Value) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v.AsString()
	}
	return out
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// TestTerraformWaiverComments checks that each waiver lands on the resource
// its scanner checks look at, in the spelling the scanners read.
func TestTerraformWaiverComments(t *testing.T) {
	d := loadDesign(t, "waivers.yaml")
	main := string(fileNamed(t, renderTF(t, d), "main.tf"))
	tests := []struct {
		name, want string
	}{
		{"header", "# Blueprint rules waived:\n# - no-wildcard-actions: DevOps role manages"},
		{"policy waiver", "# Waived no-wildcard-actions: DevOps role manages the sandbox secret's whole lifecycle; reviewed in SEC-1234.\nresource \"aws_secretsmanager_secret_policy\" \"this\" {"},
		{"rotation waiver", "# Waived rotation-failure-alert: Sandbox only; failures are visible in the dev dashboard.\nresource \"aws_secretsmanager_secret_rotation\" \"this\" {"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(main, tt.want) {
				t.Errorf("main.tf does not contain %q:\n%s", tt.want, main)
			}
		})
	}

	// Waiving customer-managed-key puts both scanners' directives on the
	// secret: Trivy's just above it, Checkov's inside it.
	d = loadDesign(t, "full.yaml")
	p := newPlan(d, blueprint.Check(d), Options{})
	for i, r := range p.report.Results {
		if r.Rule.ID == "customer-managed-key" {
			p.report.Results[i].Status = blueprint.StatusWaived
			p.report.Results[i].WaiverReason = "test\nreason"
		}
	}
	files, err := renderTerraform(p)
	if err != nil {
		t.Fatal(err)
	}
	main = string(fileNamed(t, files, "main.tf"))
	for _, want := range []string{
		"# Waived customer-managed-key: test reason\n#trivy:ignore:AVD-AWS-0098\nresource \"aws_secretsmanager_secret\" \"this\" {\n  #checkov:skip=CKV_AWS_149:customer-managed-key waived: test reason\n",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("main.tf does not contain %q:\n%s", want, main)
		}
	}
}

func fileNamed(t testing.TB, files []File, name string) []byte {
	t.Helper()
	for _, f := range files {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("no file %s", name)
	return nil
}

// hostileStrings are texts that would break out of a naively written HCL
// string or comment.
var hostileStrings = []string{
	`plain`,
	`${aws_iam_role.evil.arn}`,
	`%{ if true }x%{ endif }`,
	`$${already}`,
	`$$${x}`,
	`%%{x}`,
	`trailing $`,
	`trailing %`,
	`a"b`,
	`back\slash\`,
	`\"`,
	"line\nbreak",
	"carriage\rreturn",
	"tab\there",
	"\u2028\u2029",
	"nul\x00byte",
	"\x7f\x1b[31m",
	`<<EOF`,
	"<<-EOT\nx\nEOT",
	`!Ref AWS::AccountId`,
	`{{resolve:secretsmanager:x}}`,
	`---`,
	`# comment`,
	`// comment`,
	`/* comment */`,
	`"} resource "x" "y" {`,
	`ünïcödé ✓ 日本語 🔑`,
	"\u202eright-to-left",
	"\ufeffbom",
	"e\u0301 decomposed",
}

func TestTFStringEscaping(t *testing.T) {
	for _, s := range hostileStrings {
		t.Run(s, func(t *testing.T) {
			src := tfString(s).Bytes()
			expr, diags := hclsyntax.ParseExpression(src, "test.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("ParseExpression(%s) = %v", src, diags)
			}
			if vars := expr.Variables(); len(vars) > 0 {
				t.Errorf("tfString(%q) = %s, which references %s", s, src, traversalString(vars[0]))
			}
			v, diags := expr.Value(nil)
			if diags.HasErrors() {
				t.Fatalf("Value(%s) = %v", src, diags)
			}
			if v.AsString() != nfc(s) {
				t.Errorf("tfString(%q) = %s, which reads back as %q, want %q", s, src, v.AsString(), nfc(s))
			}
		})
	}
}

func TestTFKey(t *testing.T) {
	keys := append([]string{"null", "true", "false", "for", "in", "if", "owner", "data-classification", "aws:SourceVpce", "a b", "", "1st", "-x", "ÄÖ"}, hostileStrings...)
	for _, k := range keys {
		t.Run(k, func(t *testing.T) {
			// for as the first key would start a for expression, so each
			// key is tried first and second.
			src := tfObject(tfKV{k, tfString("v")}, tfKV{"z", tfString("w")}).Bytes()
			expr, diags := hclsyntax.ParseExpression(src, "test.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("ParseExpression(%s) = %v", src, diags)
			}
			v, diags := expr.Value(nil)
			if diags.HasErrors() {
				t.Fatalf("Value(%s) = %v", src, diags)
			}
			m := v.AsValueMap()
			if got, ok := m[nfc(k)]; !ok || got.AsString() != "v" {
				t.Errorf("tfObject key %q = %s, which reads back as %#v", k, src, v)
			}
		})
	}
}

func TestTFOneLine(t *testing.T) {
	tabletest.Equal(t, "tfOneLine", tfOneLine, map[string]string{
		"plain reason":           "plain reason",
		"two\nlines":             "two lines",
		"crlf\r\nend":            "crlf end",
		"  padded  \t":           "padded",
		"sep\u2028para\u2029end": "sep para end",
		"vt\vff\fnel\u0085":      "vt ff nel",
		"bad\xffutf8":            "bad\ufffdutf8",
		"\x00":                   "",
		"ünïcödé ✓":              "ünïcödé ✓",
	})
}

// TestTerraformCommentInjection gives a waiver reason that tries to end its
// comment and declare a resource; the output must still hold only the
// blocks the writer declares, with the reason inside comments.
func TestTerraformCommentInjection(t *testing.T) {
	for _, reason := range []string{
		"ok\nresource \"aws_iam_role\" \"evil\" {}\n#",
		"ok\rresource \"aws_iam_role\" \"evil\" {}",
		"ok\u2028resource \"aws_iam_role\" \"evil\" {}",
		// NEL (U+0085), a C1 control, is refused in a reason now
		// (blueprint.TextCharacters), so it never reaches a render;
		// tfOneLine's table above still folds it.
		"*/ resource \"aws_iam_role\" \"evil\" {} /*",
	} {
		t.Run(reason, func(t *testing.T) {
			d := loadDesign(t, "waivers.yaml")
			d.Waivers[1].Reason = reason
			files := renderTF(t, d)
			checkTerraform(t, files)
			for name, body := range tfParse(t, files) {
				for _, b := range body.Blocks {
					if len(b.Labels) > 0 && b.Labels[0] == "aws_iam_role" {
						t.Errorf("%s: reason %q declared %s %q", name, reason, b.Type, b.Labels)
					}
				}
			}
			main := fileNamed(t, files, "main.tf")
			if want := "# " + tfOneLine("- rotation-failure-alert: "+reason) + "\n"; !bytes.Contains(main, []byte(want)) {
				t.Errorf("main.tf header does not carry the reason as %q:\n%s", want, main)
			}
		})
	}
}

// nfc is s as Terraform reads it: HCL normalizes every string to Unicode
// normal form C when it parses it, so that is what reaches AWS, whatever
// bytes a file holds.
func nfc(s string) string { return cty.StringVal(s).AsString() }

// FuzzTerraform puts arbitrary text in every place a design accepts free
// text and checks that the configuration still parses, passes every check,
// and carries each string back exactly.
func FuzzTerraform(f *testing.F) {
	for i, s := range hostileStrings {
		r := hostileStrings[(i+1)%len(hostileStrings)]
		f.Add(s, r, s+r, r, s)
	}
	f.Add("bad \xff utf-8", "k\xfe", "v", "c", "why \xc3")
	f.Fuzz(func(t *testing.T, desc, tagKey, tagValue, condValue, reason string) {
		d := loadDesign(t, "full.yaml")
		d.Secret.Description = desc
		d.Secret.Tags = append(d.Secret.Tags, blueprint.Tag{Key: tagKey, Value: tagValue})
		// A tag condition key takes any text after its prefix, and any
		// value: both are free text.
		condKey := "aws:PrincipalTag/" + tagKey
		st := &d.ResourcePolicy.Statements[0]
		st.Condition = append(st.Condition, blueprint.Condition{Operator: "StringEquals", Key: condKey, Values: []string{condValue}})
		tmpl, err := json.Marshal(map[string]string{"username": condValue, tagKey: tagValue})
		if err != nil {
			t.Fatal(err)
		}
		d.Secret.GenerateSecretString.SecretStringTemplate = string(tmpl)
		d.Monitoring.RotationFailureAlert = new(false)
		d.Waivers = append(d.Waivers, blueprint.Waiver{Rule: "rotation-failure-alert", Reason: reason})
		if errs := d.Validate().Errors(); len(errs) > 0 {
			return // the validators reject the text; nothing is rendered
		}
		for _, s := range []string{desc, tagKey, tagValue, condValue, reason} {
			if !utf8.ValidString(s) {
				// HCL files are UTF-8 text, so such a string cannot be
				// written; Validate must have refused it.
				t.Fatalf("Validate accepted invalid UTF-8 %q", s)
			}
		}
		files, err := Render(d, Terraform, Options{Version: "fuzz"})
		if err != nil {
			if errors.Is(err, ErrBlocked) {
				return // e.g. a template value under a key named password
			}
			t.Fatalf("Render = %v", err)
		}
		checkTerraform(t, files)
		b := tfParse(t, files)

		sec := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret", "this")
		if desc != "" {
			if got := tfEval(t, sec.Body.Attributes["description"].Expr).AsString(); got != nfc(desc) {
				t.Errorf("description = %q, want %q", got, nfc(desc))
			}
		}
		tags := tfEval(t, sec.Body.Attributes["tags"].Expr).AsValueMap()
		if got, ok := tags[nfc(tagKey)]; !ok || got.AsString() != nfc(tagValue) {
			t.Errorf("tags[%q] = %#v, want %q", tagKey, got, nfc(tagValue))
		}

		pol := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret_policy", "this")
		want, err := d.ResourcePolicy.DocumentJSON()
		if err != nil {
			t.Fatal(err)
		}
		var wantDoc any
		if err := json.Unmarshal([]byte(nfc(string(want))), &wantDoc); err != nil {
			t.Fatal(err)
		}
		if got := jsonValue(t, tfEval(t, pol.Body.Attributes["policy"].Expr)); !reflect.DeepEqual(got, wantDoc) {
			t.Errorf("policy = %s, want %s", mustJSON(t, got), want)
		}

		ver := tfFind(b, "main.tf", "resource", "aws_secretsmanager_secret_version", "initial")
		value := jsonValue(t, tfEval(t, ver.Body.Attributes["secret_string_wo"].Expr)).(map[string]any)
		if value["username"] != nfc(condValue) && tagKey != "username" {
			t.Errorf("secret_string_wo username = %q, want %q", value["username"], nfc(condValue))
		}
		if value[nfc(tagKey)] != nfc(tagValue) {
			t.Errorf("secret_string_wo[%q] = %q, want %q", tagKey, value[nfc(tagKey)], nfc(tagValue))
		}

		main := fileNamed(t, files, "main.tf")
		if line := "# " + tfOneLine("- rotation-failure-alert: "+reason) + "\n"; !bytes.Contains(main, []byte(line)) {
			t.Errorf("main.tf header does not carry the waiver reason as %q", line)
		}
		for _, blk := range b["main.tf"].Blocks {
			if blk.Type != "resource" && blk.Type != "data" && blk.Type != "ephemeral" {
				t.Errorf("main.tf declares an unexpected %s block %q", blk.Type, blk.Labels)
			}
		}
	})
}

// largeDesign is full.yaml with 20 policy statements, each with conditions:
// the biggest design the wizard's live preview is expected to redraw.
func largeDesign(t testing.TB) *blueprint.Design {
	d := loadDesign(t, "full.yaml")
	base := d.ResourcePolicy.Statements[0]
	d.ResourcePolicy.Statements = nil
	for i := range 20 {
		st := base
		st.Sid = "Statement" + string(rune('A'+i))
		st.Condition = []blueprint.Condition{
			{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0123456789abcdef0"}},
			{Operator: "StringEquals", Key: "aws:PrincipalTag/team", Values: []string{"payments", "billing"}},
		}
		d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, st)
	}
	if errs := d.Validate().Errors(); len(errs) > 0 {
		t.Fatalf("large design does not validate: %v", errs)
	}
	return d
}

// TestTerraformGivenKeyLookup checks that a key named by key id reaches the
// rotation function as a key ARN, through a data source lookup. (A key
// named by alias is refused for hosted rotation without kmsKeyArn, issue
// 20: TestTerraformAliasRefused.)
func TestTerraformGivenKeyLookup(t *testing.T) {
	for _, tt := range []struct {
		key    string
		lookup bool
	}{
		{"0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", true},
		{"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", false},
	} {
		t.Run(tt.key, func(t *testing.T) {
			d := loadDesign(t, "full.yaml")
			d.Secret.KMSKeyARN = tt.key
			files := renderTF(t, d)
			checkTerraform(t, files)
			b := tfParse(t, files)
			data := tfFind(b, "main.tf", "data", "aws_kms_key", "secret")
			if (data != nil) != tt.lookup {
				t.Fatalf("data.aws_kms_key.secret declared = %v, want %v", data != nil, tt.lookup)
			}
			stack := tfFind(b, "main.tf", "resource", "aws_serverlessapplicationrepository_cloudformation_stack", "rotation")
			got := stringMap(tfEval(t, stack.Body.Attributes["parameters"].Expr).AsValueMap())["kmsKeyArn"]
			want := tt.key
			if tt.lookup {
				want = "<data.aws_kms_key.secret.arn>"
				if k := tfEval(t, data.Body.Attributes["key_id"].Expr).AsString(); k != tt.key {
					t.Errorf("data.aws_kms_key.secret key_id = %q, want %q", k, tt.key)
				}
			}
			if got != want {
				t.Errorf("kmsKeyArn parameter = %q, want %q", got, want)
			}
		})
	}
}

// TestTerraformAliasRefused holds issue 20, item 9 in every format: an
// alias, given to the rotation function or inherited from the secret's
// key, is refused with a request for the key ARN, and the key ARN given
// beside a secret named by alias reaches the function's parameters.
func TestTerraformAliasRefused(t *testing.T) {
	const keyARN = "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	for _, tt := range []struct {
		name              string
		secretKey, hosted string
		masterKey         string
		wantPath          string
	}{
		{"inherited alias name", "alias/payments", "", "", "rotation.hostedRotationLambda.kmsKeyArn"},
		{"inherited alias arn", "arn:aws:kms:us-east-1:111122223333:alias/payments", "", "", "rotation.hostedRotationLambda.kmsKeyArn"},
		{"given alias arn", keyARN, "arn:aws:kms:us-east-1:111122223333:alias/payments", "", "rotation.hostedRotationLambda.kmsKeyArn"},
		{"master key alias arn", keyARN, "", "arn:aws:kms:us-east-1:111122223333:alias/admin", "rotation.hostedRotationLambda.masterSecretKmsKeyArn"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := loadDesign(t, "full.yaml")
			d.Secret.KMSKeyARN = tt.secretKey
			d.Rotation.HostedRotationLambda.KMSKeyARN = tt.hosted
			if h := d.Rotation.HostedRotationLambda; tt.masterKey != "" {
				h.RotationType, h.MasterSecretKMSKeyARN = "PostgreSQLMultiUser", tt.masterKey
				h.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/db-admin-AbCdEf"
			}
			for _, f := range Formats {
				_, err := Render(d, f, Options{})
				var ps blueprint.Problems
				if !errors.As(err, &ps) || len(ps.At(tt.wantPath)) == 0 || !strings.Contains(ps.At(tt.wantPath)[0].Message, "key ARN") {
					t.Errorf("Render(%s) = %v, want a problem at %s asking for the key ARN", f, err, tt.wantPath)
				}
			}
		})
	}
	d := loadDesign(t, "full.yaml")
	d.Secret.KMSKeyARN = "alias/payments"
	d.Rotation.HostedRotationLambda.KMSKeyARN = keyARN
	b := tfParse(t, renderTF(t, d))
	stack := tfFind(b, "main.tf", "resource", "aws_serverlessapplicationrepository_cloudformation_stack", "rotation")
	if got := stringMap(tfEval(t, stack.Body.Attributes["parameters"].Expr).AsValueMap())["kmsKeyArn"]; got != keyARN {
		t.Errorf("kmsKeyArn parameter = %q, want the key ARN %s", got, keyARN)
	}
}

// TestConcernPlacement checks that both writers know where every resource a
// rule can concern is, so a waiver never silently loses its home: Terraform
// has a block for each, CloudFormation a logical ID for each except the
// hosted rotation function, which the transform builds from the schedule.
func TestConcernPlacement(t *testing.T) {
	for c := blueprint.ConcernSecret; c <= blueprint.ConcernAlert; c++ {
		if tfConcernAddress[c] == "" {
			t.Errorf("tfConcernAddress lacks concern %d", c)
		}
		if _, ok := cfnConcernResource[c]; ok == (c == blueprint.ConcernRotationFunction) {
			t.Errorf("cfnConcernResource[%d] present = %v", c, ok)
		}
	}
	for _, r := range blueprint.Rules() {
		for _, c := range r.Concerns {
			if tfConcernAddress[c] == "" {
				t.Errorf("rule %s concerns %d, which Terraform cannot place", r.ID, c)
			}
		}
	}
}

// Issue 20, item 2: without the deploy role's exception, the endpoint Deny
// would fail every terraform plan (the provider reads the value at every
// refresh), so Terraform is refused at that statement; CloudFormation,
// which reads no value, is written.
func TestTerraformRefusesRefreshDeny(t *testing.T) {
	d := loadDesign(t, "access-vpce-deny.yaml")
	st := &d.ResourcePolicy.Statements[1]
	st.Condition = st.Condition[:1]
	if st.Condition[0].Key != "aws:SourceVpce" {
		t.Fatalf("design's Deny conditions = %+v, want aws:SourceVpce first", st.Condition)
	}
	_, err := Render(d, Terraform, Options{})
	if err == nil || !strings.Contains(err.Error(), "resourcePolicy.statements[1]") || !strings.Contains(err.Error(), "every refresh") {
		t.Errorf("Render(terraform) error = %v, want one at resourcePolicy.statements[1] about the refresh", err)
	}
	if _, err := Render(d, CloudFormation, Options{}); err != nil {
		t.Errorf("Render(cloudformation) error = %v", err)
	}
}
