package generate

import (
	"strings"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// This file holds the small expression vocabulary the Terraform writer
// builds attribute values from, as hclwrite tokens. Every user string goes
// through tfString (or tfKey), which is hclwrite's own encoder: quotes,
// backslashes, newlines and the template introducers ${ and %{ are escaped
// there, so a string can never become an expression. References are only
// ever built from names this package spells itself. Spacing and alignment
// are left to the one hclwrite.Format each file gets (tfFormat), as
// Terraform's own configuration generator does.

// tfString is s as a quoted HCL string literal, encoded by hclwrite.
func tfString(s string) hclwrite.Tokens { return hclwrite.TokensForValue(cty.StringVal(s)) }

// tfRef is a reference such as aws_kms_key.secret.arn. The path is written
// by this package, never taken from a design.
func tfRef(path string) hclwrite.Tokens { return hclwrite.TokensForTraversal(tfTraversal(path)) }

func tfTraversal(path string) hcl.Traversal {
	names := strings.Split(path, ".")
	tr := hcl.Traversal{hcl.TraverseRoot{Name: names[0]}}
	for _, n := range names[1:] {
		tr = append(tr, hcl.TraverseAttr{Name: n})
	}
	return tr
}

// tfIndexRef is a reference followed by a string index, such as
// stack.outputs["RotationLambdaARN"].
func tfIndexRef(path, key string) hclwrite.Tokens {
	return hclwrite.TokensForTraversal(append(tfTraversal(path), hcl.TraverseIndex{Key: cty.StringVal(key)}))
}

func tfTok(t hclsyntax.TokenType, s string) *hclwrite.Token {
	return &hclwrite.Token{Type: t, Bytes: []byte(s)}
}

// The constructors below build their tokens directly rather than through
// hclwrite.TokensForTuple, TokensForObject and TokensForFunctionCall, which
// format the whole nested expression again at every level: on a large
// policy that was most of the render. The tokens are the same; tfFormat
// spaces the finished file once.

// tfList is a tuple of the given elements on one line.
func tfList(elems ...hclwrite.Tokens) hclwrite.Tokens {
	return tfSeparated(tfTok(hclsyntax.TokenOBrack, "["), elems, tfTok(hclsyntax.TokenCBrack, "]"))
}

// tfSeparated is open, the elements separated by commas, and close.
func tfSeparated(open *hclwrite.Token, elems []hclwrite.Tokens, close *hclwrite.Token) hclwrite.Tokens {
	toks := hclwrite.Tokens{open}
	for i, e := range elems {
		if i > 0 {
			toks = append(toks, tfTok(hclsyntax.TokenComma, ","))
		}
		toks = append(toks, e...)
	}
	return append(toks, close)
}

// tfLines is a tuple with one element per line, each followed by a comma,
// which is how people write lists of objects and long lists.
func tfLines(elems ...hclwrite.Tokens) hclwrite.Tokens {
	toks := hclwrite.Tokens{tfTok(hclsyntax.TokenOBrack, "["), tfTok(hclsyntax.TokenNewline, "\n")}
	for _, e := range elems {
		toks = append(toks, e...)
		toks = append(toks, tfTok(hclsyntax.TokenComma, ","), tfTok(hclsyntax.TokenNewline, "\n"))
	}
	return append(toks, tfTok(hclsyntax.TokenCBrack, "]"))
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
	call := tfSeparated(tfTok(hclsyntax.TokenOParen, "("), args, tfTok(hclsyntax.TokenCParen, ")"))
	return append(hclwrite.Tokens{tfTok(hclsyntax.TokenIdent, name)}, call...)
}

// tfKV is one attribute of an object constructor, in the order written.
type tfKV struct {
	key   string
	value hclwrite.Tokens
}

// tfObject is an object constructor with one attribute per line, keys in
// the given order and written by tfKey.
func tfObject(kvs ...tfKV) hclwrite.Tokens {
	toks := hclwrite.Tokens{tfTok(hclsyntax.TokenOBrace, "{")}
	if len(kvs) > 0 {
		toks = append(toks, tfTok(hclsyntax.TokenNewline, "\n"))
	}
	for _, kv := range kvs {
		toks = append(toks, tfKey(kv.key)...)
		toks = append(toks, tfTok(hclsyntax.TokenEqual, "="))
		toks = append(toks, kv.value...)
		toks = append(toks, tfTok(hclsyntax.TokenNewline, "\n"))
	}
	return append(toks, tfTok(hclsyntax.TokenCBrace, "}"))
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
		return hclwrite.TokensForIdentifier(k)
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
	toks := hclwrite.Tokens{tfTok(hclsyntax.TokenOQuote, `"`)}
	for _, p := range parts {
		if p.ref != "" {
			toks = append(toks, tfTok(hclsyntax.TokenTemplateInterp, "${"))
			toks = append(toks, tfRef(p.ref)...)
			toks = append(toks, tfTok(hclsyntax.TokenTemplateSeqEnd, "}"))
			continue
		}
		// Between the quotes of an encoded literal is its escaped text.
		lit := tfString(p.lit)
		toks = append(toks, lit[1:len(lit)-1]...)
	}
	return append(toks, tfTok(hclsyntax.TokenCQuote, `"`))
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
	if text == "" {
		return hclwrite.Tokens{tfTok(hclsyntax.TokenComment, "#\n")}
	}
	return hclwrite.Tokens{tfTok(hclsyntax.TokenComment, "# "+text+"\n")}
}

// tfDirective is a scanner directive comment such as #checkov:skip=ID:why,
// written without the space scanners do not expect.
func tfDirective(text string) hclwrite.Tokens {
	return hclwrite.Tokens{tfTok(hclsyntax.TokenComment, "#"+text+"\n")}
}
