package blueprint

import (
	"fmt"
	"strings"
)

// NameList writes names as a phrase: "a", "a and b", "a, b and c"; past
// show of them it names the first show and counts the rest ("a, b, c and
// 2997 more"), so a long list is never cut without saying how much.
func NameList(names []string, show int) string {
	switch n := len(names); {
	case n == 0:
		return ""
	case n > show:
		return strings.Join(names[:show], ", ") + fmt.Sprintf(" and %d more", n-show)
	case n == 1:
		return names[0]
	default:
		return strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
}
