package scan

import (
	"encoding/json"
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
// without KmsKeyId has no key: the copy names none.
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
	str("secret.kmsKeyArn", &sec.KMSKeyARN)
	if s.defaultKey {
		sec.KMSKeyARN = ""
	}
	if db := sec.Database; db != nil {
		str("secret.database.host", &db.Host)
		str("secret.database.targetId", &db.TargetID)
	}
	for i := range sec.ReplicaRegions {
		str(blueprint.IndexPath("secret.replicaRegions", i)+".kmsKeyArn", &sec.ReplicaRegions[i].KMSKeyARN)
	}
	// A hosted rotation connects as the user of the secret's JSON: the
	// wizard asks for it under the database, so it is kept there.
	if user := templateUsername(sec.GenerateSecretString); user != "" && d.Rotation != nil && d.Rotation.HostedRotationLambda != nil {
		if sec.Database == nil {
			sec.Database = &blueprint.Database{}
		}
		if sec.Database.Username == "" {
			sec.Database.Username = user
		}
	}
	return d, unknown
}

// templateUsername is the username a secretStringTemplate writes down.
func templateUsername(g *blueprint.GenerateSecretString) string {
	if g == nil || g.SecretStringTemplate == "" {
		return ""
	}
	var fields map[string]any
	if json.Unmarshal([]byte(g.SecretStringTemplate), &fields) != nil {
		return ""
	}
	user, _ := fields["username"].(string)
	return user
}
