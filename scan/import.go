package scan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// ForImport is the secret as the wizard opens it: a copy of the design in
// which no value the template only refers to (a rotation function's ARN
// from another resource's outputs, a master secret, a subnet of the
// template) is kept as literal text such as ${App.Outputs.RotationLambdaARN}.
// Each such value is left empty and listed, with why, beside the values
// that could not be known, so the wizard marks it "not read". A template
// without KmsKeyId uses the AWS managed key, which a design cannot name:
// the copy names no key, and the key is listed with why, so the wizard
// says what the template used and that the design would create a key. A
// CloudFormation template that does not record its region
// (Metadata.secretsmith.region) marks it not read, unless an ARN of the
// design pins it (PinnedRegion: the key's, the existing secret's, the
// rotation function's).
//
// Check keeps the references in Design: a rule such as rotation-enabled
// only needs to know that a function is named.
func (s *Secret) ForImport() (*blueprint.Design, blueprint.Unknowns) {
	d := s.Design.Clone()
	unknown := blueprint.Unknowns{}
	for p, why := range s.Unknown {
		unknown[p] = why
	}
	mark := func(path, text string) {
		unknown.Add(path, "the template gives "+strings.TrimSuffix(strings.TrimPrefix(text, "${"), "}")+", which is only known once it is deployed")
	}
	str := func(path string, v *string) {
		if strings.Contains(*v, "${") {
			mark(path, *v)
			*v = ""
		}
	}
	list := func(path string, v *[]string) {
		for i, x := range *v {
			if strings.Contains(x, "${") {
				mark(blueprint.IndexPath(path, i), x)
			}
		}
		*v = slices.DeleteFunc(*v, func(x string) bool { return strings.Contains(x, "${") })
	}
	if r := d.Rotation; r != nil {
		str("rotation.rotationLambdaArn", &r.RotationLambdaARN)
		if h := r.HostedRotationLambda; h != nil {
			const base = "rotation.hostedRotationLambda."
			str(base+"rotationLambdaName", &h.RotationLambdaName)
			str(base+"kmsKeyArn", &h.KMSKeyARN)
			str(base+"masterSecretArn", &h.MasterSecretARN)
			str(base+"masterSecretKmsKeyArn", &h.MasterSecretKMSKeyARN)
			str(base+"vpcId", &h.VPCID)
			list(base+"vpcSubnetIds", &h.VPCSubnetIDs)
			list(base+"vpcSecurityGroupIds", &h.VPCSecurityGroupIDs)
		}
	}
	sec := &d.Secret
	if s.written && !d.IsExisting() && sec.GenerateSecretString == nil {
		// A design never holds a written-down value: it is left out and
		// said, and what can be read of it (its connection keys) is
		// kept, so the switch to a generated value is not silent
		// (trial7b V4).
		why := "the template writes the secret's value itself (SecretString), which a design never copies: the wizard generates the value instead"
		if s.valueParam != "" {
			why = "the template takes the secret's value from the parameter " + s.valueParam + " (SecretString), which a design does not: the wizard generates the value instead"
		}
		if s.valueRef != "" {
			why = "the template copies the secret's value from " + s.valueFrom + " (" + s.valueRef + ") at deployment, which a design does not: the wizard generates the value instead"
		}
		if s.writtenTemplate != "" {
			sec.GenerateSecretString = &blueprint.GenerateSecretString{SecretStringTemplate: s.writtenTemplate, GenerateStringKey: s.writtenKey}
			why += ", under the key " + s.writtenKey + ", keeping the connection keys the value names"
			for _, k := range s.valueDynamic {
				if k.key != s.writtenKey {
					// A connection key from a reference is not kept either.
					unknown.Add(blueprint.TemplateKeyPath(k.key), k.why())
				}
			}
		}
		unknown.Add("secret.generateSecretString.secretStringTemplate", why)
	}
	if s.defaultRecovery != "" {
		// The default stands, said where the wizard shows the window.
		unknown.Add("secret.recoveryWindowDays", s.defaultRecovery)
	}
	str("secret.kmsKeyArn", &sec.KMSKeyARN)
	if s.defaultKey {
		// The design has no word for the AWS managed key (the blueprint
		// asks for a customer managed one), and an empty key is a new
		// key: the wizard opens the choice of key marked, so writing does
		// not re-encrypt the secret under a key nobody chose.
		sec.KMSKeyARN = ""
		unknown.Add("secret.kmsKeyArn", s.defaultKeyNote())
	}
	if s.unrecordedRegion != "" && d.PinnedRegion() == "" {
		unknown.Add("secret.region", s.unrecordedRegion)
	}
	if n := len(sec.Tags); n > blueprint.MaxTags {
		// Past the limit the template is refused anyway (check says
		// INVALID), and every tag is a row of the wizard's Secret step
		// and of its draft: 40,000 took 35 s before the first question,
		// and 80,000 passed the draft's size limit (trial7b V24).
		sec.Tags = sec.Tags[:blueprint.MaxTags:blueprint.MaxTags]
		unknown.Add("secret.tags", fmt.Sprintf("the template gives %d tags and a secret can have at most %d: the wizard keeps the first %d", n, blueprint.MaxTags, blueprint.MaxTags))
	}
	if db := sec.Database; db != nil {
		str("secret.database.host", &db.Host)
		str("secret.database.targetId", &db.TargetID)
	}
	for i := range sec.ReplicaRegions {
		str(blueprint.IndexPath("secret.replicaRegions", i)+".kmsKeyArn", &sec.ReplicaRegions[i].KMSKeyARN)
	}
	// A hosted rotation connects with what the secret's JSON writes down
	// (host, port, dbname, username, masterarn): the wizard asks for each
	// in its own field, so each is moved there, and a reference kept as text is
	// marked not read instead of being opened as a value.
	for _, p := range d.LiftConnection(func(v string) bool { return strings.Contains(v, "${") }) {
		unknown.Add(p, "the secret's SecretStringTemplate gives it from a value only known once it is deployed")
	}
	// A template not read at all (a Fn::Sub of the database's endpoint,
	// say) may name the database too: its fields say so rather than
	// look empty.
	if why, ok := databaseUnread(d, unknown); ok {
		unknown.Add("secret.database", why)
	}
	return d, unknown
}

// databaseUnread says why the database of d's hosted rotation is not
// known when the secret's JSON template, which may name it (its host and
// user), could not be read: then the database is not missing, it is
// unknown, for the wizard's fields and for check's rules alike.
func databaseUnread(d *blueprint.Design, unknown blueprint.Unknowns) (string, bool) {
	const tmpl = "secret.generateSecretString.secretStringTemplate"
	why, ok := unknown[tmpl]
	if !ok || d.Secret.Database != nil || d.Rotation == nil || d.Rotation.HostedRotationLambda == nil || d.IsExisting() {
		return "", false
	}
	return "the secret's SecretStringTemplate, which may name the database, is not read: " + why, true
}

// defaultKeyNote says, for the key an import cannot carry over, what the
// template used and what the design does instead.
func (s *Secret) defaultKeyNote() string {
	prop := "KmsKeyId"
	if s.format() == formatTerraform {
		prop = "kms_key_id"
	}
	return "the template gives no " + prop + ", so Secrets Manager encrypts the secret with the AWS managed key aws/secretsmanager, " +
		"which a design cannot name; a dedicated key re-encrypts the secret, and its readers then need kms:Decrypt on the new key"
}
