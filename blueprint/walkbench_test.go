package blueprint

import "testing"

// The parts of BenchmarkValidateDesign's Check, one at a time: the access
// model, the walk-through over it, and the whole Check.

func BenchmarkAccessLarge(b *testing.B) {
	d := largeDesign()
	b.ReportAllocs()
	for b.Loop() {
		_ = d.Access()
	}
}

func BenchmarkWalkLarge(b *testing.B) {
	d := largeDesign()
	b.ReportAllocs()
	for b.Loop() {
		_ = d.Walk(nil)
	}
}

func BenchmarkCheckLarge(b *testing.B) {
	d := largeDesign()
	b.ReportAllocs()
	for b.Loop() {
		_ = Check(d)
	}
}
