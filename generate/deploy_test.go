package generate

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Issue 20: the calls the actors of a deployment make, checked on the
// templates as written (read back from CloudFormation JSON and Terraform),
// not on the design or the access model.

// keyAllows reports whether a statement of the key policy names principal
// and lets it call action through Secrets Manager in the region the
// template deploys to: an Allow whose AWS principal lists it, whose actions
// (or a pattern ending in *) cover action, and whose kms:ViaService, when
// present, holds that region's Secrets Manager. The account statement does
// not count: it only delegates to IAM policies, which cannot name a key
// created by the same deployment.
func keyAllows(p *parsedPolicy, principal, action string) bool {
	via := "secretsmanager." + hereRegion + "." + hereSuffix
	for _, st := range p.Statement {
		if st["Effect"] != "Allow" {
			continue
		}
		pr, _ := st["Principal"].(map[string]any)
		if pr == nil || !slices.Contains(strs(pr["AWS"]), principal) {
			continue
		}
		if !slices.ContainsFunc(strs(st["Action"]), func(a string) bool {
			return a == action || strings.HasSuffix(a, "*") && strings.HasPrefix(action, strings.TrimSuffix(a, "*"))
		}) {
			continue
		}
		ok := true
		for _, c := range conditions(st) {
			if c[1] == "kms:ViaService" && !slices.Contains(c[2].([]string), via) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// ownFunctionCases are the golden designs rotated by your own function.
func ownFunctionCases(t *testing.T) []goldenCase {
	var out []goldenCase
	for _, c := range goldenCases(t) {
		if ownFunction(c.design) {
			out = append(out, c)
		}
	}
	if len(out) < 3 {
		t.Fatalf("found %d golden designs with their own rotation function, want several", len(out))
	}
	return out
}

// TestOwnFunctionRuns holds item 1 in every format: Secrets Manager may
// invoke your own rotation function (a Lambda permission for
// secretsmanager.amazonaws.com, limited to this account, created before the
// rotation schedule that invokes it at once), and when secretsmith creates
// the key, the key policy lets the function's role decrypt and generate
// data keys through Secrets Manager.
func TestOwnFunctionRuns(t *testing.T) {
	for _, c := range ownFunctionCases(t) {
		d := c.design
		fn, role := d.Rotation.RotationLambdaARN, d.Rotation.RotationLambdaRoleARN
		checkKey := func(t *testing.T, key *parsedPolicy) {
			t.Helper()
			if !d.CreatesKey() {
				return
			}
			if key == nil {
				t.Fatalf("the template creates no key for the secret")
			}
			for _, a := range []string{"kms:Decrypt", "kms:GenerateDataKey"} {
				if !keyAllows(key, role, a) {
					t.Errorf("the key policy does not let the function's role %s call %s through Secrets Manager", role, a)
				}
			}
		}
		if !c.terraformOnly {
			t.Run(c.name+"/cloudformation", func(t *testing.T) {
				data := renderCfn(t, d, CloudFormationJSON)
				var tmpl struct {
					Resources map[string]struct {
						Type       string
						DependsOn  []string
						Properties map[string]any
					}
				}
				if err := json.Unmarshal(data, &tmpl); err != nil {
					t.Fatal(err)
				}
				var perm, schedule string
				for id, r := range tmpl.Resources {
					switch r.Type {
					case "AWS::Lambda::Permission":
						p := r.Properties
						if p["FunctionName"] == fn && p["Principal"] == "secretsmanager.amazonaws.com" && p["Action"] == "lambda:InvokeFunction" &&
							cfnResolve(p["SourceAccount"]) == "HERE-ACCOUNT" {
							perm = id
						}
					case "AWS::SecretsManager::RotationSchedule":
						schedule = id
					}
				}
				if perm == "" {
					t.Fatalf("no AWS::Lambda::Permission lets secretsmanager.amazonaws.com invoke %s for this account", fn)
				}
				if !slices.Contains(tmpl.Resources[schedule].DependsOn, perm) {
					t.Errorf("the rotation schedule, which rotates at once, does not depend on %s", perm)
				}
				path := filepath.Join(t.TempDir(), "t.json")
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				checkKey(t, parseCFNOutput(t, path).keyPolicy)
			})
		}
		t.Run(c.name+"/terraform", func(t *testing.T) {
			files := renderTF(t, d)
			dir := t.TempDir()
			var main []byte
			for _, f := range files {
				if f.Name == "main.tf" {
					main = f.Data
				}
			}
			path := filepath.Join(dir, "main.tf")
			if err := os.WriteFile(path, main, 0o644); err != nil {
				t.Fatal(err)
			}
			file, diags := hclsyntax.ParseConfig(main, path, hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			ctx := tfPolicyContext()
			val := func(b *hclsyntax.Block, name string) string {
				a := b.Body.Attributes[name]
				if a == nil {
					return ""
				}
				v, diags := a.Expr.Value(ctx)
				if diags.HasErrors() || !v.IsKnown() || v.Type() != cty.String {
					return ""
				}
				return v.AsString()
			}
			var perm string
			var rotation *hclsyntax.Block
			for _, b := range file.Body.(*hclsyntax.Body).Blocks {
				if b.Type != "resource" || len(b.Labels) != 2 {
					continue
				}
				switch b.Labels[0] {
				case "aws_lambda_permission":
					if val(b, "function_name") == fn && val(b, "principal") == "secretsmanager.amazonaws.com" &&
						val(b, "action") == "lambda:InvokeFunction" && val(b, "source_account") == "HERE-ACCOUNT" {
						perm = "aws_lambda_permission." + b.Labels[1]
					}
				case "aws_secretsmanager_secret_rotation":
					rotation = b
				}
			}
			if perm == "" {
				t.Fatalf("no aws_lambda_permission lets secretsmanager.amazonaws.com invoke %s for this account", fn)
			}
			var deps []string
			if a := rotation.Body.Attributes["depends_on"]; a != nil {
				for _, tr := range a.Expr.Variables() {
					deps = append(deps, tr.RootName()+"."+tr[1].(hcl.TraverseAttr).Name)
				}
			}
			if !slices.Contains(deps, perm) {
				t.Errorf("the rotation, which rotates at once, does not depend on %s (depends_on %v)", perm, deps)
			}
			checkKey(t, parseTFOutput(t, path).keyPolicy)
		})
	}
}

// TestOwnFunctionKeyStatementNeedsRole checks the other side: without
// rotationLambdaRoleArn a design whose key secretsmith creates is refused
// at that field in every format, rather than written with a key that
// refuses the function.
func TestOwnFunctionKeyStatementNeedsRole(t *testing.T) {
	d := loadDesign(t, "minimal.yaml")
	d.Rotation.RotationLambdaRoleARN = ""
	for _, f := range Formats {
		_, err := Render(d, f, Options{})
		ps, _ := err.(blueprint.Problems)
		if len(ps.At("rotation.rotationLambdaRoleArn")) == 0 {
			t.Errorf("Render(%s) = %v, want a problem at rotation.rotationLambdaRoleArn", f, err)
		}
	}
}

// TestPeriodicConfigRulePerSecret holds item 14: the periodic AWS Config
// rule evaluates every secret of the region, so each secret's template
// names its own, even when two designs share a display name, and says so;
// the same design names it the same on every run.
func TestPeriodicConfigRulePerSecret(t *testing.T) {
	names := map[string]string{}
	for _, id := range []string{"prod/db", "prod-db"} {
		d := loadDesign(t, "existing-topic.yaml")
		d.Name, d.Secret.SecretID = "", id
		d.Monitoring.ConfigRules = true
		doc := cfnDecodeJSON(t, renderCfn(t, d, CloudFormationJSON))
		name, _ := cfnAt(doc, "Resources", idConfigRotatedWithinMaxDays, "Properties", "ConfigRuleName").(string)
		desc, _ := cfnAt(doc, "Resources", idConfigRotatedWithinMaxDays, "Properties", "Description").(string)
		if !strings.Contains(desc, "every secret in the region") {
			t.Errorf("%s: the periodic rule's description %q does not say it evaluates every secret", id, desc)
		}
		b := tfParse(t, renderTF(t, d))
		r := tfFind(b, "main.tf", "resource", "aws_config_config_rule", "rotated_within_30_days")
		if tfName := tfEval(t, r.Body.Attributes["name"].Expr).AsString(); tfName != name {
			t.Errorf("%s: Terraform names the periodic rule %q, CloudFormation %q", id, tfName, name)
		}
		names[id] = name
	}
	if names["prod/db"] == names["prod-db"] || names["prod/db"] == "" {
		t.Errorf("the periodic rules of prod/db and prod-db are both named %q", names["prod/db"])
	}
}

// TestTerraformPinsRotationApplication holds item 14: every hosted rotation
// type's application is deployed at a pinned semantic_version.
func TestTerraformPinsRotationApplication(t *testing.T) {
	for _, c := range goldenCases(t) {
		rt, ok := c.design.HostedRotationType()
		if !ok {
			continue
		}
		b := tfParse(t, renderTF(t, c.design))
		st := tfFind(b, "main.tf", "resource", "aws_serverlessapplicationrepository_cloudformation_stack", "rotation")
		a := st.Body.Attributes["semantic_version"]
		want, _ := rt.SemanticVersion(c.design.Partition())
		if a == nil || tfEval(t, a.Expr).AsString() != want {
			t.Errorf("%s: the rotation application is not pinned to %s", c.name, want)
		}
	}
}

// TestEndpointAdmitsVPC holds item 5: the endpoint secretsmith creates has
// private DNS, so every Secrets Manager call in the VPC goes to it, and its
// security group admits HTTPS from the VPC's CIDR block (IPv4 or IPv6), not
// only from the rotation function, in every format.
func TestEndpointAdmitsVPC(t *testing.T) {
	for _, cidr := range []string{"10.20.0.0/16", "2001:db8:1234::/56"} {
		d := loadDesign(t, "target-multiuser.yaml")
		d.Rotation.HostedRotationLambda.VPCCIDR = cidr
		key, tfAttr := "CidrIp", "cidr_ipv4"
		if strings.Contains(cidr, ":") {
			key, tfAttr = "CidrIpv6", "cidr_ipv6"
		}
		doc := cfnDecodeJSON(t, renderCfn(t, d, CloudFormationJSON))
		if cfnAt(doc, "Resources", idSecretsManagerEndpoint, "Properties", "PrivateDnsEnabled") != true {
			t.Fatalf("the endpoint has no private DNS; this test is about what that implies")
		}
		ingress, _ := cfnAt(doc, "Resources", idRotationEndpointGroup, "Properties", "SecurityGroupIngress").([]any)
		if !slices.ContainsFunc(ingress, func(x any) bool {
			m, _ := x.(map[string]any)
			return m[key] == cidr && m["IpProtocol"] == "tcp" && fmt.Sprint(m["FromPort"]) == "443" && fmt.Sprint(m["ToPort"]) == "443"
		}) {
			t.Errorf("CloudFormation: the endpoint's security group does not admit 443 from %s: %v", cidr, ingress)
		}
		b := tfParse(t, renderTF(t, d))
		found := false
		for _, blk := range b["main.tf"].Blocks {
			if blk.Type != "resource" || blk.Labels[0] != "aws_vpc_security_group_ingress_rule" || blk.Body.Attributes[tfAttr] == nil {
				continue
			}
			sg := blk.Body.Attributes["security_group_id"].Expr.Variables()
			found = found || tfEval(t, blk.Body.Attributes[tfAttr].Expr).AsString() == cidr &&
				len(sg) == 1 && sg[0].RootName() == "aws_security_group" &&
				tfEval(t, blk.Body.Attributes["from_port"].Expr).AsBigFloat().String() == "443"
		}
		if !found {
			t.Errorf("Terraform: no ingress rule of the endpoint's security group admits 443 from %s", cidr)
		}
	}
}

// eventMatches is EventBridge's matching of an event against a pattern, for
// the parts of the pattern language the generated rules use: a list of
// values (strings, or {"prefix": ...}) matches a field whose value is one of
// them; an object matches field by field; "$or" holds when one of its
// patterns does. A field the event lacks matches nothing.
func eventMatches(pattern, event any) bool {
	p, _ := pattern.(map[string]any)
	e, _ := event.(map[string]any)
	for k, want := range p {
		if k == "$or" {
			alts, _ := want.([]any)
			if !slices.ContainsFunc(alts, func(a any) bool { return eventMatches(a, event) }) {
				return false
			}
			continue
		}
		got, ok := e[k]
		if !ok {
			return false
		}
		switch w := want.(type) {
		case map[string]any:
			if !eventMatches(w, got) {
				return false
			}
		case []any:
			s, _ := got.(string)
			if !slices.ContainsFunc(w, func(v any) bool {
				if m, ok := v.(map[string]any); ok {
					pre, _ := m["prefix"].(string)
					return pre != "" && strings.HasPrefix(s, pre)
				}
				return v == s
			}) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// TestChangeAlertHearsEveryCall holds item 12 in every format: the change
// rule, read back from the template with the secret's ARN filled in as
// deployed, matches each change event however the caller named the secret
// (its ARN, its partial ARN, its name) and when only the response names it
// (arn, or the aRN spelling), and not a call on another secret. The failure
// rule matches TestRotationFailed too.
func TestChangeAlertHearsEveryCall(t *testing.T) {
	const region, account = "eu-west-1", "210987654321"
	for _, c := range goldenCases(t) {
		d := c.design
		if !d.Monitoring.ChangeAlertOn() {
			continue
		}
		name := secretName(d)
		arn := "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-AbCdEf"
		if d.IsExisting() {
			arn = d.Secret.ExistingSecretARN
		}
		patterns := map[string]map[string]any{}
		if !c.terraformOnly {
			doc := cfnDecodeJSON(t, renderCfn(t, d, CloudFormationJSON))
			resolve := strings.NewReplacer("${AWS::Partition}", "aws", "${AWS::Region}", region, "${AWS::AccountId}", account)
			var fill func(v any) any
			fill = func(v any) any {
				switch x := v.(type) {
				case map[string]any:
					if r, ok := x["Ref"]; ok && len(x) == 1 && r == idSecret {
						return arn
					}
					if s, ok := x["Fn::Sub"].(string); ok && len(x) == 1 {
						return resolve.Replace(s)
					}
					out := map[string]any{}
					for k, e := range x {
						out[k] = fill(e)
					}
					return out
				case []any:
					out := make([]any, len(x))
					for i, e := range x {
						out[i] = fill(e)
					}
					return out
				}
				return v
			}
			for _, id := range []string{idSecretChangedRule, idRotationFailedRule} {
				if p, ok := fill(cfnAt(doc, "Resources", id, "Properties", "EventPattern")).(map[string]any); ok {
					patterns["cloudformation/"+id] = p
				}
			}
		}
		b := tfParse(t, renderTF(t, d))
		obj := func(kv map[string]cty.Value) cty.Value { return cty.ObjectVal(kv) }
		ctx := tfPolicyContext()
		vars := ctx.Variables["data"].AsValueMap()
		vars["aws_region"] = obj(map[string]cty.Value{"current": obj(map[string]cty.Value{"region": cty.StringVal(region)})})
		vars["aws_caller_identity"] = obj(map[string]cty.Value{"current": obj(map[string]cty.Value{"account_id": cty.StringVal(account)})})
		ctx.Variables["data"] = obj(vars)
		ctx.Variables["aws_secretsmanager_secret"] = obj(map[string]cty.Value{"this": obj(map[string]cty.Value{"arn": cty.StringVal(arn)})})
		for _, addr := range []string{"secret_changed", "rotation_failed"} {
			r := tfFind(b, "main.tf", "resource", "aws_cloudwatch_event_rule", addr)
			if r == nil {
				continue
			}
			v, diags := r.Body.Attributes["event_pattern"].Expr.Value(ctx)
			if diags.HasErrors() {
				t.Fatalf("%s: %s event_pattern: %v", c.name, addr, diags)
			}
			var p map[string]any
			if err := json.Unmarshal([]byte(v.AsString()), &p); err != nil {
				t.Fatal(err)
			}
			patterns["terraform/"+addr] = p
		}
		call := func(event string, detail map[string]any) map[string]any {
			detail["eventSource"], detail["eventName"] = "secretsmanager.amazonaws.com", event
			return map[string]any{"source": "aws.secretsmanager", "detail-type": "AWS API Call via CloudTrail", "detail": detail}
		}
		for where, p := range patterns {
			if strings.HasSuffix(where, "rotation_failed") || strings.HasSuffix(where, idRotationFailedRule) {
				ev := map[string]any{"source": "aws.secretsmanager", "detail-type": "AWS Service Event via CloudTrail", "detail": map[string]any{
					"eventSource": "secretsmanager.amazonaws.com", "eventName": "TestRotationFailed", "additionalEventData": map[string]any{"SecretId": arn}}}
				if !eventMatches(p, ev) {
					t.Errorf("%s %s: the failure rule does not match TestRotationFailed", c.name, where)
				}
				continue
			}
			for _, e := range blueprint.ChangeEvents {
				for how, detail := range map[string]map[string]any{
					"by ARN":          {"requestParameters": map[string]any{"secretId": arn}},
					"by partial ARN":  {"requestParameters": map[string]any{"secretId": partialARN(arn)}},
					"by name":         {"requestParameters": map[string]any{"secretId": name}},
					"in response arn": {"responseElements": map[string]any{"arn": arn}},
					"in response aRN": {"responseElements": map[string]any{"aRN": arn}},
				} {
					if !eventMatches(p, call(e, detail)) {
						t.Errorf("%s %s: %s naming the secret %s is not matched", c.name, where, e, how)
					}
				}
				if other := call(e, map[string]any{"requestParameters": map[string]any{"secretId": "unrelated/secret"}}); eventMatches(p, other) {
					t.Errorf("%s %s: %s on another secret is matched", c.name, where, e)
				}
			}
			if eventMatches(p, call("GetSecretValue", map[string]any{"requestParameters": map[string]any{"secretId": arn}})) {
				t.Errorf("%s %s: a read is matched as a change", c.name, where)
			}
		}
	}
}

// keyViaServices are the kms:ViaService values of every statement of a key
// policy that lets a principal other than the account itself call
// kms:Decrypt: the reader and rotation-function statements.
func keyViaServices(p *parsedPolicy) map[string]bool {
	out := map[string]bool{}
	for _, st := range p.Statement {
		if st["Effect"] != "Allow" || st["Sid"] == sidKeyAdmin || !slices.Contains(strs(st["Action"]), "kms:Decrypt") {
			continue
		}
		for _, c := range conditions(st) {
			if c[1] == "kms:ViaService" {
				for _, v := range c[2].([]string) {
					out[v] = true
				}
			}
		}
	}
	return out
}

// TestPrimaryKeyOnlyItsRegion holds item 14 on the templates as written:
// for every golden design with replicas whose key secretsmith creates, the
// primary key's statements let callers decrypt through Secrets Manager in
// the region the template deploys to and in no replica region (each
// replica is encrypted with a key of its own region), and each replica key
// Terraform creates is limited to its own region's Secrets Manager.
func TestPrimaryKeyOnlyItsRegion(t *testing.T) {
	here := "secretsmanager." + hereRegion + "." + hereSuffix
	checked := 0
	for _, c := range goldenCases(t) {
		d := c.design
		if !d.CreatesKey() || len(d.Secret.ReplicaRegions) == 0 {
			continue
		}
		check := func(t *testing.T, out accessOutput) {
			t.Helper()
			if out.keyPolicy == nil {
				t.Fatal("the template creates no key for the secret")
			}
			got := keyViaServices(out.keyPolicy)
			if !got[here] || len(got) != 1 {
				t.Errorf("the primary key lets callers decrypt through %v, want only %s", slices.Sorted(maps.Keys(got)), here)
			}
			for r, p := range out.replicaKeys {
				want := "secretsmanager." + r + ".amazonaws.com"
				if got := keyViaServices(p); !got[want] || len(got) != 1 {
					t.Errorf("the %s replica's key lets callers decrypt through %v, want only %s", r, slices.Sorted(maps.Keys(got)), want)
				}
			}
		}
		if !c.terraformOnly {
			t.Run(c.name+"/cloudformation", func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "t.json")
				if err := os.WriteFile(path, renderCfn(t, d, CloudFormationJSON), 0o644); err != nil {
					t.Fatal(err)
				}
				check(t, parseCFNOutput(t, path))
			})
		}
		t.Run(c.name+"/terraform", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "main.tf")
			for _, f := range renderTF(t, d) {
				if f.Name == "main.tf" {
					if err := os.WriteFile(path, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			out := parseTFOutput(t, path)
			if len(out.replicas) != len(d.Secret.ReplicaRegions) {
				t.Errorf("the secret has replicas %v, want %d", out.replicas, len(d.Secret.ReplicaRegions))
			}
			check(t, out)
		})
		checked++
	}
	if checked < 3 {
		t.Errorf("%d golden designs have replicas and a key secretsmith creates, want at least 3 (full, access-replicas-readers, tf-replica-keys)", checked)
	}
}
