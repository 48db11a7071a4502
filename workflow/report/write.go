package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ErrWrite marks an error writing a report, so that a caller tells it
// from an error reading what the report is about.
var ErrWrite = errors.New("writing the report")

func writeErr(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrWrite, err)
}

// chunkedWriter gathers whole writes and passes them on 32 KiB at a time:
// over a directory of templates a write per line was a system call per
// line. It never splits a write, so a SafeWriter below sees whole
// characters.
type chunkedWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func (c *chunkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	c.buf = append(c.buf, p...)
	if len(c.buf) >= 32<<10 {
		if err := c.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes what is gathered, and returns the first write error.
func (c *chunkedWriter) Flush() error {
	if c.err == nil && len(c.buf) > 0 {
		_, c.err = c.w.Write(c.buf)
		c.buf = c.buf[:0]
	}
	return c.err
}

// flushFirst writes to the error stream after what the report has
// gathered, so the two streams keep their order on a terminal.
type flushFirst struct {
	out *chunkedWriter
	w   io.Writer
}

func (f flushFirst) Write(p []byte) (int, error) {
	_ = f.out.Flush()
	return f.w.Write(p)
}

// writeIndentedJSON writes v indented as a value nested under prefix,
// without a trailing newline and without escaping HTML characters.
func writeIndentedJSON(w io.Writer, v any, prefix string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return err
}

// encodeCompact is v as one line of JSON, without escaping HTML
// characters.
func encodeCompact(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(buf.Bytes()), nil
}

// nonNil keeps empty lists as [] in the JSON, so scripts need no null
// checks.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
