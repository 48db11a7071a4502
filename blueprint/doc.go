// Package blueprint is secretsmith's domain: what one AWS Secrets Manager
// secret design holds, what makes it valid, and how it measures up against
// the security blueprint.
//
// It has three layers, each usable on its own:
//
//   - Field validators: one exported func(T) error per kind of field
//     (ValidateSecretName, ValidateKMSKey, ValidateAction, ...). The wizard
//     calls them as the user types, the design-file loader and Validate call
//     the same functions, so a rule about a field lives in one place. A value
//     that is allowed but probably a mistake yields a *Warning.
//   - Design.Validate: every field validator plus the rules that span fields
//     (one partition, replica regions away from the primary, master secrets
//     only for multi-user rotation, ...), each problem tied to the field's
//     design-file path such as rotation.hostedRotationLambda.masterSecretArn.
//   - Check: the compliance rule set (Rules), each with a stable ID (a
//     RuleID constant), a severity, the reason in plain words, the resources
//     it concerns (where generators put its waiver) and the scanner checks it
//     matches, with the templates each reads. Everything about a rule lives
//     in its entry in rules.go, so adding one touches that file only.
//     A valid design can still break a rule; error-level rules must be met or
//     waived with a reason before anything is written.
//
// Validate and Check are cheap enough to run on every keystroke (see
// BenchmarkValidateDesign). The package imports only the standard library;
// a test in the module root enforces that.
package blueprint
