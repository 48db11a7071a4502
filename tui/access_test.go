package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/secretsmith/secretsmith/blueprint"
)

// accessPaneDesign lets a role in another account read, lets everyone
// through an endpoint read (the key lets the account's callers decrypt,
// issue 20 item 8), and denies everything outside the endpoint.
func accessPaneDesign() *blueprint.Design {
	return &blueprint.Design{
		Version: 1,
		Secret: blueprint.Secret{SecretID: "prod/db", GenerateSecretString: &blueprint.GenerateSecretString{},
			Tags: []blueprint.Tag{{Key: "owner", Value: "db"}}},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{
			{Sid: "PartnerReads", Effect: "Allow", Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::444455556666:role/reader"}},
				Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}},
			{Sid: "EndpointReads", Effect: "Allow", Principal: &blueprint.Principal{Wildcard: true},
				Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"},
				Condition: []blueprint.Condition{{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0123456789abcdef0"}}}},
			{Sid: "DenyAll", Effect: "Deny", Principal: &blueprint.Principal{Wildcard: true},
				Action: []string{"secretsmanager:*"}, Resource: []string{"*"},
				Condition: []blueprint.Condition{{Operator: "StringNotEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0123456789abcdef0"}}}},
		}},
	}
}

func TestAccessPane(t *testing.T) {
	m := sized(New(accessPaneDesign(), Options{NoColor: true}))
	m.step = stepPolicy
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	press(t, m, "ctrl+r")
	s := screen(m)
	for _, want := range []string{
		"Who can read this?",
		"✓ role arn:aws:iam::444455556666:role/reader",
		"PartnerReads",
		"DenyAll denies GetSecretValue when not through vpce-0123456789abcdef0",
		"✓ anyone calling through vpce-0123456789abcdef0",
		"DenyAll locks administrators and deployments out too",
		// The walk-through: the deployer's update is refused, with why
		// and the fix.
		"Once deployed",
		"update and refresh",
		"✗ DescribeSecret on the secret",
		"DenyAll denies it when not through vpce-0123456789abcdef0",
		"fix: add a condition ArnNotLike on aws:PrincipalArn",
	} {
		if !strings.Contains(strings.ReplaceAll(s, "│", ""), want) && !paneHas(m, want) {
			t.Errorf("access pane lacks %q:\n%s", want, s)
		}
	}
	checkGolden(t, "access-pane", s)

	// The pane follows the design: remove the endpoint statement and its
	// row goes.
	m.d.ResourcePolicy.Statements = m.d.ResourcePolicy.Statements[:1]
	m.refresh()
	if paneHas(m, "anyone calling through") {
		t.Errorf("access pane still shows the endpoint group after its statement went")
	}

	// The preview and the access pane share the column.
	press(t, m, "ctrl+p")
	if m.showAccess || !m.showPreview {
		t.Errorf("after ctrl+p: showAccess %v, showPreview %v; want the preview alone", m.showAccess, m.showPreview)
	}
	press(t, m, "ctrl+r")
	if !m.showAccess || m.showPreview {
		t.Errorf("after ctrl+r: showAccess %v, showPreview %v; want the access pane alone", m.showAccess, m.showPreview)
	}
	press(t, m, "ctrl+r")
	if m.showAccess || !strings.Contains(screen(m), "Blueprint checklist") {
		t.Errorf("a second ctrl+r should close the pane and show the checklist again:\n%s", screen(m))
	}
}

// paneHas reports whether the pane's lines, before truncation, hold want.
func paneHas(m *Model, want string) bool {
	_, side, _ := m.layout()
	return strings.Contains(ansi.Strip(strings.Join(m.accessLines(max(side, 300)), "\n")), want)
}

// The Review step lists who can read the secret.
func TestReviewShowsReaders(t *testing.T) {
	m := sized(New(accessPaneDesign(), Options{NoColor: true}))
	m.step = stepReview
	m.refresh()
	got := ansi.Strip(strings.Join(m.reviewLines(80), "\n"))
	for _, want := range []string{"Who can read this", "✓ role arn:aws:iam::444455556666:role/reader", "✓ anyone calling through vpce-0123456789abcdef0"} {
		if !strings.Contains(got, want) {
			t.Errorf("review lines lack %q:\n%s", want, got)
		}
	}
}

// The ctrl+r pane at 100 columns wraps what is wider than it: its
// legend, the walk-through's heading and actors, a call on a long
// resource. It cut them with "…" ("? ch…", "phase by ph…", "CloudFormation
// (the stack's service role or i…").
func TestAccessPaneWrapsNotCuts(t *testing.T) {
	m := sized(New(accessPaneDesign(), Options{NoColor: true}))
	m.step = stepPolicy
	press(t, m, "ctrl+r")
	lines := m.accessPane(46, 1000)
	for _, l := range lines {
		if strings.Contains(l, "…") {
			t.Errorf("the pane cuts %q:\n%s", l, strings.Join(lines, "\n"))
		}
	}
	all := strings.Join(strings.Fields(ansi.Strip(strings.Join(lines, " "))), " ")
	for _, want := range []string{"? check key", "every actor's calls, phase by phase", "CloudFormation (the stack's service role"} {
		if !strings.Contains(all, want) {
			t.Errorf("the pane lacks %q:\n%s", want, strings.Join(lines, "\n"))
		}
	}
}
