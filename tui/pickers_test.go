package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
)

const (
	appKeyARN   = "arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111"
	plainKeyARN = "arn:aws:kms:eu-west-1:123456789012:key/22222222-2222-2222-2222-222222222222"
	usKeyARN    = "arn:aws:kms:us-east-1:123456789012:key/33333333-3333-3333-3333-333333333333"
	existingARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders-AbCdEf"
	readerRole  = "arn:aws:iam::210987654321:role/reader"
	rotationARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders-rotation"
)

func pickerAccount() *fakeAccount {
	return &fakeAccount{
		keys: map[string][]account.Key{
			"": {
				{ID: "11111111-1111-1111-1111-111111111111", ARN: appKeyARN, Aliases: []string{"alias/app"}, RotationKnown: true, RotationEnabled: true},
				{ID: "22222222-2222-2222-2222-222222222222", ARN: plainKeyARN, RotationKnown: true},
			},
			"us-east-1": {{ID: "33333333-3333-3333-3333-333333333333", ARN: usKeyARN, Aliases: []string{"alias/us"}}},
		},
		secrets: []account.Secret{{Name: "prod/orders", ARN: existingARN, RotationEnabled: true}},
		subnets: []account.Subnet{
			{ID: "subnet-0aaaaaaaaaaaaaaa1", VPCID: "vpc-0aaaaaaaaaaaaaaaa", AvailabilityZone: "eu-west-1a"},
			{ID: "subnet-0aaaaaaaaaaaaaaa2", VPCID: "vpc-0aaaaaaaaaaaaaaaa", AvailabilityZone: "eu-west-1b"},
			{ID: "subnet-0bbbbbbbbbbbbbbb1", VPCID: "vpc-0bbbbbbbbbbbbbbbb", AvailabilityZone: "eu-west-1a", VPCCIDR: "10.2.0.0/16"},
		},
		groups: []account.SecurityGroup{
			{ID: "sg-0aaaaaaaaaaaaaaaa", VPCID: "vpc-0aaaaaaaaaaaaaaaa", Name: "rotation-a"},
			{ID: "sg-0bbbbbbbbbbbbbbbb", VPCID: "vpc-0bbbbbbbbbbbbbbbb", Name: "rotation-b"},
		},
		eps: []account.Endpoint{{ID: "vpce-0aaaaaaaaaaaaaaaa", VPCID: "vpc-0aaaaaaaaaaaaaaaa", State: "available", PrivateDNS: true}},
		dbs: []account.Database{{Kind: "instance", Identifier: "orders-pg", Engine: "postgres", Host: "orders-pg.abc123.eu-west-1.rds.amazonaws.com",
			Port: 5432, ProposedRotationType: "PostgreSQLSingleUser"}},
		loaded: map[string]*blueprint.Design{existingARN: {Version: 1, Secret: blueprint.Secret{ExistingSecretARN: existingARN},
			ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "Read", Effect: "Allow",
				Principal: &blueprint.Principal{AWS: []string{readerRole}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}},
			Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 7, RotationLambdaARN: rotationARN}}},
	}
}

func connected(t *testing.T, f *fakeAccount) *Model {
	t.Helper()
	m := awsModel(t, func(context.Context) (account.Account, error) { return f, nil })
	runCmds(t, m, m.Init())
	return m
}

// TestPickKeySubnetsAndGroups picks a key, a VPC's subnets and its security
// group from the account, by completion, and sees the databases with the
// rotation type each needs.
func TestPickKeySubnetsAndGroups(t *testing.T) {
	f := pickerAccount()
	m := connected(t, f)

	m.gotoStep(stepEncryption)
	m.mode["kms"] = "existing"
	m.d.Secret.KMSKeyARN = ""
	m.refresh()
	m.focusID("secret.kmsKeyArn")
	press(t, m, "ctrl+u")
	s := screen(m)
	contains(t, s, "in the account (ctrl+l lists again):")
	contains(t, s, "• alias/app (rotation on)")
	contains(t, s, "• 22222222-2222-2222-2222-222222222222 (rotation off)")
	typeText(t, m, "alias/a")
	press(t, m, "right")
	if got := m.d.Secret.KMSKeyARN; got != "alias/app" {
		t.Fatalf("after completing: kmsKeyArn = %q, want alias/app", got)
	}
	// Free text stays possible.
	press(t, m, "ctrl+u")
	typeText(t, m, plainKeyARN)
	if m.d.Secret.KMSKeyARN != plainKeyARN {
		t.Errorf("typed key = %q", m.d.Secret.KMSKeyARN)
	}

	// A replica's key is listed in the replica's region.
	m.gotoStep(stepSecret)
	m.d.Secret.ReplicaRegions = []blueprint.Replica{{Region: "us-east-1"}}
	m.refresh()
	m.focusID("replica0.key")
	send(t, m, nil)
	contains(t, screen(m), "• alias/us (rotation unknown)")

	m.gotoStep(stepRotation)
	h := m.d.Rotation.HostedRotationLambda
	h.VPCSubnetIDs, h.VPCSecurityGroupIDs = nil, nil
	m.refresh()
	m.focusID(hosted + ".rotationType")
	send(t, m, nil)
	contains(t, screen(m), "• orders-pg postgres (instance,")
	m.focusID(hosted + ".vpcSubnetIds")
	press(t, m, "ctrl+u")
	s = screen(m)
	contains(t, s, "• vpc-0aaaaaaaaaaaaaaaa (endpoint vpce-0aaaaaaaaaaaaaaaa):")
	// Wrapped at spaces only, so each id stays whole (issue 11 item 15).
	contains(t, s, "subnet-0aaaaaaaaaaaaaaa1 eu-west-1a,")
	contains(t, s, "subnet-0aaaaaaaaaaaaaaa2 eu-west-1b")
	contains(t, s, "• vpc-0bbbbbbbbbbbbbbbb (no Secrets Manager endpoint):")
	typeText(t, m, "subnet-0a")
	press(t, m, "right")
	if got := strings.Join(h.VPCSubnetIDs, " "); got != "subnet-0aaaaaaaaaaaaaaa1 subnet-0aaaaaaaaaaaaaaa2" {
		t.Fatalf("subnets = %q, want both of vpc-0aaaaaaaaaaaaaaaa", got)
	}
	// The security groups offered are those of the subnets' VPC.
	m.focusID(hosted + ".vpcSecurityGroupIds")
	press(t, m, "ctrl+u")
	s = screen(m)
	contains(t, s, "• sg-0aaaaaaaaaaaaaaaa rotation-a (vpc-0aaaaaaaaaaaaaaaa)")
	if strings.Contains(s, "sg-0bbbbbbbbbbbbbbbb") {
		t.Errorf("a security group of another VPC is offered:\n%s", s)
	}
	typeText(t, m, "sg-")
	press(t, m, "right")
	if got := strings.Join(h.VPCSecurityGroupIDs, " "); got != "sg-0aaaaaaaaaaaaaaaa" {
		t.Errorf("security groups = %q", got)
	}

	// Each listing was fetched once; ctrl+l fetches again.
	n := count(f.calls, "subnets")
	m.focusID(hosted + ".vpcSubnetIds")
	send(t, m, tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	if count(f.calls, "subnets") != n+1 || count(f.calls, "keys/") != 1 {
		t.Errorf("calls = %v", f.calls)
	}
}

func count(calls []string, c string) int {
	n := 0
	for _, x := range calls {
		if x == c {
			n++
		}
	}
	return n
}

// TestPickExistingSecretLoadsItsConfiguration chooses an existing secret
// from the account, which brings in its deployed policy and rotation.
func TestPickExistingSecretLoadsItsConfiguration(t *testing.T) {
	f := pickerAccount()
	m := connected(t, f)
	m.gotoStep(stepStart)
	m.setStart("existing")
	m.refresh()
	m.focusID("secret.existingSecretArn")
	send(t, m, nil)
	contains(t, screen(m), "• prod/orders (rotating)")
	if m.d.ResourcePolicy != nil && len(m.d.ResourcePolicy.Statements) > 0 {
		t.Fatal("the existing design starts with a policy")
	}
	typeText(t, m, "arn:aws:secretsmanager:eu")
	press(t, m, "right")
	if m.d.Secret.ExistingSecretARN != existingARN {
		t.Fatalf("existingSecretArn = %q", m.d.Secret.ExistingSecretARN)
	}
	if p := m.d.ResourcePolicy; p == nil || len(p.Statements) != 1 || p.Statements[0].Principal.AWS[0] != readerRole {
		t.Fatalf("policy not loaded: %+v", p)
	}
	if r := m.d.Rotation; r == nil || r.RotationLambdaARN != rotationARN || r.AutomaticallyAfterDays != 7 {
		t.Fatalf("rotation not loaded: %+v", r)
	}
	contains(t, screen(m), "loaded the deployed resource policy and rotation")
	// Loaded once, however often the field changes.
	press(t, m, "backspace")
	typeText(t, m, "f")
	if count(f.calls, "load "+existingARN) != 1 {
		t.Errorf("calls = %v", f.calls)
	}
}

// TestAccountTextCannotDriveTheTerminal: names from the account are shown
// with their control and bidi characters replaced.
func TestAccountTextCannotDriveTheTerminal(t *testing.T) {
	f := pickerAccount()
	f.secrets = []account.Secret{{Name: "evil\x1b]0;owned\x07\u202ename", ARN: existingARN}}
	m := connected(t, f)
	m.gotoStep(stepStart)
	m.setStart("existing")
	m.refresh()
	m.focusID("secret.existingSecretArn")
	send(t, m, nil)
	v := m.View().Content
	if strings.Contains(v, "\x1b]0;") || strings.Contains(v, "\u202e") || strings.Contains(v, "\x07") {
		t.Fatalf("account text reached the terminal raw:\n%q", v)
	}
	contains(t, screen(m), `evil\x1b]0;owned\a\u202ename`)
}

// TestPickSourceVpceCondition offers the account's Secrets Manager
// endpoints for an aws:SourceVpce condition, and its VPCs for aws:SourceVpc.
func TestPickSourceVpceCondition(t *testing.T) {
	f := pickerAccount()
	m := connected(t, f)
	m.d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "Read", Effect: "Allow",
		Principal: &blueprint.Principal{AWS: []string{readerRole}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"},
		Condition: []blueprint.Condition{{Operator: "StringEquals", Key: "aws:SourceVpce"}, {Operator: "StringEquals", Key: "aws:SourceVpc"}}}}}
	m.refresh()
	m.gotoStep(stepPolicy)
	m.stmt = 0
	m.focusID("stmt0.cond0.values")
	send(t, m, nil)
	contains(t, screen(m), "• vpce-0aaaaaaaaaaaaaaaa in vpc-0aaaaaaaaaaaaaaaa")
	typeText(t, m, "vpce-")
	press(t, m, "right")
	if got := m.d.ResourcePolicy.Statements[0].Condition[0].Values; len(got) != 1 || got[0] != "vpce-0aaaaaaaaaaaaaaaa" {
		t.Fatalf("aws:SourceVpce values = %v", got)
	}
	m.focusID("stmt0.cond1.values")
	send(t, m, nil)
	s := screen(m)
	contains(t, s, "• vpc-0aaaaaaaaaaaaaaaa (2 subnets in eu-west-1a,")
	if strings.Contains(s, "vpce-0aaaaaaaaaaaaaaaa in") {
		t.Errorf("the aws:SourceVpc values are offered endpoints:\n%s", s)
	}
}
