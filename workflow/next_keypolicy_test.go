package workflow

import (
	"os"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
)

// Issue 22's trial (trial8a W8): a replica whose key these templates do
// not manage must let the other account decrypt, which the Review warned
// of (given-key-readers) and the next steps never named. They say it, as a
// comment, with the key and the reader.
func TestNextStepsNameTheKeyPolicyToEdit(t *testing.T) {
	data, err := os.ReadFile("testdata/given-replica-key.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := designfile.Decode("given-replica-key.yaml", data)
	if f.Design == nil || len(f.Structure) > 0 {
		t.Fatalf("the design does not load: %v", f.Structure)
	}
	for _, format := range []generate.Format{generate.CloudFormation, generate.Terraform} {
		next := nextStep(format, "out", f.Design)
		if !strings.Contains(next, "\n# before its readers can decrypt, edit the policy of each key these templates do not manage:") ||
			!strings.Contains(next, "\n# secret.replicaRegions[0].kmsKeyArn: is managed outside these templates; its key policy must let account 444455556666") {
			t.Errorf("%s next steps do not name the key policy to edit:\n%s", format, next)
		}
	}
	// The example's own key is secretsmith's: nothing to edit.
	data, err = os.ReadFile("../examples/payments-db.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if next := nextStep(generate.CloudFormation, "out", designfile.Decode("p.yaml", data).Design); strings.Contains(next, "edit the policy") {
		t.Errorf("a design whose keys are all the templates' asks for a key policy edit:\n%s", next)
	}
}
