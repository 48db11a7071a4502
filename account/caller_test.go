package account

import "testing"

func TestSessionRole(t *testing.T) {
	for _, c := range []struct {
		arn, name, role string
		ok              bool
	}{
		{"arn:aws:sts::123456789012:assumed-role/deploy/ci-run", "deploy", "arn:aws:iam::123456789012:role/deploy", true},
		{"arn:aws-us-gov:sts::123456789012:assumed-role/Admin/jane@example.com", "Admin", "arn:aws-us-gov:iam::123456789012:role/Admin", true},
		// Not a session of a role: its own aws:PrincipalArn.
		{"arn:aws:iam::123456789012:user/ops/jane", "", "", false},
		{"arn:aws:iam::123456789012:root", "", "", false},
		{"arn:aws:sts::123456789012:federated-user/jane", "", "", false},
		{"arn:aws:sts::123456789012:assumed-role/deploy", "", "", false},
		{"arn:aws:sts::123456789012:assumed-role//s", "", "", false},
		{"not an arn", "", "", false},
	} {
		name, role, ok := SessionRole(c.arn)
		if name != c.name || role != c.role || ok != c.ok {
			t.Errorf("SessionRole(%q) = %q, %q, %v; want %q, %q, %v", c.arn, name, role, ok, c.name, c.role, c.ok)
		}
	}
}
