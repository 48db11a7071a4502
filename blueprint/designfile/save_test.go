package designfile

import (
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/tabletest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.saved.yaml from Save")

func ptr[T any](v T) *T { return &v }

// dump shows a design with its pointers followed, for failure messages.
func dump(d *blueprint.Design) string {
	b, err := json.Marshal(d)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// roundTrip saves d, parses the result and fails unless it is d again.
func roundTrip(t testing.TB, d *blueprint.Design) []byte {
	t.Helper()
	out, err := Save(d)
	if err != nil {
		t.Fatalf("Save(%s) error = %v", dump(d), err)
	}
	got, _, ds := parse("saved.yaml", out)
	if len(ds) > 0 {
		t.Fatalf("parse(Save(d)) diagnostics:\n%v\nfile:\n%s", ds, out)
	}
	if !reflect.DeepEqual(got, d) {
		t.Fatalf("parse(Save(d)) differs from d\nfile:\n%s\ngot  %s\nwant %s", out, dump(got), dump(d))
	}
	return out
}

// TestSaveTestdata round-trips the sample files and compares Save's output
// with a golden copy, so reviewers see how a saved file reads.
func TestSaveTestdata(t *testing.T) {
	for _, name := range []string{"full", "existing", "target"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + name + ".yaml")
			if err != nil {
				t.Fatal(err)
			}
			d, _, err := load(name+".yaml", data)
			if err != nil {
				t.Fatalf("load(%s.yaml) error = %v", name, err)
			}
			out := roundTrip(t, d)
			golden := "testdata/" + name + ".saved.yaml"
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(out) != string(want) {
				t.Errorf("Save(%s) =\n%s\nwant (%s)\n%s", name, out, golden, want)
			}
		})
	}
}

func TestRoundTripMinimal(t *testing.T) {
	tests := []struct {
		name string
		d    blueprint.Design
	}{
		{"version only", blueprint.Design{Version: 1}},
		{"secret id", blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/db"}}},
		{"existing secret", blueprint.Design{Version: 1, Secret: blueprint.Secret{ExistingSecretARN: "arn:aws:secretsmanager:us-east-1:111122223333:secret:x-AbCdEf"}}},
		{"zero recovery window", blueprint.Design{Version: 1, Secret: blueprint.Secret{RecoveryWindowDays: ptr(0)}}},
		{"empty sections", blueprint.Design{
			Version:        1,
			Secret:         blueprint.Secret{GenerateSecretString: &blueprint.GenerateSecretString{}},
			ResourcePolicy: &blueprint.ResourcePolicy{},
			Rotation:       &blueprint.Rotation{HostedRotationLambda: &blueprint.HostedRotationLambda{}},
		}},
		{"false booleans", blueprint.Design{
			Version:        1,
			Secret:         blueprint.Secret{GenerateSecretString: &blueprint.GenerateSecretString{ExcludeNumbers: ptr(false), IncludeSpace: ptr(true)}},
			ResourcePolicy: &blueprint.ResourcePolicy{BlockPublicPolicy: ptr(false)},
			Rotation:       &blueprint.Rotation{RotateImmediately: ptr(false), AutomaticallyAfterDays: -1},
		}},
		{"empty statement and waiver", blueprint.Design{
			Version:        1,
			ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{}}},
			Waivers:        []blueprint.Waiver{{}},
		}},
		{"principals", blueprint.Design{Version: 1, ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{
			{Principal: &blueprint.Principal{Wildcard: true}, NotPrincipal: &blueprint.Principal{}},
			{NotPrincipal: &blueprint.Principal{AWS: []string{"*"}, Federated: []string{"x"}}},
		}}}},
		{"empty strings inside lists", blueprint.Design{Version: 1, ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{
			{Resource: []string{""}, Action: []string{"", "a"}, Condition: []blueprint.Condition{{Operator: "", Key: "", Values: []string{""}}}},
		}}}},
		{"condition row without values", blueprint.Design{Version: 1, ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{
			{Condition: []blueprint.Condition{{Operator: "Null", Key: "aws:SourceVpce"}}},
		}}}},
		{"tag with empty value", blueprint.Design{Version: 1, Secret: blueprint.Secret{Tags: []blueprint.Tag{{Key: "a", Value: ""}, {Key: "", Value: "b"}}}}},
		{"alert without email", blueprint.Design{Version: 1, Monitoring: blueprint.Monitoring{RotationFailureAlert: new(true)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			roundTrip(t, &tt.d)
		})
	}
}

// trickyStrings are values that break naive YAML writers.
var trickyStrings = []string{
	"", " ", "  leading", "trailing  ", "\t", "tab\there", "line\nbreak", "crlf\r\n", "\n", "trailing newline\n",
	`"double"`, "'single'", `back\slash`, `\n literally`, "${AWS::Region}", "!Ref Secret", "!!str x", "---", "...", "--- x",
	"# not a comment", "a #b", "key: value", "a:b", "ends with colon:", "- item", "-", "? q", "[list]", "{map}", "a, b",
	"*", "&anchor", "*alias", "%TAG", "@at", "`tick`", "|", ">", "<<", "~", "null", "Null", "NULL", "true", "False",
	"yes", "No", "on", "OFF", "y", "n", "1", "-1", "+1", "0x1F", "0o17", "017", "1e3", "1_000", ".5", "1.0", ".inf",
	"-.inf", ".nan", "NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "12:30", "=", "<", "\x00", "\x07", "\x1b[31m",
	"\x7f", "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufeffbom", "emoji 🔐", "中文", "Ärger", "\U0010FFFF",
	"rate(30 days)", "cron(0 4 * * ? *)", "arn:aws:iam::111122223333:root", `{"username":"payments"}`, `"@/\`,
	strings.Repeat("long ", 200),
}

func TestRoundTripTrickyStrings(t *testing.T) {
	for _, s := range trickyStrings {
		t.Run(s, func(t *testing.T) {
			d := &blueprint.Design{
				Version: 1,
				Name:    s,
				Secret: blueprint.Secret{
					SecretID:    s,
					Description: s,
					Tags:        []blueprint.Tag{{Key: s, Value: s}, {Key: "other" + s, Value: s + s}},
					GenerateSecretString: &blueprint.GenerateSecretString{
						SecretStringTemplate: s, ExcludeCharacters: s,
					},
				},
				ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{
					Sid:       s,
					Principal: &blueprint.Principal{AWS: []string{s}, Service: []string{s, "x"}},
					Action:    []string{s},
					Resource:  []string{s},
					Condition: []blueprint.Condition{{Operator: s, Key: s, Values: []string{s, "v"}}, {Operator: s, Key: s + "2", Values: []string{s}}},
				}}},
				Waivers: []blueprint.Waiver{{Rule: s, Reason: s}},
			}
			roundTrip(t, d)
		})
	}
}

func TestSaveRefuses(t *testing.T) {
	stmt := func(st blueprint.Statement) *blueprint.Design {
		return &blueprint.Design{Version: 1, ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{st}}}
	}
	tests := []struct {
		name string
		d    *blueprint.Design
		want string
	}{
		{"nil design", nil, "save design: no design"},
		{"invalid UTF-8", &blueprint.Design{Secret: blueprint.Secret{Description: "a\xffb"}},
			`save design: "a\xffb" is not valid UTF-8`},
		{"duplicate tag keys", &blueprint.Design{Secret: blueprint.Secret{Tags: []blueprint.Tag{{Key: "a"}, {Key: "a"}}}},
			`save design: secret.tags.a: tag key "a" is used twice; a design file holds each tag key once`},
		{"duplicate condition rows", stmt(blueprint.Statement{Condition: []blueprint.Condition{
			{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"a"}},
			{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"b"}},
		}}), "save design: resourcePolicy.statements[0].condition.StringEquals.aws:SourceVpce: two condition rows have this operator and key; put all the values in one row"},
		{"wildcard and list", stmt(blueprint.Statement{NotPrincipal: &blueprint.Principal{Wildcard: true, AWS: []string{"a"}}}),
			`save design: resourcePolicy.statements[0].notPrincipal: is both "*" and a list of principals; a design file holds one or the other`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Save(tt.d)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Save() = %q, %v; want error %q", out, err, tt.want)
			}
		})
	}
}

func TestSaveNormalizes(t *testing.T) {
	// Version 0 is written as the current version, empty lists are left
	// out, and condition rows are grouped by operator.
	d := &blueprint.Design{
		Secret: blueprint.Secret{SecretID: "x", Tags: []blueprint.Tag{}},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{
			Action: []string{},
			Condition: []blueprint.Condition{
				{Operator: "A", Key: "k1", Values: []string{"1"}},
				{Operator: "B", Key: "k2", Values: []string{"2"}},
				{Operator: "A", Key: "k3", Values: []string{}},
			},
		}}},
	}
	want := &blueprint.Design{
		Version: blueprint.CurrentVersion,
		Secret:  blueprint.Secret{SecretID: "x"},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{
			Condition: []blueprint.Condition{
				{Operator: "A", Key: "k1", Values: []string{"1"}},
				{Operator: "A", Key: "k3"},
				{Operator: "B", Key: "k2", Values: []string{"2"}},
			},
		}}},
	}
	out, err := Save(d)
	if err != nil {
		t.Fatal(err)
	}
	got, _, ds := parse("saved.yaml", out)
	if len(ds) > 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("parse(Save(d)) = %s, %v\nwant %s", dump(got), ds, dump(want))
	}
}

func TestSaveLayout(t *testing.T) {
	d := &blueprint.Design{
		Version: 1,
		Secret:  blueprint.Secret{SecretID: "prod/payments/db", Description: "Payments DB: primary", RecoveryWindowDays: ptr(7)},
		ResourcePolicy: &blueprint.ResourcePolicy{Statements: []blueprint.Statement{{
			Sid: "App", Effect: "Allow", Principal: &blueprint.Principal{Wildcard: true},
			Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"},
			Condition: []blueprint.Condition{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}}},
		}}},
		Rotation: &blueprint.Rotation{ScheduleExpression: "rate(10 days)", Duration: "2h", RotationLambdaARN: "arn:aws:lambda:us-east-1:111122223333:function:rot",
			RotationLambdaRoleARN: "arn:aws:iam::111122223333:role/rot"},
	}
	want := `# secretsmith design file; docs/design-file.md describes every key.
version: 1

# The secret: one to create (secretId) or one that exists (existingSecretArn).
secret:
  secretId: prod/payments/db
  description: "Payments DB: primary"
  recoveryWindowDays: 7

# Who may use the secret: the resource policy attached to it.
resourcePolicy:
  statements:
    - sid: App
      effect: Allow
      principal: "*"
      action:
        - secretsmanager:GetSecretValue
      resource: "*"
      condition:
        Bool:
          aws:SecureTransport:
            - "true"

# How often the secret rotates, and which Lambda function rotates it.
rotation:
  scheduleExpression: rate(10 days)
  duration: "2h"
  rotationLambdaArn: arn:aws:lambda:us-east-1:111122223333:function:rot
  rotationLambdaRoleArn: arn:aws:iam::111122223333:role/rot
`
	if got := string(roundTrip(t, d)); got != want {
		t.Errorf("Save() =\n%s\nwant\n%s", got, want)
	}
}

func TestPlainSafe(t *testing.T) {
	tabletest.Equal(t, "plainSafe", plainSafe, map[string]bool{
		"prod/payments/db":                           true,
		"arn:aws:kms:us-east-1:111122223333:key/abc": true,
		"Payments database credentials":              true,
		"rate(30 days)":                              true,
		"secretsmanager:*":                           true,
		"":                                           false,
		"*":                                          false,
		"2h":                                         false,
		"yes":                                        false,
		"Null":                                       false,
		"a: b":                                       false,
		"a  b":                                       false,
		"a ":                                         false,
		"ends:":                                      false,
		"a #b":                                       false,
		"x\ny":                                       false,
		"é":                                          false,
	})
}
