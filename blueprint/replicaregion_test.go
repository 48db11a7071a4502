package blueprint

import (
	"strings"
	"testing"
)

// A replica region's error gives as its example a region other than the
// secret's, as the field's hint does (ReplicaRegionExample, one place for
// both): an empty replica of a secret in us-east-1 said "must be a region
// name such as us-east-1", the one region a replica cannot be in, and
// that it was malformed rather than missing (issue 22's third trial).
func TestReplicaRegionErrorNamesAnotherRegion(t *testing.T) {
	for _, c := range []struct {
		primary, replica string
		want             string
	}{
		{"us-east-1", "", "is required: the region to copy the secret to, such as eu-central-1"},
		{"eu-central-1", "", "such as eu-west-1"},
		{"eu-central-1", "eu central", "must be a region name such as eu-west-1"},
		{"cn-north-1", "", "such as cn-northwest-1"},
	} {
		d := compliantDesign()
		d.Secret.Region = c.primary
		d.Secret.KMSKeyARN = ""
		d.Secret.ReplicaRegions = []Replica{{Region: c.replica}}
		var got []string
		for _, p := range d.Validate() {
			if p.Path == "secret.replicaRegions[0].region" {
				got = append(got, p.Message)
			}
		}
		if len(got) != 1 || !strings.Contains(got[0], c.want) {
			t.Errorf("secret in %s, replica %q: %q, want one message with %q", c.primary, c.replica, got, c.want)
		}
		if ex := ReplicaRegionExample(c.primary); ex == c.primary || ex == "" {
			t.Errorf("ReplicaRegionExample(%s) = %q", c.primary, ex)
		}
	}
}
