package tui

// pathLines draws a file's path on Done as the command lines draw a word:
// whole on one line when it fits (form.Wrap broke a reader policy's name
// at a '-', trial7a T9), and only a path wider than any line broken, with
// the shell's line continuation, so the lines copied are the path.
func pathLines(path string, width int, indent string) []string {
	return fitCommand(indent, []string{shown(path)}, width)
}
