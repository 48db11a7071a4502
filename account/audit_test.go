package account

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/motoserver"
)

// auditProxy stands in front of moto: it records every operation asked
// (the recorder that proves no value is read), adds to DescribeSecret's
// answer what moto cannot set without reading a value or running a
// function (rotation dates and rules, version stages, last access), and
// can throttle or slow the answers.
type auditProxy struct {
	*httptest.Server
	mu    sync.Mutex
	ops   map[string]int
	patch map[string]map[string]any // by secret name
	// throttle answers the first n Secrets Manager calls with a
	// ThrottlingException.
	throttle atomic.Int64
	delay    time.Duration
	// deny answers every call signed for this region AccessDenied.
	deny string
}

func newAuditProxy(t testing.TB, moto string) *auditProxy {
	u, _ := url.Parse(moto)
	rp := httputil.NewSingleHostReverseProxy(u)
	p := &auditProxy{ops: map[string]int{}, patch: map[string]map[string]any{}}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := r.Header.Get("X-Amz-Target")
		op := target[strings.LastIndexByte(target, '.')+1:]
		switch {
		case op == "" && strings.HasSuffix(r.URL.Path, "/configuration"):
			op = "GetFunctionConfiguration"
		case op == "":
			op = r.Method + " " + r.URL.Path
		}
		p.mu.Lock()
		p.ops[op]++
		p.mu.Unlock()
		if p.delay > 0 {
			time.Sleep(p.delay)
		}
		if p.deny != "" && strings.Contains(r.Header.Get("Authorization"), "/"+p.deny+"/") {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"__type":"AccessDeniedException","message":"not in this region"}`)
			return
		}
		if strings.HasPrefix(target, "secretsmanager.") && p.throttle.Add(-1) >= 0 {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"__type":"ThrottlingException","message":"Rate exceeded"}`)
			return
		}
		if target != "secretsmanager.DescribeSecret" {
			rp.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		rp.ServeHTTP(rec, r)
		var out map[string]any
		body := rec.Body.Bytes()
		if rec.Code == http.StatusOK && json.Unmarshal(body, &out) == nil {
			p.mu.Lock()
			for k, v := range p.patch[out["Name"].(string)] {
				out[k] = v
			}
			p.mu.Unlock()
			body, _ = json.Marshal(out)
		}
		for k, vs := range rec.Header() {
			if k != "Content-Length" {
				w.Header()[k] = vs
			}
		}
		w.WriteHeader(rec.Code)
		w.Write(body)
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *auditProxy) count(op string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ops[op]
}

var auditNow = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func epoch(t time.Time) float64 { return float64(t.Unix()) }

func daysAgo(n int) float64 { return epoch(auditNow.Add(-time.Duration(n) * 24 * time.Hour)) }

// seedAudit creates secrets that each break one account rule, and one that
// breaks none of them, and returns the rule each name should fail.
func seedAudit(t *testing.T, c *Client, p *auditProxy) map[string]blueprint.RuleID {
	t.Helper()
	cx := context.Background()
	key := must[*kms.CreateKeyOutput](t, "key")(c.kms("us-east-1").CreateKey(cx, &kms.CreateKeyInput{}))
	keyARN := *key.KeyMetadata.Arn
	function := newFunction(t, c)
	fresh := function("rotate-fresh", lambdatypes.RuntimePython312)
	old := function("rotate-old", lambdatypes.RuntimePython38)

	// A trail that logs management events, and a rule that hears every
	// Secrets Manager event.
	// The trail's bucket, made with moto's path-style S3 (no S3 client
	// here for one call).
	req, _ := http.NewRequest(http.MethodPut, p.URL+"/trail-bucket", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("create the trail's bucket: %v %v", err, resp)
	}
	ct := cloudtrail.NewFromConfig(c.cfg, func(o *cloudtrail.Options) { c.endpoint("cloudtrail", &o.BaseEndpoint) })
	must[*cloudtrail.CreateTrailOutput](t, "trail")(ct.CreateTrail(cx, &cloudtrail.CreateTrailInput{Name: aws.String("org"), S3BucketName: aws.String("trail-bucket"), IsMultiRegionTrail: aws.Bool(true)}))
	must[*cloudtrail.StartLoggingOutput](t, "logging")(ct.StartLogging(cx, &cloudtrail.StartLoggingInput{Name: aws.String("org")}))
	eb := eventbridge.NewFromConfig(c.cfg)
	must[*eventbridge.PutRuleOutput](t, "rule")(eb.PutRule(cx, &eventbridge.PutRuleInput{Name: aws.String("secrets"),
		EventPattern: aws.String(`{"source":["aws.secretsmanager"]}`)}))
	must[*eventbridge.PutTargetsOutput](t, "target")(eb.PutTargets(cx, &eventbridge.PutTargetsInput{Rule: aws.String("secrets"),
		Targets: []ebtypes.Target{{Id: aws.String("sns"), Arn: aws.String("arn:aws:sns:us-east-1:123456789012:secrets-alerts")}}}))

	sm := c.secrets()
	rotating := func(fn string, lastRotated float64) map[string]any {
		return map[string]any{"RotationEnabled": true, "RotationLambdaARN": fn, "RotationRules": map[string]any{"AutomaticallyAfterDays": 30},
			"LastRotatedDate": lastRotated, "LastAccessedDate": daysAgo(1), "CreatedDate": daysAgo(400)}
	}
	want := map[string]blueprint.RuleID{}
	add := func(name string, fails blueprint.RuleID, patch map[string]any) {
		must[*secretsmanager.CreateSecretOutput](t, name)(sm.CreateSecret(cx, &secretsmanager.CreateSecretInput{Name: aws.String(name),
			KmsKeyId: aws.String(keyARN), Tags: []smtypes.Tag{{Key: aws.String("owner"), Value: aws.String("payments")}}}))
		p.patch[name] = patch
		want[name] = fails
	}
	add("good", "", rotating(fresh, daysAgo(3)))
	add("overdue", blueprint.RuleRotationOnSchedule, rotating(fresh, daysAgo(45)))
	never := rotating(fresh, 0)
	delete(never, "LastRotatedDate")
	add("never-rotated", blueprint.RuleRotationOnSchedule, never)
	stuck := rotating(fresh, daysAgo(3))
	stuck["VersionIdsToStages"] = map[string]any{"v1": []string{"AWSCURRENT"}, "v2": []string{"AWSPENDING"}}
	add("stuck", blueprint.RuleRotationNotStuck, stuck)
	add("old-runtime", blueprint.RuleRotationRuntime, rotating(old, daysAgo(3)))
	unused := rotating(fresh, daysAgo(3))
	unused["LastAccessedDate"] = daysAgo(120)
	add("unused", blueprint.RuleSecretInUse, unused)
	neverRead := rotating(fresh, daysAgo(3))
	delete(neverRead, "LastAccessedDate")
	add("never-read", blueprint.RuleSecretInUse, neverRead)
	notRotating := rotating(fresh, daysAgo(3))
	notRotating["RotationEnabled"] = false
	delete(notRotating, "RotationLambdaARN")
	delete(notRotating, "RotationRules")
	add("not-rotating", blueprint.RuleRotationEnabled, notRotating)
	weekly := rotating(fresh, daysAgo(10))
	weekly["RotationRules"] = map[string]any{"ScheduleExpression": "rate(7 days)"}
	add("weekly-late", blueprint.RuleRotationOnSchedule, weekly)
	return want
}

func loadAudit(t *testing.T, extra func(*Options)) (*Client, *auditProxy) {
	t.Helper()
	moto := motoserver.Shared(t)
	p := newAuditProxy(t, moto)
	return loadMoto(t, p.URL, extra), p
}

// TestAuditMoto audits a moto account of secrets that each break one
// account rule, and one that breaks none: each is reported with the rule
// it breaks, the good one with none of them; no call reads a value; the
// text, JSON and SARIF reports say the same.
func TestAuditMoto(t *testing.T) {
	c, p := loadAudit(t, nil)
	want := seedAudit(t, c, p)
	var progress atomic.Int64
	rep, err := c.Audit(context.Background(), AuditOptions{Now: auditNow, Progress: func(done, total int) { progress.Store(int64(done*1000 + total)) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Secrets) != len(want) {
		t.Fatalf("audited %d secrets, want %d", len(rep.Secrets), len(want))
	}
	if progress.Load() != int64(len(want)*1000+len(want)) {
		t.Errorf("last progress = %d", progress.Load())
	}
	accountRules := map[blueprint.RuleID]bool{}
	for _, r := range blueprint.DeployedRules {
		accountRules[r.ID] = true
	}
	accountRules[blueprint.RuleRotationEnabled] = true
	for _, s := range rep.Secrets {
		var failed []string
		for _, r := range s.Results {
			if r.Status == blueprint.StatusNotMet && accountRules[r.Rule.ID] {
				failed = append(failed, string(r.Rule.ID))
			}
		}
		w := want[s.Name]
		switch {
		case w == "" && len(failed) > 0:
			t.Errorf("%s fails %v, want no account rule", s.Name, failed)
		case w != "" && (len(failed) != 1 || failed[0] != string(w)):
			t.Errorf("%s fails %v, want only %s", s.Name, failed, w)
		}
		if len(s.Notices) > 0 {
			t.Errorf("%s: notices %v", s.Name, s.Notices)
		}
	}
	for _, op := range []string{"Get" + "SecretValue", "BatchGet" + "SecretValue"} {
		if n := p.count(op); n > 0 {
			t.Errorf("%s was called %d times", op, n)
		}
	}
	if n := p.count("DescribeSecret"); n != len(want) {
		t.Errorf("DescribeSecret called %d times for %d secrets", n, len(want))
	}
	if n := p.count("GetFunctionConfiguration"); n != 2 {
		t.Errorf("GetFunctionConfiguration called %d times, want once per function (2)", n)
	}
	if rep.Calls["secretsmanager:DescribeSecret"] != len(want) {
		t.Errorf("calls = %v", rep.Calls)
	}

	// What the reports print (workflow/report tests how): the failed
	// rules and their findings, in the account's words.
	var said strings.Builder
	for _, s := range rep.Secrets {
		for _, x := range s.Results {
			if x.Status != blueprint.StatusNotMet {
				continue
			}
			said.WriteString(string(x.Rule.ID) + "\n")
			for _, f := range x.Findings {
				said.WriteString(f.Message + "\n")
			}
		}
	}
	for _, s := range []string{"rotation-not-stuck", "version v2 is labelled AWSPENDING but not AWSCURRENT", "python3.8, which Lambda deprecated on 2024-10-14",
		"never read since it was created on"} {
		if !strings.Contains(said.String(), s) {
			t.Errorf("the failed results lack %q:\n%s", s, said.String())
		}
	}
	if !rep.Fails(false) {
		t.Error("an audit with failed error rules does not fail")
	}
}

// TestAuditThrottledAndSlow: throttled calls are retried by the adaptive
// retryer and every secret is still read; a slow endpoint is read with
// calls in flight side by side, not one by one.
func TestAuditThrottledAndSlow(t *testing.T) {
	c, p := loadAudit(t, func(o *Options) { o.MaxBackoff = 50 * time.Millisecond })
	want := seedAudit(t, c, p)
	p.throttle.Store(3)
	rep, err := c.Audit(context.Background(), AuditOptions{Now: auditNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rep.Secrets {
		if len(s.Notices) > 0 {
			t.Errorf("%s: %v", s.Name, s.Notices)
		}
	}
	if len(rep.Secrets) != len(want) {
		t.Fatalf("%d secrets", len(rep.Secrets))
	}
	p.delay = 100 * time.Millisecond
	start := time.Now()
	rep, err = c.Audit(context.Background(), AuditOptions{Now: auditNow, Concurrency: 8})
	took := time.Since(start)
	if err != nil || len(rep.Secrets) != len(want) {
		t.Fatalf("slow audit: %v, %d secrets", err, len(rep.Secrets))
	}
	// About 3 calls per secret at 100ms each would take 2.7s one by one.
	if took > 2*time.Second {
		t.Errorf("the slow audit took %v: calls did not overlap", took)
	}
}

// TestAuditRegionFailureIsANotice: a region that cannot be read is a
// notice and the others are audited.
func TestAuditRegionFailureIsANotice(t *testing.T) {
	c, p := loadAudit(t, nil)
	want := seedAudit(t, c, p)
	p.deny = "eu-north-1"
	rep, err := c.Audit(context.Background(), AuditOptions{Now: auditNow, Regions: []string{"us-east-1", "eu-north-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Secrets) != len(want) {
		t.Errorf("audited %d secrets of us-east-1, want %d", len(rep.Secrets), len(want))
	}
	if len(rep.Notices) != 1 || !strings.Contains(rep.Notices[0], "region eu-north-1 not audited: access denied") {
		t.Errorf("notices = %q", rep.Notices)
	}
	if !rep.Fails(true) {
		t.Error("--strict does not fail on a region not read")
	}
}
