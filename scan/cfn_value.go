package scan

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// writtenValue is what a design can keep of a value a CloudFormation
// template writes down (SecretString, a literal or the text of its
// Fn::Sub): a JSON template with the connection keys whose values are
// literal (username, host, engine, port, dbname, masterarn: not secret
// material) and every other key emptied, and the key the generated
// password goes under. The written values themselves are never kept. ok
// is false when the value is not a JSON object.
func writtenValue(text string) (tmpl, key string, ok bool) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", "", false
	}
	type field struct {
		k   string
		raw json.RawMessage
	}
	var fields []field
	var others []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", "", false
		}
		k, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return "", "", false
		}
		fields = append(fields, field{k, raw})
		if !slices.Contains(blueprint.ConnectionKeys, k) {
			others = append(others, k)
		}
	}
	switch {
	case slices.Contains(others, "password"):
		key = "password"
	case len(others) > 0:
		key = others[0]
	default:
		key = "password"
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for _, f := range fields {
		kept := json.RawMessage(`""`)
		if slices.Contains(blueprint.ConnectionKeys, f.k) {
			var v any
			_ = json.Unmarshal(f.raw, &v)
			switch x := v.(type) {
			case string:
				if strings.Contains(x, "${") {
					continue // from a parameter: not a value written here
				}
				kept = f.raw
			case float64:
				kept = f.raw
			default:
				continue
			}
		} else if f.k == key {
			continue // the generated password goes under it
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(f.k)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(kept)
	}
	b.WriteByte('}')
	return b.String(), key, true
}
