package form

import "testing"

func TestPick(t *testing.T) {
	opts := []Option{{Value: "cloudformation", Label: "CloudFormation YAML"}, {Value: "terraform", Label: "Terraform"}}
	tests := []struct {
		in     string
		want   int
		wantOK bool
	}{
		{"1", 0, true},
		{"2", 1, true},
		{"3", 2, false},
		{"0", -1, false},
		{"Terraform", 1, true},
		{"cloudformation yaml", 0, true},
		{"yaml", 0, false},
	}
	for _, tt := range tests {
		got, ok := Pick(opts, tt.in)
		if ok != tt.wantOK || ok && got != tt.want {
			t.Errorf("Pick(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}
