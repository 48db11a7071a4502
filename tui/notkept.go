package tui

import (
	"strconv"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// maxDropped bounds the paths a draft says it left out (draftState.Dropped).
const maxDropped = 16

// droppedWords names the fields DropSecretMaterial emptied, as the
// screens label them: a key of the JSON template by its key.
func droppedWords(paths []string) string {
	var words []string
	for _, p := range paths {
		if key, tmpl, ok := blueprint.TemplateKeyOf(p); ok {
			words = append(words, pathLabel(tmpl)+" (its key "+strconv.Quote(key)+")")
			continue
		}
		words = append(words, pathLabel(p))
	}
	return shown(strings.Join(words, ", "))
}

// notKept is what the quit dialog adds about the answers the draft leaves
// out: a value refused as possible secret material is never written to
// the draft, and the user is told so rather than promised "your answers
// are kept" (trial8a W6). "" when the draft keeps everything.
func (m *Model) notKept() string {
	if dr := m.draft; dr.path == "" || dr.unlock == nil || dr.busy || dr.err != nil {
		return "" // nothing is promised as kept (draft.promise)
	}
	dropped := m.d.Clone().DropSecretMaterial()
	if len(dropped) == 0 {
		return ""
	}
	return " Not kept: " + droppedWords(dropped) + ", since it may be secret material."
}

// resumedNotKept is what a resumed session says of the values its draft
// left out (draftState.Dropped), so an empty field is not a surprise.
func resumedNotKept(dropped []string) string {
	if len(dropped) == 0 {
		return ""
	}
	return "not kept from the last session: " + droppedWords(dropped) + " (it may be secret material); give it again without the secret"
}

// keptDropped bounds the dropped paths a draft read from disk names.
func keptDropped(paths []string) []string {
	var out []string
	for _, p := range paths {
		if len(out) == maxDropped {
			break
		}
		out = append(out, blueprint.ShortText(p, maxUnreadText))
	}
	return out
}
