package blueprint

import (
	"strings"
	"testing"
)

// TestMasterSecretFromTemplate: a masterarn in the secret's JSON template
// gives the master secret as host, port, dbname and username give theirs
// (issue 22, trial 7a T5): masterSecretArn may be left out, and the value
// is MasterSecret's, which generate and the walk use. A masterarn that is
// not a secret ARN gives nothing (it may be a pasted password) and stays
// an error of the template.
func TestMasterSecretFromTemplate(t *testing.T) {
	const path = "rotation.hostedRotationLambda.masterSecretArn"
	fromTemplate := func(masterarn string) *Design {
		d := validDesign()
		d.Rotation.HostedRotationLambda.MasterSecretARN = ""
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","masterarn":"` + masterarn + `"}`
		return d
	}

	d := fromTemplate(masterARN)
	if got := d.MasterSecret(); got != masterARN {
		t.Errorf("MasterSecret() = %q, want the template's masterarn %q", got, masterARN)
	}
	if got := d.TemplateConnection(path); got != masterARN {
		t.Errorf("TemplateConnection(%s) = %q, want %q", path, got, masterARN)
	}
	if ps := d.Validate().At(path); len(ps) > 0 {
		t.Errorf("Validate with masterarn in the template: %s: %v, want no problem", path, ps)
	}

	// The template's value names this very secret: refused as the field is.
	self := fromTemplate("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/db-AbCdEf")
	if ps := self.Validate().At(path); len(ps) == 0 || !strings.Contains(ps[0].Message, "names this secret itself") {
		t.Errorf("masterarn naming this secret: %s: %v, want \"names this secret itself\"", path, ps)
	}

	// Not an ARN: not taken, and the template's error never shows it.
	bad := fromTemplate("hunter2secret")
	if got := bad.MasterSecret(); got != "" {
		t.Errorf("MasterSecret() with masterarn hunter2secret = %q, want \"\"", got)
	}
	if got := bad.TemplateConnection(path); got != "" {
		t.Errorf("TemplateConnection with masterarn hunter2secret = %q, want \"\"", got)
	}
	ps := bad.Validate()
	if len(ps.At("secret.generateSecretString.secretStringTemplate")) == 0 {
		t.Errorf("masterarn hunter2secret: no problem at the template: %v", ps)
	}
	if strings.Contains(ps.Error(), "hunter2") {
		t.Errorf("a message shows the refused masterarn: %v", ps)
	}

	// Neither given: still required.
	none := validDesign()
	none.Rotation.HostedRotationLambda.MasterSecretARN = ""
	if ps := none.Validate().At(path); len(ps) == 0 || !strings.Contains(ps[0].Message, "is required") {
		t.Errorf("no master secret anywhere: %s: %v, want \"is required\"", path, ps)
	}
}
