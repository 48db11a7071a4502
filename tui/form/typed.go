package form

import (
	tea "charm.land/bubbletea/v2"
)

// typed takes a character typed on a field that does not filter (a toggle,
// a choice whose options all show) into the editor's Filter, where it is
// shown (typedLines) and changes nothing, and reports whether it took it.
// changes says whether msg is one of the field's keys that change its
// answer (space, a toggle's x): such a key still does so before anything
// is typed, and after a letter it is one more character. A word typed
// into the wrong field changed it unseen: "multi postgres" on the
// Rotation function's radio chose "My own Lambda" at its space (trial
// 7a's T8). A long list filters what is typed instead (Choice.Key); both
// hold the answer until a key meant for it moves it.
func (e *Editor) typed(msg tea.KeyPressMsg, changes bool) bool {
	switch {
	case msg.Code == tea.KeyBackspace && e.Filter != "":
		e.Filter = dropLast(e.Filter)
	case msg.Text == "" || msg.Mod&^tea.ModShift != 0:
		return false
	case changes && e.Filter == "":
		return false
	default:
		e.Filter += msg.Text
	}
	return true
}

// typedLines say, under a field that does not filter, what has been typed
// on it, that it changed nothing, and which keys change the answer
// (keys, such as "←/→ choose").
func (e *Editor) typedLines(width int, keys string) []string {
	var out []string
	for _, l := range Wrap("typed: "+shown(e.Filter)+" (typing changes nothing here: "+keys+"; backspace or esc clears)", width, "    ") {
		out = append(out, e.Styles.Warn.Render(l))
	}
	return out
}
