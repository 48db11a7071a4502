package tui

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/tui/form"
)

// ImportFunc reads the Secrets Manager secrets of a CloudFormation template
// or Terraform configuration (a file or a directory) as designs. The
// command package supplies it from its template readers, so this package
// reads no template itself and the Start screen's "Import a template" and
// --design-from share one reader.
type ImportFunc func(path string) ([]ImportedSecret, error)

// ImportedSecret is one secret read back from a template, for the wizard to
// open and fix.
type ImportedSecret struct {
	// ID is the secret's logical id (CloudFormation) or resource address
	// (Terraform): what the user picks when a template holds several.
	ID string
	// Source is the template or configuration it was read from.
	Source string
	// Design is the secret as read. What could not be read is left empty
	// and listed in Unread.
	Design *blueprint.Design
	// Unread lists the values that could not be read, one design path
	// each, in the order they are reported.
	Unread []Unread
	// Format is the source's format: the review writes the secret back in
	// it unless the design remembers another (output.format) or the user
	// chooses one.
	Format generate.Format
}

// Unread is one value of a template that could not be read before
// deployment: a parameter without a default, an imported value, a data
// source.
type Unread struct {
	// Path is the design path, such as secret.kmsKeyArn; everything below
	// it is unread too.
	Path string `json:"path"`
	// Reason says why, in words: "the parameter KeyArn has no default, so
	// its value is given at deployment".
	Reason string `json:"reason,omitempty"`
	// At is where the value is in the template, FILE:LINE.
	At string `json:"at,omitempty"`
}

// marker is what the wizard says under the field of an unread value.
func (u Unread) marker() string {
	at := u.At
	if at == "" {
		at = "the template"
	}
	return "not read from " + at + ": " + u.Reason + " — check it"
}

// importState is what the Start screen's import choice has read: the
// secrets of the last template read, when it held several, and the values
// of the opened secret that are still unread.
type importState struct {
	// secrets are the secrets of the template last read, offered as the
	// start.secret choice when there are several: the id, and the name
	// beside it.
	secrets []option
	// unread are the values of the opened secret not read from its
	// template and not edited since; editing a field takes its own away.
	// A draft saved from an imported session keeps them (draftState), so
	// a resumed draft marks them too.
	unread []Unread
	// stash keeps the unread values of each Start choice while another is
	// chosen, as Model.startStash keeps its design.
	stash map[string][]Unread
}

// importing reports whether the design being edited is an imported one,
// whose unread values are marked: a template read, or a draft resumed
// that was saved from one.
func (m *Model) importing() bool {
	return (m.startChoice == "import" || m.startChoice == "resume") && m.loaded[m.startChoice]
}

// switchUnread keeps the unread values of the Start choice from, and
// brings back those of to (setStart).
func (m *Model) switchUnread(from, to string) {
	if m.imp.stash == nil {
		m.imp.stash = map[string][]Unread{}
	}
	m.imp.stash[from] = m.imp.unread
	m.imp.unread = m.imp.stash[to]
}

// maxDraftUnread and maxUnreadText bound the unread values a draft keeps
// in its state line: the draft is read back as user input, and a template
// cannot make it, or the line, grow without end. A longer text is cut
// (blueprint.ShortText, in runes).
const (
	maxDraftUnread = 64
	maxUnreadText  = 256
)

// keptUnread is us as a draft keeps them, and as one is read back:
// bounded in number and length.
func keptUnread(us []Unread) []Unread {
	if len(us) == 0 {
		return nil
	}
	out := make([]Unread, 0, min(len(us), maxDraftUnread))
	for _, u := range us[:min(len(us), maxDraftUnread)] {
		out = append(out, Unread{
			Path:   blueprint.ShortText(u.Path, maxUnreadText),
			Reason: blueprint.ShortText(u.Reason, maxUnreadText),
			At:     blueprint.ShortText(u.At, maxUnreadText),
		})
	}
	return out
}

// activeUnread are the unread values to mark: none unless an imported
// design is open.
func (m *Model) activeUnread() []Unread {
	if !m.importing() {
		return nil
	}
	return m.imp.unread
}

// openImported puts an imported secret into the wizard: its design, and
// its unread values to mark.
func (m *Model) openImported(s ImportedSecret) {
	if s.Design != nil {
		*m.d = *s.Design
	}
	m.imp.unread = append([]Unread(nil), s.Unread...)
	m.imp.unread = append(m.imp.unread, dropRefused(m.d, s.Source)...)
	if s.Format != "" && (s.Design == nil || s.Design.Output == nil) {
		m.format = s.Format
	}
	m.mode["start.import"] = s.Source
	m.loaded["import"] = true
}

// dropRefused takes out of an imported design d the values the wizard
// refuses that may be secret material (blueprint.DropSecretMaterial: a
// password where the template's masterarn belongs), so they are never
// shown, and says each under its field: the screen showed such a value
// right above "not shown: it may be secret material", and only the draft
// dropped it, with the whole template and without a word (issue 22's
// trial 7b, V23). Only the refused keys of the template go.
func dropRefused(d *blueprint.Design, source string) []Unread {
	var us []Unread
	for _, p := range d.DropSecretMaterial() {
		u := Unread{Path: p, At: source, Reason: "refused (it may be secret material, so it is not shown) and not kept"}
		if key, tmpl, ok := blueprint.TemplateKeyOf(p); ok {
			u.Path = tmpl
			u.Reason = "the value of " + strconv.Quote(key) + " was refused (it may be secret material, so it is not shown) and not kept; the template's other keys are"
		}
		us = append(us, u)
	}
	return us
}

// importFields are the Start screen's fields of the import choice: the
// path, and the secret to open once a template with several has been read.
func (m *Model) importFields() []field {
	// ctrl+o picks the template (filepicker.go), and ctrl+d in the
	// picker a Terraform directory.
	fs := []field{browse(field{
		id: "start.import", q: qImportFile, kind: kindText, pickDir: terraformFolder, fileWords: true, takesQuestionMark: true,
		get: func() string { return m.mode["start.import"] },
		set: func(v string) error {
			if v != m.mode["start.import"] {
				m.imp.secrets = nil
				delete(m.mode, "start.secret")
			}
			m.mode["start.import"] = v
			m.loaded["import"] = false
			return nil
		},
	}, ".yaml", ".yml", ".json", ".template", ".tf")}
	if len(m.imp.secrets) > 1 {
		fs = append(fs, field{
			id: "start.secret", q: qImportSecret, kind: kindChoice, list: true, options: m.imp.secrets,
			get: func() string { return m.mode["start.secret"] },
			set: func(v string) error { m.mode["start.secret"] = v; m.loaded["import"] = false; return nil },
		})
	}
	return fs
}

// terraformFolder says why the file picker cannot choose dir as a
// Terraform configuration, or "" when it holds .tf or .tf.json files (the
// files the import reader reads in a directory).
func terraformFolder(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return dir + " is not a folder: ctrl+d chooses a folder of .tf or .tf.json files"
	}
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json")) {
			return ""
		}
	}
	return dir + " holds no .tf or .tf.json files: choose a folder of a Terraform configuration, or a template file"
}

// applyImport reads the template named on the Start screen, on Continue
// (file I/O, so never in View), and opens the chosen secret. A template
// with several secrets first asks which; it reports false while the user
// still has to choose or fix the path.
func (m *Model) applyImport() bool {
	if m.loaded["import"] {
		return true
	}
	path := strings.TrimSpace(m.mode["start.import"])
	switch {
	case m.opts.Import == nil:
		m.localErr["start.import"] = "this wizard cannot read templates"
		return false
	case path == "":
		m.localErr["start.import"] = "give the path of a CloudFormation template or a Terraform configuration"
		return false
	}
	secrets, err := m.opts.Import(path)
	if err != nil {
		m.localErr["start.import"] = err.Error()
		return false
	}
	if len(secrets) == 0 {
		m.localErr["start.import"] = path + " holds no Secrets Manager secret"
		return false
	}
	delete(m.localErr, "start.import")
	opts := make([]option, len(secrets))
	for i, s := range secrets {
		// The labels come from the template: escaped here, since the
		// list draws labels as they are.
		opts[i] = option{value: s.ID, label: shown(s.ID)}
		if s.Design != nil && s.Design.Secret.SecretID != "" {
			opts[i].label += " (" + shown(s.Design.Secret.SecretID) + ")"
		}
	}
	m.imp.secrets = opts
	pick := -1
	if len(secrets) == 1 {
		pick = 0
	}
	for i, s := range secrets {
		if s.ID == m.mode["start.secret"] {
			pick = i
		}
	}
	if pick < 0 {
		m.localErr["start.secret"] = fmt.Sprintf("%s holds %d secrets; choose the one to open", path, len(secrets))
		m.focusID("start.secret")
		return false
	}
	delete(m.localErr, "start.secret")
	s := secrets[pick]
	if s.Source == "" {
		s.Source = path
	}
	m.openImported(s)
	return true
}

// checkDesign is the checklist's Check: blueprint.Check, and for an
// imported design blueprint.CheckUnknown over the values still unread, so
// a rule that reads one is "cannot verify" rather than met. A rule the
// design fails stays not met, though its input is unread: the wizard
// writes the design as it stands, so that failure is real for the files it
// writes, and it is fixed or waived like any other.
func (m *Model) checkDesign() blueprint.Report {
	r := blueprint.CheckWith(m.d, m.accountEnv())
	unread := m.activeUnread()
	if len(unread) == 0 {
		return r
	}
	unknown := blueprint.Unknowns{}
	for _, u := range unread {
		unknown.Add(u.Path, u.Reason)
	}
	uk := blueprint.CheckUnknown(m.d, unknown)
	for i, res := range uk.Results {
		if res.Status == blueprint.StatusCannotVerify && r.Results[i].Status != blueprint.StatusNotMet {
			r.Results[i] = res
		}
	}
	return r
}

// unreadTarget is the field of fs that shows u's marker: the first whose
// path is u's (a text field first, where the value is typed, rather than
// the choice that decides whether it is asked), or else the first that
// decides whether u is asked (field.decides), or else the nearest field above it (a list whose entry was
// not read), or else the first field below it (the first question of a
// rotation that was not read). One field only: an unread rotation would
// otherwise repeat its marker under every rotation question. It returns
// -1 when no field on screen is about u; the marker then shows at the top
// of its step.
func unreadTarget(fs []field, u Unread) int {
	exact, decider, above, aboveLen, below := -1, -1, -1, -1, -1
	for i, f := range fs {
		if decider < 0 && slices.Contains(f.decides, u.Path) {
			decider = i
		}
		if f.path == "" {
			continue
		}
		switch {
		case f.path == u.Path:
			if f.holdsValue {
				return i
			}
			if f.kind == kindText && !valueHeldBelow(fs[i+1:], u.Path) {
				return i
			}
			if exact < 0 {
				exact = i
			}
		case blueprint.PathUnder(u.Path, f.path) && !f.exact:
			if len(f.path) > aboveLen {
				above, aboveLen = i, len(f.path)
			}
		case blueprint.PathUnder(f.path, u.Path):
			if below < 0 {
				below = i
			}
		}
	}
	switch {
	case exact >= 0:
		return exact
	case decider >= 0:
		return decider
	case above >= 0:
		return above
	}
	return below
}

// valueHeldBelow reports whether a field of fs holds the value at path
// (field.holdsValue).
func valueHeldBelow(fs []field, path string) bool {
	return slices.ContainsFunc(fs, func(f field) bool { return f.holdsValue && f.path == path })
}

// unreadFor returns the unread values whose marker shows under f.
func (m *Model) unreadFor(fs []field, f field) []Unread {
	var out []Unread
	for _, u := range m.activeUnread() {
		if i := unreadTarget(fs, u); i >= 0 && fs[i].id == f.id {
			out = append(out, u)
		}
	}
	return out
}

// clearUnread takes away the markers f is about, as the user edits it:
// the value is theirs now. It runs before the edit, while the screen still
// has the fields the markers were placed by, and returns what to run once
// the edit is made: a choice that decides whether a value is asked (the
// key choice) takes its marker away only when the value's own field is
// not on screen after it, since otherwise the marker moves under that
// field, where the user types the value the template did not give.
func (m *Model) clearUnread(f field) (after func()) {
	unread := m.activeUnread()
	if len(unread) == 0 || f.path == "" && len(f.decides) == 0 {
		return func() {}
	}
	fs := m.fields()
	var keep, pending []Unread
	for _, u := range unread {
		i := unreadTarget(fs, u)
		switch {
		case slices.Contains(f.decides, u.Path), f.kind == kindChoice && f.path == u.Path:
			// A choice between asking the value and not (the key
			// choice, the rotation function's).
			pending = append(pending, u)
		case f.path != "" && blueprint.PathUnder(f.path, u.Path) && !(i >= 0 && fs[i].holdsValue && fs[i].id != f.id):
		case i >= 0 && fs[i].id == f.id:
		default:
			keep = append(keep, u)
		}
	}
	m.imp.unread = keep
	return func() {
		if f.path == templatePath {
			// The JSON template the user typed gives connection values:
			// theirs now, as if typed in each value's own field.
			keep = slices.DeleteFunc(keep, m.givenByTemplate)
			m.imp.unread = keep
		}
		if len(pending) == 0 {
			return
		}
		fs := m.fields()
		back := map[Unread]bool{}
		for _, u := range pending {
			if i := unreadTarget(fs, u); i >= 0 && fs[i].id != f.id && fs[i].path == u.Path {
				back[u] = true
			}
		}
		// In the order they were reported, as before the edit.
		m.imp.unread = slices.DeleteFunc(slices.Clone(unread), func(u Unread) bool {
			return !back[u] && !slices.Contains(keep, u)
		})
	}
}

// templatePath is the secret's JSON template, which may give the
// connection values (blueprint.Design.TemplateConnection).
const templatePath = "secret.generateSecretString.secretStringTemplate"

// givenByTemplate reports whether the JSON template now gives the value u
// is about: a connection field (host, port, dbname, username, the master
// secret), or, for the database as a whole (marked when the imported
// template that may name it was not read), any of its connection fields.
// clearUnread asks it once the user has typed the template: a value the
// user gave is theirs, not the template's unread one (issue 22, trial 7a
// T7: the database stayed "not read" beside host and user shown "from the
// JSON template").
func (m *Model) givenByTemplate(u Unread) bool {
	for _, p := range blueprint.ConnectionPaths() {
		if (p == u.Path || u.Path == "secret.database" && blueprint.PathUnder(p, u.Path)) && m.d.TemplateConnection(p) != "" {
			return true
		}
	}
	return false
}

// unreadLines are the markers of the unread values of this step that no
// field on screen shows, drawn at the top of the step with the problems no
// field shows; the review lists every value still unread, since the files
// are written from it.
func (m *Model) unreadLines(fs []field, width int) []string {
	var out []string
	for _, u := range m.activeUnread() {
		if m.step == stepReview || m.stepOwns(u.Path) && unreadTarget(fs, u) < 0 {
			out = append(out, m.markerLines(pathLabel(u.Path)+": "+u.marker(), width, "  ")...)
		}
	}
	return out
}

// markerLines draws one marker in the warning style.
func (m *Model) markerLines(msg string, width int, indent string) []string {
	lines := form.Wrap("! "+shownText(msg), width, indent)
	for i, l := range lines {
		lines[i] = m.st.warn.Render(l)
	}
	return lines
}

// undecided are the errors of the unread values that stand for a choice:
// a value whose marker is on the choice that decides whether it is asked
// (field.decides), such as the key of a secret whose template gives no
// KmsKeyId (the AWS managed key) or names a parameter without a default.
// There the design's empty value is not "nothing" but the choice's
// default (create a dedicated key), which the template did not say:
// written as it stands, the deployed secret would be re-encrypted under a
// key nobody chose. Each is an error at the value's path, shown on the
// choice, until the user chooses there (which takes the marker away,
// clearUnread); the write refuses it as it refuses the other errors of
// the choices (choiceProblems). Any unread value of this kind is one, not
// the key's alone.
func (m *Model) undecided() blueprint.Problems {
	var ps blueprint.Problems
	for _, u := range m.activeUnread() {
		s, ok := m.stepOf(u.Path)
		if !ok {
			continue
		}
		fs := m.fieldsOfStep(s)
		if i, ok := leftToChoice(fs, u); ok {
			ps = append(ps, blueprint.Problem{Path: u.Path, Severity: blueprint.SeverityError, Message: undecidedText(fs[i])})
		}
	}
	return ps
}

// leftToChoice is the field of fs an unread value u is left to: the choice
// that decides whether u is asked, when u's own field is not on screen, so
// that its marker is there (unreadTarget).
func leftToChoice(fs []field, u Unread) (int, bool) {
	i := unreadTarget(fs, u)
	return i, i >= 0 && fs[i].kind == kindChoice && slices.Contains(fs[i].decides, u.Path)
}

// unchosen shows the choices of fs that an unread value is left to
// (leftToChoice) with nothing chosen: the option the design's empty value
// stands for is the default, not the template's, and showing it chosen
// would let Enter through it (or an empty answer in line mode) keep it
// unawares. The form kinds then ask for a choice ("— choose with ↑/↓ —";
// "no choice yet to keep"), and choosing takes the marker away.
func (m *Model) unchosen(fs []field) {
	for _, u := range m.activeUnread() {
		if i, ok := leftToChoice(fs, u); ok {
			fs[i].get = func() string { return "" }
		}
	}
}

// undecidedText is the error of an unread value left to the choice c:
// the field to answer and its choices, by their labels.
func undecidedText(c field) string {
	labels := make([]string, len(c.options))
	for i, o := range c.options {
		labels[i] = strconv.Quote(o.label)
	}
	return "was not read from the template, so nothing is chosen; no files are written until you choose " +
		orList(labels) + " at " + strings.TrimSpace(c.q.title)
}
