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
