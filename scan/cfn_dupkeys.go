package scan

import (
	"cmp"
	"fmt"
)

// duplicateKey is the template error of the keys that a mapping of v
// gives twice, or nil. YAML and JSON readers keep both; CloudFormation
// deploys the last one (a second resource of the same logical id replaces
// the first), while the reading here would judge the first: a customer
// managed KmsKeyId followed by alias/aws/secretsmanager passed
// customer-managed-key (trial7b V16). cfn-lint refuses such a template too
// (E0000 "Duplicate found"), so the template is in error rather than
// judged as either. The error is at the repeat written first in the file,
// and counts the others.
func duplicateKey(v *value) error {
	var at, first Pos
	var key string
	n := 0
	var walk func(v *value)
	walk = func(v *value) {
		if v == nil {
			return
		}
		switch v.k {
		case kMap:
			for _, r := range repeatedKeys(v.keys) {
				n++
				if p := v.kpos[r.again]; n == 1 || before(p, at) {
					at, first, key = p, v.kpos[r.first], v.keys[r.again]
				}
			}
			for _, x := range v.vals {
				walk(x)
			}
		case kSeq:
			for _, x := range v.items {
				walk(x)
			}
		}
	}
	walk(v)
	if n == 0 {
		return nil
	}
	msg := fmt.Sprintf("the key %q is given twice in one mapping (first at %d:%d); CloudFormation keeps only the last, so give each key once", key, first.Line, first.Col)
	switch n {
	case 1:
	case 2:
		msg += "; 1 more key is given twice"
	default:
		msg += fmt.Sprintf("; %d more keys are given twice", n-1)
	}
	return &SyntaxError{at, msg}
}

// before reports whether a is written before b.
func before(a, b Pos) bool {
	return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) < 0
}

// repeat is a key of a mapping that an earlier key equals: their indexes.
type repeat struct{ first, again int }

// repeatedKeys lists the keys that an earlier key of keys equals, each
// with the first of them. A short mapping (nearly all) is compared
// pairwise without allocating; a longer one goes through a set, so that a
// mapping of 200,000 keys is read in one pass, not in its square.
func repeatedKeys(keys []string) []repeat {
	var out []repeat
	if len(keys) <= 16 {
		for j := 1; j < len(keys); j++ {
			for i := range j {
				if keys[i] == keys[j] {
					out = append(out, repeat{i, j})
					break
				}
			}
		}
		return out
	}
	seen := make(map[string]int, len(keys))
	for j, k := range keys {
		if i, dup := seen[k]; dup {
			out = append(out, repeat{i, j})
			continue
		}
		seen[k] = j
	}
	return out
}
