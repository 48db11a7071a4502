package generate

import "github.com/secretsmith/secretsmith/blueprint"

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
	a := p.d.Access()
	var out []blueprint.PolicyStatement
	for _, kg := range a.KeyGrants() {
		out = append(out, a.KeyPolicyStatement(kg, viaHere))
	}
	return out
}
