package workflow

import (
	"context"

	"github.com/secretsmith/secretsmith/account"
)

// ResolveKeyAliases resolves, through the account, each alias that stands
// where a key ARN is needed (blueprint.Design.KeyAliasFields) to the ARN of
// its key (account.ResolveKeyAliases, kms:DescribeKey), and returns the
// file loaded again with those ARNs: validated and checked anew, so the
// templates it renders name the keys. l is returned unchanged when the
// file is not sound or names no such alias; an error (wrapping
// account.ErrCannotResolve) leaves it unchanged too, and Validate's error
// that asks for the key ARN then stands.
func (l *Loaded) ResolveKeyAliases(ctx context.Context, acct account.Account) (*Loaded, []account.ResolvedAlias, error) {
	if !l.NamesKeyAliases() {
		return l, nil, nil
	}
	d, done, err := account.ResolveKeyAliasesWith(ctx, acct, l.File.Design)
	if err != nil || len(done) == 0 {
		return l, nil, err
	}
	return loaded(l.Path, l.File.WithDesign(d)), done, nil
}

// NamesKeyAliases reports whether the file is sound and names an alias
// where a key ARN is needed: what ResolveKeyAliases would look up.
func (l *Loaded) NamesKeyAliases() bool {
	return l.File.Sound() && len(l.File.Design.KeyAliasFields()) > 0
}
