package blueprint

import (
	"strings"
	"testing"
)

// An IP address condition (aws:SourceIp, aws:VpcSourceIp) takes addresses
// and CIDR blocks: "10.0.0.0/33" or "300.1.1.1" matches no caller, and was
// accepted without a word (issue 22's third trial).
func TestIPConditionValuesAreAddresses(t *testing.T) {
	for _, v := range []string{"10.0.0.0/33", "300.1.1.1", "::1/129", "vpce-0123456789abcdef0", "10.0.0.0/16,10.1.0.0/16", "fe80::1%eth0"} {
		for _, key := range []string{"aws:SourceIp", "aws:VpcSourceIp"} {
			err := ValidateConditionValueFor("IpAddress", key, v)
			if err == nil || !strings.Contains(err.Error(), "IPv4 or IPv6 address or CIDR block") {
				t.Errorf("%s %q: %v, want it refused as not an address", key, v, err)
			}
		}
	}
	for _, v := range []string{"10.0.0.0/16", "203.0.113.7", "2001:db8::/32", "2001:DB8:1234:5678::1", "${aws:SourceIp}"} {
		if err := ValidateConditionValueFor("NotIpAddress", "aws:SourceIp", v); err != nil {
			t.Errorf("aws:SourceIp %q: %v, want it accepted", v, err)
		}
	}
	if got := ConditionValueExample("aws:SourceIp"); got != "203.0.113.0/24" {
		t.Errorf("the example for aws:SourceIp is %q", got)
	}
}
