package designfile

import "sync"

// Paths is every key path a design file can hold, as the loader knows them
// (secret.kmsKeyArn, resourcePolicy.statements[].principal.AWS): a list
// holds its entries' keys under "[]". Readers of templates sweep it to
// make sure no design path reaches a report about a template.
func Paths() []string { return append([]string(nil), allPaths()...) }

// allPaths walks the loader's own key tables once, so a key added there
// shows up here without a second list.
var allPaths = sync.OnceValue(func() []string { return schemaPaths(designFields, "") })

// schemaPaths lists the key paths of s, each under prefix.
func schemaPaths(s schema, prefix string) []string {
	var out []string
	for _, key := range s.keyNames() {
		p := key
		if prefix != "" {
			p = prefix + "." + key
		}
		out = append(out, p)
		if sub, list := s.sub(key); sub != nil {
			if list {
				p += "[]"
			}
			out = append(out, schemaPaths(sub, p)...)
		}
	}
	return out
}
