package blueprint

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDocumentJSON(t *testing.T) {
	tests := []struct {
		name string
		in   *ResourcePolicy
		want string
	}{
		{
			name: "nil policy",
			in:   nil,
			want: `{"Version":"2012-10-17","Statement":[]}`,
		},
		{
			name: "single values are strings",
			in: &ResourcePolicy{Statements: []Statement{{
				Sid: "AppRead", Effect: "Allow",
				Principal: &Principal{AWS: []string{"arn:aws:iam::123456789012:role/app"}},
				Action:    []string{"secretsmanager:GetSecretValue"},
				Resource:  []string{"*"},
			}}},
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"AppRead","Effect":"Allow",` +
				`"Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},` +
				`"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`,
		},
		{
			name: "several values are lists, principal types in fixed order",
			in: &ResourcePolicy{Statements: []Statement{{
				Effect: "Allow",
				Principal: &Principal{
					Federated: []string{"accounts.google.com"},
					Service:   []string{"lambda.amazonaws.com", "ecs-tasks.amazonaws.com"},
					AWS:       []string{"111111111111", "222222222222"},
				},
				Action:   []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
				Resource: []string{"*"},
			}}},
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
				`"Principal":{"AWS":["111111111111","222222222222"],"Service":["lambda.amazonaws.com","ecs-tasks.amazonaws.com"],"Federated":"accounts.google.com"},` +
				`"Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":"*"}]}`,
		},
		{
			name: "wildcard principal, not-forms and conditions grouped in first-appearance order",
			in: &ResourcePolicy{Statements: []Statement{{
				Sid: "DenyOutsideVpce", Effect: "Deny",
				NotPrincipal: &Principal{Wildcard: true},
				NotAction:    []string{"secretsmanager:DescribeSecret"},
				Resource:     []string{"*"},
				Condition: []Condition{
					{Operator: "StringNotEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0123abcd"}},
					{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}},
					{Operator: "StringNotEquals", Key: "aws:PrincipalOrgID", Values: []string{"o-a1b2c3d4e5", "o-f6g7h8i9j0"}},
				},
			}}},
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideVpce","Effect":"Deny","NotPrincipal":"*",` +
				`"NotAction":"secretsmanager:DescribeSecret","Resource":"*",` +
				`"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0123abcd","aws:PrincipalOrgID":["o-a1b2c3d4e5","o-f6g7h8i9j0"]},` +
				`"Bool":{"aws:SecureTransport":"false"}}}]}`,
		},
		{
			name: "repeated operator and key rows merge their values",
			in: &ResourcePolicy{Statements: []Statement{{
				Effect: "Allow", Principal: &Principal{AWS: []string{"*"}},
				Action: []string{"secretsmanager:*"}, Resource: []string{"*"},
				Condition: []Condition{
					{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0123abcd"}},
					{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-4567abcd"}},
				},
			}}},
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},` +
				`"Action":"secretsmanager:*","Resource":"*",` +
				`"Condition":{"StringEquals":{"aws:SourceVpce":["vpce-0123abcd","vpce-4567abcd"]}}}]}`,
		},
		{
			name: "no HTML escaping, JSON escaping kept",
			in: &ResourcePolicy{Statements: []Statement{{
				Sid: "S", Effect: "Allow", Principal: &Principal{Wildcard: true},
				Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{"*"},
				Condition: []Condition{{Operator: "StringLike", Key: "aws:ResourceTag/a&b", Values: []string{`<x> "q" \ ` + "\t\x01"}}},
			}}},
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Principal":"*",` +
				`"Action":"secretsmanager:GetSecretValue","Resource":"*",` +
				`"Condition":{"StringLike":{"aws:ResourceTag/a&b":"<x> \"q\" \\ \t\u0001"}}}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.DocumentJSON()
			if err != nil {
				t.Fatalf("DocumentJSON() error = %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("DocumentJSON() =\n%s\nwant\n%s", got, tt.want)
			}
			if !json.Valid(got) {
				t.Errorf("DocumentJSON() = %s, not valid JSON", got)
			}
		})
	}
}

// TestDocumentJSONReparses decodes the JSON generically and compares it with
// what the design says, so the custom marshalers cannot drift from IAM's shape.
func TestDocumentJSONReparses(t *testing.T) {
	p := &ResourcePolicy{Statements: []Statement{
		{
			Sid: "A", Effect: "Allow",
			Principal: &Principal{AWS: []string{"123456789012"}, Service: []string{"lambda.amazonaws.com"}},
			Action:    []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
			Resource:  []string{"*"},
			Condition: []Condition{
				{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0123abcd"}},
				{Operator: "ForAnyValue:StringEquals", Key: "aws:CalledVia", Values: []string{"cloudformation.amazonaws.com", "lambda.amazonaws.com"}},
			},
		},
		{Sid: "B", Effect: "Deny", Principal: &Principal{Wildcard: true}, Action: []string{"secretsmanager:DeleteSecret"}, Resource: []string{"*"}},
	}}
	b, err := p.DocumentJSON()
	if err != nil {
		t.Fatal(err)
	}
	var got any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("json.Unmarshal(%s) error = %v", b, err)
	}
	want := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			map[string]any{
				"Sid": "A", "Effect": "Allow",
				"Principal": map[string]any{"AWS": "123456789012", "Service": "lambda.amazonaws.com"},
				"Action":    []any{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
				"Resource":  "*",
				"Condition": map[string]any{
					"StringEquals":             map[string]any{"aws:SourceVpce": "vpce-0123abcd"},
					"ForAnyValue:StringEquals": map[string]any{"aws:CalledVia": []any{"cloudformation.amazonaws.com", "lambda.amazonaws.com"}},
				},
			},
			map[string]any{"Sid": "B", "Effect": "Deny", "Principal": "*", "Action": "secretsmanager:DeleteSecret", "Resource": "*"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DocumentJSON() re-parsed = %#v\nwant %#v", got, want)
	}

	// Marshalling the document with plain json.Marshal gives the same JSON
	// apart from HTML escaping, so generators may use either.
	m, err := json.Marshal(p.Document())
	if err != nil {
		t.Fatal(err)
	}
	if string(m) != string(b) {
		t.Errorf("json.Marshal(Document()) = %s, want %s", m, b)
	}
}

func TestDocumentDoesNotAliasDesign(t *testing.T) {
	p := &ResourcePolicy{Statements: []Statement{{
		Effect: "Allow", Principal: &Principal{Wildcard: true}, Action: []string{"secretsmanager:*"}, Resource: []string{"*"},
		Condition: []Condition{
			{Operator: "StringEquals", Key: "k:a", Values: make([]string, 1, 4)},
			{Operator: "StringEquals", Key: "k:a", Values: []string{"second"}},
		},
	}}}
	p.Statements[0].Condition[0].Values[0] = "first"
	doc := p.Document()
	if got := doc.Statement[0].Condition[0].Entries[0].Values; len(got) != 2 {
		t.Fatalf("merged values = %q, want 2 values", got)
	}
	if spare := p.Statements[0].Condition[0].Values[:2]; spare[1] == "second" {
		t.Errorf("Document() wrote merged values into the design's slice: %q", spare)
	}
}

func TestValidateResourcePolicySize(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want outcome
	}{
		{"small", []byte(`{"Version":"2012-10-17","Statement":[]}`), ok},
		{"at limit", []byte(strings.Repeat("a", MaxResourcePolicyChars)), ok},
		{"at limit in runes", []byte(strings.Repeat("é", MaxResourcePolicyChars)), ok},
		{"over limit", []byte(strings.Repeat("a", MaxResourcePolicyChars+1)), bad},
		{"empty", nil, bad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateResourcePolicySize(tt.in)
			if got := outcomeOf(err); got != tt.want {
				t.Errorf("ValidateResourcePolicySize(%d bytes) = %v, want %v", len(tt.in), err, tt.want)
			}
		})
	}
}

// TestJSONCharsMatchesDocumentJSON holds the allocation-free size count that
// Validate uses to the real encoding.
func TestJSONCharsMatchesDocumentJSON(t *testing.T) {
	tests := []struct {
		name string
		in   *ResourcePolicy
	}{
		{"empty", &ResourcePolicy{}},
		{"valid design", validDesign().ResourcePolicy},
		{"everything", &ResourcePolicy{Statements: []Statement{
			{
				Sid: "X", Effect: "Allow",
				Principal:    &Principal{AWS: []string{"a", "b"}, Federated: []string{"f"}},
				NotPrincipal: &Principal{Wildcard: true},
				Action:       []string{"secretsmanager:*"},
				NotAction:    []string{"a", "b", "c"},
				Resource:     []string{"*", "é\u2028\"\\\n\x01\xff"},
				Condition: []Condition{
					{Operator: "A", Key: "k1", Values: []string{"1"}},
					{Operator: "B", Key: "k2", Values: []string{"2", "3"}},
					{Operator: "A", Key: "k3", Values: nil},
				},
			},
			{Effect: "", Principal: &Principal{}},
		}}},
		{"merged rows", &ResourcePolicy{Statements: []Statement{{
			Effect: "Deny",
			Condition: []Condition{
				{Operator: "A", Key: "k", Values: []string{"1"}},
				{Operator: "A", Key: "k", Values: []string{"2"}},
			},
		}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.in.DocumentJSON()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := tt.in.jsonChars(), utf8.RuneCount(b); got != want {
				t.Errorf("jsonChars() = %d, want %d (len of %s)", got, want, b)
			}
		})
	}
}

// TestJSONStringCharsEveryByte holds jsonStringChars, which counts eight
// plain bytes at a time, equal to what appendJSONString writes for every
// byte value at every place of an eight-byte block and of the tail.
func TestJSONStringCharsEveryByte(t *testing.T) {
	for n := 1; n <= 19; n++ {
		for at := range n {
			for c := range 256 {
				b := []byte(strings.Repeat("a", n))
				b[at] = byte(c)
				s := string(b)
				if got, want := jsonStringChars(s), utf8.RuneCount(appendJSONString(nil, s)); got != want {
					t.Fatalf("jsonStringChars(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
	for _, s := range []string{"αβγδεζηθικλμ", "arn:aws:iam::111122223333:role/\u2028x", "0123456\xff89abcdef", "abcdefg\x7fhijklmn"} {
		if got, want := jsonStringChars(s), utf8.RuneCount(appendJSONString(nil, s)); got != want {
			t.Errorf("jsonStringChars(%q) = %d, want %d", s, got, want)
		}
	}
}
