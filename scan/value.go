package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	goccy "github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	yaml "go.yaml.in/yaml/v3"
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

// checkText rejects input that is not a text file of sensible size, or
// whose flow collections nest too deep for the YAML readers.
func checkText(file string, data []byte) error {
	if err := checkBytes(file, data); err != nil {
		return err
	}
	// Flow collections nest without indentation, so a short file can be
	// deep; the YAML parser recurses per level.
	return flowNesting(file, data)
}

// checkBytes is checkText without the depth of flow collections, for
// files that are not YAML or JSON: native Terraform, whose nesting
// hclNesting bounds by its own tokens, and files it reads as text.
func checkBytes(file string, data []byte) error {
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
//
// It uses yaml/v3's node tree rather than goccy/go-yaml's (which the design
// file loader uses for its comments and error messages): templates only
// need positions and tags, and yaml/v3 reads them four times faster with a
// quarter of the memory, which is what lets check keep pace with a
// directory of hundreds of templates.
func parseYAML(file string, data []byte) (v *value, err error) {
	v, _, err = parseTemplate(file, data)
	return v, err
}

// parseTemplate is parseYAML that also returns a notice per tag it does not
// know (a preprocessor's, such as !Rain::Module or !Include): the tagged
// value is read as one not known, and the rest of the file is read.
func parseTemplate(file string, data []byte) (*value, []Notice, error) {
	if err := checkText(file, data); err != nil {
		return nil, nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if v, ok := parseJSONFast(file, data); ok {
		return v, nil, nil
	}
	return parseYAMLOnly(file, data)
}

// parseYAMLOnly is parseYAML's YAML reader, for data checkText accepts.
func parseYAMLOnly(file string, data []byte) (v *value, notices []Notice, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, notices, err = nil, nil, &SyntaxError{Pos{file, 1, 1}, fmt.Sprintf("the YAML reader failed on this file (%v)", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil, &SyntaxError{Pos{file, 1, 1}, "the file is empty"}
		}
		return nil, nil, yamlError(file, data, err)
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		return nil, nil, &SyntaxError{Pos{file, second.Line, second.Column}, "the file holds more than one YAML document; a template is one document"}
	} else if err != io.EOF {
		return nil, nil, yamlError(file, data, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil, &SyntaxError{Pos{file, 1, 1}, "the file is empty"}
	}
	c := &converter{file: file}
	v = c.node(doc.Content[0], 0)
	if c.err != nil {
		return nil, nil, c.err
	}
	return v, c.notices, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError reports a file yaml/v3 cannot read. Its errors name a line
// only, so the file is read once more with goccy/go-yaml, whose errors point
// at the token; this only happens for broken files.
func yamlError(file string, data []byte, err error) error {
	if _, gerr := goccy.ParseBytes(data, 0); gerr != nil {
		var te interface {
			GetToken() *token.Token
			GetMessage() string
		}
		if errors.As(gerr, &te) && te.GetToken() != nil && te.GetToken().Position != nil {
			p := te.GetToken().Position
			return &SyntaxError{Pos{file, p.Line, p.Column}, "not valid YAML or JSON: " + te.GetMessage()}
		}
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &SyntaxError{Pos{file, line, 1}, "not valid YAML or JSON: " + m[2]}
	}
	return &SyntaxError{Pos{file, 1, 1}, "not valid YAML or JSON: " + strings.TrimPrefix(msg, "yaml: ")}
}

type converter struct {
	file    string
	err     error
	notices []Notice
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

func (c *converter) pos(n *yaml.Node) Pos { return Pos{c.file, n.Line, n.Column} }

func (c *converter) fail(n *yaml.Node, format string, args ...any) *value {
	if c.err == nil {
		c.err = &SyntaxError{c.pos(n), fmt.Sprintf(format, args...)}
	}
	return &value{k: kNull, pos: c.pos(n)}
}

func (c *converter) node(n *yaml.Node, depth int) *value {
	if depth > maxDepth {
		return c.fail(n, "the file nests more than %d levels deep", maxDepth)
	}
	pos := c.pos(n)
	if long, ok := shortTags[n.Tag]; ok {
		// Read the node as its untagged self, then wrap it.
		inner := *n
		inner.Tag = ""
		if inner.Kind == yaml.ScalarNode {
			inner.Tag = "!!str"
		}
		x := c.node(&inner, depth+1)
		if long == "Fn::GetAtt" && x.k == kStr {
			// !GetAtt Resource.Attribute; the attribute may hold dots.
			a, b, _ := strings.Cut(x.s, ".")
			x = &value{k: kSeq, items: []*value{strAt(x.pos, a), strAt(x.pos, b)}, pos: x.pos}
		}
		return &value{k: kMap, keys: []string{long}, kpos: []Pos{pos}, vals: []*value{x}, pos: pos}
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		// A preprocessor's tag (rain's !Rain::Module, !Include): what it
		// stands for is only known once the preprocessor has run. The
		// value is not known, and the rest of the file is still read.
		c.notices = append(c.notices, Notice{Pos: pos, Resource: n.Tag, Msg: "the tag " + n.Tag + " is not CloudFormation's; a preprocessor replaces it, so what it stands for is not read (check the template it writes)"})
		return unknownAt(pos, "the value is given by the tag %s, which a preprocessor replaces", n.Tag)
	}
	switch n.Kind {
	case yaml.AliasNode:
		// Aliases could expand exponentially; templates do not need them.
		return c.fail(n, "YAML aliases (*name) are not supported in templates; CloudFormation rejects them too")
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return &value{k: kNull, pos: pos}
		case "!!bool":
			return &value{k: kBool, s: strings.ToLower(n.Value), pos: pos}
		case "!!int", "!!float":
			return &value{k: kNum, s: n.Value, pos: pos}
		}
		return &value{k: kStr, s: n.Value, pos: pos}
	case yaml.MappingNode:
		// The slices are made to size: growing them by appending was a
		// tenth of check's time over a directory of templates.
		m := len(n.Content) / 2
		v := &value{k: kMap, pos: pos, keys: make([]string, 0, m), kpos: make([]Pos, 0, m), vals: make([]*value, 0, m)}
		if len(n.Content) > 0 {
			v.pos = c.pos(n.Content[0])
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Tag == "!!merge" || (k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style == 0) {
				return c.fail(k, "YAML merge keys (<<) are not supported in templates")
			}
			if k.Kind != yaml.ScalarNode {
				return c.fail(k, "a mapping key must be a plain value")
			}
			v.keys = append(v.keys, k.Value)
			v.kpos = append(v.kpos, c.pos(k))
			v.vals = append(v.vals, c.node(n.Content[i+1], depth+1))
		}
		return v
	case yaml.SequenceNode:
		v := &value{k: kSeq, pos: pos, items: make([]*value, 0, len(n.Content))}
		for _, it := range n.Content {
			v.items = append(v.items, c.node(it, depth+1))
		}
		return v
	}
	return c.fail(n, "unexpected YAML node")
}
