package tui

import (
	"flag"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
)

// modelState writes out everything reachable from m: unexported fields
// too, pointers followed (each once, so the design, the styles and the
// editor are all in it), slices and arrays by element, maps in key order,
// funcs and channels by address. Two states are equal exactly when nothing
// View could reach was changed. With paths set each value is a line
// "path = value", for showing where two states differ; without, the values
// are only written one after another, which is what every step of every
// flow can afford.
func modelState(m *Model, paths bool) string {
	w := &stateWriter{b: make([]byte, 0, 64<<10), seen: map[seenPtr]bool{}, paths: paths}
	w.write("m", reflect.ValueOf(m))
	return string(w.b)
}

type seenPtr struct {
	p uintptr
	t reflect.Type
}

type stateWriter struct {
	b     []byte
	seen  map[seenPtr]bool
	paths bool
}

// at starts the value at path.
func (w *stateWriter) at(path string) {
	if w.paths {
		w.b = append(w.b, path...)
		w.b = append(w.b, " = "...)
	}
}

func (w *stateWriter) end() { w.b = append(w.b, '\n') }

func (w *stateWriter) word(path, s string) {
	w.at(path)
	w.b = append(w.b, s...)
	w.end()
}

func (w *stateWriter) write(path string, v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		w.word(path, "<invalid>")
	case reflect.Bool:
		w.at(path)
		w.b = strconv.AppendBool(w.b, v.Bool())
		w.end()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.at(path)
		w.b = strconv.AppendInt(w.b, v.Int(), 10)
		w.end()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.at(path)
		w.b = strconv.AppendUint(w.b, v.Uint(), 10)
		w.end()
	case reflect.Float32, reflect.Float64:
		w.at(path)
		w.b = strconv.AppendFloat(w.b, v.Float(), 'g', -1, 64)
		w.end()
	case reflect.Complex64, reflect.Complex128:
		w.word(path, fmt.Sprint(v.Complex()))
	case reflect.String:
		w.at(path)
		w.b = strconv.AppendInt(w.b, int64(v.Len()), 10)
		if w.paths {
			w.b = append(append(w.b, ':'), v.String()...)
		} else {
			// Strings never change in place, so the same bytes at the
			// same address are the same string; that is cheaper than
			// copying the model's prose on every step, and stricter:
			// storing an equal string is a change too.
			w.b = strconv.AppendUint(append(w.b, '@'), uint64(uintptr(unsafe.Pointer(unsafe.StringData(v.String())))), 16)
		}
		w.end()
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		w.at(path)
		w.b = append(w.b, v.Kind().String()...)
		w.b = strconv.AppendUint(append(w.b, '@'), uint64(v.Pointer()), 16)
		w.end()
	case reflect.Interface:
		if v.IsNil() {
			w.word(path, "nil")
			return
		}
		if w.paths {
			path += ".(" + v.Elem().Type().String() + ")"
		}
		w.write(path, v.Elem())
	case reflect.Pointer:
		if v.IsNil() {
			w.word(path, "nil")
			return
		}
		if outside(v.Type().Elem()) {
			// Which one it is can change in Update; what is inside is
			// changed by other goroutines, so it is not followed.
			w.at(path)
			w.b = strconv.AppendUint(append(w.b, "outside@"...), uint64(v.Pointer()), 16)
			w.end()
			return
		}
		k := seenPtr{v.Pointer(), v.Type()}
		if w.seen[k] {
			w.at(path)
			w.b = strconv.AppendUint(append(w.b, "seen@"...), uint64(v.Pointer()), 16)
			w.end()
			return
		}
		w.seen[k] = true
		if w.paths {
			path = "*" + path
		}
		w.write(path, v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			w.word(path, "nil")
			return
		}
		w.at(path + ".len")
		w.b = strconv.AppendInt(w.b, int64(v.Len()), 10)
		w.end()
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			p := ""
			if w.paths {
				p = path + "[" + strconv.Itoa(i) + "]"
			}
			w.write(p, v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			w.word(path, "nil")
			return
		}
		type entry struct {
			key string
			v   reflect.Value
		}
		var es []entry
		for it := v.MapRange(); it.Next(); {
			kw := &stateWriter{seen: map[seenPtr]bool{}}
			kw.write("", it.Key())
			es = append(es, entry{strings.TrimSuffix(string(kw.b), "\n"), it.Value()})
		}
		slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.key, b.key) })
		w.at(path + ".len")
		w.b = strconv.AppendInt(w.b, int64(v.Len()), 10)
		w.end()
		for _, e := range es {
			w.word(path+"[key]", e.key)
			w.write(path+"["+e.key+"]", e.v)
		}
	case reflect.Struct:
		t := v.Type()
		if outside(t) {
			w.word(path, "outside "+t.String())
			return
		}
		for i := range v.NumField() {
			p := ""
			if w.paths {
				p = path + "." + t.Field(i).Name
			}
			w.write(p, v.Field(i))
		}
	default:
		panic("modelState: unhandled kind " + v.Kind().String())
	}
}

// outsidePackages hold state that their own goroutines change at any
// time (the SDK's HTTP transport and its connection pool, locks): a model
// reaches them through the account, and View cannot reach into them.
var outsidePackages = []string{"net/http", "sync", "github.com/aws/"}

// outside is whether values of type t belong to one of outsidePackages.
func outside(t reflect.Type) bool {
	for _, p := range outsidePackages {
		if pp := t.PkgPath(); pp == p || strings.HasPrefix(pp, p+"/") || strings.HasSuffix(p, "/") && strings.HasPrefix(pp, p) {
			return true
		}
	}
	return false
}

var viewPaths = flag.Bool("viewpaths", false, "name the field View changed when a purity check fails (slower)")

// pureView fails when drawing the model changes it: View runs twice, and
// the model's whole state must be the same after as before, and both
// drawings the same.
func pureView(t testing.TB, m *Model) {
	t.Helper()
	before, beforePaths := modelState(m, false), ""
	if *viewPaths {
		// Only a failure needs the paths; the flag pays for them up front.
		beforePaths = modelState(m, true)
	}
	first := m.View().Content
	second := m.View().Content
	if modelState(m, false) != before {
		if beforePaths == "" {
			t.Fatalf("View changed the model (run the test with -viewpaths for the field's path):\n%s", firstDiff(modelState(m, false), before))
		}
		t.Fatalf("View changed the model:\n%s", firstDiff(modelState(m, true), beforePaths))
	}
	if first != second {
		t.Fatalf("View drew the same model two ways:\n%s", firstDiff(first, second))
	}
}

// The purity check stops at state that other goroutines own: the AWS SDK's
// HTTP transport drops a dead connection from its pool in its own
// goroutine (the "endpoint dying mid-session" cause made the purity check
// fail now and then under load, and read that pool while it changed). A
// change there is the same model, so it must write the same state.
func TestModelStateStopsAtOutsideState(t *testing.T) {
	type holder struct {
		tr   *http.Transport
		mu   sync.Mutex
		mine int
	}
	h := &holder{tr: &http.Transport{}}
	state := func() string {
		w := &stateWriter{seen: map[seenPtr]bool{}}
		w.write("h", reflect.ValueOf(h))
		return string(w.b)
	}
	base := state()
	h.tr.MaxIdleConns++ // what the transport's own goroutines do to it
	if state() != base {
		t.Error("modelState reads into net/http's transport, which changes outside Update")
	}
	h.mu.Lock() // another goroutine holding a lock of the model's
	if state() != base {
		t.Error("modelState reads a lock's state, which other goroutines change")
	}
	h.mu.Unlock()
	h.mine++
	if state() == base {
		t.Error("modelState no longer sees the holder's own field")
	}
	h.tr = &http.Transport{}
	if state() == base {
		t.Error("modelState does not see the transport replaced")
	}
}

// The purity check itself: it notices a change View could make anywhere in
// the model, deep in the design, in an unexported field, or in a map.
func TestModelStateSeesChanges(t *testing.T) {
	m := sized(New(nil, Options{}))
	base := modelState(m, false)
	if base != modelState(m, false) || modelState(m, true) != modelState(m, true) {
		t.Fatal("modelState differs between two calls on the same model")
	}
	for name, change := range map[string]func(m *Model){
		"design":     func(m *Model) { m.d.Secret.Tags = append(m.d.Secret.Tags, blueprint.Tag{Key: "k", Value: "v"}) },
		"deep":       func(m *Model) { *m.d.Secret.GenerateSecretString.PasswordLength++ },
		"focus":      func(m *Model) { m.focus++ },
		"previewTop": func(m *Model) { m.previewTop++ },
		"map":        func(m *Model) { m.localErr["x"] = "y" },
		"input":      func(m *Model) { m.ed.Input.SetWidth(m.ed.Input.Width() + 1) },
		"preview":    func(m *Model) { m.preview.lines = []string{"x"} },
		"tick":       func(m *Model) { m.tick = tea.Tick },
	} {
		m := sized(New(nil, Options{}))
		change(m)
		if modelState(m, false) == base {
			t.Errorf("modelState does not see a change to the %s", name)
		}
	}
}

// instantTick is the preview's debounce for tests that drive Update: it
// fires at once, so the render arrives before the next key.
func instantTick(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return fn(time.Time{}) }
}
