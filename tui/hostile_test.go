package tui

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// ownStyling is the escape sequences the wizard and its components write
// without colours: SGR (bold, reverse video, the text input's grey). The
// payload's own SGR, \x1b[8m (hidden text), is looked for before these are
// taken out, and its OSC sequences are not SGR.
var ownStyling = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// hostileDesign holds the attack pass's payload in its text fields.
func hostileDesign() *blueprint.Design {
	const p = "\x1b]0;pwned\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[8m\u009b31m\u202e"
	d := &blueprint.Design{Version: 1, Name: "n" + p}
	d.Secret.SecretID = "prod/x" + p
	d.Secret.Description = "d" + p
	d.Secret.Region = "eu-west-1" + p
	d.Secret.KMSKeyARN = "alias/k" + p
	d.Secret.Tags = []blueprint.Tag{{Key: "owner" + p, Value: "v" + p}}
	d.Secret.ReplicaRegions = []blueprint.Replica{{Region: "us-east-2" + p}}
	d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{
		Sid: "S" + p, Effect: "Allow",
		Principal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:role/app" + p}},
		Action:    []string{"secretsmanager:GetSecretValue" + p},
		Resource:  []string{"*" + p},
		Condition: []blueprint.Condition{{Operator: "StringEquals" + p, Key: "aws:SourceVpce" + p, Values: []string{"vpce-1" + p}}},
	}}}
	d.Waivers = []blueprint.Waiver{{Rule: "tags-present" + p, Reason: "r" + p}, {Rule: "rotation-enabled", Reason: "because" + p}}
	return d
}

// TestWizardScreensEscapeHostileText renders every screen of the
// full-screen wizard, with each field focused in turn, for a design whose
// text holds escape sequences: nothing but the wizard's own styling reaches
// the terminal.
func TestWizardScreensEscapeHostileText(t *testing.T) {
	m := sized(New(hostileDesign(), Options{DesignFile: "d.yaml", NoColor: true, DraftPath: filepath.Join(t.TempDir(), "draft.yaml")}))
	m.status = "write out" + "\x1b]0;pwned\x07" + ": refused"
	check := func(where string) {
		t.Helper()
		m.settle() // what Update does after every message: loads the focused field
		content := m.View().Content
		if strings.Contains(content, "\x1b[8m") {
			t.Errorf("%s: the screen hides text with the payload's \\x1b[8m", where)
		}
		raw := ownStyling.ReplaceAllString(content, "")
		for i, r := range raw {
			if blueprint.NeedsEscape(r) {
				t.Errorf("%s: the screen holds a raw %U near %q", where, r, raw[max(0, i-40):min(len(raw), i+20)])
				return
			}
		}
	}
	for _, s := range m.steps() {
		m.gotoStep(s)
		m.stmt = -1
		for i := range m.fields() {
			m.focus = i
			check(stepText[s].title)
		}
		if s == stepPolicy {
			m.stmt = 0
			for i := range m.fields() {
				m.focus = i
				check("statement 1")
			}
			m.stmt = -1
		}
	}
	// The "Who can read this?" pane and the preview pane, on every step.
	for _, k := range []rune{'r', 'p'} {
		m.Update(tea.KeyPressMsg{Code: k, Mod: tea.ModCtrl})
		for _, s := range m.steps() {
			m.gotoStep(s)
			check(string(k) + " pane on " + stepText[s].title)
		}
		m.Update(tea.KeyPressMsg{Code: k, Mod: tea.ModCtrl})
	}
	m.gotoStep(stepSecret)
	m.focus = 0
	m.Update(tea.KeyPressMsg{Code: tea.KeyF1})
	check("help")
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	check("quit")
	m.Update(tea.KeyPressMsg{Code: 'n', Text: "n"})
	m.written = Written{Files: []string{"out" + "\x1b]0;pwned\x07" + ".yaml"}, Next: "cd x\x1b]0;pwned\x07"}
	m.gotoStep(stepDone)
	check("done")

	// A principal and a condition value the access model reads, so the
	// "Who can read this?" pane and the Review summary have rows to draw.
	d := hostileDesign()
	d.ResourcePolicy.Statements[0].Sid = "S1"
	d.ResourcePolicy.Statements[0].Action = []string{"secretsmanager:GetSecretValue"}
	d.ResourcePolicy.Statements[0].Condition = []blueprint.Condition{{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-1\x1b]0;pwned\x07\u202e"}}}
	m = sized(New(d, Options{DesignFile: "d.yaml", NoColor: true}))
	m.Update(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
	for _, s := range m.steps() {
		m.gotoStep(s)
		check("access pane of readable statements on " + stepText[s].title)
	}
	// The ARN breaks after role/ when the pane is narrow (form.breakWord).
	if !strings.Contains(m.View().Content, `app\x1b]0;pwned`) {
		t.Errorf("the access pane does not show the principal (escaped):\n%s", m.View().Content)
	}

	// --learn draws the reviewer's notes beside the Review step.
	m = sized(New(hostileDesign(), Options{DesignFile: "d.yaml", NoColor: true, Learn: true}))
	for _, s := range m.steps() {
		m.gotoStep(s)
		check("learn " + stepText[s].title)
	}
}

// The preview shows the template's bytes safely: YAML writes bidi
// characters and NEL as they are, and the pane must not pass them on.
func TestPreviewEscapesHostileText(t *testing.T) {
	for _, f := range []generate.Format{generate.CloudFormation, generate.CloudFormationJSON, generate.Terraform} {
		d := benchDesign()
		// Control characters (NEL, CSI) are refused in a description now
		// (blueprint.TextCharacters); bidirectional ones are only warned.
		d.Secret.Description = "d\u202ex\u200fy\u2066"
		lines, why := renderPreview(d, f, generate.Options{}, newStyles(true).code)
		if why != "" {
			t.Fatalf("%s: the design does not render: %s", f, why)
		}
		text := ownStyling.ReplaceAllString(strings.Join(lines, "\n"), "")
		for i, r := range text {
			if blueprint.NeedsEscape(r) {
				t.Errorf("%s: the preview holds a raw %U near %q", f, r, text[max(0, i-30):min(len(text), i+10)])
				break
			}
		}
	}
}

// TestResumeChoiceEscapesTheDraftsName: the Start screen's "Resume the
// draft of NAME" takes NAME from the draft, which a design file with escape
// sequences in its name leaves there; the choice list drew it raw (an OSC
// title and colours reached the terminal on the next start).
func TestResumeChoiceEscapesTheDraftsName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.yaml")
	first := sized(New(hostileDesign(), Options{DesignFile: "d.yaml", DraftPath: path, NoColor: true}))
	first.saveDraft()
	first.Close()
	m := sized(New(nil, Options{DraftPath: path, NoColor: true}))
	defer m.Close()
	content := m.View().Content
	if !strings.Contains(content, "Resume the draft of n") {
		t.Fatalf("the Start screen offers no draft:\n%s", content)
	}
	raw := ownStyling.ReplaceAllString(content, "")
	for i, r := range raw {
		if blueprint.NeedsEscape(r) {
			t.Fatalf("the Start screen holds a raw %U near %q", r, raw[max(0, i-40):min(len(raw), i+20)])
		}
	}
}
