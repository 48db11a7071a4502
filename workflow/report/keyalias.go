package report

import (
	"fmt"
	"io"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
)

// ResolvedKeyAliases says on w which key aliases --aws resolved to which
// key ARNs (workflow.Loaded.ResolveKeyAliases), or why it could not: the
// design then keeps the alias, and its validation error follows.
func ResolvedKeyAliases(w io.Writer, done []account.ResolvedAlias, err error) {
	if err != nil {
		fmt.Fprintf(w, "secretsmith: %s\n", blueprint.SafeLine(err.Error()))
	}
	for _, r := range done {
		fmt.Fprintf(w, "secretsmith: %s: the alias %s is the key %s (kms:DescribeKey); the templates name the key\n",
			r.Path, blueprint.SafeLine(r.Alias), blueprint.SafeLine(r.KeyARN))
	}
}
