package form

import (
	"strings"
	"testing"
)

// A word longer than a line (an ARN, a file name) breaks after one of its
// separators, not wherever the line ends: the Done screen at 80 columns
// showed "….iam.jso" and then "n" alone, and an ARN "…secret:pr" and
// "od/orders/…" (issue 22's third trial). The text is kept whole.
func TestLongWordBreaksAtASeparator(t *testing.T) {
	for _, c := range []struct {
		word  string
		width int
		first string
	}{
		{"arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/orders/master-AbCdEf", 55,
			"arn:aws:secretsmanager:eu-west-1:111122223333:secret:"},
		{"shared-reporting-warehouse.reader-1.444455556666-role-analytics-reader.iam.json", 76,
			"shared-reporting-warehouse.reader-1.444455556666-role-analytics-reader.iam."},
		// No separator in the second half: as much as fits.
		{"arn:" + strings.Repeat("x", 40), 20, "arn:" + strings.Repeat("x", 16)},
	} {
		ls := WrapWords(c.word, c.width)
		if ls[0] != c.first {
			t.Errorf("WrapWords(%q, %d)[0] = %q, want %q", c.word, c.width, ls[0], c.first)
		}
		if got := strings.Join(ls, ""); got != c.word {
			t.Errorf("WrapWords(%q, %d) lost text: %q", c.word, c.width, ls)
		}
		for _, l := range ls {
			if len(l) > c.width {
				t.Errorf("line %q is wider than %d", l, c.width)
			}
		}
	}
}
