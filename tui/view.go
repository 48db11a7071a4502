package tui

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/tui/form"
)

const (
	labelWidth     = form.LabelWidth
	checklistWidth = 34
	// wideWidth is the narrowest terminal that shows a side pane beside
	// the form; narrower ones show it instead of the form.
	wideWidth = 90
	// minListRows is how many options of a long list show at once at
	// least; a taller window shows more (listRows).
	minListRows = form.MinListRows
)

// View implements tea.Model.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	return v
}

func (m *Model) size() (int, int) {
	if m.width == 0 || m.height == 0 {
		return 80, 24
	}
	return m.width, m.height
}

func (m *Model) checklistOn() bool {
	if m.checklist != nil {
		return *m.checklist
	}
	w, _ := m.size()
	return w >= wideWidth
}

// layout returns the width of the form and of the side pane (0 when the
// pane is hidden, or the whole width when it replaces the form).
func (m *Model) layout() (form, side int, pane string) {
	w, _ := m.size()
	switch {
	case m.showPreview:
		pane = "preview"
	case m.showAccess:
		pane = "access"
	case m.checklistOn():
		pane = "checklist"
	default:
		return w, 0, ""
	}
	if pane == "checklist" && m.opts.Learn && m.step == stepReview {
		// --learn puts the reviewer's notes where the checklist was:
		// they go through the same rules, in words.
		pane = "learn"
	}
	if w < wideWidth {
		return 0, w, pane
	}
	side = checklistWidth
	if pane == "learn" || pane == "access" {
		// Prose wants a wider column than the checklist.
		side = max(checklistWidth, (w-3)/2)
	} else if pane == "preview" {
		side = max(checklistWidth, w-64)
	}
	return w - side - 3, side, pane
}

func (m *Model) formWidth() int {
	f, _, _ := m.layout()
	if f == 0 {
		f, _ = m.size()
	}
	return f
}

func (m *Model) bodyHeight() int {
	w, h := m.size()
	return h - 3 - len(m.statusLines(w))
}

// maxStatusLines is how many lines the status may take; a longer one is
// cut there, which no message of the wizard's is.
const maxStatusLines = 3

// statusLines is the status wrapped to w cells, at least one line (empty
// when there is no status), so that what it says to do is never cut.
func (m *Model) statusLines(w int) []string {
	ls := form.WrapWords(shown(m.status), max(10, w))
	if len(ls) > maxStatusLines {
		ls = ls[:maxStatusLines]
		ls[maxStatusLines-1] = form.Truncate(ls[maxStatusLines-1], w-1, "") + "…"
	}
	return ls
}

// tooSmall reports whether the window is below the minimum size, when the
// wizard draws only a request for a bigger one.
func (m *Model) tooSmall() bool {
	w, h := m.size()
	return w < MinWidth || h < MinHeight
}

func (m *Model) render() string {
	w, h := m.size()
	if m.tooSmall() {
		msg := fmt.Sprintf("Terminal too small: secretsmith needs at least %dx%d and this one is %dx%d.\nMake the window bigger, or write a design file and run 'secretsmith generate'.", MinWidth, MinHeight, w, h)
		if m.asking("quit") {
			msg += "\n\nQuit the wizard? y quits and keeps the draft · n keeps going"
		}
		return ansi.Wordwrap(msg, w, "")
	}
	bodyH := m.bodyHeight()
	formW, sideW, pane := m.layout()
	fs := m.fields()
	var body []string
	if formW > 0 {
		body = m.formLinesOf(fs, formW, bodyH)
	}
	cut := w
	if sideW > 0 {
		var side []string
		switch pane {
		case "preview":
			side = m.previewPane(sideW, bodyH)
		case "learn":
			side = m.learnPane(sideW, bodyH)
		case "access":
			side = m.accessPane(sideW, bodyH)
		default:
			side = m.checklistPane(sideW)
		}
		if formW == 0 {
			body = side
		} else {
			// joinColumns cuts each column to its width already.
			body = joinColumns(body, formW, side, sideW, bodyH, m.st.hint.Render(" │ "))
			cut = 0
		}
	}
	body = fit(body, bodyH, cut)

	// The screen is written once into a string of its size: joining
	// the body first and growing the string as it went copied it three
	// times on every key.
	head := m.header(w)
	status := m.statusLines(w)
	for i, l := range status {
		status[i] = form.Truncate(m.st.status.Render(l), w, "…")
	}
	keys := form.Truncate(m.keyLineOf(fs, w), w, "…")
	n := len(head) + 2 + max(len(body)-1, 0) + 1 + len(keys)
	for _, l := range body {
		n += len(l)
	}
	for _, l := range status {
		n += len(l) + 1
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(head)
	b.WriteString("\n\n")
	for i, l := range body {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(l)
	}
	b.WriteString("\n")
	for _, l := range status {
		b.WriteString(l)
		b.WriteString("\n")
	}
	b.WriteString(keys)
	return b.String()
}

func (m *Model) header(w int) string {
	steps := m.steps()
	i := m.stepIndex()
	title := stepText[m.step].title
	s := m.st.title.Render("secretsmith") + m.st.step.Render(fmt.Sprintf("  step %d of %d · ", i+1, len(steps))) + m.st.title.Render(title)
	if m.opts.Learn {
		s += m.st.step.Render("  (learn mode)")
	}
	s += m.awsHeader()
	return form.Truncate(s, w, "…")
}

// keyLineKey is what the key line depends on, outside a dialog.
type keyLineKey struct {
	width              int
	help, done, inText bool
	// clears is whether the focused text field holds text ctrl+u clears.
	clears bool
	// helpScrolls is whether the help page is longer than the screen.
	helpScrolls bool
	// canCopy is whether Done has a deploy command to copy.
	canCopy bool
	drawn   bool
}

// keyLineKeyOf is the key line's key for the fields fs at width w; ok is
// false in a dialog, whose line is drawn each time.
func (m *Model) keyLineKeyOf(fs []field, w int) (keyLineKey, bool) {
	if m.dialog != nil {
		return keyLineKey{}, false
	}
	k := keyLineKey{width: w, help: m.showHelp, helpScrolls: m.helpScrolls(), done: m.step == stepDone, drawn: true}
	if k.done {
		k.canCopy = m.deployCommand() != ""
	}
	if len(fs) > 0 {
		f := fs[min(max(m.focus, 0), len(fs)-1)]
		k.inText = m.questionMarkIsText(f)
		k.clears = f.kind == kindText && m.ed.Input.Value() != ""
	}
	return k, true
}

// keyLineOf is the key line for the fields fs at width w: the one settle
// drew, when nothing it depends on has changed since (bubbles' help styles
// every item anew, a fifth of a keystroke), or drawn now.
func (m *Model) keyLineOf(fs []field, w int) string {
	k, ok := m.keyLineKeyOf(fs, w)
	if ok && k == m.keyLineFor {
		return m.keyLine
	}
	return m.keyHelp(k, w)
}

// keyHelp is the key line: the bindings that apply now, as many whole
// items as fit in w, the ones needed most kept (fitKeys). It is never cut
// and ends in no ellipsis: the help page lists every key.
func (m *Model) keyHelp(k keyLineKey, w int) string {
	var keys, need helpKeys
	switch {
	case m.dialog != nil:
		keys, need = m.dialogHelp(), m.dialogNeed()
	case k.help:
		keys = m.keys.overlayHelp(k.helpScrolls)
	case k.done:
		keys = m.keys.doneHelp(k.canCopy)
	default:
		keys, need = m.keys.formKeys(k.inText, k.clears)
	}
	if need == nil {
		need = keys
	}
	h := m.help
	h.SetWidth(0)
	return h.View(fitKeys(keys, need, w, h.ShortSeparator))
}

// joinColumns puts two columns side by side, padding the left one.
func joinColumns(left []string, lw int, right []string, rw, height int, sep string) []string {
	out := make([]string, 0, height)
	for i := 0; i < height; i++ {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out = append(out, form.Pad(l, lw)+sep+form.Truncate(r, rw, "…"))
	}
	return out
}

// fit cuts lines to the screen, and fills it so the footer stays put. A
// w of 0 leaves the width alone, for lines already cut.
func fit(lines []string, h, w int) []string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if w > 0 {
			lines[i] = form.Truncate(l, w, "…")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// nextLines splits the next steps into their lines and makes each safe to
// show: made safe whole, the newlines between commands showed as a
// literal \n and ran the commands together (found repeating issue 22's
// trial).
func nextLines(next string) []string {
	lines := strings.Split(next, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			// A comment is prose written for the CLI, which names design
			// paths; on screen it names the fields the user saw (issue
			// 22: Done said "rotation.rotateImmediately false").
			l = inWords(l)
		}
		lines[i] = shown(l)
	}
	return lines
}

// commandLines draws the next command to run so that it copies cleanly: a
// command that fits is one line; a longer one breaks before each && and
// each flag, with the shell's line continuation, never inside a word. What
// follows a "; " is prose about it, on lines of its own.
func commandLines(next string, width int, indent string) []string {
	if strings.Contains(next, "\n") {
		// One command per line (a # line says what the next is for).
		var out []string
		for _, l := range strings.Split(next, "\n") {
			if strings.HasPrefix(l, "#") {
				// Every line of a wrapped comment is a comment: a
				// pasted block ran the sentence's tail as a command.
				body := strings.TrimSpace(strings.TrimPrefix(l, "#"))
				out = append(out, form.Wrap(body, width, indent+"# ")...)
			} else {
				out = append(out, commandLines(l, width, indent)...)
			}
		}
		return out
	}
	cmd, prose, _ := strings.Cut(next, "; ")
	var out []string
	if form.Width(indent+cmd) <= width {
		out = append(out, indent+cmd)
	} else {
		var parts [][]string
		for _, w := range shellFields(cmd) {
			if len(parts) == 0 || strings.HasPrefix(w, "-") || w == "&&" {
				parts = append(parts, []string{w})
			} else {
				parts[len(parts)-1] = append(parts[len(parts)-1], w)
			}
		}
		for i, p := range parts {
			pre := indent
			if i > 0 {
				pre += "    "
			}
			if i < len(parts)-1 {
				p = append(p, "\\")
			}
			out = append(out, fitCommand(pre, p, width)...)
		}
	}
	if prose != "" {
		out = append(out, form.Wrap(prose, width, indent)...)
	}
	return out
}

// fitCommand lays the words of one line of a command out from pre within
// width: a word that does not fit goes on the next line, after the shell's
// line continuation, and a word wider than a line is broken inside with a
// backslash-newline that goes on at the first column, which a shell
// removes (closing a single-quoted part first and opening it again after),
// so the lines copied from the screen are the command. Cut with "…" to
// the screen, a long path named another file (issue 22's fifth trial).
func fitCommand(pre string, words []string, width int) []string {
	var out []string
	line := pre
	for i, w := range words {
		if i > 0 {
			room := width
			if i < len(words)-1 {
				room -= 2 // " \\" if the next word breaks the line
			}
			if form.Width(line+" "+w) <= room || w == "\\" {
				line += " " + w
				continue
			}
			if form.Width(pre+"  "+w) <= room {
				out = append(out, line+" \\")
				line = pre + "  "
			} else {
				// Too wide for any line: broken where it stands.
				line += " "
			}
		}
		if form.Width(line+w+" \\") <= width || form.Width(line+w) <= width && i == len(words)-1 {
			line += w
			continue
		}
		chunks := breakWord(w, width-form.Width(line), width)
		last := len(chunks) - 1
		if last == 0 {
			line += chunks[0]
			continue
		}
		out = append(out, line+chunks[0])
		out = append(out, chunks[1:last]...)
		line = chunks[last]
	}
	return append(out, line)
}

// quoting follows a command character by character as a POSIX shell
// reads it: the quotes and command substitutions ($(...)) it is inside,
// innermost last, and whether a backslash quotes the next character.
type quoting struct {
	open            []rune // '\'', '"' or '('
	escaped, dollar bool
}

// in is the innermost quote or substitution, or 0 outside any.
func (q *quoting) in() rune {
	if len(q.open) == 0 {
		return 0
	}
	return q.open[len(q.open)-1]
}

// next moves past r.
func (q *quoting) next(r rune) {
	in, dollar := q.in(), q.dollar
	q.dollar = false
	switch {
	case in == '\'':
		if r == '\'' {
			q.open = q.open[:len(q.open)-1]
		}
	case q.escaped:
		q.escaped = false
	case r == '\\':
		q.escaped = true
	case r == '$':
		q.dollar = true
	case r == '(' && dollar:
		q.open = append(q.open, '(')
	case in == '"':
		if r == '"' {
			q.open = q.open[:len(q.open)-1]
		}
	case r == '"' || r == '\'':
		q.open = append(q.open, r)
	case r == ')' && in == '(':
		q.open = q.open[:len(q.open)-1]
	}
}

// blanksSplit reports whether a blank here separates words: outside
// quotes, or between the words of a command substitution, where a
// backslash-newline and spaces are read as the blank they stand for.
func (q *quoting) blanksSplit() bool {
	in := q.in()
	return !q.escaped && (in == 0 || in == '(')
}

// breakWord cuts a shell word into a first piece of at most first columns
// and further pieces of at most width, each but the last ending in a
// backslash-newline continuation, which a shell removes outside quotes and
// inside double quotes: a single-quoted part is closed before it and
// opened again after, and a backslash that quotes the next character
// stays with it.
func breakWord(w string, first, width int) []string {
	var out []string
	var b strings.Builder
	room := max(first, 4)
	used := 0
	var q quoting
	for _, r := range w {
		rw := form.Width(string(r))
		// Leave room for the continuation: "\\", or "'\\" in quotes.
		need := 1
		switch {
		case q.in() == '\'' || r == '\'':
			need = 2 // in, or into, single quotes
		case r == '\\' && !q.escaped:
			need = 2 // the character it quotes stays on its line
		}
		if used+rw+need > room && used > 0 && !q.escaped {
			single := q.in() == '\''
			if single {
				b.WriteString("'\\")
			} else {
				b.WriteString("\\")
			}
			out = append(out, b.String())
			b.Reset()
			used, room = 0, width
			if single {
				b.WriteByte('\'')
				used = 1
			}
		}
		b.WriteRune(r)
		used += rw
		q.next(r)
	}
	return append(out, b.String())
}

// shellFields splits a command into its words at the blanks outside
// quotes (in a command substitution too) and not quoted by a backslash,
// each word as written.
func shellFields(cmd string) []string {
	var words []string
	start := -1
	var q quoting
	for i, r := range cmd {
		blank := (r == ' ' || r == '\t') && q.blanksSplit()
		q.next(r)
		if blank {
			if start >= 0 {
				words = append(words, cmd[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, cmd[start:])
	}
	return words
}

// formLines draws the form and scrolls it so the focused field shows.
func (m *Model) formLines(width, height int) []string {
	return m.formLinesOf(m.fields(), width, height)
}

// formLinesOf is formLines for the step's fields fs.
func (m *Model) formLinesOf(fs []field, width, height int) []string {
	if m.dialog != nil {
		return m.dialog.lines
	}
	if m.showHelp {
		return m.helpWindow(width, height)
	}
	lines, focusStart, focusEnd := m.formContent(fs, width)
	if len(lines) <= height {
		return lines
	}
	// Every step's form scrolls with pgup and pgdown and says what is
	// above and below: at 80x24 the Rotation step's last fields and
	// their errors were cut mid-sentence with nothing to say more was
	// below, which only the review said (issue 22's trial).
	top, rows := m.formWindow(len(lines), focusStart, focusEnd, height)
	var out []string
	if top > 0 {
		out = append(out, m.st.hint.Render(m.moreNotice("↑", top, "pgup")))
	}
	out = append(out, lines[top:top+rows]...)
	if below := len(lines) - top - rows; below > 0 {
		out = append(out, m.st.hint.Render(m.moreNotice("↓", below, "pgdown")))
	}
	return out
}

// formContent is the step's form at width, before scrolling, with the
// first and last line of the focused field.
func (m *Model) formContent(fs []field, width int) (lines []string, focusStart, focusEnd int) {
	if m.opts.Learn {
		if intro := stepText[m.step].intro; intro != "" {
			for _, l := range form.Wrap(intro, width, "") {
				lines = append(lines, m.st.hint.Render(l))
			}
			if !m.checklistOn() {
				// Below 90 columns the side pane is off: say where the
				// checklist (the reviewer's notes, on the Review) is,
				// which the intro and --learn's promise rely on.
				what := "the blueprint checklist"
				if m.step == stepReview {
					what = "the reviewer's notes"
				}
				for _, l := range form.Wrap(m.keys.Checklist.Help().Key+" shows "+what+" in place of the form", width, "") {
					lines = append(lines, m.st.hint.Render(l))
				}
			}
			lines = append(lines, "")
		}
	}
	if m.step == stepPolicy && m.stmt >= 0 {
		lines = append(lines, m.st.title.Render(fmt.Sprintf("Statement %d of %d", m.stmt+1, len(m.statements()))))
	} else if m.step == stepPolicy && len(m.statements()) == 0 {
		for _, l := range form.Wrap("No resource policy: only IAM policies in the account grant access.", width, "") {
			lines = append(lines, m.st.hint.Render(l))
		}
	}
	lines = append(lines, m.otherProblems(fs, width)...)
	if un := m.unreadLines(fs, width); len(un) > 0 {
		lines = append(append(lines, un...), "")
	}
	hasFocus := len(fs) > 0
	for i, f := range fs {
		if i == m.focus && hasFocus {
			focusStart = len(lines)
		}
		lines = append(lines, m.fieldLines(f, i == m.focus && hasFocus, width)...)
		for _, u := range m.unreadFor(fs, f) {
			lines = append(lines, m.markerLines(u.marker(), width, "    ")...)
		}
		if i == m.focus && hasFocus {
			focusEnd = len(lines) - 1
		}
	}
	lines = append(lines, m.extraLines(width)...)
	return lines, focusStart, focusEnd
}

// focusTop is the first of n lines shown in height rows so that the
// focused field (its lines focusStart to focusEnd) shows, with two lines
// after it when they fit.
func focusTop(n, focusStart, focusEnd, height int) int {
	top := 0
	if focusEnd >= height {
		top = min(focusEnd-height+1+2, focusStart)
	}
	return max(0, min(top, n-height))
}

// formWindow is the part of a form of n lines shown in height rows: its
// first line and how many lines show, leaving a row for each notice of
// lines above or below. Until pgup or pgdown scrolls it, the window
// follows the focused field; a scroll holds until the focus moves.
func (m *Model) formWindow(n, focusStart, focusEnd, height int) (top, rows int) {
	if n <= height {
		return 0, n
	}
	if m.formScroll.on && m.formScroll.step == m.step && m.formScroll.focus == m.focus {
		top = m.formScroll.top
	} else {
		// Room for both notices, so that the focused field stays in
		// view whichever of them shows.
		top = focusTop(n, focusStart, focusEnd, max(1, height-2))
	}
	return windowOf(n, top, height)
}

// windowOf clamps a window of a form of n lines (n > height) starting at
// top to the form, and takes a row from height for each notice it needs:
// the last window shows the form's last line under the notice above.
func windowOf(n, top, height int) (int, int) {
	top = max(0, min(top, n-(height-1)))
	rows := height
	if top > 0 {
		rows--
	}
	if top+rows < n {
		rows--
	}
	return top, max(1, rows)
}

// moreNotice says that count lines of the form are past one edge (arrow)
// and which key shows them: key, or, while a side pane takes the scroll
// keys, the key that hides it first.
func (m *Model) moreNotice(arrow string, count int, key string) string {
	what := "lines"
	if count == 1 {
		what = "line"
	}
	if _, ok := m.paneScrolls(); ok {
		key = m.paneCloseKey() + ", then " + key
	}
	return fmt.Sprintf("  %s %d more %s · %s", arrow, count, what, key)
}

// otherProblems lists the step's problems that no field on screen shows,
// so nothing that blocks the step is ever hidden.
func (m *Model) otherProblems(fs []field, width int) []string {
	var out []string
	for _, p := range m.problems {
		if !m.stepOwns(p.Path) {
			continue
		}
		shown := false
		for _, f := range fs {
			if f.matches(p) {
				shown = true
				break
			}
		}
		if !shown {
			out = append(out, m.problemLines(p, width, "  ", true)...)
		}
	}
	if len(out) > 0 {
		out = append(out, "")
	}
	return out
}

func (m *Model) problemLines(p blueprint.Problem, width int, indent string, withPath bool) []string {
	return m.problemLinesOf(p, onScreen(p.Message), width, indent, withPath)
}

// problemLinesOf draws problem p with msg as its message.
func (m *Model) problemLinesOf(p blueprint.Problem, msg string, width int, indent string, withPath bool) []string {
	if withPath {
		msg = pathLabel(p.Path) + ": " + msg
	}
	sym, style := "✗ ", m.st.err
	switch {
	case p.Rule != "" && p.Severity == blueprint.SeverityWarning:
		sym, style = "! ", m.st.warn
		msg += " (rule " + p.Rule + ")"
	case p.Rule != "":
		sym, style = "✗ ", m.st.ruleErr
		msg += " (rule " + p.Rule + ")"
	case p.Severity == blueprint.SeverityWarning:
		sym, style = "! ", m.st.warn
	}
	lines := form.Wrap(sym+shownText(msg), width, indent)
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}

// designKey finds the words of a message that could be design-file keys.
var designKey = regexp.MustCompile(`\b[a-z]+[A-Z][A-Za-z]*\b`)

// onScreen puts the screens' labels in a message in place of the
// design-file keys it names (screenLabels).
// A word inside a path (next to a dot or a bracket) is left alone: the
// path is replaced as a whole, or not at all.
func onScreen(msg string) string {
	msg = screenPhrases.Replace(msg)
	msg = wholePathsOnScreen(msg)
	msg = rotationTypesOnScreen(msg)
	var b strings.Builder
	last := 0
	for _, loc := range designKey.FindAllStringIndex(msg, -1) {
		i, j := loc[0], loc[1]
		inPath := i > 0 && strings.ContainsRune(".[", rune(msg[i-1])) || j < len(msg) && strings.ContainsRune(".[", rune(msg[j])) && j+1 < len(msg) && msg[j+1] != ' '
		l, ok := screenLabels[msg[i:j]]
		if !ok || inPath {
			continue
		}
		b.WriteString(msg[last:i])
		b.WriteString(strings.TrimSpace(l))
		last = j
	}
	b.WriteString(msg[last:])
	return b.String()
}

// wholePath is a design-file path of two keys or more (no list index)
// that a message names inside a sentence: after a space or an opening
// parenthesis, and not followed by more of a path (a full stop ends it
// when a space or the end follows).
var wholePath = regexp.MustCompile(`([ (])((?:secret|rotation|monitoring|resourcePolicy)(?:\.[a-z][A-Za-z]*)+)\b([^.\[:]|\.\s|\.$|$)`)

// wholePathsOnScreen puts, in place of a whole design-file path inside a
// message ("run the function in the VPC of a listed endpoint
// (rotation.hostedRotationLambda.vpcSubnetIds)"), the label of its last
// key, when the screens have one. A path that starts the message, a
// problem's own path before its colon, stays: it is not inside a
// sentence.
func wholePathsOnScreen(msg string) string {
	if !strings.Contains(msg, ".") {
		return msg
	}
	return wholePath.ReplaceAllStringFunc(msg, func(m string) string {
		sub := wholePath.FindStringSubmatch(m)
		path := sub[2]
		l, ok := screenLabels[path[strings.LastIndexByte(path, '.')+1:]]
		if !ok {
			return m
		}
		return sub[1] + strings.TrimSpace(l) + sub[3]
	})
}

// pathLabel is what a problem no field shows is called on screen: the
// label of the path's last key, or the path itself when it has an index
// or no label.
func pathLabel(path string) string {
	if strings.ContainsAny(path, "[]") {
		return entryLabel(path)
	}
	if l, ok := screenLabels[path[strings.LastIndexByte(path, '.')+1:]]; ok {
		return strings.TrimSpace(l)
	}
	return path
}

// conditionWords are the operator and key a condition's path gives after
// ".condition" (.ArnNotLike["aws:PrincipalArn"]), separated by a space;
// an index after them (a value's) is left out.
func conditionWords(rest string) string {
	var words []string
	for len(words) < 2 && rest != "" {
		switch rest[0] {
		case '.':
			end := strings.IndexAny(rest[1:], ".[")
			if end < 0 {
				end = len(rest) - 1
			}
			words, rest = append(words, rest[1:end+1]), rest[end+1:]
		case '[':
			q, err := strconv.QuotedPrefix(rest[1:])
			if err != nil {
				return strings.Join(words, " ")
			}
			w, _ := strconv.Unquote(q)
			words, rest = append(words, w), strings.TrimPrefix(rest[1+len(q):], "]")
		default:
			return strings.Join(words, " ")
		}
	}
	return strings.TrimSpace(strings.Join(words, " "))
}

// entryLabel names a path into lists by its entries, counted from 1 as
// the screens count them ("statement 3", "replica 1 KMS key"), or is the
// path itself when a list or the key after the last entry has no name
// on screen.
func entryLabel(path string) string {
	var words []string
	rest := path
	if pre, cond, ok := strings.Cut(path, ".condition"); ok && cond != "" {
		// A condition's path ends in its operator, key and value, which
		// the screens show as the condition's rows: named by its operator
		// and key, since a statement may have several ("statement 1
		// condition: needs at least one value" of a Deny with two, trial
		// 7a's T11).
		if l := entryLabel(pre); l != pre {
			if which := conditionWords(cond); which != "" {
				return l + " condition " + which
			}
			return l + " condition"
		}
		return path
	}
	for {
		open := strings.IndexByte(rest, '[')
		if open < 0 {
			break
		}
		end := strings.IndexByte(rest[open:], ']')
		if end < 0 {
			return path
		}
		list := rest[strings.LastIndexByte(rest[:open], '.')+1 : open]
		word, ok := itemWords[list]
		n, err := strconv.Atoi(rest[open+1 : open+end])
		if !ok || err != nil {
			return path
		}
		words = append(words, word+" "+strconv.Itoa(n+1))
		rest = rest[open+end+1:]
	}
	if rest != "" {
		l, ok := screenLabels[rest[strings.LastIndexByte(rest, '.')+1:]]
		if !ok {
			return path
		}
		words = append(words, strings.TrimSpace(l))
	}
	return strings.Join(words, " ")
}

// itemWords names an entry of each list a design path can index, as the
// fields' item names do.
var itemWords = map[string]string{
	"statements":          "statement",
	"replicaRegions":      "replica",
	"tags":                "tag",
	"vpcSubnetIds":        "subnet",
	"vpcSecurityGroupIds": "security group",
	"AWS":                 "principal",
	"Service":             "principal",
	"Federated":           "principal",
	"action":              "action",
	"notAction":           "action",
	"resource":            "resource",
}

// fieldProblems returns the problems shown under f.
func (m *Model) fieldProblems(f field) blueprint.Problems {
	var out blueprint.Problems
	if msg := m.localErr[f.id]; msg != "" {
		// One problem a line: a design file's errors are each told.
		for l := range strings.SplitSeq(msg, "\n") {
			out = append(out, blueprint.Problem{Path: f.path, Message: l})
		}
	} else if f.check != nil && f.get() != "" {
		// A value not yet in the design (a waiver's reason before it is
		// added) is checked as it is typed, as the design's are.
		if err := f.check(f.get()); err != nil {
			sev := blueprint.SeverityError
			if blueprint.IsWarning(err) {
				sev = blueprint.SeverityWarning
			}
			out = append(out, blueprint.Problem{Path: f.path, Severity: sev, Message: err.Error()})
		}
	}
	var fs []field
	for _, p := range m.problems {
		if f.required != "" && blueprint.OneOfMissing(p) {
			p.Message = f.required
		}
		if f.reword != nil {
			p.Message = f.reword(p.Message)
		}
		switch {
		case p.Message != "" && p.Message == m.localErr[f.id]:
			// The number kept under a number too long to read is out
			// of range too: its range is said once.
		case f.matchesOwn(p):
			out = append(out, p)
		case f.matchesAlso(p):
			// An also path is for a value whose own field is not on
			// screen; when it is, the problem shows there alone.
			if fs == nil {
				fs = m.fields()
			}
			if !ownedElsewhere(fs, f, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// ownedElsewhere reports whether a field of fs other than f shows p under
// its own path.
func ownedElsewhere(fs []field, f field, p blueprint.Problem) bool {
	for _, g := range fs {
		if g.id != f.id && g.matchesOwn(p) {
			return true
		}
	}
	return false
}

// fieldLines draws field f as its kind does, then its problems.
func (m *Model) fieldLines(f field, focused bool, width int) []string {
	kind, w := f.widget()
	at := form.Place{Focused: focused, Width: width, Rows: m.listRows(), Under: m.pickerLines(f, focused, width)}
	lines := kind.Lines(w, &m.ed, host{m, f}, at)
	ps := nameItems(f, m.fieldProblems(f))
	if f.brief && len(ps) > 1 {
		first := ps[0]
		first.Message += fmt.Sprintf(" (and %d more)", len(ps)-1)
		ps = blueprint.Problems{first}
	}
	for _, p := range ps {
		msg := onScreen(p.Message)
		if f.fileWords {
			msg = p.Message
		}
		lines = append(lines, m.problemLinesOf(p, msg, width, "    ", f.brief)...)
	}
	return lines
}

// nameItems says which entries of a list field each problem is about
// ("subnet 2: ..."), and shows a message that several entries share once
// ("subnets 1 and 3: ..."), instead of the same line once per entry. An
// entry holding a space is most likely two ids: the message says to
// separate them with commas.
func nameItems(f field, ps blueprint.Problems) blueprint.Problems {
	if f.item == "" || len(ps) == 0 {
		return ps
	}
	vals := splitList(f.get())
	var out blueprint.Problems
	var idx [][]int
	group := map[blueprint.Problem]int{}
	for _, p := range ps {
		j, ok := itemIndex(f, p.Path)
		if !ok {
			out, idx = append(out, p), append(idx, nil)
			continue
		}
		k := blueprint.Problem{Message: p.Message, Severity: p.Severity, Rule: p.Rule}
		if g, ok := group[k]; ok {
			idx[g] = append(idx[g], j)
			continue
		}
		group[k] = len(out)
		out, idx = append(out, p), append(idx, []int{j})
	}
	for i, js := range idx {
		if js == nil {
			continue
		}
		spaced := false
		for _, j := range js {
			spaced = spaced || j < len(vals) && strings.ContainsAny(vals[j], " \t")
		}
		out[i].Message = itemNames(f.item, js) + ": " + out[i].Message
		if spaced {
			out[i].Message += " (separate them with commas, not spaces)"
		}
	}
	return out
}

// itemIndex returns the entry a problem at path is about, when path ends
// in an index below f's path: vpcSubnetIds[1], principal.AWS[0].
func itemIndex(f field, path string) (int, bool) {
	open := strings.LastIndexByte(path, '[')
	if open < 0 || !strings.HasSuffix(path, "]") {
		return 0, false
	}
	j, err := strconv.Atoi(path[open+1 : len(path)-1])
	if err != nil || j < 0 {
		return 0, false
	}
	base := path[:open]
	if under(base, f.path) {
		return j, true
	}
	for _, a := range f.also {
		if under(base, a) {
			return j, true
		}
	}
	return 0, false
}

// itemNames is "subnet 2", or "subnets 1 and 3", counting from 1.
func itemNames(item string, js []int) string {
	if len(js) == 1 {
		return fmt.Sprintf("%s %d", item, js[0]+1)
	}
	nums := make([]string, len(js))
	for i, j := range js {
		nums[i] = strconv.Itoa(j + 1)
	}
	return item + "s " + strings.Join(nums[:len(nums)-1], ", ") + " and " + nums[len(nums)-1]
}

func optionLabel(o option) string {
	if o.group != "" {
		return o.group + " · " + o.label
	}
	return o.label
}

// listRows is how many options of a long list show at once: what the
// body has beyond formRoom rows for the fields around the list, so a tall
// window shows the whole list of rotation types, and never fewer than
// minListRows.
func (m *Model) listRows() int {
	return max(minListRows, m.bodyHeight()-formRoom)
}

// formRoom is the rows a long list leaves to the rest of its step: the
// rotation step's other fields with their hints and errors.
const formRoom = 28

func (m *Model) extraLines(width int) []string {
	switch m.step {
	case stepReview:
		return m.reviewLines(width)
	case stepDone:
		var out []string
		if m.written.Recovered != "" {
			out = append(out, "", m.st.title.Render("Finished first:"))
			out = append(out, form.Wrap(shown(m.written.Recovered), width, "  ")...)
		}
		if m.written.Created != "" {
			out = append(out, "", m.st.title.Render("Created the directory:"))
			out = append(out, pathLines(m.written.Created, width, "  ")...)
		}
		out = append(out, "", m.st.title.Render("Written:"))
		for _, f := range m.written.Files {
			out = append(out, pathLines(f, width, "  ")...)
		}
		if m.written.Next != "" {
			out = append(out, "", m.st.title.Render("Next:"))
			out = append(out, commandLines(strings.Join(nextLines(m.written.Next), "\n"), width, "  ")...)
		}
		out = append(out, m.readerSideLines(width)...)
		return append(out, m.awsDoneLines(width)...)
	}
	return nil
}

// reviewLines list the rules that need attention, as a reviewer reads them.
func (m *Model) reviewLines(width int) []string {
	counts := map[blueprint.Status]int{}
	var out []string
	byStep := map[step][]field{}
	for _, r := range m.report.Results {
		counts[r.Status]++
		switch r.Status {
		case blueprint.StatusNotMet:
			out = append(out, m.ruleLines(r, width)...)
			for _, f := range r.Findings {
				p := blueprint.Problem{Path: f.Path, Message: f.Message, Severity: f.Severity, Rule: string(r.Rule.ID)}
				if m.choiceCovers(p) {
					// Said as the choice made says it (choiceProblems).
					p.Path, p.Message = "rotation.hostedRotationLambda.endpoint", endpointIDEmpty
				}
				p.Rule = ""
				out = append(out, m.problemLinesOf(p, m.labelled(p, byStep), width, "      ", false)...)
			}
		case blueprint.StatusWaived:
			out = append(out, m.ruleLines(r, width)...)
			out = append(out, form.Wrap("waived: "+shown(r.WaiverReason), width, "      ")...)
		case blueprint.StatusCannotVerify:
			// Why is the value not read, which the markers above say.
			out = append(out, m.ruleLines(r, width)...)
		}
	}
	summary := fmt.Sprintf("  %d met · %d not met · %d waived · %d not applicable",
		counts[blueprint.StatusMet], counts[blueprint.StatusNotMet], counts[blueprint.StatusWaived], counts[blueprint.StatusNotApplicable])
	if n := counts[blueprint.StatusCannotVerify]; n > 0 {
		summary += fmt.Sprintf(" · %d cannot verify", n)
	}
	// The counts wrap under themselves: cut with "…" beside the
	// reviewer's notes, "not applicable" read "not…" (issue 22's trial).
	head := []string{""}
	const lead = "Blueprint  "
	for i, l := range form.WrapWords(strings.TrimSpace(summary), max(10, width-len(lead))) {
		if i == 0 {
			head = append(head, m.st.title.Render("Blueprint")+m.st.hint.Render("  "+l))
		} else {
			head = append(head, m.st.hint.Render(strings.Repeat(" ", len(lead))+l))
		}
	}
	if errs := m.otherStepErrors(); len(errs) > 0 {
		// Errors first: nothing is written until they are fixed, and the
		// rules they make uncheckable say only that.
		var el []string
		el = append(el, "", m.st.title.Render("Errors")+m.st.hint.Render(" to fix before writing"))
		for _, p := range errs {
			s, _ := m.stepOf(p.Path)
			el = append(el, m.problemLinesOf(p, stepText[s].title+" step, "+m.labelled(p, byStep), width, "  ", false)...)
		}
		head = append(el, head...)
	}
	if len(out) == 0 {
		out = append(out, m.st.met.Render("  every rule that applies is met"))
	}
	out = append(append(append(head, out...), m.accessSummary(width)...), m.walkSummary(width)...)
	return append(out, m.awsReviewLines(width)...)
}

// labelled is problem p's message for the Review, led by the name of the
// field that says it on its step: its own field's label, or, when the
// choices hide that field, the field that takes p as a further path
// (shownBy), in that field's words.
func (m *Model) labelled(p blueprint.Problem, byStep map[step][]field) string {
	msg := onScreen(p.Message)
	if f, ok := m.shownBy(p, byStep); ok {
		if f.reword != nil {
			msg = f.reword(msg)
		}
		return strings.TrimSpace(f.q.title) + ": " + msg
	}
	return pathLabel(p.Path) + ": " + msg
}

// shownBy is the field that shows problem p on its step, when no field
// there has p's path as its own but one takes it as a further path (the
// database resource's type says the database is missing when the host
// field is not on screen). The steps' fields are kept in fields, by step,
// for the one drawing.
func (m *Model) shownBy(p blueprint.Problem, fields map[step][]field) (field, bool) {
	s, ok := m.stepOf(p.Path)
	if !ok || s == stepPolicy {
		// The policy step's fields depend on the statement open.
		return field{}, false
	}
	fs, ok := fields[s]
	if !ok {
		fs = m.fieldsOfStep(s)
		fields[s] = fs
	}
	var also *field
	for i := range fs {
		if fs[i].matchesOwn(p) {
			return field{}, false
		}
		if also == nil && fs[i].matchesAlso(p) {
			also = &fs[i]
		}
	}
	if also == nil {
		return field{}, false
	}
	return *also, true
}

func (m *Model) ruleSymbol(r blueprint.RuleResult) (string, form.Style) {
	switch r.Status {
	case blueprint.StatusMet:
		return "✓", m.st.met
	case blueprint.StatusWaived:
		return "~", m.st.waived
	case blueprint.StatusNotApplicable:
		return "·", m.st.na
	case blueprint.StatusCannotVerify:
		return "?", m.st.warn
	}
	if r.Rule.Severity == blueprint.SeverityWarning {
		return "!", m.st.warn
	}
	return "✗", m.st.notMet
}

// ruleLines are a rule's line in the review, its title wrapped under
// itself: cut with "…", a finding's title could not be read beside the
// reviewer's notes (issue 22's trial).
func (m *Model) ruleLines(r blueprint.RuleResult, width int) []string {
	sym, style := m.ruleSymbol(r)
	var out []string
	for i, l := range form.WrapWords(r.Rule.Title, max(10, width-4)) {
		if i == 0 {
			out = append(out, style.Render("  "+sym+" "+l))
		} else {
			out = append(out, style.Render("    "+l))
		}
	}
	return out
}

func (m *Model) checklistPane(width int) []string {
	out := []string{m.st.paneTitle.Render("Blueprint checklist")}
	met, unverified := 0, false
	for _, r := range m.report.Results {
		sym, style := m.ruleSymbol(r)
		if r.Status == blueprint.StatusMet {
			met++
		}
		unverified = unverified || r.Status == blueprint.StatusCannotVerify
		out = append(out, form.Truncate(style.Render(sym+" "+string(r.Rule.ID)), width, "…"))
	}
	out = append(out, "", m.st.hint.Render(fmt.Sprintf("%d of %d met", met, len(m.report.Results))),
		m.st.hint.Render("✓ met ✗ not met ~ waived · n/a"))
	if unverified {
		out = append(out, m.st.hint.Render("? cannot verify"))
	}
	return out
}

func (m *Model) previewPane(width, height int) []string {
	lines := m.previewLines(width)
	title := "Preview · " + formatLabels[m.format]
	switch {
	case m.previewUpdating():
		// The last render stays up, marked, until the new one arrives;
		// the mark goes first so a narrow pane cuts the label, not it.
		title = "Preview · updating… · " + formatLabels[m.format]
	case m.preview.err != "" && m.preview.lines != nil:
		title = "Preview · out of date · " + formatLabels[m.format]
	}
	var out []string
	for _, l := range form.Wrap(title+paneScrolls(len(lines), height-1), width, "") {
		out = append(out, m.st.paneTitle.Render(l))
	}
	for _, l := range lines[paneTop(m.previewTop, len(lines), height):] {
		out = append(out, l)
		if len(out) >= height {
			break
		}
	}
	return out
}

// paneScrolls is what a side pane's title adds when its n lines are more
// than the rows it has: the keys that scroll it, as the reviewer's notes
// say (issue 22's third trial: the preview and the access pane at 80
// columns showed their first screen with no word of the rest).
func paneScrolls(n, rows int) string {
	if n > rows {
		return " · pgup/pgdown"
	}
	return ""
}

// previewBody is what the preview pane scrolls through at width: the
// render's lines wrapped, never cut, so nothing of a long ARN or
// condition is hidden; when the design cannot render, the first reason
// comes first and the last render that worked follows it, out of date.
func (m *Model) previewBody(width int) []string {
	var out []string
	if e := m.preview.err; e != "" {
		// The reason is prose, not code: never painted as code.
		out = append(out, m.problemLines(blueprint.Problem{Message: "cannot render yet: " + e, Severity: blueprint.SeverityError}, width, "", false)...)
		if m.preview.lines != nil {
			out = append(out, m.st.hint.Render("the last render that worked, out of date:"), "")
		}
	}
	mark := m.st.hint.Render(wrapMark)
	for _, l := range m.preview.lines {
		out = append(out, markWrapped(l, width, mark)...)
	}
	return out
}

// wrapMark starts each continuation line of a template line the preview
// pane wraps, so that a wrapped line is not read as a new one (issue 22's
// trial, D26); it is as wide as two cells.
const wrapMark = "↪ "

// markWrapped is code line l in lines of at most width cells: l itself
// when it fits, else wrapped two cells narrower with mark, drawn two cells
// wide, before every line but the first.
func markWrapped(l string, width int, mark string) []string {
	if form.Width(l) <= width {
		return []string{l}
	}
	ls := strings.Split(ansi.Wrap(l, max(1, width-form.Width(wrapMark)), ""), "\n")
	for i := 1; i < len(ls); i++ {
		ls[i] = mark + ls[i]
	}
	return ls
}

// paneTop is the first line a side pane of n lines and height rows shows
// when scrolled to top: no further than its last line at the bottom (the
// pane's title takes a row).
func paneTop(top, n, height int) int {
	return min(top, max(0, n-(height-1)))
}

// firstError picks the first problem out of Render's error.
func firstError(err error) string {
	var ps blueprint.Problems
	if errors.As(err, &ps) && len(ps) > 0 {
		return pathLabel(ps[0].Path) + ": " + onScreen(ps[0].Message)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) > 1 && errors.Is(err, generate.ErrBlocked) {
		return strings.TrimSpace(lines[1])
	}
	return lines[0]
}

// helpLines is the help page of the focused field: its question (a
// button's label), hint and why, its rule's reason, and its design-file
// key, every line wrapped to width, titles too (cut with "…", the rule's
// title and a long key could not be read at 80 columns).
func (m *Model) helpLines(width int) []string {
	f, _ := m.focused()
	st := m.st
	styled := func(style form.Style, s string) []string {
		ls := form.Wrap(s, width, "")
		for i, l := range ls {
			ls[i] = style.Render(l)
		}
		return ls
	}
	title := f.q.title
	if title == "" {
		title = strings.Trim(f.label, "+−←→ ")
	}
	out := append(styled(st.title, strings.TrimSpace(title)), "")
	if f.q.hint != "" {
		out = append(out, form.Wrap(f.q.hint, width, "")...)
	}
	if f.q.help != "" {
		if f.q.hint != "" {
			out = append(out, "")
		}
		out = append(out, form.Wrap(f.q.help, width, "")...)
	}
	if r, ok := blueprint.LookupRule(f.rule); ok {
		out = append(out, "")
		out = append(out, styled(st.title, "Blueprint rule "+string(r.ID)+": "+r.Title)...)
		// The rule's texts are check's too, which names design-file keys;
		// the help page names the labels the screens show (trial8a W2),
		// as --learn's review does.
		out = append(out, form.Wrap(inWords(r.Reason), width, "")...)
		out = append(out, "", st.title.Render("To meet it"))
		out = append(out, form.Wrap(inWords(r.Meets), width, "")...)
	}
	if f.path != "" {
		out = append(out, "")
		out = append(out, styled(st.hint, "Design file key: "+f.path)...)
	}
	// Every key of this screen, since a narrow key line leaves some out.
	out = append(out, "")
	var items []string
	for _, b := range m.keys.pageKeys(m.step == stepDone, m.deployCommand() != "") {
		items = append(items, b.Help().Key+" "+b.Help().Desc)
	}
	for _, l := range wrapItems("Keys:", items, width) {
		out = append(out, st.hint.Render(l))
	}
	return out
}

// wrapItems lays items out after lead on lines of at most width cells,
// joined by " · ". A line breaks between items and then ends in the "·",
// so a separator never starts a line nor stands alone on one (at 60
// columns "esc back ·" was a cell too wide and its "·" went down a line
// alone). An item too long for a line of its own is word-wrapped, with
// room kept on its last line for the "·" that follows it.
func wrapItems(lead string, items []string, width int) []string {
	var out []string
	line := lead
	for i, item := range items {
		end := " ·"
		if i == len(items)-1 {
			end = ""
		}
		sep := " · "
		switch line {
		case "":
			sep = ""
		case lead:
			sep = " "
		}
		if form.LineWidth(line+sep+item+end) <= width {
			line += sep + item
			continue
		}
		if line != "" {
			if line != lead {
				line += " ·"
			}
			out = append(out, line)
		}
		ls := form.WrapWords(item, max(1, width-form.LineWidth(end)))
		out = append(out, ls[:len(ls)-1]...)
		line = ls[len(ls)-1]
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// helpWindow is the part of the help page that shows in height lines,
// from helpTop, with a notice of the lines above and below: at 80x24 a
// rule's reason ran past the screen, and any key closed the page before
// its end could be read (issue 22's trial).
func (m *Model) helpWindow(width, height int) []string {
	lines := m.helpLines(width)
	if len(lines) <= height {
		return lines
	}
	top, rows := windowOf(len(lines), m.helpTop, height)
	var out []string
	if top > 0 {
		out = append(out, m.st.hint.Render(fmt.Sprintf("  ↑ %d more %s · ↑ or pgup", top, plural(top, "line", "lines"))))
	}
	out = append(out, lines[top:top+rows]...)
	if below := len(lines) - top - rows; below > 0 {
		out = append(out, m.st.hint.Render(fmt.Sprintf("  ↓ %d more %s · ↓ or pgdown", below, plural(below, "line", "lines"))))
	}
	return out
}

// helpScrolls reports whether the help page is longer than the screen,
// so that ↑/↓ and pgup/pgdown scroll it rather than close it.
func (m *Model) helpScrolls() bool {
	return m.showHelp && len(m.helpLines(m.formWidth())) > m.bodyHeight()
}

// scrollHelp moves the help page by dir lines (a page for pgup/pgdown),
// kept within the page.
func (m *Model) scrollHelp(by int) {
	n, height := len(m.helpLines(m.formWidth())), m.bodyHeight()
	top, _ := windowOf(n, m.helpTop+by, height)
	m.helpTop = top
}
