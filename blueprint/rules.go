package blueprint

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Rule is one compliance rule of the secretsmith blueprint. Validate says
// whether a design can be deployed at all; the rules say whether it is a
// design the team should deploy. Each rule is written so the wizard can teach
// with it: Reason is the why, Meets is the how.
type Rule struct {
	// ID is stable and kebab-case, such as rotation-enabled. Design files
	// name it in waivers, so it is never renamed once released.
	ID RuleID
	// Concerns lists the resources the rule is about, best first: where a
	// template puts the rule's waiver (its comment, its scanner
	// suppressions) when the design breaks it. A generator takes the first
	// one its template has.
	Concerns []Concern
	// Inputs lists the design-file paths the rule's check reads (each with
	// the paths below it; [*] stands for any index), the one that decides
	// it first, since check reports point there. A rule cannot be met by a
	// value that does not validate: Report.WithValidation turns a met rule
	// into a finding while one of these paths has a validation error, and
	// CheckUnknown makes it cannot-verify while one is unknown.
	Inputs []string
	// Scope lists the design paths that decide whether the rule applies at
	// all, such as secret.existingSecretArn or rotation.exists (a path
	// ending in .exists stands for whether its parent is there). When one of
	// them cannot be known, not even a finding on a known value can be
	// trusted (see CheckUnknown).
	Scope []string
	Title string
	// Severity is SeverityError for rules a design must meet or waive, and
	// SeverityWarning for recommendations.
	Severity Severity
	// Reason says in plain words why the rule matters.
	Reason string
	// Meets says what a design must do to meet the rule.
	Meets string
	// Scanners lists the checks of common scanners that look at the same
	// thing, so a reviewer can match a scanner report to a rule.
	Scanners []ScannerCheck

	// scope reports whether the rule applies to d, and when it does not,
	// why. A nil scope means the rule always applies.
	scope func(d *Design) (applies bool, note string)
	// envScope, when set, makes the rule apply although scope says not,
	// when what the account says (CheckWith's Environment) lets it judge.
	envScope func(d *Design, env *Environment) bool
	// check returns one finding per thing in d that breaks the rule. Rule
	// and Severity are filled in by Check.
	check func(d *Design) []Finding
	// checkAccess, set instead of check, is a check that reads the
	// deployment walk-through (walk.go): Check builds it at most once for
	// all such rules. No such rule works out who can do what by itself.
	checkAccess func(d *Design, access *accessOnce) []Finding
	// checkEnv, set instead of check, is a check that reads what the
	// account says (CheckWith's Environment, nil for the design alone)
	// and not the walk-through.
	checkEnv func(d *Design, env *Environment) []Finding
	// effect, when set ("Allow" or "Deny"), says the rule reads only the
	// policy statements with that effect: a value not known in a statement
	// of the other effect does not keep it from being decided.
	effect string
}

// accessOnce is the deployment walk-through (and the access model under
// it) of the design one Check looks at, built on first use. Several rules
// read it, and it is by far the most expensive thing a rule derives from a
// design, so one Check builds it once.
type accessOnce struct {
	d *Design
	w *Walk
	// env is what the account says beyond the design (CheckWith), nil
	// for the design alone.
	env *Environment
}

// get returns the design's access model, building it the first time.
func (o *accessOnce) get() *Access { return o.walk().Access }

// walk returns the design's walk-through, building it the first time;
// its calls may not be laid out in Calls yet (Walk.cursor reads them).
func (o *accessOnce) walk() *Walk {
	if o.w == nil {
		o.w = o.d.walkWith(o.d.Access(), o.env)
	}
	return o.w
}

// ScannerCheck names a check of another tool that corresponds to a rule,
// such as {"Checkov", "CKV_AWS_149", "", AnyTemplate}. Note says how the two
// differ; Reads says which templates the check runs on, so a generator
// suppresses a waived rule's checks only where they would report it.
type ScannerCheck struct {
	Tool, ID, Note string
	Reads          Template
}

// Template is a set of kinds of template a scanner check reads.
type Template uint8

// The kinds of template. DeployedOnly is a check of deployed resources
// (AWS Config, Security Hub), which no template can suppress.
const (
	CloudFormationTemplate Template = 1 << iota
	TerraformTemplate

	DeployedOnly Template = 0
	AnyTemplate           = CloudFormationTemplate | TerraformTemplate
)

// ReadsTemplate reports whether the check runs on templates of kind t.
func (c ScannerCheck) ReadsTemplate(t Template) bool { return c.Reads&t != 0 }

// Concern is a part of the deployment a rule can be about.
type Concern uint8

// The resources rules are about. A template may lack one (an existing
// secret is not created, a rotation function is not hosted): then the next
// of a rule's Concerns is used.
const (
	// ConcernSecret is the secret itself.
	ConcernSecret Concern = iota + 1
	// ConcernKey is the KMS key secretsmith creates for the secret.
	ConcernKey
	// ConcernPolicy is the secret's resource policy.
	ConcernPolicy
	// ConcernRotation is the rotation schedule.
	ConcernRotation
	// ConcernRotationFunction is the hosted rotation function, where a
	// template declares it on its own.
	ConcernRotationFunction
	// ConcernAlert is the rotation failure alert.
	ConcernAlert
)

// RuleID names a rule. The IDs are part of the design-file format (waivers
// name them): they never change once released.
type RuleID string

// The blueprint's rules, in teaching order.
const (
	RuleGeneratedValue       RuleID = "generated-value"
	RuleCustomerManagedKey   RuleID = "customer-managed-key"
	RuleKeyRotationEnabled   RuleID = "key-rotation-enabled"
	RuleBlockPublicPolicy    RuleID = "block-public-policy"
	RuleNoPublicPrincipal    RuleID = "no-public-principal"
	RuleNoWildcardActions    RuleID = "no-wildcard-actions"
	RuleResourceThisSecret   RuleID = "resource-this-secret"
	RuleRotationEnabled      RuleID = "rotation-enabled"
	RuleRotationWithin30Days RuleID = "rotation-within-30-days"
	RuleRotationLambdaInVPC  RuleID = "rotation-lambda-in-vpc"
	// RuleRotationReachesSecretsManager, RuleDatabaseConnection and
	// RuleChangeAlert are defined in rules_rotation.go.
	RuleRotationFailureAlert RuleID = "rotation-failure-alert"
	RuleRecoveryWindow       RuleID = "recovery-window"
	RuleTagsPresent          RuleID = "tags-present"
	RuleNoSecretInMetadata   RuleID = "no-secret-in-metadata"
)

// Finding is one place where a design breaks a rule.
type Finding struct {
	// Rule is the ID of the rule broken.
	Rule RuleID
	// Path is the design-file path of the field at fault.
	Path     string
	Message  string
	Severity Severity
	// DependsOn is a design path, besides Path, whose value the finding
	// rests on (the rotation function's endpoint for a Deny by endpoint),
	// or "". Read back from a template that does not record it, the
	// finding cannot be verified (CheckUnknown).
	DependsOn string
	// Material is true when the finding is about a value the design
	// would write in plain text that may be secret material (a JSON
	// template's apikey). No waiver covers such a finding: a waiver
	// accepts a rule the team has weighed, and is no licence to write a
	// credential into files meant for version control (trial7a T3).
	Material bool
}

// Status is the outcome of one rule for one design.
type Status int

const (
	// StatusMet means the design meets the rule.
	StatusMet Status = iota
	// StatusNotMet means the design breaks the rule and has no waiver for it.
	StatusNotMet
	// StatusWaived means the design breaks the rule and the team has
	// recorded why that is acceptable.
	StatusWaived
	// StatusNotApplicable means the rule says nothing about this design,
	// for example rotation rules when nothing rotates.
	StatusNotApplicable
)

// String returns "met", "not met", "waived" or "not applicable".
func (s Status) String() string {
	switch s {
	case StatusMet:
		return "met"
	case StatusNotMet:
		return "not met"
	case StatusWaived:
		return "waived"
	case StatusNotApplicable:
		return "not applicable"
	case StatusCannotVerify:
		return "cannot verify"
	}
	return "status(" + strconv.Itoa(int(s)) + ")"
}

// RuleResult is the outcome of one rule.
type RuleResult struct {
	// Rule points at the blueprint's own rule, shared by every result of
	// it: read it, never change it. A pointer, as a result is made for
	// every rule at every check (the keystroke path), and the rule is
	// larger than the rest of the result.
	Rule   *Rule
	Status Status
	// Findings are kept when the rule is waived, so a review can still show
	// what the waiver covers.
	Findings []Finding
	// WaiverReason is the design's reason when Status is StatusWaived.
	WaiverReason string
	// Note explains a StatusNotApplicable result, such as a rotation
	// function secretsmith cannot inspect.
	Note string
	// Pending is the path of the field not answered yet that a pending
	// result waits for (its Note says so in the design's words), so a
	// screen can name the field by its label.
	Pending string
}

// Report is the outcome of every rule, in the order of Rules.
type Report struct {
	Results []RuleResult
	// access is the access model the rules read, shared with Access.
	access *accessOnce
}

// Access is the access model of the design Check looked at: the one its
// access rules read, or built now if none of them needed it, so a caller
// that shows it (the wizard's pane, generate's key policies) does not build
// it a second time. Call it before the design changes again. It is nil for
// a Report that Check did not make.
func (r Report) Access() *Access {
	if r.access == nil {
		return nil
	}
	return r.access.get()
}

// Walk is the deployment walk-through of the design Check looked at: the
// one its rules read, or built now if none of them needed it, with its
// calls laid out in Calls. The rules read the calls where the walk decided
// them; each call of Walk lays them out in a walk of its own (which shares
// the rest), so the report is never changed by asking and Check does not
// pay for an array of every call that only a view reads. It is nil for a
// Report that Check did not make.
func (r Report) Walk() *Walk {
	if r.access == nil {
		return nil
	}
	w := r.access.walk()
	if w.pending == nil {
		return w
	}
	laid := *w
	laid.layOut()
	return &laid
}

// Rules returns every rule in teaching order: where the value comes from,
// how it is encrypted, who may read it, how it rotates, how it is deleted,
// and how it is labelled. Callers must not modify the Scanners slices.
func Rules() []Rule { return slices.Clone(rules) }

// LookupRule returns the rule with the given ID, one of Rules or of
// DeployedRules (which a design may waive too).
func LookupRule(id RuleID) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	for _, r := range DeployedRules {
		if r.ID == id {
			return r.Rule, true
		}
	}
	return Rule{}, false
}

// Check runs every rule against d. It is cheap enough to run on every
// keystroke. A nil d is checked as an empty design.
func Check(d *Design) Report { return CheckWith(d, nil) }

// CheckWith is Check with what an AWS account says beyond the design (env,
// nil for nothing): the rules that read the deployment walk-through read
// it walked with env, so a key policy or a network path the account
// answers for is judged rather than left to the reader. secretsmith audit
// checks deployed secrets with it.
func CheckWith(d *Design, env *Environment) Report {
	if d == nil {
		d = &Design{}
	}
	// Each result is written in place: a RuleResult holds a copy of its
	// Rule, and building one to append it copied both again.
	results := make([]RuleResult, len(rules))
	access := &accessOnce{d: d, env: env}
	for i := range rules {
		checkRuleInto(&results[i], &rules[i], d, access)
	}
	return Report{Results: results, access: access}
}

// checkRuleInto writes the outcome of rule r for d into res.
func checkRuleInto(res *RuleResult, r *Rule, d *Design, access *accessOnce) {
	res.Rule = r
	if r.scope != nil {
		if ok, note := r.scope(d); !ok && (r.envScope == nil || access.env == nil || !r.envScope(d, access.env)) {
			res.Status = StatusNotApplicable
			res.Note = note
			return
		}
	}
	var fs []Finding
	switch {
	case r.checkEnv != nil:
		fs = r.checkEnv(d, access.env)
	case r.checkAccess != nil:
		fs = r.checkAccess(d, access)
	default:
		fs = r.check(d)
	}
	if len(fs) == 0 {
		res.Status = StatusMet
		return
	}
	for i := range fs {
		fs[i].Rule = r.ID
		fs[i].Severity = r.Severity
	}
	res.Findings = fs
	res.Status = StatusNotMet
	if w, ok := d.WaiverFor(string(r.ID)); ok && waivable(fs) {
		res.Status = StatusWaived
		res.WaiverReason = w.Reason
	}
}

// waivable reports whether a waiver may cover findings fs, marking those
// that no waiver covers (Finding.Material) with the reason when it may
// not: the user who waived the rule is told why the rule still fails.
func waivable(fs []Finding) bool {
	ok := true
	for i := range fs {
		if fs[i].Material {
			fs[i].Message += "; a waiver does not cover this: secret material is never written to a file"
			ok = false
		}
	}
	return ok
}

// Result returns the result of the rule with the given ID.
func (r Report) Result(id RuleID) (RuleResult, bool) {
	for _, res := range r.Results {
		if res.Rule.ID == id {
			return res, true
		}
	}
	return RuleResult{}, false
}

// Blocking returns the findings that stop templates from being written:
// those of error-severity rules that are not met and not waived.
func (r Report) Blocking() []Finding {
	var out []Finding
	for _, res := range r.Results {
		if res.Status == StatusNotMet && res.Rule.Severity == SeverityError {
			out = append(out, res.Findings...)
		}
	}
	return out
}

// Problems returns the findings of rules that are not met, as Problems with
// Rule set, so they can be shown beside Validate's problems. Waived findings
// are left out: the team has already decided about them.
func (r Report) Problems() Problems {
	var out Problems
	for _, res := range r.Results {
		if res.Status != StatusNotMet {
			continue
		}
		for _, f := range res.Findings {
			out = append(out, Problem{Path: f.Path, Severity: f.Severity, Message: f.Message, Rule: string(f.Rule)})
		}
	}
	return out
}

// ProblemsAfter returns validation followed by the report's problems,
// leaving out a rule finding on a field that already has an error of its own
// in validation: an AWS managed key is both an invalid value and a broken
// customer-managed-key rule, but the person typing it needs one message.
func (r Report) ProblemsAfter(validation Problems) Problems {
	out := append(Problems(nil), validation...)
	for _, p := range r.Problems() {
		dup := false
		for _, v := range validation {
			if v.Severity == SeverityError && v.Path == p.Path {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}

// WithValidation returns the report with every met rule that reads a path
// holding a validation error (see Rule.Inputs) made not met, with a finding
// at that path. Check reads the design as it is, and a value that does not
// validate, such as an empty tag key or a malformed subnet id, can satisfy a
// rule's check by accident; the checklist must not call that met. The
// finding sits on the invalid field, where ProblemsAfter leaves it out in
// favour of the field's own error. A rule whose only such errors are at
// fields not answered yet (Design.Unanswered) is pending instead, not
// applicable until they are: an answer still to give is no failure.
func (r Report) WithValidation(validation Problems) Report {
	out := r
	out.Results = slices.Clone(r.Results)
	var d *Design
	if r.access != nil {
		d = r.access.d
	}
	for i, res := range out.Results {
		if res.Status == StatusNotMet {
			if waits, ok := unfinishedStatement(res, validation, d); ok {
				out.Results[i].Status, out.Results[i].Findings = StatusNotApplicable, nil
				out.Results[i].Note, out.Results[i].Pending = "pending: "+waits.Path+" is not answered yet", waits.Path
			}
			continue
		}
		if res.Status != StatusMet {
			continue
		}
		bad, waits := firstErrorUnder(validation, res.Rule.Inputs, d)
		switch {
		case bad.Path != "":
			out.Results[i].Status = StatusNotMet
			out.Results[i].Findings = []Finding{{Rule: res.Rule.ID, Path: bad.Path, Severity: res.Rule.Severity,
				Message: "is not valid, so this rule cannot be checked yet"}}
		case waits.Path != "":
			out.Results[i].Status = StatusNotApplicable
			out.Results[i].Note, out.Results[i].Pending = "pending: "+waits.Path+" is not answered yet", waits.Path
		}
	}
	return out
}

// unfinishedStatement reports whether every finding of res lies in one
// statement that the rule reads and that is still being filled in: one
// with a field not answered yet among the rule's inputs and no input that
// holds a wrong answer. Its findings then judge a statement not written
// yet (the "Deny everything outside my VPC endpoint" shortcut, its
// exception still empty, denied the rotation function: trial 8a's W1), so
// the rule waits for it, as one whose only errors are unanswered does. A
// finding anywhere else still fails the rule: an unfinished statement
// never hides another's failure.
func unfinishedStatement(res RuleResult, validation Problems, d *Design) (Problem, bool) {
	if d == nil || d.ResourcePolicy == nil || len(res.Findings) == 0 {
		return Problem{}, false
	}
	for i := range d.ResourcePolicy.Statements {
		base := StatementPath(i)
		if !slices.ContainsFunc(res.Findings, func(f Finding) bool { return PathUnder(f.Path, base) }) {
			continue
		}
		if slices.ContainsFunc(res.Findings, func(f Finding) bool { return !PathUnder(f.Path, base) }) {
			return Problem{}, false
		}
		var mine Problems
		for _, p := range validation {
			if PathUnder(p.Path, base) {
				mine = append(mine, p)
			}
		}
		bad, waits := firstErrorUnder(mine, res.Rule.Inputs, d)
		return waits, bad.Path == "" && waits.Path != ""
	}
	return Problem{}, false
}

// firstErrorUnder returns the first error in ps at or below one of paths
// at a field d answers (bad), and else the first at a field d leaves
// unanswered (waits); a nil d answers every field.
func firstErrorUnder(ps Problems, paths []string, d *Design) (bad, waits Problem) {
	for _, p := range ps {
		if p.Severity != SeverityError || !slices.ContainsFunc(paths, func(base string) bool { return PathUnder(p.Path, base) }) {
			continue
		}
		if d == nil || !d.Unanswered(p.Path) {
			return p, Problem{}
		}
		if waits.Path == "" {
			waits = p
		}
	}
	return Problem{}, waits
}

// maxRotationDays is the blueprint's rotation limit, stricter than the 90
// days the scanners accept.
const (
	maxRotationDays     = 30
	maxRotationInterval = maxRotationDays * 24 * time.Hour
)

var rules = []Rule{
	{
		ID:       RuleGeneratedValue,
		Inputs:   []string{"secret.generateSecretString"},
		Scope:    []string{"secret.existingSecretArn"},
		Concerns: []Concern{ConcernSecret},
		Title:    "Secret values are generated, never written down",
		Severity: SeverityError,
		Reason: "A secret value that a person types into a template, a design file or a terminal ends up in " +
			"places that are not secret: version control, CloudFormation parameters, Terraform state and shell " +
			"history. When Secrets Manager generates the value itself, nobody ever sees it and it exists only " +
			"inside the secret. The JSON template around the generated value is stored in the templates " +
			"too, so it may hold the connection (engine, host, port, dbname, username, masterarn), but never " +
			"a password, a key or anything else that could be secret.",
		Meets: "A new secret's value is generated: generateSecretString left out (a 32-character value) or " +
			"set. Its secretStringTemplate, when set, gives non-empty values only to the connection keys " +
			"engine, host, port, dbname, username and masterarn (and the identifiers a target attachment " +
			"adds), at the top level; every other key is empty or left out. An existing secret already has " +
			"a value, so the rule does not apply to it.",
		scope: newSecretOnly("the secret already exists and keeps its current value; rotation replaces it"),
		check: checkGeneratedValue,
	},
	{
		ID:       RuleCustomerManagedKey,
		Inputs:   []string{"secret.kmsKeyArn", "secret.replicaRegions"},
		Scope:    []string{"secret.existingSecretArn"},
		Concerns: []Concern{ConcernSecret},
		Title:    "The secret is encrypted with a customer managed KMS key",
		Severity: SeverityError,
		Reason: "Secrets Manager encrypts every secret with a KMS key. The default key, aws/secretsmanager, " +
			"is managed by AWS: anyone in the account who may call Secrets Manager may use it, its key policy " +
			"cannot be changed, and it cannot be used from another account. A customer managed key has a key " +
			"policy you write, so decrypting the secret needs permission on both the secret and the key, and " +
			"you can share the secret with another account or switch the key off in an emergency.",
		Meets: "secret.kmsKeyArn is empty, in which case secretsmith creates a dedicated key for the secret, or " +
			"names a customer managed key (key ARN, key id, alias ARN or alias name) that is not an aws/ alias. " +
			"A replica region's kmsKeyArn is likewise empty or a customer managed key in that region: left " +
			"empty, Terraform creates a key there (rotation on, the same key policy); CloudFormation cannot, " +
			"as one stack deploys to one region, so for CloudFormation each replica must name its key. The " +
			"rule does not apply to an existing secret, whose key secretsmith does not manage.",
		Scanners: []ScannerCheck{
			{"Checkov", "CKV_AWS_149", "fails when the key is missing or contains aws/", AnyTemplate},
			{"Trivy", "AVD-AWS-0098", "also called AWS-0098; fails when the key is missing or is alias/aws/secretsmanager", AnyTemplate},
			{"Guard", "SECRETSMANAGER_USING_CMK", "AWS Guard Rules Registry", CloudFormationTemplate},
			{"cfn_nag", "W77", "asks for KmsKeyId to be set explicitly", CloudFormationTemplate},
			{"AWS Config", "secretsmanager-using-cmk", "checks deployed secrets", DeployedOnly},
		},
		scope: newSecretOnly("secretsmith does not manage the key of an existing secret; check in the console that it is not aws/secretsmanager"),
		check: checkCustomerManagedKey,
	},
	{
		ID:       RuleKeyRotationEnabled,
		Inputs:   []string{"secret.kmsKeyArn"},
		Scope:    []string{"secret.existingSecretArn"},
		Concerns: []Concern{ConcernKey, ConcernSecret},
		Title:    "Keys that secretsmith creates rotate every year",
		Severity: SeverityError,
		Reason: "Rotating a KMS key means KMS makes new key material once a year and uses it for new " +
			"encryption, while keeping the old material so older secret versions can still be decrypted. " +
			"Nothing changes for the secret or for the people who use it, and it limits how much data any " +
			"one piece of key material protects. Scanners flag customer managed keys that do not rotate.",
		Meets: "When secret.kmsKeyArn is empty, secretsmith creates the key and always turns its rotation on " +
			"(EnableKeyRotation in CloudFormation, enable_key_rotation in Terraform), so the rule is met; so it " +
			"does on the key Terraform creates for a replica region that names none. When you name your own " +
			"key, its rotation is set where the key is managed, and the rule does not apply, except in " +
			"secretsmith audit, which reads whether the key of a deployed secret rotates.",
		Scanners: []ScannerCheck{
			{"Checkov", "CKV_AWS_7", "on the KMS key resource", AnyTemplate},
			{"Trivy", "AVD-AWS-0065", "on the KMS key resource", AnyTemplate},
		},
		scope: func(d *Design) (bool, string) {
			if !createsKey(d) {
				return false, "secretsmith does not create the key; check that rotation is on where the key is managed"
			}
			return true, ""
		},
		// The key a deployed secret uses, when the account says whether
		// it rotates (secretsmith audit reads GetKeyRotationStatus).
		envScope: func(d *Design, env *Environment) bool {
			return !d.IsExisting() && givenKey(d.Secret.KMSKeyARN) && env.KeyRotation != nil
		},
		// The generator always enables rotation on the key it creates; its
		// tests hold it to that promise.
		checkEnv: func(d *Design, env *Environment) []Finding {
			if createsKey(d) || env == nil || env.KeyRotation == nil || *env.KeyRotation {
				return nil
			}
			return []Finding{{Path: "secret.kmsKeyArn", Message: "is a customer managed key that does not rotate, as the account says; " +
				"turn on its automatic rotation (aws kms enable-key-rotation) where the key is managed"}}
		},
	},
	{
		ID:       RuleBlockPublicPolicy,
		Inputs:   []string{"resourcePolicy.blockPublicPolicy"},
		Scope:    []string{"resourcePolicy.exists"},
		Concerns: []Concern{ConcernPolicy},
		Title:    "Secrets Manager rejects resource policies that open the secret to everyone",
		Severity: SeverityError,
		Reason: "A resource policy attached to a secret can grant access to other accounts, and one mistake, " +
			"such as a principal of \"*\", can grant it to every AWS account in the world. With " +
			"BlockPublicPolicy on, Secrets Manager checks every policy with an automated reasoning tool before " +
			"saving it and refuses one that allows broad access. Without it, CloudFormation and Terraform " +
			"save whatever they are given.",
		Meets: "resourcePolicy.blockPublicPolicy is true or left out (secretsmith turns it on by default). The " +
			"rule does not apply when the design has no resource policy.",
		scope: needsPolicy,
		check: func(d *Design) []Finding {
			if d.ResourcePolicy.BlocksPublicPolicy() {
				return nil
			}
			return []Finding{{
				Path:    "resourcePolicy.blockPublicPolicy",
				Message: "is false, so Secrets Manager would save a policy that opens the secret to everyone; set it to true",
			}}
		},
	},
	{
		ID: RuleNoPublicPrincipal,
		Inputs: []string{"resourcePolicy.statements[*].principal", "resourcePolicy.statements[*].notPrincipal",
			"resourcePolicy.statements[*].condition", "resourcePolicy.statements[*].effect"},
		Scope:    []string{"resourcePolicy.exists"},
		Concerns: []Concern{ConcernPolicy},
		Title:    "Statements that allow everyone are limited by a fixed condition",
		Severity: SeverityError,
		Reason: "A principal of \"*\" (or {AWS: \"*\"}) in an Allow statement means any caller from any AWS " +
			"account. That is only safe when a condition pins the caller to something you own, with fixed " +
			"values: your VPC endpoint, your VPC, your account, your organization or an exact role ARN. A " +
			"pattern such as arn:aws:iam::*:role/app does not pin anything, nor do negated operators " +
			"(StringNotEquals) or ...IfExists operators, which also match callers that do not send the key. " +
			"NotPrincipal with Allow is worse still: it allows everyone except the few it lists.",
		Meets: "Every Allow statement with principal \"*\" has a condition on aws:SourceVpce, aws:SourceVpc, " +
			"aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:PrincipalArn or aws:PrincipalAccount " +
			"with StringEquals, StringEqualsIgnoreCase, ArnEquals, StringLike or ArnLike (or their ForAnyValue: " +
			"forms) and only fixed values, with no * or ? and no policy variables. No Allow statement uses " +
			"NotPrincipal. Better still, name the principals themselves.",
		scope:  needsStatements,
		check:  checkPublicPrincipal,
		effect: "Allow",
	},
	{
		ID:       RuleNoWildcardActions,
		Inputs:   []string{"resourcePolicy.statements[*].action", "resourcePolicy.statements[*].notAction", "resourcePolicy.statements[*].effect"},
		Scope:    []string{"resourcePolicy.exists"},
		Concerns: []Concern{ConcernPolicy},
		Title:    "Allow statements list the exact actions they grant",
		Severity: SeverityError,
		Reason: "An action of \"*\" or secretsmanager:* grants every action on the secret, including reading " +
			"it, deleting it, changing its policy and turning rotation off. Patterns such as " +
			"secretsmanager:Get* grow silently when AWS adds actions, and NotAction grants everything except " +
			"what it lists. Least privilege means naming the few actions a caller needs, such as " +
			"secretsmanager:GetSecretValue and secretsmanager:DescribeSecret for an application that reads " +
			"the secret.",
		Meets: "No Allow statement has an action containing * or ?, and no Allow statement uses NotAction. Deny " +
			"statements may use wildcards: denying too much is safe.",
		scope:  needsStatements,
		check:  checkWildcardActions,
		effect: "Allow",
	},
	{
		ID:       RuleResourceThisSecret,
		Inputs:   []string{"resourcePolicy.statements[*].resource"},
		Scope:    []string{"resourcePolicy.exists"},
		Concerns: []Concern{ConcernPolicy},
		Title:    "Statements use Resource \"*\", meaning this secret",
		Severity: SeverityWarning,
		Reason: "In a policy attached to a secret, Resource \"*\" means \"this secret\" and nothing else: a " +
			"secret's policy can never grant access to another resource. Naming the secret's ARN instead is " +
			"fragile, because the ARN ends in six random characters that are only known once the secret " +
			"exists. Secrets Manager refuses a policy whose resource is anything but the secret, so secretsmith " +
			"reports any other value as an error when it validates the design. The one other value it accepts, " +
			"an existing secret's own ARN, gets this warning: \"*\" says the same and keeps working if the " +
			"secret is ever re-created.",
		Meets: "Every statement's resource list is exactly [\"*\"].",
		scope: needsStatements,
		check: checkResourceStar,
	},
	{
		ID:       RuleRotationEnabled,
		Scope:    []string{"rotation.exists"},
		Concerns: []Concern{ConcernSecret, ConcernRotation},
		Title:    "The secret rotates automatically",
		Severity: SeverityError,
		Reason: "A credential that never changes stays useful to anyone who has ever seen it: a former " +
			"colleague, a log file, a leaked backup. Automatic rotation makes Secrets Manager replace the " +
			"value on a schedule, using a Lambda function that changes it in the database or service too, so " +
			"a leaked value stops working on its own without anyone having to notice the leak.",
		Meets: "The design has a rotation section with a schedule and a rotation function (a hosted rotation " +
			"Lambda that AWS builds, or the ARN of an existing one).",
		Scanners: []ScannerCheck{
			{"Checkov", "CKV2_AWS_57", "Terraform only", TerraformTemplate},
			{"Guard", "SECRETSMANAGER_ROTATION_ENABLED_CHECK", "AWS Guard Rules Registry; the schedule must name the secret with Ref", CloudFormationTemplate},
			{"AWS Config", "secretsmanager-rotation-enabled-check", "", DeployedOnly},
			{"Security Hub", "SecretsManager.1", "medium severity", DeployedOnly},
		},
		check: func(d *Design) []Finding {
			if d.Rotation != nil {
				return nil
			}
			return []Finding{{Path: "rotation", Message: "is missing; rotate the secret automatically, at least every 30 days"}}
		},
	},
	{
		ID:       RuleRotationWithin30Days,
		Inputs:   []string{"rotation.automaticallyAfterDays", "rotation.scheduleExpression"},
		Concerns: []Concern{ConcernRotation},
		Title:    "The secret rotates at least every 30 days",
		Severity: SeverityError,
		Reason: "The rotation interval is the longest time a leaked value keeps working. Scanners accept up to " +
			"90 days; the blueprint asks for 30, which is stricter. A monthly rotation keeps a leak short, and " +
			"when a rotation fails there is time to notice, fix it and rotate again well before any 90-day " +
			"check goes red. Rotating more often costs almost nothing: each rotation is a few Lambda calls.",
		Meets: "rotation.automaticallyAfterDays is at most 30, or rotation.scheduleExpression never leaves more " +
			"than 30 days between two rotations, such as rate(30 days), rate(7 days) or cron(0 4 ? * MON *). " +
			"A cron expression counts by its longest gap, so \"the 1st of every month\" (up to 31 days) is " +
			"too long; use rate(30 days) or a day of the week instead.",
		Scanners: []ScannerCheck{
			{"Checkov", "CKV_AWS_304", "Terraform only; allows up to 90 days and passes any cron expression", TerraformTemplate},
			{"AWS Config", "secretsmanager-rotation-enabled-check", "set maximumAllowedRotationFrequency to 30", DeployedOnly},
			{"AWS Config", "secretsmanager-secret-periodic-rotation", "maxDaysSinceRotation defaults to 90", DeployedOnly},
			{"Security Hub", "SecretsManager.4", "defaults to 90 days", DeployedOnly},
		},
		scope: checkableSchedule,
		check: checkRotationInterval,
	},
	{
		ID:       RuleRotationLambdaInVPC,
		Inputs:   []string{"rotation.hostedRotationLambda.vpcSubnetIds", "rotation.hostedRotationLambda.vpcSecurityGroupIds", "rotation.rotationLambdaArn"},
		Concerns: []Concern{ConcernRotationFunction, ConcernRotation},
		Title:    "The rotation function runs inside your VPC",
		Severity: SeverityError,
		Reason: "The rotation function logs in to the database to change the password, so it has to reach " +
			"the database over the network. Databases belong in private subnets; a function outside the VPC " +
			"could only reach a database that is open to the internet. Running the function in the VPC, with " +
			"a security group the database lets in, keeps the database private. The function also needs a " +
			"way to call Secrets Manager from there: a VPC endpoint for secretsmanager or a NAT gateway.",
		Meets: "rotation.hostedRotationLambda lists vpcSubnetIds (private subnets that can reach the database) " +
			"and vpcSecurityGroupIds. When the design names an existing function with rotationLambdaArn, " +
			"secretsmith cannot see its network settings and the rule does not apply; check them in Lambda.",
		scope: func(d *Design) (bool, string) {
			switch {
			case d.Rotation == nil:
				return false, "the secret does not rotate"
			case d.Rotation.HostedRotationLambda == nil && d.Rotation.RotationLambdaARN != "":
				return false, "secretsmith cannot inspect the existing function " + d.Rotation.RotationLambdaARN +
					"; check in Lambda that it runs in private subnets of the database's VPC"
			case d.Rotation.HostedRotationLambda == nil:
				return false, "the design names no rotation function yet"
			case d.Rotation.HostedRotationLambda.RotationType == "":
				// A hosted function whose type is not chosen is a
				// question still open (validation asks for the type),
				// not a function outside the VPC: a new design starts
				// here, and its first screen must not show a broken rule.
				return false, "the hosted rotation function's type is not chosen yet"
			}
			return true, ""
		},
		check: checkLambdaInVPC,
	},
	secretsManagerReachRule,
	databaseConnectionRule,
	{
		ID:       RuleRotationFailureAlert,
		Inputs:   []string{"monitoring.rotationFailureAlert", "monitoring"},
		Scope:    []string{"rotation.exists"},
		Concerns: []Concern{ConcernRotation, ConcernAlert, ConcernSecret},
		Title:    "Someone hears about it when rotation fails",
		Severity: SeverityError,
		Reason: "Rotation fails quietly: the old value keeps working, so nothing breaks until a scanner " +
			"notices days later that the secret is overdue, or until the next rotation fails in a worse " +
			"way. secretsmith adds an EventBridge rule that watches for the " + strings.Join(RotationFailureEvents, ", ") +
			" events (the last is the test rotation of a schedule created without rotating at once) and sends " +
			"them to an SNS topic people subscribe to, so a failure is fixed the day it happens.",
		Meets: "monitoring.rotationFailureAlert is true or left out. The alert goes to a topic secretsmith " +
			"creates (with alertEmail subscribed, when given; its ARN is an output either way) or to the " +
			"existing topic alertTopicArn. The rule does not apply when the secret does not rotate.",
		Scanners: []ScannerCheck{
			{"AWS Config", "secretsmanager-scheduled-rotation-success-check", "finds a missed rotation afterwards, up to 2 days late", DeployedOnly},
			{"Security Hub", "SecretsManager.2", "medium severity; finds a missed rotation afterwards", DeployedOnly},
		},
		scope: func(d *Design) (bool, string) {
			if d.Rotation == nil {
				return false, "the secret does not rotate, so no rotation can fail"
			}
			return true, ""
		},
		check: func(d *Design) []Finding {
			if d.Monitoring.FailureAlertOn() {
				return nil
			}
			return []Finding{{Path: "monitoring.rotationFailureAlert", Message: "is off; turn it on (or leave it out) so a failed rotation reaches a person"}}
		},
	},
	changeAlertRule,
	{
		ID:       RuleRecoveryWindow,
		Inputs:   []string{"secret.recoveryWindowDays"},
		Scope:    []string{"secret.existingSecretArn"},
		Concerns: []Concern{ConcernSecret},
		Title:    "A deleted secret can be restored",
		Severity: SeverityError,
		Reason: "When a secret is deleted, Secrets Manager normally keeps it for a recovery window of 7 to 30 " +
			"days (30 by default) before it is gone for good, and it can be restored until then. A window of " +
			"0 deletes it at once, so a mistaken terraform destroy, or the deletion of a stack that does not " +
			"retain it, can lock every application out of its database with no way back.",
		Meets: "secret.recoveryWindowDays is left out (30 days) or set to 7-30. A CloudFormation template cannot " +
			"set a recovery window: deleting the stack deletes the secret unless its DeletionPolicy is Retain, and " +
			"AWS does not document that this deletion leaves a window to restore it in, so secretsmith writes " +
			"Retain for a window of 7-30 days (and a template must say Retain to meet the rule). The rule does " +
			"not apply to an existing secret, which these templates never delete.",
		scope: newSecretOnly("the templates do not create the secret, so they never delete it"),
		check: func(d *Design) []Finding {
			if d.Secret.RecoveryWindow() != 0 {
				return nil
			}
			return []Finding{{Path: "secret.recoveryWindowDays", Message: "is 0, which deletes the secret without any way to restore it; use 7-30 days or leave it out for 30"}}
		},
	},
	{
		ID:       RuleTagsPresent,
		Inputs:   []string{"secret.tags"},
		Scope:    []string{"secret.existingSecretArn"},
		Concerns: []Concern{ConcernSecret},
		Title:    "The secret has tags",
		Severity: SeverityWarning,
		Reason: "Tags tell the next person who owns a secret, which system uses it and how sensitive it is, " +
			"long after the people who made it have moved on. They also drive cost reports and can be used in " +
			"IAM conditions. Security Hub rates an untagged secret as a low-severity finding, so this is a " +
			"warning.",
		Meets: "A new secret has at least one tag, such as owner or application. Tags on an existing secret " +
			"are managed where it was created, so the rule does not apply to it.",
		Scanners: []ScannerCheck{
			{"Security Hub", "SecretsManager.5", "low severity; can require specific tag keys", DeployedOnly},
		},
		scope: newSecretOnly("tags of an existing secret are managed where the secret was created"),
		check: func(d *Design) []Finding {
			if len(d.Secret.Tags) > 0 {
				return nil
			}
			return []Finding{{Path: "secret.tags", Message: "is empty; add at least one tag, such as owner, so people know whose secret this is"}}
		},
	},
	{
		ID:       RuleNoSecretInMetadata,
		Inputs:   []string{"secret.description", "secret.tags"},
		Concerns: []Concern{ConcernSecret},
		Title:    "The description and tags hold no secret material",
		Severity: SeverityWarning,
		Reason: "Only the secret value is encrypted. The description and the tags are stored in plain text " +
			"and shown to anyone who may list or describe secrets, in the console, in CloudTrail and in the " +
			"templates. A password, key or hint placed there is not secret at all. secretsmith looks for " +
			"things that resemble secrets (AWS access key ids, private key blocks, JSON web tokens, " +
			"\"password=...\" and long random strings); it can be wrong, so this is a warning. A private key block " +
			"or a JSON web token there is a credential by its shape alone, which no description or tag needs: " +
			"the design's validation refuses it outright, and the wizard keeps it out of its draft.",
		Meets: "secret.description and every tag key and value are free of anything that looks like a " +
			"password, key or token. Keep such material inside the secret value.",
		check: checkSecretMetadata,
	},
}

// newSecretOnly returns a scope that excludes existing secrets, with note as
// the reason.
func newSecretOnly(note string) func(d *Design) (bool, string) {
	return func(d *Design) (bool, string) {
		if d.IsExisting() {
			return false, note
		}
		return true, ""
	}
}

func needsPolicy(d *Design) (bool, string) {
	if d.ResourcePolicy == nil {
		return false, "the design has no resource policy, so only IAM policies in the secret's account grant access"
	}
	return true, ""
}

func needsStatements(d *Design) (bool, string) {
	if d.ResourcePolicy == nil || len(d.ResourcePolicy.Statements) == 0 {
		return false, "the design has no resource policy statements"
	}
	return true, ""
}

// createsKey reports whether secretsmith creates the secret's KMS key.
func createsKey(d *Design) bool { return !d.IsExisting() && d.Secret.KMSKeyARN == "" }

func isAllow(st Statement) bool { return equalFold(st.Effect, "Allow") }

// Values.

func checkGeneratedValue(d *Design) []Finding {
	g := d.Secret.GenerateSecretString
	if g == nil {
		// Omitted means a generated 32-character value: nothing literal.
		return nil
	}
	var out []Finding
	var others []string
	for _, k := range readTemplate(g.SecretStringTemplate).literal {
		if g.GenerateStringKey == "" || k != strconv.Quote(g.GenerateStringKey) {
			others = append(others, k)
			continue
		}
		// The placeholder a template writes for the generated key
		// ("password": "REPLACED"): naming it is no advice. One clause,
		// no "; ": a template reader keeps it whole and appends its own
		// advice.
		out = append(out, Finding{Path: "secret.generateSecretString.secretStringTemplate", Material: true, Message: fmt.Sprintf(
			"gives key %s a value of its own although the generated password goes under it, and the "+
				"template is stored in plain text: leave the key out, and Secrets Manager adds it with the generated password", k)})
	}
	if len(others) > 0 {
		// One finding for all of them, a few named: a pasted object of
		// thousands of keys is one mistake, not thousands.
		keys, fix := "key "+others[0], "leave it empty, or name the key in generateStringKey"
		if len(others) > 1 {
			keys, fix = "keys "+NameList(others, maxNamedKeys), "leave them empty, or name the password's key in generateStringKey"
		}
		out = append(out, Finding{Path: "secret.generateSecretString.secretStringTemplate", Material: true, Message: fmt.Sprintf(
			"gives %s a value, and the template is stored in plain text; only the connection keys "+
				"(%s) may hold values here: %s", keys, strings.Join(ConnectionKeys, ", "), fix)})
	}
	return out
}

// maxNamedKeys is how many of a template's keys a message names before it
// counts the rest.
const maxNamedKeys = 3

// literalTemplateKeys returns the keys of the JSON template tmpl, in the
// order written, under which a non-empty value sits that is not a
// connection key's: a non-empty string, a number or a boolean, at any
// depth. Nested keys are written as a dotted path. It reads the JSON with
// encoding/json, so escaped keys such as "p\u0061ssword" are seen as what
// they decode to, and it stops at the first syntax error, so a half-typed
// template is still checked as far as it goes (Validate reports the error).
func literalTemplateKeys(tmpl string) []string {
	_, literal, _ := templateKeys(tmpl)
	return literal
}

// FilledTemplateKeys returns the top-level keys of the JSON object tmpl
// that hold something, in the order written, by the rule the template's
// literal keys are found with (literalTemplateKeys): a non-empty string, a
// number or a boolean at any depth under the key, so {"host":{}} and
// {"host":""} give no host. ok is false when tmpl is not one whole JSON
// object, which a rotation function cannot read keys from. check reads a
// secret's written-down value with it (the keys only, never the values).
func FilledTemplateKeys(tmpl string) (keys []string, ok bool) {
	filled, _, ok := templateKeys(tmpl)
	return filled, ok
}

// templateKeys walks the JSON template tmpl once: filled are the top-level
// keys that hold something, literal the keys literalTemplateKeys reports,
// and whole whether tmpl is one JSON object and nothing after it.
func templateKeys(tmpl string) (filled, literal []string, whole bool) {
	if tmpl == "" {
		return nil, nil, false
	}
	dec := json.NewDecoder(strings.NewReader(tmpl))
	dec.UseNumber()
	var out []string
	// topFilled is, per top-level key in the order first written, whether
	// its last value holds something (a key written twice keeps its last
	// value, as encoding/json reads it).
	var topKeys []string
	topFilled := map[string]bool{}
	// walk reads one value whose key path is path (empty at the top) and
	// reports whether it held anything non-empty.
	var walk func(path string, top bool) (nonEmpty, ok bool)
	walk = func(path string, top bool) (bool, bool) {
		t, err := dec.Token()
		if err != nil {
			return false, false
		}
		switch t := t.(type) {
		case json.Delim:
			nonEmpty := false
			switch t {
			case '{':
				for dec.More() {
					kt, err := dec.Token()
					if err != nil {
						return nonEmpty, false
					}
					k, _ := kt.(string)
					kp := k
					if !top {
						kp = path + "." + k
					}
					start := len(out)
					ne, ok := walk(kp, false)
					if !ok {
						return nonEmpty, false
					}
					if top {
						if _, seen := topFilled[k]; !seen {
							topKeys = append(topKeys, k)
						}
						topFilled[k] = ne
					}
					// A connection key at the top may hold a plain
					// value; anything nested under another key, or a
					// value with no deeper key to blame, is reported
					// at the key that holds it.
					if ne && len(out) == start && !(top && IsConnectionKey(k)) {
						out = append(out, strconv.Quote(kp))
					}
					nonEmpty = nonEmpty || ne
				}
			case '[':
				for dec.More() {
					ne, ok := walk(path, false)
					if !ok {
						return nonEmpty, false
					}
					nonEmpty = nonEmpty || ne
				}
			}
			if _, err := dec.Token(); err != nil { // the closing delimiter
				return nonEmpty, false
			}
			return nonEmpty, true
		case string:
			return t != "", true
		case nil:
			return false, true
		}
		return true, true // a number or a boolean
	}
	object := strings.HasPrefix(strings.TrimLeft(tmpl, " \t\r\n"), "{")
	_, ok := walk("", true)
	if ok && object {
		_, err := dec.Token()
		whole = err == io.EOF
	}
	for _, k := range topKeys {
		if topFilled[k] {
			filled = append(filled, k)
		}
	}
	return filled, out, whole
}

// Encryption.

func checkCustomerManagedKey(d *Design) []Finding {
	var out []Finding
	if k := d.Secret.KMSKeyARN; containsAt(k, "aws/", len("aws")) {
		out = append(out, Finding{
			Path:    "secret.kmsKeyArn",
			Message: fmt.Sprintf("%q is a key managed by AWS; leave it empty for a dedicated key or name a customer managed key", k),
		})
	}
	// An empty replica key is not a finding: Terraform creates one in that
	// region, and CloudFormation, which cannot, refuses it in
	// ValidateFor, because which is true depends on the template.
	for i, r := range d.Secret.ReplicaRegions {
		if containsAt(r.KMSKeyARN, "aws/", len("aws")) {
			out = append(out, Finding{
				Path:    IndexPath("secret.replicaRegions", i) + ".kmsKeyArn",
				Message: fmt.Sprintf("%q is a key managed by AWS; name a customer managed key in %s", r.KMSKeyARN, replicaRegionName(r)),
			})
		}
	}
	return out
}

// replicaRegionName is how a message names replica r's region.
func replicaRegionName(r Replica) string {
	// A message builds only on a region that validates: "cannot create a
	// key in EU-West-1" repeated the region the line above refused
	// (trial 7a's T12).
	if ValidateRegion(r.Region) != nil {
		return "the replica's region"
	}
	return r.Region
}

// Resource policy.

// restrictingKeys are the condition keys, in lower case because IAM compares
// keys without case, that can pin a "*" principal to callers you own.
var restrictingKeys = map[string]bool{
	"aws:sourcevpce":       true,
	"aws:sourcevpc":        true,
	"aws:sourceaccount":    true,
	"aws:sourcearn":        true,
	"aws:principalorgid":   true,
	"aws:principalarn":     true,
	"aws:principalaccount": true,
}

// pinningOperators are the operators that, with fixed values, only match the
// values given. The Like forms are included because without wildcards they
// compare exactly.
var pinningOperators = map[string]bool{
	"stringequals":           true,
	"stringequalsignorecase": true,
	"arnequals":              true,
	"stringlike":             true,
	"arnlike":                true,
}

// pinReason says why condition c fails to pin a "*" principal, or returns ""
// when it does pin it. ok reports whether c is on a restricting key at all.
func pinReason(c Condition) (reason string, ok bool) {
	if !restrictingKeys[strings.ToLower(c.Key)] {
		return "", false
	}
	op := c.Operator
	if p := "ForAnyValue:"; len(op) > len(p) && strings.EqualFold(op[:len(p)], p) {
		op = op[len(p):]
	}
	lop := strings.ToLower(op)
	switch {
	case strings.HasSuffix(lop, "ifexists"):
		return fmt.Sprintf("%s also matches callers that do not send %s", c.Operator, c.Key), true
	case !pinningOperators[lop]:
		return fmt.Sprintf("%s does not limit callers to fixed values", c.Operator), true
	case len(c.Values) == 0:
		return "it has no values", true
	}
	for _, v := range c.Values {
		if v == "" || hasWildcard(v) || strings.Contains(v, "${") {
			return fmt.Sprintf("its value %q is not a fixed value", v), true
		}
	}
	return "", true
}

func checkPublicPrincipal(d *Design) []Finding {
	var out []Finding
	// Paths are built only for a finding: Check runs on every keystroke.
	for i := range d.ResourcePolicy.Statements {
		st := &d.ResourcePolicy.Statements[i]
		if !isAllow(*st) {
			continue
		}
		if st.NotPrincipal != nil {
			out = append(out, Finding{
				Path:    StatementPath(i) + ".notPrincipal",
				Message: "with Allow grants access to everyone except the principals listed; name the principals in principal instead",
			})
		}
		if !st.Principal.IsEveryone() {
			continue
		}
		pinned, why := false, ""
		for _, c := range st.Condition {
			reason, ok := pinReason(c)
			if !ok {
				continue
			}
			if reason == "" {
				pinned = true
				break
			}
			if why == "" {
				why = fmt.Sprintf(" (the condition %s on %s does not count: %s)", c.Operator, c.Key, reason)
			}
		}
		if pinned {
			continue
		}
		out = append(out, Finding{
			Path: StatementPath(i) + ".principal",
			Message: `"*" lets any AWS account use this Allow statement` + why + "; name the principals, or add a " +
				"StringEquals or ArnEquals condition with fixed values on aws:SourceVpce, aws:SourceVpc, " +
				"aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID or aws:PrincipalArn",
		})
	}
	return out
}

func checkWildcardActions(d *Design) []Finding {
	var out []Finding
	for i := range d.ResourcePolicy.Statements {
		st := &d.ResourcePolicy.Statements[i]
		if !isAllow(*st) {
			continue
		}
		if len(st.NotAction) > 0 {
			out = append(out, Finding{
				Path:    StatementPath(i) + ".notAction",
				Message: "with Allow grants every action except those listed; list the allowed actions in action instead",
			})
		}
		for j, a := range st.Action {
			if !hasWildcard(a) {
				continue
			}
			var msg string
			switch strings.ToLower(a) {
			case "*":
				msg = `"*" grants every action of every AWS service`
			case "secretsmanager:*":
				msg = `"secretsmanager:*" grants every Secrets Manager action, including DeleteSecret and PutResourcePolicy`
			default:
				msg = fmt.Sprintf("%q is a pattern that grows when AWS adds actions", a)
			}
			out = append(out, Finding{
				Path:    IndexPath(StatementPath(i)+".action", j),
				Message: msg + "; list the exact actions, such as secretsmanager:GetSecretValue",
			})
		}
	}
	return out
}

func checkResourceStar(d *Design) []Finding {
	var out []Finding
	for i := range d.ResourcePolicy.Statements {
		for j, r := range d.ResourcePolicy.Statements[i].Resource {
			if r == "*" {
				continue
			}
			out = append(out, Finding{
				Path:    IndexPath(StatementPath(i)+".resource", j),
				Message: fmt.Sprintf("%q may not match the secret, and then the statement does nothing; use \"*\", which means this secret", r),
			})
		}
	}
	return out
}

// Rotation.

// checkableSchedule limits the interval rule to designs whose schedule can be
// read; a missing or malformed schedule is Validate's to report, and
// reporting it twice would only add noise.
func checkableSchedule(d *Design) (bool, string) {
	r := d.Rotation
	switch {
	case r == nil:
		return false, "the secret does not rotate"
	case r.AutomaticallyAfterDays > 0:
		return true, ""
	case r.ScheduleExpression == "":
		return false, "the rotation has no schedule yet"
	}
	if _, err := ParseSchedule(r.ScheduleExpression); err != nil {
		return false, "the schedule expression cannot be read; fix it first"
	}
	return true, ""
}

func checkRotationInterval(d *Design) []Finding {
	r := d.Rotation
	if r.AutomaticallyAfterDays > 0 {
		if r.AutomaticallyAfterDays <= maxRotationDays {
			return nil
		}
		return []Finding{{
			Path:    "rotation.automaticallyAfterDays",
			Message: fmt.Sprintf("is %d; rotate at least every 30 days", r.AutomaticallyAfterDays),
		}}
	}
	s, err := ParseSchedule(r.ScheduleExpression)
	if err != nil || s.MaxInterval <= maxRotationInterval {
		return nil
	}
	return []Finding{{
		Path: "rotation.scheduleExpression",
		Message: fmt.Sprintf("%q leaves up to %s between rotations; rotate at least every 30 days, such as rate(30 days)",
			r.ScheduleExpression, humanInterval(s.MaxInterval)),
	}}
}

// humanInterval writes d in whole days, or in hours when it is not a whole
// number of days.
func humanInterval(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d > MaxAutomaticallyAfterDays*day:
		return "more than " + strconv.Itoa(MaxAutomaticallyAfterDays) + " days"
	case d == day:
		return "1 day"
	case d%day == 0:
		return strconv.Itoa(int(d/day)) + " days"
	case d <= time.Hour:
		return "1 hour"
	}
	return strconv.Itoa(int(math.Ceil(d.Hours()))) + " hours"
}

func checkLambdaInVPC(d *Design) []Finding {
	h := d.Rotation.HostedRotationLambda
	var out []Finding
	if len(h.VPCSubnetIDs) == 0 {
		out = append(out, Finding{
			Path:    "rotation.hostedRotationLambda.vpcSubnetIds",
			Message: "is empty, so the rotation function would run outside your VPC; list private subnets that can reach the database",
		})
	}
	if len(h.VPCSecurityGroupIDs) == 0 {
		out = append(out, Finding{
			Path:    "rotation.hostedRotationLambda.vpcSecurityGroupIds",
			Message: "is empty; give the rotation function a security group that the database accepts connections from",
		})
	}
	return out
}

// Metadata.

var (
	accessKeyRE = lazyRegexp(`\b(AKIA|ASIA)[A-Z0-9]{16}\b`)
	jwtRE       = lazyRegexp(`eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}`)
)

// secretMaterial guesses whether s holds secret material and says what it
// looks like, or returns "". It errs on the side of asking: the rule using
// it is a warning.
func secretMaterial(s string) string {
	switch {
	// The substring tests look for a capital letter of each word, which
	// text rarely holds, and keep the regexes off the common path: this
	// runs on every tag at every keystroke. The regexes get a copy, so
	// that s does not escape: checkSecretMetadata's key=value then stays
	// off the heap when it is short.
	case containsAt(s, "-----BEGIN", len("-----")):
		return "a PEM block such as a private key"
	case (containsAt(s, "AKIA", len("AK")) || containsAt(s, "ASIA", len("AS"))) && accessKeyRE().MatchString(strings.Clone(s)):
		return "an AWS access key id"
	case containsAt(s, "eyJ", len("ey")) && jwtRE().MatchString(strings.Clone(s)):
		return "a JSON web token"
	case hasAssignment(s):
		return "a password or key written as name=value"
	case hasRandomToken(s):
		return "a long random string such as a key or password"
	}
	return ""
}

// credential says what s holds when it holds a credential by its shape
// alone, which no description or tag needs: a PEM private key block, or a
// JSON web token (a bearer credential as it stands); "" otherwise. These
// are refused where they are stored unencrypted (description, tags). The
// rest of what secretMaterial finds is a guess that a description may
// fail for good reason ("password: rotated monthly", a long id, an access
// key id, which names a key but does not sign with it), and is warned.
func credential(s string) string {
	switch {
	// containsAt, as in secretMaterial: this runs on every tag key and
	// value at every keystroke.
	case containsAt(s, "-----BEGIN", len("-----")) && strings.Contains(s, "PRIVATE KEY"):
		return "a PEM private key"
	case containsAt(s, "eyJ", len("ey")) && jwtRE().MatchString(s):
		return "a JSON web token"
	}
	return ""
}

// refuseCredential is the error of a description or tag (what) holding a
// credential, which the message never repeats, or nil.
func refuseCredential(what, s string) error {
	c := credential(s)
	if c == "" {
		return nil
	}
	return fmt.Errorf("holds %s (not shown); %s is stored unencrypted and shown to anyone who may describe or list "+
		"secrets (DescribeSecret, ListSecrets), in CloudTrail and in the templates: keep it in the secret value", c, what)
}

// assignmentWords are the names that, followed by = or : and a value, read
// as a credential written out, such as "password=hunter2" or "api_key: x".
var assignmentWords = []string{"password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key"}

// assignmentEnds holds the last byte of each of assignmentWords.
var assignmentEnds = func() (ends [256]bool) {
	for _, w := range assignmentWords {
		ends[w[len(w)-1]] = true
	}
	return ends
}()

// hasAssignment reports whether s holds one of assignmentWords, then
// optional spaces, = or :, optional spaces and a non-space character. It is
// a hand-written scan rather than a case-insensitive regexp because it runs
// on every tag on every keystroke.
func hasAssignment(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '=' && s[i] != ':' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j == len(s) || s[j] == '\n' || s[j] == '\r' {
			continue
		}
		k := i
		for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
			k--
		}
		// EqualFold can match a word (all ASCII) only in as many bytes
		// when they are ASCII too, so the last byte, folded, must be
		// the word's: most text before a = or : ends in no word's
		// last letter, and the words are not compared at all.
		if k == 0 || !assignmentEnds[lowerASCII(s[k-1])] {
			continue
		}
		for _, w := range assignmentWords {
			if k >= len(w) && strings.EqualFold(s[k-len(w):k], w) {
				return true
			}
		}
	}
	return false
}

// hasRandomToken reports whether s holds a run of at least 24 base64-like
// characters that mixes upper case, lower case and digits and is close to
// random. ARNs, ids and names rarely mix all three; generated keys do.
func hasRandomToken(s string) bool {
	if len(s) < 24 {
		return false // too short to hold such a run, as most tags are
	}
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isTokenChar(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= 24 && looksRandom(s[start:i]) {
			return true
		}
		start = -1
	}
	return false
}

func isTokenChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '+' || c == '/' || c == '=' || c == '_' || c == '-'
}

// looksRandom reports whether tok mixes letter cases and digits and has a
// Shannon entropy of at least 4 bits per character.
func looksRandom(tok string) bool {
	var upper, lower, digit bool
	var counts [256]int
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		counts[c]++
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= '0' && c <= '9':
			digit = true
		}
	}
	if !upper || !lower || !digit {
		return false
	}
	n := float64(len(tok))
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h >= 4
}

func checkSecretMetadata(d *Design) []Finding {
	var out []Finding
	// The messages never repeat the value: it may be the very secret.
	if what := secretMaterial(d.Secret.Description); what != "" {
		out = append(out, Finding{
			Path:    "secret.description",
			Message: "looks like it holds " + what + "; descriptions are stored unencrypted, so keep secret material in the secret value",
		})
	}
	for _, t := range d.Secret.Tags {
		if what := secretMaterial(t.Key + "=" + t.Value); what != "" {
			out = append(out, Finding{
				Path:    TagPath(t.Key),
				Message: "looks like it holds " + what + "; tags are stored unencrypted, so keep secret material in the secret value",
			})
		}
	}
	return out
}
