package designfile

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Limits on what Decode accepts. A real design file is a few kilobytes with a
// few hundred tokens and six levels of nesting; the limits are far above
// that but low enough that the YAML parser, whose cost grows faster than
// linearly with the number of keys in a mapping, always answers quickly.
const (
	// MaxFileSize is the largest design file, in bytes (1 MiB).
	MaxFileSize = 1 << 20
	// MaxTokens is the most YAML tokens (keys, values, punctuation) a file may hold.
	MaxTokens = 20000
	// MaxDepth is the deepest nesting of mappings and lists allowed.
	MaxDepth = 64
)

// decoder collects diagnostics and positions while one file is decoded.
type decoder struct {
	file  string
	src   *Source
	diags Diagnostics
	// typos are the paths that unknown keys were probably meant to be; Decode
	// does not repeat Validate's "missing" message for them.
	typos []string
	// versionSeen is set when the file has a version key, right or wrong.
	versionSeen bool
	// otherVersion is set when that version is one this secretsmith does
	// not read: what the file's keys mean is then not known here.
	otherVersion bool
	// tooLong are the numbers too long to read, told their field's range
	// once the whole design is decoded: a password length's depends on
	// keys that may come after it.
	tooLong []tooLong
}

// tooLong is a whole number too long for an int32, as written at node
// n of path, and the largest or smallest int32 it stands for.
type tooLong struct {
	n    ast.Node
	path string
	text string
	max  int
}

// maxDiagnostics caps the diagnostics of one file: a file with thousands of
// problems is not a design file, and listing them all helps nobody.
const maxDiagnostics = 100

func (d *decoder) errorAt(line, col int, path, format string, args ...any) {
	switch {
	case len(d.diags) > maxDiagnostics:
		return
	case len(d.diags) == maxDiagnostics:
		path, format, args = "", "too many problems; fix the ones above first", nil
	}
	d.diags = append(d.diags, Diagnostic{
		File: d.file, Line: line, Col: col, Path: path,
		Severity: blueprint.SeverityError, Message: fmt.Sprintf(format, args...),
	})
}

func (d *decoder) errorf(n ast.Node, path, format string, args ...any) {
	line, col := nodePos(n)
	d.errorAt(line, col, path, format, args...)
}

func (d *decoder) parse(data []byte) *blueprint.Design {
	tokens, ok := d.prescan(data)
	if !ok {
		return nil
	}
	file, err := safeParse(tokens)
	if err != nil {
		d.syntaxError(err)
		return nil
	}
	var body ast.Node
	for _, doc := range file.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			line, col := nodePos(doc.Body)
			if doc.Start != nil {
				line, col = tokenPos(doc.Start)
			}
			d.errorAt(line, col, "", "the file holds more than one YAML document; a design file is one document, so remove the second ---")
			return nil
		}
		body = doc.Body
	}
	if body == nil {
		d.errorAt(1, 1, "version", "is missing because the file is empty; a design file starts with version: %d", blueprint.CurrentVersion)
		return nil
	}
	design := &blueprint.Design{}
	if _, ok := mapEntries(body); !ok {
		d.errorf(body, "", "a design file must be a mapping of keys such as version and secret, not %s", describeWhole(body))
		return design
	}
	decodeFields(d, body, "", designFields, design)
	for _, t := range d.tooLong {
		d.rangeError(design, t)
	}
	if !d.versionSeen {
		d.errorAt(1, 1, "version", "is missing; add version: %d as the first line", blueprint.CurrentVersion)
	}
	return design
}

// prescan rejects, before any tree is built, everything that could make the
// YAML parser slow or that a design file never needs: oversized or binary
// input, anchors and aliases (so there is nothing to expand), tags,
// directives, merge keys and explicit keys, and deep nesting.
func (d *decoder) prescan(data []byte) (token.Tokens, bool) {
	if len(data) > MaxFileSize {
		d.errorAt(1, 1, "", "the file is %d bytes; a design file may be at most %d bytes (1 MiB)", len(data), MaxFileSize)
		return nil, false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := offsetPos(data, i)
		d.errorAt(line, col, "", "the file contains a NUL byte, so it is binary (or UTF-16); a design file must be UTF-8 text")
		return nil, false
	}
	if i := invalidUTF8(data); i >= 0 {
		line, col := offsetPos(data, i)
		d.errorAt(line, col, "", "the file is not valid UTF-8 (byte 0x%02x); save it as UTF-8 text", data[i])
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	// The lexer allocates a few hundred bytes per token, so a megabyte of
	// "[]" would cost hundreds of megabytes before MaxTokens is checked.
	// Every token but a plain scalar starts with punctuation or a line
	// break, so counting those first bounds the work.
	if n := countMarks(data); n > maxMarks {
		d.errorAt(1, 1, "", "the file has %d YAML punctuation marks and line breaks; a design file may have at most %d", n, maxMarks)
		return nil, false
	}
	tokens, err := safeTokenize(data)
	if err != nil {
		d.errorAt(1, 1, "", "invalid YAML: %s", yamlMessage(err.Error()))
		return nil, false
	}
	if tk := tokens.InvalidToken(); tk != nil {
		line, col := tokenPos(tk)
		d.errorAt(line, col, "", "invalid YAML: %s", yamlMessage(tk.Error))
		return nil, false
	}
	if len(tokens) > MaxTokens {
		d.errorAt(1, 1, "", "the file has %d YAML tokens; a design file may have at most %d", len(tokens), MaxTokens)
		return nil, false
	}
	ok := true
	for _, tk := range tokens {
		var msg string
		switch tk.Type {
		case token.AnchorType:
			msg = "YAML anchors (&name) are not allowed; write each value out where it is used"
		case token.AliasType:
			msg = `YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`
		case token.TagType:
			msg = fmt.Sprintf("YAML tags such as %q are not allowed; quote the value if it is meant as text", tk.Value)
			if what := blueprint.SecretMaterial(tk.Value); what != "" {
				msg = "YAML tags (!name) are not allowed, and this one is " + notShown(tk.Value, what) + "; quote the value if it is meant as text"
			}
		case token.DirectiveType:
			msg = "YAML directives (%YAML, %TAG) are not allowed; remove the line"
		case token.MergeKeyType:
			msg = "YAML merge keys (<<) are not allowed; write each key out in full"
		case token.MappingKeyType:
			msg = `explicit keys ("? ") are not allowed; write key: value`
		default:
			continue
		}
		line, col := tokenPos(tk)
		d.errorAt(line, col, "", "%s", msg)
		ok = false
	}
	for _, tk := range splitFlowKeys(tokens) {
		line, col := tokenPos(tk)
		d.errorAt(line, col, "", "inside { } a key with a colon must be quoted, such as \"aws:SecureTransport\": true; this YAML reader would split it at the colon")
		ok = false
	}
	if tk := tooDeep(tokens); tk != nil {
		line, col := tokenPos(tk)
		d.errorAt(line, col, "", "nesting is deeper than %d levels; a design file needs fewer than ten", MaxDepth)
		ok = false
	}
	return tokens, ok
}

// maxMarks bounds countMarks: two per token is far more than any real
// design file has.
const maxMarks = 2 * MaxTokens

// countMarks counts the bytes that can start or separate YAML tokens.
func countMarks(data []byte) int {
	n := 0
	for _, c := range data {
		switch c {
		case '\n', '[', ']', '{', '}', ',', ':', '-', '?', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
			n++
		}
	}
	return n
}

// tooDeep returns the token at which nesting first goes past MaxDepth, or
// nil. Flow collections count their brackets; block collections are tracked
// by the columns of their "- " entries and keys, the way indentation nests.
func tooDeep(tokens token.Tokens) *token.Token {
	type level struct {
		col int
		seq bool
	}
	var stack []level
	flow := 0
	for i, tk := range tokens {
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			flow++
			if flow+len(stack) > MaxDepth {
				return tk
			}
			continue
		case token.SequenceEndType, token.MappingEndType:
			if flow > 0 {
				flow--
			}
			continue
		}
		if flow > 0 {
			continue
		}
		var at *token.Token
		seq := false
		switch {
		case tk.Type == token.SequenceEntryType:
			at, seq = tk, true
		case tk.Type == token.MappingValueType && i > 0:
			at = tokens[i-1]
		default:
			continue
		}
		if at.Position == nil {
			continue
		}
		col := at.Position.Column
		for len(stack) > 0 && stack[len(stack)-1].col > col {
			stack = stack[:len(stack)-1]
		}
		if n := len(stack); n > 0 && stack[n-1].col == col {
			top := stack[n-1]
			switch {
			case top.seq == seq:
				stack = stack[:n-1] // a sibling
			case top.seq && !seq:
				// A key at the column of a list ends the list; the
				// key is then a sibling of the key that held it.
				stack = stack[:n-1]
				if m := len(stack); m > 0 && stack[m-1].col == col && !stack[m-1].seq {
					stack = stack[:m-1]
				}
			}
			// A list at its parent key's column is nested in it.
		}
		stack = append(stack, level{col, seq})
		if flow+len(stack) > MaxDepth {
			return tk
		}
	}
	return nil
}

// splitFlowKeys finds plain keys such as aws:SecureTransport written inside
// a flow mapping ({aws:SecureTransport: true}). YAML reads such a key whole,
// but goccy/go-yaml splits it at the first colon into key "aws" and value
// "SecureTransport: true", which would silently change the condition. The
// tell is a ":" with a plain word right before it and no space after it.
func splitFlowKeys(tokens token.Tokens) []*token.Token {
	var out []*token.Token
	var open []token.Type
	for i, tk := range tokens {
		switch tk.Type {
		case token.MappingStartType, token.SequenceStartType:
			open = append(open, tk.Type)
			continue
		case token.MappingEndType, token.SequenceEndType:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			continue
		}
		if len(open) == 0 || open[len(open)-1] != token.MappingStartType ||
			tk.Type != token.MappingValueType || i == 0 || i+1 >= len(tokens) {
			continue
		}
		prev, next := tokens[i-1], tokens[i+1]
		if prev.Type != token.StringType || prev.Position == nil || next.Position == nil || tk.Position == nil {
			continue
		}
		if next.Position.Line == tk.Position.Line && next.Position.Column == tk.Position.Column+1 {
			out = append(out, prev)
		}
	}
	return out
}

// safeTokenize runs the YAML lexer, turning a panic inside it into an error.
func safeTokenize(data []byte) (tokens token.Tokens, err error) {
	defer func() {
		if r := recover(); r != nil {
			tokens, err = nil, fmt.Errorf("the YAML reader failed on this file (%v)", r)
		}
	}()
	return lexer.Tokenize(string(data)), nil
}

// safeParse runs the YAML parser, turning a panic inside it into an error so
// that no file, however odd, can crash the program.
func safeParse(tokens token.Tokens) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("the YAML reader failed on this file (%v)", r)
		}
	}()
	return parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
}

// syntaxError reports a parser error at the token it names.
func (d *decoder) syntaxError(err error) {
	var te interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if errors.As(err, &te) {
		line, col := tokenPos(te.GetToken())
		d.errorAt(line, col, "", "invalid YAML: %s", yamlMessage(te.GetMessage()))
		return
	}
	d.errorAt(1, 1, "", "invalid YAML: %s", yamlMessage(err.Error()))
}

// yamlMessage is the YAML reader's message as it may be printed: it can
// quote a character of the file as it is, such as the tab that starts a
// line ("found character '\t' that cannot start any token"), which went
// to the terminal raw. That one is said in words; any other character a
// terminal would act on is escaped.
func yamlMessage(msg string) string {
	if strings.Contains(msg, "found character '\t'") {
		return "a tab stands where YAML takes only spaces, such as in the indentation: replace it with spaces"
	}
	return blueprint.SafeLine(lowerFirst(msg))
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	// Keep acronyms such as "UTF" as they are.
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// offsetPos turns a byte offset into a 1-based line and column (in runes).
func offsetPos(data []byte, off int) (line, col int) {
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8,
// or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// tokenValue is a scalar's text as written.
func tokenValue(n ast.Node) string {
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

func tokenPos(tk *token.Token) (line, col int) {
	if tk == nil || tk.Position == nil {
		return 1, 1
	}
	return max(tk.Position.Line, 1), max(tk.Position.Column, 1)
}

// nodePos is where a node starts in the file. A block mapping starts at its
// first key: the parser's own token for it is the first ":".
func nodePos(n ast.Node) (line, col int) {
	switch v := n.(type) {
	case nil:
		return 1, 1
	case *ast.MappingNode:
		if !v.IsFlowStyle && len(v.Values) > 0 {
			return nodePos(v.Values[0])
		}
	case *ast.MappingValueNode:
		if v.Key != nil {
			return tokenPos(v.Key.GetToken())
		}
	}
	return tokenPos(n.GetToken())
}

// describe names a node's kind for "must be X, not Y" messages.
func describe(n ast.Node) string {
	switch v := n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case nil, *ast.NullNode:
		return "null"
	case *ast.StringNode:
		if what := blueprint.SecretMaterial(v.Value); what != "" {
			return notShown(v.Value, what)
		}
		if isQuoted(v) {
			return "the text " + shortQuote(v.Value)
		}
		return shortQuote(v.Value)
	case *ast.LiteralNode:
		return "a block of text"
	case *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return tokenValue(v)
	}
	return "an unsupported YAML value"
}

// describeWhole names the kind of a file's whole body when it is not a
// mapping. Its text is never quoted: a file that is not a design file,
// such as a .env file or a key file given by mistake, may be secret
// material from end to end, and not all of that has a shape
// blueprint.SecretMaterial knows.
func describeWhole(n ast.Node) string {
	switch v := n.(type) {
	case *ast.StringNode:
		return fmt.Sprintf("text of %d characters (not shown: a file that is not a design file may hold secrets)", utf8.RuneCountInString(v.Value))
	case *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a single value (not shown)"
	}
	return describe(n)
}

// notShown is what a message says instead of quoting the text s, which
// looks like secret material (what).
func notShown(s, what string) string {
	return fmt.Sprintf("text of %d characters (not shown: it looks like %s)", utf8.RuneCountInString(s), what)
}

// maxKeyName is the longest key quoted in a message: AWS's limit on a tag
// key, the longest key a design file holds.
const maxKeyName = 128

// showKey returns how a message names the key of the file: in the path
// and quoted, or "(not shown)" and words saying why. A key is repeated
// only when it could be a key name (letters, digits, spaces and the
// marks AWS allows in tag keys, _ . : / = + - @) and does not look like
// secret material: a line of another kind of file read as YAML, such as
// a shadow line with its password hash, is not.
func showKey(key string) (pathKey, quoted string) {
	if what := blueprint.SecretMaterial(key); what != "" {
		return "(not shown)", "(not shown: it looks like " + what + ")"
	}
	if !keyName(key) {
		return "(not shown)", fmt.Sprintf("(not shown: its %d characters are not a key name; a file that is not a design file may hold secrets)",
			utf8.RuneCountInString(key))
	}
	return shortKey(key), shortQuote(key)
}

// keyName reports whether key could be the name of a key of a design
// file, a tag key or a condition key.
func keyName(key string) bool {
	if key == "" || utf8.RuneCountInString(key) > maxKeyName {
		return false
	}
	for _, r := range key {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" _.:/=+-@", r) {
			return false
		}
	}
	return true
}

// shortKey cuts a key that is too long to be any known key down to size for
// the path of a diagnostic.
func shortKey(key string) string {
	const limit = 64
	if len(key) <= limit {
		return key
	}
	return strings.ToValidUTF8(key[:limit], "") + "..."
}

func shortQuote(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit]) + "..."
	}
	return strconv.Quote(s)
}

func isQuoted(n *ast.StringNode) bool {
	tk := n.GetToken()
	return tk != nil && (tk.Type == token.SingleQuoteType || tk.Type == token.DoubleQuoteType)
}

func mapEntries(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch v := n.(type) {
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	}
	return nil, false
}

func isScalar(n ast.Node) bool {
	switch n.(type) {
	case *ast.StringNode, *ast.LiteralNode, *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode,
		*ast.InfinityNode, *ast.NanNode, *ast.NullNode:
		return true
	}
	return false
}

func isNull(n ast.Node) bool {
	_, ok := n.(*ast.NullNode)
	return n == nil || ok
}

// record remembers where path is: at its value for a scalar, at its key (or
// list entry) for a collection, whose own position is on a later line.
func (d *decoder) record(path string, key, value ast.Node) {
	at := value
	if key != nil && (isNull(value) || !isScalar(value)) {
		at = key
	}
	line, col := nodePos(at)
	d.src.set(path, line, col)
}

// childPath joins a key to a path; keys holding dots or brackets are quoted
// the way blueprint.KeyPath does it, so problems and positions agree.
func childPath(base, key string) string {
	if base == "" {
		p := blueprint.KeyPath("", key)
		if strings.HasPrefix(p, ".") {
			return p[1:]
		}
		return p
	}
	return blueprint.KeyPath(base, key)
}

// entries calls fn for every key of the mapping n, in order, after checking
// that n is a mapping (want says of what) and that each key is text and not
// a repeat. fn checks the value with present.
func (d *decoder) entries(n ast.Node, path, want string, fn func(key string, keyNode, value ast.Node, keyPath string)) {
	values, ok := mapEntries(n)
	if !ok {
		d.errorf(n, path, "must be %s, not %s", want, describe(n))
		return
	}
	seen := make(map[string]int, len(values))
	for _, mv := range values {
		if mv == nil || mv.Key == nil {
			continue
		}
		key, ok := keyText(mv.Key)
		if !ok {
			d.errorf(mv.Key, path, "keys must be text, not %s", describe(mv.Key))
			continue
		}
		kp := childPath(path, key)
		if line, dup := seen[key]; dup {
			pathKey, quoted := showKey(key)
			d.errorf(mv.Key, childPath(path, pathKey), "duplicate key %s; it is already set on line %d", quoted, line)
			continue
		}
		line, _ := nodePos(mv.Key)
		seen[key] = line
		d.record(kp, mv.Key, mv.Value)
		// A key such as a tag key that looks like secret material is
		// left out of the paths of the messages about its value.
		if blueprint.SecretMaterial(key) != "" {
			kp, _ = showKey(key)
			kp = childPath(path, kp)
		}
		fn(key, mv.Key, mv.Value, kp)
	}
}

// present reports whether a mapping value is there, and reports a null one.
func (d *decoder) present(keyNode, value ast.Node, path string) bool {
	if isNull(value) {
		d.errorf(keyNode, path, "has no value; give one or remove the key")
		return false
	}
	return true
}

func keyText(k ast.MapKeyNode) (string, bool) {
	switch v := k.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode, *ast.NullNode:
		if v.GetToken() != nil {
			return tokenValue(v), true
		}
	}
	return "", false
}

// list calls fn for each item of the list n, after checking each is not null.
func (d *decoder) list(n ast.Node, path string, fn func(item ast.Node, itemPath string)) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		hint := ""
		if _, isMap := mapEntries(n); isMap {
			hint = `; start each item with "- "`
		}
		d.errorf(n, path, "must be a list, not %s%s", describe(n), hint)
		return
	}
	for i, item := range seq.Values {
		ip := blueprint.IndexPath(path, i)
		if isNull(item) {
			at := ast.Node(seq)
			if item != nil {
				at = item
			}
			d.errorf(at, ip, "is an empty list item; give a value or remove the line")
			continue
		}
		d.record(ip, nil, item)
		fn(item, ip)
	}
}

// text decodes a string. Quoted strings are taken exactly as written, and
// so are plain numbers and booleans (a condition value of true, a tag value
// of 2024), because that is what the reader of the file sees.
func (d *decoder) text(n ast.Node, path string) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value != nil {
			return v.Value.Value, true
		}
		return "", true
	case *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return tokenValue(v), true
	}
	d.errorf(n, path, "must be text, not %s", describe(n))
	return "", false
}

// texts decodes a string or a list of strings.
func (d *decoder) texts(n ast.Node, path string) []string {
	if _, ok := n.(*ast.SequenceNode); !ok {
		if !isScalar(n) {
			d.errorf(n, path, "must be text or a list of text, not %s", describe(n))
			return nil
		}
		s, ok := d.text(n, path)
		if !ok {
			return nil
		}
		return []string{s}
	}
	var out []string
	d.list(n, path, func(item ast.Node, ip string) {
		if s, ok := d.text(item, ip); ok {
			out = append(out, s)
		}
	})
	return out
}

var decimal = regexp.MustCompile(`^[-+]?[0-9]+$`)

// integer decodes a whole number written in decimal. Digits are read from
// the text as written, so 030 is thirty, not YAML 1.1 octal.
func (d *decoder) integer(n ast.Node, path string) (int, bool) {
	var text string
	switch v := n.(type) {
	case *ast.IntegerNode:
		text = tokenValue(v)
		if !decimal.MatchString(text) {
			d.errorf(n, path, "must be a whole number written in decimal digits, not %s", text)
			return 0, false
		}
	case *ast.StringNode:
		if !decimal.MatchString(v.Value) {
			d.errorf(n, path, "must be a whole number, not %s", describe(n))
			return 0, false
		}
		if isQuoted(v) {
			d.errorf(n, path, "must be a number, not the text %s; remove the quotes", shortQuote(v.Value))
			return 0, false
		}
		text = v.Value // too long for the YAML library's integers
	default:
		d.errorf(n, path, "must be a whole number, not %s", describe(n))
		return 0, false
	}
	i, err := strconv.ParseInt(text, 10, 32)
	if err != nil {
		// ParseInt gives the largest or smallest int32: past every range.
		d.tooLong = append(d.tooLong, tooLong{n, path, text, int(i)})
		return 0, false
	}
	return int(i), true
}

// unsupportedVersion says that the version written as text at n is not
// the one this secretsmith reads.
func (d *decoder) unsupportedVersion(n ast.Node, path, text string) {
	d.errorf(n, path, "unsupported version %s; this secretsmith reads version %d only", text, blueprint.CurrentVersion)
	d.otherVersion = true
}

// rangeError says the range of the field a number too long to read was
// written for, in the words one in reach but out of range gets.
func (d *decoder) rangeError(design *blueprint.Design, t tooLong) {
	if t.path == "version" {
		d.unsupportedVersion(t.n, t.path, t.text)
		return
	}
	if err := blueprint.ValidateNumber(design, t.path, t.max); err != nil {
		d.errorf(t.n, t.path, "%s", err)
		return
	}
	d.errorf(t.n, t.path, "must be a whole number from %d to %d, not %s", -1<<31, 1<<31-1, t.text)
}

// boolean decodes true or false. YAML 1.1 spelled booleans yes/no/on/off,
// and YAML 1.2 (which secretsmith reads) treats those as text, so a file
// saying "rotateImmediately: yes" gets an explanation instead of a surprise.
func (d *decoder) boolean(n ast.Node, path string) (bool, bool) {
	switch v := n.(type) {
	case *ast.BoolNode:
		return v.Value, true
	case *ast.StringNode:
		lower := strings.ToLower(v.Value)
		switch {
		case isQuoted(v) && (lower == "true" || lower == "false"):
			d.errorf(n, path, "must be true or false without quotes, not the text %s", shortQuote(v.Value))
			return false, false
		case !isQuoted(v) && (lower == "yes" || lower == "no" || lower == "on" || lower == "off" || lower == "y" || lower == "n"):
			d.errorf(n, path, "must be true or false, not %s (YAML 1.1 words such as yes, no, on and off are not booleans here)", v.Value)
			return false, false
		}
	}
	d.errorf(n, path, "must be true or false, not %s", describe(n))
	return false, false
}

// schema is a mapping the loader knows: its keys and, for keys that hold
// mappings of their own, the schema of those. docs/design-file.md is checked
// against it, so it is the one list of keys.
type schema interface {
	keyNames() []string
	// sub returns the schema under key, and whether key holds a list of them.
	sub(key string) (s schema, list bool)
}

// field is one key of a mapping that decodes into a T.
type field[T any] struct {
	key string
	// inner is the schema of the mapping the key holds, if any; list says
	// the key holds a list of such mappings.
	inner schema
	list  bool
	set   func(d *decoder, n ast.Node, path string, t *T)
}

// fields is the schema of a mapping that decodes into a T.
type fields[T any] []field[T]

func (fs fields[T]) keyNames() []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.key
	}
	return out
}

func (fs fields[T]) sub(key string) (schema, bool) {
	for _, f := range fs {
		if f.key == key {
			return f.inner, f.list
		}
	}
	return nil, false
}

// decodeFields decodes the mapping n into t, reporting unknown keys with
// the nearest known one.
func decodeFields[T any](d *decoder, n ast.Node, path string, fs fields[T], t *T) {
	d.entries(n, path, "a mapping", func(key string, keyNode, value ast.Node, kp string) {
		for _, f := range fs {
			if f.key == key {
				if d.present(keyNode, value, kp) {
					f.set(d, value, kp, t)
				}
				return
			}
		}
		// A key that may be secret material (a line of a credentials
		// file read as YAML) is not repeated: not in the message, not in
		// the path.
		shownKey, quoted := showKey(key)
		kp = childPath(path, shownKey)
		if s := blueprint.Suggest(key, fs.keyNames()); s != "" {
			d.errorf(keyNode, kp, "unknown key %s; did you mean %q?", quoted, s)
			d.typos = append(d.typos, childPath(path, s))
			return
		}
		d.errorf(keyNode, kp, "unknown key %s; allowed keys here are %s", quoted, strings.Join(fs.keyNames(), ", "))
	})
}

// Helpers that build the set functions of the tables below.

func textField[T any](key string, get func(*T) *string) field[T] {
	return field[T]{key: key, set: func(d *decoder, n ast.Node, path string, t *T) {
		if s, ok := d.text(n, path); ok {
			*get(t) = s
		}
	}}
}

func textsField[T any](key string, get func(*T) *[]string) field[T] {
	return field[T]{key: key, set: func(d *decoder, n ast.Node, path string, t *T) {
		*get(t) = d.texts(n, path)
	}}
}

func intPtrField[T any](key string, get func(*T) **int) field[T] {
	return field[T]{key: key, set: func(d *decoder, n ast.Node, path string, t *T) {
		if v, ok := d.integer(n, path); ok {
			*get(t) = &v
		}
	}}
}

func boolPtrField[T any](key string, get func(*T) **bool) field[T] {
	return field[T]{key: key, set: func(d *decoder, n ast.Node, path string, t *T) {
		if v, ok := d.boolean(n, path); ok {
			*get(t) = &v
		}
	}}
}

func boolField[T any](key string, get func(*T) *bool) field[T] {
	return field[T]{key: key, set: func(d *decoder, n ast.Node, path string, t *T) {
		if v, ok := d.boolean(n, path); ok {
			*get(t) = v
		}
	}}
}

// structField decodes a mapping into the struct get returns (allocating it
// first when it is behind a pointer, which get does).
func structField[T, U any](key string, inner fields[U], get func(*T) *U) field[T] {
	return field[T]{key: key, inner: inner, set: func(d *decoder, n ast.Node, path string, t *T) {
		decodeFields(d, n, path, inner, get(t))
	}}
}

// listField decodes a list of mappings.
func listField[T, U any](key string, inner fields[U], get func(*T) *[]U) field[T] {
	return field[T]{key: key, inner: inner, list: true, set: func(d *decoder, n ast.Node, path string, t *T) {
		d.list(n, path, func(item ast.Node, ip string) {
			var u U
			decodeFields(d, item, ip, inner, &u)
			*get(t) = append(*get(t), u)
		})
	}}
}

// The key tables. Their order is the order Save writes and the docs list.

var designFields = fields[blueprint.Design]{
	{key: "version", set: func(d *decoder, n ast.Node, path string, t *blueprint.Design) {
		d.versionSeen = true
		v, ok := d.integer(n, path)
		if !ok {
			return
		}
		if v != blueprint.CurrentVersion {
			d.unsupportedVersion(n, path, strconv.Itoa(v))
			return
		}
		t.Version = v
	}},
	textField("name", func(t *blueprint.Design) *string { return &t.Name }),
	structField("secret", secretFields, func(t *blueprint.Design) *blueprint.Secret { return &t.Secret }),
	structField("resourcePolicy", policyFields, func(t *blueprint.Design) *blueprint.ResourcePolicy {
		t.ResourcePolicy = &blueprint.ResourcePolicy{}
		return t.ResourcePolicy
	}),
	structField("rotation", rotationFields, func(t *blueprint.Design) *blueprint.Rotation {
		t.Rotation = &blueprint.Rotation{}
		return t.Rotation
	}),
	structField("monitoring", monitoringFields, func(t *blueprint.Design) *blueprint.Monitoring { return &t.Monitoring }),
	listField("waivers", waiverFields, func(t *blueprint.Design) *[]blueprint.Waiver { return &t.Waivers }),
	structField("output", outputFields, func(t *blueprint.Design) *blueprint.Output {
		t.Output = &blueprint.Output{}
		return t.Output
	}),
}

var secretFields = fields[blueprint.Secret]{
	textField("secretId", func(t *blueprint.Secret) *string { return &t.SecretID }),
	textField("existingSecretArn", func(t *blueprint.Secret) *string { return &t.ExistingSecretARN }),
	textField("region", func(t *blueprint.Secret) *string { return &t.Region }),
	textField("description", func(t *blueprint.Secret) *string { return &t.Description }),
	textField("kmsKeyArn", func(t *blueprint.Secret) *string { return &t.KMSKeyARN }),
	intPtrField("recoveryWindowDays", func(t *blueprint.Secret) **int { return &t.RecoveryWindowDays }),
	structField("generateSecretString", generateFields, func(t *blueprint.Secret) *blueprint.GenerateSecretString {
		t.GenerateSecretString = &blueprint.GenerateSecretString{}
		return t.GenerateSecretString
	}),
	{key: "tags", set: func(d *decoder, n ast.Node, path string, t *blueprint.Secret) {
		d.entries(n, path, "a mapping of tag keys to values", func(key string, keyNode, value ast.Node, kp string) {
			if !d.present(keyNode, value, kp) {
				return
			}
			if v, ok := d.text(value, kp); ok {
				t.Tags = append(t.Tags, blueprint.Tag{Key: key, Value: v})
			}
		})
	}},
	listField("replicaRegions", replicaFields, func(t *blueprint.Secret) *[]blueprint.Replica { return &t.ReplicaRegions }),
	structField("database", databaseFields, func(t *blueprint.Secret) *blueprint.Database {
		t.Database = &blueprint.Database{}
		return t.Database
	}),
}

var databaseFields = fields[blueprint.Database]{
	textField("host", func(t *blueprint.Database) *string { return &t.Host }),
	{key: "port", set: func(d *decoder, n ast.Node, path string, t *blueprint.Database) {
		v, ok := d.integer(n, path)
		if !ok {
			return
		}
		if v == 0 {
			// The design uses 0 for "the engine's default", so 0 written
			// out has to be refused here or never.
			d.errorf(n, path, "%s", blueprint.ValidateDatabasePort(0))
			return
		}
		t.Port = v
	}},
	textField("dbname", func(t *blueprint.Database) *string { return &t.DBName }),
	textField("username", func(t *blueprint.Database) *string { return &t.Username }),
	textField("targetType", func(t *blueprint.Database) *string { return &t.TargetType }),
	textField("targetId", func(t *blueprint.Database) *string { return &t.TargetID }),
}

var generateFields = fields[blueprint.GenerateSecretString]{
	textField("secretStringTemplate", func(t *blueprint.GenerateSecretString) *string { return &t.SecretStringTemplate }),
	textField("generateStringKey", func(t *blueprint.GenerateSecretString) *string { return &t.GenerateStringKey }),
	intPtrField("passwordLength", func(t *blueprint.GenerateSecretString) **int { return &t.PasswordLength }),
	textField("excludeCharacters", func(t *blueprint.GenerateSecretString) *string { return &t.ExcludeCharacters }),
	boolPtrField("excludeLowercase", func(t *blueprint.GenerateSecretString) **bool { return &t.ExcludeLowercase }),
	boolPtrField("excludeUppercase", func(t *blueprint.GenerateSecretString) **bool { return &t.ExcludeUppercase }),
	boolPtrField("excludeNumbers", func(t *blueprint.GenerateSecretString) **bool { return &t.ExcludeNumbers }),
	boolPtrField("excludePunctuation", func(t *blueprint.GenerateSecretString) **bool { return &t.ExcludePunctuation }),
	boolPtrField("includeSpace", func(t *blueprint.GenerateSecretString) **bool { return &t.IncludeSpace }),
	boolPtrField("requireEachIncludedType", func(t *blueprint.GenerateSecretString) **bool { return &t.RequireEachIncludedType }),
}

var replicaFields = fields[blueprint.Replica]{
	textField("region", func(t *blueprint.Replica) *string { return &t.Region }),
	textField("kmsKeyArn", func(t *blueprint.Replica) *string { return &t.KMSKeyARN }),
}

var policyFields = fields[blueprint.ResourcePolicy]{
	boolPtrField("blockPublicPolicy", func(t *blueprint.ResourcePolicy) **bool { return &t.BlockPublicPolicy }),
	listField("statements", statementFields, func(t *blueprint.ResourcePolicy) *[]blueprint.Statement { return &t.Statements }),
}

var statementFields = fields[blueprint.Statement]{
	textField("sid", func(t *blueprint.Statement) *string { return &t.Sid }),
	textField("effect", func(t *blueprint.Statement) *string { return &t.Effect }),
	principalField("principal", func(t *blueprint.Statement) **blueprint.Principal { return &t.Principal }),
	principalField("notPrincipal", func(t *blueprint.Statement) **blueprint.Principal { return &t.NotPrincipal }),
	textsField("action", func(t *blueprint.Statement) *[]string { return &t.Action }),
	textsField("notAction", func(t *blueprint.Statement) *[]string { return &t.NotAction }),
	textsField("resource", func(t *blueprint.Statement) *[]string { return &t.Resource }),
	{key: "condition", set: func(d *decoder, n ast.Node, path string, t *blueprint.Statement) {
		d.entries(n, path, "a mapping of condition operators such as StringEquals", func(op string, opNode, keys ast.Node, opPath string) {
			if !d.present(opNode, keys, opPath) {
				return
			}
			d.entries(keys, opPath, "a mapping of condition keys to values", func(key string, keyNode, values ast.Node, kp string) {
				if !d.present(keyNode, values, kp) {
					return
				}
				t.Condition = append(t.Condition, blueprint.Condition{Operator: op, Key: key, Values: d.texts(values, kp)})
			})
		})
	}},
}

var principalFields = fields[blueprint.Principal]{
	textsField("AWS", func(t *blueprint.Principal) *[]string { return &t.AWS }),
	textsField("Service", func(t *blueprint.Principal) *[]string { return &t.Service }),
	textsField("Federated", func(t *blueprint.Principal) *[]string { return &t.Federated }),
}

// principalField decodes "*" or a mapping of principal types to values.
func principalField(key string, get func(*blueprint.Statement) **blueprint.Principal) field[blueprint.Statement] {
	return field[blueprint.Statement]{key: key, inner: principalFields, set: func(d *decoder, n ast.Node, path string, t *blueprint.Statement) {
		if _, ok := mapEntries(n); !ok {
			if s, isText := n.(*ast.StringNode); isText && s.Value == "*" {
				*get(t) = &blueprint.Principal{Wildcard: true}
				return
			}
			d.errorf(n, path, `must be "*" or a mapping with AWS, Service or Federated keys, not %s`, describe(n))
			return
		}
		p := &blueprint.Principal{}
		decodeFields(d, n, path, principalFields, p)
		*get(t) = p
	}}
}

var rotationFields = fields[blueprint.Rotation]{
	{key: "automaticallyAfterDays", set: func(d *decoder, n ast.Node, path string, t *blueprint.Rotation) {
		v, ok := d.integer(n, path)
		if !ok {
			return
		}
		if v == 0 {
			// The design uses 0 for "not set", so the rule about the
			// range has to be applied here or never.
			msg := "must be at least 1"
			if err := blueprint.ValidateAutomaticallyAfterDays(0); err != nil {
				msg = err.Error()
			}
			d.errorf(n, path, "%s", msg)
			return
		}
		t.AutomaticallyAfterDays = v
	}},
	textField("scheduleExpression", func(t *blueprint.Rotation) *string { return &t.ScheduleExpression }),
	textField("duration", func(t *blueprint.Rotation) *string { return &t.Duration }),
	boolPtrField("rotateImmediately", func(t *blueprint.Rotation) **bool { return &t.RotateImmediately }),
	structField("hostedRotationLambda", hostedFields, func(t *blueprint.Rotation) *blueprint.HostedRotationLambda {
		t.HostedRotationLambda = &blueprint.HostedRotationLambda{}
		return t.HostedRotationLambda
	}),
	textField("rotationLambdaArn", func(t *blueprint.Rotation) *string { return &t.RotationLambdaARN }),
	textField("rotationLambdaRoleArn", func(t *blueprint.Rotation) *string { return &t.RotationLambdaRoleARN }),
}

var hostedFields = fields[blueprint.HostedRotationLambda]{
	textField("rotationType", func(t *blueprint.HostedRotationLambda) *string { return &t.RotationType }),
	textField("rotationLambdaName", func(t *blueprint.HostedRotationLambda) *string { return &t.RotationLambdaName }),
	textField("kmsKeyArn", func(t *blueprint.HostedRotationLambda) *string { return &t.KMSKeyARN }),
	textField("masterSecretArn", func(t *blueprint.HostedRotationLambda) *string { return &t.MasterSecretARN }),
	textField("masterSecretKmsKeyArn", func(t *blueprint.HostedRotationLambda) *string { return &t.MasterSecretKMSKeyARN }),
	textsField("vpcSubnetIds", func(t *blueprint.HostedRotationLambda) *[]string { return &t.VPCSubnetIDs }),
	textsField("vpcSecurityGroupIds", func(t *blueprint.HostedRotationLambda) *[]string { return &t.VPCSecurityGroupIDs }),
	textField("excludeCharacters", func(t *blueprint.HostedRotationLambda) *string { return &t.ExcludeCharacters }),
	textField("vpcId", func(t *blueprint.HostedRotationLambda) *string { return &t.VPCID }),
	textField("vpcCidr", func(t *blueprint.HostedRotationLambda) *string { return &t.VPCCIDR }),
	textField("endpoint", func(t *blueprint.HostedRotationLambda) *string { return &t.Endpoint }),
}

var monitoringFields = fields[blueprint.Monitoring]{
	boolPtrField("rotationFailureAlert", func(t *blueprint.Monitoring) **bool { return &t.RotationFailureAlert }),
	textField("alertEmail", func(t *blueprint.Monitoring) *string { return &t.AlertEmail }),
	textField("alertTopicArn", func(t *blueprint.Monitoring) *string { return &t.AlertTopicARN }),
	boolPtrField("changeAlert", func(t *blueprint.Monitoring) **bool { return &t.ChangeAlert }),
	{key: "configRules", set: func(d *decoder, n ast.Node, path string, t *blueprint.Monitoring) {
		if v, ok := d.boolean(n, path); ok {
			t.ConfigRules = v
		}
	}},
}

var waiverFields = fields[blueprint.Waiver]{
	textField("rule", func(t *blueprint.Waiver) *string { return &t.Rule }),
	textField("reason", func(t *blueprint.Waiver) *string { return &t.Reason }),
}

var outputFields = fields[blueprint.Output]{
	textField("format", func(t *blueprint.Output) *string { return &t.Format }),
	textField("path", func(t *blueprint.Output) *string { return &t.Path }),
	boolField("readerPolicies", func(t *blueprint.Output) *bool { return &t.ReaderPolicies }),
}
