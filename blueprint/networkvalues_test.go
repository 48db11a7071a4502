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

// A value that names nothing AWS can hold is refused with what is wrong
// with it, and its neighbours that can be are accepted. Each refused value
// here was accepted, or told something beside the point, in issue 22's
// third trial.
func TestValuesSayWhatIsWrong(t *testing.T) {
	for _, c := range []struct {
		validate func(string) error
		value    string
		want     string // "" for accepted
	}{
		// A VPC's IPv4 CIDR block is /16 to /28 (VPC user guide): 0.0.0.0/0
		// or 10.0.0.0/8 names no VPC, and the endpoint's security group
		// would admit HTTPS from all of it.
		{ValidateCIDR, "0.0.0.0/0", "is a /0, but a VPC's IPv4 CIDR block is /16 to /28"},
		{ValidateCIDR, "10.0.0.0/8", "is a /8"},
		{ValidateCIDR, "10.0.0.0/29", "is a /29"},
		{ValidateCIDR, "10.0.0.0/16", ""},
		{ValidateCIDR, "10.0.0.16/28", ""},
		{ValidateCIDR, "2001:db8:1234:1a00::/56", ""},

		// A database host is an IP address or a DNS name: 300.1.1.1 was
		// accepted as a name of four numbers, and a 64-character part was
		// told "letters, digits and hyphens", which it is.
		{ValidateDatabaseHost, "300.1.1.1", "is not an IP address: an IPv4 address is four numbers from 0 to 255"},
		{ValidateDatabaseHost, "10.0.0.256", "is not an IP address"},
		{ValidateDatabaseHost, "db.123", "must end in a name, not a number"},
		{ValidateDatabaseHost, strings.Repeat("a", 64) + ".example.com", "has a part of 64 characters between dots; a DNS name's parts are at most 63"},
		{ValidateDatabaseHost, "10.0.0.1", ""},
		{ValidateDatabaseHost, "db1.example.com", ""},
		{ValidateDatabaseHost, "db.example.com.", ""},
		{ValidateDatabaseHost, "1password.example.com", ""},
		{ValidateDatabaseHost, "::1", ""},

		// A KMS alias name of the right characters but over KMS's 256
		// (alias/ included) is told its length; it was told which forms a
		// key takes, which it had.
		{ValidateKMSKey, "alias/" + strings.Repeat("a", 251), "is an alias name of 257 characters; KMS allows at most 256, alias/ included"},
		{ValidateKMSKey, "alias/" + strings.Repeat("a", 250), ""},
		{ValidateKMSKey, "alias/my key", "must be a KMS key ARN, alias ARN"},
	} {
		wantVerdict(t, c.value, c.validate(c.value), c.want)
	}
}
