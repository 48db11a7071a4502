package blueprint

import (
	"bytes"
	"strings"
)

// The reader's side: what each principal the resource policy lets read
// needs in its own account, and how it reads the value without putting it
// in code or in environment variables. The walk-through decides whether
// the policy and the key let a reader in; this is the half secretsmith
// cannot write, because it lives in the reader's own IAM policy.

// ReaderSide is what one reader group needs on its own side.
type ReaderSide struct {
	// Reader is the group's label; Principal its ARN, account id,
	// organization or endpoint.
	Reader, Principal string
	// Who says which principals the identity policy goes on.
	Who string
	// CrossAccount reports a reader in another account than the secret's:
	// its own account must grant the read too, as the secret's policy
	// alone does not.
	CrossAccount bool
	// Needed reports that the reader may need the identity policy: it is
	// (or may be) in another account, or the secret's policy names its
	// whole account, which hands the decision to that account's IAM
	// policies. Only a principal the policy names in the secret's own
	// account needs none.
	Needed bool
	// IdentityPolicy lets the reader call GetSecretValue on the secret and
	// kms:Decrypt on its key through Secrets Manager only.
	IdentityPolicy PolicyDocument
	// Decrypt is the outcome of the reader's kms:Decrypt in the
	// walk-through: the identity policy is not enough when the key refuses.
	Decrypt Outcome
}

// Placeholders the reader's identity policy uses for what the design does
// not say.
const (
	placeholderRegion  = "REGION"
	placeholderAccount = "ACCOUNT_ID"
	placeholderKeyID   = "KEY_ID"
)

// ReadWithoutValueInCode are the ways to read the value at run time
// without putting it in code or in environment variables, each with the
// secret's ARN (or name) as the only thing configured.
var ReadWithoutValueInCode = []string{
	"Lambda: add the AWS Parameters and Secrets Lambda Extension layer and GET " +
		"http://localhost:2773/secretsmanager/get?secretId=SECRET_ARN with the header " +
		"X-Aws-Parameters-Secrets-Token set to AWS_SESSION_TOKEN; it caches the value (5 minutes by default) " +
		"and needs the same permissions",
	"Elsewhere: the Secrets Manager caching client of your SDK (Python aws-secretsmanager-caching, Java " +
		"aws-secretsmanager-caching-java, Go aws-secretsmanager-caching-go, .NET AWSSDK.SecretsManager.Caching) " +
		"with the secret's ARN; it refreshes after rotation",
}

// SecretARNPattern is the secret's ARN as an identity policy names it: the
// existing secret's ARN, or the new secret's name followed by -??????, the
// six random characters Secrets Manager appends.
func (w *Walk) SecretARNPattern(d *Design) string {
	if d.IsExisting() {
		return d.Secret.ExistingSecretARN
	}
	a := w.Access
	return "arn:" + orPartition(a.Partition) + ":secretsmanager:" + orDefault(a.Region, placeholderRegion) + ":" +
		orDefault(w.secretAccount(), placeholderAccount) + ":secret:" + d.Secret.SecretID + "-??????"
}

// keyARNForIAM is the key as an IAM policy must name it: a key ARN, since
// a permission on an alias ARN does not grant use of the key.
func (w *Walk) keyARNForIAM(d *Design) string {
	a := w.Access
	if a.Key == KeyGiven {
		if arn, ok := ParseARN(a.KeyARN); ok && strings.HasPrefix(arn.Resource, "key/") {
			return a.KeyARN
		}
	}
	return "arn:" + orPartition(a.Partition) + ":kms:" + orDefault(a.Region, placeholderRegion) + ":" +
		orDefault(w.secretAccount(), placeholderAccount) + ":key/" + placeholderKeyID
}

// secretARNsForIAM are the secret's ARN in its primary region and in each
// replica region: a reader of a replica calls GetSecretValue on the
// replica's ARN, which names the replica's region.
func (w *Walk) secretARNsForIAM(d *Design) []string {
	out := []string{w.SecretARNPattern(d)}
	if d.IsExisting() {
		return out
	}
	a := w.Access
	for _, r := range a.ReplicaRegions {
		out = appendUnique(out, "arn:"+orPartition(a.Partition)+":secretsmanager:"+r+":"+
			orDefault(w.secretAccount(), placeholderAccount)+":secret:"+d.Secret.SecretID+"-??????")
	}
	return out
}

// readerKey is one key a reader decrypts with, as an IAM policy must name
// it, and the kms:ViaService value of the Secrets Manager that uses it.
type readerKey struct{ sid, arn, via string }

// readerKeys are the primary key, used by Secrets Manager in the primary
// region (Access.ViaServiceValues), and each replica's own key, used by
// Secrets Manager in the replica's region, which decrypts the replica on
// the reader's behalf. A replica key the design does not name (Terraform
// creates one) is a placeholder. via is the primary region's value.
func (w *Walk) readerKeys(d *Design, via string) []readerKey {
	a := w.Access
	out := []readerKey{{"DecryptItThroughSecretsManager", w.keyARNForIAM(d), via}}
	if d.IsExisting() {
		return out
	}
	for _, r := range d.Secret.ReplicaRegions {
		if r.Region == "" {
			continue
		}
		key := "arn:" + orPartition(a.Partition) + ":kms:" + r.Region + ":" +
			orDefault(w.secretAccount(), placeholderAccount) + ":key/" + placeholderKeyID
		if arn, ok := ParseARN(r.KMSKeyARN); ok && strings.HasPrefix(arn.Resource, "key/") {
			key = r.KMSKeyARN
		}
		out = append(out, readerKey{readerKeySid(r.Region), key, a.ReplicaViaService(r.Region)})
	}
	return out
}

// readerKeySid names the statement of a reader's identity policy for a
// replica's key: DecryptTheReplicaIn and the region in letters and
// digits (a Sid allows nothing else), such as DecryptTheReplicaInEuWest1.
func readerKeySid(region string) string {
	var b strings.Builder
	b.WriteString("DecryptTheReplicaIn")
	for _, part := range strings.Split(region, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// secretAccount is the account the secret is in: the one the design's
// ARNs name, else the one the environment says it deploys into (--aws),
// else "" (offline, a placeholder).
func (w *Walk) secretAccount() string {
	return orDefault(w.Access.Account, w.Env.Account)
}

func orPartition(p string) string { return orDefault(p, "aws") }

// ReaderSides returns what each reader group needs on its own side, in
// the order of the walk-through's readers.
func (w *Walk) ReaderSides(d *Design) []ReaderSide {
	a := w.Access
	secrets := w.secretARNsForIAM(d)
	via := a.ViaServicePrimary()
	if via == "" {
		via = "secretsmanager." + placeholderRegion + ".amazonaws.com"
	}
	// One kms:Decrypt statement per key, each limited to the Secrets
	// Manager that decrypts with it: the primary key in the primary
	// region only, a replica's key in the replica's region only.
	keys := w.readerKeys(d, via)
	own := w.secretAccount()
	stmts := make([]PolicyStatement, 0, 1+len(keys))
	stmts = append(stmts, PolicyStatement{Sid: "ReadTheSecret", Effect: "Allow", Action: StringOrList{actionGetSecretValue}, Resource: StringOrList(secrets)})
	for _, k := range keys {
		stmts = append(stmts, PolicyStatement{Sid: k.sid, Effect: "Allow", Action: StringOrList{actionDecrypt}, Resource: StringOrList{k.arn},
			Condition: conditionDoc([]Condition{{Operator: "StringEquals", Key: "kms:ViaService", Values: []string{k.via}}})})
	}
	var out []ReaderSide
	for _, i := range w.Readers() {
		ac := w.Actors[i]
		g := &a.Groups[ac.Group]
		rs := ReaderSide{Reader: ac.Label, Principal: g.ID, Decrypt: Allowed,
			CrossAccount: g.Account != "" && own != "" && g.Account != own}
		rs.Needed = !(g.Kind == GroupPrincipal && g.Account != "" && g.Account == own)
		switch g.Kind {
		case GroupPrincipal:
			rs.Who = "the identity policy of " + g.ID
		case GroupAccount:
			rs.Who = "the identity policy of each principal in account " + g.ID + " that reads it"
		default:
			rs.Who = "the identity policy of each principal that reads it (" + g.Label() + ")"
		}
		for _, c := range w.ActorCalls(i) {
			if c.Action == actionDecrypt && c.On == onKey {
				rs.Decrypt = c.Outcome
			}
		}
		rs.IdentityPolicy = PolicyDocument{Version: PolicyVersion, Statement: stmts}
		out = append(out, rs)
	}
	return out
}

// ReaderPlaceholders names the placeholders a reader's identity policy
// (as ReaderSide.IdentityPolicy encodes it) still holds, in the order
// REGION, ACCOUNT_ID, KEY_ID: what the user must fill in before
// attaching it, which whoever writes the file says (trial7a T9: Done
// said nothing of a KEY_ID in a file it had written). Each is matched
// where the policy puts it, so a secret id holding the same letters is
// not one.
func ReaderPlaceholders(policy []byte) []string {
	var out []string
	for _, p := range []struct {
		name  string
		forms []string
	}{
		{placeholderRegion, []string{":" + placeholderRegion + ":", "." + placeholderRegion + "."}},
		{placeholderAccount, []string{":" + placeholderAccount + ":"}},
		{placeholderKeyID, []string{":key/" + placeholderKeyID + `"`}},
	} {
		for _, f := range p.forms {
			if bytes.Contains(policy, []byte(f)) {
				out = append(out, p.name)
				break
			}
		}
	}
	return out
}
