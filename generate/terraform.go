package generate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Terraform addresses the writer uses. They are fixed so that a reviewer
// reading two generated configurations finds the same names in both, and so
// that tfConcernAddress below can say where each rule's comment goes.
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
	src, hasDB, err := tfDatabaseTarget(p.d)
	if err != nil {
		return nil, err
	}
	w.dbSrc, w.hasDB = src, hasDB
	w.planWaivers()
	files := []File{
		{Name: "versions.tf", Data: tfFormat(w.versionsFile())},
		{Name: "main.tf", Data: tfFormat(w.mainFile())},
		{Name: "outputs.tf", Data: tfFormat(w.outputsFile())},
	}
	return files, nil
}

// tfWriter carries one rendering.
type tfWriter struct {
	p *plan
	d *blueprint.Design
	// waivers maps a resource address to the waived rules whose comments
	// it carries.
	waivers map[string][]blueprint.RuleResult
	// dbSrc reads the database target's host and port, when hasDB.
	dbSrc tfDatabaseSource
	hasDB bool
}

// Which parts of the configuration the design asks for.

func (w *tfWriter) newSecret() bool { return !w.d.IsExisting() }

// initialValue reports whether the configuration writes the secret's first
// value: always for a new one, since a design without generateSecretString
// still gets a generated value.
func (w *tfWriter) initialValue() bool { return w.newSecret() }
func (w *tfWriter) hosted() bool       { return w.p.rotationType != nil }
func (w *tfWriter) rotates() bool {
	return w.d.Rotation != nil && (w.hosted() || w.d.Rotation.RotationLambdaARN != "")
}

// monitors reports whether the rotation failure alert is written; alerts
// whether any alert is; alertTopic whether the configuration creates the
// topic they go to.
func (w *tfWriter) monitors() bool   { return w.rotates() && failureAlert(w.d) }
func (w *tfWriter) alerts() bool     { return w.monitors() || changeAlert(w.d) }
func (w *tfWriter) alertTopic() bool { return w.alerts() && w.d.Monitoring.AlertTopicARN == "" }
func (w *tfWriter) endpoints() bool {
	return w.hosted() && w.d.Rotation.HostedRotationLambda.VPCID != ""
}

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

// tfFormat returns the file's bytes as terraform fmt leaves them. File.Bytes
// runs hclwrite's formatter over the file's tokens once: the pass
// hclwrite.Format runs after lexing the text again. Every token here comes
// from hclwrite's constructors or is one the lexer would make, so lexing
// again would change nothing and cost as much as the rest of the render;
// checkTerraform holds every golden and fuzz rendering to
// hclwrite.Format(out) == out.
func tfFormat(f *hclwrite.File) []byte { return f.Bytes() }

func (w *tfWriter) versionsFile() *hclwrite.File {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(tfComment("Terraform " + tfRequiredVersion + " for write-only arguments, which keep the secret's value out of state."))
	tf := body.AppendNewBlock("terraform", nil).Body()
	tf.SetAttributeValue("required_version", cty.StringVal(tfRequiredVersion))
	rp := tf.AppendNewBlock("required_providers", nil).Body()
	rp.SetAttributeRaw("aws", tfObject(
		tfKV{"source", tfString("hashicorp/aws")},
		tfKV{"version", tfString(tfAWSVersion)},
	))
	if region := w.d.PrimaryRegion(); region != "" {
		body.AppendNewline()
		body.AppendUnstructuredTokens(tfComment("The design pins its region: the key and ARNs it names only exist there."))
		body.AppendNewBlock("provider", []string{"aws"}).Body().SetAttributeValue("region", cty.StringVal(region))
	}
	w.replicaProviders(body)
	return f
}

// block appends a resource, data or ephemeral block with the waiver
// comments that belong to addr. Trivy reads an ignore comment on the line
// just above the block; Checkov reads a skip comment anywhere inside it.
func (w *tfWriter) block(body *hclwrite.Body, kind, addr string) *hclwrite.Body {
	body.AppendNewline()
	parts := strings.Split(strings.TrimPrefix(strings.TrimPrefix(addr, "data."), "ephemeral."), ".")
	waived := w.waivers[addr]
	for _, r := range waived {
		body.AppendUnstructuredTokens(tfComment(tfOneLine("Waived " + string(r.Rule.ID) + ": " + r.WaiverReason)))
	}
	for _, r := range waived {
		for _, s := range r.Rule.Scanners {
			if s.Tool == "Trivy" && s.ReadsTemplate(blueprint.TerraformTemplate) {
				body.AppendUnstructuredTokens(tfDirective("trivy:ignore:" + s.ID))
			}
		}
	}
	b := body.AppendNewBlock(kind, parts).Body()
	for _, r := range waived {
		for _, s := range r.Rule.Scanners {
			if s.Tool == "Checkov" && s.ReadsTemplate(blueprint.TerraformTemplate) {
				b.AppendUnstructuredTokens(tfDirective(tfOneLine("checkov:skip=" + s.ID + ":" + string(r.Rule.ID) + " waived: " + r.WaiverReason)))
			}
		}
	}
	return b
}

func (w *tfWriter) mainFile() *hclwrite.File {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	w.header(body)

	replicaKeys := len(w.replicaKeys()) > 0
	// The change alert of a new secret matches its partial ARN, built
	// from the partition, region and account.
	partialARN := changeAlert(w.d) && w.newSecret()
	needPartition := w.p.createKey || w.alertTopic() || w.hosted() || replicaKeys || partialARN
	needRegion := w.p.createKey || w.alertTopic() || w.hosted() || partialARN
	needCaller := w.p.createKey || w.alertTopic() || replicaKeys || ownFunction(w.d) || partialARN
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
		k.AppendUnstructuredTokens(tfComment("Resolves the design's key to its key ARN, which the rotation function's role"))
		k.AppendUnstructuredTokens(tfComment("needs: a policy naming an alias or key id grants nothing."))
		k.SetAttributeValue("key_id", cty.StringVal(w.d.Secret.KMSKeyARN))
	}

	if w.hasDB {
		w.database(body, w.dbSrc)
	}
	if w.p.createKey {
		w.secretKey(body)
	}
	for _, r := range w.replicaKeys() {
		w.replicaKey(body, r)
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
	if w.endpoints() {
		w.endpoint(body)
	}
	if ownFunction(w.d) {
		w.permission(body)
	}
	if w.rotates() {
		w.rotation(body)
	}
	if w.alerts() {
		w.monitoring(body)
	}
	if w.d.Monitoring.ConfigRules {
		w.configRules(body)
	}
	return f
}

func (w *tfWriter) header(body *hclwrite.Body) {
	c := func(s string) { body.AppendUnstructuredTokens(tfComment(tfOneLine(s))) }
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
	} else {
		c("Blueprint rules waived:")
		for _, r := range waived {
			c("- " + string(r.Rule.ID) + ": " + r.WaiverReason)
		}
	}
	if ep := w.p.recordedEndpoint(); ep != "" {
		c("")
		c(blueprint.EndpointNote(ep))
	}
}

// secretRef is the expression naming the secret: the resource when this
// configuration creates it (Checkov's CKV2_AWS_57 follows that reference to
// find the rotation), the literal ARN otherwise.
func (w *tfWriter) secretRef(attr string) hclwrite.Tokens {
	if w.newSecret() {
		return tfRef(tfSecret + "." + attr)
	}
	return tfString(w.d.Secret.ExistingSecretARN)
}

// lookUpKey reports whether the hosted rotation function needs the ARN of a
// key the design names only by key id (Validate refuses an alias there: the
// design must give the key ARN, as CloudFormation has no lookup). An existing secret's key is not
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
func (w *tfWriter) secretKeyRef() hclwrite.Tokens {
	if w.p.createKey {
		return tfRef(tfSecretKey + ".arn")
	}
	return tfString(w.d.Secret.KMSKeyARN)
}

// keyAdminStatement keeps the account in charge of a key through IAM. It
// lists the management actions rather than kms:*, so that using the key
// (Decrypt, GenerateDataKey, CreateGrant) stays limited by the statements
// that follow.
func (w *tfWriter) keyAdminStatement() hclwrite.Tokens {
	return w.accountStatement(sidKeyAdmin, keyAdminActions)
}

// keyUseViaStatement lets principals of the account use a key for actions,
// but only through service in this region (kms:ViaService).
func (w *tfWriter) keyUseViaStatement(sid, service string, actions []string) hclwrite.Tokens {
	return w.keyUseVia(sid, w.viaService(service), actions)
}

// keyUseVia is keyUseViaStatement with the kms:ViaService value given.
func (w *tfWriter) keyUseVia(sid string, via hclwrite.Tokens, actions []string) hclwrite.Tokens {
	return w.accountStatement(sid, actions, tfKV{"Condition", tfObject(tfKV{"StringEquals", tfObject(
		tfKV{"kms:ViaService", via},
		tfKV{"kms:CallerAccount", tfRef(tfCaller + ".account_id")},
	)})})
}

// accountStatement allows the account's principals actions on the key,
// with more keys (a Condition) after Resource.
func (w *tfWriter) accountStatement(sid string, actions []string, more ...tfKV) hclwrite.Tokens {
	return tfObject(append([]tfKV{
		{"Sid", tfString(sid)},
		{"Effect", tfString("Allow")},
		{"Principal", tfObject(tfKV{"AWS", w.accountRoot()})},
		{"Action", tfStrings(actions)},
		{"Resource", tfString("*")},
	}, more...)...)
}

func (w *tfWriter) accountRoot() hclwrite.Tokens {
	return tfTemplate(tfLit("arn:"), tfInterp(tfPartition+".partition"), tfLit(":iam::"), tfInterp(tfCaller+".account_id"), tfLit(":root"))
}

// viaService is "<service>.<region>.<dns suffix>", the kms:ViaService value
// of a service in this region.
func (w *tfWriter) viaService(service string) hclwrite.Tokens {
	return tfTemplate(tfLit(service+"."), tfInterp(tfRegion+".region"), tfLit("."), tfInterp(tfPartition+".dns_suffix"))
}

// readerKeyStatements writes readerKeyStatements, with this region's
// Secrets Manager from the region and partition data sources: the quoted
// placeholder's text becomes the parts of viaService's template.
func (w *tfWriter) readerKeyStatements() []hclwrite.Tokens {
	return w.keyStatements(readerKeyStatements(w.p))
}

// keyStatements writes key-policy statements that name this region's
// Secrets Manager as viaHere.
func (w *tfWriter) keyStatements(sts []blueprint.PolicyStatement) []hclwrite.Tokens {
	via := w.viaService("secretsmanager")
	inner := via[1 : len(via)-1] // without the template's quotes
	var out []hclwrite.Tokens
	for _, st := range sts {
		var toks hclwrite.Tokens
		for _, t := range statementObject(st) {
			if t.Type == hclsyntax.TokenQuotedLit && string(t.Bytes) == viaHere {
				toks = append(toks, inner...)
				continue
			}
			toks = append(toks, t)
		}
		out = append(out, tfThisAccount(toks))
	}
	return out
}

// tfThisAccount writes blueprint.ThisAccount, the account the template
// deploys to, as the caller identity's account id: the quoted placeholder,
// quotes and all, becomes the reference.
func tfThisAccount(toks hclwrite.Tokens) hclwrite.Tokens {
	var out hclwrite.Tokens
	for i := 0; i < len(toks); i++ {
		if i+2 < len(toks) && toks[i].Type == hclsyntax.TokenOQuote && toks[i+1].Type == hclsyntax.TokenQuotedLit &&
			string(toks[i+1].Bytes) == blueprint.ThisAccount && toks[i+2].Type == hclsyntax.TokenCQuote {
			ref := tfRef(tfCaller + ".account_id")
			ref[0].SpacesBefore = toks[i].SpacesBefore
			out = append(out, ref...)
			i += 2
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

func (w *tfWriter) secretKey(body *hclwrite.Body) {
	b := w.block(body, "resource", tfSecretKey)
	w.keyPolicySkips(b)
	b.SetAttributeValue("description", cty.StringVal("Encrypts the Secrets Manager secret "+w.d.Secret.SecretID))
	b.SetAttributeValue("enable_key_rotation", cty.BoolVal(true))
	b.SetAttributeValue("deletion_window_in_days", cty.NumberIntVal(30))
	b.AppendNewline()
	b.AppendUnstructuredTokens(tfComment("The account administers the key; principals of the account may use it only"))
	b.AppendUnstructuredTokens(tfComment("through Secrets Manager in this region."))
	stmts := []hclwrite.Tokens{
		w.keyAdminStatement(),
		w.keyUseViaStatement(sidKeyUseViaSecrets, "secretsmanager", keyUseActions),
	}
	if readers := w.readerKeyStatements(); len(readers) > 0 {
		b.AppendUnstructuredTokens(tfComment("Everyone the secret's policy lets read the value may decrypt it, the same way."))
		stmts = append(stmts, readers...)
	}
	if fn := w.keyStatements(rotationFunctionKeyStatements(w.p)); len(fn) > 0 {
		b.AppendUnstructuredTokens(tfComment("The rotation function's role may decrypt and encrypt it, the same way."))
		stmts = append(stmts, fn...)
	}
	b.SetAttributeRaw("policy", tfCall("jsonencode", tfObject(
		tfKV{"Version", tfString(blueprint.PolicyVersion)},
		tfKV{"Statement", tfLines(stmts...)},
	)))

	a := w.block(body, "resource", tfSecretAlias)
	// The same alias the CloudFormation writer gives; display names are
	// a-z, 0-9 and -, and never start the reserved alias/aws/.
	a.SetAttributeValue("name", cty.StringVal("alias/secretsmanager/"+w.d.DisplayName()))
	a.SetAttributeRaw("target_key_id", tfRef(tfSecretKey+".key_id"))
}

// keyPolicySkips writes the key policy's automatic suppressions
// (keyPolicySkips) as Checkov skip comments inside the key's block, where
// Checkov reads them.
func (w *tfWriter) keyPolicySkips(b *hclwrite.Body) {
	for _, sk := range keyPolicySkips(w.p) {
		b.AppendUnstructuredTokens(tfDirective(tfOneLine("checkov:skip=" + sk.id + ":" + sk.reason)))
	}
}

// replicaKeys are the replica regions this configuration creates a key
// for: those whose kmsKeyArn is empty. (CloudFormation refuses them, since
// one stack cannot create a key in another region; see
// blueprint.Design.ValidateFor.)
func (w *tfWriter) replicaKeys() []string {
	var out []string
	if !w.newSecret() {
		return nil
	}
	for _, r := range w.d.Secret.ReplicaRegions {
		if r.KMSKeyARN == "" {
			out = append(out, r.Region)
		}
	}
	return out
}

// tfRegionName is region as a Terraform name: eu-west-1 becomes eu_west_1,
// the replica provider's alias and the suffix of its key's address.
func tfRegionName(region string) string { return strings.ReplaceAll(region, "-", "_") }

// tfReplicaKey and tfReplicaAlias are the addresses of a replica region's
// key and alias.
func tfReplicaKey(region string) string   { return "aws_kms_key.replica_" + tfRegionName(region) }
func tfReplicaAlias(region string) string { return "aws_kms_alias.replica_" + tfRegionName(region) }

// replicaProviders configures one aws provider per replica region that
// gets a key: a resource is created in the region of its provider.
func (w *tfWriter) replicaProviders(body *hclwrite.Body) {
	regions := w.replicaKeys()
	if len(regions) == 0 {
		return
	}
	body.AppendNewline()
	body.AppendUnstructuredTokens(tfComment("One provider per replica region that gets a key: KMS keys are regional, and"))
	body.AppendUnstructuredTokens(tfComment("a replica must be encrypted with a key in its own region."))
	for i, r := range regions {
		if i > 0 {
			body.AppendNewline()
		}
		pb := body.AppendNewBlock("provider", []string{"aws"}).Body()
		pb.SetAttributeValue("alias", cty.StringVal(tfRegionName(r)))
		pb.SetAttributeValue("region", cty.StringVal(r))
	}
}

// replicaKey creates the key of one replica region, through that region's
// provider, with the same statements as the secret's own key: the account
// administers it and may use it only through Secrets Manager, and every
// reader the resource policy lets in may decrypt, each limited to Secrets
// Manager in the replica's region.
func (w *tfWriter) replicaKey(body *hclwrite.Body, region string) {
	a := w.p.report.Access()
	via := a.ReplicaViaService(region)
	provider := tfRef("aws." + tfRegionName(region))
	b := w.block(body, "resource", tfReplicaKey(region))
	w.keyPolicySkips(b)
	b.SetAttributeRaw("provider", provider)
	b.SetAttributeValue("description", cty.StringVal("Encrypts the "+region+" replica of the Secrets Manager secret "+w.d.Secret.SecretID))
	b.SetAttributeValue("enable_key_rotation", cty.BoolVal(true))
	b.SetAttributeValue("deletion_window_in_days", cty.NumberIntVal(30))
	b.AppendNewline()
	b.AppendUnstructuredTokens(tfComment(tfOneLine("The same policy as the secret's key, for Secrets Manager in " + region + ".")))
	stmts := []hclwrite.Tokens{
		w.keyAdminStatement(),
		w.keyUseVia(sidKeyUseViaSecrets, tfString(via), keyUseActions),
	}
	for _, kg := range a.KeyGrants() {
		stmts = append(stmts, tfThisAccount(statementObject(blueprint.KeyPolicyStatementVia(kg, []string{via}))))
	}
	b.SetAttributeRaw("policy", tfCall("jsonencode", tfObject(
		tfKV{"Version", tfString(blueprint.PolicyVersion)},
		tfKV{"Statement", tfLines(stmts...)},
	)))

	al := w.block(body, "resource", tfReplicaAlias(region))
	al.SetAttributeRaw("provider", provider)
	al.SetAttributeValue("name", cty.StringVal("alias/secretsmanager/"+w.d.DisplayName()))
	al.SetAttributeRaw("target_key_id", tfRef(tfReplicaKey(region)+".key_id"))
}

func (w *tfWriter) secret(body *hclwrite.Body) {
	s := &w.d.Secret
	b := w.block(body, "resource", tfSecret)
	b.SetAttributeValue("name", cty.StringVal(s.SecretID))
	if s.Description != "" {
		b.SetAttributeValue("description", cty.StringVal(s.Description))
	}
	b.SetAttributeRaw("kms_key_id", w.secretKeyRef())
	b.SetAttributeValue("recovery_window_in_days", cty.NumberIntVal(int64(s.RecoveryWindow())))
	if len(s.Tags) > 0 {
		tags := append([]blueprint.Tag(nil), s.Tags...)
		sort.SliceStable(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
		kvs := make([]tfKV, len(tags))
		for i, t := range tags {
			kvs[i] = tfKV{t.Key, tfString(t.Value)}
		}
		b.SetAttributeRaw("tags", tfObject(kvs...))
	}
	for _, r := range s.ReplicaRegions {
		b.AppendNewline()
		rb := b.AppendNewBlock("replica", nil).Body()
		rb.SetAttributeValue("region", cty.StringVal(r.Region))
		if r.KMSKeyARN != "" {
			rb.SetAttributeValue("kms_key_id", cty.StringVal(r.KMSKeyARN))
		} else {
			rb.SetAttributeRaw("kms_key_id", tfRef(tfReplicaKey(r.Region)+".arn"))
		}
	}
}

// initialVersion gives the new secret a generated first value, as
// CloudFormation's GenerateSecretString does. The password comes from
// Secrets Manager's own generator through an ephemeral resource (so the
// design's length and character options mean exactly what they mean in
// CloudFormation, with no extra provider), and reaches the secret through
// the write-only secret_string_wo, so it is never stored in plan or state.
func (w *tfWriter) initialVersion(body *hclwrite.Body) {
	g := w.d.Secret.GenerateSecretString
	if g == nil {
		// Left out, the value is still generated: 32 characters, the
		// default, written out so the configuration says so.
		n := blueprint.DefaultPasswordLength
		g = &blueprint.GenerateSecretString{PasswordLength: &n}
	}
	e := w.block(body, "ephemeral", tfPassword)
	if g.PasswordLength != nil {
		e.SetAttributeValue("password_length", cty.NumberIntVal(int64(*g.PasswordLength)))
	}
	if g.ExcludeCharacters != "" {
		e.SetAttributeValue("exclude_characters", cty.StringVal(g.ExcludeCharacters))
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
			e.SetAttributeValue(o.name, cty.BoolVal(*o.v))
		}
	}

	v := w.block(body, "resource", tfVersion)
	v.AppendUnstructuredTokens(tfComment("The first value is generated by Secrets Manager while Terraform applies and is"))
	v.AppendUnstructuredTokens(tfComment("written through a write-only argument: it never appears in plan or state."))
	v.AppendUnstructuredTokens(tfComment("Rotation replaces it; secret_string_wo_version stays 1 so Terraform writes it once."))
	v.SetAttributeRaw("secret_id", tfRef(tfSecret+".id"))
	v.SetAttributeRaw("secret_string_wo", w.secretValue(tfRef(tfPassword+".random_password")))
	v.SetAttributeValue("secret_string_wo_version", cty.NumberIntVal(1))
}

func (w *tfWriter) policy(body *hclwrite.Body) {
	rp := w.d.ResourcePolicy
	b := w.block(body, "resource", tfPolicy)
	b.SetAttributeRaw("secret_arn", w.secretRef("arn"))
	b.SetAttributeValue("block_public_policy", cty.BoolVal(rp.BlocksPublicPolicy()))
	b.SetAttributeRaw("policy", tfCall("jsonencode", policyObject(rp.Document())))
}

// policyObject is the IAM document as an HCL object, keys in IAM's usual
// order. Every value is a string literal, so jsonencode gives back exactly
// the design's text.
func policyObject(doc blueprint.PolicyDocument) hclwrite.Tokens {
	stmts := make([]hclwrite.Tokens, len(doc.Statement))
	for i, st := range doc.Statement {
		stmts[i] = statementObject(st)
	}
	return tfObject(tfKV{"Version", tfString(doc.Version)}, tfKV{"Statement", tfLines(stmts...)})
}

// statementObject is one statement of policyObject.
func statementObject(st blueprint.PolicyStatement) hclwrite.Tokens {
	var kvs []tfKV
	if st.Sid != "" {
		kvs = append(kvs, tfKV{"Sid", tfString(st.Sid)})
	}
	kvs = append(kvs, tfKV{"Effect", tfString(st.Effect)})
	if st.Principal != nil {
		kvs = append(kvs, tfKV{"Principal", principalObject(st.Principal)})
	}
	if st.NotPrincipal != nil {
		kvs = append(kvs, tfKV{"NotPrincipal", principalObject(st.NotPrincipal)})
	}
	for _, l := range [...]struct {
		key  string
		vals blueprint.StringOrList
	}{{"Action", st.Action}, {"NotAction", st.NotAction}, {"Resource", st.Resource}} {
		if len(l.vals) > 0 {
			kvs = append(kvs, tfKV{l.key, tfStringOrList(l.vals)})
		}
	}
	if len(st.Condition) > 0 {
		ops := make([]tfKV, len(st.Condition))
		for j, blk := range st.Condition {
			keys := make([]tfKV, len(blk.Entries))
			for k, e := range blk.Entries {
				keys[k] = tfKV{e.Key, tfStringOrList(e.Values)}
			}
			ops[j] = tfKV{blk.Operator, tfObject(keys...)}
		}
		kvs = append(kvs, tfKV{"Condition", tfObject(ops...)})
	}
	return tfObject(kvs...)
}

// principalObject is a principal: "*", or an object of principal types.
func principalObject(p *blueprint.PolicyPrincipal) hclwrite.Tokens {
	if p.Wildcard {
		return tfString("*")
	}
	kvs := make([]tfKV, len(p.Entries))
	for i, e := range p.Entries {
		kvs[i] = tfKV{e.Type, tfStringOrList(e.Values)}
	}
	return tfObject(kvs...)
}

// stack deploys the AWS rotation application for the rotation type from the
// Serverless Application Repository: the same code CloudFormation's
// HostedRotationLambda builds, which Terraform has no resource for.
func (w *tfWriter) stack(body *hclwrite.Body) {
	h := w.d.Rotation.HostedRotationLambda
	appID, _ := w.p.rotationType.SARApplicationID(w.p.partition.ID)
	b := w.block(body, "resource", tfStack)
	b.AppendUnstructuredTokens(tfComment("The " + w.p.rotationType.Name + " rotation function, built by AWS from its published"))
	b.AppendUnstructuredTokens(tfComment("application; it also lets Secrets Manager invoke the function."))
	// Stack names allow letters, digits and hyphens; Lambda names also allow
	// underscores. The provider prefixes serverlessrepo-.
	b.SetAttributeValue("name", cty.StringVal(strings.ReplaceAll(w.p.lambdaName, "_", "-")))
	b.SetAttributeValue("application_id", cty.StringVal(appID))
	// The version is pinned, so an apply deploys the function that was
	// reviewed rather than the newest one published that day.
	if v, ok := w.p.rotationType.SemanticVersion(w.p.partition.ID); ok {
		b.SetAttributeValue("semantic_version", cty.StringVal(v))
	}
	b.SetAttributeRaw("capabilities", tfStrings([]string{"CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"}))

	params := []tfKV{
		{"endpoint", tfTemplate(tfLit("https://secretsmanager."), tfInterp(tfRegion+".region"), tfLit("."), tfInterp(tfPartition+".dns_suffix"))},
		{"functionName", tfString(w.p.lambdaName)},
	}
	if len(h.VPCSubnetIDs) > 0 {
		params = append(params, tfKV{"vpcSubnetIds", tfString(strings.Join(h.VPCSubnetIDs, ","))})
	}
	if len(h.VPCSecurityGroupIDs) > 0 {
		params = append(params, tfKV{"vpcSecurityGroupIds", tfString(strings.Join(h.VPCSecurityGroupIDs, ","))})
	}
	switch {
	case h.KMSKeyARN != "":
		params = append(params, tfKV{"kmsKeyArn", tfString(h.KMSKeyARN)})
	case w.lookUpKey():
		params = append(params, tfKV{"kmsKeyArn", tfRef(tfGivenKey + ".arn")})
	case w.newSecret():
		// The function reads and writes the secret, so it needs its key.
		params = append(params, tfKV{"kmsKeyArn", w.secretKeyRef()})
	}
	// The template's masterarn when masterSecretArn is left out: the
	// function's role is granted the secret this parameter names.
	if master := w.d.MasterSecret(); master != "" {
		params = append(params, tfKV{"masterSecretArn", tfString(master)})
	}
	if h.MasterSecretKMSKeyARN != "" {
		params = append(params, tfKV{"masterSecretKmsKeyArn", tfString(h.MasterSecretKMSKeyARN)})
	}
	if x := w.d.RotationExcludeCharacters(); x != "" {
		params = append(params, tfKV{"excludeCharacters", tfString(x)})
	}
	b.SetAttributeRaw("parameters", tfObject(params...))
}

func (w *tfWriter) rotation(body *hclwrite.Body) {
	r := w.d.Rotation
	b := w.block(body, "resource", tfRotation)
	b.SetAttributeRaw("secret_id", w.secretRef("id"))
	if w.hosted() {
		b.SetAttributeRaw("rotation_lambda_arn", tfIndexRef(tfStack+".outputs", "RotationLambdaARN"))
	} else {
		b.SetAttributeValue("rotation_lambda_arn", cty.StringVal(r.RotationLambdaARN))
	}
	if r.RotateImmediately != nil {
		b.SetAttributeValue("rotate_immediately", cty.BoolVal(*r.RotateImmediately))
	}
	b.AppendNewline()
	rr := b.AppendNewBlock("rotation_rules", nil).Body()
	if r.AutomaticallyAfterDays != 0 {
		rr.SetAttributeValue("automatically_after_days", cty.NumberIntVal(int64(r.AutomaticallyAfterDays)))
	}
	if r.ScheduleExpression != "" {
		rr.SetAttributeValue("schedule_expression", cty.StringVal(r.ScheduleExpression))
	}
	if r.Duration != "" {
		rr.SetAttributeValue("duration", cty.StringVal(r.Duration))
	}
	// Rotation starts from the first value, its function calls Secrets
	// Manager through the endpoint, and Secrets Manager invokes your own
	// function only once the permission exists, so it waits for all three.
	var deps []hclwrite.Tokens
	if w.initialValue() {
		deps = append(deps, tfRef(tfVersion))
	}
	if w.endpoints() {
		deps = append(deps, tfRef(tfEndpoint))
	}
	if ownFunction(w.d) {
		deps = append(deps, tfRef(tfPermission))
	}
	if len(deps) > 0 {
		b.AppendNewline()
		b.SetAttributeRaw("depends_on", tfList(deps...))
	}
}

// monitoring sends the alerts: rotation failures (when the secret rotates)
// and changes to the secret, to a topic secretsmith creates (with the
// design's address subscribed, when it gives one) or to an existing topic.
// A created topic is encrypted with a key of its own: EventBridge cannot
// publish to a topic encrypted with the AWS managed alias/aws/sns, whose
// policy cannot be changed to let it in.
func (w *tfWriter) monitoring(body *hclwrite.Body) {
	name := w.d.DisplayName()

	if w.alertTopic() {
		k := w.block(body, "resource", tfAlertKey)
		k.SetAttributeValue("description", cty.StringVal("Encrypts the alerts for "+name))
		k.SetAttributeValue("enable_key_rotation", cty.BoolVal(true))
		k.SetAttributeValue("deletion_window_in_days", cty.NumberIntVal(30))
		k.SetAttributeRaw("policy", tfCall("jsonencode", tfObject(
			tfKV{"Version", tfString(blueprint.PolicyVersion)},
			tfKV{"Statement", tfLines(
				w.keyAdminStatement(),
				w.keyUseViaStatement(sidKeyUseViaSNS, "sns", alertKeyActions),
				tfObject(
					tfKV{"Sid", tfString(sidKeyEventsPublish)},
					tfKV{"Effect", tfString("Allow")},
					tfKV{"Principal", tfObject(tfKV{"Service", tfString("events.amazonaws.com")})},
					tfKV{"Action", tfStrings(alertKeyActions)},
					tfKV{"Resource", tfString("*")},
				),
			)},
		)))

		t := w.block(body, "resource", tfTopic)
		t.SetAttributeValue("name", cty.StringVal(truncName(name, "-rotation-alerts", 256)))
		t.SetAttributeRaw("kms_master_key_id", tfRef(tfAlertKey+".arn"))

		// Only this configuration's rules may publish.
		var sources []hclwrite.Tokens
		if w.monitors() {
			sources = append(sources, tfRef(tfEventRule+".arn"))
		}
		if changeAlert(w.d) {
			sources = append(sources, tfRef(tfChangedRule+".arn"))
		}
		source := sources[0]
		if len(sources) > 1 {
			source = tfList(sources...)
		}
		tp := w.block(body, "resource", tfTopicPolicy)
		tp.SetAttributeRaw("arn", tfRef(tfTopic+".arn"))
		tp.SetAttributeRaw("policy", tfCall("jsonencode", tfObject(
			tfKV{"Version", tfString(blueprint.PolicyVersion)},
			tfKV{"Statement", tfLines(tfObject(
				tfKV{"Sid", tfString("EventBridgePublishes")},
				tfKV{"Effect", tfString("Allow")},
				tfKV{"Principal", tfObject(tfKV{"Service", tfString("events.amazonaws.com")})},
				tfKV{"Action", tfString("sns:Publish")},
				tfKV{"Resource", tfRef(tfTopic + ".arn")},
				tfKV{"Condition", tfObject(tfKV{"ArnEquals", tfObject(
					tfKV{"aws:SourceArn", source},
				)})},
			))},
		)))

		if email := w.d.Monitoring.AlertEmail; email != "" {
			s := w.block(body, "resource", tfSubscription)
			s.AppendUnstructuredTokens(tfComment(subscriptionConfirm))
			s.SetAttributeRaw("topic_arn", tfRef(tfTopic+".arn"))
			s.SetAttributeValue("protocol", cty.StringVal("email"))
			s.SetAttributeValue("endpoint", cty.StringVal(email))
		}
	}

	if w.monitors() {
		r := w.block(body, "resource", tfEventRule)
		r.SetAttributeValue("name", cty.StringVal(truncName(name, "-rotation-failed", 64)))
		r.SetAttributeValue("description", cty.StringVal("Secrets Manager could not rotate the secret of "+name))
		r.SetAttributeRaw("event_pattern", tfCall("jsonencode", tfObject(
			tfKV{"source", tfStrings([]string{"aws.secretsmanager"})},
			tfKV{"detail-type", tfStrings([]string{"AWS Service Event via CloudTrail"})},
			tfKV{"detail", tfObject(
				tfKV{"eventSource", tfStrings([]string{"secretsmanager.amazonaws.com"})},
				tfKV{"eventName", tfStrings(blueprint.RotationFailureEvents)},
				tfKV{"additionalEventData", tfObject(tfKV{"SecretId", tfList(w.secretRef("arn"))})},
			)},
		)))

		et := w.block(body, "resource", tfEventTarget)
		et.SetAttributeRaw("rule", tfRef(tfEventRule+".name"))
		et.SetAttributeValue("target_id", cty.StringVal("email"))
		et.SetAttributeRaw("arn", w.alertTopicRef())
	}
	if changeAlert(w.d) {
		w.changeAlert(body)
	}
}

// truncName is base+suffix cut to max bytes. base is a DisplayName, so it
// is ASCII and cutting it never splits a character.
func truncName(base, suffix string, max int) string {
	if len(base)+len(suffix) > max {
		base = strings.TrimRight(base[:max-len(suffix)], "-")
	}
	return base + suffix
}

func (w *tfWriter) outputsFile() *hclwrite.File {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	first := true
	out := func(name, desc string, value hclwrite.Tokens) {
		if !first {
			body.AppendNewline()
		}
		first = false
		b := body.AppendNewBlock("output", []string{name}).Body()
		b.SetAttributeValue("description", cty.StringVal(desc))
		b.SetAttributeRaw("value", value)
	}
	out("secret_arn", "ARN of the secret.", w.secretRef("arn"))
	if w.newSecret() {
		out("kms_key_arn", "The KMS key that encrypts the secret.", w.secretKeyRef())
	}
	if w.hosted() {
		out("rotation_lambda_arn", "ARN of the rotation function.", tfIndexRef(tfStack+".outputs", "RotationLambdaARN"))
	}
	if w.alertTopic() {
		out("alert_topic_arn", "SNS topic that receives the alerts; subscribe to it to receive them.", tfRef(tfTopic+".arn"))
	}
	return f
}
