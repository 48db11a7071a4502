package account

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"golang.org/x/sync/errgroup"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Audit fan-out. Secrets Manager's published quotas are 10,000 requests
// per second for DescribeSecret (shared with the operations that read a
// value) and 50 per second for the resource-policy operations; the
// concurrency below stays far under the first, and policyRate keeps
// GetResourcePolicy under the second whatever the latency. The SDK's
// adaptive retryer slows every client down once a service throttles.
const (
	// DefaultAuditConcurrency is the calls in flight per service and region.
	DefaultAuditConcurrency = 8
	// policyRate is the most GetResourcePolicy calls started per second
	// and region: 40, under the quota of 50.
	policyRate = 40
)

// AuditOptions say what to audit.
type AuditOptions struct {
	// Regions to audit; empty means the client's region.
	Regions []string
	// Concurrency bounds the calls in flight per service and region.
	Concurrency int
	// Now is the time the account's dates are judged at; zero is the
	// current time.
	Now time.Time
	// Progress, when set, is told after each secret is read.
	Progress func(done, total int)
}

// AuditedSecret is one secret read back from the account and judged.
type AuditedSecret struct {
	ARN, Name, Region string
	// Design is the secret as a design: what a design file would say to
	// create it as it is.
	Design *blueprint.Design
	// Deployed is what only the account knows.
	Deployed blueprint.Deployed
	// Results are the blueprint's rules, then DeployedRules.
	Results []blueprint.RuleResult
	// Notices say what could not be read (a denied call), so a rule left
	// unjudged is never mistaken for one met.
	Notices []string
	// External are IAM Access Analyzer's active findings on the secret:
	// access from outside the analyzer's zone of trust (its account or
	// organization), or from everyone.
	External []ExternalAccess
}

// ExternalAccess is one active IAM Access Analyzer finding on a secret.
type ExternalAccess struct {
	ID string
	// Principal is who has the access, such as {"AWS": "444455556666"}.
	Principal map[string]string
	Actions   []string
	// Condition is what limits it, such as {"aws:SourceVpce": "vpce-..."}.
	Condition map[string]string
	Public    bool
}

// String is the finding in one line, for the text report.
func (e ExternalAccess) String() string {
	var who []string
	for _, k := range slices.Sorted(maps.Keys(e.Principal)) {
		who = append(who, k+" "+e.Principal[k])
	}
	s := strings.Join(who, ", ") + " may " + strings.Join(e.Actions, ", ")
	if e.Public {
		s = "everyone (public): " + s
	}
	if len(e.Condition) > 0 {
		var cs []string
		for _, k := range slices.Sorted(maps.Keys(e.Condition)) {
			cs = append(cs, k+" = "+e.Condition[k])
		}
		s += " when " + strings.Join(cs, " and ")
	}
	return s + " (finding " + e.ID + ")"
}

// AuditReport is the audit of an account.
type AuditReport struct {
	Identity Identity
	Regions  []string
	Secrets  []AuditedSecret
	// Notices are regions or services that could not be read.
	Notices []string
	// Calls counts the calls made, by IAM action.
	Calls map[string]int
}

// Audit lists every secret of the regions, reads each one's configuration
// (never its value), turns it into a design and judges it with every rule
// and DeployedRules. A region that cannot be read is a notice; Audit fails
// only when no region could be read at all.
func (c *Client) Audit(ctx context.Context, opts AuditOptions) (*AuditReport, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultAuditConcurrency
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	regions := slices.Clone(opts.Regions)
	if len(regions) == 0 {
		regions = []string{c.cfg.Region}
	}
	slices.Sort(regions)
	regions = slices.Compact(regions)
	a := &auditor{c: c, opts: opts, calls: map[string]*atomic.Int64{}}
	rep := &AuditReport{Identity: c.identity, Regions: regions}
	// The account's organization decides aws:PrincipalOrgID conditions
	// for its own principals (readers, the rotation function); outside
	// one, or not readable, they stay undecided.
	a.count("organizations:DescribeOrganization")
	var orgNote string
	if a.organization, orgNote = c.organization(ctx); orgNote != "" && !strings.Contains(orgNote, "not in an organization") {
		rep.Notices = append(rep.Notices, orgNote)
	}
	var failed []error
	var total atomic.Int64
	var done atomic.Int64
	progress := func() {
		if opts.Progress != nil {
			opts.Progress(int(done.Add(1)), int(total.Load()))
		}
	}
	for _, r := range regions {
		secrets, notices, err := a.region(ctx, r, &total, progress)
		if err != nil {
			failed = append(failed, err)
			rep.Notices = append(rep.Notices, fmt.Sprintf("region %s not audited: %s", r, Reason(err)))
			continue
		}
		rep.Secrets = append(rep.Secrets, secrets...)
		rep.Notices = append(rep.Notices, notices...)
	}
	if len(failed) == len(regions) {
		return rep, failed[0]
	}
	rep.Calls = map[string]int{}
	a.mu.Lock()
	for k, v := range a.calls {
		rep.Calls[k] = int(v.Load())
	}
	a.mu.Unlock()
	slices.SortFunc(rep.Secrets, func(x, y AuditedSecret) int {
		return cmp.Or(strings.Compare(x.Region, y.Region), strings.Compare(x.Name, y.Name), strings.Compare(x.ARN, y.ARN))
	})
	return rep, nil
}

// auditor is one audit run: its call counts and the listings it reads
// once per region (keys, functions, rules, trails), cached for the run.
type auditor struct {
	c    *Client
	opts AuditOptions
	// organization is the account's organization id, "" when not known.
	organization string
	mu           sync.Mutex
	calls        map[string]*atomic.Int64
}

func (a *auditor) count(action string) {
	a.mu.Lock()
	n := a.calls[action]
	if n == nil {
		n = &atomic.Int64{}
		a.calls[action] = n
	}
	a.mu.Unlock()
	n.Add(1)
}

// auditCall is call, counted.
func auditCall[T any](ctx context.Context, a *auditor, action string, fn func(context.Context) (T, error)) (T, error) {
	a.count(action)
	return call(ctx, a.c, action, fn)
}

// memo remembers one value per key for the run, computed once even when
// asked concurrently.
type memo[T any] struct {
	mu sync.Mutex
	m  map[string]*memoEntry[T]
}

type memoEntry[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (m *memo[T]) get(key string, fn func() (T, error)) (T, error) {
	m.mu.Lock()
	if m.m == nil {
		m.m = map[string]*memoEntry[T]{}
	}
	e := m.m[key]
	if e == nil {
		e = &memoEntry[T]{}
		m.m[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.v, e.err = fn() })
	return e.v, e.err
}

// limiter starts at most n calls a second.
type limiter struct {
	mu   sync.Mutex
	next time.Time
	gap  time.Duration
}

func (l *limiter) wait(ctx context.Context) error {
	l.mu.Lock()
	now := time.Now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(l.gap)
	l.mu.Unlock()
	if d := time.Until(at); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// regionAudit holds one region's clients and run caches.
type regionAudit struct {
	a      *auditor
	region string
	sm     *secretsmanager.Client
	kms    *kms.Client
	lambda *lambda.Client
	policy limiter
	keys   memo[keyFacts]
	funcs  memo[functionFacts]
	vpcs   memo[vpcFacts]
	// subnetVPC is the VPC of a function's subnets, by the subnets.
	subnetVPC memo[string]
	alerts    []alertRule
	trails    []string
	// trailsRead is false when the trails could not be read.
	trailsRead bool
	// external are Access Analyzer's active findings, by secret ARN.
	external map[string][]ExternalAccess
}

type keyFacts struct {
	md          KeyMetadata
	rotationOn  bool
	rotationSet bool
	// policy is the key's policy, when it could be read (policyRead).
	policy     []blueprint.Statement
	policyRead bool
}

// alertRule is an EventBridge rule on Secrets Manager events: which
// secrets it matches ("" for all) and which events.
type alertRule struct {
	name      string
	secrets   []string
	failure   bool
	change    bool
	topicARNs []string
}

func (a *auditor) region(ctx context.Context, region string, total *atomic.Int64, progress func()) ([]AuditedSecret, []string, error) {
	c := a.c
	ra := &regionAudit{a: a, region: region, policy: limiter{gap: time.Second / policyRate},
		sm: secretsmanager.NewFromConfig(c.cfg, func(o *secretsmanager.Options) {
			o.Region = region
			c.endpoint("secretsmanager", &o.BaseEndpoint)
		}),
		kms: c.kms(region),
		lambda: lambda.NewFromConfig(c.cfg, func(o *lambda.Options) {
			o.Region = region
			c.endpoint("lambda", &o.BaseEndpoint)
		}),
	}
	var list []smtypes.SecretListEntry
	p := secretsmanager.NewListSecretsPaginator(ra.sm, &secretsmanager.ListSecretsInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := auditCall(ctx, a, "secretsmanager:ListSecrets", func(ctx context.Context) (*secretsmanager.ListSecretsOutput, error) { return p.NextPage(ctx) })
		if err != nil {
			return nil, nil, err
		}
		list = append(list, page.SecretList...)
	}
	total.Add(int64(len(list)))
	var notices []string
	if err := ra.readAlerts(ctx); err != nil {
		notices = append(notices, fmt.Sprintf("region %s: EventBridge rules not read, so alerts are judged absent: %s", region, Reason(err)))
	}
	if err := ra.readTrails(ctx); err != nil {
		notices = append(notices, fmt.Sprintf("region %s: CloudTrail trails not read: %s", region, Reason(err)))
	}
	if n := ra.readExternal(ctx); n != "" {
		notices = append(notices, fmt.Sprintf("region %s: %s", region, n))
	}
	out := make([]AuditedSecret, len(list))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(a.opts.Concurrency)
	for i, s := range list {
		g.Go(func() error {
			out[i] = ra.secret(gctx, s)
			progress()
			return nil
		})
	}
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, classify(err, "secretsmanager:DescribeSecret")
	}
	return out, notices, nil
}

// readAlerts lists the region's EventBridge rules whose pattern is about
// Secrets Manager, and the SNS topics they notify.
func (ra *regionAudit) readAlerts(ctx context.Context) error {
	c := ra.a.c
	eb := eventbridge.NewFromConfig(c.cfg, func(o *eventbridge.Options) {
		o.Region = ra.region
		c.endpoint("events", &o.BaseEndpoint)
	})
	in := &eventbridge.ListRulesInput{}
	for {
		out, err := auditCall(ctx, ra.a, "events:ListRules", func(ctx context.Context) (*eventbridge.ListRulesOutput, error) { return eb.ListRules(ctx, in) })
		if err != nil {
			return err
		}
		for _, r := range out.Rules {
			ar, ok := parseAlertPattern(aws.ToString(r.EventPattern))
			if !ok || r.State == "DISABLED" {
				continue
			}
			ar.name = aws.ToString(r.Name)
			ts, err := auditCall(ctx, ra.a, "events:ListTargetsByRule", func(ctx context.Context) (*eventbridge.ListTargetsByRuleOutput, error) {
				return eb.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: r.Name})
			})
			if err == nil {
				for _, t := range ts.Targets {
					if arn := aws.ToString(t.Arn); strings.Contains(arn, ":sns:") {
						ar.topicARNs = append(ar.topicARNs, arn)
					}
				}
			}
			ra.alerts = append(ra.alerts, ar)
		}
		if aws.ToString(out.NextToken) == "" {
			return nil
		}
		in.NextToken = out.NextToken
	}
}

// parseAlertPattern reads an event pattern about Secrets Manager: the
// secrets it names (none: all), and whether it hears rotation failures
// and changes. Patterns of other sources report false.
func parseAlertPattern(pattern string) (alertRule, bool) {
	var p struct {
		Source []string `json:"source"`
		Detail struct {
			EventSource       []string `json:"eventSource"`
			EventName         []string `json:"eventName"`
			RequestParameters struct {
				SecretID []string `json:"secretId"`
			} `json:"requestParameters"`
			AdditionalEventData struct {
				SecretID []string `json:"SecretId"`
			} `json:"additionalEventData"`
		} `json:"detail"`
		Resources []string `json:"resources"`
	}
	if json.Unmarshal([]byte(pattern), &p) != nil {
		return alertRule{}, false
	}
	if !slices.Contains(p.Source, "aws.secretsmanager") && !slices.Contains(p.Detail.EventSource, "secretsmanager.amazonaws.com") {
		return alertRule{}, false
	}
	ar := alertRule{secrets: append(append(p.Resources, p.Detail.RequestParameters.SecretID...), p.Detail.AdditionalEventData.SecretID...)}
	if len(p.Detail.EventName) == 0 {
		ar.failure, ar.change = true, true
	}
	for _, n := range p.Detail.EventName {
		switch n {
		case "RotationFailed", "RotationAbandoned":
			ar.failure = true
		case "PutSecretValue", "UpdateSecret", "DeleteSecret", "RestoreSecret", "UpdateSecretVersionStage", "PutResourcePolicy", "DeleteResourcePolicy":
			ar.change = true
		}
	}
	return ar, true
}

// readExternal reads IAM Access Analyzer's active findings on the region's
// secrets: an active analyzer of the account or organization (ListAnalyzers),
// then its findings filtered to Secrets Manager secrets that are active,
// paginated, so the calls grow with the findings, not the secrets. It says
// why when they could not be read ("" when they were).
func (ra *regionAudit) readExternal(ctx context.Context) string {
	c := ra.a.c
	aa := accessanalyzer.NewFromConfig(c.cfg, func(o *accessanalyzer.Options) {
		o.Region = ra.region
		c.endpoint("access-analyzer", &o.BaseEndpoint)
	})
	var analyzer string
	for _, typ := range []aatypes.Type{aatypes.TypeAccount, aatypes.TypeOrganization} {
		out, err := auditCall(ctx, ra.a, "access-analyzer:ListAnalyzers", func(ctx context.Context) (*accessanalyzer.ListAnalyzersOutput, error) {
			return aa.ListAnalyzers(ctx, &accessanalyzer.ListAnalyzersInput{Type: typ})
		})
		if err != nil {
			return "IAM Access Analyzer's findings not read: " + Reason(err)
		}
		for _, an := range out.Analyzers {
			if an.Status == aatypes.AnalyzerStatusActive && analyzer == "" {
				analyzer = aws.ToString(an.Arn)
			}
		}
		if analyzer != "" {
			break
		}
	}
	if analyzer == "" {
		return "no active IAM Access Analyzer analyzer, so access from outside the account is not reported"
	}
	external := map[string][]ExternalAccess{}
	in := &accessanalyzer.ListFindingsInput{AnalyzerArn: aws.String(analyzer), Filter: map[string]aatypes.Criterion{
		"resourceType": {Eq: []string{string(aatypes.ResourceTypeAwsSecretsmanagerSecret)}},
		"status":       {Eq: []string{string(aatypes.FindingStatusActive)}},
	}}
	p := accessanalyzer.NewListFindingsPaginator(aa, in)
	for p.HasMorePages() {
		page, err := auditCall(ctx, ra.a, "access-analyzer:ListFindings", func(ctx context.Context) (*accessanalyzer.ListFindingsOutput, error) { return p.NextPage(ctx) })
		if err != nil {
			return "IAM Access Analyzer's findings not read: " + Reason(err)
		}
		for _, f := range page.Findings {
			// The filter is a request: keep only what it asked for.
			if f.Status != aatypes.FindingStatusActive || f.ResourceType != aatypes.ResourceTypeAwsSecretsmanagerSecret {
				continue
			}
			res := aws.ToString(f.Resource)
			external[res] = append(external[res], ExternalAccess{ID: aws.ToString(f.Id), Principal: f.Principal,
				Actions: f.Action, Condition: f.Condition, Public: aws.ToBool(f.IsPublic)})
		}
	}
	ra.external = external
	return ""
}

// readTrails finds the trails logging management events that cover the
// region.
func (ra *regionAudit) readTrails(ctx context.Context) error {
	c := ra.a.c
	ct := cloudtrail.NewFromConfig(c.cfg, func(o *cloudtrail.Options) {
		o.Region = ra.region
		c.endpoint("cloudtrail", &o.BaseEndpoint)
	})
	out, err := auditCall(ctx, ra.a, "cloudtrail:DescribeTrails", func(ctx context.Context) (*cloudtrail.DescribeTrailsOutput, error) {
		return ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(true)})
	})
	if err != nil {
		return err
	}
	for _, t := range out.TrailList {
		if !aws.ToBool(t.IsMultiRegionTrail) && aws.ToString(t.HomeRegion) != ra.region {
			continue
		}
		st, err := auditCall(ctx, ra.a, "cloudtrail:GetTrailStatus", func(ctx context.Context) (*cloudtrail.GetTrailStatusOutput, error) {
			return ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: t.TrailARN})
		})
		if err != nil {
			return err
		}
		if !aws.ToBool(st.IsLogging) {
			continue
		}
		sel, err := auditCall(ctx, ra.a, "cloudtrail:GetEventSelectors", func(ctx context.Context) (*cloudtrail.GetEventSelectorsOutput, error) {
			return ct.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: t.TrailARN})
		})
		if err != nil {
			return err
		}
		if logsManagement(sel) {
			ra.trails = append(ra.trails, aws.ToString(t.Name))
		}
	}
	slices.Sort(ra.trails)
	ra.trailsRead = true
	return nil
}

// logsManagement reports whether a trail's selectors record the read
// management events (GetSecretValue is one): a basic selector with
// management events of All or ReadOnly, or an advanced selector on the
// Management category without a readOnly=false filter. A trail with no
// selector at all logs every management event, CloudTrail's default.
func logsManagement(sel *cloudtrail.GetEventSelectorsOutput) bool {
	if len(sel.EventSelectors) == 0 && len(sel.AdvancedEventSelectors) == 0 {
		return true
	}
	for _, s := range sel.EventSelectors {
		if aws.ToBool(s.IncludeManagementEvents) && (s.ReadWriteType == cttypes.ReadWriteTypeAll || s.ReadWriteType == cttypes.ReadWriteTypeReadOnly || s.ReadWriteType == "") {
			return true
		}
	}
	for _, s := range sel.AdvancedEventSelectors {
		mgmt, writesOnly := false, false
		for _, f := range s.FieldSelectors {
			switch aws.ToString(f.Field) {
			case "eventCategory":
				mgmt = slices.Contains(f.Equals, "Management")
			case "readOnly":
				writesOnly = slices.Contains(f.Equals, "false")
			}
		}
		if mgmt && !writesOnly {
			return true
		}
	}
	return false
}

// secret reads one secret and judges it.
func (ra *regionAudit) secret(ctx context.Context, s smtypes.SecretListEntry) AuditedSecret {
	a := ra.a
	arn := aws.ToString(s.ARN)
	as := AuditedSecret{ARN: arn, Name: aws.ToString(s.Name), Region: ra.region}
	note := func(what string, err error) {
		as.Notices = append(as.Notices, what+": "+Reason(err))
	}
	out, err := auditCall(ctx, a, "secretsmanager:DescribeSecret", func(ctx context.Context) (*secretsmanager.DescribeSecretOutput, error) {
		return ra.sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(arn)})
	})
	if err != nil {
		// The listing says almost as much; judge what it says.
		note("DescribeSecret", err)
		out = &secretsmanager.DescribeSecretOutput{ARN: s.ARN, Name: s.Name, Description: s.Description, KmsKeyId: s.KmsKeyId,
			RotationEnabled: s.RotationEnabled, RotationLambdaARN: s.RotationLambdaARN, RotationRules: s.RotationRules,
			LastRotatedDate: s.LastRotatedDate, LastAccessedDate: s.LastAccessedDate, CreatedDate: s.CreatedDate, Tags: s.Tags}
	}
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{
		SecretID: as.Name, Region: ra.region, Description: aws.ToString(out.Description),
	}}
	dep := blueprint.Deployed{Now: a.opts.Now, RotationEnabled: aws.ToBool(out.RotationEnabled),
		Created: aws.ToTime(out.CreatedDate), LastRotated: aws.ToTime(out.LastRotatedDate), LastAccessed: aws.ToTime(out.LastAccessedDate),
		TrailChecked: ra.trailsRead, Trails: ra.trails}
	for _, t := range out.Tags {
		d.Secret.Tags = append(d.Secret.Tags, blueprint.Tag{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value)})
	}
	for _, r := range out.ReplicationStatus {
		rep := blueprint.Replica{Region: aws.ToString(r.Region)}
		if k := aws.ToString(r.KmsKeyId); k != "" && !strings.HasSuffix(k, "alias/aws/secretsmanager") {
			rep.KMSKeyARN = k
		}
		d.Secret.ReplicaRegions = append(d.Secret.ReplicaRegions, rep)
	}
	for id, stages := range out.VersionIdsToStages {
		if slices.Contains(stages, "AWSPENDING") && !slices.Contains(stages, "AWSCURRENT") {
			dep.PendingVersions = append(dep.PendingVersions, id)
		}
	}
	slices.Sort(dep.PendingVersions)

	// The key: AWS managed (aws/secretsmanager) when none is named.
	var key keyFacts
	if k := aws.ToString(out.KmsKeyId); k != "" && !strings.HasSuffix(k, "alias/aws/secretsmanager") {
		kf, err := ra.keys.get(k, func() (keyFacts, error) { return ra.key(ctx, k) })
		switch {
		case err != nil:
			note("the key "+k, err)
			d.Secret.KMSKeyARN = k
		case kf.md.Manager == "AWS":
			d.Secret.KMSKeyARN = "alias/aws/secretsmanager"
		default:
			d.Secret.KMSKeyARN = kf.md.ARN
			key = kf
		}
	} else {
		d.Secret.KMSKeyARN = "alias/aws/secretsmanager"
	}

	if err := ra.policy.wait(ctx); err == nil {
		pol, err := auditCall(ctx, a, "secretsmanager:GetResourcePolicy", func(ctx context.Context) (*secretsmanager.GetResourcePolicyOutput, error) {
			return ra.sm.GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(arn)})
		})
		switch {
		case err != nil:
			note("GetResourcePolicy", err)
		case aws.ToString(pol.ResourcePolicy) != "":
			if sts, err := blueprint.ParsePolicyJSON([]byte(aws.ToString(pol.ResourcePolicy))); err != nil {
				note("the resource policy", err)
			} else {
				d.ResourcePolicy = &blueprint.ResourcePolicy{Statements: sts}
			}
		}
	}

	var fnFacts functionFacts
	if fn := aws.ToString(out.RotationLambdaARN); dep.RotationEnabled || fn != "" {
		r := &blueprint.Rotation{RotationLambdaARN: fn}
		if rr := out.RotationRules; rr != nil {
			r.ScheduleExpression, r.Duration = aws.ToString(rr.ScheduleExpression), aws.ToString(rr.Duration)
			if days := int(aws.ToInt64(rr.AutomaticallyAfterDays)); days > 0 && (r.ScheduleExpression == "" || strings.HasPrefix(r.ScheduleExpression, "rate(")) {
				r.AutomaticallyAfterDays, r.ScheduleExpression = days, ""
			}
		}
		dep.Schedule, dep.Window = r.ScheduleExpression, r.Duration
		if r.AutomaticallyAfterDays > 0 {
			dep.Schedule = fmt.Sprintf("rate(%d days)", r.AutomaticallyAfterDays)
		}
		if dep.RotationEnabled {
			d.Rotation = r
		}
		if fn != "" {
			ff, err := ra.funcs.get(fn, func() (functionFacts, error) { return ra.function(ctx, fn) })
			if err != nil {
				note("the rotation function "+fn, err)
			}
			dep.FunctionRuntime, fnFacts = ff.runtime, ff
		}
	}

	// Alerts: an enabled EventBridge rule on this secret's events.
	fail, change := false, false
	for _, r := range ra.alerts {
		if len(r.secrets) > 0 && !slices.ContainsFunc(r.secrets, func(s string) bool { return s == arn || s == as.Name }) {
			continue
		}
		if r.failure && !fail {
			fail = true
			if len(r.topicARNs) > 0 && d.Monitoring.AlertTopicARN == "" {
				d.Monitoring.AlertTopicARN = r.topicARNs[0]
			}
		}
		change = change || r.change
	}
	d.Monitoring.RotationFailureAlert, d.Monitoring.ChangeAlert = aws.Bool(fail), aws.Bool(change)

	// What the account answers beyond the design: the key's policy for
	// each reader, so given-key-readers is judged rather than left open.
	env := &blueprint.Environment{Account: accountOf(arn), OrganizationID: a.organization, RotationRoleARN: fnFacts.role, RotationNetwork: fnFacts.network}
	if key.rotationSet {
		env.KeyRotation = aws.Bool(key.rotationOn)
	}
	if key.policyRead {
		env.KeyAnswers = keyAnswersOf(d, d.Secret.KMSKeyARN, key.policy, regionOf(key.md.ARN, ra.region))
	}
	as.External = ra.external[arn]
	as.Design, as.Deployed = d, dep
	as.Results = append(blueprint.CheckWith(d, env).Results, blueprint.CheckDeployed(d, &dep)...)
	return as
}

func (ra *regionAudit) key(ctx context.Context, id string) (keyFacts, error) {
	ra.a.count("kms:DescribeKey")
	md, err := ra.a.c.describeKey(ctx, regionOf(id, ra.region), id)
	if err != nil {
		return keyFacts{}, err
	}
	kf := keyFacts{md: md}
	if md.Manager == "CUSTOMER" {
		rs, err := auditCall(ctx, ra.a, "kms:GetKeyRotationStatus", func(ctx context.Context) (*kms.GetKeyRotationStatusOutput, error) {
			return ra.a.c.kms(regionOf(md.ARN, ra.region)).GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(md.ARN)})
		})
		if err == nil {
			kf.rotationOn, kf.rotationSet = rs.KeyRotationEnabled, true
		}
		kp, err := auditCall(ctx, ra.a, "kms:GetKeyPolicy", func(ctx context.Context) (*kms.GetKeyPolicyOutput, error) {
			return ra.a.c.kms(regionOf(md.ARN, ra.region)).GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(md.ARN), PolicyName: aws.String("default")})
		})
		if err == nil {
			if sts, err := blueprint.ParsePolicyJSON([]byte(aws.ToString(kp.Policy))); err == nil {
				kf.policy, kf.policyRead = sts, true
			}
		}
	}
	return kf, nil
}

// functionFacts are what the audit reads of a rotation function.
type functionFacts struct {
	runtime string
	// role is the function's execution role: the rotation calls'
	// aws:PrincipalArn.
	role string
	// network is where it runs, when that could be read.
	network *blueprint.FunctionNetwork
}

func (ra *regionAudit) function(ctx context.Context, fn string) (functionFacts, error) {
	out, err := auditCall(ctx, ra.a, "lambda:GetFunctionConfiguration", func(ctx context.Context) (*lambda.GetFunctionConfigurationOutput, error) {
		return ra.lambda.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(fn)})
	})
	if err != nil {
		return functionFacts{}, err
	}
	ff := functionFacts{runtime: string(out.Runtime), role: aws.ToString(out.Role)}
	var subnets []string
	if vc := out.VpcConfig; vc != nil {
		subnets = vc.SubnetIds
	}
	// The subnets say which VPC they are in (some emulators answer a
	// placeholder VpcId in the function's configuration).
	nr := ra.net()
	n, err := functionNetwork(subnets, func(subnets []string) (string, error) {
		return ra.subnetVPC.get(strings.Join(subnets, ","), func() (string, error) { return nr.vpcOf(ctx, subnets) })
	}, func(vpc string) (vpcFacts, error) {
		return ra.vpcs.get(vpc, func() (vpcFacts, error) { return nr.vpc(ctx, vpc) })
	})
	if err != nil {
		// The runtime and role stand; the network stays unknown.
		return ff, err
	}
	ff.network = n
	return ff, nil
}

// net reads functions' networks in the audited region, counting the calls.
func (ra *regionAudit) net() netReader {
	return netReader{c: ra.a.c, e: ra.ec2(), region: ra.region, count: ra.a.count}
}

func (ra *regionAudit) ec2() *ec2.Client {
	c := ra.a.c
	return ec2.NewFromConfig(c.cfg, func(o *ec2.Options) {
		o.Region = ra.region
		c.endpoint("ec2", &o.BaseEndpoint)
	})
}

// Regions lists the regions enabled for the account (ec2:DescribeRegions),
// sorted, for an audit of all of them.
func (c *Client) Regions(ctx context.Context) ([]string, error) {
	out, err := call(ctx, c, "ec2:DescribeRegions", func(ctx context.Context) (*ec2.DescribeRegionsOutput, error) {
		return c.ec2().DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
	})
	if err != nil {
		return nil, err
	}
	var rs []string
	for _, r := range out.Regions {
		rs = append(rs, aws.ToString(r.RegionName))
	}
	slices.Sort(rs)
	return rs, nil
}
