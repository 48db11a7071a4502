package blueprint

import (
	"strings"
	"testing"
)

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
		err := ValidateDatabaseHost(c.host)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want it accepted", c.host, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want it to say %q", c.host, err, c.want)
		}
	}
}
