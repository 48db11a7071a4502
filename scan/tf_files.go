package scan

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Terraform's file and templatefile, which configurations use to keep a
// secret's policy in a JSON file beside them, read a file of the tree
// being checked, as Terraform does (a relative path from the root
// module's directory). Each file is read once per configuration, of at
// most maxValueBytes, and all of them together at most maxFileBytes; a
// template is evaluated without for directives or for expressions, part
// by part, within maxValueBytes.

// maxFileBytes bounds what file and templatefile read in one configuration.
const maxFileBytes = 16 << 20

// functions are the functions of the configuration's expressions:
// tfFunctions, and file and templatefile bound to its tree.
func (c *tfConfig) functions() map[string]function.Function {
	if c == nil {
		return tfFunctions
	}
	if c.funcs != nil {
		return c.funcs
	}
	c.funcs = make(map[string]function.Function, len(tfFunctions)+2)
	for k, f := range tfFunctions {
		c.funcs[k] = f
	}
	c.funcs["file"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			text, err := c.readFile(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(text), nil
		},
	})
	inTemplate := make(map[string]function.Function, len(c.funcs))
	for k, f := range c.funcs {
		inTemplate[k] = f // templatefile is not called from a template
	}
	c.funcs["templatefile"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return c.templateFile(args[0].AsString(), args[1], inTemplate)
		},
	})
	return c.funcs
}

// readFile reads a file of the tree for file and templatefile.
func (c *tfConfig) readFile(p string) (string, error) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.rootDir, p)
	}
	if text, ok := c.files[p]; ok {
		return text, nil
	}
	if !c.tree.holds(p) {
		return "", errTooLarge{"the file " + p + " is outside " + c.tree.name + ", the tree being checked, so it is not read"}
	}
	if c.fileBytes >= maxFileBytes {
		return "", errTooLarge{"the configuration reads more than " + strconv.Itoa(maxFileBytes>>20) + " MiB of files, more than secretsmith reads"}
	}
	data, err := designfile.ReadFileMax(p, true, maxValueBytes)
	if err != nil {
		return "", errTooLarge{"the file " + p + " cannot be read (" + err.Error() + ")"}
	}
	if err := checkBytes(p, data); err != nil {
		return "", errTooLarge{"the file " + p + " is not text"}
	}
	if c.files == nil {
		c.files = map[string]string{}
	}
	c.fileBytes += len(data)
	c.files[p] = string(data)
	return string(data), nil
}

// templateFile evaluates a template file with vars, as templatefile does.
func (c *tfConfig) templateFile(p string, vars cty.Value, funcs map[string]function.Function) (cty.Value, error) {
	text, err := c.readFile(p)
	if err != nil {
		return cty.NilVal, err
	}
	if !vars.IsWhollyKnown() || vars.IsNull() || !(vars.Type().IsObjectType() || vars.Type().IsMapType()) {
		return cty.DynamicVal, nil
	}
	if err := hclNesting(p, []byte(text), true); err != nil {
		return cty.NilVal, err
	}
	expr, diags := hclsyntax.ParseTemplate([]byte(text), p, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	loops := false
	_ = hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		switch n.(type) {
		case *hclsyntax.ForExpr, *hclsyntax.TemplateJoinExpr:
			loops = true
		}
		return nil
	})
	if loops {
		return cty.NilVal, errTooLarge{"the template " + filepath.Base(p) + " loops (a for directive or expression), which secretsmith does not evaluate"}
	}
	ctx := &hcl.EvalContext{Variables: vars.AsValueMap(), Functions: funcs}
	size := 0
	return evalTemplate(expr, ctx, &size)
}

// evalTemplate evaluates a template part by part, so that what it builds
// is counted against maxValueBytes as it grows.
func evalTemplate(e hclsyntax.Expression, ctx *hcl.EvalContext, size *int) (cty.Value, error) {
	grow := func(v cty.Value) error {
		*size += valueSize(v, maxValueBytes)
		if *size > maxValueBytes {
			return errTooLarge{"the template builds a value of more than " + strconv.Itoa(maxValueBytes>>20) + " MiB, more than secretsmith evaluates"}
		}
		return nil
	}
	switch t := e.(type) {
	case *hclsyntax.TemplateExpr:
		var out strings.Builder
		for _, part := range t.Parts {
			v, err := evalTemplate(part, ctx, size)
			if err != nil {
				return cty.NilVal, err
			}
			if !v.IsKnown() {
				return cty.UnknownVal(cty.String), nil
			}
			s, err := templateString(v)
			if err != nil {
				return cty.NilVal, err
			}
			out.WriteString(s)
		}
		return cty.StringVal(out.String()), nil
	case *hclsyntax.ConditionalExpr:
		cond, diags := t.Condition.Value(ctx)
		if diags.HasErrors() {
			return cty.NilVal, diags
		}
		if !cond.IsKnown() || cond.IsNull() || cond.Type() != cty.Bool {
			return cty.UnknownVal(cty.String), nil
		}
		if cond.True() {
			return evalTemplate(t.TrueResult, ctx, size)
		}
		return evalTemplate(t.FalseResult, ctx, size)
	}
	v, diags := e.Value(ctx)
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	return v, grow(v)
}

// templateString is an interpolated value as text.
func templateString(v cty.Value) (string, error) {
	if v.IsNull() {
		return "", errTooLarge{"the template interpolates a null value"}
	}
	s, err := tfConvert(cty.String).Call([]cty.Value{v})
	if err != nil {
		return "", err
	}
	return s.AsString(), nil
}
