package tui

import (
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// A Sid typed wrong is reported at the Sid and changes no rule: "bad sid!"
// turned rotation-not-blocked ✗ and given-key-readers ! in the wizard
// while check of the same design said both were met (trial 8a's W13). The
// wizard's checklist (WithValidation) and check's (Check) agree.
func TestBadSidChangesNoRule(t *testing.T) {
	statuses := func(sid string) (wizard, check map[blueprint.RuleID]blueprint.Status) {
		d := accessPaneDesign()
		d.Rotation = &blueprint.Rotation{RotationLambdaARN: "arn:aws:lambda:eu-west-1:111122223333:function:rotate"}
		// Without its Deny, which blocks the function.
		d.ResourcePolicy.Statements = d.ResourcePolicy.Statements[:2]
		d.ResourcePolicy.Statements[0].Sid = sid
		m := sized(New(d, Options{NoColor: true}))
		wizard, check = map[blueprint.RuleID]blueprint.Status{}, map[blueprint.RuleID]blueprint.Status{}
		for _, r := range m.report.Results {
			wizard[r.Rule.ID] = r.Status
		}
		for _, r := range blueprint.Check(d).Results {
			check[r.Rule.ID] = r.Status
		}
		return wizard, check
	}
	goodW, goodC := statuses("Good")
	badW, badC := statuses("bad sid!")
	for _, id := range []blueprint.RuleID{blueprint.RuleRotationNotBlocked, blueprint.RuleGivenKeyReaders} {
		if goodC[id] != blueprint.StatusMet {
			t.Fatalf("check: %s is %v with a good Sid; the case tests nothing", id, goodC[id])
		}
	}
	for id, st := range goodW {
		if badW[id] != st {
			t.Errorf("wizard: %s is %v with a good Sid, %v with a bad one", id, st, badW[id])
		}
		if badC[id] != goodC[id] {
			t.Errorf("check: %s is %v with a good Sid, %v with a bad one", id, goodC[id], badC[id])
		}
		if badW[id] == blueprint.StatusNotMet && badC[id] == blueprint.StatusMet {
			t.Errorf("%s: the wizard says not met, check says met", id)
		}
	}
}
