package blueprint

import "strings"

// CurrentVersion is the only design-file version this build understands.
// It is bumped when a key changes meaning, never when one is added.
const CurrentVersion = 1

// DefaultRecoveryWindowDays is what Secrets Manager and Terraform use when no
// recovery window is given.
const DefaultRecoveryWindowDays = 30

// Design is everything secretsmith needs to write one secret: the secret
// itself, who may use it, how it rotates, who hears when rotation fails, and
// which blueprint rules the team has chosen to waive.
//
// A Design is plain data. It is filled in by the wizard or by loading a design
// file, checked by Validate and Check, and turned into templates by generate.
type Design struct {
	// Version is the design-file format version; see CurrentVersion.
	Version int
	// Name labels the design in generated headers and file names. When empty,
	// DisplayName derives one from the Secret Id.
	Name string

	Secret         Secret
	ResourcePolicy *ResourcePolicy
	Rotation       *Rotation
	Monitoring     Monitoring
	Waivers        []Waiver
	// Output is where the templates were last written, or nil; see
	// Output. It does not change what is generated.
	Output *Output
}

// Secret describes either a secret secretsmith creates (SecretID set) or an
// existing one that only gets a policy and rotation (ExistingSecretARN set).
// Exactly one of the two is set in a valid design.
type Secret struct {
	// SecretID is the name of the secret to create, such as prod/payments/db.
	SecretID string
	// ExistingSecretARN points at a secret that already exists. The fields
	// that only make sense at creation (key, generated value, tags, replicas,
	// recovery window) must then be left empty.
	ExistingSecretARN string
	// Region is the primary region. Optional: when empty it is read from the
	// ARNs in the design, and generated templates deploy wherever they are run.
	Region string
	// Description is stored unencrypted, so it must never hold secret material.
	Description string
	// KMSKeyARN is the customer managed key that encrypts the secret: a key
	// ARN, alias ARN, key id, mrk- id or alias name. Empty means "create a
	// dedicated key with rotation on".
	KMSKeyARN string
	// RecoveryWindowDays is how long a deleted secret can be restored. Nil
	// means DefaultRecoveryWindowDays; 0 means delete without recovery.
	RecoveryWindowDays *int
	// GenerateSecretString says how Secrets Manager generates the value.
	// There is deliberately no field for a literal value.
	GenerateSecretString *GenerateSecretString
	// Tags are kept in the order written; generators sort them.
	Tags []Tag
	// ReplicaRegions copy the secret to other regions, each with its own key.
	ReplicaRegions []Replica
	// Database is the database a hosted rotation function connects to.
	// generate writes it into the secret's JSON, beside the engine (from the
	// rotation type) and masterarn (for multi-user rotation). Nil means the
	// design says nothing about it, which the database-connection rule
	// flags for hosted rotation.
	Database *Database
}

// Database says where the database behind a secret is: either Host (and
// Port) or TargetType and TargetID, the database resource itself, whose
// host and port Secrets Manager or Terraform then look up.
type Database struct {
	// Host is the database's DNS name or IP address.
	Host string
	// Port 0 means the engine's default port (RotationType.DefaultPort).
	Port int
	// DBName is the database to connect to; Oracle and Db2 need one.
	DBName string
	// Username is the user whose password the secret holds.
	Username string
	// TargetType is one of DatabaseTargetTypes, such as AWS::RDS::DBCluster.
	TargetType string
	// TargetID is the identifier of the database instance or cluster.
	TargetID string
}

// HasTarget reports whether the database is given as a resource to attach
// rather than as a host.
func (db *Database) HasTarget() bool {
	return db != nil && (db.TargetType != "" || db.TargetID != "")
}

// GenerateSecretString mirrors the CloudFormation property of the same name.
// Pointers distinguish "not set" (the service default) from an explicit value.
type GenerateSecretString struct {
	SecretStringTemplate    string
	GenerateStringKey       string
	PasswordLength          *int
	ExcludeCharacters       string
	ExcludeLowercase        *bool
	ExcludeUppercase        *bool
	ExcludeNumbers          *bool
	ExcludePunctuation      *bool
	IncludeSpace            *bool
	RequireEachIncludedType *bool
}

// Tag is one key/value tag on the secret.
type Tag struct {
	Key   string
	Value string
}

// Replica is one replica region and the key that encrypts the secret there.
type Replica struct {
	Region    string
	KMSKeyARN string
}

// ResourcePolicy is the policy attached to the secret itself.
type ResourcePolicy struct {
	// BlockPublicPolicy nil means true: secretsmith always asks Secrets
	// Manager to reject broad policies unless told otherwise.
	BlockPublicPolicy *bool
	Statements        []Statement
}

// BlocksPublicPolicy reports the effective BlockPublicPolicy setting.
func (p *ResourcePolicy) BlocksPublicPolicy() bool {
	return p == nil || p.BlockPublicPolicy == nil || *p.BlockPublicPolicy
}

// Statement is one IAM policy statement. Exactly one of Principal and
// NotPrincipal is set, and exactly one of Action and NotAction.
type Statement struct {
	Sid          string
	Effect       string
	Principal    *Principal
	NotPrincipal *Principal
	Action       []string
	NotAction    []string
	// Resource is normally ["*"], which in a secret's policy means "this
	// secret". Empty means ["*"] too (see Resources): it is the only value
	// that works for a new secret, so a design file may leave it out.
	Resource  []string
	Condition []Condition
}

// Resources is the statement's effective Resource: Resource, or ["*"] when
// it is empty.
func (st *Statement) Resources() []string {
	if len(st.Resource) == 0 {
		return starResource
	}
	return st.Resource
}

var starResource = []string{"*"}

// Principal is an IAM principal block. Wildcard is the bare "*" form; the
// other fields hold the values under their keys, in the order written.
type Principal struct {
	Wildcard  bool
	AWS       []string
	Service   []string
	Federated []string
}

// IsEveryone reports whether the principal matches any caller: "*" or an AWS
// list containing "*".
func (p *Principal) IsEveryone() bool {
	if p == nil {
		return false
	}
	if p.Wildcard {
		return true
	}
	for _, v := range p.AWS {
		if v == "*" {
			return true
		}
	}
	return false
}

// Condition is one operator/key/values row of a statement's Condition block.
// Rows are kept flat, in the order written, because that is how people edit
// them; generators group them back by operator.
type Condition struct {
	Operator string
	Key      string
	Values   []string
}

// Rotation is the rotation schedule and the function that rotates.
// Exactly one of AutomaticallyAfterDays and ScheduleExpression is set, and
// exactly one of HostedRotationLambda and RotationLambdaARN.
type Rotation struct {
	AutomaticallyAfterDays int
	ScheduleExpression     string
	// Duration is the rotation window, such as 2h.
	Duration string
	// RotateImmediately nil means true, the service default.
	RotateImmediately    *bool
	HostedRotationLambda *HostedRotationLambda
	RotationLambdaARN    string
	// RotationLambdaRoleARN is the execution role of the function at
	// RotationLambdaARN. The key secretsmith creates lets it decrypt and
	// generate data keys through Secrets Manager; without it that key
	// would refuse the function, so it is required with RotationLambdaARN
	// when secretsmith creates the key.
	RotationLambdaRoleARN string
}

// HostedRotationLambda is a rotation function AWS builds from one of its
// templates, placed in the given VPC subnets.
type HostedRotationLambda struct {
	RotationType          string
	RotationLambdaName    string
	KMSKeyARN             string
	MasterSecretARN       string
	MasterSecretKMSKeyARN string
	VPCSubnetIDs          []string
	VPCSecurityGroupIDs   []string
	ExcludeCharacters     string
	// VPCID is the VPC of VPCSubnetIDs. With it, generate creates an
	// interface endpoint for Secrets Manager there, because the function
	// calls the Secrets Manager API from private subnets.
	VPCID string
	// VPCCIDR is the VPC's IPv4 or IPv6 CIDR block, such as 10.0.0.0/16,
	// given with VPCID. The endpoint secretsmith creates has private DNS,
	// so every Secrets Manager call made in the VPC goes to it; its
	// security group then admits HTTPS from the whole VPC, not only from
	// the function, or every other workload there times out.
	VPCCIDR string
	// Endpoint says how the function reaches Secrets Manager when
	// secretsmith creates no endpoint: EndpointExisting, EndpointNAT, or
	// the id of the VPC's existing endpoint (vpce-...), which then is the
	// function's aws:SourceVpce.
	Endpoint string
}

// ExistingEndpoint reports whether the function calls Secrets Manager
// through an interface endpoint the VPC already has: endpoint is existing
// or that endpoint's id.
func (h *HostedRotationLambda) ExistingEndpoint() bool {
	return h.Endpoint == EndpointExisting || h.EndpointID() != ""
}

// EndpointID is the id of the existing endpoint the function calls
// through, when the design gives it (endpoint: vpce-...), else "".
func (h *HostedRotationLambda) EndpointID() string {
	if strings.HasPrefix(h.Endpoint, "vpce-") {
		return h.Endpoint
	}
	return ""
}

// RecordedEndpoint is the endpoint a template records for the function
// (Endpoint), when the function runs in subnets and the template creates
// no endpoint there: a template has no property that says how the
// function reaches Secrets Manager, so generate writes the design's
// answer into the template's header (EndpointNote) for check to read back.
// It is "" when there is nothing to record.
func (h *HostedRotationLambda) RecordedEndpoint() string {
	if h == nil || h.VPCID != "" || len(h.VPCSubnetIDs) == 0 {
		return ""
	}
	return h.Endpoint
}

// EndpointNote is the header line that records a hosted rotation
// function's endpoint (RecordedEndpoint) in a template: in Terraform it is
// the record, which ReadEndpointNote reads back; in CloudFormation YAML it
// is for the reader only, since check reads Metadata.secretsmith.rotationEndpoint.
func EndpointNote(endpoint string) string {
	return endpointNoteHead + endpoint + endpointNoteTail
}

const (
	endpointNoteHead = "Rotation endpoint: "
	endpointNoteTail = " (the design's rotation.hostedRotationLambda.endpoint)"
)

// ReadEndpointNote returns the endpoint an EndpointNote line records, with
// any comment marker and spaces around it, when line is one and the
// endpoint is one ValidateEndpointMode takes.
func ReadEndpointNote(line string) (string, bool) {
	line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#/"))
	rest, ok := strings.CutPrefix(line, endpointNoteHead)
	if !ok {
		return "", false
	}
	ep, ok := strings.CutSuffix(rest, endpointNoteTail)
	if !ok || ValidateEndpointMode(ep) != nil {
		return "", false
	}
	return ep, true
}

// The values of HostedRotationLambda.Endpoint.
const (
	// EndpointExisting says the VPC already has an interface endpoint for
	// Secrets Manager with private DNS.
	EndpointExisting = "existing"
	// EndpointNAT says the subnets route to the internet through a NAT
	// gateway, so the public Secrets Manager endpoint is reachable.
	EndpointNAT = "nat"
)

// Monitoring says who hears about failed rotations and about changes to
// the secret. The zero value is the compliant default: both alerts on, to a
// topic secretsmith creates, and no AWS Config rules.
type Monitoring struct {
	// RotationFailureAlert nil means true.
	RotationFailureAlert *bool
	// AlertEmail, when set, is subscribed to the alert topic secretsmith
	// creates. Without it the topic is created anyway and its ARN is an
	// output, so people can subscribe later.
	AlertEmail string
	// AlertTopicARN sends the alerts to an existing SNS topic instead of one
	// secretsmith creates.
	AlertTopicARN string
	// ChangeAlert nil means true: an EventBridge rule that reports API calls
	// that change or remove the secret.
	ChangeAlert *bool
	// ConfigRules adds AWS Config managed rules scoped to the secret. It is
	// off by default because AWS Config needs a recorder in the region.
	ConfigRules bool
}

// FailureAlertOn reports the effective RotationFailureAlert setting.
func (m Monitoring) FailureAlertOn() bool {
	return m.RotationFailureAlert == nil || *m.RotationFailureAlert
}

// ChangeAlertOn reports the effective ChangeAlert setting.
func (m Monitoring) ChangeAlertOn() bool { return m.ChangeAlert == nil || *m.ChangeAlert }

// AlertsOn reports whether any alert goes to the alert topic.
func (m Monitoring) AlertsOn() bool { return m.FailureAlertOn() || m.ChangeAlertOn() }

// Waiver records a team's decision not to meet one rule, and why.
type Waiver struct {
	Rule   string
	Reason string
}

// CreatesKey reports whether secretsmith creates the secret's key: a new
// secret that names no key of its own.
func (d *Design) CreatesKey() bool { return !d.IsExisting() && d.Secret.KMSKeyARN == "" }

// IsExisting reports whether the design manages an existing secret.
func (d *Design) IsExisting() bool { return d.Secret.ExistingSecretARN != "" }

// DisplayName is Name, or one derived from the Secret Id (or the existing
// secret's name) by replacing every character outside [a-z0-9-] with a hyphen.
func (d *Design) DisplayName() string {
	if d.Name != "" {
		return d.Name
	}
	src := d.Secret.SecretID
	if src == "" {
		if a, ok := ParseARN(d.Secret.ExistingSecretARN); ok {
			src = strings.TrimPrefix(a.Resource, "secret:")
			if i := strings.LastIndexByte(src, '-'); i > 0 {
				src = src[:i]
			}
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(src) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	name := b.String()
	// The derived name obeys the name field's own limit (64), so the KMS
	// alias, stack name and file names made from it stay within theirs.
	if len(name) > MaxNameLength {
		name = name[:MaxNameLength]
	}
	name = strings.TrimSuffix(name, "-")
	if name == "" {
		return "secret"
	}
	return name
}

// MaxNameLength is the longest design name, given or derived (see
// docs/design-file.md, name).
const MaxNameLength = 64

// RecoveryWindow is the effective recovery window in days.
func (s *Secret) RecoveryWindow() int {
	if s.RecoveryWindowDays == nil {
		return DefaultRecoveryWindowDays
	}
	return *s.RecoveryWindowDays
}

// WaiverFor returns the waiver for rule id, if the design has one.
func (d *Design) WaiverFor(id string) (Waiver, bool) {
	for _, w := range d.Waivers {
		if w.Rule == id {
			return w, true
		}
	}
	return Waiver{}, false
}

// IdleWaivers are warnings at each waiver of d whose rule r finds nothing
// to waive: the rule is met, or says nothing about d, so the waiver has no
// effect and would go on hiding the rule once it breaks again. r is the
// report of d (a report of no rules finds none).
func (r Report) IdleWaivers(d *Design) Problems {
	var out Problems
	for i, w := range d.Waivers {
		res, ok := r.Result(RuleID(w.Rule))
		if !ok {
			continue
		}
		var why string
		switch res.Status {
		case StatusMet:
			why = " is met"
		case StatusNotApplicable:
			why = " does not apply to this design"
		default:
			continue
		}
		out = append(out, Problem{Path: IndexPath("waivers", i) + ".rule", Severity: SeverityWarning,
			Message: "rule " + w.Rule + why + "; this waiver has no effect: remove it"})
	}
	return out
}

// SuggestedRotationLambdaName derives a rotation function name from the
// design: its display name plus "-rotation", cut to Lambda's 64 characters.
// The wizard offers it and generators use it when none is given, so the same
// design always names its function the same way.
func (d *Design) SuggestedRotationLambdaName() string {
	const suffix = "-rotation"
	name := d.DisplayName()
	if len(name) > 64-len(suffix) {
		name = strings.TrimRight(name[:64-len(suffix)], "-")
	}
	return name + suffix
}
