package scan

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"hash"
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// The functions of Terraform's language that go-cty's stdlib does not
// have (Terraform keeps them in its own lang/funcs, which cannot be
// imported), written here from Terraform's documentation for the values
// configurations build a secret's name, key or policy from. Each goes
// through bounded (tf_budget.go) like the rest.

func init() {
	for name, f := range map[string]function.Function{
		"one": tfOne, "alltrue": tfAllTrue, "anytrue": tfAnyTrue, "sum": tfSum,
		"startswith": tfStringTest(strings.HasPrefix), "endswith": tfStringTest(strings.HasSuffix),
		"strcontains":  tfStringTest(strings.Contains),
		"base64encode": tfBase64Encode, "base64decode": tfBase64Decode,
		"sensitive": tfIdentity, "nonsensitive": tfIdentity,
		"replace": tfReplace, "index": tfIndex, "transpose": tfTranspose, "matchkeys": tfMatchKeys,
		"md5": tfHash(md5.New, hex.EncodeToString), "sha1": tfHash(sha1.New, hex.EncodeToString),
		"sha256": tfHash(sha256.New, hex.EncodeToString), "sha512": tfHash(sha512.New, hex.EncodeToString),
		"base64sha256": tfHash(sha256.New, base64.StdEncoding.EncodeToString),
		"base64sha512": tfHash(sha512.New, base64.StdEncoding.EncodeToString),
		// go-cty's stdlib under Terraform's names.
		"trim": stdlib.TrimFunc, "chomp": stdlib.ChompFunc, "strrev": stdlib.ReverseFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "formatlist": stdlib.FormatListFunc,
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc, "signum": stdlib.SignumFunc,
		"pow": stdlib.PowFunc, "log": stdlib.LogFunc, "parseint": stdlib.ParseIntFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setsubtract": stdlib.SetSubtractFunc,
		"setsymmetricdifference": stdlib.SetSymmetricDifferenceFunc, "setproduct": stdlib.SetProductFunc,
		"csvdecode": stdlib.CSVDecodeFunc, "indent": stdlib.IndentFunc, "formatdate": stdlib.FormatDateFunc,
		"timeadd": stdlib.TimeAddFunc,
	} {
		tfFunctions[name] = bounded(name, f)
	}
}

// tfOne is one(list): null for no element, the element for one, an error
// for more.
var tfOne = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type: func(args []cty.Value) (cty.Type, error) {
		t := args[0].Type()
		switch {
		case t.IsListType() || t.IsSetType():
			return t.ElementType(), nil
		case t.IsTupleType():
			switch types := t.TupleElementTypes(); len(types) {
			case 0:
				return cty.DynamicPseudoType, nil
			case 1:
				return types[0], nil
			}
			return cty.NilType, errors.New("must be a list, set or tuple of at most one element")
		case t == cty.DynamicPseudoType:
			return cty.DynamicPseudoType, nil
		}
		return cty.NilType, errors.New("must be a list, set or tuple")
	},
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsKnown() {
			return cty.UnknownVal(ret), nil
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(ret), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.NilVal, errors.New("must have at most one element")
	},
})

// tfBoolFold is alltrue (all, over an empty list true) or anytrue.
func tfBoolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if !args[0].IsWhollyKnown() {
				return cty.UnknownVal(cty.Bool), nil
			}
			for _, e := range args[0].AsValueSlice() {
				if e.IsNull() {
					return cty.NilVal, errors.New("must not hold null")
				}
				if e.True() != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

var (
	tfAllTrue = tfBoolFold(true)
	tfAnyTrue = tfBoolFold(false)
)

// tfSum adds a non-empty list of numbers.
var tfSum = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Number)}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		if args[0].LengthInt() == 0 {
			return cty.NilVal, errors.New("cannot sum an empty list")
		}
		total := new(big.Float)
		for _, e := range args[0].AsValueSlice() {
			if e.IsNull() {
				return cty.NilVal, errors.New("must not hold null")
			}
			total.Add(total, e.AsBigFloat())
		}
		return cty.NumberVal(total), nil
	},
})

// tfStringTest is startswith, endswith or strcontains.
func tfStringTest(test func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: "substr", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(test(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

var tfBase64Encode = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.StringVal(base64.StdEncoding.EncodeToString([]byte(args[0].AsString()))), nil
	},
})

var tfBase64Decode = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		b, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.NilVal, errors.New("is not valid base64")
		}
		if !utf8.Valid(b) {
			return cty.NilVal, errors.New("does not decode to UTF-8 text")
		}
		return cty.StringVal(string(b)), nil
	},
})

// tfIdentity is sensitive and nonsensitive: secretsmith keeps no
// sensitivity marks, and never prints a value a rule does not name.
var tfIdentity = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

// tfReplace is Terraform's replace: a substring, or a regular expression
// when it is written between slashes.
var tfReplace = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

// tfIndex is Terraform's index(list, value): the position of the first
// element equal to value.
var tfIndex = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.Type().IsListType() && !l.Type().IsTupleType() {
			return cty.NilVal, errors.New("must be a list or tuple")
		}
		if !l.IsWhollyKnown() || !args[1].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		i := 0
		for it := l.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			if eq, err := stdlib.Equal(e, args[1]); err == nil && eq.True() {
				return cty.NumberIntVal(int64(i)), nil
			}
		}
		return cty.NilVal, errors.New("the value is not in the list")
	},
})

// tfTranspose turns a map of lists of strings inside out.
var tfTranspose = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(cty.Map(cty.List(cty.String))), nil
		}
		out := map[string][]cty.Value{}
		for k, l := range args[0].AsValueMap() {
			if l.IsNull() {
				return cty.NilVal, errors.New("must not hold null")
			}
			for _, e := range l.AsValueSlice() {
				if e.IsNull() {
					return cty.NilVal, errors.New("must not hold null")
				}
				out[e.AsString()] = append(out[e.AsString()], cty.StringVal(k))
			}
		}
		res := map[string]cty.Value{}
		for k, vs := range out {
			res[k] = cty.ListVal(vs)
		}
		if len(res) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		return cty.MapVal(res), nil
	},
})

// tfMatchKeys keeps the values whose key, at the same position, is one of
// the search keys.
var tfMatchKeys = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)}, {Name: "searchset", Type: cty.List(cty.DynamicPseudoType)}},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		for _, a := range args {
			if !a.IsWhollyKnown() {
				return cty.UnknownVal(ret), nil
			}
		}
		vals, keys := args[0].AsValueSlice(), args[1].AsValueSlice()
		if len(vals) != len(keys) {
			return cty.NilVal, errors.New("values and keys must be the same length")
		}
		var out []cty.Value
		for i, k := range keys {
			for _, s := range args[2].AsValueSlice() {
				if eq, err := stdlib.Equal(k, s); err == nil && eq.True() {
					out = append(out, vals[i])
					break
				}
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(ret.ElementType()), nil
		}
		return cty.ListVal(out), nil
	},
})

// tfHash is md5, sha1, sha256, sha512 and their base64 forms of a
// string's UTF-8 bytes.
func tfHash(h func() hash.Hash, enc func([]byte) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			x := h()
			x.Write([]byte(args[0].AsString()))
			return cty.StringVal(enc(x.Sum(nil))), nil
		},
	})
}
