package form

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

type listHost struct{ vs []string }

func (h *listHost) Text() string        { return "" }
func (h *listHost) Failed() bool        { return false }
func (h *listHost) Set(string)          {}
func (h *listHost) SetList(vs []string) { h.vs = vs }
func (h *listHost) Refresh()            {}

// A long filter's line wraps at the form's width, as every other line of
// a field does: the view cut it with "…", so "backspace or esc clears"
// could not be read (issue 22's second trial: 'ListSecretVersion' typed
// into a statement's Actions at 100x30).
func TestFilterLineWraps(t *testing.T) {
	var opts []Option
	for _, a := range []string{"DescribeSecret", "GetSecretValue", "ListSecretVersionIds", "PutSecretValue"} {
		opts = append(opts, Option{Value: "secretsmanager:" + a, Label: a})
	}
	f := Field{ID: "actions", Title: "Actions", Options: opts, GetList: func() []string { return nil }}
	const width = 62
	for _, kind := range []Kind{Multi{}, Choice{}} {
		e := &Editor{Filter: "ListSecretVersion"}
		if _, ok := kind.(Choice); ok {
			// A choice filters only a long list.
			f.Get = func() string { return "" }
			f.List = true
			for len(f.Options) <= MinListRows {
				f.Options = append(f.Options, Option{Value: "x", Label: "x"})
			}
		}
		lines := kind.Lines(f, e, &listHost{}, Place{Focused: true, Width: width, Rows: 8})
		var filter []string
		for i, l := range lines {
			s := ansi.Strip(l)
			if strings.HasPrefix(s, "    filter:") {
				filter = append(filter, s)
				for _, more := range lines[i+1:] {
					// The filter's words go on until the list's first
					// option, a box or a radio button.
					if m := ansi.Strip(more); !strings.ContainsAny(m, "[(•↑↓") {
						filter = append(filter, m)
						continue
					}
					break
				}
			}
		}
		for _, l := range filter {
			if w := ansi.StringWidth(l); w > width {
				t.Errorf("%T: filter line %q is %d cells wide, more than the form's %d", kind, l, w, width)
			}
		}
		got := strings.Join(strings.Fields(strings.Join(filter, " ")), " ")
		want := "filter: ListSecretVersion (1 of 4; enter selects, backspace or esc clears)"
		if _, ok := kind.(Choice); ok {
			want = "filter: ListSecretVersion (1 of 9; backspace or esc clears)"
		}
		if got != want {
			t.Errorf("filter line reads %q, want %q", got, want)
		}
	}
}
