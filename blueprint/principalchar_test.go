package blueprint

import (
	"testing"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// A role or user ARN that is one only but for a character of its name
// says which character, as the Sid's error does: a stray "?" after
// role/orders-app got the list of every principal form (issue 22's third
// trial). The message repeats the one character, never the ARN.
func TestPrincipalNameCharacterNamed(t *testing.T) {
	tabletest.Verdicts(t, "ValidateAWSPrincipal", ValidateAWSPrincipal, map[string]string{
		"arn:aws:iam::111122223333:role/orders-app?": `the role name holds '?', which IAM does not allow`,
		"arn:aws:iam::111122223333:user/ops team":    `the user name holds ' '`,
		// Not a role ARN at all: the forms.
		"role/orders-app": `must be "*", a 12-digit account id`,
		// Accepted.
		"arn:aws:iam::111122223333:role/orders-app":           "",
		"arn:aws:iam::111122223333:role/path/a+b=c,d.e@f_g-h": "",
	})
	tabletest.Verdicts(t, "ValidateRoleARN", ValidateRoleARN, map[string]string{"arn:aws:iam::111122223333:role/rotator#1": `the role name holds '#'`})
}
