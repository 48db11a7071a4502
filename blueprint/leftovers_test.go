package blueprint

import (
	"slices"
	"strings"
	"testing"
)

// A value that looks like secret material, typed in a statement's Sid,
// principal or condition value or in the alert email and refused there,
// is emptied by DropSecretMaterial like the naming fields before it, so
// it never reaches the draft; a plain typo in those fields is kept.
func TestDropSecretMaterialPolicyAndEmail(t *testing.T) {
	const pw = `{"password":"hunter2"}`
	d := validDesign()
	st := &d.ResourcePolicy.Statements[0]
	st.Sid = pw
	st.Principal.AWS = append(st.Principal.AWS, "password=hunter2", "arn:aws:iam::12345:role/typo")
	st.Condition[0].Values = append(st.Condition[0].Values, "token: hunter2", "vpce-typo")
	d.Monitoring.AlertEmail = "password=hunter2"
	got := d.DropSecretMaterial()
	want := []string{
		"resourcePolicy.statements[0].sid",
		"resourcePolicy.statements[0].principal.AWS[1]",
		IndexPath(ConditionPath(0, st.Condition[0]), 1),
		"monitoring.alertEmail",
	}
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("DropSecretMaterial() = %v, want it to drop %s", got, p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("DropSecretMaterial() = %v, want exactly %v", got, want)
	}
	for _, s := range []string{st.Sid, st.Principal.AWS[1], st.Condition[0].Values[1], d.Monitoring.AlertEmail} {
		if strings.Contains(s, "hunter2") {
			t.Errorf("the design keeps the refused %q", s)
		}
	}
	if st.Principal.AWS[2] != "arn:aws:iam::12345:role/typo" || st.Condition[0].Values[2] != "vpce-typo" {
		t.Errorf("a plain typo was dropped: %v %v", st.Principal.AWS, st.Condition[0].Values)
	}
}

// The host's example is in the design's region, or says REGION.
func TestDatabaseHostExample(t *testing.T) {
	for region, want := range map[string]string{
		"eu-west-1":  "payments.cluster-abc.eu-west-1.rds.amazonaws.com",
		"cn-north-1": "payments.cluster-abc.cn-north-1.rds.amazonaws.com.cn",
		"":           "payments.cluster-abc.REGION.rds.amazonaws.com",
	} {
		if got := DatabaseHostExample(region); got != want {
			t.Errorf("DatabaseHostExample(%q) = %q, want %q", region, got, want)
		}
	}
	if err := ValidateDatabaseHost(""); err == nil || strings.Contains(err.Error(), "us-east-1") {
		t.Errorf("ValidateDatabaseHost(\"\") = %v, want an example without another region", err)
	}
}
