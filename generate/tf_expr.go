package generate

import (
	"encoding/binary"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// This file holds the small expression vocabulary the Terraform writer is
// built from. Every user string goes through tfString (or tfKey), which lets
// hclwrite's own encoder quote it: quotes, backslashes, newlines and the
// template introducers ${ and %{ are escaped there, so a string can never
// become an expression. References are only ever built from names this
// package spells itself.

// tfString is s as a quoted HCL string literal, encoded by hclwrite.
//
// A string of printable ASCII without ", \, $ or % reads back as itself, so
// its encoding is its own bytes (and NFC leaves ASCII alone); those strings,
// the ids, ARNs and actions that make up most of a design, skip the encoder
// for speed. TestTFStringFastPath holds the shortcut to the encoder's output.
func (a *tfToks) tfString(s string) tfTokens {
	return a.tfAppendString(a.make(3), s)
}

// tfAppendString appends tfString(s) to toks.
func (a *tfToks) tfAppendString(toks tfTokens, s string) tfTokens {
	if !tfPlainString(s) {
		return a.fromHCL(toks, hclwrite.TokensForValue(cty.StringVal(s)))
	}
	toks = append(toks, a.tok(hclsyntax.TokenOQuote, `"`))
	if s != "" {
		toks = append(toks, a.tok(hclsyntax.TokenQuotedLit, s))
	}
	return append(toks, a.tok(hclsyntax.TokenCQuote, `"`))
}

// tfPlainString reports whether s is printable ASCII with nothing HCL
// escapes in a quoted string.
func tfPlainString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !tfPlainByte[s[i]] {
			return false
		}
	}
	return true
}

// tfPlainByte tells the bytes tfPlainString allows: a table because every
// string of a design goes through it.
var tfPlainByte = func() (plain [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		plain[c] = true
	}
	for _, c := range `"\$%` {
		plain[c] = false
	}
	return plain
}()

// tfNumber is n as an HCL number literal.
func (a *tfToks) tfNumber(n int) tfTokens {
	return append(a.make(1), a.tok(hclsyntax.TokenNumberLit, strconv.Itoa(n)))
}

// tfBool is b as true or false.
func (a *tfToks) tfBool(b bool) tfTokens {
	return append(a.make(1), a.tok(hclsyntax.TokenIdent, strconv.FormatBool(b)))
}

// tfRef is a reference such as aws_kms_key.secret.arn. The path is written
// by this package, never taken from a design.
func (a *tfToks) tfRef(path string) tfTokens {
	return a.appendRef(a.make(2*strings.Count(path, ".")+1), path)
}

// appendRef appends tfRef(path) to toks.
func (a *tfToks) appendRef(toks tfTokens, path string) tfTokens {
	for {
		name, rest, more := strings.Cut(path, ".")
		toks = append(toks, a.tok(hclsyntax.TokenIdent, name))
		if !more {
			return toks
		}
		toks = append(toks, a.tok(hclsyntax.TokenDot, "."))
		path = rest
	}
}

// tfIndexRef is a reference followed by a string index, such as
// stack.outputs["RotationLambdaARN"]: the tokens hclwrite.TokensForTraversal
// writes for it, with the key encoded by tfString.
func (a *tfToks) tfIndexRef(path, key string) tfTokens {
	toks := a.appendRef(a.make(2*strings.Count(path, ".")+5), path)
	toks = append(toks, a.tok(hclsyntax.TokenOBrack, "["))
	toks = a.tfAppendString(toks, key)
	return append(toks, a.tok(hclsyntax.TokenCBrack, "]"))
}

// tfTok is one token of a configuration under construction: its hclsyntax
// type and its bytes, which live in the rendering's byte arena (tfToks.buf)
// and are named by offsets rather than by a []byte. With no pointer in it a
// token list is plain data: building a large policy copies thousands of
// tokens from list to list, and with pointers each copy was a GC write
// barrier (and each list memory the collector scanned), a sixth of the
// writer's time.
type tfTok struct {
	typ      hclsyntax.TokenType
	spaces   int32  // spaces before the token; tfLayout sets them
	off, end uint32 // the token's bytes are buf[off:end]
}

// tfTokens is a list of tokens, the writer's hclwrite.Tokens.
type tfTokens []tfTok

// tfToks hands out the tokens of one rendering, their bytes and the lists
// that hold them. A large policy has thousands of tokens, and one allocation
// each was most of the writer's time, so lists come from pooled blocks and
// bytes from one pooled arena, both reused by the next rendering once
// release is called: a wizard that renders on every keystroke makes little
// garbage. The zero value is ready to use. Nothing changes a token's bytes
// once it is made; tfLayout only sets its spacing.
type tfToks struct {
	buf   []byte // every token's bytes; starts with tfPunct
	lists []tfTok
	// checked is how much of buf allASCII has looked at, nonASCII whether
	// that part has a byte outside ASCII.
	checked  int
	nonASCII bool
	// The pooled memory in use, handed back by release.
	bufp       *[]byte
	listBlocks []*[tfListBlock]tfTok
}

// tfPunct is the start of every byte arena: the text of the one-byte
// punctuation tokens, so that a brace or a comma refers to these bytes
// rather than copying its own.
const tfPunct = "{}[](),=.\n\""

// tfPunctAt[c] is 1 + the offset of byte c in tfPunct, or 0 when tfPunct
// does not have it: a table because tok looks up every token.
var tfPunctAt = func() (at [256]uint8) {
	for i := range len(tfPunct) {
		at[tfPunct[i]] = uint8(i + 1)
	}
	return at
}()

// tfListBlock is the size of a pooled list block in tokens: half of one
// holds the policy of a large design (about 1,600 tokens for 20 statements),
// which policyObject builds in place.
const tfListBlock = 4096

var (
	tfBufPool  = sync.Pool{New: func() any { return new([]byte) }}
	tfListPool = sync.Pool{New: func() any { return new([tfListBlock]tfTok) }}
)

// release hands the arena and blocks back for reuse. Nothing may use a
// token or token list made by a afterwards: renderTerraform calls it once
// the files' bytes are written.
func (a *tfToks) release() {
	if a.bufp != nil {
		*a.bufp = a.buf[:0]
		tfBufPool.Put(a.bufp)
	}
	for _, b := range a.listBlocks {
		tfListPool.Put(b)
	}
	*a = tfToks{}
}

// tok is one token with no spacing; tfLayout spaces and indents them.
func (a *tfToks) tok(t hclsyntax.TokenType, s string) tfTok {
	if a.buf == nil {
		a.bufp = tfBufPool.Get().(*[]byte)
		a.buf = append((*a.bufp)[:0], tfPunct...)
	}
	if len(s) == 1 && tfPunctAt[s[0]] != 0 {
		i := uint32(tfPunctAt[s[0]] - 1)
		return tfTok{typ: t, off: i, end: i + 1}
	}
	off := len(a.buf)
	a.buf = append(a.buf, s...)
	return tfTok{typ: t, off: uint32(off), end: uint32(len(a.buf))}
}

// bytesOf is the token's text.
func (a *tfToks) bytesOf(t tfTok) []byte { return a.buf[t.off:t.end] }

// allASCII reports whether every token made so far is ASCII, which
// tfLayoutFast needs to measure widths in bytes. It looks at each byte of
// the arena once however many files are laid out. A non-ASCII token in one
// file sends the others through hclwrite.Format as well, which is exact for
// every input, only slower.
func (a *tfToks) allASCII() bool {
	b := a.buf[a.checked:]
	a.checked = len(a.buf)
	// Eight bytes at a time: a byte outside ASCII has its top bit set.
	for ; len(b) >= 8 && !a.nonASCII; b = b[8:] {
		a.nonASCII = binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0
	}
	for _, c := range b {
		a.nonASCII = a.nonASCII || c >= 0x80
	}
	return !a.nonASCII
}

// fromHCL appends hclwrite's tokens to toks, copying their bytes.
func (a *tfToks) fromHCL(toks tfTokens, h hclwrite.Tokens) tfTokens {
	for _, t := range h {
		toks = append(toks, a.tok(t.Type, string(t.Bytes)))
	}
	return toks
}

// make is an empty token list with room for n tokens. Appending more than
// n moves it to memory of its own, as append always does at capacity.
func (a *tfToks) make(n int) tfTokens {
	if n > cap(a.lists)-len(a.lists) {
		if n > tfListBlock/2 {
			return make(tfTokens, 0, n)
		}
		blk := tfListPool.Get().(*[tfListBlock]tfTok)
		a.listBlocks = append(a.listBlocks, blk)
		a.lists = blk[:0]
	}
	l := len(a.lists)
	a.lists = a.lists[:l+n]
	return a.lists[l : l : l+n]
}

// tokens is the length of the lists together.
func tokens(lists []tfTokens) int {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	return n
}

// The constructors below build their tokens directly rather than through
// hclwrite.TokensForTuple, TokensForObject and TokensForFunctionCall, which
// re-run hclwrite's formatter over the whole nested expression at every
// level; tfLayout spaces the finished file once.

// tfList is a tuple of the given elements on one line.
func (a *tfToks) tfList(elems ...tfTokens) tfTokens {
	toks := append(a.make(tokens(elems)+len(elems)+1), a.tok(hclsyntax.TokenOBrack, "["))
	for i, e := range elems {
		if i > 0 {
			toks = append(toks, a.tok(hclsyntax.TokenComma, ","))
		}
		toks = append(toks, e...)
	}
	return append(toks, a.tok(hclsyntax.TokenCBrack, "]"))
}

// tfLines is a tuple with one element per line, each followed by a comma,
// which is how people write lists of objects and long lists.
func (a *tfToks) tfLines(elems ...tfTokens) tfTokens {
	toks := append(a.make(tokens(elems)+2*len(elems)+3), a.tok(hclsyntax.TokenOBrack, "["), a.tok(hclsyntax.TokenNewline, "\n"))
	for _, e := range elems {
		toks = append(toks, e...)
		toks = append(toks, a.tok(hclsyntax.TokenComma, ","), a.tok(hclsyntax.TokenNewline, "\n"))
	}
	return append(toks, a.tok(hclsyntax.TokenCBrack, "]"))
}

// tfStrings is a tuple of string literals: on one line when short, one per
// line from three values on.
func (a *tfToks) tfStrings(ss []string) tfTokens {
	return a.tfAppendStrings(a.make(5*len(ss)+3), ss)
}

// tfAppendStrings appends tfStrings(ss) to toks.
func (a *tfToks) tfAppendStrings(toks tfTokens, ss []string) tfTokens {
	if len(ss) >= 3 {
		toks = a.tfOpenLines(toks)
		for _, s := range ss {
			toks = a.tfEndLine(a.tfAppendString(toks, s))
		}
		return a.tfCloseLines(toks)
	}
	toks = append(toks, a.tok(hclsyntax.TokenOBrack, "["))
	for i, s := range ss {
		if i > 0 {
			toks = append(toks, a.tok(hclsyntax.TokenComma, ","))
		}
		toks = a.tfAppendString(toks, s)
	}
	return append(toks, a.tok(hclsyntax.TokenCBrack, "]"))
}

// tfStringOrList follows IAM's habit: one value is a bare string, several
// are a list. jsonencode keeps the shape.
func (a *tfToks) tfStringOrList(ss []string) tfTokens {
	if len(ss) == 1 {
		return a.tfString(ss[0])
	}
	return a.tfStrings(ss)
}

// tfAppendStringOrList appends tfStringOrList(ss) to toks.
func (a *tfToks) tfAppendStringOrList(toks tfTokens, ss []string) tfTokens {
	if len(ss) == 1 {
		return a.tfAppendString(toks, ss[0])
	}
	return a.tfAppendStrings(toks, ss)
}

// The tfOpen*, tfClose* and tfEnd* forms build what tfObject and tfLines
// build, appending in place: tfOpenObject(n attributes), then each
// attribute as tfAppendKey, its value and tfEndAttr, then tfCloseObject;
// tfOpenLines, then each element followed by tfEndLine, then tfCloseLines.

func (a *tfToks) tfOpenObject(toks tfTokens, n int) tfTokens {
	toks = append(toks, a.tok(hclsyntax.TokenOBrace, "{"))
	if n > 0 {
		toks = append(toks, a.tok(hclsyntax.TokenNewline, "\n"))
	}
	return toks
}

func (a *tfToks) tfAppendKey(toks tfTokens, k string) tfTokens {
	return append(a.appendKey(toks, k), a.tok(hclsyntax.TokenEqual, "="))
}

func (a *tfToks) tfEndAttr(toks tfTokens) tfTokens {
	return append(toks, a.tok(hclsyntax.TokenNewline, "\n"))
}

func (a *tfToks) tfCloseObject(toks tfTokens) tfTokens {
	return append(toks, a.tok(hclsyntax.TokenCBrace, "}"))
}

func (a *tfToks) tfOpenLines(toks tfTokens) tfTokens {
	return append(toks, a.tok(hclsyntax.TokenOBrack, "["), a.tok(hclsyntax.TokenNewline, "\n"))
}

func (a *tfToks) tfEndLine(toks tfTokens) tfTokens {
	return append(toks, a.tok(hclsyntax.TokenComma, ","), a.tok(hclsyntax.TokenNewline, "\n"))
}

func (a *tfToks) tfCloseLines(toks tfTokens) tfTokens {
	return append(toks, a.tok(hclsyntax.TokenCBrack, "]"))
}

// tfCall is a function call.
func (a *tfToks) tfCall(name string, args ...tfTokens) tfTokens {
	toks := append(a.make(tokens(args)+len(args)+2), a.tok(hclsyntax.TokenIdent, name), a.tok(hclsyntax.TokenOParen, "("))
	for i, arg := range args {
		if i > 0 {
			toks = append(toks, a.tok(hclsyntax.TokenComma, ","))
		}
		toks = append(toks, arg...)
	}
	return append(toks, a.tok(hclsyntax.TokenCParen, ")"))
}

// tfKV is one attribute of an object constructor, in the order written.
type tfKV struct {
	key   string
	value tfTokens
}

// tfObject is an object constructor with one attribute per line, keys in
// the given order.
func (a *tfToks) tfObject(kvs ...tfKV) tfTokens {
	if len(kvs) == 0 {
		return append(a.make(2), a.tok(hclsyntax.TokenOBrace, "{"), a.tok(hclsyntax.TokenCBrace, "}"))
	}
	n := 3
	for _, kv := range kvs {
		n += len(kv.value) + 5
	}
	toks := a.make(n)
	toks = append(toks, a.tok(hclsyntax.TokenOBrace, "{"), a.tok(hclsyntax.TokenNewline, "\n"))
	for _, kv := range kvs {
		toks = a.appendKey(toks, kv.key)
		toks = append(toks, a.tok(hclsyntax.TokenEqual, "="))
		toks = append(toks, kv.value...)
		toks = append(toks, a.tok(hclsyntax.TokenNewline, "\n"))
	}
	return append(toks, a.tok(hclsyntax.TokenCBrace, "}"))
}

// hclKeywords are names that HCL does not read as a literal key in an object
// constructor: null, true and false are values, and a leading for starts a
// for expression. They are quoted like any other awkward key.
var hclKeywords = map[string]bool{"null": true, "true": true, "false": true, "for": true, "in": true, "if": true}

// tfKey is an object key: a bare name when it is a plain ASCII identifier,
// otherwise a quoted string. hclwrite.TokensForValue writes any valid
// identifier bare, including null (which HCL then reads as a null key) and
// non-ASCII names, so keys get their own rule.
func (a *tfToks) tfKey(k string) tfTokens { return a.appendKey(nil, k) }

// appendKey appends tfKey(k) to toks.
func (a *tfToks) appendKey(toks tfTokens, k string) tfTokens {
	if isPlainIdent(k) && !hclKeywords[k] {
		return append(toks, a.tok(hclsyntax.TokenIdent, k))
	}
	return append(toks, a.tfString(k)...)
}

func isPlainIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// tfTemplatePart is one piece of a string template: literal text, or a
// reference interpolated with ${...}.
type tfTemplatePart struct {
	lit string
	ref string
}

// tfTemplate is a quoted template such as "https://x.${data.a.b.c}". Literal
// parts are escaped by hclwrite's string encoder, so they stay literal.
func (a *tfToks) tfTemplate(parts ...tfTemplatePart) tfTokens {
	n := 2
	for _, p := range parts {
		n += 2*strings.Count(p.ref, ".") + 3
	}
	toks := append(a.make(n), a.tok(hclsyntax.TokenOQuote, `"`))
	for _, p := range parts {
		if p.ref != "" {
			toks = append(toks, a.tok(hclsyntax.TokenTemplateInterp, "${"))
			toks = a.appendRef(toks, p.ref)
			toks = append(toks, a.tok(hclsyntax.TokenTemplateSeqEnd, "}"))
			continue
		}
		// The middle token of an encoded string literal is its escaped
		// text; an empty literal has none.
		lit := a.tfString(p.lit)
		toks = append(toks, lit[1:len(lit)-1]...)
	}
	return append(toks, a.tok(hclsyntax.TokenCQuote, `"`))
}

func tfLit(s string) tfTemplatePart    { return tfTemplatePart{lit: s} }
func tfInterp(s string) tfTemplatePart { return tfTemplatePart{ref: s} }

// tfOneLine makes s safe to place in a # comment: anything that is not a
// printable character (newlines, carriage returns, U+2028, tabs, other
// control and format characters) becomes a space, runs of spaces collapse,
// and invalid UTF-8 becomes U+FFFD. A # comment ends only at a newline, so
// text without one cannot end the comment and start HCL of its own.
func tfOneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || !unicode.IsPrint(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// tfComment is a # comment line. text must already be one line (tfOneLine).
func (a *tfToks) tfComment(text string) tfTokens {
	if text == "" {
		return append(a.make(1), a.tok(hclsyntax.TokenComment, "#\n"))
	}
	return append(a.make(1), a.tok(hclsyntax.TokenComment, "# "+text+"\n"))
}

// tfDirective is a scanner directive comment such as #checkov:skip=ID:why,
// written without the space scanners do not expect.
func (a *tfToks) tfDirective(text string) tfTokens {
	return append(a.make(1), a.tok(hclsyntax.TokenComment, "#"+text+"\n"))
}
