package scan

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// Issue 22 (item 6 leftover 7): the markers of values not known were kept
// in a set of the process that was never cleared, so every Terraform
// import of a long wizard session added to it. They belong to one read:
// the configuration that made a marker knows it, another one does not.
func TestMarkersBelongToOneRead(t *testing.T) {
	one, other := &tfConfig{}, &tfConfig{}
	v := cty.StringVal("prefix-" + one.refMarker("aws_kms_key.k", "arn").AsString())
	if !one.markersIntact(v) {
		t.Errorf("the read that made the marker does not know it")
	}
	if other.markersIntact(v) {
		t.Errorf("another read knows a marker it did not make: the markers outlive their read")
	}
	if len(other.issued) != 0 {
		t.Errorf("another read holds %d markers, want none", len(other.issued))
	}
}
