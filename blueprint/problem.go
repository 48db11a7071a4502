package blueprint

import (
	"errors"
	"fmt"
	"strings"
)

// Severity says whether a problem stops a design from being written.
type Severity int

const (
	// SeverityError must be fixed (or, for a rule, waived) before anything is written.
	SeverityError Severity = iota
	// SeverityWarning is advice: the design is still written.
	SeverityWarning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Problem is one thing wrong with a design, tied to the field it concerns.
type Problem struct {
	// Path is the design-file path of the field, such as
	// rotation.hostedRotationLambda.masterSecretArn or
	// resourcePolicy.statements[2].sid.
	Path     string
	Severity Severity
	// Message says what is wrong and what is allowed, in lower case.
	Message string
	// Rule is the compliance rule ID when the problem is a rule finding.
	Rule string
}

// String renders "path: message", or "path: warning: message".
func (p Problem) String() string {
	if p.Severity == SeverityWarning {
		return p.Path + ": warning: " + p.Message
	}
	return p.Path + ": " + p.Message
}

// Problems is a list of problems; it is an error when it holds at least one
// error-level problem.
type Problems []Problem

// Errors returns the error-level problems.
func (ps Problems) Errors() Problems { return ps.filter(SeverityError) }

// Warnings returns the warning-level problems.
func (ps Problems) Warnings() Problems { return ps.filter(SeverityWarning) }

func (ps Problems) filter(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// At returns the problems whose path is path, for a UI that shows each
// message under its own field.
func (ps Problems) At(path string) Problems {
	var out Problems
	for _, p := range ps {
		if p.Path == path {
			out = append(out, p)
		}
	}
	return out
}

// Error joins every problem, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Warning is an error a field validator returns for a value that is allowed
// but probably a mistake. Callers that only block on real errors check
// IsWarning.
type Warning struct{ Msg string }

// Error returns the warning text.
func (w *Warning) Error() string { return w.Msg }

// warnf builds a *Warning.
func warnf(format string, args ...any) error { return &Warning{Msg: fmt.Sprintf(format, args...)} }

// IsWarning reports whether err is (or wraps) a *Warning.
func IsWarning(err error) bool {
	var w *Warning
	return errors.As(err, &w)
}
