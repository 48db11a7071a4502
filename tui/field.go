package tui

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui/form"
)

// fieldKind says how a field is edited and drawn: one of the kinds of
// package form, each of which holds its keys, drawing and line-mode prompt.
type fieldKind = form.Kind

var (
	// kindText is edited with a text input.
	kindText fieldKind = form.Text{}
	// kindChoice is one of its options: ←/→ cycles, or ↑/↓ for a list.
	kindChoice fieldKind = form.Choice{}
	// kindToggle is on or off; get and set use "true" and "false".
	kindToggle fieldKind = form.Toggle{}
	// kindMulti is any number of its options, toggled with space.
	kindMulti fieldKind = form.Multi{}
	// kindButton runs its action on enter.
	kindButton fieldKind = form.Button{}
)

// option is one choice of a choice or multi-select field.
type option struct{ value, label, group string }

// field is one question on a screen. Fields are built from the design each
// time they are needed, so a field holds no value of its own: get reads the
// design and set writes it.
type field struct {
	// id names the field for focus and the text editor; it defaults to path.
	id string
	// fileWords is set on a field whose problems are a file's
	// diagnostics (the design file or template it opens): they name the
	// file's keys, which the user edits there, so they are shown as they
	// are, not in the screens' labels (onScreen).
	fileWords bool
	// path is the design-file path whose problems are shown under the
	// field, together with the paths below it unless exact is set.
	path  string
	exact bool
	// also lists further paths whose problems are shown here.
	also []string
	// decides lists the paths of values this field decides whether to
	// ask, such as the key choice for the key ARN: a value of them not
	// read from an imported template is marked here when its own field
	// is not on screen, and an edit here takes that marker away.
	decides []string
	// holdsValue marks, of the fields sharing an exact path, the one where
	// the value at that path is typed: a tag's value, whose key's field
	// shares the path so that the tag's problems show under the key. A
	// value not read from an imported template is marked under it, and
	// only an edit of it takes the marker away.
	holdsValue bool
	// own, when set, decides alone which problems show under the field:
	// fields that share one design path (a condition's operator, key and
	// values) each take their own.
	own func(blueprint.Problem) bool
	// item names one entry of a list field, such as "subnet": a problem of
	// entry j is shown as "subnet j+1: ...".
	item string
	q    question
	// rule is the blueprint rule whose reason ? shows.
	rule blueprint.RuleID
	kind fieldKind
	get  func() string
	set  func(string) error
	// check, for a value that is not yet in the design (a waiver's reason
	// before it is added), is its validator, run as it is typed.
	check       func(string) error
	getList     func() []string
	setList     func([]string)
	options     []option
	list        bool
	placeholder string
	// label is a button's text or a summary line.
	label  string
	action func()
	// rowKeys handles the extra keys of a list row, such as d to delete.
	rowKeys func(tea.KeyPressMsg)
	// brief shows only the first problem, for rows that summarise many
	// fields.
	brief bool
	// passOver makes enter on the field before skip this one; tab still
	// stops on it.
	passOver bool
	// confirm makes a button take two presses of enter: the first arms it
	// and says what the second will do. Remove buttons use it, because a
	// tab then an enter, the habit of moving on, would otherwise delete
	// what was just typed.
	confirm bool
	// number marks a text field holding a number: the first character
	// typed after the focus arrives replaces the value instead of adding
	// to it, since "30" then "14" means 14, not 3014.
	number bool
	// takesQuestionMark marks a text field whose value may hold "?" (free
	// text, a path, a pattern such as a cron expression or an ArnLike
	// value, an address): once it holds text, ? typed there is a
	// character and f1 opens the help. Every other text field's validator
	// refuses ? (an id, a name, an ARN, a region, a number), so ? opens
	// the help there, as on fields of other kinds. Model.questionMarkIsText
	// reads it; TestQuestionMarkFollowsTheValidators holds it in step with
	// the validators.
	takesQuestionMark bool
	// replaces gives a text field the number fields' first-key rule: a
	// schedule expression is prefilled with an example value (rate(30
	// days)) that is more often replaced than edited.
	replaces bool
	// browse, on a path field, lists the file types the file picker
	// that ctrl+o opens offers (filepicker.go).
	browse []string
	// pickDir, on a path field that takes a directory too, lets ctrl+d
	// in the file picker choose the highlighted directory: it returns
	// why the directory cannot be chosen, or "" (filepicker.go).
	pickDir func(dir string) string
	// required, when set, replaces on screen Validate's "either ... or
	// ... is required" about the field's path: each way in shows one of
	// the two fields, and says what that one needs.
	required string
	// reword, when set, rewrites on screen the messages of the problems
	// shown under the field, for advice the wizard gives its own way.
	reword func(string) string
	// suggest lists completions a text field offers as the user types: the
	// first match shows after the cursor and → takes it.
	suggest []string
}

// matches reports whether problem p belongs under f.
func (f field) matches(p blueprint.Problem) bool {
	return f.matchesOwn(p) || f.matchesAlso(p)
}

// matchesOwn reports whether p is about f's own path (or f's own test).
func (f field) matchesOwn(p blueprint.Problem) bool {
	if f.own != nil {
		return f.own(p)
	}
	path := p.Path
	return f.path != "" && (f.exact && path == f.path || !f.exact && under(path, f.path))
}

// matchesAlso reports whether p is at one of f's further paths.
func (f field) matchesAlso(p blueprint.Problem) bool {
	if f.own != nil {
		return false
	}
	if c := blueprint.TemplateConflictPath(p); c != "" && c == f.path {
		// The template's key disagrees with this field's value: said
		// under the field too, where the value is typed.
		return true
	}
	// A choice that decides whether a value is asked shows the value's
	// problems while the value's own field is not on screen (fieldProblems
	// leaves them to that field when it is): an error about the key with
	// "create a dedicated key" chosen is answered at the choice.
	return slices.Contains(f.also, p.Path) || slices.Contains(f.decides, p.Path)
}

// widget is f as its kind sees it. A field declared without a kind is a
// text field.
func (f field) widget() (form.Kind, form.Field) {
	k := f.kind
	if k == nil {
		k = kindText
	}
	w := form.Field{ID: f.id, Title: f.q.title, Hint: f.q.hint, Get: f.get, GetList: f.getList,
		List: f.list, Placeholder: f.placeholder, Label: f.label, Action: f.action, RowKeys: f.rowKeys,
		Brief: f.brief, Confirm: f.confirm, Replaces: f.number || f.replaces, Suggest: f.suggest}
	if len(f.options) > 0 {
		w.Options = make([]form.Option, len(f.options))
		for i, o := range f.options {
			w.Options[i] = o.form()
		}
	}
	return k, w
}

func (o option) form() form.Option {
	return form.Option{Value: o.value, Label: o.label, Group: o.group}
}

// host is the model's side of field f for its kind: how a value goes into
// the design.
type host struct {
	m *Model
	f field
}

func (h host) Text() string { return h.m.text(h.f) }
func (h host) Failed() bool { return h.m.localErr[h.f.id] != "" }
func (h host) Set(v string) { h.m.applySet(h.f, v) }
func (h host) Refresh()     { h.m.refresh() }
func (h host) SetList(vs []string) {
	marked := h.m.clearUnread(h.f)
	h.f.setList(vs)
	marked()
	h.m.refresh()
}

func button(id, label string, action func()) field {
	return field{id: id, kind: kindButton, label: label, action: action}
}

func optionIndex(opts []option, v string) int {
	for i, o := range opts {
		if o.value == v {
			return i
		}
	}
	return -1
}

// splitList splits comma-separated values, trimming spaces and dropping
// empty items. A comma inside an ARN stays in it when the next character
// is not a space and what follows does not start another value (arn:, an
// account id or *): IAM allows commas in role and user names
// (role/deploy,ci), and joinList writes ", " between values, so a list
// shown and typed back splits the same way.
func splitList(s string) []string {
	var out []string
	cur, started := "", false
	flush := func() {
		if v := strings.TrimSpace(cur); v != "" {
			out = append(out, v)
		}
	}
	for _, p := range strings.Split(s, ",") {
		if started && commaInARN(cur, p) {
			cur += "," + p
			continue
		}
		if started {
			flush()
		}
		cur, started = p, true
	}
	flush()
	return out
}

// commaInARN reports whether the comma between cur and next belongs to
// the ARN cur holds (see splitList).
func commaInARN(cur, next string) bool {
	if !strings.HasPrefix(strings.TrimSpace(cur), "arn:") || next == "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(next); unicode.IsSpace(r) {
		return false
	}
	item, _, _ := strings.Cut(next, ",")
	return !strings.HasPrefix(next, "arn:") && item != "*" && blueprint.ValidateAccountID(item) != nil
}

func joinList(vs []string) string { return strings.Join(vs, ", ") }

// listPaste is text pasted into a comma-separated field (one whose entries
// are items): a value per line, as lists are copied from files and
// consoles, becomes a value per comma, blank lines dropped.
func listPaste(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var vs []string
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if v := strings.TrimSpace(line); v != "" {
			vs = append(vs, v)
		}
	}
	return joinList(vs)
}

// pastedWords is pasted text as words a filter can take: printable
// characters only, lines and runs of spaces made one space.
func pastedWords(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// parseOptionalInt reads an optional whole number: "" is nil. A field
// that reads it keeps the design's number when the text is no number
// (keepsNumber): the text stays on screen with its error, and the last
// number stands, so line mode says one error, not that the field is now
// empty, and the draft keeps what was answered.
func parseOptionalInt(s string) (*int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	switch {
	case errors.Is(err, strconv.ErrRange):
		// Atoi gives the largest or smallest int: past every range.
		return nil, tooLong{n}
	case err != nil:
		return nil, errNotNumber
	}
	return &n, nil
}

type constError string

func (e constError) Error() string { return string(e) }

const errNotNumber = constError("must be a whole number, in digits")

// tooLong is a whole number too long to read: it is one, so errNotNumber
// would be wrong, and it is past any field's range. applySet says that
// range, as blueprint.ValidateNumber says it for n, the largest or
// smallest int; Error is for a field that has none.
type tooLong struct{ n int }

func (e tooLong) Error() string {
	if e.n > 0 {
		return "is a whole number larger than any this field takes"
	}
	return "is a whole number smaller than any this field takes"
}

// setError is the message of err, the error f's set returned: a number
// too long to read is told the field's range, in the words a number in
// reach but out of range is told it.
func (m *Model) setError(f field, err error) string {
	var big tooLong
	if errors.As(err, &big) {
		if rangeErr := blueprint.ValidateNumber(m.d, f.path, big.n); rangeErr != nil {
			return rangeErr.Error()
		}
	}
	return err.Error()
}

func intText(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
