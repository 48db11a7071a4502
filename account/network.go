package account

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/secretsmith/secretsmith/blueprint"
)

// netReader reads a rotation function's network: its subnets' VPC, their
// route tables and the VPC's interface endpoints. The audit (a deployed
// function) counts its calls; verification (the hosted function's subnets
// the design names) does not.
type netReader struct {
	c      *Client
	e      *ec2.Client
	region string
	// count, when set, counts each call by its action.
	count func(action string)
}

func netCall[T any](ctx context.Context, r netReader, action string, fn func(context.Context) (T, error)) (T, error) {
	if r.count != nil {
		r.count(action)
	}
	return call(ctx, r.c, action, fn)
}

// functionNetwork is the network of a function in subnets: outside any VPC
// when there are none, else their VPC (vpcOf), and what that VPC's route
// tables and endpoints say (facts).
func functionNetwork(subnets []string, vpcOf func(subnets []string) (string, error), facts func(vpc string) (vpcFacts, error)) (*blueprint.FunctionNetwork, error) {
	n := &blueprint.FunctionNetwork{}
	if len(subnets) == 0 {
		return n, nil
	}
	n.Subnets = slices.Sorted(slices.Values(subnets))
	vpc, err := vpcOf(n.Subnets)
	if err != nil {
		return nil, fmt.Errorf("the subnets %s: %w", strings.Join(n.Subnets, ", "), err)
	}
	n.VPC = vpc
	vf, err := facts(vpc)
	if err != nil {
		return nil, fmt.Errorf("the network of %s: %w", vpc, err)
	}
	n.Endpoint, n.RDSEndpoint = vf.endpoint, vf.rdsEndpoint
	for _, sub := range n.Subnets {
		if vf.natOf(sub) != "" {
			n.NAT = append(n.NAT, sub)
		}
	}
	return n, nil
}

// vpcOf is the VPC of subnets (a function's subnets are all in one).
func (r netReader) vpcOf(ctx context.Context, subnets []string) (string, error) {
	out, err := netCall(ctx, r, "ec2:DescribeSubnets", func(ctx context.Context) (*ec2.DescribeSubnetsOutput, error) {
		return r.e.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: subnets})
	})
	if err != nil {
		return "", err
	}
	for _, s := range out.Subnets {
		if v := aws.ToString(s.VpcId); v != "" {
			return v, nil
		}
	}
	return "", fmt.Errorf("ec2:DescribeSubnets names no VPC for %s", strings.Join(subnets, ", "))
}

// vpcFacts are what is read of a rotation function's VPC: which route
// table each subnet uses, which tables send the default route to a NAT
// gateway, and the VPC's interface endpoints with private DNS for Secrets
// Manager and for the RDS API.
type vpcFacts struct {
	// tableOf maps a subnet to its route table; a subnet with none of
	// its own uses the main table.
	tableOf map[string]string
	main    string
	// nat maps a route table to the NAT gateway of its default route.
	nat                   map[string]string
	endpoint, rdsEndpoint string
}

// natOf is the NAT gateway of subnet's default route, or "".
func (vf vpcFacts) natOf(subnet string) string {
	return vf.nat[cmp.Or(vf.tableOf[subnet], vf.main)]
}

// RDSService is the service name of the RDS API's interface endpoint in
// region.
func RDSService(region string) string { return "com.amazonaws." + region + ".rds" }

func (r netReader) vpc(ctx context.Context, vpc string) (vpcFacts, error) {
	vf := vpcFacts{tableOf: map[string]string{}, nat: map[string]string{}}
	byVPC := []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpc}}}
	tables := ec2.NewDescribeRouteTablesPaginator(r.e, &ec2.DescribeRouteTablesInput{Filters: byVPC})
	for tables.HasMorePages() {
		page, err := netCall(ctx, r, "ec2:DescribeRouteTables", func(ctx context.Context) (*ec2.DescribeRouteTablesOutput, error) { return tables.NextPage(ctx) })
		if err != nil {
			return vpcFacts{}, err
		}
		for _, t := range page.RouteTables {
			id := aws.ToString(t.RouteTableId)
			for _, as := range t.Associations {
				if aws.ToBool(as.Main) {
					vf.main = id
				}
				if sub := aws.ToString(as.SubnetId); sub != "" {
					vf.tableOf[sub] = id
				}
			}
			for _, rt := range t.Routes {
				if aws.ToString(rt.DestinationCidrBlock) == "0.0.0.0/0" && aws.ToString(rt.NatGatewayId) != "" && rt.State != ec2types.RouteStateBlackhole {
					vf.nat[id] = aws.ToString(rt.NatGatewayId)
				}
			}
		}
	}
	sm, rds := SecretsManagerService(r.region), RDSService(r.region)
	eps := ec2.NewDescribeVpcEndpointsPaginator(r.e, &ec2.DescribeVpcEndpointsInput{Filters: append(byVPC,
		ec2types.Filter{Name: aws.String("service-name"), Values: []string{sm, rds}})})
	for eps.HasMorePages() {
		page, err := netCall(ctx, r, "ec2:DescribeVpcEndpoints", func(ctx context.Context) (*ec2.DescribeVpcEndpointsOutput, error) { return eps.NextPage(ctx) })
		if err != nil {
			return vpcFacts{}, err
		}
		for _, ep := range page.VpcEndpoints {
			// The filters are a request: check what came back.
			if aws.ToString(ep.VpcId) != vpc || ep.VpcEndpointType != ec2types.VpcEndpointTypeInterface || !aws.ToBool(ep.PrivateDnsEnabled) ||
				!strings.EqualFold(string(ep.State), "available") {
				continue
			}
			id := aws.ToString(ep.VpcEndpointId)
			switch aws.ToString(ep.ServiceName) {
			case sm:
				vf.endpoint = cmp.Or(vf.endpoint, id)
			case rds:
				vf.rdsEndpoint = cmp.Or(vf.rdsEndpoint, id)
			}
		}
	}
	return vf, nil
}
