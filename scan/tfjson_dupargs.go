package scan

import (
	"encoding/json"
	"fmt"
	"strings"
)

// tfJSONDuplicateArgument refuses a Terraform JSON file (.tf.json) whose
// block body gives one argument twice, as Terraform's JSON decoder does
// ("Duplicate argument"); the HCL reader secretsmith uses kept the first
// value, which check then judged (trial8b X3). A key given twice with an
// object or a list both times may be a block written twice, which HCL's JSON
// syntax allows, so only a key with a scalar value (never a block) is
// refused.
func tfJSONDuplicateArgument(name string, data []byte) error {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	type seen struct {
		off    int64
		scalar bool
	}
	var found error
	// walk reads one value at path (the keys from the file's top) and
	// reports whether it is a scalar.
	var walk func(path []string) (bool, bool)
	walk = func(path []string) (scalar, ok bool) {
		t, err := dec.Token()
		if err != nil {
			return false, false
		}
		switch t {
		case json.Delim('{'):
			body := argumentBody(path)
			keys := map[string]seen{}
			for dec.More() {
				off := dec.InputOffset()
				kt, err := dec.Token()
				if err != nil {
					return false, false
				}
				k, _ := kt.(string)
				sc, ok := walk(append(path[:len(path):len(path)], k))
				if !ok {
					return false, false
				}
				if first, dup := keys[k]; dup && body && found == nil && (sc || first.scalar) {
					l, c := offsetPos(data, keyStart(data, off))
					fl, fc := offsetPos(data, keyStart(data, first.off))
					found = &SyntaxError{Pos{name, l, c}, fmt.Sprintf("%s: the argument %q is given twice (first at %d:%d); Terraform refuses a duplicate argument: give it once", bodyAddress(path), k, fl, fc)}
				} else if !dup {
					keys[k] = seen{off, sc}
				}
			}
			_, _ = dec.Token()
			return false, true
		case json.Delim('['):
			for dec.More() {
				// A list of bodies is blocks of one name (a resource
				// written twice); the path stays the body's.
				if _, ok := walk(path); !ok {
					return false, false
				}
			}
			_, _ = dec.Token()
			return false, true
		}
		return true, true
	}
	walk(nil)
	return found
}

// argumentBody reports whether the object at path is a body whose keys are
// arguments: a resource's or data source's, a module call's, an output's,
// a variable's, or locals.
func argumentBody(path []string) bool {
	switch {
	case len(path) == 1:
		return path[0] == "locals"
	case len(path) == 2:
		return path[0] == "module" || path[0] == "output" || path[0] == "variable"
	case len(path) == 3:
		return path[0] == "resource" || path[0] == "data"
	}
	return false
}

// bodyAddress names the body at path as Terraform does: resource.T.N is
// T.N, the others keep their kind (data.T.N, module.M, locals).
func bodyAddress(path []string) string {
	if path[0] == "resource" {
		path = path[1:]
	}
	return strings.Join(path, ".")
}

// keyStart is the offset of the key's opening quote at or after off (where
// the decoder stood before reading it: after a comma or a brace).
func keyStart(data []byte, off int64) int {
	i := int(off)
	for i < len(data) && data[i] != '"' {
		i++
	}
	return min(i, len(data))
}
