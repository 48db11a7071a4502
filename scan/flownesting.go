package scan

import "fmt"

// flowNesting refuses YAML or JSON whose flow collections ([…], {…}) nest
// deeper than maxDepth, before the YAML readers recurse once per level (and
// goccy's, which reads a broken file again for its error's position, has no
// bound of its own). Only structural brackets count: one inside a quoted
// scalar, a block scalar, a plain scalar or a comment is text, which
// CloudFormation never reads as nesting, so a template whose descriptions
// hold 200 '[' is read (trial8b X12). It is a scanner, not a parser: where a
// line is not what it seems (a plain scalar continued on the next line) it
// counts rather than skips, and a file it passes that nests deeper all the
// same is refused by the converter's own depth bound.
func flowNesting(file string, data []byte) error {
	depth := 0
	start := true  // a node may start at the next character
	block := -1    // inside a block scalar: the lines indented more than this are its text
	lastCol := 0   // the column of the last key or dash of the line, a block scalar's parent
	lineStart := 0 // the offset of the line's first byte
	space := func(i int) bool {
		return i >= len(data) || data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'
	}
	for i := 0; i < len(data); i++ {
		if i == 0 || data[i-1] == '\n' {
			lineStart = i
			indent := 0
			for i+indent < len(data) && data[i+indent] == ' ' {
				indent++
			}
			if block >= 0 {
				if rest := i + indent; rest >= len(data) || data[rest] == '\n' || data[rest] == '\r' || indent > block {
					i = endOfLine(data, i)
					continue
				}
				block = -1
			}
			if depth == 0 {
				start, lastCol = true, indent
			}
			i += indent
			if i >= len(data) {
				break
			}
		}
		c := data[i]
		switch {
		case c == '#' && (i == 0 || space(i-1)):
			i = endOfLine(data, i)
			continue
		case depth > 0 && c == ',':
			start = true
			continue
		case depth > 0 && (c == ']' || c == '}'):
			depth--
			start = false
			continue
		case c == '[' || c == '{':
			if !start && depth == 0 {
				continue // text of a plain scalar
			}
			depth++
			if depth > maxDepth {
				l, col := offsetPos(data, i)
				return &SyntaxError{Pos{file, l, col}, fmt.Sprintf("the file nests more than %d levels deep", maxDepth)}
			}
			start = true
			continue
		case c == ':' && (space(i+1) || depth > 0 && (data[i+1] == '"' || data[i+1] == '\'' || data[i+1] == '[' || data[i+1] == '{')):
			start = true
			continue
		case space(i):
			continue
		case !start:
			continue
		}
		// A node starts here.
		switch {
		case c == '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			start = false
		case c == '\'':
			for i++; i < len(data); i++ {
				if data[i] == '\'' {
					if i+1 < len(data) && data[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
			start = false
		case (c == '|' || c == '>') && depth == 0:
			block = lastCol
			i = endOfLine(data, i)
		case (c == '-' || c == '?') && depth == 0 && space(i+1):
			lastCol = i - lineStart
		case c == '!' || c == '&' || c == '*':
			for i+1 < len(data) && !space(i+1) && (depth == 0 || data[i+1] != ',' && data[i+1] != ']' && data[i+1] != '}') {
				i++
			}
			start = c != '*'
		default:
			if depth == 0 {
				lastCol = i - lineStart
			}
			start = false
		}
	}
	return nil
}

// endOfLine is the offset of the newline ending the line holding i (or the
// file's length), so that a loop's i++ steps onto the next line.
func endOfLine(data []byte, i int) int {
	for i < len(data) && data[i] != '\n' {
		i++
	}
	return i
}
