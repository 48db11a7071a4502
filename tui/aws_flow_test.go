package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
)

// TestFlowPickFromAccount builds a design by picking from a fake account,
// under both drivers: a key and the rotation's subnets and security group
// come from completions, the rotation type is chosen beside the account's
// database, and the review shows every verification the account returns.
func TestFlowPickFromAccount(t *testing.T) {
	runFlow(t, pickFromAccountFlow)
}

func pickFromAccountFlow(t *testing.T) []session {
	f := pickerAccount()
	f.checks = []account.Check{
		{ID: account.CheckKeyUsable, Path: "secret.kmsKeyArn", Status: account.StatusPass, Message: "key is enabled, symmetric and customer managed"},
		{ID: account.CheckKeyPolicy, Path: "secret.kmsKeyArn", Status: account.StatusPass, Message: "no readers"},
		{ID: account.CheckSubnetsExist, Path: hosted + ".vpcSubnetIds", Status: account.StatusPass, Message: "all 2 subnets exist"},
		{ID: account.CheckSubnetsZones, Path: hosted + ".vpcSubnetIds", Status: account.StatusPass, Message: "2 zones"},
		{ID: account.CheckOneVPC, Path: hosted + ".vpcSubnetIds", Status: account.StatusPass, Message: "one VPC"},
		{ID: account.CheckVPCEndpoint, Path: hosted + ".vpcSubnetIds", Status: account.StatusPass, Message: "endpoint"},
		{ID: account.CheckFunctionNameFree, Path: hosted + ".rotationLambdaName", Status: account.StatusFail, Message: "a function named prod-orders-db-rotation already exists"},
	}
	connect := func(context.Context) (account.Account, error) { return f, nil }
	acts := []act{
		sees("123456789012 · eu-west-1"),
		keys("enter"), // Start: design a new secret
		stepIs(stepSecret, "after Start"),
		typed("prod/orders/db"),
		keys("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab"),
		focusOn("tags.add"),
		keys("enter"),
		typed("owner"),
		keys("enter"),
		typed("orders"),
		keys("enter"),
		stepIs(stepEncryption, "after the Secret step"),
		keys("down"), // an existing key
		keys("tab"),
		focusOn("secret.kmsKeyArn"),
		sees("alias/app (rotation on)"),
		// The key ARN, not the alias: the hosted rotation function below
		// inherits the secret's key, and a grant on an alias would allow
		// it nothing (issue 20, item 9).
		typed("arn:"),
		keys("right"),
		checks(func(t *testing.T, r run) {
			if got := r.m.Design().Secret.KMSKeyARN; got != appKeyARN {
				t.Fatalf("kmsKeyArn = %q, want the picked %s", got, appKeyARN)
			}
		}),
		keys("enter"),
		stepIs(stepPolicy, "after the Encryption step"),
		keys("tab", "tab", "tab", "tab"),
		focusOn("step3.continue"),
		keys("enter"),
		stepIs(stepRotation, "after the policy step"),

		// Rotation: the database shows the type it needs; subnets and the
		// security group are picked.
		keys("tab", "tab", "tab", "tab", "tab", "tab"), // rotation is on from the start
		focusOn(hosted + ".rotationType"),
		sees("• orders-pg postgres (instance,"),
		// Picking the database's host brings its port and the rotation
		// type its engine needs.
		keys("tab", "tab"),
		focusOn("secret.database.host"),
		typed("orders"),
		keys("right"),
		checks(func(t *testing.T, r run) {
			d := r.m.Design()
			db := d.Secret.Database
			if db == nil || db.Host != "orders-pg.abc123.eu-west-1.rds.amazonaws.com" || db.Port != 5432 ||
				d.Rotation.HostedRotationLambda.RotationType != "PostgreSQLSingleUser" {
				t.Fatalf("database %+v, rotation type %q", db, d.Rotation.HostedRotationLambda.RotationType)
			}
		}),
		keys("tab", "tab", "tab"),
		focusOn("secret.database.username"),
		typed("orders_app"),
		keys("tab", "tab", "tab"),
		focusOn(hosted + ".vpcSubnetIds"),
		sees("• vpc-0aaaaaaaaaaaaaaaa (endpoint"),
		typed("subnet-0a"),
		keys("right", "tab"),
		focusOn(hosted + ".vpcSecurityGroupIds"),
		sees("sg-0aaaaaaaaaaaaaaaa rotation-a"),
		typed("sg-"),
		keys("right"),
		checks(func(t *testing.T, r run) {
			h := r.m.Design().Rotation.HostedRotationLambda
			// The subnets' VPC has a Secrets Manager endpoint with private
			// DNS (the picker says so): the design uses it, by its id, and
			// asks for no second one, which would fail to deploy (issue 18
			// item 4, issue 20 item 6).
			if h.RotationType != "PostgreSQLSingleUser" || strings.Join(h.VPCSubnetIDs, ",") != "subnet-0aaaaaaaaaaaaaaa1,subnet-0aaaaaaaaaaaaaaa2" ||
				strings.Join(h.VPCSecurityGroupIDs, ",") != "sg-0aaaaaaaaaaaaaaaa" || h.VPCID != "" || h.Endpoint != "vpce-0aaaaaaaaaaaaaaaa" {
				t.Fatalf("hosted rotation = %+v", *h)
			}
		}),
		keys("tab"),
		focusOn(hosted + ".endpointMode"),
		keys("tab"),
		focusOn(hosted + ".endpoint"),
		keys("enter"),
		stepIs(stepMonitoring, "after the Rotation step"),
		keys("tab", "tab"),
		typed("orders-oncall@example.com"),
		keys("enter", "enter", "enter"),
		stepIs(stepReview, "after the Monitoring step"),

		// The review verifies the design against the account.
		sees("AWS account  6 passed · 1 failed"),
		checks(func(t *testing.T, r run) {
			s := screen(r.m)
			for _, c := range f.checks {
				if !strings.Contains(s, c.ID) {
					t.Errorf("the review does not show %s:\n%s", c.ID, s)
				}
			}
			if len(f.verified) != 1 || f.verified[0] != "prod/orders/db" {
				t.Errorf("verified %v, want the design once", f.verified)
			}
		}),
	}
	final := func(t *testing.T, r run) {
		if !strings.Contains(strings.Join(f.calls, " "), "keys/") {
			t.Errorf("the account was never listed: %v", f.calls)
		}
	}
	return []session{{opts: Options{Connect: connect}, acts: acts, final: final}}
}
