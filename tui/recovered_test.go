package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
)

// B6: what the recovery of an interrupted write did before this write
// (Written.Recovered) is said at its place: on the Done screen and in line
// mode when the write succeeds, and in the status, before the error, when
// it does not. Before, it was never said.
func TestRecoveryIsSaid(t *testing.T) {
	const note = "an earlier write of these files was interrupted, and secretsmith finished it first: it moved out/x.cfn.yaml into place"
	var fail error
	write := func(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
		return Written{Files: []string{"out/x.cfn.yaml"}, Next: "deploy", Recovered: note}, fail
	}
	load := func() *blueprint.Design { return outputDesignFor(t) }
	m := sized(New(load(), Options{DesignFile: "x.yaml", Write: write}))
	defer m.Close()
	m.gotoStep(stepReview)
	m.write()
	onStep(t, m, stepDone, "after writing")
	contains(t, formText(m), "Finished first: "+note)

	var out strings.Builder
	if _, err := RunAccessible(load(), Options{DesignFile: "x.yaml", Write: write}, strings.NewReader(strings.Repeat("\n", 80)), &out); err != nil {
		t.Fatalf("line mode: %v\n%s", err, out.String())
	}
	contains(t, out.String(), "Finished first:\n  "+note+"\n")

	fail = errors.New("write out/x.design.yaml: no space left on device")
	m = sized(New(load(), Options{DesignFile: "x.yaml", Write: write}))
	defer m.Close()
	m.gotoStep(stepReview)
	m.write()
	if !strings.HasPrefix(m.status, note) || !strings.Contains(m.status, "no space left") {
		t.Errorf("status after a failed write = %q, want the recovery said, then the error", m.status)
	}
}

// outputDesignFor is outputDesign, decoded as the design file x.yaml.
func outputDesignFor(t *testing.T) *blueprint.Design {
	t.Helper()
	dFile := designfile.Decode("x.yaml", []byte(outputDesign))
	d := dFile.Valid()
	if d == nil {
		t.Fatal(dFile.Diagnostics())
	}
	return d
}
