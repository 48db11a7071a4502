package scan

import (
	"encoding/json"
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Result is what one file or configuration holds.
type Result struct {
	// Path is the file or directory read.
	Path string
	// Format is "cloudformation" or "terraform".
	Format string
	// Secrets are in the order their resources are written.
	Secrets []*Secret
	// Notices are what the reader could not follow (a nested stack whose
	// template is remote, a loop past its cap): what they hold is not
	// judged, and check says so.
	Notices []Notice
	// Included are the files read as nested stacks of a CloudFormation
	// template; check judges them as part of it, not again on their own.
	Included []string
}

// Secret is one Secrets Manager secret read back from a template, with
// everything that refers to it joined into one design.
type Secret struct {
	// ID is the logical id (CloudFormation) or resource address (Terraform).
	// A secret that the template only names by ARN is identified by that ARN.
	ID string
	// Type is the resource type that declares the secret, or names it.
	Type string
	// Pos is where that resource starts.
	Pos Pos
	// Design is the secret as a blueprint design. Values that could not be
	// known are left empty and listed in Unknown.
	Design *blueprint.Design
	// Unknown lists the design paths whose values could not be known.
	Unknown blueprint.Unknowns
	// Fields is where each design path was read from.
	Fields map[string]Pos
	// Resources are the ids of the resources joined into the design.
	Resources []string
	// Attachments describe the databases the secret is attached to.
	Attachments []string
	// WaivedBy says, per rule, which suppression in the template waives it.
	WaivedBy map[string]string

	overrides map[blueprint.RuleID]override
	// defaultKey says the template names no key, so Secrets Manager uses
	// the AWS managed one: Design says alias/aws/secretsmanager for the
	// rules, but no finding quotes it and an import names no key.
	defaultKey bool
	// defaultRecovery says why the secret's recovery window is the
	// default the template leaves it to (no DeletionPolicy): Design holds
	// that default, and an import marks it not read from the template.
	defaultRecovery string
	// unrecordedRegion says why the region of a CloudFormation secret is
	// not known: the template does not record the one its design pinned.
	// An import marks it not read unless an ARN of the design pins it.
	unrecordedRegion string
	// changeRule says an EventBridge rule of the template watches changes
	// to this secret, so change-alert is judged; templatePaths maps the
	// template's names in findings back to design paths, for Locate.
	changeRule bool
	// valueParam is the parameter a template's SecretString is taken
	// from, and valueNoEcho whether it is NoEcho: the value is then not
	// written into the template, but still handled by people.
	valueParam  string
	valueNoEcho bool
	// valueVar is the Terraform input variable, without a value in the
	// configuration, that a version's value is taken from.
	valueVar string
	// valueStored is the Terraform resource that makes a version's value
	// and keeps it in Terraform's state (a random_password resource).
	valueStored string
	// written says the CloudFormation template writes the secret's value
	// down (SecretString); writtenTemplate and writtenKey are what a
	// design keeps of it (writtenValue): its connection keys, never the
	// value.
	written                     bool
	writtenTemplate, writtenKey string
	// valueRef is the dynamic reference ({{resolve:...}}) a CloudFormation
	// SecretString takes its value from at deployment, and valueFrom where
	// that is.
	valueRef, valueFrom string
	// valueDynamic are the keys of a written JSON value given by a
	// dynamic reference, not kept by an import.
	valueDynamic []dynamicKey
	// valueKeys are, for a value the template writes down, the top-level
	// keys of its JSON that hold something, as a JSON object of true
	// (never the values: they are secret material), and valueUnread why
	// that value cannot be read; the database-connection rule reads them
	// as it reads a SecretStringTemplate.
	valueKeys, valueUnread string
	templatePaths          map[string]string
	// fromApp says the hosted rotation function is a CloudFormation
	// AWS::Serverless::Application of the published rotation app, named
	// by its Location and Parameters, not a HostedRotationLambda.
	fromApp bool
	// keyRole is the role the created key's policy lets generate data keys
	// (keyFunctionRole): your own rotation function's role.
	keyRole string
	// unverifiable, when set, says why no rule of the secret can pass or
	// fail: it is made by a loop whose items are not known.
	unverifiable string
	// fieldKeys are the keys of Fields in order, made once for the
	// LocateRule calls of every rule (Fields only grows, so a change of
	// length is a change of keys).
	fieldKeys []string
}

// override settles a rule the design cannot express: whether a key this
// template creates rotates, or whether the template's own rotation
// function runs in a VPC.
type override struct {
	status  blueprint.Status
	path    string
	message string
	note    string
}

func newSecret(id, typ string, pos Pos) *Secret {
	// A template alerts nobody unless it has the rules that do: the
	// design's "nil means on" defaults are for designs, not for templates.
	off, noChange := false, false
	return &Secret{
		ID: id, Type: typ, Pos: pos,
		Design: &blueprint.Design{Version: blueprint.CurrentVersion,
			Monitoring: blueprint.Monitoring{RotationFailureAlert: &off, ChangeAlert: &noChange}},
		Unknown:  blueprint.Unknowns{},
		Fields:   map[string]Pos{},
		WaivedBy: map[string]string{},
	}
}

// keyFunctionRole finds, in the policy of a key the template creates, the
// role the key lets generate data keys: only a rotation function writes a
// secret's value, so a role allowed kms:GenerateDataKey is the execution
// role of your own rotation function (rotation.rotationLambdaRoleArn;
// readers are allowed kms:Decrypt only). It returns "" when no statement,
// or more than one role, fits.
func keyFunctionRole(doc *value) string {
	role := ""
	for _, st := range doc.get("Statement").itemsOf() {
		if e, _ := scalar(st.get("Effect")); e != "Allow" {
			continue
		}
		gen := false
		acts := st.get("Action")
		for _, a := range append(acts.itemsOf(), acts) {
			if x, ok := scalar(a); ok && strings.HasPrefix(x, "kms:GenerateDataKey") {
				gen = true
			}
		}
		p := st.get("Principal").get("AWS")
		x, ok := scalar(p)
		if !gen || !ok || blueprint.ValidateRoleARN(x) != nil {
			continue
		}
		if role != "" && role != x {
			return ""
		}
		role = x
	}
	return role
}

// ownFunctionRole fills rotation.rotationLambdaRoleArn from the created
// key's policy, for your own rotation function.
func (s *Secret) ownFunctionRole() {
	if r := s.Design.Rotation; r != nil && r.RotationLambdaARN != "" && r.HostedRotationLambda == nil && r.RotationLambdaRoleARN == "" {
		r.RotationLambdaRoleARN = s.keyRole
	}
}

// Check judges the secret with the blueprint's rules: a rule that depends
// on a value the template does not fix is "cannot verify".
func (s *Secret) Check() blueprint.Report {
	unknown := s.Unknown
	if why, ok := databaseUnread(s.Design, s.Unknown); ok {
		unknown = maps.Clone(s.Unknown)
		unknown.Add("secret.database", why)
	}
	if s.valueUnread != "" {
		unknown = maps.Clone(unknown)
		unknown.Add("secret.database", "the secret's SecretString, which may name the database, is not read: "+s.valueUnread)
	}
	r := blueprint.CheckUnknown(s.Design, unknown)
	if s.valueKeys != "" {
		// The keys a written-down value holds connect as a template's do.
		d := s.Design.Clone()
		d.Secret.GenerateSecretString = &blueprint.GenerateSecretString{SecretStringTemplate: s.valueKeys}
		if db, ok := blueprint.CheckUnknown(d, unknown).Result(blueprint.RuleDatabaseConnection); ok {
			for i, res := range r.Results {
				if res.Rule.ID == blueprint.RuleDatabaseConnection {
					r.Results[i] = db
				}
			}
		}
	}
	for i, res := range r.Results {
		o, ok := s.overrides[res.Rule.ID]
		if !ok {
			continue
		}
		out := blueprint.RuleResult{Rule: res.Rule, Status: o.status, Note: o.note}
		if o.status == blueprint.StatusNotMet {
			out.Findings = []blueprint.Finding{{Rule: res.Rule.ID, Path: o.path, Message: o.message, Severity: res.Rule.Severity}}
			if w, ok := s.Design.WaiverFor(string(res.Rule.ID)); ok {
				out.Status, out.WaiverReason = blueprint.StatusWaived, w.Reason
			}
		}
		r.Results[i] = out
	}
	for i, res := range r.Results {
		r.Results[i] = s.speakTemplate(res)
	}
	if s.unverifiable != "" {
		for i, res := range r.Results {
			if res.Status == blueprint.StatusMet || res.Status == blueprint.StatusNotMet {
				r.Results[i] = blueprint.RuleResult{Rule: res.Rule, Status: blueprint.StatusCannotVerify, Note: s.unverifiable}
			}
		}
	}
	return r
}

// Locate returns where the design path was read from: the path itself, its
// nearest ancestor that was read, or the resource when neither was.
func (s *Secret) Locate(path string) Pos {
	if dp, ok := s.templatePaths[path]; ok {
		path = dp
	}
	for p := path; p != ""; p = parentPath(p) {
		if pos, ok := s.Fields[p]; ok {
			return pos
		}
	}
	return s.Pos
}

// LocateRule returns where a rule's result is decided: its first finding,
// or else the first of its inputs that the template sets.
func (s *Secret) LocateRule(res blueprint.RuleResult) Pos {
	if len(res.Findings) > 0 {
		return s.Locate(res.Findings[0].Path)
	}
	if o, ok := s.overrides[res.Rule.ID]; ok && o.path != "" {
		return s.Locate(o.path)
	}
	if res.Status == blueprint.StatusCannotVerify {
		// Point at the value that could not be known.
		for _, in := range blueprint.RuleInputs(res.Rule.ID) {
			for _, u := range sortedKeys(s.Unknown) {
				if blueprint.PathsOverlap(in, u) {
					return s.Locate(u)
				}
			}
		}
	}
	for _, in := range blueprint.RuleInputs(res.Rule.ID) {
		if pos, ok := s.Fields[in]; ok {
			return pos
		}
		// A field read below the input, such as the first statement.
		if len(s.fieldKeys) != len(s.Fields) {
			s.fieldKeys = sortedPosKeys(s.Fields)
		}
		for _, k := range s.fieldKeys {
			if blueprint.PathUnder(k, in) {
				return s.Fields[k]
			}
		}
	}
	for _, in := range blueprint.RuleInputs(res.Rule.ID) {
		for p := in; p != ""; p = parentPath(p) {
			if pos, ok := s.Fields[p]; ok {
				return pos
			}
		}
	}
	return s.Pos
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i <= 0 {
		return ""
	}
	return p[:i]
}

// waive records a suppression found in the template as a waiver of rule,
// unless the design already has one. A reason the template writes at at
// (a zero Pos for words secretsmith made up) is recorded as a field, so
// the validation's word on it (ESC in a reason, trial8b X1) is reported
// there as it is for the wizard's and generate's reasons.
func (s *Secret) waive(rule, reason, by string, at Pos) {
	if _, ok := s.Design.WaiverFor(rule); ok {
		return
	}
	if at != (Pos{}) {
		s.Fields[blueprint.IndexPath("waivers", len(s.Design.Waivers))+".reason"] = at
	}
	s.Design.Waivers = append(s.Design.Waivers, blueprint.Waiver{Rule: rule, Reason: reason})
	s.WaivedBy[rule] = by
}

// scannerRules maps a scanner's check id to the blueprint rules it mirrors.
func scannerRules(tool, id string) []string {
	var out []string
	for _, r := range blueprint.Rules() {
		for _, sc := range r.Scanners {
			if strings.EqualFold(sc.Tool, tool) && strings.EqualFold(sc.ID, id) && !slices.Contains(out, string(r.ID)) {
				out = append(out, string(r.ID))
			}
		}
	}
	return out
}

// field records where path was read from and, when v is unknown, that it is.
func (s *Secret) field(path string, at Pos, v *value) bool {
	if at.Line > 0 {
		s.Fields[path] = at
	}
	if v != nil && v.k == kUnknown {
		s.Unknown.Add(path, v.s)
		return false
	}
	return true
}

// str reads a string field.
func (s *Secret) str(path string, at Pos, v *value) string {
	if v == nil || !s.field(path, at, v) {
		return ""
	}
	if x, ok := scalar(v); ok {
		return x
	}
	if v.k == kRef {
		s.Unknown.Add(path, refText(v)+" is only known once it is deployed")
		return ""
	}
	s.Unknown.Add(path, "the value is not a string")
	return ""
}

// list reads a string or list of strings.
func (s *Secret) list(path string, at Pos, v *value) []string {
	if v == nil || !s.field(path, at, v) {
		return nil
	}
	if v.k != kSeq {
		if x := s.str(path, at, v); x != "" || v.k == kStr {
			return []string{x}
		}
		return nil
	}
	out := make([]string, 0, len(v.items))
	for i, it := range v.items {
		p := blueprint.IndexPath(path, i)
		if !s.field(p, it.pos, it) {
			out = append(out, "")
			continue
		}
		x, ok := scalar(it)
		if !ok {
			s.Unknown.Add(p, describeUnknown(it))
		}
		out = append(out, x)
	}
	return out
}

func (s *Secret) boolean(path string, at Pos, v *value) *bool {
	if v == nil || !s.field(path, at, v) {
		return nil
	}
	x, _ := scalar(v)
	switch strings.ToLower(x) {
	case "true":
		b := true
		return &b
	case "false":
		b := false
		return &b
	}
	s.Unknown.Add(path, "the value is not true or false")
	return nil
}

func (s *Secret) integer(path string, at Pos, v *value) *int {
	if v == nil || !s.field(path, at, v) {
		return nil
	}
	x, _ := scalar(v)
	x = strings.TrimSpace(x)
	n, err := strconv.Atoi(x)
	switch {
	case errors.Is(err, strconv.ErrRange):
		// A whole number too long to read: Atoi gives the largest or
		// smallest int, past every range, so the field's rule says its
		// range (blueprint.ValidateNumber) as for one in reach.
	case err != nil:
		f, ferr := strconv.ParseFloat(x, 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) <= math.MaxInt64 {
			s.Unknown.Add(path, "the value is not a whole number")
			return nil
		}
		// The same, written as Terraform writes a number past int64
		// (1e+20).
		n = math.MaxInt
		if f < 0 {
			n = math.MinInt
		}
	}
	return &n
}

func describeUnknown(v *value) string {
	switch v.k {
	case kUnknown:
		return v.s
	case kRef:
		return refText(v) + " is only known once it is deployed"
	}
	return "the value is not a string"
}

func refText(v *value) string {
	if v.attr != "" {
		return v.s + "." + v.attr
	}
	return v.s
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sortedPosKeys(m map[string]Pos) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// alarm joins a CloudWatch alarm whose dimensions name the secret. Secrets
// Manager publishes no metric for failed rotations, so whether the alarm
// hears about them depends on a metric filter secretsmith cannot see: when
// no EventBridge rule settles it, the alert rule cannot be verified rather
// than failed.
func (s *Secret) alarm(id string, at Pos) {
	s.Resources = append(s.Resources, id)
	if s.Design.Monitoring.FailureAlertOn() {
		return
	}
	s.Fields["monitoring.rotationFailureAlert"] = at
	s.Unknown.Add("monitoring.rotationFailureAlert", "the CloudWatch alarm "+id+" watches this secret; whether its metric counts failed rotations depends on a metric filter secretsmith does not read")
}

// configRule joins an AWS Config rule scoped to the secret (its
// ComplianceResourceId names it): the design's monitoring.configRules, so a
// template read and written again keeps its rules.
func (s *Secret) configRule(id string, at Pos) {
	s.Resources = append(s.Resources, id)
	if !s.Design.Monitoring.ConfigRules {
		s.Design.Monitoring.ConfigRules = true
		s.Fields["monitoring.configRules"] = at
	}
}

// alertTarget is where an EventBridge rule sends what it catches.
type alertTarget struct {
	topic        bool   // an SNS topic of the template or configuration
	topicARN     string // an existing topic, by ARN
	email        string // the first email address subscribed to the topic
	at           Pos
	emailUnknown string
	unknown      string // a target that cannot be known
}

// eventRuleMatch is one EventBridge rule, read from either kind of
// template, that watches failed rotations, calls that change a secret, or
// both.
type eventRuleMatch struct {
	id     string // the rule's logical id or resource address
	at     Pos
	cond   string // why the rule might not exist, when that is unknown
	target alertTarget
	// failure and change say what the rule's pattern watches; the ids are
	// the secrets each part names (nil: every secret), and missing the
	// change events the pattern leaves out.
	failure, change       bool
	failureIDs, changeIDs []*value
	missing               []string
}

// record notes on s whether the rule watches it; ref, name and arn are how
// a template can name s (its logical id or address, its Name, the ARN of an
// existing secret).
func (m eventRuleMatch) record(s *Secret, ref, name, arn string) {
	if m.failure {
		match, unknown := namesSecretIn(m.failureIDs, ref, name, arn)
		s.alertRule(false, m.id, m.at, match, unknown, m.cond, nil, m.target)
	}
	if m.change {
		match, unknown := namesSecretIn(m.changeIDs, ref, name, arn)
		s.alertRule(true, m.id, m.at, match, unknown, m.cond, m.missing, m.target)
	}
}

// namesSecretIn reports whether one of a rule's secret ids names the secret
// (no ids: every secret), and whether some id could not be known.
func namesSecretIn(ids []*value, ref, name, arn string) (match, unknown bool) {
	if ids == nil {
		return true, false
	}
	for _, id := range ids {
		switch {
		case id.k == kRef:
			if ref != "" && id.s == ref {
				return true, false
			}
		case id.k == kUnknown:
			unknown = true
		default:
			if lit, ok := scalar(id); ok && (namesSecret(lit, name) || (arn != "" && lit == arn)) {
				return true, false
			}
		}
	}
	return false, unknown
}

// alertRule joins an EventBridge rule that catches failed rotations
// (change false) or calls that change the secret (change true). match says
// the rule names this secret, unknown that it names secrets by values not
// known; cond, when set, says why the rule may not exist; missing lists the
// change events the rule leaves out.
func (s *Secret) alertRule(change bool, id string, at Pos, match, unknown bool, cond string, missing []string, t alertTarget) {
	if !match && !unknown {
		return
	}
	if change {
		s.changeRule = true
	}
	m := &s.Design.Monitoring
	path := "monitoring.rotationFailureAlert"
	if change {
		path = "monitoring.changeAlert"
		if m.ChangeAlertOn() {
			return
		}
	} else if m.FailureAlertOn() {
		return
	}
	s.Resources = append(s.Resources, id)
	on := true
	if change {
		m.ChangeAlert = &on
	} else {
		m.RotationFailureAlert = &on
	}
	s.Fields[path] = at
	switch {
	case unknown && !match:
		s.Unknown.Add(path, "the EventBridge rule "+id+" names secrets by values not known until deployment")
	case cond != "":
		s.Unknown.Add(path, cond)
	case t.unknown != "":
		s.Unknown.Add(path, t.unknown)
	case !t.topic && t.topicARN == "":
		if s.overrides == nil {
			s.overrides = map[blueprint.RuleID]override{}
		}
		rule := blueprint.RuleRotationFailureAlert
		if change {
			rule = blueprint.RuleChangeAlert
		}
		s.overrides[rule] = override{status: blueprint.StatusNotMet, path: path,
			message: "the EventBridge rule " + id + " sends its events to no SNS topic, so they reach nobody; add a topic people subscribe to as a target"}
	}
	if change && len(missing) > 0 {
		if s.overrides == nil {
			s.overrides = map[blueprint.RuleID]override{}
		}
		s.overrides[blueprint.RuleChangeAlert] = override{status: blueprint.StatusNotMet, path: path,
			message: "the EventBridge rule " + id + " leaves out " + strings.Join(missing, ", ") + "; watch every call that changes or removes the secret"}
	}
	if m.AlertEmail == "" && t.email != "" {
		m.AlertEmail = t.email
		s.Fields["monitoring.alertEmail"] = t.at
	}
	if t.emailUnknown != "" {
		s.Unknown.Add("monitoring.alertEmail", t.emailUnknown)
	}
	if m.AlertTopicARN == "" && t.topicARN != "" {
		m.AlertTopicARN = t.topicARN
		s.Fields["monitoring.alertTopicArn"] = t.at
	}
}

// judgeValue settles generated-value for a new secret the template gives no
// generated value: a design without generateSecretString means "generate
// 32 characters", but a template without one creates the secret empty, or
// with the literal it writes down.
func (s *Secret) judgeValue(literal bool, what string) {
	if s.Design.IsExisting() || s.Design.Secret.GenerateSecretString != nil {
		return
	}
	if _, unknown := s.Unknown["secret.generateSecretString"]; unknown {
		// Whether it generates one is not known: cannot verify.
		return
	}
	if s.overrides == nil {
		s.overrides = map[blueprint.RuleID]override{}
	}
	msg := "is missing: " + what + " generates no value, so the secret is created empty and someone sets its value by hand; let Secrets Manager generate it"
	switch {
	case s.valueParam != "" && s.valueNoEcho:
		msg = "is missing: the value comes from the NoEcho parameter " + s.valueParam + ", so whoever deploys the stack types it in or keeps it somewhere; let Secrets Manager generate it"
	case s.valueParam != "":
		msg = "is missing: the value comes from the parameter " + s.valueParam + ", which CloudFormation shows to anyone who can describe the stack; let Secrets Manager generate it"
	case s.valueStored != "":
		msg = "is missing: the value is made by " + s.valueStored + ", which Terraform keeps in plain text in its state and plan; let Secrets Manager generate it"
	case s.valueRef != "":
		msg = "is missing: the value is copied at deployment from " + s.valueFrom + " (" + s.valueRef + "), where someone set it by hand; let Secrets Manager generate it"
	case s.valueVar != "":
		msg = "is missing: the value comes from the variable " + s.valueVar + ", which has no value here, so whoever runs Terraform types it in or keeps it in a .tfvars file, and Terraform stores it in its state; let Secrets Manager generate it"
	case literal:
		msg = "is missing: the value is written into " + what + ", where everyone who reads it sees it; let Secrets Manager generate it"
	}
	s.overrides[blueprint.RuleGeneratedValue] = override{status: blueprint.StatusNotMet, path: "secret.generateSecretString", message: msg}
}

// EndpointUnknown is why rotation-reaches-secrets-manager cannot be
// verified for a hosted function in a VPC whose template makes no endpoint.
const EndpointUnknown = "the template creates no interface endpoint for Secrets Manager; whether the VPC has one, or a NAT route, cannot be seen from it"

// endpointIn settles how a hosted rotation function reaches Secrets
// Manager: the VPC of an interface endpoint for it in the same template;
// else the endpoint the template's header records from its design
// (recorded, at recordedAt: blueprint.EndpointNote, or
// Metadata.secretsmith.rotationEndpoint), which a VPC endpoint or NAT
// route made elsewhere needs to be seen; else unknown.
func (s *Secret) endpointIn(vpc string, at Pos, found bool, recorded string, recordedAt Pos) {
	r := s.Design.Rotation
	if r == nil || r.HostedRotationLambda == nil || len(r.HostedRotationLambda.VPCSubnetIDs) == 0 {
		return
	}
	if found {
		r.HostedRotationLambda.VPCID = vpc
		s.Fields["rotation.hostedRotationLambda.vpcId"] = at
		return
	}
	if recorded != "" && blueprint.ValidateEndpointMode(recorded) == nil {
		r.HostedRotationLambda.Endpoint = recorded
		s.Fields["rotation.hostedRotationLambda.endpoint"] = recordedAt
		return
	}
	s.Unknown.Add("rotation.hostedRotationLambda.vpcId", EndpointUnknown)
	s.Unknown.Add("rotation.hostedRotationLambda.endpoint", FunctionEndpointUnknown)
}

// FunctionEndpointUnknown is why a Deny by endpoint cannot be judged for a
// hosted function in a VPC whose template makes no endpoint: the function
// finds one by private DNS, and the template names none.
const FunctionEndpointUnknown = "the template does not record which Secrets Manager endpoint, if any, the rotation function's VPC has (the function finds it by private DNS), so whether a Deny by aws:SourceVpce admits the function cannot be seen from it; a template generated from a design that gives rotation.hostedRotationLambda.endpoint records it"

// vpcCIDR records the CIDR block the created endpoint admits, for a hosted
// function whose endpoint the template creates.
func (s *Secret) vpcCIDR(cidr string) {
	if r := s.Design.Rotation; cidr != "" && r != nil && r.HostedRotationLambda != nil && r.HostedRotationLambda.VPCID != "" {
		r.HostedRotationLambda.VPCCIDR = cidr
	}
}

// mentions reports whether any string in v contains sub.
func mentions(v *value, sub string) bool {
	if v == nil {
		return false
	}
	if strings.Contains(v.s, sub) || strings.Contains(v.raw, sub) {
		return true
	}
	for _, x := range v.vals {
		if mentions(x, sub) {
			return true
		}
	}
	for _, x := range v.items {
		if mentions(x, sub) {
			return true
		}
	}
	return false
}

// rotationApp reads a Serverless Application Repository application that
// AWS publishes for Secrets Manager rotation (its id ends in the
// application name of a rotation type, such as
// SecretsManagerRDSPostgreSQLRotationSingleUser) as the hosted rotation
// function it deploys, with its parameters; nil for any other
// application. ownKey says a kmsKeyArn names the secret's own key.
func (s *Secret) rotationApp(appID string, at Pos, params *value, ownKey func(*value) bool) *blueprint.HostedRotationLambda {
	var rt string
	for _, t := range blueprint.RotationTypes {
		if strings.HasSuffix(appID, "/"+t.AppName) {
			rt = t.Name
		}
	}
	if rt == "" {
		return nil
	}
	const base = "rotation.hostedRotationLambda."
	h := &blueprint.HostedRotationLambda{RotationType: rt}
	s.Fields[base+"rotationType"] = at
	get := func(k string) (*value, Pos) { return params.get(k), params.keyPos(k) }
	v, vat := get("functionName")
	h.RotationLambdaName = s.str(base+"rotationLambdaName", vat, v)
	if v, vat := get("kmsKeyArn"); v != nil {
		if v.k == kRef && ownKey(v) {
			s.Fields[base+"kmsKeyArn"] = vat
		} else {
			h.KMSKeyARN = s.refStr(base+"kmsKeyArn", vat, v)
		}
	}
	v, vat = get("masterSecretArn")
	h.MasterSecretARN = s.refStr(base+"masterSecretArn", vat, v)
	v, vat = get("masterSecretKmsKeyArn")
	h.MasterSecretKMSKeyARN = s.refStr(base+"masterSecretKmsKeyArn", vat, v)
	v, vat = get("vpcSubnetIds")
	h.VPCSubnetIDs = s.idList(base+"vpcSubnetIds", vat, v)
	v, vat = get("vpcSecurityGroupIds")
	h.VPCSecurityGroupIDs = s.idList(base+"vpcSecurityGroupIds", vat, v)
	v, vat = get("excludeCharacters")
	h.ExcludeCharacters = s.str(base+"excludeCharacters", vat, v)
	return h
}

// valueKeys is the top-level keys of the JSON object value that hold
// something, as a JSON object of true, or "{}" when value is not a JSON
// object: what a secret's written-down value gives the rotation function
// to connect with, without its values. What holds something is the
// blueprint's rule (FilledTemplateKeys), the one its literal-keys check
// uses, so {"host":{}} gives no host to either.
func valueKeys(value string) string {
	filled, ok := blueprint.FilledTemplateKeys(value)
	keys := map[string]bool{}
	if ok {
		for _, k := range filled {
			keys[k] = true
		}
	}
	b, _ := json.Marshal(keys)
	return string(b)
}
