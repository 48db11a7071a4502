package blueprint

import (
	"encoding/json"
	"fmt"
	"sort"
)

// ParsePolicyJSON reads an IAM policy document, such as the resource policy
// Secrets Manager returns for a deployed secret, back into design statements.
// Condition operators and keys come back sorted, since a JSON object has no
// order a design could keep; principals come back in AWS, Service, Federated
// order. It rejects documents it cannot represent rather than dropping parts.
func ParsePolicyJSON(data []byte) ([]Statement, error) {
	var doc struct {
		Version   string          `json:"Version"`
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("policy is not a JSON object: %w", err)
	}
	if len(doc.Statement) == 0 {
		return nil, nil
	}
	var raw []json.RawMessage
	if doc.Statement[0] == '{' {
		raw = []json.RawMessage{doc.Statement}
	} else if err := json.Unmarshal(doc.Statement, &raw); err != nil {
		return nil, fmt.Errorf("Statement must be an object or a list: %w", err)
	}
	out := make([]Statement, 0, len(raw))
	for i, r := range raw {
		st, err := parseStatementJSON(r)
		if err != nil {
			return nil, fmt.Errorf("Statement[%d]: %w", i, err)
		}
		out = append(out, st)
	}
	return out, nil
}

type jsonStrings []string

func (l *jsonStrings) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*l = jsonStrings{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("must be a string or a list of strings")
	}
	if len(many) == 0 {
		// An empty list says nothing more than an absent one.
		many = nil
	}
	*l = many
	return nil
}

func parseStatementJSON(b []byte) (Statement, error) {
	var s struct {
		Sid          string                            `json:"Sid"`
		Effect       string                            `json:"Effect"`
		Principal    json.RawMessage                   `json:"Principal"`
		NotPrincipal json.RawMessage                   `json:"NotPrincipal"`
		Action       jsonStrings                       `json:"Action"`
		NotAction    jsonStrings                       `json:"NotAction"`
		Resource     jsonStrings                       `json:"Resource"`
		Condition    map[string]map[string]jsonStrings `json:"Condition"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return Statement{}, err
	}
	st := Statement{Sid: s.Sid, Effect: s.Effect, Action: s.Action, NotAction: s.NotAction, Resource: s.Resource}
	var err error
	if st.Principal, err = parsePrincipalJSON(s.Principal); err != nil {
		return Statement{}, fmt.Errorf("Principal: %w", err)
	}
	if st.NotPrincipal, err = parsePrincipalJSON(s.NotPrincipal); err != nil {
		return Statement{}, fmt.Errorf("NotPrincipal: %w", err)
	}
	ops := make([]string, 0, len(s.Condition))
	for op := range s.Condition {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		keys := make([]string, 0, len(s.Condition[op]))
		for k := range s.Condition[op] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			st.Condition = append(st.Condition, Condition{Operator: op, Key: k, Values: s.Condition[op][k]})
		}
	}
	return st, nil
}

func parsePrincipalJSON(b json.RawMessage) (*Principal, error) {
	if len(b) == 0 || string(b) == "null" {
		return nil, nil
	}
	var star string
	if err := json.Unmarshal(b, &star); err == nil {
		if star != "*" {
			return nil, fmt.Errorf("a bare string principal must be \"*\", got %q", star)
		}
		return &Principal{Wildcard: true}, nil
	}
	var m map[string]jsonStrings
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("must be \"*\" or an object of principal lists")
	}
	p := &Principal{}
	for k, v := range m {
		switch k {
		case "AWS":
			p.AWS = v
		case "Service":
			p.Service = v
		case "Federated":
			p.Federated = v
		default:
			return nil, fmt.Errorf("principal type %q is not one a secret's policy can name", k)
		}
	}
	return p, nil
}
