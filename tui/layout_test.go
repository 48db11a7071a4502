package tui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui/form"
)

// Fitting the screen: what is wider than its room wraps instead of
// being cut, and what is taller says so.

// The Resource policy step without statements says what that means in
// full at 100 columns: it was cut at "grant acc…".
func TestNoResourcePolicyLineWraps(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"}}
	m := designAt(&d, stepPolicy)
	s := screen(m)
	if strings.Contains(s, "acc…") || !strings.Contains(s, "access.") {
		t.Errorf("the Resource policy step:\n%s", s)
	}
}

// A dialog open while the window narrows is drawn again at the new
// width: the quit question showed "Your answers are kept in the dra",
// cut at the edge of a 60-column window.
func TestDialogRewrapsOnResize(t *testing.T) {
	m := sized(New(nil, Options{DraftPath: filepath.Join(t.TempDir(), "draft.yaml")}))
	defer m.Close()
	press(t, m, "enter")
	press(t, m, "ctrl+c")
	send(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	s := ansi.Strip(screen(m))
	if !strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(s, "┃", "")), " "), "kept in the draft at") {
		t.Errorf("the quit question after narrowing to 60 columns:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, " the dra") && !strings.Contains(l, " the draft") {
			t.Errorf("a line is cut: %q\n%s", l, s)
		}
	}
}

// lineOf returns the first line of the screen holding label.
func lineOf(t *testing.T, m *Model, label string) string {
	t.Helper()
	for _, l := range strings.Split(screen(m), "\n") {
		if strings.Contains(l, label) {
			return l
		}
	}
	t.Fatalf("no line holds %q:\n%s", label, screen(m))
	return ""
}

// A value too long for its row is wrapped, not cut: a master secret's ARN
// showed as "...:secret:prod…" once the focus moved on, and a statement's
// summary and a list of actions lost their ends the same way. Nothing of
// the form is cut at 120 columns, and the checklist beside it stays whole.
func TestLongValuesWrapInsteadOfCut(t *testing.T) {
	d := benchDesign()
	st := &d.ResourcePolicy.Statements[0]
	st.Principal = &blueprint.Principal{AWS: []string{
		"arn:aws:iam::111122223333:role/payments-app-reader",
		"arn:aws:iam::111122223333:role/payments-settlement-job",
	}}
	st.Action = []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
		"secretsmanager:ListSecretVersionIds", "secretsmanager:GetResourcePolicy", "secretsmanager:BatchGetSecretValue"}
	m := New(d, Options{DesignFile: "bench.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 60})
	m.gotoStep(stepPolicy)
	noCut := func(when string) {
		t.Helper()
		s := screen(m)
		lines := strings.Split(s, "\n")
		// The key line is bubbles' help, which ends in … when it drops
		// bindings that do not fit.
		for _, l := range lines[:len(lines)-1] {
			if form, _, _ := strings.Cut(l, "│"); strings.Contains(form, "…") {
				t.Errorf("%s, a line of the form is cut: %q\n%s", when, l, s)
			}
		}
		if n := strings.Count(s, "│ ✓ ") + strings.Count(s, "│ ✗ ") + strings.Count(s, "│ · ") + strings.Count(s, "│ ! ") + strings.Count(s, "│ ~ "); n < len(blueprint.Rules()) {
			t.Errorf("%s, %d checklist rows show, want %d:\n%s", when, n, len(blueprint.Rules()), s)
		}
	}
	noCut("on the statements")
	m.editStatement(0, "")
	m.focusID("stmt0.sid")
	noCut("editing the statement")
	flat := strings.Join(strings.Fields(screen(m)), " ")
	for _, want := range []string{"role/payments-settlement-job", "BatchGetSecretValue"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the statement does not show %s:\n%s", want, screen(m))
		}
	}
}

// The status line wraps instead of ending in …: at 80 columns "refusing
// to overwrite prod-payments-db.design.yaml: turn Overwrite on to replac…"
// lost the word that says what to do. The screen stays its height.
func TestStatusWrapsAtNarrowWidths(t *testing.T) {
	m := onSecret(t)
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m.status = "refusing to overwrite prod-payments-db.design.yaml: turn Overwrite on to replace it, or choose another path"
	s := screen(m)
	flat := strings.Join(strings.Fields(s), " ")
	if !strings.Contains(flat, m.status) {
		t.Errorf("the status is not shown whole:\n%s", s)
	}
	if n := len(strings.Split(s, "\n")); n != 24 {
		t.Errorf("the screen is %d lines, want 24:\n%s", n, s)
	}
}

// Issue 11, item 7: a tall window shows every rotation type at once.
func TestRotationTypesUseTheRoom(t *testing.T) {
	d := blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "x"},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{}}}
	m := New(&d, Options{DesignFile: "d.yaml"})
	send(t, m, tea.WindowSizeMsg{Width: 200, Height: 60})
	m.gotoStep(stepRotation)
	m.focusID("rotation.hostedRotationLambda.rotationType")
	send(t, m, tea.WindowSizeMsg{Width: 200, Height: 60})
	s := screen(m)
	if strings.Contains(s, "more") {
		t.Errorf("at 200x60 the rotation types are cut:\n%s", s)
	}
	if n := strings.Count(s, "( ) ") + strings.Count(s, "(•) "); n < len(blueprint.RotationTypes) {
		t.Errorf("at 200x60 %d of %d rotation types show:\n%s", n, len(blueprint.RotationTypes), s)
	}
}

// Issue 11, item 14: no label is wider than the label column, on any step.
func TestLabelsFit(t *testing.T) {
	d := benchDesign()
	m := sized(New(d, Options{DesignFile: "bench.yaml"}))
	for _, s := range m.steps() {
		m.gotoStep(s)
		for _, f := range m.fields() {
			if n := len([]rune(f.q.title)); n > labelWidth {
				t.Errorf("step %d: label %q is %d wide, the column %d", s, f.q.title, n, labelWidth)
			}
		}
	}
	if n := len([]rune(qAlert.title)); n > labelWidth {
		t.Errorf("label %q is %d wide, the column %d", qAlert.title, n, labelWidth)
	}
}

// Issue 11, item 14: a choice too wide for its row is not cut: the
// focused one lists its options a line each, an unfocused one shows its
// choice.
func TestWideChoiceNotCut(t *testing.T) {
	m := sized(New(benchDesign(), Options{DesignFile: "bench.yaml"}))
	m.gotoStep(stepReview)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	press(t, m, "ctrl+p")
	m.focusID("review.format")
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	s := screen(m)
	for _, want := range []string{"CloudFormation YAML", "CloudFormation JSON", "Terraform"} {
		contains(t, s, want)
	}
	if strings.Contains(s, "Ter…") {
		t.Errorf("a choice is cut:\n%s", s)
	}
}

// Issue 11, item 15: text wraps at spaces only, so ARNs and flags stay whole.
func TestWrapKeepsTokens(t *testing.T) {
	arn := "arn:aws:kms:eu-west-1:111122223333:alias/payments-db"
	got := form.Wrap("must be in eu-central-1, not in "+arn+", the key's region", 60, "  ")
	joined := strings.Join(got, "\n")
	if !strings.Contains(joined, arn) || !strings.Contains(joined, "eu-central-1") {
		t.Errorf("wrap broke a token:\n%s", joined)
	}
	for _, l := range got {
		if ansi.StringWidth(l) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
	// Only a word longer than a line is broken.
	if got := form.WrapWords(strings.Repeat("x", 25), 10); len(got) != 3 || got[0] != strings.Repeat("x", 10) {
		t.Errorf("form.WrapWords(25 x, 10) = %q", got)
	}
	if got := form.WrapWords("a\n\nb", 10); strings.Join(got, "|") != "a||b" {
		t.Errorf("wrapWords kept no empty line: %q", got)
	}
}

// wrapWords ends on any input: leading spaces wider than the line and
// characters wider than the room left.
func FuzzWrapWords(f *testing.F) {
	f.Add("must be in eu-central-1", 10)
	f.Add("            indented past the width", 5)
	f.Add("漢字漢字漢字", 1)
	f.Fuzz(func(t *testing.T, s string, width int) {
		width = 1 + abs(width)%80
		// What the wizard wraps is plain, valid text (control characters
		// are shown escaped before they reach it).
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && r != '\n' {
				return -1
			}
			return r
		}, strings.ToValidUTF8(s, "?"))
		var words []string
		for _, l := range form.WrapWords(s, width) {
			if w := ansi.StringWidth(l); w > width && len([]rune(strings.TrimSpace(l))) > 1 {
				t.Errorf("form.WrapWords(%q, %d) has a line %d wide: %q", s, width, w, l)
			}
			words = append(words, strings.Fields(l)...)
		}
		if strings.Join(words, "") != strings.Join(strings.Fields(s), "") {
			t.Errorf("form.WrapWords(%q, %d) lost or changed text: %q", s, width, words)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// at80 returns a model at 80x24, the size of a terminal opened with no
// settings.
func at80(m *Model) *Model {
	m.tick = instantTick
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// Issue 22 (trial): the choice of a list shown on the list field's own row
// was cut with "…" when wider than the value column (at 80 columns "Create
// a dedicated key with yearly rotation (recommend…"); it wraps under itself,
// in the value column, focused or not, as the options do.
func TestListChoiceOnItsRowWrapsNotCut(t *testing.T) {
	m := at80(New(nil, Options{}))
	m.gotoStep(stepEncryption)
	for _, focused := range []bool{true, false} {
		if !focused {
			press(t, m, "tab")
		}
		s := screen(m)
		lines := strings.Split(s, "\n")
		row := -1
		for i, l := range lines {
			if strings.Contains(l, "Encryption key") {
				row = i
				break
			}
		}
		if row < 0 {
			t.Fatalf("no Encryption key row:\n%s", s)
		}
		if strings.Contains(lines[row], "…") {
			t.Errorf("focused %v: the choice is cut on its row:\n%s", focused, s)
		}
		col := column(lines[row], "Create a dedicated key")
		next := lines[row+1]
		if col < 0 || !strings.HasPrefix(strings.TrimLeft(next, " "), "(recommended)") || column(next, "(recommended)") != col {
			t.Errorf("focused %v: the rest of the choice is not on the next line, in the value column:\n%s", focused, s)
		}
	}
}

// column is the cell at which sub starts in line, or -1.
func column(line, sub string) int {
	i := strings.Index(line, sub)
	if i < 0 {
		return -1
	}
	return ansi.StringWidth(line[:i])
}

// manySecrets is an import of n secrets whose names are too long for one
// line at 80 columns.
func manySecrets(n int) ImportFunc {
	return func(path string) ([]ImportedSecret, error) {
		var out []ImportedSecret
		for i := 1; i <= n; i++ {
			out = append(out, ImportedSecret{ID: fmt.Sprintf("aws_secretsmanager_secret.payments_service_database_credentials_%02d", i), Source: path,
				Design: &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: fmt.Sprintf("prod/payments/service/database/credentials-%02d", i)}}})
		}
		return out, nil
	}
}

// Issue 22 (trial): a long list's window counted options, not lines, so
// options that wrap to two lines ran it past the screen: the "↓ N more"
// notice, the hint and Continue were gone. The window is counted in
// lines: the options shown and the ones the notices count add up, and the
// hint and Continue stay on screen.
func TestListWindowCountsLines(t *testing.T) {
	const n = 12
	m := at80(New(nil, Options{Import: manySecrets(n)}))
	press(t, m, "down", "down", "down", "tab")
	typeText(t, m, "main.tf")
	press(t, m, "enter")
	onStep(t, m, stepStart, "with a template of 12 secrets")
	more := regexp.MustCompile(`([↑↓]) (\d+) more`)
	for moves := 0; moves <= n; moves++ {
		if moves > 0 {
			press(t, m, "down")
		}
		s := screen(m)
		shown := strings.Count(s, "( ) aws_secretsmanager_secret.") + strings.Count(s, "(•) aws_secretsmanager_secret.")
		hidden := 0
		for _, g := range more.FindAllStringSubmatch(s, -1) {
			k, _ := strconv.Atoi(g[2])
			hidden += k
		}
		if shown+hidden != n || shown == 0 {
			t.Errorf("after %d ↓: %d options shown and %d counted as more, want %d in all:\n%s", moves, shown, hidden, n, s)
		}
		if !strings.Contains(s, "↑/↓ to choose") || !strings.Contains(s, "[ Continue → ]") {
			t.Errorf("after %d ↓: the list pushed its hint or Continue off the screen:\n%s", moves, s)
		}
		if t.Failed() {
			return
		}
	}
}

// Issue 22 (trial): at 80x24 the Rotation step is longer than the screen,
// and what did not fit was cut, an error mid-sentence, with nothing to say
// that more was below; only the review said it and scrolled with pgdown.
// Every step says how many lines are above and below, and pgdown shows
// them down to Continue.
func TestEveryStepSaysWhatIsBelow(t *testing.T) {
	m := at80(New(nil, Options{}))
	m.gotoStep(stepRotation)
	m.focusID("rotation.hostedRotationLambda.rotationType")
	send(t, m, nil)
	s := screen(m)
	if !strings.Contains(s, "more lines · pgdown") {
		t.Fatalf("the Rotation step hides lines below without a word:\n%s", s)
	}
	if strings.Contains(s, "[ Continue → ]") {
		t.Fatalf("the test needs a step longer than the screen:\n%s", s)
	}
	for range 10 {
		if strings.Contains(screen(m), "[ Continue → ]") {
			break
		}
		press(t, m, "pgdown")
	}
	s = screen(m)
	if !strings.Contains(s, "[ Continue → ]") || !strings.Contains(s, "more lines · pgup") {
		t.Errorf("pgdown does not reach Continue, or says nothing of the lines above:\n%s", s)
	}
}
