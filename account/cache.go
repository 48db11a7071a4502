package account

import (
	"context"
	"errors"
	"sync"
)

// Cached wraps an Account so its listings are fetched once per session:
// going back and forth in the wizard does not list the account again.
// Refresh forgets them, for a picker's refresh key. Failed calls are not
// remembered, and Verify and LoadSecret always ask the account, since a
// verification is only worth what the account says now.
type Cached struct {
	Account
	mu   sync.Mutex
	memo map[string]any
}

// NewCached wraps a.
func NewCached(a Account) *Cached { return &Cached{Account: a, memo: map[string]any{}} }

// Refresh forgets every remembered listing.
func (c *Cached) Refresh() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.memo)
}

func cached[T any](c *Cached, key string, fetch func() (T, error)) (T, error) {
	c.mu.Lock()
	if v, ok := c.memo[key]; ok {
		c.mu.Unlock()
		return v.(T), nil
	}
	c.mu.Unlock()
	v, err := fetch()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	c.memo[key] = v
	c.mu.Unlock()
	return v, nil
}

// Keys is the remembered Keys of region.
func (c *Cached) Keys(ctx context.Context, region string) ([]Key, error) {
	return cached(c, "keys/"+region, func() ([]Key, error) { return c.Account.Keys(ctx, region) })
}

// Secrets is the remembered Secrets.
func (c *Cached) Secrets(ctx context.Context) ([]Secret, error) {
	return cached(c, "secrets", func() ([]Secret, error) { return c.Account.Secrets(ctx) })
}

// Databases is the remembered Databases.
func (c *Cached) Databases(ctx context.Context) ([]Database, error) {
	return cached(c, "databases", func() ([]Database, error) { return c.Account.Databases(ctx) })
}

// Subnets is the remembered Subnets.
func (c *Cached) Subnets(ctx context.Context) ([]Subnet, error) {
	return cached(c, "subnets", func() ([]Subnet, error) { return c.Account.Subnets(ctx) })
}

// SecurityGroups is the remembered SecurityGroups.
func (c *Cached) SecurityGroups(ctx context.Context) ([]SecurityGroup, error) {
	return cached(c, "groups", func() ([]SecurityGroup, error) { return c.Account.SecurityGroups(ctx) })
}

// Endpoints is the remembered Endpoints.
func (c *Cached) Endpoints(ctx context.Context) ([]Endpoint, error) {
	return cached(c, "endpoints", func() ([]Endpoint, error) { return c.Account.Endpoints(ctx) })
}

// Caller is the caller's identity as the account c wraps (the wizard's)
// says it, so the review judges aws:PrincipalArn and aws:PrincipalOrgID as
// access --aws does. Who the caller is does not change in a session, and
// the review verifies again after every change, so a complete answer is
// remembered; one with notes is asked again, as a failed listing is. An
// account that cannot say answers nothing, which leaves those conditions
// undecided.
func (c *Cached) Caller(ctx context.Context) Caller {
	cr, ok := c.Account.(CallerReader)
	if !ok {
		return Caller{}
	}
	var partial Caller
	v, err := cached(c, "caller", func() (Caller, error) {
		partial = cr.Caller(ctx)
		if len(partial.Notes) > 0 {
			return partial, errPartialCaller
		}
		return partial, nil
	})
	if err != nil {
		return partial
	}
	return v
}

// errPartialCaller keeps an answer with notes out of the cache.
var errPartialCaller = errors.New("the caller is only partly known")

var _ CallerReader = (*Cached)(nil)
