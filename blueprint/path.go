package blueprint

import (
	"regexp"
	"strconv"
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
