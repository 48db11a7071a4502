package scan

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Pos is a place in a file: 1-based line and column.
type Pos struct {
	File string
	Line int
	Col  int
}

// String renders FILE:LINE:COL, or FILE alone when the line is not known.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// kind is what a value holds. Templates are read into one small tree of
// values whatever the language, so the code that turns resources into
// designs is written once for CloudFormation and Terraform.
type kind uint8

const (
	kNull kind = iota
	kStr
	kNum
	kBool
	kMap
	kSeq
	// kUnknown is a value that cannot be known before deployment; s says why.
	kUnknown
	// kRef names a resource of the same template or configuration: s is
	// its logical id or address, attr the attribute (empty for Ref).
	kRef
	// kNoValue is AWS::NoValue: the property is left out.
	kNoValue
)

// value is one node of a template, with where it was written.
type value struct {
	k     kind
	s     string
	attr  string
	keys  []string
	kpos  []Pos
	vals  []*value
	items []*value
	pos   Pos
	// raw is the text of a Terraform string that holds references (a
	// jsonencode of a policy, say): unknown as a whole, but readable as a
	// document whose parts are references.
	raw string
}

func (v *value) get(key string) *value {
	if v == nil || v.k != kMap {
		return nil
	}
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

// keyPos is where key is written in the map v, or v's own position.
func (v *value) keyPos(key string) Pos {
	if v != nil && v.k == kMap {
		for i, k := range v.keys {
			if k == key {
				return v.kpos[i]
			}
		}
	}
	if v == nil {
		return Pos{}
	}
	return v.pos
}

func (v *value) set(key string, x *value, at Pos) {
	for i, k := range v.keys {
		if k == key {
			v.vals[i] = x
			return
		}
	}
	v.keys = append(v.keys, key)
	v.kpos = append(v.kpos, at)
	v.vals = append(v.vals, x)
}

func unknownAt(pos Pos, format string, args ...any) *value {
	return &value{k: kUnknown, s: fmt.Sprintf(format, args...), pos: pos}
}

func strAt(pos Pos, s string) *value { return &value{k: kStr, s: s, pos: pos} }

// equal reports whether two resolved values are the same, ignoring positions.
func equal(a, b *value) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.k != b.k || a.s != b.s || a.attr != b.attr || len(a.keys) != len(b.keys) || len(a.items) != len(b.items) {
		return false
	}
	for i := range a.keys {
		if a.keys[i] != b.keys[i] || !equal(a.vals[i], b.vals[i]) {
			return false
		}
	}
	for i := range a.items {
		if !equal(a.items[i], b.items[i]) {
			return false
		}
	}
	return true
}

// Limits on what the readers accept, so that no file, however hostile, can
// make them slow or exhaust memory.
const (
	// MaxFileSize is the largest template read, in bytes (8 MiB; CloudFormation
	// itself accepts at most 1 MB through S3).
	MaxFileSize = 8 << 20
	// maxDepth is the deepest nesting of maps and lists followed.
	maxDepth = 128
)

// SyntaxError is a file that cannot be read, with where.
type SyntaxError struct {
	Pos Pos
	Msg string
}

func (e *SyntaxError) Error() string { return e.Pos.String() + ": " + e.Msg }

// checkText rejects input that is not a text file of sensible size.
func checkText(file string, data []byte) error {
	if len(data) > MaxFileSize {
		return &SyntaxError{Pos{file, 1, 1}, fmt.Sprintf("the file is %d bytes; templates may be at most %d", len(data), MaxFileSize)}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		l, c := offsetPos(data, i)
		return &SyntaxError{Pos{file, l, c}, "the file contains a NUL byte, so it is binary (or UTF-16), not a template"}
	}
	if !utf8.Valid(data) {
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				l, c := offsetPos(data, i)
				return &SyntaxError{Pos{file, l, c}, "the file is not valid UTF-8"}
			}
			i += n
		}
	}
	// Flow collections nest without indentation, so a short file can be
	// deep; the YAML parser recurses per level.
	depth := 0
	for i, c := range data {
		switch c {
		case '[', '{':
			depth++
			if depth > maxDepth {
				l, col := offsetPos(data, i)
				return &SyntaxError{Pos{file, l, col}, fmt.Sprintf("the file nests more than %d levels deep", maxDepth)}
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

func offsetPos(data []byte, off int) (line, col int) {
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}

// parseYAML reads YAML or JSON (JSON is read as YAML, which gives its
// positions too) into a value tree. CloudFormation's short-form tags become
// their long form: !Ref X is {Ref: X}, !GetAtt A.B is {Fn::GetAtt: [A, B]},
// !Sub s is {Fn::Sub: s}, and so on.
func parseYAML(file string, data []byte) (v *value, err error) {
	if err := checkText(file, data); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, &SyntaxError{Pos{file, 1, 1}, fmt.Sprintf("the YAML reader failed on this file (%v)", r)}
		}
	}()
	f, perr := parser.ParseBytes(data, 0)
	if perr != nil {
		return nil, yamlError(file, perr)
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			return nil, &SyntaxError{nodePos(file, doc.Body), "the file holds more than one YAML document; a template is one document"}
		}
		body = doc.Body
	}
	if body == nil {
		return nil, &SyntaxError{Pos{file, 1, 1}, "the file is empty"}
	}
	c := &converter{file: file}
	v = c.node(body, 0)
	if c.err != nil {
		return nil, c.err
	}
	return v, nil
}

func yamlError(file string, err error) error {
	var te interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if e, ok := err.(interface {
		GetToken() *token.Token
		GetMessage() string
	}); ok {
		te = e
	}
	if te != nil && te.GetToken() != nil && te.GetToken().Position != nil {
		p := te.GetToken().Position
		return &SyntaxError{Pos{file, p.Line, p.Column}, "not valid YAML or JSON: " + te.GetMessage()}
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return &SyntaxError{Pos{file, 1, 1}, "not valid YAML or JSON: " + msg}
}

func nodePos(file string, n ast.Node) Pos {
	if n == nil {
		return Pos{File: file}
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		return nodePos(file, m.Values[0].Key)
	}
	if mv, ok := n.(*ast.MappingValueNode); ok {
		return nodePos(file, mv.Key)
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return Pos{File: file}
	}
	return Pos{file, tk.Position.Line, tk.Position.Column}
}

type converter struct {
	file string
	err  error
}

// shortTags maps each CloudFormation short-form tag to its long form.
var shortTags = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition",
	"!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!If": "Fn::If", "!Join": "Fn::Join",
	"!Select": "Fn::Select", "!FindInMap": "Fn::FindInMap", "!Equals": "Fn::Equals",
	"!Not": "Fn::Not", "!And": "Fn::And", "!Or": "Fn::Or", "!Base64": "Fn::Base64",
	"!Split": "Fn::Split", "!ImportValue": "Fn::ImportValue", "!GetAZs": "Fn::GetAZs",
	"!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform", "!Length": "Fn::Length",
	"!ToJsonString": "Fn::ToJsonString", "!ForEach": "Fn::ForEach",
}

func (c *converter) fail(n ast.Node, format string, args ...any) *value {
	if c.err == nil {
		c.err = &SyntaxError{nodePos(c.file, n), fmt.Sprintf(format, args...)}
	}
	return &value{k: kNull, pos: nodePos(c.file, n)}
}

func (c *converter) node(n ast.Node, depth int) *value {
	if depth > maxDepth {
		return c.fail(n, "the file nests more than %d levels deep", maxDepth)
	}
	pos := nodePos(c.file, n)
	switch n := n.(type) {
	case nil:
		return &value{k: kNull}
	case *ast.NullNode:
		return &value{k: kNull, pos: pos}
	case *ast.StringNode:
		return &value{k: kStr, s: n.Value, pos: pos}
	case *ast.LiteralNode:
		if n.Value == nil {
			return &value{k: kStr, pos: pos}
		}
		return &value{k: kStr, s: n.Value.Value, pos: pos}
	case *ast.IntegerNode:
		return &value{k: kNum, s: n.Token.Value, pos: pos}
	case *ast.FloatNode:
		return &value{k: kNum, s: n.Token.Value, pos: pos}
	case *ast.InfinityNode, *ast.NanNode:
		return &value{k: kStr, s: n.GetToken().Value, pos: pos}
	case *ast.BoolNode:
		return &value{k: kBool, s: strconv.FormatBool(n.Value), pos: pos}
	case *ast.AnchorNode:
		return c.node(n.Value, depth+1)
	case *ast.AliasNode:
		// Aliases could expand exponentially; templates do not need them.
		return c.fail(n, "YAML aliases (*name) are not supported in templates; CloudFormation rejects them too")
	case *ast.TagNode:
		tag := n.Start.Value
		long, ok := shortTags[tag]
		if !ok {
			// Standard YAML tags (!!str and the like) only type the value.
			if strings.HasPrefix(tag, "!!") {
				return c.node(n.Value, depth+1)
			}
			return c.fail(n, "unknown tag %s; CloudFormation's short forms are !Ref, !GetAtt, !Sub, !If and the other Fn:: names", tag)
		}
		inner := c.node(n.Value, depth+1)
		if long == "Fn::GetAtt" && inner.k == kStr {
			// !GetAtt Resource.Attribute; the attribute may hold dots.
			a, b, _ := strings.Cut(inner.s, ".")
			inner = &value{k: kSeq, items: []*value{strAt(inner.pos, a), strAt(inner.pos, b)}, pos: inner.pos}
		}
		return &value{k: kMap, keys: []string{long}, kpos: []Pos{pos}, vals: []*value{inner}, pos: pos}
	case *ast.MappingNode:
		v := &value{k: kMap, pos: pos}
		for _, mv := range n.Values {
			c.pair(v, mv, depth)
		}
		return v
	case *ast.MappingValueNode:
		v := &value{k: kMap, pos: pos}
		c.pair(v, n, depth)
		return v
	case *ast.SequenceNode:
		v := &value{k: kSeq, pos: pos}
		for _, it := range n.Values {
			v.items = append(v.items, c.node(it, depth+1))
		}
		return v
	case *ast.MergeKeyNode:
		return c.fail(n, "YAML merge keys (<<) are not supported in templates")
	}
	return c.fail(n, "unexpected YAML node %s", n.Type())
}

func (c *converter) pair(m *value, mv *ast.MappingValueNode, depth int) {
	if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
		c.fail(mv.Key, "YAML merge keys (<<) are not supported in templates")
		return
	}
	key := scalarText(mv.Key)
	kp := nodePos(c.file, mv.Key)
	m.keys = append(m.keys, key)
	m.kpos = append(m.kpos, kp)
	m.vals = append(m.vals, c.node(mv.Value, depth+1))
}

func scalarText(n ast.Node) string {
	switch n := n.(type) {
	case *ast.StringNode:
		return n.Value
	case *ast.MappingKeyNode:
		return scalarText(n.Value)
	case *ast.TagNode:
		return scalarText(n.Value)
	case nil:
		return ""
	}
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return n.String()
}
