package generate

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestCloudFormationRotationWorks reads every written template back and
// checks what a hosted rotation function and the monitoring need once
// deployed: the secret's JSON template carries engine, host (or the
// database is attached), username, and masterarn exactly for multi-user
// rotation; the change alert names every event in blueprint.ChangeEvents.
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
			if _, ok := secret["masterarn"]; ok != rt.MultiUser {
				t.Errorf("%s: masterarn present = %v for %s, want %v: %s", c.name, ok, rt.Name, rt.MultiUser, tmpl)
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
			ids, _ := prop(idSecretChangedRule, "EventPattern", "detail", "requestParameters", "secretId").([]any)
			if len(ids) != 2 || ids[1] != secretName(d) {
				t.Errorf("%s: change rule matches %v, want the secret's ARN and its name %q", c.name, ids, secretName(d))
			}
		}
	}
	if hostedCases < 16 {
		t.Errorf("checked %d hosted-rotation designs, want at least the 16 rotation types", hostedCases)
	}
}
