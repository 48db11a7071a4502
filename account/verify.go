package account

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Status is the outcome of one verification.
type Status int

// The outcomes. StatusError means the check could not run (the call failed);
// it counts as a failure for exit codes, since nothing was verified.
const (
	StatusPass Status = iota
	StatusFail
	StatusError
)

// String is "pass", "FAIL" or "ERROR", as check prints them.
func (s Status) String() string {
	return [...]string{"pass", "FAIL", "ERROR"}[s]
}

// The verification ids, one per kind of check.
const (
	CheckRegion              = "aws-region"
	CheckExistingSecret      = "aws-existing-secret"
	CheckKeyUsable           = "aws-key-usable"
	CheckKeyPolicy           = "aws-key-policy-decrypt"
	CheckMasterSecret        = "aws-master-secret"
	CheckMasterSecretKey     = "aws-master-secret-key"
	CheckSubnetsExist        = "aws-subnets-exist"
	CheckSubnetsZones        = "aws-subnets-two-zones"
	CheckOneVPC              = "aws-network-one-vpc"
	CheckVPCEndpoint         = "aws-vpc-endpoint"
	CheckVPCID               = "aws-vpc-id"
	CheckVPCDNS              = "aws-vpc-dns"
	CheckFunctionNameFree    = "aws-rotation-function-name-free"
	CheckFunctionExists      = "aws-rotation-function-exists"
	CheckPolicyAccessAnalyze = "aws-policy-access-analyzer"
)

// Check is one verification of a design against the account.
type Check struct {
	ID string
	// Path is the design field checked, such as secret.kmsKeyArn.
	Path    string
	Status  Status
	Message string
	// Findings are Access Analyzer's, for CheckPolicyAccessAnalyze.
	Findings []Finding
	// Answers are what the given key's real policy says about each reader
	// group, for CheckKeyPolicy: the deployment walk-through takes them
	// through Environment, so access --aws reads the policy once.
	Answers []blueprint.KeyAnswer
	// Role is the execution role of the design's own rotation function,
	// from its configuration, for CheckFunctionExists.
	Role string
	// MasterHost is the address RDS gives the database whose master
	// secret RDS manages, for CheckMasterDBHost: the walk-through takes it
	// through Environment (MasterDBHost).
	MasterHost string
	// MasterDB is that database's identifier, for CheckMasterDBHost: the
	// walk-through holds a database target to it (Environment.MasterDBID).
	MasterDB string
	// Network is the network of the hosted function's subnets (their
	// VPC, NAT routes and the VPC's endpoints for Secrets Manager and
	// RDS), for CheckOneVPC: the walk-through decides the function's way
	// out from it (Environment.HostedNetwork).
	Network *blueprint.FunctionNetwork
}

// Environment is what the checks learned about the account, as the
// deployment walk-through (blueprint's Design.Walk) takes it; the checks'
// own calls answer it, so it makes none.
func Environment(checks []Check) *blueprint.Environment {
	env := &blueprint.Environment{}
	for _, c := range checks {
		env.KeyAnswers = append(env.KeyAnswers, c.Answers...)
		if c.Role != "" {
			env.RotationRoleARN = c.Role
		}
		if c.MasterHost != "" {
			env.MasterDBHost = c.MasterHost
		}
		if c.MasterDB != "" {
			env.MasterDBID = c.MasterDB
		}
		if c.Network != nil {
			env.HostedNetwork = c.Network
		}
	}
	return env
}

// Finding is one IAM Access Analyzer policy validation finding.
type Finding struct {
	// Type is ERROR, SECURITY_WARNING, WARNING or SUGGESTION.
	Type      string
	Code      string
	Details   string
	LearnMore string
}

// Count tallies checks by outcome: passed, failed, and could not check
// (which is neither).
func Count(checks []Check) (pass, fail, unchecked int) {
	for _, c := range checks {
		switch c.Status {
		case StatusPass:
			pass++
		case StatusFail:
			fail++
		default:
			unchecked++
		}
	}
	return pass, fail, unchecked
}

// Failed reports whether any check failed or could not run.
func Failed(checks []Check) bool {
	for _, c := range checks {
		if c.Status != StatusPass {
			return true
		}
	}
	return false
}

type verifier struct {
	c      *Client
	d      *blueprint.Design
	checks []Check
}

func (v *verifier) add(id, path string, st Status, format string, args ...any) {
	v.checks = append(v.checks, Check{ID: id, Path: path, Status: st, Message: fmt.Sprintf(format, args...)})
}

// fail records an error from a call: a missing resource fails the check, any
// other error means it could not run. subject names what was being checked
// (the key, the subnets), so "could not check" says what it could not.
func (v *verifier) fail(id, path, subject string, err error, notFound string) {
	if IsKind(err, KindNotFound) && notFound != "" {
		v.add(id, path, StatusFail, "%s", notFound)
		return
	}
	v.add(id, path, StatusError, "%s", CouldNotCheck(subject, err))
}

// CouldNotCheck is the message of a check that could not run: what it
// was about, why (the call's reason, with its fix) and the call.
func CouldNotCheck(subject string, err error) string {
	var e *Error
	if errors.As(err, &e) && e.Action != "" {
		return fmt.Sprintf("could not check %s: %s (%s)", subject, e.Message, e.Action)
	}
	return fmt.Sprintf("could not check %s: %s", subject, Reason(err))
}

// Verify checks the design against the account: its keys, the existing and
// master secrets, the rotation function's network and name, and the resource
// policy (with IAM Access Analyzer). Only checks that apply to the design are
// returned, in a fixed order. Calls that fail give StatusError checks; Verify
// itself never fails.
func (c *Client) Verify(ctx context.Context, d *blueprint.Design) []Check {
	v := &verifier{c: c, d: d}
	region := c.cfg.Region
	if r := d.PrimaryRegion(); r != "" && r != region {
		v.add(CheckRegion, "secret.region", StatusFail, "the design is for %s but the account was loaded for %s; verify with --region %s", r, region, r)
	}

	secretKey := d.Secret.KMSKeyARN
	if d.IsExisting() {
		sc, err := c.describeSecret(ctx, d.Secret.ExistingSecretARN)
		if err != nil {
			v.fail(CheckExistingSecret, "secret.existingSecretArn", "the existing secret "+d.Secret.ExistingSecretARN, err, "the existing secret "+d.Secret.ExistingSecretARN+" does not exist")
		} else {
			v.add(CheckExistingSecret, "secret.existingSecretArn", StatusPass, "%s exists", sc.Name)
			secretKey = sc.KMSKeyID
		}
	}

	type keyField struct{ path, key, region string }
	var keys []keyField
	if !d.IsExisting() && d.Secret.KMSKeyARN != "" {
		keys = append(keys, keyField{"secret.kmsKeyArn", d.Secret.KMSKeyARN, region})
	}
	for i, r := range d.Secret.ReplicaRegions {
		if r.KMSKeyARN != "" {
			keys = append(keys, keyField{blueprint.IndexPath("secret.replicaRegions", i) + ".kmsKeyArn", r.KMSKeyARN, r.Region})
		}
	}
	var h *blueprint.HostedRotationLambda
	if d.Rotation != nil {
		h = d.Rotation.HostedRotationLambda
	}
	if h != nil && h.KMSKeyARN != "" {
		keys = append(keys, keyField{"rotation.hostedRotationLambda.kmsKeyArn", h.KMSKeyARN, region})
	}
	if h != nil && h.MasterSecretKMSKeyARN != "" {
		keys = append(keys, keyField{"rotation.hostedRotationLambda.masterSecretKmsKeyArn", h.MasterSecretKMSKeyARN, regionOf(h.MasterSecretARN, region)})
	}
	for _, k := range keys {
		v.keyUsable(ctx, k.path, k.key, regionOf(k.key, k.region))
	}
	if secretKey != "" {
		path := "secret.kmsKeyArn"
		if d.IsExisting() {
			path = "secret.existingSecretArn"
		}
		v.keyPolicy(ctx, path, secretKey, regionOf(secretKey, region))
	}

	if h != nil && h.MasterSecretARN != "" {
		v.masterSecret(ctx, h)
	}
	if h != nil && (len(h.VPCSubnetIDs) > 0 || len(h.VPCSecurityGroupIDs) > 0) {
		v.network(ctx, h)
	}
	if d.Rotation != nil {
		v.function(ctx, d)
	}
	if d.ResourcePolicy != nil && len(d.ResourcePolicy.Statements) > 0 {
		v.accessAnalyzer(ctx, d.ResourcePolicy)
	}
	v.drift(ctx, d)
	return v.checks
}

// regionOf is the region an ARN names, else def.
func regionOf(arn, def string) string {
	if a, ok := blueprint.ParseARN(arn); ok && a.Region != "" {
		return a.Region
	}
	return def
}

func (v *verifier) keyUsable(ctx context.Context, path, key, region string) {
	md, err := v.c.describeKey(ctx, region, key)
	if err != nil {
		v.fail(CheckKeyUsable, path, "key "+key+" in "+region, err, fmt.Sprintf("key %s does not exist in %s", key, region))
		return
	}
	var why []string
	if md.State != "Enabled" {
		why = append(why, "it is "+md.State)
	}
	if md.Manager != "CUSTOMER" {
		why = append(why, "it is AWS managed, not customer managed")
	}
	if md.Spec != "SYMMETRIC_DEFAULT" {
		why = append(why, "it is "+md.Spec+", not symmetric")
	}
	if md.Usage != "" && md.Usage != "ENCRYPT_DECRYPT" {
		why = append(why, "its usage is "+md.Usage)
	}
	if len(why) > 0 {
		v.add(CheckKeyUsable, path, StatusFail, "key %s cannot encrypt the secret: %s", md.ARN, strings.Join(why, "; "))
		return
	}
	v.add(CheckKeyUsable, path, StatusPass, "key %s is enabled, symmetric and customer managed", md.ARN)
}

func (v *verifier) masterSecret(ctx context.Context, h *blueprint.HostedRotationLambda) {
	const path = "rotation.hostedRotationLambda.masterSecretArn"
	sc, err := v.c.describeSecret(ctx, h.MasterSecretARN)
	if err != nil {
		v.fail(CheckMasterSecret, path, "the master secret "+h.MasterSecretARN, err, "the master secret "+h.MasterSecretARN+" does not exist")
		return
	}
	v.add(CheckMasterSecret, path, StatusPass, "master secret %s exists", sc.Name)
	if strings.Contains(h.MasterSecretARN, ":secret:rds!") {
		v.masterDBHost(ctx, h)
	}
	const keyPath = "rotation.hostedRotationLambda.masterSecretKmsKeyArn"
	region := regionOf(sc.ARN, v.c.cfg.Region)
	switch {
	case sc.KMSKeyID == "" && h.MasterSecretKMSKeyARN == "":
		v.add(CheckMasterSecretKey, keyPath, StatusPass, "the master secret uses the AWS managed key aws/secretsmanager, as the design says by giving no key")
		return
	case sc.KMSKeyID == "":
		v.add(CheckMasterSecretKey, keyPath, StatusFail, "the master secret uses the AWS managed key aws/secretsmanager, not %s", h.MasterSecretKMSKeyARN)
		return
	case h.MasterSecretKMSKeyARN == "":
		v.add(CheckMasterSecretKey, keyPath, StatusFail, "the master secret is encrypted with %s; set masterSecretKmsKeyArn to it so the rotation function may decrypt it", sc.KMSKeyID)
		return
	}
	got, err := v.c.describeKey(ctx, region, sc.KMSKeyID)
	if err != nil {
		v.fail(CheckMasterSecretKey, keyPath, "the master secret's key "+sc.KMSKeyID, err, "")
		return
	}
	want, err := v.c.describeKey(ctx, regionOf(h.MasterSecretKMSKeyARN, region), h.MasterSecretKMSKeyARN)
	if err != nil {
		v.fail(CheckMasterSecretKey, keyPath, "key "+h.MasterSecretKMSKeyARN, err, "key "+h.MasterSecretKMSKeyARN+" does not exist")
		return
	}
	if got.ARN != want.ARN {
		v.add(CheckMasterSecretKey, keyPath, StatusFail, "the master secret is encrypted with %s, not %s", got.ARN, want.ARN)
		return
	}
	v.add(CheckMasterSecretKey, keyPath, StatusPass, "the master secret is encrypted with %s", got.ARN)
}

func (v *verifier) network(ctx context.Context, h *blueprint.HostedRotationLambda) {
	const subPath = "rotation.hostedRotationLambda.vpcSubnetIds"
	const sgPath = "rotation.hostedRotationLambda.vpcSecurityGroupIds"
	subnets, err := v.c.subnets(ctx, h.VPCSubnetIDs)
	if err != nil {
		v.fail(CheckSubnetsExist, subPath, "the subnets "+strings.Join(h.VPCSubnetIDs, ", "), err, "")
		return
	}
	var missing []string
	for _, id := range h.VPCSubnetIDs {
		if !slices.ContainsFunc(subnets, func(s Subnet) bool { return s.ID == id }) {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		v.add(CheckSubnetsExist, subPath, StatusFail, "no such subnet: %s", strings.Join(missing, ", "))
	} else if len(subnets) > 0 {
		v.add(CheckSubnetsExist, subPath, StatusPass, "all %d subnets exist", len(subnets))
	}
	if len(h.VPCSubnetIDs) > 0 {
		zones := GroupByVPC(subnets, nil)
		var azs []string
		for _, z := range zones {
			for _, az := range z.AvailabilityZones {
				if !slices.Contains(azs, az) {
					azs = append(azs, az)
				}
			}
		}
		slices.Sort(azs)
		if len(azs) < 2 {
			v.add(CheckSubnetsZones, subPath, StatusFail, "the subnets are in %d availability zone (%s); use subnets in at least two so rotation survives a zone outage", len(azs), strings.Join(azs, ", "))
		} else {
			v.add(CheckSubnetsZones, subPath, StatusPass, "the subnets span %d availability zones (%s)", len(azs), strings.Join(azs, ", "))
		}
	}
	groups, err := v.c.securityGroups(ctx, h.VPCSecurityGroupIDs)
	if err != nil {
		v.fail(CheckOneVPC, sgPath, "the security groups "+strings.Join(h.VPCSecurityGroupIDs, ", "), err, "")
		return
	}
	missing = nil
	for _, id := range h.VPCSecurityGroupIDs {
		if !slices.ContainsFunc(groups, func(g SecurityGroup) bool { return g.ID == id }) {
			missing = append(missing, id)
		}
	}
	vpcs := GroupByVPC(subnets, groups)
	var ids []string
	for _, vp := range vpcs {
		ids = append(ids, vp.ID)
	}
	switch {
	case len(missing) > 0:
		v.add(CheckOneVPC, sgPath, StatusFail, "no such security group: %s", strings.Join(missing, ", "))
	case len(vpcs) > 1:
		v.add(CheckOneVPC, subPath, StatusFail, "the subnets and security groups are in %d VPCs (%s); a function runs in one", len(vpcs), strings.Join(ids, ", "))
	case len(vpcs) == 1:
		v.add(CheckOneVPC, subPath, StatusPass, "the subnets and security groups share %s", ids[0])
	}
	if len(vpcs) != 1 {
		return
	}
	vpc := ids[0]
	// The subnets' routes and the VPC's endpoints, which the checks
	// below and the walk-through (Environment.HostedNetwork) read.
	oneVPC := len(v.checks) - 1
	nr := netReader{c: v.c, e: v.c.ec2(), region: v.c.cfg.Region}
	vf, vfErr := nr.vpc(ctx, vpc)
	if len(h.VPCSubnetIDs) > 0 && vfErr == nil {
		v.checks[oneVPC].Network, _ = functionNetwork(h.VPCSubnetIDs, func([]string) (string, error) { return vpc, nil },
			func(string) (vpcFacts, error) { return vf, nil })
	}
	const vpcPath = "rotation.hostedRotationLambda.vpcId"
	const epPath = "rotation.hostedRotationLambda.endpoint"
	if h.VPCID != "" {
		if h.VPCID != vpc {
			v.add(CheckVPCID, vpcPath, StatusFail, "is %s, but the subnets are in %s; the endpoint would be created in the wrong VPC", h.VPCID, vpc)
		} else {
			v.add(CheckVPCID, vpcPath, StatusPass, "%s is the subnets' VPC", vpc)
		}
	}
	if h.Endpoint != blueprint.EndpointNAT {
		v.vpcDNS(ctx, vpc, vpcPath)
	}
	eps, err := v.c.Endpoints(ctx)
	if err != nil {
		v.fail(CheckVPCEndpoint, subPath, "the Secrets Manager endpoints of "+vpc, err, "")
		return
	}
	var ep *Endpoint
	for i := range eps {
		if eps[i].VPCID == vpc {
			ep = &eps[i]
			break
		}
	}
	if vfErr != nil {
		// The NAT checks below need the route tables, and the
		// walk-through (Environment.HostedNetwork) the routes and
		// endpoints, whatever the design says of the endpoint: say once,
		// at the subnets, that they could not be read.
		v.fail(CheckVPCEndpoint, subPath, "the route tables of "+vpc, vfErr, "")
	}
	nat := func() (string, bool) {
		if vfErr != nil {
			return "", false
		}
		// The gateway every subnet routes through, or "" when some
		// subnet has none.
		id := ""
		for _, s := range h.VPCSubnetIDs {
			if id = vf.natOf(s); id == "" {
				break
			}
		}
		return id, true
	}
	if id := h.EndpointID(); id != "" {
		// The design names the endpoint: it must be that VPC's.
		i := slices.IndexFunc(eps, func(e Endpoint) bool { return e.ID == id })
		switch {
		case i < 0:
			v.add(CheckVPCEndpoint, epPath, StatusFail, "is %s, but there is no Secrets Manager endpoint %s (%s)", id, id, SecretsManagerService(v.c.cfg.Region))
		case eps[i].VPCID != vpc:
			v.add(CheckVPCEndpoint, epPath, StatusFail, "is %s, an endpoint of %s, but the subnets are in %s", id, eps[i].VPCID, vpc)
		default:
			v.add(CheckVPCEndpoint, epPath, StatusPass, "%s has the Secrets Manager endpoint %s", vpc, id)
		}
		return
	}
	switch h.Endpoint {
	case blueprint.EndpointExisting:
		if ep == nil {
			v.add(CheckVPCEndpoint, epPath, StatusFail, "the design says %s has a Secrets Manager endpoint, but it has none (%s); let secretsmith create one or use a NAT gateway", vpc, SecretsManagerService(v.c.cfg.Region))
		} else {
			v.add(CheckVPCEndpoint, epPath, StatusPass, "%s has the Secrets Manager endpoint %s", vpc, ep.ID)
		}
	case blueprint.EndpointNAT:
		id, ok := nat()
		switch {
		case !ok:
		case id == "":
			v.add(CheckVPCEndpoint, epPath, StatusFail, "the design says the subnets reach Secrets Manager through NAT, but not every subnet routes 0.0.0.0/0 through a NAT gateway")
		default:
			v.add(CheckVPCEndpoint, epPath, StatusPass, "every subnet routes 0.0.0.0/0 through NAT gateway %s", id)
		}
	default:
		if h.VPCID != "" {
			// secretsmith creates an endpoint with private DNS; a VPC
			// takes only one such endpoint per service.
			if ep != nil && ep.PrivateDNS {
				v.add(CheckVPCEndpoint, vpcPath, StatusFail, "%s already has the Secrets Manager endpoint %s with private DNS, so another cannot be created; say the VPC has one", vpc, ep.ID)
			} else {
				v.add(CheckVPCEndpoint, vpcPath, StatusPass, "%s has no Secrets Manager endpoint with private DNS yet; the template creates one", vpc)
			}
			return
		}
		if ep != nil {
			v.add(CheckVPCEndpoint, subPath, StatusPass, "%s has the Secrets Manager endpoint %s", vpc, ep.ID)
			return
		}
		id, ok := nat()
		switch {
		case !ok:
		case id != "":
			v.add(CheckVPCEndpoint, subPath, StatusPass, "%s has no Secrets Manager endpoint, but every subnet routes 0.0.0.0/0 through NAT gateway %s", vpc, id)
		default:
			v.add(CheckVPCEndpoint, subPath, StatusFail, "%s has no Secrets Manager interface endpoint (%s) and not every subnet has a NAT route; the rotation function cannot reach Secrets Manager", vpc, SecretsManagerService(v.c.cfg.Region))
		}
	}
}

// vpcDNS checks that the VPC resolves an interface endpoint's private DNS
// name: the function calls secretsmanager.REGION.amazonaws.com, which
// resolves to the endpoint only when the VPC has both enableDnsSupport and
// enableDnsHostnames on (AWS PrivateLink, "DNS attributes for your VPC").
func (v *verifier) vpcDNS(ctx context.Context, vpc, path string) {
	var off, fix []string
	for _, attr := range []struct {
		name ec2types.VpcAttributeName
		flag string
	}{{ec2types.VpcAttributeNameEnableDnsSupport, "--enable-dns-support"}, {ec2types.VpcAttributeNameEnableDnsHostnames, "--enable-dns-hostnames"}} {
		out, err := call(ctx, v.c, "ec2:DescribeVpcAttribute", func(ctx context.Context) (*ec2.DescribeVpcAttributeOutput, error) {
			return v.c.ec2().DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(vpc), Attribute: attr.name})
		})
		if err != nil {
			v.fail(CheckVPCDNS, path, "the DNS attributes of "+vpc, err, "")
			return
		}
		on := out.EnableDnsSupport
		if attr.name == ec2types.VpcAttributeNameEnableDnsHostnames {
			on = out.EnableDnsHostnames
		}
		if on == nil || !aws.ToBool(on.Value) {
			off = append(off, string(attr.name))
			// The call changes one attribute at a time.
			fix = append(fix, "aws ec2 modify-vpc-attribute --vpc-id "+vpc+" "+attr.flag)
		}
	}
	if len(off) > 0 {
		v.add(CheckVPCDNS, path, StatusFail, "%s has %s off, so the Secrets Manager endpoint's private DNS name does not resolve and rotation cannot reach it; turn it on: %s", vpc, strings.Join(off, " and "), strings.Join(fix, "; "))
		return
	}
	v.add(CheckVPCDNS, path, StatusPass, "%s has enableDnsSupport and enableDnsHostnames on, so the endpoint's private DNS name resolves", vpc)
}

func (v *verifier) function(ctx context.Context, d *blueprint.Design) {
	r := d.Rotation
	if r.RotationLambdaARN != "" {
		out, err := call(ctx, v.c, "lambda:GetFunctionConfiguration", func(ctx context.Context) (*lambda.GetFunctionConfigurationOutput, error) {
			return v.c.lambda().GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(r.RotationLambdaARN)})
		})
		if err != nil {
			v.fail(CheckFunctionExists, "rotation.rotationLambdaArn", "the rotation function "+r.RotationLambdaARN, err, "the rotation function "+r.RotationLambdaARN+" does not exist")
			return
		}
		role := aws.ToString(out.Role)
		if role == "" {
			v.add(CheckFunctionExists, "rotation.rotationLambdaArn", StatusPass, "the rotation function exists")
			return
		}
		v.add(CheckFunctionExists, "rotation.rotationLambdaArn", StatusPass, "the rotation function exists and runs as %s", role)
		v.checks[len(v.checks)-1].Role = role
		return
	}
	h := r.HostedRotationLambda
	if h == nil {
		return
	}
	name := h.RotationLambdaName
	if name == "" {
		name = d.SuggestedRotationLambdaName()
	}
	const path = "rotation.hostedRotationLambda.rotationLambdaName"
	_, err := call(ctx, v.c, "lambda:GetFunction", func(ctx context.Context) (*lambda.GetFunctionOutput, error) {
		return v.c.lambda().GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(name)})
	})
	switch {
	case err == nil:
		v.add(CheckFunctionNameFree, path, StatusFail, "a function named %s already exists; the stack would fail to create it, so choose another name", name)
	case IsKind(err, KindNotFound):
		v.add(CheckFunctionNameFree, path, StatusPass, "no function is named %s yet", name)
	default:
		v.fail(CheckFunctionNameFree, path, "the function name "+name, err, "")
	}
}

// accessAnalyzer runs IAM Access Analyzer's policy validation. Errors and
// security warnings fail the check; warnings and suggestions are listed.
func (v *verifier) accessAnalyzer(ctx context.Context, p *blueprint.ResourcePolicy) {
	const path = "resourcePolicy"
	doc, err := p.DocumentJSON()
	if err != nil {
		v.add(CheckPolicyAccessAnalyze, path, StatusError, "%v", err)
		return
	}
	// No ValidatePolicyResourceType: the service accepts only S3, IAM
	// trust policy and DynamoDB values there (AWS::SecretsManager::Secret
	// is not one, and is rejected), and without one it runs the checks that
	// apply to every resource policy.
	in := &accessanalyzer.ValidatePolicyInput{
		PolicyDocument: aws.String(string(doc)),
		PolicyType:     aatypes.PolicyTypeResourcePolicy,
	}
	var findings []Finding
	pg := accessanalyzer.NewValidatePolicyPaginator(v.c.analyzer(), in)
	for pg.HasMorePages() {
		page, err := call(ctx, v.c, "access-analyzer:ValidatePolicy", func(ctx context.Context) (*accessanalyzer.ValidatePolicyOutput, error) { return pg.NextPage(ctx) })
		if err != nil {
			v.fail(CheckPolicyAccessAnalyze, path, "the resource policy with IAM Access Analyzer", err, "")
			return
		}
		for _, f := range page.Findings {
			findings = append(findings, Finding{Type: string(f.FindingType), Code: aws.ToString(f.IssueCode),
				Details: aws.ToString(f.FindingDetails), LearnMore: aws.ToString(f.LearnMoreLink)})
		}
	}
	bad := 0
	for _, f := range findings {
		if f.Type == string(aatypes.ValidatePolicyFindingTypeError) || f.Type == string(aatypes.ValidatePolicyFindingTypeSecurityWarning) {
			bad++
		}
	}
	ch := Check{ID: CheckPolicyAccessAnalyze, Path: path, Findings: findings}
	switch {
	case bad > 0:
		ch.Status, ch.Message = StatusFail, fmt.Sprintf("IAM Access Analyzer reports %d errors or security warnings", bad)
	case len(findings) > 0:
		ch.Message = fmt.Sprintf("IAM Access Analyzer reports no errors or security warnings, %d other findings", len(findings))
	default:
		ch.Message = "IAM Access Analyzer reports no findings"
	}
	v.checks = append(v.checks, ch)
}

// keyPolicy checks that everyone the resource policy lets read the secret
// may also decrypt it with the key, through Secrets Manager.
//
// Who reads is the access model's answer (blueprint's Design.Access: Allow
// and Deny statements, NotPrincipal, conditions). Whether the key lets a
// reader decrypt is a simple reading of the key policy: a reader is
// covered by an Allow statement whose actions
// include kms:Decrypt and whose principal is "*", the reader itself, or the
// reader's account (which delegates to that account's IAM policies), and
// whose kms:ViaService and kms:CallerAccount conditions, if any, admit
// Secrets Manager in the key's region and the reader's account. A matching
// unconditional Deny uncovers a reader. Other conditions are assumed met.
func (v *verifier) keyPolicy(ctx context.Context, path, key, region string) {
	md, err := v.c.describeKey(ctx, region, key)
	if err != nil {
		v.fail(CheckKeyPolicy, path, "the key policy of "+key, err, "key "+key+" does not exist")
		return
	}
	if md.Manager != "CUSTOMER" {
		// AWS managed keys cannot be shared outside their account at all.
		readers := externalReaders(v.d, accountOf(md.ARN))
		if len(readers) > 0 {
			v.add(CheckKeyPolicy, path, StatusFail, "the secret uses an AWS managed key, which only its own account can use, but the policy lets %s read it", strings.Join(readers, ", "))
		}
		return
	}
	out, err := call(ctx, v.c, "kms:GetKeyPolicy", func(ctx context.Context) (*kms.GetKeyPolicyOutput, error) {
		return v.c.kms(region).GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(md.ARN), PolicyName: aws.String("default")})
	})
	if err != nil {
		v.fail(CheckKeyPolicy, path, "the key policy of "+md.ARN, err, "")
		return
	}
	kp, err := blueprint.ParsePolicyJSON([]byte(aws.ToString(out.Policy)))
	if err != nil {
		v.add(CheckKeyPolicy, path, StatusError, "cannot read the key policy of %s: %v", md.ARN, err)
		return
	}
	readers, unjudged := readers(v.d)
	note := ""
	if len(unjudged) > 0 {
		note = "; not checked here, since a key policy names no such principal: " + strings.Join(unjudged, ", ")
	}
	if len(readers) == 0 {
		v.add(CheckKeyPolicy, path, StatusPass, "the resource policy lets no principal read the secret; only IAM policies in the key's account decide%s", note)
		return
	}
	var missing []string
	for _, r := range readers {
		if !decryptAllowed(kp, r, region) {
			missing = append(missing, r)
		}
	}
	answers := v.keyAnswers(key, kp, region)
	// Each branch below ends by adding this check: it carries the answers.
	defer func() { v.checks[len(v.checks)-1].Answers = answers }()
	if len(missing) > 0 {
		v.add(CheckKeyPolicy, path, StatusFail, "the key policy of %s does not let %s decrypt through Secrets Manager; they can read the secret but not its value (secretsmith access prints the statement to add)%s", md.ARN, strings.Join(missing, ", "), note)
		return
	}
	v.add(CheckKeyPolicy, path, StatusPass, "the key policy of %s lets every reader (%s) decrypt through Secrets Manager%s", md.ARN, strings.Join(readers, ", "), note)
}

// keyAnswers are the key policy's answer for each reader group that a
// key policy can name, when key is the design's own given key (the one the
// walk-through judges by its answers).
func (v *verifier) keyAnswers(key string, kp []blueprint.Statement, region string) []blueprint.KeyAnswer {
	if v.d.IsExisting() || key != v.d.Secret.KMSKeyARN {
		return nil
	}
	return keyAnswersOf(v.d, key, kp, region)
}

// keyAnswersOf is what the key policy kp of d's key (named key, in region)
// answers for each of d's reader groups that a key policy can name.
func keyAnswersOf(d *blueprint.Design, key string, kp []blueprint.Statement, region string) []blueprint.KeyAnswer {
	var out []blueprint.KeyAnswer
	for _, g := range d.Access().Groups {
		if p := readerPrincipal(&g); p != "" {
			out = append(out, blueprint.KeyAnswer{Key: key, Reader: g.Label(), Decrypt: decryptAllowed(kp, p, region)})
		}
	}
	return out
}

// readerPrincipal is a reading group as a key-policy principal, or "" when
// it does not read or a key policy cannot name it.
func readerPrincipal(g *blueprint.AccessGroup) string {
	if !g.Reads || g.Kind == blueprint.GroupRotation {
		return ""
	}
	switch g.Kind {
	case blueprint.GroupPrincipal, blueprint.GroupAccount:
		return g.ID
	case blueprint.GroupAnyone:
		return "*"
	}
	return ""
}

// readers are the callers the access model (blueprint's Design.Access)
// says may read the value through the resource policy, as key-policy
// principals: a role or user ARN, an account id, or "*" for anyone.
// Readers the model knows only by organization, VPC or endpoint are not
// principals a key policy can be checked against here; they come back in
// unjudged, by label.
func readers(d *blueprint.Design) (principals, unjudged []string) {
	if d == nil || d.ResourcePolicy == nil {
		return nil, nil
	}
	for _, g := range d.Access().Groups {
		if !g.Reads || g.Kind == blueprint.GroupRotation {
			continue
		}
		p := readerPrincipal(&g)
		if p == "" {
			unjudged = append(unjudged, g.Label())
			continue
		}
		if !slices.Contains(principals, p) {
			principals = append(principals, p)
		}
	}
	return principals, unjudged
}

func externalReaders(d *blueprint.Design, account string) []string {
	var out []string
	rs, _ := readers(d)
	for _, r := range rs {
		if accountOf(r) != account {
			out = append(out, r)
		}
	}
	return out
}

// accountOf is the account of a principal: an account id, an ARN's account,
// or "" for "*".
func accountOf(p string) string {
	if a, ok := blueprint.ParseARN(p); ok {
		return a.Account
	}
	if len(p) == 12 && strings.Trim(p, "0123456789") == "" {
		return p
	}
	return ""
}

func actionsMatch(actions, notActions []string, action string) bool {
	if len(notActions) > 0 {
		for _, a := range notActions {
			if globMatch(a, action) {
				return false
			}
		}
		return true
	}
	for _, a := range actions {
		if globMatch(a, action) {
			return true
		}
	}
	return false
}

// globMatch matches IAM's * and ? wildcards, ignoring case as IAM does for
// actions.
func globMatch(pattern, s string) bool {
	pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	for len(pattern) > 0 {
		switch pattern[0] {
		case '*':
			for i := len(s); i >= 0; i-- {
				if globMatch(pattern[1:], s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
		default:
			if s == "" || s[0] != pattern[0] {
				return false
			}
		}
		pattern, s = pattern[1:], s[1:]
	}
	return s == ""
}

func decryptAllowed(kp []blueprint.Statement, reader, region string) bool {
	allowed := false
	for _, st := range kp {
		if !actionsMatch(st.Action, st.NotAction, "kms:Decrypt") || !principalCovers(st.Principal, reader) {
			continue
		}
		if strings.EqualFold(st.Effect, "Deny") && len(st.Condition) == 0 {
			return false
		}
		if strings.EqualFold(st.Effect, "Allow") && conditionsAdmit(st.Condition, reader, region) {
			allowed = true
		}
	}
	return allowed
}

func principalCovers(p *blueprint.Principal, reader string) bool {
	if p == nil {
		return false
	}
	if p.IsEveryone() {
		return true
	}
	acct := accountOf(reader)
	for _, v := range p.AWS {
		switch {
		case v == reader:
			return true
		case acct != "" && (v == acct || v == "arn:"+partitionOf(reader)+":iam::"+acct+":root"):
			return true
		}
	}
	return false
}

func partitionOf(arn string) string {
	if a, ok := blueprint.ParseARN(arn); ok {
		return a.Partition
	}
	return "aws"
}

func conditionsAdmit(conds []blueprint.Condition, reader, region string) bool {
	via := "secretsmanager." + region + ".amazonaws.com"
	for _, c := range conds {
		switch strings.ToLower(c.Key) {
		case "kms:viaservice":
			if !slices.ContainsFunc(c.Values, func(v string) bool { return globMatch(v, via) }) {
				return false
			}
		case "kms:calleraccount":
			if acct := accountOf(reader); acct != "" && !slices.Contains(c.Values, acct) {
				return false
			}
		}
	}
	return true
}
