package generate

import "testing"

// BenchmarkGenerate renders the large design (largeDesign in
// terraform_test.go) in each format, including the
// validation and rule check Render runs first. Target: under 200µs.
func BenchmarkGenerate(b *testing.B) {
	d := largeDesign(b)
	for _, f := range Formats {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(d, f, Options{Version: "bench"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
