package blueprint

import (
	"fmt"
	"testing"
)

// TestGroupLabelsCutFromOneString checks that the labels Access cuts from
// one string are each group's own, for more groups than fit on the stack
// and for groups with exceptions.
func TestGroupLabelsCutFromOneString(t *testing.T) {
	for _, n := range []int{1, 63, 64, 65, 90} {
		d := largeDesign()
		d.ResourcePolicy.Statements = nil
		for i := range n {
			p := &Principal{}
			switch i % 4 {
			case 0:
				p.AWS = []string{fmt.Sprintf("arn:aws:iam::111122223333:role/app-%d", i)}
			case 1:
				p.AWS = []string{fmt.Sprintf("arn:aws:iam::11112222%04d:root", i)}
			case 2:
				p.Service = []string{fmt.Sprintf("svc%d.amazonaws.com", i)}
			case 3:
				p.AWS = []string{fmt.Sprintf("arn:aws:iam::111122223333:user/u%d", i)}
			}
			d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, Statement{Effect: "Allow", Principal: p,
				Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}})
		}
		d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, Statement{Effect: "Allow",
			NotPrincipal: &Principal{AWS: []string{"arn:aws:iam::111122223333:role/x", "arn:aws:iam::111122223333:role/y"}},
			Action:       []string{"secretsmanager:DescribeSecret"}, Resource: []string{"*"}})
		a := d.Access()
		if len(a.Groups) < n {
			t.Fatalf("n=%d: %d groups", n, len(a.Groups))
		}
		for i := range a.Groups {
			g := &a.Groups[i]
			if g.label != g.makeLabel() {
				t.Errorf("n=%d group %d: label %q, want %q", n, i, g.label, g.makeLabel())
			}
		}
	}
}
