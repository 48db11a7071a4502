package account

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// fixture is what seed creates in moto, by name.
type fixture struct {
	// KMS keys in us-east-1 (ARNs) and eu-west-1.
	keyApp, keyPlain, keyDisabled, keySign, keyShared, keyEU string
	keyAppID, keyPlainID, keySharedID                        string
	// Secrets (ARNs).
	master, other, existing string
	// Network.
	vpcA, vpcB                 string
	subA1, subA2, subB1, subB2 string
	sgA, sgB                   string
	endpointA                  string
	// Functions.
	takenFunction string
}

const (
	reader          = "arn:aws:iam::210987654321:role/reader"
	sharedKeyPolicy = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},` +
		`{"Sid":"Reader","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:role/reader"},"Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*",` +
		`"Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}}]}`
	existingPolicy = `{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:role/reader"},` +
		`"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`
)

func must[T any](t *testing.T, what string) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("seed %s: %v", what, err)
		}
		return v
	}
}

// seed creates the fixture through the SDK, pointed at moto.
func seed(t *testing.T, c *Client) fixture {
	t.Helper()
	cx := context.Background()
	var f fixture
	k := c.kms("us-east-1")
	newKey := func(name string, in *kms.CreateKeyInput) (arn, id string) {
		out := must[*kms.CreateKeyOutput](t, name)(k.CreateKey(cx, in))
		return *out.KeyMetadata.Arn, *out.KeyMetadata.KeyId
	}
	alias := func(kc *kms.Client, name, id string) {
		must[*kms.CreateAliasOutput](t, name)(kc.CreateAlias(cx, &kms.CreateAliasInput{AliasName: aws.String(name), TargetKeyId: aws.String(id)}))
	}
	f.keyApp, f.keyAppID = newKey("app key", &kms.CreateKeyInput{Description: aws.String("app key")})
	alias(k, "alias/app", f.keyAppID)
	alias(k, "alias/app-old", f.keyAppID)
	must[*kms.EnableKeyRotationOutput](t, "rotation")(k.EnableKeyRotation(cx, &kms.EnableKeyRotationInput{KeyId: aws.String(f.keyAppID)}))
	f.keyPlain, f.keyPlainID = newKey("plain key", &kms.CreateKeyInput{})
	var disabledID string
	f.keyDisabled, disabledID = newKey("disabled key", &kms.CreateKeyInput{})
	alias(k, "alias/disabled", disabledID)
	must[*kms.DisableKeyOutput](t, "disable")(k.DisableKey(cx, &kms.DisableKeyInput{KeyId: aws.String(disabledID)}))
	f.keySign, _ = newKey("sign key", &kms.CreateKeyInput{KeySpec: kmstypes.KeySpecRsa2048, KeyUsage: kmstypes.KeyUsageTypeSignVerify})
	f.keyShared, f.keySharedID = newKey("shared key", &kms.CreateKeyInput{Policy: aws.String(sharedKeyPolicy)})
	alias(k, "alias/shared", f.keySharedID)
	eu := c.kms("eu-west-1")
	euOut := must[*kms.CreateKeyOutput](t, "eu key")(eu.CreateKey(cx, &kms.CreateKeyInput{}))
	f.keyEU = *euOut.KeyMetadata.Arn
	alias(eu, "alias/eu", *euOut.KeyMetadata.KeyId)

	sm := c.secrets()
	newSecret := func(name, key string) string {
		in := &secretsmanager.CreateSecretInput{Name: aws.String(name), Description: aws.String(name + " secret")}
		if key != "" {
			in.KmsKeyId = aws.String(key)
		}
		return *must[*secretsmanager.CreateSecretOutput](t, name)(sm.CreateSecret(cx, in)).ARN
	}
	f.master = newSecret("prod/master", f.keyApp)
	f.other = newSecret("prod/other", "")
	f.existing = newSecret("prod/existing", f.keyShared)
	must[*secretsmanager.PutResourcePolicyOutput](t, "policy")(sm.PutResourcePolicy(cx, &secretsmanager.PutResourcePolicyInput{
		SecretId: aws.String(f.existing), ResourcePolicy: aws.String(existingPolicy)}))

	e := c.ec2()
	vpc := func(cidr string) string {
		return *must[*ec2.CreateVpcOutput](t, "vpc")(e.CreateVpc(cx, &ec2.CreateVpcInput{CidrBlock: aws.String(cidr)})).Vpc.VpcId
	}
	subnet := func(vpc, cidr, az, name string) string {
		return *must[*ec2.CreateSubnetOutput](t, "subnet")(e.CreateSubnet(cx, &ec2.CreateSubnetInput{VpcId: aws.String(vpc), CidrBlock: aws.String(cidr),
			AvailabilityZone: aws.String(az), TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeSubnet,
				Tags: []ec2types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}})).Subnet.SubnetId
	}
	sg := func(vpc, name string) string {
		return *must[*ec2.CreateSecurityGroupOutput](t, "sg")(e.CreateSecurityGroup(cx, &ec2.CreateSecurityGroupInput{VpcId: aws.String(vpc),
			GroupName: aws.String(name), Description: aws.String(name + " group")})).GroupId
	}
	f.vpcA, f.vpcB = vpc("10.1.0.0/16"), vpc("10.2.0.0/16")
	// vpcA resolves endpoints' private DNS names; vpcB keeps a new VPC's
	// default, DNS hostnames off.
	must[*ec2.ModifyVpcAttributeOutput](t, "dns hostnames")(e.ModifyVpcAttribute(cx, &ec2.ModifyVpcAttributeInput{VpcId: aws.String(f.vpcA),
		EnableDnsHostnames: &ec2types.AttributeBooleanValue{Value: aws.Bool(true)}}))
	f.subA1 = subnet(f.vpcA, "10.1.1.0/24", "us-east-1a", "a1")
	f.subA2 = subnet(f.vpcA, "10.1.2.0/24", "us-east-1b", "a2")
	f.subB1 = subnet(f.vpcB, "10.2.1.0/24", "us-east-1a", "b1")
	f.subB2 = subnet(f.vpcB, "10.2.2.0/24", "us-east-1a", "b2")
	f.sgA, f.sgB = sg(f.vpcA, "rotation-a"), sg(f.vpcB, "rotation-b")
	f.endpointA = *must[*ec2.CreateVpcEndpointOutput](t, "endpoint")(e.CreateVpcEndpoint(cx, &ec2.CreateVpcEndpointInput{VpcId: aws.String(f.vpcA),
		ServiceName: aws.String("com.amazonaws.us-east-1.secretsmanager"), VpcEndpointType: ec2types.VpcEndpointTypeInterface,
		SubnetIds: []string{f.subA1, f.subA2}, SecurityGroupIds: []string{f.sgA}, PrivateDnsEnabled: aws.Bool(true)})).VpcEndpoint.VpcEndpointId
	// A gateway endpoint of another service in vpcB must not count.
	must[*ec2.CreateVpcEndpointOutput](t, "s3 endpoint")(e.CreateVpcEndpoint(cx, &ec2.CreateVpcEndpointInput{VpcId: aws.String(f.vpcB),
		ServiceName: aws.String("com.amazonaws.us-east-1.s3"), VpcEndpointType: ec2types.VpcEndpointTypeGateway}))

	r := c.rds()
	must[*rds.CreateDBInstanceOutput](t, "db instance")(r.CreateDBInstance(cx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String("orders-pg"),
		Engine: aws.String("postgres"), DBInstanceClass: aws.String("db.t3.micro"), MasterUsername: aws.String("admin"),
		MasterUserPassword: aws.String("not-a-real-password-1"), AllocatedStorage: aws.Int32(20)}))
	must[*rds.CreateDBClusterOutput](t, "db cluster")(r.CreateDBCluster(cx, &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String("inventory"),
		Engine: aws.String("aurora-mysql"), MasterUsername: aws.String("admin"), MasterUserPassword: aws.String("not-a-real-password-1")}))
	// moto's RDS has no DocumentDB; neptune stands for an engine no hosted
	// rotation type serves.
	must[*rds.CreateDBClusterOutput](t, "neptune cluster")(r.CreateDBCluster(cx, &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String("graph"),
		Engine: aws.String("neptune"), MasterUsername: aws.String("admin"), MasterUserPassword: aws.String("not-a-real-password-1")}))

	must[*redshift.CreateClusterOutput](t, "redshift cluster")(c.redshift().CreateCluster(cx, &redshift.CreateClusterInput{ClusterIdentifier: aws.String("warehouse"),
		NodeType: aws.String("ra3.xlplus"), MasterUsername: aws.String("admin"), MasterUserPassword: aws.String("Not-a-real-password-1")}))

	f.takenFunction = "taken-rotation"
	newFunction(t, c)(f.takenFunction, lambdatypes.RuntimePython312)
	return f
}

// newFunction makes moto's role for rotation functions and returns a
// maker of functions on it, by name and runtime (and the subnets and
// security group of its VPC, when given), that returns their ARNs.
func newFunction(t *testing.T, c *Client) func(name string, rt lambdatypes.Runtime, vpc ...string) string {
	t.Helper()
	cx := context.Background()
	ic := iam.NewFromConfig(c.cfg)
	role := must[*iam.CreateRoleOutput](t, "role")(ic.CreateRole(cx, &iam.CreateRoleInput{RoleName: aws.String("rotation"),
		AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)}))
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("index.py")
	io.WriteString(w, "def handler(event, context):\n    pass\n")
	zw.Close()
	return func(name string, rt lambdatypes.Runtime, vpc ...string) string {
		in := &lambda.CreateFunctionInput{FunctionName: aws.String(name),
			Runtime: rt, Role: role.Role.Arn, Handler: aws.String("index.handler"), Code: &lambdatypes.FunctionCode{ZipFile: zb.Bytes()}}
		if len(vpc) > 0 {
			// The subnets, then the security group.
			in.VpcConfig = &lambdatypes.VpcConfig{SubnetIds: vpc[:len(vpc)-1], SecurityGroupIds: vpc[len(vpc)-1:]}
		}
		return *must[*lambda.CreateFunctionOutput](t, name)(c.lambda().CreateFunction(cx, in)).FunctionArn
	}
}

// analyzerServer is an IAM Access Analyzer stand-in speaking REST-JSON
// ValidatePolicy, since moto has none. answer decides each response from
// the request's policy document.
type analyzerServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []map[string]any
}

func newAnalyzer(t *testing.T, answer func(policy string, w http.ResponseWriter)) *analyzerServer {
	t.Helper()
	a := &analyzerServer{}
	a.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/policy/validation" {
			t.Errorf("access analyzer: unexpected %s %s", r.Method, r.URL.Path)
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			t.Errorf("access analyzer: body: %v", err)
		}
		a.mu.Lock()
		a.requests = append(a.requests, body)
		a.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		pol, _ := body["policyDocument"].(string)
		answer(pol, w)
	}))
	t.Cleanup(a.Close)
	return a
}

func noFindings(_ string, w http.ResponseWriter) { io.WriteString(w, `{"findings":[]}`) }

// natGateway creates a NAT gateway in subnet and a route table sending
// subnet's 0.0.0.0/0 through it.
func natGateway(t *testing.T, c *Client, vpc, subnet string) string {
	t.Helper()
	cx := context.Background()
	e := c.ec2()
	eip := must[*ec2.AllocateAddressOutput](t, "eip")(e.AllocateAddress(cx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc}))
	nat := *must[*ec2.CreateNatGatewayOutput](t, "nat")(e.CreateNatGateway(cx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(subnet), AllocationId: eip.AllocationId})).NatGateway.NatGatewayId
	rt := *must[*ec2.CreateRouteTableOutput](t, "route table")(e.CreateRouteTable(cx, &ec2.CreateRouteTableInput{VpcId: aws.String(vpc)})).RouteTable.RouteTableId
	must[*ec2.CreateRouteOutput](t, "route")(e.CreateRoute(cx, &ec2.CreateRouteInput{RouteTableId: aws.String(rt), DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String(nat)}))
	must[*ec2.AssociateRouteTableOutput](t, "associate")(e.AssociateRouteTable(cx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(rt), SubnetId: aws.String(subnet)}))
	return nat
}

// mainRoute sends the VPC's main route table's 0.0.0.0/0 through nat.
func mainRoute(t *testing.T, c *Client, vpc, nat string) {
	t.Helper()
	cx := context.Background()
	e := c.ec2()
	out := must[*ec2.DescribeRouteTablesOutput](t, "main table")(e.DescribeRouteTables(cx, &ec2.DescribeRouteTablesInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpc}}, {Name: aws.String("association.main"), Values: []string{"true"}}}}))
	if len(out.RouteTables) != 1 {
		t.Fatalf("vpc %s has %d main route tables", vpc, len(out.RouteTables))
	}
	must[*ec2.CreateRouteOutput](t, "main route")(e.CreateRoute(cx, &ec2.CreateRouteInput{RouteTableId: out.RouteTables[0].RouteTableId,
		DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String(nat)}))
}
