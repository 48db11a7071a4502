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

// With every option one line, the window is what it was when it counted
// options: the cursor with half the rows above it, the list's ends kept
// full. With options of two lines it holds as many lines, not options.
func TestListWindow(t *testing.T) {
	one := func(int) int { return 1 }
	for _, c := range []struct{ n, rows, cursor int }{
		{16, 8, -1}, {16, 8, 0}, {16, 8, 3}, {16, 8, 4}, {16, 8, 9}, {16, 8, 15}, {5, 8, 2}, {9, 8, 8},
	} {
		top, end := listWindow(c.n, c.rows, c.cursor, one)
		wantTop := 0
		if c.n > c.rows {
			wantTop = min(max(0, c.cursor-c.rows/2), c.n-c.rows)
		}
		if wantEnd := min(c.n, wantTop+c.rows); top != wantTop || end != wantEnd {
			t.Errorf("listWindow(%d, %d, %d) of one-line options = [%d, %d), want [%d, %d)", c.n, c.rows, c.cursor, top, end, wantTop, wantEnd)
		}
	}
	two := func(int) int { return 2 }
	for _, c := range []struct{ n, rows, cursor, top, end int }{
		{12, 8, -1, 0, 4},
		{12, 8, 5, 3, 7},
		{12, 8, 11, 8, 12},
		{3, 8, 0, 0, 3},
		// An option taller than the window still shows.
		{3, 1, 1, 1, 2},
	} {
		if top, end := listWindow(c.n, c.rows, c.cursor, two); top != c.top || end != c.end {
			t.Errorf("listWindow(%d, %d, %d) of two-line options = [%d, %d), want [%d, %d)", c.n, c.rows, c.cursor, top, end, c.top, c.end)
		}
	}
}
