package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// designWords are the camelCase keys of the design file
// (masterSecretKmsKeyArn, vpcId): words the screens never show, since a
// field is named by its label there.
func designWords() *regexp.Regexp {
	seen := map[string]bool{}
	var words []string
	for _, p := range designfile.Paths() {
		for _, k := range strings.FieldsFunc(p, func(r rune) bool { return r == '.' || r == '[' || r == ']' }) {
			if designKey.MatchString(k) && designKey.FindString(k) == k && !seen[k] {
				seen[k] = true
				words = append(words, regexp.QuoteMeta(k))
			}
		}
	}
	return regexp.MustCompile(`\b(` + strings.Join(words, "|") + `)\b`)
}

// walkDesigns are designs whose walk-through holds calls refused or
// unsure, with their reasons and fixes: hosted rotations of each kind,
// a master secret with no key given, an own function, Denies.
func walkDesigns() map[string]*blueprint.Design {
	multi := benchDesign()
	multi.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
	multi.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/master-AbCdEf"
	noNetwork := benchDesign()
	noNetwork.Rotation.HostedRotationLambda.VPCID = ""
	target := benchDesign()
	target.Secret.Database = &blueprint.Database{TargetType: "AWS::RDS::DBInstance", TargetID: "prod-db", Username: "app"}
	own := benchDesign()
	own.Rotation.HostedRotationLambda = nil
	own.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:444455556666:function:rotate"
	rdsMaster := multi.Clone()
	rdsMaster.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-AbCdEf"
	denied := accessPaneDesign()
	denied.Rotation = benchDesign().Rotation
	deniedMulti := multi.Clone()
	deniedMulti.ResourcePolicy = accessPaneDesign().ResourcePolicy
	return map[string]*blueprint.Design{"bench": benchDesign(), "multi user": multi, "no network": noNetwork,
		"target": target, "own function": own, "denied": denied, "denied multi": deniedMulti, "access pane": accessPaneDesign(), "rds master": rdsMaster}
}

// Issue 22's trial (trial8a W3): the Review's ctrl+r pane said "fix: give
// masterSecretKmsKeyArn when the master secret uses a customer managed
// key" while the field on screen is "Master secret key". Every reason and
// fix the walk-through gives, for each design, is shown in the screens'
// words: no design-file key reaches the pane, the Review or Done.
func TestWalkTextsInScreenWords(t *testing.T) {
	words := designWords()
	fixes := 0
	for name, d := range walkDesigns() {
		m := sized(New(d, Options{NoColor: true}))
		for _, s := range []step{stepReview, stepDone} {
			m.step = s
			m.showAccess = true
			m.refresh()
			for _, c := range m.report.Walk().Calls {
				if c.Fix != "" {
					fixes++
				}
			}
			shown := ansi.Strip(strings.Join(m.accessLines(300), "\n"))
			if s == stepReview {
				shown += "\n" + ansi.Strip(strings.Join(m.reviewLines(300), "\n"))
			} else {
				shown += "\n" + ansi.Strip(strings.Join(m.readerSideLines(300), "\n"))
			}
			for _, line := range strings.Split(shown, "\n") {
				if strings.Contains(line, "sure host is") || strings.Contains(line, "set host to") {
					t.Errorf("%s, %s: the screen names the key host, not its label: %s", name, stepText[s].title, strings.TrimSpace(line))
				}
				if w := words.FindString(line); w != "" {
					t.Errorf("%s, %s: the screen names the design key %q: %s", name, stepText[s].title, w, strings.TrimSpace(line))
				}
			}
		}
	}
	if fixes == 0 {
		t.Fatal("no design gave a fix: the sweep checks nothing")
	}
}
