package blueprint

import (
	"slices"
	"strings"
	"testing"
)

// TestReaderSideCoversReplicas checks that the identity policy a reader is
// given lets it read a replica too: a reader in the replica's region calls
// GetSecretValue on the replica's ARN (its own region) and Secrets Manager
// there decrypts with the replica's own key, so an identity policy naming
// only the primary region's secret and key refuses every read of the
// replica.
func TestReaderSideCoversReplicas(t *testing.T) {
	d := validDesign()
	sides := d.Walk(nil).ReaderSides(d)
	if len(sides) == 0 {
		t.Fatal("no reader side for the design's reader")
	}
	for _, rs := range sides {
		var secrets, keys []string
		for _, st := range rs.IdentityPolicy.Statement {
			switch {
			case slices.Contains(st.Action, "secretsmanager:GetSecretValue"):
				secrets = append(secrets, st.Resource...)
			case slices.Contains(st.Action, "kms:Decrypt"):
				keys = append(keys, st.Resource...)
			}
		}
		for _, region := range []string{"us-east-1", "eu-west-1"} {
			if !slices.ContainsFunc(secrets, func(s string) bool { return strings.Contains(s, ":secretsmanager:"+region+":") }) {
				t.Errorf("%s: GetSecretValue resources %q do not name the secret in %s", rs.Reader, secrets, region)
			}
		}
		for _, k := range []string{keyARN, euKeyARN} {
			if !slices.Contains(keys, k) {
				t.Errorf("%s: kms:Decrypt resources %q do not name the key %s", rs.Reader, keys, k)
			}
		}
	}
}

// TestReaderSideKeyPerRegion checks that each key in a reader's identity
// policy is limited to the Secrets Manager that decrypts with it: the
// primary key in the primary region, a replica's key in the replica's
// region (issue 20, item 14, and the reader's side). A key named with every
// region's Secrets Manager would let the reader use the primary key
// through a replica region's service, which never needs it.
func TestReaderSideKeyPerRegion(t *testing.T) {
	d := validDesign()
	d.Secret.ReplicaRegions = append(d.Secret.ReplicaRegions, Replica{Region: "ap-southeast-2"})
	want := map[string]string{
		keyARN:   "secretsmanager.us-east-1.amazonaws.com",
		euKeyARN: "secretsmanager.eu-west-1.amazonaws.com",
		"arn:aws:kms:ap-southeast-2:123456789012:key/KEY_ID": "secretsmanager.ap-southeast-2.amazonaws.com",
	}
	for _, rs := range d.Walk(nil).ReaderSides(d) {
		got := map[string]string{}
		sids := map[string]bool{}
		for _, st := range rs.IdentityPolicy.Statement {
			if sids[st.Sid] {
				t.Errorf("%s: Sid %s is used twice", rs.Reader, st.Sid)
			}
			sids[st.Sid] = true
			if !slices.Contains(st.Action, "kms:Decrypt") {
				continue
			}
			if len(st.Resource) != 1 || len(st.Condition) != 1 || len(st.Condition[0].Entries) != 1 {
				t.Errorf("%s: statement %s: want one key and one kms:ViaService, got %+v", rs.Reader, st.Sid, st)
				continue
			}
			e := st.Condition[0].Entries[0]
			if e.Key != "kms:ViaService" || len(e.Values) != 1 {
				t.Errorf("%s: statement %s: condition %+v, want kms:ViaService with one value", rs.Reader, st.Sid, e)
				continue
			}
			got[st.Resource[0]] = e.Values[0]
		}
		if len(got) != len(want) {
			t.Errorf("%s: kms:Decrypt on %v, want %v", rs.Reader, got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: kms:Decrypt on %s through %q, want %q", rs.Reader, k, got[k], v)
			}
		}
		if !sids["DecryptTheReplicaInApSoutheast2"] {
			t.Errorf("%s: no statement DecryptTheReplicaInApSoutheast2 among %v", rs.Reader, sids)
		}
	}
}

// TestReaderSideTakesTheEnvironmentsAccount: a design that names no
// account (a created key, no ARN anywhere) wrote ACCOUNT_ID in its
// readers' identity policies even when the walk-through was given the
// account the secret deploys into (--aws): the secret's and the key's
// ARNs now name that account, and a reader of another account is told it
// is cross-account. Offline the placeholder stays.
func TestReaderSideTakesTheEnvironmentsAccount(t *testing.T) {
	const reader = "arn:aws:iam::444455556666:role/app"
	d := &Design{Version: 1, Name: "app", Secret: Secret{SecretID: "prod/app", Region: "eu-west-1"},
		ResourcePolicy: &ResourcePolicy{Statements: []Statement{{Sid: "App", Effect: "Allow",
			Principal: &Principal{AWS: []string{reader}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"}}}}}
	doc := func(env *Environment) (string, ReaderSide) {
		sides := d.Walk(env).ReaderSides(d)
		if len(sides) != 1 {
			t.Fatalf("%d reader sides, want 1", len(sides))
		}
		var b strings.Builder
		for _, st := range sides[0].IdentityPolicy.Statement {
			b.WriteString(strings.Join(st.Resource, " ") + "\n")
		}
		return b.String(), sides[0]
	}
	if got, _ := doc(nil); !strings.Contains(got, "ACCOUNT_ID") {
		t.Fatalf("offline the resources are %q, want the ACCOUNT_ID placeholder", got)
	}
	got, rs := doc(&Environment{Account: "123456789012"})
	if strings.Contains(got, "ACCOUNT_ID") || !strings.Contains(got, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/app-??????") ||
		!strings.Contains(got, "arn:aws:kms:eu-west-1:123456789012:key/KEY_ID") {
		t.Errorf("with the account known the resources are\n%s", got)
	}
	if !rs.CrossAccount {
		t.Errorf("a reader of 444455556666 reading a secret of 123456789012 is not cross-account")
	}
}
