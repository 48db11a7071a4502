package workflow

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
)

// fixedAccount answers Verify with the same checks for every design, and
// counts the calls; the rest of account.Account is not used here.
type fixedAccount struct {
	account.Account
	checks []account.Check
	calls  int
}

func (a *fixedAccount) Verify(context.Context, *blueprint.Design) []account.Check {
	a.calls++
	return a.checks
}

// TestVerifyNamesEverySecret: Designs names each secret check found FILE:
// ID and passes over what has no design (a file that could not be read);
// Verify asks the account once per design, in order.
func TestVerifyNamesEverySecret(t *testing.T) {
	d := exampleDesign(t)
	files := []Inspected{
		{Path: "a.yaml", Secrets: []Secret{{ID: "One", Design: d}, {ID: "Two", Design: d}}},
		{Path: "broken.yaml", Err: errors.New("cannot read")},
		{Path: "b.tf", Secrets: []Secret{{ID: "aws_secretsmanager_secret.x", Design: d}, {ID: "unread"}}},
	}
	acct := &fixedAccount{checks: []account.Check{{ID: account.CheckRegion, Status: account.StatusPass}}}
	got := Verify(context.Background(), acct, Designs(files))
	var names []string
	for _, v := range got {
		names = append(names, v.Name)
		if len(v.Checks) != 1 {
			t.Errorf("%s: %d checks, want the account's one", v.Name, len(v.Checks))
		}
	}
	if want := "a.yaml: One|a.yaml: Two|b.tf: aws_secretsmanager_secret.x"; strings.Join(names, "|") != want {
		t.Errorf("verified %q, want %q", strings.Join(names, "|"), want)
	}
	if acct.calls != 3 {
		t.Errorf("Verify called the account %d times, want once per design (3)", acct.calls)
	}
}

// TestAccessChecksAndWalk: the walk-through takes only the key and
// rotation-function checks; a design without a region takes the account's
// (on a copy), one with a region keeps its own.
func TestAccessChecksAndWalk(t *testing.T) {
	d := exampleDesign(t)
	acct := &fixedAccount{checks: []account.Check{
		{ID: account.CheckRegion}, {ID: account.CheckKeyUsable}, {ID: account.CheckKeyPolicy},
		{ID: account.CheckVPCDNS}, {ID: account.CheckFunctionExists},
	}}
	var ids []string
	for _, c := range AccessChecks(context.Background(), acct, d) {
		ids = append(ids, c.ID)
	}
	if want := account.CheckKeyUsable + " " + account.CheckKeyPolicy + " " + account.CheckFunctionExists; strings.Join(ids, " ") != want {
		t.Errorf("AccessChecks kept %v, want %s", ids, want)
	}

	noRegion := d.Clone()
	noRegion.Secret.Region = ""
	got, w := Walk(noRegion, nil, "eu-central-1")
	if got.PrimaryRegion() != "eu-central-1" || w == nil {
		t.Errorf("Walk without a region: region %q, walk %v; want the account's", got.PrimaryRegion(), w)
	}
	if noRegion.PrimaryRegion() != "" {
		t.Error("Walk changed the caller's design")
	}
	own := d.Clone()
	own.Secret.Region = "us-west-2"
	if got, _ := Walk(own, nil, "eu-central-1"); got.PrimaryRegion() != "us-west-2" {
		t.Errorf("Walk with a region: %q, want the design's us-west-2", got.PrimaryRegion())
	}
}

func (a *fixedAccount) Identity() account.Identity { return account.Identity{Account: "123456789012"} }

// TestVerifierFileByFile: the Verifier connects once, at the first file
// with a secret (never for a run without one), verifies each file's
// secrets when given the file, and fails when a check fails or the
// account cannot be loaded.
func TestVerifierFileByFile(t *testing.T) {
	d := exampleDesign(t)
	acct := &fixedAccount{checks: []account.Check{{ID: account.CheckRegion, Status: account.StatusPass}}}
	connects := 0
	v := &Verifier{Connect: func(context.Context) (account.Account, bool) { connects++; return acct, true }}
	var shown []string
	show := func(r Verified, _ account.Identity) { shown = append(shown, r.Name) }
	ctx := context.Background()
	v.File(ctx, Inspected{Path: "broken.yaml", Err: errors.New("cannot read")}, show)
	if connects != 0 {
		t.Errorf("connected %d times for a file without secrets", connects)
	}
	v.File(ctx, Inspected{Path: "a.yaml", Secrets: []Secret{{ID: "One", Design: d}}}, show)
	if acct.calls != 1 || len(shown) != 1 {
		t.Errorf("after a.yaml: %d verifications, %v shown; want a.yaml's one, then", acct.calls, shown)
	}
	v.File(ctx, Inspected{Path: "b.yaml", Secrets: []Secret{{ID: "Two", Design: d}}}, show)
	if connects != 1 || strings.Join(shown, ",") != "a.yaml: One,b.yaml: Two" || v.Failed {
		t.Errorf("connected %d times, shown %v, failed %v", connects, shown, v.Failed)
	}
	acct.checks = []account.Check{{ID: account.CheckRegion, Status: account.StatusFail}}
	v.File(ctx, Inspected{Path: "c.yaml", Secrets: []Secret{{ID: "Three", Design: d}}}, show)
	if !v.Failed {
		t.Error("a failed check does not fail the Verifier")
	}

	down := &Verifier{Connect: func(context.Context) (account.Account, bool) { connects++; return nil, false }}
	connects = 0
	down.File(ctx, Inspected{Path: "a.yaml", Secrets: []Secret{{ID: "One", Design: d}}}, show)
	down.File(ctx, Inspected{Path: "b.yaml", Secrets: []Secret{{ID: "Two", Design: d}}}, show)
	if !down.Failed || connects != 1 {
		t.Errorf("unreachable account: failed %v after %d connects; want failed after one", down.Failed, connects)
	}
}
