package blueprint

import (
	"slices"
	"strings"
	"testing"
)

// TestReaderSideCoversReplicas checks that the identity policy a reader is
// given lets it read a replica too: a reader in the replica's region calls
// GetSecretValue on the replica's ARN (its own region) and Secrets Manager
// there decrypts with the replica's own key, so an identity policy naming
// only the primary region's secret and key refuses every read of the
// replica.
func TestReaderSideCoversReplicas(t *testing.T) {
	d := validDesign()
	sides := d.Walk(nil).ReaderSides(d)
	if len(sides) == 0 {
		t.Fatal("no reader side for the design's reader")
	}
	for _, rs := range sides {
		var secrets, keys []string
		for _, st := range rs.IdentityPolicy.Statement {
			switch {
			case slices.Contains(st.Action, "secretsmanager:GetSecretValue"):
				secrets = append(secrets, st.Resource...)
			case slices.Contains(st.Action, "kms:Decrypt"):
				keys = append(keys, st.Resource...)
			}
		}
		for _, region := range []string{"us-east-1", "eu-west-1"} {
			if !slices.ContainsFunc(secrets, func(s string) bool { return strings.Contains(s, ":secretsmanager:"+region+":") }) {
				t.Errorf("%s: GetSecretValue resources %q do not name the secret in %s", rs.Reader, secrets, region)
			}
		}
		for _, k := range []string{keyARN, euKeyARN} {
			if !slices.Contains(keys, k) {
				t.Errorf("%s: kms:Decrypt resources %q do not name the key %s", rs.Reader, keys, k)
			}
		}
	}
}
