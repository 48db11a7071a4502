package report

import (
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/secretsmith/secretsmith/blueprint"
)

// sarifLevel is a rule's SARIF level: warning for a warning, error for
// the rest.
func sarifLevel(s blueprint.Severity) string {
	if s == blueprint.SeverityWarning {
		return sarif.LevelWarning
	}
	return sarif.LevelError
}

// sarifResultLevel is a result's level: its rule's when it fails, and
// none otherwise, as SARIF gives a result that is not a fail.
func sarifResultLevel(kind string, r *blueprint.Rule) string {
	if kind == "fail" {
		return sarifLevel(r.Severity)
	}
	return sarif.LevelNone
}

// sarifRule describes a rule to SARIF: its title, why it matters, what
// meets it, and its level.
func sarifRule(r blueprint.Rule) *sarif.ReportingDescriptor {
	return sarif.NewRule(string(r.ID)).WithName(string(r.ID)).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(r.Reason)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(r.Meets)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity)))
}

// sarifMessage says what a result means for the thing judged (a secret's
// ID or name): its first finding, or else note (what the caller has to say
// about a result without findings), or else the rule's title.
func sarifMessage(thing string, r blueprint.RuleResult, note string) string {
	prefix := thing + ": "
	switch {
	case len(r.Findings) > 0:
		return prefix + r.Findings[0].Path + " " + r.Findings[0].Message
	case note != "":
		return prefix + note
	}
	return prefix + r.Rule.Title
}

// sarifLocation is a place in a file, or the whole file when line is 0.
func sarifLocation(file string, line, col int) *sarif.Location {
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(sarifURI(file)))
	if line > 0 {
		pl.WithRegion(sarif.NewRegion().WithStartLine(line).WithStartColumn(max(col, 1)))
	}
	return sarif.NewLocationWithPhysicalLocation(pl)
}

// sarifURI is a file's path as a relative (or absolute-path) URI
// reference: every byte other than an unreserved character or a slash is
// percent-encoded, so '#', '%', ' ' and a name that is not UTF-8 keep
// naming the file exactly.
func sarifURI(path string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for _, c := range []byte(filepath.ToSlash(path)) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~/", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
