package blueprint

// Aliases where a key ARN is needed (issue 20, item 9). The hosted rotation
// function is granted its keys by ARN in its role's IAM policy, and an IAM
// permission that names an alias does not allow using the key the alias
// points to (KMS developer guide, "Using aliases to control access to KMS
// keys"): the function would be refused at its first rotation. So these
// fields take key ARNs only. Offline, an alias there is an error that asks
// for the key ARN; with --aws it is resolved to the key's ARN
// (kms:DescribeKey) before the design is validated and written. Both read
// KeyAliasFields, so the error and the resolver agree on which fields.

// KeyAliasField is one field where a key ARN is needed and an alias stands
// instead.
type KeyAliasField struct {
	// Path is the field, such as rotation.hostedRotationLambda.kmsKeyArn.
	Path string
	// Alias is the alias (alias/NAME or an alias ARN): the field's own
	// value, or secret.kmsKeyArn's when Inherited.
	Alias string
	// Inherited reports an empty hostedRotationLambda.kmsKeyArn, which
	// takes the secret's key, named by the alias in secret.kmsKeyArn.
	Inherited bool
	// Region is where the alias names a key: an alias ARN's own region,
	// else the master secret's for its key, else the secret's; "" when
	// the design does not say (the account's region then).
	Region string
	// field is where Set writes the key ARN, in the design that
	// KeyAliasFields was called on.
	field *string
}

// Set writes the key ARN the alias points to into the field, in the design
// KeyAliasFields was called on. An inherited field gets the key ARN of
// its own (hostedRotationLambda.kmsKeyArn), and secret.kmsKeyArn keeps the
// alias, which a secret's KmsKeyId accepts.
func (f KeyAliasField) Set(keyARN string) { *f.field = keyARN }

// KeyAliasFields lists the fields of d where a key ARN is needed and an
// alias stands: the hosted rotation function's kmsKeyArn (given, or
// inherited from secret.kmsKeyArn when empty) and masterSecretKmsKeyArn,
// which the CloudFormation transform and the Terraform rotation
// application both put in the function role's policy. An AWS managed
// alias (alias/aws/...) is not listed: it is refused for another reason,
// as no customer managed key.
func (d *Design) KeyAliasFields() []KeyAliasField {
	r := d.Rotation
	if r == nil || r.HostedRotationLambda == nil {
		return nil
	}
	h := r.HostedRotationLambda
	const base = "rotation.hostedRotationLambda"
	var out []KeyAliasField
	aliased := func(k string) bool { return IsKMSAlias(k) && !awsManaged(k) }
	// An alias ARN names its region; an alias name is looked up where the
	// key is used.
	regionOf := func(alias, def string) string {
		if a, ok := ParseARN(alias); ok && a.Region != "" {
			return a.Region
		}
		return def
	}
	primary := d.PrimaryRegion()
	switch {
	case aliased(h.KMSKeyARN):
		out = append(out, KeyAliasField{Path: base + ".kmsKeyArn", Alias: h.KMSKeyARN, Region: regionOf(h.KMSKeyARN, primary), field: &h.KMSKeyARN})
	case h.KMSKeyARN == "" && !d.IsExisting() && aliased(d.Secret.KMSKeyARN):
		out = append(out, KeyAliasField{Path: base + ".kmsKeyArn", Alias: d.Secret.KMSKeyARN, Inherited: true,
			Region: regionOf(d.Secret.KMSKeyARN, primary), field: &h.KMSKeyARN})
	}
	if aliased(h.MasterSecretKMSKeyARN) {
		out = append(out, KeyAliasField{Path: base + ".masterSecretKmsKeyArn", Alias: h.MasterSecretKMSKeyARN,
			Region: regionOf(h.MasterSecretKMSKeyARN, regionOf(d.MasterSecret(), primary)), field: &h.MasterSecretKMSKeyARN})
	}
	return out
}

// Problem is the error an alias in the field is until it is resolved: it
// asks for the key ARN, and says that --aws looks it up.
func (f KeyAliasField) Problem() Problem {
	msg := "is an alias, but a permission on an alias does not allow using the key it points to; give the key ARN, " +
		"arn:aws:kms:<region>:<account>:key/<key-id>, which aws kms describe-key --key-id ALIAS shows; with --aws, secretsmith looks it up when it verifies"
	if f.Inherited {
		msg = "is empty, so the function would be granted the secret's key, but secret.kmsKeyArn is the alias " + f.Alias +
			" and a permission on an alias does not allow using the key; give the key ARN here or in secret.kmsKeyArn; with --aws, secretsmith looks it up when it verifies"
	}
	return Problem{Path: f.Path, Severity: SeverityError, Message: msg}
}
