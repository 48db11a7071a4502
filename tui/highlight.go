package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/secretsmith/secretsmith/generate"
)

// syntax is the language of the preview pane.
type syntax int

const (
	syntaxYAML syntax = iota
	syntaxJSON
	syntaxHCL
)

// syntaxOf is the language a format is written in.
func syntaxOf(f generate.Format) syntax {
	switch f {
	case generate.CloudFormationJSON:
		return syntaxJSON
	case generate.Terraform:
		return syntaxHCL
	}
	return syntaxYAML
}

// paint is the escape sequences of one style, taken apart once from
// lipgloss's rendering of a single letter. Painting a token then only adds
// them around it: Style.Render would also expand tabs and reflow lines, and
// the preview must show the template's text exactly.
type paint struct{ open, close string }

func paintOf(s lipgloss.Style) paint {
	open, close, ok := strings.Cut(s.Render("x"), "x")
	if !ok {
		return paint{}
	}
	return paint{open: open, close: close}
}

func (p paint) write(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	b.WriteString(p.open)
	b.WriteString(s)
	b.WriteString(p.close)
}

// palette is how the preview paints each kind of token. The zero palette
// paints nothing, which is what NO_COLOR gets.
type palette struct {
	// key is a mapping key or an attribute name.
	key paint
	// str is a string or a plain YAML scalar.
	str paint
	// comment runs to the end of the line.
	comment paint
	// intrinsic is a CloudFormation intrinsic function (Ref, Fn::Sub,
	// !GetAtt) or a Terraform function call.
	intrinsic paint
	// block is a Terraform block type (resource, output) or a
	// CloudFormation resource type (AWS::KMS::Key).
	block paint
	// literal is a number, a boolean or null.
	literal paint
}

// highlight paints lines of the given language. It reads one line at a time,
// carrying only what a line cannot show by itself (a YAML block scalar, a
// Terraform heredoc or comment that spans lines), and never changes the
// text: with the escape sequences stripped, the lines are the input.
func highlight(lines []string, lang syntax, p palette) []string {
	if p == (palette{}) {
		return lines
	}
	out := make([]string, len(lines))
	var b strings.Builder
	h := highlighter{p: p, yamlBlock: -1}
	for i, l := range lines {
		b.Reset()
		switch lang {
		case syntaxJSON:
			h.json(&b, l)
		case syntaxHCL:
			h.hcl(&b, l)
		default:
			h.yaml(&b, l)
		}
		out[i] = b.String()
	}
	return out
}

// highlighter holds the state that lasts from one line to the next.
type highlighter struct {
	p palette
	// yamlBlock is the indent of the key whose block scalar (| or >) is
	// being read, or -1.
	yamlBlock int
	// heredoc is the closing word of the Terraform heredoc being read.
	heredoc string
	// inComment is true inside a Terraform /* comment */.
	inComment bool
}

// YAML.

func (h *highlighter) yaml(b *strings.Builder, line string) {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	rest := line[indent:]
	if h.yamlBlock >= 0 {
		if rest == "" || indent > h.yamlBlock {
			b.WriteString(line[:indent])
			h.p.str.write(b, rest)
			return
		}
		h.yamlBlock = -1
	}
	b.WriteString(line[:indent])
	if strings.HasPrefix(rest, "#") {
		h.p.comment.write(b, rest)
		return
	}
	col := indent
	// Sequence entries: "- ", possibly nested ("- - ").
	for rest == "-" || strings.HasPrefix(rest, "- ") {
		n := 1 + len(rest[1:]) - len(strings.TrimLeft(rest[1:], " "))
		b.WriteString(rest[:n])
		rest, col = rest[n:], col+n
	}
	if end, ok := yamlKeyEnd(rest); ok {
		k := rest[:end]
		if isIntrinsicName(strings.Trim(k, `"'`)) {
			h.p.intrinsic.write(b, k)
		} else {
			h.p.key.write(b, k)
		}
		b.WriteByte(':')
		rest = rest[end+1:]
		sp := len(rest) - len(strings.TrimLeft(rest, " "))
		b.WriteString(rest[:sp])
		rest = rest[sp:]
	}
	h.yamlValue(b, rest, col)
}

// yamlKeyEnd finds the colon that ends a mapping key at the start of s: a
// quoted key, or a plain one, followed by ": " or a colon at the end.
func yamlKeyEnd(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if s[0] == '"' || s[0] == '\'' {
		end := quotedEnd(s)
		if end < len(s) && s[end] == ':' && (end+1 == len(s) || s[end+1] == ' ') {
			return end, true
		}
		return 0, false
	}
	if strings.ContainsRune("[{!&*|>#%@`", rune(s[0])) {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '#' && i > 0 && s[i-1] == ' ':
			return 0, false
		case s[i] == ':' && (i+1 == len(s) || s[i+1] == ' '):
			return i, i > 0
		}
	}
	return 0, false
}

// quotedEnd returns the index just past the quoted string that s starts
// with, or len(s) when it does not close on this line.
func quotedEnd(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case s[i] == q:
			return i + 1
		}
	}
	return len(s)
}

// yamlValue paints the value after a key or a dash; col is the key's
// column, which a block scalar's lines are indented beyond.
func (h *highlighter) yamlValue(b *strings.Builder, v string, col int) {
	if v == "" {
		return
	}
	switch {
	case v[0] == '#':
		h.p.comment.write(b, v)
		return
	case v[0] == '!':
		tag, rest, _ := strings.Cut(v, " ")
		h.p.intrinsic.write(b, tag)
		if len(tag) < len(v) {
			b.WriteByte(' ')
			h.yamlValue(b, rest, col)
		}
		return
	case v[0] == '"' || v[0] == '\'':
		end := quotedEnd(v)
		h.p.str.write(b, v[:end])
		h.trailing(b, v[end:])
		return
	case v[0] == '|' || v[0] == '>':
		ind, rest, _ := strings.Cut(v, " ")
		b.WriteString(ind)
		if len(ind) < len(v) {
			b.WriteByte(' ')
			h.trailing(b, rest)
		}
		h.yamlBlock = col
		return
	case v[0] == '[' || v[0] == '{':
		// Flow collections are rare in generated templates ("[]"): keep
		// them as they are.
		b.WriteString(v)
		return
	}
	scalar, comment := v, ""
	if i := strings.Index(v, " #"); i >= 0 {
		scalar, comment = v[:i], v[i:]
	}
	trimmed := strings.TrimRight(scalar, " ")
	switch {
	case isLiteral(trimmed):
		h.p.literal.write(b, trimmed)
	case strings.HasPrefix(trimmed, "AWS::") && !strings.ContainsAny(trimmed, " ${"):
		h.p.block.write(b, trimmed)
	default:
		h.p.str.write(b, trimmed)
	}
	h.trailing(b, scalar[len(trimmed):]+comment)
}

// trailing writes what follows a value: spaces, then perhaps a comment.
func (h *highlighter) trailing(b *strings.Builder, s string) {
	sp := len(s) - len(strings.TrimLeft(s, " "))
	b.WriteString(s[:sp])
	if rest := s[sp:]; strings.HasPrefix(rest, "#") {
		h.p.comment.write(b, rest)
	} else {
		b.WriteString(rest)
	}
}

// isIntrinsicName reports whether a mapping key is a CloudFormation
// intrinsic function in its long form. (Condition is left out: in a policy
// statement it is a plain key.)
func isIntrinsicName(k string) bool {
	return k == "Ref" || strings.HasPrefix(k, "Fn::")
}

// isLiteral reports whether a plain scalar is a number, a boolean or null.
func isLiteral(s string) bool {
	switch s {
	case "true", "false", "null", "~", "True", "False", "TRUE", "FALSE", "Null", "NULL":
		return true
	}
	return isNumber(s)
}

func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
		case s[i] == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return true
}

// JSON.

func (h *highlighter) json(b *strings.Builder, line string) {
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '"':
			end := i + quotedEnd(line[i:])
			tok := line[i:end]
			j := end
			for j < len(line) && line[j] == ' ' {
				j++
			}
			switch {
			case j < len(line) && line[j] == ':' && isIntrinsicName(strings.Trim(tok, `"`)):
				h.p.intrinsic.write(b, tok)
			case j < len(line) && line[j] == ':':
				h.p.key.write(b, tok)
			case strings.HasPrefix(tok, `"AWS::`) && !strings.ContainsAny(tok, " ${"):
				h.p.block.write(b, tok)
			default:
				h.p.str.write(b, tok)
			}
			i = end
		case c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z':
			j := i + 1
			for j < len(line) && strings.IndexByte(",]} :", line[j]) < 0 {
				j++
			}
			if tok := line[i:j]; isLiteral(tok) {
				h.p.literal.write(b, tok)
			} else {
				b.WriteString(tok)
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
}

// HCL.

func (h *highlighter) hcl(b *strings.Builder, line string) {
	if h.heredoc != "" {
		h.p.str.write(b, line)
		if strings.TrimSpace(line) == h.heredoc {
			h.heredoc = ""
		}
		return
	}
	first := true // the next word is the first on the line
	for i := 0; i < len(line); {
		if h.inComment {
			end := strings.Index(line[i:], "*/")
			if end < 0 {
				h.p.comment.write(b, line[i:])
				return
			}
			h.p.comment.write(b, line[i:i+end+2])
			h.inComment = false
			i += end + 2
			continue
		}
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			b.WriteByte(c)
			i++
			continue
		case c == '#' || strings.HasPrefix(line[i:], "//"):
			h.p.comment.write(b, line[i:])
			return
		case strings.HasPrefix(line[i:], "/*"):
			h.inComment = true
			continue
		case strings.HasPrefix(line[i:], "<<"):
			word := strings.TrimPrefix(line[i+2:], "-")
			if n := identEnd(word, 0); n > 0 {
				h.heredoc = word[:n]
				h.p.str.write(b, line[i:])
				return
			}
			b.WriteString("<<")
			i += 2
		case c == '"':
			end := hclStringEnd(line, i)
			tok := line[i:end]
			if isAssignment(line, end) {
				h.p.key.write(b, tok)
			} else {
				h.p.str.write(b, tok)
			}
			i = end
		case isIdentStart(c):
			end := identEnd(line, i)
			tok := line[i:end]
			next := nextNonSpace(line, end)
			switch {
			case isAssignment(line, end):
				h.p.key.write(b, tok)
			case next == '(':
				h.p.intrinsic.write(b, tok)
			case first && (next == '"' || next == '{'):
				h.p.block.write(b, tok)
			case tok == "true" || tok == "false" || tok == "null":
				h.p.literal.write(b, tok)
			default:
				b.WriteString(tok)
			}
			i = end
		case c >= '0' && c <= '9':
			end := i + 1
			for end < len(line) && (line[end] >= '0' && line[end] <= '9' || line[end] == '.') {
				end++
			}
			h.p.literal.write(b, line[i:end])
			i = end
		default:
			b.WriteByte(c)
			i++
		}
		first = false
	}
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// identEnd returns the end of the identifier starting at i; dots are part
// of it, so a reference such as aws_kms_key.secret.arn is one token.
func identEnd(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		if isIdentStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.' && j > i {
			j++
			continue
		}
		break
	}
	return j
}

func nextNonSpace(s string, i int) byte {
	for ; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return s[i]
		}
	}
	return 0
}

// isAssignment reports whether the token ending at i is followed by = (not
// ==) or a colon: an attribute name or an object key.
func isAssignment(s string, i int) bool {
	for ; i < len(s) && (s[i] == ' ' || s[i] == '\t'); i++ {
	}
	if i >= len(s) {
		return false
	}
	if s[i] == ':' {
		return true
	}
	return s[i] == '=' && (i+1 == len(s) || s[i+1] != '=' && s[i+1] != '>')
}

// hclStringEnd returns the index past the string starting at s[i], skipping
// template interpolations, whose expressions may hold strings of their own.
func hclStringEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == '\\':
			j++
		case s[j] == '"':
			return j + 1
		case (s[j] == '$' || s[j] == '%') && j+1 < len(s) && s[j+1] == '{':
			j = interpEnd(s, j+2) - 1
		}
	}
	return len(s)
}

// interpEnd returns the index past the } that closes an interpolation whose
// expression starts at s[i].
func interpEnd(s string, i int) int {
	depth := 1
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '"':
			j = hclStringEnd(s, j) - 1
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(s)
}
