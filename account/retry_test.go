package account

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/testwait"
)

// fakeAWS answers STS GetCallerIdentity (awsQuery, XML) and hands IAM
// Access Analyzer ValidatePolicy (REST-JSON) to analyzer, recording when
// each ValidatePolicy attempt arrived.
type fakeAWS struct {
	*httptest.Server
	mu       sync.Mutex
	attempts []time.Time
}

func newFakeAWS(t *testing.T, sts func(w http.ResponseWriter) bool, analyzer func(n int, w http.ResponseWriter, r *http.Request)) *fakeAWS {
	f := &fakeAWS{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/policy/validation" {
			f.mu.Lock()
			f.attempts = append(f.attempts, time.Now())
			n := len(f.attempts)
			f.mu.Unlock()
			io.Copy(io.Discard, r.Body)
			analyzer(n, w, r)
			return
		}
		r.ParseForm()
		if r.Form.Get("Action") != "GetCallerIdentity" {
			t.Errorf("fake AWS: unexpected request %s %s %v", r.Method, r.URL, r.Form)
			return
		}
		if sts != nil && sts(w) {
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>`+
			`<Arn>arn:aws-us-gov:iam::123456789012:user/tester</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>`+
			`</GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAWS) gaps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []time.Duration
	for i := 1; i < len(f.attempts); i++ {
		out = append(out, f.attempts[i].Sub(f.attempts[i-1]))
	}
	return out
}

func throttle(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-ErrorType", "ThrottlingException")
	w.WriteHeader(http.StatusTooManyRequests)
	io.WriteString(w, `{"message":"Rate exceeded"}`)
}

// loadFake is a Client for the fake at url. It sets no variable (TestMain
// isolated the binary), so tests that use it may run in parallel.
func loadFake(t *testing.T, url string, extra func(*Options)) (*Client, error) {
	t.Helper()
	opts := Options{Region: "us-gov-west-1", Endpoint: url, Credentials: testCreds, MaxBackoff: 300 * time.Millisecond}
	if extra != nil {
		extra(&opts)
	}
	return Load(context.Background(), opts)
}

func TestAdaptiveRetryBacksOff(t *testing.T) {
	// The adaptive retryer waits seconds of real time between
	// throttled attempts: such tests run side by side.
	t.Parallel()
	f := newFakeAWS(t, nil, func(n int, w http.ResponseWriter, r *http.Request) {
		if n <= 2 {
			throttle(w)
			return
		}
		io.WriteString(w, `{"findings":[]}`)
	})
	var mu sync.Mutex
	var delays []time.Duration
	var attempts []int
	c, err := loadFake(t, f.URL, func(o *Options) {
		o.observeRetry = func(a int, d time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			attempts, delays = append(attempts, a), append(delays, d)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if id := c.Identity(); id.Partition != "aws-us-gov" || id.Account != "123456789012" || id.Region != "us-gov-west-1" {
		t.Errorf("Identity = %+v", id)
	}
	v := &verifier{c: c}
	v.accessAnalyzer(context.Background(), readerPolicy(reader))
	if v.checks[0].Status != StatusPass {
		t.Fatalf("after two throttles: %+v", v.checks[0])
	}
	gaps := f.gaps()
	if len(f.attempts) != 3 || fmt.Sprint(attempts) != "[1 2]" || len(delays) != 2 {
		t.Fatalf("attempts at the server %d, retries %v with delays %v; want 3 attempts, 2 retries", len(f.attempts), attempts, delays)
	}
	var total time.Duration
	for i, d := range delays {
		if d < 0 || d > 300*time.Millisecond {
			t.Errorf("backoff %d = %v, outside [0, MaxBackoff 300ms]", i, d)
		}
		// The retryer really waited what it chose before the next attempt.
		if gaps[i] < d-5*time.Millisecond {
			t.Errorf("attempt %d came %v after the previous one, before its backoff %v", i+2, gaps[i], d)
		}
		total += d
	}
	if total == 0 {
		t.Errorf("no backoff at all between throttled attempts: %v", delays)
	}
}

func TestThrottledAfterEveryRetry(t *testing.T) {
	t.Parallel()
	f := newFakeAWS(t, nil, func(n int, w http.ResponseWriter, r *http.Request) { throttle(w) })
	c, err := loadFake(t, f.URL, func(o *Options) { o.MaxAttempts = 3; o.MaxBackoff = 20 * time.Millisecond })
	if err != nil {
		t.Fatal(err)
	}
	_, err = call(context.Background(), c, "access-analyzer:ValidatePolicy", func(ctx context.Context) (any, error) {
		return c.analyzer().ValidatePolicy(ctx, validateInput(t))
	})
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindThrottled || e.Code != "ThrottlingException" || !strings.HasPrefix(e.Error(), "access-analyzer:ValidatePolicy: ") {
		t.Fatalf("err = %#v, want a throttled *Error for the action", err)
	}
	if len(f.attempts) != 3 {
		t.Errorf("%d attempts, want MaxAttempts 3", len(f.attempts))
	}
}

func TestCallTimeout(t *testing.T) {
	t.Parallel()
	f := newFakeAWS(t, nil, func(n int, w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(testwait.Left(t)):
		}
		io.WriteString(w, `{"findings":[]}`)
	})
	c, err := loadFake(t, f.URL, func(o *Options) { o.CallTimeout = 200 * time.Millisecond })
	if err != nil {
		t.Fatal(err)
	}
	// The answer never comes while the test runs: only the timeout can
	// end the call, and the check then names it. (No clock is read: a
	// busy machine makes this slower, never failing.)
	v := &verifier{c: c}
	v.accessAnalyzer(context.Background(), readerPolicy(reader))
	if ch := v.checks[0]; ch.Status != StatusError || !strings.Contains(ch.Message, "timeout") {
		t.Errorf("check = %+v, want an error naming the timeout", ch)
	}
}

func TestLoadErrors(t *testing.T) {
	expired := newFakeAWS(t, func(w http.ResponseWriter) bool {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>r</RequestId></ErrorResponse>`)
		return true
	}, nil)
	if _, err := loadFake(t, expired.URL, nil); !IsKind(err, KindExpired) || !strings.Contains(err.Error(), "sts:GetCallerIdentity") {
		t.Errorf("expired token: %v", err)
	}
	denied := newFakeAWS(t, nil, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Amzn-ErrorType", "AccessDeniedException")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"message":"not authorized"}`)
	})
	c, err := loadFake(t, denied.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := &verifier{c: c}
	v.accessAnalyzer(context.Background(), readerPolicy(reader))
	if ch := v.checks[0]; ch.Status != StatusError || !strings.Contains(ch.Message, "grant access-analyzer:ValidatePolicy") {
		t.Errorf("access denied check = %+v", ch)
	}

	// Nothing listens on a port just closed.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	if _, err := loadFake(t, "http://"+addr, func(o *Options) { o.MaxAttempts = 2; o.MaxBackoff = 10 * time.Millisecond }); !IsKind(err, KindOffline) {
		t.Errorf("unreachable endpoint: %v", err)
	}

	// No credentials anywhere (environment cleared, files empty, no
	// instance metadata).
	isolate(t)
	if _, err := Load(context.Background(), Options{Region: "us-east-1", Endpoint: expired.URL, MaxAttempts: 1}); !IsKind(err, KindNoCredentials) || !strings.Contains(err.Error(), "--profile") {
		t.Errorf("no credentials: %v", err)
	}
	if _, err := Load(context.Background(), Options{Profile: "nosuch", Region: "us-east-1"}); !IsKind(err, KindNoCredentials) || !strings.Contains(err.Error(), `profile "nosuch"`) {
		t.Errorf("missing profile: %v", err)
	}
	if _, err := Load(context.Background(), Options{Credentials: testCreds, Endpoint: expired.URL}); !IsKind(err, KindNoRegion) {
		t.Errorf("no region: %v", err)
	}
}

func TestClassify(t *testing.T) {
	op := func(code string) error {
		return &smithy.OperationError{ServiceID: "KMS", OperationName: "ListKeys", Err: &smithy.GenericAPIError{Code: code, Message: "m"}}
	}
	for _, c := range []struct {
		err  error
		kind Kind
		msg  string
	}{
		{op("AccessDeniedException"), KindAccessDenied, "grant kms:ListKeys"},
		{op("UnauthorizedOperation"), KindAccessDenied, "grant kms:ListKeys"},
		{op("ExpiredTokenException"), KindExpired, "expired"},
		{op("UnrecognizedClientException"), KindNoCredentials, "rejected"},
		{op("ThrottlingException"), KindThrottled, "throttling"},
		{op("RequestLimitExceeded"), KindThrottled, "throttling"},
		{op("NotFoundException"), KindNotFound, "not found"},
		{op("InvalidSubnetID.NotFound"), KindNotFound, "not found"},
		{op("KMSInternalException"), KindService, "KMSInternalException: m"},
		{fmt.Errorf("get identity: %w", &ssocreds.InvalidTokenError{}), KindExpired, "aws sso login"},
		{fmt.Errorf("op: %w", context.DeadlineExceeded), KindTimeout, "timeout"},
		{fmt.Errorf("op: %w", context.Canceled), KindCanceled, "cancelled"},
		{&net.OpError{Op: "dial", Err: errors.New("refused")}, KindOffline, "cannot reach AWS"},
		{&smithy.OperationError{Err: &smithyhttp.RequestSendError{Err: errors.New("proxy said no")}}, KindOffline, "cannot reach AWS"},
		// A page that is not AWS's: the decoder's words never show.
		{&smithy.OperationError{Err: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: 502}},
			Err: &smithy.DeserializationError{Err: errors.New("invalid character '<' looking for beginning of value")}}}, KindService, "not an AWS answer (HTTP 502)"},
	} {
		err := classify(c.err, "kms:ListKeys")
		var e *Error
		if !errors.As(err, &e) || e.Kind != c.kind || !strings.Contains(e.Error(), c.msg) || !strings.HasPrefix(e.Error(), "kms:ListKeys: ") {
			t.Errorf("classify(%v) = %v (%v), want kind %v mentioning %q", c.err, err, e.Kind, c.kind, c.msg)
		}
		if strings.Contains(err.Error(), "invalid character") {
			t.Errorf("classify(%v) shows the decoder's error: %v", c.err, err)
		}
	}
}

func TestDecryptAllowed(t *testing.T) {
	const region = "us-east-1"
	parse := func(doc string) []blueprint.Statement {
		sts, err := blueprint.ParsePolicyJSON([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		return sts
	}
	allow := func(principal, action, cond string) string {
		c := ""
		if cond != "" {
			c = `,"Condition":` + cond
		}
		return `{"Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":"` + action + `","Resource":"*"` + c + `}]}`
	}
	for _, c := range []struct {
		name, policy string
		want         bool
	}{
		{"exact role", allow(`{"AWS":"`+reader+`"}`, "kms:Decrypt", ""), true},
		{"account root", allow(`{"AWS":"arn:aws:iam::210987654321:root"}`, "kms:*", ""), true},
		{"bare account id", allow(`{"AWS":"210987654321"}`, "kms:Decrypt", ""), true},
		{"everyone", allow(`"*"`, "*", ""), true},
		{"other account", allow(`{"AWS":"arn:aws:iam::123456789012:root"}`, "kms:*", ""), false},
		{"wrong action", allow(`{"AWS":"`+reader+`"}`, "kms:Encrypt", ""), false},
		{"via secrets manager", allow(`{"AWS":"`+reader+`"}`, "kms:Decrypt", `{"StringEquals":{"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}`), true},
		{"via wildcard region", allow(`{"AWS":"`+reader+`"}`, "kms:Decrypt", `{"StringLike":{"kms:ViaService":"secretsmanager.*.amazonaws.com"}}`), true},
		{"via another service", allow(`{"AWS":"`+reader+`"}`, "kms:Decrypt", `{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}`), false},
		{"caller account", allow(`"*"`, "kms:Decrypt", `{"StringEquals":{"kms:CallerAccount":"210987654321"}}`), true},
		{"other caller account", allow(`"*"`, "kms:Decrypt", `{"StringEquals":{"kms:CallerAccount":"111111111111"}}`), false},
		{"denied", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"},{"Effect":"Deny","Principal":{"AWS":"` + reader + `"},"Action":"kms:Decrypt","Resource":"*"}]}`, false},
	} {
		if got := decryptAllowed(parse(c.policy), reader, region); got != c.want {
			t.Errorf("%s: decryptAllowed = %v, want %v", c.name, got, c.want)
		}
	}
}

func validateInput(t *testing.T) *accessanalyzer.ValidatePolicyInput {
	doc, err := readerPolicy(reader).DocumentJSON()
	if err != nil {
		t.Fatal(err)
	}
	return &accessanalyzer.ValidatePolicyInput{PolicyDocument: aws.String(string(doc)), PolicyType: aatypes.PolicyTypeResourcePolicy}
}
