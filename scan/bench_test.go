package scan

import (
	"os"
	"path/filepath"
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

// BenchmarkCheckTemplates reads and checks every CloudFormation template of
// the golden matrix and the corpus once per iteration: the per-file work
// of bench/check.sh, without process start.
func BenchmarkCheckTemplates(b *testing.B) {
	var names []string
	var datas [][]byte
	for _, pat := range []string{goldenDir + "/*.cfn.yaml", goldenDir + "/*.cfn.json", "testdata/cfn/*.yaml", "testdata/cfn/*.json"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			names, datas = append(names, f), append(datas, data)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range datas {
			res, err := CloudFormation(names[i], data)
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
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(datas)), "ns/file")
}
