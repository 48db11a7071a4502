package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file (go test ./workflow/report -update rewrites it):\n%s", name, got)
	}
}

// TestAuditGolden holds audit's three reports byte for byte: the goldens
// were written by account's printers before they moved here, so the move
// and the sharing with check's printers changed no byte.
func TestAuditGolden(t *testing.T) {
	rep := auditFixture(t)
	for _, c := range []struct {
		f    Format
		file string
	}{{Text, "audit.txt"}, {JSON, "audit.json"}, {SARIF, "audit.sarif"}} {
		var b bytes.Buffer
		if err := Audit(&b, c.f, rep, "1.2.3"); err != nil {
			t.Fatalf("%s: %v", c.f, err)
		}
		golden(t, c.file, b.Bytes())
	}
}

// TestAuditReports checks what the goldens hold: the secret with a failed
// rule first, the terminal kept safe in text, waived results suppressed in
// SARIF, every result in JSON.
func TestAuditReports(t *testing.T) {
	rep := auditFixture(t)
	var text bytes.Buffer
	if err := Audit(&text, Text, rep, "test"); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(text.String(), 0x1b) {
		t.Errorf("the text report passes an escape character through:\n%s", text.String())
	}
	if !strings.Contains(text.String(), "Account 123456789012: 3 secrets, 3 with a failed rule; ") {
		t.Errorf("text report's account line:\n%s", text.String())
	}

	var js bytes.Buffer
	if err := Audit(&js, JSON, rep, "test"); err != nil {
		t.Fatal(err)
	}
	var doc AuditDocument
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	total := 0
	for i, s := range doc.Secrets {
		if len(s.Results) != len(rep.Secrets[0].Results) {
			t.Errorf("secret %d: %d results, want every rule's", i, len(s.Results))
		}
		total += s.Summary.Failed
		if s.Results[0].Status != "fail" {
			t.Errorf("secret %s: first result %s, want a failure first", s.Name, s.Results[0].Status)
		}
	}
	if total != doc.Summary.Failed || total == 0 {
		t.Errorf("summary failed %d, secrets' %d", doc.Summary.Failed, total)
	}

	var sb bytes.Buffer
	if err := Audit(&sb, SARIF, rep, "test"); err != nil {
		t.Fatal(err)
	}
	sr, err := sarif.FromBytes(sb.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	run := sr.Runs[0]
	waived := 0
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || *run.Tool.Driver.Rules[res.RuleIndex].ID != *res.RuleID {
			t.Errorf("result %s has rule index %v", *res.RuleID, res.RuleIndex)
		}
		if len(res.Suppressions) > 0 {
			waived++
		}
	}
	if waived == 0 {
		t.Error("no waived result is suppressed")
	}
	// Access Analyzer's finding is a notification at the secret, beside
	// the notices, and in the text and JSON reports.
	external := 0
	for _, n := range run.Invocations[0].ToolExecutionNotifications {
		if strings.Contains(*n.Message.Text, "IAM Access Analyzer reports external access: AWS 444455556666 may secretsmanager:GetSecretValue") &&
			len(n.Locations) == 1 && strings.HasSuffix(*n.Locations[0].PhysicalLocation.ArtifactLocation.URI, ":secret:minimal.yaml-AbCdEf") {
			external++
		}
	}
	if external != 1 {
		t.Errorf("%d SARIF notifications of the Access Analyzer finding, want 1", external)
	}
	if !strings.Contains(text.String(), "  EXTERNAL  AWS 444455556666 may secretsmanager:GetSecretValue when aws:SourceVpce = vpce-0123456789abcdef0 (finding f-1)\n") {
		t.Errorf("the text report lacks the Access Analyzer finding:\n%s", text.String())
	}
	if n := len(doc.Secrets); n == 0 || !slices.ContainsFunc(doc.Secrets, func(s AuditSecret) bool { return len(s.External) == 1 && s.External[0].ID == "f-1" }) {
		t.Errorf("the JSON report lacks the Access Analyzer finding")
	}
	if err := Audit(&sb, Format("yaml"), rep, "test"); err == nil {
		t.Error("a format audit does not write is accepted")
	}
}
