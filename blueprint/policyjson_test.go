package blueprint

import (
	"reflect"
	"testing"
)

func TestParsePolicyJSONRoundTrip(t *testing.T) {
	p := &ResourcePolicy{Statements: []Statement{
		{
			Sid: "Read", Effect: "Allow",
			Principal: &Principal{AWS: []string{"arn:aws:iam::123456789012:role/app"}, Service: []string{"lambda.amazonaws.com"}},
			Action:    []string{"secretsmanager:GetSecretValue"},
			Resource:  []string{"*"},
			Condition: []Condition{
				{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-1", "vpce-2"}},
				{Operator: "StringEquals", Key: "aws:PrincipalOrgID", Values: []string{"o-abc"}},
			},
		},
		{Effect: "Deny", Principal: &Principal{Wildcard: true}, NotAction: []string{"secretsmanager:Describe*", "secretsmanager:List*"}, Resource: []string{"*"}},
	}}
	doc, err := p.DocumentJSON()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParsePolicyJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := p.Statements
	// Keys come back sorted within an operator.
	want[0].Condition = []Condition{want[0].Condition[1], want[0].Condition[0]}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %#v\nwant %#v", got, want)
	}
}

func TestParsePolicyJSONSingleStatementObject(t *testing.T) {
	got, err := ParsePolicyJSON([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"secretsmanager:*","Resource":"*"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Principal.AWS[0] != "123456789012" || got[0].Action[0] != "secretsmanager:*" {
		t.Fatalf("got %#v", got)
	}
}

func TestParsePolicyJSONRejects(t *testing.T) {
	for _, doc := range []string{
		`[]`,
		`{"Statement":[{"Principal":"arn:aws:iam::1:root"}]}`,
		`{"Statement":[{"Principal":{"CanonicalUser":"x"}}]}`,
		`{"Statement":[{"Action":3}]}`,
		`{"Statement":"x"}`,
	} {
		if _, err := ParsePolicyJSON([]byte(doc)); err == nil {
			t.Errorf("ParsePolicyJSON(%s) succeeded; want an error", doc)
		}
	}
}

// FuzzParsePolicyJSON holds the reader of deployed policies to never
// panicking, and to a fixed point: what it reads, written as a document and
// read again, is the same statements.
func FuzzParsePolicyJSON(f *testing.F) {
	for _, seed := range []string{
		`{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}}]}`,
		`{"Statement":{"Effect":"Deny","Principal":"*","NotAction":["secretsmanager:Describe*"],"Resource":["*"]}}`,
		`{"Statement":[{"Principal":{"Service":[],"AWS":"1"},"Action":[],"Condition":{"Bool":{"aws:SecureTransport":[]}}}]}`,
		`{"Statement":null}`,
		`{}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sts, err := ParsePolicyJSON(data)
		if err != nil {
			return
		}
		doc, err := (&ResourcePolicy{Statements: sts}).DocumentJSON()
		if err != nil {
			t.Fatalf("DocumentJSON of parsed statements: %v", err)
		}
		again, err := ParsePolicyJSON(doc)
		if err != nil {
			t.Fatalf("the document written from parsed statements does not parse: %v\n%s", err, doc)
		}
		if len(sts) == 0 && len(again) == 0 {
			return
		}
		// An absent Resource means "*" (Statement.Resources), which the
		// document writes out.
		for _, l := range [][]Statement{sts, again} {
			for i := range l {
				l[i].Resource = l[i].Resources()
			}
		}
		if !reflect.DeepEqual(sts, again) {
			t.Fatalf("not a fixed point:\n first %#v\nagain %#v\ndoc %s", sts, again, doc)
		}
	})
}
