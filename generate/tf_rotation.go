package generate

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/secretsmith/secretsmith/blueprint"
)

// The Terraform side of cfn_rotation.go: the database the rotation function
// connects to, the endpoint it reaches Secrets Manager through, and the
// monitoring around the secret.

const (
	tfEndpointGroup   = "aws_security_group.rotation_endpoint"
	tfEndpointIngress = "aws_vpc_security_group_ingress_rule.rotation_endpoint"
	tfEndpoint        = "aws_vpc_endpoint.secretsmanager"
	tfChangedRule     = "aws_cloudwatch_event_rule.secret_changed"
	tfChangedTarget   = "aws_cloudwatch_event_target.secret_changed"
	tfDatabaseName    = "database"
	tfPermission      = "aws_lambda_permission.rotation"
)

// permission lets Secrets Manager invoke your own rotation function, for
// secrets of this account only (cfnRotationPermission says why). The
// statement id names the design, so several secrets may share a function,
// each with its own statement in the function's policy.
func (w *tfWriter) permission(body *hclwrite.Body) {
	b := w.block(body, "resource", tfPermission)
	b.AppendUnstructuredTokens(tfComment("Lets Secrets Manager invoke the rotation function for secrets of this account."))
	b.SetAttributeValue("statement_id", cty.StringVal(truncName("secretsmanager-"+w.d.DisplayName(), "", 100)))
	b.SetAttributeValue("action", cty.StringVal("lambda:InvokeFunction"))
	b.SetAttributeValue("function_name", cty.StringVal(w.d.Rotation.RotationLambdaARN))
	b.SetAttributeValue("principal", cty.StringVal(secretsManagerPrincipal))
	b.SetAttributeRaw("source_account", tfRef(tfCaller+".account_id"))
}

// tfDatabaseSource is the data source that reads a target's host and port.
// DocumentDB instances and clusters are served by the RDS API, so the RDS
// data sources find them too.
type tfDatabaseSource struct {
	typ, idArg, hostAttr string
}

var tfDatabaseSources = map[string]tfDatabaseSource{
	"AWS::RDS::DBInstance":   {"aws_db_instance", "db_instance_identifier", "address"},
	"AWS::RDS::DBCluster":    {"aws_rds_cluster", "cluster_identifier", "endpoint"},
	"AWS::Redshift::Cluster": {"aws_redshift_cluster", "cluster_identifier", "endpoint"},
	"AWS::DocDB::DBInstance": {"aws_db_instance", "db_instance_identifier", "address"},
	"AWS::DocDB::DBCluster":  {"aws_rds_cluster", "cluster_identifier", "endpoint"},
}

// tfDatabaseTarget returns the data source for the design's database
// target, false when the design has none, or an error when Terraform cannot
// read it.
func tfDatabaseTarget(d *blueprint.Design) (tfDatabaseSource, bool, error) {
	db := d.Secret.Database
	if !db.HasTarget() {
		return tfDatabaseSource{}, false, nil
	}
	if d.IsExisting() {
		return tfDatabaseSource{}, false, fmt.Errorf("secret.database: Terraform does not manage an existing secret's value, so it cannot write the target's host into it; use CloudFormation, whose SecretTargetAttachment does, or store host and port in the secret")
	}
	src, ok := tfDatabaseSources[db.TargetType]
	if !ok {
		return tfDatabaseSource{}, false, fmt.Errorf("secret.database.targetType: Terraform has no data source that finds the endpoint of a %s; give host (the workgroup's endpoint) and port instead, or use CloudFormation", db.TargetType)
	}
	return src, true, nil
}

func (s tfDatabaseSource) addr() string { return "data." + s.typ + "." + tfDatabaseName }

// database writes the data source that reads the target's host and port.
func (w *tfWriter) database(body *hclwrite.Body, src tfDatabaseSource) {
	b := w.block(body, "data", src.addr())
	b.AppendUnstructuredTokens(tfComment("The database the rotation function connects to; its host and port go into the"))
	b.AppendUnstructuredTokens(tfComment("secret, as CloudFormation's SecretTargetAttachment would write them."))
	b.SetAttributeValue(src.idArg, cty.StringVal(w.d.Secret.Database.TargetID))
}

// secretValue is the secret's first value: the generated password alone,
// or the JSON template with it (and, for a database target, the host and
// port its data source reads).
func (w *tfWriter) secretValue(password hclwrite.Tokens) hclwrite.Tokens {
	tmpl, key := cfnSecretTemplate(w.d)
	var extra []tfKV
	if src, ok := w.dbSrc, w.hasDB; ok {
		extra = append(extra,
			tfKV{"host", tfRef(src.addr() + "." + src.hostAttr)},
			tfKV{"port", tfRef(src.addr() + ".port")})
	}
	if tmpl == "" && len(extra) == 0 {
		return password
	}
	if key == "" {
		key = "password"
	}
	if tmpl == "" {
		tmpl = "{}"
	}
	return tfCall("jsonencode", tfCall("merge",
		tfCall("jsondecode", tfString(tmpl)),
		tfObject(append(extra, tfKV{key, password})...),
	))
}

// endpoint is the interface VPC endpoint for Secrets Manager in the rotation
// function's subnets, with private DNS, and a security group that lets the
// function's groups in on 443.
func (w *tfWriter) endpoint(body *hclwrite.Body) {
	h := w.d.Rotation.HostedRotationLambda
	g := w.block(body, "resource", tfEndpointGroup)
	g.SetAttributeValue("name", cty.StringVal(truncName(w.d.DisplayName(), "-secretsmanager-endpoint", 255)))
	g.SetAttributeValue("description", cty.StringVal("Secrets Manager endpoint for the rotation function of "+w.d.DisplayName()))
	g.SetAttributeValue("vpc_id", cty.StringVal(h.VPCID))

	// One rule per group, named by position, rather than for_each: the
	// plan then lists each group by name.
	for i, sg := range h.VPCSecurityGroupIDs {
		in := w.block(body, "resource", fmt.Sprintf("%s_%d", tfEndpointIngress, i+1))
		in.SetAttributeRaw("security_group_id", tfRef(tfEndpointGroup+".id"))
		in.SetAttributeValue("description", cty.StringVal("HTTPS from the rotation function"))
		in.SetAttributeValue("referenced_security_group_id", cty.StringVal(sg))
		in.SetAttributeValue("ip_protocol", cty.StringVal("tcp"))
		in.SetAttributeValue("from_port", cty.NumberIntVal(443))
		in.SetAttributeValue("to_port", cty.NumberIntVal(443))
	}

	// Private DNS sends every Secrets Manager call made in the VPC to this
	// endpoint, so it admits the whole VPC too (issue 20).
	if c := h.VPCCIDR; c != "" {
		in := w.block(body, "resource", tfEndpointIngress+"_vpc")
		in.SetAttributeRaw("security_group_id", tfRef(tfEndpointGroup+".id"))
		in.SetAttributeValue("description", cty.StringVal(vpcIngressDescription))
		attr := "cidr_ipv4"
		if strings.Contains(c, ":") {
			attr = "cidr_ipv6"
		}
		in.SetAttributeValue(attr, cty.StringVal(c))
		in.SetAttributeValue("ip_protocol", cty.StringVal("tcp"))
		in.SetAttributeValue("from_port", cty.NumberIntVal(443))
		in.SetAttributeValue("to_port", cty.NumberIntVal(443))
	}

	e := w.block(body, "resource", tfEndpoint)
	e.SetAttributeValue("vpc_id", cty.StringVal(h.VPCID))
	e.SetAttributeRaw("service_name", tfTemplate(tfLit("com.amazonaws."), tfInterp(tfRegion+".region"), tfLit(".secretsmanager")))
	e.SetAttributeValue("vpc_endpoint_type", cty.StringVal("Interface"))
	e.SetAttributeValue("private_dns_enabled", cty.BoolVal(true))
	e.SetAttributeRaw("subnet_ids", tfStrings(h.VPCSubnetIDs))
	e.SetAttributeRaw("security_group_ids", tfList(tfRef(tfEndpointGroup+".id")))
}

// alertTopicRef is the topic the alert rules send to.
func (w *tfWriter) alertTopicRef() hclwrite.Tokens {
	if t := w.d.Monitoring.AlertTopicARN; t != "" {
		return tfString(t)
	}
	return tfRef(tfTopic + ".arn")
}

// changeAlert is the EventBridge rule on the CloudTrail management events
// that change or remove this secret, matched on the secretId each caller
// passed (its ARN, its partial ARN as a prefix, or its name) or on the ARN
// in the response (arn or aRN); cfnChangedRule says why.
func (w *tfWriter) changeAlert(body *hclwrite.Body) {
	name := w.d.DisplayName()
	arn := w.secretRef("arn")
	ids := []hclwrite.Tokens{arn}
	if n := secretName(w.d); n != "" {
		ids = append(ids, tfString(n))
		partial := tfString(partialARN(w.d.Secret.ExistingSecretARN))
		if w.newSecret() {
			partial = tfTemplate(tfLit("arn:"), tfInterp(tfPartition+".partition"), tfLit(":secretsmanager:"), tfInterp(tfRegion+".region"),
				tfLit(":"), tfInterp(tfCaller+".account_id"), tfLit(":secret:"+n))
		}
		ids = append(ids, tfObject(tfKV{"prefix", partial}))
	}
	r := w.block(body, "resource", tfChangedRule)
	r.SetAttributeValue("name", cty.StringVal(truncName(name, "-secret-changed", 64)))
	r.SetAttributeValue("description", cty.StringVal("The secret of "+name+" was changed, deleted or restored, or its policy, rotation, replicas or tags changed"))
	r.SetAttributeRaw("event_pattern", tfCall("jsonencode", tfObject(
		tfKV{"source", tfStrings([]string{"aws.secretsmanager"})},
		tfKV{"detail-type", tfStrings([]string{"AWS API Call via CloudTrail"})},
		tfKV{"detail", tfObject(
			tfKV{"eventSource", tfStrings([]string{"secretsmanager.amazonaws.com"})},
			tfKV{"eventName", tfStrings(blueprint.ChangeEvents)},
			tfKV{"$or", tfLines(
				tfObject(tfKV{"requestParameters", tfObject(tfKV{"secretId", tfList(ids...)})}),
				tfObject(tfKV{"responseElements", tfObject(tfKV{"arn", tfList(arn)})}),
				tfObject(tfKV{"responseElements", tfObject(tfKV{"aRN", tfList(arn)})}),
			)},
		)},
	)))
	t := w.block(body, "resource", tfChangedTarget)
	t.SetAttributeRaw("rule", tfRef(tfChangedRule+".name"))
	t.SetAttributeValue("target_id", cty.StringVal("alerts"))
	t.SetAttributeRaw("arn", w.alertTopicRef())
}

// configRules are AWS Config managed rules; the change-triggered ones are
// scoped to this secret.
func (w *tfWriter) configRules(body *hclwrite.Body) {
	for _, r := range configRules() {
		b := w.block(body, "resource", "aws_config_config_rule."+tfIdent(r.suffix))
		b.SetAttributeValue("name", cty.StringVal(configRuleName(w.d, r)))
		b.SetAttributeValue("description", cty.StringVal(configRuleDescription(w.d, r)))
		if len(r.params) > 0 {
			var kvs []tfKV
			for _, it := range r.params {
				kvs = append(kvs, tfKV{it.Key, tfString(it.Value.(string))})
			}
			b.SetAttributeRaw("input_parameters", tfCall("jsonencode", tfObject(kvs...)))
		}
		b.AppendNewline()
		src := b.AppendNewBlock("source", nil).Body()
		src.SetAttributeValue("owner", cty.StringVal("AWS"))
		src.SetAttributeValue("source_identifier", cty.StringVal(r.identifier))
		if !r.periodic {
			b.AppendNewline()
			sc := b.AppendNewBlock("scope", nil).Body()
			sc.SetAttributeRaw("compliance_resource_types", tfStrings([]string{"AWS::SecretsManager::Secret"}))
			sc.SetAttributeRaw("compliance_resource_id", w.secretRef("arn"))
		}
	}
}

// tfIdent turns a kebab-case suffix into a Terraform name.
func tfIdent(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '-' {
			b[i] = '_'
		}
	}
	return string(b)
}
