package blueprint

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// SafeText returns s made safe to show on a terminal: every character a
// terminal would act on rather than draw is replaced by an escape that shows
// it, and everything else is left as it was. Newlines and tabs are kept (use
// SafeLine where the text must stay on one line).
//
// Replaced are the C0 controls (ESC, BEL, CR, backspace, ...), DEL, the C1
// controls U+0080-U+009F (a terminal may treat U+009B as ESC [), the
// bidirectional formatting characters (which reorder what is drawn after
// them), the invisible format characters and line separators (isInvisible),
// and bytes that are not UTF-8. Escapes are written the way Go's %q
// writes them (\x1b, \a, \u009b, \u202e), as the design loader's messages
// already do, except DEL, which is \u007f.
//
// Every writer of human-facing text uses it on what the user supplied: the
// check report, errors, file names, line mode and the wizard. Output files
// (templates, design files) keep the user's exact bytes and never pass
// through it.
func SafeText(s string) string { return safeText(s, false) }

// SafeLine is SafeText that also escapes newlines and tabs, for a value shown
// inside one line (a name in a header, a reason after a label), where a
// newline would let the value forge lines of its own.
func SafeLine(s string) string { return safeText(s, true) }

// ShortText caps s at max runes for display, ending it with an ellipsis when
// it was cut, so a one-megabyte identifier does not make a one-megabyte
// header. It does not make s safe: pass the result to SafeText or SafeLine.
func ShortText(s string, max int) string {
	if max < 1 || utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// NeedsEscape reports whether SafeText escapes r: r is a C0 control other
// than newline and tab, DEL, a C1 control, a bidirectional formatting
// character, or an invisible one (isInvisible).
func NeedsEscape(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	}
	return isBidiControl(r) || isInvisible(r)
}

// isInvisible reports the characters a terminal draws as nothing, or as a
// line break no one typed: the format characters (Unicode category Cf:
// U+200B zero-width space, U+FEFF, the tag characters U+E0000-U+E007F that
// can carry hidden ASCII text) and the line and paragraph separators
// U+2028 and U+2029. Text holding one looks like text without it
// ("pay\u200bments" shows as payments) and is another value (trial8b X2).
func isInvisible(r rune) bool {
	return r >= 0xad && (r == 0x2028 || r == 0x2029 || unicode.Is(unicode.Cf, r))
}

// isBidiControl reports the characters that change the direction of the
// text after them (the "Trojan Source" characters): ALM, LRM, RLM, the
// embeddings and overrides U+202A-U+202E and the isolates U+2066-U+2069.
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func safeText(s string, oneLine bool) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || NeedsEscape(r) || (oneLine && (r == '\n' || r == '\t')) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' && oneLine:
			b.WriteString(`\n`)
		case r == '\t' && oneLine:
			b.WriteString(`\t`)
		case NeedsEscape(r):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func writeEscape(b *strings.Builder, r rune) {
	switch r {
	case '\a':
		b.WriteString(`\a`)
	case '\b':
		b.WriteString(`\b`)
	case '\f':
		b.WriteString(`\f`)
	case '\r':
		b.WriteString(`\r`)
	case '\v':
		b.WriteString(`\v`)
	default:
		// DEL is written \u007f rather than %q's \x7f: encoding/json
		// escapes every C0 control but leaves DEL, C1 and bidi characters
		// as they are, so with \u for all three a JSON report passed
		// through SafeWriter stays valid JSON that decodes to the same
		// text.
		if r < 0x7f {
			fmt.Fprintf(b, `\x%02x`, r)
		} else if r > 0xffff {
			// A tag character (U+E0041) as its UTF-16 pair, which JSON
			// decodes to it: \ue0041 would read as U+E004 and a 1.
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(b, `\u%04x\u%04x`, r1, r2)
		} else {
			fmt.Fprintf(b, `\u%04x`, r)
		}
	}
}

// SafeWriter returns a writer that passes everything written to it through
// SafeText before writing it to w: the one place a command's human-facing
// output is made safe, so no message can forget it. It must not carry the
// program's own styling or output files. Each Write is sanitised on its own,
// so a write must not split a UTF-8 character (fmt and text/tabwriter write
// whole strings and cells).
func SafeWriter(w io.Writer) io.Writer {
	if sw, ok := w.(safeWriter); ok {
		return sw
	}
	return safeWriter{w}
}

type safeWriter struct{ w io.Writer }

// Write reports len(p) when the sanitised text was written whole, since the
// caller's bytes, not the escapes, are what it counts.
func (s safeWriter) Write(p []byte) (int, error) {
	out := SafeText(string(p))
	n, err := io.WriteString(s.w, out)
	if err != nil {
		return min(n, len(p)), err
	}
	return len(p), nil
}
