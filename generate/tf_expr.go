package generate

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/hashicorp/hcl/v2"
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
func tfString(s string) hclwrite.Tokens {
	if !tfPlainString(s) {
		return hclwrite.TokensForValue(cty.StringVal(s))
	}
	toks := hclwrite.Tokens{tok(hclsyntax.TokenOQuote, `"`)}
	if s != "" {
		toks = append(toks, tok(hclsyntax.TokenQuotedLit, s))
	}
	return append(toks, tok(hclsyntax.TokenCQuote, `"`))
}

// tfPlainString reports whether s is printable ASCII with nothing HCL
// escapes in a quoted string.
func tfPlainString(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '"', c == '\\', c == '$', c == '%':
			return false
		}
	}
	return true
}

// tfNumber is n as an HCL number literal.
func tfNumber(n int) hclwrite.Tokens {
	return hclwrite.Tokens{tok(hclsyntax.TokenNumberLit, strconv.Itoa(n))}
}

// tfBool is b as true or false.
func tfBool(b bool) hclwrite.Tokens {
	return hclwrite.Tokens{tok(hclsyntax.TokenIdent, strconv.FormatBool(b))}
}

// tfRef is a reference such as aws_kms_key.secret.arn. The path is written
// by this package, never taken from a design.
func tfRef(path string) hclwrite.Tokens {
	var toks hclwrite.Tokens
	for i, name := range strings.Split(path, ".") {
		if i > 0 {
			toks = append(toks, tok(hclsyntax.TokenDot, "."))
		}
		toks = append(toks, tok(hclsyntax.TokenIdent, name))
	}
	return toks
}

// tfIndexRef is a reference followed by a string index, such as
// stack.outputs["RotationLambdaARN"].
func tfIndexRef(path, key string) hclwrite.Tokens {
	tr := append(tfTraversal(path), hcl.TraverseIndex{Key: cty.StringVal(key)})
	return hclwrite.TokensForTraversal(tr)
}

func tfTraversal(path string) hcl.Traversal {
	parts := strings.Split(path, ".")
	tr := hcl.Traversal{hcl.TraverseRoot{Name: parts[0]}}
	for _, p := range parts[1:] {
		tr = append(tr, hcl.TraverseAttr{Name: p})
	}
	return tr
}

// tok is one token with no spacing; tfLayout spaces and indents them.
// Punctuation shares its bytes, which nothing ever changes, to save an
// allocation per token: a large policy has thousands of them.
func tok(t hclsyntax.TokenType, b string) *hclwrite.Token {
	if p, ok := tfPunct[b]; ok {
		return &hclwrite.Token{Type: t, Bytes: p}
	}
	return &hclwrite.Token{Type: t, Bytes: []byte(b)}
}

var tfPunct = map[string][]byte{}

func init() {
	for _, p := range []string{"[", "]", "{", "}", "(", ")", ",", "=", ".", "\n", `"`, "${"} {
		tfPunct[p] = []byte(p)
	}
}

// The constructors below build their tokens directly rather than through
// hclwrite.TokensForTuple, TokensForObject and TokensForFunctionCall, which
// re-run hclwrite's formatter over the whole nested expression at every
// level; tfLayout spaces the finished file once.

// tfList is a tuple of the given elements on one line.
func tfList(elems ...hclwrite.Tokens) hclwrite.Tokens {
	toks := hclwrite.Tokens{tok(hclsyntax.TokenOBrack, "[")}
	for i, e := range elems {
		if i > 0 {
			toks = append(toks, tok(hclsyntax.TokenComma, ","))
		}
		toks = append(toks, e...)
	}
	return append(toks, tok(hclsyntax.TokenCBrack, "]"))
}

// tfLines is a tuple with one element per line, each followed by a comma,
// which is how people write lists of objects and long lists.
func tfLines(elems ...hclwrite.Tokens) hclwrite.Tokens {
	toks := hclwrite.Tokens{tok(hclsyntax.TokenOBrack, "["), tok(hclsyntax.TokenNewline, "\n")}
	for _, e := range elems {
		toks = append(toks, e...)
		toks = append(toks, tok(hclsyntax.TokenComma, ","), tok(hclsyntax.TokenNewline, "\n"))
	}
	return append(toks, tok(hclsyntax.TokenCBrack, "]"))
}

// tfStrings is a tuple of string literals: on one line when short, one per
// line from three values on.
func tfStrings(ss []string) hclwrite.Tokens {
	elems := make([]hclwrite.Tokens, len(ss))
	for i, s := range ss {
		elems[i] = tfString(s)
	}
	if len(ss) >= 3 {
		return tfLines(elems...)
	}
	return tfList(elems...)
}

// tfStringOrList follows IAM's habit: one value is a bare string, several
// are a list. jsonencode keeps the shape.
func tfStringOrList(ss []string) hclwrite.Tokens {
	if len(ss) == 1 {
		return tfString(ss[0])
	}
	return tfStrings(ss)
}

// tfCall is a function call.
func tfCall(name string, args ...hclwrite.Tokens) hclwrite.Tokens {
	toks := hclwrite.Tokens{tok(hclsyntax.TokenIdent, name), tok(hclsyntax.TokenOParen, "(")}
	for i, a := range args {
		if i > 0 {
			toks = append(toks, tok(hclsyntax.TokenComma, ","))
		}
		toks = append(toks, a...)
	}
	return append(toks, tok(hclsyntax.TokenCParen, ")"))
}

// tfKV is one attribute of an object constructor, in the order written.
type tfKV struct {
	key   string
	value hclwrite.Tokens
}

// tfObject is an object constructor with one attribute per line, keys in
// the given order.
func tfObject(kvs ...tfKV) hclwrite.Tokens {
	if len(kvs) == 0 {
		return hclwrite.Tokens{tok(hclsyntax.TokenOBrace, "{"), tok(hclsyntax.TokenCBrace, "}")}
	}
	n := 3
	for _, kv := range kvs {
		n += len(kv.value) + 4
	}
	toks := make(hclwrite.Tokens, 0, n)
	toks = append(toks, tok(hclsyntax.TokenOBrace, "{"), tok(hclsyntax.TokenNewline, "\n"))
	for _, kv := range kvs {
		toks = append(toks, tfKey(kv.key)...)
		toks = append(toks, tok(hclsyntax.TokenEqual, "="))
		toks = append(toks, kv.value...)
		toks = append(toks, tok(hclsyntax.TokenNewline, "\n"))
	}
	return append(toks, tok(hclsyntax.TokenCBrace, "}"))
}

// hclKeywords are names that HCL does not read as a literal key in an object
// constructor: null, true and false are values, and a leading for starts a
// for expression. They are quoted like any other awkward key.
var hclKeywords = map[string]bool{"null": true, "true": true, "false": true, "for": true, "in": true, "if": true}

// tfKey is an object key: a bare name when it is a plain ASCII identifier,
// otherwise a quoted string. hclwrite.TokensForValue writes any valid
// identifier bare, including null (which HCL then reads as a null key) and
// non-ASCII names, so keys get their own rule.
func tfKey(k string) hclwrite.Tokens {
	if isPlainIdent(k) && !hclKeywords[k] {
		return hclwrite.Tokens{tok(hclsyntax.TokenIdent, k)}
	}
	return tfString(k)
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
func tfTemplate(parts ...tfTemplatePart) hclwrite.Tokens {
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenOQuote, Bytes: []byte{'"'}}}
	for _, p := range parts {
		if p.ref != "" {
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenTemplateInterp, Bytes: []byte("${")})
			toks = append(toks, tfRef(p.ref)...)
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenTemplateSeqEnd, Bytes: []byte("}")})
			continue
		}
		// The middle token of an encoded string literal is its escaped
		// text; an empty literal has none.
		lit := tfString(p.lit)
		toks = append(toks, lit[1:len(lit)-1]...)
	}
	return append(toks, &hclwrite.Token{Type: hclsyntax.TokenCQuote, Bytes: []byte{'"'}})
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
func tfComment(text string) hclwrite.Tokens {
	line := "#"
	if text != "" {
		line += " " + text
	}
	return hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte(line + "\n")}}
}

// tfDirective is a scanner directive comment such as #checkov:skip=ID:why,
// written without the space scanners do not expect.
func tfDirective(text string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte("#" + text + "\n")}}
}
