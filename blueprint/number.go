package blueprint

// ValidateNumber checks n as the value of the whole-number field at path
// of d, by the field's own rule: the validator, the wizard and the
// design-file loader call the same function, so a value out of a field's
// range gets the same words wherever it is typed. A number too long to
// read (99999999999999999999) is checked as the largest or smallest int
// its reader holds, which is past every field's range, so it too is told
// the range. A path that is not a number field of the design gives nil.
func ValidateNumber(d *Design, path string, n int) error {
	switch path {
	case "secret.recoveryWindowDays":
		return ValidateRecoveryWindow(n)
	case "secret.generateSecretString.passwordLength":
		var g GenerateSecretString
		if d != nil && d.Secret.GenerateSecretString != nil {
			g = *d.Secret.GenerateSecretString
		}
		kinds, requireEach := g.kinds()
		return ValidatePasswordLength(n, kinds, requireEach)
	case "secret.database.port":
		return ValidateDatabasePort(n)
	case "rotation.automaticallyAfterDays":
		return ValidateAutomaticallyAfterDays(n)
	}
	return nil
}

// kinds are the kinds of character g's passwords are made of, and
// whether each of them is required (RequireEachIncludedType is on unless
// it is set false).
func (g *GenerateSecretString) kinds() (PasswordKinds, bool) {
	return PasswordKinds{Lowercase: !isTrue(g.ExcludeLowercase), Uppercase: !isTrue(g.ExcludeUppercase),
			Numbers: !isTrue(g.ExcludeNumbers), Punctuation: !isTrue(g.ExcludePunctuation), Space: isTrue(g.IncludeSpace)},
		g.RequireEachIncludedType == nil || *g.RequireEachIncludedType
}
