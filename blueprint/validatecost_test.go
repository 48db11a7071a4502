package blueprint

import (
	"net/netip"
	"testing"
)

// Tests of the shortcuts that keep Validate and Check cheap on every
// keystroke (issue 19 §3): each shortcut must give the answer of the
// computation it stands in for, and the happy path must stay free of
// allocations.

// TestLargeDesignValidateAllocatesNothing: the benchmark design is valid,
// so Validate builds no path and no message for it.
func TestLargeDesignValidateAllocatesNothing(t *testing.T) {
	d := largeDesign()
	if n := testing.AllocsPerRun(20, func() { d.Validate() }); n != 0 {
		t.Errorf("Validate() on largeDesign allocates %.0f times, want none", n)
	}
}

// TestSecretMetadataShortTagsAllocateNothing: the key=value text the
// metadata rule reads stays on the stack when it is short, as tags are.
func TestSecretMetadataShortTagsAllocateNothing(t *testing.T) {
	d := largeDesign()
	if n := testing.AllocsPerRun(20, func() { checkSecretMetadata(d) }); n != 0 {
		t.Errorf("checkSecretMetadata(largeDesign) allocates %.0f times, want none", n)
	}
	// The rule still reads the joined text: the word before the = is in
	// the key, the value after it in the value.
	d.Secret.Tags = []Tag{{Key: "password", Value: "hunter2"}}
	if fs := checkSecretMetadata(d); len(fs) != 1 {
		t.Errorf("checkSecretMetadata with tag password=hunter2 = %v, want one finding", fs)
	}
}

// mayBeIPAddrSeeds are strings around the shapes netip.ParseAddr takes.
var mayBeIPAddrSeeds = []string{
	"10.0.0.1", "::1", "::", "fe80::1%eth0", "2001:db8::", "a::b", "0.0.0.0", "1.2.3", "x:1",
	"db.example.com", "payments.cluster-abc.us-east-1.rds.amazonaws.com", "%", "::ffff:1.2.3.4", ".1.2.3",
}

func TestMayBeIPAddr(t *testing.T) {
	for _, s := range mayBeIPAddrSeeds {
		checkMayBeIPAddr(t, s)
	}
	if mayBeIPAddr("payments.cluster-abc.us-east-1.rds.amazonaws.com") {
		t.Error("mayBeIPAddr(a DNS name beginning with a letter) = true; the shortcut never applies")
	}
}

// FuzzMayBeIPAddr holds mayBeIPAddr to what it stands in for: it is true
// for every string netip.ParseAddr accepts.
func FuzzMayBeIPAddr(f *testing.F) {
	for _, s := range mayBeIPAddrSeeds {
		f.Add(s)
	}
	f.Fuzz(checkMayBeIPAddr)
}

func checkMayBeIPAddr(t *testing.T, s string) {
	if s == "" {
		return
	}
	if _, err := netip.ParseAddr(s); err == nil && !mayBeIPAddr(s) {
		t.Errorf("mayBeIPAddr(%q) = false, but netip.ParseAddr accepts it", s)
	}
}
