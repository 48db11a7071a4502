package blueprint

import (
	"errors"
	"fmt"
	"strings"
)

// RotationType is one of the hosted rotation Lambda types Secrets Manager
// offers. Each is built from an AWS template, published in the Serverless
// Application Repository under AppName.
type RotationType struct {
	// Name is the RotationType value, such as PostgreSQLSingleUser.
	Name string
	// Engine is the database family, used to group the choices.
	Engine string
	// Engines lists the "engine" values the rotation function accepts in the
	// secret's JSON.
	Engines []string
	// AppName is the Serverless Application Repository application.
	AppName string
	// MultiUser types alternate between two users and need a master secret
	// that can change the other user's password.
	MultiUser bool
	// NeedsMaster is set for the types whose function signs in with the
	// master secret's credentials (masterarn in the secret's JSON): every
	// multi-user type, and Db2SingleUser, whose setSecret logs in as the
	// master user to change the secret user's password (its docstring in
	// aws-samples/aws-secrets-manager-rotation-lambdas marks masterarn
	// required).
	NeedsMaster bool
	// DefaultPort is the port the engine listens on unless told otherwise.
	DefaultPort int
	// NeedsDBName is set for the engines whose rotation function cannot
	// connect without a dbname in the secret (Oracle's service name, Db2's
	// database); the others fall back to a default database.
	NeedsDBName bool
}

// RotationTypes lists the 16 hosted rotation types, grouped by engine,
// single-user first.
var RotationTypes = []RotationType{
	{"MySQLSingleUser", "MySQL", []string{"mysql", "aurora-mysql"}, "SecretsManagerRDSMySQLRotationSingleUser", false, false, 3306, false},
	{"MySQLMultiUser", "MySQL", []string{"mysql", "aurora-mysql"}, "SecretsManagerRDSMySQLRotationMultiUser", true, true, 3306, false},
	{"PostgreSQLSingleUser", "PostgreSQL", []string{"postgres", "aurora-postgresql"}, "SecretsManagerRDSPostgreSQLRotationSingleUser", false, false, 5432, false},
	{"PostgreSQLMultiUser", "PostgreSQL", []string{"postgres", "aurora-postgresql"}, "SecretsManagerRDSPostgreSQLRotationMultiUser", true, true, 5432, false},
	{"OracleSingleUser", "Oracle", []string{"oracle"}, "SecretsManagerRDSOracleRotationSingleUser", false, false, 1521, true},
	{"OracleMultiUser", "Oracle", []string{"oracle"}, "SecretsManagerRDSOracleRotationMultiUser", true, true, 1521, true},
	{"MariaDBSingleUser", "MariaDB", []string{"mariadb"}, "SecretsManagerRDSMariaDBRotationSingleUser", false, false, 3306, false},
	{"MariaDBMultiUser", "MariaDB", []string{"mariadb"}, "SecretsManagerRDSMariaDBRotationMultiUser", true, true, 3306, false},
	{"SQLServerSingleUser", "SQL Server", []string{"sqlserver"}, "SecretsManagerRDSSQLServerRotationSingleUser", false, false, 1433, false},
	{"SQLServerMultiUser", "SQL Server", []string{"sqlserver"}, "SecretsManagerRDSSQLServerRotationMultiUser", true, true, 1433, false},
	{"RedshiftSingleUser", "Redshift", []string{"redshift"}, "SecretsManagerRedshiftRotationSingleUser", false, false, 5439, false},
	{"RedshiftMultiUser", "Redshift", []string{"redshift"}, "SecretsManagerRedshiftRotationMultiUser", true, true, 5439, false},
	{"MongoDBSingleUser", "MongoDB / DocumentDB", []string{"mongo"}, "SecretsManagerMongoDBRotationSingleUser", false, false, 27017, false},
	{"MongoDBMultiUser", "MongoDB / DocumentDB", []string{"mongo"}, "SecretsManagerMongoDBRotationMultiUser", true, true, 27017, false},
	{"Db2SingleUser", "Db2", []string{"db2"}, "SecretsManagerRDSDb2RotationSingleUser", false, true, 50000, true},
	{"Db2MultiUser", "Db2", []string{"db2"}, "SecretsManagerRDSDb2RotationMultiUser", true, true, 50000, true},
}

// LookupRotationType returns the rotation type with the given name.
func LookupRotationType(name string) (RotationType, bool) {
	for _, t := range RotationTypes {
		if t.Name == name {
			return t, true
		}
	}
	return RotationType{}, false
}

// ValidateRotationType checks a HostedRotationLambda RotationType value.
func ValidateRotationType(name string) error {
	if _, ok := LookupRotationType(name); ok {
		return nil
	}
	if name == "" {
		return errors.New("is required: choose the rotation type for the database, such as PostgreSQLSingleUser; docs/design-file.md lists all 16")
	}
	for _, t := range RotationTypes {
		if strings.EqualFold(t.Name, name) {
			return fmt.Errorf("must be one of the 16 rotation types, spelled exactly; did you mean %q?", t.Name)
		}
	}
	names := make([]string, len(RotationTypes))
	for i, t := range RotationTypes {
		names[i] = t.Name
	}
	return fmt.Errorf("must be one of %s", strings.Join(names, ", "))
}

// SARApplicationID returns the Serverless Application Repository application
// id of the rotation app in the given partition, or false where AWS does not
// publish one.
func (t RotationType) SARApplicationID(partition string) (string, bool) {
	var prefix string
	switch partition {
	case "aws":
		prefix = "arn:aws:serverlessrepo:us-east-1:297356227824:applications/"
	case "aws-cn":
		prefix = "arn:aws-cn:serverlessrepo:cn-north-1:193023089310:applications/"
	case "aws-us-gov":
		prefix = "arn:aws-us-gov:serverlessrepo:us-gov-west-1:023102451235:applications/"
	default:
		return "", false
	}
	return prefix + t.AppName, true
}

// sarVersions are the Serverless Application Repository versions of each
// rotation application that secretsmith pins, in the aws, aws-cn and
// aws-us-gov partitions: the versions AWS CDK's hosted rotation pins
// (reference secretsmanager.md). Pinning them makes a Terraform apply
// deploy the function that was reviewed, instead of whatever version is
// newest that day; raise them deliberately, with a reviewed plan.
var sarVersions = map[string][3]string{
	"MariaDBSingleUser":    {"1.1.670", "1.1.442", "1.1.399"},
	"MariaDBMultiUser":     {"1.1.670", "1.1.441", "1.1.398"},
	"MySQLSingleUser":      {"1.1.671", "1.1.440", "1.1.397"},
	"MySQLMultiUser":       {"1.1.671", "1.1.440", "1.1.397"},
	"OracleSingleUser":     {"1.1.671", "1.1.441", "1.1.398"},
	"OracleMultiUser":      {"1.1.671", "1.1.441", "1.1.398"},
	"PostgreSQLSingleUser": {"1.1.671", "1.1.440", "1.1.397"},
	"PostgreSQLMultiUser":  {"1.1.671", "1.1.440", "1.1.397"},
	"SQLServerSingleUser":  {"1.1.670", "1.1.441", "1.1.398"},
	"SQLServerMultiUser":   {"1.1.671", "1.1.441", "1.1.398"},
	"RedshiftSingleUser":   {"1.1.671", "1.1.441", "1.1.398"},
	"RedshiftMultiUser":    {"1.1.671", "1.1.440", "1.1.397"},
	"MongoDBSingleUser":    {"1.1.671", "1.1.440", "1.1.397"},
	"MongoDBMultiUser":     {"1.1.671", "1.1.441", "1.1.398"},
	"Db2SingleUser":        {"1.1.271", "1.1.242", "1.1.199"},
	"Db2MultiUser":         {"1.1.272", "1.1.240", "1.1.197"},
}

// SemanticVersion returns the version of the rotation application that
// generated Terraform pins in the given partition, or false where AWS
// publishes no application (SARApplicationID).
func (t RotationType) SemanticVersion(partition string) (string, bool) {
	v, ok := sarVersions[t.Name]
	if !ok {
		return "", false
	}
	switch partition {
	case "aws":
		return v[0], true
	case "aws-cn":
		return v[1], true
	case "aws-us-gov":
		return v[2], true
	}
	return "", false
}
