package designfile

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// minimalDesign is a design file with only the required keys and a
// rotation: what the issue calls compliant without anything else.
const minimalDesign = `version: 1
secret:
  secretId: prod/payments/api-key
rotation:
  automaticallyAfterDays: 30
  rotationLambdaArn: arn:aws:lambda:us-east-1:111122223333:function:api-key-rotation
  rotationLambdaRoleArn: arn:aws:iam::111122223333:role/api-key-rotation
`

// hostedRotation is a design file's rotation by a hosted PostgreSQL
// single-user function in two subnets and one security group. A file ends
// with it, or goes on with more of hostedRotationLambda's keys (indented
// four spaces).
const hostedRotation = `rotation:
  automaticallyAfterDays: 30
  hostedRotationLambda:
    rotationType: PostgreSQLSingleUser
    vpcSubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
    vpcSecurityGroupIds: [sg-0123456789abcdef0]
`

// effectiveDefaults reads, from a design loaded without the key, the value
// each key with a literal documented default takes. Every key whose
// Default column in docs/design-file.md is a single backquoted value must
// be here, so a default documented later gets checked too.
var effectiveDefaults = map[string]func(d *blueprint.Design) string{
	"secret.recoveryWindowDays": func(d *blueprint.Design) string { return strconv.Itoa(d.Secret.RecoveryWindow()) },
	"secret.generateSecretString.passwordLength": func(d *blueprint.Design) string {
		if g := d.Secret.GenerateSecretString; g != nil && g.PasswordLength != nil {
			return strconv.Itoa(*g.PasswordLength)
		}
		return strconv.Itoa(blueprint.DefaultPasswordLength)
	},
	"secret.generateSecretString.excludeLowercase":        generateBool(func(g *blueprint.GenerateSecretString) *bool { return g.ExcludeLowercase }, false),
	"secret.generateSecretString.excludeUppercase":        generateBool(func(g *blueprint.GenerateSecretString) *bool { return g.ExcludeUppercase }, false),
	"secret.generateSecretString.excludeNumbers":          generateBool(func(g *blueprint.GenerateSecretString) *bool { return g.ExcludeNumbers }, false),
	"secret.generateSecretString.excludePunctuation":      generateBool(func(g *blueprint.GenerateSecretString) *bool { return g.ExcludePunctuation }, false),
	"secret.generateSecretString.includeSpace":            generateBool(func(g *blueprint.GenerateSecretString) *bool { return g.IncludeSpace }, false),
	"secret.generateSecretString.requireEachIncludedType": generateBool(func(g *blueprint.GenerateSecretString) *bool { return g.RequireEachIncludedType }, true),
	"resourcePolicy.blockPublicPolicy": func(d *blueprint.Design) string {
		return strconv.FormatBool(d.ResourcePolicy.BlocksPublicPolicy())
	},
	// The minimal design has no statements: a statement that leaves
	// resource out, as the loader decodes one, says what it means.
	"resourcePolicy.statements[].resource": func(*blueprint.Design) string {
		var st blueprint.Statement
		return strconv.Quote(strings.Join(st.Resources(), ","))
	},
	"rotation.rotateImmediately": func(d *blueprint.Design) string {
		r := d.Rotation.RotateImmediately
		return strconv.FormatBool(r == nil || *r)
	},
	"monitoring.rotationFailureAlert": func(d *blueprint.Design) string { return strconv.FormatBool(d.Monitoring.FailureAlertOn()) },
	"monitoring.changeAlert":          func(d *blueprint.Design) string { return strconv.FormatBool(d.Monitoring.ChangeAlertOn()) },
	"monitoring.configRules":          func(d *blueprint.Design) string { return strconv.FormatBool(d.Monitoring.ConfigRules) },
}

// generateBool reads a generateSecretString boolean, whose documented
// default is the service's: def when the design leaves it out.
func generateBool(get func(*blueprint.GenerateSecretString) *bool, def bool) func(d *blueprint.Design) string {
	return func(d *blueprint.Design) string {
		if g := d.Secret.GenerateSecretString; g != nil {
			if v := get(g); v != nil {
				return strconv.FormatBool(*v)
			}
		}
		return strconv.FormatBool(def)
	}
}

// documentedDefaults returns the Default column of every key row in
// docs/design-file.md.
func documentedDefaults(t *testing.T) map[string]string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/design-file.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\| [^|]+ \\| ([^|]*) \\|")
	out := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		out[m[1]] = strings.TrimSpace(m[2])
	}
	return out
}

// TestDocumentedDefaults checks that every key states a default, and that
// the literal defaults are what loading a design without the key gives.
func TestDocumentedDefaults(t *testing.T) {
	docs := documentedDefaults(t)
	for _, p := range schemaPaths(designFields, "") {
		def, ok := docs[p]
		switch {
		case !ok:
			t.Errorf("docs/design-file.md has no table row for `%s`", p)
		case def == "" || def == "-":
			t.Errorf("docs/design-file.md gives `%s` no default (%q); say what leaving it out means", p, def)
		}
	}

	d, ds, err := load("minimal.yaml", []byte(minimalDesign))
	if err != nil || len(ds) > 0 {
		t.Fatalf("load(minimal) = %v, %v", ds, err)
	}
	literal := regexp.MustCompile("^`([^`]+)`")
	checked := 0
	for p, def := range docs {
		m := literal.FindStringSubmatch(def)
		if m == nil || strings.HasPrefix(p, "secret.replicaRegions") {
			continue // a phrase, or a default that depends on another key
		}
		get, ok := effectiveDefaults[p]
		if !ok {
			t.Errorf("`%s` documents default %s but the test does not know how to read it; add it to effectiveDefaults", p, m[0])
			continue
		}
		if got := get(d); got != m[1] {
			t.Errorf("`%s`: documented default %s, loading a design without it gives %s", p, m[1], got)
		}
		checked++
	}
	if checked != len(effectiveDefaults) {
		t.Errorf("checked %d documented defaults, want all %d of effectiveDefaults", checked, len(effectiveDefaults))
	}
}

// TestMinimalDesignIsCompliant loads the minimal design and one with a
// hosted rotation function and its database: neither breaks an error-level
// rule, and the alerts are on.
func TestMinimalDesignIsCompliant(t *testing.T) {
	hosted := `version: 1
secret:
  secretId: prod/payments/db
  database:
    host: payments.cluster-abc.us-east-1.rds.amazonaws.com
    username: payments_app
` + hostedRotation + `    vpcId: vpc-0123456789abcdef0
    vpcCidr: 10.0.0.0/16
`
	for name, in := range map[string]string{"minimal": minimalDesign, "hosted": hosted} {
		d, ds, err := load(name+".yaml", []byte(in))
		if err != nil || len(ds) > 0 {
			t.Fatalf("load(%s) = %v, %v", name, ds, err)
		}
		if b := blueprint.Check(d).Blocking(); len(b) > 0 {
			t.Errorf("Check(%s).Blocking() = %v, want none", name, b)
		}
		if !d.Monitoring.FailureAlertOn() || !d.Monitoring.ChangeAlertOn() || d.Monitoring.ConfigRules {
			t.Errorf("%s: monitoring = %+v, want both alerts on and no Config rules", name, d.Monitoring)
		}
		if d.Secret.GenerateSecretString != nil {
			t.Errorf("%s: generateSecretString = %+v, want it left nil (a generated 32-character value)", name, d.Secret.GenerateSecretString)
		}
	}
}

// TestEmptyFileNamesVersion: an empty file is reported like every other
// problem, with the path of what is missing.
func TestEmptyFileNamesVersion(t *testing.T) {
	for _, in := range []string{"", "\n", "# only a comment\n"} {
		_, ds, err := load("empty.yaml", []byte(in))
		if err == nil || len(ds) != 1 || !strings.HasPrefix(ds[0].String(), "empty.yaml:1:1: version: ") {
			t.Errorf("load(%q) = %v, want one diagnostic empty.yaml:1:1: version: ...", in, ds)
		}
	}
}
