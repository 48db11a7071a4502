package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/secretsmith/secretsmith/blueprint"
)

// This file keeps the libraries' own encoders as the reference the fast
// CloudFormation encoders are held to, byte for byte: encoding/json with
// ordered maps for JSON, and goccy/go-yaml's syntax tree with every scalar
// restyled for YAML. They were the production encoders until the live
// preview needed a template in well under a millisecond; the tests render
// every golden case, awkward strings and shapes, and each fuzz input through
// both and compare.

// MarshalJSON writes the keys in order (reference encoder only).
func (m cfnMap) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, it := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := refMarshalJSON(it.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := refMarshalJSON(it.Value)
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", it.Key, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalYAML hands goccy an ordered MapSlice (reference encoder only).
func (m cfnMap) MarshalYAML() (any, error) {
	ms := make(yaml.MapSlice, len(m))
	for i, it := range m {
		ms[i] = yaml.MapItem{Key: it.Key, Value: it.Value}
	}
	return ms, nil
}

// refMarshalJSON is json.Marshal without HTML escaping.
func refMarshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// refEncodeJSON is cfnEncodeJSON through encoding/json.
func refEncodeJSON(t *cfnTemplate) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(t); err != nil {
		return nil, fmt.Errorf("encode CloudFormation JSON: %w", err)
	}
	return refEscapeNonPrinting(b.Bytes()), nil
}

// refEscapeNonPrinting rewrites the characters encoding/json leaves raw but
// YAML readers refuse as \u escapes.
func refEscapeNonPrinting(b []byte) []byte {
	out := make([]byte, 0, len(b)+32)
	for _, r := range string(b) {
		if jsonNeedsEscape(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, string(r)...)
		}
	}
	return out
}

// refEncodeYAML is cfnEncodeYAML through goccy's syntax tree and printer.
func refEncodeYAML(t *cfnTemplate, header []string) ([]byte, error) {
	node, err := yaml.ValueToNode(t, yaml.Indent(2), yaml.IndentSequence(true))
	if err != nil {
		return nil, fmt.Errorf("encode CloudFormation YAML: %w", err)
	}
	// Keys are restyled when their mapping entry is visited, which Walk
	// does before it reaches the key node itself.
	var styleErr error
	keys := make(map[*ast.StringNode]bool)
	ast.Walk(refVisitorFunc(func(n ast.Node) {
		if styleErr != nil {
			return
		}
		switch n := n.(type) {
		case *ast.MappingValueNode:
			if k, ok := n.Key.(*ast.StringNode); ok && !keys[k] {
				keys[k] = true
				styleErr = refRestyle(k, true)
			}
		case *ast.StringNode:
			if !keys[n] {
				styleErr = refRestyle(n, false)
			}
		}
	}), node)
	if styleErr != nil {
		return nil, styleErr
	}
	root, ok := node.(*ast.MappingNode)
	if !ok || len(root.Values) == 0 {
		return nil, fmt.Errorf("encode CloudFormation YAML: template is not a mapping")
	}
	if len(header) > 0 {
		toks := make([]*token.Token, len(header))
		for i, line := range header {
			text := " " + yamlCommentSafe(line)
			if line == "" {
				text = ""
			}
			toks[i] = token.New(text, text, nil)
		}
		if err := root.Values[0].SetComment(ast.CommentGroup(toks)); err != nil {
			return nil, fmt.Errorf("encode CloudFormation YAML header: %w", err)
		}
	}
	return []byte(node.String() + "\n"), nil
}

type refVisitorFunc func(ast.Node)

func (f refVisitorFunc) Visit(n ast.Node) ast.Visitor {
	f(n)
	return f
}

// refRestyle sets the scalar style of one string node: goccy's own quoting
// is undone, then the string is written plain when yamlPlainSafe allows it
// and double-quoted by yamlQuote otherwise.
func refRestyle(n *ast.StringNode, key bool) error {
	s := n.Value
	if strings.HasPrefix(s, `"`) {
		u, err := strconv.Unquote(s)
		if err != nil {
			return fmt.Errorf("encode CloudFormation YAML: cannot read back scalar %s: %w", s, err)
		}
		s = u
	}
	out := s
	if !yamlPlainSafe(s) {
		out = yamlQuote(s)
	}
	if key && len(out) > maxYAMLKey {
		return fmt.Errorf("encode CloudFormation YAML: mapping key %.40q... is %d characters; YAML keys must stay under 1024", s, len(out))
	}
	n.Value = out
	n.Token.Type = token.StringType
	n.Token.Value = out
	n.Token.Origin = out
	return nil
}

// cfnCheckReference renders d's template with both encoder pairs and
// fails the test unless each format's bytes are identical.
func cfnCheckReference(t *testing.T, d *blueprint.Design) {
	t.Helper()
	p := newPlan(d, blueprint.Check(d), Options{Version: "test"})
	tmpl, err := buildCfnTemplate(p)
	if err != nil {
		t.Fatalf("buildCfnTemplate error: %v", err)
	}
	cfnCompareReference(t, tmpl, cfnHeader(p))
}

func cfnCompareReference(t *testing.T, tmpl *cfnTemplate, header []string) {
	t.Helper()
	for _, enc := range []struct {
		name      string
		fast, ref func() ([]byte, error)
	}{
		{"JSON", func() ([]byte, error) { return cfnEncodeJSON(tmpl) }, func() ([]byte, error) { return refEncodeJSON(tmpl) }},
		{"YAML", func() ([]byte, error) { return cfnEncodeYAML(tmpl, header) }, func() ([]byte, error) { return refEncodeYAML(tmpl, header) }},
	} {
		got, err := enc.fast()
		want, refErr := enc.ref()
		if (err == nil) != (refErr == nil) {
			t.Errorf("cfnEncode%s error = %v, reference encoder error = %v", enc.name, err, refErr)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("cfnEncode%s differs from the reference encoder:\n%s", enc.name, lineDiff(string(want), string(got)))
		}
	}
}

// TestCfnEncodersMatchReference holds the CloudFormation encoders to the
// library encoders byte for byte: on every golden case and fuzz seed, on
// awkward strings as keys and values, and on every shape the value tree can
// take (empty, nil and nested mappings and sequences).
func TestCfnEncodersMatchReference(t *testing.T) {
	for _, c := range cfnCases(t) {
		t.Run(c.name, func(t *testing.T) { cfnCheckReference(t, c.design) })
	}
	base := cfnFuzzBase(t)
	for i, in := range cfnFuzzSeeds(t) {
		t.Run(fmt.Sprintf("seed%d", i), func(t *testing.T) {
			if d := in.design(t, base); cfnRenderable(d) {
				cfnCheckReference(t, d)
			}
		})
	}
	for _, s := range yamlAwkwardStrings {
		cfnCompareReference(t, &cfnTemplate{
			AWSTemplateFormatVersion: "2010-09-09",
			Description:              s,
			Metadata:                 cfnTemplateMetadata{Secretsmith: cfnSecretsmithMetadata{Design: s, RulesMet: []string{s}, RulesWaived: []cfnWaivedRule{{s, s}}}},
			Resources:                cfnMap{}.add("R", cfnMap{}.add(s, []any{s, cfnMap{}.add(s, s)})),
		}, []string{s, "", s})
	}
	one := 1
	no := false
	shapes := cfnMap{}.
		add("emptyMap", cfnMap{}).
		add("nilMap", cfnMap(nil)).
		add("emptyList", []string{}).
		add("nilList", []string(nil)).
		add("nilMaps", []cfnMap(nil)).
		add("nilAny", []any(nil)).
		add("nil", nil).
		add("numbers", []any{0, -7, 1 << 40, true, false}).
		add("listOfEmpty", []any{cfnMap{}, []string{}, []any{}}).
		add("listOfLists", []any{[]string{"a", "b"}, []any{[]string{"c"}, cfnMap{}.add("d", "e")}, []any{cfnMap{}.add("f", []string{"g"}).add("h", cfnMap{}.add("i", "j"))}}).
		add("mapsInList", []cfnMap{cfnMap{}.add("k", []any{cfnMap{}.add("x", cfnMap{})}).add("l", cfnMap{}.add("m", []string{})), cfnMap{}}).
		add("intrinsics", []any{cfnRefTo("A"), cfnGetAttOf("B", "Arn"), cfnSubOf("${C}"), cfnSubVars{[2]any{"${D}", cfnMap{}.add("D", "d")}}, cfnJoin{[2]any{",", []any{"a", cfnRefTo("E")}}}}).
		add("structs", []any{
			cfnGenerateSecretString{PasswordLength: &one, ExcludeNumbers: &no},
			&cfnResource{Type: "T", Properties: cfnRotationRules{}},
			cfnHostedRotationLambda{RotationType: "R", KmsKeyArn: nil},
			cfnHostedRotationLambda{KmsKeyArn: ""},
			(*cfnLintMetadata)(nil),
			cfnLintConfig{},
		})
	cfnCompareReference(t, &cfnTemplate{AWSTemplateFormatVersion: "2010-09-09", Resources: shapes, Outputs: shapes}, nil)
}
