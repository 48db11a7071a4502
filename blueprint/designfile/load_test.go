package designfile

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// diagStrings renders diagnostics the way the CLI prints them.
func diagStrings(ds Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func TestParseErrors(t *testing.T) {
	// A policy statement and a rotation block, to put errors inside.
	const stmt = "version: 1\nresourcePolicy:\n  statements:\n    - "
	daysMsg := blueprint.ValidateAutomaticallyAfterDays(0).Error()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		// Keys.
		{"unknown key with a near match", "version: 1\nsecret:\n  secretID: x\n",
			[]string{`f.yaml:3:3: secret.secretID: unknown key "secretID"; did you mean "secretId"?`}},
		{"unknown key without a near match", "version: 1\nbogus: 1\n",
			[]string{`f.yaml:2:1: bogus: unknown key "bogus"; allowed keys here are version, name, secret, resourcePolicy, rotation, monitoring, waivers, output`}},
		{"every typo at once", "version: 1\nsecret:\n  SecretId: x\n  kmsKeyARN: y\n  recoverWindowDays: 3\n", []string{
			`f.yaml:3:3: secret.SecretId: unknown key "SecretId"; did you mean "secretId"?`,
			`f.yaml:4:3: secret.kmsKeyARN: unknown key "kmsKeyARN"; did you mean "kmsKeyArn"?`,
			`f.yaml:5:3: secret.recoverWindowDays: unknown key "recoverWindowDays"; did you mean "recoveryWindowDays"?`,
		}},
		{"principal keys are case sensitive", stmt + "principal: {aws: x}\n",
			[]string{`f.yaml:4:19: resourcePolicy.statements[0].principal.aws: unknown key "aws"; did you mean "AWS"?`}},
		{"duplicate key", "version: 1\nname: a\nname: b\n",
			[]string{`f.yaml:3:1: name: duplicate key "name"; it is already set on line 2`}},
		{"duplicate tag", "version: 1\nsecret:\n  tags:\n    owner: a\n    owner: b\n",
			[]string{`f.yaml:5:5: secret.tags.owner: duplicate key "owner"; it is already set on line 4`}},
		{"long unknown key is cut short", strings.Repeat("k", 100) + ": v\nversion: 1\n",
			[]string{`f.yaml:1:1: ["` + strings.Repeat("k", 64) + `..."]: unknown key "` + strings.Repeat("k", 40) + `..."; allowed keys here are version, name, secret, resourcePolicy, rotation, monitoring, waivers, output`}},

		// Version.
		{"missing version", "name: a\n",
			[]string{`f.yaml:1:1: version: is missing; add version: 1 as the first line`}},
		{"unknown version", "version: 2\n",
			[]string{`f.yaml:1:10: version: unsupported version 2; this secretsmith reads version 1 only`}},
		{"quoted version", "version: '1'\n",
			[]string{`f.yaml:1:10: version: must be a number, not the text "1"; remove the quotes`}},

		// Types.
		{"list where a mapping is expected", "version: 1\nsecret: [a]\n",
			[]string{`f.yaml:2:9: secret: must be a mapping, not a list`}},
		{"word for a number", "version: 1\nsecret:\n  recoveryWindowDays: thirty\n",
			[]string{`f.yaml:3:23: secret.recoveryWindowDays: must be a whole number, not "thirty"`}},
		{"quoted number", "version: 1\nsecret:\n  recoveryWindowDays: \"30\"\n",
			[]string{`f.yaml:3:23: secret.recoveryWindowDays: must be a number, not the text "30"; remove the quotes`}},
		{"fraction", "version: 1\nsecret:\n  recoveryWindowDays: 7.5\n",
			[]string{`f.yaml:3:23: secret.recoveryWindowDays: must be a whole number, not 7.5`}},
		{"hex number", "version: 1\nsecret:\n  generateSecretString: {passwordLength: 0x1E}\n",
			[]string{`f.yaml:3:42: secret.generateSecretString.passwordLength: must be a whole number written in decimal digits, not 0x1E`}},
		{"number too large", "version: 1\nsecret:\n  recoveryWindowDays: 99999999999999999999999\n",
			[]string{`f.yaml:3:23: secret.recoveryWindowDays: must be 7-30 days, or 0 to delete without recovery`}},
		{"zero days", "version: 1\nrotation:\n  automaticallyAfterDays: 0\n",
			[]string{`f.yaml:3:27: rotation.automaticallyAfterDays: ` + daysMsg}},
		{"YAML 1.1 boolean", "version: 1\nrotation:\n  rotateImmediately: yes\n",
			[]string{`f.yaml:3:22: rotation.rotateImmediately: must be true or false, not yes (YAML 1.1 words such as yes, no, on and off are not booleans here)`}},
		{"YAML 1.1 boolean on", "version: 1\nresourcePolicy: {blockPublicPolicy: On}\n",
			[]string{`f.yaml:2:37: resourcePolicy.blockPublicPolicy: must be true or false, not On (YAML 1.1 words such as yes, no, on and off are not booleans here)`}},
		{"quoted boolean", "version: 1\nrotation:\n  rotateImmediately: \"true\"\n",
			[]string{`f.yaml:3:22: rotation.rotateImmediately: must be true or false without quotes, not the text "true"`}},
		{"number for a boolean", "version: 1\nmonitoring:\n  rotationFailureAlert: 1\n",
			[]string{`f.yaml:3:25: monitoring.rotationFailureAlert: must be true or false, not 1`}},
		{"mapping for text", "version: 1\nname: {a: b}\n",
			[]string{`f.yaml:2:7: name: must be text, not a mapping`}},
		{"mapping for a list of text", stmt + "action: {a: b}\n",
			[]string{`f.yaml:4:15: resourcePolicy.statements[0].action: must be text or a list of text, not a mapping`}},
		{"list inside a list of text", stmt + "resource: [[a]]\n",
			[]string{`f.yaml:4:18: resourcePolicy.statements[0].resource[0]: must be text, not a list`}},
		{"principal that is an ARN", stmt + "principal: arn:aws:iam::111122223333:root\n",
			[]string{`f.yaml:4:18: resourcePolicy.statements[0].principal: must be "*" or a mapping with AWS, Service or Federated keys, not "arn:aws:iam::111122223333:root"`}},
		{"condition as a list", stmt + "condition: [a]\n",
			[]string{`f.yaml:4:18: resourcePolicy.statements[0].condition: must be a mapping of condition operators such as StringEquals, not a list`}},
		{"condition operator without keys", stmt + "condition: {StringEquals: x}\n",
			[]string{`f.yaml:4:33: resourcePolicy.statements[0].condition.StringEquals: must be a mapping of condition keys to values, not "x"`}},
		{"condition value that is a mapping", stmt + "condition:\n        StringEquals:\n          aws:SourceVpce:\n            - {a: b}\n",
			[]string{`f.yaml:7:15: resourcePolicy.statements[0].condition.StringEquals.aws:SourceVpce[0]: must be text, not a mapping`}},
		{"tags as a list", "version: 1\nsecret:\n  tags: [a]\n",
			[]string{`f.yaml:3:9: secret.tags: must be a mapping of tag keys to values, not a list`}},
		{"replicas as a mapping", "version: 1\nsecret:\n  replicaRegions: {region: eu-west-1}\n",
			[]string{`f.yaml:3:19: secret.replicaRegions: must be a list, not a mapping; start each item with "- "`}},
		{"statement that is text", stmt + "x\n",
			[]string{`f.yaml:4:7: resourcePolicy.statements[0]: must be a mapping, not "x"`}},
		{"root is a list", "- a\n",
			[]string{`f.yaml:1:1: a design file must be a mapping of keys such as version and secret, not a list`}},
		{"root is text", "just text\n",
			[]string{`f.yaml:1:1: a design file must be a mapping of keys such as version and secret, not text of 9 characters (not shown: a file that is not a design file may hold secrets)`}},

		// Nulls.
		{"null value", "version: 1\nname:\n",
			[]string{`f.yaml:2:1: name: has no value; give one or remove the key`}},
		{"null section", "version: 1\nrotation: ~\n",
			[]string{`f.yaml:2:1: rotation: has no value; give one or remove the key`}},
		{"null tag value", "version: 1\nsecret:\n  tags: {owner: }\n",
			[]string{`f.yaml:3:10: secret.tags.owner: has no value; give one or remove the key`}},
		{"null condition values", stmt + "condition: {Bool: {\"aws:SecureTransport\": null}}\n",
			[]string{`f.yaml:4:26: resourcePolicy.statements[0].condition.Bool.aws:SecureTransport: has no value; give one or remove the key`}},
		{"empty list item", "version: 1\nwaivers:\n  -\n  - rule: x\n",
			[]string{`f.yaml:3:4: waivers[0]: is an empty list item; give a value or remove the line`}},

		// YAML features a design file does not use.
		{"anchor and alias", "version: 1\nname: &a x\nsecretId: *a\n", []string{
			`f.yaml:2:7: YAML anchors (&name) are not allowed; write each value out where it is used`,
			`f.yaml:3:11: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
		}},
		{"bare star", stmt + "principal: *\n",
			[]string{`f.yaml:4:18: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`}},
		{"alias bomb", "version: 1\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n", []string{
			`f.yaml:2:4: YAML anchors (&name) are not allowed; write each value out where it is used`,
			`f.yaml:3:4: YAML anchors (&name) are not allowed; write each value out where it is used`,
			`f.yaml:3:8: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
			`f.yaml:3:12: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
			`f.yaml:3:16: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
			`f.yaml:3:20: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
			`f.yaml:3:24: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
			`f.yaml:3:28: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
			`f.yaml:3:32: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
			`f.yaml:3:36: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
			`f.yaml:3:40: YAML aliases (*name) are not allowed; to mean the wildcard, write "*" in quotes`,
		}},
		{"tag", "version: 1\nname: !Ref x\n",
			[]string{`f.yaml:2:7: YAML tags such as "!Ref" are not allowed; quote the value if it is meant as text`}},
		{"merge key", "version: 1\n<<: {name: x}\n",
			[]string{`f.yaml:2:1: YAML merge keys (<<) are not allowed; write each key out in full`}},
		{"directive", "%YAML 1.1\n---\nversion: 1\n",
			[]string{`f.yaml:1:1: YAML directives (%YAML, %TAG) are not allowed; remove the line`}},
		{"colon key inside braces", stmt + "condition: {Bool: {aws:SecureTransport: true}}\n",
			[]string{`f.yaml:4:26: inside { } a key with a colon must be quoted, such as "aws:SecureTransport": true; this YAML reader would split it at the colon`}},
		{"no space after colon inside braces", "version: 1\nsecret: {secretId:x}\n",
			[]string{`f.yaml:2:10: inside { } a key with a colon must be quoted, such as "aws:SecureTransport": true; this YAML reader would split it at the colon`}},
		{"explicit key", "version: 1\n? name\n: x\n",
			[]string{`f.yaml:2:1: explicit keys ("? ") are not allowed; write key: value`}},

		// The file as a whole.
		{"two documents", "version: 1\n---\nversion: 1\n",
			[]string{`f.yaml:2:1: the file holds more than one YAML document; a design file is one document, so remove the second ---`}},
		{"empty", "", []string{`f.yaml:1:1: version: is missing because the file is empty; a design file starts with version: 1`}},
		{"only a comment", "# nothing\n", []string{`f.yaml:1:1: version: is missing because the file is empty; a design file starts with version: 1`}},
		{"only blank lines", "   \n\n", []string{`f.yaml:1:1: version: is missing because the file is empty; a design file starts with version: 1`}},
		{"invalid UTF-8", "version: 1\nname: \"a\xffb\"\n",
			[]string{`f.yaml:2:9: the file is not valid UTF-8 (byte 0xff); save it as UTF-8 text`}},
		{"NUL byte", "version: 1\nname: a\x00\n",
			[]string{`f.yaml:2:8: the file contains a NUL byte, so it is binary (or UTF-16); a design file must be UTF-8 text`}},
		{"UTF-16", "\xff\xfev\x00e\x00",
			[]string{`f.yaml:1:4: the file contains a NUL byte, so it is binary (or UTF-16); a design file must be UTF-8 text`}},
		{"unclosed list", "version: 1\nname: [\n",
			[]string{`f.yaml:2:7: invalid YAML: sequence end token ']' not found`}},
		{"unclosed quote", "version: 1\nname: \"abc\n",
			[]string{`f.yaml:2:7: invalid YAML: could not find end character of double-quoted text`}},
		{"deep flow nesting", "version: 1\nname: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n",
			[]string{`f.yaml:2:70: nesting is deeper than 64 levels; a design file needs fewer than ten`}},
		{"deep block nesting", "version: 1\nname: " + strings.Repeat("- ", 70) + "x\n",
			[]string{`f.yaml:2:133: nesting is deeper than 64 levels; a design file needs fewer than ten`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, ds := parse("f.yaml", []byte(tt.in))
			if got := diagStrings(ds); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parse(%q) diagnostics =\n%s\nwant\n%s", tt.in, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseValues(t *testing.T) {
	tests := []struct {
		name string
		in   string
		get  func(*blueprint.Design) any
		want any
	}{
		// Strings are verbatim.
		{"double quotes keep escapes", `description: "a\tb \"c\" ${x} !Ref # no comment"`,
			func(d *blueprint.Design) any { return d.Secret.Description }, "a\tb \"c\" ${x} !Ref # no comment"},
		{"single quotes keep backslashes", `description: 'C:\path ''quoted'''`,
			func(d *blueprint.Design) any { return d.Secret.Description }, `C:\path 'quoted'`},
		{"quoted spaces survive", `description: "  padded  "`,
			func(d *blueprint.Design) any { return d.Secret.Description }, "  padded  "},
		{"literal block", "description: |\n    line one\n    line two\n",
			func(d *blueprint.Design) any { return d.Secret.Description }, "line one\nline two\n"},
		{"plain number as text", "secretId: 2024",
			func(d *blueprint.Design) any { return d.Secret.SecretID }, "2024"},
		{"plain yes as text", "description: yes",
			func(d *blueprint.Design) any { return d.Secret.Description }, "yes"},
		{"unicode", "description: Zugangsdaten für die Datenbank ✓",
			func(d *blueprint.Design) any { return d.Secret.Description }, "Zugangsdaten für die Datenbank ✓"},

		// Numbers are decimal.
		{"leading zero is decimal", "recoveryWindowDays: 030",
			func(d *blueprint.Design) any { return *d.Secret.RecoveryWindowDays }, 30},
		{"explicit zero kept", "recoveryWindowDays: 0",
			func(d *blueprint.Design) any { return *d.Secret.RecoveryWindowDays }, 0},
		{"negative number", "recoveryWindowDays: -3",
			func(d *blueprint.Design) any { return *d.Secret.RecoveryWindowDays }, -3},

		// Tags keep their order.
		{"tags in order", "tags: {zeta: '1', alpha: two, mid: \"\"}",
			func(d *blueprint.Design) any { return d.Secret.Tags },
			[]blueprint.Tag{{Key: "zeta", Value: "1"}, {Key: "alpha", Value: "two"}, {Key: "mid", Value: ""}}},
		{"tag number value as written", "tags: {cost: 0012}",
			func(d *blueprint.Design) any { return d.Secret.Tags }, []blueprint.Tag{{Key: "cost", Value: "0012"}}},
		{"booleans", "generateSecretString: {excludeLowercase: true, includeSpace: False}",
			func(d *blueprint.Design) any {
				g := d.Secret.GenerateSecretString
				return []bool{*g.ExcludeLowercase, *g.IncludeSpace, g.ExcludeNumbers == nil}
			}, []bool{true, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "version: 1\nsecret:\n  " + strings.ReplaceAll(tt.in, "\n", "\n  ") + "\n"
			d, _, ds := parse("f.yaml", []byte(in))
			if len(ds) > 0 {
				t.Fatalf("parse(%q) diagnostics: %v", in, ds)
			}
			if got := tt.get(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parse(%q) = %#v, want %#v", in, got, tt.want)
			}
		})
	}
}

func TestParseStatement(t *testing.T) {
	in := `version: 1
resourcePolicy:
  statements:
    - principal: "*"
      action: secretsmanager:GetSecretValue
      resource: "*"
      condition:
        StringEquals:
          aws:SourceVpce: [vpce-1, vpce-2]
          aws:PrincipalAccount: "111122223333"
        Bool: {"aws:SecureTransport": true}
    - notPrincipal:
        AWS: arn:aws:iam::111122223333:root
        Service: [a.amazonaws.com, b.amazonaws.com]
      notAction: []
`
	want := []blueprint.Statement{
		{
			Principal: &blueprint.Principal{Wildcard: true},
			Action:    []string{"secretsmanager:GetSecretValue"},
			Resource:  []string{"*"},
			Condition: []blueprint.Condition{
				{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-1", "vpce-2"}},
				{Operator: "StringEquals", Key: "aws:PrincipalAccount", Values: []string{"111122223333"}},
				{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}},
			},
		},
		{NotPrincipal: &blueprint.Principal{AWS: []string{"arn:aws:iam::111122223333:root"}, Service: []string{"a.amazonaws.com", "b.amazonaws.com"}}},
	}
	d, _, ds := parse("f.yaml", []byte(in))
	if len(ds) > 0 {
		t.Fatalf("Parse diagnostics: %v", ds)
	}
	if !reflect.DeepEqual(d.ResourcePolicy.Statements, want) {
		t.Errorf("Parse statements = %#v, want %#v", d.ResourcePolicy.Statements, want)
	}
}

func TestParseByteOrderMark(t *testing.T) {
	d, _, ds := parse("f.yaml", []byte("\uFEFFversion: 1\nname: bom\n"))
	if len(ds) > 0 || d.Name != "bom" {
		t.Errorf("parse(BOM file) = %+v, %v; want name bom and no diagnostics", d, ds)
	}
}

func TestParseKeepsGoodValuesNextToBadOnes(t *testing.T) {
	d, _, ds := parse("f.yaml", []byte("version: 1\nname: ok\nsecret:\n  secretId: a/b\n  recoveryWindowDays: x\n"))
	if len(ds) != 1 {
		t.Fatalf("Parse diagnostics = %v, want one", ds)
	}
	if d == nil || d.Name != "ok" || d.Secret.SecretID != "a/b" {
		t.Errorf("Parse design = %+v, want name and secretId decoded", d)
	}
}

func TestLoad(t *testing.T) {
	for _, name := range []string{"testdata/full.yaml", "testdata/existing.yaml", "testdata/target.yaml"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			d, ds, err := load(name, data)
			if err != nil || len(ds) != 0 || d == nil {
				t.Errorf("load(%s) = %v, %v, %v; want a design and no diagnostics", name, d, ds, err)
			}
		})
	}
}

// TestLoadPlacesValidationProblems checks that problems found by Validate
// are put on the line of the field they concern. The messages come from
// blueprint, so the test asks blueprint for them.
func TestLoadPlacesValidationProblems(t *testing.T) {
	const base = "version: 1\nsecret:\n  secretId: prod/db\n"
	tests := []struct {
		name string
		in   string
		path string
		line int
		col  int
	}{
		{"bad region value", base + "  region: mars-1\n", "secret.region", 4, 11},
		{"bad tag key", base + "  tags:\n    \"aws:owner\": x\n", "secret.tags.aws:owner", 5, 18},
		{"bad replica region", base + "  replicaRegions:\n    - region: nowhere\n", "secret.replicaRegions[0].region", 5, 15},
		{"bad action in a list", base + "resourcePolicy:\n  statements:\n    - principal: {AWS: \"arn:aws:iam::111122223333:root\"}\n      resource: \"*\"\n      action: [secretsmanager:GetSecretValue, \"s3:*\"]\n", "resourcePolicy.statements[0].action[1]", 8, 47},
		{"missing field points at its section", "version: 1\nsecret:\n  description: x\n", "secret.secretId", 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds, err := load("f.yaml", []byte(tt.in))
			if err == nil {
				t.Fatalf("load(%q) error = nil, want one at %s", tt.in, tt.path)
			}
			var found *Diagnostic
			for i := range ds {
				if ds[i].Path == tt.path {
					found = &ds[i]
					break
				}
			}
			if found == nil {
				t.Fatalf("load(%q) = %v, want a diagnostic at %s", tt.in, ds, tt.path)
			}
			if found.Line != tt.line || found.Col != tt.col {
				t.Errorf("load(%q) puts %s at %d:%d, want %d:%d", tt.in, tt.path, found.Line, found.Col, tt.line, tt.col)
			}
		})
	}
}

func TestLoadDoesNotRepeatStructuralErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"typo hides missing secretId", "version: 1\nsecret:\n  secretID: prod/db\n",
			[]string{`f.yaml:3:3: secret.secretID: unknown key "secretID"; did you mean "secretId"?`}},
		{"bad version hides Validate's version message", "version: 7\nsecret:\n  secretId: prod/db\n",
			[]string{`f.yaml:1:10: version: unsupported version 7; this secretsmith reads version 1 only`}},
		// Issue 22's fourth trial: with version 2, "secretId is required"
		// came first and the version was "(and 1 more)" in the wizard.
		{"another version hides every problem of this one", "version: 2\nname: x\n",
			[]string{`f.yaml:1:10: version: unsupported version 2; this secretsmith reads version 1 only`}},
		{"bad action hides missing action", "version: 1\nsecret:\n  secretId: prod/db\nresourcePolicy:\n  statements:\n    - principal: {AWS: \"arn:aws:iam::111122223333:root\"}\n      resource: \"*\"\n      effect: Allow\n      action: {x: y}\n",
			[]string{`f.yaml:9:15: resourcePolicy.statements[0].action: must be text or a list of text, not a mapping`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ds, err := load("f.yaml", []byte(tt.in))
			if got := diagStrings(ds); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("load(%q) diagnostics =\n%s\nwant\n%s", tt.in, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if err == nil || d != nil {
				t.Errorf("load(%q) = %v, %v; want nil design and an error", tt.in, d, err)
			}
		})
	}
}

func TestLoadWarningsAreNotErrors(t *testing.T) {
	data, err := os.ReadFile("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// A condition key IAM does not list is allowed, with a warning.
	in := strings.Replace(string(data), `aws:SecureTransport: "true"`, `aws:SecureTransprt: "true"`, 1)
	d, ds, err := load("full.yaml", []byte(in))
	if err != nil || d == nil {
		t.Fatalf("load(full.yaml with an unknown condition key) = %v, %v; want a design and no error", d, err)
	}
	if len(ds) != 1 || len(ds.Warnings()) != 1 || len(ds.Errors()) != 0 {
		t.Fatalf("Load diagnostics = %v, want one warning", ds)
	}
	w := ds[0]
	if w.Path != "resourcePolicy.statements[0].condition.Bool.aws:SecureTransprt" || w.Line != 55 || w.Col != 31 {
		t.Errorf("warning at %s %d:%d, want resourcePolicy.statements[0].condition.Bool.aws:SecureTransprt 55:31", w.Path, w.Line, w.Col)
	}
	if s := w.String(); !strings.HasPrefix(s, "full.yaml:55:31: resourcePolicy.statements[0].condition.Bool.aws:SecureTransprt: warning: ") {
		t.Errorf("warning.String() = %q, want the FILE:LINE:COL: path: warning: form", s)
	}
}

// TestHostileInputs feeds input meant to hang or crash a YAML loader. Each
// must come back with an error-level diagnostic at a real position.
func TestHostileInputs(t *testing.T) {
	keys := func(n int) string {
		var b strings.Builder
		b.WriteString("version: 1\n")
		for i := range n {
			b.WriteString("k")
			b.WriteString(strings.Repeat("x", i%7))
			b.WriteString(string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26)) + ": v\n")
		}
		return b.String()
	}
	tests := []struct {
		name string
		in   string
	}{
		{"over 1 MiB", "version: 1\ndescription: " + strings.Repeat("x", MaxFileSize)},
		{"binary", "\x7fELF\x02\x01\x01\x00\x00\x00"},
		{"invalid UTF-8 everywhere", strings.Repeat("\xc3\x28", 1000)},
		{"billion laughs", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"},
		{"deep flow nesting", "a: " + strings.Repeat("[", 500000)},
		{"deep flow mappings", "a: " + strings.Repeat("{a: ", 200000)},
		{"deep block lists", strings.Repeat("- ", 400000) + "x"},
		{"deep block mappings", func() string {
			var b strings.Builder
			for i := 0; b.Len() < MaxFileSize-4000; i++ {
				b.WriteString(strings.Repeat(" ", i) + "a:\n")
			}
			return b.String()
		}()},
		{"too many tokens", "version: 1\nx: [" + strings.Repeat("a,", 30000) + "]\n"},
		{"many keys", keys(8000)},
		{"brackets", strings.Repeat("[]", MaxFileSize/2)},
		{"quotes", strings.Repeat("\"", MaxFileSize)},
		{"colons", strings.Repeat(":", MaxFileSize)},
		{"many documents", strings.Repeat("---\na: 1\n", 100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds, err := load("f.yaml", []byte(tt.in))
			if err == nil || len(ds.Errors()) == 0 {
				t.Fatalf("load(%s) error = nil, want one", tt.name)
			}
			if len(ds) > maxDiagnostics+1 {
				t.Errorf("load(%s) gave %d diagnostics, want at most %d", tt.name, len(ds), maxDiagnostics+1)
			}
			for _, d := range ds {
				if d.Line < 1 || d.Col < 1 {
					t.Errorf("load(%s) diagnostic %q has no position", tt.name, d.String())
				}
			}
		})
	}
}

func TestSourcePosition(t *testing.T) {
	in := "version: 1\nsecret:\n  secretId: a\n  tags:\n    \"a.b\": x\nresourcePolicy:\n  statements:\n    - sid: S\n      action: [x, y]\n"
	_, src, ds := parse("f.yaml", []byte(in))
	if len(ds) > 0 {
		t.Fatalf("Parse diagnostics: %v", ds)
	}
	tests := []struct {
		path      string
		line, col int
	}{
		{"version", 1, 10},
		{"secret", 2, 1},
		{"secret.secretId", 3, 13},
		{"secret.kmsKeyArn", 2, 1},
		{`secret.tags["a.b"]`, 5, 12},
		{`secret.tags["a.b"].more`, 5, 12},
		{"secret.tags.missing", 4, 3},
		{"resourcePolicy.statements[0]", 8, 7},
		{"resourcePolicy.statements[0].sid", 8, 12},
		{"resourcePolicy.statements[0].action[1]", 9, 19},
		{"resourcePolicy.statements[0].action[5]", 9, 7},
		{"resourcePolicy.statements[3].sid", 7, 3},
		{"rotation.duration", 1, 1},
		{"", 1, 1},
	}
	for _, tt := range tests {
		if line, col := src.Position(tt.path); line != tt.line || col != tt.col {
			t.Errorf("Position(%q) = %d:%d, want %d:%d", tt.path, line, col, tt.line, tt.col)
		}
	}
	var none *Source
	if line, col := none.Position("secret"); line != 1 || col != 1 {
		t.Errorf("nil Source Position = %d:%d, want 1:1", line, col)
	}
}

func TestParentPath(t *testing.T) {
	tabletest.Equal(t, "parentPath", parentPath, map[string]string{
		"secret.tags.owner":     "secret.tags",
		`secret.tags["a.b[c]"]`: "secret.tags",
		`secret.tags["a\"]b"]`:  "secret.tags",
		"waivers[2].rule":       "waivers[2]",
		"waivers[2]":            "waivers",
		"version":               "",
		"":                      "",
	})
}

func TestDiagnosticsString(t *testing.T) {
	ds := Diagnostics{
		{File: "d.yaml", Line: 3, Col: 5, Path: "secret.secretId", Message: "is wrong"},
		{File: "d.yaml", Line: 9, Col: 1, Path: "rotation", Severity: blueprint.SeverityWarning, Message: "is odd"},
		{File: "d.yaml", Line: 1, Col: 1, Message: "the file is empty"},
	}
	want := "d.yaml:3:5: secret.secretId: is wrong\nd.yaml:9:1: rotation: warning: is odd\nd.yaml:1:1: the file is empty"
	if got := ds.Error(); got != want {
		t.Errorf("Diagnostics.Error() =\n%s\nwant\n%s", got, want)
	}
	if n := len(ds.Errors()); n != 2 {
		t.Errorf("Errors() has %d, want 2", n)
	}
	if n := len(ds.Warnings()); n != 1 {
		t.Errorf("Warnings() has %d, want 1", n)
	}
}

func TestLocate(t *testing.T) {
	_, src, _ := parse("f.yaml", []byte("version: 1\nsecret:\n  secretId: x\n"))
	ps := blueprint.Problems{
		{Path: "secret.secretId", Message: "bad", Rule: "r"},
		{Path: "secret.kmsKeyArn", Severity: blueprint.SeverityWarning, Message: "missing"},
	}
	want := []string{"f.yaml:3:13: secret.secretId: bad", "f.yaml:2:1: secret.kmsKeyArn: warning: missing"}
	if got := diagStrings(Locate("f.yaml", src, ps)); !reflect.DeepEqual(got, want) {
		t.Errorf("Locate = %q, want %q", got, want)
	}
}

func TestSuggest(t *testing.T) {
	known := secretFields.keyNames()
	tabletest.Equal(t, "blueprint.Suggest", func(in string) string { return blueprint.Suggest(in, known) }, map[string]string{
		"secretID":               "secretId",
		"secretid":               "secretId",
		"secret_id":              "secretId",
		"kmsKeyArm":              "kmsKeyArn",
		"tag":                    "tags",
		"replicaRegion":          "replicaRegions",
		"colour":                 "",
		strings.Repeat("x", 100): "",
	})
}

// A statement may leave resource out ("*", this secret) and the policy may
// leave blockPublicPolicy out (true): the defaults are what works and what
// complies.
func TestLoadPolicyDefaults(t *testing.T) {
	in := "version: 1\nsecret:\n  secretId: prod/db\nresourcePolicy:\n  statements:\n" +
		"    - effect: Allow\n      principal: {AWS: arn:aws:iam::111122223333:role/app}\n      action: secretsmanager:GetSecretValue\n"
	d, ds, err := load("f.yaml", []byte(in))
	if err != nil || len(ds.Errors()) > 0 {
		t.Fatalf("load() = %v, %v", ds, err)
	}
	if got := d.ResourcePolicy.Document().Statement[0].Resource; !reflect.DeepEqual([]string(got), []string{"*"}) {
		t.Errorf("Document() resource = %q, want [*]", got)
	}
	if d.ResourcePolicy.BlockPublicPolicy != nil || !d.ResourcePolicy.BlocksPublicPolicy() {
		t.Errorf("blockPublicPolicy = %v, want left out and so true", d.ResourcePolicy.BlockPublicPolicy)
	}
	for _, p := range d.Validate() {
		if strings.HasPrefix(p.Path, "resourcePolicy") {
			t.Errorf("Validate() = %v, want nothing about the policy", p)
		}
	}
}

// Issue 22's fourth trial: a design file that is a link to /etc/shadow
// printed each line as an unknown key. A key that looks like secret
// material (here a password hash) is not repeated, in the message or the
// path; an ordinary unknown key still is.
func TestUnknownKeyThatLooksSecretNotShown(t *testing.T) {
	const hash = "$6$Zk1pQ2xY$WqJm3XsNvR8tLpA0bYcD5eFgH7iJkLmNoPqRsTuVwXyZ0123456789abcdef"
	f := Decode("f.yaml", []byte("version: 1\nalice:"+hash+":19000:0:99999:7::: x\nsecretz: y\n"))
	var all []string
	for _, d := range f.Diagnostics() {
		all = append(all, d.String())
	}
	text := strings.Join(all, "\n")
	if strings.Contains(text, "WqJm3XsNvR8t") || !strings.Contains(text, "not shown: it looks like") {
		t.Errorf("diagnostics:\n%s", text)
	}
	if !strings.Contains(text, `unknown key "secretz"`) {
		t.Errorf("an ordinary unknown key is not named:\n%s", text)
	}
}

// Issue 22's sixth trial (B2): a file that is not a design file had its
// text quoted in the error: a .env file's password, an AWS secret access
// key, a shadow line whose hash field holds no hash. No message or path
// repeats text that may be secret material; ordinary values still are.
func TestMessagesNeverQuoteSecretMaterial(t *testing.T) {
	tests := []struct{ name, file, secret, want string }{
		{"env file", "DB_USER=app\nDB_PASSWORD=hunter2XYZsecret\n", "hunter2", "not text of 40 characters (not shown"},
		{"secret access key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", "K7MDENG", "not text of 40 characters (not shown"},
		{"short random line", "s3cr3tPa55\n", "s3cr3t", "not text of 10 characters (not shown"},
		{"shadow line", "version: 1\nroot:*:20228:0:99999:7:::\n", "20228", "unknown key (not shown: its 24 characters are not a key name"},
		{"duplicate shadow line", "version: 1\nroot:*:20228:0:99999:7:::\nroot:*:20228:0:99999:7:::\n", "20228", "duplicate key (not shown"},
		{"name=value in a number", "version: 1\nrotation:\n  automaticallyAfterDays: password=hunter2\n", "hunter2",
			"must be a whole number, not text of 16 characters (not shown: it looks like a password or key written as name=value)"},
		{"name=value tag key", "version: 1\nsecret:\n  secretId: x\n  tags:\n    token=abcXYZ123: [1]\n", "abcXYZ",
			`secret.tags["(not shown)"]: must be text, not a list`},
		{"name=value YAML tag", "version: 1\nname: !password=hunter2\n", "hunter2", "this one is text of 17 characters (not shown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var all []string
			for _, d := range Decode("f.yaml", []byte(tt.file)).Diagnostics() {
				all = append(all, d.String())
			}
			text := strings.Join(all, "\n")
			if strings.Contains(text, tt.secret) || !strings.Contains(text, tt.want) {
				t.Errorf("want %q and no %q in:\n%s", tt.want, tt.secret, text)
			}
		})
	}
	_, ds, _ := load("f.yaml", []byte("version: 1\nrotation:\n  automaticallyAfterDays: thirty\n"))
	if !strings.Contains(ds.Error(), `not "thirty"`) {
		t.Errorf("an ordinary value is not quoted: %v", ds)
	}
}
