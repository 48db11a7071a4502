package scan

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestPlanAgreesWithConfiguration holds issue 21 item 9: a check of a
// plan and of the same configuration agree on every rule, at the same
// places, for every corpus configuration that has a plan beside it
// (plan.json, written by hand to the documented format, since no
// provider runs here). The same plan read without its configuration
// agrees on every rule too, with the places in the plan file.
func TestPlanAgreesWithConfiguration(t *testing.T) {
	plans, _ := filepath.Glob("testdata/tf/*/plan.json")
	if len(plans) == 0 {
		t.Fatal("no corpus configuration has a plan")
	}
	for _, planPath := range plans {
		dir := filepath.Dir(planPath)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			static, err := Terraform(dir)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(planPath)
			if err != nil {
				t.Fatal(err)
			}
			if !IsTerraformPlan(data) {
				t.Fatal("not recognised as a plan")
			}
			plan, err := TerraformPlan(planPath, data)
			if err != nil {
				t.Fatal(err)
			}
			compareResults(t, static, plan, true)
			checkExpectations(t, plan, readExpectations(t, filepath.Join(dir, "main.tf")))

			// The plan alone, away from its configuration.
			alone := filepath.Join(t.TempDir(), "plan.json")
			if err := os.WriteFile(alone, data, 0o600); err != nil {
				t.Fatal(err)
			}
			bare, err := TerraformPlan(alone, data)
			if err != nil {
				t.Fatal(err)
			}
			compareResults(t, static, bare, false)
			for _, s := range bare.Secrets {
				if s.Pos.File != alone || s.Pos.Line < 2 {
					t.Errorf("%s: placed at %s, want its address in the plan", s.ID, s.Pos)
				}
			}
		})
	}
}

// compareResults checks that two readings have the same secrets with the
// same status for every rule (and, with places, the same place).
func compareResults(t *testing.T, want, got *Result, places bool) {
	t.Helper()
	byID := map[string]*Secret{}
	for _, s := range got.Secrets {
		byID[s.ID] = s
	}
	if len(got.Secrets) != len(want.Secrets) {
		var ids []string
		for _, s := range got.Secrets {
			ids = append(ids, s.ID)
		}
		t.Errorf("plan has %d secrets %v, configuration %d", len(got.Secrets), ids, len(want.Secrets))
	}
	for _, ws := range want.Secrets {
		gs := byID[ws.ID]
		if gs == nil {
			t.Errorf("plan has no secret %s", ws.ID)
			continue
		}
		wr, gr := ws.Check(), gs.Check()
		for i, w := range wr.Results {
			g := gr.Results[i]
			if w.Status != g.Status {
				t.Errorf("%s %s: plan %v, configuration %v (plan findings %v note %q unknown %v)", ws.ID, w.Rule.ID, g.Status, w.Status, g.Findings, g.Note, gs.Unknown)
				continue
			}
			if places && w.Status != blueprint.StatusNotApplicable {
				if wp, gp := ws.LocateRule(w), gs.LocateRule(g); wp != gp {
					t.Errorf("%s %s: plan places it at %s, configuration at %s", ws.ID, w.Rule.ID, gp, wp)
				}
			}
		}
	}
}

// FuzzTerraformPlan feeds the plan reader arbitrary JSON, seeded with the
// corpus plans: it never panics, and what it reads is checkable.
func FuzzTerraformPlan(f *testing.F) {
	files, _ := filepath.Glob("testdata/plans/*.json")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[{"address":"module.a[\"x\"]","resources":[{"address":"module.a[\"x\"].aws_secretsmanager_secret_policy.p","mode":"managed","type":"aws_secretsmanager_secret_policy","name":"p","values":{"policy":"{\"Statement\":{}}"}}]}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_secretsmanager_secret_rotation.r","mode":"managed","type":"aws_secretsmanager_secret_rotation","name":"r","values":{"rotation_rules":[[[]]]}}]}},"resource_changes":[{"address":"aws_secretsmanager_secret_rotation.r","change":{"after_unknown":{"secret_id":true,"rotation_rules":[true]}}}],"configuration":{"root_module":{"resources":[{"address":"aws_secretsmanager_secret_rotation.r","mode":"managed","type":"aws_secretsmanager_secret_rotation","name":"r","expressions":{"secret_id":{"references":["each.value","data.x.y[0].z"]}},"for_each_expression":{"references":["aws_secretsmanager_secret.s"]}}]}}}`))
	dir := f.TempDir()
	path := filepath.Join(dir, "plan.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := TerraformPlan(path, data)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error %T is not a SyntaxError: %v", err, err)
			}
			return
		}
		for _, s := range res.Secrets {
			for _, r := range s.Check().Results {
				s.LocateRule(r)
			}
		}
	})
}
