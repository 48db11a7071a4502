package blueprint

import (
	"fmt"
	"strings"
	"testing"
)

// A Lambda function's VpcConfig takes at most 16 subnets and 5 security
// groups (the Lambda API model); 17 and 6 were accepted and written, and
// the function would not be created (issue 22's third trial).
func TestRotationFunctionVPCListsKeepLambdaLimits(t *testing.T) {
	ids := func(prefix string, n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("%s-%017x", prefix, i))
		}
		return out
	}
	problem := func(d *Design, path string) string {
		for _, p := range d.Validate() {
			if p.Path == path {
				return p.Message
			}
		}
		return ""
	}
	d := validDesign()
	h := d.Rotation.HostedRotationLambda
	h.VPCSubnetIDs, h.VPCSecurityGroupIDs = ids("subnet", 16), ids("sg", 5)
	if got := problem(d, "rotation.hostedRotationLambda.vpcSubnetIds") + problem(d, "rotation.hostedRotationLambda.vpcSecurityGroupIds"); got != "" {
		t.Errorf("16 subnets and 5 security groups: %q, want them accepted", got)
	}
	h.VPCSubnetIDs, h.VPCSecurityGroupIDs = ids("subnet", 17), ids("sg", 6)
	if got := problem(d, "rotation.hostedRotationLambda.vpcSubnetIds"); !strings.Contains(got, "lists 17 subnets; a Lambda function takes at most 16") {
		t.Errorf("17 subnets: %q", got)
	}
	if got := problem(d, "rotation.hostedRotationLambda.vpcSecurityGroupIds"); !strings.Contains(got, "lists 6 security groups; a Lambda function takes at most 5") {
		t.Errorf("6 security groups: %q", got)
	}
}
