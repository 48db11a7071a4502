package workflow

import (
	"context"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// Named is a design and the name a report gives it ("" for the only one).
type Named struct {
	Name   string
	Design *blueprint.Design
}

// Verified is the account's verification of one design.
type Verified struct {
	Name   string
	Checks []account.Check
}

// Verify checks each design against the account, in order.
func Verify(ctx context.Context, acct account.Account, designs []Named) []Verified {
	out := make([]Verified, len(designs))
	for i, n := range designs {
		out[i] = Verified{Name: n.Name, Checks: acct.Verify(ctx, n.Design)}
	}
	return out
}

// Verifier verifies the secrets of each file against the account as
// InspectEach gives the file, rather than once the walk is over: a check
// run holds a few files at a time, not every file it read. It connects
// once, at the first file that has a secret.
type Verifier struct {
	// Connect loads the account; false says it could not (and that it
	// has said why).
	Connect func(context.Context) (account.Account, bool)
	// Failed says a check failed or could not be made, or the account
	// could not be loaded.
	Failed bool
	acct   account.Account
	tried  bool
}

// File verifies the secrets of f, in order, giving each verification to
// show with the identity it was made as.
func (v *Verifier) File(ctx context.Context, f Inspected, show func(Verified, account.Identity)) {
	designs := Designs([]Inspected{f})
	if len(designs) == 0 {
		return
	}
	if !v.tried {
		v.tried = true
		acct, ok := v.Connect(ctx)
		if !ok {
			v.Failed = true
			return
		}
		v.acct = acct
	}
	if v.acct == nil {
		return
	}
	for _, r := range Verify(ctx, v.acct, designs) {
		show(r, v.acct.Identity())
		v.Failed = v.Failed || account.Failed(r.Checks)
	}
}

// Designs are the secrets Inspect found, each named FILE: ID, for Verify.
func Designs(files []Inspected) []Named {
	var out []Named
	for _, f := range files {
		for _, s := range f.Secrets {
			if s.Design != nil {
				out = append(out, Named{Name: f.Path + ": " + s.ID, Design: s.Design})
			}
		}
	}
	return out
}

// AccessChecks are the account's verifications of d that the deployment
// walk-through takes (account.Environment): its keys and their policies,
// and the design's own rotation function, whose configuration names its
// role.
func AccessChecks(ctx context.Context, acct account.Account, d *blueprint.Design) []account.Check {
	var checks []account.Check
	for _, c := range acct.Verify(ctx, d) {
		if c.ID == account.CheckKeyUsable || c.ID == account.CheckKeyPolicy || c.ID == account.CheckFunctionExists {
			checks = append(checks, c)
		}
	}
	return checks
}

// Walk is the deployment walk-through of d, given what the account says
// (env, from account.EnvironmentOf; nil offline) so that the access model, the walk
// and the verdicts agree. region is the account's ("" offline): a design
// that names no region deploys into it, and is returned with it, rather
// than with REGION placeholders beside the account's own answers.
func Walk(d *blueprint.Design, env *blueprint.Environment, region string) (*blueprint.Design, *blueprint.Walk) {
	if region != "" && d.PrimaryRegion() == "" {
		d = d.Clone()
		d.Secret.Region = region
	}
	return d, d.Walk(env)
}

// ReaderPolicies are the reader policy files of d (generate.ReaderPolicies)
// from the same walk-through 'access' shows (Walk): with an account (acct,
// nil offline), from account.EnvironmentOf and its region, so the policies name the
// secret's account and region instead of ACCOUNT_ID and REGION.
func ReaderPolicies(ctx context.Context, acct account.Account, d *blueprint.Design) ([]generate.File, error) {
	var env *blueprint.Environment
	var region string
	if acct != nil {
		env, _ = account.EnvironmentOf(ctx, acct, nil)
		region = acct.Identity().Region
	}
	d, w := Walk(d, env, region)
	return generate.ReaderPoliciesOf(d, w)
}
