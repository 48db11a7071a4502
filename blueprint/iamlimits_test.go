package blueprint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// A principal's role name is at most 64 characters and its path at most
// 512 (the IAM API model's roleNameType and pathType): a longer one names
// no role that can exist, and was accepted (issue 22's third trial).
func TestPrincipalARNKeepsIAMLimits(t *testing.T) {
	const acct = "arn:aws:iam::111122223333:"
	for _, c := range []struct {
		arn  string
		want string // "" for accepted
	}{
		{acct + "role/" + strings.Repeat("r", 64), ""},
		{acct + "role/" + strings.Repeat("r", 65), "the role name is 65 characters; IAM allows 1-64"},
		{acct + "user/" + strings.Repeat("u", 128), ""},
		{acct + "user/" + strings.Repeat("u", 129), "the user name is 129 characters; IAM allows 1-128"},
		{acct + "role/" + strings.Repeat("p", 510) + "/app", ""},
		{acct + "role/" + strings.Repeat("p/", 300) + "app", "the role's path is 601 characters; IAM allows at most 512"},
		{acct + "role/a,b", ""},
		{acct + "root", ""},
	} {
		tabletest.Verdict(t, fmt.Sprintf("ValidateAWSPrincipal(%.70q)", c.arn), ValidateAWSPrincipal(c.arn), c.want)
		if strings.Contains(c.arn, ":role/") {
			if err2 := ValidateRoleARN(c.arn); (err2 == nil) != (c.want == "") {
				t.Errorf("ValidateRoleARN(%.60s…) = %v, want the same verdict as the principal's", c.arn, err2)
			}
		}
	}
}
