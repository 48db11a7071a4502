package blueprint

import "testing"

func TestHasAssignment(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"password=hunter2", true},
		{"Password : hunter2", true},
		{"db API_KEY=abc", true},
		{"api-key:x", true},
		{"token=\tx", true},
		{"owner=payments", false},
		{"password=", false},
		{"password= ", false},
		{"password=\nnext line", false},
		{"the password is stored in the secret", false},
		{"ratio 3:2", false},
		{"=x", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hasAssignment(tt.in); got != tt.want {
			t.Errorf("hasAssignment(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
