package blueprint

import (
	"regexp"
	"strconv"
	"strings"
)

// Field paths name a field the way the design file spells it:
// secret.kmsKeyArn, resourcePolicy.statements[2].sid,
// secret.tags.owner, resourcePolicy.statements[0].condition.StringEquals.aws:SourceVpce[1].
// The wizard shows a problem under the field with the same path, and the
// design-file loader turns a path back into a line and column.

var plainKey = regexp.MustCompile(`^[A-Za-z0-9_:/-]+$`)

// IndexPath returns base[i].
func IndexPath(base string, i int) string { return base + "[" + strconv.Itoa(i) + "]" }

// KeyPath returns base.key, or base["key"] when key holds characters that
// would make the path ambiguous (dots, brackets, spaces, quotes).
func KeyPath(base, key string) string {
	if plainKey.MatchString(key) {
		return base + "." + key
	}
	return base + "[" + strconv.Quote(key) + "]"
}

// StatementPath returns resourcePolicy.statements[i].
func StatementPath(i int) string { return IndexPath("resourcePolicy.statements", i) }

// TagPath returns the path of the tag with the given key.
func TagPath(key string) string { return KeyPath("secret.tags", key) }

// ConditionPath returns the path of one condition row of statement i:
// resourcePolicy.statements[i].condition.<operator>.<key>.
func ConditionPath(i int, c Condition) string {
	return KeyPath(KeyPath(StatementPath(i)+".condition", c.Operator), c.Key)
}

// PathUnder reports whether path is base or lies below it. An index [*] on
// either side stands for any index, so resourcePolicy.statements[2].sid is
// under resourcePolicy.statements[*] and resourcePolicy.statements[*].sid
// under resourcePolicy.statements. Rule inputs, unknown values read back
// from templates and validation problems are all compared with it.
func PathUnder(path, base string) bool {
	for base != "" {
		if path == "" {
			return false
		}
		if base[0] == '[' && path[0] == '[' {
			bt, bn := indexToken(base)
			pt, pn := indexToken(path)
			if bn == 0 || pn == 0 || (bt != "*" && pt != "*" && bt != pt) {
				return false
			}
			base, path = base[bn:], path[pn:]
			continue
		}
		if base[0] != path[0] {
			return false
		}
		base, path = base[1:], path[1:]
	}
	return path == "" || path[0] == '.' || path[0] == '['
}

// PathsOverlap reports whether one of a and b lies at or below the other: a
// rule reading a whole list reads each of its elements, and one reading an
// element reads part of the list.
func PathsOverlap(a, b string) bool { return PathUnder(a, b) || PathUnder(b, a) }

// indexToken splits the bracketed index at the start of s ([3], [*] or
// ["a.b"]) into its contents and its length; a length of 0 means s does not
// start with a well-formed index.
func indexToken(s string) (string, int) {
	if len(s) < 2 || s[0] != '[' {
		return "", 0
	}
	if s[1] == '"' {
		q, err := strconv.QuotedPrefix(s[1:])
		if err != nil || len(s) < len(q)+2 || s[len(q)+1] != ']' {
			return "", 0
		}
		return q, len(q) + 2
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return "", 0
	}
	return s[1:end], end + 1
}
