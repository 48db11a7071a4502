package scan

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// cfnTemplate is a CloudFormation template split into its sections, with
// an evaluator for the intrinsic functions in its resources.
type cfnTemplate struct {
	file       string
	root       *value
	params     map[string]*value // the parameter declarations
	conditions map[string]*value
	mappings   *value
	resources  []*cfnResource
	byID       map[string]*cfnResource
	condMemo   map[string]tri
	condBusy   map[string]bool
	// condStack are the conditions being evaluated, outermost first: a
	// condition met again on it closes a cycle.
	condStack []string
	// loopWhy says, for each resource made by a Fn::ForEach loop whose
	// collection is unknown, why; notices are what could not be followed.
	loopWhy map[string]string
	notices []Notice
	// copied counts the values Fn::ForEach copies made, against
	// maxForEachNodes.
	copied int
	// given are the values a parent stack passes to the parameters of a
	// nested template; they replace the defaults.
	given map[string]*value
	// dangling are the references (Ref, Fn::Sub, Fn::GetAtt, DependsOn,
	// a resource's Condition, Fn::If, Condition) to names the template
	// does not have, and the cycles of conditions, in the order read.
	dangling []danglingRef
	// evaluating is the resource whose Properties are being evaluated:
	// the resources they refer to are its edges for the cycle check.
	evaluating *cfnResource
}

// danglingRef is a reference, by fn (Ref, Fn::Sub, Fn::GetAtt,
// DependsOn, Condition or Fn::If) at pos, to a name the template does not
// have; resource says it could only have been a resource, condition that
// it could only have been a condition. With fn "cycle", name lists the
// cycle conditions that refer to each other in a cycle, closed at pos.
type danglingRef struct {
	fn, name            string
	resource, condition bool
	cycle               int
	pos                 Pos
}

// cycleRef is the fn of a danglingRef that is a cycle of conditions, and
// dependsCycleRef of one that is a cycle of resources through DependsOn,
// refCycleRef through a reference of their properties (and DependsOn).
const (
	cycleRef        = "cycle"
	dependsCycleRef = "DependsOn cycle"
	refCycleRef     = "reference cycle"
)

// isCycle says the danglingRef is a cycle, which names no single name.
func (d danglingRef) isCycle() bool {
	return d.fn == cycleRef || d.fn == dependsCycleRef || d.fn == refCycleRef
}

// resourceRef is a reference by fn at pos to the resource id.
type resourceRef struct {
	fn, id string
	pos    Pos
}

// refResource notes that the resource being evaluated refers to id.
func (t *cfnTemplate) refResource(fn, id string, pos Pos) {
	if r := t.evaluating; r != nil {
		r.refs = append(r.refs, resourceRef{fn: fn, id: id, pos: pos})
	}
}

// String says what the reference names.
func (d danglingRef) String() string {
	switch {
	case d.fn == cycleRef && d.cycle > 1:
		return "the conditions " + d.name + " refer to each other in a cycle"
	case d.fn == cycleRef:
		return "the condition " + d.name + " refers to itself"
	case d.fn == dependsCycleRef && d.cycle > 1:
		return "the resources " + d.name + " depend on each other in a cycle through DependsOn"
	case d.fn == dependsCycleRef:
		return "the resource " + d.name + " depends on itself through DependsOn"
	case d.fn == refCycleRef && d.cycle > 1:
		return "the resources " + d.name + " refer to each other in a cycle (Ref, Fn::GetAtt, Fn::Sub or DependsOn)"
	case d.fn == refCycleRef:
		return "the resource " + d.name + " refers to itself in its properties"
	case d.condition:
		return d.fn + " names " + d.name + ", which is not a condition of this template"
	case d.resource:
		return d.fn + " names " + d.name + ", which is not a resource of this template"
	}
	return d.fn + " names " + d.name + ", which is neither a parameter nor a resource of this template"
}

type cfnResource struct {
	id        string
	typ       string
	pos       Pos
	raw       *value // the resource's own map
	props     *value // Properties, resolved
	condition string
	condPos   Pos // where Condition names it
	// cond says whether the resource exists: yes, no, or unknown when its
	// Condition depends on a parameter without a default, or a Fn::ForEach
	// loop that makes it has a collection not known (loop says why).
	cond tri
	loop string
	// refs are the references to resources (Ref, Fn::GetAtt, Fn::Sub)
	// its Properties make, as evaluated: CloudFormation creates what a
	// resource refers to first, so they make cycles as DependsOn does.
	refs []resourceRef
	// propsUnknown says why Properties as a whole could not be read.
	propsUnknown string
}

// unsure says why a resource may or may not exist, after its name.
func (r *cfnResource) unsure() string {
	if r.loop != "" {
		return "depends on a Fn::ForEach loop: " + r.loop
	}
	return "exists only under the condition " + r.condition + ", which depends on values not known until deployment"
}

// tri is a truth value that may be unknown.
type tri uint8

const (
	triUnknown tri = iota
	triTrue
	triFalse
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// pseudoParams are CloudFormation's pseudo parameters; their values depend
// on where the stack is deployed, so they are unknown.
var pseudoParams = map[string]bool{
	"AWS::AccountId": true, "AWS::NotificationARNs": true, "AWS::Partition": true, "AWS::Region": true,
	"AWS::StackId": true, "AWS::StackName": true, "AWS::URLSuffix": true,
}

// eval resolves the intrinsic functions of v. Known results become plain
// values; references to resources become kRef; anything that depends on a
// deployment (a parameter without a default, a pseudo parameter, an
// import, a dynamic reference) becomes kUnknown saying why.
func (t *cfnTemplate) eval(v *value, depth int) *value {
	if v == nil {
		return nil
	}
	if depth > maxDepth {
		return unknownAt(v.pos, "the value nests too deeply to follow")
	}
	switch v.k {
	case kMap:
		if hasLoop(v) {
			x, why := t.expandProperties(v, depth)
			if why != "" {
				return unknownAt(v.pos, "%s", why)
			}
			v = x
		}
		if len(v.keys) == 1 && (v.keys[0] == "Ref" || strings.HasPrefix(v.keys[0], "Fn::")) {
			// A string made by a function (Fn::Sub, Fn::Join) may hold a
			// dynamic reference as a literal one does.
			return resolveDynamic(t.intrinsic(v.keys[0], v.vals[0], v.pos, depth+1))
		}
		out := &value{k: kMap, pos: v.pos, keys: make([]string, 0, len(v.keys)), kpos: make([]Pos, 0, len(v.keys)), vals: make([]*value, 0, len(v.keys))}
		for i, k := range v.keys {
			x := t.eval(v.vals[i], depth+1)
			if x != nil && x.k == kNoValue {
				continue
			}
			out.keys = append(out.keys, k)
			out.kpos = append(out.kpos, v.kpos[i])
			out.vals = append(out.vals, x)
		}
		return out
	case kSeq:
		out := &value{k: kSeq, pos: v.pos, items: make([]*value, 0, len(v.items))}
		for _, it := range v.items {
			x := t.eval(it, depth+1)
			if x != nil && x.k == kNoValue {
				continue
			}
			out.items = append(out.items, x)
		}
		return out
	}
	return resolveDynamic(v)
}

func (t *cfnTemplate) intrinsic(fn string, arg *value, pos Pos, depth int) *value {
	switch fn {
	case "Ref":
		if arg != nil && arg.k == kUnknown {
			return arg
		}
		if arg == nil || arg.k != kStr {
			return unknownAt(pos, "Ref needs the name of a parameter or resource")
		}
		return t.ref("Ref", arg.s, pos)
	case "Fn::GetAtt":
		a := t.eval(arg, depth)
		var id, attr string
		switch {
		case a != nil && a.k == kStr:
			id, attr, _ = strings.Cut(a.s, ".")
		case a != nil && a.k == kSeq && len(a.items) == 2 && a.items[0].k == kStr && a.items[1].k == kStr:
			id, attr = a.items[0].s, a.items[1].s
		default:
			return unknownAt(pos, "Fn::GetAtt names no known resource attribute")
		}
		if _, ok := t.byID[id]; ok {
			t.refResource("Fn::GetAtt", id, pos)
			return &value{k: kRef, s: id, attr: attr, pos: pos}
		}
		d := danglingRef{fn: "Fn::GetAtt", name: id, resource: true, pos: pos}
		t.dangling = append(t.dangling, d)
		return unknownAt(pos, "%s", d)
	case "Fn::Sub":
		return t.sub(arg, pos, depth)
	case "Fn::If":
		if arg == nil || arg.k != kSeq || len(arg.items) != 3 || arg.items[0].k != kStr {
			return unknownAt(pos, "Fn::If needs [condition, value if true, value if false]")
		}
		name := arg.items[0].s
		switch t.condition("Fn::If", name, arg.items[0].pos, depth) {
		case triTrue:
			return t.eval(arg.items[1], depth)
		case triFalse:
			return t.eval(arg.items[2], depth)
		}
		a, b := t.eval(arg.items[1], depth), t.eval(arg.items[2], depth)
		if equal(a, b) {
			return a
		}
		if a != nil && b != nil && a.k == kMap && b.k == kMap {
			// Two mappings (a resource's whole Properties, say): what
			// both branches give is known, and only the keys they
			// disagree on are not.
			return mergeBranches(name, a, b, pos)
		}
		// Both branches are reported: the reader sees what each would give.
		return unknownAt(pos, "Fn::If on the condition %s, which depends on values not known until deployment: %s when it holds, %s when not",
			name, branchText(a), branchText(b))
	case "Fn::Join":
		a := t.eval(arg, depth)
		if a == nil || a.k != kSeq || len(a.items) != 2 || a.items[0].k != kStr {
			return unknownOr(a, pos, "Fn::Join needs [delimiter, list]")
		}
		list := a.items[1]
		if list.k != kSeq {
			return unknownOr(list, pos, "Fn::Join needs a list to join")
		}
		parts := make([]string, 0, len(list.items))
		for _, it := range list.items {
			s, ok := scalar(it)
			if !ok {
				return unknownOr(it, pos, "Fn::Join of a value that is not a string")
			}
			parts = append(parts, s)
		}
		return strAt(pos, strings.Join(parts, a.items[0].s))
	case "Fn::Select":
		a := t.eval(arg, depth)
		if a == nil || a.k != kSeq || len(a.items) != 2 {
			return unknownOr(a, pos, "Fn::Select needs [index, list]")
		}
		is, ok := scalar(a.items[0])
		n, err := strconv.Atoi(is)
		if !ok || err != nil {
			return unknownOr(a.items[0], pos, "Fn::Select needs a number")
		}
		list := a.items[1]
		if list.k != kSeq {
			return unknownOr(list, pos, "Fn::Select needs a list")
		}
		if n < 0 || n >= len(list.items) {
			return unknownAt(pos, "Fn::Select index %d is outside the list of %d", n, len(list.items))
		}
		return list.items[n]
	case "Fn::Split":
		a := t.eval(arg, depth)
		if a == nil || a.k != kSeq || len(a.items) != 2 || a.items[0].k != kStr {
			return unknownOr(a, pos, "Fn::Split needs [delimiter, string]")
		}
		s, ok := scalar(a.items[1])
		if !ok || a.items[0].s == "" {
			return unknownOr(a.items[1], pos, "Fn::Split of a value that is not a string")
		}
		out := &value{k: kSeq, pos: pos}
		for _, p := range strings.Split(s, a.items[0].s) {
			out.items = append(out.items, strAt(pos, p))
		}
		return out
	case "Fn::FindInMap":
		a := t.eval(arg, depth)
		if a == nil || a.k != kSeq || len(a.items) < 3 {
			return unknownOr(a, pos, "Fn::FindInMap needs [map, key, key]")
		}
		var names [3]string
		for i := range names {
			s, ok := scalar(a.items[i])
			if !ok {
				return unknownOr(a.items[i], pos, "Fn::FindInMap with a key that is not known")
			}
			names[i] = s
		}
		if x := t.mappings.get(names[0]).get(names[1]).get(names[2]); x != nil {
			return t.eval(x, depth)
		}
		if len(a.items) == 4 {
			if d := a.items[3].get("DefaultValue"); d != nil {
				return d
			}
		}
		return unknownAt(pos, "Fn::FindInMap finds nothing at %s.%s.%s", names[0], names[1], names[2])
	case "Fn::Base64":
		a := t.eval(arg, depth)
		s, ok := scalar(a)
		if !ok {
			return unknownOr(a, pos, "Fn::Base64 of a value that is not a string")
		}
		return strAt(pos, base64.StdEncoding.EncodeToString([]byte(s)))
	case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or":
		switch t.condExpr(&value{k: kMap, keys: []string{fn}, kpos: []Pos{pos}, vals: []*value{arg}, pos: pos}, depth) {
		case triTrue:
			return &value{k: kBool, s: "true", pos: pos}
		case triFalse:
			return &value{k: kBool, s: "false", pos: pos}
		}
		return unknownAt(pos, "%s over values not known until deployment", fn)
	case "Fn::ImportValue":
		return unknownAt(pos, "the value is imported from another stack (Fn::ImportValue)")
	case "Fn::GetAZs":
		return unknownAt(pos, "the availability zones depend on the region (Fn::GetAZs)")
	case "Fn::Cidr":
		return unknownAt(pos, "Fn::Cidr blocks are computed at deployment")
	}
	return unknownAt(pos, "%s is not evaluated by secretsmith", fn)
}

// unknownOr passes an unknown value on (it already says why) or makes one.
func unknownOr(v *value, pos Pos, msg string) *value {
	if v != nil && v.k == kUnknown {
		return v
	}
	return unknownAt(pos, "%s", msg)
}

// scalar returns the text of a string, number or boolean.
func scalar(v *value) (string, bool) {
	if v == nil {
		return "", false
	}
	switch v.k {
	case kStr, kNum, kBool:
		return v.s, true
	}
	return "", false
}

// ref resolves a reference to name, made by fn (Ref, or a variable of
// Fn::Sub) at pos.
func (t *cfnTemplate) ref(fn, name string, pos Pos) *value {
	if name == "AWS::NoValue" {
		return &value{k: kNoValue, pos: pos}
	}
	if pseudoParams[name] {
		return unknownAt(pos, "%s depends on where the stack is deployed", name)
	}
	if p, ok := t.params[name]; ok {
		def := p.get("Default")
		if g, ok := t.given[name]; ok {
			if g.k == kUnknown {
				return g
			}
			def = g
		}
		if def == nil {
			return unknownAt(pos, "the parameter %s has no default, so its value is given at deployment", name)
		}
		if echo, _ := scalar(p.get("NoEcho")); strings.EqualFold(echo, "true") {
			// NoEcho marks the value as secret: CloudFormation masks it,
			// and so does the reader. Its default is never used as a
			// name or a description, so no message quotes it.
			return unknownAt(pos, "the parameter %s is NoEcho, so its value is secret and is not read", name)
		}
		typ, _ := scalar(p.get("Type"))
		s, isScalar := scalar(def)
		if isScalar && (typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<")) {
			out := &value{k: kSeq, pos: def.pos}
			for _, part := range strings.Split(s, ",") {
				out.items = append(out.items, strAt(def.pos, strings.TrimSpace(part)))
			}
			return out
		}
		if strings.HasPrefix(typ, "AWS::SSM::Parameter::Value") {
			return unknownAt(pos, "the parameter %s is read from SSM Parameter Store at deployment", name)
		}
		if isScalar {
			return strAt(def.pos, s)
		}
		return def
	}
	if _, ok := t.byID[name]; ok {
		t.refResource(fn, name, pos)
		return &value{k: kRef, s: name, pos: pos}
	}
	d := danglingRef{fn: fn, name: name, pos: pos}
	t.dangling = append(t.dangling, d)
	return unknownAt(pos, "%s", d)
}

// dependsOn notes the names r's DependsOn gives that are not resources
// of the template.
func (t *cfnTemplate) dependsOn(r *cfnResource) {
	for _, n := range dependsOnNames(r) {
		if id, ok := scalar(n); ok && n.k == kStr && t.byID[id] == nil {
			t.dangling = append(t.dangling, danglingRef{fn: "DependsOn", name: id, resource: true, pos: n.pos})
		}
	}
}

// dependsOnCycles notes the cycles the resources make through DependsOn
// and through the references of their properties (Ref, Fn::GetAtt,
// Fn::Sub): CloudFormation refuses a template whose resources wait for
// each other ("Circular dependency between resources"), a resource whose
// property refers to itself included (trial7b V11), so the template is in
// error as one whose conditions form a cycle is. Each cycle is noted once,
// at the entry that closes it. The walk keeps each resource's place on
// its stack, so a chain of 60,000 resources is walked in one pass.
func (t *cfnTemplate) dependsOnCycles() {
	const done = -1
	// at is a resource's place on the stack plus one while it is open,
	// done once it is closed, 0 before.
	at := map[string]int{}
	var stack []string
	// refs[i] says that stack[i+1] was reached by a reference, not by
	// DependsOn: a cycle with none is a DependsOn cycle.
	var refs []bool
	var visit func(r *cfnResource)
	visit = func(r *cfnResource) {
		stack = append(stack, r.id)
		at[r.id] = len(stack)
		var followed map[string]bool
		edge := func(fn, id string, pos Pos) {
			// A resource that names another twice (Name and a tag
			// both !Ref S) makes one edge, one cycle.
			if followed[id] {
				return
			}
			if followed == nil {
				followed = map[string]bool{}
			}
			followed[id] = true
			next := t.byID[id]
			switch i := at[id]; {
			case next == nil:
				// Named nothing: dependsOn notes it.
			case i > 0:
				cycle := stack[i-1:]
				kind := dependsCycleRef
				if fn != "DependsOn" || slices.Contains(refs[i-1:], true) {
					kind = refCycleRef
				}
				t.dangling = append(t.dangling, danglingRef{fn: kind, name: blueprint.NameList(cycle, maxDanglingShown), cycle: len(cycle), pos: pos})
			case i == 0:
				refs = append(refs, fn != "DependsOn")
				visit(next)
				refs = refs[:len(refs)-1]
			}
		}
		for _, n := range dependsOnNames(r) {
			if id, _ := scalar(n); n.k == kStr {
				edge("DependsOn", id, n.pos)
			}
		}
		if r.cond != triFalse {
			for _, ref := range r.refs {
				edge(ref.fn, ref.id, ref.pos)
			}
		}
		stack = stack[:len(stack)-1]
		at[r.id] = done
	}
	for _, r := range t.resources {
		if at[r.id] == 0 {
			visit(r)
		}
	}
}

// dependsOnNames are the entries of r's DependsOn, one name or a list.
func dependsOnNames(r *cfnResource) []*value {
	dep := r.raw.get("DependsOn")
	if dep == nil {
		return nil
	}
	if dep.k == kSeq {
		return dep.items
	}
	return []*value{dep}
}

// outputs evaluates the Outputs section as CloudFormation validates it: a
// Ref, Fn::GetAtt or Fn::Sub naming nothing, an output's Condition or a
// Fn::If naming a condition the template does not declare, are template
// errors there as in the resources (the values themselves are not used).
func (t *cfnTemplate) outputs() {
	out := t.root.get("Outputs")
	if out == nil || out.k != kMap {
		return
	}
	for _, o := range out.vals {
		if o == nil || o.k != kMap {
			continue
		}
		if c := o.get("Condition"); c != nil && c.k == kStr {
			t.condition("Condition", c.s, c.pos, 0)
		}
		t.eval(o.get("Value"), 0)
		t.eval(o.get("Export"), 0)
	}
}

// maxDanglingShown is how many dangling references a template error lists.
const maxDanglingShown = 5

// danglingError is the template error of the references to names the
// template does not have, or nil: CloudFormation refuses a template with
// one, so the rules reading it are not "cannot verify", as a value known
// only at deployment would make them. A transform other than
// AWS::LanguageExtensions (Fn::ForEach, which is expanded before this)
// may add the resources they name (AWS::Serverless adds a function's
// role), so such a template gets none.
func (t *cfnTemplate) danglingError() error {
	if len(t.dangling) == 0 || t.transformsResources() {
		return nil
	}
	seen := map[danglingRef]bool{}
	var refs []danglingRef
	for _, d := range t.dangling {
		if !seen[d] {
			seen[d] = true
			refs = append(refs, d)
		}
	}
	slices.SortStableFunc(refs, func(a, b danglingRef) int {
		return cmp.Or(cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Col, b.pos.Col))
	})
	first := refs[0]
	msg := first.String() + ", so CloudFormation refuses the template"
	var more, cycles []string
	for _, d := range refs[1:min(len(refs), maxDanglingShown)] {
		if d.isCycle() {
			cycles = append(cycles, fmt.Sprintf("%s (%d:%d)", d, d.pos.Line, d.pos.Col))
			continue
		}
		more = append(more, fmt.Sprintf("%s %s (%d:%d)", d.fn, d.name, d.pos.Line, d.pos.Col))
	}
	if n := len(refs) - maxDanglingShown; n > 0 {
		more = append(more, fmt.Sprintf("%d more", n))
	}
	switch len(more) {
	case 0:
	case 1:
		msg += "; " + more[0] + " names nothing either"
	default:
		msg += "; " + blueprint.NameList(more, len(more)) + " name nothing either"
	}
	for _, c := range cycles {
		msg += "; also " + c
	}
	return &SyntaxError{first.pos, msg}
}

// transformsResources reports whether the template names a transform
// that may add resources or parameters of its own.
func (t *cfnTemplate) transformsResources() bool {
	tr := t.root.get("Transform")
	if tr == nil {
		return false
	}
	names := []*value{tr}
	if tr.k == kSeq {
		names = tr.items
	}
	for _, n := range names {
		if s, _ := scalar(n); s != "AWS::LanguageExtensions" {
			return true
		}
	}
	return false
}

// sub resolves Fn::Sub. A string that is exactly "${Resource}" or
// "${Resource.Attr}" is the same as a Ref or GetAtt, so it stays a
// reference the secret can be recognised by.
func (t *cfnTemplate) sub(arg *value, pos Pos, depth int) *value {
	var tmpl string
	vars := map[string]*value{}
	switch {
	case arg != nil && arg.k == kUnknown:
		return arg
	case arg != nil && arg.k == kStr:
		tmpl = arg.s
	case arg != nil && arg.k == kSeq && len(arg.items) == 2 && arg.items[0].k == kStr:
		tmpl = arg.items[0].s
		if m := arg.items[1]; m.k == kMap {
			for i, k := range m.keys {
				vars[k] = t.eval(m.vals[i], depth)
			}
		}
	default:
		return unknownAt(pos, "Fn::Sub needs a string or [string, variables]")
	}
	var b strings.Builder
	for {
		i := strings.Index(tmpl, "${")
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:i])
		rest := tmpl[i+2:]
		if strings.HasPrefix(rest, "!") {
			// ${!Literal} writes ${Literal}.
			b.WriteString("${")
			tmpl = rest[1:]
			continue
		}
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			b.WriteString(tmpl[i:])
			break
		}
		name := strings.TrimSpace(rest[:j])
		whole := i == 0 && j == len(rest)-1 && b.Len() == 0
		var x *value
		if v, ok := vars[name]; ok {
			x = v
		} else if id, attr, dotted := strings.Cut(name, "."); dotted && t.byID[id] != nil {
			t.refResource("Fn::Sub", id, pos)
			x = &value{k: kRef, s: id, attr: attr, pos: pos}
		} else {
			x = t.ref("Fn::Sub", name, pos)
		}
		if whole && x.k == kRef {
			return x
		}
		s, ok := scalar(x)
		if !ok {
			if x.k == kUnknown {
				return x
			}
			return unknownAt(pos, "Fn::Sub of ${%s}, which is only known once the stack is deployed", name)
		}
		b.WriteString(s)
		tmpl = rest[j+1:]
	}
	return strAt(pos, b.String())
}

// condition evaluates a named condition of the Conditions section, named
// by fn (a resource's Condition, Fn::If or Condition) at pos. A name the
// section does not declare, and a condition that comes back to itself,
// are noted as dangling (CloudFormation refuses the template) and
// unknown.
func (t *cfnTemplate) condition(fn, name string, pos Pos, depth int) tri {
	if r, ok := t.condMemo[name]; ok {
		return r
	}
	c, ok := t.conditions[name]
	switch {
	case !ok:
		t.dangling = append(t.dangling, danglingRef{fn: fn, name: name, condition: true, pos: pos})
		return triUnknown
	case t.condBusy[name]:
		cycle := t.condStack[slices.Index(t.condStack, name):]
		t.dangling = append(t.dangling, danglingRef{fn: cycleRef, name: blueprint.NameList(cycle, maxDanglingShown), cycle: len(cycle), pos: pos})
		return triUnknown
	case depth > maxDepth:
		return triUnknown
	}
	t.condBusy[name] = true
	t.condStack = append(t.condStack, name)
	r := t.condExpr(c, depth+1)
	t.condStack = t.condStack[:len(t.condStack)-1]
	t.condBusy[name] = false
	t.condMemo[name] = r
	return r
}

// allConditions evaluates every condition the Conditions section
// declares, used or not: CloudFormation refuses a template whose
// conditions name one it does not declare or form a cycle.
func (t *cfnTemplate) allConditions() {
	cs := t.root.get("Conditions")
	if cs == nil || cs.k != kMap {
		return
	}
	for i, k := range cs.keys {
		t.condition("Condition", k, cs.kpos[i], 0)
	}
}

func (t *cfnTemplate) condExpr(c *value, depth int) tri {
	if c == nil || depth > maxDepth {
		return triUnknown
	}
	if c.k == kBool {
		return triOf(c.s == "true")
	}
	if c.k != kMap || len(c.keys) != 1 {
		return triUnknown
	}
	arg := c.vals[0]
	switch c.keys[0] {
	case "Condition":
		if arg.k == kStr {
			return t.condition("Condition", arg.s, arg.pos, depth)
		}
	case "Fn::Equals":
		if arg.k != kSeq || len(arg.items) != 2 {
			return triUnknown
		}
		a, b := t.eval(arg.items[0], depth), t.eval(arg.items[1], depth)
		as, aok := scalar(a)
		bs, bok := scalar(b)
		if aok && bok {
			return triOf(as == bs)
		}
		if a != nil && b != nil && a.k != kUnknown && b.k != kUnknown && a.k != kRef && b.k != kRef {
			return triOf(equal(a, b))
		}
	case "Fn::Not":
		if arg.k == kSeq && len(arg.items) == 1 {
			switch t.condExpr(arg.items[0], depth+1) {
			case triTrue:
				return triFalse
			case triFalse:
				return triTrue
			}
		}
	case "Fn::And", "Fn::Or":
		if arg.k != kSeq {
			return triUnknown
		}
		and := c.keys[0] == "Fn::And"
		result := triOf(and)
		for _, it := range arg.items {
			switch t.condExpr(it, depth+1) {
			case triUnknown:
				result = triUnknown
			case triTrue:
				if !and {
					return triTrue
				}
			case triFalse:
				if and {
					return triFalse
				}
			}
		}
		return result
	}
	return triUnknown
}

// mergeBranches is the mapping an Fn::If on an unknown condition gives
// when both branches are mappings: a key with the same value in both keeps
// it, and a key the branches disagree on, or that only one of them has, is
// unknown, saying what each branch gives.
func mergeBranches(cond string, a, b *value, pos Pos) *value {
	out := &value{k: kMap, pos: pos}
	add := func(k string, at Pos, x, y *value) {
		v := x
		if !equal(x, y) {
			text := func(v *value) string {
				if v == nil {
					return "no " + k
				}
				return branchText(v)
			}
			v = unknownAt(at, "Fn::If on the condition %s, which depends on values not known until deployment: %s when it holds, %s when not",
				cond, text(x), text(y))
		}
		out.keys, out.kpos, out.vals = append(out.keys, k), append(out.kpos, at), append(out.vals, v)
	}
	for i, k := range a.keys {
		add(k, a.kpos[i], a.vals[i], b.get(k))
	}
	for i, k := range b.keys {
		if a.get(k) == nil {
			add(k, b.kpos[i], nil, b.vals[i])
		}
	}
	return out
}

// branchText describes one branch of an Fn::If for a reader.
func branchText(v *value) string {
	switch {
	case v == nil || v.k == kNull:
		return "nothing"
	case v.k == kNoValue:
		return "no value (AWS::NoValue)"
	case v.k == kRef:
		return refText(v)
	case v.k == kUnknown:
		return "a value not known until deployment"
	case v.k == kMap || v.k == kSeq:
		return "a " + map[bool]string{true: "mapping", false: "list"}[v.k == kMap]
	}
	return strconv.Quote(v.s)
}
