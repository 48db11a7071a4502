package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// TestAuditCommandAgainstMoto runs secretsmith audit through the real SDK
// against moto: the report names each secret and the rules it fails, in
// text and JSON; --save writes a design file per secret that reads back;
// the exit code is check's; a pipe gets no progress line.
func TestAuditCommandAgainstMoto(t *testing.T) {
	_, cfg := motoConfig(t)
	sm := secretsmanager.NewFromConfig(cfg)
	for _, name := range []string{"prod/db", "prod/api-key"} {
		if _, err := sm.CreateSecret(context.Background(), &secretsmanager.CreateSecretInput{Name: aws.String(name)}); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb bytes.Buffer
	dir := filepath.Join(t.TempDir(), "designs")
	code := run([]string{"audit", "--region", "us-east-1", "--save", dir}, nil, &out, &errb)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1\n%s%s", code, out.String(), errb.String())
	}
	for _, want := range []string{"Audit of account 123456789012", "prod/db (us-east-1)", "FAILED         error    rotation-enabled", "customer-managed-key",
		"Account 123456789012: 2 secrets, 2 with a failed rule"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if errb.String() != "wrote 2 design files into "+dir+"\n" {
		t.Errorf("stderr (no progress line on a pipe) = %q", errb.String())
	}
	for _, f := range []string{"us-east-1-prod-db.design.yaml", "us-east-1-prod-api-key.design.yaml"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		// It reads back as it is deployed: the AWS managed key stays, and
		// Validate says what to change before generate writes it.
		if df := designfile.Decode(f, data); df.Design == nil || len(df.Structure) > 0 || df.Design.Secret.KMSKeyARN != "alias/aws/secretsmanager" {
			t.Errorf("%s does not read back: %v %v\n%s", f, df.Structure, df.Problems, data)
		}
	}
	out.Reset()
	if code := run([]string{"audit", "--region", "us-east-1", "--output", "json"}, nil, &out, &errb); code != exitFailure || !json.Valid(out.Bytes()) {
		t.Errorf("--output json: exit %d\n%s", code, out.String())
	}
	if code := run([]string{"audit", "--output", "yaml"}, nil, &out, &errb); code != exitUsage {
		t.Errorf("--output yaml: exit %d, want %d", code, exitUsage)
	}
}
