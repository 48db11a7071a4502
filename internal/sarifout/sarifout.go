// Package sarifout writes a SARIF report the way secretsmith's commands
// (check, audit) all write theirs: indented for people, one newline at the
// end.
package sarifout

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// Write adds run to a new report and writes it to w, indented.
func Write(w io.Writer, run *sarif.Run) error {
	report := sarif.NewReport()
	report.AddRun(run)
	var buf bytes.Buffer
	if err := report.Write(&buf); err != nil {
		return err
	}
	// Indent for people reading it; code scanning does not mind.
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}
