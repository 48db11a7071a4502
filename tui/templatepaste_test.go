package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A JSON template pasted with 3000 keys that are not connection keys is
// told so once, a few keys named and the rest counted, not in 3000
// near-identical messages under the field.
func TestTemplatePasteOfManyKeysIsOneMessage(t *testing.T) {
	m := onSecret(t)
	typeText(t, m, "prod/db")
	const id = "secret.generateSecretString.secretStringTemplate"
	m.focusID(id)
	var b strings.Builder
	b.WriteString("{")
	for i := range 3000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d":"v"`, i)
	}
	b.WriteString("}")
	send(t, m, tea.PasteMsg{Content: b.String()})
	var about []string
	for _, p := range problemTexts(t, m, id) {
		if strings.Contains(p, `"k0"`) || strings.Contains(p, `"k1"`) {
			about = append(about, p)
		}
	}
	if len(about) != 1 || !strings.Contains(about[0], `"k0", "k1", "k2" and 2997 more`) {
		t.Fatalf("the field's messages about the keys: %d, want one naming k0, k1, k2 and 2997 more: %q", len(about), about[:min(len(about), 2)])
	}
	contains(t, formText(m), "and 2997 more")
}
