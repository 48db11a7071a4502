// Package tabletest checks a function against a table of inputs and what
// each should give. The tests of blueprint, generate, scan and tui share
// it, so a table holds only its cases, runs in the same (sorted) order
// every time, and a failure names the function, the input, what came and
// what was wanted, the same way in every package. It builds on the
// standard library alone, so blueprint's own tests may use it.
package tabletest

import (
	"cmp"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Equal checks that f gives exactly the wanted output for each input of
// cases; name is f's name in a failure.
func Equal[In cmp.Ordered, Out comparable](t testing.TB, name string, f func(In) Out, cases map[In]Out) {
	t.Helper()
	for _, in := range slices.Sorted(maps.Keys(cases)) {
		if got, want := f(in), cases[in]; got != want {
			t.Errorf("%s(%s) = %s, want %s", name, show(in), show(got), show(want))
		}
	}
}

// Messages checks a function that may refuse its input: for each input
// of cases, want "" means f accepts it (returns nil), and any other want
// is the whole message f must refuse it with.
func Messages[In cmp.Ordered](t testing.TB, name string, f func(In) error, cases map[In]string) {
	t.Helper()
	for _, in := range slices.Sorted(maps.Keys(cases)) {
		err, want := f(in), cases[in]
		switch {
		case want == "" && err != nil:
			t.Errorf("%s(%s) = %v, want it accepted", name, show(in), err)
		case want != "" && (err == nil || err.Error() != want):
			t.Errorf("%s(%s) = %v, want the message %q", name, show(in), err, want)
		}
	}
}

// Verdicts is Messages with a part of each message: for each input of
// cases, want "" means f accepts it (returns nil), and any other want is
// a text f's refusal must hold.
func Verdicts[In cmp.Ordered](t testing.TB, name string, f func(In) error, cases map[In]string) {
	t.Helper()
	for _, in := range slices.Sorted(maps.Keys(cases)) {
		Verdict(t, fmt.Sprintf("%s(%.70q)", name, fmt.Sprint(in)), f(in), cases[in])
	}
}

// Verdict checks one verdict, for a table that is not a map of one
// function's inputs: err must be nil when want is "", else a refusal
// holding want. what names the call in a failure.
func Verdict(t testing.TB, what string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s = %v, want it accepted", what, err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("%s = %v, want it to say %q", what, err, want)
	}
}

// Returned is what a function of a value and an error gave, to compare
// in one piece: Err is the error's message, "" for none.
type Returned[Out comparable] struct {
	Value Out
	Err   string
}

// String shows the value and the error the way a failure reads best.
func (r Returned[Out]) String() string {
	if r.Err == "" {
		return show(r.Value) + " and no error"
	}
	return fmt.Sprintf("%s and the error %q", show(r.Value), r.Err)
}

// show is v as a failure shows it: text quoted, anything else as fmt
// prints it (a time.Duration as 2h0m0s, not a count of nanoseconds).
func show(v any) string {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return strconv.Quote(rv.String())
	}
	return fmt.Sprint(v)
}

// Returns makes a function of a value and an error one that Equal can
// check: a wanted Returned{Value: v} says f gives v and no error.
func Returns[In any, Out comparable](f func(In) (Out, error)) func(In) Returned[Out] {
	return func(in In) Returned[Out] {
		v, err := f(in)
		if err != nil {
			return Returned[Out]{v, err.Error()}
		}
		return Returned[Out]{Value: v}
	}
}

// Seeds runs check on each seed: the Test of a Test and Fuzz pair that
// share their check and their seeds.
func Seeds(t *testing.T, seeds []string, check func(*testing.T, string)) {
	t.Helper()
	for _, s := range seeds {
		check(t, s)
	}
}

// Fuzz fuzzes check from the seeds: the Fuzz of the pair.
func Fuzz(f *testing.F, seeds []string, check func(*testing.T, string)) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(check)
}
