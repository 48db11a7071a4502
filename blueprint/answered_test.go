package blueprint

import "testing"

// Unanswered reads design-file paths through the design's own fields: a
// field holding nothing, or only empty values, is unanswered; a value,
// even a wrong one, answers it; a path naming no field is not unanswered.
func TestUnanswered(t *testing.T) {
	zero := 0
	d := &Design{Secret: Secret{SecretID: "prod/db", RecoveryWindowDays: &zero},
		ResourcePolicy: &ResourcePolicy{Statements: []Statement{
			{Principal: &Principal{}, Action: []string{"secretsmanager:GetSecretValue"}},
			{Principal: &Principal{AWS: []string{"12345"}}},
		}},
		Rotation: &Rotation{HostedRotationLambda: &HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}}}
	for path, want := range map[string]bool{
		"secret.secretId":                               false,
		"secret.existingSecretArn":                      true,
		"secret.recoveryWindowDays":                     false, // 0 is an answer
		"resourcePolicy.statements[0].principal":        true,
		"resourcePolicy.statements[0].action":           false,
		"resourcePolicy.statements[1].principal":        false,
		"resourcePolicy.statements[1].notPrincipal":     true,
		"resourcePolicy.statements[5].principal":        false, // no such statement
		"rotation.hostedRotationLambda.rotationType":    false,
		"rotation.hostedRotationLambda.masterSecretArn": true,
		"rotation.hostedRotationLambda.vpcSubnetIds":    true,
		"rotation.noSuchField":                          false,
		"monitoring.alertEmail":                         true,
	} {
		if got := d.Unanswered(path); got != want {
			t.Errorf("Unanswered(%s) = %v, want %v", path, got, want)
		}
	}
}
