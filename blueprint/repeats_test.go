package blueprint

import (
	"fmt"
	"testing"
)

// TestRepeatChecksAreLinear: the checks for a tag key, replica region or
// waived rule listed twice compared each entry with every entry before
// it, so a template secret with 40,000 tags took 20 s in check and one
// with 200,000 did not finish (trial7b V24). The work they count must
// grow with the list, not with its square: doubling the list at most
// doubles it. Counted, not timed.
func TestRepeatChecksAreLinear(t *testing.T) {
	work := func(n int) int {
		d := validDesign()
		d.Secret.Tags = nil
		for i := range n {
			d.Secret.Tags = append(d.Secret.Tags, Tag{Key: fmt.Sprintf("k%d", i), Value: "v"})
			d.Secret.ReplicaRegions = append(d.Secret.ReplicaRegions, Replica{Region: fmt.Sprintf("eu-west-%d", i)})
			d.Waivers = append(d.Waivers, Waiver{Rule: fmt.Sprintf("rule-%d", i), Reason: "because"})
		}
		v := validator{d: d, reuseRows: true}
		v.run()
		return v.compared
	}
	small, large := work(2000), work(4000)
	if large > 2*small+200 {
		t.Errorf("the repeat checks looked at %d entries for 2,000 of each and %d for 4,000: want at most twice as many", small, large)
	}
}
