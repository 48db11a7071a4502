package scan

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// samePos compares two trees with their positions.
func samePos(t *testing.T, path string, a, b *value) {
	t.Helper()
	if a.k != b.k || a.s != b.s || a.pos != b.pos || len(a.keys) != len(b.keys) || len(a.items) != len(b.items) {
		t.Fatalf("%s: fast %v %q at %v (%d keys, %d items), YAML %v %q at %v (%d keys, %d items)",
			path, a.k, a.s, a.pos, len(a.keys), len(a.items), b.k, b.s, b.pos, len(b.keys), len(b.items))
	}
	for i := range a.keys {
		if a.keys[i] != b.keys[i] || a.kpos[i] != b.kpos[i] {
			t.Fatalf("%s: key %q at %v, YAML %q at %v", path, a.keys[i], a.kpos[i], b.keys[i], b.kpos[i])
		}
		samePos(t, path+"."+a.keys[i], a.vals[i], b.vals[i])
	}
	for i := range a.items {
		samePos(t, path+"[]", a.items[i], b.items[i])
	}
}

// TestJSONFastMatchesYAML: the JSON reader gives every JSON template of the
// golden matrix and the corpus the tree, positions included, that the YAML
// reader gives it.
func TestJSONFastMatchesYAML(t *testing.T) {
	files, _ := filepath.Glob(goldenDir + "/*.cfn.json")
	more, _ := filepath.Glob("testdata/cfn/*.json")
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("only %d JSON templates", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fast, ok := parseJSONFast("f.json", data)
		if !ok {
			t.Fatalf("%s: the fast reader refused it", f)
		}
		samePos(t, f, fast, mustYAML(t, data))
	}
}

// mustYAML is the YAML reader's tree of data.
func mustYAML(t *testing.T, data []byte) *value {
	t.Helper()
	v, _, err := parseYAMLOnly("f.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// FuzzJSONFast: whenever the fast reader accepts an input that the YAML
// reader reads too, both give the same tree.
func FuzzJSONFast(f *testing.F) {
	files, _ := filepath.Glob(goldenDir + "/*.cfn.json")
	for _, p := range files[:min(1, len(files))] {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"a": [1, -0.5e+3, true, null, "x\u00e9\/\n", {}], "b\"": {"c": []}}`))
	f.Add([]byte("{\t\"k\":\t\"é\",\n  \"v\": 12345678901234567890}"))
	f.Add([]byte("{\"a\": {\"b\": [[], [{\"c\": \"日本\"}, 0]]},\n\"d\":\n  false}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := parseJSONFast("f.json", data)
		if !ok {
			return
		}
		if checkText("f.json", data) != nil {
			return
		}
		slow, _, err := parseYAMLOnly("f.json", data)
		if err != nil {
			return
		}
		samePos(t, "$", fast, slow)
	})
}

// TestSniffReadsWhatCfnLintReads: the spellings of a template's root that
// cfn-lint reads are templates; a template nested under another tool's key
// is not.
func TestSniffReadsWhatCfnLintReads(t *testing.T) {
	for _, c := range []struct {
		name, data string
		want       Kind
	}{
		{"plain", "Resources:\n  S: {Type: AWS::SecretsManager::Secret}\n", KindCloudFormation},
		{"single-quoted", "'Resources':\n  S: {Type: AWS::SecretsManager::Secret}\n", KindCloudFormation},
		{"double-quoted", "\"Resources\" :\n  S: {Type: AWS::SecretsManager::Secret}\n", KindCloudFormation},
		{"indented root", "  Resources:\n    S:\n      Type: AWS::SecretsManager::Secret\n", KindCloudFormation},
		{"flow", "{Resources: {S: {Type: AWS::SecretsManager::Secret}}}\n", KindCloudFormation},
		{"json escaped key", `{"Re\u0073ources": {"S": {"Type": "AWS::SecretsManager::Secret"}}}`, KindCloudFormation},
		{"yaml escaped key", "\"Re\\x73ources\":\n  S: {Type: AWS::SecretsManager::Secret}\n", KindCloudFormation},
		{"serverless", "service: x\nresources:\n  Resources:\n    S: {Type: AWS::SecretsManager::Secret}\n", KindOther},
		{"design", "version: 1\nsecret:\n  name: x\n", KindDesign},
		{"other", "name: ci\non: push\n", KindOther},
	} {
		if got := Sniff([]byte(c.data)); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// A one-line (minified) template is read in time linear in its size: the
// columns of its values were counted from the line's start for each value,
// so an 800 KB line took 30 s in check (issue 22's last trial, B9). The
// parser says how many bytes it counted; the positions still match YAML's,
// multi-byte characters included.
func TestJSONOneLineColumnsCountedOnce(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"Metadata": {"x": [`)
	for i := range 20000 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"é` + strconv.Itoa(i) + `"`)
	}
	b.WriteString(`]}, "Resources": {"S": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "ñ"}}}}`)
	data := []byte(b.String())
	p := &jsonParser{file: "f.json", data: data, line: 1}
	p.space()
	v := p.value(0)
	if p.bad {
		t.Fatal("the one-line template did not read")
	}
	if p.counted > len(data) {
		t.Errorf("counted %d bytes for the columns of a %d-byte line: want each byte once", p.counted, len(data))
	}
	samePos(t, "one.json", v, mustYAML(t, data))
}
