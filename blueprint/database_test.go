package blueprint

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/tabletest"
)

func TestSecretTemplate(t *testing.T) {
	host := &Database{Host: "db.internal", Username: "app"}
	hosted := func(typ, master string) *Rotation {
		return &Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &HostedRotationLambda{RotationType: typ, MasterSecretARN: master}}
	}
	tests := []struct {
		name     string
		d        Design
		want     string
		wantKey  string
		wantNone bool
	}{
		{name: "plain generated value", d: Design{Secret: Secret{SecretID: "a"}}, wantNone: true},
		{name: "own template, no rotation", d: Design{Secret: Secret{SecretID: "a", GenerateSecretString: &GenerateSecretString{
			SecretStringTemplate: `{ "username" : "app" }`, GenerateStringKey: "pw"}}},
			want: `{"username":"app"}`, wantKey: "pw"},
		{name: "single user, host", d: Design{Secret: Secret{SecretID: "a", Database: host}, Rotation: hosted("PostgreSQLSingleUser", "")},
			want: `{"engine":"postgres","host":"db.internal","port":5432,"username":"app"}`, wantKey: "password"},
		{name: "multi user, host", d: Design{Secret: Secret{SecretID: "a", Database: host}, Rotation: hosted("MySQLMultiUser", masterARN)},
			want: `{"engine":"mysql","host":"db.internal","port":3306,"username":"app","masterarn":"` + masterARN + `"}`, wantKey: "password"},
		{name: "target", d: Design{Secret: Secret{SecretID: "a", Database: &Database{TargetType: "AWS::RDS::DBCluster", TargetID: "c", Username: "app", DBName: "orcl"}},
			Rotation: hosted("OracleSingleUser", "")},
			want: `{"engine":"oracle","dbname":"orcl","username":"app"}`, wantKey: "password"},
		{name: "template keys kept and first", d: Design{Secret: Secret{SecretID: "a", Database: &Database{Host: "db", Port: 6000, Username: "app"},
			GenerateSecretString: &GenerateSecretString{SecretStringTemplate: `{"engine":"aurora-postgresql","username":"app"}`, GenerateStringKey: "password"}},
			Rotation: hosted("PostgreSQLSingleUser", "")},
			want: `{"engine":"aurora-postgresql","username":"app","host":"db","port":6000}`, wantKey: "password"},
		{name: "database without hosted rotation", d: Design{Secret: Secret{SecretID: "a", Database: host}},
			want: `{"host":"db.internal","username":"app"}`, wantKey: "password"},
		{name: "existing secret", d: Design{Secret: Secret{ExistingSecretARN: secARN, Database: host}, Rotation: hosted("PostgreSQLSingleUser", "")}, wantNone: true},
		{name: "escaped text", d: Design{Secret: Secret{SecretID: "a", Database: &Database{Host: "db", Username: `a<b>&`}}},
			want: `{"host":"db","username":"a<b>&"}`, wantKey: "password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields, key := tt.d.SecretTemplate()
			if tt.wantNone {
				if len(fields) != 0 || key != "" {
					t.Errorf("SecretTemplate() = %s, %q; want nothing", TemplateJSON(fields), key)
				}
				return
			}
			got := TemplateJSON(fields)
			if got != tt.want || key != tt.wantKey {
				t.Errorf("SecretTemplate() = %s, %q; want %s, %q", got, key, tt.want, tt.wantKey)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("TemplateJSON() = %s is not JSON", got)
			}
		})
	}
}

// TestSecretTemplateEveryRotationType holds every hosted type to what its
// function reads: engine among the ones it accepts, host, username, and
// masterarn exactly for the types that sign in as the master user.
func TestSecretTemplateEveryRotationType(t *testing.T) {
	for _, rt := range RotationTypes {
		d := Design{Version: 1, Secret: Secret{SecretID: "a", Database: &Database{Host: "db.internal", Username: "app", DBName: "d"}},
			Rotation: &Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &HostedRotationLambda{RotationType: rt.Name}}}
		if rt.NeedsMaster {
			d.Rotation.HostedRotationLambda.MasterSecretARN = masterARN
		}
		fields, _ := d.SecretTemplate()
		var m map[string]any
		if err := json.Unmarshal([]byte(TemplateJSON(fields)), &m); err != nil {
			t.Fatal(err)
		}
		if e, _ := m["engine"].(string); !strings.Contains(" "+strings.Join(rt.Engines, " ")+" ", " "+e+" ") {
			t.Errorf("%s: engine %q, want one of %v", rt.Name, e, rt.Engines)
		}
		if m["host"] != "db.internal" || m["username"] != "app" || m["port"] != float64(rt.DefaultPort) {
			t.Errorf("%s: template %v lacks host, port or username", rt.Name, m)
		}
		if _, ok := m["masterarn"]; ok != rt.NeedsMaster {
			t.Errorf("%s: masterarn present = %v, want %v", rt.Name, ok, rt.NeedsMaster)
		}
		if r, _ := Check(&d).Result("database-connection"); r.Status != StatusMet {
			t.Errorf("%s: database-connection = %v %v, want met", rt.Name, r.Status, r.Findings)
		}
	}
}

func TestDatabaseValidators(t *testing.T) {
	// "" for accepted, else a part of the refusal.
	tabletest.Verdicts(t, "ValidateDatabaseHost", ValidateDatabaseHost, map[string]string{
		"db.internal":                   "",
		"10.0.0.1":                      "",
		"::1":                           "",
		"payments-db.":                  "",
		"":                              "must not be empty",
		"db_internal":                   "DNS name",
		"-db.internal":                  "DNS name",
		"db..internal":                  "DNS name",
		strings.Repeat("a.", 127) + "a": "253",
	})
	tabletest.Verdicts(t, "ValidateDatabaseUsername", ValidateDatabaseUsername, map[string]string{
		"app_user":               "",
		"":                       "must not be empty",
		strings.Repeat("u", 129): "128",
	})
	tabletest.Verdicts(t, "ValidateDatabaseName", ValidateDatabaseName, map[string]string{"ORCL": "", "a\\b": "backslashes"})
	tabletest.Verdicts(t, "ValidateDatabaseTargetID", ValidateDatabaseTargetID, map[string]string{"payments-1": "", "1db": "identifier"})
	tabletest.Verdicts(t, "ValidateDatabaseTargetType", ValidateDatabaseTargetType, map[string]string{
		"AWS::RedshiftServerless::Namespace": "",
		"AWS::RDS::DBProxy":                  "must be one of",
	})
	tabletest.Verdicts(t, "ValidateEndpointMode", ValidateEndpointMode, map[string]string{
		"existing":               "",
		"nat":                    "",
		"vpce-0123456789abcdef0": "",
		"NAT":                    "must be existing",
		"":                       "must be existing",
		"vpce-123":               "VPC endpoint id",
	})
	tabletest.Verdicts(t, "ValidateSNSTopicARN", ValidateSNSTopicARN, map[string]string{
		"arn:aws:sns:us-east-1:123456789012:secops": "",
		"arn:aws:sns:us-east-1:123456789012:":       "SNS topic ARN",
	})
	if err := ValidateDatabasePort(0); err == nil {
		t.Error("ValidateDatabasePort(0) = nil, want an error")
	}
	if err := ValidateDatabasePort(65535); err != nil {
		t.Errorf("ValidateDatabasePort(65535) = %v", err)
	}
}

// FuzzLiteralTemplateKeys holds the generated-value rule's reading of a
// template to encoding/json's: it never panics, and for any template that
// decodes as a JSON object, a top-level key that is not a connection key and
// holds a non-empty string is reported (under the key as decoded), and a
// template whose only values are connection keys' is clean.
func FuzzLiteralTemplateKeys(f *testing.F) {
	for _, s := range []string{`{"password":"x"}`, `{"p\u0061ssword":"x"}`, `{"a":{"b":[1]}}`, `{"host":"h","port":1}`,
		`{"password":["x"]}`, `{"x":""}`, `{"password":"x`, `[]`, `{"a":1,"a":""}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tmpl string) {
		got := literalTemplateKeys(tmpl)
		var m map[string]any
		if json.Unmarshal([]byte(tmpl), &m) != nil {
			return
		}
		if duplicateKeys(tmpl) {
			return // encoding/json keeps the last value; the rule sees them all
		}
		clean := true
		for k, v := range m {
			_, scalar := v.(string)
			if !scalar {
				_, scalar = v.(float64)
			}
			switch {
			case IsConnectionKey(k) && (scalar || v == nil || v == true || v == false):
			case emptyJSON(v):
			default:
				clean = false
			}
			if s, ok := v.(string); ok && s != "" && !IsConnectionKey(k) && !slices.Contains(got, strconv.Quote(k)) {
				t.Errorf("literalTemplateKeys(%q) = %q, lacks %q", tmpl, got, k)
			}
		}
		if clean && len(got) > 0 {
			t.Errorf("literalTemplateKeys(%q) = %q for a template with no literal values", tmpl, got)
		}
	})
}

// emptyJSON reports whether a decoded JSON value holds nothing: null, "",
// or containers of such values.
func emptyJSON(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []any:
		for _, e := range v {
			if !emptyJSON(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range v {
			if !emptyJSON(e) {
				return false
			}
		}
		return true
	}
	return false
}

// duplicateKeys reports whether any object in tmpl repeats a key, where
// encoding/json keeps the last value and the rule looks at every one.
func duplicateKeys(tmpl string) bool {
	dec := json.NewDecoder(strings.NewReader(tmpl))
	var stack []map[string]bool
	expectKey := []bool{}
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, map[string]bool{})
			expectKey = append(expectKey, true)
			continue
		case json.Delim('['):
			stack = append(stack, nil)
			expectKey = append(expectKey, false)
			continue
		case json.Delim('}'), json.Delim(']'):
			stack, expectKey = stack[:len(stack)-1], expectKey[:len(expectKey)-1]
			if len(stack) == 0 {
				return false
			}
		default:
			n := len(stack)
			if n > 0 && stack[n-1] != nil && expectKey[n-1] {
				k, _ := tok.(string)
				if stack[n-1][k] {
					return true
				}
				stack[n-1][k] = true
				expectKey[n-1] = false
				continue
			}
		}
		if n := len(stack); n > 0 && stack[n-1] != nil {
			expectKey[n-1] = true
		}
	}
}

// TestRotationExcludeCharacters holds issue 20, item 10: the hosted function
// leaves out what the secret's first value left out, unless told otherwise.
func TestRotationExcludeCharacters(t *testing.T) {
	gen := &GenerateSecretString{ExcludeCharacters: `"@/\`}
	tests := []struct {
		name string
		d    Design
		want string
	}{
		{"inherited", Design{Secret: Secret{SecretID: "a", GenerateSecretString: gen},
			Rotation: &Rotation{HostedRotationLambda: &HostedRotationLambda{RotationType: "MySQLSingleUser"}}}, `"@/\`},
		{"own", Design{Secret: Secret{SecretID: "a", GenerateSecretString: gen},
			Rotation: &Rotation{HostedRotationLambda: &HostedRotationLambda{RotationType: "MySQLSingleUser", ExcludeCharacters: "'"}}}, "'"},
		{"nothing to inherit", Design{Secret: Secret{SecretID: "a"},
			Rotation: &Rotation{HostedRotationLambda: &HostedRotationLambda{RotationType: "MySQLSingleUser"}}}, ""},
		{"own function", Design{Secret: Secret{SecretID: "a", GenerateSecretString: gen},
			Rotation: &Rotation{RotationLambdaARN: "arn:aws:lambda:us-east-1:123456789012:function:f"}}, ""},
		{"no rotation", Design{Secret: Secret{SecretID: "a", GenerateSecretString: gen}}, ""},
	}
	for _, tt := range tests {
		if got := tt.d.RotationExcludeCharacters(); got != tt.want {
			t.Errorf("%s: RotationExcludeCharacters() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestFirstRotationNote holds issue 20, item 11: a single-user rotation of a
// user the design does not attach says how to set its password once; the
// types that sign in as the master user, and attached databases, do not.
func TestFirstRotationNote(t *testing.T) {
	hostedBy := func(typ string, db *Database) *Design {
		return &Design{Secret: Secret{SecretID: "a", Database: db},
			Rotation: &Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &HostedRotationLambda{RotationType: typ}}}
	}
	host := &Database{Host: "db.internal", Username: "app"}
	if n := hostedBy("PostgreSQLSingleUser", host).FirstRotationNote(); !strings.Contains(n, "rotateImmediately false") ||
		!strings.Contains(n, "database user app") || !strings.Contains(n, "PostgreSQLMultiUser") {
		t.Errorf("PostgreSQLSingleUser by host: note %q, want the way to set app's password once and the multi-user type", n)
	}
	for _, d := range []*Design{
		hostedBy("PostgreSQLMultiUser", host),
		hostedBy("Db2SingleUser", host),
		hostedBy("MySQLSingleUser", &Database{TargetType: "AWS::RDS::DBInstance", TargetID: "db1"}),
		{Secret: Secret{SecretID: "a"}, Rotation: &Rotation{RotationLambdaARN: "arn:aws:lambda:us-east-1:123456789012:function:f"}},
	} {
		if n := d.FirstRotationNote(); n != "" {
			t.Errorf("%+v: note %q, want none", d.Rotation, n)
		}
	}
}

// TestIsHostLabel holds isHostLabel to the pattern it replaced,
// ^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$, on labels of every length
// around the limits with each kind of character at each end and inside.
func TestIsHostLabel(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	for _, n := range []int{0, 1, 2, 3, 62, 63, 64} {
		for _, c := range []byte{'a', 'Z', '7', '-', '_', '.', ' ', 0xc3} {
			for _, at := range []int{0, n / 2, n - 1} {
				b := []byte(strings.Repeat("x", n))
				if at >= 0 && at < n {
					b[at] = c
				}
				if got, want := isHostLabel(string(b)), re.MatchString(string(b)); got != want {
					t.Errorf("isHostLabel(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

// Round two's trial: the database user may come from the template (the
// secret's JSON is where the function reads it): a username there is not
// asked for again under secret.database.username, and the secret's JSON
// holds it once.
func TestDatabaseUsernameFromTemplate(t *testing.T) {
	d := Design{Version: CurrentVersion, Secret: Secret{SecretID: "prod/db",
		Database:             &Database{Host: "db.internal"},
		GenerateSecretString: &GenerateSecretString{SecretStringTemplate: `{"username":"payments"}`, GenerateStringKey: "password"}},
		Rotation: &Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}}}
	for _, p := range d.Validate() {
		if p.Path == "secret.database.username" {
			t.Errorf("a username in the template is asked for again: %s", p.Message)
		}
	}
	fs, _ := d.SecretTemplate()
	if got, want := TemplateJSON(fs), `{"username":"payments","engine":"postgres","host":"db.internal","port":5432}`; got != want {
		t.Errorf("secret JSON = %s, want %s", got, want)
	}
	// Without one anywhere, the user is still required.
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":""}`
	found := false
	for _, p := range d.Validate() {
		found = found || p.Path == "secret.database.username"
	}
	if !found {
		t.Error("no username anywhere, and none is asked for")
	}
}

// Issue 22, item 12: the values a secretStringTemplate gives the
// connection keys are checked whatever the rotation (masterarn must be a
// secret ARN, dbname a database name), and no message repeats a value
// that may be a password.
func TestTemplateConnectionValues(t *testing.T) {
	const tpath = "secret.generateSecretString.secretStringTemplate"
	for _, tt := range []struct {
		name, tmpl, want string
		noRotation       bool
	}{
		{"object under username", `{"username":{"password":"hunter2"}}`, "gives username an object", false},
		{"password as masterarn", `{"masterarn":"hunter2"}`, "masterarn a value that is not valid", true},
		{"password as masterarn, rotating", `{"masterarn":"hunter2"}`, "masterarn a value that is not valid", false},
		{"dbname with a space", `{"dbname":"hunter2 x"}`, "dbname a value that is not valid", true},
		{"port as text", `{"port":"hunter2"}`, "port a value that is not valid", true},
		{"engine unknown", `{"engine":"hunter2"}`, "has engine a value no rotation function accepts", false},
		{"list as host", `{"host":["hunter2"]}`, "gives host a list", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := validDesign()
			if tt.noRotation {
				d.Rotation, d.Monitoring = nil, Monitoring{}
			}
			d.Secret.GenerateSecretString.SecretStringTemplate = tt.tmpl
			ps := append(d.Validate(), Check(d).Problems()...)
			found := false
			for _, p := range ps {
				if strings.Contains(p.Message, "hunter2") {
					t.Errorf("%s: %s echoes the value", p.Path, p.Message)
				}
				found = found || p.Path == tpath && p.Severity == SeverityError && strings.Contains(p.Message, tt.want)
			}
			if !found {
				t.Errorf("Validate() = %v, want an error at %s saying %q", ps, tpath, tt.want)
			}
		})
	}
	d := validDesign()
	d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","dbname":"payments","masterarn":"` + masterARN + `","port":5432}`
	if ps := d.Validate().At(tpath); len(ps) > 0 {
		t.Errorf("valid connection values: %v", ps)
	}
}

// The host's example is in the design's region, or says REGION.
func TestDatabaseHostExample(t *testing.T) {
	tabletest.Equal(t, "DatabaseHostExample", DatabaseHostExample, map[string]string{
		"eu-west-1":  "payments.cluster-abc.eu-west-1.rds.amazonaws.com",
		"cn-north-1": "payments.cluster-abc.cn-north-1.rds.amazonaws.com.cn",
		"":           "payments.cluster-abc.REGION.rds.amazonaws.com",
	})
	if err := ValidateDatabaseHost(""); err == nil || strings.Contains(err.Error(), "us-east-1") {
		t.Errorf("ValidateDatabaseHost(\"\") = %v, want an example without another region", err)
	}
}

// A port in the secret's JSON template is held to the database port's one
// rule, in its words, whether it is out of range or no number at all (a
// non-number had words of its own, without the engine's default).
func TestTemplatePortHasThePortsRule(t *testing.T) {
	want := ValidateDatabasePort(0).Error()
	for _, port := range []string{`"abc"`, `"0"`, `70000`} {
		d := Design{Version: CurrentVersion, Secret: Secret{SecretID: "prod/db",
			GenerateSecretString: &GenerateSecretString{SecretStringTemplate: `{"username":"app","host":"db.internal","port":` + port + `}`, GenerateStringKey: "password"}},
			Rotation: &Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &HostedRotationLambda{RotationType: "PostgreSQLSingleUser"}}}
		found := false
		for _, p := range d.Validate() {
			if strings.Contains(p.Message, "TCP port") {
				found = true
				if !strings.Contains(p.Message, want) {
					t.Errorf("port %s: %q, want the port rule's words %q", port, p.Message, want)
				}
			}
		}
		if !found {
			t.Errorf("port %s: no port problem in %v", port, d.Validate())
		}
	}
}
