package account

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kms"
)

func TestCachedListsOncePerSession(t *testing.T) {
	url := moto(t)
	c := loadMoto(t, url, nil)
	f := seed(t, c)
	cc := NewCached(c)
	first, err := cc.Keys(ctx(t), "")
	if err != nil || len(first) != 3 {
		t.Fatalf("Keys = %d keys, %v", len(first), err)
	}
	// A key created now is not seen until Refresh.
	out, err := c.kms("").CreateKey(context.Background(), &kms.CreateKeyInput{})
	if err != nil {
		t.Fatal(err)
	}
	again, _ := cc.Keys(ctx(t), "")
	if len(again) != 3 {
		t.Errorf("second Keys listed the account again: %d keys", len(again))
	}
	if eu, _ := cc.Keys(ctx(t), "eu-west-1"); len(eu) != 1 || eu[0].ARN != f.keyEU {
		t.Errorf("the region is part of the cache key: %+v", eu)
	}
	cc.Refresh()
	fresh, _ := cc.Keys(ctx(t), "")
	if len(fresh) != 4 || !containsKey(fresh, *out.KeyMetadata.Arn) {
		t.Errorf("after Refresh: %d keys, want the new one too", len(fresh))
	}
}

func containsKey(ks []Key, arn string) bool {
	for _, k := range ks {
		if k.ARN == arn {
			return true
		}
	}
	return false
}

type failingOnce struct {
	Account
	calls int
}

func (f *failingOnce) Secrets(context.Context) ([]Secret, error) {
	f.calls++
	if f.calls == 1 {
		return nil, &Error{Kind: KindThrottled, Message: "slow down"}
	}
	return []Secret{{Name: "a"}}, nil
}

func TestCachedForgetsFailures(t *testing.T) {
	f := &failingOnce{}
	cc := NewCached(f)
	if _, err := cc.Secrets(context.Background()); !IsKind(err, KindThrottled) {
		t.Fatal("first call should fail")
	}
	s, err := cc.Secrets(context.Background())
	if err != nil || len(s) != 1 || f.calls != 2 {
		t.Fatalf("after a failure: %v, %v, %d calls", s, err, f.calls)
	}
	cc.Secrets(context.Background())
	if f.calls != 2 {
		t.Errorf("a success was not remembered: %d calls", f.calls)
	}
}

// countingCaller answers Caller, with a note the first time when partial.
type countingCaller struct {
	Account
	calls   int
	partial bool
}

func (f *countingCaller) Caller(context.Context) Caller {
	f.calls++
	if f.partial && f.calls == 1 {
		return Caller{PrincipalARN: "arn:aws:iam::123456789012:role/ci", Notes: []string{"the organization could not be read"}}
	}
	return Caller{PrincipalARN: "arn:aws:iam::123456789012:role/ci", OrganizationID: "o-abcdef1234"}
}

// TestCachedCallerOncePerSession: the wizard verifies the review again
// after each change, and who the caller is does not change in a session,
// so a complete answer is asked for once (three calls: STS, IAM and
// Organizations); a partial one is asked again, as failures are.
func TestCachedCallerOncePerSession(t *testing.T) {
	f := &countingCaller{}
	cc := NewCached(f)
	for range 3 {
		if c := cc.Caller(context.Background()); c.OrganizationID != "o-abcdef1234" {
			t.Fatalf("Caller = %+v", c)
		}
	}
	if f.calls != 1 {
		t.Errorf("a complete answer was asked for %d times, want once", f.calls)
	}
	cc.Refresh()
	cc.Caller(context.Background())
	if f.calls != 2 {
		t.Errorf("after Refresh: %d calls, want 2", f.calls)
	}

	p := &countingCaller{partial: true}
	cp := NewCached(p)
	if c := cp.Caller(context.Background()); len(c.Notes) == 0 {
		t.Fatalf("the partial answer lost its note: %+v", c)
	}
	if c := cp.Caller(context.Background()); c.OrganizationID != "o-abcdef1234" || p.calls != 2 {
		t.Errorf("a partial answer was remembered: %+v after %d calls", c, p.calls)
	}
}
