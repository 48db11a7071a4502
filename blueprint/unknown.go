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
		if PathsOverlap(path, p) {
			return u[p], true
		}
	}
	return "", false
}

// RuleInputs returns every design path the rule with the given ID reads:
// its Inputs, then its Scope. A rule any of them is unknown for cannot be
// verified.
func RuleInputs(id RuleID) []string {
	r, ok := LookupRule(id)
	if !ok {
		return nil
	}
	return slices.Concat(r.Inputs, r.Scope)
}

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
		if res.Rule.effect == "Deny" && res.Status == StatusMet && !mayDeny(d, unknown) {
			// It applies, and only a Deny statement can break it, of
			// which there is none for certain: nothing else unknown
			// changes that. (Whether it applies at all is left to the
			// scope below.)
			continue
		}
		unknown := unknown.forEffect(d, res.Rule.effect)
		why, ok := firstUnknown(RuleInputs(res.Rule.ID), unknown)
		if !ok {
			// A finding may rest on a value the rule does not always read.
			why, ok = dependsUnknown(res.Findings, unknown)
		}
		if !ok {
			continue
		}
		scopeWhy, scopeUnknown := firstUnknown(res.Rule.Scope, unknown)
		switch {
		case scopeUnknown:
			why = scopeWhy
		case res.Status == StatusNotMet || res.Status == StatusWaived:
			known := false
			for _, f := range res.Findings {
				if _, ok := unknown.Covers(f.Path); ok {
					continue
				}
				if _, ok := unknown.Covers(f.DependsOn); f.DependsOn != "" && ok {
					continue
				}
				known = true
				break
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

// mayDeny reports whether d's resource policy has a Deny statement, or may
// have one: whether the policy, its statements or a statement's effect is
// not known.
func mayDeny(d *Design, u Unknowns) bool {
	if _, unsure := u.Covers("resourcePolicy.exists"); unsure {
		return true
	}
	if d.ResourcePolicy == nil {
		return false
	}
	for p := range u {
		if p == "resourcePolicy" || p == "resourcePolicy.statements" {
			return true
		}
	}
	for i, st := range d.ResourcePolicy.Statements {
		if !strings.EqualFold(st.Effect, "Allow") {
			return true
		}
		if _, unsure := u.Covers(StatementPath(i) + ".effect"); unsure {
			return true
		}
	}
	return false
}

// forEffect leaves out of u what lies inside a policy statement whose
// effect is known and is not effect, for a rule that reads only the
// statements with that effect ("" keeps everything).
func (u Unknowns) forEffect(d *Design, effect string) Unknowns {
	if effect == "" || d.ResourcePolicy == nil {
		return u
	}
	var out Unknowns
	for i, st := range d.ResourcePolicy.Statements {
		if st.Effect == "" || strings.EqualFold(st.Effect, effect) {
			// Of the rule's effect, or of none the rule can rely on.
			continue
		}
		at := StatementPath(i)
		if _, unsure := u.Covers(at + ".effect"); unsure {
			continue
		}
		for p := range u {
			if p == at || !strings.HasPrefix(p, at+".") && !strings.HasPrefix(p, at+"[") {
				continue
			}
			if out == nil {
				out = maps.Clone(u)
			}
			delete(out, p)
		}
	}
	if out == nil {
		return u
	}
	return out
}

// firstUnknown returns the reason of the first of paths that is unknown.
func firstUnknown(paths []string, unknown Unknowns) (string, bool) {
	for _, in := range paths {
		if why, ok := unknown.Covers(in); ok {
			return why, true
		}
	}
	return "", false
}

// dependsUnknown returns the reason of the first finding whose DependsOn is
// unknown.
func dependsUnknown(fs []Finding, unknown Unknowns) (string, bool) {
	for _, f := range fs {
		if f.DependsOn == "" {
			continue
		}
		if why, ok := unknown.Covers(f.DependsOn); ok {
			return why, true
		}
	}
	return "", false
}
