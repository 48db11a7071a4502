package blueprint

import (
	"testing"
)

// kmsKeyARNRE is the pattern isKMSKeyARN implements by hand.
var kmsKeyARNRE = lazyRegexp(`^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\d{12}:key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)

var kmsKeyARNSeeds = []string{
	"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
	"arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef",
	"arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef",
	"arn:aws-CN:kms:cn-north-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
	"arn:aws:kms:us-east-1:111122223333:key/0F1E2D3C-4b5a-6978-8a9b-0c1d2e3f4a5b",
	"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5",
	"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b\n",
	"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b+0c1d2e3f4a5b",
	"arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcde",
	"arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdeff",
	"arn:aws:kms:us-east-1:11112222333:key/mrk-0123456789abcdef0123456789abcdef",
	"arn:aws:kms:us-east-1:1111222233334:key/mrk-0123456789abcdef0123456789abcdef",
	"arn:aws:kms::111122223333:key/mrk-0123456789abcdef0123456789abcdef",
	"arn:aws:kms:US-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef",
	"arn:aws:kms:us-east-1:111122223333:alias/app",
	"arn:aws1:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef",
	"arn:aws:kms:us-east-1:111122223333:key/",
	"arn:aws:kms:us-east-1:111122223333:key",
	"arn:aws:kms:us-east-1:",
	"arn:aws:kms:",
	"arn:aws:s3:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef",
	"arn:aws:kms:us:east:111122223333:key/mrk-0123456789abcdef0123456789abcdef",
	"mrk-0123456789abcdef0123456789abcdef",
	"",
}

func TestIsKMSKeyARNMatchesRegexp(t *testing.T) {
	valid := 0
	for _, s := range kmsKeyARNSeeds {
		want := kmsKeyARNRE().MatchString(s)
		if got := isKMSKeyARN(s); got != want {
			t.Errorf("isKMSKeyARN(%q) = %v, the pattern says %v", s, got, want)
		}
		if want {
			valid++
		}
	}
	if valid < 4 {
		t.Fatalf("only %d seeds are valid key ARNs; the test needs both kinds", valid)
	}
}

func FuzzIsKMSKeyARN(f *testing.F) {
	for _, s := range kmsKeyARNSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isKMSKeyARN(s), kmsKeyARNRE().MatchString(s); got != want {
			t.Fatalf("isKMSKeyARN(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}
