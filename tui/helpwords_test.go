package tui

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Issue 22's trial (trial8a W2): the help page (?) of the Rotation step's
// Endpoint id said "To meet it: rotation.hostedRotationLambda.vpcId is
// set, ... or endpoint says existing", where the screens say "VPC id" and
// "Reach Secrets Manager". Every field's help page, of every step of a
// few designs, speaks of labels; only its last line names the field's
// design-file key, on purpose.
func TestFieldHelpInScreenWords(t *testing.T) {
	words := designWords()
	seen := map[string]bool{}
	for _, path := range []string{
		filepath.Join("..", "examples", "payments-db.yaml"),
		filepath.Join("testdata", "help-multiuser.yaml"),
		filepath.Join("testdata", "help-own-lambda.yaml"),
	} {
		m := sized(New(decodeDesign(t, path), Options{NoColor: true}))
		check := func(s step) {
			for i, f := range m.fields() {
				m.focus = i
				key := f.q.title + "\x00" + f.label + "\x00" + string(f.rule)
				if seen[key] {
					continue
				}
				seen[key] = true
				for _, l := range m.helpLines(300) {
					l = ansi.Strip(l)
					if strings.HasPrefix(l, "Design file key: ") {
						continue
					}
					// A key with no field is named as the file's, on
					// purpose ("when the design file sets includeSpace").
					l = regexp.MustCompile(`design file sets \w+`).ReplaceAllString(l, "")
					if strings.Contains(l, "endpoint says") || strings.Contains(l, "endpoint is nat") {
						t.Errorf("%s, help of %q names the endpoint choice by its design value: %s", stepText[s].title, strings.TrimSpace(f.q.title+f.label), l)
					}
					if w := words.FindString(l); w != "" {
						t.Errorf("%s, help of %q names the design key %q: %s", stepText[s].title, strings.TrimSpace(f.q.title+f.label), w, l)
					}
				}
			}
		}
		for s := stepStart; s <= stepReview; s++ {
			m.gotoStep(s)
			m.settle()
			check(s)
		}
		if m.d.ResourcePolicy != nil && len(m.d.ResourcePolicy.Statements) > 0 {
			m.gotoStep(stepPolicy)
			m.stmt = 0
			check(stepPolicy)
			m.stmt = -1
		}
	}
}
