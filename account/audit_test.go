package account

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/motoserver"
	"github.com/secretsmith/secretsmith/internal/testwait"
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
	// overlap, once holdForOverlap set it, is closed when two
	// DescribeSecret calls are in flight at once; until then each one is
	// held (to the test's deadline at most), so calls made together are
	// seen together however slow the machine is.
	overlap     chan struct{}
	overlapOnce sync.Once
	giveUp      context.Context
	describing  atomic.Int64
	// deny answers every call signed for this region AccessDenied.
	deny string
	// analyzer is the Access Analyzer stand-in the audit's client uses.
	analyzer *findingsServer
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
		if p.overlap != nil && target == "secretsmanager.DescribeSecret" {
			if p.describing.Add(1) >= 2 {
				p.overlapOnce.Do(func() { close(p.overlap) })
			}
			// A call its client gave up on is no longer in flight (its
			// retry would otherwise meet it here).
			select {
			case <-p.overlap:
			case <-p.giveUp.Done():
			case <-r.Context().Done():
			}
			p.describing.Add(-1)
		}
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

// seedAudit creates secrets that each break exactly one audit rule, and
// one that breaks none, and returns the rule each name should fail ("" for
// none).
func seedAudit(t *testing.T, c *Client, p *auditProxy) map[string]blueprint.RuleID {
	t.Helper()
	cx := context.Background()
	// Every key rotates, but the one "key-not-rotating" uses.
	newKey := func(what string, in *kms.CreateKeyInput, rotates bool) *string {
		k := must[*kms.CreateKeyOutput](t, what)(c.kms("us-east-1").CreateKey(cx, in)).KeyMetadata.Arn
		if rotates {
			must[*kms.EnableKeyRotationOutput](t, what+" rotation")(c.kms("us-east-1").EnableKeyRotation(cx, &kms.EnableKeyRotationInput{KeyId: k}))
		}
		return k
	}
	keyARN := *newKey("key", &kms.CreateKeyInput{}, true)
	function := newFunction(t, c)
	fresh := function("rotate-fresh", lambdatypes.RuntimePython312)
	old := function("rotate-old", lambdatypes.RuntimePython38)
	// Functions in VPCs: one with the VPC's endpoint for Secrets Manager,
	// one whose subnets route through a NAT gateway, and one whose
	// subnets have only an internet gateway, which gives a function no
	// way out.
	net := seedNetworks(t, c)
	throughEndpoint := function("rotate-endpoint", lambdatypes.RuntimePython312, net.endpointSubnets...)
	throughNAT := function("rotate-nat", lambdatypes.RuntimePython312, net.natSubnets...)
	noWayOut := function("rotate-no-way-out", lambdatypes.RuntimePython312, net.igwSubnets...)

	// A trail that logs management events.
	// The trail's bucket, made with moto's path-style S3 (no S3 client
	// here for one call).
	req, _ := http.NewRequest(http.MethodPut, p.URL+"/trail-bucket", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("create the trail's bucket: %v %v", err, resp)
	}
	ct := cloudtrail.NewFromConfig(c.cfg, func(o *cloudtrail.Options) { c.endpoint("cloudtrail", &o.BaseEndpoint) })
	must[*cloudtrail.CreateTrailOutput](t, "trail")(ct.CreateTrail(cx, &cloudtrail.CreateTrailInput{Name: aws.String("org"), S3BucketName: aws.String("trail-bucket"), IsMultiRegionTrail: aws.Bool(true)}))
	must[*cloudtrail.StartLoggingOutput](t, "logging")(ct.StartLogging(cx, &cloudtrail.StartLoggingInput{Name: aws.String("org")}))

	sm := c.secrets()
	rotating := func(fn string, lastRotated float64) map[string]any {
		return map[string]any{"RotationEnabled": true, "RotationLambdaARN": fn, "RotationRules": map[string]any{"AutomaticallyAfterDays": 30},
			"LastRotatedDate": lastRotated, "LastAccessedDate": daysAgo(1), "CreatedDate": daysAgo(400)}
	}
	want := map[string]blueprint.RuleID{}
	arns := map[string]string{}
	type secret struct {
		fails       blueprint.RuleID
		patch       map[string]any
		in          *secretsmanager.CreateSecretInput
		policy      string
		noFailAlert bool
		noChange    bool
		// external are Access Analyzer's active findings on it: "public"
		// or an account id.
		external []string
	}
	create := func(name string, s secret) {
		in := &secretsmanager.CreateSecretInput{KmsKeyId: aws.String(keyARN), Tags: []smtypes.Tag{{Key: aws.String("owner"), Value: aws.String("payments")}}}
		if s.in != nil {
			in = s.in
		}
		in.Name = aws.String(name)
		out := must[*secretsmanager.CreateSecretOutput](t, name)(sm.CreateSecret(cx, in))
		if s.policy != "" {
			must[*secretsmanager.PutResourcePolicyOutput](t, name+" policy")(sm.PutResourcePolicy(cx, &secretsmanager.PutResourcePolicyInput{
				SecretId: out.ARN, ResourcePolicy: aws.String(s.policy)}))
		}
		if s.patch == nil {
			s.patch = rotating(fresh, daysAgo(3))
		}
		p.patch[name] = s.patch
		want[name] = s.fails
		if !s.noFailAlert {
			arns["failure "+name] = *out.ARN
		}
		if !s.noChange {
			arns["change "+name] = *out.ARN
		}
		for i, who := range s.external {
			p.analyzer.finding(fmt.Sprintf("%s-%d", name, i), *out.ARN, "ACTIVE", who == "public", map[string]string{"AWS": cmp.Or(map[bool]string{true: "*"}[who == "public"], who)})
		}
		// An archived finding is no longer a concern.
		p.analyzer.finding("archived-"+name, *out.ARN, "ARCHIVED", false, map[string]string{"AWS": "999988887777"})
	}
	with := func(f func(map[string]any)) map[string]any {
		m := rotating(fresh, daysAgo(3))
		f(m)
		return m
	}
	policy := func(statements string) string {
		return `{"Version":"2012-10-17","Statement":[` + statements + `]}`
	}
	const reader = `{"Sid":"App","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}`

	create("good", secret{})
	create("good-through-the-endpoint", secret{patch: rotating(throughEndpoint, daysAgo(3)), policy: policy(reader +
		`,{"Sid":"OnlyThroughTheEndpoint","Effect":"Deny","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*",` +
		`"Condition":{"StringNotEquals":{"aws:SourceVpce":"` + net.endpoint + `"},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/admin"}}}`)})
	create("good-through-nat", secret{patch: rotating(throughNAT, daysAgo(3))})
	create("no-way-out", secret{fails: blueprint.RuleRotationReachesSecretsManager, patch: rotating(noWayOut, daysAgo(3))})
	create("good-with-policy", secret{policy: policy(reader)})
	create("overdue", secret{fails: blueprint.RuleRotationOnSchedule, patch: rotating(fresh, daysAgo(45))})
	create("never-rotated", secret{fails: blueprint.RuleRotationOnSchedule, patch: with(func(m map[string]any) { delete(m, "LastRotatedDate") })})
	create("weekly-late", secret{fails: blueprint.RuleRotationOnSchedule, patch: with(func(m map[string]any) {
		m["LastRotatedDate"] = daysAgo(10)
		m["RotationRules"] = map[string]any{"ScheduleExpression": "rate(7 days)"}
	})})
	create("stuck", secret{fails: blueprint.RuleRotationNotStuck, patch: with(func(m map[string]any) {
		m["VersionIdsToStages"] = map[string]any{"v1": []string{"AWSCURRENT"}, "v2": []string{"AWSPENDING"}}
	})})
	create("old-runtime", secret{fails: blueprint.RuleRotationRuntime, patch: rotating(old, daysAgo(3))})
	create("unused", secret{fails: blueprint.RuleSecretInUse, patch: with(func(m map[string]any) { m["LastAccessedDate"] = daysAgo(120) })})
	create("never-read", secret{fails: blueprint.RuleSecretInUse, patch: with(func(m map[string]any) { delete(m, "LastAccessedDate") })})
	create("not-rotating", secret{fails: blueprint.RuleRotationEnabled, patch: with(func(m map[string]any) {
		m["RotationEnabled"] = false
		delete(m, "RotationLambdaARN")
		delete(m, "RotationRules")
	})})
	create("quarterly", secret{fails: blueprint.RuleRotationWithin30Days, patch: with(func(m map[string]any) {
		m["RotationRules"] = map[string]any{"AutomaticallyAfterDays": 90}
	})})
	create("aws-managed-key", secret{fails: blueprint.RuleCustomerManagedKey, in: &secretsmanager.CreateSecretInput{
		Tags: []smtypes.Tag{{Key: aws.String("owner"), Value: aws.String("payments")}}}})
	create("key-not-rotating", secret{fails: blueprint.RuleKeyRotationEnabled, in: &secretsmanager.CreateSecretInput{
		KmsKeyId: newKey("still key", &kms.CreateKeyInput{}, false), Tags: []smtypes.Tag{{Key: aws.String("owner"), Value: aws.String("payments")}}}})
	create("untagged", secret{fails: blueprint.RuleTagsPresent, in: &secretsmanager.CreateSecretInput{KmsKeyId: aws.String(keyARN)}})
	create("no-failure-alert", secret{fails: blueprint.RuleRotationFailureAlert, noFailAlert: true})
	create("no-change-alert", secret{fails: blueprint.RuleChangeAlert, noChange: true})
	create("value-in-description", secret{fails: blueprint.RuleNoSecretInMetadata, in: &secretsmanager.CreateSecretInput{KmsKeyId: aws.String(keyARN),
		Description: aws.String("password=Tr0ub4dor&3xkcd"), Tags: []smtypes.Tag{{Key: aws.String("owner"), Value: aws.String("payments")}}}})
	// A public secret with a key that lets anyone decrypt through Secrets
	// Manager: only the public principal is wrong.
	openKey := newKey("open key", &kms.CreateKeyInput{Policy: aws.String(policy(
		`{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},` +
			`{"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}}`))}, true)
	create("public", secret{external: []string{"public"}, fails: blueprint.RuleNoPublicPrincipal, in: &secretsmanager.CreateSecretInput{KmsKeyId: openKey,
		Tags: []smtypes.Tag{{Key: aws.String("owner"), Value: aws.String("payments")}}},
		policy: policy(`{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}`)})
	// Shared with two other accounts, through the key that lets anyone
	// decrypt: Access Analyzer reports it, and no rule fails for it.
	create("shared", secret{external: []string{"444455556666", "777788889999"}, in: &secretsmanager.CreateSecretInput{KmsKeyId: openKey,
		Tags: []smtypes.Tag{{Key: aws.String("owner"), Value: aws.String("payments")}}}, policy: policy(
		`{"Sid":"Partners","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:root","arn:aws:iam::777788889999:root"]},"Action":"secretsmanager:GetSecretValue","Resource":"*"}`)})
	// A key whose policy leaves the reader's account out.
	closedKey := newKey("closed key", &kms.CreateKeyInput{Policy: aws.String(policy(
		`{"Sid":"Admin","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/admin"},"Action":"kms:*","Resource":"*"}`))}, true)
	create("reader-cannot-decrypt", secret{fails: blueprint.RuleGivenKeyReaders, in: &secretsmanager.CreateSecretInput{KmsKeyId: closedKey,
		Tags: []smtypes.Tag{{Key: aws.String("owner"), Value: aws.String("payments")}}}, policy: policy(reader)})
	create("blocks-rotation", secret{fails: blueprint.RuleRotationNotBlocked, policy: policy(reader +
		`,{"Sid":"OnlyThroughTheEndpoint","Effect":"Deny","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*",` +
		`"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0123456789abcdef0"},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/admin"}}}`)})
	create("wildcard-actions", secret{fails: blueprint.RuleNoWildcardActions, policy: policy(`{"Sid":"App","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"secretsmanager:*","Resource":"*"}`)})
	// The account's organization is not the one the Deny spares, so the
	// rotation function (of this account) is refused.
	orgs := organizations.NewFromConfig(c.cfg, func(o *organizations.Options) { c.endpoint("organizations", &o.BaseEndpoint) })
	must[*organizations.CreateOrganizationOutput](t, "organization")(orgs.CreateOrganization(cx, &organizations.CreateOrganizationInput{}))
	create("another-organization", secret{fails: blueprint.RuleRotationNotBlocked, policy: policy(
		`{"Sid":"OnlyTheOrganization","Effect":"Deny","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*",` +
			`"Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-zzzzzzzzzz"}}}`)})
	create("locked-out", secret{fails: blueprint.RuleNoLockout, policy: policy(reader + `,{"Sid":"NoOne","Effect":"Deny","Principal":"*","Action":["secretsmanager:DeleteSecret","secretsmanager:PutResourcePolicy"],"Resource":"*"}`)})

	// Alerts: one rule hears the failures of every secret but one, another
	// the changes of every secret but another, by ARN.
	var failing, changing []string
	for k, arn := range arns {
		if strings.HasPrefix(k, "failure ") {
			failing = append(failing, arn)
		} else {
			changing = append(changing, arn)
		}
	}
	eb := eventbridge.NewFromConfig(c.cfg)
	rule := func(name string, pattern map[string]any) {
		doc, _ := json.Marshal(pattern)
		must[*eventbridge.PutRuleOutput](t, "rule")(eb.PutRule(cx, &eventbridge.PutRuleInput{Name: aws.String(name), EventPattern: aws.String(string(doc))}))
		must[*eventbridge.PutTargetsOutput](t, "target")(eb.PutTargets(cx, &eventbridge.PutTargetsInput{Rule: aws.String(name),
			Targets: []ebtypes.Target{{Id: aws.String("sns"), Arn: aws.String("arn:aws:sns:us-east-1:123456789012:secrets-alerts")}}}))
	}
	rule("rotation-failures", map[string]any{"source": []string{"aws.secretsmanager"},
		"detail": map[string]any{"eventName": []string{"RotationFailed"}, "additionalEventData": map[string]any{"SecretId": failing}}})
	rule("changes", map[string]any{"source": []string{"aws.secretsmanager"},
		"detail": map[string]any{"eventName": []string{"PutSecretValue", "UpdateSecret", "DeleteSecret", "PutResourcePolicy"}, "requestParameters": map[string]any{"secretId": changing}}})
	return want
}

// auditNetworks are three VPCs for rotation functions: each list is two
// subnets then a security group.
type auditNetworks struct {
	endpointSubnets, natSubnets, igwSubnets []string
	endpoint                                string
}

func seedNetworks(t *testing.T, c *Client) auditNetworks {
	t.Helper()
	cx := context.Background()
	e := c.ec2()
	var out auditNetworks
	vpc := func(cidr string) (string, []string) {
		v := *must[*ec2.CreateVpcOutput](t, "vpc")(e.CreateVpc(cx, &ec2.CreateVpcInput{CidrBlock: aws.String(cidr + ".0.0/16")})).Vpc.VpcId
		var ids []string
		for i, az := range []string{"us-east-1a", "us-east-1b"} {
			ids = append(ids, *must[*ec2.CreateSubnetOutput](t, "subnet")(e.CreateSubnet(cx, &ec2.CreateSubnetInput{VpcId: aws.String(v),
				CidrBlock: aws.String(fmt.Sprintf("%s.%d.0/24", cidr, i+1)), AvailabilityZone: aws.String(az)})).Subnet.SubnetId)
		}
		sg := *must[*ec2.CreateSecurityGroupOutput](t, "sg")(e.CreateSecurityGroup(cx, &ec2.CreateSecurityGroupInput{VpcId: aws.String(v),
			GroupName: aws.String("rotation-" + cidr), Description: aws.String("rotation")})).GroupId
		return v, append(ids, sg)
	}
	// Each subnet gets its own route table, with a default route.
	route := func(v string, subnets []string, natGateway, igw string) {
		for _, sub := range subnets[:2] {
			rt := *must[*ec2.CreateRouteTableOutput](t, "route table")(e.CreateRouteTable(cx, &ec2.CreateRouteTableInput{VpcId: aws.String(v)})).RouteTable.RouteTableId
			must[*ec2.AssociateRouteTableOutput](t, "associate")(e.AssociateRouteTable(cx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(rt), SubnetId: aws.String(sub)}))
			in := &ec2.CreateRouteInput{RouteTableId: aws.String(rt), DestinationCidrBlock: aws.String("0.0.0.0/0")}
			if natGateway != "" {
				in.NatGatewayId = aws.String(natGateway)
			} else {
				in.GatewayId = aws.String(igw)
			}
			must[*ec2.CreateRouteOutput](t, "route")(e.CreateRoute(cx, in))
		}
	}
	igw := func(v string) string {
		g := *must[*ec2.CreateInternetGatewayOutput](t, "igw")(e.CreateInternetGateway(cx, &ec2.CreateInternetGatewayInput{})).InternetGateway.InternetGatewayId
		must[*ec2.AttachInternetGatewayOutput](t, "attach")(e.AttachInternetGateway(cx, &ec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(g), VpcId: aws.String(v)}))
		return g
	}

	v, subnets := vpc("10.10")
	out.endpointSubnets = subnets
	out.endpoint = *must[*ec2.CreateVpcEndpointOutput](t, "endpoint")(e.CreateVpcEndpoint(cx, &ec2.CreateVpcEndpointInput{VpcId: aws.String(v),
		ServiceName: aws.String("com.amazonaws.us-east-1.secretsmanager"), VpcEndpointType: ec2types.VpcEndpointTypeInterface,
		SubnetIds: subnets[:2], SecurityGroupIds: subnets[2:], PrivateDnsEnabled: aws.Bool(true)})).VpcEndpoint.VpcEndpointId

	// The NAT's subnet routes to it by a table of its own; the function's
	// subnets have none, so the VPC's main table (to the NAT) is theirs.
	v, subnets = vpc("10.20")
	out.natSubnets = subnets
	public := *must[*ec2.CreateSubnetOutput](t, "public subnet")(e.CreateSubnet(cx, &ec2.CreateSubnetInput{VpcId: aws.String(v),
		CidrBlock: aws.String("10.20.9.0/24"), AvailabilityZone: aws.String("us-east-1a")})).Subnet.SubnetId
	igw(v)
	mainRoute(t, c, v, natGateway(t, c, v, public))

	v, subnets = vpc("10.30")
	out.igwSubnets = subnets
	route(v, subnets, "", igw(v))
	return out
}

// holdForOverlap makes the proxy hold each DescribeSecret until a second
// one is in flight, to the test's deadline at most.
func (p *auditProxy) holdForOverlap(t *testing.T) {
	ctx, cancel := context.WithDeadline(context.Background(), testwait.Deadline(t))
	t.Cleanup(cancel)
	p.overlap, p.giveUp = make(chan struct{}), ctx
}

func loadAudit(t *testing.T, extra func(*Options)) (*Client, *auditProxy) {
	t.Helper()
	moto := motoserver.Shared(t)
	p := newAuditProxy(t, moto)
	p.analyzer = newFindingsServer(t)
	c := loadMoto(t, p.URL, func(o *Options) {
		o.Endpoints = map[string]string{"access-analyzer": p.analyzer.URL}
		if extra != nil {
			extra(o)
		}
	})
	return c, p
}

// findingsServer is IAM Access Analyzer's ListAnalyzers and ListFindings
// over REST-JSON, which moto lacks: one active account analyzer, and its
// findings served two to a page, filtered as the request asks.
type findingsServer struct {
	*httptest.Server
	mu       sync.Mutex
	findings []map[string]any
	// filters are the requests' filters, as sent.
	filters []map[string]any
	// none says there is no analyzer.
	none atomic.Bool
}

const analyzerARN = "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/account"

func newFindingsServer(t *testing.T) *findingsServer {
	f := &findingsServer{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/analyzer":
			if r.URL.Query().Get("type") != "ACCOUNT" || f.none.Load() {
				io.WriteString(w, `{"analyzers":[]}`)
				return
			}
			io.WriteString(w, `{"analyzers":[{"arn":"`+analyzerARN+`","name":"account","type":"ACCOUNT","status":"ACTIVE","createdAt":"2026-01-01T00:00:00Z"}]}`)
		case r.Method == http.MethodPost && r.URL.Path == "/finding":
			var in struct {
				AnalyzerArn string                         `json:"analyzerArn"`
				Filter      map[string]map[string][]string `json:"filter"`
				NextToken   string                         `json:"nextToken"`
			}
			if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.AnalyzerArn != analyzerARN {
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, `{"message":"bad request"}`)
				return
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			raw := map[string]any{}
			for k, v := range in.Filter {
				raw[k] = v
			}
			f.filters = append(f.filters, raw)
			var match []map[string]any
			for _, x := range f.findings {
				ok := true
				for k, c := range in.Filter {
					if eq := c["eq"]; len(eq) > 0 && !slices.Contains(eq, fmt.Sprint(x[k])) {
						ok = false
					}
				}
				if ok {
					match = append(match, x)
				}
			}
			start, _ := strconv.Atoi(in.NextToken)
			end := min(start+2, len(match))
			out := map[string]any{"findings": match[min(start, end):end]}
			if end < len(match) {
				out["nextToken"] = strconv.Itoa(end)
			}
			json.NewEncoder(w).Encode(out)
		default:
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"not found"}`)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// finding adds an Access Analyzer finding on resource.
func (f *findingsServer) finding(id, resource, status string, public bool, principal map[string]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.findings = append(f.findings, map[string]any{"id": id, "resource": resource, "resourceType": "AWS::SecretsManager::Secret",
		"status": status, "isPublic": public, "principal": principal, "action": []string{"secretsmanager:GetSecretValue"},
		"condition": map[string]string{}, "resourceOwnerAccount": "123456789012",
		"createdAt": "2026-12-01T00:00:00Z", "analyzedAt": "2026-12-01T00:00:00Z", "updatedAt": "2026-12-01T00:00:00Z"})
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
	// Every rule, the design's and the account's: exactly the one each
	// secret breaks is not met, and none is left unjudged.
	for _, s := range rep.Secrets {
		var failed, unjudged []string
		for _, r := range s.Results {
			switch r.Status {
			case blueprint.StatusNotMet:
				failed = append(failed, string(r.Rule.ID))
			case blueprint.StatusCannotVerify:
				unjudged = append(unjudged, string(r.Rule.ID))
			}
		}
		w, ok := want[s.Name]
		switch {
		case !ok:
			t.Errorf("audited %s, which was not seeded", s.Name)
		case w == "" && len(failed) > 0:
			t.Errorf("%s fails %v, want no rule", s.Name, failed)
		case w != "" && (len(failed) != 1 || failed[0] != string(w)):
			t.Errorf("%s fails %v, want only %s", s.Name, failed, w)
		}
		if len(unjudged) > 0 {
			t.Errorf("%s: rules %v could not be judged", s.Name, unjudged)
		}
		if len(s.Notices) > 0 {
			t.Errorf("%s: notices %v", s.Name, s.Notices)
		}
	}
	// Access Analyzer's active findings, by secret: the archived ones are
	// left out, and the calls are one listing for the region.
	external := map[string][]string{}
	for _, s := range rep.Secrets {
		for _, e := range s.External {
			external[s.Name] = append(external[s.Name], e.String())
		}
	}
	wantExternal := map[string][]string{
		"public": {"everyone (public): AWS * may secretsmanager:GetSecretValue (finding public-0)"},
		"shared": {"AWS 444455556666 may secretsmanager:GetSecretValue (finding shared-0)", "AWS 777788889999 may secretsmanager:GetSecretValue (finding shared-1)"},
	}
	if !reflect.DeepEqual(external, wantExternal) {
		t.Errorf("Access Analyzer findings = %q, want %q", external, wantExternal)
	}
	if n, pages := rep.Calls["access-analyzer:ListFindings"], 2; n != pages {
		t.Errorf("ListFindings called %d times, want %d pages of the region's findings", n, pages)
	}
	for _, f := range p.analyzer.filters {
		if fmt.Sprint(f) != "map[resourceType:map[eq:[AWS::SecretsManager::Secret]] status:map[eq:[ACTIVE]]]" {
			t.Errorf("ListFindings filter = %v", f)
		}
	}
	if len(rep.Notices) > 0 {
		t.Errorf("account notices %v", rep.Notices)
	}
	broken := map[blueprint.RuleID]bool{}
	for _, r := range want {
		broken[r] = true
	}
	if len(broken) < 12 {
		t.Errorf("the seeded secrets break %d different rules, want at least 12", len(broken))
	}
	for _, op := range []string{"Get" + "SecretValue", "BatchGet" + "SecretValue"} {
		if n := p.count(op); n > 0 {
			t.Errorf("%s was called %d times", op, n)
		}
	}
	if n := p.count("DescribeSecret"); n != len(want) {
		t.Errorf("DescribeSecret called %d times for %d secrets", n, len(want))
	}
	if n := p.count("GetFunctionConfiguration"); n != 5 {
		t.Errorf("GetFunctionConfiguration called %d times, want once per function (5)", n)
	}
	if n := rep.Calls["ec2:DescribeRouteTables"]; n != 3 {
		t.Errorf("DescribeRouteTables called %d times, want once per VPC (3)", n)
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
	// Slow answers: the audit is still whole, and its calls overlap. Not
	// judged by the time it took, which a busy machine stretches: the
	// proxy holds the first DescribeSecret until a second one comes,
	// which one by one never happens (the hold then ends at the test's
	// deadline).
	p.delay = 100 * time.Millisecond
	p.holdForOverlap(t)
	rep, err = c.Audit(context.Background(), AuditOptions{Now: auditNow, Concurrency: 8})
	if err != nil || len(rep.Secrets) != len(want) {
		t.Fatalf("slow audit: %v, %d secrets", err, len(rep.Secrets))
	}
	select {
	case <-p.overlap:
	default:
		t.Errorf("the slow audit of %d secrets, 8 calls in flight at most, never had two DescribeSecret calls in flight at once: its calls did not overlap", len(want))
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

// TestAuditWithoutAnAnalyzer: a region without an active Access Analyzer
// analyzer is a notice (access from outside is not reported), not an
// error, and asks for no findings.
func TestAuditWithoutAnAnalyzer(t *testing.T) {
	c, p := loadAudit(t, nil)
	p.analyzer.none.Store(true)
	must[*secretsmanager.CreateSecretOutput](t, "secret")(c.secrets().CreateSecret(context.Background(), &secretsmanager.CreateSecretInput{Name: aws.String("alone")}))
	rep, err := c.Audit(context.Background(), AuditOptions{Now: auditNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Secrets) != 1 || len(rep.Notices) != 1 || !strings.Contains(rep.Notices[0], "region us-east-1: no active IAM Access Analyzer analyzer") {
		t.Errorf("%d secrets, notices %q", len(rep.Secrets), rep.Notices)
	}
	if n := rep.Calls["access-analyzer:ListFindings"]; n != 0 {
		t.Errorf("ListFindings called %d times without an analyzer", n)
	}
}
