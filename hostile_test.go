package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// hostile is the attack pass's payload: set the window title, fill the
// clipboard through OSC 52, hide what follows, a C1 CSI and a bidi override.
const hostile = "\x1b]0;pwned\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[8m\u009b31m\u202e"

// fillHostile sets every string in v (fields, list items, map keys and
// values) to the payload, each with a counter so map keys stay distinct, and
// gives every optional struct and list one element to fill.
func fillHostile(v reflect.Value, n *int) {
	next := func() string { *n++; return fmt.Sprintf("%s%d", hostile, *n) }
	switch v.Kind() {
	case reflect.String:
		v.SetString(next())
	case reflect.Pointer:
		if v.Type().Elem().Kind() == reflect.Struct {
			v.Set(reflect.New(v.Type().Elem()))
			fillHostile(v.Elem(), n)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillHostile(v.Field(i), n)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillHostile(s.Index(0), n)
		v.Set(s)
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String {
			m := reflect.MakeMap(v.Type())
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString(next())
			e := reflect.New(v.Type().Elem()).Elem()
			fillHostile(e, n)
			m.SetMapIndex(k, e)
			v.Set(m)
		}
	}
}

// hostileDesignFile writes a design file in which every string field holds
// the payload, under a file name that holds it too.
func hostileDesignFile(t *testing.T, dir string) string {
	t.Helper()
	d := &blueprint.Design{}
	n := 0
	fillHostile(reflect.ValueOf(d).Elem(), &n)
	d.Version = blueprint.CurrentVersion
	data, err := designfile.Save(d)
	if err != nil {
		t.Fatalf("save the hostile design: %v", err)
	}
	if !strings.Contains(string(data), `\e]0;pwned`) && !strings.Contains(string(data), `\x1b]0;pwned`) {
		t.Fatalf("the saved design does not carry the payload:\n%s", data)
	}
	p := filepath.Join(dir, "d"+hostile+".yaml")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// hostileValid is a design that loads, with the payload in the text fields
// that may hold anything but controls (so validation reports them) and in a
// condition operator, which generate reports as a rule finding.
const hostileValid = `version: 1
secret:
  secretId: prod/x
  description: "d\e]0;pwned\a\e]52;c;ZWNobyBwd25lZA==\a\e[8m\x9b31m\u202e"
  generateSecretString: {passwordLength: 32}
  tags: {owner: "\e]0;pwned\a"}
  replicaRegions: [{region: "eu-west-1\e]0;pwned\a"}]
resourcePolicy:
  statements:
    - sid: "S\e]0;pwned\a"
      effect: Allow
      principal: {AWS: ["arn:aws:iam::111122223333:role/app"]}
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
      condition: {"StringEquals\e]0;pwned\a": {"aws:SourceVpce": ["vpce-0123456789abcdef0"]}}
rotation:
  automaticallyAfterDays: 30
  rotationLambdaArn: arn:aws:lambda:us-east-1:111122223333:function:rot
  rotationLambdaRoleArn: arn:aws:iam::111122223333:role/rot
monitoring: {rotationFailureAlert: true, alertEmail: a@example.com}
waivers:
  - rule: "tags-present\e]0;pwned\a"
    reason: "because\e]0;pwned\a\e]52;c;ZWNobyBwd25lZA==\a"
  - rule: resource-this-secret
    reason: "because\e]0;pwned\a\e[8m"
`

// hostileBidiValid passes validation: bidi characters and NEL are allowed
// in free text (only warned about in tags), so they reach every report.
const hostileBidiValid = `version: 1
secret:
  secretId: prod/x
  description: "d\u202eevil\u2066"
  generateSecretString: {passwordLength: 32}
  tags: {owner: "v\u202e"}
resourcePolicy:
  statements:
    - sid: S1
      effect: Allow
      principal: {AWS: ["arn:aws:iam::111122223333:role/app"]}
      action: ["secretsmanager:GetSecretValue"]
      resource: "*"
      condition: {StringEquals: {"aws:SourceVpce": ["vpce-0123456789abcdef0"]}}
rotation:
  automaticallyAfterDays: 30
  rotationLambdaArn: arn:aws:lambda:us-east-1:111122223333:function:rot
  rotationLambdaRoleArn: arn:aws:iam::111122223333:role/rot
monitoring: {rotationFailureAlert: true, alertEmail: a@example.com}
waivers:
  - rule: tags-present
    reason: "because\u202e\u0085 x"
`

// terminalControl returns the first byte or character of s that a terminal
// would act on: ESC, BEL, any other C0 control but newline and tab, DEL, a
// C1 control or a bidi formatting character.
func terminalControl(s string) (string, bool) {
	for i, r := range s {
		if r == utf8.RuneError {
			continue
		}
		if blueprint.NeedsEscape(r) {
			lo := max(0, i-30)
			return fmt.Sprintf("%U near %q", r, s[lo:min(len(s), i+30)]), true
		}
	}
	return "", false
}

// TestHostileTextNeverReachesTheTerminal feeds the payload in every string
// field, in the file name and in answers, through every command, and checks
// that no control reaches standard output or standard error raw.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("NO_COLOR", "1")
	// Line mode that runs to the end writes its files here.
	t.Chdir(dir)
	design := hostileDesignFile(t, dir)
	// The same design under a plain name, so the file name does not hide
	// what the design's own fields print.
	plain := filepath.Join(dir, "plain.yaml")
	if data, err := os.ReadFile(design); err != nil || os.WriteFile(plain, data, 0o644) != nil {
		t.Fatal(err)
	}
	// A valid design with the payload in the free-text fields line mode
	// shows as current values, statement labels and waiver reasons.
	mostlyValid := filepath.Join(dir, "mostly-valid.yaml")
	if err := os.WriteFile(mostlyValid, []byte(hostileValid), 0o644); err != nil {
		t.Fatal(err)
	}
	answers := strings.Repeat(hostile+"\n", 40)
	// A design that is valid with bidi characters and NEL in its free
	// text, so check, access and line mode print their full reports.
	validBidi := filepath.Join(dir, "valid-bidi.yaml")
	if err := os.WriteFile(validBidi, []byte(hostileBidiValid), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
	}{
		{"check a valid design", []string{"check", validBidi}, ""},
		{"access a valid design", []string{"access", validBidi}, ""},
		{"access a valid design as json", []string{"access", validBidi, "-o", "json"}, ""},
		{"generate a valid design to a file", []string{"generate", validBidi, "-f", "cloudformation", "-o", filepath.Join(dir, "bidi"+hostile+".yaml")}, ""},
		{"line mode on a valid design", []string{"--accessible", "--design", validBidi}, strings.Repeat("\n", 80)},
		{"check", []string{"check", design}, ""},
		{"check a plain name", []string{"check", plain}, ""},
		{"check a mostly valid design", []string{"check", mostlyValid}, ""},
		{"generate a plain name", []string{"generate", plain, "-f", "terraform"}, ""},
		{"generate a mostly valid design", []string{"generate", mostlyValid, "-f", "terraform"}, ""},
		{"line mode on a plain name", []string{"--accessible", "--design", plain}, answers},
		{"line mode keeping every value", []string{"--accessible", "--design", mostlyValid}, strings.Repeat("\n", 60)},
		{"generate cloudformation", []string{"generate", design, "-f", "cloudformation"}, ""},
		{"generate terraform", []string{"generate", design, "-f", "terraform", "-o", filepath.Join(dir, "tf"+hostile)}, ""},
		{"generate to a hostile file name", []string{"generate", design, "-f", "cloudformation", "-o", filepath.Join(dir, "out"+hostile)}, ""},
		{"generate a missing file", []string{"generate", filepath.Join(dir, "missing"+hostile), "-f", "terraform"}, ""},
		{"rules", []string{"rules", hostile}, ""},
		{"access", []string{"access", design}, ""},
		{"access a mostly valid design", []string{"access", mostlyValid}, ""},
		{"access json", []string{"access", mostlyValid, "-o", "json"}, ""},
		{"check with a hostile argument count", []string{"check", hostile, hostile}, ""},
		{"unknown command", []string{hostile}, ""},
		{"unknown flag", []string{"check", "--" + hostile}, ""},
		{"line mode on the design", []string{"--accessible", "--design", design}, answers},
		{"line mode answers", []string{"--accessible"}, "new\n" + answers},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			run(tc.args, strings.NewReader(tc.stdin), &stdout, &stderr)
			for name, s := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
				if where, bad := terminalControl(s); bad {
					t.Errorf("%s holds a raw %s", name, where)
				}
			}
			if stdout.Len()+stderr.Len() == 0 {
				t.Errorf("printed nothing")
			}
		})
	}
}

// A 300-character secret id makes names within AWS's limits: the KMS alias
// (256), the stack name in the deploy hint (128); check on a megabyte id
// shows a capped header.
func TestLongSecretIDNamesStayWithinLimits(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "long.yaml")
	long := strings.Replace(validDesign, "secretId: prod/x", "secretId: prod/"+strings.Repeat("a", 300), 1)
	if err := os.WriteFile(design, []byte(long), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	out := filepath.Join(dir, "t.yaml")
	if code := run([]string{"generate", design, "-f", "cloudformation", "-o", out}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("generate: exit %d: %s", code, stderr.String())
	}
	tmpl, _ := os.ReadFile(out)
	for _, line := range strings.Split(string(tmpl), "\n") {
		if i := strings.Index(line, "alias/secretsmanager/"); i >= 0 {
			alias := strings.Trim(strings.TrimSpace(line[i:]), `"'`)
			if len(alias) > 256 {
				t.Errorf("the KMS alias is %d characters", len(alias))
			}
		}
	}
	_, hint, _ := strings.Cut(stderr.String(), "--stack-name ")
	stack, _, _ := strings.Cut(hint, " ")
	if stack == "" || len(stack) > 128 {
		t.Errorf("the stack name in the deploy hint is %d characters: %q", len(stack), stack)
	}

	huge := filepath.Join(dir, "huge.yaml")
	body := strings.Replace(validDesign, "secretId: prod/x", "secretId: "+strings.Repeat("b", 1<<20-len(validDesign)), 1)
	if err := os.WriteFile(huge, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	run([]string{"check", huge}, strings.NewReader(""), &stdout, &stderr)
	header, _, _ := strings.Cut(stdout.String(), "\n")
	if len(header) > 300 || header == "" {
		t.Errorf("check's header is %d bytes", len(header))
	}
	if stdout.Len()+stderr.Len() > 20000 {
		t.Errorf("check on a megabyte id printed %d bytes", stdout.Len()+stderr.Len())
	}
}
