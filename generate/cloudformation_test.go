package generate

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/secretsmith/secretsmith/internal/needtool"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-yaml"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/internal/tabletest"
)

// cfnFormats are the two CloudFormation formats and their golden extensions.
var cfnFormats = []struct {
	format Format
	ext    string // golden file extension
	suffix string // rendered file name suffix
}{
	{CloudFormation, ".cfn.yaml", ".yaml"},
	{CloudFormationJSON, ".cfn.json", ".json"},
}

// cfnCases is the shared golden matrix plus designs that only the
// CloudFormation writer treats specially.
func cfnCases(t testing.TB) []goldenCase {
	t.Helper()
	var cases []goldenCase
	for _, c := range goldenCases(t) {
		if !c.terraformOnly {
			cases = append(cases, c)
		}
	}

	// A key id and an alias name instead of an ARN: the hosted rotation
	// function still needs an ARN for its key grant.
	d := loadDesign(t, "full.yaml")
	d.Secret.Region = "us-east-1"
	d.Secret.KMSKeyARN = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	cases = append(cases, goldenCase{name: "cfn-key-id", design: d})
	d = loadDesign(t, "full.yaml")
	d.Secret.Region = "us-east-1"
	d.Secret.KMSKeyARN = "alias/payments"
	// Issue 20, item 9: the function must be given the key ARN, since a
	// grant on the alias would allow it nothing.
	d.Rotation.HostedRotationLambda.KMSKeyARN = "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	cases = append(cases, goldenCase{name: "cfn-key-alias", design: d})

	// Waived rules: no recovery window (the deletion policies follow) and
	// no tags. The rule whose scanners read most of the template's
	// metadata, customer-managed-key, cannot be broken by a design that
	// validates any more (a replica without a key is Terraform's to create
	// and CloudFormation's to refuse), so TestCloudFormationWaiverMetadata
	// forces it waived instead.
	d = loadDesign(t, "full.yaml")
	zero := 0
	d.Secret.RecoveryWindowDays = &zero
	d.Secret.Tags = nil
	d.Waivers = []blueprint.Waiver{
		{Rule: "recovery-window", Reason: "Test fixture: recreated on every run."},
		{Rule: "tags-present", Reason: "Tags come from the stack (SEC-2002)."},
	}
	cases = append(cases, goldenCase{name: "cfn-suppressions", design: d})

	// No rotation at all: Guard's rotation rule is suppressed on the
	// secret, and Checkov's Terraform-only rotation checks are not.
	d = loadDesign(t, "full.yaml")
	d.Rotation = nil
	d.Waivers = []blueprint.Waiver{{Rule: "rotation-enabled", Reason: "Rotated by the vendor's own tooling, see RUN-77."}}
	cases = append(cases, goldenCase{name: "cfn-no-rotation", design: d})

	// An existing secret rotated by a hosted function: the transform is
	// still needed, and the key comes only from the design.
	d = loadDesign(t, "existing-secret.yaml")
	d.Rotation.RotationLambdaARN, d.Rotation.RotationLambdaRoleARN = "", ""
	d.Rotation.HostedRotationLambda = &blueprint.HostedRotationLambda{
		RotationType:        "MySQLSingleUser",
		KMSKeyARN:           "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
		VPCSubnetIDs:        []string{"subnet-0123456789abcdef0"},
		VPCSecurityGroupIDs: []string{"sg-0123456789abcdef0"},
	}
	d.Waivers = nil
	cases = append(cases, goldenCase{name: "cfn-existing-hosted", design: d})
	return cases
}

// renderCfn renders d in format f and checks there is exactly one file,
// named after the design.
func renderCfn(t testing.TB, d *blueprint.Design, f Format) []byte {
	t.Helper()
	files, err := Render(d, f, Options{Version: "test"})
	if err != nil {
		t.Fatalf("Render(%s) error: %v", f, err)
	}
	want := d.DisplayName() + map[Format]string{CloudFormation: ".yaml", CloudFormationJSON: ".json"}[f]
	if len(files) != 1 || files[0].Name != want {
		names := make([]string, len(files))
		for i, fl := range files {
			names[i] = fl.Name
		}
		t.Fatalf("Render(%s) files = %v, want [%s]", f, names, want)
	}
	return files[0].Data
}

func TestCloudFormationGolden(t *testing.T) {
	for _, c := range cfnCases(t) {
		for _, cf := range cfnFormats {
			t.Run(c.name+cf.ext, func(t *testing.T) {
				checkGolden(t, filepath.Join(goldenDir, c.name+cf.ext), renderCfn(t, c.design, cf.format))
			})
		}
	}
}

// TestCloudFormationJSONIsEncodingJSON holds the JSON template to
// encoding/json byte for byte: each golden template is read back into an
// ordered tree of plain values and written again by encoding/json's
// MarshalIndent (no HTML escaping) and cfnEscapeNonPrinting, which must give
// the same bytes. cfnMap's own MarshalJSON may then only differ from
// encoding/json in speed.
func TestCloudFormationJSONIsEncodingJSON(t *testing.T) {
	for _, c := range cfnCases(t) {
		got := renderCfn(t, c.design, CloudFormationJSON)
		dec := json.NewDecoder(bytes.NewReader(got))
		dec.UseNumber()
		v, err := refDecodeOrdered(dec)
		if err != nil {
			t.Fatalf("%s: read back JSON template: %v", c.name, err)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		if want := cfnEscapeNonPrinting(b.Bytes()); !bytes.Equal(got, want) {
			t.Errorf("%s: JSON template is not encoding/json's:\n%s", c.name, lineDiff(string(want), string(got)))
		}
	}
}

// refOrdered is a JSON object in key order, written by encoding/json one
// member at a time.
type refOrdered struct {
	keys []string
	vals []any
}

func (o refOrdered) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, k := range o.keys {
		if i > 0 {
			b = append(b, ',')
		}
		kb, err := refMarshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := refMarshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, kb...), ':'), vb...)
	}
	return append(b, '}'), nil
}

// refMarshal is json.Marshal without HTML escaping.
func refMarshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), err
}

// refDecodeOrdered reads one JSON value, keeping object keys in order.
func refDecodeOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		var o refOrdered
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := refDecodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			o.keys, o.vals = append(o.keys, k.(string)), append(o.vals, v)
		}
		_, err := dec.Token()
		return o, err
	case json.Delim('['):
		l := []any{}
		for dec.More() {
			v, err := refDecodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		_, err := dec.Token()
		return l, err
	}
	return tok, nil
}

// TestCfnLint runs cfn-lint over every template the tests produce: the
// golden matrix and the fuzz seeds (committed corpus included), in both
// formats, in one region of each partition secretsmith targets. Findings at
// every level, informational included, fail the test.
//
// cfn-lint knows nothing of the AWS::SecretsManager-2024-09-16 transform: it
// neither expands it nor stops at it, and goes on to check the template as
// written (a wrong property type under a transformed template is still
// reported), so no flag is needed for it.
func TestCfnLint(t *testing.T) {
	lint := needtool.Path(t, "cfn-lint", "install it with pip install cfn-lint==1.51.0")
	dir := t.TempDir()
	var files []string
	size := map[string]int{}
	write := func(name string, data []byte) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files, size[path] = append(files, path), len(data)
	}
	for _, c := range cfnCases(t) {
		for _, cf := range cfnFormats {
			write(c.name+cf.ext, renderCfn(t, c.design, cf.format))
		}
	}
	base := cfnFuzzBase(t)
	for i, in := range cfnFuzzSeeds(t) {
		d := in.design(t, base)
		if !cfnRenderable(d) {
			continue
		}
		for _, cf := range cfnFormats {
			write(fmt.Sprintf("fuzz-%03d%s", i, cf.ext), renderCfn(t, d, cf.format))
		}
	}
	args := []string{
		"--regions", "us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1",
		"--include-checks", "I", "--non-zero-exit-code", "informational",
		"--format", "parseable", "--",
	}
	// One cfn-lint reads the templates one after another on one core,
	// about half a minute of CPU for all of them: they are dealt, largest
	// first, into one batch per core the test may use (at most four; each
	// cfn-lint spends two seconds starting), each batch linted by its own
	// cfn-lint with the same arguments, side by side.
	bySize := slices.Clone(files)
	slices.SortStableFunc(bySize, func(a, b string) int { return cmp.Compare(size[b], size[a]) })
	batches := make([][]string, min(runtime.GOMAXPROCS(0), 4, len(files)))
	for i, f := range bySize {
		batches[i%len(batches)] = append(batches[i%len(batches)], f)
	}
	outs, errs := make([][]byte, len(batches)), make([]error, len(batches))
	var wg sync.WaitGroup
	for i, batch := range batches {
		wg.Go(func() {
			outs[i], errs[i] = exec.Command(lint, append(slices.Clone(args), batch...)...).CombinedOutput()
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("cfn-lint over %d of the %d templates failed (%v):\n%s", len(batches[i]), len(files), err, outs[i])
		}
	}
}

// decodeJSONTemplate decodes a JSON template with numbers kept as written.
func cfnDecodeJSON(t testing.TB, data []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode JSON template: %v\n%s", err, data)
	}
	return v
}

// decodeYAMLTemplate decodes a YAML template into the same shapes as
// decodeJSONTemplate: it re-encodes goccy's values as JSON and decodes that.
func cfnDecodeYAML(t testing.TB, data []byte) map[string]any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("decode YAML template: %v\n%s", err, data)
	}
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("re-encode YAML template as JSON: %v", err)
	}
	return cfnDecodeJSON(t, js)
}

func TestCloudFormationYAMLMatchesJSON(t *testing.T) {
	for _, c := range cfnCases(t) {
		t.Run(c.name, func(t *testing.T) {
			y := cfnDecodeYAML(t, renderCfn(t, c.design, CloudFormation))
			jdata := renderCfn(t, c.design, CloudFormationJSON)
			j := cfnDecodeJSON(t, jdata)
			if !reflect.DeepEqual(y, j) {
				t.Errorf("YAML and JSON templates differ:\n%s", lineDiff(cfnPretty(j), cfnPretty(y)))
			}
			if !bytes.HasPrefix(jdata, []byte("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n")) {
				t.Errorf("JSON template does not start with a 2-space indented AWSTemplateFormatVersion:\n%.80s", jdata)
			}
		})
	}
}

func cfnPretty(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func TestCloudFormationDeterministic(t *testing.T) {
	for _, cf := range cfnFormats {
		t.Run(string(cf.format), func(t *testing.T) {
			first := renderCfn(t, loadDesign(t, "full.yaml"), cf.format)
			second := renderCfn(t, loadDesign(t, "full.yaml"), cf.format)
			if !bytes.Equal(first, second) {
				t.Errorf("two renders of full.yaml differ:\n%s", lineDiff(string(first), string(second)))
			}
			// Tags are sorted, so their order in the design does not matter.
			d := loadDesign(t, "full.yaml")
			slices.Reverse(d.Secret.Tags)
			if third := renderCfn(t, d, cf.format); !bytes.Equal(first, third) {
				t.Errorf("reversing the tags changed the template:\n%s", lineDiff(string(first), string(third)))
			}
		})
	}
}

// at walks a decoded template along keys (strings) and list indexes (ints).
func cfnAt(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// jsonValue decodes a JSON literal for comparison with decoded templates.
func cfnJSONValue(t testing.TB, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("bad JSON in test: %v: %s", err, s)
	}
	return v
}

func cfnResourceIDs(doc map[string]any, data []byte) []string {
	// Order comes from the bytes: decoded maps have none.
	var ids []string
	res, _ := doc["Resources"].(map[string]any)
	type pos struct {
		id     string
		offset int
	}
	var ps []pos
	for id := range res {
		ps = append(ps, pos{id, bytes.Index(data, []byte("\n    \""+id+"\": {"))})
	}
	slices.SortFunc(ps, func(a, b pos) int { return a.offset - b.offset })
	for _, p := range ps {
		ids = append(ids, p.id)
	}
	return ids
}

func TestCloudFormationResources(t *testing.T) {
	alert := []string{"RotationAlertKey", "RotationAlertTopic", "RotationAlertTopicPolicy", "RotationAlertSubscription", "RotationFailedRule", "SecretChangedRule"}
	topic := []string{"AlertTopicArn"}
	config := []string{"ConfigRotationEnabledRule", "ConfigRotationSucceededRule", "ConfigCustomerManagedKeyRule", "ConfigPeriodicRotationRule"}
	tests := []struct {
		name      string
		wantIDs   []string
		transform bool
		outputs   []string
	}{
		{"full", append([]string{"SecretKey", "SecretKeyAlias", "Secret", "SecretResourcePolicy", "SecretRotationSchedule"}, alert...), true, append(topic, "SecretArn", "SecretKeyArn")},
		{"given-key-multiuser", append([]string{"Secret", "SecretResourcePolicy", "SecretRotationSchedule"}, alert...), true, append(topic, "SecretArn")},
		// Your own function gets the permission Secrets Manager invokes it with (issue 20).
		{"existing-secret", append([]string{"SecretResourcePolicy", "RotationFunctionPermission", "SecretRotationSchedule"}, alert...), false, append(topic, "SecretArn")},
		{"cfn-existing-hosted", append([]string{"SecretResourcePolicy", "SecretRotationSchedule"}, alert...), true, append(topic, "SecretArn")},
		// The failure alert is waived; the change alert keeps a topic, with
		// no subscriber.
		{"waivers", []string{"SecretKey", "SecretKeyAlias", "Secret", "SecretResourcePolicy", "RotationFunctionPermission", "SecretRotationSchedule",
			"RotationAlertKey", "RotationAlertTopic", "RotationAlertTopicPolicy", "SecretChangedRule"}, false, append(topic, "SecretArn", "SecretKeyArn")},
		{"cfn-no-rotation", []string{"SecretKey", "SecretKeyAlias", "Secret", "SecretResourcePolicy",
			"RotationAlertKey", "RotationAlertTopic", "RotationAlertTopicPolicy", "RotationAlertSubscription", "SecretChangedRule"}, false, append(topic, "SecretArn", "SecretKeyArn")},
		{"target-multiuser", []string{"SecretKey", "SecretKeyAlias", "Secret", "SecretTargetAttachment", "RotationEndpointSecurityGroup", "SecretsManagerEndpoint",
			"SecretRotationSchedule", "RotationAlertKey", "RotationAlertTopic", "RotationAlertTopicPolicy", "RotationFailedRule", "SecretChangedRule"}, true, append(topic, "SecretArn", "SecretKeyArn")},
		// An existing topic: no key, topic or subscription of its own.
		{"existing-topic", append([]string{"SecretKey", "SecretKeyAlias", "Secret", "SecretRotationSchedule", "RotationFailedRule"}, config...), true, []string{"SecretArn", "SecretKeyArn"}},
		{"minimal", []string{"SecretKey", "SecretKeyAlias", "Secret", "RotationFunctionPermission", "SecretRotationSchedule",
			"RotationAlertKey", "RotationAlertTopic", "RotationAlertTopicPolicy", "RotationFailedRule", "SecretChangedRule"}, false, append(topic, "SecretArn", "SecretKeyArn")},
	}
	cases := cfnCases(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := cfnCaseDesign(t, cases, tt.name)
			data := renderCfn(t, d, CloudFormationJSON)
			doc := cfnDecodeJSON(t, data)
			if got := cfnResourceIDs(doc, data); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("resources = %v, want %v", got, tt.wantIDs)
			}
			if got := doc["Transform"] == SecretsManagerTransform; got != tt.transform {
				t.Errorf("Transform = %v, want transform %v", doc["Transform"], tt.transform)
			}
			outs, _ := doc["Outputs"].(map[string]any)
			var got []string
			for k := range outs {
				got = append(got, k)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.outputs) {
				t.Errorf("outputs = %v, want %v", got, tt.outputs)
			}
		})
	}
}

func cfnCaseDesign(t testing.TB, cases []goldenCase, name string) *blueprint.Design {
	t.Helper()
	for _, c := range cases {
		if c.name == name {
			return c.design
		}
	}
	t.Fatalf("no case %q", name)
	return nil
}

func TestCloudFormationProperties(t *testing.T) {
	tests := []struct {
		name string
		path []any
		want string // JSON
	}{
		// The created key and how the secret and the rotation use it.
		{"full", []any{"Resources", "SecretKey", "Properties", "EnableKeyRotation"}, `true`},
		{"full", []any{"Resources", "SecretKey", "Properties", "KeyPolicy", "Statement", 0, "Principal"}, `{"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}}`},
		{"full", []any{"Resources", "SecretKey", "Properties", "KeyPolicy", "Statement", 1, "Condition"}, `{"StringEquals": {"kms:ViaService": {"Fn::Sub": "secretsmanager.${AWS::Region}.${AWS::URLSuffix}"}, "kms:CallerAccount": {"Ref": "AWS::AccountId"}}}`},
		{"full", []any{"Resources", "SecretKey", "DeletionPolicy"}, `"Retain"`},
		{"full", []any{"Resources", "Secret", "UpdateReplacePolicy"}, `"Retain"`},
		{"full", []any{"Resources", "SecretKeyAlias", "Properties"}, `{"AliasName": "alias/secretsmanager/payments-db", "TargetKeyId": {"Ref": "SecretKey"}}`},
		{"full", []any{"Resources", "Secret", "Properties", "KmsKeyId"}, `{"Fn::GetAtt": ["SecretKey", "Arn"]}`},
		{"full", []any{"Resources", "Secret", "Properties", "Tags"}, `[{"Key": "data-classification", "Value": "confidential"}, {"Key": "owner", "Value": "payments"}]`},
		{"full", []any{"Resources", "Secret", "Properties", "ReplicaRegions"}, `[{"Region": "eu-west-1", "KmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef"}]`},
		{"full", []any{"Resources", "SecretResourcePolicy", "Properties", "SecretId"}, `{"Ref": "Secret"}`},
		{"full", []any{"Resources", "SecretResourcePolicy", "Properties", "BlockPublicPolicy"}, `true`},
		{"full", []any{"Resources", "SecretRotationSchedule", "Properties", "SecretId"}, `{"Ref": "Secret"}`},
		{"full", []any{"Resources", "SecretRotationSchedule", "Properties", "RotationRules"}, `{"ScheduleExpression": "rate(30 days)", "Duration": "2h"}`},
		{"full", []any{"Resources", "SecretRotationSchedule", "Properties", "HostedRotationLambda"}, `{
			"RotationType": "PostgreSQLSingleUser", "RotationLambdaName": "prod-payments-db-rotation",
			"KmsKeyArn": {"Fn::GetAtt": ["SecretKey", "Arn"]},
			"VpcSubnetIds": "subnet-0123456789abcdef0,subnet-0123456789abcdef1", "VpcSecurityGroupIds": "sg-0123456789abcdef0",
			"ExcludeCharacters": "\"@/\\"}`},
		{"full", []any{"Resources", "RotationFailedRule", "Properties", "EventPattern", "detail"}, `{
			"eventSource": ["secretsmanager.amazonaws.com"], "eventName": ["RotationFailed", "RotationAbandoned", "TestRotationFailed"],
			"additionalEventData": {"SecretId": [{"Ref": "Secret"}]}}`},
		{"full", []any{"Resources", "RotationAlertTopic", "Properties", "KmsMasterKeyId"}, `{"Fn::GetAtt": ["RotationAlertKey", "Arn"]}`},
		{"full", []any{"Resources", "RotationAlertKey", "Properties", "KeyPolicy", "Statement", 1, "Principal"}, `{"Service": "events.amazonaws.com"}`},
		{"full", []any{"Resources", "RotationAlertTopicPolicy", "Properties", "PolicyDocument", "Statement", 0, "Condition"},
			`{"ArnEquals": {"aws:SourceArn": [{"Fn::GetAtt": ["RotationFailedRule", "Arn"]}, {"Fn::GetAtt": ["SecretChangedRule", "Arn"]}]}}`},
		{"full", []any{"Resources", "SecretChangedRule", "Properties", "Targets"}, `[{"Id": "AlertTopic", "Arn": {"Ref": "RotationAlertTopic"}}]`},
		{"full", []any{"Resources", "SecretChangedRule", "Properties", "EventPattern", "detail", "$or"}, `[
			{"requestParameters": {"secretId": [{"Ref": "Secret"}, "prod/payments/db",
				{"prefix": {"Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/payments/db"}}]}},
			{"responseElements": {"arn": [{"Ref": "Secret"}]}}, {"responseElements": {"aRN": [{"Ref": "Secret"}]}}]`},
		{"existing-secret", []any{"Resources", "SecretChangedRule", "Properties", "EventPattern", "detail", "$or", 0, "requestParameters"},
			`{"secretId": ["arn:aws:secretsmanager:us-east-1:111122223333:secret:legacy/api-key-AbC123", "legacy/api-key",
				{"prefix": "arn:aws:secretsmanager:us-east-1:111122223333:secret:legacy/api-key"}]}`},
		{"target-multiuser", []any{"Resources", "SecretTargetAttachment", "Properties"},
			`{"SecretId": {"Ref": "Secret"}, "TargetId": "ledger-cluster", "TargetType": "AWS::RDS::DBCluster"}`},
		{"target-multiuser", []any{"Resources", "SecretRotationSchedule", "DependsOn"}, `["SecretTargetAttachment", "SecretsManagerEndpoint"]`},
		// Issue 20, item 3: a policy with a Deny comes after the calls the
		// schedule makes as it is created; one without waits for nothing.
		{"access-deny-exception", []any{"Resources", "SecretResourcePolicy", "DependsOn"}, `["SecretRotationSchedule"]`},
		{"govcloud", []any{"Resources", "SecretResourcePolicy", "DependsOn"}, `null`},
		// Issue 20, item 8: readers through an endpoint decrypt through
		// Secrets Manager as the account's callers, with no network
		// condition in the key policy.
		{"access-vpce-everyone", []any{"Resources", "SecretKey", "Properties", "KeyPolicy", "Statement", 2}, `{
			"Sid": "AllowDecryptForReadThroughEndpoint", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
			"Condition": {"StringEquals": {"kms:ViaService": {"Fn::Sub": "secretsmanager.${AWS::Region}.${AWS::URLSuffix}"}, "kms:CallerAccount": {"Ref": "AWS::AccountId"}}}}`},
		{"access-vpce-everyone", []any{"Resources", "SecretResourcePolicy", "Properties", "ResourcePolicy", "Statement", 0, "Condition"},
			`{"StringEquals": {"aws:SourceVpce": "vpce-0123456789abcdef0"}}`},
		{"target-multiuser", []any{"Resources", "SecretsManagerEndpoint", "Properties"}, `{
			"ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.secretsmanager"}, "VpcEndpointType": "Interface", "PrivateDnsEnabled": true,
			"VpcId": "vpc-0123456789abcdef0", "SubnetIds": ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
			"SecurityGroupIds": [{"Ref": "RotationEndpointSecurityGroup"}]}`},
		{"target-multiuser", []any{"Resources", "RotationEndpointSecurityGroup", "Properties", "SecurityGroupIngress"}, `[
			{"Description": "HTTPS from the rotation function", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "SourceSecurityGroupId": "sg-0123456789abcdef0"},
			{"Description": "HTTPS from the rotation function", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "SourceSecurityGroupId": "sg-0123456789abcdef1"},
			{"Description": "HTTPS from the VPC, whose Secrets Manager calls private DNS sends here", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}]`},
		{"target-multiuser", []any{"Resources", "Secret", "Properties", "GenerateSecretString"},
			`{"SecretStringTemplate": "{\"engine\":\"postgres\",\"username\":\"ledger_app\",\"masterarn\":\"arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/ledger/db-admin-AbCdEf\"}", "GenerateStringKey": "password", "PasswordLength": 32}`},
		{"existing-topic", []any{"Resources", "RotationFailedRule", "Properties", "Targets"}, `[{"Id": "RotationAlertTopic", "Arn": "arn:aws:sns:us-east-1:111122223333:secops-alerts"}]`},
		{"existing-topic", []any{"Resources", "ConfigRotationEnabledRule", "Properties"}, `{
			"ConfigRuleName": "prod-inventory-db-rotation-enabled", "Description": "secretsmith: rotation-enabled for the secret prod-inventory-db",
			"Source": {"Owner": "AWS", "SourceIdentifier": "SECRETSMANAGER_ROTATION_ENABLED_CHECK"},
			"InputParameters": {"maximumAllowedRotationFrequency": "30"},
			"Scope": {"ComplianceResourceTypes": ["AWS::SecretsManager::Secret"], "ComplianceResourceId": {"Ref": "Secret"}}}`},
		{"existing-topic", []any{"Resources", "Secret", "Properties", "GenerateSecretString", "SecretStringTemplate"},
			`"{\"engine\":\"mariadb\",\"host\":\"inventory.cluster-abc.us-east-1.rds.amazonaws.com\",\"port\":3307,\"dbname\":\"inventory\",\"username\":\"inventory_app\"}"`},
		{"minimal", []any{"Resources", "Secret", "Properties", "GenerateSecretString"}, `{"PasswordLength": 32}`},
		{"full", []any{"Resources", "RotationAlertSubscription", "Properties"}, `{"TopicArn": {"Ref": "RotationAlertTopic"}, "Protocol": "email", "Endpoint": "secops@example.com"}`},
		{"full", []any{"Metadata", "secretsmith", "rulesWaived"}, `[]`},
		// Given keys.
		{"given-key-multiuser", []any{"Resources", "Secret", "Properties", "KmsKeyId"}, `"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"`},
		{"given-key-multiuser", []any{"Resources", "SecretRotationSchedule", "Properties", "HostedRotationLambda", "MasterSecretArn"}, `"arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/orders/mysql-admin-AbCdEf"`},
		{"given-key-multiuser", []any{"Resources", "SecretRotationSchedule", "Properties", "HostedRotationLambda", "KmsKeyArn"}, `"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"`},
		{"given-key-multiuser", []any{"Resources", "SecretRotationSchedule", "Properties", "RotationRules"}, `{"AutomaticallyAfterDays": 7}`},
		{"cfn-key-id", []any{"Resources", "SecretRotationSchedule", "Properties", "HostedRotationLambda", "KmsKeyArn"}, `{"Fn::Sub": ["arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}", {"KeyId": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}]}`},
		{"cfn-key-alias", []any{"Resources", "SecretRotationSchedule", "Properties", "HostedRotationLambda", "KmsKeyArn"}, `"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"`},
		{"china", []any{"Resources", "SecretRotationSchedule", "Properties", "HostedRotationLambda", "KmsKeyArn"}, `"arn:aws-cn:kms:cn-north-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"`},
		{"govcloud", []any{"Resources", "SecretResourcePolicy", "Properties", "ResourcePolicy", "Statement", 0, "Principal"}, `{"AWS": "arn:aws-us-gov:iam::111122223333:role/casemgmt"}`},
		// Existing secrets are named by their ARN.
		{"existing-secret", []any{"Resources", "SecretRotationSchedule", "Properties"}, `{
			"SecretId": "arn:aws:secretsmanager:us-east-1:111122223333:secret:legacy/api-key-AbC123",
			"RotationLambdaARN": "arn:aws:lambda:us-east-1:111122223333:function:legacy-api-key-rotator",
			"RotationRules": {"ScheduleExpression": "cron(0 4 ? * SUN *)", "Duration": "3h"},
			"RotateImmediatelyOnUpdate": false}`},
		{"existing-secret", []any{"Resources", "RotationFailedRule", "Properties", "EventPattern", "detail", "additionalEventData"}, `{"SecretId": ["arn:aws:secretsmanager:us-east-1:111122223333:secret:legacy/api-key-AbC123"]}`},
		{"existing-secret", []any{"Outputs", "SecretArn", "Value"}, `"arn:aws:secretsmanager:us-east-1:111122223333:secret:legacy/api-key-AbC123"`},
		{"cfn-existing-hosted", []any{"Resources", "SecretRotationSchedule", "Properties", "HostedRotationLambda", "KmsKeyArn"}, `"arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"`},
		// Waivers: suppression metadata on the resource each rule concerns.
		{"cfn-suppressions", []any{"Resources", "Secret", "Metadata"}, `null`},
		{"cfn-suppressions", []any{"Resources", "Secret", "DeletionPolicy"}, `"Delete"`},
		{"cfn-suppressions", []any{"Resources", "SecretKey", "UpdateReplacePolicy"}, `"Delete"`},
		{"cfn-suppressions", []any{"Metadata", "secretsmith", "rulesWaived"}, `[
			{"rule": "recovery-window", "reason": "Test fixture: recreated on every run."},
			{"rule": "tags-present", "reason": "Tags come from the stack (SEC-2002)."}]`},
		{"cfn-no-rotation", []any{"Resources", "Secret", "Metadata"}, `{"guard": {"SuppressedRules": ["SECRETSMANAGER_ROTATION_ENABLED_CHECK"]}}`},
		{"waivers", []any{"Metadata", "secretsmith", "rulesWaived", 0}, `{"rule": "no-wildcard-actions", "reason": "DevOps role manages the sandbox secret's whole lifecycle; reviewed in SEC-1234."}`},
	}
	cases := cfnCases(t)
	docs := map[string]map[string]any{}
	for _, tt := range tests {
		name := fmt.Sprintf("%s/%v", tt.name, tt.path)
		t.Run(name, func(t *testing.T) {
			doc, ok := docs[tt.name]
			if !ok {
				doc = cfnDecodeJSON(t, renderCfn(t, cfnCaseDesign(t, cases, tt.name), CloudFormationJSON))
				docs[tt.name] = doc
			}
			got, want := cfnAt(doc, tt.path...), cfnJSONValue(t, tt.want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s at %v = %s, want %s", tt.name, tt.path, cfnPretty(got), cfnPretty(want))
			}
		})
	}
}

// TestCloudFormationLiteralParameters checks that a "${" in user text is
// marked for cfn-lint on the resource that holds it, and only there.
func TestCloudFormationLiteralParameters(t *testing.T) {
	d := loadDesign(t, "full.yaml")
	d.Secret.Description = "rotates in ${AWS::Region}"
	doc := cfnDecodeJSON(t, renderCfn(t, d, CloudFormationJSON))
	if got, want := cfnAt(doc, "Resources", "Secret", "Metadata", "cfn-lint"), cfnJSONValue(t, `{"config": {"ignore_checks": ["E1029"]}}`); !reflect.DeepEqual(got, want) {
		t.Errorf("Secret Metadata.cfn-lint = %s, want %s", cfnPretty(got), cfnPretty(want))
	}
	for _, id := range []string{"SecretKey", "SecretResourcePolicy", "SecretRotationSchedule"} {
		if got := cfnAt(doc, "Resources", id, "Metadata"); got != nil {
			t.Errorf("%s Metadata = %s, want none: its ${ are inside Fn::Sub or absent", id, cfnPretty(got))
		}
	}
	doc = cfnDecodeJSON(t, renderCfn(t, loadDesign(t, "full.yaml"), CloudFormationJSON))
	if got := cfnAt(doc, "Resources", "Secret", "Metadata"); got != nil {
		t.Errorf("Secret Metadata without any ${ in the design = %s, want none", cfnPretty(got))
	}
}

// TestCloudFormationPolicyDocument checks the resource policy in the
// template is exactly the blueprint's policy document.
func TestCloudFormationPolicyDocument(t *testing.T) {
	for _, c := range cfnCases(t) {
		if c.design.ResourcePolicy == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			want, err := c.design.ResourcePolicy.DocumentJSON()
			if err != nil {
				t.Fatal(err)
			}
			doc := cfnDecodeJSON(t, renderCfn(t, c.design, CloudFormationJSON))
			got := cfnAt(doc, "Resources", "SecretResourcePolicy", "Properties", "ResourcePolicy")
			if w := cfnJSONValue(t, string(want)); !reflect.DeepEqual(got, w) {
				t.Errorf("ResourcePolicy = %s, want %s", cfnPretty(got), cfnPretty(w))
			}
		})
	}
}

func TestCloudFormationHeader(t *testing.T) {
	cases := cfnCases(t)
	tests := []struct {
		name string
		want []string
	}{
		{"full", []string{
			"# Generated by secretsmith test from the design payments-db.\n",
			"# Blueprint rules met:\n#   - generated-value\n",
			"# Deploy with CAPABILITY_AUTO_EXPAND and CAPABILITY_IAM",
		}},
		{"waivers", []string{
			"# Blueprint rules waived:\n#   - no-wildcard-actions: DevOps role manages the sandbox secret's whole lifecycle; reviewed in SEC-1234.\n",
			"#   - rotation-failure-alert: Sandbox only; failures are visible in the dev dashboard.\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := string(renderCfn(t, cfnCaseDesign(t, cases, tt.name), CloudFormation))
			head, _, ok := strings.Cut(y, "AWSTemplateFormatVersion:")
			if !ok {
				t.Fatalf("no AWSTemplateFormatVersion in:\n%s", y)
			}
			for _, w := range tt.want {
				if !strings.Contains(head, w) {
					t.Errorf("header lacks %q; header:\n%s", w, head)
				}
			}
		})
	}
	// A waiver reason with line breaks stays inside the comment.
	d := loadDesign(t, "waivers.yaml")
	d.Waivers[0].Reason = "line one\nAWSTemplateFormatVersion: injected\r\u2028# x"
	y := string(renderCfn(t, d, CloudFormation))
	if want := "#   - no-wildcard-actions: line one\\u000aAWSTemplateFormatVersion: injected\\u000d\\u2028# x\n"; !strings.Contains(y, want) {
		t.Errorf("header does not escape the line breaks in a waiver reason; want %q in:\n%s", want, y)
	}
}

func TestYAMLPlainSafe(t *testing.T) {
	tabletest.Equal(t, "yamlPlainSafe", yamlPlainSafe, map[string]bool{
		"payments":                           true,
		"arn:aws:iam::111122223333:role/app": true,
		"rate(30 days)":                      true,
		"kms:GenerateDataKey*":               true,
		"":                                   false,
		"2h":                                 false,
		"2012-10-17":                         false,
		"*":                                  false,
		"!Ref Secret":                        false,
		"---":                                false,
		"a: b":                               false,
		"a #b":                               false,
		"trailing ":                          false,
		"colon:":                             false,
		"yes":                                false,
		"No":                                 false,
		"NULL":                               false,
		"on":                                 false,
		"${AWS::Region}":                     false,
		"{{resolve:ssm:x}}":                  false,
		"a\nb":                               false,
		"a\tb":                               false,
		"é":                                  false,
		"x'y":                                false,
		"x\"y":                               false,
		"<<EOF":                              false,
		// goccy reads a << inside a plain key as a merge key (found by
		// FuzzCloudFormation).
		"aws:ResourceTag/<<": false,
	})
}

// yamlAwkwardStrings are strings YAML or JSON readers could take for something
// else: indicators, tags, numbers, booleans, dates, escapes, line breaks,
// non-printing and non-BMP characters.
var yamlAwkwardStrings = []string{
	"", " ", "  lead", "trail ", "a\nb", "a\n", "\n", "\r\n", "\r", "\t", "a\tb", "\x00", "\x7f", "\u0085", "\u2028", "\u2029",
	"\ufeffbom", "\U0001F600", "\U000E0001", "\uE000", "é", "!Ref Secret", "!!str", "&a", "*a", "---", "...", "--- x",
	"{{resolve:secretsmanager:x}}", "${AWS::Region}", "%{x}", "<<EOF", "<<", "=", "~", "null", "Null", "true", "no", "y", "N",
	"0x10", "1e3", "0o7", "012", ".inf", "-.5", "+1", "1_000", "1:20", "2024-01-01", "2024-01-01T00:00:00Z", "- x", "? x",
	":", "a: b", "a #b", "#x", "'", "\"", "a'b", `a\b`, `\`, `\n`, "|", ">", "|-\n x", "@x", "`x", "[x", "]", "{", "}", ",",
	"a,b", "%TAG", strings.Repeat("long ", 100),
}

// TestYAMLStringsRoundTrip writes awkward strings as values and as keys and
// reads them back with goccy.
func TestYAMLStringsRoundTrip(t *testing.T) {
	for _, s := range yamlAwkwardStrings {
		tmpl := &cfnTemplate{
			AWSTemplateFormatVersion: "2010-09-09",
			Description:              s,
			Metadata:                 cfnTemplateMetadata{Secretsmith: cfnSecretsmithMetadata{Design: s, RulesMet: []string{s}, RulesWaived: []cfnWaivedRule{{s, s}}}},
			Resources:                cfnMap{}.add("R", cfnMap{}.add(s, []any{s, cfnMap{}.add(s, s)})),
		}
		data, err := cfnEncodeYAML(tmpl, []string{s})
		if err != nil {
			t.Errorf("cfnEncodeYAML(%q) error: %v", s, err)
			continue
		}
		j, err := cfnEncodeJSON(tmpl)
		if err != nil {
			t.Fatal(err)
		}
		// YAML readers, cfn-lint's among them, refuse raw non-printing
		// characters, in JSON templates too. The JSON template escapes
		// every character Go does not call printable; the YAML one may
		// keep what YAML itself calls printable (U+00A0, private use).
		if i := bytes.IndexFunc(j, jsonNeedsEscape); i >= 0 {
			t.Errorf("JSON template for %q holds a raw non-printing character at byte %d:\n%s", s, i, j)
		}
		if i := bytes.IndexFunc(data, func(r rune) bool { return !yamlPrintable(r) }); i >= 0 {
			t.Errorf("YAML template for %q holds a raw character YAML does not print at byte %d:\n%s", s, i, data)
		}
		got, want := cfnDecodeYAML(t, data), cfnDecodeJSON(t, j)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("YAML round trip of %q:\n%s\ngot  %s\nwant %s", s, data, cfnPretty(got), cfnPretty(want))
		}
	}
}

func TestYAMLInvalidUTF8(t *testing.T) {
	// encoding/json turns each invalid byte into U+FFFD; YAML must agree.
	in := "a\xffb\xc3"
	tmpl := &cfnTemplate{AWSTemplateFormatVersion: "2010-09-09", Description: in, Resources: cfnMap{}.add(in, in)}
	y, err := cfnEncodeYAML(tmpl, nil)
	if err != nil {
		t.Fatalf("cfnEncodeYAML(%q) error: %v", in, err)
	}
	j, err := cfnEncodeJSON(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	got, want := cfnDecodeYAML(t, y), cfnDecodeJSON(t, j)
	if !reflect.DeepEqual(got, want) || want["Description"] != "a\ufffdb\ufffd" {
		t.Errorf("invalid UTF-8 %q: YAML reads back as %v, JSON as %v, want both with U+FFFD per bad byte", in, got, want)
	}
}

// TestYAMLAwkwardKeys pins how keys no plain scalar can hold are written: a
// tab is escaped inside an implicit double-quoted key; a line break cannot
// stand in an implicit key at all, so the key is explicit ("? " then ": ").
// Both read back as the key they were.
func TestYAMLAwkwardKeys(t *testing.T) {
	for _, tt := range []struct{ key, want string }{
		{"a\tb", "  \"a\\tb\": v\n"},
		{"a\nb", "  ? \"a\\nb\"\n  : v\n"},
		{"a\r\nb", "  ? \"a\\r\\nb\"\n  : v\n"},
		{"a\u2028b", "  ? \"a\\Lb\"\n  : v\n"},
	} {
		tmpl := &cfnTemplate{AWSTemplateFormatVersion: "2010-09-09", Resources: cfnMap{}.add(tt.key, "v")}
		y, err := cfnEncodeYAML(tmpl, nil)
		if err != nil {
			t.Fatalf("cfnEncodeYAML(key %q): %v", tt.key, err)
		}
		if !strings.Contains(string(y), "Resources:\n"+tt.want) {
			t.Errorf("key %q written as:\n%s\nwant Resources:\n%s", tt.key, y, tt.want)
		}
		if got := cfnDecodeYAML(t, y)["Resources"]; !reflect.DeepEqual(got, map[string]any{tt.key: "v"}) {
			t.Errorf("key %q reads back as %v", tt.key, got)
		}
	}
}

// yamlPrintable is YAML's c-printable set (the same in YAML 1.1 and 1.2),
// minus the BOM, which a reader takes for a byte-order mark.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7e, r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd && r != 0xfeff, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// TestYAMLLongKey: an implicit YAML key must stay under 1024 characters
// (PyYAML and SnakeYAML enforce it), so yaml/v3 writes a long key as an
// explicit "? " key, which reads back as the same key.
func TestYAMLLongKey(t *testing.T) {
	k := strings.Repeat("k", 1001)
	tmpl := &cfnTemplate{AWSTemplateFormatVersion: "2010-09-09", Resources: cfnMap{}.add(k, "v")}
	y, err := cfnEncodeYAML(tmpl, nil)
	if err != nil {
		t.Fatalf("cfnEncodeYAML with a 1001-character key: %v", err)
	}
	if !bytes.Contains(y, []byte("? \""+k+"\"\n")) {
		t.Errorf("cfnEncodeYAML with a 1001-character key does not write it as an explicit key:\n%s", y)
	}
	if got := cfnDecodeYAML(t, y)["Resources"]; !reflect.DeepEqual(got, map[string]any{k: "v"}) {
		t.Errorf("long key reads back as %v", got)
	}
}

// Fuzzing.

// cfnFuzzInput is one fuzz input: user text placed where the validators
// accept arbitrary text.
type cfnFuzzInput struct {
	description, tagKey, tagValue, condValue, templateValue, reason, sid string
}

var cfnFuzzSeedInputs = []cfnFuzzInput{
	{"Payments database credentials", "team", "payments", "blue", "payments", "Reviewed in SEC-1.", "Extra"},
	{"line one\nline two", "k\tv", "v\r\n", "a\tb", "multi\nline", "reason\nAWSTemplateFormatVersion: x", "A1"},
	{"!Ref Secret", "!GetAtt", "&anchor", "*alias", "!!binary", "--- \n...", "Ref"},
	{"${AWS::AccountId}", "%{x}", "{{resolve:secretsmanager:x}}", "${aws:username}", "{{resolve:ssm:p}}", "%{ for x in y }", "Sub"},
	{"<<EOF\nEOF", "<<", "=", "~", "null", "yes", "EOF"},
	{`back\slash "quoted" 'single'`, `\`, `\n`, `"`, `'`, "# not a comment", "Q"},
	{"unicode é ü 日本 😀 \u2028 \u2029 \u0085 \ufeff", "ключ", "値", "\U000E0001", "\uE000", "\u202e rtl", "U"},
	{"0x10", "1e3", "true", "2024-01-01", "1:20", ".inf", "N1"},
	{"- list\n- items", "? key", ": value", "[flow]", "{flow: map}", "| block", "F"},
	{"", "k", "", "x", "", "r", ""},
}

func (in cfnFuzzInput) design(t testing.TB, base []byte) *blueprint.Design {
	t.Helper()
	dFile := designfile.Decode("full.yaml", base)
	d, diags := dFile.Valid(), dFile.Diagnostics()
	if d == nil || len(diags.Errors()) > 0 {
		t.Fatalf("load fuzz base: %v", diags)
	}
	d.Secret.Description = in.description
	d.Secret.Tags = append(d.Secret.Tags, blueprint.Tag{Key: in.tagKey, Value: in.tagValue})
	st := &d.ResourcePolicy.Statements[0]
	st.Condition = append(st.Condition, blueprint.Condition{Operator: "StringEquals", Key: "aws:ResourceTag/" + in.tagKey, Values: []string{in.condValue}})
	if blueprint.ValidateSid(in.sid) == nil {
		st.Sid = in.sid
	}
	js, err := json.Marshal(secretTemplate{Username: in.templateValue, Engine: "postgres", Host: "db.internal.example.com", Port: 5432})
	if err != nil {
		t.Fatal(err)
	}
	d.Secret.GenerateSecretString.SecretStringTemplate = string(js)
	// No recovery window breaks recovery-window, whose waiver reason then
	// lands in the template's metadata. (An empty replica key, waived as
	// customer-managed-key, used to carry it into three scanners'
	// metadata too; CloudFormation now refuses such a replica, and
	// TestCloudFormationWaiverMetadata puts the seeds' reasons there.)
	zero := 0
	d.Secret.RecoveryWindowDays = &zero
	d.Waivers = append(d.Waivers, blueprint.Waiver{Rule: "recovery-window", Reason: in.reason})
	return d
}

func cfnFuzzBase(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "designs", "full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// renderable reports whether Render accepts d: it validates and breaks no
// error-level rule that is not waived. Fuzz inputs that fail this are ones
// the validators legitimately reject.
func cfnRenderable(d *blueprint.Design) bool {
	return len(d.ValidateFor(blueprint.CloudFormationTemplate).Errors()) == 0 && len(blueprint.Check(d).Blocking()) == 0
}

// fuzzSeeds is cfnFuzzSeedInputs plus the committed corpus under
// testdata/fuzz/FuzzCloudFormation, so cfn-lint sees every seed.
func cfnFuzzSeeds(t testing.TB) []cfnFuzzInput {
	t.Helper()
	seeds := slices.Clone(cfnFuzzSeedInputs)
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzCloudFormation", "*"))
	slices.Sort(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		vals, err := cfnParseCorpus(data)
		if err != nil || len(vals) != 7 {
			t.Fatalf("corpus file %s: want 7 string values, got %d (%v)", f, len(vals), err)
		}
		seeds = append(seeds, cfnFuzzInput{vals[0], vals[1], vals[2], vals[3], vals[4], vals[5], vals[6]})
	}
	return seeds
}

// parseCorpusStrings reads a "go test fuzz v1" file of string(...) values.
func cfnParseCorpus(data []byte) ([]string, error) {
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) == 0 || lines[0] != "go test fuzz v1" {
		return nil, errors.New("not a go test fuzz v1 file")
	}
	var out []string
	for _, l := range lines[1:] {
		inner, ok := strings.CutPrefix(l, "string(")
		if !ok || !strings.HasSuffix(inner, ")") {
			return nil, fmt.Errorf("not a string value: %s", l)
		}
		s, err := strconv.Unquote(strings.TrimSuffix(inner, ")"))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// jsonText is s as it reads back from JSON: each byte of invalid UTF-8
// becomes U+FFFD.
func cfnJSONText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// FuzzCloudFormation renders a valid design holding arbitrary user text in
// both formats, and checks that each parses, that the two hold the same document,
// that every resource matches its registry schema, and that each string
// comes back exactly where it was put.
func FuzzCloudFormation(f *testing.F) {
	for _, s := range cfnFuzzSeedInputs {
		f.Add(s.description, s.tagKey, s.tagValue, s.condValue, s.templateValue, s.reason, s.sid)
	}
	base := cfnFuzzBase(f)
	schemas := loadCfnSchemas(f)
	f.Fuzz(func(t *testing.T, description, tagKey, tagValue, condValue, templateValue, reason, sid string) {
		in := cfnFuzzInput{description, tagKey, tagValue, condValue, templateValue, reason, sid}
		d := in.design(t, base)
		if !cfnRenderable(d) {
			return
		}
		y := cfnDecodeYAML(t, renderCfn(t, d, CloudFormation))
		j := cfnDecodeJSON(t, renderCfn(t, d, CloudFormationJSON))
		if !reflect.DeepEqual(y, j) {
			t.Fatalf("YAML and JSON templates differ:\n%s", lineDiff(cfnPretty(j), cfnPretty(y)))
		}
		for _, p := range cfnValidateTemplate(schemas, j) {
			t.Errorf("schema: %s", p)
		}
		secret := cfnAt(j, "Resources", "Secret", "Properties")
		if got := cfnAt(secret, "Description"); description != "" && got != cfnJSONText(description) {
			t.Errorf("Description = %q, want %q", got, description)
		}
		found := false
		for _, tag := range cfnAt(secret, "Tags").([]any) {
			if cfnAt(tag, "Key") == cfnJSONText(tagKey) {
				found = cfnAt(tag, "Value") == cfnJSONText(tagValue)
			}
		}
		if !found {
			t.Errorf("tag %q=%q not found in %s", tagKey, tagValue, cfnPretty(cfnAt(secret, "Tags")))
		}
		cond := cfnAt(j, "Resources", "SecretResourcePolicy", "Properties", "ResourcePolicy", "Statement", 0, "Condition", "StringEquals")
		if got := cfnAt(cond, "aws:ResourceTag/"+cfnJSONText(tagKey)); got != cfnJSONText(condValue) {
			t.Errorf("condition aws:ResourceTag/%s = %v, want %q", tagKey, got, condValue)
		}
		var tmpl secretTemplate
		if err := json.Unmarshal([]byte(cfnAt(secret, "GenerateSecretString", "SecretStringTemplate").(string)), &tmpl); err != nil || tmpl.Username != cfnJSONText(templateValue) {
			t.Errorf("SecretStringTemplate username = %q (%v), want %q", tmpl.Username, err, templateValue)
		}
		found = false
		for _, w := range cfnAt(j, "Metadata", "secretsmith", "rulesWaived").([]any) {
			if cfnAt(w, "rule") == "recovery-window" {
				found = cfnAt(w, "reason") == cfnJSONText(reason)
			}
		}
		if !found {
			t.Errorf("waiver reason %q not in %s", reason, cfnPretty(cfnAt(j, "Metadata", "secretsmith", "rulesWaived")))
		}
	})
}

// TestCloudFormationWaiverMetadata puts a waived rule's scanner checks on
// the resource it concerns, with the waiver's reason, in the metadata each
// scanner reads. customer-managed-key is the one rule with Guard, cfn_nag
// and Checkov checks, and no design that validates breaks it any more, so
// its result is forced to waived (as TestTerraformWaiverComments does),
// with each fuzz seed's reason, which must come back unchanged.
func TestCloudFormationWaiverMetadata(t *testing.T) {
	d := loadDesign(t, "full.yaml")
	for _, in := range cfnFuzzSeedInputs {
		if blueprint.ValidateWaiverReason(in.reason) != nil {
			continue
		}
		p := newPlan(d, blueprint.Check(d), Options{Version: "test"})
		for i, r := range p.report.Results {
			if r.Rule.ID == blueprint.RuleCustomerManagedKey {
				p.report.Results[i].Status = blueprint.StatusWaived
				p.report.Results[i].WaiverReason = in.reason
			}
		}
		for _, asJSON := range []bool{false, true} {
			files, err := renderCloudFormation(p, asJSON)
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]any
			if asJSON {
				doc = cfnDecodeJSON(t, files[0].Data)
			} else {
				doc = cfnDecodeYAML(t, files[0].Data)
			}
			md := cfnAt(doc, "Resources", "Secret", "Metadata")
			reason := cfnJSONText(in.reason)
			want := map[string]any{
				"guard":   map[string]any{"SuppressedRules": []any{"SECRETSMANAGER_USING_CMK"}},
				"cfn_nag": map[string]any{"rules_to_suppress": []any{map[string]any{"id": "W77", "reason": reason}}},
				"checkov": map[string]any{"skip": []any{map[string]any{"id": "CKV_AWS_149", "comment": reason}}},
			}
			if !reflect.DeepEqual(md, want) {
				t.Errorf("reason %q (json %v): Secret Metadata = %s, want %s", in.reason, asJSON, cfnPretty(md), cfnPretty(want))
			}
		}
	}
}

// secretTemplate is the JSON a database secret holds besides its password.
type secretTemplate struct {
	Username  string `json:"username"`
	Engine    string `json:"engine"`
	Host      string `json:"host"`
	Port      int    `json:"port"`
	MasterARN string `json:"masterarn,omitempty"`
}

// A replica region without a key cannot be written as CloudFormation: one
// stack deploys to one region and cannot create the key in another. Render
// refuses it with ValidateFor's message at the replica's key, and Terraform
// writes the same design.
func TestCloudFormationRefusesReplicaWithoutKey(t *testing.T) {
	d := loadDesign(t, "tf-replica-keys.yaml")
	for _, cf := range cfnFormats {
		_, err := Render(d, cf.format, Options{Version: "test"})
		var ps blueprint.Problems
		if !errors.As(err, &ps) {
			t.Fatalf("Render(%s) error = %v, want blueprint.Problems", cf.format, err)
		}
		var paths []string
		for _, p := range ps {
			paths = append(paths, p.Path)
			if !strings.Contains(p.Message, "cannot create a key in "+d.Secret.ReplicaRegions[len(paths)-1].Region) {
				t.Errorf("Render(%s) problem %q does not say CloudFormation cannot create the key there", cf.format, p.Message)
			}
		}
		if want := []string{"secret.replicaRegions[0].kmsKeyArn", "secret.replicaRegions[1].kmsKeyArn"}; !slices.Equal(paths, want) {
			t.Errorf("Render(%s) problems at %v, want %v", cf.format, paths, want)
		}
	}
	if _, err := Render(d, Terraform, Options{Version: "test"}); err != nil {
		t.Errorf("Render(terraform) = %v, want the configuration", err)
	}
}
