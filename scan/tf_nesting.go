package scan

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// hclNesting refuses HCL whose expressions nest deeper than maxDepth, as
// checkText refuses deep brackets: the HCL parser recurses once per
// parenthesis, unary operator (!!!!x, ----1) and conditional of a chain
// (a ? b : c ? d : ...), so a short file of them ran out of stack (a fatal
// error, not a recoverable panic) or of memory. template says data is a
// template file (templatefile), not configuration.
func hclNesting(name string, data []byte, template bool) error {
	var toks hclsyntax.Tokens
	if template {
		toks, _ = hclsyntax.LexTemplate(data, name, hcl.InitialPos)
	} else {
		toks, _ = hclsyntax.LexConfig(data, name, hcl.InitialPos)
	}
	var open []hclsyntax.TokenType // the brackets, braces, parentheses and quotes open
	unary, conds := 0, 0           // the operators in a row, the conditionals of the expression
	for _, tk := range toks {
		switch tk.Type {
		case hclsyntax.TokenBang, hclsyntax.TokenMinus:
			unary++
		default:
			unary = 0
		}
		switch tk.Type {
		case hclsyntax.TokenOParen, hclsyntax.TokenOBrack, hclsyntax.TokenOBrace, hclsyntax.TokenTemplateInterp,
			hclsyntax.TokenTemplateControl, hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			open = append(open, tk.Type)
		case hclsyntax.TokenCParen, hclsyntax.TokenCBrack, hclsyntax.TokenCBrace, hclsyntax.TokenTemplateSeqEnd,
			hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case hclsyntax.TokenQuestion:
			conds++
		case hclsyntax.TokenComma:
			conds = 0
		case hclsyntax.TokenNewline:
			// A newline ends an expression in a block, not inside
			// parentheses or brackets.
			if len(open) == 0 || open[len(open)-1] == hclsyntax.TokenOBrace {
				conds = 0
			}
		}
		if len(open) > maxDepth || unary > maxDepth || conds > maxDepth {
			return &SyntaxError{Pos{name, tk.Range.Start.Line, tk.Range.Start.Column}, fmt.Sprintf("the file nests more than %d levels deep", maxDepth)}
		}
	}
	return nil
}
