package blueprint

// SecretMaterial says what s looks like when it may hold secret material
// (an AWS access key id, a private key block, a JSON web token, a
// name=value password, a long random string), or returns "": the guess
// the no-secret-in-metadata rule makes, for messages that must not echo
// such text.
func SecretMaterial(s string) string { return secretMaterial(s) }
