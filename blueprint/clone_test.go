package blueprint

import (
	"fmt"
	"reflect"
	"testing"
)

// TestCloneSharesNothing fills every field of a design by reflection, so a
// field added later is covered without touching this test, and checks that
// the clone equals the original, shares no pointer, slice or map with it,
// and that changing every value in the clone leaves the original as it was.
func TestCloneSharesNothing(t *testing.T) {
	var orig, want Design
	fillAll(t, reflect.ValueOf(&orig).Elem(), "Design", new(int))
	fillAll(t, reflect.ValueOf(&want).Elem(), "Design", new(int))
	c := orig.Clone()
	if !reflect.DeepEqual(c, &orig) {
		t.Fatalf("Clone() = %+v, want %+v", c, &orig)
	}
	noShare(t, "Design", reflect.ValueOf(&orig).Elem(), reflect.ValueOf(c).Elem())
	mutateAll(reflect.ValueOf(c).Elem())
	if reflect.DeepEqual(c, &orig) {
		t.Fatalf("mutateAll changed nothing in the clone")
	}
	if !reflect.DeepEqual(&orig, &want) {
		t.Errorf("changing the clone changed the original:\ngot  %+v\nwant %+v", orig, want)
	}
}

// Nil pointers and slices stay nil, and empty slices stay empty, so a
// clone is exactly what it copies.
func TestCloneKeepsNilAndEmpty(t *testing.T) {
	if got := (*Design)(nil).Clone(); got != nil {
		t.Errorf("(*Design)(nil).Clone() = %+v, want nil", got)
	}
	for _, d := range []*Design{
		{},
		{Waivers: []Waiver{}, Secret: Secret{Tags: []Tag{}}, ResourcePolicy: &ResourcePolicy{Statements: []Statement{{Action: []string{}, Condition: []Condition{}}}},
			Rotation: &Rotation{HostedRotationLambda: &HostedRotationLambda{VPCSubnetIDs: []string{}}}},
	} {
		if got := d.Clone(); !reflect.DeepEqual(got, d) {
			t.Errorf("Clone() = %#v, want %#v", got, d)
		}
	}
}

// fillAll sets every field reachable from v to a value unlike the zero
// value and unlike every other field: pointers point at filled values,
// slices hold two elements, maps one entry. n numbers the values, so two
// fills from zero are equal. A kind it cannot fill fails the test, so a
// design that grows one gets this test extended rather than skipped.
func fillAll(t *testing.T, v reflect.Value, path string, n *int) {
	t.Helper()
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("v%d", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*n))
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fillAll(t, p.Elem(), "*"+path, n)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fillAll(t, s.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			fillAll(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		e := reflect.New(v.Type().Elem()).Elem()
		fillAll(t, k, path+"[key]", n)
		fillAll(t, e, path+"[value]", n)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				t.Fatalf("%s.%s is unexported: the design holds only exported fields, which the design file can carry", path, f.Name)
			}
			fillAll(t, v.Field(i), path+"."+f.Name, n)
		}
	default:
		t.Fatalf("%s is a %s: extend fillAll, noShare and mutateAll (and Clone) for it", path, v.Kind())
	}
}

// noShare fails for every pointer, slice or map of a that b shares.
func noShare(t *testing.T, path string, a, b reflect.Value) {
	t.Helper()
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			t.Errorf("%s: nil in the filled design (%v) or its clone (%v)", path, a.IsNil(), b.IsNil())
			return
		}
		if a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone points at the original's value", path)
		}
		noShare(t, "*"+path, a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() == 0 || b.Len() != a.Len() {
			t.Errorf("%s: %d elements in the filled design, %d in its clone", path, a.Len(), b.Len())
			return
		}
		if a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares the original's array", path)
		}
		for i := range a.Len() {
			noShare(t, fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i))
		}
	case reflect.Array:
		for i := range a.Len() {
			noShare(t, fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i))
		}
	case reflect.Map:
		if a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares the original's map", path)
		}
		for _, k := range a.MapKeys() {
			noShare(t, fmt.Sprintf("%s[%v]", path, k), a.MapIndex(k), b.MapIndex(k))
		}
	case reflect.Struct:
		for i := range a.NumField() {
			noShare(t, path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
		}
	}
}

// mutateAll changes every value reachable from v in place, as an edit to
// the clone would: through its pointers, inside its slices and maps.
func mutateAll(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1000)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1000)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1000)
	case reflect.Pointer:
		if !v.IsNil() {
			mutateAll(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			mutateAll(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			mutateAll(e)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			mutateAll(v.Field(i))
		}
	}
}
