package workflow

import "github.com/secretsmith/secretsmith/blueprint"

// KeyReaderPolicies is what 'generate' does with the reader policies a
// design's output key asks for (o.ReaderPolicies) when the templates go to
// output ("-" for standard output): from is " and output.readerPolicies"
// for the line that says what the key chose, when they are written; note
// is a line for standard error when they cannot be. They are part of the
// wizard's output set whatever the path: -o moves the set, it does not
// shrink it (trial7a T4); standard output holds only the templates, and
// that is said, never silent.
func KeyReaderPolicies(o *blueprint.Output, output string) (from, note string) {
	switch {
	case o == nil || !o.ReaderPolicies:
		return "", ""
	case output == "-":
		return "", "secretsmith: output.readerPolicies is not used: the reader policies are files beside the template, and standard output holds only the template (give -o)\n"
	}
	return " and output.readerPolicies", ""
}
