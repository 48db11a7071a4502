package blueprint

import (
	"fmt"
	"strings"
	"testing"
)

// A template giving values to many keys that are not connection keys is
// one finding that names a few of them and counts the rest: a pasted
// object of 3000 keys listed 3000 near-identical errors.
func TestGeneratedValueNamesAFewKeys(t *testing.T) {
	for _, tt := range []struct {
		keys int
		want string
	}{
		{1, `gives key "k0" a value,`},
		{2, `gives keys "k0" and "k1" a value,`},
		{3, `gives keys "k0", "k1" and "k2" a value,`},
		{3000, `gives keys "k0", "k1", "k2" and 2997 more a value,`},
	} {
		var b strings.Builder
		b.WriteString(`{"username":"app"`)
		for i := range tt.keys {
			fmt.Fprintf(&b, `,"k%d":"v"`, i)
		}
		b.WriteString("}")
		d := compliantDesign()
		d.Secret.GenerateSecretString.SecretStringTemplate = b.String()
		r, _ := Check(d).Result(RuleGeneratedValue)
		if r.Status != StatusNotMet || len(r.Findings) != 1 {
			t.Fatalf("%d keys: %v with %d findings, want not met with one", tt.keys, r.Status, len(r.Findings))
		}
		if m := r.Findings[0].Message; !strings.HasPrefix(m, tt.want) {
			t.Errorf("%d keys: %q, want it to begin %q", tt.keys, m, tt.want)
		}
	}
}

func TestNameList(t *testing.T) {
	for _, tt := range []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
		{[]string{"a", "b", "c", "d"}, "a, b, c and 1 more"},
	} {
		if got := NameList(tt.names, 3); got != tt.want {
			t.Errorf("NameList(%q, 3) = %q, want %q", tt.names, got, tt.want)
		}
	}
}
