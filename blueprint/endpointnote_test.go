package blueprint

import "testing"

// The header line that records a hosted function's endpoint reads back as
// the endpoint it records, a comment marker and spaces around it or not;
// a line whose endpoint is not one the design takes is not read.
func TestEndpointNoteReadsBack(t *testing.T) {
	for _, ep := range []string{"vpce-0123456789abcdef0", EndpointExisting, EndpointNAT} {
		for _, line := range []string{EndpointNote(ep), "# " + EndpointNote(ep), "  #" + EndpointNote(ep) + "  "} {
			if got, ok := ReadEndpointNote(line); !ok || got != ep {
				t.Errorf("ReadEndpointNote(%q) = %q, %v, want %q", line, got, ok, ep)
			}
		}
	}
	for _, line := range []string{EndpointNote("vpce-NOPE"), EndpointNote("hunter2"), "# Rotation endpoint: nat", "# Blueprint rules waived: none"} {
		if got, ok := ReadEndpointNote(line); ok {
			t.Errorf("ReadEndpointNote(%q) = %q, want nothing read", line, got)
		}
	}
	// Recorded only for a function in subnets whose endpoint the template
	// does not create.
	h := &HostedRotationLambda{VPCSubnetIDs: []string{"subnet-0123456789abcdef0"}, Endpoint: EndpointNAT}
	if got := h.RecordedEndpoint(); got != EndpointNAT {
		t.Errorf("RecordedEndpoint = %q, want nat", got)
	}
	h.VPCID = "vpc-0123456789abcdef0"
	if got := h.RecordedEndpoint(); got != "" {
		t.Errorf("with vpcId, RecordedEndpoint = %q, want none", got)
	}
	if got := (*HostedRotationLambda)(nil).RecordedEndpoint(); got != "" {
		t.Errorf("no hosted function: %q", got)
	}
}
