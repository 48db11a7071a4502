package blueprint

import (
	"fmt"
	"strings"
	"testing"
)

func valPtr[T any](v T) *T { return &v }

const (
	masterARN    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-master-XyZ123"
	euKeyARN     = "arn:aws:kms:eu-west-1:123456789012:key/" + keyUUID
	appRoleARN   = "arn:aws:iam::123456789012:role/app"
	vpceID       = "vpce-0123456789abcdef0"
	subnetA      = "subnet-0123456789abcdef0"
	subnetB      = "subnet-0123456789abcdef1"
	securityGrpA = "sg-0123456789abcdef0"
)

// validDesign uses every section of a design, so that each mutation in the
// table below breaks exactly one thing.
func validDesign() *Design {
	return &Design{
		Version: CurrentVersion,
		Name:    "payments-db",
		Secret: Secret{
			SecretID:           "prod/payments/db",
			Region:             "us-east-1",
			Description:        "payments database credentials",
			KMSKeyARN:          keyARN,
			RecoveryWindowDays: valPtr(14),
			GenerateSecretString: &GenerateSecretString{
				SecretStringTemplate: `{"username":"app"}`,
				GenerateStringKey:    "password",
				PasswordLength:       valPtr(32),
				ExcludeCharacters:    `"@/\`,
			},
			Tags:           []Tag{{"team", "payments"}, {"env", "prod"}},
			ReplicaRegions: []Replica{{Region: "eu-west-1", KMSKeyARN: euKeyARN}},
			Database:       &Database{Host: "payments.cluster-abc.us-east-1.rds.amazonaws.com", Port: 5432, DBName: "payments", Username: "app"},
		},
		ResourcePolicy: &ResourcePolicy{Statements: []Statement{
			{
				Sid:       "AppRead",
				Effect:    "Allow",
				Principal: &Principal{AWS: []string{appRoleARN}},
				Action:    []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
				Resource:  []string{"*"},
				Condition: []Condition{{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{vpceID}}},
			},
			{
				Sid:       "DenyDelete",
				Effect:    "Deny",
				Principal: &Principal{Wildcard: true},
				Action:    []string{"secretsmanager:DeleteSecret"},
				Resource:  []string{"*"},
				Condition: []Condition{{Operator: "StringNotEquals", Key: "aws:PrincipalAccount", Values: []string{"123456789012"}}},
			},
		}},
		Rotation: &Rotation{
			ScheduleExpression: "rate(30 days)",
			Duration:           "2h",
			HostedRotationLambda: &HostedRotationLambda{
				RotationType:        "PostgreSQLMultiUser",
				RotationLambdaName:  "payments-db-rotation",
				KMSKeyARN:           keyARN,
				MasterSecretARN:     masterARN,
				VPCSubnetIDs:        []string{subnetA, subnetB},
				VPCSecurityGroupIDs: []string{securityGrpA},
				VPCID:               "vpc-0123456789abcdef0", VPCCIDR: "10.0.0.0/16",
			},
		},
		Monitoring: Monitoring{RotationFailureAlert: new(true), AlertEmail: "payments@example.com"},
		Waivers:    []Waiver{{Rule: "tags-present", Reason: "tags come from the stack"}},
	}
}

// existingDesign manages an existing secret: no creation-only fields.
func existingDesign() *Design {
	d := validDesign()
	d.Secret = Secret{ExistingSecretARN: secARN}
	return d
}

func TestValidDesignsHaveNoProblems(t *testing.T) {
	for name, d := range map[string]*Design{"new secret": validDesign(), "existing secret": existingDesign()} {
		if ps := d.Validate(); len(ps) != 0 {
			t.Errorf("%s: Validate() = %v, want no problems", name, ps)
		}
	}
	minimal := &Design{Version: CurrentVersion, Secret: Secret{SecretID: "app"}}
	if ps := minimal.Validate(); len(ps) != 0 {
		t.Errorf("minimal: Validate() = %v, want no problems", ps)
	}
}

func TestDesignValidate(t *testing.T) {
	tests := []struct {
		name     string
		base     func() *Design // validDesign when nil
		mutate   func(d *Design)
		path     string
		severity Severity
		contains string   // part of the message
		also     []string // paths of other problems the mutation must cause
	}{
		// Top level.
		{name: "old version", mutate: func(d *Design) { d.Version = 0 }, path: "version", contains: "must be 1"},
		{name: "bad name", mutate: func(d *Design) { d.Name = "Payments DB" }, path: "name", contains: "a-z, 0-9"},

		// Secret identity.
		{name: "no secret", mutate: func(d *Design) { d.Secret.SecretID = "" }, path: "secret.secretId", contains: "either secretId"},
		{name: "both secret forms", mutate: func(d *Design) { d.Secret.ExistingSecretARN = secARN }, path: "secret.existingSecretArn", contains: "only one"},
		{name: "bad secret name", mutate: func(d *Design) { d.Secret.SecretID = "prod db" }, path: "secret.secretId", contains: "letters, digits"},
		{name: "arn-like secret name", mutate: func(d *Design) { d.Secret.SecretID = "prod/db-AbCdEf" }, path: "secret.secretId", severity: SeverityWarning, contains: "suffix"},
		{name: "bad existing arn", base: existingDesign, mutate: func(d *Design) {
			d.Secret.ExistingSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db"
		}, path: "secret.existingSecretArn", contains: "6-character suffix"},

		// Creation-only fields on an existing secret.
		{name: "existing with key", base: existingDesign, mutate: func(d *Design) { d.Secret.KMSKeyARN = keyARN }, path: "secret.kmsKeyArn", contains: "existing secret"},
		{name: "existing with generator", base: existingDesign, mutate: func(d *Design) { d.Secret.GenerateSecretString = &GenerateSecretString{} }, path: "secret.generateSecretString", contains: "existing secret"},
		{name: "existing with tags", base: existingDesign, mutate: func(d *Design) { d.Secret.Tags = []Tag{{"a", "b"}} }, path: "secret.tags", contains: "existing secret"},
		{name: "existing with replicas", base: existingDesign, mutate: func(d *Design) { d.Secret.ReplicaRegions = []Replica{{Region: "eu-west-1"}} }, path: "secret.replicaRegions", contains: "existing secret"},
		{name: "existing with recovery window", base: existingDesign, mutate: func(d *Design) { d.Secret.RecoveryWindowDays = valPtr(7) }, path: "secret.recoveryWindowDays", contains: "existing secret"},
		{name: "existing with description", base: existingDesign, mutate: func(d *Design) { d.Secret.Description = "x" }, path: "secret.description", contains: "existing secret"},
		{name: "existing in other region", base: existingDesign, mutate: func(d *Design) { d.Secret.Region = "us-west-2" }, path: "secret.region", contains: "existing secret is in us-east-1"},

		// Partition and regions.
		{name: "mixed partitions", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:m-AbCdEf"
		}, path: "rotation.hostedRotationLambda.masterSecretArn", contains: "partition aws-cn but secret.kmsKeyArn is in aws"},
		{name: "replica key in other partition", mutate: func(d *Design) {
			d.Secret.ReplicaRegions = []Replica{{Region: "eu-west-1"}, {Region: "eu-west-2", KMSKeyARN: "arn:aws-cn:kms:eu-west-2:123456789012:key/mrk-0123456789abcdef0123456789abcdef"}}
		}, path: "secret.replicaRegions[1].kmsKeyArn", contains: "partition aws-cn but secret.kmsKeyArn is in aws"},
		{name: "unknown partition", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws-moon:secretsmanager:us-east-1:123456789012:secret:m-AbCdEf"
		}, path: "rotation.hostedRotationLambda.masterSecretArn", contains: "unknown partition"},
		{name: "bad region", mutate: func(d *Design) { d.Secret.Region = "useast1" }, path: "secret.region", contains: "region name"},
		{name: "unknown region", mutate: func(d *Design) { d.Secret.Region = "us-north-7"; d.Secret.KMSKeyARN = "" }, path: "secret.region", severity: SeverityWarning, contains: "not a region"},
		{name: "region of other partition", mutate: func(d *Design) { d.Secret.Region = "cn-north-1" }, path: "secret.region", contains: "partition aws-cn but the design is in partition aws"},
		{name: "key in other region", mutate: func(d *Design) { d.Secret.Region = "us-west-2" }, path: "secret.kmsKeyArn", contains: "key must be in the secret's region"},
		{name: "aws managed key", mutate: func(d *Design) { d.Secret.KMSKeyARN = "alias/aws/secretsmanager" }, path: "secret.kmsKeyArn", contains: "customer managed key"},
		{name: "bad description", mutate: func(d *Design) { d.Secret.Description = strings.Repeat("d", 2049) }, path: "secret.description", contains: "2048"},
		{name: "bad recovery window", mutate: func(d *Design) { d.Secret.RecoveryWindowDays = valPtr(3) }, path: "secret.recoveryWindowDays", contains: "7-30"},

		// Replicas.
		{name: "replica is primary", mutate: func(d *Design) { d.Secret.ReplicaRegions[0] = Replica{Region: "us-east-1"} }, path: "secret.replicaRegions[0].region", contains: "primary region"},
		{name: "replica twice", mutate: func(d *Design) {
			d.Secret.ReplicaRegions = append(d.Secret.ReplicaRegions, Replica{Region: "eu-west-1"})
		}, path: "secret.replicaRegions[1].region", contains: "more than once"},
		{name: "replica bad region", mutate: func(d *Design) { d.Secret.ReplicaRegions[0] = Replica{Region: "mars"} }, path: "secret.replicaRegions[0].region", contains: "region name"},
		{name: "replica in other partition", mutate: func(d *Design) { d.Secret.ReplicaRegions[0] = Replica{Region: "us-gov-west-1"} }, path: "secret.replicaRegions[0].region", contains: "partition aws-us-gov"},
		{name: "replica key elsewhere", mutate: func(d *Design) { d.Secret.ReplicaRegions[0].KMSKeyARN = keyARN }, path: "secret.replicaRegions[0].kmsKeyArn", contains: "replica's region"},
		{name: "replica bad key", mutate: func(d *Design) { d.Secret.ReplicaRegions[0].KMSKeyARN = "key" }, path: "secret.replicaRegions[0].kmsKeyArn", contains: "KMS key"},

		// Tags.
		{name: "duplicate tag", mutate: func(d *Design) { d.Secret.Tags = append(d.Secret.Tags, Tag{"team", "x"}) }, path: "secret.tags.team", contains: "more than once"},
		{name: "reserved tag", mutate: func(d *Design) { d.Secret.Tags[0].Key = "aws:team" }, path: "secret.tags.aws:team", contains: "aws:"},
		{name: "empty tag key", mutate: func(d *Design) { d.Secret.Tags[0].Key = "" }, path: `secret.tags[""]`, contains: "is required"},
		{name: "long tag value", mutate: func(d *Design) { d.Secret.Tags[1].Value = strings.Repeat("v", 257) }, path: "secret.tags.env", contains: "256"},
		{name: "odd tag value", mutate: func(d *Design) { d.Secret.Tags[1].Value = "a;b" }, path: "secret.tags.env", severity: SeverityWarning, contains: "most AWS services"},
		{name: "too many tags", mutate: func(d *Design) {
			d.Secret.Tags = nil
			for i := range 51 {
				d.Secret.Tags = append(d.Secret.Tags, Tag{Key: fmt.Sprintf("k%d", i)})
			}
		}, path: "secret.tags", contains: "at most 50"},

		// Generated value.
		{name: "key without template", mutate: func(d *Design) { d.Secret.GenerateSecretString.SecretStringTemplate = "" }, path: "secret.generateSecretString.secretStringTemplate", contains: "required with generateStringKey"},
		{name: "template without key", mutate: func(d *Design) { d.Secret.GenerateSecretString.GenerateStringKey = "" }, path: "secret.generateSecretString.generateStringKey", contains: "required with secretStringTemplate"},
		{name: "template has key", mutate: func(d *Design) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","password":"x"}`
		}, path: "secret.generateSecretString.secretStringTemplate", contains: `already has key "password"`},
		{name: "template not object", mutate: func(d *Design) { d.Secret.GenerateSecretString.SecretStringTemplate = `[1]` }, path: "secret.generateSecretString.secretStringTemplate", contains: "JSON object"},
		{name: "bad password length", mutate: func(d *Design) { d.Secret.GenerateSecretString.PasswordLength = valPtr(0) }, path: "secret.generateSecretString.passwordLength", contains: "4-4096"},
		{name: "long exclude characters", mutate: func(d *Design) { d.Secret.GenerateSecretString.ExcludeCharacters = strings.Repeat("x", 4097) }, path: "secret.generateSecretString.excludeCharacters", contains: "4096"},
		{name: "nothing to generate", mutate: func(d *Design) {
			g := d.Secret.GenerateSecretString
			g.ExcludeLowercase, g.ExcludeUppercase, g.ExcludeNumbers, g.ExcludePunctuation = valPtr(true), valPtr(true), valPtr(true), valPtr(true)
		}, path: "secret.generateSecretString", contains: "every kind of character"},
		{name: "every character excluded", mutate: func(d *Design) {
			d.Secret.GenerateSecretString.ExcludeCharacters = printableASCII
		}, path: "secret.generateSecretString.excludeCharacters", contains: "every character"},
		{name: "the kinds left excluded by characters", mutate: func(d *Design) {
			g := d.Secret.GenerateSecretString
			g.ExcludeLowercase, g.ExcludeUppercase, g.ExcludePunctuation = valPtr(true), valPtr(true), valPtr(true)
			g.ExcludeCharacters = "0123456789"
		}, path: "secret.generateSecretString.excludeCharacters", contains: "every character"},

		// Resource policy.
		{name: "empty policy", mutate: func(d *Design) { d.ResourcePolicy.Statements = nil }, path: "resourcePolicy.statements", contains: "at least one statement"},
		{name: "bad sid", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Sid = "App Read" }, path: "resourcePolicy.statements[0].sid", contains: "letters and digits"},
		{name: "duplicate sid", mutate: func(d *Design) { d.ResourcePolicy.Statements[1].Sid = "AppRead" }, path: "resourcePolicy.statements[1].sid", contains: "unique"},
		{name: "bad effect", mutate: func(d *Design) { d.ResourcePolicy.Statements[1].Effect = "deny" }, path: "resourcePolicy.statements[1].effect", contains: "Allow"},
		{name: "no principal", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Principal = nil }, path: "resourcePolicy.statements[0].principal", contains: "is required"},
		{name: "principal and notPrincipal", mutate: func(d *Design) {
			d.ResourcePolicy.Statements[0].NotPrincipal = &Principal{AWS: []string{"123456789012"}}
		}, path: "resourcePolicy.statements[0].notPrincipal", contains: "only one"},
		{name: "empty principal", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Principal = &Principal{} }, path: "resourcePolicy.statements[0].principal", contains: "at least one"},
		{name: "wildcard and values", mutate: func(d *Design) { d.ResourcePolicy.Statements[1].Principal.AWS = []string{appRoleARN} }, path: "resourcePolicy.statements[1].principal", contains: "not both"},
		{name: "bad AWS principal", mutate: func(d *Design) {
			d.ResourcePolicy.Statements[0].Principal.AWS = append(d.ResourcePolicy.Statements[0].Principal.AWS, "bob")
		}, path: "resourcePolicy.statements[0].principal.AWS[1]", contains: "12-digit account"},
		{name: "bad service principal", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Principal.Service = []string{"lambda"} }, path: "resourcePolicy.statements[0].principal.Service[0]", contains: "service principal"},
		{name: "bad federated principal", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Principal.Federated = []string{"example.com"} }, path: "resourcePolicy.statements[0].principal.Federated[0]", contains: "saml-provider"},
		{name: "bad notPrincipal", mutate: func(d *Design) {
			d.ResourcePolicy.Statements[1].Principal = nil
			d.ResourcePolicy.Statements[1].NotPrincipal = &Principal{AWS: []string{"bob"}}
		}, path: "resourcePolicy.statements[1].notPrincipal.AWS[0]", contains: "12-digit account"},
		{name: "no action", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Action = nil }, path: "resourcePolicy.statements[0].action", contains: "is required"},
		{name: "action and notAction", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].NotAction = []string{"secretsmanager:PutSecretValue"} }, path: "resourcePolicy.statements[0].notAction", contains: "only one"},
		{name: "foreign action", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Action[1] = "kms:Decrypt" }, path: "resourcePolicy.statements[0].action[1]", contains: "not a Secrets Manager action"},
		{name: "bad notAction", mutate: func(d *Design) {
			d.ResourcePolicy.Statements[1].Action = nil
			d.ResourcePolicy.Statements[1].NotAction = []string{"secretsmanager:Nope*"}
		}, path: "resourcePolicy.statements[1].notAction[0]", contains: "matches no"},
		{name: "empty resource", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Resource = []string{"*", ""} }, path: "resourcePolicy.statements[0].resource[1]", contains: "must not be empty"},
		// PutResourcePolicy refuses any Resource but the secret itself.
		{name: "specific resource", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Resource = []string{secARN} }, path: "resourcePolicy.statements[0].resource[0]", contains: `use "*", which in a secret's policy means this secret (for an existing secret, its own ARN also works)`},
		{name: "another secret's ARN for an existing secret", mutate: func(d *Design) {
			d.Secret = Secret{ExistingSecretARN: secARN}
			d.ResourcePolicy.Statements[0].Resource = []string{strings.Replace(secARN, "AbCdEf", "XyZxYz", 1)}
		}, path: "resourcePolicy.statements[0].resource[0]", contains: "or the existing secret's own ARN " + secARN},
		{name: "bad operator", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Condition[0].Operator = "StringEqual" }, path: "resourcePolicy.statements[0].condition.StringEqual.aws:SourceVpce", contains: "not a condition operator"},
		{name: "unknown key", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Condition[0].Key = "aws:SourceVpcEndpoint" }, path: "resourcePolicy.statements[0].condition.StringEquals.aws:SourceVpcEndpoint", severity: SeverityWarning, contains: "not a condition key"},
		{name: "malformed key", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Condition[0].Key = "SourceVpce" }, path: "resourcePolicy.statements[0].condition.StringEquals.SourceVpce", contains: "service:name"},
		{name: "bad condition value", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Condition[0].Values = []string{vpceID, "vpc-123"} }, path: "resourcePolicy.statements[0].condition.StringEquals.aws:SourceVpce[1]", contains: "VPC endpoint id"},
		{name: "no condition values", mutate: func(d *Design) { d.ResourcePolicy.Statements[0].Condition[0].Values = nil }, path: "resourcePolicy.statements[0].condition.StringEquals.aws:SourceVpce", contains: "at least one value"},
		{name: "repeated condition row", mutate: func(d *Design) {
			st := &d.ResourcePolicy.Statements[0]
			st.Condition = append(st.Condition, Condition{Operator: "StringEquals", Key: "aws:SourceVPCE", Values: []string{vpceID}})
		}, path: "resourcePolicy.statements[0].condition.StringEquals.aws:SourceVPCE", contains: "one row"},
		{name: "policy too large", mutate: func(d *Design) {
			st := &d.ResourcePolicy.Statements[0]
			// Distinct accounts: a repeated one is an error of its own.
			for i := range 2000 {
				st.Principal.AWS = append(st.Principal.AWS, fmt.Sprintf("%012d", 100000000000+i))
			}
		}, path: "resourcePolicy", contains: "at most 20480"},

		// Rotation schedule.
		{name: "no schedule", mutate: func(d *Design) { d.Rotation.ScheduleExpression = "" }, path: "rotation.automaticallyAfterDays", contains: "how often"},
		{name: "two schedules", mutate: func(d *Design) { d.Rotation.AutomaticallyAfterDays = 30 }, path: "rotation.scheduleExpression", contains: "only one"},
		{name: "bad days", mutate: func(d *Design) { d.Rotation.ScheduleExpression = ""; d.Rotation.AutomaticallyAfterDays = 1001 }, path: "rotation.automaticallyAfterDays", contains: "1-1000"},
		{name: "bad schedule", mutate: func(d *Design) { d.Rotation.ScheduleExpression = "every day" }, path: "rotation.scheduleExpression"},
		{name: "bad duration", mutate: func(d *Design) { d.Rotation.Duration = "2 hours" }, path: "rotation.duration", contains: "hours"},
		{name: "window longer than interval", mutate: func(d *Design) { d.Rotation.ScheduleExpression = "rate(4 hours)"; d.Rotation.Duration = "5h" }, path: "rotation.duration", contains: "longer than"},

		// Rotation function.
		{name: "no function", mutate: func(d *Design) { d.Rotation.HostedRotationLambda = nil }, path: "rotation.rotationLambdaArn", contains: "what rotates"},
		// Issue 20, items 1 and 14: your own function's role, and its region.
		{name: "own function without role, created key", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda, d.Rotation.RotationLambdaARN = nil, lambdaOK
			d.Secret.KMSKeyARN, d.Secret.ReplicaRegions = "", nil
		}, path: "rotation.rotationLambdaRoleArn", contains: "required with rotationLambdaArn when secretsmith creates the key"},
		{name: "role not a role", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda, d.Rotation.RotationLambdaARN = nil, lambdaOK
			d.Rotation.RotationLambdaRoleARN = "arn:aws:iam::123456789012:user/rotator"
		}, path: "rotation.rotationLambdaRoleArn", contains: "IAM role ARN"},
		{name: "role with a hosted function", mutate: func(d *Design) {
			d.Rotation.RotationLambdaRoleARN = "arn:aws:iam::123456789012:role/rotator"
		}, path: "rotation.rotationLambdaRoleArn", contains: "only for rotationLambdaArn"},
		{name: "role in another account", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda, d.Rotation.RotationLambdaARN = nil, lambdaOK
			d.Rotation.RotationLambdaRoleARN = "arn:aws:iam::210987654321:role/rotator"
		}, path: "rotation.rotationLambdaRoleArn", contains: "function's account"},
		{name: "own function in another region", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda = nil
			d.Rotation.RotationLambdaARN = "arn:aws:lambda:eu-west-1:123456789012:function:my-rotator"
		}, path: "rotation.rotationLambdaArn", contains: "in the secret's region"},
		// The template gives Secrets Manager leave to invoke your function
		// with a Lambda permission, which only the function's account can
		// add: the walk-through found it could not be created.
		{name: "own function in another account than the existing secret", base: existingDesign, mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda = nil
			d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:210987654321:function:my-rotator"
			d.Rotation.RotationLambdaRoleARN = "arn:aws:iam::210987654321:role/rotator"
		}, path: "rotation.rotationLambdaArn", contains: "in account 210987654321 but the secret is in account 123456789012"},
		// Issue 20: a DB instance's master secret (rds!db-) serves no DB
		// cluster target; the walk-through decides it (RDSMasterHost).
		{name: "instance master secret, cluster target", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf"
			d.Secret.Database = &Database{TargetType: "AWS::RDS::DBCluster", TargetID: "payments", Username: "app"}
		}, path: "secret.database.targetType", contains: "the master secret is the one RDS manages for a DB instance"},
		{name: "two functions", mutate: func(d *Design) { d.Rotation.RotationLambdaARN = lambdaOK }, path: "rotation.rotationLambdaArn", contains: "only one"},
		{name: "bad function arn", mutate: func(d *Design) { d.Rotation.HostedRotationLambda = nil; d.Rotation.RotationLambdaARN = "rotator" }, path: "rotation.rotationLambdaArn", contains: "Lambda function ARN"},
		{name: "bad rotation type", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.RotationType = "postgresqlmultiuser" }, path: "rotation.hostedRotationLambda.rotationType", contains: "PostgreSQLMultiUser"},
		{name: "bad function name", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.RotationLambdaName = "a.b" }, path: "rotation.hostedRotationLambda.rotationLambdaName", contains: "1-64"},
		{name: "hosted key not arn", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.KMSKeyARN = keyUUID }, path: "rotation.hostedRotationLambda.kmsKeyArn", contains: "key ARN"},
		// Issue 20, item 9: alias ARNs never reach the function's role.
		{name: "hosted key alias arn", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda.KMSKeyARN = "arn:aws:kms:us-east-1:123456789012:alias/app"
		}, path: "rotation.hostedRotationLambda.kmsKeyArn", contains: "give the key ARN"},
		{name: "master key alias arn", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda.MasterSecretKMSKeyARN = "arn:aws:kms:us-east-1:123456789012:alias/admin"
		}, path: "rotation.hostedRotationLambda.masterSecretKmsKeyArn", contains: "give the key ARN"},
		{name: "hosted key inherits alias", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda.KMSKeyARN = ""
			d.Secret.KMSKeyARN = "alias/payments"
		}, path: "rotation.hostedRotationLambda.kmsKeyArn", contains: "secret.kmsKeyArn is the alias alias/payments"},
		{name: "multi-user without master", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.MasterSecretARN = "" }, path: "rotation.hostedRotationLambda.masterSecretArn", contains: "required for PostgreSQLMultiUser"},
		{name: "master not a secret", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.MasterSecretARN = keyARN }, path: "rotation.hostedRotationLambda.masterSecretArn", contains: "secret ARN"},
		// Issue 20: Db2SingleUser signs in as the master user at setSecret.
		{name: "db2 single-user without master", mutate: func(d *Design) {
			h := d.Rotation.HostedRotationLambda
			h.RotationType, h.MasterSecretARN, h.MasterSecretKMSKeyARN = "Db2SingleUser", "", ""
		}, path: "rotation.hostedRotationLambda.masterSecretArn", contains: "required for Db2SingleUser"},
		{name: "single-user with master", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLSingleUser" }, path: "rotation.hostedRotationLambda.masterSecretArn", contains: "must be empty for PostgreSQLSingleUser"},
		{name: "single-user with master key", mutate: func(d *Design) {
			h := d.Rotation.HostedRotationLambda
			h.RotationType, h.MasterSecretARN, h.MasterSecretKMSKeyARN = "MySQLSingleUser", "", keyARN
		}, path: "rotation.hostedRotationLambda.masterSecretKmsKeyArn", contains: "must be empty for MySQLSingleUser"},
		{name: "master key without master", mutate: func(d *Design) {
			h := d.Rotation.HostedRotationLambda
			h.RotationType, h.MasterSecretARN, h.MasterSecretKMSKeyARN = "Nope", "", keyARN
		}, path: "rotation.hostedRotationLambda.masterSecretKmsKeyArn", contains: "needs masterSecretArn", also: []string{"rotation.hostedRotationLambda.rotationType"}},
		{name: "bad master key", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.MasterSecretKMSKeyARN = "alias/aws/secretsmanager" }, path: "rotation.hostedRotationLambda.masterSecretKmsKeyArn", contains: "customer managed key"},
		{name: "bad subnet", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.VPCSubnetIDs = []string{subnetA, "subnet-1"} }, path: "rotation.hostedRotationLambda.vpcSubnetIds[1]", contains: "subnet id"},
		{name: "upper-case subnet", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.VPCSubnetIDs = []string{subnetA, "subnet-0123ABCD"} }, path: "rotation.hostedRotationLambda.vpcSubnetIds[1]", contains: "lower case, as EC2 writes its ids: subnet-0123abcd"},
		{name: "one subnet", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.VPCSubnetIDs = []string{subnetA} }, path: "rotation.hostedRotationLambda.vpcSubnetIds", severity: SeverityWarning, contains: "two Availability Zones"},
		{name: "bad security group", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.VPCSecurityGroupIDs = []string{"sg-1"} }, path: "rotation.hostedRotationLambda.vpcSecurityGroupIds[0]", contains: "security group id"},
		{name: "security groups without subnets", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.VPCSubnetIDs = nil }, path: "rotation.hostedRotationLambda.vpcSecurityGroupIds", contains: "need vpcSubnetIds"},
		{name: "hosted excludes every character", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.ExcludeCharacters = printableASCII }, path: "rotation.hostedRotationLambda.excludeCharacters", contains: "every character"},
		{name: "long hosted exclude", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.ExcludeCharacters = strings.Repeat("x", 4097) }, path: "rotation.hostedRotationLambda.excludeCharacters", contains: "4096"},
		{name: "hosted in iso partition", mutate: func(d *Design) {
			d.Secret = Secret{SecretID: "app", Region: "us-iso-east-1"}
			d.ResourcePolicy = nil
			h := d.Rotation.HostedRotationLambda
			h.KMSKeyARN, h.MasterSecretARN = "", "arn:aws-iso:secretsmanager:us-iso-east-1:123456789012:secret:m-AbCdEf"
		}, path: "rotation.hostedRotationLambda", contains: "not available in partition aws-iso"},

		// Monitoring.
		{name: "bad topic", mutate: func(d *Design) {
			d.Monitoring.AlertEmail, d.Monitoring.AlertTopicARN = "", "arn:aws:sqs:us-east-1:123456789012:q"
		}, path: "monitoring.alertTopicArn", contains: "SNS topic ARN"},
		{name: "topic and email", mutate: func(d *Design) { d.Monitoring.AlertTopicARN = "arn:aws:sns:us-east-1:123456789012:secops" }, path: "monitoring.alertEmail", contains: "alertTopicArn"},
		{name: "topic in another partition", mutate: func(d *Design) {
			d.Monitoring.AlertEmail, d.Monitoring.AlertTopicARN = "", "arn:aws-cn:sns:cn-north-1:123456789012:secops"
		}, path: "monitoring.alertTopicArn", contains: "partition"},
		{name: "email but no alerts", mutate: func(d *Design) { d.Monitoring.RotationFailureAlert, d.Monitoring.ChangeAlert = new(false), new(false) }, path: "monitoring.alertEmail", severity: SeverityWarning, contains: "receives nothing"},

		// Database.
		{name: "database without username", mutate: func(d *Design) {
			// Nor in the template, which may give it instead.
			d.Secret.Database.Username, d.Secret.GenerateSecretString.SecretStringTemplate = "", `{"engine":"postgres"}`
		}, path: "secret.database.username", contains: "is required"},
		{name: "database username with a space", mutate: func(d *Design) { d.Secret.Database.Username = "pay ments" }, path: "secret.database.username", contains: "without spaces"},
		{name: "database host with a scheme", mutate: func(d *Design) { d.Secret.Database.Host = "postgres://db.example.com" }, path: "secret.database.host", contains: "scheme"},
		{name: "database host with a port", mutate: func(d *Design) { d.Secret.Database.Host = "db.example.com:5432" }, path: "secret.database.host", contains: "port"},
		{name: "database port out of range", mutate: func(d *Design) { d.Secret.Database.Port = 70000 }, path: "secret.database.port", contains: "65535"},
		{name: "database dbname with a quote", mutate: func(d *Design) { d.Secret.Database.DBName = `pay"` }, path: "secret.database.dbname", contains: "quotes"},
		{name: "database host and target", mutate: func(d *Design) {
			d.Secret.Database.Port = 0
			d.Secret.Database.TargetType, d.Secret.Database.TargetID = "AWS::RDS::DBCluster", "payments"
		}, path: "secret.database.host", contains: "either host"},
		{name: "database target with port", mutate: func(d *Design) {
			db := d.Secret.Database
			db.Host, db.TargetType, db.TargetID = "", "AWS::RDS::DBCluster", "payments"
		}, path: "secret.database.port", contains: "left out"},
		{name: "database target type misspelt", mutate: func(d *Design) {
			d.Secret.Database = &Database{Username: "app", TargetType: "aws::rds::dbcluster", TargetID: "payments"}
		}, path: "secret.database.targetType", contains: `"AWS::RDS::DBCluster"`},
		{name: "database target without id", mutate: func(d *Design) {
			d.Secret.Database = &Database{Username: "app", TargetType: "AWS::RDS::DBCluster"}
		}, path: "secret.database.targetId", contains: "is required"},
		{name: "database target id is an ARN", mutate: func(d *Design) {
			d.Secret.Database = &Database{Username: "app", TargetType: "AWS::RDS::DBCluster", TargetID: "arn:aws:rds:us-east-1:123456789012:cluster:payments"}
		}, path: "secret.database.targetId", contains: "not its ARN"},
		{name: "template engine disagrees", mutate: func(d *Design) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","engine":"mysql"}`
		}, path: "secret.generateSecretString.secretStringTemplate", contains: `"postgres" or "aurora-postgresql"`},
		{name: "template username disagrees", mutate: func(d *Design) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"other"}`
		}, path: "secret.generateSecretString.secretStringTemplate", contains: "username"},
		{name: "template port disagrees", mutate: func(d *Design) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","port":"5433"}`
		}, path: "secret.generateSecretString.secretStringTemplate", contains: "port 5432"},
		{name: "template masterarn disagrees", mutate: func(d *Design) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","masterarn":"x"}`
		}, path: "secret.generateSecretString.secretStringTemplate", contains: "masterarn"},
		{name: "password key the function does not read", mutate: func(d *Design) { d.Secret.GenerateSecretString.GenerateStringKey = "pass" }, path: "secret.generateSecretString.generateStringKey", contains: `"password"`},
		{name: "escaped generateStringKey in template", mutate: func(d *Design) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","p\u0061ssword":""}`
		}, path: "secret.generateSecretString.secretStringTemplate", contains: "already has key"},
		{name: "database for an existing secret", base: existingDesign, mutate: func(d *Design) {
			d.Secret.Database = &Database{Host: "db.example.com", Username: "app"}
		}, path: "secret.database", contains: "targetType and targetId"},

		// Network.
		{name: "bad vpc id", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.VPCID = "vpc-1" }, path: "rotation.hostedRotationLambda.vpcId", contains: "VPC id"},
		{name: "vpc id and endpoint", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.Endpoint = "nat" }, path: "rotation.hostedRotationLambda.endpoint", contains: "only one"},
		{name: "bad endpoint", mutate: func(d *Design) {
			d.Rotation.HostedRotationLambda.VPCID, d.Rotation.HostedRotationLambda.Endpoint = "", "igw"
			d.Rotation.HostedRotationLambda.VPCCIDR = ""
		}, path: "rotation.hostedRotationLambda.endpoint", contains: "existing"},
		// Issue 20, item 5: the created endpoint's private DNS serves the
		// whole VPC, so it needs the VPC's CIDR.
		{name: "vpc id without cidr", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.VPCCIDR = "" }, path: "rotation.hostedRotationLambda.vpcCidr", severity: SeverityWarning, contains: "every other workload there would time out"},
		{name: "bad cidr", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.VPCCIDR = "10.0.1.7/16" }, path: "rotation.hostedRotationLambda.vpcCidr", contains: "the network is 10.0.0.0/16"},
		{name: "cidr without vpc id", mutate: func(d *Design) {
			h := d.Rotation.HostedRotationLambda
			h.VPCID, h.Endpoint = "", EndpointExisting
		}, path: "rotation.hostedRotationLambda.vpcCidr", contains: "only for vpcId"},
		{name: "vpc id without groups", mutate: func(d *Design) { d.Rotation.HostedRotationLambda.VPCSecurityGroupIDs = nil }, path: "rotation.hostedRotationLambda.vpcId", contains: "vpcSecurityGroupIds"},
		{name: "bad email", mutate: func(d *Design) { d.Monitoring.AlertEmail = "payments" }, path: "monitoring.alertEmail", contains: "email address"},
		{name: "alert without rotation", mutate: func(d *Design) { d.Rotation = nil }, path: "monitoring.rotationFailureAlert", severity: SeverityWarning, contains: "no rotation"},

		// Waivers.
		{name: "waiver without rule", mutate: func(d *Design) { d.Waivers[0].Rule = "" }, path: "waivers[0].rule", contains: "must name"},
		{name: "waiver unknown rule", mutate: func(d *Design) { d.Waivers[0].Rule = "no-such-rule" }, path: "waivers[0].rule", contains: "not a blueprint rule"},
		{name: "waiver without reason", mutate: func(d *Design) { d.Waivers[0].Reason = "  " }, path: "waivers[0].reason", contains: "why"},
		{name: "duplicate waiver", mutate: func(d *Design) { d.Waivers = append(d.Waivers, Waiver{Rule: "tags-present", Reason: "again"}) }, path: "waivers[1].rule", contains: "already waived"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := tt.base
			if base == nil {
				base = validDesign
			}
			d := base()
			tt.mutate(d)
			ps := d.Validate()
			if len(ps) != 1+len(tt.also) {
				t.Fatalf("Validate() = %d problems:\n%v\nwant one at %s and others at %q", len(ps), ps, tt.path, tt.also)
			}
			for _, path := range tt.also {
				if len(ps.At(path)) != 1 {
					t.Errorf("Validate() = %v, want one problem at %s", ps, path)
				}
			}
			at := ps.At(tt.path)
			if len(at) != 1 {
				t.Fatalf("Validate() = %v, want one problem at %s", ps, tt.path)
			}
			p := at[0]
			if p.Severity != tt.severity || !strings.Contains(p.Message, tt.contains) {
				t.Errorf("Validate() = %v (%v), want %v at %s containing %q", p, p.Severity, tt.severity, tt.path, tt.contains)
			}
			if strings.HasSuffix(p.Message, ".") || p.Message == "" {
				t.Errorf("Validate() message %q: want non-empty with no trailing period", p.Message)
			}
		})
	}
}

// TestDesignValidateReportsEveryProblem checks that problems are collected,
// not returned one at a time.
func TestDesignValidateReportsEveryProblem(t *testing.T) {
	d := validDesign()
	d.Version = 2
	d.ResourcePolicy.Statements[0].Sid = "a b"
	d.Monitoring.AlertEmail = "x"
	ps := d.Validate()
	want := []string{"version", "resourcePolicy.statements[0].sid", "monitoring.alertEmail"}
	if len(ps) != len(want) {
		t.Fatalf("Validate() = %v, want problems at %v", ps, want)
	}
	for i, p := range ps {
		if p.Path != want[i] {
			t.Errorf("Validate()[%d].Path = %s, want %s", i, p.Path, want[i])
		}
	}
	if len(ps.Errors()) != 3 {
		t.Errorf("Validate().Errors() = %v, want 3 errors", ps.Errors())
	}
}

// bigDesign is validDesign with 20 statements, the size the wizard's
// keystroke budget is set for.
func bigDesign() *Design {
	d := validDesign()
	base := d.ResourcePolicy.Statements
	for i := len(base); i < 20; i++ {
		st := base[i%2]
		st.Sid = fmt.Sprintf("S%d", i)
		d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements, st)
	}
	return d
}

func TestDesignValidateAllocations(t *testing.T) {
	d := bigDesign()
	if ps := d.Validate(); len(ps) != 0 {
		t.Fatalf("bigDesign().Validate() = %v, want no problems", ps)
	}
	// A valid design should cost a fixed handful of allocations, never one
	// per field or statement: Validate runs on every keystroke.
	if n := testing.AllocsPerRun(20, func() { d.Validate() }); n > 4 {
		t.Errorf("Validate() on a 20-statement design allocates %.0f times, want at most 4", n)
	}
}

func BenchmarkDesignValidate(b *testing.B) {
	d := bigDesign()
	b.ReportAllocs()
	for b.Loop() {
		d.Validate()
	}
}

// TestMasterSecretManagedByRDS holds a master user secret that RDS manages
// (rds!db-..., rds!cluster-...) valid as a master secret (issue 20, item 13).
func TestMasterSecretManagedByRDS(t *testing.T) {
	for _, arn := range []string{
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-AbCdEf",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-AbCdEf",
	} {
		d := validDesign()
		d.Rotation.HostedRotationLambda.MasterSecretARN = arn
		if ps := d.Validate(); len(ps) != 0 {
			t.Errorf("Validate() with master secret %s = %v, want no problems", arn, ps)
		}
	}
}

// printableASCII is every character a generated password can hold but the
// space: letters, digits and the punctuation Secrets Manager uses.
const printableASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
