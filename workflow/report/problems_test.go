package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/workflow"
)

// checkReport is check's report of the one file f in format: what it
// writes to its output and to its error stream.
func checkReport(t *testing.T, format Format, f workflow.Inspected) (out, errb *bytes.Buffer) {
	t.Helper()
	out, errb = &bytes.Buffer{}, &bytes.Buffer{}
	rw, err := NewCheck(format, out, errb, false, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := rw.File(f); err != nil {
		t.Fatal(err)
	}
	if err := rw.Finish(); err != nil {
		t.Fatal(err)
	}
	return out, errb
}

// TestCheckReportsTemplateProblems: a template's values that Validate
// refuses or warns about are in all three reports, at their lines, in the
// template's words, and none repeats the value (the password written
// under masterarn).
func TestCheckReportsTemplateProblems(t *testing.T) {
	const path = "../../scan/testdata/cfn/field-problems.yaml"
	f := workflow.InspectFile(path, true, scan.Options{})
	if f.Err != nil || len(f.Secrets) != 1 || len(f.Secrets[0].Problems) != 2 {
		t.Fatalf("inspect: %v, %d secrets; want one with two problems", f.Err, len(f.Secrets))
	}
	for _, format := range []Format{Text, JSON, SARIF} {
		out, errb := checkReport(t, format, f)
		text := out.String() + errb.String()
		if strings.Contains(text, "hunter2") {
			t.Errorf("%s: the report repeats the value:\n%s", format, text)
		}
		switch format {
		case Text:
			for _, want := range []string{
				"WARNING  " + path + ":12:7  Description: holds U+202E",
				"INVALID  " + path + ":14:9  GenerateSecretString.SecretStringTemplate: gives masterarn a value that is not valid",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("text lacks %q:\n%s", want, text)
				}
			}
		case JSON:
			var doc CheckDocument
			if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			ps := doc.Files[0].Secrets[0].Problems
			if len(ps) != 2 || ps[1].Severity != "error" || ps[1].Path != "GenerateSecretString.SecretStringTemplate" || ps[1].Location.Line != 14 {
				t.Errorf("JSON problems %+v", ps)
			}
			if doc.Summary.Invalid != 1 {
				t.Errorf("summary counts %d invalid values, want 1", doc.Summary.Invalid)
			}
		case SARIF:
			var log struct {
				Runs []struct {
					Results []struct {
						RuleID  string                `json:"ruleId"`
						Level   string                `json:"level"`
						Message struct{ Text string } `json:"message"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(out.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			rep, err := sarif.FromBytes(out.Bytes())
			if err == nil {
				err = rep.Validate()
			}
			if err != nil {
				t.Errorf("the SARIF does not validate against the 2.1.0 schema: %v", err)
			}
			found := false
			for _, r := range log.Runs[0].Results {
				found = found || r.RuleID == "invalid-value" && r.Level == "error" && strings.Contains(r.Message.Text, "GenerateSecretString.SecretStringTemplate: gives masterarn")
			}
			if !found {
				t.Errorf("SARIF has no invalid-value result for the masterarn:\n%s", text)
			}
		}
	}
}

// TestCheckSARIFDesignProblems: a design file's own problems (a secretId
// Secrets Manager refuses) are invalid-value results in SARIF, at their
// lines, as the text report prints them on the error stream; they were
// missing from SARIF altogether.
func TestCheckSARIFDesignProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "design.yaml")
	if err := os.WriteFile(path, []byte(`version: 1
secret:
  secretId: "prod payments!db"
  generateSecretString: {passwordLength: 32}
  tags: {owner: payments}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	f := workflow.InspectFile(path, true, scan.Options{})
	if f.Err != nil || f.Format != "design" || len(f.FileProblems) == 0 {
		t.Fatalf("inspect: %v, format %q, problems %v", f.Err, f.Format, f.FileProblems)
	}
	out, _ := checkReport(t, SARIF, f)
	rep, err := sarif.FromBytes(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	found := false
	for _, r := range rep.Runs[0].Results {
		if r.RuleID == nil || *r.RuleID != "invalid-value" {
			continue
		}
		loc := r.Locations[0].PhysicalLocation
		if strings.HasPrefix(*r.Message.Text, "secret.secretId: ") && *loc.Region.StartLine == 3 && r.Level == "error" {
			found = true
		}
	}
	if !found {
		t.Errorf("no invalid-value result for secret.secretId at line 3:\n%s", out.String())
	}
}
