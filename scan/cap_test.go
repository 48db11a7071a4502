package scan

import (
	"strings"
	"testing"
)

// TestTerraformInstanceCap holds item 4 of what remained of issue 21: a
// configuration past the cap of 5,000 resource instances is no longer one
// error for the whole file. The first 5,000 are judged, and each block
// past them is a notice at its place that names what is not read.
func TestTerraformInstanceCap(t *testing.T) {
	res := writeTF(t, `resource "aws_secretsmanager_secret" "many" {
  count = 6000
  name  = "app/${count.index}"
}

resource "aws_secretsmanager_secret" "late" {
  name = "app/late"
}
`)
	if len(res.Secrets) != maxInstances {
		t.Errorf("%d secrets judged, want the first %d", len(res.Secrets), maxInstances)
	}
	if len(res.Secrets) > 0 && res.Secrets[len(res.Secrets)-1].ID != "aws_secretsmanager_secret.many[4999]" {
		t.Errorf("the last judged is %s, want aws_secretsmanager_secret.many[4999]", res.Secrets[len(res.Secrets)-1].ID)
	}
	want := []struct {
		resource string
		line     int
		says     string
	}{
		{"aws_secretsmanager_secret.many", 1, "from aws_secretsmanager_secret.many[5000] on, 1000 of its 6000 instances are not read"},
		{"aws_secretsmanager_secret.late", 6, "it is not read"},
	}
	if len(res.Notices) != len(want) {
		t.Fatalf("notices %v, want %d", res.Notices, len(want))
	}
	for i, w := range want {
		n := res.Notices[i]
		if n.Resource != w.resource || n.Pos.Line != w.line || !strings.Contains(n.Msg, w.says) || !strings.Contains(n.Msg, "5000") {
			t.Errorf("notice %d: %s, want %s at line %d saying %q", i, n, w.resource, w.line, w.says)
		}
	}
}

// The blocks past the cap are named up to maxCapNotices, then one notice
// says that more are not read.
func TestTerraformInstanceCapNoticesBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("resource \"aws_secretsmanager_secret\" \"many\" {\n  count = 5000\n}\n")
	for i := 0; i < maxCapNotices+20; i++ {
		b.WriteString("resource \"aws_secretsmanager_secret\" \"x" + strings.Repeat("y", i) + "\" {\n}\n")
	}
	res := writeTF(t, b.String())
	if len(res.Notices) != maxCapNotices+1 {
		t.Fatalf("%d notices, want %d", len(res.Notices), maxCapNotices+1)
	}
	if last := res.Notices[maxCapNotices]; !strings.Contains(last.Msg, "more blocks") {
		t.Errorf("last notice %s, want one that says more blocks are not read", last)
	}
}
