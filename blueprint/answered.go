package blueprint

import (
	"reflect"
	"strconv"
	"strings"
)

// Unanswered reports whether the design holds no value at path, a
// design-file path such as resourcePolicy.statements[0].principal: the
// field is missing, nil, or holds only empty values (a principal with no
// AWS, Service or Federated value and no "*"). A field not answered yet
// leaves the rules that read it pending, never failed (WithValidation):
// "Let another account read it", with the account still to type, showed
// three rules failed (trial 7a's T10, issue 22 item 3). A path that does
// not name a field of the design is not unanswered, so its problem still
// fails the rule.
func (d *Design) Unanswered(path string) bool {
	if d == nil {
		return true
	}
	v := reflect.ValueOf(d).Elem()
	for s := path; s != ""; {
		if v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return true
			}
			v = v.Elem()
		}
		if v.Type() == conditionsType {
			// A statement's conditions are a list, but their paths name a
			// row by operator and key (ConditionPath), as the design file
			// writes them: condition.ArnNotLike.aws:PrincipalArn. Without
			// this the empty values of the "Deny everything outside my VPC
			// endpoint" shortcut read as answered, and failed three rules
			// before they were typed (trial 8a's W1).
			row, rest, ok := conditionRow(v, s)
			if !ok {
				return false
			}
			if !row.IsValid() {
				return true // no such row: nothing answers it
			}
			v, s = row, rest
			continue
		}
		switch {
		case s[0] == '.':
			s = s[1:]
		case s[0] == '[':
			tok, n := indexToken(s)
			if n == 0 {
				return false
			}
			s = s[n:]
			var ok bool
			if v, ok = element(v, tok); !ok {
				return false
			}
			if !v.IsValid() {
				return true // a key the map does not hold
			}
		default:
			end := strings.IndexAny(s, ".[")
			if end < 0 {
				end = len(s)
			}
			name := s[:end]
			s = s[end:]
			if v.Kind() != reflect.Struct {
				return false
			}
			// The design-file names are the fields' names in lower camel
			// case (secretId for SecretID, vpcSubnetIds for VpcSubnetIDs).
			f := v.FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, name) })
			if !f.IsValid() {
				return false
			}
			v = f
		}
	}
	return empty(v)
}

var conditionsType = reflect.TypeOf([]Condition(nil))

// conditionRow reads the operator and key at the start of s (the rest of a
// path after a statement's condition) and returns the Values of the row of
// conditions v they name, and the rest of the path; a row v does not hold
// gives the zero Value, a path that names no operator and key gives false.
func conditionRow(v reflect.Value, s string) (reflect.Value, string, bool) {
	op, s, ok := pathName(s)
	if !ok {
		return reflect.Value{}, "", false
	}
	key, s, ok := pathName(s)
	if !ok {
		return reflect.Value{}, "", false
	}
	for i := range v.Len() {
		if c := v.Index(i).Interface().(Condition); c.Operator == op && c.Key == key {
			return v.Index(i).FieldByName("Values"), s, true
		}
	}
	return reflect.Value{}, s, true
}

// pathName splits the name at the start of s, written .name or ["name"]
// (KeyPath), from the rest of the path.
func pathName(s string) (string, string, bool) {
	if strings.HasPrefix(s, "[") {
		tok, n := indexToken(s)
		name, err := strconv.Unquote(tok)
		if n == 0 || err != nil {
			return "", "", false
		}
		return name, s[n:], true
	}
	s = strings.TrimPrefix(s, ".")
	end := strings.IndexAny(s, ".[")
	if end < 0 {
		end = len(s)
	}
	return s[:end], s[end:], end > 0
}

// element is the element tok (an index, or a quoted map key) of list or
// map v; a map without the key gives the zero Value, a token that fits
// neither gives false.
func element(v reflect.Value, tok string) (reflect.Value, bool) {
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		i, err := strconv.Atoi(tok)
		if err != nil || i < 0 || i >= v.Len() {
			return reflect.Value{}, false
		}
		return v.Index(i), true
	case reflect.Map:
		if k, err := strconv.Unquote(tok); err == nil {
			tok = k
		}
		if v.Type().Key().Kind() != reflect.String {
			return reflect.Value{}, false
		}
		return v.MapIndex(reflect.ValueOf(tok).Convert(v.Type().Key())), true
	}
	return reflect.Value{}, false
}

// empty reports whether v holds nothing: nil, blank text, an empty list,
// or a struct of empty fields.
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		// A number or a switch set through a pointer is an answer, 0
		// and false included (a recovery window of 0 days).
		return v.IsNil() || v.Elem().Kind() == reflect.Struct && empty(v.Elem())
	case reflect.String:
		return strings.TrimSpace(v.String()) == ""
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Struct:
		for i := range v.NumField() {
			if !empty(v.Field(i)) {
				return false
			}
		}
		return true
	}
	return v.IsZero()
}
