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
func tfLayout(toks hclwrite.Tokens) []byte {
	out, exact := tfLayoutFast(toks)
	if !exact {
		return hclwrite.Format(out)
	}
	return out
}

// tfLayoutFast is tfLayout without the hclwrite.Format pass. exact is false
// when its output still needs that pass.
func tfLayoutFast(toks hclwrite.Tokens) (out []byte, exact bool) {
	exact = true // false when hclwrite.Format must finish the job
	lp := tfLinesPool.Get().(*[]tfLine)
	defer tfLinesPool.Put(lp)
	lines := (*lp)[:0]
	defer func() {
		clear(lines) // hold no tokens while pooled
		*lp = lines[:0]
	}()
	start := 0
	var bits byte // every byte of every token ORed: ASCII keeps the top bit clear
	for i, t := range toks {
		if !tfKnownToken(t) {
			exact = false
		}
		for _, c := range t.Bytes {
			bits |= c
		}
		if t.Type == hclsyntax.TokenNewline || (t.Type == hclsyntax.TokenComment && bytes.HasSuffix(t.Bytes, []byte{'\n'})) {
			lines = append(lines, tfLine{toks: toks[start : i+1], eq: -1})
			start = i + 1
		}
	}
	if start < len(toks) {
		lines = append(lines, tfLine{toks: toks[start:], eq: -1})
	}
	if bits >= 0x80 {
		exact = false
	}

	var open []int // per indentation level, how many brackets opened it
	for li := range lines {
		l := &lines[li]
		first := l.toks[0]
		if first.Type == hclsyntax.TokenNewline {
			first.SpacesBefore = 0
			continue
		}
		if len(l.toks) > 1 && l.toks[len(l.toks)-1].Type == hclsyntax.TokenComment {
			exact = false // a comment after code is aligned too; not produced here
		}

		net := 0
		for _, t := range l.toks {
			net += tfBracketChange(t)
		}
		switch {
		case net > 0:
			first.SpacesBefore = 2 * len(open)
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
			first.SpacesBefore = 2 * len(open)
		default:
			first.SpacesBefore = 2 * len(open)
		}

		// An attribute whose value ends on the same line takes part in
		// alignment; one that opens a multi-line value does not.
		for i := 1; i < len(l.toks); i++ {
			if l.toks[i].Type != hclsyntax.TokenEqual {
				continue
			}
			depth := 0
			for _, t := range l.toks[i:] {
				depth += tfBracketChange(t)
			}
			if depth == 0 {
				l.eq = i
			}
			break
		}

		for i := 1; i < len(l.toks); i++ {
			if i == l.eq {
				continue // set by alignment below
			}
			l.toks[i].SpacesBefore = 0
			if tfSpaceBetween(l.toks[i-1], l.toks[i]) {
				l.toks[i].SpacesBefore = 1
			}
		}
	}

	// Line up the = of each run of consecutive aligned assignments.
	width := func(ts hclwrite.Tokens) int {
		n := 0
		for _, t := range ts {
			n += t.SpacesBefore + len(t.Bytes)
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
			widest = max(widest, width(lines[end].toks[:lines[end].eq]))
		}
		for _, l := range lines[li:end] {
			l.toks[l.eq].SpacesBefore = widest - width(l.toks[:l.eq]) + 1
		}
		li = end
	}

	size := 0
	for _, t := range toks {
		size += t.SpacesBefore + len(t.Bytes)
	}
	out = make([]byte, 0, size)
	for _, t := range toks {
		for n := t.SpacesBefore; n > 0; {
			k := min(n, len(tfSpaces))
			out = append(out, tfSpaces[:k]...)
			n -= k
		}
		out = append(out, t.Bytes...)
	}
	return out, exact
}

const tfSpaces = "                                                                "

// tfLine is one line of tokens as tfLayoutFast sees it.
type tfLine struct {
	toks hclwrite.Tokens
	eq   int // index of the = that starts an aligned assignment, or -1
}

// tfLinesPool keeps tfLayoutFast's line lists between renderings.
var tfLinesPool = sync.Pool{New: func() any { return new([]tfLine) }}

// tfKnownToken reports whether tfLayout knows how HCL style spaces the token.
func tfKnownToken(t *hclwrite.Token) bool {
	switch t.Type {
	case hclsyntax.TokenIdent, hclsyntax.TokenDot, hclsyntax.TokenEqual, hclsyntax.TokenComma,
		hclsyntax.TokenNumberLit, hclsyntax.TokenOQuote, hclsyntax.TokenQuotedLit, hclsyntax.TokenCQuote,
		hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateSeqEnd,
		hclsyntax.TokenOBrace, hclsyntax.TokenCBrace, hclsyntax.TokenOBrack, hclsyntax.TokenCBrack,
		hclsyntax.TokenOParen, hclsyntax.TokenCParen, hclsyntax.TokenNewline, hclsyntax.TokenComment:
		return true
	}
	return false
}

func tfBracketChange(t *hclwrite.Token) int {
	switch t.Type {
	case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
		return 1
	case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenTemplateSeqEnd:
		return -1
	}
	return 0
}

// tfSpaceBetween reports whether HCL style puts a space between a and b on
// one line. The cases are checked in order; the first that matches decides.
func tfSpaceBetween(a, b *hclwrite.Token) bool {
	switch {
	case b.Type == hclsyntax.TokenNewline:
		return false
	case a.Type == hclsyntax.TokenIdent && b.Type == hclsyntax.TokenOParen:
		return false // f(x)
	case a.Type == hclsyntax.TokenDot || b.Type == hclsyntax.TokenDot:
		return false // a.b
	case b.Type == hclsyntax.TokenComma:
		return false
	case a.Type == hclsyntax.TokenComma:
		return true
	case a.Type == hclsyntax.TokenOQuote || a.Type == hclsyntax.TokenQuotedLit ||
		b.Type == hclsyntax.TokenQuotedLit || b.Type == hclsyntax.TokenCQuote:
		return false // inside a string
	case b.Type == hclsyntax.TokenOBrack && (a.Type == hclsyntax.TokenIdent || a.Type == hclsyntax.TokenNumberLit || tfBracketChange(a) < 0):
		return false // x["k"]
	case a.Type == hclsyntax.TokenOBrace && b.Type == hclsyntax.TokenCBrace:
		return false // {}
	case a.Type == hclsyntax.TokenOBrace || b.Type == hclsyntax.TokenCBrace:
		return true // { a = b }
	case a.Type == hclsyntax.TokenTemplateInterp && b.Type == hclsyntax.TokenOBrace,
		a.Type == hclsyntax.TokenCBrace && b.Type == hclsyntax.TokenTemplateSeqEnd:
		return true
	case a.Type == hclsyntax.TokenTemplateSeqEnd && b.Type == hclsyntax.TokenTemplateInterp:
		return false
	case tfBracketChange(a) > 0 || tfBracketChange(b) < 0:
		return false // [a], (a)
	}
	return true
}
