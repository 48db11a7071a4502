package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// trial7a T9: Done's list of written files broke a reader policy's name
// at a '-' ("...-role-payments-" / "app.iam.json"), so it could not be
// copied as one piece. A path that fits a line is on one line.
func TestDoneKeepsAWrittenPathWhole(t *testing.T) {
	reader := "prod-payments-db-terraform/prod-payments-db.reader-1.111122223333-role-payments-app.iam.json"
	write := func(context.Context, account.Account, *blueprint.Design, generate.Format, string, bool, string) (Written, error) {
		return Written{Files: []string{"prod-payments-db-terraform/main.tf", reader}, Next: "cd prod-payments-db-terraform && terraform init"}, nil
	}
	m := onReview(t, Options{Write: write})
	m.focusID("review.write")
	press(t, m, "enter")
	onStep(t, m, stepDone, "after writing")
	// The left pane at the test size is narrower than the path: it
	// breaks as a command's word does, and the rows read back with the
	// shell's continuation removed are the path.
	var rows []string
	for _, row := range strings.Split(screen(m), "\n") {
		left, _, _ := strings.Cut(row, "│")
		rows = append(rows, strings.TrimRight(left, " "))
	}
	got := ""
	for i, r := range rows {
		if strings.HasPrefix(r, "  prod-payments-db-terraform/prod-") {
			for got = strings.TrimPrefix(r, "  "); strings.HasSuffix(got, "\\") && i+1 < len(rows); i++ {
				got = strings.TrimSuffix(got, "\\") + rows[i+1]
			}
			break
		}
	}
	if got != reader {
		t.Errorf("Done's rows give the path %q, want %q:\n%s", got, reader, strings.Join(rows, "\n"))
	}
	// Wider than any line, it breaks as a command's word does: the shell's
	// continuation, the pieces the path.
	long := strings.Repeat("very-long-directory/", 6) + "x.iam.json"
	lines := pathLines(long, 40, "  ")
	if len(lines) < 2 {
		t.Fatalf("pathLines(%d wide, 40) = %q, want it broken", len(long), lines)
	}
	var joined strings.Builder
	for i, l := range lines {
		l = strings.TrimPrefix(l, "  ")
		if i < len(lines)-1 {
			if !strings.HasSuffix(l, "\\") {
				t.Errorf("line %q does not end in the shell's continuation", l)
			}
			l = strings.TrimSuffix(l, "\\")
		}
		joined.WriteString(l)
	}
	if joined.String() != long {
		t.Errorf("pathLines read back = %q, want %q", joined.String(), long)
	}
}
