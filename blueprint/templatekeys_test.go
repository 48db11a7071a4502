package blueprint

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Issue 22 (item 12 leftover 3): check read a written-down secret value's
// keys with its own top-level rule while the blueprint's literal-keys
// check walks nested keys, so the two disagreed on {"conn":{"host":...}}
// and on {"host":{}} (a host to one, nothing to the other). One walk gives
// both: a top-level key holds something exactly when a literal key is
// found under it, or it is a connection key holding a plain value.
func TestFilledAndLiteralTemplateKeysAgree(t *testing.T) {
	for _, c := range []struct {
		tmpl   string
		filled []string
		whole  bool
	}{
		{`{"conn":{"host":"db"}}`, []string{"conn"}, true},
		{`{"conn":{}}`, nil, true},
		{`{"host":{}}`, nil, true},
		{`{"host":{"name":""},"username":"app"}`, []string{"username"}, true},
		{`{"host":"db","port":5432,"ssl":false,"tags":["a"],"none":null,"empty":""}`, []string{"host", "port", "ssl", "tags"}, true},
		{`{"a":"x"} trailing`, []string{"a"}, false},
		{`{"a":"x",`, []string{"a"}, false},
		{`["host"]`, nil, false},
		{`"text"`, nil, false},
	} {
		filled, literal, whole := templateKeys(c.tmpl)
		if !slices.Equal(filled, c.filled) || whole != c.whole {
			t.Errorf("%s: filled %q whole %v, want %q %v", c.tmpl, filled, whole, c.filled, c.whole)
		}
		if got := literalTemplateKeys(c.tmpl); !slices.Equal(got, literal) {
			t.Errorf("%s: literalTemplateKeys %q, the walk's %q", c.tmpl, got, literal)
		}
		top := map[string]bool{}
		for _, l := range literal {
			k, _ := strconv.Unquote(l)
			k, _, _ = strings.Cut(k, ".")
			top[k] = true
			if !slices.Contains(filled, k) {
				t.Errorf("%s: literal key %s under %q, which is not filled", c.tmpl, l, k)
			}
		}
		for _, k := range filled {
			if !top[k] && !IsConnectionKey(k) {
				t.Errorf("%s: %q is filled but no literal key is under it", c.tmpl, k)
			}
		}
	}
}

// A key written twice holds its last value, as encoding/json and the
// rotation functions' json.loads read it; the literal-keys check still
// reports the first one, whose text is stored in plain text all the same.
func TestFilledTemplateKeysTakeTheLastValue(t *testing.T) {
	if filled, ok := FilledTemplateKeys(`{"a":"x","b":"y","a":""}`); !slices.Equal(filled, []string{"b"}) || !ok {
		t.Errorf("filled %q (%v), want [b]", filled, ok)
	}
}

// FuzzTemplateKeys holds the walk to encoding/json, which Secrets Manager's
// readers (and the rotation functions' json.loads) agree with: the text is
// one whole object exactly when it decodes as one, and every key the walk
// fills is a key of that object with a value other than "" or null.
func FuzzTemplateKeys(f *testing.F) {
	for _, s := range []string{`{"host":"db","conn":{"a":1}}`, `{"a":{}}`, `{"a":"x"} x`, `[1]`, `{"a":"x","a":null}`, `{"p\u0061ss":"x"}`, ``} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tmpl string) {
		filled, _, whole := templateKeys(tmpl)
		var m map[string]any
		decodes := json.Unmarshal([]byte(tmpl), &m) == nil && m != nil
		if whole != decodes {
			t.Fatalf("%q: whole %v, encoding/json decodes an object %v", tmpl, whole, decodes)
		}
		if !whole {
			return
		}
		for _, k := range filled {
			if v, ok := m[k]; !ok || v == nil || v == "" {
				t.Fatalf("%q: %q filled, encoding/json gives %#v", tmpl, k, v)
			}
		}
	})
}
