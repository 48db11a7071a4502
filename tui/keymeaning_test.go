package tui

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/secretsmith/secretsmith/blueprint"
)

// bindings are every key.Binding of k, its form keys included, by field
// name.
func bindings(v reflect.Value, out map[string]key.Binding) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		name := v.Type().Field(i).Name
		switch b := f.Interface().(type) {
		case key.Binding:
			out[name] = b
		default:
			if f.Kind() == reflect.Struct {
				bindings(f, out)
			}
		}
	}
}

// TestOneLetterKeyMeansOneThing holds the key map to one meaning for each
// letter key on every screen: c duplicated a statement on the list and
// copied the deploy command on Done (issue 22). A letter bound twice is
// one meaning said twice, or two meanings. Failed before (c: Duplicate
// and CopyDeploy).
func TestOneLetterKeyMeansOneThing(t *testing.T) {
	all := map[string]key.Binding{}
	bindings(reflect.ValueOf(defaultKeys()), all)
	by := map[string]string{}
	for name, b := range all {
		for _, k := range b.Keys() {
			if len([]rune(k)) != 1 || k == "?" {
				continue // named keys (tab, esc, ctrl+…) are each screen's own, ? is help everywhere
			}
			if other, ok := by[k]; ok && other != name {
				t.Errorf("key %q is bound by both %s and %s", k, other, name)
			}
			by[k] = name
		}
	}
}

// The statement list's hint names the row keys as the key map binds them.
func TestStatementHintFollowsTheKeyMap(t *testing.T) {
	m := sized(New(nil, Options{}))
	m.d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "Read", Effect: "Allow"}}}
	m.gotoStep(stepPolicy)
	f := fieldByID(t, m, "stmt0")
	k := m.keys
	for _, b := range []key.Binding{k.Delete, k.Duplicate, k.MoveUp} {
		if !strings.Contains(f.q.hint, b.Help().Key+" "+b.Help().Desc) {
			t.Errorf("the statement hint %q does not name %s %s", f.q.hint, b.Help().Key, b.Help().Desc)
		}
	}
}
