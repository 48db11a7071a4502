package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/secretsmith/secretsmith/blueprint"
)

// TestCheckSARIF holds the SARIF report to the 2.1.0 schema and to what
// code scanning needs: the rules as the driver's rules, one result per rule
// and secret that needs attention (failed or cannot verify, nothing that
// passed or does not apply), kind and level from the outcome, and the line.
func TestCheckSARIF(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"check", "-o", "sarif", "scan/testdata/cfn/nc-public-policy.yaml", "scan/testdata/cfn/params-unknown.yaml"}, nil, &out, &errb)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d (stderr %s)", code, exitFailure, errb.String())
	}
	rep, err := sarif.FromBytes(out.Bytes())
	if err != nil {
		t.Fatalf("parse SARIF: %v", err)
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("SARIF does not validate against the 2.1.0 schema: %v", err)
	}
	if len(rep.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(rep.Runs))
	}
	r := rep.Runs[0]
	// The blueprint's rules, and invalid-value for the values a template
	// writes down that Validate refuses.
	if got, want := len(r.Tool.Driver.Rules), len(blueprint.Rules())+1; got != want || *r.Tool.Driver.Rules[want-1].ID != "invalid-value" {
		t.Errorf("%d driver rules, want %d, the last invalid-value", got, want)
	}
	for _, res := range r.Results {
		if res.Kind != "fail" && res.Kind != "open" {
			t.Errorf("a result of kind %s: %s", res.Kind, *res.Message.Text)
		}
	}
	if !*r.Invocations[0].ExecutionSuccessful {
		t.Errorf("executionSuccessful is false, though every file was read")
	}
	type key struct{ file, rule string }
	got := map[key]*sarif.Result{}
	for _, res := range r.Results {
		uri := *res.Locations[0].PhysicalLocation.ArtifactLocation.URI
		got[key{uri, *res.RuleID}] = res
	}
	for _, c := range []struct {
		file, rule, kind, level string
		line                    int
	}{
		{"scan/testdata/cfn/nc-public-policy.yaml", "no-public-principal", "fail", "error", 25},
		{"scan/testdata/cfn/params-unknown.yaml", "customer-managed-key", "open", "none", 24},
		{"scan/testdata/cfn/nc-public-policy.yaml", "customer-managed-key", "", "", 0},
		{"scan/testdata/cfn/params-unknown.yaml", "tags-present", "", "", 0},
	} {
		res := got[key{c.file, c.rule}]
		if c.kind == "" {
			if res != nil {
				t.Errorf("%s %s: a result (%s), but it needs no attention", c.file, c.rule, res.Kind)
			}
			continue
		}
		if res == nil {
			t.Errorf("no result for %s in %s", c.rule, c.file)
			continue
		}
		if res.Kind != c.kind || res.Level != c.level {
			t.Errorf("%s %s: kind %s level %s, want %s %s", c.file, c.rule, res.Kind, res.Level, c.kind, c.level)
		}
		if l := *res.Locations[0].PhysicalLocation.Region.StartLine; l != c.line {
			t.Errorf("%s %s: line %d, want %d", c.file, c.rule, l, c.line)
		}
	}
}

// TestCheckJSON covers the JSON report, design files included.
func TestCheckJSON(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"check", "--output", "json", "generate/testdata/designs/waivers.yaml", "scan/testdata/tf/suppressed"}, nil, &out, &errb)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d (the suppressed configuration has no generated value); stderr %s", code, exitFailure, errb.String())
	}
	var rep jsonReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("decode: %v\n%s", err, out.String())
	}
	if len(rep.Files) != 2 || rep.Files[0].Format != "design" || rep.Files[1].Format != "terraform" {
		t.Fatalf("files %+v", rep.Files)
	}
	status := func(f int, rule string) jsonResult {
		for _, r := range rep.Files[f].Secrets[0].Results {
			if r.Rule == rule {
				return r
			}
		}
		t.Fatalf("no %s in file %d", rule, f)
		return jsonResult{}
	}
	if r := status(0, "no-wildcard-actions"); r.Status != "waived" || r.Waiver == nil || r.Location.Line == 0 {
		t.Errorf("design waiver: %+v", r)
	}
	if r := status(1, "customer-managed-key"); r.Status != "waived" || r.Waiver.By != "#trivy:ignore on aws_secretsmanager_secret.dev" {
		t.Errorf("trivy waiver: %+v", r)
	}
	if r := status(1, "generated-value"); r.Status != "failed" || len(r.Findings) != 1 || r.Findings[0].Location.Line != 7 {
		t.Errorf("generated-value: %+v", r)
	}
	if rep.Summary.Secrets != 2 || rep.Summary.Failed == 0 {
		t.Errorf("summary %+v", rep.Summary)
	}
}

// TestCheckNotices: a nested stack that cannot be followed is said in
// every format at its TemplateURL, and fails the run only with --strict.
func TestCheckNotices(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "remote.yaml")
	src := "Resources:\n  Shared:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: s3://templates/shared.yaml\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"check", path}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d, want 0 without --strict (stderr %s)", code, errb.String())
	}
	want := "NOT READ  " + path + ":5:7  Shared: its template is at s3://templates/shared.yaml, which secretsmith does not fetch; the secrets of that stack are not checked"
	if !strings.Contains(out.String(), want) {
		t.Errorf("text report lacks %q:\n%s", want, out.String())
	}
	out.Reset()
	if code := run([]string{"check", "--strict", "-o", "json", path}, nil, &out, &errb); code != exitFailure {
		t.Errorf("--strict: exit %d, want %d", code, exitFailure)
	}
	var rep jsonReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Notices != 1 || len(rep.Files[0].Notices) != 1 || rep.Files[0].Notices[0].Location.Line != 5 || rep.Files[0].Notices[0].Resource != "Shared" {
		t.Errorf("JSON notices %+v, summary %+v", rep.Files[0].Notices, rep.Summary)
	}
	out.Reset()
	run([]string{"check", "-o", "sarif", path}, nil, &out, &errb)
	sr, err := sarif.FromBytes(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := sr.Validate(); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	ns := sr.Runs[0].Invocations[0].ToolExecutionNotifications
	if len(ns) != 1 || ns[0].Level != "warning" || *ns[0].Locations[0].PhysicalLocation.Region.StartLine != 5 {
		t.Errorf("SARIF notifications %+v", ns)
	}
}

// TestCheckSARIFNames: artifact URIs are percent-encoded, so a file named
// "my template#1%.yaml" or with a name that is not UTF-8 is named exactly,
// and a file that cannot be read makes the run unsuccessful.
func TestCheckSARIFNames(t *testing.T) {
	dir := t.TempDir()
	src := "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n"
	for _, name := range []string{"my template#1%.yaml", "caf\xe9.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("Resources: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	run([]string{"check", "-o", "sarif", dir}, nil, &out, &errb)
	rep, err := sarif.FromBytes(out.Bytes())
	if err != nil {
		t.Fatalf("parse SARIF: %v\n%s", err, out.String())
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	uris := map[string]bool{}
	for _, res := range rep.Runs[0].Results {
		uris[*res.Locations[0].PhysicalLocation.ArtifactLocation.URI] = true
	}
	base := filepath.ToSlash(dir)
	for _, want := range []string{base + "/my%20template%231%25.yaml", base + "/caf%E9.yaml"} {
		if !uris[want] {
			t.Errorf("no result at %s; URIs %v", want, uris)
		}
	}
	if *rep.Runs[0].Invocations[0].ExecutionSuccessful {
		t.Errorf("executionSuccessful is true, though broken.yaml could not be read")
	}
}

// TestCheckSARIFDefaults: go-sarif's zero values are not SARIF's defaults
// (arrays marshal as null, rank, location ids, artifact indexes and region
// offsets as 0 instead of -1) and its Validate does not notice, so the report
// must build every object with the library's constructors; this catches one
// that does not.
func TestCheckSARIFDefaults(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(broken, []byte("Resources: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	run([]string{"check", "-o", "sarif", "scan/testdata/cfn/nc-public-policy.yaml", "scan/testdata/cfn/params-unknown.yaml", broken}, nil, &out, &errb)
	if !bytes.Contains(out.Bytes(), []byte(`"toolExecutionNotifications":[{`)) {
		t.Fatalf("no notification for %s:\n%s", broken, out.String())
	}
	var doc any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("parse SARIF: %v", err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case nil:
			t.Errorf("%s is null", path)
		case map[string]any:
			for k, x := range v {
				switch k {
				case "rank", "index", "byteOffset", "charOffset":
					if x != -1.0 {
						t.Errorf("%s.%s = %v, want the SARIF default -1", path, k, x)
					}
				}
				walk(path+"."+k, x)
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), x)
			}
		}
	}
	walk("$", doc)
}

// TestCheckPassesGeneratedEndpointDeny: a template secretsmith generated
// never fails its own check. The design names an existing endpoint by id
// and denies outside it; the template records the design's endpoint in its
// header, so rotation-not-blocked is judged, and met, on it, and check
// --strict exits 0, in every format. It was "cannot verify", which --strict
// failed on (issue 22's fourth trial, J7).
func TestCheckPassesGeneratedEndpointDeny(t *testing.T) {
	design := filepath.Join("testdata", "selfcheck", "endpoint-deny.yaml")
	for _, tc := range []struct{ format, out string }{
		{"cloudformation", "t.yaml"},
		{"cloudformation-json", "t.json"},
		{"terraform", "tf"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tc.out)
			var stdout, stderr bytes.Buffer
			if code := run([]string{"generate", "--format", tc.format, "-o", out, design}, nil, &stdout, &stderr); code != exitOK {
				t.Fatalf("generate: exit %d\n%s", code, stderr.String())
			}
			stdout.Reset()
			stderr.Reset()
			code := run([]string{"check", "--strict", "--verbose", out}, nil, &stdout, &stderr)
			if code != exitOK {
				t.Errorf("check --strict: exit %d, want 0\n%s%s", code, stdout.String(), stderr.String())
			}
			var line string
			for _, l := range strings.Split(stdout.String(), "\n") {
				if strings.Contains(l, " rotation-not-blocked ") {
					line = l
				}
			}
			if !strings.Contains(line, "passed") || strings.Contains(stdout.String(), "CANNOT VERIFY") {
				t.Errorf("rotation-not-blocked: %q, want passed, and no rule cannot verify\n%s", line, stdout.String())
			}
		})
	}
}
