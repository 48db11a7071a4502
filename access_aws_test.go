package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/secretsmith/secretsmith/internal/motoserver"
)

// motoConfig starts moto (startMoto), points the commands at it through
// AWS_ENDPOINT_URL, and returns an SDK configuration for seeding it.
func motoConfig(t *testing.T) (*motoserver.Server, aws.Config) {
	t.Helper()
	srv := startMoto(t)
	t.Setenv("AWS_ENDPOINT_URL", srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")), config.WithBaseEndpoint(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv, cfg
}

// TestAccessAWSOneSourceOfTruth: with --aws, access reads the given key's
// real policy once (the aws-key-policy-decrypt verification) and the
// walk-through says what it found; it neither claims it cannot see the
// policy nor prints a REGION placeholder (the account's region resolves it).
func TestAccessAWSOneSourceOfTruth(t *testing.T) {
	_, cfg := motoConfig(t)
	ctx := context.Background()
	const reader = "arn:aws:iam::123456789012:role/app"
	policy := `{"Version":"2012-10-17","Statement":[
{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
{"Sid":"App","Effect":"Allow","Principal":{"AWS":"` + reader + `"},"Action":"kms:Decrypt","Resource":"*",
 "Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}}]}`
	key, err := kms.NewFromConfig(cfg).CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(policy)})
	if err != nil {
		t.Fatal(err)
	}
	design := filepath.Join(t.TempDir(), "app.yaml")
	yaml := `version: 1
name: app
secret:
  secretId: prod/app
  kmsKeyArn: ` + aws.ToString(key.KeyMetadata.Arn) + `
resourcePolicy:
  statements:
    - sid: App
      effect: Allow
      principal: {AWS: ["` + reader + `"]}
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
`
	if err := os.WriteFile(design, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"access", "--aws", "--region", "us-east-1", design}, nil, &out, &errb); code != exitOK {
		t.Fatalf("exit %d, want 0\n%s%s", code, out.String(), errb.String())
	}
	got := out.String()
	for _, bad := range []string{"cannot see", "REGION", "check the key policy"} {
		if strings.Contains(got, bad) {
			t.Errorf("access --aws says %q though it read the key policy:\n%s", bad, got)
		}
	}
	for _, want := range []string{"the key's policy in the account lets it decrypt", "secretsmanager.us-east-1.amazonaws.com"} {
		if !strings.Contains(got, want) {
			t.Errorf("access --aws lacks %q:\n%s", want, got)
		}
	}
}

// TestAccessAWSResolvesTheRegion: a design that names no region gets the
// account's in every statement access --aws prints, not REGION.
func TestAccessAWSResolvesTheRegion(t *testing.T) {
	useFake(t, &fakeAccount{})
	var out, errb bytes.Buffer
	if code := run([]string{"access", "--aws", "examples/payments-db.yaml"}, nil, &out, &errb); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	if strings.Contains(out.String(), "REGION") || !strings.Contains(out.String(), "secretsmanager.eu-west-1.amazonaws.com") {
		t.Errorf("access --aws does not resolve the region from the account (eu-west-1):\n%s", out.String())
	}
}
