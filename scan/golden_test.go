package scan

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// goldenDir is generate's golden matrix: every template secretsmith writes.
const goldenDir = "../generate/testdata/golden"

// TestGoldenCloudFormationMeetsItsRules reads every CloudFormation template
// of the generate golden matrix back and holds it to what its header
// promises: each rule listed as met is met, each rule listed as waived is
// waived, and nothing is left unverifiable.
func TestGoldenCloudFormationMeetsItsRules(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*.cfn.*"))
	if len(files) < 40 {
		t.Fatalf("found %d golden templates; the matrix has more", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := CloudFormation(f, data)
			if err != nil {
				t.Fatalf("CloudFormation: %v", err)
			}
			if len(res.Secrets) != 1 {
				t.Fatalf("read %d secrets, want 1", len(res.Secrets))
			}
			s := res.Secrets[0]
			met, waived := headerRules(t, data)
			report := s.Check()
			for _, r := range report.Results {
				switch {
				case outsideTemplate(r):
				case slices.Contains(met, string(r.Rule.ID)) && r.Status != blueprint.StatusMet:
					t.Errorf("%s: header says met, check says %v %v %s (unknown %v)", r.Rule.ID, r.Status, r.Findings, r.Note, s.Unknown)
				case slices.Contains(waived, string(r.Rule.ID)) && r.Status != blueprint.StatusWaived:
					t.Errorf("%s: header says waived, check says %v %v", r.Rule.ID, r.Status, r.Findings)
				case r.Status == blueprint.StatusCannotVerify:
					t.Errorf("%s: cannot verify (%s) in a generated template", r.Rule.ID, r.Note)
				}
			}
		})
	}
}

// headerRules reads the rules a generated template lists as met and waived
// from its Metadata (YAML and JSON alike).
func headerRules(t *testing.T, data []byte) (met, waived []string) {
	t.Helper()
	v, err := parseYAML("x", data)
	if err != nil {
		t.Fatal(err)
	}
	md := v.get("Metadata").get("secretsmith")
	for _, it := range md.get("rulesMet").itemsOf() {
		met = append(met, it.s)
	}
	for _, it := range md.get("rulesWaived").itemsOf() {
		waived = append(waived, it.get("rule").s)
	}
	if len(met) == 0 {
		t.Fatalf("no rulesMet in %s", strings.SplitN(string(data), "\n", 2)[0])
	}
	return met, waived
}

// TestGoldenTerraformMeetsItsRules does the same for every Terraform
// configuration of the matrix, whose header comment lists the rules.
func TestGoldenTerraformMeetsItsRules(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(goldenDir, "*", "main.tf"))
	if len(dirs) < 20 {
		t.Fatalf("found %d golden configurations; the matrix has more", len(dirs))
	}
	for _, main := range dirs {
		dir := filepath.Dir(main)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(main)
			if err != nil {
				t.Fatal(err)
			}
			var met, waived []string
			for _, line := range strings.Split(string(data), "\n") {
				if l, ok := strings.CutPrefix(line, "# Blueprint rules met: "); ok {
					met = strings.Split(l, ", ")
				}
				if l, ok := strings.CutPrefix(line, "# - "); ok {
					rule, _, _ := strings.Cut(l, ":")
					waived = append(waived, rule)
				}
			}
			if len(met) == 0 {
				t.Fatal("no 'Blueprint rules met' header")
			}
			res, err := Terraform(dir)
			if err != nil {
				t.Fatalf("Terraform: %v", err)
			}
			if len(res.Secrets) != 1 {
				t.Fatalf("read %d secrets, want 1", len(res.Secrets))
			}
			s := res.Secrets[0]
			for _, r := range s.Check().Results {
				switch {
				case outsideTemplate(r):
				case slices.Contains(met, string(r.Rule.ID)) && r.Status != blueprint.StatusMet:
					t.Errorf("%s: header says met, check says %v %v %s", r.Rule.ID, r.Status, r.Findings, r.Note)
				case slices.Contains(waived, string(r.Rule.ID)) && r.Status != blueprint.StatusWaived:
					t.Errorf("%s: header says waived, check says %v %v", r.Rule.ID, r.Status, r.Findings)
				case r.Status == blueprint.StatusCannotVerify:
					t.Errorf("%s: cannot verify (%s) in a generated configuration", r.Rule.ID, r.Note)
				}
			}
		})
	}
}

// outsideTemplate is the one result a generated template cannot settle: a
// design that says its VPC already has an endpoint for Secrets Manager (or
// a NAT route) writes none, so the template alone cannot show it.
func outsideTemplate(r blueprint.RuleResult) bool {
	return r.Rule.ID == blueprint.RuleRotationReachesSecretsManager && r.Status == blueprint.StatusCannotVerify && r.Note == EndpointUnknown
}
