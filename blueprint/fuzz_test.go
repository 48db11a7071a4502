package blueprint

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzValidators feeds one string to every string validator. None may panic,
// each must give the same answer twice (the wizard relies on a value staying
// valid between keystrokes), and error messages must follow the house style.
// The size counter Validate uses must agree with the real JSON encoding.
func FuzzValidators(f *testing.F) {
	for _, s := range []string{
		"", "*", "prod/db-AbCdEf", secARN, keyARN, mrkID, "alias/aws/secretsmanager", "alias/0aws/", lambdaOK,
		"arn:aws:iam::123456789012:role/a/b", "secretsmanager:Get*", "ForAnyValue:StringLikeIfExists",
		"aws:ResourceTag/", "aws:ResourceTag/team", "us-east-1", "vpce-0123abcd", "o-a1b2c3d4e5",
		`{"username":"app"}`, "team@example.com", "a@b.c", "\xff\xfe", "\b\f\x00\x1f", "é\u2028\"\\\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range stringValidators {
			first, second := v.fn(s), v.fn(s)
			if (first == nil) != (second == nil) || first != nil && first.Error() != second.Error() {
				t.Fatalf("%s(%q) gave %v, then %v", v.name, s, first, second)
			}
			if first != nil {
				msg := first.Error()
				if msg == "" || strings.HasSuffix(msg, ".") {
					t.Errorf("%s(%q) message %q: want non-empty with no trailing period", v.name, s, msg)
				}
				if IsWarning(first) != IsWarning(second) {
					t.Errorf("%s(%q): warning-ness changed between calls", v.name, s)
				}
			}
		}
		// Accepted ids have exactly the documented shapes.
		if ValidateAccountID(s) == nil && (len(s) != 12 || strings.Trim(s, "0123456789") != "") {
			t.Errorf("ValidateAccountID(%q) = nil for a value that is not 12 digits", s)
		}
		if ValidateSid(s) == nil && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != "" {
			t.Errorf("ValidateSid(%q) = nil for a value with other characters", s)
		}
		if ValidateKMSKey(s) == nil && (strings.HasPrefix(s, "alias/aws/") || strings.Contains(s, ":alias/aws/")) {
			t.Errorf("ValidateKMSKey(%q) = nil for an AWS managed key", s)
		}
		if err := ValidateConditionValue("aws:SourceVpce", s); err == nil && s == "" {
			t.Errorf("ValidateConditionValue(aws:SourceVpce, %q) = nil, want an error for empty", s)
		}

		p := &ResourcePolicy{Statements: []Statement{{
			Sid: s, Effect: s, Principal: &Principal{AWS: []string{s}, Service: []string{s, s}},
			Action: []string{s}, Resource: []string{s, "*"},
			Condition: []Condition{{Operator: s, Key: s, Values: []string{s}}, {Operator: "Bool", Key: s, Values: []string{s, s}}},
		}}}
		b, err := p.DocumentJSON()
		if err != nil {
			t.Fatalf("DocumentJSON() with %q: %v", s, err)
		}
		if got, want := p.jsonChars(), utf8.RuneCount(b); got != want {
			t.Errorf("jsonChars() = %d, want %d for %q", got, want, s)
		}
	})
}
