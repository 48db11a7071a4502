package tui

import (
	"regexp"
	"strings"
	"sync"

	"github.com/secretsmith/secretsmith/blueprint"
)

// rotationTypeOptions are the Rotation type choice's options: each type
// of blueprint.RotationTypes under its engine, named by its users.
func rotationTypeOptions() []option {
	opts := make([]option, len(blueprint.RotationTypes))
	for i, t := range blueprint.RotationTypes {
		users := "single user"
		if t.MultiUser {
			users = "multi user (alternating)"
		}
		opts[i] = option{value: t.Name, label: users, group: t.Engine}
	}
	return opts
}

// rotationTypeNames finds a rotation type's design value
// (PostgreSQLMultiUser) as a whole word, and gives its label
// ("PostgreSQL · multi user (alternating)"): messages
// written for the design file name the value, the screens the choice the
// user made (trial8a W5). One table, the choice's own options.
var rotationTypeNames = sync.OnceValues(func() (*regexp.Regexp, map[string]string) {
	labels := map[string]string{}
	var names []string
	for _, o := range rotationTypeOptions() {
		labels[o.value] = optionLabel(o) // as the choice shows it
		names = append(names, regexp.QuoteMeta(o.value))
	}
	return regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b`), labels
})

// rotationTypesOnScreen puts each rotation type's label in place of its
// design value in msg.
func rotationTypesOnScreen(msg string) string {
	re, labels := rotationTypeNames()
	return re.ReplaceAllStringFunc(msg, func(n string) string { return labels[n] })
}
