package blueprint

import (
	"strings"
	"testing"
)

// A replica's messages name its region only when it validates; otherwise
// "the replica's region": the CloudFormation key message repeated
// "EU-West-1", refused on the line above it (trial 7a's T12).
func TestReplicaMessagesNameOnlyAValidRegion(t *testing.T) {
	d := &Design{Version: CurrentVersion, Secret: Secret{SecretID: "prod/db", Region: "us-east-1",
		ReplicaRegions: []Replica{{Region: "EU-West-1"}}}}
	var found bool
	for _, p := range d.ValidateFor(CloudFormationTemplate) {
		if p.Path != "secret.replicaRegions[0].kmsKeyArn" {
			continue
		}
		found = true
		if strings.Contains(p.Message, "EU-West-1") || !strings.Contains(p.Message, "cannot create a key in the replica's region") {
			t.Errorf("the key message builds on the invalid region: %s", p.Message)
		}
	}
	if !found {
		t.Fatal("no message for the replica's key")
	}
}
