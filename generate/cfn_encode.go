package generate

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// cfnMap is a JSON object or YAML mapping whose keys keep the order they were
// added in. Go maps would sort or shuffle them; templates read best in the
// order people write them (Type before Properties, Version before Statement).
type cfnMap []cfnMapItem

type cfnMapItem struct {
	Key   string
	Value any
}

// add appends a key and returns the map, so literals can be built in a chain.
func (m cfnMap) add(key string, value any) cfnMap { return append(m, cfnMapItem{key, value}) }

// Intrinsic functions, always in their long form: the short !Ref tags exist
// only in YAML, and the long form reads the same in both formats.

type cfnRef struct {
	Ref string `json:"Ref"`
}

type cfnGetAtt struct {
	GetAtt [2]string `json:"Fn::GetAtt"`
}

type cfnSub struct {
	Sub string `json:"Fn::Sub"`
}

// cfnSubVars is Fn::Sub with a variable map. User values go in the map, never
// into the template string, so a "${" in them is never substituted.
type cfnSubVars struct {
	Sub [2]any `json:"Fn::Sub"`
}

type cfnJoin struct {
	Join [2]any `json:"Fn::Join"`
}

func cfnRefTo(id string) cfnRef             { return cfnRef{id} }
func cfnGetAttOf(id, attr string) cfnGetAtt { return cfnGetAtt{[2]string{id, attr}} }
func cfnSubOf(s string) cfnSub              { return cfnSub{s} }

// The template is one ordered value tree: cfnMap for mappings, slices and
// arrays for sequences, strings, bools and ints for scalars, and the typed
// structs above, whose fields are mappings in field order under their json
// names (omitempty leaves out an empty field, as encoding/json does). Both
// formats are written from it in a single pass by cfnWalk: the JSON and YAML
// writers below lay out the events it sends, and every scalar goes through
// the escaping functions of its format. cfn_reference_test.go holds these
// writers byte for byte to encoding/json and to goccy/go-yaml's own encoder
// and printer, which were too slow for a live preview (they re-encoded each
// nested mapping, or built and printed a node per scalar).

// cfnEmitter receives a value tree in order, one event at a time. Every
// mapping entry is a key followed by exactly one value; every sequence
// entry is an item followed by exactly one value.
type cfnEmitter interface {
	beginMap()
	key(k string) error
	endMap()
	beginSeq()
	item()
	endSeq()
	str(s string)
	boolean(b bool)
	integer(n int64)
	null()
	// nilSeq is a nil slice: null in JSON, as encoding/json writes it, but
	// [] in YAML, as goccy does.
	nilSeq()
}

// cfnWalk sends v to e. The common shapes of a template are handled without
// reflection; the typed structs go through cfnWalkValue.
func cfnWalk(e cfnEmitter, v any) error {
	switch v := v.(type) {
	case nil:
		e.null()
	case string:
		e.str(v)
	case bool:
		e.boolean(v)
	case int:
		e.integer(int64(v))
	case cfnMap:
		return cfnWalkMap(e, v)
	case []cfnMap:
		if v == nil {
			e.nilSeq()
			return nil
		}
		e.beginSeq()
		for _, m := range v {
			e.item()
			if err := cfnWalkMap(e, m); err != nil {
				return err
			}
		}
		e.endSeq()
	case []string:
		if v == nil {
			e.nilSeq()
			return nil
		}
		e.beginSeq()
		for _, s := range v {
			e.item()
			e.str(s)
		}
		e.endSeq()
	case []any:
		if v == nil {
			e.nilSeq()
			return nil
		}
		e.beginSeq()
		for _, x := range v {
			e.item()
			if err := cfnWalk(e, x); err != nil {
				return err
			}
		}
		e.endSeq()
	default:
		return cfnWalkValue(e, reflect.ValueOf(v))
	}
	return nil
}

// cfnWalkMap sends an ordered mapping. A nil cfnMap is an empty mapping,
// as its encoders have always written it.
func cfnWalkMap(e cfnEmitter, m cfnMap) error {
	e.beginMap()
	for _, it := range m {
		if err := e.key(it.Key); err != nil {
			return err
		}
		if err := cfnWalk(e, it.Value); err != nil {
			return fmt.Errorf("encode %s: %w", it.Key, err)
		}
	}
	e.endMap()
	return nil
}

var cfnMapType = reflect.TypeFor[cfnMap]()

// cfnWalkValue sends a value found by reflection: a struct field, a pointer's
// target, a slice element.
func cfnWalkValue(e cfnEmitter, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			e.null()
			return nil
		}
		return cfnWalk(e, v.Interface())
	case reflect.Pointer:
		if v.IsNil() {
			e.null()
			return nil
		}
		return cfnWalkValue(e, v.Elem())
	case reflect.String:
		e.str(v.String())
	case reflect.Bool:
		e.boolean(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.integer(v.Int())
	case reflect.Slice, reflect.Array:
		if v.Type() == cfnMapType {
			e.beginMap()
			for i := range v.Len() {
				it := v.Index(i)
				k := it.Field(0).String()
				if err := e.key(k); err != nil {
					return err
				}
				if err := cfnWalkValue(e, it.Field(1)); err != nil {
					return fmt.Errorf("encode %s: %w", k, err)
				}
			}
			e.endMap()
			return nil
		}
		if v.Kind() == reflect.Slice && v.IsNil() {
			e.nilSeq()
			return nil
		}
		e.beginSeq()
		for i := range v.Len() {
			e.item()
			if err := cfnWalkValue(e, v.Index(i)); err != nil {
				return err
			}
		}
		e.endSeq()
	case reflect.Struct:
		fields, err := cfnStructFields(v.Type())
		if err != nil {
			return err
		}
		e.beginMap()
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitEmpty && cfnEmpty(fv) {
				continue
			}
			if err := e.key(f.name); err != nil {
				return err
			}
			if err := cfnWalkValue(e, fv); err != nil {
				return fmt.Errorf("encode %s: %w", f.name, err)
			}
		}
		e.endMap()
	default:
		return fmt.Errorf("cannot encode a %s in a template", v.Type())
	}
	return nil
}

// cfnField is one exported struct field as a template key.
type cfnField struct {
	index     int
	name      string
	omitEmpty bool
}

var cfnFieldCache sync.Map // reflect.Type -> []cfnField

// cfnStructFields lists t's fields under their json names, in order. Every
// exported field must have a json tag: the name is part of the template.
func cfnStructFields(t reflect.Type) ([]cfnField, error) {
	if f, ok := cfnFieldCache.Load(t); ok {
		return f.([]cfnField), nil
	}
	var fields []cfnField
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag, ok := sf.Tag.Lookup("json")
		name, opts, _ := strings.Cut(tag, ",")
		if !ok || name == "" || sf.Anonymous {
			return nil, fmt.Errorf("%s.%s needs a json tag naming its template key", t, sf.Name)
		}
		if name == "-" {
			continue
		}
		fields = append(fields, cfnField{index: i, name: name, omitEmpty: slices.Contains(strings.Split(opts, ","), "omitempty")})
	}
	f, _ := cfnFieldCache.LoadOrStore(t, fields)
	return f.([]cfnField), nil
}

// cfnEmpty is encoding/json's omitempty test.
func cfnEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Array, reflect.Map:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	return false
}

// cfnMarshalJSON writes v as indented JSON with no trailing newline.
func cfnMarshalJSON(v any) ([]byte, error) {
	w := &cfnJSONWriter{buf: make([]byte, 0, 4096)}
	if err := cfnWalk(w, v); err != nil {
		return nil, err
	}
	return w.buf, nil
}

// cfnEncodeJSON writes the template as JSON indented by two spaces, the
// layout of encoding/json's SetIndent("", "  "), ending in a newline.
func cfnEncodeJSON(t *cfnTemplate) ([]byte, error) {
	w := &cfnJSONWriter{buf: make([]byte, 0, 32<<10)}
	if err := cfnWalk(w, t); err != nil {
		return nil, fmt.Errorf("encode CloudFormation JSON: %w", err)
	}
	return append(w.buf, '\n'), nil
}

// cfnJSONWriter lays out a value tree as indented JSON.
type cfnJSONWriter struct {
	buf []byte
	// empty has one entry per open object or array: true until its first
	// entry is written.
	empty []bool
}

func (w *cfnJSONWriter) open(c byte) {
	w.buf = append(w.buf, c)
	w.empty = append(w.empty, true)
}

// entry starts an entry of the innermost object or array on a new line.
func (w *cfnJSONWriter) entry() {
	n := len(w.empty) - 1
	if !w.empty[n] {
		w.buf = append(w.buf, ',')
	}
	w.empty[n] = false
	w.newline(n + 1)
}

func (w *cfnJSONWriter) close(c byte) {
	n := len(w.empty) - 1
	if !w.empty[n] {
		w.newline(n)
	}
	w.empty = w.empty[:n]
	w.buf = append(w.buf, c)
}

func (w *cfnJSONWriter) newline(depth int) {
	w.buf = append(w.buf, '\n')
	for range depth {
		w.buf = append(w.buf, ' ', ' ')
	}
}

func (w *cfnJSONWriter) beginMap() { w.open('{') }
func (w *cfnJSONWriter) endMap()   { w.close('}') }
func (w *cfnJSONWriter) beginSeq() { w.open('[') }
func (w *cfnJSONWriter) endSeq()   { w.close(']') }
func (w *cfnJSONWriter) item()     { w.entry() }
func (w *cfnJSONWriter) key(k string) error {
	w.entry()
	w.buf = appendJSONString(w.buf, k)
	w.buf = append(w.buf, ':', ' ')
	return nil
}
func (w *cfnJSONWriter) str(s string)    { w.buf = appendJSONString(w.buf, s) }
func (w *cfnJSONWriter) boolean(b bool)  { w.buf = strconv.AppendBool(w.buf, b) }
func (w *cfnJSONWriter) integer(n int64) { w.buf = strconv.AppendInt(w.buf, n, 10) }
func (w *cfnJSONWriter) null()           { w.buf = append(w.buf, "null"...) }
func (w *cfnJSONWriter) nilSeq()         { w.null() }

const hexDigits = "0123456789abcdef"

// appendJSONString writes s as a JSON string, escaped as encoding/json
// escapes it without HTML escaping (\" \\ \b \f \n \r \t, \u00XX for other
// controls, \u2028 and \u2029, \ufffd for each byte of invalid UTF-8), and
// beyond that every character YAML readers refuse raw (cfn-lint reads JSON
// templates with its YAML reader): DEL, the C1 controls, the BOM and the
// other non-printing characters of the Basic Multilingual Plane become \u
// escapes. Beyond the BMP YAML takes any character raw but no
// surrogate-pair escape, so those stay as they are.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029' || jsonNeedsEscape(r):
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonNeedsEscape reports whether a YAML reader refuses r raw in a JSON
// template (a line break outside strings is fine).
func jsonNeedsEscape(r rune) bool {
	return r != '\n' && r <= 0xffff && (!unicode.IsPrint(r) || r == '\ufeff')
}

// cfnEncodeYAML writes the template as block YAML with header as a comment
// above the first key, in the layout goccy/go-yaml prints with Indent(2)
// and IndentSequence(true).
//
// Every string, key or value, is plain when it is plainly a string to every
// YAML 1.1 and 1.2 reader (yamlPlainSafe), double-quoted with escapes
// otherwise (yamlQuote). Nothing a user types can then end a scalar early,
// start a tag (!Ref), an anchor, a comment or a new document. (goccy's own
// choice of style is not safe for arbitrary text: it leaves tabs and line
// breaks in plain or block scalars, even in mapping keys.)
func cfnEncodeYAML(t *cfnTemplate, header []string) ([]byte, error) {
	w := &cfnYAMLWriter{buf: make([]byte, 0, 32<<10)}
	for _, line := range header {
		w.buf = append(w.buf, '#')
		if line != "" {
			w.buf = append(w.buf, ' ')
			w.buf = append(w.buf, yamlCommentSafe(line)...)
		}
		w.buf = append(w.buf, '\n')
	}
	if err := cfnWalk(w, t); err != nil {
		return nil, fmt.Errorf("encode CloudFormation YAML: %w", err)
	}
	return w.buf, nil
}

// yamlAt is where the YAML writer's cursor is.
type yamlAt uint8

const (
	yamlLineStart yamlAt = iota // at the start of a line
	yamlAfterKey                // just after "key:"
	yamlAfterDash               // just after "- "
)

// yamlLevel is one open mapping or sequence.
type yamlLevel struct {
	indent  int    // column of its keys or dashes
	opener  yamlAt // where the cursor was when it began
	entries int
}

// cfnYAMLWriter lays out a value tree as block YAML. A mapping or sequence
// that is a mapping value starts on the next line, indented two more; one
// that is a sequence item starts on the dash's line. Empty ones are {} and
// [] in flow style.
type cfnYAMLWriter struct {
	buf  []byte
	open []yamlLevel
	at   yamlAt
}

func (w *cfnYAMLWriter) begin() {
	indent := 0
	if n := len(w.open); n > 0 {
		indent = w.open[n-1].indent + 2
	}
	w.open = append(w.open, yamlLevel{indent: indent, opener: w.at})
}

// entry starts an entry of the innermost mapping or sequence.
func (w *cfnYAMLWriter) entry() {
	l := &w.open[len(w.open)-1]
	if l.entries == 0 {
		switch l.opener {
		case yamlAfterKey:
			w.buf = append(w.buf, '\n')
		case yamlAfterDash:
			l.entries++
			return // the first entry shares the dash's line
		}
	}
	l.entries++
	for range l.indent {
		w.buf = append(w.buf, ' ')
	}
}

func (w *cfnYAMLWriter) end(empty string) {
	l := w.open[len(w.open)-1]
	w.open = w.open[:len(w.open)-1]
	if l.entries == 0 {
		w.scalar(empty)
	}
	w.at = yamlLineStart
}

func (w *cfnYAMLWriter) beginMap() { w.begin() }
func (w *cfnYAMLWriter) endMap()   { w.end("{}") }
func (w *cfnYAMLWriter) beginSeq() { w.begin() }
func (w *cfnYAMLWriter) endSeq()   { w.end("[]") }

func (w *cfnYAMLWriter) key(k string) error {
	w.entry()
	start := len(w.buf)
	w.buf = appendYAMLString(w.buf, k)
	if n := len(w.buf) - start; n > maxYAMLKey {
		return fmt.Errorf("mapping key %.40q... is %d characters; YAML keys must stay under 1024", k, n)
	}
	w.buf = append(w.buf, ':')
	w.at = yamlAfterKey
	return nil
}

func (w *cfnYAMLWriter) item() {
	w.entry()
	w.buf = append(w.buf, '-', ' ')
	w.at = yamlAfterDash
}

// scalar writes text as a complete value at the cursor.
func (w *cfnYAMLWriter) scalar(text string) {
	if w.at == yamlAfterKey {
		w.buf = append(w.buf, ' ')
	}
	w.buf = append(w.buf, text...)
	w.buf = append(w.buf, '\n')
	w.at = yamlLineStart
}

func (w *cfnYAMLWriter) str(s string) {
	if w.at == yamlAfterKey {
		w.buf = append(w.buf, ' ')
	}
	w.buf = appendYAMLString(w.buf, s)
	w.buf = append(w.buf, '\n')
	w.at = yamlLineStart
}

func (w *cfnYAMLWriter) boolean(b bool)  { w.scalar(strconv.FormatBool(b)) }
func (w *cfnYAMLWriter) integer(n int64) { w.scalar(strconv.FormatInt(n, 10)) }
func (w *cfnYAMLWriter) null()           { w.scalar("null") }
func (w *cfnYAMLWriter) nilSeq()         { w.scalar("[]") }

// appendYAMLString writes s plain when yamlPlainSafe allows it, else
// double-quoted by yamlQuote.
func appendYAMLString(b []byte, s string) []byte {
	if yamlPlainSafe(s) {
		return append(b, s...)
	}
	return appendYAMLQuote(b, s)
}

// maxYAMLKey keeps mapping keys under the 1024-character limit YAML sets on
// implicit keys (PyYAML and SnakeYAML enforce it), with room for quotes and
// escapes.
const maxYAMLKey = 1000

// yamlPlainSafe reports whether s can be written as a plain scalar and read back
// as the same string by YAML 1.1 and 1.2 readers alike. It is deliberately
// narrow: an ASCII letter first (so no number, date, indicator or tag), then
// letters, digits, spaces and a few punctuation marks, no ": " or " #", no
// trailing space or colon, and none of the words YAML 1.1 reads as booleans
// or null.
func yamlPlainSafe(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	if c := s[0]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("._/@=+-()*?,", c) >= 0:
		case c == ':':
			if i+1 == len(s) || s[i+1] == ' ' {
				return false
			}
		case c == ' ':
			if i+1 == len(s) || s[i+1] == '#' {
				return false
			}
		default:
			return false
		}
	}
	// The loop above admits only ASCII, where EqualFold is ToLower's
	// comparison without the copy.
	if len(s) <= 5 {
		for _, w := range [...]string{"y", "n", "yes", "no", "on", "off", "true", "false", "null"} {
			if strings.EqualFold(s, w) {
				return false
			}
		}
	}
	return true
}

// yamlQuote writes s as a YAML double-quoted scalar. It escapes only with
// sequences that YAML and JSON share (\" \\ \n \r \t \uXXXX), plus \UXXXXXXXX
// for the few non-printing characters beyond the BMP. Printable Unicode is
// kept as is. Each byte of invalid UTF-8 becomes U+FFFD, as encoding/json
// does, so the YAML and JSON templates hold the same strings.
func yamlQuote(s string) string { return string(appendYAMLQuote(nil, s)) }

// appendYAMLQuote appends yamlQuote(s) to b.
func appendYAMLQuote(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = utf8.AppendRune(b, utf8.RuneError)
		case unicode.IsPrint(r) && r != '\ufeff':
			i += size
			continue
		case r <= 0xffff:
			b = append(b, s[start:i]...)
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = append(b, s[start:i]...)
			b = fmt.Appendf(b, `\U%08x`, r)
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// yamlCommentSafe makes one header line safe inside a # comment: a line break
// would end the comment and let the rest be read as YAML, so every character
// that is not printable (line and paragraph separators included) is shown
// as an escape instead.
func yamlCommentSafe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == ' ' || (unicode.IsPrint(r) && r != '\ufeff'):
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	return b.String()
}
