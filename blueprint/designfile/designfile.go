// Package designfile reads and writes secretsmith design files: the YAML form
// of a blueprint.Design, described key by key in docs/design-file.md.
//
// Loading is strict and reports everything at once. The YAML is parsed with
// goccy/go-yaml and the syntax tree is walked by hand, so unknown keys (with a
// "did you mean" hint), wrong types, duplicate keys, nulls and YAML 1.1
// booleans each get their own FILE:LINE:COL diagnostic instead of the first
// one stopping the load. The design is then checked with Design.Validate and
// every problem it reports is placed back on the line that caused it.
//
// Design files are configuration that people copy around, so hostile input
// must fail fast and clearly: files over MaxFileSize bytes, NUL bytes,
// invalid UTF-8, more than MaxTokens YAML tokens, nesting deeper than
// MaxDepth, several documents, and every anchor, alias, merge key, tag and
// directive are rejected before the YAML parser builds a tree. Rejecting
// anchors and aliases outright (rather than capping their expansion) keeps
// alias bombs impossible and means every value is written where it is used.
//
// Saving writes a fixed key order with a short comment above each section,
// lets the YAML library quote every user string, and omits empty fields, so
// that Decode(Save(d)) gives back d.
package designfile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Diagnostic is one problem in a design file, tied to a line and column.
type Diagnostic struct {
	// File is the name given to Decode, used only for display.
	File string
	// Line and Col are 1-based. Problems with the whole file sit at 1:1.
	Line, Col int
	// Path is the design-file path of the field (see blueprint.Problem), or
	// empty for problems with the file as a whole.
	Path     string
	Severity blueprint.Severity
	Message  string
}

// String renders "FILE:LINE:COL: path: message", with "warning: " before the
// message of a warning, and without "path: " when the path is empty.
func (d Diagnostic) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: ", d.File, d.Line, d.Col)
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	if d.Severity == blueprint.SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Diagnostics is a list of diagnostics in file order. It is returned as an
// error only when it holds at least one error-level diagnostic.
type Diagnostics []Diagnostic

// Error joins every diagnostic, one per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Errors returns the error-level diagnostics.
func (ds Diagnostics) Errors() Diagnostics { return ds.filter(blueprint.SeverityError) }

// Warnings returns the warning-level diagnostics.
func (ds Diagnostics) Warnings() Diagnostics { return ds.filter(blueprint.SeverityWarning) }

func (ds Diagnostics) filter(s blueprint.Severity) Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// sortByPosition orders diagnostics by line then column, keeping the order
// of diagnostics at the same place.
func (ds Diagnostics) sortByPosition() {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Line != ds[j].Line {
			return ds[i].Line < ds[j].Line
		}
		return ds[i].Col < ds[j].Col
	})
}

// Source remembers where each field path was found while a file was loaded,
// so that problems found later (by Validate or Check) can be shown on the
// right line. The zero value knows no positions.
type Source struct {
	pos map[string]position
}

type position struct{ line, col int }

// set records the first position seen for path; a duplicate key reported
// elsewhere must not move the field its value came from.
func (s *Source) set(path string, line, col int) {
	if s.pos == nil {
		s.pos = make(map[string]position)
	}
	if _, ok := s.pos[path]; !ok {
		s.pos[path] = position{line, col}
	}
}

// Position returns the line and column of path. When the exact path was not
// in the file (a required field that is missing, say), it returns the
// position of the nearest ancestor that was, and 1:1 when none was.
// Scalar fields point at their value, collections at their key.
func (s *Source) Position(path string) (line, col int) {
	for p := path; ; p = parentPath(p) {
		if s != nil {
			if at, ok := s.pos[p]; ok {
				return at.line, at.col
			}
		}
		if p == "" {
			return 1, 1
		}
	}
}

// parentPath strips the last element from a field path: ".key", "[3]" or
// `["odd key"]`. Quoted keys may hold dots and brackets, so the path is
// scanned from the left rather than cut at the last separator.
func parentPath(path string) string {
	last := 0
	inQuote := false
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case inQuote && c == '\\':
			i++
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == '.' || c == '['):
			last = i
		}
	}
	return path[:last]
}

// Locate turns problems found in a loaded design (by Validate or by the
// compliance rules) into diagnostics at the lines their paths came from.
func Locate(filename string, src *Source, ps blueprint.Problems) Diagnostics {
	out := make(Diagnostics, 0, len(ps))
	for _, p := range ps {
		line, col := src.Position(p.Path)
		out = append(out, Diagnostic{File: filename, Line: line, Col: col, Path: p.Path, Severity: p.Severity, Message: p.Message})
	}
	return out
}

// covered reports whether path is at or under the path of an error in ds or
// one of the typo paths.
func covered(path string, ds Diagnostics, typos []string) bool {
	for _, d := range ds {
		if d.Severity == blueprint.SeverityError && under(path, d.Path) {
			return true
		}
	}
	for _, t := range typos {
		if under(path, t) {
			return true
		}
	}
	return false
}

// under reports whether path is base or a descendant of base.
func under(path, base string) bool {
	if base == "" || !strings.HasPrefix(path, base) {
		return false
	}
	rest := path[len(base):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}
