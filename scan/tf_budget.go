package scan

import (
	"errors"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// The Terraform evaluator's budget for one configuration. Real
// configurations stay far below it; a hostile one (a chain of locals that
// doubles a string, format("%0999999999s", ...), for expressions nested
// over long lists) reaches it quickly, and what is past it is a value not
// known, with a notice at the expression where the budget ran out.
const (
	// maxValueBytes bounds the size of one value: its strings' bytes plus
	// a few bytes per element.
	maxValueBytes = 1 << 20
	// maxForIterations bounds the iterations of the for expressions of
	// one expression, nested ones multiplied.
	maxForIterations = 100000
	// maxEvaluations bounds the expressions evaluated in one
	// configuration.
	maxEvaluations = 500000
	// maxFormatWidth bounds a width or precision in a format verb.
	maxFormatWidth = 4096
)

// errTooLarge is what a bounded function returns for a result past the
// budget; the evaluator turns it into an unknown value.
type errTooLarge struct{ what string }

func (e errTooLarge) Error() string { return e.what }

func init() {
	for name, f := range tfFunctions {
		tfFunctions[name] = bounded(name, f)
	}
}

// bounded is f refusing arguments or results larger than the budget, and
// for format a width or precision that would build a huge string.
func bounded(name string, f function.Function) function.Function {
	return function.New(&function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := precheck(name, args); err != nil {
				return cty.NilVal, err
			}
			v, err := f.Call(args)
			if err != nil {
				return v, err
			}
			if n := valueSize(v, maxValueBytes); n > maxValueBytes {
				return cty.NilVal, errTooLarge{name + " builds a value of more than " + strconv.Itoa(maxValueBytes>>20) + " MiB, more than secretsmith evaluates"}
			}
			return v, nil
		},
	})
}

// precheck refuses, before a function runs, the arguments that would make
// it build a value far past the budget before bounded could measure it: a
// format width, an indent, the product of sets, a replacement repeated at
// every match.
func precheck(name string, args []cty.Value) error {
	str := func(i int) (string, bool) {
		if i >= len(args) || !args[i].IsKnown() || args[i].IsNull() || args[i].Type() != cty.String {
			return "", false
		}
		return args[i].AsString(), true
	}
	tooLarge := func(what string) error {
		return errTooLarge{name + " " + what + ", more than secretsmith builds (" + strconv.Itoa(maxValueBytes>>20) + " MiB)"}
	}
	switch name {
	case "format", "formatlist":
		if f, ok := str(0); ok {
			if w := formatWidth(f); w > maxFormatWidth {
				return errTooLarge{name + " asks for a width of " + strconv.Itoa(w) + ", more than secretsmith builds (" + strconv.Itoa(maxFormatWidth) + ")"}
			}
		}
	case "indent":
		text, ok := str(1)
		if !ok || !args[0].IsKnown() || args[0].IsNull() || args[0].Type() != cty.Number {
			return nil
		}
		n, acc := args[0].AsBigFloat().Int64()
		if acc != big.Exact || n < 0 || n > maxFormatWidth || n*int64(strings.Count(text, "\n")+1)+int64(len(text)) > maxValueBytes {
			return tooLarge("would indent the text past the budget")
		}
	case "setproduct":
		total := int64(1)
		for _, a := range args {
			if !a.IsKnown() || a.IsNull() || !a.CanIterateElements() {
				return nil
			}
			total *= int64(max(a.LengthInt(), 1))
			if total > maxForIterations {
				return tooLarge("would make more than " + strconv.Itoa(maxForIterations) + " combinations")
			}
		}
	case "replace":
		text, ok1 := str(0)
		sub, ok2 := str(1)
		repl, ok3 := str(2)
		if !ok1 || !ok2 || !ok3 || repl == "" {
			return nil
		}
		matches := strings.Count(text, sub)
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return nil // the function reports it
			}
			// Counted only as far as the budget: past it, the answer
			// is the same.
			matches = len(re.FindAllStringIndex(text, maxValueBytes/len(repl)+1))
		}
		if int64(matches)*int64(len(repl))+int64(len(text)) > maxValueBytes {
			return tooLarge("would repeat its replacement past the budget")
		}
	}
	return nil
}

// budgetDiag is the budget a function ran out of, from its diagnostics.
func budgetDiag(diags hcl.Diagnostics) string {
	for _, d := range diags {
		if x, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d); ok {
			var tl errTooLarge
			if errors.As(x.FunctionCallError(), &tl) {
				return tl.what
			}
		}
	}
	return ""
}

// formatWidth is the largest width or precision in a format string's verbs.
func formatWidth(s string) int {
	most := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		for i++; i < len(s); i++ {
			c := s[i]
			if c >= '0' && c <= '9' {
				n := 0
				for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
					if n < 1<<30 {
						n = n*10 + int(s[i]-'0')
					}
				}
				most = max(most, n)
				i--
				continue
			}
			if c == '.' || c == '-' || c == '+' || c == '#' || c == ' ' || c == '[' || c == ']' || c == '*' {
				continue
			}
			break
		}
	}
	return most
}

// valueSize is the size of v, counted until it passes limit.
func valueSize(v cty.Value, limit int) int {
	n := 0
	_ = cty.Walk(v, func(_ cty.Path, x cty.Value) (bool, error) {
		n += 8
		if x.IsKnown() && !x.IsNull() && x.Type() == cty.String {
			n += len(x.AsString())
		}
		return n <= limit, nil
	})
	return n
}

// forIterations estimates the iterations of the for expressions in e: each
// one's collection length, times those of the for expressions around it.
// A collection that cannot be evaluated on its own (it reads an outer
// iterator) counts as one.
func (m *tfModule) forIterations(e hcl.Expression, r *tfResource) int {
	var fors []*hclsyntax.ForExpr
	se, ok := e.(hclsyntax.Expression)
	if !ok {
		return 0
	}
	_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.ForExpr); ok {
			fors = append(fors, f)
		}
		return nil
	})
	if len(fors) == 0 {
		return 0
	}
	lens := make([]int, len(fors))
	for i, f := range fors {
		lens[i] = 1
		v, diags := f.CollExpr.Value(m.context(f.CollExpr, r, false))
		if !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.CanIterateElements() {
			lens[i] = max(v.LengthInt(), 1)
		}
	}
	total := 0
	for i, f := range fors {
		n := lens[i]
		for j, g := range fors {
			if j != i && contains(g.SrcRange, f.SrcRange) {
				n *= lens[j]
				if n > maxForIterations {
					return n
				}
			}
		}
		total += n
		if total > maxForIterations {
			return total
		}
	}
	return total
}

// contains reports whether outer holds inner and is not inner itself.
func contains(outer, inner hcl.Range) bool {
	return outer.Filename == inner.Filename && outer.Start.Byte <= inner.Start.Byte && inner.End.Byte <= outer.End.Byte &&
		(outer.Start.Byte != inner.Start.Byte || outer.End.Byte != inner.End.Byte)
}

// overBudget says why e is not evaluated, or "" when it may be.
func (m *tfModule) overBudget(e hcl.Expression, r *tfResource) string {
	c := m.root
	c.evaluations++
	if c.evaluations > maxEvaluations {
		return m.budgetNotice(e, "the configuration needs more than "+strconv.Itoa(maxEvaluations)+" evaluations, more than secretsmith makes")
	}
	if n := m.forIterations(e, r); n > maxForIterations {
		return m.budgetNotice(e, "its for expressions iterate more than "+strconv.Itoa(maxForIterations)+" times, more than secretsmith evaluates")
	}
	return ""
}

// tooLarge checks a value just evaluated against the budget.
func (m *tfModule) tooLarge(e hcl.Expression, v cty.Value) string {
	if valueSize(v, maxValueBytes) > maxValueBytes {
		return m.budgetNotice(e, "its value is larger than "+strconv.Itoa(maxValueBytes>>20)+" MiB, more than secretsmith evaluates")
	}
	return ""
}

// budgetNotice records, once per expression, where the budget ran out, and
// returns why the value is not known.
func (m *tfModule) budgetNotice(e hcl.Expression, why string) string {
	at := rangePos(e.Range())
	c := m.root
	if c.budgetAt == nil {
		c.budgetAt = map[Pos]bool{}
	}
	if !c.budgetAt[at] {
		c.budgetAt[at] = true
		c.notices = append(c.notices, Notice{Pos: at, Resource: "expression", Msg: "not evaluated: " + why + "; what reads it cannot be verified"})
	}
	return "the expression at " + rangeText(e.Range()) + " is not evaluated: " + why
}
