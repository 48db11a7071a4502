package blueprint

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Field validators. Each one checks a single value in isolation and has the
// func(T) error shape that huh's Validate wants, so the wizard, the design
// loader and Design.Validate all run the same rule. A validator may return a
// *Warning (see IsWarning) for a value that is allowed but probably a mistake.
//
// They run on every keystroke, so the regular expressions are compiled once
// (lazyRegexp) and the happy path allocates nothing.

var (
	kmsAliasARN = lazyRegexp(`^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\d{12}:alias/[a-zA-Z0-9:/_-]{1,250}$`)
	kmsKeyIDRE  = lazyRegexp(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)
	kmsAliasRE  = lazyRegexp(`^alias/[a-zA-Z0-9:/_-]{1,250}$`)
	// The Lambda API's function ARN pattern, with the partition required and
	// the eusc-de region family added (the API pattern predates it).
	lambdaARNRE   = lazyRegexp(`^arn:aws[a-zA-Z-]*:lambda:(eusc-de|[a-z]{2}((-gov)|(-iso([a-z]?)))?)-[a-z]+-\d:\d{12}:function:[a-zA-Z0-9_-]{1,64}(:(\$LATEST|[a-zA-Z0-9_-]+))?$`)
	stsPrincipal  = lazyRegexp(`^arn:aws[a-zA-Z-]*:sts::\d{12}:assumed-role/[\w+=,.@-]{1,64}/[\w+=,.@-]{2,64}$`)
	servicePrinRE = lazyRegexp(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.amazonaws\.com(\.cn)?$`)
	idpARNRE      = lazyRegexp(`^arn:aws[a-zA-Z-]*:iam::\d{12}:(saml-provider/[\w.-]{1,128}|oidc-provider/[\x21-\x7E]+)$`)
	regionShapeRE = lazyRegexp(`^[a-z]{2,4}(-[a-z]+)+-\d+$`)
	orgIDRE       = lazyRegexp(`^o-[a-z0-9]{10,32}$`)
)

// lazyRegexp is a regular expression compiled the first time it is used,
// once. Counted repetitions ({1,256}) compile to large programs: compiled
// when the package starts, the expressions were three quarters of the
// heap every garbage collection marks (issue 19 §3) and took 10 ms of
// every start, while a design uses few of them.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// ValidateSecretName checks the name of a secret to create: 1-512 characters
// of letters, digits and /_+=.@-. A name ending in a hyphen and six letters
// or digits is allowed but gets a warning, because Secrets Manager appends
// such a suffix to ARNs and a partial-ARN lookup could then find the wrong
// secret.
func ValidateSecretName(name string) error {
	if name == "" {
		return errors.New("is required: the secret's name, 1-512 characters of letters, digits and /_+=.@-, such as prod/payments/db")
	}
	// The characters first: a name of 300 "é" is refused for its "é",
	// which the length (counted in bytes, 600) would not say.
	for i := 0; i < len(name); i++ {
		if !isSecretNameByte(name[i]) {
			return fmt.Errorf("must contain only letters, digits and /_+=.@-; %s is not allowed", quoteCharAt(name, i))
		}
	}
	if len(name) > 512 {
		return fmt.Errorf("must be at most 512 characters; it has %d", len(name))
	}
	if n := len(name); n >= 7 && name[n-7] == '-' && isAlnum(name[n-6:]) {
		return warnf("ends in a hyphen and six characters, which looks like the random suffix of a secret ARN; AWS advises against it")
	}
	return nil
}

func isSecretNameByte(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("/_+=.@-", c) >= 0
}

// quoteCharAt quotes the character that starts at byte i of s, for a
// message that refuses it: the whole character, not its first byte ('é',
// not 'Ã'), and an invalid byte as the replacement character.
func quoteCharAt(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return strconv.QuoteRune(r)
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// ValidateSecretARN checks a full secret ARN, including the six-character
// suffix Secrets Manager adds; a partial ARN without it names no secret.
func ValidateSecretARN(arn string) error {
	if len(arn) < 20 || len(arn) > 2048 || !isSecretARN(arn) {
		return errors.New("must be a secret ARN such as arn:aws:secretsmanager:REGION:123456789012:secret:prod/db-AbCdEf, including the 6-character suffix")
	}
	return nil
}

// rdsMasterSecretRE is the ARN of a master user secret that RDS creates
// and manages (ManageMasterUserPassword): its name is rds!db- or
// rds!cluster- and the instance's or cluster's resource id, and it holds
// only username and password (the rotation functions look the host up
// through the RDS API from the secret's system tags).
var rdsMasterSecretRE = lazyRegexp(`^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:rds!(db|cluster)-[A-Za-z0-9-]+-[A-Za-z0-9]{6}$`)

// isRDSMasterSecret reports whether arn is such a secret's ARN. The
// substring test spares the regular expression for every other ARN.
func isRDSMasterSecret(arn string) bool {
	return containsAt(arn, ":secret:rds!", len(":secret:rds")) && rdsMasterSecretRE().MatchString(arn)
}

// ValidateMasterSecretARN checks the master secret a rotation function
// signs in with: a full secret ARN as ValidateSecretARN takes it, or the
// ARN of a master user secret RDS manages, whose name (rds!db-... or
// rds!cluster-...) has a ! that names of secrets one creates cannot have.
func ValidateMasterSecretARN(arn string) error {
	if len(arn) <= 2048 && isRDSMasterSecret(arn) {
		return nil
	}
	if ValidateSecretARN(arn) != nil {
		return errors.New("must be a secret ARN such as arn:aws:secretsmanager:REGION:123456789012:secret:prod/db-admin-AbCdEf, " +
			"or one RDS manages such as ...:secret:rds!db-<id>-AbCdEf, including the 6-character suffix")
	}
	return nil
}

// ValidateDescription checks a secret description: at most 2048
// characters, and no credential (a private key, a token), which anyone who
// may describe the secret would read.
func ValidateDescription(s string) error {
	if err := validText(s); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(s); n > 2048 {
		return fmt.Errorf("must be at most 2048 characters; it has %d", n)
	}
	if err := refuseCredential("a description", s); err != nil {
		return err
	}
	// A description is shown in the same consoles as tags, and a terminal
	// that shows it (aws secretsmanager describe-secret) acts on a
	// control character: the one check of TextCharacters, with lines.
	return TextCharacters(s, true)
}

// validText rejects what no template format can carry: invalid UTF-8 and
// NUL. JSON would silently turn bad bytes into U+FFFD, so the value written
// would differ from the value designed.
func validText(s string) error {
	if plainText(s) {
		return nil
	}
	if !utf8.ValidString(s) {
		return errors.New("must be valid UTF-8 text")
	}
	if strings.IndexByte(s, 0) >= 0 {
		return errors.New("must not contain NUL characters")
	}
	return nil
}

// plainText reports whether s is ASCII without NUL, which validText
// accepts: one pass, eight bytes at a time, for the common case (ARNs,
// actions, condition keys and values, tags), where validText otherwise
// made two (validity, then NUL).
func plainText(s string) bool {
	// A byte with its high bit set, or a zero byte.
	bad := func(x uint64) bool { return (x|(x-ones8)&^x)&high8 != 0 }
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if bad(word8(s, i)) {
			return false
		}
	}
	if i < len(s) && len(s) >= 8 {
		// The last eight bytes as one block, over some already read.
		return !bad(word8(s, len(s)-8))
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == 0 || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// noControl rejects control characters such as line breaks and tabs. Tags
// are single-line labels: the CloudFormation tag schema refuses them, and a
// line break in a tag would be invisible in most consoles.
func noControl(s string) error { return TextCharacters(s, false) }

// TextCharacters is the one check of the characters of text that names or
// describes something (every field of namingFields, a condition key, a
// waiver's reason, the keys and connection values of the secret's JSON
// template): a control character (C0, DEL, C1), which a terminal showing
// the text acts on instead of drawing, is refused, line breaks and tabs
// too unless lines says the text may have lines (a description, a
// reason); a bidirectional control (U+202E and the rest), which shows the
// text in another order than it is stored ("ad\u202emin" reads "adnim"),
// is warned, and so is an invisible character (U+200B, U+FEFF, a tag
// character: isInvisible), which shows it as another value; U+2028 and
// U+2029 are line breaks. Validate uses it for the wizard, generate and
// check alike.
func TextCharacters(s string, lines bool) error {
	bidi, invisible := rune(-1), rune(-1)
	for _, r := range s {
		switch {
		case lines && (r == '\n' || r == '\t' || r == '\r'):
		case unicode.IsControl(r):
			if lines {
				return fmt.Errorf("must not contain control characters other than line breaks and tabs: a terminal showing the text acts on them instead of printing (found %q)", r)
			}
			return fmt.Errorf("must not contain control characters such as line breaks or tabs (found %q)", r)
		case !lines && (r == 0x2028 || r == 0x2029):
			// Unicode's line and paragraph separators are line breaks.
			return fmt.Errorf("must not contain control characters such as line breaks or tabs (found %q, a line separator)", r)
		case bidi < 0 && isBidiControl(r):
			bidi = r
		case invisible < 0 && isInvisible(r):
			invisible = r
		}
	}
	if bidi >= 0 {
		return warnf("holds %U, a bidirectional control character: the text is shown in a different order than it is stored; remove it", bidi)
	}
	if invisible >= 0 {
		return warnf("holds %U, an invisible character: the text is shown the same as text without it, and is another value; remove it", invisible)
	}
	return nil
}

// awsManaged reports whether a key reference names an AWS managed key, such
// as alias/aws/secretsmanager. Compliance scanners (Checkov, Trivy, Guard)
// all reject these, and they cannot be shared across accounts.
func awsManaged(key string) bool {
	return strings.HasPrefix(key, "alias/aws/") || strings.HasPrefix(key, "aws/") ||
		containsAt(key, ":alias/aws/", len(":alias"))
}

// errAWSManagedKey refuses an AWS managed key, asking for the forms the
// field takes.
func errAWSManagedKey(key, forms string) error {
	return fmt.Errorf("%q is an AWS managed key; a customer managed key is required, so give %s of your own", key, forms)
}

// ValidateKMSKey checks a customer managed key reference for a secret or
// replica: a key ARN, alias ARN, key id (UUID or mrk-), or alias name. Empty
// is an error here because callers treat an empty field as "create a key" and
// only call this when a key was given.
func ValidateKMSKey(key string) error {
	if awsManaged(key) {
		return errAWSManagedKey(key, "a key ARN, key id or alias")
	}
	if isKMSKeyARN(key) || kmsAliasARN().MatchString(key) || kmsKeyIDRE().MatchString(key) || kmsAliasRE().MatchString(key) {
		return nil
	}
	if name, ok := strings.CutPrefix(key, "alias/"); ok && len(key) > 256 && kmsAliasRE().MatchString("alias/"+name[:min(len(name), 250)]) {
		// The right characters, too many of them: say so, not which forms
		// a key takes (KMS AliasNameType: 1-256, alias/ included).
		return fmt.Errorf("is an alias name of %d characters; KMS allows at most 256, alias/ included", len(key))
	}
	if part := kmsKeyPart(key, true); part != "" {
		if strings.HasPrefix(key, "arn:") {
			return errors.New("is not a KMS key or alias ARN: " + part)
		}
		return errors.New("must be a KMS key ARN, alias ARN, key id or alias/name: " + part)
	}
	return errors.New("must be a KMS key ARN, alias ARN, key id (a UUID or mrk- id) or alias/name")
}

// What each part of a KMS key reference takes, for kmsKeyPart.
const (
	kmsKeyIDForm     = "a UUID of lower-case hex digits grouped 8-4-4-4-12, such as 1234abcd-12ab-34cd-56ef-1234567890ab, or mrk- and 32 such digits for a multi-Region key"
	kmsAliasNameForm = "1-250 letters, digits and : / _ -"
)

// kmsKeyPart says which part of key, a KMS key reference that is not
// valid, is wrong and what that part takes: the partition, service,
// region, account or resource of an ARN, the key id, or the alias name.
// aliases says whether an alias may stand for the key. It returns "" when
// it finds no part to blame. The value itself is not repeated: a field
// for a key may hold anything pasted into it.
func kmsKeyPart(key string, aliases bool) string {
	resource := key
	if strings.HasPrefix(key, "arn:") {
		parts := strings.SplitN(key, ":", 6)
		if len(parts) < 6 {
			return fmt.Sprintf("an ARN has six parts separated by colons, arn:aws:kms:REGION:ACCOUNT:key/KEY-ID; this has %d", len(parts))
		}
		partition, service, region, account := parts[1], parts[2], parts[3], parts[4]
		switch {
		case !strings.HasPrefix(partition, "aws") || !allBytes(partition, isPartitionByte):
			return "the partition after arn: must be aws, or another AWS partition such as aws-cn or aws-us-gov"
		case service != "kms":
			return "the service after the partition must be kms"
		case region == "" || !allBytes(region, isRegionByte):
			return "the region after kms: must be a region name such as us-east-1, in lower case"
		case !isAccountID(account):
			return "the account after the region must be 12 digits"
		}
		resource = parts[5]
		if !strings.HasPrefix(resource, "key/") && !(aliases && strings.HasPrefix(resource, "alias/")) {
			if aliases {
				return "the resource after the account must be key/KEY-ID or alias/NAME"
			}
			return "the resource after the account must be key/KEY-ID"
		}
		if id, ok := strings.CutPrefix(resource, "key/"); ok {
			if !kmsKeyIDRE().MatchString(id) {
				return "the key id after key/ must be " + kmsKeyIDForm
			}
			return ""
		}
	}
	if strings.HasPrefix(resource, "alias/") {
		if aliases && !kmsAliasRE().MatchString(resource) {
			return "the alias name after alias/ must be " + kmsAliasNameForm
		}
		return ""
	}
	if resource == key && !strings.ContainsAny(key, ":/") && !kmsKeyIDRE().MatchString(key) {
		return "a key id must be " + kmsKeyIDForm
	}
	return ""
}

func isPartitionByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-'
}

func isRegionByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' }

// ValidateKMSKeyARN checks a key given where only a key ARN will do, such as
// the hosted rotation function's kmsKeyArn and masterSecretKmsKeyArn, which
// grant the function's role the use of that exact resource. An alias ARN is
// refused: IAM permissions that name an alias do not give the use of the key
// it points to (KMS developer guide, "Using aliases to control access to KMS
// keys"), so the function would be refused by KMS at its first rotation.
func ValidateKMSKeyARN(arn string) error {
	if awsManaged(arn) {
		return errAWSManagedKey(arn, "the key ARN of a key")
	}
	if isKMSKeyARN(arn) {
		return nil
	}
	if IsKMSAlias(arn) {
		return errors.New("is an alias, but a permission on an alias does not allow using the key it points to; give the key ARN, arn:aws:kms:<region>:<account>:key/<key-id> (aws kms describe-key --key-id ALIAS shows it)")
	}
	if strings.HasPrefix(arn, "arn:") {
		if part := kmsKeyPart(arn, false); part != "" {
			return errors.New("is not a KMS key ARN: " + part)
		}
	}
	return errors.New("must be a KMS key ARN such as arn:aws:kms:REGION:123456789012:key/<key-id>")
}

// IsKMSAlias reports whether key names a KMS alias, by alias ARN or as
// alias/name, rather than the key itself.
func IsKMSAlias(key string) bool {
	// Both forms hold "alias/"; a key ARN or key id, the common case,
	// does not, and the two regexps cost more than all of Check's other
	// string tests of a hosted rotation (Validate asks on every key).
	if !containsAt(key, "alias/", len("alias")) {
		return false
	}
	return kmsAliasARN().MatchString(key) || kmsAliasRE().MatchString(key)
}

// ValidateLambdaName checks a Lambda function name: 1-64 characters of
// letters, digits, hyphens and underscores.
func ValidateLambdaName(name string) error {
	if name == "" {
		return errors.New("is required: the function's name, 1-64 characters of letters, digits, - and _, such as payments-rotation")
	}
	if !isLambdaName(name) {
		return errors.New("must be 1-64 characters of letters, digits, - and _")
	}
	return nil
}

// ValidateLambdaARN checks a Lambda function ARN, optionally qualified with a
// version or alias.
func ValidateLambdaARN(arn string) error {
	if !lambdaARNRE().MatchString(arn) {
		return errors.New("must be a Lambda function ARN such as arn:aws:lambda:REGION:123456789012:function:my-rotator")
	}
	return nil
}

// ValidateRoleARN checks an IAM role ARN, such as a Lambda function's
// execution role: arn:<partition>:iam::<account>:role/[path/]name.
func ValidateRoleARN(arn string) error {
	kind, path, name, ok := parseIAMPrincipalARN(arn)
	if !ok || kind != "role" {
		if why := iamNameCharError(arn); why != "" && strings.Contains(why, "role name") {
			return errors.New(why)
		}
		return errors.New("must be an IAM role ARN such as arn:aws:iam::123456789012:role/my-rotation-role")
	}
	if why := iamNameLimit(kind, path, name); why != "" {
		return errors.New(why)
	}
	return nil
}

// ValidateAWSPrincipal checks one value under Principal.AWS: "*", a 12-digit
// account id, an account root, role or user ARN, or an assumed-role session
// ARN.
func ValidateAWSPrincipal(p string) error {
	if p == "*" || isAccountID(p) {
		return nil
	}
	// A role or user ARN, the common case, before the session pattern:
	// no ARN is both (:iam:: against :sts::).
	if kind, path, name, ok := parseIAMPrincipalARN(p); ok {
		if why := iamNameLimit(kind, path, name); why != "" {
			return errors.New(why)
		}
		return nil
	}
	if stsPrincipal().MatchString(p) {
		return nil
	}
	if why := iamNameCharError(p); why != "" {
		return errors.New(why)
	}
	return errors.New(`must be "*", a 12-digit account id, or an arn:aws:iam::<account>:root, :role/<name> or :user/<name> ARN, or an arn:aws:sts::<account>:assumed-role/<role>/<session> ARN`)
}

// iamNameCharError says which character of an IAM role or user ARN's name
// IAM does not allow, when p is such an ARN but for that character, or
// returns "": a role ARN with a stray "?" got only the list of every
// principal form (issue 22's third trial), where the Sid's error names the
// character.
func iamNameCharError(p string) string {
	rest, ok := cutARNPartition(p)
	if !ok {
		return ""
	}
	rest, ok = strings.CutPrefix(rest, ":iam::")
	if !ok || len(rest) < 13 || !isAccountID(rest[:12]) || rest[12] != ':' {
		return ""
	}
	kind, rest, ok := strings.Cut(rest[13:], "/")
	if !ok || kind != "role" && kind != "user" {
		return ""
	}
	name := rest[strings.LastIndexByte(rest, '/')+1:]
	for _, r := range name {
		if r >= 0x80 || !iamNameBytes.all(string(r)) {
			return fmt.Sprintf("the %s name holds %q, which IAM does not allow: a %s name takes letters, digits and _+=,.@-", kind, r, kind)
		}
	}
	return ""
}

// IAM's limits on the names in a principal ARN (the IAM API model:
// roleNameType 1-64, existingUserNameType 1-128, pathType 1-512).
const (
	maxIAMRoleName = 64
	maxIAMUserName = 128
	maxIAMPath     = 512
)

// isIAMPrincipalARN reports whether s is arn:<partition>:iam::<account>:
// followed by root, role/[path/]name or user/[path/]name, within IAM's
// limits.
func isIAMPrincipalARN(s string) bool {
	kind, path, name, ok := parseIAMPrincipalARN(s)
	return ok && iamNameLimit(kind, path, name) == ""
}

// iamNameLimit says which of IAM's length limits a principal ARN's name or
// path breaks, or "" when it keeps them. kind is "root", "role" or "user";
// path is what lies between role/ (or user/) and the name.
func iamNameLimit(kind, path, name string) string {
	max := maxIAMUserName
	if kind == "role" {
		max = maxIAMRoleName
	}
	if kind != "root" && len(name) > max {
		return fmt.Sprintf("the %s name is %d characters; IAM allows 1-%d", kind, len(name), max)
	}
	// IAM writes the path with a slash at each end: /path/ for role/path/name.
	if n := len(path) + 1; path != "" && n > maxIAMPath {
		return fmt.Sprintf("the %s's path is %d characters; IAM allows at most %d", kind, n, maxIAMPath)
	}
	return ""
}

// parseIAMPrincipalARN splits arn:<partition>:iam::<account>:root,
// :role/[path/]name or :user/[path/]name into its kind ("root", "role" or
// "user"), path and name, and reports whether the characters are right;
// the lengths are iamNameLimit's. It is written out rather than as a
// regexp because every principal of every statement goes through it on
// each keystroke.
func parseIAMPrincipalARN(s string) (kind, path, name string, ok bool) {
	rest, ok := cutARNPartition(s)
	if !ok {
		return "", "", "", false
	}
	rest, ok = strings.CutPrefix(rest, ":iam::")
	if !ok || len(rest) < 13 || !isAccountID(rest[:12]) || rest[12] != ':' {
		return "", "", "", false
	}
	rest = rest[13:]
	if rest == "root" {
		return "root", "", "", true
	}
	// role/ or user/, compared in place rather than cut at the first
	// slash: neither word holds one.
	if len(rest) < 5 || rest[4] != '/' || rest[:4] != "role" && rest[:4] != "user" {
		return "", "", "", false
	}
	kind, rest = rest[:4], rest[5:]
	// The path may hold any printable ASCII; the name after the last slash
	// is letters, digits and _+=,.@-.
	name = rest[strings.LastIndexByte(rest, '/')+1:]
	path = rest[:len(rest)-len(name)]
	if len(name) == 0 {
		return "", "", "", false
	}
	for j := 0; j < len(path); j++ {
		if c := path[j]; c < 0x21 || c > 0x7e {
			return "", "", "", false
		}
	}
	if !iamNameBytes.all(name) {
		return "", "", "", false
	}
	return kind, path, name, true
}

// ValidateServicePrincipal checks one value under Principal.Service, such as
// lambda.amazonaws.com.
func ValidateServicePrincipal(p string) error {
	if len(p) > 256 || !servicePrinRE().MatchString(p) {
		return errors.New("must be a service principal such as lambda.amazonaws.com (or .amazonaws.com.cn in China)")
	}
	return nil
}

// ValidateFederatedPrincipal checks one value under Principal.Federated: a
// named web identity provider or a SAML or OIDC provider ARN.
func ValidateFederatedPrincipal(p string) error {
	for _, f := range federatedProviders {
		if p == f {
			return nil
		}
	}
	if idpARNRE().MatchString(p) {
		return nil
	}
	return errors.New("must be cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com, www.amazon.com, or an arn:aws:iam::<account>:saml-provider/<name> or :oidc-provider/<url> ARN")
}

// ValidateAction checks one Action or NotAction value: a Secrets Manager
// action, or a pattern with * and ? that matches at least one. Like IAM, it
// ignores case. Other services' actions are refused because they can never
// apply to a secret.
func ValidateAction(a string) error {
	if a == "*" {
		return nil
	}
	// An action written as Actions spells it, the common case, is one
	// lookup; the rest are compared below as before.
	if _, ok := actionIndex[a]; ok {
		return nil
	}
	svc, name, ok := strings.Cut(a, ":")
	if !ok || svc == "" || name == "" {
		return fmt.Errorf("must be secretsmanager:<Action>, such as secretsmanager:GetSecretValue, or a pattern such as secretsmanager:Get*")
	}
	if !equalFold(svc, "secretsmanager") {
		return fmt.Errorf("%q is not a Secrets Manager action; a secret's policy can only grant secretsmanager: actions", a)
	}
	// An action written as the API spells it is the common case: a plain
	// comparison finds it before the wildcard matcher runs on each action.
	for _, full := range Actions {
		if name == full[len("secretsmanager:"):] {
			return nil
		}
	}
	for _, full := range Actions {
		if globMatchFold(name, full[len("secretsmanager:"):]) {
			return nil
		}
	}
	if hasWildcard(name) {
		return fmt.Errorf("pattern %q matches no Secrets Manager action", a)
	}
	return fmt.Errorf("%q is not a Secrets Manager action; see the list of 23, such as secretsmanager:GetSecretValue", a)
}

// globMatchFold reports whether s matches pattern, where * matches any run of
// characters and ? any one, ignoring ASCII case (action names).
func globMatchFold(pattern, s string) bool { return glob(pattern, s, true) }

// globMatch is globMatchFold with case: condition values compare exactly.
func globMatch(pattern, s string) bool {
	if !hasWildcard(pattern) {
		return pattern == s
	}
	return glob(pattern, s, false)
}

// glob is the one wildcard matcher behind globMatch and globMatchFold: a
// greedy scan that backtracks to the last *, linear in practice.
func glob(pattern, s string, fold bool) bool {
	same := func(a, b byte) bool {
		if fold {
			return lowerASCII(a) == lowerASCII(b)
		}
		return a == b
	}
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || same(pattern[p], s[i])):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// equalFold is strings.EqualFold with the common case, the same spelling,
// tried first: EqualFold goes byte by byte even then, and Validate and
// Check compare every statement's effect and actions this way on every
// keystroke. The result is EqualFold's.
func equalFold(s, t string) bool { return s == t || foldedEqual(s, t) }

// foldedEqual is strings.EqualFold, which it calls only when the first
// bytes of s and t are not both ASCII and different but for case: then
// the first characters, and so the strings, differ (Effect "Allow"
// against "Deny", say).
func foldedEqual(s, t string) bool {
	if len(s) > 0 && len(t) > 0 && s[0] < utf8.RuneSelf && t[0] < utf8.RuneSelf && lowerASCII(s[0]) != lowerASCII(t[0]) {
		return false
	}
	return strings.EqualFold(s, t)
}

// containsAt is strings.Contains(s, sub), found through the occurrences
// of sub[at] in s rather than of sub's first byte: with a byte the text
// rarely holds (a / or ! in an ARN, a capital letter in a tag), the search
// stops at few places, where strings.Index stops at every colon of an ARN.
func containsAt(s, sub string, at int) bool {
	for i := at; i < len(s); i++ {
		j := strings.IndexByte(s[i:], sub[at])
		if j < 0 {
			return false
		}
		if i += j; strings.HasPrefix(s[i-at:], sub) {
			return true
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// ValidateConditionOperator checks a condition operator such as StringEquals,
// with an optional IfExists suffix (not on Null) and an optional ForAnyValue:
// or ForAllValues: prefix for multivalued keys.
func ValidateConditionOperator(op string) error {
	base, set := strings.CutPrefix(op, "ForAnyValue:")
	if !set {
		base, set = strings.CutPrefix(op, "ForAllValues:")
	}
	if b, ok := strings.CutSuffix(base, "IfExists"); ok {
		if b == "Null" {
			return errors.New("Null cannot take IfExists; it already tests whether the key exists")
		}
		base = b
	}
	if set && base == "Null" {
		return errors.New("Null cannot take ForAnyValue: or ForAllValues:")
	}
	for _, o := range ConditionOperators {
		if base == o {
			return nil
		}
	}
	for _, o := range ConditionOperators {
		if strings.EqualFold(base, o) {
			return fmt.Errorf("operators are case-sensitive; did you mean %q?", o)
		}
	}
	return fmt.Errorf("%q is not a condition operator; use one such as StringEquals, StringLike, ArnLike, Bool, IpAddress or Null, optionally with IfExists or a ForAnyValue:/ForAllValues: prefix", op)
}

// ValidateConditionKey checks a condition key. Known keys pass; a key with
// the right shape (service:name) that secretsmith does not know gets a
// warning, since IAM silently treats a misspelt key as absent.
func ValidateConditionKey(key string) error {
	k, ok := LookupConditionKey(key)
	return validateConditionKey(key, k, ok)
}

// validateConditionKey is ValidateConditionKey with key looked up (k, ok):
// Validate looks each row's key up once, for it and for every value.
func validateConditionKey(key string, k ConditionKey, ok bool) error {
	// Keys become mapping keys in YAML templates, and YAML parsers refuse
	// implicit keys longer than 1024 characters; real keys are far shorter.
	if len(key) > 256 {
		return errors.New("must be at most 256 characters")
	}
	// A known key other than a prefix matches a name of ASCII characters
	// rune for rune under case folding, so it is valid text without NUL:
	// only the rest of a prefix key, or an unknown key, is read again.
	if (!ok || k.IsPrefix()) && validText(key) != nil {
		return validText(key)
	}
	if ok {
		if k.IsPrefix() {
			// The tag key after the slash may hold spaces and most
			// punctuation, so only its length and its characters (as
			// any tag key's) are checked.
			if n := utf8.RuneCountInString(key[len(k.Name):]); n > 128 {
				return fmt.Errorf("the tag key after %s must be at most 128 characters", k.Name)
			}
			return TextCharacters(key, false)
		}
		return nil
	}
	svc, name, ok := strings.Cut(key, ":")
	if !ok || svc == "" || name == "" {
		return errors.New("must be service:name, such as aws:SourceVpce or secretsmanager:ResourceTag/team")
	}
	for i := 0; i < len(svc); i++ {
		c := svc[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return fmt.Errorf("service prefix %q must contain only letters, digits and -", svc)
		}
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c >= 0x7f {
			return errors.New("must not contain spaces or control characters (except in a tag key after a known prefix such as aws:ResourceTag/)")
		}
	}
	for _, p := range [...]string{"aws:ResourceTag/", "aws:RequestTag/", "aws:PrincipalTag/", "secretsmanager:ResourceTag/"} {
		if strings.EqualFold(key, p) {
			return fmt.Errorf("needs a tag key after the slash, such as %steam", p)
		}
	}
	return warnf("%q is not a condition key secretsmith knows; IAM treats an unknown key as missing, so check the spelling", key)
}

// ValidateConditionValue checks one value of a condition on key. Well-known
// keys get their ID check (aws:SourceVpce takes vpce- ids, aws:SourceAccount
// 12-digit accounts, Bool keys true or false); other keys take any non-empty
// value. Values holding a wildcard or a ${policy:variable} are only checked
// for being non-empty, since they are patterns rather than ids.
func ValidateConditionValue(key, value string) error {
	return ValidateConditionValueFor("StringLike", key, value)
}

// ValidateConditionValueFor checks one value of a condition row with the
// given operator. Only the Like and Arn operators match * and ? as
// wildcards; StringEquals and the other operators compare them as
// characters, so there "vpce-1234?" is checked, and refused, as an id.
func ValidateConditionValueFor(operator, key, value string) error {
	k, ok := LookupConditionKey(key)
	return validateConditionValue(operator, k, ok, value)
}

// validateConditionValue is ValidateConditionValueFor with the key looked
// up (k, ok).
func validateConditionValue(operator string, k ConditionKey, ok bool, value string) error {
	if value == "" {
		return errors.New("must not be empty")
	}
	if err := validText(value); err != nil {
		return err
	}
	// A control character never matches what a request carries, and a
	// bidirectional control makes a pattern such as AROA*:alice read
	// other than what it matches.
	chars := TextCharacters(value, false)
	if chars != nil && !IsWarning(chars) {
		return chars
	}
	if !ok {
		return chars
	}
	if k.Type == KeyTypeBool {
		if !equalFold(value, "true") && !equalFold(value, "false") {
			return fmt.Errorf("%s is a Bool key; the value must be true or false", k.Name)
		}
		return nil
	}
	// A pattern (with an operator that reads one) or a ${policy:variable}
	// is not an address, id or number, and is only checked for being
	// non-empty. A value the check below takes is accepted either way, so
	// the value is searched for them only when the check refuses it.
	if err := conditionValueShape(k, value); err != nil && !(hasWildcard(value) && wildcardOperator(operator) || strings.Contains(value, "${")) {
		return err
	}
	return chars
}

// conditionValueShape checks a value of a known key that is not Bool for
// the shape its key asks: an address, an id, a number.
func conditionValueShape(k ConditionKey, value string) error {
	if k.Type == KeyTypeIPAddress && !isIPOrCIDR(value) {
		return fmt.Errorf("%s is an IPAddress key; the value must be an IPv4 or IPv6 address or CIDR block, such as 203.0.113.0/24", k.Name)
	}
	switch k.Name {
	case "aws:SourceVpce":
		return ValidateVPCEndpointID(value)
	case "aws:SourceVpc":
		return ValidateVPCID(value)
	case "aws:SourceAccount", "aws:PrincipalAccount", "aws:ResourceAccount":
		return ValidateAccountID(value)
	case "aws:PrincipalOrgID", "aws:ResourceOrgID", "aws:SourceOrgID":
		return ValidateOrgID(value)
	}
	if k.Type == KeyTypeNumeric {
		if _, err := strconv.ParseFloat(value, 64); err != nil {
			return fmt.Errorf("%s is a Numeric key; the value must be a number", k.Name)
		}
	}
	return nil
}

// ConditionValueExample is an example of a value of condition key key, for
// a message that asks for one, or "" for a key without one.
func ConditionValueExample(key string) string {
	k, ok := LookupConditionKey(key)
	if !ok {
		return ""
	}
	switch k.Name {
	case "aws:SourceVpce":
		return "vpce-0123456789abcdef0"
	case "aws:SourceVpc":
		return "vpc-0123456789abcdef0"
	case "aws:SourceAccount", "aws:PrincipalAccount", "aws:ResourceAccount":
		return "111122223333"
	case "aws:PrincipalOrgID", "aws:ResourceOrgID", "aws:SourceOrgID":
		return "o-a1b2c3d4e5"
	case "aws:PrincipalArn":
		return "arn:aws:iam::111122223333:role/deploy"
	}
	if k.Type == KeyTypeBool {
		return "true or false"
	}
	if k.Type == KeyTypeIPAddress {
		return "203.0.113.0/24"
	}
	return ""
}

// isIPOrCIDR reports whether s is what IAM's IpAddress operators compare
// with: an IPv4 or IPv6 address (taken as /32 or /128) or a CIDR block,
// without an interface zone.
func isIPOrCIDR(s string) bool {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Addr().Zone() == ""
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Zone() == ""
}

// wildcardOperator reports whether a condition operator reads * and ? in
// its values as wildcards: StringLike, StringNotLike and the Arn
// operators, with or without a set prefix or IfExists.
func wildcardOperator(op string) bool {
	if i := strings.IndexByte(op, ':'); i >= 0 {
		op = op[i+1:]
	}
	op = strings.TrimSuffix(op, "IfExists")
	switch op {
	case "StringLike", "StringNotLike", "ArnLike", "ArnNotLike", "ArnEquals", "ArnNotEquals":
		return true
	}
	return false
}

// ValidateSid checks a statement id: letters and digits only. IAM allows an
// empty Sid, so this does too; the wizard proposes one.
func ValidateSid(sid string) error {
	for i := 0; i < len(sid); i++ {
		c := sid[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return fmt.Errorf("must contain only letters and digits (A-Z, a-z, 0-9); %s is not allowed", quoteCharAt(sid, i))
		}
	}
	return nil
}

// ValidateEffect checks a statement effect: exactly Allow or Deny.
func ValidateEffect(e string) error {
	if e == "Allow" || e == "Deny" {
		return nil
	}
	return errors.New(`must be "Allow" or "Deny", spelled exactly`)
}

// ValidateRegion checks a region name. A region in one of the Partitions
// lists passes; a well-shaped name secretsmith does not know (a new region,
// say) gets a warning rather than an error.
func ValidateRegion(region string) error { return validateRegionLike(region, "us-east-1") }

// validateRegionLike is ValidateRegion with the example its error gives.
func validateRegionLike(region, example string) error {
	if _, ok := PartitionOfRegion(region); ok {
		return nil
	}
	if regionShapeRE().MatchString(region) {
		return warnf("%q is not a region where secretsmith knows Secrets Manager runs; check the spelling", region)
	}
	return fmt.Errorf("must be a region name such as %s (area-direction-number)", example)
}

// ReplicaRegionExample is a region to name as an example of a replica's
// region for a secret in primary: another region of primary's partition,
// never primary itself, which a replica cannot be in (issue 22's third
// trial: the empty replica's error said "such as us-east-1" for a secret
// in us-east-1). It is eu-central-1 (or eu-west-1) for the aws partition
// and a secret whose region is not known.
func ReplicaRegionExample(primary string) string {
	examples := []string{"eu-central-1", "eu-west-1"}
	if p, ok := PartitionOfRegion(primary); ok && p.ID != "aws" {
		examples = p.Regions
	}
	for _, r := range examples {
		if r != primary {
			return r
		}
	}
	return ""
}

// ValidateSubnetID checks a VPC subnet id such as subnet-0123456789abcdef0.
// EC2 writes its ids in lower case and matches them exactly, so an id in
// upper case names no subnet (cfn-lint's pattern lets it through; the
// deployment would fail).
func ValidateSubnetID(id string) error {
	return hexIDError(id, "subnet-", "a subnet id")
}

// ValidateSecurityGroupID checks a security group id such as
// sg-0123456789abcdef0, in lower case as ValidateSubnetID.
func ValidateSecurityGroupID(id string) error {
	return hexIDError(id, "sg-", "a security group id")
}

// hexIDError says what is wrong with an EC2 id that should be prefix and
// 8 or 17 lower-case hex digits, naming the lower-case form when that is
// all that is wrong.
func hexIDError(id, prefix, what string) error {
	if isHexID(id, prefix) {
		return nil
	}
	if lower := strings.ToLower(id); isHexID(lower, prefix) {
		return fmt.Errorf("must be in lower case, as EC2 writes its ids: %s", lower)
	}
	return fmt.Errorf("must be %s: %s followed by 8 or 17 lower-case hex digits", what, prefix)
}

// ValidateRecoveryWindow checks the recovery window in days: 7-30, or 0 for
// deletion without recovery. 0 is allowed here; a compliance rule flags it.
func ValidateRecoveryWindow(days int) error {
	if days == 0 || days >= 7 && days <= 30 {
		return nil
	}
	return errors.New("must be 7-30 days, or 0 to delete without recovery")
}

// ValidateTagKey checks a tag key: 1-128 characters, not starting with the
// reserved aws: prefix, holding no credential (refuseCredential).
// Characters outside the set most AWS services accept earn a warning,
// because Secrets Manager takes them but other tools may not.
func ValidateTagKey(key string) error {
	if tagBytes.all(key) {
		// The common case in one pass: text that validText, noControl
		// and tagCharsWarning all take, one byte a character.
		if len(key) == 0 {
			return errNoTagKey
		}
		if len(key) > 128 {
			return fmt.Errorf("must be at most 128 characters; it has %d", len(key))
		}
		if len(key) >= 4 && strings.EqualFold(key[:4], "aws:") {
			return errors.New("must not start with aws:, which AWS reserves for its own tags")
		}
		// Plain text can still be a credential (a JSON web token is).
		return refuseCredential("a tag", key)
	}
	return validateTagKey(key)
}

// errNoTagKey is what an empty tag key is told: that it is required, rather
// than the length it falls short of.
var errNoTagKey = errors.New("is required: give the tag a key of up to 128 characters, such as owner or env, or remove the tag")

// validateTagKey is ValidateTagKey without its shortcut for plain text.
func validateTagKey(key string) error {
	if key == "" {
		return errNoTagKey
	}
	if err := validText(key); err != nil {
		return err
	}
	if err := noControl(key); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(key); n > 128 {
		return fmt.Errorf("must be at most 128 characters; it has %d", n)
	}
	if len(key) >= 4 && strings.EqualFold(key[:4], "aws:") {
		return errors.New("must not start with aws:, which AWS reserves for its own tags")
	}
	if err := refuseCredential("a tag", key); err != nil {
		return err
	}
	return tagCharsWarning(key)
}

// ValidateTagValue checks a tag value: at most 256 characters, and no
// credential, as a tag key.
func ValidateTagValue(v string) error {
	if tagBytes.all(v) {
		// As in ValidateTagKey.
		if len(v) > 256 {
			return errors.New("must be at most 256 characters")
		}
		return refuseCredential("a tag", v)
	}
	return validateTagValue(v)
}

// TagValueMessage is how a problem ValidateTagValue gives is worded in a
// design's problems. A tag's key and value share one path (a design file
// writes them as one line, key: value), so the value's problems say they
// are the value's: a key and a value with the same fault gave two identical
// lines, and the wizard could not tell under which field each belongs.
func TagValueMessage(err error) string { return "its value " + err.Error() }

// validateTagValue is ValidateTagValue without its shortcut for plain text.
func validateTagValue(v string) error {
	if err := validText(v); err != nil {
		return err
	}
	if err := noControl(v); err != nil {
		return err
	}
	if utf8.RuneCountInString(v) > 256 {
		return errors.New("must be at most 256 characters")
	}
	if err := refuseCredential("a tag", v); err != nil {
		return err
	}
	return tagCharsWarning(v)
}

func tagCharsWarning(s string) error {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || strings.ContainsRune("+-=._:/@", r) {
			continue
		}
		return warnf("holds %q, outside the letters, digits, spaces and + - = . _ : / @ that most AWS services accept in tags", r)
	}
	return nil
}

// WeakPasswordLength is the length below which a generated password is
// warned as weak: 14, the least that AWS Security Hub's control IAM.15
// and the CIS AWS Foundations Benchmark (1.8 in v3, "Ensure IAM password
// policy requires minimum length of 14 or greater") ask of a password.
// Those controls are about people's IAM passwords; they are the one
// minimum AWS publishes, and a machine's password has even less reason to
// be short.
const WeakPasswordLength = 14

// ValidatePasswordLength checks GenerateSecretString.PasswordLength n of a
// password made of the kinds k. GetRandomPassword takes 1-4096
// (PasswordLengthType in the Secrets Manager API model), and with
// RequireEachIncludedType, which is on unless requireEach is false, it
// puts one character of each included kind in the password, so a length
// below the number of kinds is refused ("Password length is too short
// based on the required types"). The kinds the API names for it are
// lowercase, uppercase, numbers and punctuation; the space is not one of
// them. A length the service takes but below WeakPasswordLength is a
// warning.
func ValidatePasswordLength(n int, k PasswordKinds, requireEach bool) error {
	// The kinds are counted, and listed only for the message: Validate
	// runs on every keystroke.
	kinds := k.requiredCount()
	if n < 1 || n > 4096 {
		// The range the kinds allow, as the wizard's hint says it.
		least := 1
		if requireEach {
			least = max(1, kinds)
		}
		return fmt.Errorf("must be %d-4096 characters", least)
	}
	if requireEach && n < kinds {
		return fmt.Errorf("must be at least %d: the password holds at least one of each kind of character it is made of (%s), so Secrets Manager refuses a shorter one", kinds, strings.Join(k.required(), ", "))
	}
	if n < WeakPasswordLength {
		return warnf("is %d characters, which is weak: Security Hub (IAM.15) and the CIS AWS Foundations Benchmark ask at least %d of a password; the default is %d", n, WeakPasswordLength, DefaultPasswordLength)
	}
	return nil
}

// required are the kinds of k of which RequireEachIncludedType puts one
// character in every password.
func (k PasswordKinds) required() []string {
	var out []string
	for _, c := range []struct {
		on   bool
		name string
	}{{k.Lowercase, "lowercase"}, {k.Uppercase, "uppercase"}, {k.Numbers, "numbers"}, {k.Punctuation, "punctuation"}} {
		if c.on {
			out = append(out, c.name)
		}
	}
	return out
}

// requiredCount is len(k.required()), without building the list.
func (k PasswordKinds) requiredCount() int {
	n := 0
	for _, on := range [...]bool{k.Lowercase, k.Uppercase, k.Numbers, k.Punctuation} {
		if on {
			n++
		}
	}
	return n
}

// ValidateExcludeCharacters checks a list of characters to leave out of
// generated passwords: at most 4096 characters.
func ValidateExcludeCharacters(s string) error {
	if err := validText(s); err != nil {
		return err
	}
	if utf8.RuneCountInString(s) > 4096 {
		return errors.New("must be at most 4096 characters")
	}
	return nil
}

// PasswordKinds are the kinds of character a password Secrets Manager
// generates may hold: those not excluded, and the space when included.
type PasswordKinds struct {
	Lowercase, Uppercase, Numbers, Punctuation, Space bool
}

// passwordPunctuation is the punctuation Secrets Manager generates
// passwords from (ExcludePunctuation leaves all of it out).
const passwordPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// Leaves reports whether a character of the kinds k is left once the
// characters of exclude are taken away: without one, no password can be
// generated.
func (k PasswordKinds) Leaves(exclude string) bool {
	var left bool
	try := func(on bool, from string) {
		if on && !left {
			left = strings.ContainsFunc(from, func(r rune) bool { return !strings.ContainsRune(exclude, r) })
		}
	}
	try(k.Lowercase, "abcdefghijklmnopqrstuvwxyz")
	try(k.Uppercase, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	try(k.Numbers, "0123456789")
	try(k.Punctuation, passwordPunctuation)
	try(k.Space, " ")
	return left
}

// ValidateSecretStringTemplate checks the JSON that the generated value is
// placed into: empty, or a JSON object.
func ValidateSecretStringTemplate(s string) error {
	if s == "" {
		return nil
	}
	if err := validText(s); err != nil {
		return err
	}
	t := strings.TrimLeft(s, " \t\r\n")
	if t == "" || t[0] != '{' {
		return errors.New(`must be a JSON object, such as {"username": "app"}`)
	}
	if json.Valid([]byte(s)) {
		// Validate runs on every keystroke: the valid case is only walked
		// for a key given twice; only a broken template is decoded to say
		// where.
		if k, ok := duplicateTemplateKey(s); ok {
			return fmt.Errorf("the key %s is given twice; Secrets Manager keeps only its last value, so the first is never used, and which one a reader sees differs: give each key once", strconv.Quote(k))
		}
		return nil
	}
	var v any
	return jsonSyntaxError(s, json.Unmarshal([]byte(s), &v))
}

// mayRepeatKey reports whether the valid JSON s may give a key twice: some
// key is written twice at any depth, holds an escape, or there are more keys
// than it compares. It allocates nothing, so Validate on every keystroke
// stays free; only a template it cannot clear is walked.
func mayRepeatKey(s string) bool {
	var keys [64][2]int
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		start, escaped := i+1, false
		for i++; i < len(s) && s[i] != '"'; i++ {
			if s[i] == '\\' {
				escaped = true
				i++
			}
		}
		end := i
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n') {
			j++
		}
		if j >= len(s) || s[j] != ':' {
			continue
		}
		if escaped || n == len(keys) {
			return true
		}
		for _, k := range keys[:n] {
			if s[k[0]:k[1]] == s[start:end] {
				return true
			}
		}
		keys[n] = [2]int{start, end}
		n++
	}
	return false
}

// duplicateTemplateKey returns the first key that an object of the valid
// JSON s gives twice, as a dotted path from the top (never a value: the
// shadowed one may be secret material, such as a masterarn's password
// written by hand), and whether there is one. A template with one is
// refused rather than read last-wins, as encoding/json would: the wizard,
// a design file and check then judge one value where the text shows two
// (trial8b X4).
func duplicateTemplateKey(s string) (string, bool) {
	if !mayRepeatKey(s) {
		return "", false
	}
	dec := json.NewDecoder(strings.NewReader(s))
	var walk func(path string) (string, bool)
	walk = func(path string) (string, bool) {
		t, err := dec.Token()
		if err != nil {
			return "", false
		}
		switch t {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return "", false
				}
				k, _ := kt.(string)
				if path != "" {
					k = path + "." + k
				}
				if seen[k] {
					return k, true
				}
				seen[k] = true
				if d, ok := walk(k); ok {
					return d, true
				}
			}
			_, _ = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if d, ok := walk(path + "[" + strconv.Itoa(i) + "]"); ok {
					return d, true
				}
			}
			_, _ = dec.Token()
		}
		return "", false
	}
	return walk("")
}

// jsonSyntaxError says where a JSON object stops being JSON, by character
// and what is wrong there, without repeating the text around it (which may
// be anything the user pasted): a trailing comma said only "must be a
// JSON object" under a value that looked like one (issue 22's third trial).
func jsonSyntaxError(s string, err error) error {
	const object = `it must be a JSON object, such as {"username": "app"}`
	var se *json.SyntaxError
	if !errors.As(err, &se) || se.Offset <= 0 || int(se.Offset) > len(s) || strings.HasPrefix(se.Error(), "unexpected end") {
		return errors.New("is not valid JSON: it ends before the object is closed with }; " + object)
	}
	// The offset can fall inside a character of several bytes (the
	// decoder stops at its first byte): the character is the one that
	// byte starts or continues, taken whole.
	start := int(se.Offset) - 1
	for start > 0 && !utf8.RuneStart(s[start]) {
		start--
	}
	r, size := utf8.DecodeRuneInString(s[start:])
	head := s[:start+size]
	why := ""
	prev := strings.TrimRight(s[:start], " \t\r\n")
	switch {
	case (r == '}' || r == ']') && strings.HasSuffix(prev, ","):
		why = " (JSON allows no comma before a closing bracket)"
	case r == '\'' || unicode.IsLetter(r):
		why = " (keys and text take double quotes)"
	}
	return fmt.Errorf("is not valid JSON: %q at character %d is not allowed there%s; %s", r, utf8.RuneCountInString(head), why, object)
}

// ValidateGenerateStringKey checks the JSON key the generated password is
// stored under. It is only called when a key is wanted, so empty is an error.
// A key that looks like secret material (a pasted private key) is
// refused: it is a name, stored in plain text in the template.
func ValidateGenerateStringKey(k string) error {
	if k == "" {
		return errors.New("must not be empty; it names the JSON key that receives the password, such as password")
	}
	if what := secretMaterial(k); what != "" {
		return fmt.Errorf("looks like %s (not shown); it names the JSON key that receives the password, such as password, and is stored in plain text", what)
	}
	return validText(k)
}

// shownKey is a JSON key quoted for a message, or a note that it is not
// shown when it looks like secret material.
func shownKey(k string) string {
	if what := secretMaterial(k); what != "" {
		return "(not shown: it looks like " + what + ")"
	}
	return strconv.Quote(k)
}

// ValidateEmail checks an alert address: a bare addr-spec such as
// team@example.com, without a display name or quoted local part. A domain
// needs at least one dot, since the address goes to an SNS subscription and
// must be deliverable from AWS.
func ValidateEmail(s string) error {
	const msg = "must be an email address such as team@example.com"
	at := strings.LastIndexByte(s, '@')
	if at < 1 || len(s) > 254 {
		return errors.New(msg)
	}
	local, domain := s[:at], s[at+1:]
	if !isDotAtom(local, isAtext) || !isDotAtom(domain, isDomainByte) || !strings.Contains(domain, ".") ||
		domain[0] == '-' || domain[len(domain)-1] == '-' || strings.Contains(domain, "-.") || strings.Contains(domain, ".-") {
		return errors.New(msg)
	}
	return nil
}

// isDotAtom reports whether s is one or more runs of ok bytes joined by
// single dots, as RFC 5322 dot-atoms are.
func isDotAtom(s string, ok func(byte) bool) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '.' && !ok(s[i]) {
			return false
		}
	}
	return true
}

func isAtext(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte("!#$%&'*+/=?^_`{|}~-", c) >= 0
}

func isDomainByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

// ValidateDesignName checks a design name: 1-64 characters of lower-case
// letters, digits and hyphens, starting and ending with a letter or digit.
// The name ends up in file names and CloudFormation stack names, so it is
// kept to the characters that are safe in both.
func ValidateDesignName(name string) error {
	if name == "" {
		return errors.New("is required: the design's name, 1-64 characters of a-z, 0-9 and -, such as prod-payments-db")
	}
	if !isDesignName(name) {
		return errors.New("must be 1-64 characters of a-z, 0-9 and -, starting and ending with a letter or digit")
	}
	return nil
}

// ValidateWaiverReason checks why a rule is waived: not blank, at most 1024
// characters. A reviewer reads this, so it has to say something.
func ValidateWaiverReason(r string) error {
	if err := validText(r); err != nil {
		return err
	}
	if !strings.ContainsFunc(r, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) {
		return errors.New("must say why the rule is waived, in words")
	}
	if utf8.RuneCountInString(r) > 1024 {
		return errors.New("must be at most 1024 characters")
	}
	// A reason is written into the templates and shown in reports, as
	// plain as a description.
	chars := TextCharacters(r, true)
	if chars != nil && !IsWarning(chars) {
		return chars
	}
	if what := secretMaterial(r); what != "" {
		// The reason is written into the templates (a comment and the
		// scanners' metadata), as plain as a description.
		return warnf("looks like it holds %s; the reason is written into the templates in plain text, so keep secret material out of it", what)
	}
	return chars
}

// ValidateAccountID checks a 12-digit AWS account id.
func ValidateAccountID(id string) error {
	if !isAccountID(id) {
		return errors.New("must be a 12-digit AWS account id")
	}
	return nil
}

// isHexID reports whether id is prefix followed by 8 or 17 lower-case hex
// digits, the two lengths EC2 ids have had.
func isHexID(id, prefix string) bool {
	h, ok := strings.CutPrefix(id, prefix)
	return ok && (len(h) == 8 || len(h) == 17) && lowerHexBytes.all(h)
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < 12; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidateVPCEndpointID checks a VPC endpoint id such as vpce-0123456789abcdef0.
func ValidateVPCEndpointID(id string) error {
	if !isHexID(id, "vpce-") {
		return errors.New("must be a VPC endpoint id: vpce- followed by 8 or 17 lower-case hex digits")
	}
	return nil
}

// ValidateVPCID checks a VPC id such as vpc-0123456789abcdef0.
func ValidateVPCID(id string) error {
	if !isHexID(id, "vpc-") {
		return errors.New("must be a VPC id: vpc- followed by 8 or 17 lower-case hex digits")
	}
	return nil
}

// ValidateCIDR checks a VPC's CIDR block: an IPv4 or IPv6 network in
// address/prefix form, written as its network address (10.0.0.0/16, not
// 10.0.1.7/16), as EC2 shows it. An IPv4 block is /16 to /28, the sizes
// a VPC takes (VPC user guide, "VPC CIDR blocks"): 0.0.0.0/0 is no VPC's,
// and would open the endpoint to every address.
func ValidateCIDR(s string) error {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return errors.New("must be a CIDR block such as 10.0.0.0/16 (the VPC's, as aws ec2 describe-vpcs shows it)")
	}
	if b := p.Bits(); p.Addr().Is4() && (b < 16 || b > 28) {
		return fmt.Errorf("is a /%d, but a VPC's IPv4 CIDR block is /16 to /28: give the VPC's own, as aws ec2 describe-vpcs shows it", b)
	}
	if m := p.Masked(); m != p {
		return fmt.Errorf("has host bits set; the network is %s", m)
	}
	return nil
}

// ValidateOrgID checks an AWS Organizations id such as o-a1b2c3d4e5.
func ValidateOrgID(id string) error {
	if !orgIDRE().MatchString(id) {
		return errors.New("must be an organization id: o- followed by 10-32 lower-case letters or digits")
	}
	return nil
}

// isKMSKeyARN is kmsKeyARNRE.MatchString written out by hand: the
// validators and the walk-through test every key ARN of a design on every
// keystroke, and the regular expression was the largest part of that.
// TestIsKMSKeyARNMatchesRegexp and FuzzIsKMSKeyARN hold the two equal.
func isKMSKeyARN(s string) bool {
	rest, ok := cutARNPartition(s)
	if !ok {
		return false
	}
	rest, ok = strings.CutPrefix(rest, ":kms:")
	if !ok {
		return false
	}
	// [a-z0-9-]+ then ':'.
	i := strings.IndexByte(rest, ':')
	if i < 1 {
		return false
	}
	for _, c := range []byte(rest[:i]) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	rest = rest[i+1:]
	// \d{12}:key/
	if len(rest) < 12+len(":key/") || !allBytes(rest[:12], isDigitByte) || rest[12:17] != ":key/" {
		return false
	}
	id := rest[17:]
	if mrk, ok := strings.CutPrefix(id, "mrk-"); ok {
		return len(mrk) == 32 && allBytes(mrk, isLowerHexByte)
	}
	// 8-4-4-4-12 lower-case hex.
	if len(id) != 36 {
		return false
	}
	for i := range len(id) {
		switch i {
		case 8, 13, 18, 23:
			if id[i] != '-' {
				return false
			}
		default:
			if !isLowerHexByte(id[i]) {
				return false
			}
		}
	}
	return true
}

// cutARNPartition cuts "arn:aws[a-zA-Z-]*" off s, the partition as the
// patterns of the hand-written matchers read it; rest starts at the ':'
// after it.
func cutARNPartition(s string) (rest string, ok bool) {
	rest, ok = strings.CutPrefix(s, "arn:aws")
	if !ok {
		return "", false
	}
	i := strings.IndexByte(rest, ':')
	if i < 0 {
		return "", false
	}
	for j := range i {
		if c := rest[j]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
			return "", false
		}
	}
	return rest[i:], true
}

func isDigitByte(c byte) bool    { return '0' <= c && c <= '9' }
func isLowerHexByte(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' }

func allBytes(s string, ok func(byte) bool) bool {
	for i := range len(s) {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// hasWildcard reports whether s holds * or ?: strings.ContainsAny builds
// a set on each call, and the validators ask for every action and value on
// every keystroke.
func hasWildcard(s string) bool {
	return strings.IndexByte(s, '*') >= 0 || strings.IndexByte(s, '?') >= 0
}

// byteClass is a set of bytes, such as the characters a pattern's class
// allows.
type byteClass [256]bool

// newByteClass is the set of the bytes in chars, where a-z stands for the
// bytes from a to z (a - first or last is itself).
func newByteClass(chars string) *byteClass {
	var c byteClass
	for i := 0; i < len(chars); i++ {
		if i+2 < len(chars) && chars[i+1] == '-' {
			for b := int(chars[i]); b <= int(chars[i+2]); b++ {
				c[b] = true
			}
			i += 2
			continue
		}
		c[chars[i]] = true
	}
	return &c
}

// all reports whether every byte of s is in the class.
func (c *byteClass) all(s string) bool {
	for i := range len(s) {
		if !c[s[i]] {
			return false
		}
	}
	return true
}

var (
	lowerOrDash       = newByteClass("a-z-")
	lowerDigitOrDash  = newByteClass("a-z0-9-")
	alnumBytes        = newByteClass("A-Za-z0-9")
	secretNameBytes   = newByteClass("A-Za-z0-9/_+=.@-")
	lambdaNameBytes   = newByteClass("a-zA-Z0-9_-")
	designNameEndByte = newByteClass("a-z0-9")
	lowerHexBytes     = newByteClass("0-9a-f")
	iamNameBytes      = newByteClass("A-Za-z0-9_+=,.@-")
	// tagBytes are the ASCII characters tagCharsWarning takes.
	tagBytes = newByteClass("A-Za-z0-9 +=._:/@-")
)

// isSecretARN reports whether s is a secret's full ARN, the pattern
// ^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$
// matched by hand: Validate checks the master secret's ARN on every
// keystroke, and the regular expression was a tenth of what Validate did.
// TestHandMatchersMatchRegexps and FuzzHandMatchers hold them equal.
func isSecretARN(s string) bool {
	rest, ok := strings.CutPrefix(s, "arn:aws")
	if !ok {
		return false
	}
	i := strings.IndexByte(rest, ':')
	if i < 0 || !lowerOrDash.all(rest[:i]) {
		return false
	}
	if rest, ok = strings.CutPrefix(rest[i:], ":secretsmanager:"); !ok {
		return false
	}
	// The region, [a-z0-9-]+, ends at the first colon.
	i = strings.IndexByte(rest, ':')
	if i < 1 || !lowerDigitOrDash.all(rest[:i]) {
		return false
	}
	rest = rest[i+1:]
	const secret = ":secret:"
	if len(rest) < 12+len(secret) || !allBytes(rest[:12], isDigitByte) || rest[12:12+len(secret)] != secret {
		return false
	}
	// The name, then - and the six characters Secrets Manager adds.
	name := rest[12+len(secret):]
	n := len(name)
	return n >= 8 && name[n-7] == '-' && alnumBytes.all(name[n-6:]) && secretNameBytes.all(name[:n-7])
}

// isLambdaName is ^[a-zA-Z0-9_-]{1,64}$ by hand.
func isLambdaName(s string) bool {
	return len(s) >= 1 && len(s) <= 64 && lambdaNameBytes.all(s)
}

// isDesignName is ^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$ by hand.
func isDesignName(s string) bool {
	return len(s) >= 1 && len(s) <= 64 && designNameEndByte[s[0]] && designNameEndByte[s[len(s)-1]] && lowerDigitOrDash.all(s)
}
