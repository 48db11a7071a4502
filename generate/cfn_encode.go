package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
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

// MarshalJSON writes the keys in order. A nil cfnMap is an empty object.
//
// Nested cfnMaps are written here directly rather than handed back to
// encoding/json, which validates and compacts what every MarshalJSON
// returns: through each level of a large policy that was most of the time
// a template took. Every other value, and every key, is encoding/json's.
func (m cfnMap) MarshalJSON() ([]byte, error) {
	var e cfnJSON
	if err := e.cfnMap(m); err != nil {
		return nil, err
	}
	return e.b.Bytes(), nil
}

// cfnJSON writes values through one json.Encoder without HTML escaping, as
// CloudFormation text is not HTML.
type cfnJSON struct {
	b   bytes.Buffer
	enc *json.Encoder
}

func (e *cfnJSON) value(v any) error {
	switch v := v.(type) {
	case cfnMap:
		return e.cfnMap(v)
	case []cfnMap:
		if v == nil {
			break // null, as encoding/json writes a nil slice
		}
		e.b.WriteByte('[')
		for i, m := range v {
			if i > 0 {
				e.b.WriteByte(',')
			}
			if err := e.cfnMap(m); err != nil {
				return err
			}
		}
		e.b.WriteByte(']')
		return nil
	}
	if e.enc == nil {
		e.enc = json.NewEncoder(&e.b)
		e.enc.SetEscapeHTML(false)
	}
	if err := e.enc.Encode(v); err != nil {
		return err
	}
	e.b.Truncate(e.b.Len() - 1) // Encode ends each value with a newline
	return nil
}

func (e *cfnJSON) cfnMap(m cfnMap) error {
	e.b.WriteByte('{')
	for i, it := range m {
		if i > 0 {
			e.b.WriteByte(',')
		}
		if err := e.value(it.Key); err != nil {
			return err
		}
		e.b.WriteByte(':')
		if err := e.value(it.Value); err != nil {
			return fmt.Errorf("encode %s: %w", it.Key, err)
		}
	}
	e.b.WriteByte('}')
	return nil
}

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

func cfnRefTo(id string) cfnRef             { return cfnRef{id} }
func cfnGetAttOf(id, attr string) cfnGetAtt { return cfnGetAtt{[2]string{id, attr}} }
func cfnSubOf(s string) cfnSub              { return cfnSub{s} }

// The template is one value tree (cfnMap for ordered mappings, the typed
// structs of cloudformation.go, slices and scalars), described once by its
// json tags. Both formats come from encoding/json:
//
//   - JSON is encoding/json's indented output, with one documented change
//     (cfnEscapeNonPrinting).
//   - YAML is that JSON read into a go.yaml.in/yaml/v3 node tree (JSON is
//     YAML, and a node tree keeps key order), restyled as block YAML, and
//     written by yaml/v3's emitter.
//
// Why yaml/v3 rather than goccy/go-yaml, which reads design files: yaml/v3
// is a port of libyaml, whose emitter escapes any string correctly inside
// double quotes and writes a key it cannot write as an implicit key (one
// with a line break, or over 128 characters) as an explicit "? " key, which
// every YAML reader takes. goccy chooses styles that are not safe for
// arbitrary text (it left tabs and line breaks in plain scalars, even in
// keys) and its printer had to be overridden scalar by scalar. Speed does
// not decide it: on the large design (20 policy statements) both take 4-7 ms
// on a loaded 2-core machine (goccy's ValueToNode and printer before any
// restyling), inside the 10 ms a render may take.
//
// What no library decides for us is which strings may go plain: yaml/v3
// follows YAML 1.2, and cfn-lint reads templates as YAML 1.1, where yes,
// no, on and off are booleans. yamlPlainSafe keeps that rule; every other
// string is double-quoted, escaped by yaml/v3.

// cfnMarshalJSON is json.Marshal without HTML escaping.
func cfnMarshalJSON(v any) ([]byte, error) {
	var e cfnJSON
	if err := e.value(v); err != nil {
		return nil, err
	}
	return e.b.Bytes(), nil
}

// cfnEncodeJSON writes the template as JSON indented by two spaces, ending
// in a newline: encoding/json's output, then cfnEscapeNonPrinting.
func cfnEncodeJSON(t *cfnTemplate) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(t); err != nil {
		return nil, fmt.Errorf("encode CloudFormation JSON: %w", err)
	}
	return cfnEscapeNonPrinting(b.Bytes()), nil
}

// cfnEscapeNonPrinting rewrites as \u escapes the characters encoding/json
// leaves raw but YAML readers refuse (cfn-lint reads JSON templates with its
// YAML reader): DEL, the C1 controls, the BOM and the other non-printing
// characters of the Basic Multilingual Plane. They can only stand inside
// strings, where the escape means the same character. Beyond the BMP YAML
// takes any character raw but no surrogate-pair escape, so those stay.
func cfnEscapeNonPrinting(b []byte) []byte {
	if !bytes.ContainsFunc(b, jsonNeedsEscape) {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for len(b) > 0 {
		i := bytes.IndexFunc(b, jsonNeedsEscape)
		if i < 0 {
			return append(out, b...)
		}
		r, size := utf8.DecodeRune(b[i:])
		out = fmt.Appendf(append(out, b[:i]...), `\u%04x`, r)
		b = b[i+size:]
	}
	return out
}

// jsonNeedsEscape reports whether a YAML reader refuses r raw in a JSON
// template (a line break outside strings is fine).
func jsonNeedsEscape(r rune) bool {
	return r != '\n' && r <= 0xffff && (!unicode.IsPrint(r) || r == '\ufeff')
}

// cfnEncodeYAML writes the template as block YAML indented by two spaces,
// with header as a comment above the first key.
func cfnEncodeYAML(t *cfnTemplate, header []string) ([]byte, error) {
	js, err := cfnMarshalJSON(t)
	if err != nil {
		return nil, fmt.Errorf("encode CloudFormation YAML: %w", err)
	}
	// Escaped first, as in the JSON template: yaml/v3 reads no raw control
	// character, and reads a raw U+0085 as a line break.
	var doc yaml.Node
	if err := yaml.Unmarshal(cfnEscapeNonPrinting(js), &doc); err != nil {
		return nil, fmt.Errorf("encode CloudFormation YAML: %w", err)
	}
	cfnRestyle(&doc)
	var lines []string
	for _, line := range header {
		if line == "" {
			lines = append(lines, "#")
			continue
		}
		lines = append(lines, "# "+yamlCommentSafe(line))
	}
	// On the first key rather than the document, which yaml/v3 would
	// follow with an empty line.
	if root := doc.Content[0]; len(root.Content) > 0 {
		root.Content[0].HeadComment = strings.Join(lines, "\n")
	}
	var b bytes.Buffer
	b.Grow(len(js))
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("encode CloudFormation YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode CloudFormation YAML: %w", err)
	}
	return b.Bytes(), nil
}

// cfnRestyle turns the flow style of JSON into block style, and writes each
// string plain when yamlPlainSafe allows it, double-quoted otherwise.
// Numbers, booleans and null stay plain.
func cfnRestyle(n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!str" && yamlPlainSafe(n.Value) {
			n.Style = 0
		} else if n.Tag == "!!str" {
			n.Style = yaml.DoubleQuotedStyle
		} else {
			n.Style = 0
		}
	default:
		n.Style = 0
	}
	for _, c := range n.Content {
		cfnRestyle(c)
	}
}

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
