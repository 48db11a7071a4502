package generate

import (
	"bytes"
	"sync"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// tfLayout writes a token stream in the layout terraform fmt gives it:
// two-space indentation per open bracket line, single spaces between tokens
// except where HCL style joins them, and the = of consecutive one-line
// attributes lined up in a column.
//
// hclwrite.Format does the same work, but it lexes the text again and counts
// every token's width with a grapheme scanner; on a large design that cost
// tens of milliseconds, and the wizard regenerates on every keystroke. This
// layout handles the tokens the writer produces and measures ASCII by its
// length. When it meets anything else (a non-ASCII character, which needs
// grapheme counting to align, or a token kind it does not lay out) it hands
// its result to hclwrite.Format, which is exact for every input. The tests
// hold the two to the same output on every golden file and fuzz input.
func (a *tfToks) tfLayout(toks tfTokens) []byte {
	out, exact := a.tfLayoutFast(toks)
	if !exact {
		return hclwrite.Format(out)
	}
	return out
}

// tfLayoutFast is tfLayout without the hclwrite.Format pass. exact is false
// when its output still needs that pass.
func (a *tfToks) tfLayoutFast(toks tfTokens) (out []byte, exact bool) {
	exact = true // false when hclwrite.Format must finish the job
	lp := tfLinesPool.Get().(*[]tfLine)
	defer tfLinesPool.Put(lp)
	lines := (*lp)[:0]
	defer func() { *lp = lines[:0] }()
	if !a.allASCII() {
		exact = false
	}
	start := 0
	for i, t := range toks {
		if !tfKnownToken(t) {
			exact = false
		}
		if t.typ == hclsyntax.TokenNewline || (t.typ == hclsyntax.TokenComment && bytes.HasSuffix(a.bytesOf(t), []byte{'\n'})) {
			lines = append(lines, tfLine{start: start, end: i + 1, eq: -1})
			start = i + 1
		}
	}
	if start < len(toks) {
		lines = append(lines, tfLine{start: start, end: len(toks), eq: -1})
	}

	var open []int // per indentation level, how many brackets opened it
	for li := range lines {
		l := &lines[li]
		ltoks := toks[l.start:l.end]
		first := &ltoks[0]
		if first.typ == hclsyntax.TokenNewline {
			first.spaces = 0
			continue
		}
		if len(ltoks) > 1 && ltoks[len(ltoks)-1].typ == hclsyntax.TokenComment {
			exact = false // a comment after code is aligned too; not produced here
		}

		// One pass over the line finds its net bracket change, its first
		// = with the bracket depth there, and spaces its tokens.
		net, eq, eqDepth := tfBracketChange(*first), -1, 0
		for i := 1; i < len(ltoks); i++ {
			t := &ltoks[i]
			if t.typ == hclsyntax.TokenEqual && eq < 0 {
				eq, eqDepth = i, net
			}
			net += tfBracketChange(*t)
			t.spaces = 0
			if tfSpaceBetween(ltoks[i-1], *t) {
				t.spaces = 1
			}
		}
		// An attribute whose value ends on the same line takes part in
		// alignment, which sets the spaces before its =; one that opens a
		// multi-line value does not.
		if eq >= 0 && net == eqDepth {
			l.eq = eq
		}

		switch {
		case net > 0:
			first.spaces = int32(2 * len(open))
			open = append(open, net)
		case net < 0:
			for closed := -net; closed > 0 && len(open) > 0; {
				top := &open[len(open)-1]
				if closed < *top {
					*top -= closed
					break
				}
				closed -= *top
				open = open[:len(open)-1]
			}
			first.spaces = int32(2 * len(open))
		default:
			first.spaces = int32(2 * len(open))
		}
	}

	// Line up the = of each run of consecutive aligned assignments.
	width := func(ts tfTokens) int {
		n := 0
		for _, t := range ts {
			n += int(t.spaces) + int(t.end-t.off)
		}
		return n
	}
	for li := 0; li < len(lines); {
		if lines[li].eq < 0 {
			li++
			continue
		}
		end, widest := li, 0
		for ; end < len(lines) && lines[end].eq >= 0; end++ {
			l := lines[end]
			widest = max(widest, width(toks[l.start:l.start+l.eq]))
		}
		for _, l := range lines[li:end] {
			toks[l.start+l.eq].spaces = int32(widest - width(toks[l.start:l.start+l.eq]) + 1)
		}
		li = end
	}

	size := 0
	for _, t := range toks {
		size += int(t.spaces) + int(t.end-t.off)
	}
	out = make([]byte, 0, size)
	// Most tokens are one byte after no space or one, which append
	// byte by byte rather than through a copy call.
	buf := a.buf
	for _, t := range toks {
		switch t.spaces {
		case 0:
		case 1:
			out = append(out, ' ')
		default:
			for n := int(t.spaces); n > 0; {
				k := min(n, len(tfSpaces))
				out = append(out, tfSpaces[:k]...)
				n -= k
			}
		}
		if t.end-t.off == 1 {
			out = append(out, buf[t.off])
		} else {
			out = append(out, buf[t.off:t.end]...)
		}
	}
	return out, exact
}

const tfSpaces = "                                                                "

// tfLine is one line of tokens as tfLayoutFast sees it.
type tfLine struct {
	start, end int // the line is toks[start:end]
	eq         int // index in the line of the = that starts an aligned assignment, or -1
}

// tfLinesPool keeps tfLayoutFast's line lists between renderings.
var tfLinesPool = sync.Pool{New: func() any { return new([]tfLine) }}

// tfKnownToken reports whether tfLayout knows how HCL style spaces the token.
func tfKnownToken(t tfTok) bool {
	switch t.typ {
	case hclsyntax.TokenIdent, hclsyntax.TokenDot, hclsyntax.TokenEqual, hclsyntax.TokenComma,
		hclsyntax.TokenNumberLit, hclsyntax.TokenOQuote, hclsyntax.TokenQuotedLit, hclsyntax.TokenCQuote,
		hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateSeqEnd,
		hclsyntax.TokenOBrace, hclsyntax.TokenCBrace, hclsyntax.TokenOBrack, hclsyntax.TokenCBrack,
		hclsyntax.TokenOParen, hclsyntax.TokenCParen, hclsyntax.TokenNewline, hclsyntax.TokenComment:
		return true
	}
	return false
}

func tfBracketChange(t tfTok) int {
	switch t.typ {
	case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
		return 1
	case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenTemplateSeqEnd:
		return -1
	}
	return 0
}

// tfSpaceBetween reports whether HCL style puts a space between a and b on
// one line. The cases are checked in order; the first that matches decides.
func tfSpaceBetween(a, b tfTok) bool {
	switch {
	case b.typ == hclsyntax.TokenNewline:
		return false
	case a.typ == hclsyntax.TokenIdent && b.typ == hclsyntax.TokenOParen:
		return false // f(x)
	case a.typ == hclsyntax.TokenDot || b.typ == hclsyntax.TokenDot:
		return false // a.b
	case b.typ == hclsyntax.TokenComma:
		return false
	case a.typ == hclsyntax.TokenComma:
		return true
	case a.typ == hclsyntax.TokenOQuote || a.typ == hclsyntax.TokenQuotedLit ||
		b.typ == hclsyntax.TokenQuotedLit || b.typ == hclsyntax.TokenCQuote:
		return false // inside a string
	case b.typ == hclsyntax.TokenOBrack && (a.typ == hclsyntax.TokenIdent || a.typ == hclsyntax.TokenNumberLit || tfBracketChange(a) < 0):
		return false // x["k"]
	case a.typ == hclsyntax.TokenOBrace && b.typ == hclsyntax.TokenCBrace:
		return false // {}
	case a.typ == hclsyntax.TokenOBrace || b.typ == hclsyntax.TokenCBrace:
		return true // { a = b }
	case a.typ == hclsyntax.TokenTemplateInterp && b.typ == hclsyntax.TokenOBrace,
		a.typ == hclsyntax.TokenCBrace && b.typ == hclsyntax.TokenTemplateSeqEnd:
		return true
	case a.typ == hclsyntax.TokenTemplateSeqEnd && b.typ == hclsyntax.TokenTemplateInterp:
		return false
	case tfBracketChange(a) > 0 || tfBracketChange(b) < 0:
		return false // [a], (a)
	}
	return true
}
