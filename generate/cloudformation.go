package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// SecretsManagerTransform is the macro that expands a HostedRotationLambda
// into a nested stack holding the rotation function. The 2024-09-16 version
// keeps the function's runtime and libraries current on each stack update.
const SecretsManagerTransform = "AWS::SecretsManager-2024-09-16"

// Logical IDs are fixed, so a template diff between two designs shows only
// what changed, and rules (and people) can refer to resources by name.
const (
	idSecretKey                 = "SecretKey"
	idSecretKeyAlias            = "SecretKeyAlias"
	idSecret                    = "Secret"
	idSecretResourcePolicy      = "SecretResourcePolicy"
	idSecretRotationSchedule    = "SecretRotationSchedule"
	idRotationAlertKey          = "RotationAlertKey"
	idRotationAlertTopic        = "RotationAlertTopic"
	idRotationAlertTopicPolicy  = "RotationAlertTopicPolicy"
	idRotationAlertSubscription = "RotationAlertSubscription"
	idRotationFailedRule        = "RotationFailedRule"
)

// cfnTemplate is a CloudFormation template. Field order is output order, in
// both formats.
type cfnTemplate struct {
	AWSTemplateFormatVersion string              `json:"AWSTemplateFormatVersion"`
	Description              string              `json:"Description"`
	Transform                string              `json:"Transform,omitempty"`
	Metadata                 cfnTemplateMetadata `json:"Metadata"`
	Resources                cfnMap              `json:"Resources"`
	Outputs                  cfnMap              `json:"Outputs,omitempty"`
}

// cfnTemplateMetadata carries the header in machine-readable form. The YAML
// template shows the same facts again as a comment for people.
type cfnTemplateMetadata struct {
	Secretsmith cfnSecretsmithMetadata `json:"secretsmith"`
}

type cfnSecretsmithMetadata struct {
	Design  string `json:"design"`
	Version string `json:"version"`
	// Region is the region the design pins (blueprint.Design.PrimaryRegion):
	// a stack is created in whatever region it is deployed to, and no
	// property of the template says which, so the import reads it here.
	Region      string          `json:"region,omitempty"`
	RulesMet    []string        `json:"rulesMet"`
	RulesWaived []cfnWaivedRule `json:"rulesWaived"`
	// RotationEndpoint records the hosted rotation function's endpoint
	// (blueprint.HostedRotationLambda.RecordedEndpoint), which no
	// property of the template says, for check to read back.
	RotationEndpoint string `json:"rotationEndpoint,omitempty"`
}

type cfnWaivedRule struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// cfnResource is one entry of Resources.
type cfnResource struct {
	Type                string              `json:"Type"`
	Metadata            *cfnScannerMetadata `json:"Metadata,omitempty"`
	DeletionPolicy      string              `json:"DeletionPolicy,omitempty"`
	UpdateReplacePolicy string              `json:"UpdateReplacePolicy,omitempty"`
	DependsOn           []string            `json:"DependsOn,omitempty"`
	Properties          any                 `json:"Properties"`
	logicalID           string
}

// cfnScannerMetadata is where the template scanners look for suppressions:
// cfn-guard reads guard.SuppressedRules, cfn_nag reads
// cfn_nag.rules_to_suppress and Checkov reads checkov.skip.
type cfnScannerMetadata struct {
	Guard   *cfnGuardMetadata   `json:"guard,omitempty"`
	CfnNag  *cfnNagMetadata     `json:"cfn_nag,omitempty"`
	Checkov *cfnCheckovMetadata `json:"checkov,omitempty"`
	CfnLint *cfnLintMetadata    `json:"cfn-lint,omitempty"`
}

type cfnLintMetadata struct {
	Config cfnLintConfig `json:"config"`
}

type cfnLintConfig struct {
	IgnoreChecks []string `json:"ignore_checks"`
}

type cfnGuardMetadata struct {
	SuppressedRules []string `json:"SuppressedRules"`
}

type cfnNagMetadata struct {
	RulesToSuppress []cfnNagRule `json:"rules_to_suppress"`
}

type cfnNagRule struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

type cfnCheckovMetadata struct {
	Skip []cfnCheckovSkip `json:"skip"`
}

type cfnCheckovSkip struct {
	ID      string `json:"id"`
	Comment string `json:"comment"`
}

type cfnOutput struct {
	Description string `json:"Description"`
	Value       any    `json:"Value"`
}

// Resource properties. Pointers and omitempty leave out what the design
// leaves unset, so the service default applies.

type cfnKMSKeyProps struct {
	Description       string `json:"Description"`
	EnableKeyRotation bool   `json:"EnableKeyRotation"`
	KeyPolicy         cfnMap `json:"KeyPolicy"`
}

type cfnKMSAliasProps struct {
	AliasName   string `json:"AliasName"`
	TargetKeyId any    `json:"TargetKeyId"`
}

type cfnSecretProps struct {
	Name                 string                   `json:"Name"`
	Description          string                   `json:"Description,omitempty"`
	KmsKeyId             any                      `json:"KmsKeyId"`
	GenerateSecretString *cfnGenerateSecretString `json:"GenerateSecretString,omitempty"`
	Tags                 []cfnTag                 `json:"Tags,omitempty"`
	ReplicaRegions       []cfnReplicaRegion       `json:"ReplicaRegions,omitempty"`
}

type cfnGenerateSecretString struct {
	SecretStringTemplate    string `json:"SecretStringTemplate,omitempty"`
	GenerateStringKey       string `json:"GenerateStringKey,omitempty"`
	PasswordLength          *int   `json:"PasswordLength,omitempty"`
	ExcludeCharacters       string `json:"ExcludeCharacters,omitempty"`
	ExcludeLowercase        *bool  `json:"ExcludeLowercase,omitempty"`
	ExcludeUppercase        *bool  `json:"ExcludeUppercase,omitempty"`
	ExcludeNumbers          *bool  `json:"ExcludeNumbers,omitempty"`
	ExcludePunctuation      *bool  `json:"ExcludePunctuation,omitempty"`
	IncludeSpace            *bool  `json:"IncludeSpace,omitempty"`
	RequireEachIncludedType *bool  `json:"RequireEachIncludedType,omitempty"`
}

type cfnTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type cfnReplicaRegion struct {
	Region   string `json:"Region"`
	KmsKeyId string `json:"KmsKeyId,omitempty"`
}

type cfnResourcePolicyProps struct {
	SecretId          any    `json:"SecretId"`
	ResourcePolicy    cfnMap `json:"ResourcePolicy"`
	BlockPublicPolicy bool   `json:"BlockPublicPolicy"`
}

type cfnRotationScheduleProps struct {
	SecretId                  any                      `json:"SecretId"`
	HostedRotationLambda      *cfnHostedRotationLambda `json:"HostedRotationLambda,omitempty"`
	RotationLambdaARN         string                   `json:"RotationLambdaARN,omitempty"`
	RotationRules             cfnRotationRules         `json:"RotationRules"`
	RotateImmediatelyOnUpdate bool                     `json:"RotateImmediatelyOnUpdate"`
}

type cfnHostedRotationLambda struct {
	RotationType          string `json:"RotationType"`
	RotationLambdaName    string `json:"RotationLambdaName,omitempty"`
	KmsKeyArn             any    `json:"KmsKeyArn,omitempty"`
	MasterSecretArn       string `json:"MasterSecretArn,omitempty"`
	MasterSecretKmsKeyArn string `json:"MasterSecretKmsKeyArn,omitempty"`
	VpcSubnetIds          string `json:"VpcSubnetIds,omitempty"`
	VpcSecurityGroupIds   string `json:"VpcSecurityGroupIds,omitempty"`
	ExcludeCharacters     string `json:"ExcludeCharacters,omitempty"`
}

type cfnRotationRules struct {
	AutomaticallyAfterDays int    `json:"AutomaticallyAfterDays,omitempty"`
	ScheduleExpression     string `json:"ScheduleExpression,omitempty"`
	Duration               string `json:"Duration,omitempty"`
}

type cfnTopicProps struct {
	DisplayName    string `json:"DisplayName"`
	KmsMasterKeyId any    `json:"KmsMasterKeyId"`
}

type cfnTopicPolicyProps struct {
	Topics         []any  `json:"Topics"`
	PolicyDocument cfnMap `json:"PolicyDocument"`
}

type cfnSubscriptionProps struct {
	TopicArn any    `json:"TopicArn"`
	Protocol string `json:"Protocol"`
	Endpoint string `json:"Endpoint"`
}

type cfnEventsRuleProps struct {
	Description  string           `json:"Description"`
	State        string           `json:"State"`
	EventPattern cfnMap           `json:"EventPattern"`
	Targets      []cfnEventTarget `json:"Targets"`
}

type cfnEventTarget struct {
	Id  string `json:"Id"`
	Arn any    `json:"Arn"`
}

// renderCloudFormation writes the design as one CloudFormation template,
// YAML or JSON, named after the design.
func renderCloudFormation(p *plan, asJSON bool) ([]File, error) {
	t, err := buildCfnTemplate(p)
	if err != nil {
		return nil, err
	}
	name := p.d.DisplayName()
	if asJSON {
		data, err := cfnEncodeJSON(t)
		if err != nil {
			return nil, err
		}
		return []File{{Name: name + ".json", Data: data}}, nil
	}
	data, err := cfnEncodeYAML(t, cfnHeader(p))
	if err != nil {
		return nil, err
	}
	return []File{{Name: name + ".yaml", Data: data}}, nil
}

// buildCfnTemplate turns the plan into the template's typed values.
func buildCfnTemplate(p *plan) (*cfnTemplate, error) {
	d := p.d
	t := &cfnTemplate{
		AWSTemplateFormatVersion: "2010-09-09",
		Description:              fmt.Sprintf("Secrets Manager secret %s, designed with secretsmith", d.DisplayName()),
		Metadata: cfnTemplateMetadata{Secretsmith: cfnSecretsmithMetadata{
			Design:      d.DisplayName(),
			Version:     p.version(),
			Region:      d.PrimaryRegion(),
			RulesMet:    append([]string{}, p.rulesMet()...),
			RulesWaived: []cfnWaivedRule{},
		}},
	}
	for _, r := range p.rulesWaived() {
		t.Metadata.Secretsmith.RulesWaived = append(t.Metadata.Secretsmith.RulesWaived, cfnWaivedRule{string(r.Rule.ID), r.WaiverReason})
	}
	t.Metadata.Secretsmith.RotationEndpoint = p.recordedEndpoint()
	if cfnHosted(d) {
		t.Transform = SecretsManagerTransform
	}

	var resources []*cfnResource
	add := func(r *cfnResource) { resources = append(resources, r) }

	// secretID is what the policy, the schedule and the alert rule name the
	// secret by. Guard's rotation rule only recognises the Ref form.
	var secretID any = d.Secret.ExistingSecretARN
	if !d.IsExisting() {
		secretID = cfnRefTo(idSecret)
		// A template cannot set the recovery window DeleteSecret offers,
		// and AWS does not document one for a secret its stack deletes.
		// Retaining the secret, and the key it cannot be read without, is
		// the only way a template is known to keep it restorable. A recovery window of 0 says the
		// team wants no such safety net (with the recovery-window rule
		// waived), so Delete is written out instead: stateful resources
		// always state their policy.
		policy := "Delete"
		if d.Secret.RecoveryWindow() > 0 {
			policy = "Retain"
		}
		if p.createKey {
			add(cfnSecretKey(p, policy))
			add(&cfnResource{logicalID: idSecretKeyAlias, Type: "AWS::KMS::Alias", Properties: cfnKMSAliasProps{
				AliasName:   cfnKeyAliasName(d),
				TargetKeyId: cfnRefTo(idSecretKey),
			}})
		}
		add(cfnSecret(p, policy))
	}
	if rp := d.ResourcePolicy; rp != nil && len(rp.Statements) > 0 {
		policy := &cfnResource{logicalID: idSecretResourcePolicy, Type: "AWS::SecretsManager::ResourcePolicy", Properties: cfnResourcePolicyProps{
			SecretId:          secretID,
			ResourcePolicy:    cfnPolicy(rp.Document()),
			BlockPublicPolicy: rp.BlocksPublicPolicy(),
		}}
		// The rotation schedule calls RotateSecret and the target
		// attachment rewrites the value as they are created, with the
		// deployer's identity. A policy with a Deny created beside them
		// races those calls; created after them, it cannot refuse them
		// (issue 20, item 3). The walk-through decides, and checks the
		// deployer against the policy in every later update.
		if p.report.Walk().PolicyAfterRotation {
			if d.Rotation != nil {
				policy.DependsOn = append(policy.DependsOn, idSecretRotationSchedule)
			}
			if d.Secret.Database.HasTarget() {
				policy.DependsOn = append(policy.DependsOn, idSecretTargetAttachment)
			}
		}
		add(policy)
	}
	// The rotation schedule rotates once as it is created, so what the
	// function needs must exist first: the database attachment that puts
	// host and port in the secret, the endpoint it calls Secrets Manager
	// through, and the permission that lets Secrets Manager invoke it.
	var rotationNeeds []string
	if db := d.Secret.Database; db.HasTarget() {
		add(cfnTargetAttachment(secretID, db))
		rotationNeeds = append(rotationNeeds, idSecretTargetAttachment)
	}
	if d.Rotation != nil {
		if cfnCreatesEndpoint(d) {
			for _, r := range cfnSecretsManagerEndpoint(p) {
				add(r)
			}
			rotationNeeds = append(rotationNeeds, idSecretsManagerEndpoint)
		}
		if ownFunction(d) {
			add(cfnRotationPermission(d))
			rotationNeeds = append(rotationNeeds, idRotationFunctionPermission)
		}
		schedule := cfnRotationSchedule(p, secretID)
		schedule.DependsOn = rotationNeeds
		add(schedule)
	}
	for _, r := range cfnAlerts(p, secretID) {
		add(r)
	}
	if d.Monitoring.ConfigRules {
		for _, r := range cfnConfigRules(d, secretID) {
			add(r)
		}
	}

	cfnAttachSuppressions(p, resources)
	if cfnDesignHasParameterText(d) {
		for _, r := range resources {
			if err := cfnMarkLiteralParameters(r); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range resources {
		t.Resources = t.Resources.add(r.logicalID, r)
	}

	if d.IsExisting() {
		t.Outputs = t.Outputs.add("SecretArn", cfnOutput{"ARN of the secret", d.Secret.ExistingSecretARN})
	} else {
		t.Outputs = t.Outputs.add("SecretArn", cfnOutput{"ARN of the secret", cfnRefTo(idSecret)})
		if p.createKey {
			t.Outputs = t.Outputs.add("SecretKeyArn", cfnOutput{"ARN of the KMS key that encrypts the secret", cfnGetAttOf(idSecretKey, "Arn")})
		}
	}
	if createsAlertTopic(d) {
		t.Outputs = t.Outputs.add("AlertTopicArn", cfnOutput{"ARN of the SNS topic the alerts go to; subscribe to it to receive them", cfnRefTo(idRotationAlertTopic)})
	}
	return t, nil
}

// cfnAccountRoot is the account's root principal. Naming it in a key policy
// hands control of the key to the account's IAM policies, so the key can
// never become unmanageable.
func cfnAccountRoot() cfnMap {
	return cfnMap{}.add("AWS", cfnSubOf("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))
}

// cfnKeyAdminStatement lets the account manage a key but not use it: the
// administrative actions, without Encrypt, Decrypt or GenerateDataKey.
func cfnKeyAdminStatement() cfnMap {
	return cfnMap{}.
		add("Sid", sidKeyAdmin).
		add("Effect", "Allow").
		add("Principal", cfnAccountRoot()).
		add("Action", keyAdminActions).
		add("Resource", "*")
}

// cfnSecretKey is the dedicated key created when the design names none.
//
// Its policy keeps the account root as administrator and allows use only
// through Secrets Manager in this region (kms:ViaService) by principals of
// this account whose IAM policies allow it, and lets every reader the
// resource policy names decrypt, the same way. That is also all the hosted
// rotation function needs: its role is granted kms:Decrypt and
// kms:GenerateDataKey on this key by the Secrets Manager transform (through
// KmsKeyArn), and it only reaches the key through Secrets Manager calls.
func cfnSecretKey(p *plan, deletionPolicy string) *cfnResource {
	use := cfnMap{}.
		add("Sid", sidKeyUseViaSecrets).
		add("Effect", "Allow").
		add("Principal", cfnAccountRoot()).
		add("Action", keyUseActions).
		add("Resource", "*").
		add("Condition", cfnMap{}.add("StringEquals", cfnMap{}.
			add("kms:ViaService", cfnSubOf("secretsmanager.${AWS::Region}.${AWS::URLSuffix}")).
			add("kms:CallerAccount", cfnRefTo("AWS::AccountId"))))
	r := &cfnResource{logicalID: idSecretKey, Type: "AWS::KMS::Key", DeletionPolicy: deletionPolicy, UpdateReplacePolicy: deletionPolicy, Properties: cfnKMSKeyProps{
		Description:       fmt.Sprintf("Encrypts the Secrets Manager secret %s", p.d.Secret.SecretID),
		EnableKeyRotation: true,
		KeyPolicy: cfnMap{}.
			add("Version", blueprint.PolicyVersion).
			add("Statement", append(append([]cfnMap{cfnKeyAdminStatement(), use}, cfnKeyStatements(readerKeyStatements(p))...),
				cfnKeyStatements(rotationFunctionKeyStatements(p))...)),
	}}
	// Checkov is the one scanner whose check trips on the key policy by
	// design; see keyPolicySkips.
	for _, sk := range keyPolicySkips(p) {
		md := r.suppressions()
		if md.Checkov == nil {
			md.Checkov = &cfnCheckovMetadata{}
		}
		md.Checkov.Skip = append(md.Checkov.Skip, cfnCheckovSkip{sk.id, sk.reason})
	}
	return r
}

// cfnKeyStatements writes key-policy statements (readerKeyStatements,
// rotationFunctionKeyStatements), with this region's Secrets Manager as
// ${AWS::Region}.
func cfnKeyStatements(sts []blueprint.PolicyStatement) []cfnMap {
	var out []cfnMap
	for _, st := range sts {
		m := cfnReplaceString(cfnStatement(st), viaHere, cfnSubOf("secretsmanager.${AWS::Region}.${AWS::URLSuffix}"))
		out = append(out, cfnReplaceString(m, blueprint.ThisAccount, cfnRefTo("AWS::AccountId")).(cfnMap))
	}
	return out
}

// cfnReplaceString returns v with every string equal to old, at any depth
// of mappings and lists, replaced by repl.
func cfnReplaceString(v any, old string, repl any) any {
	switch x := v.(type) {
	case string:
		if x == old {
			return repl
		}
	case []string:
		if slices.Contains(x, old) {
			out := make([]any, len(x))
			for i, s := range x {
				out[i] = cfnReplaceString(s, old, repl)
			}
			return out
		}
	case cfnMap:
		out := make(cfnMap, len(x))
		for i, it := range x {
			out[i] = cfnMapItem{it.Key, cfnReplaceString(it.Value, old, repl)}
		}
		return out
	}
	return v
}

// cfnKeyAliasName is alias/secretsmanager/<display name>. Display names are
// a-z, 0-9 and hyphens, inside the alias pattern ^alias/[a-zA-Z0-9:/_-]+$,
// and never start with the reserved alias/aws/.
func cfnKeyAliasName(d *blueprint.Design) string {
	return "alias/secretsmanager/" + d.DisplayName()
}

// cfnHosted reports whether AWS builds the rotation function, which needs the
// Secrets Manager transform.
func cfnHosted(d *blueprint.Design) bool {
	return d.Rotation != nil && d.Rotation.HostedRotationLambda != nil
}

// CloudFormationCapabilities are the capabilities the CloudFormation
// template of d must be deployed with, in the order aws cloudformation
// deploy --capabilities takes them, and none when it needs none. The
// template itself holds no AWS::IAM resource; the Secrets Manager
// transform, a macro, expands into a nested stack (itself an
// AWS::Serverless application) that creates the rotation function and its
// execution role, so a template with the transform needs
// CAPABILITY_AUTO_EXPAND for the macros and CAPABILITY_IAM for the role.
// The YAML header and the deploy command the writers print both read it.
func CloudFormationCapabilities(d *blueprint.Design) []string {
	if cfnHosted(d) {
		return []string{"CAPABILITY_AUTO_EXPAND", "CAPABILITY_IAM"}
	}
	return nil
}

// cfnSecretKeyRef is how the secret names its key.
func cfnSecretKeyRef(p *plan) any {
	if p.createKey {
		return cfnGetAttOf(idSecretKey, "Arn")
	}
	return p.d.Secret.KMSKeyARN
}

func cfnSecret(p *plan, deletionPolicy string) *cfnResource {
	s := &p.d.Secret
	props := cfnSecretProps{
		Name:        s.SecretID,
		Description: s.Description,
		KmsKeyId:    cfnSecretKeyRef(p),
	}
	// Left out, the value is still generated: 32 characters, the default,
	// written out so the template says so.
	g := s.GenerateSecretString
	if g == nil {
		n := blueprint.DefaultPasswordLength
		g = &blueprint.GenerateSecretString{PasswordLength: &n}
	}
	{
		tmpl, key := cfnSecretTemplate(p.d)
		props.GenerateSecretString = &cfnGenerateSecretString{
			SecretStringTemplate:    tmpl,
			GenerateStringKey:       key,
			PasswordLength:          g.PasswordLength,
			ExcludeCharacters:       g.ExcludeCharacters,
			ExcludeLowercase:        g.ExcludeLowercase,
			ExcludeUppercase:        g.ExcludeUppercase,
			ExcludeNumbers:          g.ExcludeNumbers,
			ExcludePunctuation:      g.ExcludePunctuation,
			IncludeSpace:            g.IncludeSpace,
			RequireEachIncludedType: g.RequireEachIncludedType,
		}
	}
	for _, tag := range s.Tags {
		props.Tags = append(props.Tags, cfnTag(tag))
	}
	slices.SortStableFunc(props.Tags, func(a, b cfnTag) int { return strings.Compare(a.Key, b.Key) })
	for _, rr := range s.ReplicaRegions {
		props.ReplicaRegions = append(props.ReplicaRegions, cfnReplicaRegion{Region: rr.Region, KmsKeyId: rr.KMSKeyARN})
	}
	return &cfnResource{logicalID: idSecret, Type: "AWS::SecretsManager::Secret", DeletionPolicy: deletionPolicy, UpdateReplacePolicy: deletionPolicy, Properties: props}
}

func cfnRotationSchedule(p *plan, secretID any) *cfnResource {
	rot := p.d.Rotation
	props := cfnRotationScheduleProps{
		SecretId: secretID,
		RotationRules: cfnRotationRules{
			AutomaticallyAfterDays: rot.AutomaticallyAfterDays,
			ScheduleExpression:     rot.ScheduleExpression,
			Duration:               rot.Duration,
		},
		RotateImmediatelyOnUpdate: rot.RotateImmediately == nil || *rot.RotateImmediately,
		RotationLambdaARN:         rot.RotationLambdaARN,
	}
	if h := rot.HostedRotationLambda; h != nil {
		props.HostedRotationLambda = &cfnHostedRotationLambda{
			RotationType:          h.RotationType,
			RotationLambdaName:    p.lambdaName,
			KmsKeyArn:             cfnRotationKeyArn(p),
			MasterSecretArn:       p.d.MasterSecret(),
			MasterSecretKmsKeyArn: h.MasterSecretKMSKeyARN,
			// The transform takes the ids as one comma-separated string.
			VpcSubnetIds:        strings.Join(h.VPCSubnetIDs, ","),
			VpcSecurityGroupIds: strings.Join(h.VPCSecurityGroupIDs, ","),
			ExcludeCharacters:   p.d.RotationExcludeCharacters(),
		}
	}
	return &cfnResource{logicalID: idSecretRotationSchedule, Type: "AWS::SecretsManager::RotationSchedule", Properties: props}
}

// cfnRotationKeyArn is the key the hosted rotation function may use to read
// and write the secret: the one the design gives, else the secret's own.
// Without it the function's role gets no kms:Decrypt and every rotation of
// a secret under a customer managed key fails.
func cfnRotationKeyArn(p *plan) any {
	h := p.d.Rotation.HostedRotationLambda
	switch k := p.d.Secret.KMSKeyARN; {
	case h.KMSKeyARN != "":
		return h.KMSKeyARN
	case p.createKey:
		return cfnGetAttOf(idSecretKey, "Arn")
	case p.d.IsExisting():
		// The existing secret's key is not in the design; the function
		// then uses aws/secretsmanager, which needs no grant.
		return nil
	case blueprint.ValidateKMSKeyARN(k) == nil:
		return k
	default:
		// A key id; Validate refuses an alias here, since a grant on an
		// alias would give the function no use of the key (issue 20).
		return cfnSubVars{[2]any{"arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}", cfnMap{}.add("KeyId", k)}}
	}
}

// cfnEventsPrincipal is EventBridge's service principal, the same name in
// every partition.
const cfnEventsPrincipal = "events.amazonaws.com"

// cfnAlerts are the alerts: an encrypted SNS topic (unless the design names
// an existing one), with an email subscription when the design gives an
// address (the recipient confirms it from the first mail before alerts
// arrive), the failure alert on RotationFailed and RotationAbandoned, and
// the change alert.
func cfnAlerts(p *plan, secretID any) []*cfnResource {
	d := p.d
	var rules []*cfnResource
	if failureAlert(d) {
		rules = append(rules, cfnRotationFailedRule(d, secretID))
	}
	if changeAlert(d) {
		rules = append(rules, cfnChangedRule(d, secretID))
	}
	if len(rules) == 0 || !createsAlertTopic(d) {
		return rules
	}
	// The topic is encrypted with a customer managed key whose policy lets
	// EventBridge use it. The AWS managed alias/aws/sns key would look
	// simpler, but its key policy cannot be changed and does not let
	// events.amazonaws.com call GenerateDataKey and Decrypt, so EventBridge
	// could never deliver to the topic: every alert would be dropped
	// silently, which is the failure this alert exists to report.
	// Alerts are not kept, so their key can go with the stack (KMS still
	// waits its pending window before deleting it).
	alertKey := &cfnResource{logicalID: idRotationAlertKey, Type: "AWS::KMS::Key", DeletionPolicy: "Delete", UpdateReplacePolicy: "Delete", Properties: cfnKMSKeyProps{
		Description:       fmt.Sprintf("Encrypts the alerts for the secret %s", d.DisplayName()),
		EnableKeyRotation: true,
		KeyPolicy: cfnMap{}.
			add("Version", blueprint.PolicyVersion).
			add("Statement", []cfnMap{
				cfnKeyAdminStatement(),
				cfnMap{}.
					add("Sid", sidKeyEventsPublish).
					add("Effect", "Allow").
					add("Principal", cfnMap{}.add("Service", cfnEventsPrincipal)).
					add("Action", alertKeyActions).
					add("Resource", "*"),
				cfnMap{}.
					add("Sid", sidKeyUseViaSNS).
					add("Effect", "Allow").
					add("Principal", cfnAccountRoot()).
					add("Action", alertKeyActions).
					add("Resource", "*").
					add("Condition", cfnMap{}.add("StringEquals", cfnMap{}.
						add("kms:ViaService", cfnSubOf("sns.${AWS::Region}.${AWS::URLSuffix}")).
						add("kms:CallerAccount", cfnRefTo("AWS::AccountId")))),
			}),
	}}
	topic := &cfnResource{logicalID: idRotationAlertTopic, Type: "AWS::SNS::Topic", Properties: cfnTopicProps{
		DisplayName:    "secretsmith alerts",
		KmsMasterKeyId: cfnGetAttOf(idRotationAlertKey, "Arn"),
	}}
	// Only this template's rules may publish.
	var sources []any
	for _, r := range rules {
		sources = append(sources, cfnGetAttOf(r.logicalID, "Arn"))
	}
	var source any = sources
	if len(sources) == 1 {
		source = sources[0]
	}
	topicPolicy := &cfnResource{logicalID: idRotationAlertTopicPolicy, Type: "AWS::SNS::TopicPolicy", Properties: cfnTopicPolicyProps{
		Topics: []any{cfnRefTo(idRotationAlertTopic)},
		PolicyDocument: cfnMap{}.
			add("Version", blueprint.PolicyVersion).
			add("Statement", []cfnMap{cfnMap{}.
				add("Sid", "AllowAlertRulesToPublish").
				add("Effect", "Allow").
				add("Principal", cfnMap{}.add("Service", cfnEventsPrincipal)).
				add("Action", "sns:Publish").
				add("Resource", cfnRefTo(idRotationAlertTopic)).
				add("Condition", cfnMap{}.add("ArnEquals", cfnMap{}.add("aws:SourceArn", source)))}),
	}}
	out := []*cfnResource{alertKey, topic, topicPolicy}
	if email := strings.TrimSpace(d.Monitoring.AlertEmail); email != "" {
		out = append(out, &cfnResource{logicalID: idRotationAlertSubscription, Type: "AWS::SNS::Subscription", Properties: cfnSubscriptionProps{
			TopicArn: cfnRefTo(idRotationAlertTopic),
			Protocol: "email",
			Endpoint: email,
		}})
	}
	return append(out, rules...)
}

// cfnRotationFailedRule watches the rotation results Secrets Manager
// records in CloudTrail as service events (blueprint.RotationFailureEvents);
// the secret's ARN is in additionalEventData.SecretId (Ref of a secret is
// its ARN).
func cfnRotationFailedRule(d *blueprint.Design, secretID any) *cfnResource {
	return &cfnResource{logicalID: idRotationFailedRule, Type: "AWS::Events::Rule", Properties: cfnEventsRuleProps{
		Description: fmt.Sprintf("Rotation of the secret %s failed or was abandoned", d.DisplayName()),
		State:       "ENABLED",
		EventPattern: cfnMap{}.
			add("source", []string{"aws.secretsmanager"}).
			add("detail-type", []string{"AWS Service Event via CloudTrail"}).
			add("detail", cfnMap{}.
				add("eventSource", []string{"secretsmanager.amazonaws.com"}).
				add("eventName", blueprint.RotationFailureEvents).
				add("additionalEventData", cfnMap{}.add("SecretId", []any{secretID}))),
		Targets: []cfnEventTarget{{Id: "RotationAlertTopic", Arn: cfnAlertTopicRef(d)}},
	}}
}

// cfnPolicy converts the blueprint's policy document into the template's
// ordered values, keeping the exact shape of its JSON: a single value is a
// bare string, a list is a list, and principals and conditions keep the
// order the blueprint gives them.
func cfnPolicy(doc blueprint.PolicyDocument) cfnMap {
	stmts := make([]cfnMap, len(doc.Statement))
	for i, st := range doc.Statement {
		stmts[i] = cfnStatement(st)
	}
	return cfnMap{}.add("Version", doc.Version).add("Statement", stmts)
}

// cfnStatement is one statement of cfnPolicy.
func cfnStatement(st blueprint.PolicyStatement) cfnMap {
	m := cfnMap{}
	if st.Sid != "" {
		m = m.add("Sid", st.Sid)
	}
	m = m.add("Effect", st.Effect)
	if st.Principal != nil {
		m = m.add("Principal", cfnPrincipal(st.Principal))
	}
	if st.NotPrincipal != nil {
		m = m.add("NotPrincipal", cfnPrincipal(st.NotPrincipal))
	}
	if len(st.Action) > 0 {
		m = m.add("Action", cfnStringOrList(st.Action))
	}
	if len(st.NotAction) > 0 {
		m = m.add("NotAction", cfnStringOrList(st.NotAction))
	}
	if len(st.Resource) > 0 {
		m = m.add("Resource", cfnStringOrList(st.Resource))
	}
	if len(st.Condition) > 0 {
		c := cfnMap{}
		for _, blk := range st.Condition {
			keys := cfnMap{}
			for _, e := range blk.Entries {
				keys = keys.add(e.Key, cfnStringOrList(e.Values))
			}
			c = c.add(blk.Operator, keys)
		}
		m = m.add("Condition", c)
	}
	return m
}

func cfnPrincipal(p *blueprint.PolicyPrincipal) any {
	if p.Wildcard {
		return "*"
	}
	m := cfnMap{}
	for _, e := range p.Entries {
		m = m.add(e.Type, cfnStringOrList(e.Values))
	}
	return m
}

func cfnStringOrList(l []string) any {
	if len(l) == 1 {
		return l[0]
	}
	return append([]string{}, l...)
}

// cfnAttachSuppressions puts each waived rule's scanner checks on the resource
// the rule concerns (the first of its Concerns the template has), with the
// waiver's reason, so the scanners that run on the template agree with the
// design's waivers.
func cfnAttachSuppressions(p *plan, resources []*cfnResource) {
	byID := make(map[string]*cfnResource, len(resources))
	for _, r := range resources {
		byID[r.logicalID] = r
	}
	for _, res := range p.rulesWaived() {
		var r *cfnResource
		for _, c := range res.Rule.Concerns {
			if r = byID[cfnConcernResource[c]]; r != nil {
				break
			}
		}
		if r == nil {
			// The resource the rule is about is not in this template
			// (an existing secret, say); the header still lists the waiver.
			continue
		}
		for _, sc := range res.Rule.Scanners {
			if !sc.ReadsTemplate(blueprint.CloudFormationTemplate) {
				continue
			}
			switch sc.Tool {
			case "Guard":
				md := r.suppressions()
				if md.Guard == nil {
					md.Guard = &cfnGuardMetadata{}
				}
				md.Guard.SuppressedRules = append(md.Guard.SuppressedRules, sc.ID)
			case "cfn_nag":
				md := r.suppressions()
				if md.CfnNag == nil {
					md.CfnNag = &cfnNagMetadata{}
				}
				md.CfnNag.RulesToSuppress = append(md.CfnNag.RulesToSuppress, cfnNagRule{sc.ID, res.WaiverReason})
			case "Checkov":
				md := r.suppressions()
				if md.Checkov == nil {
					md.Checkov = &cfnCheckovMetadata{}
				}
				md.Checkov.Skip = append(md.Checkov.Skip, cfnCheckovSkip{sc.ID, res.WaiverReason})
			}
		}
	}
}

// cfnConcernResource is the logical ID of each resource a rule can concern.
// The hosted rotation function has none of its own: the transform builds it
// from the rotation schedule, so a waiver about it falls to the schedule.
var cfnConcernResource = map[blueprint.Concern]string{
	blueprint.ConcernSecret:   idSecret,
	blueprint.ConcernKey:      idSecretKey,
	blueprint.ConcernPolicy:   idSecretResourcePolicy,
	blueprint.ConcernRotation: idSecretRotationSchedule,
	blueprint.ConcernAlert:    idRotationFailedRule,
}

func (r *cfnResource) suppressions() *cfnScannerMetadata {
	if r.Metadata == nil {
		r.Metadata = &cfnScannerMetadata{}
	}
	return r.Metadata
}

// cfnMarkLiteralParameters tells cfn-lint that a "${...}" in the user's
// text is meant literally. CloudFormation only substitutes inside Fn::Sub,
// so a description such as "rotate ${AWS::Region} weekly" is stored as
// written; cfn-lint's E1029 guesses that an author forgot the Fn::Sub, which
// is never the case for text secretsmith copies from a design.
func cfnMarkLiteralParameters(r *cfnResource) error {
	switch r.logicalID {
	case idSecret, idSecretResourcePolicy, idSecretRotationSchedule:
	default:
		return nil // only these hold user text
	}
	data, err := cfnMarshalJSON(r.Properties)
	if err != nil {
		return fmt.Errorf("encode %s: %w", r.logicalID, err)
	}
	if !bytes.Contains(data, []byte("${")) {
		return nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("decode %s: %w", r.logicalID, err)
	}
	if cfnHasLiteralParameter(v) {
		r.suppressions().CfnLint = &cfnLintMetadata{cfnLintConfig{IgnoreChecks: []string{"E1029"}}}
	}
	return nil
}

// cfnDesignHasParameterText is a quick test for a "${" anywhere in the
// design's free text, so the exact (and slower) per-resource check only runs
// when one might be found.
func cfnDesignHasParameterText(d *blueprint.Design) bool {
	has := func(s string) bool { return strings.Contains(s, "${") }
	s := &d.Secret
	if has(s.Description) || slices.ContainsFunc(s.Tags, func(t blueprint.Tag) bool { return has(t.Key) || has(t.Value) }) {
		return true
	}
	if g := s.GenerateSecretString; g != nil && (has(g.SecretStringTemplate) || has(g.GenerateStringKey) || has(g.ExcludeCharacters)) {
		return true
	}
	if r := d.Rotation; r != nil && r.HostedRotationLambda != nil && has(r.HostedRotationLambda.ExcludeCharacters) {
		return true
	}
	if p := d.ResourcePolicy; p != nil {
		for _, st := range p.Statements {
			for _, pr := range []*blueprint.Principal{st.Principal, st.NotPrincipal} {
				if pr != nil && (slices.ContainsFunc(pr.AWS, has) || slices.ContainsFunc(pr.Service, has) || slices.ContainsFunc(pr.Federated, has)) {
					return true
				}
			}
			if has(st.Sid) || slices.ContainsFunc(st.Action, has) || slices.ContainsFunc(st.NotAction, has) || slices.ContainsFunc(st.Resource, has) {
				return true
			}
			for _, c := range st.Condition {
				if has(c.Operator) || has(c.Key) || slices.ContainsFunc(c.Values, has) {
					return true
				}
			}
		}
	}
	return false
}

// cfnHasLiteralParameter reports whether a "${" appears in v outside an
// Fn::Sub, in a key or in a value.
func cfnHasLiteralParameter(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, "${")
	case []any:
		return slices.ContainsFunc(v, cfnHasLiteralParameter)
	case map[string]any:
		if _, sub := v["Fn::Sub"]; sub && len(v) == 1 {
			return false
		}
		for k, x := range v {
			if strings.Contains(k, "${") || cfnHasLiteralParameter(x) {
				return true
			}
		}
	}
	return false
}

// cfnHeader is the YAML comment header: what was designed, by which
// secretsmith, and how it stands against the blueprint.
func cfnHeader(p *plan) []string {
	lines := []string{
		"Generated by secretsmith " + p.version() + " from the design " + p.d.DisplayName() + ".",
		"Regenerate it from the design instead of editing it by hand.",
	}
	if met := p.rulesMet(); len(met) > 0 {
		lines = append(lines, "", "Blueprint rules met:")
		for _, id := range met {
			lines = append(lines, "  - "+id)
		}
	}
	if waived := p.rulesWaived(); len(waived) > 0 {
		lines = append(lines, "", "Blueprint rules waived:")
		for _, r := range waived {
			lines = append(lines, "  - "+string(r.Rule.ID)+": "+r.WaiverReason)
		}
	}
	if region := p.d.PrimaryRegion(); region != "" {
		lines = append(lines, "", "Create the stack in "+region+", the region the design pins.")
	}
	if ep := p.recordedEndpoint(); ep != "" {
		lines = append(lines, "", blueprint.EndpointNote(ep))
	}
	if caps := CloudFormationCapabilities(p.d); len(caps) > 0 {
		lines = append(lines, "",
			"Deploy with "+blueprint.NameList(caps, len(caps))+": the Secrets Manager",
			"transform builds the rotation function in a nested stack.")
	}
	return lines
}
