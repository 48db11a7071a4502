package blueprint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"
)

// PolicyVersion is the IAM policy language version every document uses.
const PolicyVersion = "2012-10-17"

// MaxResourcePolicyChars is the Secrets Manager limit on the length of a
// resource policy document.
const MaxResourcePolicyChars = 20480

// PolicyDocument is a secret's resource policy in IAM's JSON shape. Its types
// marshal with encoding/json in a fixed key order, so the same design always
// gives byte-identical output; generators can also walk the fields directly.
type PolicyDocument struct {
	Version   string            `json:"Version"`
	Statement []PolicyStatement `json:"Statement"`
}

// PolicyStatement is one statement of a PolicyDocument. Empty elements are
// left out of the JSON.
type PolicyStatement struct {
	Sid          string           `json:"Sid,omitempty"`
	Effect       string           `json:"Effect"`
	Principal    *PolicyPrincipal `json:"Principal,omitempty"`
	NotPrincipal *PolicyPrincipal `json:"NotPrincipal,omitempty"`
	Action       StringOrList     `json:"Action,omitempty"`
	NotAction    StringOrList     `json:"NotAction,omitempty"`
	Resource     StringOrList     `json:"Resource,omitempty"`
	Condition    PolicyCondition  `json:"Condition,omitempty"`
}

// StringOrList is a list of strings that marshals as a bare string when it
// holds exactly one, as IAM policies are usually written.
type StringOrList []string

// MarshalJSON writes "a" for one value and ["a","b"] otherwise.
func (l StringOrList) MarshalJSON() ([]byte, error) { return l.appendJSON(nil), nil }

func (l StringOrList) appendJSON(b []byte) []byte {
	if len(l) == 1 {
		return appendJSONString(b, l[0])
	}
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// PolicyPrincipal is a Principal or NotPrincipal element: either the bare
// wildcard "*" or a map from principal type to values.
type PolicyPrincipal struct {
	// Wildcard marshals as "*" and wins over Entries.
	Wildcard bool
	// Entries are in the order AWS, Service, Federated, each present only
	// when it has values.
	Entries []PrincipalEntry
}

// PrincipalEntry is one principal type ("AWS", "Service" or "Federated")
// and its values.
type PrincipalEntry struct {
	Type   string
	Values StringOrList
}

// MarshalJSON writes "*" or {"AWS": ..., "Service": ..., "Federated": ...}.
func (p PolicyPrincipal) MarshalJSON() ([]byte, error) {
	if p.Wildcard {
		return []byte(`"*"`), nil
	}
	b := []byte{'{'}
	for i, e := range p.Entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, e.Type)
		b = append(b, ':')
		b = e.Values.appendJSON(b)
	}
	return append(b, '}'), nil
}

// PolicyCondition is a Condition element: operators in the order they first
// appear in the design, each with its keys in first-appearance order.
type PolicyCondition []ConditionBlock

// ConditionBlock is one operator of a Condition element.
type ConditionBlock struct {
	Operator string
	Entries  []ConditionEntry
}

// ConditionEntry is one key under an operator and its values.
type ConditionEntry struct {
	Key    string
	Values StringOrList
}

// MarshalJSON writes {"Operator": {"key": value-or-list, ...}, ...}.
func (c PolicyCondition) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, blk := range c {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, blk.Operator)
		b = append(b, ':', '{')
		for j, e := range blk.Entries {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, e.Key)
			b = append(b, ':')
			b = e.Values.appendJSON(b)
		}
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as a JSON string, escaped exactly as
// encoding/json escapes with SetEscapeHTML(false): only what JSON requires,
// plus U+2028/U+2029, so ARN patterns and conditions read as written and the
// custom marshalers agree with the plain string fields.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Document turns the policy into its IAM document. Rows of the design's
// Condition list that share an operator and key are merged into one key with
// all their values, since JSON cannot hold the key twice; Validate reports
// such rows. A nil policy gives a document with no statements.
func (p *ResourcePolicy) Document() PolicyDocument {
	doc := PolicyDocument{Version: PolicyVersion, Statement: []PolicyStatement{}}
	if p == nil {
		return doc
	}
	doc.Statement = make([]PolicyStatement, len(p.Statements))
	for i := range p.Statements {
		st := &p.Statements[i]
		doc.Statement[i] = PolicyStatement{
			Sid:          st.Sid,
			Effect:       st.Effect,
			Principal:    principalDoc(st.Principal),
			NotPrincipal: principalDoc(st.NotPrincipal),
			Action:       StringOrList(st.Action),
			NotAction:    StringOrList(st.NotAction),
			Resource:     StringOrList(slices.Clone(st.Resources())),
			Condition:    conditionDoc(st.Condition),
		}
	}
	return doc
}

func principalDoc(p *Principal) *PolicyPrincipal {
	if p == nil {
		return nil
	}
	if p.Wildcard {
		return &PolicyPrincipal{Wildcard: true}
	}
	out := &PolicyPrincipal{}
	for _, e := range [...]PrincipalEntry{{"AWS", p.AWS}, {"Service", p.Service}, {"Federated", p.Federated}} {
		if len(e.Values) > 0 {
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}

func conditionDoc(rows []Condition) PolicyCondition {
	var out PolicyCondition
	for _, c := range rows {
		bi := -1
		for i := range out {
			if out[i].Operator == c.Operator {
				bi = i
				break
			}
		}
		if bi < 0 {
			out = append(out, ConditionBlock{Operator: c.Operator})
			bi = len(out) - 1
		}
		blk := &out[bi]
		ei := -1
		for j := range blk.Entries {
			if blk.Entries[j].Key == c.Key {
				ei = j
				break
			}
		}
		if ei < 0 {
			// Copy so that merging a later row never writes into the
			// design's own slice.
			vals := make(StringOrList, len(c.Values))
			copy(vals, c.Values)
			blk.Entries = append(blk.Entries, ConditionEntry{Key: c.Key, Values: vals})
		} else {
			blk.Entries[ei].Values = append(blk.Entries[ei].Values, c.Values...)
		}
	}
	return out
}

// DocumentJSON is Document as compact JSON, without HTML escaping.
func (p *ResourcePolicy) DocumentJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p.Document()); err != nil {
		return nil, fmt.Errorf("encode resource policy: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

// ValidateResourcePolicySize checks a policy document against the Secrets
// Manager limit of 1-20480 characters.
func ValidateResourcePolicySize(doc []byte) error {
	n := utf8.RuneCount(doc)
	if n == 0 {
		return fmt.Errorf("must not be empty")
	}
	if n > MaxResourcePolicyChars {
		return fmt.Errorf("is %d characters as JSON; Secrets Manager allows at most %d, so merge or shorten statements", n, MaxResourcePolicyChars)
	}
	return nil
}
