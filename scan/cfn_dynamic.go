package scan

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// dynamicRefOpen starts a CloudFormation dynamic reference,
// {{resolve:service:key}}, in any string of a template.
const dynamicRefOpen = "{{resolve:"

// dynamicRef is a dynamic reference written in a string.
type dynamicRef struct {
	// text is the whole reference, {{resolve:...}}; service the part
	// after resolve: (ssm, ssm-secure, secretsmanager).
	text, service string
}

// dynamicRefs lists the dynamic references of s, in order: each
// {{resolve: up to the }} that closes it.
func dynamicRefs(s string) []dynamicRef {
	var out []dynamicRef
	for {
		i := strings.Index(s, dynamicRefOpen)
		if i < 0 {
			return out
		}
		s = s[i:]
		end := strings.Index(s, "}}")
		if end < 0 {
			// Not closed: a piece of a Fn::Join or Fn::Sub that
			// makes one, judged once it is whole.
			return out
		}
		end += 2
		service, _, _ := strings.Cut(s[len(dynamicRefOpen):end-2], ":")
		out = append(out, dynamicRef{text: s[:end], service: service})
		s = s[end:]
	}
}

// from says where CloudFormation takes the reference's value from.
func (d dynamicRef) from() string {
	switch d.service {
	case "ssm":
		return "a String parameter of SSM Parameter Store"
	case "ssm-secure":
		return "a SecureString parameter of SSM Parameter Store"
	case "secretsmanager":
		return "a secret of Secrets Manager"
	}
	return "the service " + d.service
}

// secret reports whether the reference resolves to secret material: a
// Secrets Manager secret's value or a SecureString parameter.
func (d dynamicRef) secret() bool { return d.service == "secretsmanager" || d.service == "ssm-secure" }

// resolveDynamic makes a string holding a dynamic reference a value not
// known before deployment: CloudFormation replaces each reference with
// what it names when it creates or updates the stack, so its text is not
// the value (a Name "{{resolve:ssm:/app/name}}" is not invalid, and a
// KmsKeyId of one is no key anybody can see; trial7b V22). The string
// is kept as raw, for the rules that judge the reference itself
// (no-secret-in-metadata).
func resolveDynamic(v *value) *value {
	if v == nil || v.k != kStr || !strings.Contains(v.s, dynamicRefOpen) {
		return v
	}
	refs := dynamicRefs(v.s)
	if len(refs) == 0 {
		return v
	}
	why := fmt.Sprintf("the value holds the dynamic reference %s, which CloudFormation resolves from %s when it deploys the stack", refs[0].text, refs[0].from())
	if n := len(refs) - 1; n > 0 {
		why += fmt.Sprintf(", and %d more", n)
	}
	u := unknownAt(v.pos, "%s", why)
	u.raw = v.s
	return u
}

// secretRef is the first dynamic reference of an unknown value's text
// that resolves to secret material, or "".
func secretRef(v *value) string {
	if v == nil || v.k != kUnknown {
		return ""
	}
	for _, d := range dynamicRefs(v.raw) {
		if d.secret() {
			return d.text
		}
	}
	return ""
}

// secretRefInMetadata settles no-secret-in-metadata for a Description or
// tag that holds a dynamic reference to a secret's value or a SecureString
// parameter: CloudFormation writes the value it resolves into the
// property, which anyone who may describe the secret reads in plain text.
// The value is not known, but that it is secret material is.
func (s *cfnSecret) secretRefInMetadata(props *value) {
	path, ref := "secret.description", secretRef(props.get("Description"))
	if tags := props.get("Tags"); ref == "" && tags != nil && tags.k == kSeq {
		for _, tg := range tags.items {
			k, kok := scalar(tg.get("Key"))
			if ref = secretRef(tg.get("Key")); ref != "" {
				path = "secret.tags"
				break
			}
			if ref = secretRef(tg.get("Value")); ref != "" && kok {
				path = blueprint.TagPath(k)
				break
			}
		}
	}
	if ref == "" {
		return
	}
	if s.overrides == nil {
		s.overrides = map[blueprint.RuleID]override{}
	}
	s.overrides[blueprint.RuleNoSecretInMetadata] = override{status: blueprint.StatusNotMet, path: path,
		message: "holds " + ref + ", which CloudFormation replaces with the secret value it names when it deploys the stack: " +
			"the description and tags are stored in plain text for anyone who may describe the secret; keep the reference out of them"}
}

// dynamicKey is a top-level key of a JSON object whose value holds a
// dynamic reference, with the first reference it holds.
type dynamicKey struct {
	key string
	ref dynamicRef
}

// why says that the key's value is a dynamic reference and not kept.
func (k dynamicKey) why() string {
	return strconv.Quote(k.key) + ": a dynamic reference to " + k.ref.from() + " (" + k.ref.text + "), known only at deployment; not kept, the other keys are"
}

// withoutDynamicKeys is the unknown value v, a string holding dynamic
// references (resolveDynamic), read as a JSON object with the keys whose
// values hold a reference taken out, in the order written, and those
// keys. A reference makes only its own key unknown: the secret's other
// keys (the username, the host) are literal text CloudFormation writes
// as they are, and dropping them with it lost them from the import
// without a word (issue 22's trial 8b, X5). ok is false when v is not
// such a string or its text is not a JSON object.
func withoutDynamicKeys(v *value) (kept string, gone []dynamicKey, ok bool) {
	if v == nil || v.k != kUnknown || len(dynamicRefs(v.raw)) == 0 {
		return "", nil, false
	}
	dec := json.NewDecoder(strings.NewReader(v.raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", nil, false
	}
	var b strings.Builder
	b.WriteByte('{')
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", nil, false
		}
		k, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return "", nil, false
		}
		if refs := dynamicRefs(string(raw)); len(refs) > 0 {
			gone = append(gone, dynamicKey{k, refs[0]})
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(raw)
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') || dec.More() {
		return "", nil, false
	}
	b.WriteByte('}')
	return b.String(), gone, true
}
