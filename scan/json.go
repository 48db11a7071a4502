package scan

import (
	"bytes"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// parseJSONFast reads a template written as JSON straight into a value
// tree, with the positions yaml/v3 would give. A JSON template is read as
// YAML otherwise, and the YAML reader spends most of check's time; this
// path is several times faster. It reads strict JSON only and reports ok
// false for anything else (or anything YAML would read differently: a
// carriage return, which YAML counts as a line break, or a line separator
// character), so that the YAML reader handles it, errors and all.
func parseJSONFast(file string, data []byte) (v *value, ok bool) {
	if bytes.IndexByte(data, '\r') >= 0 || bytes.Contains(data, []byte("\u2028")) || bytes.Contains(data, []byte("\u2029")) || bytes.Contains(data, []byte("\u0085")) {
		return nil, false
	}
	p := &jsonParser{file: file, data: data, line: 1}
	p.space()
	if p.i >= len(p.data) || p.data[p.i] != '{' {
		return nil, false
	}
	v = p.value(0)
	if p.bad {
		return nil, false
	}
	p.space()
	if p.i != len(p.data) {
		return nil, false
	}
	return v, true
}

type jsonParser struct {
	file      string
	data      []byte
	i         int
	line      int
	lineStart int // offset of the current line's first byte
	bad       bool
	// colAt and col: the runes of the current line before colAt, so that
	// pos counts only what came since it was last asked (positions are
	// asked in order). Counting from the line's start each time made a
	// one-line (minified) template quadratic: 800 KB took 30 s in check.
	colAt, col int
	// counted is every byte pos has counted, for the test that holds it
	// linear.
	counted int
}

func (p *jsonParser) pos() Pos {
	if p.colAt < p.lineStart {
		p.colAt, p.col = p.lineStart, 0
	}
	p.col += utf8.RuneCount(p.data[p.colAt:p.i])
	p.counted += p.i - p.colAt
	p.colAt = p.i
	return Pos{p.file, p.line, 1 + p.col}
}

func (p *jsonParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t':
		case '\n':
			p.line++
			p.lineStart = p.i + 1
		default:
			return
		}
		p.i++
	}
}

func (p *jsonParser) fail() *value {
	p.bad = true
	return &value{k: kNull}
}

func (p *jsonParser) value(depth int) *value {
	if depth > maxDepth || p.i >= len(p.data) {
		return p.fail()
	}
	at := p.pos()
	switch c := p.data[p.i]; {
	case c == '{':
		p.i++
		v := &value{k: kMap, pos: at}
		p.space()
		if p.i < len(p.data) && p.data[p.i] == '}' {
			p.i++
			return v
		}
		for !p.bad {
			p.space()
			kat := p.pos()
			if p.i >= len(p.data) || p.data[p.i] != '"' {
				return p.fail()
			}
			k, ok := p.str()
			if !ok {
				return p.fail()
			}
			if len(v.keys) == 0 {
				// yaml/v3 places a mapping at its first key.
				v.pos = kat
			}
			p.space()
			if p.i >= len(p.data) || p.data[p.i] != ':' {
				return p.fail()
			}
			p.i++
			p.space()
			x := p.value(depth + 1)
			v.keys = append(v.keys, k)
			v.kpos = append(v.kpos, kat)
			v.vals = append(v.vals, x)
			p.space()
			if p.i >= len(p.data) {
				return p.fail()
			}
			if p.data[p.i] == '}' {
				p.i++
				return v
			}
			if p.data[p.i] != ',' {
				return p.fail()
			}
			p.i++
		}
		return v
	case c == '[':
		p.i++
		v := &value{k: kSeq, pos: at}
		p.space()
		if p.i < len(p.data) && p.data[p.i] == ']' {
			p.i++
			return v
		}
		for !p.bad {
			p.space()
			v.items = append(v.items, p.value(depth+1))
			p.space()
			if p.i >= len(p.data) {
				return p.fail()
			}
			if p.data[p.i] == ']' {
				p.i++
				return v
			}
			if p.data[p.i] != ',' {
				return p.fail()
			}
			p.i++
		}
		return v
	case c == '"':
		s, ok := p.str()
		if !ok {
			return p.fail()
		}
		return &value{k: kStr, s: s, pos: at}
	case c == 't' && bytes.HasPrefix(p.data[p.i:], []byte("true")):
		p.i += 4
		return &value{k: kBool, s: "true", pos: at}
	case c == 'f' && bytes.HasPrefix(p.data[p.i:], []byte("false")):
		p.i += 5
		return &value{k: kBool, s: "false", pos: at}
	case c == 'n' && bytes.HasPrefix(p.data[p.i:], []byte("null")):
		p.i += 4
		return &value{k: kNull, pos: at}
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		if c == '-' {
			p.i++
		}
		digits := func() int {
			n := 0
			for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
				p.i++
				n++
			}
			return n
		}
		if p.i < len(p.data) && p.data[p.i] == '0' {
			p.i++
		} else if digits() == 0 {
			return p.fail()
		}
		if p.i < len(p.data) && p.data[p.i] == '.' {
			p.i++
			if digits() == 0 {
				return p.fail()
			}
		}
		if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
			p.i++
			if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
				p.i++
			}
			if digits() == 0 {
				return p.fail()
			}
		}
		num := string(p.data[start:p.i])
		if _, err := strconv.ParseFloat(num, 64); err != nil {
			// Past a float's range (1E700) the YAML reader keeps it as
			// text: it reads such a file, so the two agree.
			return p.fail()
		}
		return &value{k: kNum, s: num, pos: at}
	}
	return p.fail()
}

// str reads a JSON string at p.i, its quotes included.
func (p *jsonParser) str() (string, bool) {
	p.i++ // the opening quote
	start := p.i
	// The common case: no escapes, one slice of the input.
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c == '"' {
			s := string(p.data[start:p.i])
			p.i++
			return s, true
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", false
		}
		p.i++
	}
	b := append([]byte(nil), p.data[start:p.i]...)
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			return string(b), true
		case c < 0x20:
			return "", false
		case c != '\\':
			b = append(b, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.data) {
			return "", false
		}
		e := p.data[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			if p.i+4 > len(p.data) {
				return "", false
			}
			n, err := strconv.ParseUint(string(p.data[p.i:p.i+4]), 16, 16)
			if err != nil {
				return "", false
			}
			p.i += 4
			r := rune(n)
			if utf16.IsSurrogate(r) {
				// YAML reads a surrogate pair differently; let it.
				return "", false
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", false
		}
	}
	return "", false
}
