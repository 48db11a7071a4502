package generate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// The resources that make rotation work once deployed (the database
// attachment and the endpoint the function calls Secrets Manager through)
// and the monitoring around the secret (the alert topic, the change alert
// and the AWS Config rules).

const (
	idSecretTargetAttachment     = "SecretTargetAttachment"
	idRotationEndpointGroup      = "RotationEndpointSecurityGroup"
	idSecretsManagerEndpoint     = "SecretsManagerEndpoint"
	idSecretChangedRule          = "SecretChangedRule"
	idConfigRotationEnabled      = "ConfigRotationEnabledRule"
	idConfigRotationSucceeded    = "ConfigRotationSucceededRule"
	idConfigCustomerManagedKey   = "ConfigCustomerManagedKeyRule"
	idConfigRotatedWithinMaxDays = "ConfigPeriodicRotationRule"
	idRotationFunctionPermission = "RotationFunctionPermission"
)

// secretsManagerPrincipal is the service principal Secrets Manager invokes
// rotation functions as.
const secretsManagerPrincipal = "secretsmanager.amazonaws.com"

// ownFunction reports whether the design rotates with your own function,
// which needs a permission for Secrets Manager to invoke it (a hosted
// function's template writes its own).
func ownFunction(d *blueprint.Design) bool {
	return d.Rotation != nil && d.Rotation.HostedRotationLambda == nil && d.Rotation.RotationLambdaARN != ""
}

type cfnLambdaPermissionProps struct {
	Action        string `json:"Action"`
	FunctionName  string `json:"FunctionName"`
	Principal     string `json:"Principal"`
	SourceAccount any    `json:"SourceAccount"`
}

// cfnRotationPermission lets Secrets Manager invoke your own rotation
// function, for secrets of this account only (aws:SourceAccount, so another
// account cannot point its secrets' rotation at the function). Without it
// every rotation, the first one included, fails with access denied.
func cfnRotationPermission(d *blueprint.Design) *cfnResource {
	return &cfnResource{logicalID: idRotationFunctionPermission, Type: "AWS::Lambda::Permission", Properties: cfnLambdaPermissionProps{
		Action:        "lambda:InvokeFunction",
		FunctionName:  d.Rotation.RotationLambdaARN,
		Principal:     secretsManagerPrincipal,
		SourceAccount: cfnRefTo("AWS::AccountId"),
	}}
}

// cfnSecretTemplate is what the secret's GenerateSecretString holds as its
// template: the design's own template string when secretsmith adds nothing
// to it (so it reads as typed), and otherwise the template with the
// connection a hosted rotation function needs.
func cfnSecretTemplate(d *blueprint.Design) (tmpl, key string) {
	fields, key := d.SecretTemplate()
	var own string
	if g := d.Secret.GenerateSecretString; g != nil {
		own = g.SecretStringTemplate
		if len(fields) == len(blueprint.TemplateFieldsOf(own)) && key == g.GenerateStringKey {
			return own, key
		}
	}
	if fields == nil {
		return "", key
	}
	return blueprint.TemplateJSON(fields), key
}

// cfnTargetAttachment attaches the database resource to the secret, which
// writes its host, port, engine and dbname into the secret's JSON.
func cfnTargetAttachment(secretID any, db *blueprint.Database) *cfnResource {
	return &cfnResource{logicalID: idSecretTargetAttachment, Type: "AWS::SecretsManager::SecretTargetAttachment", Properties: cfnMap{}.
		add("SecretId", secretID).
		add("TargetId", db.TargetID).
		add("TargetType", db.TargetType)}
}

// cfnSecretsManagerEndpoint is the interface VPC endpoint the rotation
// function calls Secrets Manager through from its private subnets, with
// private DNS so the function's default endpoint name resolves to it, and a
// security group that lets the function's groups and the VPC's CIDR in, on
// 443.
func cfnSecretsManagerEndpoint(p *plan) []*cfnResource {
	h := p.d.Rotation.HostedRotationLambda
	var ingress []cfnMap
	for _, sg := range h.VPCSecurityGroupIDs {
		ingress = append(ingress, cfnMap{}.
			add("Description", "HTTPS from the rotation function").
			add("IpProtocol", "tcp").
			add("FromPort", 443).
			add("ToPort", 443).
			add("SourceSecurityGroupId", sg))
	}
	// Private DNS sends every Secrets Manager call made in the VPC to this
	// endpoint, so it admits the whole VPC too (issue 20).
	if c := h.VPCCIDR; c != "" {
		key := "CidrIp"
		if strings.Contains(c, ":") {
			key = "CidrIpv6"
		}
		ingress = append(ingress, cfnMap{}.
			add("Description", vpcIngressDescription).
			add("IpProtocol", "tcp").
			add("FromPort", 443).
			add("ToPort", 443).
			add(key, c))
	}
	group := &cfnResource{logicalID: idRotationEndpointGroup, Type: "AWS::EC2::SecurityGroup", Properties: cfnMap{}.
		add("GroupDescription", fmt.Sprintf("Secrets Manager endpoint for the rotation function of %s", p.d.DisplayName())).
		add("VpcId", h.VPCID).
		add("SecurityGroupIngress", ingress)}
	subnets := make([]any, len(h.VPCSubnetIDs))
	for i, s := range h.VPCSubnetIDs {
		subnets[i] = s
	}
	endpoint := &cfnResource{logicalID: idSecretsManagerEndpoint, Type: "AWS::EC2::VPCEndpoint", Properties: cfnMap{}.
		add("ServiceName", cfnSubOf("com.amazonaws.${AWS::Region}.secretsmanager")).
		add("VpcEndpointType", "Interface").
		add("PrivateDnsEnabled", true).
		add("VpcId", h.VPCID).
		add("SubnetIds", subnets).
		add("SecurityGroupIds", []any{cfnRefTo(idRotationEndpointGroup)})}
	return []*cfnResource{group, endpoint}
}

// vpcIngressDescription says why the endpoint admits the whole VPC.
const vpcIngressDescription = "HTTPS from the VPC, whose Secrets Manager calls private DNS sends here"

// cfnCreatesEndpoint reports whether the template creates the endpoint.
func cfnCreatesEndpoint(d *blueprint.Design) bool {
	return cfnHosted(d) && d.Rotation.HostedRotationLambda.VPCID != ""
}

// secretName is the secret's name, which callers may use instead of its
// ARN: the Secret Id, or the name inside an existing secret's ARN.
func secretName(d *blueprint.Design) string {
	if !d.IsExisting() {
		return d.Secret.SecretID
	}
	a, ok := blueprint.ParseARN(d.Secret.ExistingSecretARN)
	if !ok {
		return ""
	}
	name := strings.TrimPrefix(a.Resource, "secret:")
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		name = name[:i]
	}
	return name
}

// failureAlert and changeAlert report which alert rules the design gets.
func failureAlert(d *blueprint.Design) bool {
	return d.Rotation != nil && d.Monitoring.FailureAlertOn()
}

func changeAlert(d *blueprint.Design) bool { return d.Monitoring.ChangeAlertOn() }

// createsAlertTopic reports whether secretsmith creates the alert topic: an
// alert is on and the design names no existing topic.
func createsAlertTopic(d *blueprint.Design) bool {
	return (failureAlert(d) || changeAlert(d)) && d.Monitoring.AlertTopicARN == ""
}

// cfnAlertTopicRef is what the alert rules send to.
func cfnAlertTopicRef(d *blueprint.Design) any {
	if t := d.Monitoring.AlertTopicARN; t != "" {
		return t
	}
	return cfnRefTo(idRotationAlertTopic)
}

// cfnChangedRule is the change alert: an EventBridge rule on the CloudTrail
// management events that change or remove this secret. CloudTrail records
// the secretId each caller passed, which may be the ARN, a partial ARN (no
// six-character suffix) or the name, so the rule matches all three (the
// partial ARN as a prefix, which also covers the full one); calls that name
// the secret only in their response are matched on responseElements.arn,
// which some events spell aRN. Either is enough, hence the $or.
func cfnChangedRule(d *blueprint.Design, secretID any) *cfnResource {
	ids := []any{secretID}
	var partial any
	if n := secretName(d); n != "" {
		ids = append(ids, n)
		partial = cfnSubOf("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:" + n)
		if d.IsExisting() {
			partial = partialARN(d.Secret.ExistingSecretARN)
		}
		ids = append(ids, cfnMap{}.add("prefix", partial))
	}
	return &cfnResource{logicalID: idSecretChangedRule, Type: "AWS::Events::Rule", Properties: cfnEventsRuleProps{
		Description: fmt.Sprintf("The secret %s was changed, deleted or restored, or its policy, rotation, replicas or tags changed", d.DisplayName()),
		State:       "ENABLED",
		EventPattern: cfnMap{}.
			add("source", []string{"aws.secretsmanager"}).
			add("detail-type", []string{"AWS API Call via CloudTrail"}).
			add("detail", cfnMap{}.
				add("eventSource", []string{"secretsmanager.amazonaws.com"}).
				add("eventName", blueprint.ChangeEvents).
				add("$or", []cfnMap{
					cfnMap{}.add("requestParameters", cfnMap{}.add("secretId", ids)),
					cfnMap{}.add("responseElements", cfnMap{}.add("arn", []any{secretID})),
					cfnMap{}.add("responseElements", cfnMap{}.add("aRN", []any{secretID})),
				})),
		Targets: []cfnEventTarget{{Id: "AlertTopic", Arn: cfnAlertTopicRef(d)}},
	}}
}

// partialARN is a secret ARN without the six characters and the hyphen
// Secrets Manager appends to the name.
func partialARN(arn string) string {
	if len(arn) > 7 && arn[len(arn)-7] == '-' {
		return arn[:len(arn)-7]
	}
	return arn
}

// configRule is one AWS Config managed rule secretsmith adds.
type configRule struct {
	id, suffix, identifier string
	params                 cfnMap
	// periodic rules run on a timer and cannot be scoped to one resource.
	periodic bool
}

// configRules are the managed rules of the configRules option, with the
// blueprint's 30 days where a rule takes a number of days.
func configRules() []configRule {
	return []configRule{
		{idConfigRotationEnabled, "rotation-enabled", "SECRETSMANAGER_ROTATION_ENABLED_CHECK",
			cfnMap{}.add("maximumAllowedRotationFrequency", "30"), false},
		{idConfigRotationSucceeded, "rotation-succeeded", "SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK", nil, false},
		{idConfigCustomerManagedKey, "customer-managed-key", "SECRETSMANAGER_USING_CMK", nil, false},
		{idConfigRotatedWithinMaxDays, "rotated-within-30-days", "SECRETSMANAGER_SECRET_PERIODIC_ROTATION",
			cfnMap{}.add("maxDaysSinceRotation", "30"), true},
	}
}

// configRuleDescription says what a rule evaluates: the periodic one every
// secret of the region, which a reader of the console would not guess.
func configRuleDescription(d *blueprint.Design, r configRule) string {
	if r.periodic {
		return fmt.Sprintf("secretsmith: %s, added for the secret %s; it evaluates every secret in the region", r.suffix, d.DisplayName())
	}
	return fmt.Sprintf("secretsmith: %s for the secret %s", r.suffix, d.DisplayName())
}

// configRuleName is the name of one AWS Config rule. Rule names are unique
// in an account and region, and the periodic rule cannot be scoped to one
// secret, so two secrets' templates would otherwise fight over one name
// (two designs can share a display name: prod/db and prod-db). Its name
// carries a short digest of the secret's own name, the same on every run.
func configRuleName(d *blueprint.Design, r configRule) string {
	if !r.periodic {
		return truncName(d.DisplayName(), "-"+r.suffix, 128)
	}
	id := d.Secret.SecretID
	if d.IsExisting() {
		id = d.Secret.ExistingSecretARN
	}
	sum := sha256.Sum256([]byte(id))
	return truncName(d.DisplayName(), "-"+r.suffix+"-"+hex.EncodeToString(sum[:4]), 128)
}

// cfnConfigRules writes the AWS Config managed rules. The change-triggered
// ones are scoped to this secret; the periodic one evaluates every secret
// in the region, since AWS Config scopes only rules that run on changes
// (its description says so).
func cfnConfigRules(d *blueprint.Design, secretID any) []*cfnResource {
	var out []*cfnResource
	for _, r := range configRules() {
		props := cfnMap{}.
			add("ConfigRuleName", configRuleName(d, r)).
			add("Description", configRuleDescription(d, r)).
			add("Source", cfnMap{}.add("Owner", "AWS").add("SourceIdentifier", r.identifier))
		if len(r.params) > 0 {
			props = props.add("InputParameters", r.params)
		}
		if !r.periodic {
			props = props.add("Scope", cfnMap{}.
				add("ComplianceResourceTypes", []string{"AWS::SecretsManager::Secret"}).
				add("ComplianceResourceId", secretID))
		}
		out = append(out, &cfnResource{logicalID: r.id, Type: "AWS::Config::ConfigRule", Properties: props})
	}
	return out
}

// subscriptionConfirm is what the templates' comment on the alert email's
// subscription says, and the next steps after it.
const subscriptionConfirm = "AWS mails a confirmation link first; alerts arrive once it is followed."

// SubscriptionConfirmNote says, when the templates subscribe the design's
// alert email to the topic they create, that the address confirms the
// subscription from AWS's first mail before alerts arrive; "" when they
// subscribe nobody.
func SubscriptionConfirmNote(d *blueprint.Design) string {
	if !createsAlertTopic(d) || strings.TrimSpace(d.Monitoring.AlertEmail) == "" {
		return ""
	}
	return subscriptionConfirm
}

// SubscribeHint says how to receive the alerts when the templates create the
// alert topic with nobody subscribed to it, or "" when they do not. The
// topic's ARN is an output: AlertTopicArn in CloudFormation, alert_topic_arn
// in Terraform.
func SubscribeHint(d *blueprint.Design, f Format) string {
	if !createsAlertTopic(d) || d.Monitoring.AlertEmail != "" {
		return ""
	}
	output := "the stack's AlertTopicArn output"
	if f == Terraform {
		output = "terraform output alert_topic_arn"
	}
	return "nobody is subscribed to the alert topic yet: after deploying, run aws sns subscribe --topic-arn ARN --protocol email --notification-endpoint ADDRESS with ARN from " + output
}
