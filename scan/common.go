package scan

import (
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// readPolicy reads a resource policy document (a map, or JSON text as
// CloudFormation and Terraform both allow) into the design's statements.
func (s *Secret) readPolicy(at Pos, doc *value) {
	const base = "resourcePolicy.statements"
	if doc != nil && doc.k == kUnknown && doc.raw != "" {
		doc = &value{k: kStr, s: doc.raw, pos: doc.pos}
	}
	if doc != nil && doc.k == kStr {
		parsed, err := parseYAML(at.File, []byte(doc.s))
		if err != nil || parsed.k != kMap {
			s.Unknown.Add(base, "the policy is not a JSON document")
			return
		}
		relocate(parsed, at)
		doc = parsed
	}
	if doc == nil || !s.field(base, at, doc) {
		return
	}
	if doc.k != kMap {
		s.Unknown.Add(base, describeUnknown(doc))
		return
	}
	sts := doc.get("Statement")
	if sts == nil {
		return
	}
	if !s.field(base, doc.keyPos("Statement"), sts) {
		return
	}
	items := sts.items
	if sts.k == kMap {
		items = []*value{sts}
	} else if sts.k != kSeq {
		s.Unknown.Add(base, describeUnknown(sts))
		return
	}
	for i, st := range items {
		p := blueprint.StatementPath(i)
		s.field(p, st.pos, st)
		s.Design.ResourcePolicy.Statements = append(s.Design.ResourcePolicy.Statements, s.readStatement(p, st))
	}
}

// relocate gives every node of a value parsed from a string the position of
// the string itself: its own positions count from the string's first byte.
// Terraform's reference markers inside the text become references again.
func relocate(v *value, at Pos) {
	if v == nil {
		return
	}
	if v.k == kStr && strings.Contains(v.s, markOpen) {
		*v = *markedString(v.s, at)
	}
	v.pos = at
	for i := range v.kpos {
		v.kpos[i] = at
	}
	for _, x := range v.vals {
		relocate(x, at)
	}
	for _, x := range v.items {
		relocate(x, at)
	}
}

func (s *Secret) readStatement(p string, st *value) blueprint.Statement {
	var out blueprint.Statement
	if st.k != kMap {
		s.Unknown.Add(p, describeUnknown(st))
		return out
	}
	out.Sid = s.str(p+".sid", st.keyPos("Sid"), st.get("Sid"))
	out.Effect = s.str(p+".effect", st.keyPos("Effect"), st.get("Effect"))
	if v := st.get("Principal"); v != nil {
		out.Principal = s.readPrincipal(p+".principal", st.keyPos("Principal"), v)
	}
	if v := st.get("NotPrincipal"); v != nil {
		out.NotPrincipal = s.readPrincipal(p+".notPrincipal", st.keyPos("NotPrincipal"), v)
	}
	if v := st.get("Action"); v != nil {
		out.Action = s.list(p+".action", st.keyPos("Action"), v)
	}
	if v := st.get("NotAction"); v != nil {
		out.NotAction = s.list(p+".notAction", st.keyPos("NotAction"), v)
	}
	if v := st.get("Resource"); v != nil {
		out.Resource = s.list(p+".resource", st.keyPos("Resource"), v)
	}
	if c := st.get("Condition"); c != nil && s.field(p+".condition", st.keyPos("Condition"), c) {
		if c.k != kMap {
			s.Unknown.Add(p+".condition", describeUnknown(c))
			return out
		}
		for i, op := range c.keys {
			keys := c.vals[i]
			opPath := blueprint.KeyPath(p+".condition", op)
			if !s.field(opPath, c.kpos[i], keys) {
				continue
			}
			if keys.k != kMap {
				s.Unknown.Add(opPath, describeUnknown(keys))
				continue
			}
			for j, key := range keys.keys {
				row := blueprint.Condition{Operator: op, Key: key}
				row.Values = s.list(blueprint.KeyPath(opPath, key), keys.kpos[j], keys.vals[j])
				out.Condition = append(out.Condition, row)
			}
		}
	}
	return out
}

func (s *Secret) readPrincipal(p string, at Pos, v *value) *blueprint.Principal {
	if !s.field(p, at, v) {
		return &blueprint.Principal{}
	}
	if x, ok := scalar(v); ok && x == "*" {
		return &blueprint.Principal{Wildcard: true}
	}
	if v.k != kMap {
		s.Unknown.Add(p, describeUnknown(v))
		return &blueprint.Principal{}
	}
	out := &blueprint.Principal{}
	for i, k := range v.keys {
		vals := s.list(blueprint.KeyPath(p, k), v.kpos[i], v.vals[i])
		switch k {
		case "AWS":
			out.AWS = vals
		case "Service":
			out.Service = vals
		case "Federated":
			out.Federated = vals
		}
	}
	return out
}

// rotationPattern reports whether an EventBridge event pattern catches
// failed rotations, and the secret ids it narrows them to (none: every
// secret of the account).
func rotationPattern(p *value) (watches bool, ids []*value) {
	if p == nil || p.k != kMap {
		return false, nil
	}
	if !containsString(p.get("source"), "aws.secretsmanager") {
		return false, nil
	}
	detail := p.get("detail")
	names := detail.get("eventName")
	switch {
	case names != nil:
		if !containsString(names, "RotationFailed") && !containsString(names, "RotationAbandoned") {
			return false, nil
		}
	case p.get("detail-type") != nil && !containsString(p.get("detail-type"), "AWS Service Event via CloudTrail"):
		return false, nil
	}
	sid := detail.get("additionalEventData").get("SecretId")
	if sid == nil {
		return true, nil
	}
	if sid.k == kSeq {
		return true, sid.items
	}
	return true, []*value{sid}
}

// changePattern reports whether an event pattern catches the API calls that
// change or remove a secret, the secret ids it narrows them to, and the
// change events it leaves out.
func changePattern(p *value) (watches bool, ids []*value, missing []string) {
	if p == nil || p.k != kMap || !containsString(p.get("source"), "aws.secretsmanager") {
		return false, nil, nil
	}
	if dt := p.get("detail-type"); dt != nil && !containsString(dt, "AWS API Call via CloudTrail") {
		return false, nil, nil
	}
	detail := p.get("detail")
	names := detail.get("eventName")
	if names == nil {
		// Every call: the change events among them.
		watches = true
	}
	for _, e := range blueprint.ChangeEvents {
		if containsString(names, e) {
			watches = true
		} else if names != nil {
			missing = append(missing, e)
		}
	}
	if !watches {
		return false, nil, nil
	}
	// The secret may be named in the request or, for the calls that name
	// it only in their response, in responseElements.arn (or aRN); a
	// pattern may list them side by side under "$or", as generate writes.
	branches := []*value{detail}
	if or := detail.get("$or"); or != nil {
		branches = append(branches, or.itemsOf()...)
	}
	constrained := false
	for _, br := range branches {
		for _, sid := range []*value{br.get("requestParameters").get("secretId"), br.get("responseElements").get("arn"), br.get("responseElements").get("aRN")} {
			switch {
			case sid == nil:
			case sid.k == kSeq:
				constrained = true
				ids = append(ids, sid.items...)
			default:
				constrained = true
				ids = append(ids, sid)
			}
		}
	}
	if !constrained {
		return true, nil, missing
	}
	return true, ids, missing
}

func containsString(v *value, want string) bool {
	if v == nil {
		return false
	}
	if x, ok := scalar(v); ok {
		return x == want
	}
	for _, it := range v.items {
		if x, ok := scalar(it); ok && x == want {
			return true
		}
	}
	return false
}

// namesSecret reports whether a literal names the secret called name, by
// name or by ARN (with or without the six random characters).
func namesSecret(lit, name string) bool {
	if name == "" || lit == "" {
		return false
	}
	if lit == name {
		return true
	}
	a, ok := blueprint.ParseARN(lit)
	if !ok || a.Service != "secretsmanager" {
		return false
	}
	res, ok := strings.CutPrefix(a.Resource, "secret:")
	if !ok {
		return false
	}
	if res == name {
		return true
	}
	return len(res) == len(name)+7 && strings.HasPrefix(res, name+"-")
}
