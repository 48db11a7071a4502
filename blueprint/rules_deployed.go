package blueprint

import (
	"fmt"
	"strings"
	"time"
)

// Deployed is what only an account can say about a secret that exists:
// when it last rotated and was read, whether a rotation is stuck, the
// rotation function's runtime, and whether a trail records the calls.
// secretsmith audit reads it (never the secret's value) and judges it with
// DeployedRules, beside the rules every design is checked against.
type Deployed struct {
	// Now is when the account was read; the rules measure ages from it.
	Now time.Time
	// Created is when the secret was created.
	Created time.Time
	// RotationEnabled is DescribeSecret's RotationEnabled.
	RotationEnabled bool
	// Schedule is the rotation's schedule: rate(N days) for
	// AutomaticallyAfterDays, or the ScheduleExpression; Window is its
	// Duration ("" when none).
	Schedule, Window string
	// LastRotated and LastAccessed are zero when Secrets Manager has no
	// date. LastAccessed is a day, not an instant: Secrets Manager rounds
	// it to midnight UTC.
	LastRotated, LastAccessed time.Time
	// PendingVersions are the versions labelled AWSPENDING but not
	// AWSCURRENT: a rotation that started and did not finish.
	PendingVersions []string
	// FunctionRuntime is the rotation function's runtime, when the function
	// was read ("" when it was not, or it is a container image).
	FunctionRuntime string
	// TrailChecked says whether the account's trails were read; Trails
	// names those that are logging and record management events.
	TrailChecked bool
	Trails       []string
}

// The rules only an account can answer.
const (
	RuleRotationOnSchedule     RuleID = "rotation-on-schedule"
	RuleSecretInUse            RuleID = "secret-in-use"
	RuleRotationNotStuck       RuleID = "rotation-not-stuck"
	RuleRotationRuntime        RuleID = "rotation-runtime-supported"
	RuleTrailLogsManagement    RuleID = "trail-logs-management-events"
	unusedAfter                       = 90 * 24 * time.Hour
	deployedRotationGraceHours        = 24
)

// runtimeDeprecated are Lambda runtimes with the day Lambda deprecates
// them (its "Runtime deprecation policy" table): from that day a function
// on one receives no security patches, and soon after it can no longer be
// updated. A runtime deprecated before 2024 is dated 2024-01-01, which is
// all the rule needs of it. Secrets Manager's rotation templates are
// Python, so the Python dates are the ones that matter most.
var runtimeDeprecated = map[string]string{
	"python2.7": "2024-01-01", "python3.6": "2024-01-01", "python3.7": "2024-01-01", "python3.8": "2024-10-14",
	"python3.9": "2025-12-15", "python3.10": "2026-06-30", "python3.11": "2026-06-30",
	"nodejs": "2024-01-01", "nodejs4.3": "2024-01-01", "nodejs4.3-edge": "2024-01-01", "nodejs6.10": "2024-01-01",
	"nodejs8.10": "2024-01-01", "nodejs10.x": "2024-01-01", "nodejs12.x": "2024-01-01", "nodejs14.x": "2024-01-01",
	"nodejs16.x": "2024-06-12", "nodejs18.x": "2025-09-01",
	"java8": "2024-01-01", "go1.x": "2024-01-01", "ruby2.5": "2024-01-01", "ruby2.7": "2024-01-01",
	"dotnetcore1.0": "2024-01-01", "dotnetcore2.0": "2024-01-01", "dotnetcore2.1": "2024-01-01", "dotnetcore3.1": "2024-01-01",
	"dotnet5.0": "2024-01-01", "dotnet6": "2024-12-20", "dotnet7": "2024-05-14", "provided": "2024-01-01",
}

// RuntimeDeprecated reports whether Lambda has deprecated runtime at now,
// and since when.
func RuntimeDeprecated(runtime string, now time.Time) (since string, deprecated bool) {
	d, ok := runtimeDeprecated[runtime]
	if !ok {
		return "", false
	}
	t, _ := time.Parse("2006-01-02", d)
	return d, !now.Before(t)
}

// DeployedRule is a rule about a secret as deployed. It reads Deployed,
// not the design, so it runs only in secretsmith audit.
type DeployedRule struct {
	Rule
	checkDeployed func(d *Design, s *Deployed) (applies bool, note string, findings []Finding)
}

// DeployedRules are the account's rules, in the order audit reports them.
var DeployedRules = []DeployedRule{
	{Rule: Rule{ID: RuleRotationOnSchedule, Severity: SeverityError, Inputs: []string{"rotation"},
		Title:  "The last rotation happened within the schedule",
		Reason: "A rotation that fails leaves the old password in place and says so only in the function's logs; a secret whose last rotation is older than its schedule is one whose rotation is failing, or was never run.",
		Meets:  "Secrets Manager's LastRotatedDate is no older than the schedule's longest gap plus a day (the rotation window); a secret that never rotated is judged from its creation date. Fix the rotation function (its logs in CloudWatch name the step that fails) and rotate it once by hand.",
		Scanners: []ScannerCheck{
			{Tool: "Security Hub", ID: "SecretsManager.2", Note: "rotation succeeded", Reads: DeployedOnly},
			{Tool: "Security Hub", ID: "SecretsManager.4", Note: "rotated within a number of days (90 by default)", Reads: DeployedOnly},
		}},
		checkDeployed: func(d *Design, s *Deployed) (bool, string, []Finding) {
			if !s.RotationEnabled {
				return false, "rotation is not enabled", nil
			}
			sch, err := ParseSchedule(s.Schedule)
			if err != nil {
				return false, "the schedule " + s.Schedule + " cannot be read: " + err.Error(), nil
			}
			last, what := s.LastRotated, "last rotated"
			if last.IsZero() {
				last, what = s.Created, "never rotated; created"
			}
			if last.IsZero() {
				return false, "Secrets Manager gives neither a rotation nor a creation date", nil
			}
			due := last.Add(sch.MaxInterval + deployedRotationGraceHours*time.Hour)
			if s.Now.After(due) {
				return true, "", []Finding{{Path: "rotation", Message: fmt.Sprintf("%s %s, %d days ago; the schedule %s rotates at least every %d days",
					what, last.UTC().Format("2006-01-02"), int(s.Now.Sub(last).Hours()/24), s.Schedule, int(sch.MaxInterval.Hours()/24))}}
			}
			return true, "", nil
		}},
	{Rule: Rule{ID: RuleRotationNotStuck, Severity: SeverityError, Inputs: []string{"rotation"},
		Title:    "No rotation is stuck half-way",
		Reason:   "A rotation that stops after createSecret leaves a version labelled AWSPENDING; until it is cleared, every later rotation fails at once, and the pending password may already be set on the database.",
		Meets:    "No version is labelled AWSPENDING without also being AWSCURRENT. Find why the last rotation stopped (the function's logs), then remove the AWSPENDING label from that version (aws secretsmanager update-secret-version-stage --remove-from-version-id) and rotate again.",
		Scanners: []ScannerCheck{{Tool: "Security Hub", ID: "SecretsManager.2", Note: "reports the failed rotation, not the label that blocks the next", Reads: DeployedOnly}}},
		checkDeployed: func(d *Design, s *Deployed) (bool, string, []Finding) {
			if len(s.PendingVersions) == 0 {
				return true, "", nil
			}
			return true, "", []Finding{{Path: "rotation", Message: "version " + strings.Join(s.PendingVersions, ", ") + " is labelled AWSPENDING but not AWSCURRENT: a rotation stopped half-way"}}
		}},
	{Rule: Rule{ID: RuleRotationRuntime, Severity: SeverityError, Inputs: []string{"rotation.rotationLambdaArn"},
		Title:    "The rotation function runs on a supported runtime",
		Reason:   "Lambda stops patching a deprecated runtime, then blocks creating and updating functions on it; a rotation function on one can no longer be fixed when it breaks.",
		Meets:    "The function's runtime is not on Lambda's deprecated list. Update the function (for a hosted rotation function, update its stack: the 2024-09-16 transform upgrades the runtime).",
		Scanners: []ScannerCheck{{Tool: "Security Hub", ID: "Lambda.2", Note: "all functions, not only rotation functions", Reads: DeployedOnly}}},
		checkDeployed: func(d *Design, s *Deployed) (bool, string, []Finding) {
			if !s.RotationEnabled && d.Rotation == nil {
				return false, "the secret has no rotation function", nil
			}
			if s.FunctionRuntime == "" {
				return false, "the rotation function's runtime was not read (a container image, or the function was not readable)", nil
			}
			if since, old := RuntimeDeprecated(s.FunctionRuntime, s.Now); old {
				return true, "", []Finding{{Path: "rotation.rotationLambdaArn", Message: "the rotation function runs " + s.FunctionRuntime + ", which Lambda deprecated on " + since}}
			}
			return true, "", nil
		}},
	{Rule: Rule{ID: RuleSecretInUse, Severity: SeverityWarning, Inputs: []string{"secret"},
		Title:    "The secret was read in the last 90 days",
		Reason:   "A secret nobody reads is a credential nobody needs: it can still be stolen and used, and it costs money every month.",
		Meets:    "Secrets Manager's LastAccessedDate is within 90 days. Delete a secret that is no longer used (with a recovery window), or waive the rule for a break-glass secret.",
		Scanners: []ScannerCheck{{Tool: "Security Hub", ID: "SecretsManager.3", Note: "90 days by default", Reads: DeployedOnly}}},
		checkDeployed: func(d *Design, s *Deployed) (bool, string, []Finding) {
			last := s.LastAccessed
			if last.IsZero() {
				if s.Created.IsZero() || s.Now.Sub(s.Created) < unusedAfter {
					return false, "never read, but created less than 90 days ago", nil
				}
				return true, "", []Finding{{Path: "secret", Message: "never read since it was created on " + s.Created.UTC().Format("2006-01-02")}}
			}
			if s.Now.Sub(last) > unusedAfter {
				return true, "", []Finding{{Path: "secret", Message: fmt.Sprintf("last read on %s, %d days ago", last.UTC().Format("2006-01-02"), int(s.Now.Sub(last).Hours()/24))}}
			}
			return true, "", nil
		}},
	{Rule: Rule{ID: RuleTrailLogsManagement, Severity: SeverityWarning, Inputs: []string{"secret"},
		Title:    "A CloudTrail trail records who reads the secret",
		Reason:   "Every read of a secret's value is a management event in CloudTrail; without a trail that logs them, nobody can say afterwards who read a leaked credential.",
		Meets:    "At least one trail that is logging records management events (read and write) in the secret's region, or is multi-region.",
		Scanners: []ScannerCheck{{Tool: "Security Hub", ID: "CloudTrail.1", Note: "a multi-region trail with read and write management events", Reads: DeployedOnly}}},
		checkDeployed: func(d *Design, s *Deployed) (bool, string, []Finding) {
			if !s.TrailChecked {
				return false, "the account's trails were not read", nil
			}
			if len(s.Trails) == 0 {
				return true, "", []Finding{{Path: "secret", Message: "no trail that is logging records management events in this region"}}
			}
			return true, "", nil
		}},
}

// CheckDeployed judges a deployed secret with DeployedRules: d is the
// design audit read back from the account (waivers in it apply), s what the
// account says about the secret beyond its configuration.
func CheckDeployed(d *Design, s *Deployed) []RuleResult {
	out := make([]RuleResult, 0, len(DeployedRules))
	for i := range DeployedRules {
		r := &DeployedRules[i]
		res := RuleResult{Rule: &r.Rule}
		applies, note, fs := r.checkDeployed(d, s)
		switch {
		case !applies:
			res.Status, res.Note = StatusNotApplicable, note
		case len(fs) == 0:
			res.Status = StatusMet
		default:
			for i := range fs {
				fs[i].Rule, fs[i].Severity = r.ID, r.Severity
			}
			res.Status, res.Findings = StatusNotMet, fs
			if w, ok := d.WaiverFor(string(r.ID)); ok && waivable(fs) {
				res.Status, res.WaiverReason = StatusWaived, w.Reason
			}
		}
		out = append(out, res)
	}
	return out
}
