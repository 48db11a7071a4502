package tui

import (
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// TestLearnReviewSaysLabels holds --learn's review, read on screen, to the
// labels the user saw: a finding, what a rule asks and what the design
// means are never said as design paths (issue 22: "Not met:
// rotation.automaticallyAfterDays is 60", "Deploy with
// rotation.rotateImmediately false"). Failed before.
func TestLearnReviewSaysLabels(t *testing.T) {
	for _, tt := range learnDesigns {
		d := designfile.Decode(tt.name+".yaml", []byte(tt.yaml)).Design
		got := LearnReview(d, blueprint.Check(d))
		if m := designPath.FindAllString(got, -1); len(m) > 0 {
			t.Errorf("LearnReview(%s) names design paths %q; the screens name fields by their labels:\n%s", tt.name, m, got)
		}
	}
}
