package blueprint

import "unicode/utf8"

// MaxFieldText is the longest text any field that names or describes
// something accepts (ValidateExcludeCharacters' 4096 characters; a
// description takes 2048). A value longer than that is a paste gone wrong,
// never an answer half typed.
const MaxFieldText = 4096

// DropOverlong empties every field that names or describes something (the
// fields DropSecretMaterial looks at) whose value its check refuses and
// that is longer than MaxFieldText characters, and returns their paths.
// The wizard calls it on the copy of the design it saves as a draft: a
// refused paste of megabytes never reaches the draft, which would then be
// too large to resume and lose every answer (trial7b V8). A refused value
// of a sensible length is kept, as the user's typing.
func (d *Design) DropOverlong() []string {
	var dropped []string
	for _, f := range d.namingFields() {
		if utf8.RuneCountInString(*f.value) > MaxFieldText && f.check(*f.value) != nil {
			*f.value = ""
			dropped = append(dropped, f.path)
		}
	}
	return dropped
}
