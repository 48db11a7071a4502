package blueprint

import "strings"

// Actions lists every Secrets Manager IAM action, with its service prefix, in
// the order of the Service Authorization Reference. The wizard offers these,
// and ValidateAction accepts them and any wildcard pattern that matches one.
var Actions = []string{
	"secretsmanager:BatchGetSecretValue",
	"secretsmanager:CancelRotateSecret",
	"secretsmanager:CreateSecret",
	"secretsmanager:DeleteResourcePolicy",
	"secretsmanager:DeleteSecret",
	"secretsmanager:DescribeSecret",
	"secretsmanager:GetRandomPassword",
	"secretsmanager:GetResourcePolicy",
	"secretsmanager:GetSecretValue",
	"secretsmanager:ListSecretVersionIds",
	"secretsmanager:ListSecrets",
	"secretsmanager:PutResourcePolicy",
	"secretsmanager:PutSecretValue",
	"secretsmanager:RemoveRegionsFromReplication",
	"secretsmanager:ReplicateSecretToRegions",
	"secretsmanager:RestoreSecret",
	"secretsmanager:RotateSecret",
	"secretsmanager:StopReplicationToReplica",
	"secretsmanager:TagResource",
	"secretsmanager:UntagResource",
	"secretsmanager:UpdateSecret",
	"secretsmanager:UpdateSecretVersionStage",
	"secretsmanager:ValidateResourcePolicy",
}

// ConditionOperators lists the IAM condition operators without their
// modifiers. ValidateConditionOperator also accepts an IfExists suffix (on all
// but Null) and a ForAnyValue: or ForAllValues: prefix.
var ConditionOperators = []string{
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
	"StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
	"NumericGreaterThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
	"DateGreaterThan", "DateGreaterThanEquals",
	"Bool",
	"BinaryEquals",
	"IpAddress", "NotIpAddress",
	"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
	"Null",
}

// Condition key value types, as the Service Authorization Reference names them.
const (
	KeyTypeString        = "String"
	KeyTypeARN           = "ARN"
	KeyTypeBool          = "Bool"
	KeyTypeNumeric       = "Numeric"
	KeyTypeDate          = "Date"
	KeyTypeIPAddress     = "IPAddress"
	KeyTypeArrayOfString = "ArrayOfString"
)

// ConditionKey describes one condition key the wizard can offer.
type ConditionKey struct {
	// Name is the key as IAM spells it. A name ending in "/" is a prefix
	// such as aws:ResourceTag/ that needs a tag key after it.
	Name string
	// Type is one of the KeyType constants; ValidateConditionValue uses it
	// to check Bool and Numeric values.
	Type string
}

// IsPrefix reports whether the key needs a suffix, such as a tag key.
func (k ConditionKey) IsPrefix() bool { return strings.HasSuffix(k.Name, "/") }

// SecretsManagerConditionKeys lists the secretsmanager: condition keys.
var SecretsManagerConditionKeys = []ConditionKey{
	{"secretsmanager:AddReplicaRegions", KeyTypeArrayOfString},
	{"secretsmanager:BlockPublicPolicy", KeyTypeBool},
	{"secretsmanager:Description", KeyTypeString},
	{"secretsmanager:ExternalSecretRotationRoleArn", KeyTypeARN},
	{"secretsmanager:ForceDeleteWithoutRecovery", KeyTypeBool},
	{"secretsmanager:ForceOverwriteReplicaSecret", KeyTypeBool},
	{"secretsmanager:KmsKeyArn", KeyTypeARN},
	{"secretsmanager:KmsKeyId", KeyTypeString},
	{"secretsmanager:ModifyRotationRules", KeyTypeBool},
	{"secretsmanager:Name", KeyTypeString},
	{"secretsmanager:RecoveryWindowInDays", KeyTypeNumeric},
	{"secretsmanager:ResourceTag/", KeyTypeString},
	{"secretsmanager:RotateImmediately", KeyTypeBool},
	{"secretsmanager:RotationLambdaARN", KeyTypeARN},
	{"secretsmanager:SecretId", KeyTypeARN},
	{"secretsmanager:SecretPrimaryRegion", KeyTypeString},
	{"secretsmanager:Type", KeyTypeString},
	{"secretsmanager:VersionId", KeyTypeString},
	{"secretsmanager:VersionStage", KeyTypeString},
	{"secretsmanager:resource/AllowRotationLambdaArn", KeyTypeARN},
	{"secretsmanager:resource/Type", KeyTypeString},
}

// GlobalConditionKeys lists the aws: condition keys that are useful in a
// secret's resource policy.
var GlobalConditionKeys = []ConditionKey{
	{"aws:CalledVia", KeyTypeArrayOfString},
	{"aws:CalledViaFirst", KeyTypeString},
	{"aws:CalledViaLast", KeyTypeString},
	{"aws:CurrentTime", KeyTypeDate},
	{"aws:EpochTime", KeyTypeDate},
	{"aws:FederatedProvider", KeyTypeString},
	{"aws:MultiFactorAuthAge", KeyTypeNumeric},
	{"aws:MultiFactorAuthPresent", KeyTypeBool},
	{"aws:PrincipalAccount", KeyTypeString},
	{"aws:PrincipalArn", KeyTypeARN},
	{"aws:PrincipalIsAWSService", KeyTypeBool},
	{"aws:PrincipalOrgID", KeyTypeString},
	{"aws:PrincipalOrgPaths", KeyTypeArrayOfString},
	{"aws:PrincipalServiceName", KeyTypeString},
	{"aws:PrincipalServiceNamesList", KeyTypeArrayOfString},
	{"aws:PrincipalTag/", KeyTypeString},
	{"aws:PrincipalType", KeyTypeString},
	{"aws:RequestTag/", KeyTypeString},
	{"aws:RequestedRegion", KeyTypeString},
	{"aws:ResourceAccount", KeyTypeString},
	{"aws:ResourceOrgID", KeyTypeString},
	{"aws:ResourceOrgPaths", KeyTypeArrayOfString},
	{"aws:ResourceTag/", KeyTypeString},
	{"aws:SecureTransport", KeyTypeBool},
	{"aws:SourceAccount", KeyTypeString},
	{"aws:SourceArn", KeyTypeARN},
	{"aws:SourceIdentity", KeyTypeString},
	{"aws:SourceIp", KeyTypeIPAddress},
	{"aws:SourceOrgID", KeyTypeString},
	{"aws:SourceOrgPaths", KeyTypeArrayOfString},
	{"aws:SourceOwner", KeyTypeString},
	{"aws:SourceVpc", KeyTypeString},
	{"aws:SourceVpce", KeyTypeString},
	{"aws:TagKeys", KeyTypeArrayOfString},
	{"aws:TokenIssueTime", KeyTypeDate},
	{"aws:UserAgent", KeyTypeString},
	{"aws:ViaAWSService", KeyTypeBool},
	{"aws:VpcSourceIp", KeyTypeIPAddress},
	{"aws:userid", KeyTypeString},
	{"aws:username", KeyTypeString},
}

// LookupConditionKey finds the known condition key that key names. IAM
// compares key names without regard to case, and a prefix key such as
// aws:ResourceTag/ matches aws:ResourceTag/team. The second result is false
// for unknown keys and for a bare prefix with nothing after the slash.
func LookupConditionKey(key string) (ConditionKey, bool) {
	// Exact spelling first: it is the common case and a map hit.
	if k, ok := conditionKeyIndex[key]; ok && !k.IsPrefix() {
		return k, true
	}
	if i := strings.IndexByte(key, '/'); i >= 0 && i < len(key)-1 {
		if k, ok := conditionKeyIndex[key[:i+1]]; ok && k.IsPrefix() {
			return k, true
		}
	}
	for _, list := range [2][]ConditionKey{GlobalConditionKeys, SecretsManagerConditionKeys} {
		for _, k := range list {
			if k.IsPrefix() {
				if len(key) > len(k.Name) && strings.EqualFold(key[:len(k.Name)], k.Name) {
					return k, true
				}
			} else if strings.EqualFold(key, k.Name) {
				return k, true
			}
		}
	}
	return ConditionKey{}, false
}

// conditionKeyIndex maps each key's exact spelling to it. Prefix keys are
// stored with their trailing slash.
var conditionKeyIndex = func() map[string]ConditionKey {
	m := make(map[string]ConditionKey, len(GlobalConditionKeys)+len(SecretsManagerConditionKeys))
	for _, list := range [2][]ConditionKey{GlobalConditionKeys, SecretsManagerConditionKeys} {
		for _, k := range list {
			m[k.Name] = k
		}
	}
	return m
}()

// federatedProviders are the web identity providers IAM accepts by name in a
// Federated principal; SAML and OIDC providers are named by ARN instead.
var federatedProviders = []string{
	"cognito-identity.amazonaws.com",
	"accounts.google.com",
	"graph.facebook.com",
	"www.amazon.com",
}
