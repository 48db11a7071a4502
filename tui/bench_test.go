package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/internal/benchcpu"
)

// benchDesign is a complete design with ten policy statements.
func benchDesign() *blueprint.Design {
	n := 32
	d := &blueprint.Design{
		Version: blueprint.CurrentVersion,
		Secret: blueprint.Secret{SecretID: "prod/db", GenerateSecretString: &blueprint.GenerateSecretString{PasswordLength: &n},
			Tags:     []blueprint.Tag{{Key: "owner", Value: "payments"}},
			Database: &blueprint.Database{Host: "db.internal", Username: "app"}},
		ResourcePolicy: &blueprint.ResourcePolicy{},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{
			RotationType: "PostgreSQLSingleUser", VPCSubnetIDs: []string{"subnet-0abc1234"}, VPCSecurityGroupIDs: []string{"sg-0abc1234"}, VPCID: "vpc-0abc1234"}},
		Monitoring: blueprint.Monitoring{RotationFailureAlert: new(true), AlertEmail: "ops@example.com"},
	}
	for i := range 10 {
		d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, blueprint.Statement{
			Sid: fmt.Sprintf("Read%d", i), Effect: "Allow",
			Principal: &blueprint.Principal{AWS: []string{fmt.Sprintf("arn:aws:iam::111122223333:role/app%d", i)}},
			Action:    readActions(), Resource: []string{"*"},
			Condition: []blueprint.Condition{{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0abc1234"}}},
		})
	}
	return d
}

var benchKeys = []tea.KeyPressMsg{{Code: 'x', Text: "x"}, {Code: tea.KeyBackspace}}

// BenchmarkKeystroke measures one key through Update and View while editing
// a statement of a ten-statement policy, with live validation, the rule
// check and the CloudFormation preview pane open. The render is not on the
// key's path: each key only starts the preview's debounce (a tea.Tick,
// which the program would run later and which is not run here), and View
// draws the last render, marked as updating; BenchmarkPreviewRender times
// the render. The x-huh metric is the ratio to a bare huh v2 form with one
// input handling the same keys.
func BenchmarkKeystroke(b *testing.B) {
	// testing.Benchmark cannot run inside a benchmark (it waits on the
	// same lock), so the baseline is timed by hand before b.Loop starts the
	// clock.
	var s string
	f := huh.NewForm(huh.NewGroup(huh.NewInput().Title("Sid").Value(&s)))
	f.Init()
	const baseRuns = 2000
	start := time.Now()
	for i := range baseRuns {
		hm, _ := f.Update(benchKeys[i%2])
		f = hm.(*huh.Form)
		_ = f.View()
	}
	baseNs := float64(time.Since(start).Nanoseconds()) / baseRuns
	m := New(benchDesign(), Options{DesignFile: "bench.yaml"})
	m.Update(tea.WindowSizeMsg{Width: 140, Height: 40})
	m.gotoStep(stepPolicy)
	m.editStatement(0, "")
	if len(m.problems.Errors()) > 0 {
		b.Fatalf("bench design has problems: %v", m.problems)
	}
	openPreview(b, m)
	b.ReportAllocs()
	cpu := benchcpu.Report(b)
	for i := 0; b.Loop(); i++ {
		m.Update(benchKeys[i%2])
		_ = m.View()
	}
	cpu()
	if m.d.ResourcePolicy.Statements[0].Sid[:5] != "Read0" {
		b.Fatalf("keys did not reach the Sid field: %q", m.d.ResourcePolicy.Statements[0].Sid)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/baseNs, "x-huh")
}

// openPreview opens the preview pane the way ctrl+p does and runs the
// render it starts, so the pane holds a whole template.
func openPreview(b *testing.B, m *Model) {
	b.Helper()
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl})
	if cmd == nil {
		b.Fatal("ctrl+p started no render")
	}
	m.Update(cmd())
	if m.previewUpdating() || len(m.preview.lines) < 50 {
		b.Fatalf("the preview did not render: %d lines", len(m.preview.lines))
	}
}

// BenchmarkPreviewRender times the render the preview's debounce starts,
// per format, on the design of BenchmarkKeystroke: copying the design on
// the event loop, then (on the command's goroutine) generate.Render and
// the highlighting.
func BenchmarkPreviewRender(b *testing.B) {
	for _, f := range generate.Formats {
		b.Run(string(f), func(b *testing.B) {
			m := New(benchDesign(), Options{DesignFile: "bench.yaml"})
			m.format = f
			m.showPreview = true
			var lines []string
			b.ReportAllocs()
			cpu := benchcpu.Report(b)
			for b.Loop() {
				msg := m.renderPreviewCmd()().(previewMsg)
				lines = msg.lines
			}
			cpu()
			if len(lines) < 50 {
				b.Fatalf("render of %s: %q", f, lines)
			}
		})
	}
}
