package account

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestVerifyReadsTheHostedNetwork: with the hosted function's subnets and
// neither vpcId nor endpoint, verification reads their VPC, NAT routes and
// the VPC's endpoints for Secrets Manager and RDS into
// Environment.HostedNetwork, and the walk-through then decides the
// function's way to Secrets Manager, which it leaves unsure offline.
func TestVerifyReadsTheHostedNetwork(t *testing.T) {
	c := loadMoto(t, moto(t), nil)
	f := seed(t, c)
	cx := ctx(t)
	e := c.ec2()
	// vpcB: an RDS endpoint with private DNS, no Secrets Manager endpoint,
	// and a NAT route for subB1 only.
	rds := *must[*ec2.CreateVpcEndpointOutput](t, "rds endpoint")(e.CreateVpcEndpoint(cx, &ec2.CreateVpcEndpointInput{VpcId: aws.String(f.vpcB),
		ServiceName: aws.String(RDSService("us-east-1")), VpcEndpointType: ec2types.VpcEndpointTypeInterface,
		SubnetIds: []string{f.subB1}, SecurityGroupIds: []string{f.sgB}, PrivateDnsEnabled: aws.Bool(true)})).VpcEndpoint.VpcEndpointId
	public := *must[*ec2.CreateSubnetOutput](t, "public subnet")(e.CreateSubnet(cx, &ec2.CreateSubnetInput{VpcId: aws.String(f.vpcB),
		CidrBlock: aws.String("10.2.9.0/24"), AvailabilityZone: aws.String("us-east-1a")})).Subnet.SubnetId
	nat := natGateway(t, c, f.vpcB, public)
	rt := *must[*ec2.CreateRouteTableOutput](t, "route table")(e.CreateRouteTable(cx, &ec2.CreateRouteTableInput{VpcId: aws.String(f.vpcB)})).RouteTable.RouteTableId
	must[*ec2.CreateRouteOutput](t, "route")(e.CreateRoute(cx, &ec2.CreateRouteInput{RouteTableId: aws.String(rt), DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String(nat)}))
	must[*ec2.AssociateRouteTableOutput](t, "associate")(e.AssociateRouteTable(cx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(rt), SubnetId: aws.String(f.subB1)}))

	hosted := func(subnets []string, sg string) *blueprint.Design {
		return &blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/app"},
			Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{
				RotationType: "PostgreSQLSingleUser", RotationLambdaName: "app-rotation-net",
				VPCSubnetIDs: subnets, VPCSecurityGroupIDs: []string{sg}}}}
	}
	sorted := func(s ...string) []string { return slices.Sorted(slices.Values(s)) }
	for _, tc := range []struct {
		name    string
		d       *blueprint.Design
		want    blueprint.FunctionNetwork
		connect blueprint.Outcome
	}{
		{"endpoint", hosted([]string{f.subA1, f.subA2}, f.sgA),
			blueprint.FunctionNetwork{VPC: f.vpcA, Subnets: sorted(f.subA1, f.subA2), Endpoint: f.endpointA}, blueprint.Allowed},
		{"RDS endpoint, NAT for one subnet", hosted([]string{f.subB1, f.subB2}, f.sgB),
			blueprint.FunctionNetwork{VPC: f.vpcB, Subnets: sorted(f.subB1, f.subB2), RDSEndpoint: rds, NAT: []string{f.subB1}}, blueprint.Refused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := Environment(c.Verify(cx, tc.d))
			n := env.HostedNetwork
			if n == nil {
				t.Fatal("Environment().HostedNetwork is nil")
			}
			if n.VPC != tc.want.VPC || !slices.Equal(n.Subnets, tc.want.Subnets) || n.Endpoint != tc.want.Endpoint ||
				n.RDSEndpoint != tc.want.RDSEndpoint || !slices.Equal(n.NAT, tc.want.NAT) {
				t.Errorf("HostedNetwork = %+v, want %+v", *n, tc.want)
			}
			connect := func(w *blueprint.Walk) blueprint.Outcome {
				for _, call := range w.Calls {
					if call.Action == "network:Connect" && call.On == "the Secrets Manager API" {
						return call.Outcome
					}
				}
				t.Fatal("no connect call")
				return 0
			}
			if got := connect(tc.d.Walk(nil)); got != blueprint.Unsure {
				t.Errorf("offline, connect is %s, want unsure", got.Key())
			}
			if got := connect(tc.d.Walk(env)); got != tc.connect {
				t.Errorf("with the account read, connect is %s, want %s", got.Key(), tc.connect.Key())
			}
		})
	}
}
