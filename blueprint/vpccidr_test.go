package blueprint

import (
	"strings"
	"testing"
)

// A VPC's IPv4 CIDR block is /16 to /28 (VPC user guide): 0.0.0.0/0 or
// 10.0.0.0/8 names no VPC, and the endpoint's security group would admit
// HTTPS from all of it; both were accepted (issue 22's third trial).
func TestVPCCIDRIsAVPCsSize(t *testing.T) {
	for _, c := range []struct{ cidr, want string }{
		{"0.0.0.0/0", "is a /0, but a VPC's IPv4 CIDR block is /16 to /28"},
		{"10.0.0.0/8", "is a /8"},
		{"10.0.0.0/29", "is a /29"},
		{"10.0.0.0/16", ""},
		{"10.0.0.16/28", ""},
		{"2001:db8:1234:1a00::/56", ""},
	} {
		err := ValidateCIDR(c.cidr)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want it accepted", c.cidr, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want it to say %q", c.cidr, err, c.want)
		}
	}
}
