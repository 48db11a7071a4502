package account

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// KeyDescriber is the one call resolving a key alias needs:
// kms:DescribeKey, which takes an alias name or alias ARN as well as a key
// id and answers with the key's own ARN. *Client is one; a fake in a test
// may be too. region "" is the account's.
type KeyDescriber interface {
	DescribeKey(ctx context.Context, region, id string) (KeyMetadata, error)
}

var _ KeyDescriber = (*Client)(nil)

// DescribeKey implements KeyDescriber.
func (c *Client) DescribeKey(ctx context.Context, region, id string) (KeyMetadata, error) {
	return c.describeKey(ctx, region, id)
}

// ResolvedAlias is one alias replaced by the ARN of its key.
type ResolvedAlias struct {
	// Path is the field, Alias what it held (or inherited), KeyARN what
	// it holds now.
	Path, Alias, KeyARN string
}

// ErrCannotResolve is wrapped by ResolveKeyAliases' error when the account
// cannot answer for an alias: the design then keeps it, and the offline
// error that asks for the key ARN stands.
var ErrCannotResolve = errors.New("cannot resolve the key alias")

// ResolveKeyAliases returns d with each alias that stands where a key ARN
// is needed (blueprint.Design.KeyAliasFields, the same list Validate
// refuses offline) replaced by the ARN of the key it points to, from
// kms:DescribeKey in the field's region. d itself is not changed: the
// result is a copy when anything was resolved, and d when nothing needed
// to be. The first alias that cannot be described stops it with an error
// naming the field (wrapping ErrCannotResolve and the account's error).
func ResolveKeyAliases(ctx context.Context, kd KeyDescriber, d *blueprint.Design) (*blueprint.Design, []ResolvedAlias, error) {
	if len(d.KeyAliasFields()) == 0 {
		return d, nil, nil
	}
	out := d.Clone()
	var done []ResolvedAlias
	for _, f := range out.KeyAliasFields() {
		md, err := kd.DescribeKey(ctx, f.Region, f.Alias)
		if err != nil {
			return d, nil, fmt.Errorf("%s: %w %s: %w", f.Path, ErrCannotResolve, f.Alias, err)
		}
		if a, ok := blueprint.ParseARN(md.ARN); !ok || a.Service != "kms" || !strings.HasPrefix(a.Resource, "key/") {
			return d, nil, fmt.Errorf("%s: %w %s: kms:DescribeKey answered %q, which is no key ARN", f.Path, ErrCannotResolve, f.Alias, md.ARN)
		}
		f.Set(md.ARN)
		done = append(done, ResolvedAlias{Path: f.Path, Alias: f.Alias, KeyARN: md.ARN})
	}
	return out, done, nil
}

// ResolveKeyAliasesWith is ResolveKeyAliases through an Account, when it
// can describe keys (a KeyDescriber, as *Client is); otherwise d comes back
// with an error wrapping ErrCannotResolve. Nothing is called when d names
// no such alias.
func ResolveKeyAliasesWith(ctx context.Context, acct Account, d *blueprint.Design) (*blueprint.Design, []ResolvedAlias, error) {
	if len(d.KeyAliasFields()) == 0 {
		return d, nil, nil
	}
	kd, ok := acct.(KeyDescriber)
	if !ok {
		return d, nil, fmt.Errorf("%w: the account cannot describe KMS keys", ErrCannotResolve)
	}
	return ResolveKeyAliases(ctx, kd, d)
}

// ApplyResolvedAliases writes into d each key ARN of rs whose field still
// holds (or inherits) the alias it was resolved from, and reports whether
// it changed anything: how the wizard takes the aliases its verification
// resolved into the design being edited, which may have moved on.
func ApplyResolvedAliases(d *blueprint.Design, rs []ResolvedAlias) bool {
	changed := false
	for _, f := range d.KeyAliasFields() {
		for _, r := range rs {
			if r.Path == f.Path && r.Alias == f.Alias {
				f.Set(r.KeyARN)
				changed = true
			}
		}
	}
	return changed
}

// DescribeKey passes kms:DescribeKey through to the account c wraps (the
// wizard's), uncached: an alias may be pointed at another key, and the
// lookup runs once per verification. An account that cannot describe keys
// answers with an error wrapping ErrCannotResolve.
func (c *Cached) DescribeKey(ctx context.Context, region, id string) (KeyMetadata, error) {
	kd, ok := c.Account.(KeyDescriber)
	if !ok {
		return KeyMetadata{}, fmt.Errorf("%w: the account cannot describe KMS keys", ErrCannotResolve)
	}
	return kd.DescribeKey(ctx, region, id)
}
