package blueprint

import (
	"maps"
	"slices"
	"strings"
)

// StatusCannotVerify means the rule depends on a value that could not be
// known when the design was read back from a template: a parameter without
// a default, an imported value, a data source. It is neither a pass nor a
// fail. Designs written by hand or in the wizard never get it; only
// CheckUnknown returns it.
const StatusCannotVerify Status = StatusNotApplicable + 1

// Unknowns is the set of design paths whose values could not be read, such
// as secret.kmsKeyArn or resourcePolicy.statements[1].principal. A path
// covers everything below it: an unknown rotation makes every rotation
// field unknown.
type Unknowns map[string]string

// Add records path as unknown, with why in words ("the parameter KeyArn has
// no default"). The first reason given for a path is kept.
func (u Unknowns) Add(path, why string) {
	if _, ok := u[path]; !ok {
		u[path] = why
	}
}

// Covers reports whether path is unknown: it, one of its ancestors or one
// of its descendants is in the set. A descendant counts because a rule
// reading a whole list reads every element of it.
func (u Unknowns) Covers(path string) (why string, ok bool) {
	for _, p := range slices.Sorted(maps.Keys(u)) {
		if pathWithin(path, p) || pathWithin(p, path) {
			return u[p], true
		}
	}
	return "", false
}

// pathWithin reports whether path is base or lies below it.
func pathWithin(path, base string) bool {
	if !strings.HasPrefix(path, base) {
		return false
	}
	if len(path) == len(base) || base == "" {
		return true
	}
	c := path[len(base)]
	return c == '.' || c == '['
}

// ruleInputs lists, per rule, the design paths its scope and check read.
// A rule whose inputs are unknown cannot be verified. TestRuleInputs keeps
// the table in step with the rule set. A path ending in .exists stands for
// whether its parent is there at all: only the parent itself being unknown
// covers it, not an unknown field below the parent. Such paths, and
// secret.existingSecretArn, decide whether the rule applies at all (its
// scope), so when one is unknown even a finding on a known value cannot be
// trusted: the rule might not apply.
var ruleInputs = map[RuleID][]string{
	"generated-value":         {"secret.existingSecretArn", "secret.generateSecretString"},
	"customer-managed-key":    {"secret.existingSecretArn", "secret.kmsKeyArn", "secret.replicaRegions"},
	"key-rotation-enabled":    {"secret.existingSecretArn", "secret.kmsKeyArn"},
	"block-public-policy":     {"resourcePolicy.blockPublicPolicy", "resourcePolicy.exists"},
	"no-public-principal":     {"resourcePolicy.statements", "resourcePolicy.exists"},
	"no-wildcard-actions":     {"resourcePolicy.statements", "resourcePolicy.exists"},
	"resource-this-secret":    {"resourcePolicy.statements", "resourcePolicy.exists"},
	"rotation-enabled":        {"rotation.exists"},
	"rotation-within-30-days": {"rotation.automaticallyAfterDays", "rotation.scheduleExpression"},
	"rotation-lambda-in-vpc":  {"rotation.rotationLambdaArn", "rotation.hostedRotationLambda.vpcSubnetIds", "rotation.hostedRotationLambda.vpcSecurityGroupIds"},
	"rotation-failure-alert":  {"monitoring.rotationFailureAlert", "rotation.exists"},
	"rotation-reaches-secrets-manager": {"rotation.hostedRotationLambda.vpcId", "rotation.hostedRotationLambda.endpoint",
		"rotation.hostedRotationLambda.vpcSubnetIds", "rotation.exists"},
	"database-connection": {"secret.existingSecretArn", "secret.database", "secret.generateSecretString",
		"rotation.hostedRotationLambda.masterSecretArn", "rotation.hostedRotationLambda.rotationType", "rotation.exists"},
	"change-alert":          {"monitoring.changeAlert"},
	"recovery-window":       {"secret.existingSecretArn", "secret.recoveryWindowDays"},
	"tags-present":          {"secret.existingSecretArn", "secret.tags"},
	"no-secret-in-metadata": {"secret.description", "secret.tags"},
	"no-lockout":            {"resourcePolicy.statements", "resourcePolicy.exists"},
	"rotation-not-blocked": {"resourcePolicy.statements", "resourcePolicy.exists", "rotation.exists",
		"rotation.rotationLambdaArn", "rotation.hostedRotationLambda.vpcSubnetIds"},
	"given-key-readers": {"secret.kmsKeyArn", "resourcePolicy.statements", "resourcePolicy.exists"},
}

// RuleInputs returns the design paths the rule with the given ID reads.
func RuleInputs(id RuleID) []string { return append([]string(nil), ruleInputs[id]...) }

// CheckUnknown runs Check and then settles every rule that depends on an
// unknown value. A rule that fails on a known value still fails, and a
// waived rule stays waived; a rule that passes, does not apply or fails
// only on unknown values becomes StatusCannotVerify, with Note saying which
// value could not be known. With no unknowns it is exactly Check.
func CheckUnknown(d *Design, unknown Unknowns) Report {
	report := Check(d)
	if len(unknown) == 0 {
		return report
	}
	for i, res := range report.Results {
		why, ok := unknownInput(res.Rule.ID, unknown)
		if !ok {
			continue
		}
		scopeWhy, scopeUnknown := unknownScope(res.Rule.ID, unknown)
		switch {
		case scopeUnknown:
			why = scopeWhy
		case res.Status == StatusNotMet || res.Status == StatusWaived:
			known := false
			for _, f := range res.Findings {
				if _, ok := unknown.Covers(f.Path); !ok {
					known = true
					break
				}
			}
			if known {
				continue
			}
		}
		if res.Status == StatusWaived {
			continue
		}
		report.Results[i] = RuleResult{Rule: res.Rule, Status: StatusCannotVerify, Note: why}
	}
	return report
}

// unknownInput returns the reason of the first unknown input of a rule.
func unknownInput(id RuleID, unknown Unknowns) (string, bool) {
	for _, in := range ruleInputs[id] {
		if why, ok := unknown.Covers(in); ok {
			return why, true
		}
	}
	return "", false
}

// unknownScope returns the reason when an input that decides whether the
// rule applies is unknown.
func unknownScope(id RuleID, unknown Unknowns) (string, bool) {
	for _, in := range ruleInputs[id] {
		if !strings.HasSuffix(in, ".exists") && in != "secret.existingSecretArn" {
			continue
		}
		if why, ok := unknown.Covers(in); ok {
			return why, true
		}
	}
	return "", false
}
