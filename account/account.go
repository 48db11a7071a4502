// Package account connects secretsmith to an AWS account with
// aws-sdk-go-v2: who the caller is, the resources the wizard's pickers offer
// (KMS keys, secrets, databases, subnets, security groups, VPC endpoints), and
// the verification of a design against what is deployed.
//
// Nothing here runs unless the user asks for it (--aws, --profile, --region):
// offline use never loads this package's clients. Every call runs with the
// SDK's adaptive retry mode and its own timeout, and every failure comes back
// as an *Error that names the action that failed and what to do about it.
//
// secretsmith never reads a secret's value: no code here calls the Secrets
// Manager operations that return one, and a test keeps it that way.
package account

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Account is what the wizard and the commands need from an AWS account. The
// real one is *Client; tests fake it. Methods return plain types, so nothing
// above this package sees the SDK.
type Account interface {
	// Identity is the caller and region found when the account was loaded.
	Identity() Identity
	// Keys lists the enabled, symmetric, customer managed KMS keys of a
	// region ("" is the account's region), with their aliases.
	Keys(ctx context.Context, region string) ([]Key, error)
	// Secrets lists the account's secrets (names, ARNs, rotation), never a
	// value.
	Secrets(ctx context.Context) ([]Secret, error)
	// LoadSecret reads a deployed secret's configuration (its description,
	// resource policy and rotation) into an existing-secret design.
	LoadSecret(ctx context.Context, id string) (*blueprint.Design, error)
	// Databases lists RDS instances and clusters and Redshift clusters.
	Databases(ctx context.Context) ([]Database, error)
	// Subnets lists subnets, ordered by VPC, then availability zone.
	Subnets(ctx context.Context) ([]Subnet, error)
	// SecurityGroups lists security groups, ordered by VPC.
	SecurityGroups(ctx context.Context) ([]SecurityGroup, error)
	// Endpoints lists the Secrets Manager interface endpoints.
	Endpoints(ctx context.Context) ([]Endpoint, error)
	// Verify checks a design against the account.
	Verify(ctx context.Context, d *blueprint.Design) []Check
}

// Identity is the caller the credentials belong to.
type Identity struct {
	Account   string
	Partition string
	ARN       string
	Region    string
}

// String is the one-line form the wizard's header shows.
func (i Identity) String() string {
	return fmt.Sprintf("%s in %s (%s)", i.ARN, i.Region, i.Account)
}

// Defaults for Options fields left zero.
const (
	DefaultCallTimeout = 30 * time.Second
	// DefaultMaxAttempts is one more than the SDK's three, since the
	// wizard's listings run at start, when throttling is likeliest.
	DefaultMaxAttempts = 5
	DefaultMaxBackoff  = 20 * time.Second
)

// Options says how to reach the account. Only Profile and Region come from
// users; the rest are for tests and embedding.
type Options struct {
	// Profile is the shared config profile; empty means the SDK's default
	// chain (environment, AWS_PROFILE, default profile, SSO, instance role).
	Profile string
	// Region overrides the profile's and environment's region.
	Region string
	// Endpoint sends every service to one base URL, such as a local moto
	// server.
	Endpoint string
	// Endpoints overrides Endpoint per service, keyed by IAM prefix
	// ("kms", "access-analyzer", ...).
	Endpoints map[string]string
	// HTTPClient carries every request; nil means the SDK's own.
	HTTPClient HTTPClient
	// Credentials replaces the default credential chain.
	Credentials aws.CredentialsProvider
	// CallTimeout bounds each call, retries included.
	CallTimeout time.Duration
	// MaxAttempts and MaxBackoff tune the adaptive retryer.
	MaxAttempts int
	MaxBackoff  time.Duration

	// observeRetry, when set, sees each backoff the retryer chooses; tests
	// use it to count the attempts and measure the delays.
	observeRetry func(attempt int, delay time.Duration)
}

// HTTPClient sends requests; *http.Client is one. It is the SDK's own
// interface, named here so callers need not import the SDK.
type HTTPClient = aws.HTTPClient

// Client is an Account backed by aws-sdk-go-v2.
type Client struct {
	cfg      aws.Config
	opts     Options
	identity Identity

	mu   sync.Mutex
	kmsc map[string]*kms.Client
}

var _ Account = (*Client)(nil)

// Load reads the standard AWS configuration (profiles, SSO, environment,
// credential process) and asks STS who the caller is. It fails with an
// *Error when there are no credentials, they have expired, or the account
// cannot be reached.
func Load(ctx context.Context, opts Options) (*Client, error) {
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = DefaultCallTimeout
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	loaders := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return newRetryer(opts) }),
	}
	if opts.Profile != "" {
		loaders = append(loaders, config.WithSharedConfigProfile(opts.Profile))
	}
	if opts.Region != "" {
		loaders = append(loaders, config.WithRegion(opts.Region))
	}
	if opts.HTTPClient != nil {
		loaders = append(loaders, config.WithHTTPClient(opts.HTTPClient))
	}
	if opts.Credentials != nil {
		loaders = append(loaders, config.WithCredentialsProvider(opts.Credentials))
	}
	if opts.Endpoint != "" {
		loaders = append(loaders, config.WithBaseEndpoint(opts.Endpoint))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loaders...)
	if err != nil {
		return nil, configError(err, opts.Profile)
	}
	if cfg.Region == "" {
		return nil, &Error{Kind: KindNoRegion, Action: "sts:GetCallerIdentity",
			Message: "no region is configured: pass --region, set AWS_REGION, or give the profile a region"}
	}
	c := &Client{cfg: cfg, opts: opts, kmsc: map[string]*kms.Client{}}
	cctx, cancel := c.callContext(ctx)
	defer cancel()
	out, err := sts.NewFromConfig(cfg, func(o *sts.Options) { c.endpoint("sts", &o.BaseEndpoint) }).
		GetCallerIdentity(cctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, classify(err, "sts:GetCallerIdentity")
	}
	c.identity = Identity{
		Account: aws.ToString(out.Account),
		ARN:     aws.ToString(out.Arn),
		Region:  cfg.Region,
	}
	if a, ok := blueprint.ParseARN(c.identity.ARN); ok {
		c.identity.Partition = a.Partition
	}
	return c, nil
}

// configError explains a failure to read the shared configuration, which is
// almost always a profile that does not exist.
func configError(err error, profile string) error {
	var missing config.SharedConfigProfileNotExistError
	if errors.As(err, &missing) {
		return &Error{Kind: KindNoCredentials, Err: err,
			Message: fmt.Sprintf("profile %q is not in the AWS config or credentials file; run 'aws configure --profile %s' or 'aws configure sso'", profile, profile)}
	}
	return &Error{Kind: KindNoCredentials, Err: err, Message: "cannot read the AWS configuration: " + err.Error()}
}

// Identity returns the caller found by Load.
func (c *Client) Identity() Identity { return c.identity }

func (c *Client) callContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, c.opts.CallTimeout)
}

// endpoint overrides a service's base URL when Options.Endpoints names
// one. Otherwise the client keeps what the configuration resolved:
// Options.Endpoint, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, or the
// SDK's own endpoint.
func (c *Client) endpoint(prefix string, base **string) {
	if u, ok := c.opts.Endpoints[prefix]; ok {
		*base = aws.String(u)
	}
}

func (c *Client) region(r string) string {
	if r == "" {
		return c.cfg.Region
	}
	return r
}

func (c *Client) kms(region string) *kms.Client {
	region = c.region(region)
	c.mu.Lock()
	defer c.mu.Unlock()
	if k, ok := c.kmsc[region]; ok {
		return k
	}
	k := kms.NewFromConfig(c.cfg, func(o *kms.Options) {
		o.Region = region
		c.endpoint("kms", &o.BaseEndpoint)
	})
	c.kmsc[region] = k
	return k
}

func (c *Client) secrets() *secretsmanager.Client {
	return secretsmanager.NewFromConfig(c.cfg, func(o *secretsmanager.Options) { c.endpoint("secretsmanager", &o.BaseEndpoint) })
}

func (c *Client) ec2() *ec2.Client {
	return ec2.NewFromConfig(c.cfg, func(o *ec2.Options) { c.endpoint("ec2", &o.BaseEndpoint) })
}

func (c *Client) rds() *rds.Client {
	return rds.NewFromConfig(c.cfg, func(o *rds.Options) { c.endpoint("rds", &o.BaseEndpoint) })
}

func (c *Client) redshift() *redshift.Client {
	return redshift.NewFromConfig(c.cfg, func(o *redshift.Options) { c.endpoint("redshift", &o.BaseEndpoint) })
}

func (c *Client) lambda() *lambda.Client {
	return lambda.NewFromConfig(c.cfg, func(o *lambda.Options) { c.endpoint("lambda", &o.BaseEndpoint) })
}

func (c *Client) analyzer() *accessanalyzer.Client {
	return accessanalyzer.NewFromConfig(c.cfg, func(o *accessanalyzer.Options) {
		c.endpoint("access-analyzer", &o.BaseEndpoint)
	})
}

// newRetryer is the SDK's adaptive mode: exponential backoff with jitter
// for throttling and transient errors, plus a client-side rate limiter that
// slows every call down once the service starts throttling.
func newRetryer(opts Options) aws.Retryer {
	r := retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
		o.StandardOptions = append(o.StandardOptions, func(so *retry.StandardOptions) {
			so.MaxAttempts = opts.MaxAttempts
			so.MaxBackoff = opts.MaxBackoff
		})
	})
	if opts.observeRetry == nil {
		return r
	}
	return observedRetryer{r, opts.observeRetry}
}

type observedRetryer struct {
	*retry.AdaptiveMode
	observe func(int, time.Duration)
}

func (r observedRetryer) RetryDelay(attempt int, err error) (time.Duration, error) {
	d, e := r.AdaptiveMode.RetryDelay(attempt, err)
	if e == nil {
		r.observe(attempt, d)
	}
	return d, e
}
