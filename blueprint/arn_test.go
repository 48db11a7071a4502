package blueprint

import (
	"strings"
	"testing"
)

// parseARNBySplit is ParseARN as the ARN format says it, the reference
// the one-pass ParseARN is held to.
func parseARNBySplit(s string) (ARN, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" || parts[5] == "" {
		return ARN{}, false
	}
	return ARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}, true
}

var arnSamples = []string{
	"", "arn", "arn:", "arn:aws", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/a:b:c",
	"arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf", "arn::iam::1:x", "arn:aws::::x",
	"arn:aws:iam::111122223333:", "ARN:aws:iam::1:x", "xarn:aws:iam::1:x", "arn:aws:s3:::bucket", ":::::",
	"arn:aws:kms:eu-west-1:111122223333:key/mrk-0123", "arn:aws-cn:sts::1:assumed-role/r/s", "arn:a:b:c:d:e:f:g",
}

func TestParseARN(t *testing.T) {
	for _, s := range arnSamples {
		got, ok := ParseARN(s)
		want, wantOK := parseARNBySplit(s)
		if got != want || ok != wantOK {
			t.Errorf("ParseARN(%q) = %+v, %v; want %+v, %v", s, got, ok, want, wantOK)
		}
	}
}

func FuzzParseARN(f *testing.F) {
	for _, s := range arnSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseARN(s)
		want, wantOK := parseARNBySplit(s)
		if got != want || ok != wantOK {
			t.Errorf("ParseARN(%q) = %+v, %v; want %+v, %v", s, got, ok, want, wantOK)
		}
	})
}
