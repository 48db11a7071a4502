package account

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Caller is the caller as a resource policy's conditions see it: the
// value of aws:PrincipalArn and of aws:PrincipalOrgID. An empty field is
// not known, and Notes say why.
type Caller struct {
	// PrincipalARN is aws:PrincipalArn: for a role session, the role's
	// ARN (with its path), not the session's.
	PrincipalARN string
	// OrganizationID is the caller's account's organization.
	OrganizationID string
	Notes          []string
}

// EnvironmentOf is what the account says beyond the design, as the
// walk-through takes it: the answers of checks (Environment), the account
// the secret deploys into, and the caller, taken to be the deployer, with
// its aws:PrincipalArn and organization when acct can say (CallerReader).
// Notes say what could not be found, which the walk-through then leaves
// undecided. access, generate and the wizard's review all take it from
// here, so they judge the same design the same way.
func EnvironmentOf(ctx context.Context, acct Account, checks []Check) (*blueprint.Environment, []string) {
	env := Environment(checks)
	env.Account = acct.Identity().Account
	cr, ok := acct.(CallerReader)
	if !ok {
		return env, nil
	}
	c := cr.Caller(ctx)
	env.DeployerARN, env.OrganizationID = c.PrincipalARN, c.OrganizationID
	return env, c.Notes
}

// CallerReader is an Account that can say who its caller is to a policy.
// *Client is one; an account that is not answers nothing, and the
// walk-through then leaves those conditions undecided.
type CallerReader interface {
	Caller(ctx context.Context) Caller
}

var _ CallerReader = (*Client)(nil)

// SessionRole reads an STS assumed-role ARN
// (arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/SESSION): the role's name,
// and its IAM ARN as it would be with the default path /. ok is false for
// any other ARN, which is its own aws:PrincipalArn (a user, the root, a
// federated user).
func SessionRole(arn string) (name, roleARN string, ok bool) {
	a, parsed := blueprint.ParseARN(arn)
	if !parsed || a.Service != "sts" {
		return "", "", false
	}
	rest, isRole := strings.CutPrefix(a.Resource, "assumed-role/")
	name, _, hasSession := strings.Cut(rest, "/")
	if !isRole || !hasSession || name == "" {
		return "", "", false
	}
	return name, "arn:" + a.Partition + ":iam::" + a.Account + ":role/" + name, true
}

// Caller works out the caller's aws:PrincipalArn and organization. An
// assumed-role session's ARN names the role but not its path, so the role
// is read (iam:GetRole) for its ARN; when that cannot be read, the
// principal is left unknown rather than guessed, since a condition on the
// role's full ARN would then be judged wrongly. An account outside any
// organization, or a caller that may not describe it, has no known
// organization: a note, never an error.
func (c *Client) Caller(ctx context.Context) Caller {
	var out Caller
	arn := c.identity.ARN
	if name, _, ok := SessionRole(arn); ok {
		role, err := call(ctx, c, "iam:GetRole", func(ctx context.Context) (*iam.GetRoleOutput, error) {
			return c.iam().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		})
		if err != nil {
			out.Notes = append(out.Notes, "the caller's role "+name+" could not be read, so its ARN (and path) as aws:PrincipalArn is not known: "+Reason(err))
		} else {
			out.PrincipalARN = aws.ToString(role.Role.Arn)
		}
	} else {
		out.PrincipalARN = arn
	}
	var note string
	out.OrganizationID, note = c.organization(ctx)
	if note != "" {
		out.Notes = append(out.Notes, note)
	}
	return out
}

// organization is the id of the account's organization, or "" and why it
// is not known: an account outside any organization, or a caller that may
// not describe it, is a note, never an error.
func (c *Client) organization(ctx context.Context) (id, note string) {
	org, err := call(ctx, c, "organizations:DescribeOrganization", func(ctx context.Context) (*organizations.DescribeOrganizationOutput, error) {
		return c.organizations().DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	})
	var notInUse *orgtypes.AWSOrganizationsNotInUseException
	switch {
	case errors.As(err, &notInUse):
		return "", "the account is not in an organization, so aws:PrincipalOrgID is absent from its calls"
	case err != nil:
		return "", "the account's organization is not known: " + Reason(err)
	case org.Organization != nil:
		return aws.ToString(org.Organization.Id), ""
	}
	return "", "the account's organization is not known"
}

func (c *Client) iam() *iam.Client {
	return iam.NewFromConfig(c.cfg, func(o *iam.Options) { c.endpoint("iam", &o.BaseEndpoint) })
}

func (c *Client) organizations() *organizations.Client {
	return organizations.NewFromConfig(c.cfg, func(o *organizations.Options) { c.endpoint("organizations", &o.BaseEndpoint) })
}
