package generate

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Terraform addresses the writer uses. They are fixed so that a reviewer
// reading two generated configurations finds the same names in both, and so
// that the waiver table below can say where each rule's comment goes.
const (
	tfSecret       = "aws_secretsmanager_secret.this"
	tfSecretKey    = "aws_kms_key.secret"
	tfSecretAlias  = "aws_kms_alias.secret"
	tfPassword     = "ephemeral.aws_secretsmanager_random_password.initial"
	tfVersion      = "aws_secretsmanager_secret_version.initial"
	tfPolicy       = "aws_secretsmanager_secret_policy.this"
	tfStack        = "aws_serverlessapplicationrepository_cloudformation_stack.rotation"
	tfRotation     = "aws_secretsmanager_secret_rotation.this"
	tfAlertKey     = "aws_kms_key.alerts"
	tfEventRule    = "aws_cloudwatch_event_rule.rotation_failed"
	tfEventTarget  = "aws_cloudwatch_event_target.rotation_failed"
	tfTopic        = "aws_sns_topic.rotation_alerts"
	tfTopicPolicy  = "aws_sns_topic_policy.rotation_alerts"
	tfSubscription = "aws_sns_topic_subscription.rotation_alerts_email"

	tfPartition = "data.aws_partition.current"
	tfRegion    = "data.aws_region.current"
	tfCaller    = "data.aws_caller_identity.current"
	tfGivenKey  = "data.aws_kms_key.secret"
)

// Version constraints written into versions.tf. Write-only arguments
// (secret_string_wo) need Terraform 1.11; data.aws_region's region attribute
// and the ephemeral aws_secretsmanager_random_password need provider 6.
const (
	tfRequiredVersion = ">= 1.11"
	tfAWSVersion      = ">= 6.0"
)

// renderTerraform writes versions.tf, main.tf and outputs.tf.
func renderTerraform(p *plan) ([]File, error) {
	w := &tfWriter{p: p, d: p.d, waivers: map[string][]blueprint.RuleResult{}}
	if p.rotationType != nil {
		if _, ok := p.rotationType.SARApplicationID(p.partition.ID); !ok {
			return nil, fmt.Errorf("hosted rotation is not published in partition %s; use rotationLambdaArn with your own function", p.partition.ID)
		}
	}
	w.planWaivers()
	defer w.release() // every file is bytes of its own by then
	files := []File{
		{Name: "versions.tf", Data: tfFormat(w.versionsFile())},
		{Name: "main.tf", Data: tfFormat(w.mainFile())},
		{Name: "outputs.tf", Data: tfFormat(w.outputsFile())},
	}
	return files, nil
}

// tfWriter carries one rendering.
type tfWriter struct {
	tfToks
	p *plan
	d *blueprint.Design
	// waivers maps a resource address to the waived rules whose comments
	// it carries.
	waivers map[string][]blueprint.RuleResult
}

// Which parts of the configuration the design asks for.

func (w *tfWriter) newSecret() bool { return !w.d.IsExisting() }
func (w *tfWriter) initialValue() bool {
	return w.newSecret() && w.d.Secret.GenerateSecretString != nil
}
func (w *tfWriter) hosted() bool { return w.p.rotationType != nil }
func (w *tfWriter) rotates() bool {
	return w.d.Rotation != nil && (w.hosted() || w.d.Rotation.RotationLambdaARN != "")
}
func (w *tfWriter) monitors() bool { return w.d.Monitoring.RotationFailureAlert }

// exists reports whether the configuration declares the resource at addr.
func (w *tfWriter) exists(addr string) bool {
	switch addr {
	case tfSecret:
		return w.newSecret()
	case tfSecretKey:
		return w.p.createKey
	case tfPolicy:
		return w.d.ResourcePolicy != nil
	case tfStack:
		return w.hosted()
	case tfRotation:
		return w.rotates()
	case tfEventRule:
		return w.monitors()
	}
	return false
}

// tfConcernAddress is the resource that stands for each resource a rule can
// concern. A waiver's comment goes on the first of the rule's Concerns the
// configuration declares (Checkov reports CKV2_AWS_57 on the secret,
// CKV_AWS_304 on the rotation), else on the first of tfWaiverFallback.
// Every waiver also appears in the header of main.tf.
var tfConcernAddress = map[blueprint.Concern]string{
	blueprint.ConcernSecret:           tfSecret,
	blueprint.ConcernKey:              tfSecretKey,
	blueprint.ConcernPolicy:           tfPolicy,
	blueprint.ConcernRotation:         tfRotation,
	blueprint.ConcernRotationFunction: tfStack,
	blueprint.ConcernAlert:            tfEventRule,
}

// tfWaiverFallback takes a waiver whose resources are all absent, such as a
// metadata rule on an existing secret, so its scanner directives still sit
// on a block.
var tfWaiverFallback = []string{tfSecret, tfRotation, tfPolicy}

func (w *tfWriter) planWaivers() {
	for _, r := range w.p.rulesWaived() {
		var homes []string
		for _, c := range r.Rule.Concerns {
			homes = append(homes, tfConcernAddress[c])
		}
		for _, addr := range append(homes, tfWaiverFallback...) {
			if w.exists(addr) {
				w.waivers[addr] = append(w.waivers[addr], r)
				break
			}
		}
	}
}

// tfFormat returns the file's bytes as terraform fmt leaves them.
func tfFormat(f *tfBody) []byte {
	buf := tfStreamPool.Get().(*tfTokens)
	toks := f.BuildTokens((*buf)[:0])
	out := f.a.tfLayout(toks)
	*buf = toks[:0]
	tfStreamPool.Put(buf)
	return out
}

// tfStreamPool keeps the token list of a whole file between renderings.
var tfStreamPool = sync.Pool{New: func() any { return new(tfTokens) }}

func (w *tfWriter) versionsFile() *tfBody {
	body := w.newBody()
	body.AppendUnstructuredTokens(w.tfComment("Terraform " + tfRequiredVersion + " for write-only arguments, which keep the secret's value out of state."))
	tf := body.AppendNewBlock("terraform", nil)
	tf.SetAttributeRaw("required_version", w.tfString(tfRequiredVersion))
	rp := tf.AppendNewBlock("required_providers", nil)
	rp.SetAttributeRaw("aws", w.tfObject(
		tfKV{"source", w.tfString("hashicorp/aws")},
		tfKV{"version", w.tfString(tfAWSVersion)},
	))
	if region := w.d.PrimaryRegion(); region != "" {
		body.AppendNewline()
		body.AppendUnstructuredTokens(w.tfComment("The design pins its region: the key and ARNs it names only exist there."))
		body.AppendNewBlock("provider", []string{"aws"}).SetAttributeRaw("region", w.tfString(region))
	}
	return body
}

// block appends a resource, data or ephemeral block with the waiver
// comments that belong to addr. Trivy reads an ignore comment on the line
// just above the block; Checkov reads a skip comment anywhere inside it.
func (w *tfWriter) block(body *tfBody, kind, addr string) *tfBody {
	body.AppendNewline()
	parts := strings.Split(strings.TrimPrefix(strings.TrimPrefix(addr, "data."), "ephemeral."), ".")
	waived := w.waivers[addr]
	for _, r := range waived {
		body.AppendUnstructuredTokens(w.tfComment(tfOneLine("Waived " + string(r.Rule.ID) + ": " + r.WaiverReason)))
	}
	for _, r := range waived {
		for _, s := range r.Rule.Scanners {
			if s.Tool == "Trivy" {
				body.AppendUnstructuredTokens(w.tfDirective("trivy:ignore:" + s.ID))
			}
		}
	}
	b := body.AppendNewBlock(kind, parts)
	for _, r := range waived {
		for _, s := range r.Rule.Scanners {
			if s.Tool == "Checkov" {
				b.AppendUnstructuredTokens(w.tfDirective(tfOneLine("checkov:skip=" + s.ID + ":" + string(r.Rule.ID) + " waived: " + r.WaiverReason)))
			}
		}
	}
	return b
}

func (w *tfWriter) mainFile() *tfBody {
	body := w.newBody()
	w.header(body)

	needPartition := w.p.createKey || w.monitors() || w.hosted()
	needRegion := w.p.createKey || w.monitors() || w.hosted()
	needCaller := w.p.createKey || w.monitors()
	if needPartition {
		w.block(body, "data", tfPartition)
	}
	if needRegion {
		w.block(body, "data", tfRegion)
	}
	if needCaller {
		w.block(body, "data", tfCaller)
	}
	if w.lookUpKey() {
		k := w.block(body, "data", tfGivenKey)
		k.AppendUnstructuredTokens(w.tfComment("Resolves the design's key to its key ARN, which the rotation function's role"))
		k.AppendUnstructuredTokens(w.tfComment("needs: a policy naming an alias or key id grants nothing."))
		k.SetAttributeRaw("key_id", w.tfString(w.d.Secret.KMSKeyARN))
	}

	if w.p.createKey {
		w.secretKey(body)
	}
	if w.newSecret() {
		w.secret(body)
	}
	if w.initialValue() {
		w.initialVersion(body)
	}
	if w.d.ResourcePolicy != nil {
		w.policy(body)
	}
	if w.hosted() {
		w.stack(body)
	}
	if w.rotates() {
		w.rotation(body)
	}
	if w.monitors() {
		w.monitoring(body)
	}
	return body
}

func (w *tfWriter) header(body *tfBody) {
	c := func(s string) { body.AppendUnstructuredTokens(w.tfComment(tfOneLine(s))) }
	c("Generated by secretsmith " + w.p.version() + " from design " + w.d.DisplayName() + ".")
	c("Edit the design and generate again rather than editing this file.")
	c("")
	met := w.p.rulesMet()
	if len(met) == 0 {
		c("Blueprint rules met: none")
	} else {
		c("Blueprint rules met: " + strings.Join(met, ", "))
	}
	waived := w.p.rulesWaived()
	if len(waived) == 0 {
		c("Blueprint rules waived: none")
		return
	}
	c("Blueprint rules waived:")
	for _, r := range waived {
		c("- " + string(r.Rule.ID) + ": " + r.WaiverReason)
	}
}

// secretRef is the expression naming the secret: the resource when this
// configuration creates it (Checkov's CKV2_AWS_57 follows that reference to
// find the rotation), the literal ARN otherwise.
func (w *tfWriter) secretRef(attr string) tfTokens {
	if w.newSecret() {
		return w.tfRef(tfSecret + "." + attr)
	}
	return w.tfString(w.d.Secret.ExistingSecretARN)
}

// lookUpKey reports whether the hosted rotation function needs the ARN of a
// key the design names only by alias or id. An existing secret's key is not
// in the design: its function then works with aws/secretsmanager, which
// needs no grant, or with the key named in hostedRotationLambda.kmsKeyArn.
func (w *tfWriter) lookUpKey() bool {
	k := w.d.Secret.KMSKeyARN
	if !w.hosted() || w.p.createKey || k == "" || w.d.Rotation.HostedRotationLambda.KMSKeyARN != "" {
		return false
	}
	a, ok := blueprint.ParseARN(k)
	return !ok || !strings.HasPrefix(a.Resource, "key/")
}

// secretKeyRef is the secret's key as an ARN-or-id expression.
func (w *tfWriter) secretKeyRef() tfTokens {
	if w.p.createKey {
		return w.tfRef(tfSecretKey + ".arn")
	}
	return w.tfString(w.d.Secret.KMSKeyARN)
}

// keyAdminStatement keeps the account in charge of a key through IAM. It
// lists the management actions rather than kms:*, so that using the key
// (Decrypt, GenerateDataKey, CreateGrant) stays limited by the statements
// that follow.
func (w *tfWriter) keyAdminStatement() tfTokens {
	return w.tfObject(
		tfKV{"Sid", w.tfString(sidKeyAdmin)},
		tfKV{"Effect", w.tfString("Allow")},
		tfKV{"Principal", w.tfObject(tfKV{"AWS", w.accountRoot()})},
		tfKV{"Action", w.tfStrings(keyAdminActions)},
		tfKV{"Resource", w.tfString("*")},
	)
}

func (w *tfWriter) accountRoot() tfTokens {
	return w.tfTemplate(tfLit("arn:"), tfInterp(tfPartition+".partition"), tfLit(":iam::"), tfInterp(tfCaller+".account_id"), tfLit(":root"))
}

// viaService is "<service>.<region>.<dns suffix>", the kms:ViaService value
// of a service in this region.
func (w *tfWriter) viaService(service string) tfTokens {
	return w.tfTemplate(tfLit(service+"."), tfInterp(tfRegion+".region"), tfLit("."), tfInterp(tfPartition+".dns_suffix"))
}

func (w *tfWriter) secretKey(body *tfBody) {
	b := w.block(body, "resource", tfSecretKey)
	b.SetAttributeRaw("description", w.tfString("Encrypts the Secrets Manager secret "+w.d.Secret.SecretID))
	b.SetAttributeRaw("enable_key_rotation", w.tfBool(true))
	b.SetAttributeRaw("deletion_window_in_days", w.tfNumber(30))
	b.AppendNewline()
	b.AppendUnstructuredTokens(w.tfComment("The account administers the key; principals of the account may use it only"))
	b.AppendUnstructuredTokens(w.tfComment("through Secrets Manager in this region."))
	b.SetAttributeRaw("policy", w.tfCall("jsonencode", w.tfObject(
		tfKV{"Version", w.tfString(blueprint.PolicyVersion)},
		tfKV{"Statement", w.tfLines(
			w.keyAdminStatement(),
			w.tfObject(
				tfKV{"Sid", w.tfString(sidKeyUseViaSecrets)},
				tfKV{"Effect", w.tfString("Allow")},
				tfKV{"Principal", w.tfObject(tfKV{"AWS", w.accountRoot()})},
				tfKV{"Action", w.tfStrings(keyUseActions)},
				tfKV{"Resource", w.tfString("*")},
				tfKV{"Condition", w.tfObject(tfKV{"StringEquals", w.tfObject(
					tfKV{"kms:ViaService", w.viaService("secretsmanager")},
					tfKV{"kms:CallerAccount", w.tfRef(tfCaller + ".account_id")},
				)})},
			),
		)},
	)))

	a := w.block(body, "resource", tfSecretAlias)
	// The same alias the CloudFormation writer gives; display names are
	// a-z, 0-9 and -, and never start the reserved alias/aws/.
	a.SetAttributeRaw("name", w.tfString("alias/secretsmanager/"+w.d.DisplayName()))
	a.SetAttributeRaw("target_key_id", w.tfRef(tfSecretKey+".key_id"))
}

func (w *tfWriter) secret(body *tfBody) {
	s := &w.d.Secret
	b := w.block(body, "resource", tfSecret)
	b.SetAttributeRaw("name", w.tfString(s.SecretID))
	if s.Description != "" {
		b.SetAttributeRaw("description", w.tfString(s.Description))
	}
	b.SetAttributeRaw("kms_key_id", w.secretKeyRef())
	b.SetAttributeRaw("recovery_window_in_days", w.tfNumber(s.RecoveryWindow()))
	if len(s.Tags) > 0 {
		tags := append([]blueprint.Tag(nil), s.Tags...)
		sort.SliceStable(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
		kvs := make([]tfKV, len(tags))
		for i, t := range tags {
			kvs[i] = tfKV{t.Key, w.tfString(t.Value)}
		}
		b.SetAttributeRaw("tags", w.tfObject(kvs...))
	}
	for _, r := range s.ReplicaRegions {
		b.AppendNewline()
		rb := b.AppendNewBlock("replica", nil)
		rb.SetAttributeRaw("region", w.tfString(r.Region))
		if r.KMSKeyARN != "" {
			rb.SetAttributeRaw("kms_key_id", w.tfString(r.KMSKeyARN))
		}
	}
	if !w.initialValue() {
		b.AppendNewline()
		b.AppendUnstructuredTokens(w.tfComment("The design generates no value, so the secret starts empty until its rotation"))
		b.AppendUnstructuredTokens(w.tfComment("function (or a person, outside Terraform) sets one. No value is written here:"))
		b.AppendUnstructuredTokens(w.tfComment("it would be stored in Terraform state."))
	}
}

// initialVersion gives the new secret a generated first value, as
// CloudFormation's GenerateSecretString does. The password comes from
// Secrets Manager's own generator through an ephemeral resource (so the
// design's length and character options mean exactly what they mean in
// CloudFormation, with no extra provider), and reaches the secret through
// the write-only secret_string_wo, so it is never stored in plan or state.
func (w *tfWriter) initialVersion(body *tfBody) {
	g := w.d.Secret.GenerateSecretString
	e := w.block(body, "ephemeral", tfPassword)
	if g.PasswordLength != nil {
		e.SetAttributeRaw("password_length", w.tfNumber(*g.PasswordLength))
	}
	if g.ExcludeCharacters != "" {
		e.SetAttributeRaw("exclude_characters", w.tfString(g.ExcludeCharacters))
	}
	for _, o := range []struct {
		name string
		v    *bool
	}{
		{"exclude_lowercase", g.ExcludeLowercase},
		{"exclude_uppercase", g.ExcludeUppercase},
		{"exclude_numbers", g.ExcludeNumbers},
		{"exclude_punctuation", g.ExcludePunctuation},
		{"include_space", g.IncludeSpace},
		{"require_each_included_type", g.RequireEachIncludedType},
	} {
		if o.v != nil {
			e.SetAttributeRaw(o.name, w.tfBool(*o.v))
		}
	}

	v := w.block(body, "resource", tfVersion)
	v.AppendUnstructuredTokens(w.tfComment("The first value is generated by Secrets Manager while Terraform applies and is"))
	v.AppendUnstructuredTokens(w.tfComment("written through a write-only argument: it never appears in plan or state."))
	v.AppendUnstructuredTokens(w.tfComment("Rotation replaces it; secret_string_wo_version stays 1 so Terraform writes it once."))
	v.SetAttributeRaw("secret_id", w.tfRef(tfSecret+".id"))
	password := w.tfRef(tfPassword + ".random_password")
	value := password
	if g.SecretStringTemplate != "" && g.GenerateStringKey != "" {
		value = w.tfCall("jsonencode", w.tfCall("merge",
			w.tfCall("jsondecode", w.tfString(g.SecretStringTemplate)),
			w.tfObject(tfKV{g.GenerateStringKey, password}),
		))
	}
	v.SetAttributeRaw("secret_string_wo", value)
	v.SetAttributeRaw("secret_string_wo_version", w.tfNumber(1))
}

func (w *tfWriter) policy(body *tfBody) {
	rp := w.d.ResourcePolicy
	b := w.block(body, "resource", tfPolicy)
	b.SetAttributeRaw("secret_arn", w.secretRef("arn"))
	b.SetAttributeRaw("block_public_policy", w.tfBool(rp.BlocksPublicPolicy()))
	b.SetAttributeRaw("policy", w.tfCall("jsonencode", w.policyObject(rp.Document())))
}

// policyObject is the IAM document as an HCL object, keys in IAM's usual
// order. Every value is a string literal, so jsonencode gives back exactly
// the design's text.
//
// It is the largest expression of a configuration, so it is appended into
// one list with the tfAppend* forms of tfObject, tfLines and the string
// constructors (the same tokens) rather than copied up through each level
// of nesting.
func (w *tfWriter) policyObject(doc blueprint.PolicyDocument) tfTokens {
	t := w.make(tfListBlock / 2) // room for a large policy; append moves a larger one
	t = w.tfOpenObject(t, 2)
	t = w.tfAppendKey(t, "Version")
	t = w.tfAppendString(t, doc.Version)
	t = w.tfEndAttr(t)
	t = w.tfAppendKey(t, "Statement")
	t = w.tfOpenLines(t)
	for _, st := range doc.Statement {
		t = w.tfOpenObject(t, 1) // Effect is always there
		if st.Sid != "" {
			t = w.tfEndAttr(w.tfAppendString(w.tfAppendKey(t, "Sid"), st.Sid))
		}
		t = w.tfEndAttr(w.tfAppendString(w.tfAppendKey(t, "Effect"), st.Effect))
		if st.Principal != nil {
			t = w.tfEndAttr(w.appendPrincipal(w.tfAppendKey(t, "Principal"), st.Principal))
		}
		if st.NotPrincipal != nil {
			t = w.tfEndAttr(w.appendPrincipal(w.tfAppendKey(t, "NotPrincipal"), st.NotPrincipal))
		}
		for _, l := range [...]struct {
			key  string
			vals blueprint.StringOrList
		}{{"Action", st.Action}, {"NotAction", st.NotAction}, {"Resource", st.Resource}} {
			if len(l.vals) > 0 {
				t = w.tfEndAttr(w.tfAppendStringOrList(w.tfAppendKey(t, l.key), l.vals))
			}
		}
		if len(st.Condition) > 0 {
			t = w.tfOpenObject(w.tfAppendKey(t, "Condition"), len(st.Condition))
			for _, blk := range st.Condition {
				t = w.tfOpenObject(w.tfAppendKey(t, blk.Operator), len(blk.Entries))
				for _, e := range blk.Entries {
					t = w.tfEndAttr(w.tfAppendStringOrList(w.tfAppendKey(t, e.Key), e.Values))
				}
				t = w.tfEndAttr(w.tfCloseObject(t))
			}
			t = w.tfEndAttr(w.tfCloseObject(t))
		}
		t = w.tfEndLine(w.tfCloseObject(t))
	}
	t = w.tfEndAttr(w.tfCloseLines(t))
	return w.tfCloseObject(t)
}

// appendPrincipal appends a principal: "*", or an object of principal
// types.
func (w *tfWriter) appendPrincipal(t tfTokens, p *blueprint.PolicyPrincipal) tfTokens {
	if p.Wildcard {
		return w.tfAppendString(t, "*")
	}
	t = w.tfOpenObject(t, len(p.Entries))
	for _, e := range p.Entries {
		t = w.tfEndAttr(w.tfAppendStringOrList(w.tfAppendKey(t, e.Type), e.Values))
	}
	return w.tfCloseObject(t)
}

// stack deploys the AWS rotation application for the rotation type from the
// Serverless Application Repository: the same code CloudFormation's
// HostedRotationLambda builds, which Terraform has no resource for.
func (w *tfWriter) stack(body *tfBody) {
	h := w.d.Rotation.HostedRotationLambda
	appID, _ := w.p.rotationType.SARApplicationID(w.p.partition.ID)
	b := w.block(body, "resource", tfStack)
	b.AppendUnstructuredTokens(w.tfComment("The " + w.p.rotationType.Name + " rotation function, built by AWS from its published"))
	b.AppendUnstructuredTokens(w.tfComment("application; it also lets Secrets Manager invoke the function."))
	// Stack names allow letters, digits and hyphens; Lambda names also allow
	// underscores. The provider prefixes serverlessrepo-.
	b.SetAttributeRaw("name", w.tfString(strings.ReplaceAll(w.p.lambdaName, "_", "-")))
	b.SetAttributeRaw("application_id", w.tfString(appID))
	b.SetAttributeRaw("capabilities", w.tfStrings([]string{"CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"}))

	params := []tfKV{
		{"endpoint", w.tfTemplate(tfLit("https://secretsmanager."), tfInterp(tfRegion+".region"), tfLit("."), tfInterp(tfPartition+".dns_suffix"))},
		{"functionName", w.tfString(w.p.lambdaName)},
	}
	if len(h.VPCSubnetIDs) > 0 {
		params = append(params, tfKV{"vpcSubnetIds", w.tfString(strings.Join(h.VPCSubnetIDs, ","))})
	}
	if len(h.VPCSecurityGroupIDs) > 0 {
		params = append(params, tfKV{"vpcSecurityGroupIds", w.tfString(strings.Join(h.VPCSecurityGroupIDs, ","))})
	}
	switch {
	case h.KMSKeyARN != "":
		params = append(params, tfKV{"kmsKeyArn", w.tfString(h.KMSKeyARN)})
	case w.lookUpKey():
		params = append(params, tfKV{"kmsKeyArn", w.tfRef(tfGivenKey + ".arn")})
	case w.newSecret():
		// The function reads and writes the secret, so it needs its key.
		params = append(params, tfKV{"kmsKeyArn", w.secretKeyRef()})
	}
	if h.MasterSecretARN != "" {
		params = append(params, tfKV{"masterSecretArn", w.tfString(h.MasterSecretARN)})
	}
	if h.MasterSecretKMSKeyARN != "" {
		params = append(params, tfKV{"masterSecretKmsKeyArn", w.tfString(h.MasterSecretKMSKeyARN)})
	}
	if h.ExcludeCharacters != "" {
		params = append(params, tfKV{"excludeCharacters", w.tfString(h.ExcludeCharacters)})
	}
	b.SetAttributeRaw("parameters", w.tfObject(params...))
}

func (w *tfWriter) rotation(body *tfBody) {
	r := w.d.Rotation
	b := w.block(body, "resource", tfRotation)
	b.SetAttributeRaw("secret_id", w.secretRef("id"))
	if w.hosted() {
		b.SetAttributeRaw("rotation_lambda_arn", w.tfIndexRef(tfStack+".outputs", "RotationLambdaARN"))
	} else {
		b.SetAttributeRaw("rotation_lambda_arn", w.tfString(r.RotationLambdaARN))
	}
	if r.RotateImmediately != nil {
		b.SetAttributeRaw("rotate_immediately", w.tfBool(*r.RotateImmediately))
	}
	b.AppendNewline()
	rr := b.AppendNewBlock("rotation_rules", nil)
	if r.AutomaticallyAfterDays != 0 {
		rr.SetAttributeRaw("automatically_after_days", w.tfNumber(r.AutomaticallyAfterDays))
	}
	if r.ScheduleExpression != "" {
		rr.SetAttributeRaw("schedule_expression", w.tfString(r.ScheduleExpression))
	}
	if r.Duration != "" {
		rr.SetAttributeRaw("duration", w.tfString(r.Duration))
	}
	if w.initialValue() {
		// Rotation starts from the first value, so it waits for it.
		b.AppendNewline()
		b.SetAttributeRaw("depends_on", w.tfList(w.tfRef(tfVersion)))
	}
}

// monitoring mails the team when Secrets Manager reports that rotating this
// secret failed or was abandoned. The topic is encrypted with a key of its
// own: EventBridge cannot publish to a topic encrypted with the AWS managed
// alias/aws/sns, whose policy cannot be changed to let it in.
func (w *tfWriter) monitoring(body *tfBody) {
	name := w.d.DisplayName()

	k := w.block(body, "resource", tfAlertKey)
	k.SetAttributeRaw("description", w.tfString("Encrypts rotation alerts for "+name))
	k.SetAttributeRaw("enable_key_rotation", w.tfBool(true))
	k.SetAttributeRaw("deletion_window_in_days", w.tfNumber(30))
	k.SetAttributeRaw("policy", w.tfCall("jsonencode", w.tfObject(
		tfKV{"Version", w.tfString(blueprint.PolicyVersion)},
		tfKV{"Statement", w.tfLines(
			w.keyAdminStatement(),
			w.tfObject(
				tfKV{"Sid", w.tfString(sidKeyUseViaSNS)},
				tfKV{"Effect", w.tfString("Allow")},
				tfKV{"Principal", w.tfObject(tfKV{"AWS", w.accountRoot()})},
				tfKV{"Action", w.tfStrings(alertKeyActions)},
				tfKV{"Resource", w.tfString("*")},
				tfKV{"Condition", w.tfObject(tfKV{"StringEquals", w.tfObject(
					tfKV{"kms:ViaService", w.viaService("sns")},
					tfKV{"kms:CallerAccount", w.tfRef(tfCaller + ".account_id")},
				)})},
			),
			w.tfObject(
				tfKV{"Sid", w.tfString(sidKeyEventsPublish)},
				tfKV{"Effect", w.tfString("Allow")},
				tfKV{"Principal", w.tfObject(tfKV{"Service", w.tfString("events.amazonaws.com")})},
				tfKV{"Action", w.tfStrings(alertKeyActions)},
				tfKV{"Resource", w.tfString("*")},
			),
		)},
	)))

	t := w.block(body, "resource", tfTopic)
	t.SetAttributeRaw("name", w.tfString(truncName(name, "-rotation-alerts", 256)))
	t.SetAttributeRaw("kms_master_key_id", w.tfRef(tfAlertKey+".arn"))

	tp := w.block(body, "resource", tfTopicPolicy)
	tp.SetAttributeRaw("arn", w.tfRef(tfTopic+".arn"))
	tp.SetAttributeRaw("policy", w.tfCall("jsonencode", w.tfObject(
		tfKV{"Version", w.tfString(blueprint.PolicyVersion)},
		tfKV{"Statement", w.tfLines(w.tfObject(
			tfKV{"Sid", w.tfString("EventBridgePublishes")},
			tfKV{"Effect", w.tfString("Allow")},
			tfKV{"Principal", w.tfObject(tfKV{"Service", w.tfString("events.amazonaws.com")})},
			tfKV{"Action", w.tfString("sns:Publish")},
			tfKV{"Resource", w.tfRef(tfTopic + ".arn")},
			tfKV{"Condition", w.tfObject(tfKV{"ArnEquals", w.tfObject(
				tfKV{"aws:SourceArn", w.tfRef(tfEventRule + ".arn")},
			)})},
		))},
	)))

	if email := w.d.Monitoring.AlertEmail; email != "" {
		s := w.block(body, "resource", tfSubscription)
		s.AppendUnstructuredTokens(w.tfComment("AWS mails a confirmation link first; alerts arrive once it is followed."))
		s.SetAttributeRaw("topic_arn", w.tfRef(tfTopic+".arn"))
		s.SetAttributeRaw("protocol", w.tfString("email"))
		s.SetAttributeRaw("endpoint", w.tfString(email))
	}

	r := w.block(body, "resource", tfEventRule)
	r.SetAttributeRaw("name", w.tfString(truncName(name, "-rotation-failed", 64)))
	r.SetAttributeRaw("description", w.tfString("Secrets Manager could not rotate the secret of "+name))
	r.SetAttributeRaw("event_pattern", w.tfCall("jsonencode", w.tfObject(
		tfKV{"source", w.tfStrings([]string{"aws.secretsmanager"})},
		tfKV{"detail-type", w.tfStrings([]string{"AWS Service Event via CloudTrail"})},
		tfKV{"detail", w.tfObject(
			tfKV{"eventSource", w.tfStrings([]string{"secretsmanager.amazonaws.com"})},
			tfKV{"eventName", w.tfStrings([]string{"RotationFailed", "RotationAbandoned"})},
			tfKV{"additionalEventData", w.tfObject(tfKV{"SecretId", w.tfList(w.secretRef("arn"))})},
		)},
	)))

	et := w.block(body, "resource", tfEventTarget)
	et.SetAttributeRaw("rule", w.tfRef(tfEventRule+".name"))
	et.SetAttributeRaw("target_id", w.tfString("email"))
	et.SetAttributeRaw("arn", w.tfRef(tfTopic+".arn"))
}

// truncName is base+suffix cut to max bytes. base is a DisplayName, so it
// is ASCII and cutting it never splits a character.
func truncName(base, suffix string, max int) string {
	if len(base)+len(suffix) > max {
		base = strings.TrimRight(base[:max-len(suffix)], "-")
	}
	return base + suffix
}

func (w *tfWriter) outputsFile() *tfBody {
	body := w.newBody()
	first := true
	out := func(name, desc string, value tfTokens) {
		if !first {
			body.AppendNewline()
		}
		first = false
		b := body.AppendNewBlock("output", []string{name})
		b.SetAttributeRaw("description", w.tfString(desc))
		b.SetAttributeRaw("value", value)
	}
	out("secret_arn", "ARN of the secret.", w.secretRef("arn"))
	if w.newSecret() {
		out("kms_key_arn", "The KMS key that encrypts the secret.", w.secretKeyRef())
	}
	if w.hosted() {
		out("rotation_lambda_arn", "ARN of the rotation function.", w.tfIndexRef(tfStack+".outputs", "RotationLambdaARN"))
	}
	if w.monitors() {
		out("alert_topic_arn", "SNS topic that receives rotation failure alerts.", w.tfRef(tfTopic+".arn"))
	}
	return body
}
