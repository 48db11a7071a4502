package generate

import (
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Key policies are written twice, once per format, but they must grant
// exactly the same: these are the facts both writers take them from.

// Statement ids of the key policies.
const (
	sidKeyAdmin         = "AllowKeyAdministrationByTheAccount"
	sidKeyUseViaSecrets = "AllowUseThroughSecretsManagerOnly"
	sidKeyUseViaSNS     = "AllowUseThroughSNSByTheAccount"
	sidKeyEventsPublish = "AllowEventBridgeToPublishEncrypted"
)

// keyAdminActions let the account manage a key without using it. The list
// names CreateAlias rather than kms:Create*, because Create* includes
// CreateGrant, and a grant would let a principal use the key without the
// kms:ViaService condition of the use statement.
var keyAdminActions = []string{
	"kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:Describe*",
	"kms:Disable*", "kms:Enable*", "kms:Get*", "kms:List*", "kms:Put*",
	"kms:RetireGrant", "kms:RevokeGrant", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion",
	"kms:TagResource", "kms:UntagResource", "kms:Update*",
}

// keyUseActions are what Secrets Manager does with the secret's key on the
// caller's behalf.
var keyUseActions = []string{"kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"}

// alertKeyActions are what SNS and EventBridge need to publish to and read
// from an encrypted topic.
var alertKeyActions = []string{"kms:Decrypt", "kms:GenerateDataKey*"}

// viaHere stands, in a reader statement, for the kms:ViaService value of
// Secrets Manager in the region the template deploys to. Each writer puts
// its own expression for that region in its place; replica regions are
// written as they are.
const viaHere = "secretsmanager.(this region)"

// readerKeyStatements are the statements a key secretsmith creates needs so
// that everyone the resource policy lets read the value can decrypt it:
// kms:Decrypt for the statement's own principals (or "*" narrowed by the
// organization, account or ARN conditions the statement had), only through
// Secrets Manager. Who gets one is the access model's decision
// (blueprint.Access.KeyGrants); this is only the order and the shape.
//
// Without them a role the resource policy names is refused by KMS: the
// account statement only delegates to IAM policies in this account, and a
// caller in another account has none here.
func readerKeyStatements(p *plan) []blueprint.PolicyStatement {
	a := p.report.Access()
	var out []blueprint.PolicyStatement
	for _, kg := range a.KeyGrants() {
		out = append(out, a.KeyPolicyStatement(kg, viaHere))
	}
	return out
}

// sidKeyRotationFunction is the statement that lets your own rotation
// function's execution role use the key secretsmith creates.
const sidKeyRotationFunction = "AllowRotationFunctionThroughSecretsManager"

// rotationFunctionKeyActions are what a rotation function does with the
// secret's key, through Secrets Manager: read the current value
// (GetSecretValue decrypts) and store the new one (PutSecretValue encrypts
// under a new data key).
var rotationFunctionKeyActions = []string{"kms:Decrypt", "kms:GenerateDataKey"}

// rotationFunctionKeyStatements lets the execution role of your own rotation
// function (rotation.rotationLambdaRoleArn) decrypt and generate data keys
// with the key secretsmith creates, only through Secrets Manager in the
// secret's region (viaHere). A hosted function needs none: the transform or
// the rotation application grants its role the key through kmsKeyArn, in
// its IAM policy, and the account statement delegates to that policy.
// Issue 20: without it a role whose IAM policy cannot name a key created in
// the same deployment is refused at the first rotation.
func rotationFunctionKeyStatements(p *plan) []blueprint.PolicyStatement {
	r := p.d.Rotation
	if !p.createKey || r == nil || r.RotationLambdaARN == "" || r.RotationLambdaRoleARN == "" {
		return nil
	}
	return []blueprint.PolicyStatement{{
		Sid:       sidKeyRotationFunction,
		Effect:    "Allow",
		Principal: &blueprint.PolicyPrincipal{Entries: []blueprint.PrincipalEntry{{Type: "AWS", Values: blueprint.StringOrList{r.RotationLambdaRoleARN}}}},
		Action:    blueprint.StringOrList(rotationFunctionKeyActions),
		Resource:  blueprint.StringOrList{"*"},
		Condition: blueprint.PolicyCondition{{Operator: "StringEquals", Entries: []blueprint.ConditionEntry{{Key: "kms:ViaService", Values: blueprint.StringOrList{viaHere}}}}},
	}}
}

// scannerSkip is a scanner check that a key policy secretsmith writes fails
// by design, with the reason the template gives for suppressing it.
type scannerSkip struct{ id, reason string }

// checkovWildcardPrincipal is Checkov's "KMS key policy has no wildcard (*)
// principal" check, on AWS::KMS::Key and aws_kms_key alike.
const checkovWildcardPrincipal = "CKV_AWS_33"

// keyPolicySkips are the automatic suppressions of a key secretsmith
// creates. Checkov's CKV_AWS_33 fails any key policy with a "*" principal,
// whatever its conditions. secretsmith writes one only for a reader
// statement whose resource-policy statement allowed "*" narrowed by a caller
// condition such as aws:PrincipalOrgID (blueprint.Access.KeyGrants): the key
// statement carries the same condition and kms:ViaService, so it lets in
// exactly the callers the secret's policy lets read, and only through
// Secrets Manager. That is no waiver (the design meets no-public-principal),
// so the template says why the check does not apply instead of listing a
// rule as waived. One skip per check, as Checkov reports a check once per
// resource.
func keyPolicySkips(p *plan) []scannerSkip {
	var reasons []string
	for _, kg := range p.report.Access().KeyGrants() {
		if kg.Principal.Wildcard {
			reasons = append(reasons, fmt.Sprintf(`%s allows "*" %s, and only kms:Decrypt through Secrets Manager: the callers the secret's policy lets read the value`,
				kg.Sid, strings.ReplaceAll(blueprint.DescribeConditions(kg.Conditions), "account "+blueprint.ThisAccount, "the key's own account")))
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return []scannerSkip{{checkovWildcardPrincipal, strings.Join(reasons, "; ")}}
}
