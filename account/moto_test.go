package account

import (
	"context"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/secretsmith/secretsmith/internal/motoserver"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

// TestMain runs the tests with the AWS configuration isolated (isolate's
// settings, for the whole binary), so a test that sets no variable of its
// own needs no isolate and may run in parallel; it stops moto at the end.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "account-test")
	if err != nil {
		panic(err)
	}
	for _, k := range awsVars {
		os.Unsetenv(k)
	}
	for k, v := range isolatedVars(dir) {
		os.Setenv(k, v)
	}
	code := m.Run()
	motoserver.StopShared()
	os.RemoveAll(dir)
	os.Exit(code)
}

// awsVars are the variables a developer's machine could lend a test.
var awsVars = []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ACCESSANALYZER", "AWS_CA_BUNDLE"}

// isolatedVars point the SDK at empty configuration files in dir and away
// from instance metadata.
func isolatedVars(dir string) map[string]string {
	return map[string]string{"AWS_CONFIG_FILE": dir + "/config", "AWS_SHARED_CREDENTIALS_FILE": dir + "/credentials", "AWS_EC2_METADATA_DISABLED": "true"}
}

// moto returns the URL of a freshly reset moto server.
func moto(t *testing.T) string { return motoserver.Shared(t) }

// testCreds are moto's conventional static credentials.
var testCreds = credentials.NewStaticCredentialsProvider("testing", "testing", "")

// isolate keeps the developer's own AWS configuration out of a test.
// A test that sets variables of its own calls it first: its settings are
// then undone at its end, and the files are its own.
func isolate(t testing.TB) {
	t.Helper()
	dir := t.TempDir()
	for _, k := range awsVars {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	for k, v := range isolatedVars(dir) {
		t.Setenv(k, v)
	}
}

// loadMoto is a Client for the moto server at url, in us-east-1.
func loadMoto(t testing.TB, url string, extra func(*Options)) *Client {
	t.Helper()
	isolate(t)
	// moto on a busy machine can take longer than a call's usual bound;
	// the test's deadline bounds it instead.
	opts := Options{Region: "us-east-1", Endpoint: url, Credentials: testCreds, CallTimeout: testwait.Left(t)}
	if extra != nil {
		extra(&opts)
	}
	c, err := Load(context.Background(), opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithDeadline(context.Background(), testwait.Deadline(t))
	t.Cleanup(cancel)
	return c
}
