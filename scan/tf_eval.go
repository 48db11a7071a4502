package scan

import (
	"errors"
	"fmt"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// Values Terraform only knows after apply (resource attributes) and values
// secretsmith cannot know at all (variables without defaults, data sources,
// remote modules) are evaluated as marker strings, so they survive
// jsonencode, merge and string templates and can be told apart afterwards:
// ⟦addr|attr⟧ for an attribute of a block of the configuration, ⟦?why⟧ for
// an unknown. A marker that is the whole string is a reference the secret
// can be recognised by; one inside a longer string makes it unknown.
const (
	markOpen  = "\u27e6"
	markClose = "\u27e7"
)

func (c *tfConfig) refMarker(addr, attr string) cty.Value {
	return cty.StringVal(c.issueMarker(markOpen + addr + "|" + attr + markClose))
}

func (c *tfConfig) unknownMarker(why string) cty.Value {
	return cty.StringVal(c.issueMarker(markOpen + "?" + why + markClose))
}

// issueMarker notes m in c.issued, the markers this read made, so that one
// a function cut or rewrote (substr, upper) is told from one passed through
// whole (markersIntact). They belong to the read: a set kept for the
// process grew with every import of a long wizard session.
func (c *tfConfig) issueMarker(m string) string {
	if c.issued == nil {
		c.issued = map[string]bool{}
	}
	c.issued[m] = true
	return m
}

// tfModule is one module instance: the root configuration or a local
// module it calls, each with its own variables, locals and resources.
type tfModule struct {
	prefix    string // "" for the root, else "module.NAME."
	dir       string
	files     []*tfFile
	vars      map[string]cty.Value
	locals    map[string]*hcl.Attribute
	localVals map[string]cty.Value
	localBusy []string // the locals being evaluated, outermost first
	// sensitive are the variables marked sensitive that are given a value
	// (a default, or a module call's input), which is not read.
	sensitive map[string]bool
	outputs   map[string]*hcl.Attribute
	resources []*tfResource
	byBase    map[string][]*tfResource        // "type.name" (with mode prefix for data) -> instances
	children  map[string]*tfModule            // local modules by call name
	keyed     map[string]map[string]*tfModule // local modules called with for_each
	remote    map[string]string               // remote module call name -> source
	notices   []Notice                        // the module calls not followed
	attrs     map[string]bool                 // attribute names used in references
	indexKeys map[string]bool
	depth     int
	root      *tfConfig
	// objects are the blockObject values once every block is loaded (they
	// do not change after): a reference per instance rebuilt an object of
	// every instance, n squared over a for_each.
	objects map[string]cty.Value
	// providers are the aws provider configurations the module declares,
	// by alias ("" for the default one); parent is the calling module,
	// and passed, when the call has a providers argument, which of the
	// parent's configurations each of this module's is (by alias).
	providers map[string]*hcl.Attribute
	parent    *tfModule
	passed    map[string]string
	// markedNames says, per variable and local ("var.x", "local.y"),
	// whether its value holds a value not known (readsMarker).
	markedNames map[string]bool
	// blocks are the module's resource, data and ephemeral blocks, for
	// the reference graph (outputVars).
	blocks []tfBlock
}

// tfConfig is a whole configuration being read.
type tfConfig struct {
	// issued are the markers this read made (issueMarker).
	issued map[string]bool
	parser *hclparse.Parser
	// modules and instances count what has been loaded, so that modules
	// calling themselves with for_each cannot multiply without end.
	modules, instances int
	// tree is where local modules may be read from.
	tree tree
	// evaluations counts the expressions evaluated, against the budget
	// (tf_budget.go); budgetAt the places a notice says it ran out, and
	// notices those notices.
	evaluations int
	budgetAt    map[Pos]bool
	notices     []Notice
	// loading are the directories of the modules being loaded, the root
	// first, so that a module calling itself or one that calls it is a
	// notice at the call.
	loading []string
	// capNotices counts the blocks found past maxInstances.
	capNotices int
	// rootDir is the root module's directory, from which file and
	// templatefile read a relative path; funcs are the functions with
	// those two bound to the tree, and files and fileBytes what they read.
	rootDir   string
	funcs     map[string]function.Function
	files     map[string]string
	fileBytes int
}

// Limits on one configuration: far above real ones, low enough that a
// hostile one is answered quickly.
const (
	maxModules   = 1000
	maxInstances = 5000
)

type tfFile struct {
	name     string
	data     []byte
	file     *hcl.File
	comments []tfComment
}

type tfComment struct {
	line int
	text string
}

// tfResource is one instance of a resource, data or ephemeral block.
type tfResource struct {
	mode     string // resource, data, ephemeral
	typ      string
	name     string
	addr     string // full address, with module prefix and instance key
	base     string // address of the block, without the instance key
	pos      Pos
	block    *hcl.Block
	file     *tfFile
	body     *value
	exists   tri
	why      string // why exists is unknown
	eachKey  cty.Value
	eachVal  cty.Value
	count    cty.Value
	mod      *tfModule
	comments []string
	// plan, cfg and static are set for a resource read from a plan: its
	// planned values, its block in the plan's configuration section, and
	// the configuration's own instance, when the configuration is beside
	// the plan.
	plan   *tfjson.StateResource
	cfg    *tfjson.ConfigResource
	static *tfResource
	// iters are the iterators of the dynamic blocks being expanded around
	// the expression, by name: objects with key and value.
	iters map[string]cty.Value
	// dynBlocks counts the blocks its dynamic blocks made, nested ones
	// included, against maxDynamic.
	dynBlocks int
	// planRegion is, for a resource read from a plan without its
	// configuration, the region its provider configuration writes down.
	planRegion *value
}

// tfFunctions are the Terraform functions templates use in the values
// secretsmith reads; anything else makes a value unknown.
var tfFunctions = map[string]function.Function{
	"jsonencode": stdlib.JSONEncodeFunc, "jsondecode": stdlib.JSONDecodeFunc,
	"merge": stdlib.MergeFunc, "concat": stdlib.ConcatFunc, "format": stdlib.FormatFunc,
	"join": stdlib.JoinFunc, "split": stdlib.SplitFunc, "lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc,
	"replace": stdlib.ReplaceFunc, "trimspace": stdlib.TrimSpaceFunc, "lookup": tfLookup,
	"coalesce": stdlib.CoalesceFunc, "element": stdlib.ElementFunc, "length": stdlib.LengthFunc,
	"keys": stdlib.KeysFunc, "values": stdlib.ValuesFunc, "flatten": stdlib.FlattenFunc,
	"distinct": stdlib.DistinctFunc, "contains": stdlib.ContainsFunc, "min": stdlib.MinFunc, "max": stdlib.MaxFunc,
	"try": tryfunc.TryFunc, "can": tryfunc.CanFunc, "compact": stdlib.CompactFunc,
	"tostring": tfConvert(cty.String), "tonumber": tfConvert(cty.Number), "tobool": tfConvert(cty.Bool),
	"tolist": tfConvert(cty.List(cty.DynamicPseudoType)), "toset": tfConvert(cty.Set(cty.DynamicPseudoType)),
	"tomap":    tfConvert(cty.Map(cty.DynamicPseudoType)),
	"basename": tfBasename, "dirname": tfDirname,
	"coalescelist": stdlib.CoalesceListFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc,
	"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "setunion": stdlib.SetUnionFunc,
	"zipmap": stdlib.ZipmapFunc, "range": stdlib.RangeFunc, "slice": stdlib.SliceFunc,
	"reverse": stdlib.ReverseListFunc, "sort": stdlib.SortFunc, "chunklist": stdlib.ChunklistFunc,
}

// convertVariable gives a variable's value its declared type, as Terraform
// does: optional object attributes that are left out are null (or their
// default), so that a module reading them finds them. A value that does not
// convert (or holds markers that would not) is kept as it is.
func convertVariable(v cty.Value, typeExpr hcl.Expression) cty.Value {
	ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(typeExpr)
	if diags.HasErrors() || v.IsNull() {
		return v
	}
	if defaults != nil {
		v = defaults.Apply(v)
	}
	out, err := convert.Convert(v, ty)
	if err != nil {
		return v
	}
	return out
}

// tfLookup is Terraform's lookup: an element of a map or an attribute of
// an object, or the default (which may be null) when it has none.
var tfLookup = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "inputMap", Type: cty.DynamicPseudoType, AllowMarked: true, AllowDynamicType: true},
		{Name: "key", Type: cty.String},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowMarked: true, AllowDynamicType: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		m, k := args[0], args[1]
		if !k.IsKnown() || !m.IsKnown() {
			return cty.DynamicPseudoType, nil
		}
		if !m.IsNull() {
			t, key := m.Type(), k.AsString()
			switch {
			case t.IsObjectType() && t.HasAttribute(key):
				return t.AttributeType(key), nil
			case t.IsMapType() && m.HasIndex(cty.StringVal(key)).True():
				return t.ElementType(), nil
			}
		}
		if len(args) > 2 {
			return args[2].Type(), nil
		}
		return cty.DynamicPseudoType, nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		m, key := args[0], args[1].AsString()
		if !m.IsKnown() {
			return cty.DynamicVal, nil
		}
		if !m.IsNull() {
			t := m.Type()
			switch {
			case t.IsObjectType() && t.HasAttribute(key):
				return m.GetAttr(key), nil
			case t.IsMapType() && m.HasIndex(cty.StringVal(key)).True():
				return m.Index(cty.StringVal(key)), nil
			}
		}
		if len(args) > 2 {
			return args[2], nil
		}
		return cty.NilVal, fmt.Errorf("the map has no element %q and no default is given", key)
	},
})

// tfBasename and tfDirname are Terraform's path functions.
var (
	tfBasename = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(filepath.Base(args[0].AsString())), nil
		},
	})
	tfDirname = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(filepath.Dir(args[0].AsString())), nil
		},
	})
)

func tfConvert(t cty.Type) function.Function {
	return stdlib.MakeToFunc(t)
}

// tfRootSchema is what secretsmith reads of a configuration file.
var tfRootSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "provider", LabelNames: []string{"name"}},
}}

// tfProviderSchema is what secretsmith reads of a provider block: which
// configuration it is, and the region it deploys into.
var tfProviderSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "alias"}, {Name: "region"}}}

// maxModuleDepth bounds how deep local modules are followed.
const maxModuleDepth = 8

// loadModule parses the Terraform files of dir (or the one file named) as a
// module with the given input values.
func (c *tfConfig) loadModule(path string, prefix string, inputs map[string]cty.Value, depth int) (*tfModule, error) {
	var names []string
	dir := path
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if fi.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if !e.IsDir() && IsTerraformFile(e.Name()) {
				names = append(names, filepath.Join(path, e.Name()))
			}
		}
	} else {
		names = []string{path}
		dir = filepath.Dir(path)
	}
	// Override files are read after the others (in name order among
	// themselves), as Terraform merges them into what those declare.
	slices.SortFunc(names, func(a, b string) int {
		if oa, ob := isOverrideFile(a), isOverrideFile(b); oa != ob {
			if oa {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	c.loading = append(c.loading, resolvePath(dir))
	defer func() { c.loading = c.loading[:len(c.loading)-1] }()
	m := &tfModule{
		prefix: prefix, dir: dir, vars: map[string]cty.Value{}, locals: map[string]*hcl.Attribute{},
		localVals: map[string]cty.Value{}, outputs: map[string]*hcl.Attribute{},
		byBase: map[string][]*tfResource{}, children: map[string]*tfModule{}, keyed: map[string]map[string]*tfModule{}, remote: map[string]string{},
		attrs: map[string]bool{"arn": true, "id": true, "name": true, "key_id": true}, indexKeys: map[string]bool{},
		depth: depth, root: c,
	}
	var calls []moduleCall
	// Resource blocks are expanded once every file's variables and locals
	// are known: Terraform reads a directory as one, in no file order.
	var blocks, overrides []tfBlock
	for _, name := range names {
		override := isOverrideFile(name)
		// The one bounded reader: a FIFO named x.tf is refused, not opened.
		data, err := designfile.ReadFileMax(name, true, MaxFileSize)
		if err != nil {
			return nil, err
		}
		// Native HCL's nesting is bounded by its tokens (hclNesting); JSON's
		// by its structural brackets.
		check := checkBytes
		if strings.HasSuffix(name, ".json") {
			check = checkText
		}
		if err := check(name, data); err != nil {
			return nil, err
		}
		f, err := c.parse(name, data)
		if err != nil {
			return nil, err
		}
		m.files = append(m.files, f)
		content, _, diags := f.file.Body.PartialContent(tfRootSchema)
		if diags.HasErrors() {
			return nil, hclError(diags)
		}
		for _, b := range content.Blocks {
			switch b.Type {
			case "variable":
				attrs, _ := b.Body.JustAttributes()
				_, setsDefault := attrs["default"]
				_, setsSensitive := attrs["sensitive"]
				if override && !setsDefault && !setsSensitive {
					// An override of the variable's description or
					// type leaves the value its original gives (one
					// making it sensitive is read: its value is then
					// not read at all).
					continue
				}
				v := c.unknownMarker("the variable " + b.Labels[0] + " has no default, so its value is given at plan time")
				given := false
				if in, ok := inputs[b.Labels[0]]; ok {
					v, given = in, true
				} else if d, ok := attrs["default"]; ok {
					if dv, diags := d.Expr.Value(nil); !diags.HasErrors() {
						v, given = dv, true
					}
				}
				if t, ok := attrs["type"]; ok && given {
					v = convertVariable(v, t.Expr)
				}
				if sv, ok := attrs["sensitive"]; ok && given {
					// Terraform's NoEcho: the value is secret, so no
					// check or import reads (and shows) it.
					if x, diags := sv.Expr.Value(nil); !diags.HasErrors() && x.Type() == cty.Bool && x.IsKnown() && !x.IsNull() && x.True() {
						v = c.unknownMarker("the variable " + b.Labels[0] + sensitiveSuffix)
						if m.sensitive == nil {
							m.sensitive = map[string]bool{}
						}
						m.sensitive[b.Labels[0]] = true
					}
				}
				m.vars[b.Labels[0]] = v
			case "locals":
				attrs, diags := b.Body.JustAttributes()
				if diags.HasErrors() {
					return nil, hclError(diags)
				}
				for k, a := range attrs {
					m.locals[k] = a
				}
			case "output":
				attrs, _ := b.Body.JustAttributes()
				if a, ok := attrs["value"]; ok {
					m.outputs[b.Labels[0]] = a
				}
			case "provider":
				if b.Labels[0] != "aws" {
					continue
				}
				pc, _, _ := b.Body.PartialContent(tfProviderSchema)
				alias := ""
				if a, ok := pc.Attributes["alias"]; ok {
					if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
						alias = v.AsString()
					}
				}
				if m.providers == nil {
					m.providers = map[string]*hcl.Attribute{}
				}
				// A provider without region takes it from the
				// environment: nil says so.
				m.providers[alias] = pc.Attributes["region"]
			case "module":
				attrs, _ := b.Body.JustAttributes()
				src := ""
				if a, ok := attrs["source"]; ok {
					if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
						src = v.AsString()
					}
				}
				calls = append(calls, moduleCall{b.Labels[0], src, b})
			default:
				if override {
					overrides = append(overrides, tfBlock{f, b})
				} else {
					blocks = append(blocks, tfBlock{f, b})
				}
			}
		}
	}
	blocks, err := m.mergeBlocks(blocks, overrides)
	if err != nil {
		return nil, err
	}
	m.blocks = blocks
	// Cycles within the module are refused before anything is evaluated;
	// those through a module call's inputs and outputs once it is read.
	if err := m.referenceCycle(blocks, nil); err != nil {
		return nil, err
	}
	for _, f := range m.files {
		m.collectReferences(f.file.Body)
	}
	// Blocks whose count or for_each reads a module's outputs wait for
	// the modules; the rest are expanded first, so that module inputs can
	// name their instances.
	early, late := m.splitOnModules(blocks)
	if err := m.addBlocks(early); err != nil {
		return nil, err
	}
	for _, call := range calls {
		at := rangePos(call.block.DefRange)
		notice := func(msg string) {
			m.notices = append(m.notices, Notice{Pos: at, Resource: prefix + "module." + call.name, Msg: msg + "; the secrets it may create are not checked"})
		}
		switch {
		case call.source == "":
			m.remote[call.name] = call.source
			notice("its source is not a plain string")
			continue
		case !isLocalSource(call.source):
			m.remote[call.name] = call.source
			notice("it comes from " + call.source + ", which secretsmith does not fetch")
			continue
		case depth >= maxModuleDepth:
			m.remote[call.name] = call.source
			notice("it is nested more than " + strconv.Itoa(maxModuleDepth) + " modules deep, deeper than secretsmith follows")
			continue
		}
		if c.modules >= maxModules {
			m.remote[call.name] = call.source + " (not read: the configuration calls more than " + strconv.Itoa(maxModules) + " modules)"
			notice("the configuration calls more than " + strconv.Itoa(maxModules) + " modules, more than secretsmith follows")
			continue
		}
		if src := filepath.Join(dir, call.source); !c.tree.holds(src) {
			m.remote[call.name] = call.source + " (not read: outside the tree being checked)"
			notice("its source " + c.tree.outside(call.source))
			continue
		} else if loop := m.callLoop(src); loop != "" {
			m.remote[call.name] = call.source + " (not read: it calls itself)"
			notice("its source " + call.source + " calls itself (" + loop + "), which Terraform cannot plan; it is not followed again")
			continue
		}
		if fi, err := os.Stat(filepath.Join(dir, call.source)); err != nil || !fi.IsDir() {
			// Terraform would refuse to plan; what the module holds is unknown.
			m.remote[call.name] = call.source + " (a directory that does not exist)"
			notice("its source " + call.source + " is not a directory")
			continue
		}
		if !HasTerraform(filepath.Join(dir, call.source)) {
			// Terraform reads an empty module, and refuses every argument
			// the call gives it: a source that names the wrong directory.
			m.remote[call.name] = call.source + " (a directory with no Terraform files)"
			notice("its source " + call.source + " holds no .tf or .tf.json file, so it declares nothing the call could set (a wrong path?)")
			continue
		}
		attrs, _ := call.block.Body.JustAttributes()
		// One instance per for_each key, each with its own each.key and
		// each.value; a for_each that is not known gives one instance.
		type instance struct {
			key  string
			each *tfResource
		}
		insts := []instance{{"", nil}}
		if fe, ok := attrs["for_each"]; ok {
			v := m.evalCty(fe.Expr, nil)
			if forEachKnown(v) && !v.IsNull() {
				insts = nil
				for it := v.ElementIterator(); it.Next(); {
					k, ev := it.Element()
					if v.Type().IsSetType() {
						k = ev
					}
					if k.Type() != cty.String {
						continue
					}
					insts = append(insts, instance{k.AsString(), &tfResource{eachKey: k, eachVal: ev, count: cty.NilVal}})
				}
			} else {
				insts[0].each = &tfResource{eachKey: c.unknownMarker("each.key of module " + call.name + " is not known until plan time, as its for_each is not"), eachVal: c.unknownMarker("each.value of module " + call.name + " is not known until plan time, as its for_each is not"), count: cty.NilVal}
			}
		} else if ce, ok := attrs["count"]; ok {
			v := m.evalCty(ce.Expr, nil)
			if v.IsWhollyKnown() && !hasMarker(v) && !v.IsNull() && v.Type() == cty.Number {
				n, _ := v.AsBigFloat().Int64()
				insts = nil
				for i := int64(0); i < n && i <= maxModules; i++ {
					insts = append(insts, instance{strconv.FormatInt(i, 10), &tfResource{eachKey: cty.NilVal, eachVal: cty.NilVal, count: cty.NumberIntVal(i)}})
				}
			} else {
				insts[0].each = &tfResource{eachKey: cty.NilVal, eachVal: cty.NilVal, count: c.unknownMarker("count.index of module " + call.name + " is not known until plan time, as its count is not")}
			}
		}
		for _, inst := range insts {
			in := map[string]cty.Value{}
			for k, a := range attrs {
				switch k {
				case "source", "version", "providers", "depends_on", "for_each", "count":
					continue
				}
				in[k] = m.evalCty(a.Expr, inst.each)
			}
			prefix := prefix + "module." + call.name
			switch {
			case inst.each != nil && inst.key != "" && inst.each.count != cty.NilVal:
				prefix += "[" + inst.key + "]"
			case inst.each != nil && inst.key != "":
				prefix += "[" + strconv.Quote(inst.key) + "]"
			}
			c.modules++
			if c.modules > maxModules {
				notice("the configuration makes more than " + strconv.Itoa(maxModules) + " module instances, more than secretsmith follows; " + prefix + " and the instances after it are not read")
				break
			}
			child, err := c.loadModule(filepath.Join(dir, call.source), prefix+".", in, depth+1)
			if err != nil {
				// The caller is still judged; the module is a notice
				// (and is judged, and fails, as its own root).
				m.remote[call.name] = call.source + " (not read: " + err.Error() + ")"
				notice("its source " + call.source + " cannot be read as a module (" + err.Error() + ")")
				break
			}
			child.parent, child.passed = m, passedProviders(attrs["providers"])
			if inst.each != nil && inst.key != "" {
				if m.keyed[call.name] == nil {
					m.keyed[call.name] = map[string]*tfModule{}
				}
				m.keyed[call.name][inst.key] = child
			} else {
				m.children[call.name] = child
			}
		}
	}
	if len(calls) > 0 {
		if err := m.referenceCycle(blocks, calls); err != nil {
			return nil, err
		}
	}
	if err := m.addBlocks(late); err != nil {
		return nil, err
	}
	// Every block is loaded: the objects references build stay the same.
	m.objects = map[string]cty.Value{}
	for _, r := range m.resources {
		r.body = m.blockValue(r, r.block.Body, 0)
	}
	return m, nil
}

// passedProviders reads a module call's providers argument ({aws =
// aws.west, aws.east = aws}) as the parent's alias of each of the
// child's aws configurations; nil without one, when the child inherits
// the parent's default configuration.
func passedProviders(a *hcl.Attribute) map[string]string {
	if a == nil {
		return nil
	}
	out := map[string]string{}
	pairs, _ := hcl.ExprMap(a.Expr)
	for _, kv := range pairs {
		child, ok1 := awsProviderAlias(kv.Key)
		parent, ok2 := awsProviderAlias(kv.Value)
		if ok1 && ok2 {
			out[child] = parent
		}
	}
	return out
}

// awsProviderAlias reads a provider reference, aws or aws.ALIAS, as its
// alias ("" for aws); ok is false for another provider.
func awsProviderAlias(e hcl.Expression) (alias string, ok bool) {
	tr, diags := hcl.AbsTraversalForExpr(e)
	if diags.HasErrors() || tr.RootName() != "aws" {
		return "", false
	}
	parts := traversalParts(tr)
	if len(parts) > 1 {
		return parts[1], true
	}
	return "", true
}

// providerRegion is the region attribute of the aws provider configuration
// a resource of m uses (alias "" for the default one), and the module that
// declares it, where it is evaluated: the module's own, or the one its
// callers pass down (the default one implicitly, others by a providers
// argument). found is false when no configuration declares it: the
// region then comes from the environment.
func (m *tfModule) providerRegion(alias string) (region *hcl.Attribute, in *tfModule, found bool) {
	for mod := m; mod != nil; mod = mod.parent {
		if a, ok := mod.providers[alias]; ok {
			return a, mod, true
		}
		if mod.passed != nil {
			parent, ok := mod.passed[alias]
			if !ok {
				return nil, nil, false
			}
			alias = parent
		} else if alias != "" {
			return nil, nil, false
		}
	}
	return nil, nil, false
}

// tfBlock is a resource, data or ephemeral block not yet expanded.
// moduleCall is a module block: its name, its source as written, and
// the block.
type moduleCall struct {
	name, source string
	block        *hcl.Block
}

type tfBlock struct {
	f *tfFile
	b *hcl.Block
}

// blockBase is the address of a block without its instance key.
func (m *tfModule) blockBase(b *hcl.Block) string {
	if b.Type == "resource" {
		return m.prefix + b.Labels[0] + "." + b.Labels[1]
	}
	return m.prefix + b.Type + "." + b.Labels[0] + "." + b.Labels[1]
}

// expansionRefs lists what a block's count or for_each reads: the bases of
// the blocks of this module it names (through locals too), and whether it
// reads a module's outputs.
func (m *tfModule) expansionRefs(b *hcl.Block) (bases []string, module bool) {
	attrs := blockAttrs(b.Body)
	for _, k := range []string{"for_each", "count"} {
		a, ok := attrs[k]
		if !ok {
			continue
		}
		m.references(a.Expr, nil, func(parts []string) {
			switch {
			case parts[0] == "module":
				module = true
			case (parts[0] == "data" || parts[0] == "ephemeral") && len(parts) > 2:
				bases = append(bases, m.prefix+parts[0]+"."+parts[1]+"."+parts[2])
			case len(parts) > 1 && parts[0] != "var" && parts[0] != "path" && parts[0] != "data" && parts[0] != "ephemeral":
				bases = append(bases, m.prefix+parts[0]+"."+parts[1])
			}
		})
	}
	return bases, module
}

// references calls visit with every traversal an expression reads, its
// names split on dots, following local values to what they read, and each
// and count to the for_each and count among attrs (the block's own, when
// given). Each local is followed once.
func (m *tfModule) references(e hcl.Expression, attrs map[string]*hcl.Attribute, visit func(parts []string)) {
	seen := map[string]bool{}
	var walk func(e hcl.Expression)
	walk = func(e hcl.Expression) {
		for _, tr := range e.Variables() {
			parts := traversalParts(tr)
			switch {
			case len(parts) == 0:
			case parts[0] == "each" || parts[0] == "count":
				if attrs != nil && !seen[parts[0]] {
					seen["each"], seen["count"] = true, true
					for _, k := range []string{"for_each", "count"} {
						if a, ok := attrs[k]; ok {
							walk(a.Expr)
						}
					}
				}
			case parts[0] == "local" && len(parts) > 1:
				if a, ok := m.locals[parts[1]]; ok && !seen["local."+parts[1]] {
					seen["local."+parts[1]] = true
					walk(a.Expr)
				}
			default:
				visit(parts)
			}
		}
	}
	walk(e)
}

func (m *tfModule) splitOnModules(blocks []tfBlock) (early, late []tfBlock) {
	for _, tb := range blocks {
		if _, module := m.expansionRefs(tb.b); module {
			late = append(late, tb)
		} else {
			early = append(early, tb)
		}
	}
	return early, late
}

// addBlocks expands blocks in the order their count and for_each need: a
// block that iterates over another block's instances (for_each =
// aws_secretsmanager_secret.x) comes after it. Blocks in a cycle (which
// Terraform refuses) are expanded in file order. Each block's references
// are read once, so the order costs time linear in the references.
func (m *tfModule) addBlocks(blocks []tfBlock) error {
	byBase := map[string][]int{}
	for i, tb := range blocks {
		byBase[m.blockBase(tb.b)] = append(byBase[m.blockBase(tb.b)], i)
	}
	const (
		todo = iota
		busy
		done
	)
	state := make([]int, len(blocks))
	var err error
	var visit func(i int)
	visit = func(i int) {
		if state[i] != todo || err != nil {
			return
		}
		state[i] = busy
		bases, _ := m.expansionRefs(blocks[i].b)
		for _, base := range bases {
			for _, j := range byBase[base] {
				visit(j)
			}
		}
		state[i] = done
		if err == nil {
			err = m.addBlock(blocks[i].f, blocks[i].b)
		}
	}
	for i := range blocks {
		visit(i)
	}
	return err
}

// forEachKnown reports whether a for_each value fixes its instances: a map
// or object (whose keys are always known; its values may hold references,
// as for_each = aws_secretsmanager_secret.x does), or a set of known
// strings.
func forEachKnown(v cty.Value) bool {
	if !v.IsKnown() {
		return false
	}
	t := v.Type()
	switch {
	case v.IsNull():
		return t.IsMapType() || t.IsObjectType() || t.IsSetType()
	case t.IsMapType() || t.IsObjectType():
		return true
	case t.IsSetType():
		return v.IsWhollyKnown() && !hasMarker(v)
	}
	return false
}

// callLoop is, when dir is the directory of a module being loaded (this
// one or one that calls it), the loop of calls it makes.
func (m *tfModule) callLoop(dir string) string {
	want := resolvePath(dir)
	for i, d := range m.root.loading {
		if d == want {
			var names []string
			for _, x := range m.root.loading[i:] {
				names = append(names, filepath.Base(x))
			}
			return strings.Join(append(names, filepath.Base(want)), " -> ")
		}
	}
	return ""
}

// IsTerraformFile reports whether Terraform reads a file of this name: one
// ending in .tf or .tf.json.
func IsTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")
}

func (c *tfConfig) parse(name string, data []byte) (f *tfFile, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, &SyntaxError{Pos{name, 1, 1}, fmt.Sprintf("the Terraform reader failed on this file (%v)", r)}
		}
	}()
	f = &tfFile{name: name, data: data}
	var diags hcl.Diagnostics
	if strings.HasSuffix(name, ".json") {
		f.file, diags = c.parser.ParseJSON(data, name)
		if !diags.HasErrors() {
			if err := tfJSONDuplicateArgument(name, data); err != nil {
				return nil, err
			}
		}
	} else {
		if err := hclNesting(name, data, false); err != nil {
			return nil, err
		}
		f.file, diags = c.parser.ParseHCL(data, name)
		if !diags.HasErrors() {
			toks, _ := hclsyntax.LexConfig(data, name, hcl.InitialPos)
			for _, tk := range toks {
				if tk.Type == hclsyntax.TokenComment {
					f.comments = append(f.comments, tfComment{tk.Range.Start.Line, string(tk.Bytes)})
				}
			}
		}
	}
	if diags.HasErrors() {
		return nil, hclError(diags)
	}
	return f, nil
}

func hclError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if d.Subject != nil {
			return &SyntaxError{Pos{d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column}, msg}
		}
		return &SyntaxError{Pos{Line: 1, Col: 1}, msg}
	}
	return &SyntaxError{Pos{Line: 1, Col: 1}, diags.Error()}
}

// addBlock records a resource, data or ephemeral block, one instance per
// for_each key or count index when those are known.
func (m *tfModule) addBlock(f *tfFile, b *hcl.Block) error {
	mode := b.Type
	typ, name := b.Labels[0], b.Labels[1]
	base := m.prefix + typ + "." + name
	if mode != "resource" {
		base = m.prefix + mode + "." + typ + "." + name
	}
	pos := Pos{b.DefRange.Filename, b.DefRange.Start.Line, b.DefRange.Start.Column}
	if m.root.instances >= maxInstances {
		m.overCap(pos, base, "")
		return nil
	}
	mk := func(addr string) *tfResource {
		m.root.instances++
		r := &tfResource{mode: mode, typ: typ, name: name, addr: addr, base: base, pos: pos, block: b, file: f,
			exists: triTrue, mod: m, eachKey: cty.NilVal, eachVal: cty.NilVal, count: cty.NilVal}
		r.comments = f.directivesFor(b)
		m.resources = append(m.resources, r)
		m.byBase[base] = append(m.byBase[base], r)
		return r
	}
	attrs := blockAttrs(b.Body)
	if fe, ok := attrs["for_each"]; ok {
		v := m.evalCty(fe.Expr, nil)
		if !forEachKnown(v) {
			r := mk(base)
			r.exists, r.why = triUnknown, "exists once for each element of its for_each, which is not known until plan time"
			r.eachKey, r.eachVal = m.root.unknownMarker("each.key of "+base+" is not known until plan time, as its for_each is not"), m.root.unknownMarker("each.value of "+base+" is not known until plan time, as its for_each is not")
			return nil
		}
		if v.IsNull() {
			return nil
		}
		read := 0
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			if v.Type().IsSetType() {
				k = ev
			}
			ks := ""
			if k.Type() == cty.String {
				ks = k.AsString()
			}
			if m.root.instances >= maxInstances {
				m.overCap(pos, base, "from "+base+"["+strconv.Quote(ks)+"] on, "+strconv.Itoa(v.LengthInt()-read)+" of its "+strconv.Itoa(v.LengthInt())+" instances")
				return nil
			}
			read++
			r := mk(base + "[" + strconv.Quote(ks) + "]")
			r.eachKey, r.eachVal = k, ev
		}
		return nil
	}
	if ce, ok := attrs["count"]; ok {
		v := m.evalCty(ce.Expr, nil)
		if !v.IsWhollyKnown() || hasMarker(v) || v.Type() != cty.Number {
			r := mk(base)
			r.exists, r.why = triUnknown, "exists as many times as its count, which is not known until plan time"
			r.count = m.root.unknownMarker("count.index of " + base + " is not known until plan time, as its count is not")
			return nil
		}
		n, _ := v.AsBigFloat().Int64()
		for i := int64(0); i < n; i++ {
			if m.root.instances >= maxInstances {
				m.overCap(pos, base, "from "+base+"["+strconv.FormatInt(i, 10)+"] on, "+strconv.FormatInt(n-i, 10)+" of its "+strconv.FormatInt(n, 10)+" instances")
				return nil
			}
			r := mk(base + "[" + strconv.FormatInt(i, 10) + "]")
			r.count = cty.NumberIntVal(i)
		}
		return nil
	}
	mk(base)
	return nil
}

// maxCapNotices bounds the notices that name the blocks past maxInstances:
// past it, one more says that further blocks are not read either.
const maxCapNotices = 100

// overCap records, at the block, that its instances (which, "" for all of
// them) are past the configuration's cap of maxInstances and not read:
// the first maxInstances are judged, and each block past them is named.
func (m *tfModule) overCap(at Pos, base, which string) {
	c := m.root
	c.capNotices++
	switch {
	case c.capNotices > maxCapNotices+1:
		return
	case c.capNotices == maxCapNotices+1:
		m.notices = append(m.notices, Notice{Pos: at, Resource: base,
			Msg: "more blocks past the cap of " + strconv.Itoa(maxInstances) + " resource instances are not read either (only the first " + strconv.Itoa(maxCapNotices) + " are named); the secrets among them are not checked"})
		return
	}
	what := "it is not read"
	if which != "" {
		what = which + " are not read"
	}
	m.notices = append(m.notices, Notice{Pos: at, Resource: base,
		Msg: "the configuration has more than " + strconv.Itoa(maxInstances) + " resource instances, more than secretsmith reads (the first " + strconv.Itoa(maxInstances) + " are judged); " + what + ", so the secrets among them are not checked"})
}

// directivesFor returns the checkov and trivy comments that apply to a
// block: those inside it, and the run of comment lines right above it.
func (f *tfFile) directivesFor(b *hcl.Block) []string {
	var out []string
	start := b.DefRange.Start.Line
	end := start
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		end = sb.SrcRange.End.Line
	}
	above := start - 1
	for i := len(f.comments) - 1; i >= 0; i-- {
		c := f.comments[i]
		if c.line == above {
			out = append(out, c.text)
			above--
		}
	}
	for _, c := range f.comments {
		if c.line >= start && c.line <= end {
			out = append(out, c.text)
		}
	}
	return out
}

func blockAttrs(body hcl.Body) map[string]*hcl.Attribute {
	if sb, ok := body.(*hclsyntax.Body); ok {
		out := make(map[string]*hcl.Attribute, len(sb.Attributes))
		for k, a := range sb.Attributes {
			out[k] = a.AsHCLAttribute()
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	return attrs
}

// collectReferences notes every attribute name and index key that the
// configuration reads from a block, so references can be built with them.
func (m *tfModule) collectReferences(body hcl.Body) {
	walk := func(e hcl.Expression) {
		for _, tr := range e.Variables() {
			for _, step := range tr[1:] {
				switch s := step.(type) {
				case hcl.TraverseAttr:
					m.attrs[s.Name] = true
				case hcl.TraverseIndex:
					if s.Key.Type() == cty.String {
						m.indexKeys[s.Key.AsString()] = true
					}
				}
			}
		}
	}
	if sb, ok := body.(*hclsyntax.Body); ok {
		_ = hclsyntax.VisitAll(sb, func(n hclsyntax.Node) hcl.Diagnostics {
			if a, ok := n.(*hclsyntax.Attribute); ok {
				walk(a.Expr)
			}
			return nil
		})
		return
	}
	// JSON: the whole body's attributes, whatever block they sit in.
	if attrs, diags := body.JustAttributes(); !diags.HasErrors() {
		for _, a := range attrs {
			walk(a.Expr)
		}
	}
}

// evalCty evaluates an expression in the module, with each/count of r.
func (m *tfModule) evalCty(e hcl.Expression, r *tfResource) cty.Value {
	if why := m.overBudget(e, r); why != "" {
		return m.root.unknownMarker(why)
	}
	ctx := m.context(e, r, false)
	v, diags := e.Value(ctx)
	if !diags.HasErrors() {
		if why := m.tooLarge(e, v); why != "" {
			return m.root.unknownMarker(why)
		}
		if m.readsMarker(e, ctx) && (!hasMarker(v) || !m.root.markersIntact(v)) {
			// A value not known was read and left no trace in the
			// result: a comparison, try's fallback or lookup's default
			// decided on its marker's text; or a function cut or
			// rewrote the marker (substr, upper), so what is left of it
			// would read as text. Terraform's answer is what the value
			// not known gives.
			rv, rdiags := e.Value(m.context(e, r, true))
			if rdiags.HasErrors() || !rv.IsWhollyKnown() {
				return m.root.unknownMarker(m.unknownReason(e))
			}
			return rv
		}
		return v
	}
	if why := budgetDiag(diags); why != "" {
		return m.root.unknownMarker(m.budgetNotice(e, why))
	}
	// Markers are strings; an expression that needs a number or a bool
	// from an unknown gets a real unknown instead.
	v, diags = e.Value(m.context(e, r, true))
	if diags.HasErrors() {
		if why := m.undeclared(e); why != "" {
			return m.root.unknownMarker(why)
		}
		return m.root.unknownMarker("the expression at " + rangeText(e.Range()) + " cannot be evaluated: " + diags[0].Summary)
	}
	if !v.IsWhollyKnown() {
		return m.root.unknownMarker(m.unknownReason(e))
	}
	return v
}

// undeclared says which variable or local e reads that the module does
// not declare, which terraform plan refuses ("Reference to undeclared
// input variable"), or "" when it reads none: HCL's own word for it,
// "Unsupported attribute", tells nobody what is wrong.
func (m *tfModule) undeclared(e hcl.Expression) string {
	for _, tr := range e.Variables() {
		if len(tr) < 2 {
			continue
		}
		a, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			continue
		}
		switch tr.RootName() {
		case "var":
			if _, ok := m.vars[a.Name]; !ok {
				return "var." + a.Name + " names no variable of this module (declare it with a variable \"" + a.Name + "\" block), so terraform plan fails"
			}
		case "local":
			if _, ok := m.locals[a.Name]; !ok {
				return undeclaredLocal(a.Name)
			}
		}
	}
	return ""
}

func undeclaredLocal(name string) string {
	return "local." + name + " names no local value of this module (set it in a locals block), so terraform plan fails"
}

func rangeText(r hcl.Range) string {
	return filepath.Base(r.Filename) + ":" + strconv.Itoa(r.Start.Line) + ":" + strconv.Itoa(r.Start.Column)
}

// unknownReason names what makes an expression unknown.
func (m *tfModule) unknownReason(e hcl.Expression) string {
	for _, tr := range e.Variables() {
		root := tr.RootName()
		switch root {
		case "var", "local":
			if len(tr) > 1 {
				if a, ok := tr[1].(hcl.TraverseAttr); ok {
					v, ok := m.vars[a.Name]
					if root == "local" {
						v, ok = m.localVals[a.Name]
					}
					if why := unknownWhy(v); ok && why != "" {
						return why
					}
				}
			}
		case "data":
			return "the value is read from a data source at plan time"
		case "module":
			return "the value comes from a module secretsmith does not read"
		}
	}
	return "the value is only known after apply"
}

// pathModule is path.module as Terraform gives it: the module's directory
// relative to the root module's ("." for the root, modules/app for one it
// calls), where Terraform runs and file reads a relative path from.
func (m *tfModule) pathModule() string {
	if m.root == nil || m.root.rootDir == "" {
		return m.dir
	}
	if rel, err := filepath.Rel(m.root.rootDir, m.dir); err == nil {
		return filepath.ToSlash(rel)
	}
	return m.dir
}

// readsMarker reports whether e reads a value not known (a marker): the
// value of each of its references, or of the longest part of it that can
// be followed (var.kms of var.kms.arn, when var.kms is a marker).
// A whole variable or local is looked at once per module (markedNames):
// a dynamic block over a long local list reads it at every iteration.
func (m *tfModule) readsMarker(e hcl.Expression, ctx *hcl.EvalContext) bool {
	for _, tr := range e.Variables() {
		for n := len(tr); n >= 1; n-- {
			v, diags := tr[:n].TraverseAbs(ctx)
			if diags.HasErrors() {
				continue
			}
			if a, ok := tr[n-1].(hcl.TraverseAttr); ok && n == 2 && m.cachesMarked(tr.RootName(), a.Name) {
				key := tr.RootName() + "." + a.Name
				marked, seen := m.markedNames[key]
				if !seen {
					marked = hasMarker(v)
					if m.markedNames == nil {
						m.markedNames = map[string]bool{}
					}
					m.markedNames[key] = marked
				}
				if marked {
					return true
				}
			} else if hasMarker(v) {
				return true
			}
			break
		}
	}
	return false
}

// markerSegments calls f with each marker (markOpen to markClose) in the
// strings of v, and with "" for a markOpen or markClose that is not part of
// one; f returns false to stop.
func markerSegments(v cty.Value, f func(seg string) bool) {
	cty.Walk(v, func(_ cty.Path, x cty.Value) (bool, error) {
		if !x.IsKnown() || x.IsNull() || x.Type() != cty.String {
			return true, nil
		}
		s := x.AsString()
		for {
			i := strings.Index(s, markOpen)
			c := strings.Index(s, markClose)
			if i < 0 && c < 0 {
				return true, nil
			}
			if i < 0 || c < i {
				if !f("") {
					return false, errMarkerFound
				}
				return true, nil
			}
			j := strings.Index(s[i+len(markOpen):], markClose)
			if j < 0 || strings.Contains(s[i+len(markOpen):i+len(markOpen)+j], markOpen) {
				if !f("") {
					return false, errMarkerFound
				}
				return true, nil
			}
			end := i + len(markOpen) + j + len(markClose)
			if !f(s[i:end]) {
				return false, errMarkerFound
			}
			s = s[end:]
		}
	})
}

// markersIntact says whether every marker in v is whole and one that was
// made: a function that cuts or rewrites a marker's text (substr, upper,
// title) leaves a piece that is neither a value nor a marker.
func (c *tfConfig) markersIntact(v cty.Value) bool {
	intact := true
	markerSegments(v, func(seg string) bool {
		intact = seg != "" && c.issued[seg]
		return intact
	})
	return intact
}

// unknownWhy is the reason of the first marker of a value not known in
// v, "" when it has none.
func unknownWhy(v cty.Value) string {
	why := ""
	markerSegments(v, func(seg string) bool {
		if r, ok := strings.CutPrefix(strings.TrimSuffix(seg, markClose), markOpen+"?"); ok && seg != "" {
			why = r
			return false
		}
		return true
	})
	return why
}

// realUnknown is v with its markers made cty's unknowns, as Terraform's
// plan has them: a value secretsmith cannot know at all (a variable
// without a default, the whole value) may be anything, null too; a
// resource's attribute, or a string built around a marker, is a string
// that is not null (so that policy != null is known, as Terraform refines
// it, while the text is not).
func realUnknown(v cty.Value) cty.Value {
	if !hasMarker(v) {
		return v
	}
	notNull := cty.UnknownVal(cty.String).RefineNotNull()
	if v.Type() == cty.String {
		s := v.AsString()
		if strings.HasPrefix(s, markOpen+"?") && strings.HasSuffix(s, markClose) && strings.Count(s, markOpen) == 1 {
			return cty.DynamicVal
		}
		return notNull
	}
	out, err := cty.Transform(v, func(_ cty.Path, x cty.Value) (cty.Value, error) {
		if x.IsKnown() && !x.IsNull() && x.Type() == cty.String && strings.Contains(x.AsString(), markOpen) {
			return notNull, nil
		}
		return x, nil
	})
	if err != nil {
		return cty.DynamicVal
	}
	return out
}

// cachesMarked says whether readsMarker may look at root.name once for
// the module: a variable, a local or the instances of a resource block
// (their object is walked in full, keys sorted, at every instance's
// reference otherwise), but not each, count or a dynamic block's iterator,
// which change from one evaluation to the next. A resource's object may
// still grow while blocks load; a stale answer only skips the second
// evaluation, which is then what it was before readsMarker.
func (m *tfModule) cachesMarked(root, name string) bool {
	switch root {
	case "local", "var":
		return true
	case "each", "count", "self", "path", "terraform", "data", "ephemeral", "module":
		return false
	}
	_, ok := m.byBase[m.prefix+root+"."+name]
	return ok
}

func hasMarker(v cty.Value) bool {
	// The walk stops at the first marker (a false return only skips what
	// is below the value, not its siblings).
	return cty.Walk(v, func(_ cty.Path, x cty.Value) (bool, error) {
		if x.IsKnown() && !x.IsNull() && x.Type() == cty.String && strings.Contains(x.AsString(), markOpen) {
			return false, errMarkerFound
		}
		return true, nil
	}) != nil
}

var errMarkerFound = errors.New("marker found")

// context builds the evaluation context for one expression: variables,
// locals, each and count, and the blocks it references as marker objects.
// With realUnknowns, every unknown is cty's own unknown value instead.
func (m *tfModule) context(e hcl.Expression, r *tfResource, realUnknowns bool) *hcl.EvalContext {
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: m.root.functions()}
	fix := func(v cty.Value) cty.Value {
		if realUnknowns {
			return realUnknown(v)
		}
		return v
	}
	vars := map[string]cty.Value{}
	for k, v := range m.vars {
		vars[k] = fix(v)
	}
	ctx.Variables["var"] = cty.ObjectVal(vars)
	ctx.Variables["path"] = cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(m.pathModule()), "root": cty.StringVal("."), "cwd": cty.StringVal(".")})
	if r != nil {
		if r.eachKey != cty.NilVal {
			ctx.Variables["each"] = cty.ObjectVal(map[string]cty.Value{"key": fix(r.eachKey), "value": fix(r.eachVal)})
		}
		if r.count != cty.NilVal {
			ctx.Variables["count"] = cty.ObjectVal(map[string]cty.Value{"index": fix(r.count)})
		}
	}
	var iters map[string]cty.Value
	if r != nil {
		iters = r.iters
	}
	locals := map[string]cty.Value{}
	objs := map[string]map[string]cty.Value{}
	// data.TYPE.NAME and ephemeral.TYPE.NAME: a block's address has
	// three parts under these roots.
	typed := map[string]map[string]map[string]cty.Value{"data": {}, "ephemeral": {}}
	for _, tr := range e.Variables() {
		root := tr.RootName()
		switch root {
		case "local":
			if len(tr) > 1 {
				if a, ok := tr[1].(hcl.TraverseAttr); ok {
					locals[a.Name] = fix(m.local(a.Name))
				}
			}
		case "var", "each", "count", "path", "self", "terraform":
		case "module":
			if len(tr) > 2 {
				name, _ := tr[1].(hcl.TraverseAttr)
				out, _ := tr[2].(hcl.TraverseAttr)
				if objs["module"] == nil {
					objs["module"] = map[string]cty.Value{}
				}
				objs["module"][name.Name] = fix(m.moduleOutputs(name.Name))
				m.attrs[out.Name] = true
			}
		case "data", "ephemeral":
			if len(tr) > 2 {
				data := typed[root]
				typ, _ := tr[1].(hcl.TraverseAttr)
				name, _ := tr[2].(hcl.TraverseAttr)
				if data[typ.Name] == nil {
					data[typ.Name] = map[string]cty.Value{}
				}
				if realUnknowns {
					// Every attribute of a data source is read at plan
					// time, also those its block does not set (a VPC's
					// tags), and an ephemeral one's at every run: with
					// real unknowns, all of it is unknown.
					data[typ.Name][name.Name] = cty.DynamicVal
				} else {
					data[typ.Name][name.Name] = fix(m.blockObject(root+"."+typ.Name+"."+name.Name, typ.Name))
				}
			}
		default:
			if _, ok := iters[root]; ok {
				continue
			}
			if len(tr) > 1 {
				name, ok := tr[1].(hcl.TraverseAttr)
				if !ok {
					continue
				}
				if objs[root] == nil {
					objs[root] = map[string]cty.Value{}
				}
				objs[root][name.Name] = m.blockObjectFor(root+"."+name.Name, root, realUnknowns)
			}
		}
	}
	ctx.Variables["local"] = cty.ObjectVal(locals)
	for root, data := range typed {
		if len(data) > 0 {
			d := map[string]cty.Value{}
			for k, o := range data {
				d[k] = cty.ObjectVal(o)
			}
			objs[root] = d
		}
	}
	for k, o := range objs {
		ctx.Variables[k] = cty.ObjectVal(o)
	}
	for k, it := range iters {
		ctx.Variables[k] = fix(it)
	}
	return ctx
}

// blockObjectFor is blockObject, kept once loading is done; with
// realUnknowns, cty's unknown for an object holding markers.
func (m *tfModule) blockObjectFor(rel, typ string, realUnknowns bool) cty.Value {
	key := rel
	if realUnknowns {
		key = "\x00" + rel
	}
	if v, ok := m.objects[key]; ok {
		return v
	}
	v := m.blockObject(rel, typ)
	if realUnknowns && hasMarker(v) {
		v = cty.DynamicVal
	}
	if m.objects != nil {
		m.objects[key] = v
	}
	return v
}

// blockObject is what a reference to a block evaluates to: an object of
// marker attributes, or a map of them per instance key.
func (m *tfModule) blockObject(rel, typ string) cty.Value {
	addr := m.prefix + rel
	insts := m.byBase[addr]
	attrsOf := func(a string) cty.Value {
		obj := map[string]cty.Value{}
		for name := range m.attrs {
			obj[name] = m.root.refMarker(a, name)
		}
		outs := map[string]cty.Value{}
		for k := range m.indexKeys {
			outs[k] = m.root.refMarker(a, "outputs."+k)
		}
		obj["outputs"] = cty.ObjectVal(outs)
		obj["tags"] = cty.EmptyObjectVal
		return cty.ObjectVal(obj)
	}
	if len(insts) == 1 && insts[0].exists == triUnknown && insts[0].eachKey != cty.NilVal {
		// A for_each not known until plan time: neither its keys nor
		// its instances are, and iterating over it is not known either.
		return cty.DynamicVal
	}
	if len(insts) > 0 && insts[0].addr != addr {
		keyed := map[string]cty.Value{}
		for _, in := range insts {
			k := strings.TrimSuffix(strings.TrimPrefix(in.addr[len(addr):], "["), "]")
			if uq, err := strconv.Unquote(k); err == nil {
				k = uq
			}
			keyed[k] = attrsOf(in.addr)
		}
		return cty.ObjectVal(keyed)
	}
	return attrsOf(addr)
}

// local evaluates a local value, following other locals.
func (m *tfModule) local(name string) cty.Value {
	if v, ok := m.localVals[name]; ok {
		return v
	}
	a, ok := m.locals[name]
	switch {
	case !ok:
		return m.root.unknownMarker(undeclaredLocal(name))
	case slices.Contains(m.localBusy, name):
		return m.root.unknownMarker(localCycle(m.localBusy[slices.Index(m.localBusy, name):]))
	}
	m.localBusy = append(m.localBusy, name)
	v := m.evalCty(a.Expr, nil)
	m.localBusy = m.localBusy[:len(m.localBusy)-1]
	m.localVals[name] = v
	return v
}

// localCycle says why the locals of cycle, each using the next and the
// last the first, cannot be read.
func localCycle(cycle []string) string {
	if len(cycle) == 1 {
		return "the local value " + cycle[0] + " refers to itself, so terraform plan fails"
	}
	return "the local values " + blueprint.NameList(cycle, maxDanglingShown) + " refer to each other in a cycle, so terraform plan fails"
}

// moduleOutputs evaluates the outputs of a module call.
func (m *tfModule) moduleOutputs(name string) cty.Value {
	if keyed, ok := m.keyed[name]; ok {
		obj := map[string]cty.Value{}
		for k, child := range keyed {
			obj[k] = child.outputValues()
		}
		return cty.ObjectVal(obj)
	}
	child, ok := m.children[name]
	if !ok {
		why := "the module " + name + " is not read by secretsmith"
		if src, remote := m.remote[name]; remote {
			why = "the module " + name + " comes from " + src + ", which secretsmith does not read"
		}
		outs := map[string]cty.Value{}
		for k := range m.attrs {
			outs[k] = m.root.unknownMarker(why)
		}
		return cty.ObjectVal(outs)
	}
	return child.outputValues()
}

func (m *tfModule) outputValues() cty.Value {
	outs := map[string]cty.Value{}
	for k, a := range m.outputs {
		outs[k] = m.evalCty(a.Expr, nil)
	}
	return cty.ObjectVal(outs)
}

// blockValue evaluates a block's body into a value map: attributes as they
// evaluate, nested blocks as lists of maps under their type.
func (m *tfModule) blockValue(r *tfResource, body hcl.Body, depth int) *value {
	out := &value{k: kMap, pos: Pos{body.MissingItemRange().Filename, body.MissingItemRange().Start.Line, body.MissingItemRange().Start.Column}}
	if depth > 8 {
		return out
	}
	if sb, ok := body.(*hclsyntax.Body); ok {
		out.pos = rangePos(sb.SrcRange)
		names := make([]string, 0, len(sb.Attributes))
		for k := range sb.Attributes {
			names = append(names, k)
		}
		slices.SortFunc(names, func(a, b string) int {
			return sb.Attributes[a].SrcRange.Start.Byte - sb.Attributes[b].SrcRange.Start.Byte
		})
		for _, k := range names {
			a := sb.Attributes[k]
			if depth == 0 && (k == "for_each" || k == "count" || k == "depends_on") {
				// Meta-arguments, read once per block by addBlock:
				// evaluating them again per instance made a for_each
				// over n items cost n squared.
				continue
			}
			out.set(k, m.valueOf(a.Expr, r), rangePos(a.NameRange))
		}
		for _, b := range sb.Blocks {
			typ := b.Type
			if typ == "dynamic" && len(b.Labels) == 1 {
				m.dynamic(r, out, b, depth)
				continue
			}
			seq := out.get(typ)
			if seq == nil {
				seq = &value{k: kSeq, pos: rangePos(b.TypeRange)}
				out.set(typ, seq, rangePos(b.TypeRange))
			}
			if seq.k == kSeq {
				inner := m.blockValue(r, b.Body, depth+1)
				inner.pos = rangePos(b.TypeRange)
				seq.items = append(seq.items, inner)
			}
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	names := make([]string, 0, len(attrs))
	for k := range attrs {
		names = append(names, k)
	}
	slices.SortFunc(names, func(a, b string) int { return attrs[a].Range.Start.Byte - attrs[b].Range.Start.Byte })
	for _, k := range names {
		a := attrs[k]
		out.set(k, m.valueOf(a.Expr, r), rangePos(a.NameRange))
	}
	return out
}

// maxDynamic is the most blocks one dynamic block is expanded into; real
// ones make a handful (replica regions, rotation rules).
const maxDynamic = 1000

// dynamic expands a dynamic block into the blocks it builds, one per
// element of its for_each, each its content body evaluated with the
// iterator (named by the block's label, or its iterator argument) holding
// the element's key and value. A for_each that is not known until plan
// time leaves the blocks unknown.
func (m *tfModule) dynamic(r *tfResource, out *value, b *hclsyntax.Block, depth int) {
	label := b.Labels[0]
	at := rangePos(b.TypeRange)
	unknown := func(format string, args ...any) {
		if prev := out.get(label); prev != nil && prev.k == kSeq {
			// Blocks written out beside the dynamic ones are not
			// the whole list any more.
			prev.k, prev.s, prev.items = kUnknown, fmt.Sprintf(format, args...), nil
			return
		}
		out.set(label, unknownAt(at, format, args...), at)
	}
	var content *hclsyntax.Block
	for _, inner := range b.Body.Blocks {
		if inner.Type == "content" {
			content = inner
		}
	}
	fe, ok := b.Body.Attributes["for_each"]
	if !ok || content == nil {
		unknown("the dynamic %s block has no for_each or no content block", label)
		return
	}
	iter := label
	if it, ok := b.Body.Attributes["iterator"]; ok {
		if tr, diags := hcl.AbsTraversalForExpr(it.Expr); !diags.HasErrors() && len(tr) == 1 {
			iter = tr.RootName()
		} else {
			unknown("the iterator of the dynamic %s block is not a name", label)
			return
		}
	}
	coll := m.evalCty(fe.Expr, r)
	t := coll.Type()
	if !coll.IsWhollyKnown() || coll.IsNull() || !(t.IsListType() || t.IsTupleType() || t.IsSetType() || t.IsMapType() || t.IsObjectType()) {
		why := "the for_each of the dynamic " + label + " block is not known until plan time"
		if coll.IsKnown() && !coll.IsNull() && t == cty.String {
			if x := markedString(coll.AsString(), at); x.k == kUnknown {
				why += " (" + x.s + ")"
			}
		}
		unknown("%s", why)
		return
	}
	// One budget for the resource: dynamic blocks nested in dynamic
	// blocks multiply.
	n := coll.LengthInt()
	if r.dynBlocks+n > maxDynamic {
		why := fmt.Sprintf("the dynamic %s block builds %d blocks, and with the others of %s more than the %d secretsmith expands", label, n, r.addr, maxDynamic)
		m.budgetNotice(fe.Expr, why)
		unknown("%s", why)
		return
	}
	r.dynBlocks += n
	seq := out.get(label)
	if seq == nil {
		seq = &value{k: kSeq, pos: at}
		out.set(label, seq, at)
	}
	if seq.k != kSeq {
		return
	}
	for it := coll.ElementIterator(); it.Next(); {
		k, v := it.Element()
		if t.IsSetType() {
			k = v
		}
		inner := *r
		inner.iters = make(map[string]cty.Value, len(r.iters)+1)
		for name, x := range r.iters {
			inner.iters[name] = x
		}
		inner.iters[iter] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		x := m.blockValue(&inner, content.Body, depth+1)
		x.pos = rangePos(content.TypeRange)
		seq.items = append(seq.items, x)
	}
}

func rangePos(r hcl.Range) Pos { return Pos{r.Filename, r.Start.Line, r.Start.Column} }

// valueOf evaluates an expression into a value tree.
func (m *tfModule) valueOf(e hcl.Expression, r *tfResource) *value {
	v := m.evalCty(e, r)
	return ctyValue(v, rangePos(e.Range()), 0)
}

// ctyValue turns an evaluated value into a value tree, recognising markers.
func ctyValue(v cty.Value, pos Pos, depth int) *value {
	if depth > maxDepth {
		return unknownAt(pos, "the value nests too deeply to follow")
	}
	if !v.IsKnown() {
		return unknownAt(pos, "the value is only known after apply")
	}
	if v.IsNull() {
		return &value{k: kNull, pos: pos}
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return markedString(v.AsString(), pos)
	case t == cty.Number:
		bf := v.AsBigFloat()
		if i, acc := bf.Int64(); acc == big.Exact {
			return &value{k: kNum, s: strconv.FormatInt(i, 10), pos: pos}
		}
		return &value{k: kNum, s: bf.Text('g', -1), pos: pos}
	case t == cty.Bool:
		return &value{k: kBool, s: strconv.FormatBool(v.True()), pos: pos}
	case t.IsObjectType() || t.IsMapType():
		out := &value{k: kMap, pos: pos}
		keys := make([]string, 0, v.LengthInt())
		vals := v.AsValueMap()
		for k := range vals {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if strings.Contains(k, markOpen) || strings.Contains(k, markClose) {
				// A key not known (a "${var.env}-key" without a
				// default) leaves the map's keys not known: Terraform
				// makes the whole object unknown, and the marker's
				// text must never become a key of the design.
				return unknownAt(pos, "%s", unknownKeyWhy(k))
			}
			out.set(k, ctyValue(vals[k], pos, depth+1), pos)
		}
		return out
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := &value{k: kSeq, pos: pos}
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			out.items = append(out.items, ctyValue(ev, pos, depth+1))
		}
		return out
	}
	return unknownAt(pos, "the value has a type secretsmith does not read")
}

// markedString turns a string with markers back into a reference or an
// unknown.
func markedString(s string, pos Pos) *value {
	i := strings.Index(s, markOpen)
	if i < 0 {
		return &value{k: kStr, s: s, pos: pos}
	}
	j := strings.Index(s[i:], markClose)
	if j < 0 {
		return &value{k: kStr, s: s, pos: pos}
	}
	inner := s[i+len(markOpen) : i+j]
	whole := i == 0 && i+j+len(markClose) == len(s)
	if why, ok := strings.CutPrefix(inner, "?"); ok {
		return unknownAt(pos, "%s", why)
	}
	addr, attr, _ := strings.Cut(inner, "|")
	if whole {
		return &value{k: kRef, s: addr, attr: attr, pos: pos}
	}
	u := unknownAt(pos, "the value is built from %s.%s, which is only known after apply", addr, attr)
	u.raw = s
	return u
}

// unknownKeyWhy says why a map key built from a marker is not known.
func unknownKeyWhy(k string) string {
	switch v := markedString(k, Pos{}); v.k {
	case kUnknown:
		return "a key of the map is not known: " + v.s
	case kRef:
		return "a key of the map is " + refText(v) + ", which is only known after apply"
	}
	return "a key of the map is not known"
}

// isOverrideFile says whether a Terraform file is an override file
// (override.tf, NAME_override.tf, and their .tf.json forms), which
// Terraform merges into the blocks the other files declare.
func isOverrideFile(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(name), ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// mergeBlocks is a module's resource, data and ephemeral blocks as
// Terraform applies them: one block per address (a second one is a
// configuration error, as terraform validate says), with each override
// file's block merged into the one it overrides: its arguments replace the
// original's, and its nested blocks of a type replace all the original's
// of that type (https://developer.hashicorp.com/terraform/language/files/override).
// An override with nothing to override is an error too.
func (m *tfModule) mergeBlocks(blocks, overrides []tfBlock) ([]tfBlock, error) {
	at := map[string]int{}
	for i, b := range blocks {
		base := m.blockBase(b.b)
		if j, dup := at[base]; dup {
			first := blocks[j].b.DefRange
			return nil, &SyntaxError{rangePos(b.b.DefRange), fmt.Sprintf("%s is declared twice (first at %s:%d); Terraform refuses a duplicate %s configuration: merge the two, or rename one", strings.TrimPrefix(base, m.prefix), first.Filename, first.Start.Line, b.b.Type)}
		}
		at[base] = i
	}
	for _, o := range overrides {
		base := m.blockBase(o.b)
		i, ok := at[base]
		if !ok {
			return nil, &SyntaxError{rangePos(o.b.DefRange), fmt.Sprintf("the override file declares %s, which no other file of the module declares; Terraform refuses an override without its original", strings.TrimPrefix(base, m.prefix))}
		}
		orig := blocks[i].b
		ob, ok1 := orig.Body.(*hclsyntax.Body)
		ov, ok2 := o.b.Body.(*hclsyntax.Body)
		if !ok1 || !ok2 {
			return nil, &SyntaxError{rangePos(o.b.DefRange), fmt.Sprintf("the override of %s is in or for a .tf.json file, whose merge secretsmith does not read; check the configuration Terraform applies with a plan (terraform show -json)", strings.TrimPrefix(base, m.prefix))}
		}
		merged := *ob
		merged.Attributes = maps.Clone(ob.Attributes)
		if merged.Attributes == nil {
			merged.Attributes = hclsyntax.Attributes{}
		}
		for k, a := range ov.Attributes {
			merged.Attributes[k] = a
		}
		replaced := map[string]bool{}
		for _, nb := range ov.Blocks {
			replaced[nb.Type] = true
		}
		merged.Blocks = nil
		for _, nb := range ob.Blocks {
			if !replaced[nb.Type] {
				merged.Blocks = append(merged.Blocks, nb)
			}
		}
		for _, nb := range ov.Blocks {
			merged.Blocks = append(merged.Blocks, nb)
		}
		nb := *orig
		nb.Body = &merged
		blocks[i] = tfBlock{blocks[i].f, &nb}
	}
	return blocks, nil
}

// sensitiveSuffix ends why a value Terraform treats as sensitive (a
// sensitive variable's, one the plan marks) is not read: sensitiveWhy
// tells such a value from others not known.
const sensitiveSuffix = " is sensitive, so its value is secret and is not read"

// isSensitive says whether v is a value not read because Terraform treats
// it as secret, or is built from one.
func isSensitive(v *value) bool {
	return v != nil && v.k == kUnknown && strings.HasSuffix(v.s, sensitiveSuffix)
}
