package scan

import (
	"fmt"
	"strconv"
	"strings"
)

// maxForEach is the most resources the Fn::ForEach loops of one template
// are expanded into. CloudFormation itself allows 500 resources a
// template; a loop past the cap is read as one whose collection is unknown.
// maxForEachNodes bounds the values the copies hold in all, so that a large
// fragment repeated many times cannot exhaust memory.
const (
	maxForEach      = 1000
	maxForEachNodes = 200000
)

const forEachPrefix = "Fn::ForEach::"

// expandResources expands the Fn::ForEach loops of the Resources section
// (AWS::LanguageExtensions): each item of a loop's collection gives the
// loop's fragment once, with ${Identifier} and &{Identifier} replaced in its
// keys and strings and Ref Identifier by the item. A loop whose collection
// is not known gives its fragment once, under its written keys, with every
// value that holds the identifier unknown; why records, per resulting
// logical id, that its count is unknown.
func (t *cfnTemplate) expandResources(rs *value) (*value, error) {
	if !hasLoop(rs) {
		return rs, nil
	}
	out := &value{k: kMap, pos: rs.pos}
	n := 0
	if err := t.expandLoops(out, rs, "", 0, &n); err != nil {
		return nil, err
	}
	return out, nil
}

func (t *cfnTemplate) expandLoops(out, m *value, why string, depth int, n *int) error {
	if depth > maxDepth {
		return &SyntaxError{m.pos, "the Fn::ForEach loops nest too deeply to follow"}
	}
	for i, k := range m.keys {
		name, isLoop := strings.CutPrefix(k, forEachPrefix)
		if !isLoop {
			*n++
			out.keys = append(out.keys, k)
			out.kpos = append(out.kpos, m.kpos[i])
			out.vals = append(out.vals, m.vals[i])
			if why != "" {
				if t.loopWhy == nil {
					t.loopWhy = map[string]string{}
				}
				t.loopWhy[k] = why
			}
			continue
		}
		arg := m.vals[i]
		if arg.k != kSeq || len(arg.items) != 3 || arg.items[0].k != kStr || arg.items[2].k != kMap {
			return &SyntaxError{m.kpos[i], k + " needs [identifier, collection, {OutputKey: fragment}]"}
		}
		ident, frag := arg.items[0].s, arg.items[2]
		reason := why
		var items []string
		if reason == "" {
			items, reason = t.collection(name, arg.items[1])
		}
		size := nodeCount(frag, maxForEachNodes+1)
		for j, it := range items {
			t.copied += size
			if *n+len(frag.keys) > maxForEach || t.copied > maxForEachNodes {
				// Past the cap, the rest of the loop is read as
				// unknown: its secrets are reported, not judged.
				what := strconv.Itoa(maxForEach) + " resources"
				if t.copied > maxForEachNodes {
					what = strconv.Itoa(maxForEachNodes) + " values"
				}
				reason = "Fn::ForEach::" + name + " makes more than " + what +
					" with the other loops of the template; secretsmith expands at most that many, so items " +
					strconv.Itoa(j+1) + " to " + strconv.Itoa(len(items)) + " are not read"
				t.notices = append(t.notices, Notice{Pos: m.kpos[i], Resource: k, Msg: reason})
				break
			}
			if err := t.expandLoops(out, substitute(frag, ident, &it, "", 0), "", depth+1, n); err != nil {
				return err
			}
		}
		if reason != "" {
			if err := t.expandLoops(out, substitute(frag, ident, nil, reason, 0), reason, depth+1, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// nodeCount counts the values of v, stopping past limit.
func nodeCount(v *value, limit int) int {
	n := 0
	var walk func(v *value)
	walk = func(v *value) {
		if v == nil || n > limit {
			return
		}
		n++
		for _, x := range v.vals {
			walk(x)
		}
		for _, x := range v.items {
			walk(x)
		}
	}
	walk(v)
	return n
}

func hasLoop(m *value) bool {
	for _, k := range m.keys {
		if strings.HasPrefix(k, forEachPrefix) {
			return true
		}
	}
	return false
}

// expandProperties expands the Fn::ForEach loops of a map inside a
// resource (its properties, say). A loop whose collection is not known
// makes the whole map unknown, for the reason returned: which keys it
// would write cannot be told.
func (t *cfnTemplate) expandProperties(m *value, depth int) (*value, string) {
	out := &value{k: kMap, pos: m.pos}
	var walk func(m *value, depth int) string
	walk = func(m *value, depth int) string {
		if depth > maxDepth {
			return "the Fn::ForEach loops nest too deeply to follow"
		}
		for i, k := range m.keys {
			name, isLoop := strings.CutPrefix(k, forEachPrefix)
			if !isLoop {
				out.keys = append(out.keys, k)
				out.kpos = append(out.kpos, m.kpos[i])
				out.vals = append(out.vals, m.vals[i])
				continue
			}
			arg := m.vals[i]
			if arg.k != kSeq || len(arg.items) != 3 || arg.items[0].k != kStr || arg.items[2].k != kMap {
				return k + " needs [identifier, collection, {OutputKey: fragment}]"
			}
			items, why := t.collection(name, arg.items[1])
			if why != "" {
				return strings.Replace(why, "the resources of", "the properties", 1)
			}
			t.copied += len(items) * nodeCount(arg.items[2], maxForEachNodes+1)
			if len(out.keys)+len(items)*len(arg.items[2].keys) > maxForEach || t.copied > maxForEachNodes {
				return k + " makes more than " + strconv.Itoa(maxForEach) + " properties or too large a copy, more than secretsmith expands"
			}
			for _, it := range items {
				if why := walk(substitute(arg.items[2], arg.items[0].s, &it, "", 0), depth+1); why != "" {
					return why
				}
			}
		}
		return ""
	}
	if why := walk(m, depth); why != "" {
		return nil, why
	}
	return out, ""
}

// collection evaluates a loop's collection: a list, or a Ref to a
// CommaDelimitedList parameter, of known strings.
func (t *cfnTemplate) collection(name string, c *value) ([]string, string) {
	v := t.eval(c, 0)
	if v == nil || v.k != kSeq {
		why := "its collection is not a list"
		if v != nil && v.k == kUnknown {
			why = v.s
		}
		return nil, "the resources of Fn::ForEach::" + name + " cannot be known until deployment: " + why
	}
	out := make([]string, 0, len(v.items))
	for _, it := range v.items {
		s, ok := scalar(it)
		if !ok {
			why := "an item of its collection is not a string"
			if it.k == kUnknown {
				why = it.s
			}
			return nil, "the resources of Fn::ForEach::" + name + " cannot be known until deployment: " + why
		}
		out = append(out, s)
	}
	return out, ""
}

// substitute copies a loop fragment for one item (or, with item nil, for
// an item not known: values that hold the identifier become unknown for
// why). Positions stay those of the fragment, so findings point at it.
func substitute(v *value, ident string, item *string, why string, depth int) *value {
	if v == nil {
		return nil
	}
	if depth > maxDepth {
		return unknownAt(v.pos, "the value nests too deeply to follow")
	}
	dollar, amp := "${"+ident+"}", "&{"+ident+"}"
	switch v.k {
	case kStr:
		if !strings.Contains(v.s, dollar) && !strings.Contains(v.s, amp) {
			return v
		}
		if item == nil {
			return unknownAt(v.pos, "%s", why)
		}
		x := *v
		x.s = strings.ReplaceAll(strings.ReplaceAll(v.s, dollar, *item), amp, alnum(*item))
		return &x
	case kMap:
		if len(v.keys) == 1 && v.keys[0] == "Ref" && v.vals[0].k == kStr && v.vals[0].s == ident {
			if item == nil {
				return unknownAt(v.pos, "%s", why)
			}
			return strAt(v.pos, *item)
		}
		x := &value{k: kMap, pos: v.pos, keys: make([]string, len(v.keys)), kpos: v.kpos, vals: make([]*value, len(v.vals))}
		for i, k := range v.keys {
			if item != nil {
				k = strings.ReplaceAll(strings.ReplaceAll(k, dollar, *item), amp, alnum(*item))
			}
			x.keys[i] = k
			x.vals[i] = substitute(v.vals[i], ident, item, why, depth+1)
		}
		return x
	case kSeq:
		x := &value{k: kSeq, pos: v.pos, items: make([]*value, len(v.items))}
		for i, it := range v.items {
			x.items[i] = substitute(it, ident, item, why, depth+1)
		}
		return x
	}
	return v
}

// alnum is what &{Identifier} writes: the item without the characters that
// a logical id cannot hold.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Notice is something a reader could not follow, said at the resource it
// concerns: a nested stack whose template is remote, a loop too large to
// expand. What it would have held is not judged, so it is reported, never
// passed over in silence.
type Notice struct {
	Pos      Pos
	Resource string
	Msg      string
}

func (n Notice) String() string { return fmt.Sprintf("%s: %s: %s", n.Pos, n.Resource, n.Msg) }
