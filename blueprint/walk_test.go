package blueprint

import (
	"strings"
	"testing"
)

// callOf finds the call of the first actor of kind k that makes action on
// on in phase ph for templates t (AnyTemplate matches every actor).
func callOf(w *Walk, k ActorKind, t Template, ph Phase, action, on string) (Call, bool) {
	for _, c := range w.Calls {
		ac := w.Actors[c.Actor]
		if ac.Kind != k || c.Phase != ph || c.Action != action || (on != "" && c.On != on) {
			continue
		}
		if t != AnyTemplate && ac.Templates != AnyTemplate && ac.Templates&t == 0 {
			continue
		}
		return c, true
	}
	return Call{}, false
}

const adminRole = "arn:aws:iam::123456789012:role/admin"

// ownFunction rotates with your own function in account 123456789012, run
// by role (none when "").
func ownFunction(role string) func(*Design) {
	return func(d *Design) {
		d.Rotation.HostedRotationLambda = nil
		d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
		d.Rotation.RotationLambdaRoleARN = role
	}
}

const rotationRole = "arn:aws:iam::123456789012:role/rotate"

// Master secrets: one's own, and ones RDS manages for an instance and a
// cluster; masterKey is the master secret's key.
const (
	ownMaster        = "arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf"
	rdsDBMaster      = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1234abcd-AbCdEf"
	rdsClusterMaster = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-1234abcd-AbCdEf"
	masterKey        = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

// multiUser rotates with PostgreSQLMultiUser and master secret master,
// encrypted with key.
func multiUser(master, key string) func(*Design) {
	return func(d *Design) {
		h := d.Rotation.HostedRotationLambda
		h.RotationType, h.MasterSecretARN, h.MasterSecretKMSKeyARN = "PostgreSQLMultiUser", master, key
	}
}

// The RDS target types.
const (
	rdsInstance = "AWS::RDS::DBInstance"
	rdsCluster  = "AWS::RDS::DBCluster"
)

// target attaches the secret to the database of type typ and identifier
// id instead of naming its host.
func target(d *Design, typ, id string) {
	d.Secret.Database = &Database{TargetType: typ, TargetID: id, Username: d.Secret.Database.Username}
}

// noCall, as a row's outcome, says the actor makes no such call.
const noCall Outcome = 255

// TestWalkCalls decides one call per row, actor by actor and phase by
// phase, for a design changed by mod.
func TestWalkCalls(t *testing.T) {
	vpceDeny := deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce))
	vpceDenyExcepted := deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce), cond("ArnNotLike", "aws:PrincipalArn", adminRole))
	otherAccountDeny := deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:PrincipalAccount", "123456789012"))
	tests := []struct {
		name   string
		mod    func(*Design)
		env    *Environment
		kind   ActorKind
		tmpl   Template
		phase  Phase
		action string
		on     string
		want   Outcome
		by     Refuser
		reason string
	}{
		// The deployer.
		{"terraform refresh reads the value", func(*Design) {}, nil, ActorDeployer, TerraformTemplate, PhaseUpdate,
			"secretsmanager:GetSecretValue", onSecret, Allowed, ByNothing, "no Deny"},
		{"terraform refresh, deny outside the endpoint", addStatements(vpceDeny), nil, ActorDeployer, TerraformTemplate, PhaseUpdate,
			"secretsmanager:GetSecretValue", onSecret, Refused, ByResourcePolicy, "when not through " + vpce},
		{"terraform refresh, deny with an exception", addStatements(vpceDenyExcepted), nil, ActorDeployer, TerraformTemplate, PhaseUpdate,
			"secretsmanager:GetSecretValue", onSecret, Unsure, ByResourcePolicy, "when not by " + adminRole},
		{"terraform refresh, the runner is excepted", addStatements(vpceDenyExcepted), &Environment{DeployerARN: adminRole},
			ActorDeployer, TerraformTemplate, PhaseUpdate, "secretsmanager:GetSecretValue", onSecret, Allowed, ByNothing, ""},
		{"terraform refresh, runner inside the endpoint", addStatements(vpceDeny), &Environment{DeployerVPCE: vpce},
			ActorDeployer, TerraformTemplate, PhaseUpdate, "secretsmanager:GetSecretValue", onSecret, Allowed, ByNothing, ""},
		{"terraform creates the version and reads it back", addStatements(vpceDeny), nil, ActorDeployer, TerraformTemplate, PhaseCreate,
			"secretsmanager:GetSecretValue", onSecret, Refused, ByResourcePolicy, ""},
		{"no terraform read of an existing secret's value", func(d *Design) { existing(d); addStatements(vpceDeny)(d) }, nil,
			ActorDeployer, TerraformTemplate, PhaseUpdate, "secretsmanager:GetSecretValue", onSecret, noCall, 0, ""},
		{"cloudformation schedule is created before the policy", addStatements(deny(star, []string{"secretsmanager:RotateSecret"})), nil,
			ActorDeployer, CloudFormationTemplate, PhaseCreate, "secretsmanager:RotateSecret", onSecret, Allowed, ByOrdering, "DependsOn"},
		{"cloudformation update meets the policy", addStatements(deny(star, []string{"secretsmanager:RotateSecret"})), nil,
			ActorDeployer, CloudFormationTemplate, PhaseUpdate, "secretsmanager:RotateSecret", onSecret, Refused, ByResourcePolicy, ""},
		{"cloudformation update, deny to one other role", addStatements(deny(aws(otherRole), []string{"secretsmanager:*"})), nil,
			ActorDeployer, CloudFormationTemplate, PhaseUpdate, "secretsmanager:DescribeSecret", onSecret, Allowed, ByNothing, ""},
		{"cloudformation update, deny plain HTTP", addStatements(deny(star, []string{"secretsmanager:*"}, cond("Bool", "aws:SecureTransport", "false"))), nil,
			ActorDeployer, CloudFormationTemplate, PhaseUpdate, "secretsmanager:DescribeSecret", onSecret, Allowed, ByNothing, ""},

		// A Deny for callers of other accounts: the design names no ARN of
		// the secret's own account, the account read with --aws does, and
		// every caller of that account is then decided, not only the ones
		// with an ARN.
		{"other-account deny, account not known", addStatements(otherAccountDeny), nil, ActorAdministrator, AnyTemplate, PhaseUpdate,
			"secretsmanager:DescribeSecret", onSecret, Unsure, ByResourcePolicy, "when not from account 123456789012"},
		{"other-account deny, the account's administrator", addStatements(otherAccountDeny), &Environment{Account: "123456789012"},
			ActorAdministrator, AnyTemplate, PhaseUpdate, "secretsmanager:DescribeSecret", onSecret, Allowed, ByNothing, ""},
		{"other-account deny, the hosted function", addStatements(otherAccountDeny), &Environment{Account: "123456789012"},
			ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:PutSecretValue", onSecret, Allowed, ByNothing, ""},
		{"other-account deny, CloudFormation", addStatements(otherAccountDeny), &Environment{Account: "123456789012"},
			ActorDeployer, CloudFormationTemplate, PhaseUpdate, "secretsmanager:DescribeSecret", onSecret, Allowed, ByNothing, ""},
		{"other-account deny, AWS Config", func(d *Design) { addStatements(otherAccountDeny)(d); d.Monitoring.ConfigRules = true },
			&Environment{Account: "123456789012"}, ActorConfig, AnyTemplate, PhaseReads, "secretsmanager:DescribeSecret", onSecret, Allowed, ByNothing, ""},
		{"other-account deny, another account read", addStatements(otherAccountDeny), &Environment{Account: "444455556666"},
			ActorAdministrator, AnyTemplate, PhaseUpdate, "secretsmanager:DescribeSecret", onSecret, Refused, ByResourcePolicy, ""},

		// AWS Config's service-linked role has the same name in every
		// account: an exception that could not list it in any account
		// leaves it denied even when the design names no account.
		{"Config, deny outside the endpoint, only the deploy role excepted", func(d *Design) {
			addStatements(deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", vpce),
				cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/deploy", "arn:aws:iam::123456789012:role/admin-*")))(d)
			d.Monitoring.ConfigRules = true
		}, nil, ActorConfig, AnyTemplate, PhaseReads, "secretsmanager:DescribeSecret", onSecret, Refused, ByResourcePolicy, ""},
		{"Config, deny outside the endpoint, every account's service roles excepted", func(d *Design) {
			addStatements(deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", vpce),
				cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/aws-service-role/*")))(d)
			d.Monitoring.ConfigRules = true
		}, nil, ActorConfig, AnyTemplate, PhaseReads, "secretsmanager:DescribeSecret", onSecret, Allowed, ByNothing, ""},
		{"Config, deny outside the endpoint, one account's Config role excepted", func(d *Design) {
			addStatements(deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", vpce),
				cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig")))(d)
			d.Monitoring.ConfigRules = true
		}, nil, ActorConfig, AnyTemplate, PhaseReads, "secretsmanager:DescribeSecret", onSecret, Unsure, ByResourcePolicy, ""},

		// Administrators named in a Deny's exception.
		{"the admin is excepted", addStatements(deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:SourceVpce", vpce),
			cond("ArnNotLike", "aws:PrincipalArn", adminRole))), nil, ActorAdministrator, AnyTemplate, PhaseDelete, "secretsmanager:RestoreSecret", onSecret,
			Unsure, ByResourcePolicy, ""},

		// The rotation function.
		{"rotation, no deny", func(*Design) {}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:PutSecretValue", onSecret, Allowed, ByNothing, ""},
		{"rotation, deny outside the endpoint", addStatements(vpceDeny), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"secretsmanager:GetSecretValue", onSecret, Refused, ByResourcePolicy, ""},
		// Issue 20, item 7: an exception for an admin does not spare the
		// hosted function, whose role is not the admin's.
		{"rotation, deny excepting an admin", addStatements(vpceDenyExcepted), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"secretsmanager:GetSecretValue", onSecret, Refused, ByResourcePolicy, ""},
		{"rotation, deny excepting a pattern that may be its role", addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce),
			cond("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/*rotation*"))), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"secretsmanager:GetSecretValue", onSecret, Unsure, ByResourcePolicy, ""},
		{"own function excepted by its role", func(d *Design) {
			d.Rotation.HostedRotationLambda = nil
			d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
			addStatements(vpceDenyExcepted)(d)
		}, &Environment{RotationRoleARN: adminRole}, ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:GetSecretValue", onSecret, Unsure, ByIdentityPolicy, ""},
		{"rotation reaches the API through the endpoint", func(*Design) {}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionConnect, onSecretsAPI, Allowed, ByNothing, ""},
		{"rotation in subnets with no route", func(d *Design) { d.Rotation.HostedRotationLambda.VPCID = "" }, nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionConnect, onSecretsAPI, Unsure, ByNetwork, ""},
		{"hosted rotation asks for a password, whatever the policy denies", addStatements(deny(star, []string{"secretsmanager:*"})), nil,
			ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:GetRandomPassword", onSecretsAPI, Allowed, ByNothing, "no resource policy"},
		{"own function: no password call known", ownFunction(rotationRole), nil,
			ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:GetRandomPassword", onSecretsAPI, noCall, 0, ""},
		{"rotation decrypts with the created key", func(*Design) {}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionDecrypt, onKey, Allowed, ByNothing, ""},
		{"multi-user rotation without the master key", func(d *Design) {
			d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
			d.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf"
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, actionDecrypt, onMasterKey, Unsure, ByKeyPolicy, ""},

		// Issue 20: your own function, with its role and the key statement
		// generate writes for it.
		{"own function decrypts with the created key through its role", ownFunction(rotationRole), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionGenerate, onKey, Allowed, ByNothing, rotationRole},
		{"own function without its role is refused the created key", ownFunction(""), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionDecrypt, onKey, Refused, ByKeyPolicy, "does not name the function's role"},
		{"own function, role only in the account, is refused the created key", ownFunction(""), &Environment{RotationRoleARN: rotationRole},
			ActorRotationFunction, AnyTemplate, PhaseRotation, actionDecrypt, onKey, Refused, ByKeyPolicy, ""},
		{"own function running as another role than the design's", ownFunction(adminRole), &Environment{RotationRoleARN: rotationRole},
			ActorRotationFunction, AnyTemplate, PhaseRotation, actionGenerate, onKey, Refused, ByKeyPolicy, "runs as " + rotationRole},
		{"own function running as the design's role", ownFunction(rotationRole), &Environment{RotationRoleARN: rotationRole},
			ActorRotationFunction, AnyTemplate, PhaseRotation, actionGenerate, onKey, Allowed, ByNothing, rotationRole},
		{"own function and a given key", func(d *Design) { ownFunction(rotationRole)(d); d.Secret.KMSKeyARN = givenKeyARN }, nil,
			ActorRotationFunction, AnyTemplate, PhaseRotation, actionDecrypt, onKey, Unsure, ByKeyPolicy, "IAM policy"},
		{"own function excepted by its design role", func(d *Design) { ownFunction(adminRole)(d); addStatements(vpceDenyExcepted)(d) }, nil,
			ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:GetSecretValue", onSecret, Unsure, ByIdentityPolicy, ""},
		{"own function not excepted by another role", func(d *Design) { ownFunction(rotationRole)(d); addStatements(vpceDenyExcepted)(d) }, nil,
			ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:GetSecretValue", onSecret, Refused, ByResourcePolicy, ""},

		// Issue 20: a hosted function in subnets with an existing endpoint
		// given by id calls with that aws:SourceVpce.
		{"rotation through the given endpoint", func(d *Design) {
			d.Rotation.HostedRotationLambda.VPCID, d.Rotation.HostedRotationLambda.Endpoint = "", vpce
			addStatements(vpceDeny)(d)
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:GetSecretValue", onSecret, Allowed, ByNothing, ""},
		{"rotation through another endpoint than the deny's", func(d *Design) {
			d.Rotation.HostedRotationLambda.VPCID, d.Rotation.HostedRotationLambda.Endpoint = "", "vpce-0fedcba9876543210"
			addStatements(vpceDeny)(d)
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:GetSecretValue", onSecret, Refused, ByResourcePolicy, ""},
		{"rotation reaches the API through the given endpoint", func(d *Design) {
			d.Rotation.HostedRotationLambda.VPCID, d.Rotation.HostedRotationLambda.Endpoint = "", vpce
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, actionConnect, onSecretsAPI, Allowed, ByNothing, vpce},

		// A master secret RDS manages holds only username and password: the
		// function looks the host up with the RDS API (DescribeDBInstances or
		// DescribeDBClusters, aws-secrets-manager-rotation-lambdas
		// get_connection_params_from_rds_api), which the Secrets Manager
		// endpoint does not reach.
		{"multi-user rotation with an RDS-managed master reaches the RDS API", func(d *Design) {
			d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
			d.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-1234abcd-AbCdEf"
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, actionConnect, onRDSAPI, Unsure, ByNetwork, "com.amazonaws.<region>.rds"},
		{"RDS API through a NAT route", func(d *Design) {
			h := d.Rotation.HostedRotationLambda
			h.RotationType, h.VPCID, h.Endpoint = "PostgreSQLMultiUser", "", EndpointNAT
			h.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1234abcd-AbCdEf"
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, actionConnect, onRDSAPI, Allowed, ByNothing, "NAT"},
		{"no RDS API call with a master secret of one's own", func(d *Design) {
			d.Rotation.HostedRotationLambda.RotationType = "PostgreSQLMultiUser"
			d.Rotation.HostedRotationLambda.MasterSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf"
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, actionConnect, onRDSAPI, noCall, 0, ""},

		// The master secret's calls, as the functions' source makes them
		// and the hosted template is documented to allow them (walk.go,
		// masterCalls): a row per call.
		{"multi-user rotation reads the master secret", multiUser(ownMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionGetSecretValue, onMaster, Allowed, ByNothing, "GetSecretValue on masterSecretArn"},
		{"multi-user rotation decrypts the master secret with its key", multiUser(ownMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionDecrypt, onMasterKey, Allowed, ByNothing, "masterSecretKmsKeyArn"},
		{"no DescribeSecret on a master secret of one's own", multiUser(ownMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"secretsmanager:DescribeSecret", onMaster, noCall, 0, ""},
		{"no RDS API read with a master secret of one's own", multiUser(ownMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"rds:DescribeDBInstances", onRDSAPI, noCall, 0, ""},
		// The hosted role is allowed the look-up: the Secrets Manager
		// user guide's alternating-users tutorial rotates with a master
		// secret RDS manages and grants nothing more (walk.go, masterCalls).
		{"RDS-managed master: DescribeSecret on it", multiUser(rdsDBMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"secretsmanager:DescribeSecret", onMaster, Allowed, ByNothing, "alternating-users tutorial"},
		{"RDS-managed cluster master: DescribeSecret on it", multiUser(rdsClusterMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"secretsmanager:DescribeSecret", onMaster, Allowed, ByNothing, "alternating-users tutorial"},
		{"RDS-managed instance master: DescribeDBInstances", multiUser(rdsDBMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"rds:DescribeDBInstances", onRDSAPI, Allowed, ByNothing, "hosted template"},
		{"RDS-managed cluster master: DescribeDBClusters", multiUser(rdsClusterMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"rds:DescribeDBClusters", onRDSAPI, Allowed, ByNothing, "hosted template"},
		{"RDS-managed cluster master: no DescribeDBInstances", multiUser(rdsClusterMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			"rds:DescribeDBInstances", onRDSAPI, noCall, 0, ""},
		{"Db2SingleUser looks an RDS-managed master up too", func(d *Design) {
			multiUser(rdsDBMaster, masterKey)(d)
			d.Rotation.HostedRotationLambda.RotationType = "Db2SingleUser"
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, "rds:DescribeDBInstances", onRDSAPI, Allowed, ByNothing, ""},
		// MongoDB's and Redshift's functions never call the RDS API.
		{"MongoDB multi-user makes no RDS call", func(d *Design) {
			multiUser(rdsDBMaster, masterKey)(d)
			d.Rotation.HostedRotationLambda.RotationType = "MongoDBMultiUser"
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, actionConnect, onRDSAPI, noCall, 0, ""},
		{"Redshift multi-user makes no DescribeSecret on the master", func(d *Design) {
			multiUser(rdsDBMaster, masterKey)(d)
			d.Rotation.HostedRotationLambda.RotationType = "RedshiftMultiUser"
		}, nil, ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:DescribeSecret", onMaster, noCall, 0, ""},

		// Issue 20: the secret's host is the one RDS gives the master
		// secret's database (RDSMasterHost), known from the account.
		{"RDS-managed master, host not verifiable offline", multiUser(rdsClusterMaster, masterKey), nil, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionSignIn, onMasterDB, Unsure, ByNothing, "cannot verify"},
		{"RDS-managed master, the host RDS gives", multiUser(rdsClusterMaster, masterKey),
			&Environment{MasterDBHost: "PAYMENTS.cluster-abc.us-east-1.rds.amazonaws.com."}, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionSignIn, onMasterDB, Allowed, ByNothing, "the endpoint RDS gives"},
		{"RDS-managed master, another host", multiUser(rdsClusterMaster, masterKey),
			&Environment{MasterDBHost: "orders.cluster-abc.us-east-1.rds.amazonaws.com"}, ActorRotationFunction, AnyTemplate, PhaseRotation,
			actionSignIn, onMasterDB, Refused, ByNothing, "is not orders.cluster-abc"},
		// The same for a database target, whose attachment writes the
		// host RDS gives the target: the target must be the database the
		// master secret is RDS's for.
		{"RDS-managed master, target not verifiable offline", func(d *Design) { multiUser(rdsClusterMaster, masterKey)(d); target(d, rdsCluster, "payments") },
			nil, ActorRotationFunction, AnyTemplate, PhaseRotation, actionSignIn, onMasterDB, Unsure, ByNothing, "the account was not read"},
		{"RDS-managed master, the target RDS manages it for", func(d *Design) { multiUser(rdsClusterMaster, masterKey)(d); target(d, rdsCluster, "Payments") },
			&Environment{MasterDBID: "payments"}, ActorRotationFunction, AnyTemplate, PhaseRotation, actionSignIn, onMasterDB, Allowed, ByNothing, "payments"},
		{"RDS-managed master, another target", func(d *Design) { multiUser(rdsClusterMaster, masterKey)(d); target(d, rdsCluster, "orders") },
			&Environment{MasterDBID: "payments"}, ActorRotationFunction, AnyTemplate, PhaseRotation, actionSignIn, onMasterDB, Refused, ByNothing, "orders is not payments"},
		{"RDS-managed instance master, a cluster target", func(d *Design) { multiUser(rdsDBMaster, masterKey)(d); target(d, rdsCluster, "payments") },
			nil, ActorRotationFunction, AnyTemplate, PhaseRotation, actionSignIn, onMasterDB, Refused, ByNothing, "a DB instance"},
		{"RDS-managed cluster master, an instance target", func(d *Design) { multiUser(rdsClusterMaster, masterKey)(d); target(d, rdsInstance, "payments-1") },
			&Environment{MasterDBID: "payments"}, ActorRotationFunction, AnyTemplate, PhaseRotation, actionSignIn, onMasterDB, Unsure, ByNothing, "reader instance"},
		{"master of one's own: no host check", multiUser(ownMaster, masterKey), &Environment{MasterDBHost: "orders.example.com"},
			ActorRotationFunction, AnyTemplate, PhaseRotation, actionSignIn, onMasterDB, noCall, 0, ""},

		// Secrets Manager invoking the function.
		{"own function is invoked through the permission the template writes", ownFunction(rotationRole), nil,
			ActorSecretsManager, AnyTemplate, PhaseRotation, actionInvoke, onFunction, Allowed, ByNothing, "aws:SourceAccount"},
		{"hosted function is invoked", func(*Design) {}, nil, ActorSecretsManager, AnyTemplate, PhaseRotation, actionInvoke, onFunction, Allowed, ByNothing, ""},
		{"own function in another account than the secret", func(d *Design) {
			ownFunction(rotationRole)(d)
			d.Secret.ExistingSecretARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf"
		}, nil,
			ActorSecretsManager, AnyTemplate, PhaseRotation, actionInvoke, onFunction, Unsure, ByFunctionPolicy, "cannot be created"},
		{"own function's policy refuses", func(d *Design) {
			d.Rotation.HostedRotationLambda = nil
			d.Rotation.RotationLambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
		}, &Environment{FunctionAllowsSecretsManager: new(false)}, ActorSecretsManager, AnyTemplate, PhaseRotation, actionInvoke, onFunction, Refused, ByFunctionPolicy, ""},

		// Readers.
		{"reader reads", func(*Design) {}, nil, ActorReader, AnyTemplate, PhaseReads, actionGetSecretValue, onSecret, Allowed, ByNothing, ""},
		{"reader decrypts with the created key", func(*Design) {}, nil, ActorReader, AnyTemplate, PhaseReads, actionDecrypt, onKey, Allowed, ByNothing, ""},
		{"reader and a given key", func(d *Design) { d.Secret.KMSKeyARN = givenKeyARN }, nil, ActorReader, AnyTemplate, PhaseReads,
			actionDecrypt, onKey, Unsure, ByKeyPolicy, "managed elsewhere"},
		{"reader and a given key the account answers for", func(d *Design) { d.Secret.KMSKeyARN = givenKeyARN },
			&Environment{KeyAnswers: []KeyAnswer{{Key: givenKeyARN, Reader: "role " + appRole, Decrypt: true}}},
			ActorReader, AnyTemplate, PhaseReads, actionDecrypt, onKey, Allowed, ByNothing, ""},
		// Issue 20, item 8.
		{"everyone through the endpoint decrypts as the account's callers", func(d *Design) {
			d.ResourcePolicy.Statements = []Statement{allow(star, getOnly, cond("StringEquals", "aws:SourceVpce", vpce))}
		}, nil, ActorReader, AnyTemplate, PhaseReads, actionDecrypt, onKey, Allowed, ByNothing, "kms:CallerAccount"},
		{"reader limited to the endpoint", addStatements(vpceDeny), nil, ActorReader, AnyTemplate, PhaseReads, actionGetSecretValue, onSecret,
			Allowed, ByNothing, "when not through " + vpce},
		{"reader limited by its tags", addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:PrincipalTag/team", "payments"))), nil,
			ActorReader, AnyTemplate, PhaseReads, actionGetSecretValue, onSecret, Unsure, ByResourcePolicy, "aws:PrincipalTag/team"},

		// EventBridge and AWS Config.
		{"eventbridge publishes to the created topic", func(*Design) {}, nil, ActorEventBridge, AnyTemplate, PhaseUpdate, actionPublish, onTopic, Allowed, ByNothing, ""},
		{"eventbridge and a given topic", func(d *Design) { d.Monitoring.AlertTopicARN = "arn:aws:sns:us-east-1:123456789012:alerts" }, nil,
			ActorEventBridge, AnyTemplate, PhaseRotation, actionPublish, onTopic, Unsure, ByTopicPolicy, ""},
		{"config reads the secret", func(d *Design) { d.Monitoring.ConfigRules = true }, nil, ActorConfig, AnyTemplate, PhaseReads,
			"secretsmanager:DescribeSecret", onSecret, Allowed, ByNothing, ""},
		{"config and a deny of DescribeSecret", func(d *Design) {
			d.Monitoring.ConfigRules = true
			addStatements(deny(star, []string{"secretsmanager:DescribeSecret"}, cond("StringNotEquals", "aws:SourceVpce", vpce)))(d)
		}, nil, ActorConfig, AnyTemplate, PhaseReads, "secretsmanager:DescribeSecret", onSecret, Refused, ByResourcePolicy, ""},
	}
	// fixes are what some rows' fixes must say.
	fixes := map[string]string{
		"own function without its role is refused the created key":           "give rotation.rotationLambdaRoleArn",
		"own function, role only in the account, is refused the created key": "set rotation.rotationLambdaRoleArn to " + rotationRole,
		"rotation through another endpoint than the deny's":                  "add " + "vpce-0fedcba9876543210" + ", the function's endpoint",
		"own function in another account than the secret":                    "aws:SourceAccount 111122223333",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := compliantDesign()
			tt.mod(d)
			w := d.Walk(tt.env)
			c, ok := callOf(w, tt.kind, tt.tmpl, tt.phase, tt.action, tt.on)
			if tt.want == noCall {
				if ok {
					t.Fatalf("found call %+v, want none", c)
				}
				return
			}
			if !ok {
				t.Fatalf("no %s call of %s in %s", tt.action, tt.kind.Key(), tt.phase)
			}
			if c.Outcome != tt.want || c.By != tt.by || !strings.Contains(c.Reason, tt.reason) {
				t.Errorf("call = %s by %q: %s, want %s by %q with %q", c.Outcome.Key(), c.By.Key(), c.Reason, tt.want.Key(), tt.by.Key(), tt.reason)
			}
			if c.Outcome != Allowed && c.Fix == "" {
				t.Errorf("call %s is %s with no fix", c.Action, c.Outcome.Key())
			}
			if !strings.Contains(c.Fix, fixes[tt.name]) {
				t.Errorf("fix = %q, want it to say %q", c.Fix, fixes[tt.name])
			}
		})
	}
}

// Every actor the issue names is walked through a design that has them
// all, and the calls come in phase order, then actor order (the readers'
// calls are written apart from the others', between the actors before
// and after them), each reader with its read, its decrypt and one decrypt
// per replica with a key of its own.
func TestWalkActorsAndPhases(t *testing.T) {
	d := compliantDesign()
	d.Monitoring.ConfigRules = true
	d.Secret.ReplicaRegions = []Replica{
		{Region: "eu-west-1", KMSKeyARN: "arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef"},
		{Region: "eu-central-1"},
		{Region: "us-west-2", KMSKeyARN: "alias/aws/secretsmanager"},
	}
	addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce), cond("ArnNotLike", "aws:PrincipalArn", adminRole)))(d)
	w := d.Walk(nil)
	kinds := map[ActorKind]int{}
	for _, a := range w.Actors {
		kinds[a.Kind]++
	}
	for _, k := range []ActorKind{ActorDeployer, ActorAdministrator, ActorRotationFunction, ActorSecretsManager, ActorReader, ActorEventBridge, ActorConfig} {
		if kinds[k] == 0 {
			t.Errorf("no %s actor", k.Key())
		}
	}
	if kinds[ActorDeployer] != 2 || kinds[ActorAdministrator] != 2 {
		t.Errorf("deployers %d, administrators %d, want 2 (CloudFormation, Terraform) and 2 (the account's, the one named)", kinds[ActorDeployer], kinds[ActorAdministrator])
	}
	phases := map[Phase]bool{}
	for i, c := range w.Calls {
		phases[c.Phase] = true
		if i > 0 && c.Phase < w.Calls[i-1].Phase {
			t.Fatalf("call %d (%s) comes after %s", i, c.Phase, w.Calls[i-1].Phase)
		}
		if i > 0 && c.Phase == w.Calls[i-1].Phase && c.Actor < w.Calls[i-1].Actor {
			t.Fatalf("call %d (%s, %s) comes after one of %s", i, w.Actors[c.Actor].Label, c.Phase, w.Actors[w.Calls[i-1].Actor].Label)
		}
	}
	for _, r := range w.Readers() {
		if n := len(w.ActorCalls(r)); n != 2+2 {
			t.Errorf("%s makes %d calls, want 4 (read, decrypt, and decrypt in the two replica regions without an AWS managed key)", w.Actors[r].Label, n)
		}
	}
	for _, p := range Phases {
		if !phases[p] {
			t.Errorf("no call in phase %s", p)
		}
	}
	if !w.PolicyAfterRotation {
		t.Error("PolicyAfterRotation is false for a policy with a Deny and a rotation schedule")
	}
}

// The reader's side: each reader's identity policy names the secret and
// the key by ARN, limits decrypting to Secrets Manager, and says when the
// reader's own account must grant it.
func TestReaderSides(t *testing.T) {
	d := compliantDesign()
	d.Secret.Region = "us-east-1"
	d.Secret.KMSKeyARN = givenKeyARN // account 111122223333
	d.ResourcePolicy.Statements = append(d.ResourcePolicy.Statements,
		allow(aws(otherRole), getOnly),
		allow(aws("arn:aws:iam::111122223333:role/app"), getOnly))
	w := d.Walk(nil)
	sides := w.ReaderSides(d)
	if len(sides) != 3 {
		t.Fatalf("ReaderSides() = %d readers, want 3: %+v", len(sides), sides)
	}
	byReader := map[string]ReaderSide{}
	for _, rs := range sides {
		byReader[rs.Principal] = rs
	}
	other, same := byReader[otherRole], byReader["arn:aws:iam::111122223333:role/app"]
	if !other.CrossAccount || !other.Needed {
		t.Errorf("reader in another account: cross-account %v, needed %v; want both", other.CrossAccount, other.Needed)
	}
	if same.CrossAccount || same.Needed {
		t.Errorf("reader the policy names in the secret's account: cross-account %v, needed %v; want neither", same.CrossAccount, same.Needed)
	}
	if other.Decrypt != Unsure {
		t.Errorf("reader's decrypt with a given key = %s, want unsure", other.Decrypt.Key())
	}
	st := other.IdentityPolicy.Statement
	if len(st) != 2 || st[0].Resource[0] != "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/db-??????" ||
		st[1].Resource[0] != givenKeyARN || st[1].Condition == nil {
		t.Errorf("identity policy = %+v, want GetSecretValue on the secret's ARN and kms:Decrypt on the key through Secrets Manager", st)
	}
	// An alias cannot be named in IAM: the key ARN is asked for.
	d.Secret.KMSKeyARN = "arn:aws:kms:us-east-1:111122223333:alias/payments"
	if got := d.Walk(nil).ReaderSides(d)[0].IdentityPolicy.Statement[1].Resource[0]; !strings.HasSuffix(got, ":key/KEY_ID") {
		t.Errorf("identity policy names the key as %q, want a key ARN placeholder", got)
	}
}

// TestNumPhases holds the size of the walker's buffers by phase to the
// phases there are, so a new phase cannot fall outside them.
func TestNumPhases(t *testing.T) {
	if numPhases != len(Phases) {
		t.Errorf("numPhases = %d, but Phases lists %d", numPhases, len(Phases))
	}
	for i, p := range Phases {
		if int(p) != i {
			t.Errorf("Phases[%d] = %d; the walk-through orders calls by the phase's value", i, p)
		}
	}
}

// TestWalkReaderInTheAccountsOrganization: a Deny "outside the endpoint"
// that leaves out the members of an organization spares a reader of the
// secret's own account once the Environment says that account is in that
// organization (and not when it is in another, or not known): the reader
// then reads from anywhere, and the walk says nothing of the endpoint.
func TestWalkReaderInTheAccountsOrganization(t *testing.T) {
	const org = "o-a1b2c3d4e5"
	d := compliantDesign()
	addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce), cond("StringNotEqualsIfExists", "aws:PrincipalOrgID", org)))(d)
	for _, c := range []struct {
		name string
		env  *Environment
		want string // "anywhere", "endpoint" or "unsure"
	}{
		{"organization not known", nil, "unsure"},
		{"the account is in it", &Environment{Account: "123456789012", OrganizationID: org}, "anywhere"},
		{"the account is in another", &Environment{Account: "123456789012", OrganizationID: "o-zzzzzzzzzz"}, "endpoint"},
		{"the reader is of another account", &Environment{Account: "111122223333", OrganizationID: org}, "unsure"},
	} {
		t.Run(c.name, func(t *testing.T) {
			call, ok := callOf(d.Walk(c.env), ActorReader, AnyTemplate, PhaseReads, actionGetSecretValue, onSecret)
			if !ok {
				t.Fatal("no read")
			}
			got := "unsure"
			switch {
			case call.Outcome == Allowed && strings.Contains(call.Reason, vpce):
				got = "endpoint"
			case call.Outcome == Allowed:
				got = "anywhere"
			}
			if got != c.want {
				t.Errorf("the reader reads %s (%s: %s), want %s", got, call.Outcome.Key(), call.Reason, c.want)
			}
		})
	}
}

// TestWalkOwnFunctionNetwork: what the account says of your own rotation
// function's network (its VPC, its subnets' default routes, the VPC's
// endpoint) decides whether it reaches Secrets Manager, which Deny
// statements apply to its calls, and rotation-reaches-secrets-manager,
// which the design alone cannot judge for such a function.
func TestWalkOwnFunctionNetwork(t *testing.T) {
	const vpc = "vpc-0123456789abcdef0"
	subnets := []string{"subnet-0123456789abcdef0", "subnet-0123456789abcdef1"}
	for _, c := range []struct {
		name    string
		network *FunctionNetwork
		deny    bool
		connect Outcome
		read    Outcome
		rule    Status
		says    string
	}{
		// A read no Deny stops is still unsure: your own function's role
		// policy is yours (trial8a W14).
		{"not known", nil, false, noCall, Unsure, StatusNotApplicable, ""},
		{"outside any VPC", &FunctionNetwork{}, false, Allowed, Unsure, StatusMet, "public endpoint"},
		{"outside any VPC, deny outside the endpoint", &FunctionNetwork{}, true, Allowed, Refused, StatusMet, ""},
		{"through the VPC's endpoint", &FunctionNetwork{VPC: vpc, Subnets: subnets, Endpoint: vpce}, true, Allowed, Unsure, StatusMet, vpce},
		{"through NAT", &FunctionNetwork{VPC: vpc, Subnets: subnets, NAT: subnets}, false, Allowed, Unsure, StatusMet, "NAT"},
		{"one subnet without a way out", &FunctionNetwork{VPC: vpc, Subnets: subnets, NAT: subnets[:1]}, false, Refused, Unsure, StatusNotMet, subnets[1]},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := compliantDesign()
			ownFunction(rotationRole)(d)
			if c.deny {
				addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce)))(d)
			}
			env := &Environment{RotationNetwork: c.network}
			w := d.Walk(env)
			call, ok := callOf(w, ActorRotationFunction, AnyTemplate, PhaseRotation, actionConnect, onSecretsAPI)
			switch {
			case c.connect == noCall && ok:
				t.Errorf("a connect call %+v, want none", call)
			case c.connect != noCall && (!ok || call.Outcome != c.connect || !strings.Contains(call.Reason, c.says)):
				t.Errorf("connect = %v %s: %s, want %s saying %q", ok, call.Outcome.Key(), call.Reason, c.connect.Key(), c.says)
			}
			if call.Outcome == Refused && (call.By != ByNetwork || call.Fix == "" || call.Path != "rotation.rotationLambdaArn") {
				t.Errorf("refused connect: %+v", call)
			}
			if read, _ := callOf(w, ActorRotationFunction, AnyTemplate, PhaseRotation, actionGetSecretValue, onSecret); read.Outcome != c.read {
				t.Errorf("GetSecretValue = %s: %s, want %s", read.Outcome.Key(), read.Reason, c.read.Key())
			}
			r, _ := CheckWith(d, env).Result(RuleRotationReachesSecretsManager)
			if r.Status != c.rule {
				t.Errorf("%s = %s %v, want %s", RuleRotationReachesSecretsManager, r.Status, r.Findings, c.rule)
			}
			if c.rule == StatusNotMet && (len(r.Findings) != 1 || !strings.Contains(r.Findings[0].Message, c.says)) {
				t.Errorf("findings %v, want one naming %s", r.Findings, c.says)
			}
		})
	}
}

// TestRotationNotBlockedSaysWhereTheFunctionCalls: with the account's
// word on your own function's network, rotation-not-blocked says where it
// calls from, not the design's guess of an endpoint it cannot name.
func TestRotationNotBlockedSaysWhereTheFunctionCalls(t *testing.T) {
	d := compliantDesign()
	ownFunction(rotationRole)(d)
	addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpce", vpce)))(d)
	for _, c := range []struct {
		network *FunctionNetwork
		says    string
	}{
		{&FunctionNetwork{}, "the account says the function calls from outside any VPC"},
		{&FunctionNetwork{VPC: "vpc-0123456789abcdef0", Subnets: []string{"subnet-0123456789abcdef0"}, Endpoint: "vpce-0fedcba9876543210"},
			"through the VPC's endpoint vpce-0fedcba9876543210, which the statement does not list, so rotation would fail; list vpce-0fedcba9876543210"},
	} {
		r, _ := CheckWith(d, &Environment{RotationNetwork: c.network}).Result(RuleRotationNotBlocked)
		if r.Status != StatusNotMet || len(r.Findings) != 1 || !strings.Contains(r.Findings[0].Message, c.says) {
			t.Errorf("%+v: %s %v, want a finding saying %q", c.network, r.Status, r.Findings, c.says)
		}
	}
}

// TestWalkRotationInTheAccountsOrganization: the rotation function is a
// principal of the secret's account, so the organization the Environment
// names decides a Deny on aws:PrincipalOrgID for its calls.
func TestWalkRotationInTheAccountsOrganization(t *testing.T) {
	const org = "o-a1b2c3d4e5"
	d := compliantDesign()
	addStatements(deny(star, []string{"secretsmanager:*"}, cond("StringNotEquals", "aws:PrincipalOrgID", org)))(d)
	for _, c := range []struct {
		env  *Environment
		want Outcome
	}{
		{nil, Unsure},
		{&Environment{OrganizationID: org}, Allowed},
		{&Environment{OrganizationID: "o-zzzzzzzzzz"}, Refused},
	} {
		call, ok := callOf(d.Walk(c.env), ActorRotationFunction, AnyTemplate, PhaseRotation, "secretsmanager:PutSecretValue", onSecret)
		if !ok || call.Outcome != c.want {
			t.Errorf("env %+v: PutSecretValue %s (%s), want %s", c.env, call.Outcome.Key(), call.Reason, c.want.Key())
		}
	}
}

// TestRotationNotBlockedNamesTheOrganization: refused by a Deny outside
// an organization that is not the account's, rotation-not-blocked names
// the account's organization and the fix.
func TestRotationNotBlockedNamesTheOrganization(t *testing.T) {
	d := compliantDesign()
	addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:PrincipalOrgID", "o-zzzzzzzzzz")))(d)
	r, _ := CheckWith(d, &Environment{OrganizationID: "o-a1b2c3d4e5"}).Result(RuleRotationNotBlocked)
	if r.Status != StatusNotMet || len(r.Findings) != 1 ||
		!strings.Contains(r.Findings[0].Message, "the function's account is in o-a1b2c3d4e5, so rotation would fail; add o-a1b2c3d4e5 to its aws:PrincipalOrgID values") {
		t.Errorf("%s %v", r.Status, r.Findings)
	}
	if r, _ := Check(d).Result(RuleRotationNotBlocked); r.Status != StatusMet {
		t.Errorf("without the organization: %s %v, want met (the Deny is undecided)", r.Status, r.Findings)
	}
}

// TestWalkHostedFunctionNetwork: what the account says of the hosted
// function's subnets (Environment.HostedNetwork, read by --aws) decides
// the calls the design leaves to the VPC: reaching Secrets Manager without
// vpcId or endpoint, reaching the RDS API for a master secret RDS manages,
// and a Deny by aws:SourceVpc.
func TestWalkHostedFunctionNetwork(t *testing.T) {
	const vpc, other = "vpc-0123456789abcdef0", "vpc-0fedcba9876543210"
	const rdsVpce = "vpce-0aaaaaaaaaaaaaaaa"
	subnets := []string{"subnet-0123abcd"}
	for _, c := range []struct {
		name          string
		vpcID         string
		network       *FunctionNetwork
		connect, rds  Outcome
		read          Outcome
		says, rdsSays string
	}{
		{"not known", "", nil, Unsure, Unsure, Unsure, "does not say", "interface endpoint"},
		{"endpoints for both", "", &FunctionNetwork{VPC: vpc, Subnets: subnets, Endpoint: vpce, RDSEndpoint: rdsVpce}, Allowed, Allowed, Allowed, vpce, rdsVpce},
		{"through NAT", "", &FunctionNetwork{VPC: vpc, Subnets: subnets, NAT: subnets}, Allowed, Allowed, Refused, "NAT", "NAT"},
		{"no way out", "", &FunctionNetwork{VPC: vpc, Subnets: subnets}, Refused, Refused, Refused, subnets[0], subnets[0]},
		{"in another VPC", "", &FunctionNetwork{VPC: other, Subnets: subnets, Endpoint: vpce}, Allowed, Refused, Refused, vpce, "no interface endpoint"},
		{"vpcId given", vpc, &FunctionNetwork{VPC: vpc, Subnets: subnets}, Allowed, Refused, Allowed, "creates", "no interface endpoint"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := compliantDesign()
			multiUser(rdsDBMaster, masterKey)(d)
			h := d.Rotation.HostedRotationLambda
			h.VPCID, h.VPCCIDR, h.VPCSubnetIDs = c.vpcID, "", subnets
			addStatements(deny(star, getOnly, cond("StringNotEquals", "aws:SourceVpc", vpc)))(d)
			w := d.Walk(&Environment{HostedNetwork: c.network})
			call, ok := callOf(w, ActorRotationFunction, AnyTemplate, PhaseRotation, actionConnect, onSecretsAPI)
			if !ok || call.Outcome != c.connect || !strings.Contains(call.Reason, c.says) {
				t.Errorf("connect to Secrets Manager = %v %s: %s, want %s saying %q", ok, call.Outcome.Key(), call.Reason, c.connect.Key(), c.says)
			}
			if call.Outcome == Refused && (call.By != ByNetwork || !strings.Contains(call.Fix, vpc) || call.Path != "rotation.hostedRotationLambda.vpcId") {
				t.Errorf("refused connect: %+v", call)
			}
			// The actor says where it calls from, as the account says.
			if from := w.Actors[call.Actor].From; c.network != nil && c.vpcID == "" && !strings.Contains(from, c.says) {
				t.Errorf("the function calls from %q, want it to say %q", from, c.says)
			}
			call, ok = callOf(w, ActorRotationFunction, AnyTemplate, PhaseRotation, actionConnect, onRDSAPI)
			if !ok || call.Outcome != c.rds || !strings.Contains(call.Reason, c.rdsSays) {
				t.Errorf("connect to RDS = %v %s: %s, want %s saying %q", ok, call.Outcome.Key(), call.Reason, c.rds.Key(), c.rdsSays)
			}
			if call.Outcome == Refused && (call.By != ByNetwork || call.Fix == "" || strings.Contains(call.Fix, "<region>.rds to the function's VPC")) {
				t.Errorf("refused RDS connect, want a fix naming the VPC: %+v", call)
			}
			if read, _ := callOf(w, ActorRotationFunction, AnyTemplate, PhaseRotation, actionGetSecretValue, onSecret); read.Outcome != c.read {
				t.Errorf("GetSecretValue = %s: %s, want %s", read.Outcome.Key(), read.Reason, c.read.Key())
			}
			// rotation-reaches-secrets-manager reads both.
			want := StatusNotMet
			if c.connect == Allowed && c.rds == Allowed {
				want = StatusMet
			}
			if r, _ := CheckWith(d, &Environment{HostedNetwork: c.network}).Result(RuleRotationReachesSecretsManager); r.Status != want {
				t.Errorf("%s = %s %v, want %s", RuleRotationReachesSecretsManager, r.Status, r.Findings, want)
			}
		})
	}
}
