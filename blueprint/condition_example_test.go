package blueprint

import (
	"strings"
	"testing"
)

// Issue 22 (trial): a condition row without values said only "needs at
// least one value"; it says what such a value looks like for its key, as
// the deny-outside-my-endpoint statement leaves both rows empty to fill.
func TestEmptyConditionSaysAnExampleValue(t *testing.T) {
	d := validDesign()
	d.ResourcePolicy = &ResourcePolicy{Statements: []Statement{VPCEndpointDenyStatement()}}
	var got []string
	for _, p := range d.Validate() {
		if strings.Contains(p.Message, "needs at least one value") {
			got = append(got, p.Message)
		}
	}
	for _, want := range []string{
		"needs at least one value, such as arn:aws:iam::111122223333:role/deploy",
		"needs at least one value, such as vpce-0123456789abcdef0",
	} {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("no problem says %q; got %q", want, got)
		}
	}
	// The example is a value the key takes.
	for _, key := range []string{"aws:SourceVpce", "aws:SourceVpc", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalArn"} {
		ex := ConditionValueExample(key)
		if ex == "" {
			t.Errorf("%s has no example", key)
			continue
		}
		if err := ValidateConditionValueFor("StringEquals", key, ex); err != nil {
			t.Errorf("the example of %s, %q, is refused: %v", key, ex, err)
		}
	}
	if ex := ConditionValueExample("aws:SecureTransport"); ex != "true or false" {
		t.Errorf("the example of a Bool key = %q", ex)
	}
}
