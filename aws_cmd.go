package main

import (
	"context"
	"fmt"
	"io"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/secretsmith/secretsmith/workflow/report"
	"github.com/spf13/cobra"
)

// awsOptions are the --aws, --profile and --region flags. Without any of
// them secretsmith makes no network call at all.
type awsOptions struct {
	enabled bool
	profile string
	region  string
	// acct is the account once a command has loaded it, so a second
	// use (generate's alias lookup, then its verification) loads it once.
	acct account.Account
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

// connectAWS loads the account the flags name, or says on errw why it
// cannot (ok false).
func (o awsOptions) connectAWS(ctx context.Context, errw io.Writer) (acct account.Account, ok bool) {
	if o.acct != nil {
		return o.acct, true
	}
	acct, err := loadAccount(ctx, account.Options{Profile: o.profile, Region: o.region, HTTPClient: awsHTTPClient})
	if err != nil {
		fmt.Fprintf(errw, "secretsmith: cannot verify against AWS: %s\n", blueprint.SafeLine(err.Error()))
		return nil, false
	}
	return acct, true
}

// verifyAWS verifies the designs against the account when the flags ask
// for it, loading the account once, prints each verification to w (and a
// failure to connect to errw), and reports whether anything failed or
// could not be checked.
func verifyAWS(w, errw io.Writer, o awsOptions, designs []workflow.Named) (failed bool) {
	if !o.on() || len(designs) == 0 {
		return false
	}
	ctx := context.Background()
	acct, ok := o.connectAWS(ctx, errw)
	if !ok {
		return true
	}
	for _, v := range workflow.Verify(ctx, acct, designs) {
		report.Verification(w, v.Name, acct.Identity(), v.Checks)
		failed = failed || account.Failed(v.Checks)
	}
	return failed
}
