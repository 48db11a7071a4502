package scan

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/hostile"
)

// hostileSeeds are the files of the hostile inputs whose names end in ext,
// each cut to its first 64 KiB (at a line end) so that a seed stays quick
// to mutate; the cut keeps the shape that was hostile.
func hostileSeeds(ext string) [][]byte {
	var out [][]byte
	for _, in := range hostile.Inputs() {
		for _, name := range slices.Sorted(maps.Keys(in.Files)) {
			if !strings.HasSuffix(name, ext) {
				continue
			}
			data := []byte(in.Files[name])
			if len(data) > 64<<10 {
				data = data[:bytes.LastIndexByte(data[:64<<10], '\n')+1]
			}
			out = append(out, data)
		}
	}
	return out
}

// FuzzCloudFormation feeds the reader arbitrary bytes, seeded with the
// corpus and golden templates: it must never panic or hang, and whatever
// it reads must be checkable and locatable.
func FuzzCloudFormation(f *testing.F) {
	for _, pat := range []string{"testdata/cfn/*", goldenDir + "/*.cfn.yaml", goldenDir + "/full.cfn.json"} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("Resources: {S: {Type: AWS::SecretsManager::Secret, Properties: {KmsKeyId: !If [C, !Ref A, !GetAtt B.Arn]}}}"))
	f.Add([]byte("Conditions: {A: !Condition B, B: !Condition A}\nResources: {S: {Type: AWS::SecretsManager::Secret, Condition: A}}"))
	// Loops: known, unknown, nested, and malformed.
	f.Add([]byte("Resources: {Fn::ForEach::L: [X, [a, b], {S${X}: {Type: AWS::SecretsManager::Secret, Properties: {Name: !Ref X, Tags: [{Key: &{X}, Value: !Sub '${X}'}]}}}]}"))
	f.Add([]byte("Parameters: {P: {Type: CommaDelimitedList}}\nResources: {Fn::ForEach::L: [X, !Ref P, {Fn::ForEach::M: [Y, [!Ref X], {S${X}${Y}: {Type: AWS::SecretsManager::Secret}}]}]}"))
	f.Add([]byte("Resources: {Fn::ForEach::L: [X, [a], [S]]}"))
	f.Add([]byte("Resources: {S: {Type: AWS::SecretsManager::Secret, Properties: {Fn::ForEach::P: [X, [KmsKeyId, Name], {${X}: !Sub '${X}'}]}}}"))
	// Nested stacks: itself (the fuzz file does not exist), a corpus
	// template with parameters not known, a remote one.
	f.Add([]byte("Resources: {N: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: fuzz.yaml}}}"))
	f.Add([]byte("Resources: {N: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: testdata/cfn/nested-stacks.yaml, Parameters: !Ref X}}}"))
	f.Add([]byte("Resources: {N: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: !Sub 's3://b/${AWS::Region}.yaml'}}}"))
	for _, body := range hostileSeeds(".yaml") {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := CloudFormation("fuzz.yaml", data)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error %T is not a SyntaxError: %v", err, err)
			}
			return
		}
		exercise(t, res)
	})
}

// FuzzTerraform does the same for a one-file Terraform configuration.
func FuzzTerraform(f *testing.F) {
	mains, _ := filepath.Glob("testdata/tf/*/main.tf")
	mains = append(mains, goldenDir+"/full/main.tf", goldenDir+"/waivers/main.tf")
	for _, p := range mains {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data, false)
		}
	}
	if data, err := os.ReadFile("testdata/tf/json/main.tf.json"); err == nil {
		f.Add(data, true)
	}
	// The hostile inputs of issue 21, which once hung or exhausted it.
	for _, body := range hostileSeeds(".tf") {
		f.Add(body, false)
	}
	f.Add([]byte(`locals { a = local.b
 b = local.a }
resource "aws_secretsmanager_secret" "s" { name = local.a
 for_each = local.a }`), false)
	// The functions that could build past the budget before it is
	// measured, files read from the configuration, and values not known
	// that a comparison or try would otherwise decide.
	f.Add([]byte(`variable "v" {}
resource "aws_secretsmanager_secret" "s" {
  name        = indent(999999999, "a
b")
  description = join(",", formatlist("%0999999999s", ["a"]))
  kms_key_id  = try(var.v.arn, null)
  count       = var.v == "prod" ? length(setproduct(range(1000), range(1000), range(1000))) : 0
  tags        = { a = file("/proc/self/environ"), b = templatefile("main.tf", { x = 1 }) }
}`), false)
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		name := "main.tf"
		if asJSON {
			name = "main.tf.json"
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Terraform(path)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error %T is not a SyntaxError: %v", err, err)
			}
			return
		}
		exercise(t, res)
	})
}

func exercise(t *testing.T, res *Result) {
	t.Helper()
	for _, n := range res.Notices {
		if n.Pos.File == "" || n.Msg == "" {
			t.Fatalf("notice %+v located nowhere or empty", n)
		}
	}
	for _, s := range res.Secrets {
		report := s.Check()
		for _, r := range report.Results {
			if at := s.LocateRule(r); at.File == "" {
				t.Fatalf("%s %s located nowhere", s.ID, r.Rule.ID)
			}
		}
		for _, p := range s.Problems(report) {
			if p.Pos.File == "" || p.Path == "" || p.Message == "" {
				t.Fatalf("%s: problem %+v located nowhere or empty", s.ID, p)
			}
		}
	}
}

// TestTerraformSelfCallingModule: a module that calls itself with for_each
// would multiply without end; the reader stops at its limits, quickly.
func TestTerraformSelfCallingModule(t *testing.T) {
	dir := t.TempDir()
	src := `variable "n" { default = 0 }
module "again" {
  source   = "./"
  for_each = toset(["a", "b", "c", "d", "e", "f", "g", "h"])
  n        = 1
}
resource "aws_secretsmanager_secret" "s" {
  for_each = toset(["a", "b", "c", "d", "e", "f", "g", "h"])
  name     = "x/${each.key}"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	// The cap is held by the counts below, not by a clock: a reader that
	// expanded everything anyway runs into the binary's timeout.
	res, err := Terraform(dir)
	if err == nil && len(res.Secrets) > maxInstances {
		t.Fatalf("read %d secrets, more than the limit of %d instances", len(res.Secrets), maxInstances)
	}
}
