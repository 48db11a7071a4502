package blueprint

import (
	"regexp"
	"strings"
	"testing"
)

// The patterns the hand matchers of validate.go implement, compiled when a
// test reads them (lazyRegexp): compiled as the test binary starts, they
// were most of the heap the benchmarks' garbage collections marked.
var handMatchers = []struct {
	name    string
	re      func() *regexp.Regexp
	matcher func(string) bool
	seeds   []string
}{
	{"isSecretARN", lazyRegexp(`^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$`), isSecretARN, []string{
		"arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/admin-AbCdEf",
		"arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:a-b-c-123456",
		"arn:aws:secretsmanager:us-east-1:111122223333:secret:x-AbCdEf",
		"arn:aws:secretsmanager:us-east-1:111122223333:secret:-AbCdEf",
		"arn:aws:secretsmanager:us-east-1:111122223333:secret:--AbCdE",
		"arn:aws:secretsmanager:us-east-1:111122223333:secret:a+b=c.d@e/f_g-AbCdEf",
		"arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-0123-AbCdEf",
		"arn:aws:secretsmanager::111122223333:secret:prod-AbCdEf",
		"arn:aws-CN:secretsmanager:cn-north-1:111122223333:secret:prod-AbCdEf",
		"arn:aws:secretsmanager:us-east-1:11112222333:secret:prod-AbCdEf",
		"arn:aws:secretsmanager:us-east-1:111122223333:secret:prod-AbCdE",
		"arn:aws:secretsmanager:us-east-1:111122223333:secret:prod-AbCdEf\n",
		"arn:aws:secretsmanager:us-east-1:111122223333:secret:prod",
		"arn:aws:kms:us-east-1:111122223333:secret:prod-AbCdEf",
		"",
	}},
	{"isLambdaName", lazyRegexp(`^[a-zA-Z0-9_-]{1,64}$`), isLambdaName, []string{
		"prod-payments-db-rotation", "a", "A_b-9", "", "has space", "x.y",
		"a123456789012345678901234567890123456789012345678901234567890123",
		"a1234567890123456789012345678901234567890123456789012345678901234",
	}},
	{"isDesignName", lazyRegexp(`^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$`), isDesignName, []string{
		"payments-db", "a", "0", "-a", "a-", "", "a--b", "Payments",
		"a123456789012345678901234567890123456789012345678901234567890123",
		"a1234567890123456789012345678901234567890123456789012345678901234",
	}},
	// IsKMSAlias runs the two alias patterns only on a key holding
	// "alias/"; it must still say what they say.
	{"IsKMSAlias", lazyRegexp(`^(arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\d{12}:alias/[a-zA-Z0-9:/_-]{1,250}|alias/[a-zA-Z0-9:/_-]{1,250})$`), IsKMSAlias, []string{
		"alias/payments", "alias/aws/secretsmanager", "alias/a:b/c_d-e",
		"arn:aws:kms:us-east-1:111122223333:alias/payments",
		"arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/payments",
		"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
		"mrk-0123456789abcdef0123456789abcdef", "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
		"Alias/payments", "aliases/x", "",
	}},
	// plainText, validText's fast path: ASCII without NUL, at every
	// length around its eight-byte blocks.
	{"plainText", lazyRegexp(`^[\x01-\x7f]*$`), plainText, []string{
		"arn:aws:iam::111122223333:role/app-0", "secretsmanager:GetSecretValue", "vpce-0123456789abcdef0",
		"caf\u00e9 team", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f", "",
	}},
	// isIAMPrincipalARN with IAM's limits: role names 64, user names 128,
	// the path written /path/ 512.
	{"isIAMPrincipalARN", lazyRegexp(`^arn:aws[a-zA-Z-]*:iam::\d{12}:(root|role/([\x21-\x7e]{0,510}/)?[A-Za-z0-9_+=,.@-]{1,64}|user/([\x21-\x7e]{0,510}/)?[A-Za-z0-9_+=,.@-]{1,128})$`), isIAMPrincipalARN, []string{
		"arn:aws:iam::111122223333:role/app-0", "arn:aws:iam::111122223333:root", "arn:aws-us-gov:iam::111122223333:user/path/to/bob",
		"arn:aws:iam::111122223333:role/a+b=c,d.e@f_g", "arn:aws:iam::111122223333:role/p\"q\\r/name", "arn:aws:iam::111122223333:role/",
		"arn:aws:iam::111122223333:group/x", "arn:aws:sts::111122223333:role/x", "arn:aws:iam::111122223333:role/" + strings.Repeat("n", 64),
		"arn:aws:iam::111122223333:user/" + strings.Repeat("n", 128), "arn:aws:iam::111122223333:user/" + strings.Repeat("n", 129),
		"arn:aws:iam::111122223333:role/" + strings.Repeat("p", 510) + "/n", "arn:aws:iam::111122223333:role/" + strings.Repeat("p", 511) + "/n",
	}},
	// hasAssignment, with the words matched as ASCII in either case:
	// EqualFold on as many bytes as the word can match nothing else.
	{"hasAssignment", lazyRegexp(`(?:` + asciiFoldAlternatives(assignmentWords) + `)[ \t]*[=:][ \t]*[^ \t\n\r]`), hasAssignment, []string{
		"password=hunter2", "api_key: x", "PWD \t= y", "Api-Key\t:\tv", "xTOKEN=1", "secret =\n", "token:",
		"team-0=payments", "owner=team@example.com", "pa\u017fsword=x", "apikey=  \r", "desc: a token= b",
	}},
}

// asciiFoldAlternatives is the words as alternatives of a regular
// expression in which each letter matches its ASCII upper or lower case
// only ((?i) would also match the Kelvin sign for k and ſ for s).
func asciiFoldAlternatives(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte('|')
		}
		for _, c := range []byte(w) {
			if up := c - 'a' + 'A'; c >= 'a' && c <= 'z' {
				b.WriteString("[" + string(c) + string(up) + "]")
			} else {
				b.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
	}
	return b.String()
}

// mutations are s with each byte replaced by each of a set of bytes the
// patterns treat differently, deleted, and doubled, and s cut at every
// length.
func mutations(s string) []string {
	const alphabet = "aZ09-_:/+=.@!*\n\x00\xff"
	var out []string
	for i := 0; i <= len(s); i++ {
		out = append(out, s[:i])
		if i == len(s) {
			break
		}
		for j := range len(alphabet) {
			out = append(out, s[:i]+alphabet[j:j+1]+s[i+1:])
		}
		out = append(out, s[:i]+s[i+1:], s[:i+1]+s[i:])
	}
	return out
}

func TestHandMatchersMatchRegexps(t *testing.T) {
	for _, m := range handMatchers {
		valid, tried := 0, 0
		for _, seed := range m.seeds {
			for _, s := range append(mutations(seed), seed) {
				tried++
				want := m.re().MatchString(s)
				if got := m.matcher(s); got != want {
					t.Errorf("%s(%q) = %v, the pattern says %v", m.name, s, got, want)
				}
				if want {
					valid++
				}
			}
		}
		if valid < 20 || valid > tried-20 {
			t.Errorf("%s: %d of %d inputs match; the test needs many of both", m.name, valid, tried)
		}
	}
}

func FuzzHandMatchers(f *testing.F) {
	for _, m := range handMatchers {
		for _, s := range m.seeds {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range handMatchers {
			if got, want := m.matcher(s), m.re().MatchString(s); got != want {
				t.Fatalf("%s(%q) = %v, the pattern says %v", m.name, s, got, want)
			}
		}
	})
}
