package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// Issue 22's trial (trial7a T13): the Review said every rule that applies
// is met while the walk-through (ctrl+r) held a refused deployment call
// with its fix; the Review now lists each call to check, and points at the
// pane for why and the fix.
func TestReviewListsCallsToCheck(t *testing.T) {
	m := sized(New(accessPaneDesign(), Options{NoColor: true}))
	m.step = stepReview
	m.refresh()
	got := ansi.Strip(strings.Join(m.reviewLines(80), "\n"))
	// Only the chosen format's deployer: the wizard starts on
	// CloudFormation YAML, so Terraform's calls are not this design's.
	if strings.Contains(got, "Terraform (the role it runs as)") {
		t.Errorf("review lists Terraform's calls for a CloudFormation design:\n%s", got)
	}
	for _, want := range []string{"Once deployed  ctrl+r for why and the fix", "✗ ", "), update and refresh:", "DescribeSecret, UpdateSecret, TagResource, PutResourcePolicy"} {
		if !strings.Contains(got, want) {
			t.Errorf("review lines lack %q:\n%s", want, got)
		}
	}
	section := got[strings.Index(got, "Once deployed"):]
	if n := strings.Count(section, "\n  ✗ ") + strings.Count(section, "\n  ? "); n > walkSummaryMax {
		t.Errorf("%d calls listed, want at most %d and a count of the rest:\n%s", n, walkSummaryMax, got)
	}
	if strings.Contains(section, "more to check") {
		t.Errorf("a count of more calls with four lines listed:\n%s", got)
	}
	// A Terraform design's are its runner's.
	m.format = generate.Terraform
	m.refresh()
	got = ansi.Strip(strings.Join(m.reviewLines(80), "\n"))
	if section := got[strings.Index(got, "Once deployed"):]; !strings.Contains(section, "Terraform (the role it runs as), create:") ||
		!strings.Contains(section, "Terraform (the role it runs as), delete and restore:") || strings.Contains(section, "CloudFormation (") {
		t.Errorf("the Terraform design's calls to check are not its runner's:\n%s", section)
	}

	// With nothing denied, nothing is listed.
	d := accessPaneDesign()
	d.ResourcePolicy.Statements = d.ResourcePolicy.Statements[:1]
	m = sized(New(d, Options{NoColor: true}))
	m.step = stepReview
	m.refresh()
	for _, c := range m.report.Walk().Calls {
		if c.Outcome != blueprint.Allowed {
			t.Skipf("the design without its Deny still has a call not allowed (%s %s); the empty case is not shown by it", c.Action, c.Reason)
		}
	}
	if got := ansi.Strip(strings.Join(m.reviewLines(80), "\n")); strings.Contains(got, "Once deployed") {
		t.Errorf("review lists calls to check with none refused:\n%s", got)
	}
}

// Issue 22's trial (trial8a W4): the ctrl+r pane listed Terraform's runner
// for a design written as CloudFormation. Once the format is chosen (the
// Review on, or a design that remembers one), the pane shows that format's
// deployer alone and says so; before, both, since either may be chosen.
func TestAccessPaneShowsTheChosenFormatsDeployer(t *testing.T) {
	d := accessPaneDesign()
	m := sized(New(d, Options{NoColor: true}))
	m.step = stepPolicy
	press(t, m, "ctrl+r")
	both := ansi.Strip(strings.Join(m.walkLines(300), "\n"))
	if !strings.Contains(both, "Terraform (the role it runs as)") || !strings.Contains(both, "CloudFormation (the stack's") {
		t.Fatalf("before a format is chosen the pane should show both deployers:\n%s", both)
	}
	d.Output = &blueprint.Output{Format: "terraform"}
	m = sized(New(d, Options{NoColor: true, DesignFile: "opened.yaml"}))
	m.step = stepPolicy
	press(t, m, "ctrl+r")
	got := ansi.Strip(strings.Join(m.walkLines(300), "\n"))
	if strings.Contains(got, "CloudFormation (the stack's") || !strings.Contains(got, "Terraform (the role it runs as)") ||
		!strings.Contains(got, "every actor's calls for Terraform") {
		t.Errorf("a Terraform design's pane shows CloudFormation's deployer, or does not say it shows Terraform's:\n%s", got)
	}
}
