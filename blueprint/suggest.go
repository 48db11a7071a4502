package blueprint

import "strings"

// Suggest returns the entry of known closest to word, ignoring case, when it
// is close enough to be the word meant: a case-only difference, or at most
// two edits (a quarter of the entry's length for long ones). It returns ""
// otherwise. Design-file keys, rule IDs and enum values all use it for their
// "did you mean" hints.
func Suggest(word string, known []string) string {
	if len(word) > 64 {
		return ""
	}
	best, bestDist := "", -1
	lw := strings.ToLower(word)
	for _, k := range known {
		if strings.EqualFold(k, word) {
			return k
		}
		dist := editDistance(lw, strings.ToLower(k))
		if dist <= max(2, len(k)/4) && (bestDist < 0 || dist < bestDist) {
			best, bestDist = k, dist
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
