package generate

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The CloudFormation registry schemas in testdata/cfn-schemas (copied from
// the reference material; AWS_Lambda_Permission.json is the us-east-1
// registry schema as cfn-lint 1.51 carries it) are checked here with a small validator for the
// subset of JSON Schema they use: type, required, additionalProperties
// false, properties, items, enum, minLength/maxLength, pattern, and local
// $ref to definitions. Any other validation keyword fails the test, so a
// schema update cannot quietly weaken the check. Resource types without a
// schema here (KMS, SNS, EventBridge) are left to cfn-lint, which carries
// the whole registry.

// cfnSchema is one resource type's registry schema.
type cfnSchema struct {
	root     map[string]any
	readOnly []string // property names CloudFormation sets, never the template
}

func loadCfnSchemas(t testing.TB) map[string]*cfnSchema {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "cfn-schemas", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no schemas under testdata/cfn-schemas (err %v)", err)
	}
	out := map[string]*cfnSchema{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var root map[string]any
		if err := json.Unmarshal(data, &root); err != nil {
			t.Fatalf("schema %s: %v", f, err)
		}
		s := &cfnSchema{root: root}
		ro, _ := root["readOnlyProperties"].([]any)
		for _, p := range ro {
			s.readOnly = append(s.readOnly, strings.TrimPrefix(p.(string), "/properties/"))
		}
		name, _ := root["typeName"].(string)
		out[name] = s
	}
	return out
}

// validateTemplate checks the Properties of every resource whose type has a
// schema, and returns one message per violation.
func cfnValidateTemplate(schemas map[string]*cfnSchema, doc map[string]any) []string {
	var out []string
	res, _ := doc["Resources"].(map[string]any)
	ids := make([]string, 0, len(res))
	for id := range res {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		typ, _ := cfnAt(res, id, "Type").(string)
		s := schemas[typ]
		if s == nil {
			continue
		}
		props := cfnAt(res, id, "Properties")
		if m, ok := props.(map[string]any); ok {
			for _, ro := range s.readOnly {
				if _, set := m[ro]; set {
					out = append(out, fmt.Sprintf("%s.%s: is read-only", id, ro))
				}
			}
		}
		out = append(out, s.validate(id, s.root, props)...)
	}
	return out
}

// isIntrinsic reports whether v is a one-key object such as {"Ref": ...} or
// {"Fn::GetAtt": ...}, whose value CloudFormation works out at deploy time.
func cfnIsIntrinsic(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || strings.HasPrefix(k, "Fn::")
	}
	return false
}

// schemaKeywords are the keywords validate understands or may ignore.
var cfnSchemaKeywords = map[string]bool{
	"type": true, "required": true, "additionalProperties": true, "properties": true, "items": true,
	"enum": true, "minLength": true, "maxLength": true, "pattern": true, "$ref": true,
	// Annotations, and keywords that do not constrain a template's values.
	"description": true, "insertionOrder": true, "uniqueItems": true, "$comment": true, "$schema": true,
	"typeName": true, "sourceUrl": true, "documentationUrl": true, "definitions": true, "primaryIdentifier": true,
	"readOnlyProperties": true, "writeOnlyProperties": true, "createOnlyProperties": true, "handlers": true,
	"tagging": true, "propertyTransform": true, "replacementStrategy": true, "deprecatedProperties": true,
	"conditionalCreateOnlyProperties": true, "additionalIdentifiers": true, "relationshipRef": true,
}

func (s *cfnSchema) validate(path string, sch map[string]any, v any) []string {
	if cfnIsIntrinsic(v) {
		return nil
	}
	for k := range sch {
		if !cfnSchemaKeywords[k] {
			return []string{fmt.Sprintf("%s: schema keyword %q is not supported by this validator", path, k)}
		}
	}
	if r, ok := sch["$ref"].(string); ok {
		name, ok := strings.CutPrefix(r, "#/definitions/")
		def, _ := cfnAt(s.root, "definitions", name).(map[string]any)
		if !ok || def == nil {
			return []string{fmt.Sprintf("%s: cannot resolve $ref %q", path, r)}
		}
		return s.validate(path, def, v)
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, path+": "+fmt.Sprintf(format, args...)) }
	if t, ok := sch["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.Contains(types, cfnJSONType(v)) && !(cfnJSONType(v) == "integer" && slices.Contains(types, "number")) {
			bad("is %s, want %s", cfnJSONType(v), strings.Join(types, " or "))
			return out
		}
	}
	if enum, ok := sch["enum"].([]any); ok && !slices.Contains(enum, v) {
		bad("%v is not one of %v", v, enum)
	}
	if str, ok := v.(string); ok {
		n := float64(utf8.RuneCountInString(str))
		if m, ok := sch["minLength"].(float64); ok && n < m {
			bad("is %v characters, want at least %v", n, m)
		}
		if m, ok := sch["maxLength"].(float64); ok && n > m {
			bad("is %v characters, want at most %v", n, m)
		}
		if p, ok := sch["pattern"].(string); ok {
			re, err := regexp.Compile(p)
			if err != nil {
				bad("schema pattern %q does not compile: %v", p, err)
			} else if !re.MatchString(str) {
				bad("%q does not match %s", str, p)
			}
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := sch["properties"].(map[string]any)
		req, _ := sch["required"].([]any)
		for _, r := range req {
			if _, ok := obj[r.(string)]; !ok {
				bad("lacks required property %s", r)
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if sch["additionalProperties"] == false {
					bad("property %s is not allowed", k)
				}
				continue
			}
			out = append(out, s.validate(path+"."+k, ps, obj[k])...)
		}
	}
	if arr, ok := v.([]any); ok {
		if items, ok := sch["items"].(map[string]any); ok {
			for i, x := range arr {
				out = append(out, s.validate(fmt.Sprintf("%s[%d]", path, i), items, x)...)
			}
		}
	}
	return out
}

// jsonType names a decoded JSON value's type as JSON Schema does. Numbers
// are json.Number (decoders here use UseNumber).
func cfnJSONType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func TestCloudFormationSchemas(t *testing.T) {
	schemas := loadCfnSchemas(t)
	for _, typ := range []string{"AWS::SecretsManager::Secret", "AWS::SecretsManager::ResourcePolicy", "AWS::SecretsManager::RotationSchedule"} {
		if schemas[typ] == nil {
			t.Fatalf("no schema for %s under testdata/cfn-schemas", typ)
		}
	}
	for _, c := range cfnCases(t) {
		for _, cf := range cfnFormats {
			t.Run(c.name+cf.ext, func(t *testing.T) {
				data := renderCfn(t, c.design, cf.format)
				var doc map[string]any
				if cf.format == CloudFormation {
					doc = cfnDecodeYAML(t, data)
				} else {
					doc = cfnDecodeJSON(t, data)
				}
				for _, p := range cfnValidateTemplate(schemas, doc) {
					t.Errorf("%s", p)
				}
			})
		}
	}
}

// TestSchemaValidator shows the validator catches what it claims to.
func TestSchemaValidator(t *testing.T) {
	schemas := loadCfnSchemas(t)
	tests := []struct {
		name  string
		typ   string
		props string
		want  []string // substrings, one per expected message
	}{
		{"valid", "AWS::SecretsManager::Secret", `{"Name": "a", "KmsKeyId": {"Ref": "K"}, "Tags": [{"Key": "k", "Value": "v"}]}`, nil},
		{"unknown property", "AWS::SecretsManager::Secret", `{"Nmae": "a"}`, []string{"property Nmae is not allowed"}},
		{"wrong type", "AWS::SecretsManager::Secret", `{"Name": 5}`, []string{"Name: is integer, want string"}},
		{"nested definition", "AWS::SecretsManager::Secret", `{"GenerateSecretString": {"PasswordLength": "32"}}`, []string{"GenerateSecretString.PasswordLength: is string, want integer"}},
		{"item in list", "AWS::SecretsManager::Secret", `{"ReplicaRegions": [{"KmsKeyId": "k"}]}`, []string{"ReplicaRegions[0]: lacks required property Region"}},
		{"read-only", "AWS::SecretsManager::Secret", `{"Id": "x"}`, []string{"Id: is read-only"}},
		{"required", "AWS::SecretsManager::ResourcePolicy", `{"ResourcePolicy": {}}`, []string{"lacks required property SecretId"}},
		{"too short", "AWS::SecretsManager::ResourcePolicy", `{"SecretId": "", "ResourcePolicy": {}}`, []string{"SecretId: is 0 characters, want at least 1"}},
		{"either type", "AWS::SecretsManager::ResourcePolicy", `{"SecretId": "s", "ResourcePolicy": "{}"}`, nil},
		{"intrinsic skipped", "AWS::SecretsManager::RotationSchedule", `{"SecretId": {"Ref": "Secret"}, "RotateImmediatelyOnUpdate": {"Fn::If": ["C", true, false]}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := map[string]any{"Resources": map[string]any{"R": map[string]any{"Type": tt.typ, "Properties": cfnJSONValue(t, tt.props)}}}
			got := cfnValidateTemplate(schemas, doc)
			if len(got) != len(tt.want) {
				t.Fatalf("validateTemplate(%s) = %q, want %d messages like %q", tt.props, got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("validateTemplate(%s)[%d] = %q, want it to contain %q", tt.props, i, got[i], w)
				}
			}
		})
	}
}
