package scan

import (
	"os"
	"testing"
)

// BenchmarkCloudFormation reads and checks the largest golden template, the
// work check does per file.
func BenchmarkCloudFormation(b *testing.B) {
	data, err := os.ReadFile(goldenDir + "/full.cfn.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := CloudFormation("full.cfn.yaml", data)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range res.Secrets {
			for _, r := range s.Check().Results {
				s.LocateRule(r)
			}
		}
	}
}
