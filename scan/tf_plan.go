package scan

import (
	"bytes"
	"encoding/json"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2/hclparse"
	tfjson "github.com/hashicorp/terraform-json"
)

// A Terraform plan, as `terraform show -json PLANFILE` writes it, has every
// variable, count, for_each and module resolved: what the static reader can
// only guess from defaults, the plan knows. TerraformPlan builds the same
// resources the static reader builds (tfResource with a value body) from the
// plan's planned values, so that one builder (tfBuilder) turns both into
// secrets and the two agree wherever the configuration decides a rule.
//
// The plan carries no source positions. When the configuration is beside
// the plan (the usual `terraform plan -out` in the configuration's
// directory), it is read too: its positions place each finding at the
// configuration's FILE:LINE, its comments give the suppressions, and where
// the plan says a value is known only after apply (an ARN, a policy that
// names one) the configuration's reference is kept, as the static reader
// keeps it. Without the configuration, findings point at the resource's
// address in the plan file.

// planMarkRE finds the keys only the JSON of a plan has.
var planMarkRE = regexp.MustCompile(`"(planned_values|resource_changes)"\s*:`)

// IsTerraformPlan reports whether data looks like the JSON of
// `terraform show -json PLANFILE`.
func IsTerraformPlan(data []byte) bool {
	head := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(head) > 0 && head[0] == '{' && bytes.Contains(data, []byte(`"format_version"`)) && planMarkRE.Match(data)
}

// TerraformPlan reads the JSON of a Terraform plan at path.
func TerraformPlan(path string, data []byte) (*Result, error) {
	if err := checkText(path, data); err != nil {
		return nil, err
	}
	var plan tfjson.Plan
	plan.UseJSONNumber(true)
	if err := json.Unmarshal(data, &plan); err != nil {
		return nil, &SyntaxError{Pos{path, 1, 1}, "not the JSON of a Terraform plan: " + err.Error()}
	}
	if plan.PlannedValues == nil || plan.PlannedValues.RootModule == nil {
		return nil, &SyntaxError{Pos{path, 1, 1}, "the plan has no planned_values; write it with terraform show -json PLANFILE"}
	}
	p := &planReader{path: path, data: data, plan: &plan, changes: map[string]*tfjson.Change{},
		static: map[string]*tfResource{}, staticBase: map[string][]*tfResource{}, byBase: map[string][]*tfResource{}}
	for _, rc := range plan.ResourceChanges {
		if rc.Change != nil && rc.DeposedKey == "" {
			p.changes[rc.Address] = rc.Change
		}
	}
	res := &Result{Path: path, Format: "terraform"}
	root := p.readConfiguration(res)
	b := &tfBuilder{res: res, byAddr: map[string]*tfResource{}, byKey: map[string]*tfSecret{}}
	p.module(plan.PlannedValues.RootModule)
	for _, r := range p.all {
		p.byBase[r.base] = append(p.byBase[r.base], r)
	}
	for _, r := range p.all {
		r.body = p.body(r)
		b.byAddr[r.addr] = r
	}
	b.all = p.all
	// Ephemeral resources (a generated password) are never in a plan, and
	// data sources read at apply may not be: the configuration's are
	// looked up by address all the same.
	for addr, r := range p.static {
		if r.mode != "resource" && b.byAddr[addr] == nil {
			b.byAddr[addr] = r
		}
	}
	if plan.Complete != nil && !*plan.Complete {
		res.Notices = append(res.Notices, Notice{Pos: Pos{path, 1, 1}, Resource: "plan",
			Msg: "the plan is not complete (changes were deferred, or -target was used); the resources it leaves out are not checked"})
	}
	for _, d := range plan.DeferredChanges {
		if d.ResourceChange != nil {
			res.Notices = append(res.Notices, Notice{Pos: p.addressPos(d.ResourceChange.Address), Resource: d.ResourceChange.Address,
				Msg: "its change is deferred to a later plan (" + d.Reason + "); what it creates is not checked"})
		}
	}
	b.build(root)
	return res, nil
}

type planReader struct {
	path    string
	data    []byte
	plan    *tfjson.Plan
	changes map[string]*tfjson.Change
	all     []*tfResource
	byBase  map[string][]*tfResource
	// static are the resources of the configuration beside the plan, by
	// address, and by the address of their block.
	static     map[string]*tfResource
	staticBase map[string][]*tfResource
	cfgDir     string
	addrAt     map[string]Pos
	addrs      map[string]bool
}

// readConfiguration reads the configuration beside the plan, when there is
// one, for positions, comments and references. A configuration that cannot
// be read is a notice: the plan is still checked, at its own lines.
func (p *planReader) readConfiguration(res *Result) *tfModule {
	dir := filepath.Dir(p.path)
	if !HasTerraform(dir) {
		return &tfModule{}
	}
	c := &tfConfig{parser: hclparse.NewParser(), tree: newTree(Options{}, dir), rootDir: dir}
	root, err := c.loadModule(dir, "", nil, 0)
	if err != nil {
		res.Notices = append(res.Notices, Notice{Pos: Pos{p.path, 1, 1}, Resource: "configuration",
			Msg: "the configuration beside the plan could not be read (" + err.Error() + "), so findings point into the plan"})
		return &tfModule{}
	}
	p.cfgDir = dir
	var walk func(m *tfModule)
	walk = func(m *tfModule) {
		for _, r := range m.resources {
			p.static[r.addr] = r
			p.staticBase[r.base] = append(p.staticBase[r.base], r)
		}
		for _, k := range slices.Sorted(mapKeys(m.children)) {
			walk(m.children[k])
		}
		for _, k := range slices.Sorted(mapKeys(m.keyed)) {
			for _, kk := range slices.Sorted(mapKeys(m.keyed[k])) {
				walk(m.keyed[k][kk])
			}
		}
	}
	walk(root)
	return root
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// module adds the resources of a module of the planned values, and of its
// child modules.
func (p *planReader) module(m *tfjson.StateModule) {
	if m == nil {
		return
	}
	prefix := ""
	if m.Address != "" {
		prefix = m.Address + "."
	}
	for _, sr := range m.Resources {
		if sr.DeposedKey != "" {
			continue
		}
		mode := "resource"
		if sr.Mode == tfjson.DataResourceMode {
			mode = "data"
		}
		base := prefix + sr.Type + "." + sr.Name
		if mode != "resource" {
			base = prefix + mode + "." + sr.Type + "." + sr.Name
		}
		r := &tfResource{mode: mode, typ: sr.Type, name: sr.Name, addr: sr.Address, base: base, exists: triTrue,
			plan: sr, cfg: p.configResource(m.Address, mode, sr.Type, sr.Name)}
		if st := p.staticFor(r); st != nil {
			r.pos, r.block, r.file, r.comments, r.mod = st.pos, st.block, st.file, st.comments, st.mod
			r.eachKey, r.eachVal, r.count, r.static = st.eachKey, st.eachVal, st.count, st
		} else {
			r.pos = p.addressPos(sr.Address)
			r.mod = &tfModule{prefix: prefix, locals: nil, byBase: p.byBase}
			r.planRegion = p.providerRegion(r)
		}
		p.all = append(p.all, r)
	}
	for _, c := range m.ChildModules {
		p.module(c)
	}
}

// providerRegion is the region the provider configuration of a resource
// writes down in the plan's configuration section, placed at the
// resource; nil when it writes none (or a reference: the configuration
// beside the plan, when there is one, says which).
func (p *planReader) providerRegion(r *tfResource) *value {
	if r.cfg == nil || p.plan.Config == nil {
		return nil
	}
	pc := p.plan.Config.ProviderConfigs[r.cfg.ProviderConfigKey]
	if pc == nil || pc.Name != "aws" {
		return nil
	}
	e := pc.Expressions["region"]
	if e == nil {
		return nil
	}
	if x, ok := e.ConstantValue.(string); ok && x != "" {
		return &value{k: kStr, s: x, pos: r.pos}
	}
	if len(e.References) > 0 {
		ref := e.References[0]
		// A root variable: the plan holds the value it was given.
		if name, ok := strings.CutPrefix(ref, "var."); ok && pc.ModuleAddress == "" {
			if v := p.plan.Variables[name]; v != nil {
				if x, ok := v.Value.(string); ok && x != "" {
					return &value{k: kStr, s: x, pos: r.pos}
				}
			}
		}
		return unknownAt(r.pos, "the provider's region is %s, which the plan does not resolve", ref)
	}
	return nil
}

// staticFor is the configuration's instance of a plan resource: the same
// address, or the block's one instance when the configuration could not
// tell its instances (a for_each known only at plan time).
func (p *planReader) staticFor(r *tfResource) *tfResource {
	if st := p.static[r.addr]; st != nil {
		return st
	}
	if insts := p.staticBase[r.base]; len(insts) == 1 {
		return insts[0]
	}
	// A module instance the configuration could not tell apart: the
	// block in the module's one instance.
	if i := strings.LastIndex(r.base, "module."); i >= 0 {
		if j := strings.Index(r.base[i:], "]."); j >= 0 {
			plain := r.base[:i] + moduleKeyRE.ReplaceAllString(r.base[i:i+j+2], ".")
			if insts := p.staticBase[plain+r.base[i+j+2:]]; len(insts) == 1 {
				return insts[0]
			}
		}
	}
	return nil
}

var moduleKeyRE = regexp.MustCompile(`\[[^\]]*\]\.$`)

// configResource finds the configuration block of a resource in the plan's
// configuration section: its expressions name the references that the
// planned values leave unknown.
func (p *planReader) configResource(moduleAddr, mode, typ, name string) *tfjson.ConfigResource {
	if p.plan.Config == nil || p.plan.Config.RootModule == nil {
		return nil
	}
	m := p.plan.Config.RootModule
	for _, call := range moduleCalls(moduleAddr) {
		mc := m.ModuleCalls[call]
		if mc == nil || mc.Module == nil {
			return nil
		}
		m = mc.Module
	}
	for _, cr := range m.Resources {
		if (cr.Mode == tfjson.DataResourceMode) == (mode == "data") && cr.Type == typ && cr.Name == name {
			return cr
		}
	}
	return nil
}

var moduleCallRE = regexp.MustCompile(`module\.([A-Za-z0-9_-]+)`)

// moduleCalls names the module calls of a module address, without keys:
// module.a["x"].module.b is a, b.
func moduleCalls(addr string) []string {
	var out []string
	for _, m := range moduleCallRE.FindAllStringSubmatch(stripKeys(addr), -1) {
		out = append(out, m[1])
	}
	return out
}

func stripKeys(addr string) string {
	var b strings.Builder
	depth := 0
	inStr := false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '"' && depth > 0:
			inStr = true
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var addressRE = regexp.MustCompile(`"address"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// addressPos is the line of the plan file where a resource's address is
// first written. The file is scanned once for every address.
func (p *planReader) addressPos(addr string) Pos {
	if p.addrAt == nil {
		p.addrAt = map[string]Pos{}
		// Line and column are counted on from the last match, so a plan
		// on one line (as terraform show writes it) costs one pass.
		line, col, from := 1, 1, 0
		for _, loc := range addressRE.FindAllSubmatchIndex(p.data, -1) {
			seg := p.data[from:loc[0]]
			if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
				line += bytes.Count(seg, []byte("\n"))
				col = 1 + utf8.RuneCount(seg[nl+1:])
			} else {
				col += utf8.RuneCount(seg)
			}
			from = loc[0]
			var a string
			if json.Unmarshal(p.data[loc[2]-1:loc[3]+1], &a) != nil {
				continue
			}
			if _, seen := p.addrAt[a]; !seen {
				p.addrAt[a] = Pos{p.path, line, col}
			}
		}
	}
	if at, ok := p.addrAt[addr]; ok {
		return at
	}
	return Pos{p.path, 1, 1}
}

// body is a resource's values: the planned ones, with what the plan knows
// only after apply taken from the configuration (its reference, as the
// static reader reads it) or from the references the plan's configuration
// section lists; every part placed where the configuration writes it.
func (p *planReader) body(r *tfResource) *value {
	var unknown, sensitive map[string]any
	// A mark may be a bare true: the whole object is sensitive, so each
	// of its values is (the name was printed, trial8b X7).
	whole := false
	if ch := p.changes[r.addr]; ch != nil {
		unknown, _ = ch.AfterUnknown.(map[string]any)
		sensitive, _ = ch.AfterSensitive.(map[string]any)
		whole, _ = ch.AfterSensitive.(bool)
	}
	if len(r.plan.SensitiveValues) > 0 {
		// The planned values' own mark, beside the change's.
		var sv any
		if json.Unmarshal(r.plan.SensitiveValues, &sv) == nil {
			if b, ok := sv.(bool); ok {
				whole = whole || b
			} else {
				sensitive, _ = mergeSensitive(sensitive, sv).(map[string]any)
			}
		}
	}
	var static *value
	if r.static != nil {
		static = r.static.body
	}
	out := &value{k: kMap, pos: r.pos}
	keys := slices.Sorted(mapKeys(r.plan.AttributeValues))
	for k := range unknown {
		if _, ok := r.plan.AttributeValues[k]; !ok {
			keys = append(keys, k)
		}
	}
	// The configuration's order, where it has the key.
	order := func(k string) int {
		if static != nil {
			if i := slices.Index(static.keys, k); i >= 0 {
				return i
			}
		}
		return len(keys) + slices.Index(keys, k)
	}
	slices.SortStableFunc(keys, func(a, b string) int { return order(a) - order(b) })
	for _, k := range keys {
		at := r.pos
		var sv *value
		if static != nil {
			sv, at = static.get(k), static.keyPos(k)
			if sv == nil {
				at = r.pos
			}
		}
		set := r.cfg == nil || r.cfg.Expressions[k] != nil
		if static != nil {
			set = sv != nil
		}
		if u, _ := unknown[k].(bool); u {
			switch {
			case !set:
				// Computed by the provider and not set: absent, as
				// in the configuration.
			case sv != nil && sv.k != kNull:
				out.set(k, sv, at)
			default:
				out.set(k, p.reference(r, k, at), at)
			}
			continue
		}
		pv := r.plan.AttributeValues[k]
		if pv == nil {
			continue
		}
		if sv != nil && sv.k == kRef {
			// The plan knows the value (a name written down); the
			// configuration says which resource it is, which is how
			// resources are joined.
			out.set(k, sv, at)
			continue
		}
		v := planValue(pv, unknown[k], sv, at, 0)
		mark := sensitive[k]
		if whole {
			mark = true
		}
		v = planSensitive(v, mark, 0)
		if text, isText := pv.(string); isText && v.k == kUnknown && (k == "secret_string" || k == "secret_string_wo") {
			// A secret's value is always sensitive: only its key names
			// are read from it (tfValueKeys), never shown.
			v.raw = text
		}
		out.set(k, v, at)
	}
	return out
}

// planSensitiveWhy is why a value the plan marks sensitive is not read;
// it ends as a sensitive variable's does (sensitiveSuffix).
const planSensitiveWhy = "the plan's value" + sensitiveSuffix

// planSensitive is v with each part the plan marks sensitive (sens: true,
// or a map or list of such marks) made a value not read: Terraform
// treats it as secret, so it is never shown, as a sensitive variable's is.
func planSensitive(v *value, sens any, depth int) *value {
	if v == nil || depth > maxDepth {
		return v
	}
	switch t := sens.(type) {
	case bool:
		if t {
			return unknownAt(v.pos, "%s", planSensitiveWhy)
		}
	case map[string]any:
		if v.k == kMap {
			for i, k := range v.keys {
				v.vals[i] = planSensitive(v.vals[i], t[k], depth+1)
			}
		}
	case []any:
		if v.k == kSeq {
			for i := range v.items {
				if i < len(t) {
					v.items[i] = planSensitive(v.items[i], t[i], depth+1)
				}
			}
		}
	}
	return v
}

// mergeSensitive joins two sensitivity marks: sensitive in either is
// sensitive.
func mergeSensitive(a, b any) any {
	if x, ok := a.(bool); ok && x {
		return a
	}
	if y, ok := b.(bool); ok && y {
		return b
	}
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	switch {
	case aok && bok:
		out := map[string]any{}
		maps.Copy(out, am)
		for k, v := range bm {
			out[k] = mergeSensitive(out[k], v)
		}
		return out
	case bok:
		return bm
	case aok:
		return am
	}
	al, aok := a.([]any)
	bl, bok := b.([]any)
	if aok && bok {
		out := slices.Clone(al)
		for i, v := range bl {
			if i < len(out) {
				out[i] = mergeSensitive(out[i], v)
			} else {
				out = append(out, v)
			}
		}
		return out
	}
	if bok {
		return bl
	}
	if aok {
		return al
	}
	return map[string]any{}
}

// planValue turns a planned value into a value tree, placed like the
// configuration's value sv where it has the same shape. Nulls are left
// out, as in a configuration that does not set them.
func planValue(x any, unknown any, sv *value, at Pos, depth int) *value {
	if sv != nil {
		at = sv.pos
	}
	if u, _ := unknown.(bool); u {
		if sv != nil && sv.k != kNull {
			return sv
		}
		return unknownAt(at, "the value is only known after apply")
	}
	if depth > maxDepth {
		return unknownAt(at, "the value nests too deeply to follow")
	}
	switch t := x.(type) {
	case nil:
		return &value{k: kNull, pos: at}
	case string:
		return &value{k: kStr, s: t, pos: at}
	case bool:
		return &value{k: kBool, s: strconv.FormatBool(t), pos: at}
	case json.Number:
		return &value{k: kNum, s: t.String(), pos: at}
	case float64:
		return &value{k: kNum, s: strconv.FormatFloat(t, 'f', -1, 64), pos: at}
	case map[string]any:
		um, _ := unknown.(map[string]any)
		out := &value{k: kMap, pos: at}
		for _, k := range slices.Sorted(mapKeys(t)) {
			if t[k] == nil {
				if u, _ := um[k].(bool); !u {
					continue
				}
			}
			var child *value
			kat := at
			if sv != nil && sv.k == kMap {
				child = sv.get(k)
				if child != nil {
					kat = sv.keyPos(k)
				}
			}
			out.set(k, planValue(t[k], um[k], child, kat, depth+1), kat)
		}
		return out
	case []any:
		ul, _ := unknown.([]any)
		out := &value{k: kSeq, pos: at}
		for i, it := range t {
			var u any
			if i < len(ul) {
				u = ul[i]
			}
			var child *value
			if sv != nil && sv.k == kSeq && len(sv.items) == len(t) {
				child = sv.items[i]
			}
			out.items = append(out.items, planValue(it, u, child, at, depth+1))
		}
		return out
	}
	return unknownAt(at, "the value has a type secretsmith does not read")
}

// planRefRE reads a reference of the plan's configuration section:
// [data.]TYPE.NAME, an optional index, and an optional attribute.
var planRefRE = regexp.MustCompile(`^(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?(?:\.([A-Za-z0-9_-]+))?`)

// reference is what a value the plan knows only after apply refers to,
// from the references the plan's configuration section lists for it (and,
// for each.value and count.index, for the block's for_each or count): a
// reference to the one instance it means, or an unknown.
func (p *planReader) reference(r *tfResource, attr string, at Pos) *value {
	why := unknownAt(at, "the value is only known after apply")
	if r.cfg == nil {
		return why
	}
	refs := exprRefs(r.cfg.Expressions[attr])
	if slices.ContainsFunc(refs, func(s string) bool { return strings.HasPrefix(s, "each.") || strings.HasPrefix(s, "count.") }) {
		refs = append(refs, exprRefs(r.cfg.ForEachExpression)...)
		refs = append(refs, exprRefs(r.cfg.CountExpression)...)
	}
	prefix := r.mod.prefix
	key := strings.TrimPrefix(r.addr, r.base)
	for _, ref := range refs {
		g := planRefRE.FindStringSubmatch(ref)
		if g == nil {
			continue
		}
		switch g[2] {
		case "var", "local", "each", "count", "path", "module", "self", "terraform":
			if g[1] == "" {
				continue
			}
		}
		base := prefix + g[1] + g[2] + "." + g[3]
		insts := p.byBase[base]
		if len(insts) == 0 {
			continue
		}
		attrName := g[5]
		switch {
		case g[4] != "" && p.has(base+g[4]):
			return &value{k: kRef, s: base + g[4], attr: attrName, pos: at}
		case len(insts) == 1:
			return &value{k: kRef, s: insts[0].addr, attr: attrName, pos: at}
		case key != "" && p.has(base+key):
			return &value{k: kRef, s: base + key, attr: attrName, pos: at}
		}
	}
	return why
}

func (p *planReader) has(addr string) bool {
	if p.addrs == nil {
		p.addrs = map[string]bool{}
		for _, r := range p.all {
			p.addrs[r.addr] = true
		}
	}
	return p.addrs[addr]
}

func exprRefs(e *tfjson.Expression) []string {
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	return e.References
}
