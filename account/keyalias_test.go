package account

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/secretsmith/secretsmith/blueprint"
)

// aliasDesign rotates with the hosted function, its key and the master
// secret's key given as the aliases the test names.
func aliasDesign(secretKey, functionKey, masterKey string) *blueprint.Design {
	return &blueprint.Design{
		Version: blueprint.CurrentVersion,
		Secret:  blueprint.Secret{SecretID: "prod/app/db", Region: "us-east-1", KMSKeyARN: secretKey, Tags: []blueprint.Tag{{Key: "owner", Value: "app"}}},
		Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{
			RotationType:          "PostgreSQLMultiUser",
			KMSKeyARN:             functionKey,
			MasterSecretARN:       "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/app/master-AbCdEf",
			MasterSecretKMSKeyARN: masterKey,
			VPCSubnetIDs:          []string{"subnet-0123456789abcdef0"}, VPCSecurityGroupIDs: []string{"sg-0123456789abcdef0"},
		}},
	}
}

// TestResolveKeyAliasesMoto resolves, against moto's kms:DescribeKey, an
// alias name inherited from secret.kmsKeyArn (looked up in the secret's
// region) and an alias name for the master secret's key (in the master
// secret's region), and an alias ARN given as the function's key: each
// field then holds the key's ARN, the design passes Validate there, and
// the caller's design is left as it was. An alias the account does not
// have is an error naming the field, and nothing is changed.
func TestResolveKeyAliasesMoto(t *testing.T) {
	c := loadMoto(t, moto(t), nil)
	cx := context.Background()
	newKey := func(region, alias string) string {
		k := c.kms(region)
		out, err := k.CreateKey(cx, &kms.CreateKeyInput{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := k.CreateAlias(cx, &kms.CreateAliasInput{AliasName: aws.String(alias), TargetKeyId: out.KeyMetadata.KeyId}); err != nil {
			t.Fatal(err)
		}
		return *out.KeyMetadata.Arn
	}
	app := newKey("us-east-1", "alias/app")
	admin := newKey("eu-west-1", "alias/admin")
	// The same alias name in the function's region names another key:
	// the master key's alias must be looked up in eu-west-1.
	newKey("us-east-1", "alias/admin")

	d := aliasDesign("alias/app", "", "alias/admin")
	orig := d.Clone()
	got, resolved, err := ResolveKeyAliases(ctx(t), c, d)
	if err != nil {
		t.Fatal(err)
	}
	h := got.Rotation.HostedRotationLambda
	if h.KMSKeyARN != app || h.MasterSecretKMSKeyARN != admin {
		t.Errorf("resolved kmsKeyArn %q, masterSecretKmsKeyArn %q; want %s and %s", h.KMSKeyARN, h.MasterSecretKMSKeyARN, app, admin)
	}
	if got.Secret.KMSKeyARN != "alias/app" {
		t.Errorf("secret.kmsKeyArn became %q; the secret keeps its alias", got.Secret.KMSKeyARN)
	}
	want := []ResolvedAlias{
		{Path: "rotation.hostedRotationLambda.kmsKeyArn", Alias: "alias/app", KeyARN: app},
		{Path: "rotation.hostedRotationLambda.masterSecretKmsKeyArn", Alias: "alias/admin", KeyARN: admin},
	}
	if len(resolved) != len(want) || resolved[0] != want[0] || resolved[1] != want[1] {
		t.Errorf("resolved %+v, want %+v", resolved, want)
	}
	for _, p := range got.Validate() {
		if p.Path == want[0].Path || p.Path == want[1].Path {
			t.Errorf("after resolving, Validate() reports %v", p)
		}
	}
	if d.Rotation.HostedRotationLambda.KMSKeyARN != "" || d.Rotation.HostedRotationLambda.MasterSecretKMSKeyARN != "alias/admin" || d.Secret.KMSKeyARN != orig.Secret.KMSKeyARN {
		t.Errorf("the caller's design was changed: %+v", d.Rotation.HostedRotationLambda)
	}

	// An alias ARN carries its region.
	aliasARN := "arn:aws:kms:us-east-1:123456789012:alias/app"
	got, _, err = ResolveKeyAliases(ctx(t), c, aliasDesign("alias/app", aliasARN, admin))
	if err != nil || got.Rotation.HostedRotationLambda.KMSKeyARN != app {
		t.Errorf("alias ARN: kmsKeyArn %q, %v; want %s", got.Rotation.HostedRotationLambda.KMSKeyARN, err, app)
	}

	// Nothing to resolve: the same design back, and no call.
	plain := aliasDesign(app, "", admin)
	if got, resolved, err := ResolveKeyAliases(ctx(t), nil, plain); got != plain || resolved != nil || err != nil {
		t.Errorf("key ARNs only: %p %v %v, want the design itself", got, resolved, err)
	}

	// An alias the account does not have.
	missing := aliasDesign("alias/nope", "", admin)
	got, _, err = ResolveKeyAliases(ctx(t), c, missing)
	if !errors.Is(err, ErrCannotResolve) || got != missing {
		t.Errorf("unknown alias: %v, %p; want ErrCannotResolve and the design unchanged", err, got)
	} else if msg := err.Error(); !strings.Contains(msg, "rotation.hostedRotationLambda.kmsKeyArn") || !strings.Contains(msg, "alias/nope") {
		t.Errorf("unknown alias: %q does not name the field and the alias", msg)
	}
}

// noDescribe is an Account that cannot describe keys.
type noDescribe struct{ Account }

// TestApplyResolvedAliases: the aliases a verification resolved go into
// the design being edited only where its field still holds (or inherits)
// that alias; an account that cannot describe keys resolves nothing.
func TestApplyResolvedAliases(t *testing.T) {
	const keyARN = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	rs := []ResolvedAlias{{Path: "rotation.hostedRotationLambda.kmsKeyArn", Alias: "alias/app", KeyARN: keyARN}}
	d := aliasDesign("alias/app", "", "")
	if !ApplyResolvedAliases(d, rs) || d.Rotation.HostedRotationLambda.KMSKeyARN != keyARN || d.Secret.KMSKeyARN != "alias/app" {
		t.Errorf("inherited alias: kmsKeyArn %q, secret %q", d.Rotation.HostedRotationLambda.KMSKeyARN, d.Secret.KMSKeyARN)
	}
	if ApplyResolvedAliases(d, rs) {
		t.Errorf("applied twice: nothing is left to change")
	}
	moved := aliasDesign("alias/other", "", "")
	if ApplyResolvedAliases(moved, rs) || moved.Rotation.HostedRotationLambda.KMSKeyARN != "" {
		t.Errorf("the design moved on to another alias, and got %q", moved.Rotation.HostedRotationLambda.KMSKeyARN)
	}
	got, done, err := ResolveKeyAliasesWith(context.Background(), noDescribe{}, d)
	if got != d || done != nil || err != nil {
		t.Errorf("nothing to resolve: %v %v", done, err)
	}
	alias := aliasDesign("alias/app", "", "")
	if got, _, err := ResolveKeyAliasesWith(context.Background(), noDescribe{}, alias); got != alias || !errors.Is(err, ErrCannotResolve) {
		t.Errorf("account without DescribeKey: %v, want ErrCannotResolve", err)
	}
	// The wizard's cache passes the lookup through to the account it
	// wraps (it hid it once), and says when that account cannot.
	if _, _, err := ResolveKeyAliasesWith(context.Background(), NewCached(noDescribe{}), alias); !errors.Is(err, ErrCannotResolve) {
		t.Errorf("cached account without DescribeKey: %v, want ErrCannotResolve", err)
	}
	got, done, err = ResolveKeyAliasesWith(context.Background(), NewCached(describer{noDescribe{}, map[string]string{"alias/app": keyARN}}), alias)
	if err != nil || len(done) != 1 || got.Rotation.HostedRotationLambda.KMSKeyARN != keyARN {
		t.Errorf("cached account: %v %v, want the key ARN", done, err)
	}
}

// describer is an Account that describes the keys of its map.
type describer struct {
	Account
	keys map[string]string
}

func (d describer) DescribeKey(_ context.Context, _, id string) (KeyMetadata, error) {
	if arn, ok := d.keys[id]; ok {
		return KeyMetadata{ARN: arn}, nil
	}
	return KeyMetadata{}, errors.New("NotFoundException")
}
