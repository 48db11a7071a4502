package account

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestVerifyMasterDatabaseHost: with a master secret RDS manages, --aws
// finds the database RDS manages it for (DescribeDBInstances for rds!db-,
// DescribeDBClusters for rds!cluster-) and hands its endpoint to the
// walk-through, which holds the secret's host to it
// (blueprint.RDSMasterHost); offline the walk-through cannot verify it.
func TestVerifyMasterDatabaseHost(t *testing.T) {
	c := loadMoto(t, moto(t), nil)
	cx := ctx(t)
	r := c.rds()
	inst := must[*rds.CreateDBInstanceOutput](t, "db instance")(r.CreateDBInstance(cx, &rds.CreateDBInstanceInput{
		DBInstanceIdentifier: aws.String("orders-pg"), Engine: aws.String("postgres"), DBInstanceClass: aws.String("db.t3.micro"),
		MasterUsername: aws.String("admin"), ManageMasterUserPassword: aws.Bool(true), AllocatedStorage: aws.Int32(20)})).DBInstance
	cl := must[*rds.CreateDBClusterOutput](t, "db cluster")(r.CreateDBCluster(cx, &rds.CreateDBClusterInput{
		DBClusterIdentifier: aws.String("inventory"), Engine: aws.String("aurora-postgresql"),
		MasterUsername: aws.String("admin"), ManageMasterUserPassword: aws.Bool(true)})).DBCluster
	if inst.MasterUserSecret == nil || cl.MasterUserSecret == nil || inst.Endpoint == nil {
		t.Fatalf("moto made no master user secret or endpoint: %+v %+v", inst, cl)
	}
	instSecret, clSecret := aws.ToString(inst.MasterUserSecret.SecretArn), aws.ToString(cl.MasterUserSecret.SecretArn)
	instHost, clHost := aws.ToString(inst.Endpoint.Address), aws.ToString(cl.Endpoint)
	if blueprint.ValidateMasterSecretARN(instSecret) != nil || blueprint.ValidateMasterSecretARN(clSecret) != nil || instHost == "" || clHost == "" {
		t.Fatalf("moto's master secrets %s, %s or hosts %q, %q are not what RDS makes", instSecret, clSecret, instHost, clHost)
	}
	// design names the database by host, or, given "target:TYPE:ID", attaches
	// the secret to that database target.
	design := func(master, host string) *blueprint.Design {
		db := &blueprint.Database{Host: host, Username: "orders_app"}
		if rest, ok := strings.CutPrefix(host, "target:"); ok {
			i := strings.LastIndex(rest, ":")
			typ, id := rest[:i], rest[i+1:]
			db = &blueprint.Database{TargetType: typ, TargetID: id, Username: "orders_app"}
		}
		return &blueprint.Design{Version: blueprint.CurrentVersion,
			Secret: blueprint.Secret{SecretID: "prod/orders/app", Database: db},
			Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{
				RotationType: "PostgreSQLMultiUser", MasterSecretARN: master}}}
	}
	for _, tt := range []struct {
		name, master, host, rdsHost string
		status                      Status
		outcome                     blueprint.Outcome
	}{
		{"instance, its endpoint", instSecret, instHost, instHost, StatusPass, blueprint.Allowed},
		{"instance, another host", instSecret, "orders-old.example.com", instHost, StatusFail, blueprint.Refused},
		{"cluster, its endpoint", clSecret, clHost, clHost, StatusPass, blueprint.Allowed},
		{"cluster, the instance's endpoint", clSecret, instHost, clHost, StatusFail, blueprint.Refused},
		// A database target: its attachment writes the target's host, so
		// the target must be the database RDS manages the secret for.
		{"instance, it as the target", instSecret, "target:AWS::RDS::DBInstance:orders-pg", instHost, StatusPass, blueprint.Allowed},
		{"instance, another instance as the target", instSecret, "target:AWS::RDS::DBInstance:orders-old", instHost, StatusFail, blueprint.Refused},
		{"cluster, it as the target", clSecret, "target:AWS::RDS::DBCluster:inventory", clHost, StatusPass, blueprint.Allowed},
		{"cluster, another cluster as the target", clSecret, "target:AWS::RDS::DBCluster:orders", clHost, StatusFail, blueprint.Refused},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := design(tt.master, tt.host)
			checks := c.Verify(cx, d)
			i := slices.IndexFunc(checks, func(c Check) bool { return c.ID == CheckMasterDBHost })
			if i < 0 {
				t.Fatalf("no %s check: %+v", CheckMasterDBHost, checks)
			}
			if got := checks[i]; got.Status != tt.status || got.MasterHost != tt.rdsHost {
				t.Errorf("check = %s %q (host %q), want %s with host %s", got.Status, got.Message, got.MasterHost, tt.status, tt.rdsHost)
			}
			env := Environment(checks)
			if env.MasterDBHost != tt.rdsHost {
				t.Errorf("Environment.MasterDBHost = %q, want %q", env.MasterDBHost, tt.rdsHost)
			}
			if want := map[string]string{instSecret: "orders-pg", clSecret: "inventory"}[tt.master]; env.MasterDBID != want {
				t.Errorf("Environment.MasterDBID = %q, want %q", env.MasterDBID, want)
			}
			call, ok := blueprint.RDSMasterHost(d, env)
			if !ok || call.Outcome != tt.outcome {
				t.Errorf("RDSMasterHost with the account = %v %s (%s), want %s", ok, call.Outcome.Key(), call.Reason, tt.outcome.Key())
			}
			// The walk-through shows the same answer as the rotation
			// function's call, and offline says it cannot verify.
			for _, w := range []struct {
				env  *blueprint.Environment
				want blueprint.Outcome
			}{{env, tt.outcome}, {nil, blueprint.Unsure}} {
				walk := d.Walk(w.env)
				found := false
				for _, c := range walk.ActorCalls(walk.RotationFunction()) {
					if c.Action == "database:SignIn" {
						found = true
						if c.Outcome != w.want || w.env == nil && !strings.HasPrefix(c.Reason, "cannot verify") {
							t.Errorf("walk-through (env %v): %s %q, want %s", w.env != nil, c.Outcome.Key(), c.Reason, w.want.Key())
						}
					}
				}
				if !found {
					t.Errorf("the walk-through (env %v) has no sign-in call for the master secret's database", w.env != nil)
				}
			}
		})
	}
}
