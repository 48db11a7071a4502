package main

import "github.com/secretsmith/secretsmith/workflow/report"

// check's JSON report under the names the command's tests read it by, from
// before the printers moved to workflow/report.
type (
	jsonReport = report.CheckDocument
	jsonResult = report.CheckResult
)
