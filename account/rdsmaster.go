package account

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/secretsmith/secretsmith/blueprint"
)

// CheckMasterDBHost verifies that the database host in the secret is the
// address RDS gives the database whose master secret RDS manages.
const CheckMasterDBHost = "aws-master-database-host"

// masterDB finds the DB instance (a master secret named rds!db-...) or
// cluster (rds!cluster-...) whose master user secret RDS manages as arn,
// and returns its identifier and the address RDS gives it
// (DescribeDBInstances' Endpoint.Address, DescribeDBClusters' Endpoint).
// found is false when no database in the region has that secret.
func (c *Client) masterDB(ctx context.Context, arn string) (id, host string, found bool, err error) {
	rc := c.rds()
	if strings.Contains(arn, ":secret:rds!cluster-") {
		p := rds.NewDescribeDBClustersPaginator(rc, &rds.DescribeDBClustersInput{})
		for p.HasMorePages() {
			page, err := call(ctx, c, "rds:DescribeDBClusters", func(ctx context.Context) (*rds.DescribeDBClustersOutput, error) { return p.NextPage(ctx) })
			if err != nil {
				return "", "", false, err
			}
			for _, db := range page.DBClusters {
				if s := db.MasterUserSecret; s != nil && aws.ToString(s.SecretArn) == arn {
					return aws.ToString(db.DBClusterIdentifier), aws.ToString(db.Endpoint), true, nil
				}
			}
		}
		return "", "", false, nil
	}
	p := rds.NewDescribeDBInstancesPaginator(rc, &rds.DescribeDBInstancesInput{})
	for p.HasMorePages() {
		page, err := call(ctx, c, "rds:DescribeDBInstances", func(ctx context.Context) (*rds.DescribeDBInstancesOutput, error) { return p.NextPage(ctx) })
		if err != nil {
			return "", "", false, err
		}
		for _, db := range page.DBInstances {
			if s := db.MasterUserSecret; s != nil && aws.ToString(s.SecretArn) == arn {
				host := ""
				if e := db.Endpoint; e != nil {
					host = aws.ToString(e.Address)
				}
				return aws.ToString(db.DBInstanceIdentifier), host, true, nil
			}
		}
	}
	return "", "", false, nil
}

// masterDBHost checks, for a master secret RDS manages, that the secret's
// database host is the address RDS gives that database, or that its
// database target is that database, by the rule of blueprint.RDSMasterHost,
// and keeps the address and the identifier for the walk-through
// (Check.MasterHost and MasterDB, which Environment takes).
func (v *verifier) masterDBHost(ctx context.Context, h *blueprint.HostedRotationLambda) {
	const path = "rotation.hostedRotationLambda.masterSecretArn"
	id, host, found, err := v.c.masterDB(ctx, h.MasterSecretARN)
	byHost := v.d.Secret.Database != nil && v.d.Secret.Database.Host != ""
	switch {
	case err != nil:
		v.fail(CheckMasterDBHost, path, "the database of the master secret "+h.MasterSecretARN, err, "")
		return
	case !found:
		v.add(CheckMasterDBHost, path, StatusFail, "no RDS database in %s has %s as the master user secret RDS manages", v.c.cfg.Region, h.MasterSecretARN)
		return
	case host == "" && byHost:
		v.add(CheckMasterDBHost, path, StatusError, "could not check the host: RDS gives %s no endpoint yet", id)
		return
	}
	c, applies := blueprint.RDSMasterHost(v.d, &blueprint.Environment{MasterDBHost: host, MasterDBID: id})
	switch {
	case !applies:
		v.add(CheckMasterDBHost, path, StatusPass, "the master secret is the one RDS manages for %s, at %s", id, host)
	case c.Outcome == blueprint.Allowed && byHost:
		v.add(CheckMasterDBHost, c.Path, StatusPass, "the host is %s, the endpoint RDS gives %s, whose master secret it is", host, id)
	case c.Outcome == blueprint.Allowed:
		v.add(CheckMasterDBHost, c.Path, StatusPass, "%s", c.Reason)
	default:
		v.add(CheckMasterDBHost, c.Path, StatusFail, "%s; %s", c.Reason, c.Fix)
	}
	v.checks[len(v.checks)-1].MasterHost = host
	v.checks[len(v.checks)-1].MasterDB = id
}
