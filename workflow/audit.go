package workflow

import (
	"context"
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/store"
)

// Audit loads the account o names and audits the regions ao names, or
// with all, every region enabled for the account.
func Audit(ctx context.Context, o account.Options, ao account.AuditOptions, all bool) (*account.AuditReport, error) {
	c, err := account.Load(ctx, o)
	if err != nil {
		return nil, err
	}
	if all {
		if ao.Regions, err = c.Regions(ctx); err != nil {
			return nil, err
		}
	}
	return c.Audit(ctx, ao)
}

// SaveAudit writes one design file per audited secret into dir, all or
// none, and returns their paths. Files that exist are replaced only with
// force (store.ExistsError otherwise).
func SaveAudit(fsys store.FS, rep *account.AuditReport, dir string, force bool) ([]string, error) {
	var files []store.File
	seen := map[string]int{}
	for _, s := range rep.Secrets {
		data, err := designfile.Save(s.Design)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
		name := designFileName(s.Region, s.Name)
		if n := seen[name]; n > 0 {
			name = strings.TrimSuffix(name, ".design.yaml") + fmt.Sprintf("-%d.design.yaml", n+1)
		}
		seen[name]++
		files = append(files, store.File{Name: name, Data: data})
	}
	return fsys.WriteSet(dir, files, force)
}

// designFileName is a file name for a secret's design: its region and
// name, with every character a file name cannot hold replaced by -.
func designFileName(region, name string) string {
	var b strings.Builder
	for _, r := range region + "-" + name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), ".-") + ".design.yaml"
}
