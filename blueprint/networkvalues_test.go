package blueprint

import (
	"strings"
	"testing"
)

// wantVerdict checks a validator's verdict on value: accepted when want
// is "", else refused or warned with a message holding want.
func wantVerdict(t *testing.T, value string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%.70s: %v, want it accepted", value, err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("%.70s: %v, want it to say %q", value, err, want)
	}
}

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
		wantVerdict(t, c.cidr, ValidateCIDR(c.cidr), c.want)
	}
}

// A database host that is neither an IP address nor a DNS name is refused
// with what is wrong: 300.1.1.1 was accepted as a name of four numbers,
// and a 64-character part was told "letters, digits and hyphens", which
// it is (issue 22's third trial).
func TestDatabaseHostSaysWhatIsWrong(t *testing.T) {
	for _, c := range []struct{ host, want string }{
		{"300.1.1.1", "is not an IP address: an IPv4 address is four numbers from 0 to 255"},
		{"10.0.0.256", "is not an IP address"},
		{"db.123", "must end in a name, not a number"},
		{strings.Repeat("a", 64) + ".example.com", "has a part of 64 characters between dots; a DNS name's parts are at most 63"},
		{"10.0.0.1", ""},
		{"db1.example.com", ""},
		{"db.example.com.", ""},
		{"1password.example.com", ""},
		{"::1", ""},
	} {
		wantVerdict(t, c.host, ValidateDatabaseHost(c.host), c.want)
	}
}

// An alias name of the right characters but over KMS's 256 (alias/
// included) is told its length; it was told which forms a key takes,
// which it had (issue 22's third trial).
func TestLongKMSAliasIsToldItsLength(t *testing.T) {
	for _, c := range []struct{ key, want string }{
		{"alias/" + strings.Repeat("a", 251), "is an alias name of 257 characters; KMS allows at most 256, alias/ included"},
		{"alias/" + strings.Repeat("a", 250), ""},
		{"alias/my key", "must be a KMS key ARN, alias ARN"},
	} {
		wantVerdict(t, c.key, ValidateKMSKey(c.key), c.want)
	}
}
