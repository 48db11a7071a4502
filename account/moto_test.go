package account

import (
	"context"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/secretsmith/secretsmith/internal/motoserver"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

func TestMain(m *testing.M) {
	code := m.Run()
	motoserver.StopShared()
	os.Exit(code)
}

// moto returns the URL of a freshly reset moto server.
func moto(t *testing.T) string { return motoserver.Shared(t) }

// testCreds are moto's conventional static credentials.
var testCreds = credentials.NewStaticCredentialsProvider("testing", "testing", "")

// isolate keeps the developer's own AWS configuration out of a test.
func isolate(t testing.TB) {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ACCESSANALYZER", "AWS_CA_BUNDLE"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_CONFIG_FILE", dir+"/config")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", dir+"/credentials")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
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
