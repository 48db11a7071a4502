package generate

import (
	"encoding/json"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// A created key's administrators must not be able to grant themselves use of
// the key: kms:Create* (which includes CreateGrant) once slipped into the
// CloudFormation key policy while Terraform left it out. Both formats now
// take the list from keypolicy.go; this holds every output to it.
func TestKeyPoliciesGrantNoGrants(t *testing.T) {
	for _, c := range goldenCases(t) {
		for _, f := range c.formats() {
			files, err := Render(c.design, f, Options{Version: "test"})
			if err != nil {
				t.Fatalf("%s %s: %v", c.name, f, err)
			}
			for _, file := range files {
				for _, banned := range []string{`kms:Create*`, `kms:CreateGrant`, `kms:*"`} {
					if strings.Contains(string(file.Data), banned) {
						t.Errorf("%s %s %s grants %s", c.name, f, file.Name, banned)
					}
				}
				if c.design.Secret.KMSKeyARN == "" && !c.design.IsExisting() {
					for _, sid := range []string{sidKeyAdmin, sidKeyUseViaSecrets} {
						if !strings.Contains(string(file.Data), sid) && !strings.HasSuffix(file.Name, "versions.tf") && !strings.HasSuffix(file.Name, "outputs.tf") {
							t.Errorf("%s %s %s lacks key policy statement %s", c.name, f, file.Name, sid)
						}
					}
				}
			}
		}
	}
}

// A parsed policy: the JSON a template would hand to AWS.
type parsedPolicy struct {
	Statement []map[string]any
}

// TestGoldenAccessWorks reads every golden CloudFormation and Terraform
// output back, and checks from the policies written there (not from the
// access model) that each principal the resource policy lets read the value
// can decrypt it with a key secretsmith creates, that no Deny to everyone
// covers management actions without an exception, and that no Deny stops
// the rotation function.
func TestGoldenAccessWorks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.cfn.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no CloudFormation goldens (err %v)", err)
	}
	tfs, err := filepath.Glob(filepath.Join(goldenDir, "*", "main.tf"))
	if err != nil || len(tfs) == 0 {
		t.Fatalf("no Terraform goldens (err %v)", err)
	}
	checked := 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out := parseCFNOutput(t, f)
			checkAccessWorks(t, out)
			checked++
		})
	}
	for _, f := range tfs {
		t.Run(filepath.Base(filepath.Dir(f))+"/main.tf", func(t *testing.T) {
			out := parseTFOutput(t, f)
			checkAccessWorks(t, out)
			checked++
		})
	}
	want := 0
	for _, c := range goldenCases(t) {
		want += min(len(c.formats()), 2) // one CloudFormation JSON and one Terraform output
	}
	if checked < want {
		t.Errorf("checked %d outputs, want at least one per case and format", checked)
	}
}

// accessOutput is what one template says about access.
type accessOutput struct {
	resourcePolicy *parsedPolicy
	// keyPolicy is the policy of the key the template creates for the
	// secret, nil when the secret's key is given.
	keyPolicy *parsedPolicy
	rotates   bool
	// replicas are the replica regions.
	replicas []string
	// replicaKeys are the policies of the keys the template creates for
	// replica regions, by region.
	replicaKeys map[string]*parsedPolicy
}

// The placeholders the parsers put for the region and DNS suffix the
// template deploys to.
const (
	hereRegion = "HERE-REGION"
	hereSuffix = "HERE-SUFFIX"
)

func parseCFNOutput(t *testing.T, path string) accessOutput {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var tmpl struct {
		Resources map[string]struct {
			Type       string
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(data, &tmpl); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	var out accessOutput
	for id, r := range tmpl.Resources {
		switch r.Type {
		case "AWS::SecretsManager::ResourcePolicy":
			out.resourcePolicy = toPolicy(t, cfnResolve(r.Properties["ResourcePolicy"]))
		case "AWS::SecretsManager::RotationSchedule":
			out.rotates = true
		case "AWS::SecretsManager::Secret":
			if k, ok := r.Properties["KmsKeyId"].(map[string]any); ok {
				if ga, ok := k["Fn::GetAtt"].([]any); ok {
					key := tmpl.Resources[ga[0].(string)]
					if key.Type != "AWS::KMS::Key" {
						t.Fatalf("%s: the secret's key %v is a %s", id, ga, key.Type)
					}
					out.keyPolicy = toPolicy(t, cfnResolve(key.Properties["KeyPolicy"]))
				}
			}
			if rs, ok := r.Properties["ReplicaRegions"].([]any); ok {
				for _, x := range rs {
					out.replicas = append(out.replicas, x.(map[string]any)["Region"].(string))
				}
			}
		}
	}
	return out
}

// cfnResolve turns Fn::Sub of the pseudo parameters into text and Ref
// AWS::AccountId into a placeholder, so policies compare as plain JSON.
func cfnResolve(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["Fn::Sub"].(string); ok && len(x) == 1 {
			return strings.NewReplacer("${AWS::Region}", hereRegion, "${AWS::URLSuffix}", hereSuffix,
				"${AWS::Partition}", "aws", "${AWS::AccountId}", "HERE-ACCOUNT").Replace(s)
		}
		if r, ok := x["Ref"].(string); ok && len(x) == 1 && r == "AWS::AccountId" {
			return "HERE-ACCOUNT"
		}
		out := map[string]any{}
		for k, e := range x {
			out[k] = cfnResolve(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cfnResolve(e)
		}
		return out
	}
	return v
}

func toPolicy(t *testing.T, v any) *parsedPolicy {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var p parsedPolicy
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("policy %s: %v", b, err)
	}
	return &p
}

// tfPolicyContext evaluates policies with the data sources as placeholders.
func tfPolicyContext() *hcl.EvalContext {
	obj := func(kv map[string]cty.Value) cty.Value { return cty.ObjectVal(kv) }
	return &hcl.EvalContext{
		Variables: map[string]cty.Value{"data": obj(map[string]cty.Value{
			"aws_region":          obj(map[string]cty.Value{"current": obj(map[string]cty.Value{"region": cty.StringVal(hereRegion)})}),
			"aws_partition":       obj(map[string]cty.Value{"current": obj(map[string]cty.Value{"partition": cty.StringVal("aws"), "dns_suffix": cty.StringVal(hereSuffix)})}),
			"aws_caller_identity": obj(map[string]cty.Value{"current": obj(map[string]cty.Value{"account_id": cty.StringVal("HERE-ACCOUNT")})}),
		})},
		Functions: map[string]function.Function{"jsonencode": stdlib.JSONEncodeFunc},
	}
}

func parseTFOutput(t *testing.T, path string) accessOutput {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(data, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parse %s: %v", path, diags)
	}
	ctx := tfPolicyContext()
	policyOf := func(b *hclsyntax.Block) *parsedPolicy {
		attr := b.Body.Attributes["policy"]
		v, diags := attr.Expr.Value(ctx)
		if diags.HasErrors() {
			t.Fatalf("%s %v policy: %v", path, b.Labels, diags)
		}
		var p parsedPolicy
		if err := json.Unmarshal([]byte(v.AsString()), &p); err != nil {
			t.Fatalf("%s %v policy: %v", path, b.Labels, err)
		}
		return &p
	}
	var out accessOutput
	var keys = map[string]*hclsyntax.Block{}
	var secret *hclsyntax.Block
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 {
			continue
		}
		switch b.Labels[0] {
		case "aws_secretsmanager_secret_policy":
			out.resourcePolicy = policyOf(b)
		case "aws_secretsmanager_secret_rotation":
			out.rotates = true
		case "aws_kms_key":
			keys[b.Labels[1]] = b
		case "aws_secretsmanager_secret":
			secret = b
		}
	}
	if secret != nil {
		if a, ok := secret.Body.Attributes["kms_key_id"]; ok {
			for _, tr := range a.Expr.Variables() {
				if tr.RootName() == "aws_kms_key" {
					name := tr[1].(hcl.TraverseAttr).Name
					out.keyPolicy = policyOf(keys[name])
				}
			}
		}
		for _, b := range secret.Body.Blocks {
			if b.Type == "replica" {
				v, diags := b.Body.Attributes["region"].Expr.Value(ctx)
				if diags.HasErrors() {
					t.Fatal(diags)
				}
				out.replicas = append(out.replicas, v.AsString())
				a, ok := b.Body.Attributes["kms_key_id"]
				if !ok {
					t.Errorf("%s: replica %s has no key", path, v.AsString())
					continue
				}
				for _, tr := range a.Expr.Variables() {
					if tr.RootName() == "aws_kms_key" {
						if out.replicaKeys == nil {
							out.replicaKeys = map[string]*parsedPolicy{}
						}
						out.replicaKeys[v.AsString()] = policyOf(keys[tr[1].(hcl.TraverseAttr).Name])
					}
				}
			}
		}
	}
	return out
}

// strs reads a policy value that is one string or a list of them.
func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// actionsOf expands a statement's Action or NotAction against the 23
// Secrets Manager actions, written out here with path.Match so the test
// does not lean on the code it checks.
func actionsOf(st map[string]any) map[string]bool {
	match := func(pats []string, a string) bool {
		for _, p := range pats {
			if p == "*" {
				return true
			}
			if ok, _ := path.Match(strings.ToLower(p), strings.ToLower(a)); ok {
				return true
			}
		}
		return false
	}
	out := map[string]bool{}
	not := strs(st["NotAction"])
	for _, a := range blueprint.Actions {
		if not != nil {
			if !match(not, a) {
				out[a] = true
			}
		} else if match(strs(st["Action"]), a) {
			out[a] = true
		}
	}
	return out
}

// conditions flattens a Condition element into operator, key, values rows.
func conditions(st map[string]any) [][3]any {
	var out [][3]any
	c, _ := st["Condition"].(map[string]any)
	for op, keys := range c {
		for k, v := range keys.(map[string]any) {
			out = append(out, [3]any{op, k, strs(v)})
		}
	}
	return out
}

// everyone reports a principal of "*" (bare or as AWS) or a NotPrincipal.
func everyone(st map[string]any) bool {
	if _, ok := st["NotPrincipal"]; ok {
		return true
	}
	switch p := st["Principal"].(type) {
	case string:
		return p == "*"
	case map[string]any:
		return slices.Contains(strs(p["AWS"]), "*")
	}
	return false
}

// hasException reports a negated condition on who the caller is.
func hasException(st map[string]any) bool {
	for _, c := range conditions(st) {
		op, key := c[0].(string), strings.ToLower(c[1].(string))
		if strings.Contains(op, "Not") && op != "NotIpAddress" &&
			(key == "aws:principalarn" || key == "aws:principalaccount" || key == "aws:userid") {
			return true
		}
	}
	return false
}

func checkAccessWorks(t *testing.T, out accessOutput) {
	if out.resourcePolicy == nil {
		return
	}
	for i, st := range out.resourcePolicy.Statement {
		acts := actionsOf(st)
		switch st["Effect"] {
		case "Allow":
			if acts["secretsmanager:GetSecretValue"] && out.keyPolicy != nil {
				// Only Secrets Manager in the primary region decrypts
				// with the primary key: each replica has a key of its
				// own region (issue 20, item 14).
				checkReadersDecrypt(t, i, st, out.keyPolicy, []string{"secretsmanager." + hereRegion + "." + hereSuffix})
			}
			// Each key the template creates in a replica region lets
			// the same readers decrypt there.
			if acts["secretsmanager:GetSecretValue"] {
				for _, r := range slices.Sorted(maps.Keys(out.replicaKeys)) {
					checkReadersDecrypt(t, i, st, out.replicaKeys[r], []string{"secretsmanager." + r + ".amazonaws.com"})
				}
			}
		case "Deny":
			if !everyone(st) || hasException(st) {
				continue
			}
			var mgmt []string
			for a := range acts {
				if a != "secretsmanager:GetSecretValue" && a != "secretsmanager:BatchGetSecretValue" {
					mgmt = append(mgmt, a)
				}
			}
			conds := conditions(st)
			requestOnly := len(conds) > 0
			for _, c := range conds {
				if !(c[0] == "Bool" && c[1] == "aws:SecureTransport" && slices.Equal(c[2].([]string), []string{"false"})) {
					requestOnly = false
				}
			}
			if len(mgmt) > 0 && !requestOnly {
				t.Errorf("resource policy statement %d denies %d management actions to everyone with no exception: %v", i, len(mgmt), st)
			}
			if !out.rotates || requestOnly {
				continue
			}
			needs := false
			for _, a := range blueprint.RotationActions {
				needs = needs || acts[a]
			}
			blocks := len(conds) == 0
			for _, c := range conds {
				key := strings.ToLower(c[1].(string))
				if (key == "aws:sourcevpce" && strings.Contains(c[0].(string), "Not")) || (key == "aws:sourceip" && c[0] == "NotIpAddress") {
					blocks = true
				}
			}
			if needs && blocks {
				t.Errorf("resource policy statement %d blocks the rotation function: %v", i, st)
			}
		}
	}
}

// checkReadersDecrypt finds, for each principal of Allow statement st, a
// statement of keyPolicy that lets it use kms:Decrypt through Secrets
// Manager in each of vias, without a kms:CallerAccount limit.
func checkReadersDecrypt(t *testing.T, i int, st map[string]any, keyPolicy *parsedPolicy, vias []string) {
	t.Helper()
	var want []string // principal values, "*" for everyone
	var callerConds [][3]any
	// Issue 20, item 8: everyone narrowed only by the network decrypts
	// as the account's callers (kms:CallerAccount), as the network
	// condition cannot reach KMS.
	networkOnly := false
	if everyone(st) {
		want = []string{"*"}
		for _, c := range conditions(st) {
			if k := strings.ToLower(c[1].(string)); strings.HasPrefix(k, "aws:principal") {
				callerConds = append(callerConds, c)
			} else if k == "aws:sourcevpce" || k == "aws:sourcevpc" {
				networkOnly = true
			}
		}
		networkOnly = networkOnly && len(callerConds) == 0
	} else {
		p := st["Principal"].(map[string]any)
		for _, v := range append(strs(p["AWS"]), strs(p["Service"])...) {
			if len(v) == 12 && strings.Trim(v, "0123456789") == "" {
				v = "arn:aws:iam::" + v + ":root"
			}
			want = append(want, v)
		}
	}
	for _, who := range want {
		found := false
		for _, ks := range keyPolicy.Statement {
			if ks["Effect"] != "Allow" || !slices.Contains(strs(ks["Action"]), "kms:Decrypt") {
				continue
			}
			var principals []string
			switch p := ks["Principal"].(type) {
			case string:
				principals = []string{p}
			case map[string]any:
				principals = append(strs(p["AWS"]), strs(p["Service"])...)
			}
			if !slices.Contains(principals, who) {
				continue
			}
			conds := conditions(ks)
			ok := true
			var via []string
			for _, c := range conds {
				switch c[1] {
				case "kms:ViaService":
					via = c[2].([]string)
				case "kms:CallerAccount":
					ok = ok && networkOnly
				}
			}
			// Exactly these regions: a region whose Secrets Manager
			// never decrypts with this key has no place in it.
			ok = ok && slices.Equal(slices.Sorted(slices.Values(via)), slices.Sorted(slices.Values(vias)))
			for _, cc := range callerConds {
				ok = ok && slices.ContainsFunc(conds, func(c [3]any) bool {
					return c[0] == cc[0] && c[1] == cc[1] && slices.Equal(c[2].([]string), cc[2].([]string))
				})
			}
			if ok {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("resource policy statement %d lets %s read the secret, but no key policy statement lets it decrypt through Secrets Manager in %v", i, who, vias)
		}
	}
}

// Checkov's CKV_AWS_33 fails any key policy with a "*" principal. The
// reader statement for an organisation-wide read has one, narrowed by the
// organisation and kms:ViaService, so every golden key whose written policy
// allows "*" carries a CKV_AWS_33 skip with its reason, where Checkov reads
// it (CloudFormation Metadata, a comment inside the Terraform block), and no
// other key does.
func TestGoldenKeyWildcardSkip(t *testing.T) {
	allowsEveryone := func(p *parsedPolicy) bool {
		return slices.ContainsFunc(p.Statement, func(st map[string]any) bool { return st["Effect"] == "Allow" && everyone(st) })
	}
	withSkip := 0
	cfns, _ := filepath.Glob(filepath.Join(goldenDir, "*.cfn.json"))
	for _, f := range cfns {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var tmpl struct {
			Resources map[string]struct {
				Type     string
				Metadata struct {
					Checkov struct {
						Skip []struct{ ID, Comment string }
					} `json:"checkov"`
				}
				Properties map[string]any
			}
		}
		if err := json.Unmarshal(data, &tmpl); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for id, r := range tmpl.Resources {
			if r.Type != "AWS::KMS::Key" {
				continue
			}
			want := allowsEveryone(toPolicy(t, cfnResolve(r.Properties["KeyPolicy"])))
			got := slices.ContainsFunc(r.Metadata.Checkov.Skip, func(s struct{ ID, Comment string }) bool {
				return s.ID == "CKV_AWS_33" && strings.Contains(s.Comment, `allows "*" only from `)
			})
			if got != want {
				t.Errorf("%s %s: key policy allows \"*\" %v, CKV_AWS_33 skipped %v", f, id, want, got)
			}
			if got {
				withSkip++
			}
		}
	}
	tfs, _ := filepath.Glob(filepath.Join(goldenDir, "*", "main.tf"))
	for _, f := range tfs {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, diags := hclsyntax.ParseConfig(data, f, hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", f, diags)
		}
		ctx := tfPolicyContext()
		for _, b := range file.Body.(*hclsyntax.Body).Blocks {
			if b.Type != "resource" || b.Labels[0] != "aws_kms_key" {
				continue
			}
			v, diags := b.Body.Attributes["policy"].Expr.Value(ctx)
			if diags.HasErrors() {
				t.Fatalf("%s %v: %v", f, b.Labels, diags)
			}
			var p parsedPolicy
			if err := json.Unmarshal([]byte(v.AsString()), &p); err != nil {
				t.Fatal(err)
			}
			want := allowsEveryone(&p)
			r := b.Range()
			got := strings.Contains(string(data[r.Start.Byte:r.End.Byte]), "\n  #checkov:skip=CKV_AWS_33:AllowDecryptFor")
			if got != want {
				t.Errorf("%s %v: key policy allows \"*\" %v, CKV_AWS_33 skipped %v", f, b.Labels, want, got)
			}
			if got {
				withSkip++
			}
		}
	}
	if withSkip < 4 {
		t.Errorf("%d golden keys skip CKV_AWS_33, want at least the organisation-wide reads in both formats", withSkip)
	}
}
