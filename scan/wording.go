package scan

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// The rules live in blueprint and speak the design file's language
// (secret.kmsKeyArn, rotation). A finding on a template speaks the
// template's: the property or block to change and what to write there.
// This file is the one mapping from design fields to template properties,
// per format; Secret.Check applies it to every result of a template.

// templateFormat is the kind of template a secret was read from.
type templateFormat int

const (
	formatCloudFormation templateFormat = iota
	formatTerraform
)

func (s *Secret) format() templateFormat {
	if strings.HasPrefix(s.Type, "AWS::") {
		return formatCloudFormation
	}
	return formatTerraform
}

// templateProperties maps a design path (and the paths below it) to what
// CloudFormation and Terraform call it. The longest matching path wins;
// what lies below it is appended as the template writes it.
var templateProperties = []struct{ path, cfn, tf string }{
	{"secret", "AWS::SecretsManager::Secret", "aws_secretsmanager_secret"},
	{"secret.secretId", "Name", "name"},
	// A stack is created where it is deployed, so only the record
	// generate writes names a region; Terraform's is the resource's region
	// argument or its provider's.
	{"secret.region", "Metadata.secretsmith.region", "region"},
	// An existing secret is named by the resources that attach to it:
	// the policy's SecretId / secret_arn (a rotation's secret_id, below).
	{"secret.existingSecretArn", "SecretId", "secret_arn"},
	{"secret.kmsKeyArn", "KmsKeyId", "kms_key_id"},
	{"secret.replicaRegions", "ReplicaRegions", "replica"},
	{"secret.generateSecretString", "GenerateSecretString", "secret_string"},
	{"secret.generateSecretString.secretStringTemplate", "GenerateSecretString.SecretStringTemplate", "secret_string"},
	{"secret.generateSecretString.generateStringKey", "GenerateSecretString.GenerateStringKey", "secret_string"},
	{"secret.tags", "Tags", "tags"},
	{"secret.description", "Description", "description"},
	{"secret.recoveryWindowDays", "DeletionPolicy", "recovery_window_in_days"},
	// The keys of the secret's JSON: SecretString when the template
	// writes the value down (Secret.templatePath).
	{"secret.database", "GenerateSecretString.SecretStringTemplate", "secret_string"},
	{"secret.database.targetType", "AWS::SecretsManager::SecretTargetAttachment.TargetType", "secret_string"},
	{"secret.database.targetId", "AWS::SecretsManager::SecretTargetAttachment.TargetId", "secret_string"},
	{"key.enableKeyRotation", "EnableKeyRotation", "enable_key_rotation"},
	{"resourcePolicy", "AWS::SecretsManager::ResourcePolicy", "aws_secretsmanager_secret_policy"},
	{"resourcePolicy.blockPublicPolicy", "BlockPublicPolicy", "block_public_policy"},
	{"resourcePolicy.statements", "ResourcePolicy.Statement", "policy.Statement"},
	{"rotation", "AWS::SecretsManager::RotationSchedule", "aws_secretsmanager_secret_rotation"},
	{"rotation.automaticallyAfterDays", "RotationRules.AutomaticallyAfterDays", "rotation_rules.automatically_after_days"},
	{"rotation.scheduleExpression", "RotationRules.ScheduleExpression", "rotation_rules.schedule_expression"},
	{"rotation.duration", "RotationRules.Duration", "rotation_rules.duration"},
	{"rotation.rotationLambdaArn", "RotationLambdaARN", "rotation_lambda_arn"},
	{"rotation.rotateImmediately", "RotateImmediatelyOnUpdate", "rotate_immediately"},
	// A Terraform hosted rotation is the published application's stack
	// (aws_serverlessapplicationrepository_cloudformation_stack): its
	// application_id and parameters, as a CloudFormation
	// AWS::Serverless::Application's are (Secret.templatePath).
	{"rotation.hostedRotationLambda", "HostedRotationLambda", "parameters"},
	{"rotation.hostedRotationLambda.rotationType", "HostedRotationLambda.RotationType", "application_id"},
	{"rotation.hostedRotationLambda.rotationLambdaName", "HostedRotationLambda.RotationLambdaName", "parameters.functionName"},
	// The VPC the design makes an interface endpoint in, and the endpoint
	// a template records from its design (endpointIn).
	{"rotation.hostedRotationLambda.vpcId", "AWS::EC2::VPCEndpoint.VpcId", "aws_vpc_endpoint.vpc_id"},
	{"rotation.hostedRotationLambda.vpcCidr", "AWS::EC2::SecurityGroup.SecurityGroupIngress.CidrIp", "aws_vpc_security_group_ingress_rule.cidr_ipv4"},
	{"rotation.hostedRotationLambda.endpoint", "Metadata.secretsmith.rotationEndpoint", "parameters.endpoint"},
	{"rotation.hostedRotationLambda.vpcSubnetIds", "HostedRotationLambda.VpcSubnetIds", "parameters.vpcSubnetIds"},
	{"rotation.hostedRotationLambda.vpcSecurityGroupIds", "HostedRotationLambda.VpcSecurityGroupIds", "parameters.vpcSecurityGroupIds"},
	{"rotation.hostedRotationLambda.masterSecretArn", "HostedRotationLambda.MasterSecretArn", "parameters.masterSecretArn"},
	{"rotation.hostedRotationLambda.kmsKeyArn", "HostedRotationLambda.KmsKeyArn", "parameters.kmsKeyArn"},
	{"rotation.function.vpcConfig", "VpcConfig", "vpc_config"},
	{"monitoring", "AWS::Events::Rule", "aws_cloudwatch_event_rule"},
	{"monitoring.alertEmail", "AWS::SNS::Subscription.Endpoint", "aws_sns_topic_subscription.endpoint"},
	{"monitoring.alertTopicArn", "AWS::Events::Rule.Targets", "aws_cloudwatch_event_target.arn"},
	{"monitoring.configRules", "AWS::Config::ConfigRule", "aws_config_config_rule"},
	{"monitoring.rotationFailureAlert", "AWS::Events::Rule (failed rotations)", "aws_cloudwatch_event_rule (failed rotations)"},
	{"monitoring.changeAlert", "AWS::Events::Rule (changes)", "aws_cloudwatch_event_rule (changes)"},
}

// templateFixes says, per rule, what to write in each format, where the
// design's advice names design fields.
var templateFixes = map[blueprint.RuleID]struct{ cfn, tf string }{
	blueprint.RuleGeneratedValue: {
		"let Secrets Manager generate it: GenerateSecretString with the connection keys in SecretStringTemplate",
		"let Secrets Manager generate it: an ephemeral aws_secretsmanager_random_password written through secret_string_wo"},
	blueprint.RuleCustomerManagedKey: {
		"set KmsKeyId to a customer managed key, such as an AWS::KMS::Key of this template",
		"set kms_key_id to a customer managed key, such as an aws_kms_key of this configuration"},
	blueprint.RuleBlockPublicPolicy: {
		"set BlockPublicPolicy: true on the AWS::SecretsManager::ResourcePolicy",
		"set block_public_policy = true on the aws_secretsmanager_secret_policy"},
	blueprint.RuleRotationEnabled: {
		"add an AWS::SecretsManager::RotationSchedule for the secret with RotationRules that rotate it at least every 30 days",
		"add an aws_secretsmanager_secret_rotation for the secret with rotation_rules that rotate it at least every 30 days"},
	blueprint.RuleRotationWithin30Days: {
		"set RotationRules.AutomaticallyAfterDays to 30 or fewer, or a ScheduleExpression such as rate(30 days)",
		"set rotation_rules { automatically_after_days = 30 } or fewer, or a schedule_expression such as rate(30 days)"},
	blueprint.RuleRotationFailureAlert: {
		"add an AWS::Events::Rule that matches aws.secretsmanager RotationFailed events, with an AWS::SNS::Topic people subscribe to as its target",
		"add an aws_cloudwatch_event_rule that matches aws.secretsmanager RotationFailed events, with an aws_cloudwatch_event_target to an aws_sns_topic people subscribe to"},
	blueprint.RuleRecoveryWindow: {
		"set DeletionPolicy: Retain and UpdateReplacePolicy: Retain on the AWS::SecretsManager::Secret",
		"set recovery_window_in_days to 7-30, or leave it out for 30"},
	blueprint.RuleTagsPresent: {
		"add Tags, such as Key: owner with the team's name",
		"add tags, such as owner = the team's name"},
}

// templatePath is what the template calls a design path.
func templatePath(f templateFormat, path string) string {
	best := -1
	for i, m := range templateProperties {
		if (path == m.path || blueprint.PathUnder(path, m.path)) && (best < 0 || len(m.path) > len(templateProperties[best].path)) {
			best = i
		}
	}
	if best < 0 {
		return path
	}
	m := templateProperties[best]
	name := m.tf
	if f == formatCloudFormation {
		name = m.cfn
	}
	rest := path[len(m.path):]
	if k, ok := strings.CutSuffix(rest, ".kmsKeyArn"); ok && m.path == "secret.replicaRegions" {
		// A replica's key: KmsKeyId / kms_key_id, as the secret's.
		if f == formatCloudFormation {
			return name + k + ".KmsKeyId"
		}
		return name + k + ".kms_key_id"
	}
	if m.path == "secret.tags" || m.path == "secret.database" {
		// The secret's JSON keys are the rotation function's, read as
		// written: host, username.
		// A tag's key is the template's own: Tags["app.kubernetes.io/name"].
		return name + rest
	}
	if strings.HasPrefix(m.path, "resourcePolicy.statements") {
		// Statement[0].principal: IAM's own capitalised keys.
		rest = capitalizeSteps(rest)
	} else if f == formatCloudFormation {
		rest = capitalizeSteps(rest)
	}
	return name + rest
}

// templatePath is what this secret's template calls a design path: an
// existing secret that only a Terraform rotation names is its secret_id,
// and the keys of a value a CloudFormation template writes down are
// SecretString's.
func (s *Secret) templatePath(path string) string {
	if path == "secret.existingSecretArn" && s.Type == "aws_secretsmanager_secret_rotation" {
		return "secret_id"
	}
	if s.fromApp && s.format() == formatCloudFormation && blueprint.PathUnder(path, "rotation.hostedRotationLambda") {
		// A CloudFormation AWS::Serverless::Application of the published
		// rotation app has no HostedRotationLambda: its Location and
		// Parameters are what Terraform's stack of the same app calls
		// application_id and parameters. (The endpoint's VPC and range
		// are other resources', named alike in both.)
		p := templatePath(formatTerraform, path)
		if rest, ok := strings.CutPrefix(p, "parameters"); ok && path != "rotation.hostedRotationLambda" {
			return "Parameters" + rest
		}
		switch {
		case path == "rotation.hostedRotationLambda":
			return "AWS::Serverless::Application"
		case p == "application_id":
			return "Location.ApplicationId"
		}
	}
	p := templatePath(s.format(), path)
	if (s.valueKeys != "" || s.valueUnread != "") && s.format() == formatCloudFormation {
		if rest, ok := strings.CutPrefix(p, "GenerateSecretString.SecretStringTemplate"); ok && (path == "secret.database" || blueprint.PathUnder(path, "secret.database")) {
			return "SecretString" + rest
		}
	}
	return p
}

// messagePathRE finds what may be a design-file path inside a message's
// text: a key of the design's top level, then keys and list indexes
// ("run the function in the VPC of a listed endpoint
// (rotation.hostedRotationLambda.vpcSubnetIds)").
var messagePathRE = regexp.MustCompile(`\b(?:secret|rotation|monitoring|resourcePolicy)(?:\.[a-z][A-Za-z]*|\[[^\]\s]*\])+`)

// designPaths are the design file's paths (designfile.Paths), list
// indexes written [].
var designPaths = func() map[string]bool {
	out := map[string]bool{}
	for _, p := range designfile.Paths() {
		out[p] = true
	}
	return out
}()

// isDesignPath reports whether path, with any list indexes, is a key of
// the design file or a key of its tags.
func isDesignPath(path string) bool {
	return designPaths[anyIndexRE.ReplaceAllString(path, "[]")] || (blueprint.PathUnder(path, "secret.tags") && path != "secret.tags")
}

// anyIndexRE finds the list indexes of a path as rules write them: [2],
// [*], [i].
var anyIndexRE = regexp.MustCompile(`\[[^\]]*\]`)

// speakPaths puts, in place of each design-file path a message names in
// its text, what this secret's template calls it: the rules word their
// advice for the design file, and a template's reader has none. Text that
// only looks like a path (a host name such as secret.example.com) is kept,
// and so is a path the message says is a design's ("a template generated
// from a design that gives rotation.hostedRotationLambda.endpoint").
func (s *Secret) speakPaths(msg string) string {
	if !strings.Contains(msg, ".") {
		return msg
	}
	var b strings.Builder
	last := 0
	for _, m := range messagePathRE.FindAllStringIndex(msg, -1) {
		p := msg[m[0]:m[1]]
		if !isDesignPath(p) || designsOwn.MatchString(msg[:m[0]]) {
			continue
		}
		b.WriteString(msg[last:m[0]])
		b.WriteString(s.templatePath(p))
		last = m[1]
	}
	if last == 0 {
		return msg
	}
	b.WriteString(msg[last:])
	return b.String()
}

// designsOwn ends the text before a path that a message names as a
// design's own.
var designsOwn = regexp.MustCompile(`design(?:'s| file's| that gives) $`)

// capitalizeSteps writes .principal[0] as .Principal[0]: each step of the
// design's own fields becomes the capitalised property name IAM and
// CloudFormation use, while a key the template chose is kept as written: an
// index or quoted key (["app.kubernetes.io/name"]) and whatever follows
// .condition (its operators and keys).
func capitalizeSteps(rest string) string {
	var b strings.Builder
	for rest != "" {
		if rest[0] == '[' {
			n := bracketLen(rest)
			b.WriteString(rest[:n])
			rest = rest[n:]
			continue
		}
		end := strings.IndexAny(rest[1:], ".[") + 1
		if end == 0 {
			end = len(rest)
		}
		step := rest[:end]
		rest = rest[end:]
		if len(step) > 1 && step[0] == '.' && step[1] >= 'a' && step[1] <= 'z' {
			step = "." + strings.ToUpper(step[1:2]) + step[2:]
		}
		b.WriteString(step)
		if step == ".Condition" {
			b.WriteString(rest)
			break
		}
	}
	return b.String()
}

// bracketLen is the length of the index or quoted key ([3], ["a.b"]) at
// the start of s, or of s when it is not closed.
func bracketLen(s string) int {
	if len(s) > 1 && s[1] == '"' {
		if q, err := strconv.QuotedPrefix(s[1:]); err == nil && strings.HasPrefix(s[1+len(q):], "]") {
			return len(q) + 2
		}
	}
	if i := strings.IndexByte(s, ']'); i >= 0 {
		return i + 1
	}
	return len(s)
}

// speakTemplate rewrites a result of the design's rules in the template's
// words: each finding names the template's property and says what to write
// there; a rule the template's format cannot express is not applicable.
func (s *Secret) speakTemplate(r blueprint.RuleResult) blueprint.RuleResult {
	f := s.format()
	switch {
	case r.Rule.ID == blueprint.RuleChangeAlert && r.Status == blueprint.StatusNotMet && !s.changeRule:
		// Alerts on changes are usually made once for the account, not
		// in each template; only a template's own rule is judged.
		what := "template"
		if f == formatTerraform {
			what = "configuration"
		}
		return blueprint.RuleResult{Rule: r.Rule, Status: blueprint.StatusNotApplicable,
			Note: "no EventBridge rule of this " + what + " watches changes to the secret; alerts on changes are usually set up once for the account, outside it"}
	}
	r.Note = s.speakPaths(r.Note)
	if len(r.Findings) == 0 {
		return r
	}
	out := r
	out.Findings = make([]blueprint.Finding, len(r.Findings))
	for i, fd := range r.Findings {
		msg := fd.Message
		if r.Rule.ID == blueprint.RuleCustomerManagedKey && s.defaultKey && fd.Path == "secret.kmsKeyArn" {
			msg = "is not set, so Secrets Manager encrypts the secret with the AWS managed key; " + templateFixes[r.Rule.ID].cfn
		}
		if r.Rule.ID == blueprint.RuleRecoveryWindow && f == formatCloudFormation {
			// A CloudFormation template cannot set a recovery window: the
			// stack deletes its secret unless the DeletionPolicy keeps
			// it, and AWS does not document a window for that deletion.
			// The rule is the blueprint's, as in the wizard; only its
			// words are the template's.
			msg = "is not Retain, so deleting the stack deletes the secret, and AWS documents no recovery window to restore it in"
		}
		if fix, ok := templateFixes[r.Rule.ID]; ok {
			head, _, _ := strings.Cut(msg, "; ")
			msg = head + "; " + fix.tf
			if f == formatCloudFormation {
				msg = head + "; " + fix.cfn
			}
		}
		msg = s.speakPaths(msg)
		label := s.templatePath(fd.Path)
		if label != fd.Path {
			if s.templatePaths == nil {
				s.templatePaths = map[string]string{}
			}
			s.templatePaths[label] = fd.Path
		}
		fd.Path, fd.Message = label, msg
		out.Findings[i] = fd
	}
	return out
}

// Problem is one of Validate's problems with a value the template writes
// down: what the wizard shows at the field when it opens the secret,
// placed at the template's line and named as the template names it.
type Problem struct {
	Pos Pos
	// Path is the template's property or block (KmsKeyId, secret_string).
	Path     string
	Severity blueprint.Severity
	Message  string
}

// String renders "FILE:LINE:COL: Path: message", with "warning: " before
// a warning's message.
func (p Problem) String() string {
	sev := ""
	if p.Severity == blueprint.SeverityWarning {
		sev = "warning: "
	}
	return p.Pos.String() + ": " + p.Path + ": " + sev + p.Message
}

// Problems are blueprint.Validate's problems with the design the wizard
// opens for this secret (ForImport's), for the values the template
// itself writes down: a field the template does not set, or sets to a
// value not known before deployment, has no problem of its own here
// (what a design needs and a template leaves to CloudFormation or the
// provider is not the template's mistake), and a field whose value a
// rule of report already finds fault with is reported there, once. No
// message repeats a value that may be secret material.
func (s *Secret) Problems(report blueprint.Report) []Problem {
	if s.readValid() {
		// ForImport only empties values and moves valid ones: a design
		// valid as read has no problem there either (TestReadValidAgrees).
		return nil
	}
	return s.problems(report)
}

// problems is Problems without the shortcut for a design valid as read.
func (s *Secret) problems(report blueprint.Report) []Problem {
	d, unknown := s.ForImport()
	ps := d.Validate()
	if len(ps) == 0 {
		return nil
	}
	f := s.format()
	found := map[string]bool{}
	var templateFindings []string
	for _, r := range report.Results {
		for _, fd := range r.Findings {
			found[fd.Path] = true
			if fd.Path == jsonTemplatePath || fd.Path == templatePath(s.format(), jsonTemplatePath) {
				templateFindings = append(templateFindings, fd.Message)
			}
		}
	}
	hidden := secretMaterialValues(d)
	var out []Problem
	for _, p := range ps {
		if !s.writes(p.Path) && !s.pairedProperty(f, p.Path) {
			continue
		}
		if _, ok := unknown.Covers(p.Path); ok {
			continue
		}
		if needsUnknown(p, unknown) {
			continue
		}
		name := s.templatePath(p.Path)
		if (found[name] || found[p.Path]) && (p.Path != jsonTemplatePath || sameKey(p.Message, templateFindings)) {
			continue
		}
		if name != p.Path {
			if s.templatePaths == nil {
				s.templatePaths = map[string]string{}
			}
			s.templatePaths[name] = p.Path
		}
		out = append(out, Problem{Pos: s.Locate(p.Path), Path: name, Severity: p.Severity, Message: speakWords(f, s.speakPaths(redact(p.Message, hidden)))})
	}
	return foldProblems(out)
}

// jsonTemplatePath is the secret's JSON template, which holds many values:
// a rule's finding there about one key (generated-value's "apikey") does
// not stand for a problem of another (a refused masterarn), which was
// hidden behind it (trial7b V23).
const jsonTemplatePath = "secret.generateSecretString.secretStringTemplate"

// quotedRE finds the quoted keys a finding names.
var quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// sameKey reports whether problem names a key that one of findings
// names: then it is the same fault, said once, by the rule.
func sameKey(problem string, findings []string) bool {
	for _, f := range findings {
		for _, q := range quotedRE.FindAllString(f, -1) {
			k, err := strconv.Unquote(q)
			if err == nil && (strings.Contains(problem, q) || strings.Contains(problem, " "+k+" ")) {
				return true
			}
		}
	}
	return false
}

// needsUnknown reports whether problem p only says that a field beside it
// is missing ("need vpcSubnetIds: ..."), where the template writes that
// field with a value not known before deployment: the field is there, and
// what it holds is the rules' to call cannot verify, not a problem.
func needsUnknown(p blueprint.Problem, unknown blueprint.Unknowns) bool {
	head, _, _ := strings.Cut(p.Message, ":")
	named, ok := strings.CutPrefix(head, "need ")
	if !ok {
		named, ok = strings.CutPrefix(head, "needs ")
	}
	dot := strings.LastIndexByte(p.Path, '.')
	if !ok || dot < 0 {
		return false
	}
	for _, w := range designWordRE.FindAllString(named, -1) {
		if _, ok := unknown.Covers(p.Path[:dot+1] + w); ok {
			return true
		}
	}
	return false
}

// foldProblems makes the problems that say the same thing at the same
// place of the template, for entries of one list (replica[0].region,
// replica[1].region ...), one problem at the first entry that says how
// many more it stands for and the last: a dynamic block that writes one
// wrong value into a thousand replicas is one line to fix, and was a
// thousand lines of report.
func foldProblems(ps []Problem) []Problem {
	if len(ps) < 2 {
		return ps
	}
	type key struct {
		pos      Pos
		shape    string
		severity blueprint.Severity
		message  string
	}
	type group struct {
		first, n int
		last     string
	}
	groups := map[key]*group{}
	out := ps[:0:0]
	for _, p := range ps {
		k := key{p.Pos, indexRE.ReplaceAllString(p.Path, "[]"), p.Severity, p.Message}
		if g, ok := groups[k]; ok && k.shape != p.Path {
			g.n++
			g.last = p.Path
			continue
		}
		groups[k] = &group{first: len(out)}
		out = append(out, p)
	}
	for _, g := range groups {
		if g.n > 0 {
			out[g.first].Message += fmt.Sprintf(" (and %d more like it, up to %s)", g.n, g.last)
		}
	}
	return out
}

// indexRE finds the list indexes of a path.
var indexRE = regexp.MustCompile(`\[\d+\]`)

// designWordRE finds the names of design fields in a message.
var designWordRE = regexp.MustCompile(`\b[a-z][A-Za-z]+\b`)

// templateWords maps the name of a design field, as Validate's messages
// name it (secretId, automaticallyAfterDays), to the template's, per
// format: the last step of each path of templateProperties, where that
// step and the template's are plain names and the field maps one way only.
// A one-word field (tags, description, database) is left alone: in a
// message it is as often an English word; so is a name as plain as
// Terraform's "parameters" (of a rotation application), and a property of
// another resource (the alert subscription's Endpoint), whose name alone
// does not say where it is.
var templateWords = func() [2]map[string]string {
	out := [2]map[string]string{{}, {}}
	plain := regexp.MustCompile(`^[A-Za-z_]+$`)
	clash := [2]map[string]bool{{}, {}}
	for _, m := range templateProperties {
		word := m.path[strings.LastIndexByte(m.path, '.')+1:]
		for f, name := range [2]string{m.cfn, m.tf} {
			owner, _, _ := strings.Cut(name, ".")
			name = name[strings.LastIndexByte(name, '.')+1:]
			if !plain.MatchString(word) || !plain.MatchString(name) || strings.ToLower(word) == word || name == "parameters" {
				continue
			}
			if name != owner && (strings.Contains(owner, "::") || strings.HasPrefix(owner, "aws_")) {
				// A property of another resource (the alert topic's
				// subscription Endpoint, the endpoint's VpcId): alone,
				// its name says nothing of where it is.
				continue
			}
			if prev, ok := out[f][word]; ok && prev != name {
				clash[f][word] = true
			}
			out[f][word] = name
		}
	}
	for f := range out {
		for w, name := range out[f] {
			if clash[f][w] || name == w {
				delete(out[f], w)
			}
		}
	}
	return out
}()

// speakWords renames the design fields a message names to the
// template's properties.
func speakWords(f templateFormat, msg string) string {
	words := templateWords[f]
	return designWordRE.ReplaceAllStringFunc(msg, func(w string) string {
		if t, ok := words[w]; ok {
			return t
		}
		return w
	})
}

// readValid reports whether the design as read, less the AWS managed key
// a template that names none stands for, has no problem at all: check
// calls Problems for every secret, and most are valid, which Validate
// tells without building the wizard's copy.
func (s *Secret) readValid() bool {
	sec := &s.Design.Secret
	if !s.defaultKey {
		return len(s.Design.Validate()) == 0
	}
	key := sec.KMSKeyARN
	sec.KMSKeyARN = ""
	ok := len(s.Design.Validate()) == 0
	sec.KMSKeyARN = key
	return ok
}

// writes reports whether the template sets the design path, a field
// below it, or the list path is an entry of ([0] of a condition's values):
// a list's entries are read with the list and not recorded one by one, so
// a value the validation refuses (ESC in a condition value) was dropped
// as one the template does not write (trial8b X1).
func (s *Secret) writes(path string) bool {
	if _, ok := s.Fields[path]; ok {
		return true
	}
	if list, ok := listOf(path); ok {
		if _, ok := s.Fields[list]; ok {
			return true
		}
	}
	for k := range s.Fields {
		if blueprint.PathUnder(k, path) {
			return true
		}
	}
	return false
}

// listOf returns the path of the list that path, ending in an index
// ([3]), is an entry of.
func listOf(path string) (string, bool) {
	i := strings.LastIndexByte(path, '[')
	if i <= 0 || !strings.HasSuffix(path, "]") || i+2 > len(path)-1 {
		return "", false
	}
	for _, c := range path[i+1 : len(path)-1] {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return path[:i], true
}

// pairedProperty reports whether path, which the template does not write,
// is one CloudFormation refuses to go without because of another the
// template does write: a GenerateStringKey needs the SecretStringTemplate
// its generated password is added to (the documentation says so; the other
// way round it does not), so the missing template is the template's
// mistake, reported at the GenerateSecretString it belongs in. Terraform
// has no such pair.
func (s *Secret) pairedProperty(f templateFormat, path string) bool {
	return f == formatCloudFormation && path == "secret.generateSecretString.secretStringTemplate" &&
		s.writes("secret.generateSecretString.generateStringKey")
}

// secretMaterialValues are the values of d that may be secret material
// pasted where it does not belong: the text values of the
// secretStringTemplate, the description and the tags' values.
func secretMaterialValues(d *blueprint.Design) []string {
	out := []string{d.Secret.Description}
	for _, t := range d.Secret.Tags {
		out = append(out, t.Value)
	}
	if g := d.Secret.GenerateSecretString; g != nil && g.SecretStringTemplate != "" {
		var m map[string]any
		if json.Unmarshal([]byte(g.SecretStringTemplate), &m) == nil {
			for _, v := range m {
				if x, ok := v.(string); ok {
					out = append(out, x)
				}
			}
		} else {
			out = append(out, g.SecretStringTemplate)
		}
	}
	return out
}

// redact replaces each value of hidden (of four bytes or more: shorter
// ones are words of the message as often as values) in msg.
func redact(msg string, hidden []string) string {
	for _, h := range hidden {
		if len(h) >= 4 && strings.Contains(msg, h) {
			msg = strings.ReplaceAll(msg, h, "(not shown: it may be secret material)")
		}
	}
	return msg
}
