package generate

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestCloudFormationRotationWorks reads every written template back and
// checks what a hosted rotation function and the monitoring need once
// deployed: the secret's JSON template carries engine, host (or the
// database is attached), username, and masterarn exactly for the types
// that sign in as the master user (MasterSecretArn too); the change alert names every event in blueprint.ChangeEvents.
func TestCloudFormationRotationWorks(t *testing.T) {
	hostedCases := 0
	for _, c := range cfnCases(t) {
		d := c.design
		doc := cfnDecodeJSON(t, renderCfn(t, d, CloudFormationJSON))
		res, _ := doc["Resources"].(map[string]any)
		prop := func(id string, path ...string) any {
			var v any = res[id]
			for _, p := range append([]string{"Properties"}, path...) {
				m, _ := v.(map[string]any)
				v = m[p]
			}
			return v
		}
		if rt, ok := d.HostedRotationType(); ok && !d.IsExisting() {
			hostedCases++
			tmpl, _ := prop(idSecret, "GenerateSecretString", "SecretStringTemplate").(string)
			var secret map[string]any
			if err := json.Unmarshal([]byte(tmpl), &secret); err != nil {
				t.Errorf("%s: SecretStringTemplate %q is not JSON: %v", c.name, tmpl, err)
				continue
			}
			if e, _ := secret["engine"].(string); !slices.Contains(rt.Engines, e) {
				t.Errorf("%s: engine %q, want one of %v", c.name, e, rt.Engines)
			}
			_, attached := res[idSecretTargetAttachment]
			if _, ok := secret["host"]; !ok && !attached {
				t.Errorf("%s: the secret has no host and no target attachment: %s", c.name, tmpl)
			}
			if u, _ := secret["username"].(string); u == "" {
				t.Errorf("%s: the secret has no username: %s", c.name, tmpl)
			}
			if _, ok := secret["masterarn"]; ok != rt.NeedsMaster {
				t.Errorf("%s: masterarn present = %v for %s, want %v: %s", c.name, ok, rt.Name, rt.NeedsMaster, tmpl)
			}
			// Issue 20, item 10: rotated values keep the first value's
			// alphabet.
			x, _ := prop(idSecretRotationSchedule, "HostedRotationLambda", "ExcludeCharacters").(string)
			if g := d.Secret.GenerateSecretString; x != d.RotationExcludeCharacters() ||
				d.Rotation.HostedRotationLambda.ExcludeCharacters == "" && g != nil && x != g.ExcludeCharacters {
				t.Errorf("%s: the function's ExcludeCharacters %q, want the secret's %q", c.name, x, d.RotationExcludeCharacters())
			}
			// The transform grants the function's role the master secret
			// only through MasterSecretArn (issue 20: Db2SingleUser too).
			if m, _ := prop(idSecretRotationSchedule, "HostedRotationLambda", "MasterSecretArn").(string); rt.NeedsMaster && (m == "" || m != secret["masterarn"]) {
				t.Errorf("%s: MasterSecretArn %q, want the secret's masterarn %v", c.name, m, secret["masterarn"])
			}
			if key, _ := prop(idSecret, "GenerateSecretString", "GenerateStringKey").(string); key != "password" {
				t.Errorf("%s: GenerateStringKey %q, want password", c.name, key)
			}
			if attached {
				deps, _ := res[idSecretRotationSchedule].(map[string]any)["DependsOn"].([]any)
				if !slices.Contains(deps, any(idSecretTargetAttachment)) {
					t.Errorf("%s: the rotation schedule does not depend on the attachment: %v", c.name, deps)
				}
			}
		}
		_, hasRule := res[idSecretChangedRule]
		if hasRule != d.Monitoring.ChangeAlertOn() {
			t.Errorf("%s: change rule present = %v, want %v", c.name, hasRule, d.Monitoring.ChangeAlertOn())
		}
		if hasRule {
			names, _ := prop(idSecretChangedRule, "EventPattern", "detail", "eventName").([]any)
			for _, e := range blueprint.ChangeEvents {
				if !slices.Contains(names, any(e)) {
					t.Errorf("%s: change rule pattern lacks %s: %v", c.name, e, names)
				}
			}
			// Which calls it matches: TestChangeAlertHearsEveryCall.
		}
	}
	if hostedCases < 16 {
		t.Errorf("checked %d hosted-rotation designs, want at least the 16 rotation types", hostedCases)
	}
}

// TestTerraformRotationWorks is TestCloudFormationRotationWorks for
// Terraform: the secret's first value, evaluated with every reference as a
// placeholder, carries engine, host (or the data source's address),
// username, and masterarn exactly for the types that sign in as the master
// user (the application's masterSecretArn too); the change rule
// names every change event.
func TestTerraformRotationWorks(t *testing.T) {
	hostedCases := 0
	for _, c := range goldenCases(t) {
		d := c.design
		files, err := Render(d, Terraform, Options{})
		if err != nil {
			t.Fatalf("%s: Render(terraform) = %v", c.name, err)
		}
		bodies := tfParse(t, files)
		if rt, ok := d.HostedRotationType(); ok && !d.IsExisting() {
			hostedCases++
			v := tfFind(bodies, "main.tf", "resource", "aws_secretsmanager_secret_version", "initial")
			if v == nil {
				t.Errorf("%s: no initial secret version", c.name)
				continue
			}
			js := tfEval(t, v.Body.Attributes["secret_string_wo"].Expr).AsString()
			var secret map[string]any
			if err := json.Unmarshal([]byte(js), &secret); err != nil {
				t.Errorf("%s: secret_string_wo is not JSON: %s", c.name, js)
				continue
			}
			if e, _ := secret["engine"].(string); !slices.Contains(rt.Engines, e) {
				t.Errorf("%s: engine %q, want one of %v", c.name, e, rt.Engines)
			}
			if h, _ := secret["host"].(string); h == "" {
				t.Errorf("%s: the secret has no host: %s", c.name, js)
			}
			if d.Secret.Database.HasTarget() && secret["host"] != "<data.aws_rds_cluster.database.endpoint>" &&
				secret["host"] != "<data.aws_db_instance.database.address>" && secret["host"] != "<data.aws_redshift_cluster.database.endpoint>" {
				t.Errorf("%s: a target's host is %v, want its data source's", c.name, secret["host"])
			}
			if u, _ := secret["username"].(string); u == "" {
				t.Errorf("%s: the secret has no username: %s", c.name, js)
			}
			if _, ok := secret["masterarn"]; ok != rt.NeedsMaster {
				t.Errorf("%s: masterarn present = %v for %s, want %v", c.name, ok, rt.Name, rt.NeedsMaster)
			}
			// The application grants the function's role the master
			// secret only through masterSecretArn (issue 20: Db2SingleUser
			// too), and excludes the secret's characters (item 10).
			if st := tfFind(bodies, "main.tf", "resource", "aws_serverlessapplicationrepository_cloudformation_stack", "rotation"); st != nil {
				params := tfEval(t, st.Body.Attributes["parameters"].Expr)
				x := ""
				if params.Type().HasAttribute("excludeCharacters") {
					x = params.GetAttr("excludeCharacters").AsString()
				}
				if want := d.RotationExcludeCharacters(); x != want {
					t.Errorf("%s: the application's excludeCharacters %q, want %q", c.name, x, want)
				}
			}
			if st := tfFind(bodies, "main.tf", "resource", "aws_serverlessapplicationrepository_cloudformation_stack", "rotation"); st != nil && rt.NeedsMaster {
				params := tfEval(t, st.Body.Attributes["parameters"].Expr)
				if !params.Type().HasAttribute("masterSecretArn") || params.GetAttr("masterSecretArn").AsString() != secret["masterarn"] {
					t.Errorf("%s: the rotation application's masterSecretArn does not match the secret's masterarn %v", c.name, secret["masterarn"])
				}
			}
			if _, ok := secret["password"]; !ok {
				t.Errorf("%s: the secret has no password key: %s", c.name, js)
			}
		}
		r := tfFind(bodies, "main.tf", "resource", "aws_cloudwatch_event_rule", "secret_changed")
		if (r != nil) != d.Monitoring.ChangeAlertOn() {
			t.Errorf("%s: change rule present = %v, want %v", c.name, r != nil, d.Monitoring.ChangeAlertOn())
		}
		if r == nil {
			continue
		}
		var pattern struct {
			Detail struct {
				EventName []string
			} `json:"detail"`
		}
		if err := json.Unmarshal([]byte(tfEval(t, r.Body.Attributes["event_pattern"].Expr).AsString()), &pattern); err != nil {
			t.Fatalf("%s: event_pattern: %v", c.name, err)
		}
		for _, e := range blueprint.ChangeEvents {
			if !slices.Contains(pattern.Detail.EventName, e) {
				t.Errorf("%s: change rule pattern lacks %s: %v", c.name, e, pattern.Detail.EventName)
			}
		}
		// Which calls it matches: TestChangeAlertHearsEveryCall.
	}
	if hostedCases < 16 {
		t.Errorf("checked %d hosted-rotation designs, want at least the 16 rotation types", hostedCases)
	}
}

func TestSubscribeHint(t *testing.T) {
	minimal := loadDesign(t, "minimal.yaml")
	if h := SubscribeHint(minimal, Terraform); !strings.Contains(h, "terraform output alert_topic_arn") || !strings.Contains(h, "aws sns subscribe") {
		t.Errorf("SubscribeHint(minimal, terraform) = %q, want how to subscribe, with the output's name", h)
	}
	if h := SubscribeHint(minimal, CloudFormation); !strings.Contains(h, "AlertTopicArn") {
		t.Errorf("SubscribeHint(minimal, cloudformation) = %q, want the AlertTopicArn output named", h)
	}
	for _, name := range []string{"full.yaml", "existing-topic.yaml"} {
		if h := SubscribeHint(loadDesign(t, name), CloudFormation); h != "" {
			t.Errorf("SubscribeHint(%s) = %q, want none: someone is subscribed or the topic is not ours", name, h)
		}
	}
}

// TestTerraformDatabaseTargets: each target type Terraform can read gets its
// data source, and the two it cannot are refused with a message naming the
// field and what to do instead.
func TestTerraformDatabaseTargets(t *testing.T) {
	for typ, want := range map[string]string{
		"AWS::RDS::DBInstance":   `data "aws_db_instance" "database"`,
		"AWS::RDS::DBCluster":    `data "aws_rds_cluster" "database"`,
		"AWS::Redshift::Cluster": `data "aws_redshift_cluster" "database"`,
		"AWS::DocDB::DBInstance": `data "aws_db_instance" "database"`,
		"AWS::DocDB::DBCluster":  `data "aws_rds_cluster" "database"`,
	} {
		d := loadDesign(t, "target-multiuser.yaml")
		d.Secret.Database.TargetType = typ
		files, err := Render(d, Terraform, Options{})
		if err != nil {
			t.Errorf("%s: Render = %v", typ, err)
			continue
		}
		for _, f := range files {
			if f.Name == "main.tf" && !strings.Contains(string(f.Data), want) {
				t.Errorf("%s: main.tf lacks %s", typ, want)
			}
		}
	}
	d := loadDesign(t, "target-multiuser.yaml")
	d.Secret.Database.TargetType = "AWS::RedshiftServerless::Namespace"
	if _, err := Render(d, Terraform, Options{}); err == nil || !strings.Contains(err.Error(), "secret.database.targetType") || !strings.Contains(err.Error(), "host") {
		t.Errorf("Render(Redshift Serverless target, terraform) = %v, want an error naming targetType and offering host", err)
	}
	if _, err := Render(d, CloudFormation, Options{}); err != nil {
		t.Errorf("Render(Redshift Serverless target, cloudformation) = %v; the attachment supports it", err)
	}
	d = loadDesign(t, "existing-secret.yaml")
	d.Secret.Database = &blueprint.Database{Username: "app", TargetType: "AWS::RDS::DBCluster", TargetID: "legacy"}
	if _, err := Render(d, Terraform, Options{}); err == nil || !strings.Contains(err.Error(), "existing secret") {
		t.Errorf("Render(existing secret with a target, terraform) = %v, want an error saying why", err)
	}
	files, err := Render(d, CloudFormation, Options{})
	if err != nil || !strings.Contains(string(files[0].Data), "AWS::SecretsManager::SecretTargetAttachment") {
		t.Errorf("Render(existing secret with a target, cloudformation) = %v; want the attachment", err)
	}
}
