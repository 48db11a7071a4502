package tui

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
)

// isolateAWS clears the AWS configuration a developer's machine would
// lend the test: no profile, no keys, empty files, no instance metadata.
func isolateAWS(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
		"AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_CA_BUNDLE"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_CONFIG_FILE", dir+"/config")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", dir+"/credentials")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// stsServer answers GetCallerIdentity, or rejects the credentials.
func stsServer(t *testing.T, reject bool) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/xml")
		if reject {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>`)
			return
		}
		if !strings.Contains(r.Header.Get("Content-Type"), "x-www-form-urlencoded") {
			// Anything but STS: the account's other services answer with
			// a page no AWS client can read.
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, "<html>bad gateway</html>")
			return
		}
		io.WriteString(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>`+
			`<Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>`+
			`</GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`)
	}))
	t.Cleanup(s.Close)
	return s
}

// blackHole accepts connections and never answers.
func blackHole(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		l.Close()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + l.Addr().String()
}

// offlineCause is one way --aws fails: the connection the wizard gets, as
// the CLI builds it (account.Load's own result, a nil *Client included),
// and what the screen must then say.
type offlineCause struct {
	name    string
	connect func(t *testing.T) ConnectFunc
	// say is shown under every picker field and in the review.
	say string
}

func loadWith(opts account.Options) ConnectFunc {
	opts.Region, opts.MaxAttempts, opts.MaxBackoff = "eu-west-1", 1, time.Millisecond
	if opts.CallTimeout == 0 {
		// Only the black hole is meant to time out. The other causes
		// answer at once, but on a loaded machine a local server can
		// take longer than a short timeout, and the wizard then rightly
		// says "no answer" instead of the cause the test expects.
		opts.CallTimeout = time.Minute
	}
	return func(ctx context.Context) (account.Account, error) {
		// Deliberately the typed form: Load returns a nil *Client with
		// its error, which the wizard must not take for an account.
		return account.Load(ctx, opts)
	}
}

var offlineCauses = []offlineCause{
	{"no credentials", func(t *testing.T) ConnectFunc {
		return loadWith(account.Options{Endpoint: stsServer(t, false).URL})
	}, "no AWS credentials were found"},
	{"unknown profile", func(t *testing.T) ConnectFunc {
		return loadWith(account.Options{Profile: "nosuch", Endpoint: stsServer(t, false).URL})
	}, `profile "nosuch" is not in the AWS config`},
	{"rejected credentials", func(t *testing.T) ConnectFunc {
		return loadWith(account.Options{Endpoint: stsServer(t, true).URL, Credentials: staticCreds})
	}, "the credentials were rejected (InvalidClientTokenId)"},
	{"black-hole endpoint", func(t *testing.T) ConnectFunc {
		// The black hole never answers, so however long the timeout and
		// however slow the machine, each call ends in it; the test
		// waits for it some 30 times, so it is short.
		return loadWith(account.Options{Endpoint: blackHole(t), Credentials: staticCreds, CallTimeout: 20 * time.Millisecond})
	}, "no answer within the call's timeout"},
	{"endpoint dying mid-session", func(t *testing.T) ConnectFunc {
		return func(ctx context.Context) (account.Account, error) {
			// Each connection finds the endpoint, which then stops:
			// every call after it finds nobody.
			s := stsServer(t, false)
			a, err := loadWith(account.Options{Endpoint: s.URL, Credentials: staticCreds})(ctx)
			s.Close()
			return a, err
		}
	}, "cannot reach AWS"},
}

var staticCreds = credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")

// pickerPaths are the fields that draw from the account, by path with
// indexes as N: every one of them must be visited.
var pickerPaths = []string{
	"secret.existingSecretArn", "secret.kmsKeyArn", "secret.replicaRegions[N].kmsKeyArn",
	hosted + ".rotationType", "secret.database.host", "secret.database.targetId", hosted + ".kmsKeyArn",
	hosted + ".masterSecretArn", hosted + ".masterSecretKmsKeyArn", hosted + ".vpcSubnetIds", hosted + ".vpcSecurityGroupIds",
	"aws:SourceVpce", "aws:SourceVpc",
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// visitPickerFields brings every picker field on screen, in designs that
// together show all of them, and calls visit with each focused.
func visitPickerFields(t *testing.T, connect ConnectFunc, visit func(m *Model, f field)) []string {
	t.Helper()
	var seen []string
	setups := []func(m *Model){
		func(m *Model) {
			m.mode["kms"] = "existing"
			m.d.Secret.ReplicaRegions = []blueprint.Replica{{Region: "us-east-1"}}
			m.d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{Sid: "Read", Effect: "Allow",
				Principal: &blueprint.Principal{AWS: []string{readerRole}}, Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"},
				Condition: []blueprint.Condition{{Operator: "StringEquals", Key: "aws:SourceVpce"}, {Operator: "StringEquals", Key: "aws:SourceVpc"}}}}}
			if h := m.d.Rotation.HostedRotationLambda; h != nil {
				h.RotationType = "PostgreSQLMultiUser"
			}
		},
		func(m *Model) { m.mode["database"] = "target" },
		func(m *Model) { m.setStart("existing") },
	}
	for _, setup := range setups {
		m := awsModel(t, connect)
		runCmds(t, m, m.Init())
		setup(m)
		m.refresh()
		for _, s := range m.steps() {
			if s == stepDone || s == stepReview {
				continue
			}
			m.gotoStep(s)
			stmts := []int{-1}
			if s == stepPolicy {
				stmts = nil
				for i := range m.statements() {
					stmts = append(stmts, i)
				}
			}
			for _, st := range stmts {
				if st >= 0 {
					m.stmt = st
				}
				for _, f := range m.fields() {
					if _, ok := m.pickerFor(f); !ok || f.kind != kindText && f.path != hosted+".rotationType" {
						continue
					}
					m.focusID(f.id)
					send(t, m, nil)
					name := indexRE.ReplaceAllString(f.path, "[N]")
					if p, _ := m.pickerFor(f); p.kind == pickEndpoints {
						name = "aws:SourceVpce"
					} else if p.kind == pickVPCs {
						name = "aws:SourceVpc"
					}
					if !slices.Contains(seen, name) {
						seen = append(seen, name)
					}
					visit(m, f)
				}
			}
		}
	}
	return seen
}

// TestOfflineEveryPickerEveryCause: with --aws and the account out of
// reach in each way it can be, focusing every picker field, typing in it,
// completing and asking to list again neither panics nor leaves the
// field without the reason; the header and the review say it too.
func TestOfflineEveryPickerEveryCause(t *testing.T) {
	isolateAWS(t)
	for _, cause := range offlineCauses {
		t.Run(cause.name, func(t *testing.T) {
			connect := cause.connect(t)
			seen := visitPickerFields(t, connect, func(m *Model, f field) {
				typeText(t, m, "a")
				press(t, m, "right")
				send(t, m, tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
				s := screen(m)
				if !strings.Contains(leftColumn(s), cause.say) {
					t.Errorf("%s focused: the reason %q is not shown:\n%s", f.path, cause.say, s)
				}
				if cause.name != "endpoint dying mid-session" {
					contains(t, strings.SplitN(s, "\n", 2)[0], "AWS offline (ctrl+l retries)")
				}
			})
			for _, p := range pickerPaths {
				if !slices.Contains(seen, p) {
					t.Errorf("picker field %s was never visited (visited %v)", p, seen)
				}
			}
			m := awsModel(t, connect)
			runCmds(t, m, m.Init())
			m.gotoStep(stepReview)
			send(t, m, nil)
			s := leftColumn(screen(m))
			if !strings.Contains(s, cause.say) {
				t.Errorf("the review does not say %q:\n%s", cause.say, screen(m))
			}
			if strings.Contains(s, "invalid character") {
				t.Errorf("the review shows a raw decoder error:\n%s", screen(m))
			}
		})
	}
}

// leftColumn is the form's column of a screen, its lines joined by single
// spaces, so a reason wrapped over lines reads as one.
func leftColumn(s string) string {
	var b []string
	for _, l := range strings.Split(s, "\n") {
		l, _, _ = strings.Cut(l, "│")
		b = append(b, strings.Fields(l)...)
	}
	return strings.Join(b, " ")
}

// TestPickersOfferOnlyValuesTheFieldTakes: every value a picker offers,
// on every picker field, validates at that field (the master secret's key
// picker offered aliases, which the field rejects).
func TestPickersOfferOnlyValuesTheFieldTakes(t *testing.T) {
	f := pickerAccount()
	connect := func(context.Context) (account.Account, error) { return f, nil }
	offered := 0
	visitPickerFields(t, connect, func(m *Model, fd field) {
		var vals []string
		for _, g := range m.fields() {
			if g.id == fd.id {
				vals = g.suggest
			}
		}
		save := m.d.Clone()
		for _, v := range vals {
			for _, g := range m.fields() {
				if g.id == fd.id && g.set != nil {
					g.set(v)
				}
			}
			for _, p := range m.d.Validate().Errors() {
				if p.Path == fd.path {
					t.Errorf("%s offers %q, which it rejects: %s", fd.path, v, p.Message)
				}
			}
			*m.d = *save.Clone()
			offered++
		}
	})
	if offered == 0 {
		t.Fatal("no picker offered anything")
	}
}

// TestCompletionMatchesAnywhere: a picker completes a value that holds
// what is typed anywhere, not only at its start.
func TestCompletionMatchesAnywhere(t *testing.T) {
	f := pickerAccount()
	f.keys[""][0].Aliases = []string{"alias/payments-secrets"}
	m := connected(t, f)
	m.gotoStep(stepEncryption)
	m.mode["kms"] = "existing"
	m.d.Secret.KMSKeyARN = ""
	m.refresh()
	m.focusID("secret.kmsKeyArn")
	press(t, m, "ctrl+u")
	typeText(t, m, "Pay")
	contains(t, screen(m), "→ completes alias/payments-secrets")
	press(t, m, "right")
	if got := m.d.Secret.KMSKeyARN; got != "alias/payments-secrets" {
		t.Fatalf("kmsKeyArn = %q, want alias/payments-secrets", got)
	}
	// The secrets picker finds a secret by a part of its name.
	m.gotoStep(stepStart)
	m.setStart("existing")
	m.refresh()
	m.focusID("secret.existingSecretArn")
	press(t, m, "ctrl+u")
	typeText(t, m, "orders")
	press(t, m, "right")
	if m.d.Secret.ExistingSecretARN != existingARN {
		t.Fatalf("existingSecretArn = %q", m.d.Secret.ExistingSecretARN)
	}
}

// TestSubnetsPickTheirVPCsEndpoint: subnets picked from a VPC that has a
// Secrets Manager endpoint with private DNS default to that endpoint, named
// by its id (so a Deny outside listed endpoints is decided for rotation);
// from one without, to an endpoint secretsmith creates in the VPC.
func TestSubnetsPickTheirVPCsEndpoint(t *testing.T) {
	for _, c := range []struct {
		subnets             []string
		vpc, cidr, endpoint string
	}{
		{[]string{"subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"}, "", "", "vpce-0aaaaaaaaaaaaaaaa"},
		// The VPC's CIDR comes from the account (DescribeVpcs) too.
		{[]string{"subnet-0bbbbbbbbbbbbbbb1"}, "vpc-0bbbbbbbbbbbbbbbb", "10.2.0.0/16", ""},
	} {
		m := connected(t, pickerAccount())
		m.gotoStep(stepRotation)
		h := m.d.Rotation.HostedRotationLambda
		h.VPCSubnetIDs, h.VPCID, h.VPCCIDR, h.Endpoint = nil, "", "", ""
		m.refresh()
		m.focusID(hosted + ".vpcSubnetIds")
		send(t, m, nil)
		h.VPCSubnetIDs = c.subnets
		m.refresh()
		send(t, m, nil)
		if h.VPCID != c.vpc || h.VPCCIDR != c.cidr || h.Endpoint != c.endpoint {
			t.Errorf("subnets %v: vpcId %q, vpcCidr %q, endpoint %q; want %q, %q, %q", c.subnets, h.VPCID, h.VPCCIDR, h.Endpoint, c.vpc, c.cidr, c.endpoint)
		}
	}
}
