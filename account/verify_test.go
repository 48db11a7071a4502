package account

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/secretsmith/secretsmith/blueprint"
)

// summary is "id path status" per check, for comparing whole lists.
func summary(cs []Check) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = fmt.Sprintf("%s %s %s", c.ID, c.Path, c.Status)
	}
	return out
}

func find(t *testing.T, cs []Check, id, path string) Check {
	t.Helper()
	for _, c := range cs {
		if c.ID == id && c.Path == path {
			return c
		}
	}
	t.Fatalf("no check %s at %s in:\n%s", id, path, strings.Join(summary(cs), "\n"))
	return Check{}
}

func expect(t *testing.T, cs []Check, id, path string, st Status, msg ...string) {
	t.Helper()
	c := find(t, cs, id, path)
	if c.Status != st {
		t.Errorf("%s at %s: %s (%s), want %s", id, path, c.Status, c.Message, st)
	}
	for _, m := range msg {
		if !strings.Contains(c.Message, m) {
			t.Errorf("%s at %s: message %q does not mention %q", id, path, c.Message, m)
		}
	}
}

func readerPolicy(principals ...string) *blueprint.ResourcePolicy {
	return &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "Read", Effect: "Allow",
		Principal: &blueprint.Principal{AWS: principals}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}
}

func goodDesign(f fixture) *blueprint.Design {
	return &blueprint.Design{
		Version: 1,
		Secret: blueprint.Secret{SecretID: "prod/app", KMSKeyARN: f.keyShared,
			ReplicaRegions: []blueprint.Replica{{Region: "eu-west-1", KMSKeyARN: f.keyEU}}},
		ResourcePolicy: readerPolicy(reader),
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{
			RotationType: "PostgreSQLMultiUser", RotationLambdaName: "app-rotation", KMSKeyARN: f.keyApp,
			MasterSecretARN: f.master, MasterSecretKMSKeyARN: f.keyApp,
			VPCSubnetIDs: []string{f.subA1, f.subA2}, VPCSecurityGroupIDs: []string{f.sgA}}},
	}
}

func TestVerifyPasses(t *testing.T) {
	url := moto(t)
	aa := newAnalyzer(t, noFindings)
	c := loadMoto(t, url, func(o *Options) { o.Endpoints = map[string]string{"access-analyzer": aa.URL} })
	f := seed(t, c)
	checks := c.Verify(ctx(t), goodDesign(f))
	want := []string{
		"aws-key-usable secret.kmsKeyArn pass",
		"aws-key-usable secret.replicaRegions[0].kmsKeyArn pass",
		"aws-key-usable rotation.hostedRotationLambda.kmsKeyArn pass",
		"aws-key-usable rotation.hostedRotationLambda.masterSecretKmsKeyArn pass",
		"aws-key-policy-decrypt secret.kmsKeyArn pass",
		"aws-master-secret rotation.hostedRotationLambda.masterSecretArn pass",
		"aws-master-secret-key rotation.hostedRotationLambda.masterSecretKmsKeyArn pass",
		"aws-subnets-exist rotation.hostedRotationLambda.vpcSubnetIds pass",
		"aws-subnets-two-zones rotation.hostedRotationLambda.vpcSubnetIds pass",
		"aws-network-one-vpc rotation.hostedRotationLambda.vpcSubnetIds pass",
		"aws-vpc-dns rotation.hostedRotationLambda.vpcId pass",
		"aws-vpc-endpoint rotation.hostedRotationLambda.vpcSubnetIds pass",
		"aws-rotation-function-name-free rotation.hostedRotationLambda.rotationLambdaName pass",
		"aws-policy-access-analyzer resourcePolicy pass",
	}
	if got := summary(checks); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("Verify:\n got %s\nwant %s\nmessages: %+v", strings.Join(got, "\n     "), strings.Join(want, "\n     "), checks)
	}
	if Failed(checks) {
		t.Error("Failed() is true for passing checks")
	}
	expect(t, checks, CheckKeyPolicy, "secret.kmsKeyArn", StatusPass, reader)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.vpcSubnetIds", StatusPass, f.endpointA)
	expect(t, checks, CheckSubnetsZones, "rotation.hostedRotationLambda.vpcSubnetIds", StatusPass, "us-east-1a, us-east-1b")
	// Access Analyzer got the design's policy as a resource policy, with no
	// resource type (the service accepts none for secrets).
	if len(aa.requests) != 1 {
		t.Fatalf("access analyzer saw %d requests, want 1", len(aa.requests))
	}
	rq := aa.requests[0]
	doc, _ := goodDesign(f).ResourcePolicy.DocumentJSON()
	if rq["policyType"] != "RESOURCE_POLICY" || rq["policyDocument"] != string(doc) || rq["validatePolicyResourceType"] != nil {
		t.Errorf("ValidatePolicy request = %v", rq)
	}
}

func TestVerifyFails(t *testing.T) {
	url := moto(t)
	aa := newAnalyzer(t, func(_ string, w http.ResponseWriter) {
		io.WriteString(w, `{"findings":[
			{"findingType":"SECURITY_WARNING","issueCode":"PASS_ROLE_WITH_STAR_IN_RESOURCE","findingDetails":"too broad","learnMoreLink":"https://docs.aws.amazon.com/x","locations":[]},
			{"findingType":"SUGGESTION","issueCode":"EMPTY_ARRAY_CONDITION","findingDetails":"empty","learnMoreLink":"https://docs.aws.amazon.com/y","locations":[]}]}`)
	})
	c := loadMoto(t, url, func(o *Options) { o.Endpoints = map[string]string{"access-analyzer": aa.URL} })
	f := seed(t, c)
	const outsider = "arn:aws:iam::999999999999:role/outsider"
	d := goodDesign(f)
	d.Secret.KMSKeyARN = f.keyPlain // default key policy: its own account only
	d.Secret.ReplicaRegions[0].KMSKeyARN = "alias/missing"
	d.ResourcePolicy = readerPolicy(reader, outsider)
	h := d.Rotation.HostedRotationLambda
	h.KMSKeyARN = f.keyDisabled
	h.MasterSecretKMSKeyARN = f.keySign
	h.VPCSubnetIDs = []string{f.subB1, f.subB2}
	h.VPCSecurityGroupIDs = []string{f.sgB}
	h.RotationLambdaName = f.takenFunction
	checks := c.Verify(ctx(t), d)
	if !Failed(checks) {
		t.Fatal("Failed() is false")
	}
	expect(t, checks, CheckKeyUsable, "secret.kmsKeyArn", StatusPass)
	expect(t, checks, CheckKeyUsable, "secret.replicaRegions[0].kmsKeyArn", StatusFail, "alias/missing", "does not exist in eu-west-1")
	expect(t, checks, CheckKeyUsable, "rotation.hostedRotationLambda.kmsKeyArn", StatusFail, "is Disabled")
	expect(t, checks, CheckKeyUsable, "rotation.hostedRotationLambda.masterSecretKmsKeyArn", StatusFail, "RSA_2048, not symmetric", "SIGN_VERIFY")
	expect(t, checks, CheckKeyPolicy, "secret.kmsKeyArn", StatusFail, reader, outsider, f.keyPlain)
	expect(t, checks, CheckMasterSecret, "rotation.hostedRotationLambda.masterSecretArn", StatusPass)
	expect(t, checks, CheckMasterSecretKey, "rotation.hostedRotationLambda.masterSecretKmsKeyArn", StatusFail, f.keyApp, f.keySign)
	expect(t, checks, CheckSubnetsExist, "rotation.hostedRotationLambda.vpcSubnetIds", StatusPass)
	expect(t, checks, CheckSubnetsZones, "rotation.hostedRotationLambda.vpcSubnetIds", StatusFail, "1 availability zone (us-east-1a)")
	expect(t, checks, CheckOneVPC, "rotation.hostedRotationLambda.vpcSubnetIds", StatusPass, f.vpcB)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.vpcSubnetIds", StatusFail, f.vpcB, "no Secrets Manager interface endpoint")
	expect(t, checks, CheckVPCDNS, "rotation.hostedRotationLambda.vpcId", StatusFail, "enableDnsHostnames off", "aws ec2 modify-vpc-attribute --vpc-id "+f.vpcB+" --enable-dns-hostnames")
	expect(t, checks, CheckFunctionNameFree, "rotation.hostedRotationLambda.rotationLambdaName", StatusFail, f.takenFunction, "already exists")
	expect(t, checks, CheckPolicyAccessAnalyze, "resourcePolicy", StatusFail, "1 errors or security warnings")
	aaCheck := find(t, checks, CheckPolicyAccessAnalyze, "resourcePolicy")
	if len(aaCheck.Findings) != 2 || aaCheck.Findings[0] != (Finding{"SECURITY_WARNING", "PASS_ROLE_WITH_STAR_IN_RESOURCE", "too broad", "https://docs.aws.amazon.com/x"}) ||
		aaCheck.Findings[1].Code != "EMPTY_ARRAY_CONDITION" {
		t.Errorf("findings = %+v", aaCheck.Findings)
	}

	// Who reads is the access model's answer: an outsider the policy
	// allows and then denies outright is no reader the key must serve.
	d2 := goodDesign(f)
	d2.ResourcePolicy = readerPolicy(reader, outsider)
	d2.ResourcePolicy.Statements = append(d2.ResourcePolicy.Statements, blueprint.Statement{Sid: "NoOutsider", Effect: "Deny",
		Principal: &blueprint.Principal{AWS: []string{outsider}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}})
	checks2 := c.Verify(ctx(t), d2)
	expect(t, checks2, CheckKeyPolicy, "secret.kmsKeyArn", StatusPass, reader)
	if m := find(t, checks2, CheckKeyPolicy, "secret.kmsKeyArn").Message; strings.Contains(m, outsider) {
		t.Errorf("the denied outsider counts as a reader: %s", m)
	}

	// A NAT route from every subnet reaches Secrets Manager too: first for
	// one subnet only (still failing), then through the VPC's main table.
	nat := natGateway(t, c, f.vpcB, f.subB1)
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.vpcSubnetIds", StatusFail, "not every subnet has a NAT route")
	mainRoute(t, c, f.vpcB, nat)
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.vpcSubnetIds", StatusPass, "NAT gateway "+nat)

	// What the design says about reaching Secrets Manager is checked.
	h.Endpoint = blueprint.EndpointExisting
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.endpoint", StatusFail, "has none")
	h.Endpoint = blueprint.EndpointNAT
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.endpoint", StatusPass, "NAT gateway "+nat)
	h.Endpoint, h.VPCID = "", f.vpcA
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCID, "rotation.hostedRotationLambda.vpcId", StatusFail, "the subnets are in "+f.vpcB)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.vpcId", StatusPass, "the template creates one")
	h.VPCSubnetIDs, h.VPCSecurityGroupIDs = []string{f.subA1, f.subA2}, []string{f.sgA}
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCID, "rotation.hostedRotationLambda.vpcId", StatusPass)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.vpcId", StatusFail, "already has the Secrets Manager endpoint "+f.endpointA)
	h.Endpoint, h.VPCID = blueprint.EndpointExisting, ""
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.endpoint", StatusPass, f.endpointA)
	// Given by id, the endpoint must be the subnets' VPC's.
	h.Endpoint = f.endpointA
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.endpoint", StatusPass, f.endpointA)
	h.Endpoint = "vpce-0123456789abcdef0"
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.endpoint", StatusFail, "no Secrets Manager endpoint vpce-0123456789abcdef0")
	h.Endpoint = blueprint.EndpointNAT
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckVPCEndpoint, "rotation.hostedRotationLambda.endpoint", StatusFail, "not every subnet")
	h.Endpoint = ""

	// Subnets of two VPCs, and ids that do not exist.
	h.VPCSubnetIDs = []string{f.subA1, f.subB1}
	h.VPCSecurityGroupIDs = []string{f.sgA}
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckOneVPC, "rotation.hostedRotationLambda.vpcSubnetIds", StatusFail, "2 VPCs", f.vpcA, f.vpcB)
	h.VPCSubnetIDs = []string{f.subA1, "subnet-0123456789abcdef0"}
	h.VPCSecurityGroupIDs = []string{"sg-0123456789abcdef0"}
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckSubnetsExist, "rotation.hostedRotationLambda.vpcSubnetIds", StatusFail, "subnet-0123456789abcdef0")
	expect(t, checks, CheckOneVPC, "rotation.hostedRotationLambda.vpcSecurityGroupIds", StatusFail, "sg-0123456789abcdef0")

	// A master secret that does not exist, and one with the AWS managed key.
	h.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/nope-AbCdEf"
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckMasterSecret, "rotation.hostedRotationLambda.masterSecretArn", StatusFail, "does not exist")
	h.MasterSecretARN = f.other
	h.MasterSecretKMSKeyARN = f.keyApp
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckMasterSecretKey, "rotation.hostedRotationLambda.masterSecretKmsKeyArn", StatusFail, "aws/secretsmanager")
}

func TestVerifyExistingSecretAndCustomFunction(t *testing.T) {
	url := moto(t)
	aa := newAnalyzer(t, noFindings)
	c := loadMoto(t, url, func(o *Options) { o.Endpoints = map[string]string{"access-analyzer": aa.URL} })
	f := seed(t, c)
	d, err := c.LoadSecret(ctx(t), f.existing)
	if err != nil {
		t.Fatal(err)
	}
	d.Rotation = &blueprint.Rotation{AutomaticallyAfterDays: 30, RotationLambdaARN: "arn:aws:lambda:us-east-1:123456789012:function:" + f.takenFunction}
	checks := c.Verify(ctx(t), d)
	want := []string{
		"aws-existing-secret secret.existingSecretArn pass",
		"aws-key-policy-decrypt secret.existingSecretArn pass",
		"aws-rotation-function-exists rotation.rotationLambdaArn pass",
		"aws-policy-access-analyzer resourcePolicy pass",
		// The design rotates; the deployed secret does not yet.
		"aws-drift rotation FAIL",
	}
	if got := summary(checks); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("Verify:\n got %s\nwant %s\n%+v", strings.Join(got, "\n     "), strings.Join(want, "\n     "), checks)
	}
	// The function's configuration names its role: the check carries it
	// and the walk-through's environment takes it.
	const role = "arn:aws:iam::123456789012:role/rotation"
	expect(t, checks, CheckFunctionExists, "rotation.rotationLambdaArn", StatusPass, "runs as "+role)
	if env := Environment(checks); env.RotationRoleARN != role {
		t.Errorf("Environment().RotationRoleARN = %q, want %q", env.RotationRoleARN, role)
	}

	d.Secret.ExistingSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/gone-AbCdEf"
	d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:gone"
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckExistingSecret, "secret.existingSecretArn", StatusFail, "does not exist")
	expect(t, checks, CheckFunctionExists, "rotation.rotationLambdaArn", StatusFail, "does not exist")

	// A design for another region says so.
	d.Secret.Region = "eu-west-1"
	d.Secret.ExistingSecretARN = ""
	d.Secret.SecretID = "x"
	checks = c.Verify(ctx(t), d)
	expect(t, checks, CheckRegion, "secret.region", StatusFail, "--region eu-west-1")
}

// TestVerifyDrift: a deployed secret that differs from its design is
// reported field by field, each difference at the design's path with the
// account's value; one that matches says so.
func TestVerifyDrift(t *testing.T) {
	url := moto(t)
	aa := newAnalyzer(t, noFindings)
	c := loadMoto(t, url, func(o *Options) { o.Endpoints = map[string]string{"access-analyzer": aa.URL} })
	f := seed(t, c)
	sm := c.secrets()
	cx := ctx(t)
	must[*secretsmanager.CreateSecretOutput](t, "drift")(sm.CreateSecret(cx, &secretsmanager.CreateSecretInput{Name: aws.String("prod/drift"),
		KmsKeyId: aws.String(f.keyApp), Tags: []smtypes.Tag{{Key: aws.String("owner"), Value: aws.String("payments")}, {Key: aws.String("cost"), Value: aws.String("42")}}}))
	must[*secretsmanager.PutResourcePolicyOutput](t, "policy")(sm.PutResourcePolicy(cx, &secretsmanager.PutResourcePolicyInput{
		SecretId: aws.String("prod/drift"), ResourcePolicy: aws.String(existingPolicy)}))
	deployed, err := blueprint.ParsePolicyJSON([]byte(existingPolicy))
	if err != nil {
		t.Fatal(err)
	}
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/drift", KMSKeyARN: f.keyApp,
		Tags: []blueprint.Tag{{Key: "owner", Value: "payments"}, {Key: "cost", Value: "42"}}},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: deployed}}
	expect(t, c.Verify(cx, d), CheckDrift, "secret", StatusPass, "matches the design")

	d.Secret.KMSKeyARN = f.keyPlain
	d.Secret.Tags = []blueprint.Tag{{Key: "owner", Value: "orders"}}
	d.ResourcePolicy.Statements[0].Action = []string{"secretsmanager:DescribeSecret"}
	d.Rotation = &blueprint.Rotation{AutomaticallyAfterDays: 30, RotationLambdaARN: "arn:aws:lambda:us-east-1:123456789012:function:" + f.takenFunction}
	checks := c.Verify(cx, d)
	expect(t, checks, CheckDrift, "secret.kmsKeyArn", StatusFail, "but the deployed secret is encrypted with "+f.keyApp)
	expect(t, checks, CheckDrift, "secret.tags", StatusFail, `tag owner is "orders" in the design, "payments" in the account`)
	if !slices.ContainsFunc(checks, func(c Check) bool {
		return c.Path == "secret.tags" && strings.Contains(c.Message, "the account has tag cost=42")
	}) {
		t.Errorf("the account's extra tag is not reported: %+v", checks)
	}
	expect(t, checks, CheckDrift, "resourcePolicy.statements[0]", StatusFail, "statement Read differs from the deployed one")
	expect(t, checks, CheckDrift, "rotation", StatusFail, "rotation is not enabled on the deployed secret")
}
