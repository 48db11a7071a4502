package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
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

// MarshalJSON writes the keys in order.
func (m cfnMap) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, it := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := cfnMarshalJSON(it.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := cfnMarshalJSON(it.Value)
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", it.Key, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalYAML hands goccy an ordered MapSlice.
func (m cfnMap) MarshalYAML() (any, error) {
	ms := make(yaml.MapSlice, len(m))
	for i, it := range m {
		ms[i] = yaml.MapItem{Key: it.Key, Value: it.Value}
	}
	return ms, nil
}

// cfnMarshalJSON is json.Marshal without HTML escaping: policies hold < and &
// in conditions and ARNs, and the template should show them as written.
// (The outer encoder's SetEscapeHTML does not reach inside MarshalJSON.)
func cfnMarshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
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

type cfnJoin struct {
	Join [2]any `json:"Fn::Join"`
}

func cfnRefTo(id string) cfnRef             { return cfnRef{id} }
func cfnGetAttOf(id, attr string) cfnGetAtt { return cfnGetAtt{[2]string{id, attr}} }
func cfnSubOf(s string) cfnSub              { return cfnSub{s} }

// cfnEncodeJSON writes the template as indented JSON.
func cfnEncodeJSON(t *cfnTemplate) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(t); err != nil {
		return nil, fmt.Errorf("encode CloudFormation JSON: %w", err)
	}
	return jsonEscapeNonPrinting(b.Bytes()), nil
}

// jsonEscapeNonPrinting rewrites characters encoding/json leaves raw but
// YAML readers refuse (cfn-lint reads JSON templates with its YAML reader):
// DEL, the C1 controls, the BOM and other non-printing characters of the
// Basic Multilingual Plane become \u escapes. Beyond it YAML takes any
// character raw but no surrogate-pair escape, so those stay as they are.
// They can only occur inside strings, since the JSON around them is ASCII,
// and the line breaks of the indentation are kept.
func jsonEscapeNonPrinting(b []byte) []byte {
	clean := true
	for _, r := range string(b) {
		if jsonNeedsEscape(r) {
			clean = false
			break
		}
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for _, r := range string(b) {
		if jsonNeedsEscape(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

func jsonNeedsEscape(r rune) bool {
	return r != '\n' && r <= 0xffff && (!unicode.IsPrint(r) || r == '\ufeff')
}

// cfnEncodeYAML writes the template as block YAML with header as a comment
// above the first key.
//
// goccy/go-yaml builds the syntax tree, but its own choice of scalar style is
// not safe for arbitrary text: it leaves tabs and line breaks in plain or
// block scalars, even in mapping keys, where they break the document. So
// every string in the tree is restyled here: plain when it is plainly a
// string to every YAML 1.1 and 1.2 reader, double-quoted with escapes
// otherwise. Nothing a user types can then end a scalar early, start a tag
// (!Ref), an anchor, a comment or a new document.
func cfnEncodeYAML(t *cfnTemplate, header []string) ([]byte, error) {
	node, err := yaml.ValueToNode(t, yaml.Indent(2), yaml.IndentSequence(true))
	if err != nil {
		return nil, fmt.Errorf("encode CloudFormation YAML: %w", err)
	}
	// Keys are restyled when their mapping entry is visited, which Walk
	// does before it reaches the key node itself.
	var styleErr error
	keys := make(map[*ast.StringNode]bool)
	ast.Walk(yamlVisitorFunc(func(n ast.Node) {
		if styleErr != nil {
			return
		}
		switch n := n.(type) {
		case *ast.MappingValueNode:
			if k, ok := n.Key.(*ast.StringNode); ok && !keys[k] {
				keys[k] = true
				styleErr = yamlRestyle(k, true)
			}
		case *ast.StringNode:
			if !keys[n] {
				styleErr = yamlRestyle(n, false)
			}
		}
	}), node)
	if styleErr != nil {
		return nil, styleErr
	}
	root, ok := node.(*ast.MappingNode)
	if !ok || len(root.Values) == 0 {
		return nil, fmt.Errorf("encode CloudFormation YAML: template is not a mapping")
	}
	if len(header) > 0 {
		toks := make([]*token.Token, len(header))
		for i, line := range header {
			text := " " + yamlCommentSafe(line)
			if line == "" {
				text = ""
			}
			toks[i] = token.New(text, text, nil)
		}
		if err := root.Values[0].SetComment(ast.CommentGroup(toks)); err != nil {
			return nil, fmt.Errorf("encode CloudFormation YAML header: %w", err)
		}
	}
	return []byte(node.String() + "\n"), nil
}

type yamlVisitorFunc func(ast.Node)

func (f yamlVisitorFunc) Visit(n ast.Node) ast.Visitor {
	f(n)
	return f
}

// maxYAMLKey keeps mapping keys under the 1024-character limit YAML sets on
// implicit keys (PyYAML and SnakeYAML enforce it), with room for quotes and
// escapes.
const maxYAMLKey = 1000

// yamlRestyle sets the scalar style of one string node. goccy has already
// encoded the value, quoting it with strconv.Quote when it judged that
// necessary; that is undone first to recover the string.
func yamlRestyle(n *ast.StringNode, key bool) error {
	s := n.Value
	if strings.HasPrefix(s, `"`) {
		u, err := strconv.Unquote(s)
		if err != nil {
			return fmt.Errorf("encode CloudFormation YAML: cannot read back scalar %s: %w", s, err)
		}
		s = u
	}
	out := s
	if !yamlPlainSafe(s) {
		out = yamlQuote(s)
	}
	if key && len(out) > maxYAMLKey {
		return fmt.Errorf("encode CloudFormation YAML: mapping key %.40q... is %d characters; YAML keys must stay under 1024", s, len(out))
	}
	n.Value = out
	n.Token.Type = token.StringType
	n.Token.Value = out
	n.Token.Origin = out
	return nil
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
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return false
	}
	return true
}

// yamlQuote writes s as a YAML double-quoted scalar. It escapes only with
// sequences that YAML and JSON share (\" \\ \n \r \t \uXXXX), plus \UXXXXXXXX
// for the few non-printing characters beyond the BMP. Printable Unicode is
// kept as is. Each byte of invalid UTF-8 becomes U+FFFD, as encoding/json
// does, so the YAML and JSON templates hold the same strings.
func yamlQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == ' ' || (unicode.IsPrint(r) && r != '\ufeff'):
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
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
