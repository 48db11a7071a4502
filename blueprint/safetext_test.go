package blueprint

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// The payload of the attack pass: set the window title, fill the clipboard
// through OSC 52, and hide the text after it.
const hostile = "\x1b]0;pwned\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[8m"

func TestSafeText(t *testing.T) {
	tabletest.Equal(t, "SafeText", SafeText, map[string]string{
		"payments-db":         "payments-db",
		"":                    "",
		"café ünïcode 🔑 ✓":    "café ünïcode 🔑 ✓",
		"two\nlines\tand tab": "two\nlines\tand tab",
		hostile:               `\x1b]0;pwned\a\x1b]52;c;ZWNobyBwd25lZA==\a\x1b[8m`,
		"cr\rover":            `cr\rover`,
		"del\x7f":             `del\u007f`,
		"csi\u009b31m":        `csi\u009b31m`,
		"nel\u0085":           `nel\u0085`,
		"evil\u202egnp.exe":   `evil\u202egnp.exe`,
		"iso\u2066x\u2069":    `iso\u2066x\u2069`,
		"bad\xffutf8\xc3":     `bad\xffutf8\xc3`,
		"nul\x00":             `nul\x00`,
		"\\x1b stays":         "\\x1b stays",
	})
}

// A JSON document passed through SafeText is still JSON, and decodes to the
// same strings: encoding/json escapes C0 itself, and SafeText writes DEL,
// C1 and bidi characters as JSON escapes.
func TestSafeTextKeepsJSONValid(t *testing.T) {
	in := map[string]string{"name": hostile + "\x7f\u0085\u202e\u2066"}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]string
	if err := json.Unmarshal([]byte(SafeText(string(raw))), &out); err != nil || out["name"] != in["name"] {
		t.Errorf("SafeText(%s) decodes to %q, %v", raw, out, err)
	}
}

func TestSafeLine(t *testing.T) {
	if got, want := SafeLine("a\nmet  forged\tx\x1b"), `a\nmet  forged\tx\x1b`; got != want {
		t.Errorf("SafeLine = %q, want %q", got, want)
	}
}

func TestShortText(t *testing.T) {
	long := strings.Repeat("é", 1<<20)
	got := ShortText(long, 80)
	if utf8.RuneCountInString(got) != 80 || !strings.HasSuffix(got, "…") || !utf8.ValidString(got) {
		t.Errorf("ShortText(1M runes, 80) has %d runes, ends %q", utf8.RuneCountInString(got), got[len(got)-6:])
	}
	if got := ShortText("short", 80); got != "short" {
		t.Errorf("ShortText(short) = %q", got)
	}
	if got := ShortText("exactly5", 8); got != "exactly5" {
		t.Errorf("ShortText at the limit = %q", got)
	}
}

func TestSafeWriter(t *testing.T) {
	var buf bytes.Buffer
	w := SafeWriter(&buf)
	n, err := w.Write([]byte("name: " + hostile + "\n"))
	if err != nil || n != len("name: "+hostile+"\n") {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if bytes.ContainsAny(buf.Bytes(), "\x1b\x07") {
		t.Errorf("SafeWriter let a control byte through: %q", buf.String())
	}
	if SafeWriter(w) != w {
		t.Errorf("SafeWriter wraps a SafeWriter again")
	}
	if _, err := SafeWriter(failWriter{}).Write([]byte("x")); err == nil {
		t.Errorf("SafeWriter hid the write error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// rawControl returns the first character of s a terminal would act on.
func rawControl(s string) (rune, bool) {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return r, true
			}
		}
		if NeedsEscape(r) {
			return r, true
		}
	}
	return 0, false
}

func FuzzSafeText(f *testing.F) {
	for _, s := range []string{"", "plain", hostile, "\u009b\u202e\xff\x00\r\n\t", "é🔑"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{SafeText(s), SafeLine(s), SafeText(ShortText(s, 7))} {
			if r, bad := rawControl(got); bad {
				t.Fatalf("output %q holds raw %U", got, r)
			}
			if !utf8.ValidString(got) {
				t.Fatalf("output %q is not UTF-8", got)
			}
		}
		if strings.ContainsAny(SafeLine(s), "\n\t") {
			t.Fatalf("SafeLine(%q) kept a newline or tab", s)
		}
		if _, bad := rawControl(s); !bad && utf8.ValidString(s) && SafeText(s) != s {
			t.Fatalf("SafeText changed clean text %q to %q", s, SafeText(s))
		}
	})
}
