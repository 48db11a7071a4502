package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/motoserver"
)

// recordingTransport answers every request with an error and remembers it.
type recordingTransport struct {
	mu   sync.Mutex
	seen []string
}

func (r *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, req.Method+" "+req.URL.String())
	return nil, errors.New("network use is forbidden in this test")
}

func (r *recordingTransport) requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.seen...)
}

// isolateAWS keeps the developer's AWS configuration out, and gives the
// SDK static credentials so a call would get as far as the network.
func isolateAWS(t *testing.T) {
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE": filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
		"AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_ACCESSANALYZER": "",
		// A CA bundle makes the SDK refuse a plain *http.Client.
		"AWS_CA_BUNDLE": "",
	} {
		t.Setenv(k, v)
	}
}

// TestOfflineMakesNoNetworkCall runs generate, check, access and the whole wizard
// (its line mode, fed the answers of the wizard-accessible script) without
// --aws, with every HTTP transport failing and recording: none is used.
// The same transport then sees check --aws's calls, so it is the one the
// commands would use.
func TestOfflineMakesNoNetworkCall(t *testing.T) {
	isolateAWS(t)
	rt := &recordingTransport{}
	oldDefault, oldClient := http.DefaultTransport, awsHTTPClient
	http.DefaultTransport = rt
	awsHTTPClient = &http.Client{Transport: rt}
	t.Cleanup(func() { http.DefaultTransport, awsHTTPClient = oldDefault, oldClient })

	design, err := filepath.Abs("examples/payments-db.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile("testdata/script/wizard-accessible.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var answers []byte
	for _, f := range ar.Files {
		if f.Name == "answers.txt" {
			answers = f.Data
		}
	}
	if answers == nil {
		t.Fatal("wizard-accessible.txtar has no answers.txt")
	}
	t.Chdir(t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("NO_COLOR", "1")
	for _, c := range []struct {
		name  string
		args  []string
		stdin []byte
	}{
		{"generate", []string{"generate", design, "--format", "terraform", "-o", "tf"}, nil},
		{"check", []string{"check", design}, nil},
		{"access", []string{"access", design}, nil},
		{"wizard", []string{"--accessible"}, answers},
	} {
		var out, errb bytes.Buffer
		if code := run(c.args, bytes.NewReader(c.stdin), &out, &errb); code != exitOK {
			t.Fatalf("%s: exit %d\n%s%s", c.name, code, out.String(), errb.String())
		}
		if got := rt.requests(); len(got) > 0 {
			t.Fatalf("%s without --aws made network calls: %v", c.name, got)
		}
	}
	if _, err := os.Stat("out/prod-db.design.yaml"); err != nil {
		t.Fatalf("the wizard did not finish: %v", err)
	}

	var out, errb bytes.Buffer
	if code := run([]string{"check", "--aws", design}, nil, &out, &errb); code != exitFailure {
		t.Fatalf("check --aws with no network: exit %d, want 1\n%s", code, errb.String())
	}
	if got := rt.requests(); len(got) == 0 || !strings.Contains(errb.String(), "cannot reach AWS") {
		t.Fatalf("check --aws did not go through the transport (requests %v):\n%s", got, errb.String())
	}
}

// fakeAccount is an Account with fixed answers, recording what it verified.
type fakeAccount struct {
	checks   []account.Check
	verified []*blueprint.Design
}

func (f *fakeAccount) Identity() account.Identity {
	return account.Identity{Account: "123456789012", Partition: "aws", ARN: "arn:aws:iam::123456789012:user/ci", Region: "eu-west-1"}
}
func (f *fakeAccount) Keys(context.Context, string) ([]account.Key, error)           { return nil, nil }
func (f *fakeAccount) Secrets(context.Context) ([]account.Secret, error)             { return nil, nil }
func (f *fakeAccount) LoadSecret(context.Context, string) (*blueprint.Design, error) { return nil, nil }
func (f *fakeAccount) Databases(context.Context) ([]account.Database, error)         { return nil, nil }
func (f *fakeAccount) Subnets(context.Context) ([]account.Subnet, error)             { return nil, nil }
func (f *fakeAccount) SecurityGroups(context.Context) ([]account.SecurityGroup, error) {
	return nil, nil
}
func (f *fakeAccount) Endpoints(context.Context) ([]account.Endpoint, error) { return nil, nil }
func (f *fakeAccount) Verify(_ context.Context, d *blueprint.Design) []account.Check {
	f.verified = append(f.verified, d)
	return f.checks
}

func useFake(t *testing.T, f *fakeAccount) *[]account.Options {
	var got []account.Options
	old := loadAccount
	loadAccount = func(_ context.Context, o account.Options) (account.Account, error) {
		got = append(got, o)
		return f, nil
	}
	t.Cleanup(func() { loadAccount = old })
	return &got
}

func TestCheckAWSWithFakeAccount(t *testing.T) {
	pass := []account.Check{{ID: account.CheckFunctionNameFree, Path: "rotation.hostedRotationLambda.rotationLambdaName", Status: account.StatusPass, Message: "no function is named payments-db-rotation yet"}}
	f := &fakeAccount{checks: pass}
	opts := useFake(t, f)
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--profile", "ci", "--region", "eu-west-1", "examples/payments-db.yaml"}, nil, &out, &errb); code != exitOK {
		t.Fatalf("passing verification: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if len(*opts) != 1 || (*opts)[0].Profile != "ci" || (*opts)[0].Region != "eu-west-1" {
		t.Errorf("account options = %+v", *opts)
	}
	if len(f.verified) != 1 || f.verified[0].Secret.SecretID != "prod/payments/db" {
		t.Errorf("verified %+v", f.verified)
	}
	for _, want := range []string{
		"AWS verification of examples/payments-db.yaml: payments-db as arn:aws:iam::123456789012:user/ci in eu-west-1 (123456789012)",
		"  pass   aws-rotation-function-name-free  rotation.hostedRotationLambda.rotationLambdaName: no function is named payments-db-rotation yet",
		"1 passed, 0 failed, 0 could not be checked",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	f.checks = append(pass, account.Check{ID: account.CheckPolicyAccessAnalyze, Path: "resourcePolicy", Status: account.StatusFail,
		Message:  "IAM Access Analyzer reports 1 errors or security warnings",
		Findings: []account.Finding{{Type: "ERROR", Code: "MISSING_VERSION", Details: "Add a Version.", LearnMore: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"}}})
	out.Reset()
	if code := run([]string{"check", "--aws", "examples/payments-db.yaml"}, nil, &out, &errb); code != exitFailure {
		t.Fatalf("failing verification: exit %d, want 1", code)
	}
	for _, want := range []string{"  FAIL   aws-policy-access-analyzer       resourcePolicy: IAM Access Analyzer", "ERROR MISSING_VERSION: Add a Version.", "1 passed, 1 failed, 0 could not be checked"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	// generate verifies first and writes nothing when a check fails.
	dir := t.TempDir()
	out.Reset()
	errb.Reset()
	if code := run([]string{"generate", "--aws", "examples/payments-db.yaml", "-f", "cloudformation", "-o", filepath.Join(dir, "t.yaml")}, nil, &out, &errb); code != exitFailure {
		t.Fatalf("generate --aws with a failing check: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "t.yaml")); err == nil || out.Len() != 0 || !strings.Contains(errb.String(), "FAIL") {
		t.Fatalf("generate wrote despite a failing check (stdout %q, stderr %q)", out.String(), errb.String())
	}
	f.checks = pass
	errb.Reset()
	if code := run([]string{"generate", "--aws", "examples/payments-db.yaml", "-f", "cloudformation", "-o", filepath.Join(dir, "t.yaml")}, nil, &out, &errb); code != exitOK {
		t.Fatalf("generate --aws: exit %d\n%s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "t.yaml")); err != nil || !strings.Contains(errb.String(), "1 passed") {
		t.Fatalf("generate --aws: %v\n%s", err, errb.String())
	}
}

// TestCheckAWSAgainstMoto runs check --aws through the real SDK against a
// local moto endpoint (Access Analyzer is a stand-in): the example design's
// subnets and security group do not exist there, so check exits 1 and says
// which.
func TestCheckAWSAgainstMoto(t *testing.T) {
	srv := startMoto(t)
	t.Setenv("AWS_ENDPOINT_URL", srv.URL)
	var out, errb bytes.Buffer
	code := run([]string{"check", "--region", "us-east-1", "examples/payments-db.yaml"}, nil, &out, &errb)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1\n%s%s", code, out.String(), errb.String())
	}
	for _, want := range []string{
		"AWS verification of examples/payments-db.yaml: payments-db as arn:aws:sts::123456789012:user/moto in us-east-1 (123456789012)",
		"FAIL   aws-subnets-exist",
		"no such subnet: subnet-0123456789abcdef0, subnet-0123456789abcdef1",
		"no such security group: sg-0123456789abcdef0",
		"pass   aws-rotation-function-name-free",
		"pass   aws-policy-access-analyzer",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s\nmoto's log:\n%s", want, out.String(), srv.Logs())
		}
	}
}

func TestWizardAWSFlags(t *testing.T) {
	if (awsOptions{}).connect() != nil {
		t.Fatal("the wizard connects without --aws")
	}
	f := &fakeAccount{}
	opts := useFake(t, f)
	connect := (awsOptions{region: "eu-west-1"}).connect()
	if connect == nil {
		t.Fatal("--region did not turn the account on")
	}
	a, err := connect(context.Background())
	if err != nil || a != f || len(*opts) != 1 || (*opts)[0].Region != "eu-west-1" {
		t.Fatalf("connect = %v, %v with options %+v", a, err, *opts)
	}

	// Line mode connects, says who, and prints the verification at the
	// review.
	f.checks = []account.Check{{ID: account.CheckFunctionNameFree, Path: "rotation.hostedRotationLambda.rotationLambdaName", Status: account.StatusFail, Message: "a function named prod-db-rotation already exists"}}
	ar, err := txtar.ParseFile("testdata/script/wizard-accessible.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var answers []byte
	for _, file := range ar.Files {
		if file.Name == "answers.txt" {
			answers = file.Data
		}
	}
	// The account refuses the design: Write asks, and y writes anyway.
	answers = append(answers, "y\n"...)
	t.Chdir(t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("NO_COLOR", "1")
	var out, errb bytes.Buffer
	if code := run([]string{"--accessible", "--profile", "dev"}, bytes.NewReader(answers), &out, &errb); code != exitOK {
		t.Fatalf("--accessible --profile: exit %d\n%s", code, errb.String())
	}
	for _, want := range []string{"AWS: account 123456789012, region eu-west-1, as arn:aws:iam::123456789012:user/ci",
		"AWS account: 0 passed · 1 failed", "FAIL aws-rotation-function-name-free: rotation.hostedRotationLambda.rotationLambdaName: a function named prod-db-rotation already exists",
		"The AWS account refuses this design. Write it anyway?", "Written although the AWS account refuses it:\n  FAIL aws-rotation-function-name-free"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("line mode output lacks %q:\n%s", want, errb.String())
		}
	}
	if len(*opts) != 2 || (*opts)[1].Profile != "dev" || len(f.verified) != 1 || f.verified[0].Secret.SecretID != "prod/db" {
		t.Errorf("options %+v, verified %d designs", *opts, len(f.verified))
	}
}

// TestCheckAWSKeepsJSONClean: with --output json the verification goes to
// stderr, so stdout stays one JSON document.
func TestCheckAWSKeepsJSONClean(t *testing.T) {
	f := &fakeAccount{checks: []account.Check{{ID: account.CheckKeyUsable, Path: "secret.kmsKeyArn", Status: account.StatusFail, Message: "key is Disabled"}}}
	useFake(t, f)
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--aws", "--output", "json", "examples/payments-db.yaml"}, nil, &out, &errb); code != exitFailure {
		t.Fatalf("exit %d, want 1 for the failed check\n%s", code, errb.String())
	}
	var v any
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out.String())
	}
	if !strings.Contains(errb.String(), "FAIL   aws-key-usable  secret.kmsKeyArn: key is Disabled") {
		t.Errorf("stderr lacks the verification:\n%s", errb.String())
	}
}

// TestAccessAWSShowsTheKeyChecks: access --aws adds the account's word on
// the keys, and only that, and exits 1 when a reader cannot decrypt.
func TestAccessAWSShowsTheKeyChecks(t *testing.T) {
	f := &fakeAccount{checks: []account.Check{
		{ID: account.CheckKeyPolicy, Path: "secret.kmsKeyArn", Status: account.StatusFail, Message: "the key policy does not let arn:aws:iam::111122223333:role/payments-app decrypt"},
		{ID: account.CheckFunctionNameFree, Path: "rotation.hostedRotationLambda.rotationLambdaName", Status: account.StatusFail, Message: "taken"},
	}}
	useFake(t, f)
	var out, errb bytes.Buffer
	if code := run([]string{"access", "--aws", "examples/payments-db.yaml"}, nil, &out, &errb); code != exitFailure {
		t.Fatalf("exit %d, want 1\n%s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "FAIL   aws-key-policy-decrypt  secret.kmsKeyArn: the key policy does not let") || strings.Contains(out.String(), "aws-rotation-function-name-free") {
		t.Errorf("access --aws output:\n%s", out.String())
	}
	f.checks = f.checks[1:]
	out.Reset()
	if code := run([]string{"access", "--aws", "examples/payments-db.yaml"}, nil, &out, &errb); code != exitOK {
		t.Fatalf("with no key check failing: exit %d\n%s", code, errb.String())
	}
	if code := run([]string{"access", "examples/payments-db.yaml"}, nil, &out, &errb); code != exitOK || len(f.verified) != 2 {
		t.Fatalf("without --aws: exit %d, verified %d times (want 2, from the runs with --aws)", code, len(f.verified))
	}
}

// startMoto isolates the test from the machine's AWS settings and hands it
// the test binary's moto server, reset to empty (started by the first test
// that asks and stopped by TestMain); without moto the test skips, or
// fails in CI. moto has no IAM Access Analyzer: it answers every call with
// a 500, which the SDK retries with seconds of backoff, so Access Analyzer
// is a stand-in that finds nothing (a test may set its own).
func startMoto(t *testing.T) *motoserver.Server {
	t.Helper()
	isolateAWS(t)
	srv := motoserver.SharedServer(t)
	aa := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"findings":[]}`)
	}))
	t.Cleanup(aa.Close)
	t.Setenv("AWS_ENDPOINT_URL_ACCESSANALYZER", aa.URL)
	return srv
}

// TestCheckAWSVerifiesEachFileAsItGoes: check --aws verifies a file's
// secrets when the file is reported, not once the whole walk is over (it
// kept every file until then). The account records, at each verification,
// what the report had written: at the first, the second file is not yet
// reported; in JSON, the report is never finished (no summary yet).
func TestCheckAWSVerifiesEachFileAsItGoes(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("examples/payments-db.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.yaml", "b.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var out, errb bytes.Buffer
			var seen []string // the report at each verification
			rec := &recordingAccount{fakeAccount: fakeAccount{checks: []account.Check{{ID: account.CheckFunctionNameFree,
				Path: "rotation.hostedRotationLambda.rotationLambdaName", Status: account.StatusPass, Message: "free"}}},
				onVerify: func() { seen = append(seen, out.String()) }}
			old := loadAccount
			loadAccount = func(context.Context, account.Options) (account.Account, error) { return rec, nil }
			t.Cleanup(func() { loadAccount = old })
			if code := run([]string{"check", "--aws", "-o", format, dir}, nil, &out, &errb); code != exitOK {
				t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
			}
			if len(seen) != 2 {
				t.Fatalf("%d verifications, want one per file", len(seen))
			}
			second := filepath.Join(dir, "b.yaml")
			if format == "json" {
				second = filepath.ToSlash(second)
			}
			if strings.Contains(seen[0], second) {
				t.Errorf("the first file was verified after the second was reported:\n%s", seen[0])
			}
			for i, s := range seen {
				if strings.Contains(s, `"summary"`) {
					t.Errorf("verification %d came after the report was finished", i)
				}
			}
			verified := out.String()
			if format == "json" {
				verified = errb.String()
			}
			if n := strings.Count(verified, "AWS verification of "); n != 2 {
				t.Errorf("%d verifications printed, want 2:\n%s", n, verified)
			}
			if format == "text" && strings.Index(out.String(), "AWS verification of "+filepath.Join(dir, "a.yaml")) > strings.Index(out.String(), second+": ") {
				t.Errorf("a.yaml's verification does not follow its report:\n%s", out.String())
			}
		})
	}
}

// recordingAccount is a fakeAccount that calls onVerify at each
// verification.
type recordingAccount struct {
	fakeAccount
	onVerify func()
}

func (r *recordingAccount) Verify(ctx context.Context, d *blueprint.Design) []account.Check {
	r.onVerify()
	return r.fakeAccount.Verify(ctx, d)
}
