package account

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// The moto server is started once for the package, on the first test that
// needs it, and stopped by TestMain. Each test resets its state.
var motoSrv struct {
	once sync.Once
	cmd  *exec.Cmd
	url  string
	err  error
}

const motoInstall = "moto's server is needed for these tests: pip install 'moto[server]' (then python3 -m moto.server works)"

func TestMain(m *testing.M) {
	code := m.Run()
	if c := motoSrv.cmd; c != nil && c.Process != nil {
		c.Process.Kill()
		c.Wait()
	}
	os.Exit(code)
}

// moto returns the URL of a freshly reset moto server. When moto is
// missing, the test fails in CI and is skipped elsewhere.
func moto(t *testing.T) string {
	t.Helper()
	motoSrv.once.Do(startMoto)
	if motoSrv.err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s: %v", motoInstall, motoSrv.err)
		}
		t.Skipf("%s: %v", motoInstall, motoSrv.err)
	}
	resp, err := http.Post(motoSrv.url+"/moto-api/reset", "application/json", nil)
	if err != nil {
		t.Fatalf("reset moto: %v", err)
	}
	resp.Body.Close()
	return motoSrv.url
}

func startMoto() {
	if err := exec.Command("python3", "-c", "import moto.server").Run(); err != nil {
		motoSrv.err = fmt.Errorf("python3 -c 'import moto.server': %w", err)
		return
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		motoSrv.err = err
		return
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		motoSrv.err = err
		return
	}
	motoSrv.cmd = cmd
	motoSrv.url = fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(motoSrv.url + "/moto-api/data.json")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	motoSrv.err = fmt.Errorf("moto server did not answer on %s within 60s; its output:\n%s", motoSrv.url, logs.String())
}

// testCreds are moto's conventional static credentials.
var testCreds = credentials.NewStaticCredentialsProvider("testing", "testing", "")

// isolate keeps the developer's own AWS configuration out of a test.
func isolate(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_CONFIG_FILE", dir+"/config")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", dir+"/credentials")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// loadMoto is a Client for the moto server at url, in us-east-1.
func loadMoto(t *testing.T, url string, extra func(*Options)) *Client {
	t.Helper()
	isolate(t)
	opts := Options{Region: "us-east-1", Endpoint: url, Credentials: testCreds, CallTimeout: 30 * time.Second}
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
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

var _ = aws.String
