package form

import "testing"

type choiceHost struct{ v string }

func (h *choiceHost) Text() string     { return h.v }
func (h *choiceHost) Failed() bool     { return false }
func (h *choiceHost) Set(v string)     { h.v = v }
func (h *choiceHost) SetList([]string) {}
func (h *choiceHost) Refresh()         {}

// Line mode takes a choice's words as the TUI's filter does (Matching):
// in any order and anywhere in the name; one match is the answer, several
// are listed, none is said. "postgres single" was "not a choice" in line
// mode while the filter found it (trial 7a's T6).
func TestLineModeChoiceTakesTheFiltersWords(t *testing.T) {
	opts := []Option{
		{Value: "PostgreSQLSingleUser", Group: "PostgreSQL", Label: "single user"},
		{Value: "PostgreSQLMultiUser", Group: "PostgreSQL", Label: "multi user"},
		{Value: "MySQLSingleUser", Group: "MySQL", Label: "single user"},
		{Value: "MySQLMultiUser", Group: "MySQL", Label: "multi user"},
	}
	h := &choiceHost{}
	f := Field{ID: "t", Options: opts, List: true, Get: func() string { return h.v }}
	for _, tt := range []struct{ line, chosen, msg string }{
		{"postgres single", "PostgreSQLSingleUser", ""},
		{"multi mysql", "MySQLMultiUser", ""},
		{"single", "", `"single" matches 2 choices (1. PostgreSQL · single user; 3. MySQL · single user); type its number, or more of its words`},
		{"oracle", "", `"oracle" is not a choice, and no choice holds all its words; type a number from 1 to 4 or a choice's words`},
		{"9", "", `"9" is not a choice; type a number from 1 to 4 or a choice's word`},
		{"MySQLSingleUser", "MySQLSingleUser", ""},
	} {
		h.v = ""
		msg := (Choice{}).Answer(f, &Editor{}, h, tt.line)
		if msg != tt.msg || h.v != tt.chosen {
			t.Errorf("answer %q: chose %q with message %q, want %q with %q", tt.line, h.v, msg, tt.chosen, tt.msg)
		}
	}
	// The filter and line mode agree: one matcher.
	e := &Editor{Filter: "postgres single"}
	if got := e.Shown(f); len(got) != 1 || got[0].Value != "PostgreSQLSingleUser" {
		t.Errorf("the filter %q shows %v", e.Filter, got)
	}
}
