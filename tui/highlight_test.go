package tui

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/secretsmith/secretsmith/generate"
)

// goldenTemplates returns every template generate's golden tests hold, with
// the language it is written in.
func goldenTemplates(t *testing.T) map[string]syntax {
	t.Helper()
	langs := map[string]syntax{".yaml": syntaxYAML, ".json": syntaxJSON, ".tf": syntaxHCL}
	out := map[string]syntax{}
	root := filepath.Join("..", "generate", "testdata", "golden")
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		lang, ok := langs[filepath.Ext(path)]
		if !ok {
			t.Errorf("golden file %s: no language for its extension", path)
			return nil
		}
		out[path] = lang
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []syntax{syntaxYAML, syntaxJSON, syntaxHCL} {
		n := 0
		for _, l := range out {
			if l == lang {
				n++
			}
		}
		if n == 0 {
			t.Fatalf("no golden template of language %d under %s", lang, root)
		}
	}
	return out
}

func TestHighlightKeepsTheText(t *testing.T) {
	colour, noColour := newStyles(false).code, newStyles(true).code
	for path, lang := range goldenTemplates(t) {
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(data), "\n")
			painted := strings.Join(highlight(lines, lang, colour), "\n")
			if got := ansi.Strip(painted); got != string(data) {
				t.Errorf("highlight(%s) without its escapes differs from the file:\n%s", path, firstDiff(got, string(data)))
			}
			if !strings.Contains(painted, "\x1b[38;") {
				t.Errorf("highlight(%s) has no colour", path)
			}
			plain := strings.Join(highlight(lines, lang, noColour), "\n")
			if plain != string(data) {
				t.Errorf("highlight(%s) under NoColor differs from the file:\n%s", path, firstDiff(plain, string(data)))
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q", i+1, gl, wl)
		}
	}
	return ""
}

// markers paints each kind of token with a tag, so tests read which kind a
// token got.
var markers = palette{
	key: paint{"<k>", "</k>"}, str: paint{"<s>", "</s>"}, comment: paint{"<c>", "</c>"},
	intrinsic: paint{"<f>", "</f>"}, block: paint{"<b>", "</b>"}, literal: paint{"<l>", "</l>"},
}

func TestHighlightTokens(t *testing.T) {
	tests := []struct {
		name string
		lang syntax
		in   []string
		want []string
	}{
		{name: "yaml comment and keys", lang: syntaxYAML,
			in:   []string{"# Generated", "Resources:", "  SecretKey:", "    Type: AWS::KMS::Key"},
			want: []string{"<c># Generated</c>", "<k>Resources</k>:", "  <k>SecretKey</k>:", "    <k>Type</k>: <b>AWS::KMS::Key</b>"}},
		{name: "yaml intrinsics", lang: syntaxYAML,
			in:   []string{`        Fn::Sub: "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"`, "  Ref: Secret", "  Value: !GetAtt Secret.Arn"},
			want: []string{`        <f>Fn::Sub</f>: <s>"arn:${AWS::Partition}:iam::${AWS::AccountId}:root"</s>`, "  <f>Ref</f>: <s>Secret</s>", "  <k>Value</k>: <f>!GetAtt</f> <s>Secret.Arn</s>"}},
		{name: "yaml sequences and literals", lang: syntaxYAML,
			in:   []string{"      - generated-value", "  - Sid: Allow", "    EnableKeyRotation: true", "    Days: 30", `    Version: "2012-10-17"`, "    rulesWaived: []"},
			want: []string{"      - <s>generated-value</s>", "  - <k>Sid</k>: <s>Allow</s>", "    <k>EnableKeyRotation</k>: <l>true</l>", "    <k>Days</k>: <l>30</l>", `    <k>Version</k>: <s>"2012-10-17"</s>`, "    <k>rulesWaived</k>: []"}},
		{name: "yaml trailing comment and colon inside a value", lang: syntaxYAML,
			in:   []string{"  Arn: arn:aws:iam::1:role/app # the app", `  "quoted key": 'it''s'`},
			want: []string{"  <k>Arn</k>: <s>arn:aws:iam::1:role/app</s> <c># the app</c>", `  <k>"quoted key"</k>: <s>'it''s'</s>`}},
		{name: "yaml block scalar", lang: syntaxYAML,
			in:   []string{"  Description: |", "    key: not a key", "", "    # not a comment", "  Next: 1"},
			want: []string{"  <k>Description</k>: |", "    <s>key: not a key</s>", "", "    <s># not a comment</s>", "  <k>Next</k>: <l>1</l>"}},
		{name: "json", lang: syntaxJSON,
			in:   []string{`  "Type": "AWS::KMS::Key",`, `  "Fn::GetAtt": ["Secret", "Arn"],`, `  "Days": 30, "On": true, "X": null`},
			want: []string{`  <k>"Type"</k>: <b>"AWS::KMS::Key"</b>,`, `  <f>"Fn::GetAtt"</f>: [<s>"Secret"</s>, <s>"Arn"</s>],`, `  <k>"Days"</k>: <l>30</l>, <k>"On"</k>: <l>true</l>, <k>"X"</k>: <l>null</l>`}},
		{name: "json escapes", lang: syntaxJSON,
			in:   []string{`  "A": "say \"hi\": now",`},
			want: []string{`  <k>"A"</k>: <s>"say \"hi\": now"</s>,`}},
		{name: "hcl blocks and attributes", lang: syntaxHCL,
			in:   []string{`resource "aws_kms_key" "secret" {`, `  description = "Encrypts"`, `  enable_key_rotation     = true`, `  policy = jsonencode({`, `  lifecycle {`, `  deletion_window_in_days = 30`},
			want: []string{`<b>resource</b> <s>"aws_kms_key"</s> <s>"secret"</s> {`, `  <k>description</k> = <s>"Encrypts"</s>`, `  <k>enable_key_rotation</k>     = <l>true</l>`, `  <k>policy</k> = <f>jsonencode</f>({`, `  <b>lifecycle</b> {`, `  <k>deletion_window_in_days</k> = <l>30</l>`}},
		{name: "hcl strings, references and comments", lang: syntaxHCL,
			in:   []string{`  AWS = "arn:${data.aws_partition.current.partition}:iam"`, `  value = aws_kms_key.secret.arn # the key`, `  "aws:SourceVpce" = x["a"]`, `  s = "${a["b"]} c"`, `# --- main.tf ---`, `  // note`},
			want: []string{`  <k>AWS</k> = <s>"arn:${data.aws_partition.current.partition}:iam"</s>`, `  <k>value</k> = aws_kms_key.secret.arn <c># the key</c>`, `  <k>"aws:SourceVpce"</k> = x[<s>"a"</s>]`, `  <k>s</k> = <s>"${a["b"]} c"</s>`, `<c># --- main.tf ---</c>`, `  <c>// note</c>`}},
		{name: "hcl heredoc and block comment", lang: syntaxHCL,
			in:   []string{`  policy = <<EOT`, `{"a": 1}`, `EOT`, `/* one`, `two */ x = 1`},
			want: []string{`  <k>policy</k> = <s><<EOT</s>`, `<s>{"a": 1}</s>`, `<s>EOT</s>`, `<c>/* one</c>`, `<c>two */</c> <k>x</k> = <l>1</l>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := highlight(tt.in, tt.lang, markers)
			for i := range tt.want {
				if i >= len(got) || got[i] != tt.want[i] {
					t.Errorf("highlight(%q)[%d] = %q, want %q", tt.in, i, got[min(i, len(got)-1)], tt.want[i])
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("highlight returned %d lines, want %d", len(got), len(tt.want))
			}
		})
	}
}

// The preview pane is painted in colour and left plain under NoColor.
func TestPreviewHighlight(t *testing.T) {
	for _, f := range generate.Formats {
		for _, noColor := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/noColor=%v", f, noColor), func(t *testing.T) {
				d := benchDesign()
				m := sized(New(d, Options{DesignFile: "design.yaml", NoColor: noColor}))
				m.format = f
				press(t, m, "ctrl+p")
				lines := m.preview.lines
				files, err := generate.Render(d, f, generate.Options{})
				if err != nil {
					t.Fatal(err)
				}
				joined := strings.Join(lines, "\n")
				painted := strings.Contains(joined, "\x1b[")
				if painted == noColor {
					t.Errorf("preview of %s with NoColor=%v painted = %v", f, noColor, painted)
				}
				plain := ansi.Strip(joined)
				for _, file := range files {
					if !strings.Contains(plain, strings.TrimRight(string(file.Data), "\n")) {
						t.Errorf("preview of %s does not hold %s as generate renders it", f, file.Name)
					}
				}
			})
		}
	}
}
