package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// auditFixture is an audit of two regions with every status: the
// blueprint's rules judged on three designs of generate's test data (one
// with waivers), the account's rules set by hand (failed with a finding,
// cannot verify, met), and notices, one with characters a terminal or a
// JSON reader would take for something else.
func auditFixture(t testing.TB) *account.AuditReport {
	t.Helper()
	rep := &account.AuditReport{
		Identity: account.Identity{Account: "123456789012", Partition: "aws", ARN: "arn:aws:iam::123456789012:role/auditor", Region: "us-east-1"},
		Regions:  []string{"us-east-1", "eu-west-1"},
		Notices:  []string{"eu-west-1: lambda:ListFunctions was denied <&> \x1b[31mred"},
		Calls:    map[string]int{"secretsmanager:DescribeSecret": 3, "secretsmanager:ListSecrets": 2},
	}
	for i, name := range []string{"waivers.yaml", "minimal.yaml", "full.yaml"} {
		path := filepath.Join("..", "..", "generate", "testdata", "designs", name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		d := designfile.Decode(path, data).Design
		if d == nil {
			t.Fatalf("%s does not decode", path)
		}
		results := blueprint.Check(d).Results
		for j, dr := range blueprint.DeployedRules {
			r := blueprint.RuleResult{Rule: &blueprint.DeployedRules[j].Rule}
			switch (i + j) % 4 {
			case 0:
				r.Status = blueprint.StatusNotMet
				r.Findings = []blueprint.Finding{{Rule: dr.ID, Path: "secret.rotation", Message: "version v2 is labelled AWSPENDING <not> AWSCURRENT"}}
			case 1:
				r.Status, r.Note = blueprint.StatusCannotVerify, "the call was denied"
			case 2:
				r.Status = blueprint.StatusMet
			default:
				r.Status, r.WaiverReason = blueprint.StatusWaived, "accepted\n  by the   team"
			}
			results = append(results, r)
		}
		s := account.AuditedSecret{
			ARN:     "arn:aws:secretsmanager:" + rep.Regions[i%2] + ":123456789012:secret:" + name + "-AbCdEf",
			Name:    "prod/" + name,
			Region:  rep.Regions[i%2],
			Design:  d,
			Results: results,
		}
		if i == 1 {
			s.Notices = []string{"kms:DescribeKey was denied"}
			s.External = []account.ExternalAccess{{ID: "f-1", Principal: map[string]string{"AWS": "444455556666"},
				Actions: []string{"secretsmanager:GetSecretValue"}, Condition: map[string]string{"aws:SourceVpce": "vpce-0123456789abcdef0"}}}
		}
		rep.Secrets = append(rep.Secrets, s)
	}
	return rep
}
