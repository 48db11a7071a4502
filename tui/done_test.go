package tui

import (
	"context"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// The Done screen: the deploy command and next steps.

// Issue 22, item 11: on Done, c copies the deploy command to the
// clipboard through OSC 52, that command and nothing else, and the key
// line says so.
func TestDoneCopiesDeployCommand(t *testing.T) {
	m := onReview(t, Options{Write: (&recorder{}).write})
	m.focusID("review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after writing")
	contains(t, screen(m), "c copy the deploy command")
	cmd := press(t, m, "c")
	if cmd == nil {
		t.Fatal("c on Done returns no command")
	}
	msg := cmd()
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.String || !strings.Contains(reflect.TypeOf(msg).String(), "setClipboardMsg") {
		t.Fatalf("c on Done sends %T, want the clipboard message", msg)
	}
	if got, want := v.String(), m.written.Next; got != want || !strings.HasPrefix(got, "aws cloudformation deploy") {
		t.Errorf("copied %q, want the deploy command %q", got, want)
	}
	m.written.Next = "aws cloudformation deploy --template-file x.yaml\n# then\naws sns subscribe ..."
	if got := m.deployCommand(); got != "aws cloudformation deploy --template-file x.yaml" {
		t.Errorf("deployCommand = %q, want only the first command", got)
	}
}

// The next steps are shown a line each on Done: made safe as one string,
// their newlines showed as a literal \n and ran the deploy command, the #
// line and the subscription together (found repeating issue 22's trial).
func TestDoneShowsNextStepsALineEach(t *testing.T) {
	next := "aws cloudformation deploy --template-file x.yaml\n# nobody is subscribed to the alert topic yet\naws sns subscribe --protocol email"
	write := func(context.Context, account.Account, *blueprint.Design, generate.Format, string, bool, string) (Written, error) {
		return Written{Files: []string{"x.yaml"}, Next: next}, nil
	}
	m := onReview(t, Options{Write: write})
	m.focusID("review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after writing")
	scr := screen(m)
	if strings.Contains(scr, `\n`) {
		t.Errorf("Done shows a literal \\n:\n%s", scr)
	}
	for _, l := range strings.Split(next, "\n") {
		found := false
		for _, row := range strings.Split(scr, "\n") {
			if strings.HasPrefix(strings.TrimSpace(row), l) {
				found = true
			}
		}
		if !found {
			t.Errorf("Done does not start a line with %q:\n%s", l, scr)
		}
	}
}

// Issue 11, item 15: a long deploy command goes on lines of its own,
// broken before flags with the shell's continuation, never inside a flag.
func TestCommandLines(t *testing.T) {
	next := "aws cloudformation deploy --template-file prod-payments-db.cfn.yaml --stack-name prod-payments-db --capabilities CAPABILITY_AUTO_EXPAND CAPABILITY_IAM; then subscribe someone to the alert topic"
	got := commandLines(next, 60, "  ")
	want := []string{
		"  aws cloudformation deploy \\",
		"      --template-file prod-payments-db.cfn.yaml \\",
		"      --stack-name prod-payments-db \\",
		"      --capabilities CAPABILITY_AUTO_EXPAND CAPABILITY_IAM",
		"  then subscribe someone to the alert topic",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("commandLines =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := commandLines("terraform plan", 60, "  "); len(got) != 1 {
		t.Errorf("a short command was broken: %q", got)
	}
}

// A # line of the next steps that is wider than the screen wraps into
// lines that each begin with #, so a pasted block never runs the rest of
// the sentence as a command (round-three trial: "address (for ADDRESS)"
// stood on a line of its own).
func TestCommandLinesCommentStaysComment(t *testing.T) {
	next := "terraform plan\n# nobody is subscribed to the alert topic yet: after deploying, subscribe an address (for ADDRESS)\naws sns subscribe --protocol email"
	got := commandLines(next, 60, "  ")
	if len(got) < 4 {
		t.Fatalf("the comment did not wrap at 60: %q", got)
	}
	for _, l := range got[1 : len(got)-1] {
		if !strings.HasPrefix(l, "  # ") {
			t.Errorf("a wrapped comment line does not begin with #: %q", l)
		}
		if ansi.StringWidth(l) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
	if got[len(got)-1] != "  aws sns subscribe --protocol email" {
		t.Errorf("last line = %q", got[len(got)-1])
	}
}

// A flag whose value is wider than the screen is broken with the shell's
// line continuation, not cut: Done showed "--template-file
// /tmp/trial5/some/very/long/directory/name/that/goes/on/and/o…", a
// command that copied from the screen names another file (issue 22's fifth
// trial, a path outside the design's directory at 120 columns). The lines
// a shell reads back are the command's words, quoted ones included.
func TestCommandLinesBreakALongWord(t *testing.T) {
	long := "/tmp/trial5/some/very/long/directory/name/that/goes/on/and/on/for/a/while/shared-partner-api-key.cfn.yaml"
	for _, path := range []string{long, "'" + strings.ReplaceAll(long, "some", "so'\\''me dir") + "'"} {
		cmd := "aws cloudformation deploy --template-file " + path + " --stack-name shared-partner-api-key --capabilities CAPABILITY_IAM --region us-east-1"
		got := commandLines(cmd, 40, "  ")
		for _, l := range got {
			if w := ansi.StringWidth(l); w > 40 || strings.Contains(l, "…") {
				t.Errorf("line %q is %d wide (at most 40, never cut)", l, w)
			}
		}
		if words, want := shellWords(strings.Join(got, "\n")), shellWords(cmd); !reflect.DeepEqual(words, want) {
			t.Errorf("commandLines =\n%s\na shell reads %q, want %q", strings.Join(got, "\n"), words, want)
		}
	}
}

// The next steps as Done draws them, at any width, read back by a shell
// as the commands they are: quoted paths with spaces and quotes, the
// subscription's "$(...)" with a query in double quotes holding single
// ones (printf stands in for aws and terraform). A word that fitted a
// line exactly left breakWord one piece, which Done then sliced out of
// range: a panic found checking the fix for the cut path.
func TestCommandLinesReadBackByTheShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := "'/tmp/some dir/it'\\''s/a/long/path/to/the/terraform/configuration'"
	cmds := []string{
		"printf '[%s]\\n' --template-file " + dir + "/x.cfn.yaml --stack-name shared-partner-api-key --capabilities CAPABILITY_AUTO_EXPAND CAPABILITY_IAM --region us-east-1",
		"printf '[%s]\\n' " + dir + " && printf '[%s]\\n' init && printf '[%s]\\n' plan",
		`printf '[%s]\n' --topic-arn "$(printf '%s|' describe-stacks --stack-name shared-partner-api-key --query "Stacks[0].Outputs[?OutputKey=='AlertTopicArn'].OutputValue" --output text --region us-east-1)" --protocol email --notification-endpoint ADDRESS --region us-east-1`,
		`printf '[%s]\n' --topic-arn "$(printf '%s|' -chdir=` + dir + ` output -raw alert_topic_arn)" --protocol email --notification-endpoint ADDRESS`,
	}
	run := func(script string) string {
		out, err := exec.Command(sh, "-c", script).CombinedOutput()
		if err != nil {
			t.Fatalf("sh -c %q: %v\n%s", script, err, out)
		}
		return string(out)
	}
	for _, cmd := range cmds {
		want := run(cmd)
		for width := 20; width <= 120; width++ {
			got := commandLines(cmd, width, "  ")
			if width >= 40 {
				for _, l := range got {
					if ansi.StringWidth(l) > width {
						t.Errorf("width %d: line %q is wider", width, l)
					}
				}
			}
			if read := run(strings.Join(got, "\n")); read != want {
				t.Fatalf("width %d: the shell reads\n%s\nas\n%s\nwant\n%s", width, strings.Join(got, "\n"), read, want)
			}
		}
	}
}

// shellWords splits s into words as a POSIX shell does for the commands
// Done shows: blanks separate words, a backslash-newline outside single
// quotes is removed, a backslash outside quotes keeps the next character,
// and single quotes keep what they hold.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	in, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted && c == '\'':
			quoted = false
		case quoted:
			w.WriteByte(c)
		case c == '\'':
			quoted, in = true, true
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i++
		case c == '\\' && i+1 < len(s):
			i++
			w.WriteByte(s[i])
			in = true
		case c == ' ' || c == '\n' || c == '\t':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// Done's help page lists Done's keys, the ones its key line offers among
// them: it listed the form's (enter next, ctrl+g continue, esc back,
// ctrl+u clear), which do nothing or something else there, and left out
// c, which copies the deploy command (trial 6a's A10).
func TestDoneHelpListsDonesKeys(t *testing.T) {
	m := onReview(t, Options{Write: (&recorder{}).write})
	m.focusID("review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after writing")
	for _, canCopy := range []bool{true, false} {
		if !canCopy {
			m.written.Next = ""
		}
		line := strings.TrimSpace(screen(m)[strings.LastIndex(strings.TrimRight(screen(m), "\n"), "\n"):])
		press(t, m, "?")
		if !m.showHelp {
			t.Fatalf("? on Done opened no help page:\n%s", screen(m))
		}
		s := ansi.Strip(strings.Join(m.helpLines(80), "\n"))
		_, page, _ := strings.Cut(s, "Keys:")
		page = strings.Join(strings.Fields(page), " ")
		if page == "" {
			t.Fatalf("Done's help page lists no keys:\n%s", s)
		}
		for _, item := range strings.Split(line, " · ") {
			if !strings.Contains(page, item) {
				t.Errorf("Done's key line offers %q, its help page does not list it: %q", item, page)
			}
		}
		for _, want := range []string{"enter quits", "ctrl+c quit", "ctrl+p preview", "ctrl+t checklist", "ctrl+r who reads", "? or f1 this help"} {
			if !strings.Contains(page, want) {
				t.Errorf("Done's help page leaves out %q: %q", want, page)
			}
		}
		for _, not := range []string{"enter next", "ctrl+g", "esc back", "ctrl+u", "tab/↑↓", "where ? is text"} {
			if strings.Contains(page, not) {
				t.Errorf("Done's help page lists %q, a key of the form's: %q", not, page)
			}
		}
		if got := strings.Contains(page, "c copy the deploy command"); got != canCopy {
			t.Errorf("with a deploy command %v, the help page lists c: %v: %q", canCopy, got, page)
		}
		press(t, m, "esc") // any key closes the help page
	}
}
