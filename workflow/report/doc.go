// Package report prints what the use cases found, for people (text) and
// for programs (JSON, SARIF): check's judgement of files, audit's of an
// account, access's model of who may read a secret, and the account's
// verification of a design.
//
// The reports share one mechanism rather than a shape each: the same words
// for a rule's outcome and the same summary line (status.go), the same
// writers (a chunked writer for reports written as they go, JSON without
// HTML escaping; write.go), and the same SARIF pieces for the blueprint's
// rules, levels, locations and file URIs (sarif.go). Each entry point takes
// an io.Writer and a Format, never the process's own streams: package main
// chooses where the report goes and which exit code follows.
package report

import "fmt"

// Format is how a report is written.
type Format string

// The formats; not every report has every one (access has no SARIF).
const (
	Text  Format = "text"
	JSON  Format = "json"
	SARIF Format = "sarif"
)

// unknownFormat is the error of an entry point given a format it does not
// write; package main checks --output before, so it is a bug when seen.
func unknownFormat(report string, f Format) error {
	return fmt.Errorf("%s report: no format %q", report, f)
}
