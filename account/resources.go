package account

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"golang.org/x/sync/errgroup"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Key is a KMS key a secret can be encrypted with: enabled, symmetric,
// customer managed.
type Key struct {
	ID          string
	ARN         string
	Region      string
	Description string
	// Aliases are the key's alias names (alias/...), sorted.
	Aliases     []string
	MultiRegion bool
	// RotationKnown is false when GetKeyRotationStatus was denied; then
	// RotationEnabled says nothing.
	RotationKnown   bool
	RotationEnabled bool
}

// Label is how a picker shows the key: its first alias, else its id.
func (k Key) Label() string {
	if len(k.Aliases) > 0 {
		return k.Aliases[0]
	}
	return k.ID
}

// Secret is a secret's listing: never its value.
type Secret struct {
	Name              string
	ARN               string
	Description       string
	KMSKeyID          string
	RotationEnabled   bool
	RotationLambdaARN string
	PrimaryRegion     string
}

// Database is an RDS instance or cluster (Aurora, DocumentDB) or a
// Redshift cluster, whose credentials a rotation function can rotate.
type Database struct {
	// Kind is "instance", "cluster" (RDS) or "redshift".
	Kind       string
	Identifier string
	ARN        string
	Engine     string
	Host       string
	Port       int
	// Cluster is the cluster an instance belongs to, if any.
	Cluster string
	// ProposedRotationType is the single-user hosted rotation type for the
	// engine, or "" when none serves it.
	ProposedRotationType string
}

// TargetType is the SecretTargetAttachment TargetType of the database:
// AWS::RDS::DBInstance, AWS::RDS::DBCluster (or the DocDB ones for a docdb
// engine) or AWS::Redshift::Cluster.
func (d Database) TargetType() string {
	docdb := d.Engine == "docdb"
	switch {
	case d.Kind == "redshift":
		return "AWS::Redshift::Cluster"
	case d.Kind == "cluster" && docdb:
		return "AWS::DocDB::DBCluster"
	case d.Kind == "cluster":
		return "AWS::RDS::DBCluster"
	case docdb:
		return "AWS::DocDB::DBInstance"
	}
	return "AWS::RDS::DBInstance"
}

// Subnet is a VPC subnet.
type Subnet struct {
	ID               string
	VPCID            string
	AvailabilityZone string
	CIDR             string
	Name             string
	// VPCCIDR is the VPC's primary CIDR block (Subnets only).
	VPCCIDR string
}

// SecurityGroup is a VPC security group.
type SecurityGroup struct {
	ID          string
	VPCID       string
	Name        string
	Description string
}

// Endpoint is a Secrets Manager interface endpoint of a VPC.
type Endpoint struct {
	ID          string
	VPCID       string
	ServiceName string
	State       string
	PrivateDNS  bool
}

// SecretsManagerService is the interface endpoint service name of Secrets
// Manager in a region.
func SecretsManagerService(region string) string {
	return "com.amazonaws." + region + ".secretsmanager"
}

// Keys lists the keys of region that can encrypt a secret. Keys the caller
// may not describe are left out, since they cannot be used either.
func (c *Client) Keys(ctx context.Context, region string) ([]Key, error) {
	region = c.region(region)
	kc := c.kms(region)
	var ids []string
	p := kms.NewListKeysPaginator(kc, &kms.ListKeysInput{})
	for p.HasMorePages() {
		page, err := call(ctx, c, "kms:ListKeys", func(ctx context.Context) (*kms.ListKeysOutput, error) { return p.NextPage(ctx) })
		if err != nil {
			return nil, err
		}
		for _, k := range page.Keys {
			ids = append(ids, aws.ToString(k.KeyId))
		}
	}
	aliases := map[string][]string{}
	ap := kms.NewListAliasesPaginator(kc, &kms.ListAliasesInput{})
	for ap.HasMorePages() {
		page, err := call(ctx, c, "kms:ListAliases", func(ctx context.Context) (*kms.ListAliasesOutput, error) { return ap.NextPage(ctx) })
		if err != nil {
			return nil, err
		}
		for _, a := range page.Aliases {
			name := aws.ToString(a.AliasName)
			if a.TargetKeyId == nil || strings.HasPrefix(name, "alias/aws/") {
				continue
			}
			aliases[*a.TargetKeyId] = append(aliases[*a.TargetKeyId], name)
		}
	}
	keys := make([]*Key, len(ids))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for i, id := range ids {
		g.Go(func() error {
			md, err := c.describeKey(gctx, region, id)
			if IsKind(err, KindAccessDenied) || IsKind(err, KindNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			if !Usable(md) {
				return nil
			}
			k := &Key{ID: md.ID, ARN: md.ARN, Region: region, Description: md.Description, MultiRegion: md.MultiRegion, Aliases: aliases[md.ID]}
			slices.Sort(k.Aliases)
			cctx, cancel := c.callContext(gctx)
			defer cancel()
			rs, err := kc.GetKeyRotationStatus(cctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(id)})
			switch err := classify(err, "kms:GetKeyRotationStatus"); {
			case err == nil:
				k.RotationKnown, k.RotationEnabled = true, rs.KeyRotationEnabled
			case IsKind(err, KindAccessDenied):
			default:
				return err
			}
			keys[i] = k
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := []Key{}
	for _, k := range keys {
		if k != nil {
			out = append(out, *k)
		}
	}
	slices.SortFunc(out, func(a, b Key) int {
		// Keys with aliases first, by alias; then the rest by id.
		if (len(a.Aliases) == 0) != (len(b.Aliases) == 0) {
			if len(a.Aliases) > 0 {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(a.Label(), b.Label()), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// KeyMetadata is what DescribeKey says about a key, in plain types.
type KeyMetadata struct {
	ID, ARN, Description string
	// Manager is CUSTOMER or AWS.
	Manager string
	// Spec is SYMMETRIC_DEFAULT for the keys a secret can use.
	Spec  string
	Usage string
	// State is Enabled, Disabled, PendingDeletion, ...
	State       string
	MultiRegion bool
}

// Usable reports whether a secret can be encrypted with the key: enabled,
// symmetric, customer managed. A SYMMETRIC_DEFAULT key is always for
// ENCRYPT_DECRYPT, so a missing usage (as local emulators answer) is fine.
func Usable(md KeyMetadata) bool {
	return md.State == string(kmstypes.KeyStateEnabled) && md.Spec == string(kmstypes.KeySpecSymmetricDefault) &&
		(md.Usage == "" || md.Usage == string(kmstypes.KeyUsageTypeEncryptDecrypt)) && md.Manager == string(kmstypes.KeyManagerTypeCustomer)
}

func (c *Client) describeKey(ctx context.Context, region, id string) (KeyMetadata, error) {
	cctx, cancel := c.callContext(ctx)
	defer cancel()
	out, err := c.kms(region).DescribeKey(cctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	if err != nil {
		return KeyMetadata{}, classify(err, "kms:DescribeKey")
	}
	m := out.KeyMetadata
	return KeyMetadata{
		ID: aws.ToString(m.KeyId), ARN: aws.ToString(m.Arn), Description: aws.ToString(m.Description),
		Manager: string(m.KeyManager), Spec: string(m.KeySpec), Usage: string(m.KeyUsage), State: string(m.KeyState),
		MultiRegion: aws.ToBool(m.MultiRegion),
	}, nil
}

// call runs one SDK call with its own timeout and turns its error into an
// *Error naming action.
func call[T any](ctx context.Context, c *Client, action string, fn func(context.Context) (T, error)) (T, error) {
	cctx, cancel := c.callContext(ctx)
	defer cancel()
	out, err := fn(cctx)
	if err != nil {
		var zero T
		return zero, classify(err, action)
	}
	return out, nil
}

// Secrets lists the account's secrets in the client's region, by name.
func (c *Client) Secrets(ctx context.Context) ([]Secret, error) {
	sm := c.secrets()
	out := []Secret{}
	p := secretsmanager.NewListSecretsPaginator(sm, &secretsmanager.ListSecretsInput{})
	for p.HasMorePages() {
		page, err := call(ctx, c, "secretsmanager:ListSecrets", func(ctx context.Context) (*secretsmanager.ListSecretsOutput, error) { return p.NextPage(ctx) })
		if err != nil {
			return nil, err
		}
		for _, s := range page.SecretList {
			out = append(out, Secret{
				Name: aws.ToString(s.Name), ARN: aws.ToString(s.ARN), Description: aws.ToString(s.Description),
				KMSKeyID: aws.ToString(s.KmsKeyId), RotationEnabled: aws.ToBool(s.RotationEnabled),
				RotationLambdaARN: aws.ToString(s.RotationLambdaARN), PrimaryRegion: aws.ToString(s.PrimaryRegion),
			})
		}
	}
	slices.SortFunc(out, func(a, b Secret) int { return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ARN, b.ARN)) })
	return out, nil
}

// describeSecret is DescribeSecret in plain types.
type secretConfig struct {
	ARN, Name, KMSKeyID string
	RotationEnabled     bool
	RotationLambdaARN   string
	AfterDays           int
	Schedule, Duration  string
}

func (c *Client) describeSecret(ctx context.Context, id string) (secretConfig, error) {
	out, err := call(ctx, c, "secretsmanager:DescribeSecret", func(ctx context.Context) (*secretsmanager.DescribeSecretOutput, error) {
		return c.secrets().DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(id)})
	})
	if err != nil {
		return secretConfig{}, err
	}
	sc := secretConfig{
		ARN: aws.ToString(out.ARN), Name: aws.ToString(out.Name), KMSKeyID: aws.ToString(out.KmsKeyId),
		RotationEnabled: aws.ToBool(out.RotationEnabled), RotationLambdaARN: aws.ToString(out.RotationLambdaARN),
	}
	if r := out.RotationRules; r != nil {
		sc.AfterDays = int(aws.ToInt64(r.AutomaticallyAfterDays))
		sc.Schedule, sc.Duration = aws.ToString(r.ScheduleExpression), aws.ToString(r.Duration)
	}
	return sc, nil
}

// LoadSecret reads a deployed secret into an existing-secret design: its
// ARN, its resource policy and its rotation. What only applies when creating
// a secret (key, value generation, tags, replicas) is left out, as an
// existing-secret design requires. The secret's value is never read.
func (c *Client) LoadSecret(ctx context.Context, id string) (*blueprint.Design, error) {
	sc, err := c.describeSecret(ctx, id)
	if err != nil {
		return nil, err
	}
	pol, err := call(ctx, c, "secretsmanager:GetResourcePolicy", func(ctx context.Context) (*secretsmanager.GetResourcePolicyOutput, error) {
		return c.secrets().GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(sc.ARN)})
	})
	if err != nil {
		return nil, err
	}
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{ExistingSecretARN: sc.ARN}}
	if doc := aws.ToString(pol.ResourcePolicy); doc != "" {
		sts, err := blueprint.ParsePolicyJSON([]byte(doc))
		if err != nil {
			return nil, &Error{Kind: KindService, Action: "secretsmanager:GetResourcePolicy", Err: err,
				Message: "the secret's resource policy cannot be read into a design: " + err.Error()}
		}
		d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: sts}
	}
	if sc.RotationEnabled || sc.RotationLambdaARN != "" {
		d.Rotation = &blueprint.Rotation{
			AutomaticallyAfterDays: sc.AfterDays,
			ScheduleExpression:     sc.Schedule,
			Duration:               sc.Duration,
			RotationLambdaARN:      sc.RotationLambdaARN,
		}
		// Secrets Manager reports a days rule as both; the design keeps one.
		if d.Rotation.ScheduleExpression != "" && strings.HasPrefix(d.Rotation.ScheduleExpression, "rate(") && d.Rotation.AutomaticallyAfterDays > 0 {
			d.Rotation.ScheduleExpression = ""
		}
		if d.Rotation.ScheduleExpression != "" {
			d.Rotation.AutomaticallyAfterDays = 0
		}
	}
	return d, nil
}

// Databases lists RDS clusters (Aurora, DocumentDB) and instances and
// Redshift clusters, by identifier. Instances of a cluster name it in
// Cluster.
func (c *Client) Databases(ctx context.Context) ([]Database, error) {
	rc := c.rds()
	out := []Database{}
	ip := rds.NewDescribeDBInstancesPaginator(rc, &rds.DescribeDBInstancesInput{})
	for ip.HasMorePages() {
		page, err := call(ctx, c, "rds:DescribeDBInstances", func(ctx context.Context) (*rds.DescribeDBInstancesOutput, error) { return ip.NextPage(ctx) })
		if err != nil {
			return nil, err
		}
		for _, db := range page.DBInstances {
			d := Database{Kind: "instance", Identifier: aws.ToString(db.DBInstanceIdentifier), ARN: aws.ToString(db.DBInstanceArn),
				Engine: aws.ToString(db.Engine), Cluster: aws.ToString(db.DBClusterIdentifier)}
			if e := db.Endpoint; e != nil {
				d.Host, d.Port = aws.ToString(e.Address), int(aws.ToInt32(e.Port))
			}
			out = append(out, d)
		}
	}
	cp := rds.NewDescribeDBClustersPaginator(rc, &rds.DescribeDBClustersInput{})
	for cp.HasMorePages() {
		page, err := call(ctx, c, "rds:DescribeDBClusters", func(ctx context.Context) (*rds.DescribeDBClustersOutput, error) { return cp.NextPage(ctx) })
		if err != nil {
			return nil, err
		}
		for _, db := range page.DBClusters {
			out = append(out, Database{Kind: "cluster", Identifier: aws.ToString(db.DBClusterIdentifier), ARN: aws.ToString(db.DBClusterArn),
				Engine: aws.ToString(db.Engine), Host: aws.ToString(db.Endpoint), Port: int(aws.ToInt32(db.Port))})
		}
	}
	// Redshift is its own service; a caller who may list RDS but not
	// Redshift still gets the RDS databases.
	rp := redshift.NewDescribeClustersPaginator(c.redshift(), &redshift.DescribeClustersInput{})
	for rp.HasMorePages() {
		page, err := call(ctx, c, "redshift:DescribeClusters", func(ctx context.Context) (*redshift.DescribeClustersOutput, error) { return rp.NextPage(ctx) })
		if IsKind(err, KindAccessDenied) {
			break
		}
		if err != nil {
			return nil, err
		}
		for _, rc := range page.Clusters {
			id := aws.ToString(rc.ClusterIdentifier)
			d := Database{Kind: "redshift", Identifier: id, Engine: "redshift",
				ARN: "arn:" + c.identity.Partition + ":redshift:" + c.cfg.Region + ":" + c.identity.Account + ":cluster:" + id}
			if e := rc.Endpoint; e != nil {
				d.Host, d.Port = aws.ToString(e.Address), int(aws.ToInt32(e.Port))
			}
			out = append(out, d)
		}
	}
	for i := range out {
		if t, ok := blueprint.RotationTypeForEngine(out[i].Engine, false); ok {
			out[i].ProposedRotationType = t.Name
		}
	}
	slices.SortFunc(out, func(a, b Database) int {
		return cmp.Or(strings.Compare(a.Identifier, b.Identifier), strings.Compare(a.Kind, b.Kind))
	})
	return out, nil
}

// Subnets lists the region's subnets, by VPC, then availability zone and id.
func (c *Client) Subnets(ctx context.Context) ([]Subnet, error) {
	subs, err := c.subnets(ctx, nil)
	if err != nil || len(subs) == 0 {
		return subs, err
	}
	// The wizard fills rotation.hostedRotationLambda.vpcCidr from the
	// picked subnets' VPC: one DescribeVpcs for all of them.
	var vpcs []string
	for _, s := range subs {
		if !slices.Contains(vpcs, s.VPCID) {
			vpcs = append(vpcs, s.VPCID)
		}
	}
	cidrs := map[string]string{}
	p := ec2.NewDescribeVpcsPaginator(c.ec2(), &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: vpcs}}})
	for p.HasMorePages() {
		page, err := call(ctx, c, "ec2:DescribeVpcs", func(ctx context.Context) (*ec2.DescribeVpcsOutput, error) { return p.NextPage(ctx) })
		if err != nil {
			return nil, err
		}
		for _, v := range page.Vpcs {
			cidrs[aws.ToString(v.VpcId)] = aws.ToString(v.CidrBlock)
		}
	}
	for i := range subs {
		subs[i].VPCCIDR = cidrs[subs[i].VPCID]
	}
	return subs, nil
}

func (c *Client) subnets(ctx context.Context, ids []string) ([]Subnet, error) {
	out := []Subnet{}
	in := &ec2.DescribeSubnetsInput{}
	if ids != nil {
		// A filter, not SubnetIds: missing ids are left out rather than
		// failing the whole call, so verification can name them.
		in.Filters = []ec2types.Filter{{Name: aws.String("subnet-id"), Values: ids}}
	}
	p := ec2.NewDescribeSubnetsPaginator(c.ec2(), in)
	for p.HasMorePages() {
		page, err := call(ctx, c, "ec2:DescribeSubnets", func(ctx context.Context) (*ec2.DescribeSubnetsOutput, error) { return p.NextPage(ctx) })
		if err != nil {
			return nil, err
		}
		for _, s := range page.Subnets {
			out = append(out, Subnet{ID: aws.ToString(s.SubnetId), VPCID: aws.ToString(s.VpcId),
				AvailabilityZone: aws.ToString(s.AvailabilityZone), CIDR: aws.ToString(s.CidrBlock), Name: nameTag(s.Tags)})
		}
	}
	slices.SortFunc(out, func(a, b Subnet) int {
		return cmp.Or(strings.Compare(a.VPCID, b.VPCID), strings.Compare(a.AvailabilityZone, b.AvailabilityZone), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

func nameTag(tags []ec2types.Tag) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == "Name" {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

// SecurityGroups lists the region's security groups, by VPC, then name.
func (c *Client) SecurityGroups(ctx context.Context) ([]SecurityGroup, error) {
	return c.securityGroups(ctx, nil)
}

func (c *Client) securityGroups(ctx context.Context, ids []string) ([]SecurityGroup, error) {
	out := []SecurityGroup{}
	in := &ec2.DescribeSecurityGroupsInput{}
	if ids != nil {
		in.Filters = []ec2types.Filter{{Name: aws.String("group-id"), Values: ids}}
	}
	p := ec2.NewDescribeSecurityGroupsPaginator(c.ec2(), in)
	for p.HasMorePages() {
		page, err := call(ctx, c, "ec2:DescribeSecurityGroups", func(ctx context.Context) (*ec2.DescribeSecurityGroupsOutput, error) { return p.NextPage(ctx) })
		if err != nil {
			return nil, err
		}
		for _, g := range page.SecurityGroups {
			out = append(out, SecurityGroup{ID: aws.ToString(g.GroupId), VPCID: aws.ToString(g.VpcId), Name: aws.ToString(g.GroupName), Description: aws.ToString(g.Description)})
		}
	}
	slices.SortFunc(out, func(a, b SecurityGroup) int {
		return cmp.Or(strings.Compare(a.VPCID, b.VPCID), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// Endpoints lists the region's Secrets Manager interface endpoints, by VPC.
func (c *Client) Endpoints(ctx context.Context) ([]Endpoint, error) {
	in := &ec2.DescribeVpcEndpointsInput{Filters: []ec2types.Filter{
		{Name: aws.String("service-name"), Values: []string{SecretsManagerService(c.cfg.Region)}},
	}}
	out := []Endpoint{}
	p := ec2.NewDescribeVpcEndpointsPaginator(c.ec2(), in)
	for p.HasMorePages() {
		page, err := call(ctx, c, "ec2:DescribeVpcEndpoints", func(ctx context.Context) (*ec2.DescribeVpcEndpointsOutput, error) { return p.NextPage(ctx) })
		if err != nil {
			return nil, err
		}
		for _, e := range page.VpcEndpoints {
			// Filter here too: the filter is a request, and a Gateway or
			// another service's endpoint must never be offered.
			if aws.ToString(e.ServiceName) != SecretsManagerService(c.cfg.Region) || e.VpcEndpointType != ec2types.VpcEndpointTypeInterface {
				continue
			}
			out = append(out, Endpoint{ID: aws.ToString(e.VpcEndpointId), VPCID: aws.ToString(e.VpcId), ServiceName: aws.ToString(e.ServiceName),
				State: string(e.State), PrivateDNS: aws.ToBool(e.PrivateDnsEnabled)})
		}
	}
	slices.SortFunc(out, func(a, b Endpoint) int { return cmp.Or(strings.Compare(a.VPCID, b.VPCID), strings.Compare(a.ID, b.ID)) })
	return out, nil
}

// VPC groups the subnets and security groups of one VPC, for pickers that
// choose subnets first and fill vpcId from them.
type VPC struct {
	ID             string
	Subnets        []Subnet
	SecurityGroups []SecurityGroup
	// AvailabilityZones are the distinct zones of the subnets, sorted.
	AvailabilityZones []string
}

// GroupByVPC groups subnets and security groups by VPC, in VPC id order.
func GroupByVPC(subnets []Subnet, groups []SecurityGroup) []VPC {
	byID := map[string]*VPC{}
	get := func(id string) *VPC {
		if v, ok := byID[id]; ok {
			return v
		}
		v := &VPC{ID: id}
		byID[id] = v
		return v
	}
	for _, s := range subnets {
		v := get(s.VPCID)
		v.Subnets = append(v.Subnets, s)
		if !slices.Contains(v.AvailabilityZones, s.AvailabilityZone) {
			v.AvailabilityZones = append(v.AvailabilityZones, s.AvailabilityZone)
		}
	}
	for _, g := range groups {
		v := get(g.VPCID)
		v.SecurityGroups = append(v.SecurityGroups, g)
	}
	out := make([]VPC, 0, len(byID))
	for _, v := range byID {
		slices.Sort(v.AvailabilityZones)
		out = append(out, *v)
	}
	slices.SortFunc(out, func(a, b VPC) int { return strings.Compare(a.ID, b.ID) })
	return out
}
