package generate

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// tfBody is the body of a file or block under construction: the part of
// hclwrite.Body the writer uses, building the same tokens (hclsyntax types
// and bytes) that Body.BuildTokens returns. hclwrite's body keeps a syntax tree of nodes and
// encodes every block label through its formatter; on a large design that
// cost more than the rest of the writer, for a file that is only ever
// written out. Attributes, blocks, comments and newlines keep the order they
// are added in, and block labels are encoded by tfString, which is hclwrite's
// own string encoding.
type tfBody struct {
	a     *tfToks
	items []tfItem
}

// tfItem is one entry of a body: an attribute (name and expression), a
// nested block (header tokens and body), or unstructured tokens.
type tfItem struct {
	name  string
	toks  tfTokens
	block *tfBody
}

// newBody is an empty body whose tokens come from a.
func (a *tfToks) newBody() *tfBody { return &tfBody{a: a} }

// SetAttributeRaw sets the attribute name to the expression toks, in place
// if the body already has it, as hclwrite.Body.SetAttributeRaw does.
func (b *tfBody) SetAttributeRaw(name string, toks tfTokens) {
	for i := range b.items {
		if it := &b.items[i]; it.block == nil && it.name == name {
			it.toks = toks
			return
		}
	}
	b.items = append(b.items, tfItem{name: name, toks: toks})
}

// AppendNewBlock appends a block with the given type and labels and
// returns its body.
func (b *tfBody) AppendNewBlock(typeName string, labels []string) *tfBody {
	// A plain label is three tokens: quotes around its text.
	head := append(b.a.make(3+3*len(labels)), b.a.tok(hclsyntax.TokenIdent, typeName))
	for _, l := range labels {
		head = append(head, b.a.tfString(l)...)
	}
	head = append(head, b.a.tok(hclsyntax.TokenOBrace, "{"), b.a.tok(hclsyntax.TokenNewline, "\n"))
	body := b.a.newBody()
	b.items = append(b.items, tfItem{toks: head, block: body})
	return body
}

// AppendNewline appends an empty line.
func (b *tfBody) AppendNewline() {
	b.AppendUnstructuredTokens(append(b.a.make(1), b.a.tok(hclsyntax.TokenNewline, "\n")))
}

// AppendUnstructuredTokens appends tokens as they are, such as comments.
func (b *tfBody) AppendUnstructuredTokens(toks tfTokens) {
	b.items = append(b.items, tfItem{toks: toks})
}

// BuildTokens appends the body's tokens to dst: an attribute is its name,
// = and expression on a line of its own; a block is its header, its body and
// a closing brace line.
func (b *tfBody) BuildTokens(dst tfTokens) tfTokens {
	if n := len(dst) + b.size(); n > cap(dst) {
		dst = append(make(tfTokens, 0, n), dst...)
	}
	for _, it := range b.items {
		switch {
		case it.block != nil:
			dst = append(dst, it.toks...)
			dst = it.block.BuildTokens(dst)
			dst = append(dst, b.a.tok(hclsyntax.TokenCBrace, "}"), b.a.tok(hclsyntax.TokenNewline, "\n"))
		case it.name != "":
			dst = append(dst, b.a.tok(hclsyntax.TokenIdent, it.name), b.a.tok(hclsyntax.TokenEqual, "="))
			dst = append(dst, it.toks...)
			dst = append(dst, b.a.tok(hclsyntax.TokenNewline, "\n"))
		default:
			dst = append(dst, it.toks...)
		}
	}
	return dst
}

// size is the number of tokens BuildTokens appends.
func (b *tfBody) size() int {
	n := 0
	for _, it := range b.items {
		n += len(it.toks)
		switch {
		case it.block != nil:
			n += 2 + it.block.size()
		case it.name != "":
			n += 3
		}
	}
	return n
}
