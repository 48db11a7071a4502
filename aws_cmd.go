package main

import (
	"context"
	"fmt"
	"io"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/spf13/cobra"
)

// awsOptions are the --aws, --profile and --region flags. Without any of
// them secretsmith makes no network call at all.
type awsOptions struct {
	enabled bool
	profile string
	region  string
}

func addAWSFlags(cmd *cobra.Command, o *awsOptions, what string) {
	cmd.Flags().BoolVar(&o.enabled, "aws", false, what+" (uses the standard AWS configuration; implied by --profile and --region)")
	cmd.Flags().StringVar(&o.profile, "profile", "", "AWS shared config profile (implies --aws)")
	cmd.Flags().StringVar(&o.region, "region", "", "AWS region (implies --aws)")
}

func (o awsOptions) on() bool { return o.enabled || o.profile != "" || o.region != "" }

// awsHTTPClient carries every AWS request when set; nil is the SDK's own
// client. Tests set it to prove which commands touch the network.
var awsHTTPClient account.HTTPClient

// loadAccount connects to the account; tests replace it with a fake.
var loadAccount = func(ctx context.Context, o account.Options) (account.Account, error) {
	c, err := account.Load(ctx, o)
	if err != nil {
		// Not c: a nil *Client in an Account interface is not a nil
		// Account, and the wizard would call its methods.
		return nil, err
	}
	return c, nil
}

// connect is the wizard's background loader of the account, or nil when
// the flags leave the wizard offline.
func (o awsOptions) connect() tui.ConnectFunc {
	if !o.on() {
		return nil
	}
	return func(ctx context.Context) (account.Account, error) {
		return loadAccount(ctx, account.Options{Profile: o.profile, Region: o.region, HTTPClient: awsHTTPClient})
	}
}

// verifyAWS runs the account verification of d when the flags ask for it,
// prints it to w (and a failure to connect to errw), and reports whether
// anything failed or could not be checked.
func verifyAWS(w, errw io.Writer, o awsOptions, d *blueprint.Design) (failed bool) {
	if d == nil {
		return false
	}
	return verifyAWSDesigns(w, errw, o, []string{""}, []*blueprint.Design{d})
}

// verifyAWSFiles verifies every secret check found, loading the account
// once.
func verifyAWSFiles(w, errw io.Writer, o awsOptions, files []workflow.Inspected) (failed bool) {
	var names []string
	var designs []*blueprint.Design
	for _, f := range files {
		for _, s := range f.Secrets {
			if s.Design != nil {
				names = append(names, f.Path+": "+s.ID)
				designs = append(designs, s.Design)
			}
		}
	}
	return verifyAWSDesigns(w, errw, o, names, designs)
}

// verifyAWSKeys is the part of the verification access is about: the keys
// and whether their policies let the readers decrypt.
// accessChecks are the account's verifications the walk-through takes
// (d's keys, and your own rotation function, whose configuration names its
// role), and who ran them; ok is false when the account could not be
// loaded (said on errw).
func accessChecks(errw io.Writer, o awsOptions, d *blueprint.Design) (checks []account.Check, id account.Identity, ok bool) {
	ctx := context.Background()
	acct, err := loadAccount(ctx, account.Options{Profile: o.profile, Region: o.region, HTTPClient: awsHTTPClient})
	if err != nil {
		fmt.Fprintf(errw, "secretsmith: cannot verify against AWS: %s\n", blueprint.SafeLine(err.Error()))
		return nil, id, false
	}
	for _, c := range acct.Verify(ctx, d) {
		if c.ID == account.CheckKeyUsable || c.ID == account.CheckKeyPolicy || c.ID == account.CheckFunctionExists {
			checks = append(checks, c)
		}
	}
	return checks, acct.Identity(), true
}

func verifyAWSDesigns(w, errw io.Writer, o awsOptions, names []string, designs []*blueprint.Design) (failed bool) {
	return verifyAWSFiltered(w, errw, o, names, designs, nil)
}

func verifyAWSFiltered(w, errw io.Writer, o awsOptions, names []string, designs []*blueprint.Design, keep func(account.Check) bool) (failed bool) {
	if !o.on() || len(designs) == 0 {
		return false
	}
	ctx := context.Background()
	acct, err := loadAccount(ctx, account.Options{Profile: o.profile, Region: o.region, HTTPClient: awsHTTPClient})
	if err != nil {
		fmt.Fprintf(errw, "secretsmith: cannot verify against AWS: %s\n", blueprint.SafeLine(err.Error()))
		return true
	}
	for i, d := range designs {
		checks := acct.Verify(ctx, d)
		if keep != nil {
			var kept []account.Check
			for _, c := range checks {
				if keep(c) {
					kept = append(kept, c)
				}
			}
			checks = kept
		}
		printChecks(w, names[i], acct.Identity(), checks)
		failed = failed || account.Failed(checks)
	}
	return failed
}

func printChecks(w io.Writer, name string, id account.Identity, checks []account.Check) {
	if name != "" {
		name = " of " + name
	}
	fmt.Fprintf(w, "\nAWS verification%s as %s\n\n", blueprint.SafeLine(name), blueprint.SafeLine(id.String()))
	width := 0
	for _, c := range checks {
		width = max(width, len(c.ID))
	}
	var pass, fail, errs int
	for _, c := range checks {
		switch c.Status {
		case account.StatusPass:
			pass++
		case account.StatusFail:
			fail++
		default:
			errs++
		}
		fmt.Fprintf(w, "  %-5s  %-*s  %s: %s\n", c.Status, width, c.ID, c.Path, blueprint.SafeLine(oneLine(c.Message)))
		for _, f := range c.Findings {
			fmt.Fprintf(w, "         %s %s: %s\n", blueprint.SafeLine(f.Type), blueprint.SafeLine(f.Code), blueprint.SafeLine(oneLine(f.Details)))
			if f.LearnMore != "" {
				fmt.Fprintf(w, "           %s\n", blueprint.SafeLine(f.LearnMore))
			}
		}
	}
	if len(checks) == 0 {
		fmt.Fprintln(w, "  nothing in the design names an AWS resource to verify")
	}
	fmt.Fprintf(w, "\n%d passed, %d failed, %d could not be checked\n", pass, fail, errs)
}
