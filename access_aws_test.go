package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/secretsmith/secretsmith/internal/motoserver"
)

// motoConfig starts moto (startMoto), points the commands at it through
// AWS_ENDPOINT_URL, and returns an SDK configuration for seeding it.
func motoConfig(t *testing.T) (*motoserver.Server, aws.Config) {
	t.Helper()
	srv := startMoto(t)
	t.Setenv("AWS_ENDPOINT_URL", srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")), config.WithBaseEndpoint(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv, cfg
}

// TestAccessAWSOneSourceOfTruth: with --aws, access reads the given key's
// real policy once (the aws-key-policy-decrypt verification) and the
// walk-through says what it found; it neither claims it cannot see the
// policy nor prints a REGION placeholder (the account's region resolves it).
func TestAccessAWSOneSourceOfTruth(t *testing.T) {
	_, cfg := motoConfig(t)
	ctx := context.Background()
	const reader = "arn:aws:iam::123456789012:role/app"
	policy := `{"Version":"2012-10-17","Statement":[
{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
{"Sid":"App","Effect":"Allow","Principal":{"AWS":"` + reader + `"},"Action":"kms:Decrypt","Resource":"*",
 "Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}}]}`
	key, err := kms.NewFromConfig(cfg).CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(policy)})
	if err != nil {
		t.Fatal(err)
	}
	design := filepath.Join(t.TempDir(), "app.yaml")
	yaml := `version: 1
name: app
secret:
  secretId: prod/app
  kmsKeyArn: ` + aws.ToString(key.KeyMetadata.Arn) + `
resourcePolicy:
  statements:
    - sid: App
      effect: Allow
      principal: {AWS: ["` + reader + `"]}
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
`
	if err := os.WriteFile(design, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"access", "--aws", "--region", "us-east-1", design}, nil, &out, &errb); code != exitOK {
		t.Fatalf("exit %d, want 0\n%s%s", code, out.String(), errb.String())
	}
	got := out.String()
	for _, bad := range []string{"cannot see", "REGION", "check the key policy"} {
		if strings.Contains(got, bad) {
			t.Errorf("access --aws says %q though it read the key policy:\n%s", bad, got)
		}
	}
	for _, want := range []string{"the key's policy in the account lets it decrypt", "secretsmanager.us-east-1.amazonaws.com"} {
		if !strings.Contains(got, want) {
			t.Errorf("access --aws lacks %q:\n%s", want, got)
		}
	}
}

// TestAccessAWSResolvesTheRegion: a design that names no region gets the
// account's in every statement access --aws prints, not REGION.
func TestAccessAWSResolvesTheRegion(t *testing.T) {
	useFake(t, &fakeAccount{})
	var out, errb bytes.Buffer
	if code := run([]string{"access", "--aws", "examples/payments-db.yaml"}, nil, &out, &errb); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	if strings.Contains(out.String(), "REGION") || !strings.Contains(out.String(), "secretsmanager.eu-west-1.amazonaws.com") {
		t.Errorf("access --aws does not resolve the region from the account (eu-west-1):\n%s", out.String())
	}
}

// TestAccessAWSJudgesTheDeployerAndOrganization: with --aws, the caller is
// the deployer as aws:PrincipalArn sees it (an assumed-role session
// becomes its role's ARN, path and all, read with iam:GetRole) and the
// account's organization decides aws:PrincipalOrgID, so Denies that
// except the deploy role and the organization are judged; offline, the
// same calls are left undecided. Without an organization the report
// notes it and still succeeds.
func TestAccessAWSJudgesTheDeployerAndOrganization(t *testing.T) {
	_, cfg := motoConfig(t)
	ctx := context.Background()
	const trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`
	role, err := iam.NewFromConfig(cfg).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("deploy"), Path: aws.String("/ci/"),
		AssumeRolePolicyDocument: aws.String(trust)})
	if err != nil {
		t.Fatal(err)
	}
	roleARN := aws.ToString(role.Role.Arn)
	if roleARN != "arn:aws:iam::123456789012:role/ci/deploy" {
		t.Fatalf("moto made the role %s", roleARN)
	}
	design := filepath.Join(t.TempDir(), "app.yaml")
	writeDesign := func(org string) {
		yaml := `version: 1
name: app
secret:
  secretId: prod/app
  region: us-east-1
  tags: {owner: app}
resourcePolicy:
  statements:
    - sid: App
      effect: Allow
      principal: {AWS: ["arn:aws:iam::123456789012:role/app"]}
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
    - sid: OnlyTheOrganization
      effect: Deny
      principal: "*"
      action: ["secretsmanager:*"]
      resource: "*"
      condition: {StringNotEquals: {"aws:PrincipalOrgID": "` + org + `"}}
    - sid: OnlyThroughTheEndpoint
      effect: Deny
      principal: "*"
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
      condition:
        StringNotEquals: {"aws:SourceVpce": "vpce-0123456789abcdef0"}
        ArnNotLike: {"aws:PrincipalArn": "` + roleARN + `"}
`
		if err := os.WriteFile(design, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	access := func(args ...string) (accessDoc, string) {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(append([]string{"access", "--output", "json"}, append(args, design)...), nil, &out, &errb); code != exitOK {
			t.Fatalf("access %v: exit %d\n%s%s", args, code, out.String(), errb.String())
		}
		var doc accessDoc
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatalf("access %v: %v\n%s", args, err, out.String())
		}
		return doc, errb.String()
	}
	// Terraform's refresh reads the value: the first Deny is decided by
	// the organization, the second by the deployer's ARN.
	terraformRead := func(doc accessDoc) []string {
		var out []string
		for _, ph := range doc.Walkthrough {
			for _, ac := range ph.Actors {
				if ac.Kind != "deployer" || !slices.Contains(ac.Templates, "terraform") {
					continue
				}
				for _, c := range ac.Calls {
					if c.Action == "secretsmanager:GetSecretValue" {
						out = append(out, ph.Phase+" "+c.Outcome)
					}
				}
			}
		}
		return out
	}

	// No organization yet, and the caller is moto's own user.
	writeDesign("o-a1b2c3d4e5")
	doc, stderr := access("--aws")
	if !strings.Contains(stderr, "not in an organization") {
		t.Errorf("no note that the account is in no organization:\n%s", stderr)
	}
	// moto names its default caller arn:aws:sts::123456789012:user/moto;
	// a user is its own aws:PrincipalArn, whatever it is called.
	if doc.Environment == nil || doc.Environment.OrganizationID != "" || !strings.HasSuffix(doc.Environment.DeployerARN, ":user/moto") {
		t.Errorf("environment without an organization: %+v", doc.Environment)
	}

	orgs := organizations.NewFromConfig(cfg)
	if _, err := orgs.CreateOrganization(ctx, &organizations.CreateOrganizationInput{}); err != nil {
		t.Fatal(err)
	}
	org, err := orgs.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	orgID := aws.ToString(org.Organization.Id)
	writeDesign(orgID)
	offline, _ := access()
	if got := terraformRead(offline); len(got) == 0 || slices.ContainsFunc(got, func(s string) bool { return !strings.HasSuffix(s, " unsure") }) {
		t.Errorf("offline, Terraform's reads are %v, want each unsure (the deployer and organization are not known)", got)
	}

	// As the deploy role's session: its role ARN is excepted, and the
	// account's organization is the one the policy names.
	creds, err := sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN), RoleSessionName: aws.String("ci-run")})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", aws.ToString(creds.Credentials.AccessKeyId))
	t.Setenv("AWS_SECRET_ACCESS_KEY", aws.ToString(creds.Credentials.SecretAccessKey))
	t.Setenv("AWS_SESSION_TOKEN", aws.ToString(creds.Credentials.SessionToken))
	doc, stderr = access("--aws")
	if doc.Environment == nil || doc.Environment.DeployerARN != roleARN || doc.Environment.OrganizationID != orgID {
		t.Fatalf("environment %+v, want the role %s (not the session) in %s\n%s", doc.Environment, roleARN, orgID, stderr)
	}
	if got := terraformRead(doc); len(got) == 0 || slices.ContainsFunc(got, func(s string) bool { return !strings.HasSuffix(s, " allowed") }) {
		t.Errorf("as the excepted deploy role in the organization, Terraform's reads are %v, want each allowed", got)
	}

	// Another organization in the policy: the first Deny refuses them.
	writeDesign("o-zzzzzzzzzz")
	doc, _ = access("--aws")
	if got := terraformRead(doc); len(got) == 0 || slices.ContainsFunc(got, func(s string) bool { return !strings.HasSuffix(s, " refused") }) {
		t.Errorf("outside the policy's organization, Terraform's reads are %v, want each refused", got)
	}
}

// accessDoc is the part of access --output json these tests read.
type accessDoc struct {
	Environment *struct {
		DeployerARN    string `json:"deployerArn"`
		OrganizationID string `json:"organizationId"`
	} `json:"environment"`
	Walkthrough []struct {
		Phase  string `json:"phase"`
		Actors []struct {
			Kind      string   `json:"kind"`
			Templates []string `json:"templates"`
			Label     string   `json:"label"`
			Calls     []struct {
				Action  string `json:"action"`
				Outcome string `json:"outcome"`
				Reason  string `json:"reason"`
			} `json:"calls"`
		} `json:"actors"`
	} `json:"walkthrough"`
}

// TestAccessSameAccountRoleExceptedFromEndpointDeny: a role of the
// secret's account, admitted by an Allow whose only condition is not
// about the network (the organization, or none), and left out of a Deny
// "outside these endpoints" (by its ARN, or as a member of the account's
// organization), reads from anywhere: the walk-through allows its read
// with no word of the endpoint, offline when the design says enough and
// with --aws (moto, in that organization) when the organization decides.
// Without the exception, both say it reads only through the endpoint.
func TestAccessSameAccountRoleExceptedFromEndpointDeny(t *testing.T) {
	_, cfg := motoConfig(t)
	ctx := context.Background()
	orgs := organizations.NewFromConfig(cfg)
	if _, err := orgs.CreateOrganization(ctx, &organizations.CreateOrganizationInput{}); err != nil {
		t.Fatal(err)
	}
	org, err := orgs.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	orgID := aws.ToString(org.Organization.Id)
	const app = "arn:aws:iam::123456789012:role/app"
	const (
		anywhere = "reads from anywhere"
		endpoint = "reads only through the endpoint"
		unsure   = "unsure"
	)
	design := filepath.Join(t.TempDir(), "app.yaml")
	for _, c := range []struct {
		name, allowCondition, exception string
		offline, online                 string
	}{
		{"by ARN, allowed in the organization", `{StringEquals: {"aws:PrincipalOrgID": "` + orgID + `"}}`,
			`ArnNotLike: {"aws:PrincipalArn": "` + app + `"}`, anywhere, anywhere},
		{"by ARN, allowed unconditionally", "", `ArnNotLike: {"aws:PrincipalArn": "` + app + `"}`, anywhere, anywhere},
		{"by account", "", `StringNotLike: {"aws:PrincipalAccount": "123456789012"}`, anywhere, anywhere},
		// Only the account knows its organization.
		{"by organization", "", `StringNotEqualsIfExists: {"aws:PrincipalOrgID": "` + orgID + `"}`, unsure, anywhere},
		{"another organization", "", `StringNotEqualsIfExists: {"aws:PrincipalOrgID": "o-zzzzzzzzzz"}`, unsure, endpoint},
		{"not excepted", "", "", endpoint, endpoint},
	} {
		yaml := `version: 1
name: app
secret:
  secretId: prod/app
  region: us-east-1
  tags: {owner: app}
resourcePolicy:
  statements:
    - sid: App
      effect: Allow
      principal: {AWS: ["` + app + `"]}
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
`
		if c.allowCondition != "" {
			yaml += "      condition: " + c.allowCondition + "\n"
		}
		yaml += `    - sid: OnlyThroughTheEndpoint
      effect: Deny
      principal: "*"
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
      condition:
        StringNotEquals: {"aws:SourceVpce": "vpce-0123456789abcdef0"}
`
		if c.exception != "" {
			yaml += "        " + c.exception + "\n"
		}
		if err := os.WriteFile(design, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, mode := range []struct {
			args []string
			want string
		}{{nil, c.offline}, {[]string{"--aws"}, c.online}} {
			var out, errb bytes.Buffer
			if code := run(append(append([]string{"access", "--output", "json"}, mode.args...), design), nil, &out, &errb); code != exitOK {
				t.Fatalf("%s %v: exit %d\n%s%s", c.name, mode.args, code, out.String(), errb.String())
			}
			var doc accessDoc
			if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			var reads []string
			for _, ph := range doc.Walkthrough {
				for _, ac := range ph.Actors {
					for _, call := range ac.Calls {
						if ac.Kind == "reader" && call.Action == "secretsmanager:GetSecretValue" {
							reads = append(reads, call.Outcome+": "+call.Reason)
						}
					}
				}
			}
			if len(reads) != 1 {
				t.Fatalf("%s %v: the reader's reads %q, want one", c.name, mode.args, reads)
			}
			got := unsure
			switch {
			case strings.HasPrefix(reads[0], "allowed: ") && strings.Contains(reads[0], "vpce-"):
				got = endpoint
			case strings.HasPrefix(reads[0], "allowed: "):
				got = anywhere
			}
			if got != mode.want {
				t.Errorf("%s %v: the role %s (%q), want it %s", c.name, mode.args, got, reads[0], mode.want)
			}
		}
	}
}
