package blueprint

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// compliantDesign returns a new secret that meets every rule.
func compliantDesign() *Design {
	return &Design{
		Version: 1,
		Secret: Secret{
			SecretID:    "prod/payments/db",
			Description: "Database login for the payments service",
			GenerateSecretString: &GenerateSecretString{
				SecretStringTemplate: `{"username": "payments", "password": ""}`,
				GenerateStringKey:    "password",
			},
			Tags:     []Tag{{Key: "owner", Value: "payments-team"}},
			Database: &Database{Host: "payments.cluster-abc.us-east-1.rds.amazonaws.com", Username: "payments"},
		},
		ResourcePolicy: &ResourcePolicy{Statements: []Statement{{
			Sid:       "AppReads",
			Effect:    "Allow",
			Principal: &Principal{AWS: []string{"arn:aws:iam::123456789012:role/payments-app"}},
			Action:    []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
			Resource:  []string{"*"},
		}}},
		Rotation: &Rotation{
			AutomaticallyAfterDays: 30,
			HostedRotationLambda: &HostedRotationLambda{
				RotationType:        "PostgreSQLSingleUser",
				VPCSubnetIDs:        []string{"subnet-0123abcd"},
				VPCSecurityGroupIDs: []string{"sg-0123abcd"},
				VPCID:               "vpc-0123abcd", VPCCIDR: "10.0.0.0/16",
			},
		},
		Monitoring: Monitoring{RotationFailureAlert: new(true), AlertEmail: "oncall@example.com"},
	}
}

const existingARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"

// existing turns d into a design for an existing secret.
func existing(d *Design) {
	d.Secret = Secret{ExistingSecretARN: existingARN}
}

func intp(n int) *int    { return &n }
func boolp(b bool) *bool { return &b }

// everyone returns an Allow statement for principal "*" with the given
// condition rows.
func everyone(conds ...Condition) Statement {
	return Statement{
		Effect:    "Allow",
		Principal: &Principal{Wildcard: true},
		Action:    []string{"secretsmanager:GetSecretValue"},
		Resource:  []string{"*"},
		Condition: conds,
	}
}

// setStatement replaces the design's statements with st.
func setStatement(st Statement) func(*Design) {
	return func(d *Design) { d.ResourcePolicy = &ResourcePolicy{Statements: []Statement{st}} }
}

func setSchedule(expr string) func(*Design) {
	return func(d *Design) {
		d.Rotation.AutomaticallyAfterDays = 0
		d.Rotation.ScheduleExpression = expr
	}
}

func setDescription(s string) func(*Design) {
	return func(d *Design) { d.Secret.Description = s }
}

type ruleCase struct {
	name      string
	rule      RuleID
	edit      func(*Design)
	want      Status
	wantPaths []string
}

// ruleCases exercise each rule on its own; every other rule keeps whatever
// result the edit gives it.
var ruleCases = []ruleCase{
	// Values.
	{"generated", "generated-value", func(*Design) {}, StatusMet, nil},
	// Omitted means a generated 32-character value.
	{"no generateSecretString", "generated-value", func(d *Design) { d.Secret.GenerateSecretString = nil }, StatusMet, nil},
	{"template with a password", "generated-value", func(d *Design) {
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","password":"hunter2"}`
	}, StatusNotMet, []string{"secret.generateSecretString.secretStringTemplate"}},
	{"template with nested api_key number", "generated-value", func(d *Design) {
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"db": {"host": "db.internal", "API_Key": 12345}}`
	}, StatusNotMet, []string{"secret.generateSecretString.secretStringTemplate"}},
	{"escaped password key", "generated-value", func(d *Design) {
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"p\u0061ssword":"hunter2"}`
	}, StatusNotMet, []string{"secret.generateSecretString.secretStringTemplate"}},
	{"password in a list", "generated-value", func(d *Design) {
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"password":["x"]}`
	}, StatusNotMet, []string{"secret.generateSecretString.secretStringTemplate"}},
	{"template with two secrets", "generated-value", func(d *Design) {
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"client_secret":"x","private-key":"y","user":"z"}`
	}, StatusNotMet, []string{"secret.generateSecretString.secretStringTemplate"}},
	{"template with empty password and a host", "generated-value", func(d *Design) {
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"host":"db.internal","port":5432,"password":""}`
	}, StatusMet, nil},
	{"any other key with a value", "generated-value", func(d *Design) {
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"kind":"password","note":"token:"}`
	}, StatusNotMet, []string{"secret.generateSecretString.secretStringTemplate"}},
	{"connection keys with values", "generated-value", func(d *Design) {
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"engine":"postgres","host":"db.internal","port":5432,"dbname":"p","username":"app"}`
	}, StatusMet, nil},
	{"existing secret", "generated-value", existing, StatusNotApplicable, nil},

	// Encryption.
	{"dedicated key", "customer-managed-key", func(*Design) {}, StatusMet, nil},
	{"own key", "customer-managed-key", func(d *Design) {
		d.Secret.KMSKeyARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	}, StatusMet, nil},
	{"aws managed alias", "customer-managed-key", func(d *Design) { d.Secret.KMSKeyARN = "alias/aws/secretsmanager" },
		StatusNotMet, []string{"secret.kmsKeyArn"}},
	{"aws managed alias arn", "customer-managed-key", func(d *Design) {
		d.Secret.KMSKeyARN = "arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager"
	}, StatusNotMet, []string{"secret.kmsKeyArn"}},
	{"replica with its own key", "customer-managed-key", func(d *Design) {
		d.Secret.ReplicaRegions = []Replica{{Region: "eu-west-1", KMSKeyARN: "alias/payments"}}
	}, StatusMet, nil},
	{"replicas without a customer key", "customer-managed-key", func(d *Design) {
		d.Secret.ReplicaRegions = []Replica{
			{Region: "eu-west-1", KMSKeyARN: "alias/payments"},
			{Region: "eu-west-2"},
			{Region: "eu-west-3", KMSKeyARN: "alias/aws/secretsmanager"},
		}
	}, StatusNotMet, []string{"secret.replicaRegions[2].kmsKeyArn"}},
	// Terraform creates the key of a replica that names none; CloudFormation
	// refuses it in ValidateFor, so the rule has nothing to say.
	{"replica without a key", "customer-managed-key", func(d *Design) {
		d.Secret.ReplicaRegions = []Replica{{Region: "eu-west-2"}}
	}, StatusMet, nil},
	{"existing secret", "customer-managed-key", existing, StatusNotApplicable, nil},

	// Key rotation: secretsmith always turns it on, so it cannot be not met.
	{"created key", "key-rotation-enabled", func(*Design) {}, StatusMet, nil},
	{"own key", "key-rotation-enabled", func(d *Design) { d.Secret.KMSKeyARN = "alias/payments" }, StatusNotApplicable, nil},
	{"existing secret", "key-rotation-enabled", existing, StatusNotApplicable, nil},

	// Resource policy.
	{"default on", "block-public-policy", func(*Design) {}, StatusMet, nil},
	{"explicitly on", "block-public-policy", func(d *Design) { d.ResourcePolicy.BlockPublicPolicy = boolp(true) }, StatusMet, nil},
	{"off", "block-public-policy", func(d *Design) { d.ResourcePolicy.BlockPublicPolicy = boolp(false) },
		StatusNotMet, []string{"resourcePolicy.blockPublicPolicy"}},
	{"no policy", "block-public-policy", func(d *Design) { d.ResourcePolicy = nil }, StatusNotApplicable, nil},

	{"named principal", "no-public-principal", func(*Design) {}, StatusMet, nil},
	{"star without condition", "no-public-principal", setStatement(everyone()),
		StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"AWS star without condition", "no-public-principal", setStatement(Statement{
		Effect: "Allow", Principal: &Principal{AWS: []string{"arn:aws:iam::123456789012:root", "*"}},
		Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"},
	}), StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"star pinned to a VPC endpoint", "no-public-principal", setStatement(everyone(
		Condition{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-1a2b3c4d"}})), StatusMet, nil},
	{"star pinned to an organization", "no-public-principal", setStatement(everyone(
		Condition{Operator: "ForAnyValue:StringEquals", Key: "aws:PrincipalOrgID", Values: []string{"o-abcdefghij"}})), StatusMet, nil},
	{"star pinned to a role with ArnLike and no wildcard", "no-public-principal", setStatement(everyone(
		Condition{Operator: "ArnLike", Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::123456789012:role/app"}})), StatusMet, nil},
	{"star pinned, key in other case", "no-public-principal", setStatement(everyone(
		Condition{Operator: "StringEqualsIgnoreCase", Key: "AWS:sourceVPC", Values: []string{"vpc-1a2b3c4d"}})), StatusMet, nil},
	{"star pinned to an account", "no-public-principal", setStatement(everyone(
		Condition{Operator: "StringEquals", Key: "aws:SecureTransport", Values: []string{"true"}},
		Condition{Operator: "StringEquals", Key: "aws:PrincipalAccount", Values: []string{"123456789012"}})), StatusMet, nil},
	{"star with a wildcard role pattern", "no-public-principal", setStatement(everyone(
		Condition{Operator: "ArnLike", Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::*:role/app"}})),
		StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"star with a ? in the value", "no-public-principal", setStatement(everyone(
		Condition{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{"12345678901?"}})),
		StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"star with a policy variable", "no-public-principal", setStatement(everyone(
		Condition{Operator: "StringEquals", Key: "aws:SourceAccount", Values: []string{"${aws:PrincipalAccount}"}})),
		StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"star with a negated operator", "no-public-principal", setStatement(everyone(
		Condition{Operator: "StringNotEquals", Key: "aws:SourceVpce", Values: []string{"vpce-1a2b3c4d"}})),
		StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"star with IfExists", "no-public-principal", setStatement(everyone(
		Condition{Operator: "StringEqualsIfExists", Key: "aws:SourceVpc", Values: []string{"vpc-1a2b3c4d"}})),
		StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"star with ForAllValues", "no-public-principal", setStatement(everyone(
		Condition{Operator: "ForAllValues:StringEquals", Key: "aws:PrincipalOrgID", Values: []string{"o-abcdefghij"}})),
		StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"star with a condition on another key", "no-public-principal", setStatement(everyone(
		Condition{Operator: "IpAddress", Key: "aws:SourceIp", Values: []string{"203.0.113.0/24"}})),
		StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"star with no values", "no-public-principal", setStatement(everyone(
		Condition{Operator: "StringEquals", Key: "aws:SourceVpce"})),
		StatusNotMet, []string{"resourcePolicy.statements[0].principal"}},
	{"star in a Deny", "no-public-principal", setStatement(Statement{
		Effect: "Deny", Principal: &Principal{Wildcard: true}, Action: []string{"secretsmanager:*"}, Resource: []string{"*"},
	}), StatusMet, nil},
	{"NotPrincipal with Allow", "no-public-principal", setStatement(Statement{
		Effect: "Allow", NotPrincipal: &Principal{AWS: []string{"arn:aws:iam::123456789012:role/x"}},
		Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"},
	}), StatusNotMet, []string{"resourcePolicy.statements[0].notPrincipal"}},
	{"no policy", "no-public-principal", func(d *Design) { d.ResourcePolicy = nil }, StatusNotApplicable, nil},
	{"no statements", "no-public-principal", func(d *Design) { d.ResourcePolicy.Statements = nil }, StatusNotApplicable, nil},

	{"exact actions", "no-wildcard-actions", func(*Design) {}, StatusMet, nil},
	{"star action", "no-wildcard-actions", func(d *Design) { d.ResourcePolicy.Statements[0].Action = []string{"*"} },
		StatusNotMet, []string{"resourcePolicy.statements[0].action[0]"}},
	{"service wildcard and a pattern", "no-wildcard-actions", func(d *Design) {
		d.ResourcePolicy.Statements[0].Action = []string{"secretsmanager:*", "secretsmanager:DescribeSecret", "secretsmanager:Get*"}
	}, StatusNotMet, []string{"resourcePolicy.statements[0].action[0]", "resourcePolicy.statements[0].action[2]"}},
	{"question mark", "no-wildcard-actions", func(d *Design) {
		d.ResourcePolicy.Statements[0].Action = []string{"secretsmanager:Describe?ecret"}
	}, StatusNotMet, []string{"resourcePolicy.statements[0].action[0]"}},
	{"NotAction with Allow", "no-wildcard-actions", func(d *Design) {
		d.ResourcePolicy.Statements[0].Action = nil
		d.ResourcePolicy.Statements[0].NotAction = []string{"secretsmanager:DeleteSecret"}
	}, StatusNotMet, []string{"resourcePolicy.statements[0].notAction"}},
	{"wildcard in a Deny", "no-wildcard-actions", setStatement(Statement{
		Effect: "Deny", Principal: &Principal{Wildcard: true}, Action: []string{"secretsmanager:*"}, Resource: []string{"*"},
	}), StatusMet, nil},
	{"no policy", "no-wildcard-actions", func(d *Design) { d.ResourcePolicy = nil }, StatusNotApplicable, nil},

	{"star", "resource-this-secret", func(*Design) {}, StatusMet, nil},
	{"secret ARN", "resource-this-secret", func(d *Design) { d.ResourcePolicy.Statements[0].Resource = []string{"*", existingARN} },
		StatusNotMet, []string{"resourcePolicy.statements[0].resource[1]"}},
	{"ARN in a Deny", "resource-this-secret", setStatement(Statement{
		Effect: "Deny", Principal: &Principal{Wildcard: true}, Action: []string{"secretsmanager:DeleteSecret"}, Resource: []string{existingARN},
	}), StatusNotMet, []string{"resourcePolicy.statements[0].resource[0]"}},
	{"no policy", "resource-this-secret", func(d *Design) { d.ResourcePolicy = nil }, StatusNotApplicable, nil},

	// Rotation.
	{"rotates", "rotation-enabled", func(*Design) {}, StatusMet, nil},
	{"existing secret rotates", "rotation-enabled", existing, StatusMet, nil},
	{"no rotation", "rotation-enabled", func(d *Design) { d.Rotation = nil }, StatusNotMet, []string{"rotation"}},

	{"30 days", "rotation-within-30-days", func(*Design) {}, StatusMet, nil},
	{"1 day", "rotation-within-30-days", func(d *Design) { d.Rotation.AutomaticallyAfterDays = 1 }, StatusMet, nil},
	{"31 days", "rotation-within-30-days", func(d *Design) { d.Rotation.AutomaticallyAfterDays = 31 },
		StatusNotMet, []string{"rotation.automaticallyAfterDays"}},
	{"90 days, enough for scanners", "rotation-within-30-days", func(d *Design) { d.Rotation.AutomaticallyAfterDays = 90 },
		StatusNotMet, []string{"rotation.automaticallyAfterDays"}},
	{"rate 30 days", "rotation-within-30-days", setSchedule("rate(30 days)"), StatusMet, nil},
	{"rate 720 hours", "rotation-within-30-days", setSchedule("rate(720 hours)"), StatusMet, nil},
	{"rate 721 hours", "rotation-within-30-days", setSchedule("rate(721 hours)"),
		StatusNotMet, []string{"rotation.scheduleExpression"}},
	{"rate 90 days", "rotation-within-30-days", setSchedule("rate(90 days)"),
		StatusNotMet, []string{"rotation.scheduleExpression"}},
	{"weekly cron", "rotation-within-30-days", setSchedule("cron(0 4 ? * MON *)"), StatusMet, nil},
	{"monthly cron, up to 31 days", "rotation-within-30-days", setSchedule("cron(0 0 1 * ? *)"),
		StatusNotMet, []string{"rotation.scheduleExpression"}},
	{"schedule that does not parse", "rotation-within-30-days", setSchedule("rate(banana)"), StatusNotApplicable, nil},
	{"no schedule yet", "rotation-within-30-days", setSchedule(""), StatusNotApplicable, nil},
	{"no rotation", "rotation-within-30-days", func(d *Design) { d.Rotation = nil }, StatusNotApplicable, nil},

	{"hosted in a VPC", "rotation-lambda-in-vpc", func(*Design) {}, StatusMet, nil},
	{"no subnets", "rotation-lambda-in-vpc", func(d *Design) { d.Rotation.HostedRotationLambda.VPCSubnetIDs = nil },
		StatusNotMet, []string{"rotation.hostedRotationLambda.vpcSubnetIds"}},
	{"no security groups", "rotation-lambda-in-vpc", func(d *Design) { d.Rotation.HostedRotationLambda.VPCSecurityGroupIDs = nil },
		StatusNotMet, []string{"rotation.hostedRotationLambda.vpcSecurityGroupIds"}},
	{"no VPC at all", "rotation-lambda-in-vpc", func(d *Design) {
		d.Rotation.HostedRotationLambda.VPCSubnetIDs = nil
		d.Rotation.HostedRotationLambda.VPCSecurityGroupIDs = nil
	}, StatusNotMet, []string{"rotation.hostedRotationLambda.vpcSubnetIds", "rotation.hostedRotationLambda.vpcSecurityGroupIds"}},
	{"existing function", "rotation-lambda-in-vpc", func(d *Design) {
		d.Rotation.HostedRotationLambda = nil
		d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"
	}, StatusNotApplicable, nil},
	{"no function yet", "rotation-lambda-in-vpc", func(d *Design) { d.Rotation.HostedRotationLambda = nil }, StatusNotApplicable, nil},
	{"no rotation", "rotation-lambda-in-vpc", func(d *Design) { d.Rotation = nil }, StatusNotApplicable, nil},

	{"alert with email", "rotation-failure-alert", func(*Design) {}, StatusMet, nil},
	{"alert off", "rotation-failure-alert", func(d *Design) {
		d.Monitoring = Monitoring{RotationFailureAlert: new(false), AlertEmail: "oncall@example.com"}
	},
		StatusNotMet, []string{"monitoring.rotationFailureAlert"}},
	// The topic is created without a subscriber and its ARN is an output.
	{"alert without email", "rotation-failure-alert", func(d *Design) { d.Monitoring.AlertEmail = "" }, StatusMet, nil},
	{"monitoring left out", "rotation-failure-alert", func(d *Design) { d.Monitoring = Monitoring{} }, StatusMet, nil},
	{"existing topic", "rotation-failure-alert", func(d *Design) {
		d.Monitoring = Monitoring{AlertTopicARN: "arn:aws:sns:us-east-1:123456789012:secops"}
	}, StatusMet, nil},
	{"no rotation", "rotation-failure-alert", func(d *Design) { d.Rotation = nil; d.Monitoring = Monitoring{} },
		StatusNotApplicable, nil},

	{"change alert by default", "change-alert", func(d *Design) { d.Monitoring = Monitoring{} }, StatusMet, nil},
	{"change alert on", "change-alert", func(d *Design) { d.Monitoring.ChangeAlert = new(true) }, StatusMet, nil},
	{"change alert off", "change-alert", func(d *Design) { d.Monitoring.ChangeAlert = new(false) },
		StatusNotMet, []string{"monitoring.changeAlert"}},
	{"change alert off, existing secret", "change-alert", func(d *Design) { existing(d); d.Monitoring.ChangeAlert = new(false) },
		StatusNotMet, []string{"monitoring.changeAlert"}},

	{"endpoint created", "rotation-reaches-secrets-manager", func(*Design) {}, StatusMet, nil},
	{"existing endpoint", "rotation-reaches-secrets-manager", func(d *Design) {
		d.Rotation.HostedRotationLambda.VPCID = ""
		d.Rotation.HostedRotationLambda.Endpoint = EndpointExisting
	}, StatusMet, nil},
	{"NAT route", "rotation-reaches-secrets-manager", func(d *Design) {
		d.Rotation.HostedRotationLambda.VPCID = ""
		d.Rotation.HostedRotationLambda.Endpoint = EndpointNAT
	}, StatusMet, nil},
	{"no way out of the VPC", "rotation-reaches-secrets-manager", func(d *Design) { d.Rotation.HostedRotationLambda.VPCID = "" },
		StatusNotMet, []string{"rotation.hostedRotationLambda.vpcId"}},
	{"outside a VPC", "rotation-reaches-secrets-manager", func(d *Design) {
		h := d.Rotation.HostedRotationLambda
		h.VPCID, h.VPCSubnetIDs, h.VPCSecurityGroupIDs = "", nil, nil
	}, StatusNotApplicable, nil},
	{"own function", "rotation-reaches-secrets-manager", func(d *Design) {
		d.Rotation.HostedRotationLambda = nil
		d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"
	}, StatusNotApplicable, nil},

	{"host and username", "database-connection", func(*Design) {}, StatusMet, nil},
	{"target and username", "database-connection", func(d *Design) {
		d.Secret.Database = &Database{TargetType: "AWS::RDS::DBCluster", TargetID: "payments", Username: "payments"}
	}, StatusMet, nil},
	{"connection in the template", "database-connection", func(d *Design) {
		d.Secret.Database = nil
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"host":"db.internal","username":"payments"}`
	}, StatusMet, nil},
	{"no database section", "database-connection", func(d *Design) { d.Secret.Database = nil },
		StatusNotMet, []string{"secret.database.host"}},
	{"no generateSecretString and no database", "database-connection", func(d *Design) {
		d.Secret.Database = nil
		d.Secret.GenerateSecretString = nil
	}, StatusNotMet, []string{"secret.database.host", "secret.database.username"}},
	{"empty host in the template", "database-connection", func(d *Design) {
		d.Secret.Database.Host = ""
		d.Secret.GenerateSecretString.SecretStringTemplate = `{"host":""}`
	}, StatusNotMet, []string{"secret.database.host"}},
	{"Oracle without dbname", "database-connection", func(d *Design) { d.Rotation.HostedRotationLambda.RotationType = "OracleSingleUser" },
		StatusNotMet, []string{"secret.database.dbname"}},
	{"Oracle with dbname", "database-connection", func(d *Design) {
		d.Rotation.HostedRotationLambda.RotationType = "OracleSingleUser"
		d.Secret.Database.DBName = "ORCL"
	}, StatusMet, nil},
	{"multi-user with a master secret", "database-connection", func(d *Design) {
		d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
		d.Rotation.HostedRotationLambda.MasterSecretARN = existingARN
	}, StatusMet, nil},
	{"multi-user without a master secret", "database-connection", func(d *Design) {
		d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
	}, StatusNotMet, []string{"rotation.hostedRotationLambda.masterSecretArn"}},
	{"password under another key", "database-connection", func(d *Design) {
		d.Secret.GenerateSecretString.GenerateStringKey = "pass"
	}, StatusNotMet, []string{"secret.generateSecretString.generateStringKey"}},
	{"existing secret", "database-connection", existing, StatusNotApplicable, nil},
	{"own function", "database-connection", func(d *Design) {
		d.Rotation.HostedRotationLambda = nil
		d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"
	}, StatusNotApplicable, nil},

	// Deletion.
	{"default window", "recovery-window", func(*Design) {}, StatusMet, nil},
	{"7 days", "recovery-window", func(d *Design) { d.Secret.RecoveryWindowDays = intp(7) }, StatusMet, nil},
	{"no recovery", "recovery-window", func(d *Design) { d.Secret.RecoveryWindowDays = intp(0) },
		StatusNotMet, []string{"secret.recoveryWindowDays"}},
	{"existing secret", "recovery-window", existing, StatusNotApplicable, nil},

	// Labels.
	{"tagged", "tags-present", func(*Design) {}, StatusMet, nil},
	{"untagged", "tags-present", func(d *Design) { d.Secret.Tags = nil }, StatusNotMet, []string{"secret.tags"}},
	{"existing secret", "tags-present", existing, StatusNotApplicable, nil},

	{"plain description", "no-secret-in-metadata", func(*Design) {}, StatusMet, nil},
	{"nothing to look at", "no-secret-in-metadata", func(d *Design) { d.Secret.Description = ""; d.Secret.Tags = nil }, StatusMet, nil},
	{"existing secret with a description", "no-secret-in-metadata", func(d *Design) {
		existing(d)
		d.Secret.Description = "password: hunter22"
	}, StatusNotMet, []string{"secret.description"}},
	{"access key in description", "no-secret-in-metadata", setDescription("uses AKIAIOSFODNN7EXAMPLE for S3"),
		StatusNotMet, []string{"secret.description"}},
	{"random tag value", "no-secret-in-metadata", func(d *Design) {
		d.Secret.Tags = []Tag{{Key: "owner", Value: "team"}, {Key: "backup", Value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}
	}, StatusNotMet, []string{"secret.tags.backup"}},
	{"password tag", "no-secret-in-metadata", func(d *Design) { d.Secret.Tags = []Tag{{Key: "db password", Value: "hunter2"}} },
		StatusNotMet, []string{`secret.tags["db password"]`}},
}

func TestCheckRules(t *testing.T) {
	for _, tt := range ruleCases {
		t.Run(string(tt.rule)+"/"+tt.name, func(t *testing.T) {
			d := compliantDesign()
			tt.edit(d)
			got, ok := Check(d).Result(tt.rule)
			if !ok {
				t.Fatalf("Check(design).Result(%q) found no result", tt.rule)
			}
			if got.Status != tt.want {
				t.Errorf("Check(design) %s = %v %v, want %v", tt.rule, got.Status, got.Findings, tt.want)
			}
			if paths := findingPaths(got.Findings); !slices.Equal(paths, tt.wantPaths) {
				t.Errorf("Check(design) %s paths = %q, want %q", tt.rule, paths, tt.wantPaths)
			}
			for _, f := range got.Findings {
				if f.Rule != tt.rule || f.Severity != got.Rule.Severity || f.Message == "" {
					t.Errorf("Check(design) %s finding = %+v, want Rule %q, Severity %v and a message", tt.rule, f, tt.rule, got.Rule.Severity)
				}
			}
			if (got.Status == StatusNotApplicable) != (got.Note != "") {
				t.Errorf("Check(design) %s = %v with Note %q, want a note exactly when not applicable", tt.rule, got.Status, got.Note)
			}
		})
	}
}

// TestCheckWaived waives every not-met case and checks that the findings are
// kept but no longer block or show as problems.
func TestCheckWaived(t *testing.T) {
	for _, tt := range ruleCases {
		if tt.want != StatusNotMet {
			continue
		}
		t.Run(string(tt.rule)+"/"+tt.name, func(t *testing.T) {
			d := compliantDesign()
			tt.edit(d)
			d.Waivers = []Waiver{{Rule: "no-such-rule", Reason: "other"}, {Rule: string(tt.rule), Reason: "accepted by the team"}}
			r := Check(d)
			got, _ := r.Result(tt.rule)
			if slices.ContainsFunc(got.Findings, func(f Finding) bool { return f.Material }) {
				// Secret material is written by no waiver
				// (TestWaiverLeavesSecretMaterialBlocking).
				return
			}
			if got.Status != StatusWaived || got.WaiverReason != "accepted by the team" {
				t.Errorf("Check(waived design) %s = %v %q, want waived with the waiver's reason", tt.rule, got.Status, got.WaiverReason)
			}
			if paths := findingPaths(got.Findings); !slices.Equal(paths, tt.wantPaths) {
				t.Errorf("Check(waived design) %s paths = %q, want %q kept", tt.rule, paths, tt.wantPaths)
			}
			for _, f := range r.Blocking() {
				if f.Rule == tt.rule {
					t.Errorf("Check(waived design).Blocking() has %+v, want no finding of %s", f, tt.rule)
				}
			}
			for _, p := range r.Problems() {
				if p.Rule == string(tt.rule) {
					t.Errorf("Check(waived design).Problems() has %v, want no problem of %s", p, tt.rule)
				}
			}
		})
	}
}

// TestRuleCasesCoverEveryRule keeps ruleCases honest: every rule has a met
// case and, unless it cannot fail, a not-met case (which TestCheckWaived
// also waives).
func TestRuleCasesCoverEveryRule(t *testing.T) {
	cannotFail := map[RuleID]bool{"key-rotation-enabled": true}
	for _, r := range Rules() {
		seen := map[Status]bool{}
		for _, tt := range ruleCases {
			if tt.rule == r.ID {
				seen[tt.want] = true
			}
		}
		if !seen[StatusMet] {
			t.Errorf("ruleCases has no met case for %s", r.ID)
		}
		if !seen[StatusNotMet] && !cannotFail[r.ID] {
			t.Errorf("ruleCases has no not-met case for %s", r.ID)
		}
	}
	for _, tt := range ruleCases {
		if _, ok := LookupRule(tt.rule); !ok {
			t.Errorf("ruleCases names unknown rule %q", tt.rule)
		}
	}
}

func findingPaths(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Path)
	}
	return out
}

func TestCheckCompliantDesign(t *testing.T) {
	r := Check(compliantDesign())
	if len(r.Results) != len(Rules()) {
		t.Fatalf("Check(compliant) has %d results, want %d", len(r.Results), len(Rules()))
	}
	for i, res := range r.Results {
		if res.Rule.ID != rules[i].ID {
			t.Errorf("Check(compliant).Results[%d] = %s, want %s (the order of Rules)", i, res.Rule.ID, rules[i].ID)
		}
		if res.Status != StatusMet {
			t.Errorf("Check(compliant) %s = %v %v, want met", res.Rule.ID, res.Status, res.Findings)
		}
	}
	if b := r.Blocking(); len(b) != 0 {
		t.Errorf("Check(compliant).Blocking() = %v, want none", b)
	}
	if p := r.Problems(); len(p) != 0 {
		t.Errorf("Check(compliant).Problems() = %v, want none", p)
	}
}

func TestCheckNil(t *testing.T) {
	r := Check(nil)
	got, _ := r.Result("rotation-enabled")
	if got.Status != StatusNotMet {
		t.Errorf("Check(nil) rotation-enabled = %v, want not met", got.Status)
	}
}

func TestReportBlockingAndProblems(t *testing.T) {
	d := compliantDesign()
	d.Rotation = nil                          // rotation-enabled: error
	d.Secret.Tags = nil                       // tags-present: warning
	d.Secret.KMSKeyARN = "aws/secretsmanager" // customer-managed-key: error, waived below
	d.Waivers = []Waiver{{Rule: "customer-managed-key", Reason: "shared with a legacy reader"}}
	r := Check(d)

	if got, want := findingPaths(r.Blocking()), []string{"rotation"}; !slices.Equal(got, want) {
		t.Errorf("Check(design).Blocking() paths = %q, want %q", got, want)
	}
	want := Problems{
		{Path: "rotation", Severity: SeverityError, Rule: "rotation-enabled"},
		{Path: "secret.tags", Severity: SeverityWarning, Rule: "tags-present"},
	}
	got := r.Problems()
	if len(got) != len(want) {
		t.Fatalf("Check(design).Problems() = %v, want %d problems", got, len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || got[i].Severity != want[i].Severity || got[i].Rule != want[i].Rule || got[i].Message == "" {
			t.Errorf("Check(design).Problems()[%d] = %+v, want %+v with a message", i, got[i], want[i])
		}
	}
	if len(got.Errors()) != 1 || len(got.Warnings()) != 1 {
		t.Errorf("Check(design).Problems() = %v, want 1 error and 1 warning", got)
	}
}

func TestRuleMessages(t *testing.T) {
	tests := []struct {
		name string
		rule RuleID
		edit func(*Design)
		want []string // substrings of the first finding's message
		not  []string // substrings it must not contain
	}{
		{"near-miss condition is explained", "no-public-principal", setStatement(everyone(
			Condition{Operator: "ArnLike", Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::*:role/app"}})),
			[]string{"ArnLike on aws:PrincipalArn", "not a fixed value"}, nil},
		{"IfExists is explained", "no-public-principal", setStatement(everyone(
			Condition{Operator: "StringEqualsIfExists", Key: "aws:SourceVpc", Values: []string{"vpc-1"}})),
			[]string{"also matches callers that do not send aws:SourceVpc"}, nil},
		{"monthly cron interval", "rotation-within-30-days", setSchedule("cron(0 0 1 * ? *)"),
			[]string{"31 days", "rate(30 days)"}, nil},
		{"hours interval", "rotation-within-30-days", setSchedule("rate(721 hours)"), []string{"721 hours"}, nil},
		{"days count", "rotation-within-30-days", func(d *Design) { d.Rotation.AutomaticallyAfterDays = 45 }, []string{"is 45"}, nil},
		{"service wildcard", "no-wildcard-actions", func(d *Design) { d.ResourcePolicy.Statements[0].Action = []string{"secretsmanager:*"} },
			[]string{"every Secrets Manager action", "secretsmanager:GetSecretValue"}, nil},
		{"replica region named", "customer-managed-key", func(d *Design) {
			d.Secret.ReplicaRegions = []Replica{{Region: "eu-west-2", KMSKeyARN: "alias/aws/secretsmanager"}}
		},
			[]string{"eu-west-2", "aws/secretsmanager"}, nil},
		{"template key named", "generated-value", func(d *Design) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"apiKey":"s3cr3t-value"}`
		}, []string{`"apiKey"`}, []string{"s3cr3t-value"}},
		{"metadata value never echoed", "no-secret-in-metadata", setDescription("password=Sup3rS3cretValue"),
			[]string{"name=value", "unencrypted"}, []string{"Sup3rS3cretValue"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := compliantDesign()
			tt.edit(d)
			res, _ := Check(d).Result(tt.rule)
			if len(res.Findings) == 0 {
				t.Fatalf("Check(design) %s has no findings, want one", tt.rule)
			}
			msg := res.Findings[0].Message
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("Check(design) %s message = %q, want it to contain %q", tt.rule, msg, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(msg, n) {
					t.Errorf("Check(design) %s message = %q, want it without %q", tt.rule, msg, n)
				}
			}
		})
	}
}

func TestNotApplicableNotes(t *testing.T) {
	d := compliantDesign()
	d.Rotation.HostedRotationLambda = nil
	d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"
	res, _ := Check(d).Result("rotation-lambda-in-vpc")
	if !strings.Contains(res.Note, d.Rotation.RotationLambdaARN) {
		t.Errorf("Check(existing function) rotation-lambda-in-vpc note = %q, want it to name the function", res.Note)
	}
	d = compliantDesign()
	existing(d)
	res, _ = Check(d).Result("customer-managed-key")
	if !strings.Contains(res.Note, "aws/secretsmanager") {
		t.Errorf("Check(existing secret) customer-managed-key note = %q, want it to say what to check", res.Note)
	}
}

func TestSecretMaterial(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		// Things that look like secrets.
		{"-----BEGIN RSA PRIVATE KEY-----", true},
		{"key AKIAIOSFODNN7EXAMPLE", true},
		{"session ASIAY34FZKBOKMUTVV7A", true},
		{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc", true},
		{"password=hunter2", true},
		{"Passwd: hunter2", true},
		{"client_secret = abc", true},
		{"api-key:xyz", true},
		{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", true},
		{"token ghp_16C7e42F292c6912E7710c838347Ae178B4a", true},
		// Things that do not.
		{"", false},
		{"Database login for the payments service", false},
		{"Secret for the payments service", false},
		{"the password is rotated every 30 days", false},
		{"arn:aws:iam::123456789012:role/service-role/RotationRole2024", false},
		{"1234abcd-12ab-34cd-56ef-1234567890ab", false},
		{"subnet-0123456789abcdef0", false},
		{"AKIA is the prefix of access key ids", false},
		{"prod/payments/PostgreSQLSingleUser", false},
		{"owner=payments-team", false},
	}
	for _, tt := range tests {
		if got := secretMaterial(tt.in); (got != "") != tt.want {
			t.Errorf("secretMaterial(%q) = %q, want secret-looking %v", tt.in, got, tt.want)
		}
	}
}

func TestLiteralTemplateKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{``, nil},
		{`{"username":"app"}`, nil},
		{`{"username":"app","password":"x"}`, []string{`"password"`}},
		{`{"password":""}`, nil},
		{`{"PASSWORD" : "x"}`, []string{`"PASSWORD"`}},
		{`{"pwd":"x","Private_Key":"y"}`, []string{`"pwd"`, `"Private_Key"`}},
		{`{"token": -1}`, []string{`"token"`}},
		{`{"token": null, "apikey": {}, "list": []}`, nil},
		{`{"secret": true}`, []string{`"secret"`}},
		// Every non-empty value under a key that is not a connection key
		// is a finding, whatever the key is called.
		{`{"note":"a \"password\": here","user":"x"}`, []string{`"note"`, `"user"`}},
		{`{"a":{"b":[{"access_token":"t"}]}}`, []string{`"a.b.access_token"`}},
		{`{"password":["x"]}`, []string{`"password"`}},
		{`{"p\u0061ssword":"hunter2"}`, []string{`"password"`}},
		{`{"host":"db.example.com","port":5432,"engine":"postgres","username":"app","dbname":"p","masterarn":"arn:x"}`, nil},
		{`{"host":{"password":"x"}}`, []string{`"host.password"`}},
		{`{"Host":"db"}`, []string{`"Host"`}},
		{`{"username":"app","password":"x`, nil},
		{`{"password":`, nil},
		{`not json password: x`, nil},
	}
	for _, tt := range tests {
		if got := literalTemplateKeys(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("literalTemplateKeys(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHumanInterval(t *testing.T) {
	tabletest.Equal(t, "humanInterval", humanInterval, map[time.Duration]string{
		31 * 24 * time.Hour:           "31 days",
		721 * time.Hour:               "721 hours",
		90*time.Minute + 24*time.Hour: "26 hours",
		2000 * 24 * time.Hour:         "more than 1000 days",
		24 * time.Hour:                "1 day",
		time.Hour:                     "1 hour",
		2 * time.Hour:                 "2 hours",
	})
}

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestRules(t *testing.T) {
	seen := map[RuleID]bool{}
	for _, r := range Rules() {
		if !kebab.MatchString(string(r.ID)) || seen[r.ID] {
			t.Errorf("rule ID %q is not unique kebab-case", r.ID)
		}
		seen[r.ID] = true
		checks := 0
		for _, set := range []bool{r.check != nil, r.checkAccess != nil, r.checkEnv != nil} {
			if set {
				checks++
			}
		}
		if r.Title == "" || r.Reason == "" || r.Meets == "" || checks != 1 {
			t.Errorf("rule %s lacks a title, reason, meets text or exactly one check", r.ID)
		}
		for _, s := range [...]string{r.Title, r.Reason, r.Meets} {
			if strings.Contains(s, "\n") {
				t.Errorf("rule %s text %q has a newline, want one paragraph", r.ID, s)
			}
		}
		for _, s := range r.Scanners {
			if s.Tool == "" || s.ID == "" {
				t.Errorf("rule %s scanner %+v lacks a tool or ID", r.ID, s)
			}
			// A check that reads templates says which; one that reads
			// deployed resources cannot be suppressed by any.
			deployed := s.Tool == "AWS Config" || s.Tool == "Security Hub"
			if deployed != (s.Reads == DeployedOnly) {
				t.Errorf("rule %s scanner %s %s: Reads = %v, want DeployedOnly exactly for checks of deployed resources", r.ID, s.Tool, s.ID, s.Reads)
			}
			if tfOnly := strings.HasPrefix(s.Note, "Terraform only"); tfOnly != (s.Reads == TerraformTemplate) {
				t.Errorf("rule %s scanner %s %s: note %q disagrees with Reads = %v", r.ID, s.Tool, s.ID, s.Note, s.Reads)
			}
		}
		// Generators place a waiver on the first of Concerns they have.
		if len(r.Concerns) == 0 {
			t.Errorf("rule %s names no resource it concerns", r.ID)
		}
		for i, c := range r.Concerns {
			if c < ConcernSecret || c > ConcernAlert || slices.Contains(r.Concerns[:i], c) {
				t.Errorf("rule %s Concerns = %v: unknown or repeated resource", r.ID, r.Concerns)
			}
		}
	}
	// Released IDs are part of the design-file format: waivers name them.
	for _, id := range []RuleID{
		"generated-value", "customer-managed-key", "key-rotation-enabled", "block-public-policy",
		"no-public-principal", "no-wildcard-actions", "resource-this-secret", "rotation-enabled",
		"rotation-within-30-days", "rotation-lambda-in-vpc", "rotation-failure-alert", "recovery-window",
		"tags-present", "no-secret-in-metadata",
	} {
		if !seen[id] {
			t.Errorf("Rules() lacks released rule %q", id)
		}
	}
}

func TestRuleSeverities(t *testing.T) {
	warnings := []RuleID{"resource-this-secret", "rotation-reaches-secrets-manager", "tags-present", "no-secret-in-metadata", RuleGivenKeyReaders}
	for _, r := range Rules() {
		want := SeverityError
		if slices.Contains(warnings, r.ID) {
			want = SeverityWarning
		}
		if r.Severity != want {
			t.Errorf("rule %s severity = %v, want %v", r.ID, r.Severity, want)
		}
	}
}

func TestRulesIsACopy(t *testing.T) {
	rs := Rules()
	rs[0].ID = "changed"
	if got := Rules()[0].ID; got == "changed" {
		t.Errorf("Rules()[0].ID = %q after changing a returned copy, want the original", got)
	}
}

func TestLookupRule(t *testing.T) {
	tests := []struct {
		in     RuleID
		wantOK bool
	}{
		{"rotation-enabled", true},
		{"customer-managed-key", true},
		{"Rotation-Enabled", false},
		{"", false},
		{"no-such-rule", false},
	}
	for _, tt := range tests {
		r, ok := LookupRule(tt.in)
		if ok != tt.wantOK || (ok && r.ID != tt.in) {
			t.Errorf("LookupRule(%q) = %q, %v, want ok %v", tt.in, r.ID, ok, tt.wantOK)
		}
	}
}

func TestStatusString(t *testing.T) {
	tests := []struct {
		in   Status
		want string
	}{
		{StatusMet, "met"},
		{StatusNotMet, "not met"},
		{StatusWaived, "waived"},
		{StatusNotApplicable, "not applicable"},
		{Status(9), "status(9)"},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("Status(%d).String() = %q, want %q", int(tt.in), got, tt.want)
		}
	}
}

func TestCheckAllocations(t *testing.T) {
	d := compliantDesign()
	// Check runs on every keystroke; a met design should cost little more
	// than the result slice and the one deployment walk-through the rules
	// share (issue 19 §3 counts it in the keystroke budget).
	if n := testing.AllocsPerRun(100, func() { Check(d) }); n > 80 {
		t.Errorf("Check(compliant) allocates %v times per run, want at most 80", n)
	}
}

// The recovery-window rule says of CloudFormation only what AWS documents:
// a resource without a DeletionPolicy is deleted with its stack, Retain
// keeps it, and the resource has no recovery-window property. How the
// deletion treats the recovery window is not documented, so the rule does
// not claim the secret goes at once.
func TestRecoveryWindowRuleClaimsOnlyTheDocumented(t *testing.T) {
	r, ok := LookupRule(RuleRecoveryWindow)
	if !ok {
		t.Fatal("no recovery-window rule")
	}
	text := r.Reason + " " + r.Meets
	for _, want := range []string{"DeletionPolicy is Retain", "does not document"} {
		if !strings.Contains(text, want) {
			t.Errorf("the rule does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(r.Meets, "at once") {
		t.Errorf("the rule says a stack deletes its secret at once, which AWS does not document:\n%s", r.Meets)
	}
}

// TestGeneratedValuePlaceholderAdvice: a template that writes a placeholder
// under the generated key itself ({"Password": "REPLACED"} with
// generateStringKey Password, as real templates do) still fails, and is told
// to leave the key out; "name the key in generateStringKey" would be no
// advice, since it is named there already.
func TestGeneratedValuePlaceholderAdvice(t *testing.T) {
	d := compliantDesign()
	d.Secret.GenerateSecretString = &GenerateSecretString{SecretStringTemplate: `{"Password": "REPLACED", "note": "x"}`, GenerateStringKey: "Password"}
	r, _ := Check(d).Result(RuleGeneratedValue)
	if r.Status != StatusNotMet || len(r.Findings) != 2 {
		t.Fatalf("%v %v, want two findings", r.Status, r.Findings)
	}
	if m := r.Findings[0].Message; !strings.Contains(m, `"Password" a value of its own although the generated password goes under it`) ||
		!strings.Contains(m, "leave the key out") || strings.Contains(m, "name the key in generateStringKey") || strings.Contains(m, "; ") {
		t.Errorf("placeholder finding %q", m)
	}
	if m := r.Findings[1].Message; !strings.Contains(m, `"note"`) || !strings.Contains(m, "name the key in generateStringKey") {
		t.Errorf("other key finding %q", m)
	}
}
