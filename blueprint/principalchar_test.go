package blueprint

import (
	"strings"
	"testing"
)

// A role or user ARN that is one only but for a character of its name
// says which character, as the Sid's error does: a stray "?" after
// role/orders-app got the list of every principal form (issue 22's third
// trial). The message repeats the one character, never the ARN.
func TestPrincipalNameCharacterNamed(t *testing.T) {
	for _, c := range []struct {
		check func(string) error
		in    string
		want  string
	}{
		{ValidateAWSPrincipal, "arn:aws:iam::111122223333:role/orders-app?", `the role name holds '?', which IAM does not allow`},
		{ValidateAWSPrincipal, "arn:aws:iam::111122223333:user/ops team", `the user name holds ' '`},
		{ValidateRoleARN, "arn:aws:iam::111122223333:role/rotator#1", `the role name holds '#'`},
		// Not a role ARN at all: the forms.
		{ValidateAWSPrincipal, "role/orders-app", `must be "*", a 12-digit account id`},
	} {
		err := c.check(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
	for _, ok := range []string{"arn:aws:iam::111122223333:role/orders-app", "arn:aws:iam::111122223333:role/path/a+b=c,d.e@f_g-h"} {
		if err := ValidateAWSPrincipal(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}
