package generate

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
