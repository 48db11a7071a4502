package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui/form"
)

// The "Who can read this?" pane: the access model (blueprint.Access) of the
// design as it is now, one group of callers at a time. Reading the secret
// takes the resource policy and the key together, so each row says both.

// accessMark is the symbol and style of a group's row: ✓ reads and can
// decrypt, ✗ reads but the key refuses it, ? the key policy is not known,
// · does not read the value.
func (m *Model) accessMark(g *blueprint.AccessGroup) (string, form.Style) {
	if !g.Reads {
		return "·", m.st.na
	}
	switch g.Decrypt.State {
	case blueprint.DecryptYes:
		return m.walkMark(blueprint.Allowed)
	case blueprint.DecryptCheck:
		return m.walkMark(blueprint.Unsure)
	}
	return m.walkMark(blueprint.Refused)
}

// accessLines are the pane's lines for width, before scrolling.
func (m *Model) accessLines(width int) []string {
	a := m.access
	if a == nil {
		return nil
	}
	var out []string
	if len(a.Groups) == 0 {
		out = append(out, form.Wrap("Nobody but the secret's own account: the policy has no Allow statements, so only IAM policies there grant access.", width, "")...)
	}
	for i := range a.Groups {
		g := &a.Groups[i]
		sym, style := m.accessMark(g)
		out = append(out, markedLines("", sym, style, shown(g.Label()), width)...)
		detail := func(s string) {
			out = append(out, m.st.hint.Render(strings.Join(form.Wrap(shown(s), width, "    "), "\n")))
		}
		acts := make([]string, len(g.Allowed))
		for j, act := range g.Allowed {
			acts[j] = strings.TrimPrefix(act, "secretsmanager:")
		}
		if len(acts) == len(blueprint.Actions) {
			acts = []string{"every action"}
		}
		if len(acts) > 0 {
			detail("may " + strings.Join(acts, ", "))
		}
		for _, gr := range g.Grants {
			if len(gr.Conditions) > 0 {
				detail(blueprint.DescribeConditions(gr.Conditions))
			}
		}
		for _, c := range g.Cuts {
			name := c.Sid
			if name == "" {
				name = "a Deny"
			}
			when := "always"
			if !c.Always {
				when = blueprint.DescribeConditions(c.When)
			}
			detail(name + " denies " + strings.Join(trimActions(c.Actions), ", ") + " " + when)
		}
		switch {
		case !g.Reads:
		case g.Decrypt.State == blueprint.DecryptYes:
			detail("the key lets it decrypt")
		case g.Decrypt.State == blueprint.DecryptCheck:
			detail("check the key policy: " + inWords(g.Decrypt.Reason))
		default:
			detail("the key refuses it: " + inWords(g.Decrypt.Reason))
		}
	}
	for _, s := range a.Denies {
		if s.LocksOut {
			name := s.Sid
			if name == "" {
				name = "A Deny"
			}
			out = append(out, "", m.st.notMet.Render(strings.Join(form.Wrap(shown(name)+" locks administrators and deployments out too: it needs an exception", width, ""), "\n")))
		}
	}
	out = append(out, m.walkLines(width)...)
	// wrap joins a detail's lines with newlines so one style covers them;
	// the pane counts and scrolls real lines.
	var lines []string
	for _, l := range out {
		lines = append(lines, strings.Split(l, "\n")...)
	}
	return lines
}

func trimActions(acts []string) []string {
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = strings.TrimPrefix(a, "secretsmanager:")
	}
	return out
}

// accessPane is the pane as drawn: its title, then the lines from
// previewTop, which pgup/pgdown scroll.
func (m *Model) accessPane(width, height int) []string {
	lines := m.accessLines(width)
	var out []string
	for _, l := range form.Wrap("Who can read this? · ✓ reads ✗ key refuses ? check key"+paneScrolls(len(lines), height-1), width, "") {
		out = append(out, m.st.paneTitle.Render(l))
	}
	for _, l := range lines[paneTop(m.previewTop, len(lines), height):] {
		if len(out) >= height {
			break
		}
		out = append(out, form.Truncate(l, width, "…"))
	}
	return out
}

// markedRow is one line of the Review's summaries before it is drawn: a
// mark (✓, ✗ or ?), its style, and the text after it. The full-screen
// Review and line mode's both say the same rows (summaryRows).
type markedRow struct {
	mark  string
	style form.Style
	text  string
}

// accessRows are the Review's short form of the pane: one row per group
// that reads the value.
func (m *Model) accessRows() []markedRow {
	if m.access == nil {
		return nil
	}
	var out []markedRow
	for i := range m.access.Groups {
		g := &m.access.Groups[i]
		if !g.Reads {
			continue
		}
		sym, style := m.accessMark(g)
		out = append(out, markedRow{sym, style, shown(g.Label())})
	}
	return out
}

// accessSummary is accessRows drawn for the Review step.
func (m *Model) accessSummary(width int) []string {
	if m.access == nil || len(m.access.Groups) == 0 {
		return nil
	}
	rows := m.accessRows()
	out := []string{"", m.st.title.Render(accessSummaryTitle) + m.st.hint.Render("  "+m.keys.Access.Help().Key+" for details")}
	for _, r := range rows {
		out = append(out, markedLines("  ", r.mark, r.style, r.text, width)...)
	}
	return out
}

// The Review's summaries' titles, on the screens and in line mode.
const (
	accessSummaryTitle = "Who can read this"
	walkSummaryTitle   = "Once deployed"
)

// walkRows are the Review's short form of the walk-through: each call some
// actor makes once deployed that is refused (✗) or that secretsmith
// cannot decide (?), so the Review never reads as all is well while the
// pane (ctrl+r) holds a fix to make. One row per actor and phase: the
// calls one fix clears are said together, the worst mark first (✗ over
// ?).
func (m *Model) walkRows() []markedRow {
	w := m.shownWalk()
	if w == nil {
		return nil
	}
	type group struct {
		actor   int
		phase   blueprint.Phase
		outcome blueprint.Outcome
		actions []string
	}
	// The Review is where the format is chosen: the calls of the other
	// format's deployer are not this design's.
	format := m.format.Template()
	var groups []*group
	for _, c := range w.Calls {
		if c.Outcome == blueprint.Allowed || c.Templates&format == 0 {
			continue
		}
		i := slices.IndexFunc(groups, func(g *group) bool { return g.actor == c.Actor && g.phase == c.Phase })
		if i < 0 {
			groups = append(groups, &group{actor: c.Actor, phase: c.Phase, outcome: c.Outcome})
			i = len(groups) - 1
		}
		g := groups[i]
		if c.Outcome == blueprint.Refused {
			g.outcome = blueprint.Refused
		}
		if act := strings.TrimPrefix(c.Action, "secretsmanager:"); !slices.Contains(g.actions, act) {
			g.actions = append(g.actions, act)
		}
	}
	var out []markedRow
	for _, g := range groups {
		sym, style := m.walkMark(g.outcome)
		out = append(out, markedRow{sym, style, shown(w.Actors[g.actor].Label + ", " + g.phase.String() + ": " + strings.Join(g.actions, ", "))})
	}
	return out
}

// walkSummary is walkRows drawn for the Review step; past walkSummaryMax
// rows the rest are counted, not cut silently.
func (m *Model) walkSummary(width int) []string {
	rows := m.walkRows()
	if len(rows) == 0 {
		return nil
	}
	out := []string{"", m.st.title.Render(walkSummaryTitle) + m.st.hint.Render("  "+m.keys.Access.Help().Key+" for why and the fix")}
	for i, r := range rows {
		if i == walkSummaryMax {
			out = append(out, m.st.hint.Render(fmt.Sprintf("  and %d more to check (%s)", len(rows)-i, m.keys.Access.Help().Key)))
			break
		}
		out = append(out, markedLines("  ", r.mark, r.style, r.text, width)...)
	}
	return out
}

// walkFormat is the kind of template whose deployer the walk-through
// shows, and whether the format is chosen: from the Review on (where it is
// chosen), or when the design remembers one, only that format's deployer
// is this design's; before, both are shown (AnyTemplate), since either may
// be chosen.
func (m *Model) walkFormat() (blueprint.Template, bool) {
	if m.step >= stepReview || m.d.Output != nil {
		return m.format.Template(), true
	}
	return blueprint.AnyTemplate, false
}

// walkSummaryMax is how many calls walkSummary lists before it counts.
const walkSummaryMax = 5

// markedLines is text after a mark (✓, ✗ or ?) drawn in style, at indent,
// wrapped to width under itself: a reader's ARN or a call on a long
// resource name is shown whole, never cut with "…".
func markedLines(indent, mark string, style form.Style, text string, width int) []string {
	lines := form.Wrap(text, width, indent+"  ")
	lines[0] = indent + style.Render(mark+" ") + strings.TrimPrefix(lines[0], indent+"  ")
	return lines
}

// walkMark is the symbol and style of one call of the walk-through.
func (m *Model) walkMark(o blueprint.Outcome) (string, form.Style) {
	switch o {
	case blueprint.Allowed:
		return "✓", m.st.met
	case blueprint.Unsure:
		return "?", m.st.warn
	}
	return "✗", m.st.notMet
}

// walkLines are the deployment walk-through (blueprint.Walk) as the pane
// shows it: phase by phase, actor by actor, each call with ✓, ✗ or ?, and
// for a call that is not allowed, why and the fix. Report.Access builds it
// (refresh calls it while the pane shows), so drawing it does no work of
// its own.
func (m *Model) walkLines(width int) []string {
	w := m.shownWalk()
	if w == nil {
		return nil
	}
	detail := func(s string) string {
		return m.st.hint.Render(strings.Join(form.Wrap(shown(s), width, "      "), "\n"))
	}
	const title = "Once deployed"
	about := "every actor's calls, phase by phase"
	format, chosen := m.walkFormat()
	if chosen {
		about = "every actor's calls for " + formatLabels[m.format] + ", phase by phase"
	}
	out := []string{"", m.st.title.Render(title) + m.st.hint.Render("  "+about)}
	if len(title)+2+len(about) > width {
		out = out[:1]
		out = append(out, m.st.title.Render(title))
		for _, l := range form.Wrap(about, width, "") {
			out = append(out, m.st.hint.Render(l))
		}
	}
	for _, ph := range blueprint.Phases {
		head := false
		for ai, ac := range w.Actors {
			actor := false
			// One actor's calls refused for one reason say it once.
			said := ""
			for _, c := range w.Calls {
				if c.Phase != ph || c.Actor != ai || c.Templates&format == 0 {
					continue
				}
				if !head {
					out = append(out, m.st.title.Render(ph.String()))
					head = true
				}
				if !actor {
					out = append(out, form.Wrap(shown(ac.Label), width, "  ")...)
					actor = true
				}
				sym, style := m.walkMark(c.Outcome)
				out = append(out, markedLines("    ", sym, style, shown(strings.TrimPrefix(c.Action, "secretsmanager:")+" on "+c.On), width)...)
				if c.Outcome != blueprint.Allowed && c.Reason+c.Fix != said {
					said = c.Reason + c.Fix
					// The walk's texts name design-file keys (its fixes are
					// check's and access's too); the pane speaks of the
					// labels on screen (trial8a W3).
					out = append(out, detail(inWords(c.Reason)))
					if c.Fix != "" {
						out = append(out, detail("fix: "+inWords(c.Fix)))
					}
				}
			}
		}
	}
	return out
}

// readerSideLines are the Done screen's note on the reader's side
// (readerSide), wrapped to width.
func (m *Model) readerSideLines(width int) []string {
	w := m.shownWalk()
	if w == nil {
		return nil
	}
	lines := readerSide(w, m.d)
	if len(lines) == 0 {
		return nil
	}
	out := []string{"", m.st.title.Render(readerSideTitle) + m.st.hint.Render("  "+readerSideAside)}
	for _, l := range lines {
		out = append(out, form.Wrap(shown(l), width, "  ")...)
	}
	return out
}

const (
	readerSideTitle = "The reader's side"
	readerSideAside = "secretsmith access prints each policy"
)

// readerSide is the note on the reader's side that Done ends with, on
// the screens and in line mode alike: what each reader needs in its own
// account, and how to read the value without putting it in code
// ('secretsmith access' prints the policies in full). A reader that needs
// an identity policy is told it needs one; "its IAM policy allows ..."
// read as if it already did (issue 22's third trial), and line mode said
// nothing of it.
func readerSide(w *blueprint.Walk, d *blueprint.Design) []string {
	if w == nil {
		return nil
	}
	sides := w.ReaderSides(d)
	if len(sides) == 0 {
		return nil
	}
	var out []string
	for _, rs := range sides {
		if !rs.Needed {
			// Said with the file it makes optional: Done also lists a
			// reader policy written for it (trial7a T9).
			out = append(out, rs.Reader+": nothing to add in IAM: the secret's policy names it in the secret's own account, "+
				"which lets it read; a reader policy file written for it is not needed")
			continue
		}
		// A whole account (or organization) is not one identity: each of
		// its principals that reads needs the policy (ReaderSide.Who).
		who, where := "needs", " in its own account"
		if strings.Contains(rs.Who, "each principal") {
			who, where = "each principal that reads it needs", " in that account"
		}
		if !rs.CrossAccount {
			where = ""
		}
		out = append(out, rs.Reader+": "+who+" an IAM policy"+where+" that allows GetSecretValue on the secret and kms:Decrypt through Secrets Manager")
	}
	return append(out, "Read it at run time by its ARN, never in code or environment variables: the AWS Parameters and Secrets "+
		"Lambda Extension in Lambda, your SDK's Secrets Manager caching client elsewhere.")
}

// shownWalk is the report's walk-through while something on screen shows
// it, or nil: refresh builds it (through Report.Access) only then, and
// View must not build it.
func (m *Model) shownWalk() *blueprint.Walk {
	if m.access == nil {
		return nil
	}
	return m.report.Walk()
}
