package scan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// readOne reads a CloudFormation template that must hold one secret.
func readOne(t *testing.T, name, src string) *Secret {
	t.Helper()
	res, err := CloudFormation(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want 1", len(res.Secrets))
	}
	return res.Secrets[0]
}

// TestForImportKeepsAtMostMaxTags (trial7b V24, wizard side): a template
// secret with 40,000 tags opened in the wizard took 35 s before the first
// question, and its draft held every tag. A secret can have at most 50:
// the wizard keeps that many and says how many the template gave.
func TestForImportKeepsAtMostMaxTags(t *testing.T) {
	var b strings.Builder
	b.WriteString("Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: x\n      Tags:\n")
	for i := range 120 {
		fmt.Fprintf(&b, "        - {Key: k%d, Value: v}\n", i)
	}
	s := readOne(t, "tags.yaml", b.String())
	if n := len(s.Design.Secret.Tags); n != 120 {
		t.Errorf("check reads %d tags, want all 120", n)
	}
	d, unknown := s.ForImport()
	if n := len(d.Secret.Tags); n != blueprint.MaxTags {
		t.Errorf("the wizard opens %d tags, want %d", n, blueprint.MaxTags)
	}
	if why := unknown["secret.tags"]; !strings.Contains(why, "120 tags") || !strings.Contains(why, "keeps the first 50") {
		t.Errorf("secret.tags marked %q, want the 120 tags and the 50 kept said", why)
	}
}
