package blueprint

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// templateHasUser reports whether d's secretStringTemplate gives the
// database user (a username that is text and not empty): the rotation
// function reads it from the secret's JSON, wherever it was written.
func templateHasUser(d *Design) bool { return d.TemplateConnection("secret.database.username") != "" }

// TemplateConnection is what d's secretStringTemplate gives for the
// connection field at path (secret.database.host, .port, .dbname or
// .username, or rotation.hostedRotationLambda.masterSecretArn): a text
// value, or a number as written; "" when it gives none. The rotation
// function reads it from the secret's JSON, so the field may be left out,
// and the wizard shows this value in its place.
func (d *Design) TemplateConnection(path string) string {
	g := d.Secret.GenerateSecretString
	if g == nil || g.SecretStringTemplate == "" {
		return ""
	}
	for key, p := range connectionPath {
		if p != path {
			continue
		}
		var s string
		switch v, _ := readTemplate(g.SecretStringTemplate).field(key); v := v.(type) {
		case string:
			s = v
		case json.Number:
			s = v.String()
		}
		// Only a value its key accepts: anything else may be secret
		// material pasted there (Validate says so without showing it),
		// and is never shown or written as the field's value.
		if s != "" && checkConnection(key, s) == nil {
			return s
		}
	}
	return ""
}

// MasterSecret is the master secret the hosted rotation function signs in
// with: rotation.hostedRotationLambda.masterSecretArn, or, when that is left
// out, the masterarn the secretStringTemplate gives, as the other connection
// fields take theirs (TemplateConnection). It is one value: SecretTemplate
// writes masterSecretArn into the secret's JSON as masterarn. "" without
// hosted rotation.
func (d *Design) MasterSecret() string {
	if d.Rotation == nil || d.Rotation.HostedRotationLambda == nil {
		return ""
	}
	if arn := d.Rotation.HostedRotationLambda.MasterSecretARN; arn != "" {
		return arn
	}
	return d.TemplateConnection(connectionPath["masterarn"])
}

// checkConnection checks s as the value of the connection key key of a
// secret's JSON, with the check the design's own field has; nil for a key
// that is not a connection key.
func checkConnection(key, s string) error {
	switch key {
	case "host":
		return ValidateDatabaseHost(s)
	case "port":
		// Text that is no number is a port out of range: the one rule
		// and its words, as the database's own port field gets.
		n, err := strconv.Atoi(s)
		if err != nil {
			n = 0
		}
		return ValidateDatabasePort(n)
	case "dbname":
		return ValidateDatabaseName(s)
	case "username":
		return ValidateDatabaseUsername(s)
	case "masterarn":
		return ValidateMasterSecretARN(s)
	case "engine":
		return connectionWord(s, "engine name", "postgres")
	}
	return nil
}

// database checks secret.database and the connection keys a
// secretStringTemplate already holds against it.
func (v *validator) database() {
	const base = "secret.database"
	d := v.d
	db := d.Secret.Database
	before := len(v.ps)
	if db != nil {
		if db.Host != "" {
			v.check(ValidateDatabaseHost(db.Host), func() string { return base + ".host" })
		}
		if db.Port != 0 {
			v.check(ValidateNumber(d, base+".port", db.Port), func() string { return base + ".port" })
		}
		if db.DBName != "" {
			v.check(ValidateDatabaseName(db.DBName), func() string { return base + ".dbname" })
		}
		if db.Username == "" {
			if !templateHasUser(d) {
				v.errorf(base+".username", "is required: it is the database user whose password the secret holds and rotation changes")
			}
		} else {
			v.check(ValidateDatabaseUsername(db.Username), func() string { return base + ".username" })
		}
		if db.TargetType != "" {
			v.check(ValidateDatabaseTargetType(db.TargetType), func() string { return base + ".targetType" })
		}
		if db.TargetID != "" {
			v.check(ValidateDatabaseTargetID(db.TargetID), func() string { return base + ".targetId" })
		}
		switch {
		case db.HasTarget() && db.Host != "":
			v.errorf(base+".host", "set either host (and port) or targetType and targetId: the target's attachment writes host and port itself")
		case db.HasTarget() && db.Port != 0:
			v.errorf(base+".port", "must be left out with targetType and targetId: the port is read from the database")
		case db.TargetType != "" && db.TargetID == "":
			v.errorf(base+".targetId", "is required with targetType: it is the identifier of the database instance or cluster")
		case db.TargetID != "" && db.TargetType == "":
			v.errorf(base+".targetType", "is required with targetId; use one of %s", strings.Join(DatabaseTargetTypes, ", "))
		case !db.HasTarget() && db.Host == "" && db.Port != 0:
			v.errorf(base+".host", "is required with port: give the database's DNS name")
		}
		// A target the master secret RDS manages cannot serve, whatever
		// the account holds, stops every rotation at setSecret: the
		// walk-through decides it (RDSMasterHost).
		if c, ok := RDSMasterHost(d, nil); ok && c.Outcome == Refused {
			v.errorf(c.Path, "%s; %s", c.Reason, c.Fix)
		}
		if d.Secret.SecretID == "" && d.IsExisting() && !db.HasTarget() {
			v.errorf(base, "can only be written into a secret secretsmith creates; for an existing secret, give targetType and targetId to attach the database, or store the connection in the secret's value")
		}
	}
	g := d.Secret.GenerateSecretString
	if g == nil || g.SecretStringTemplate == "" || d.IsExisting() {
		return
	}
	tmpl := readTemplate(g.SecretStringTemplate)
	if tmpl.fields == nil {
		return // ValidateSecretStringTemplate has reported it
	}
	if v.templateConnection(tmpl) || v.errorsSince(before) {
		return
	}
	rt, ok := d.HostedRotationType()
	if !ok {
		return
	}
	if g.GenerateStringKey != "" && g.GenerateStringKey != "password" {
		v.errorf("secret.generateSecretString.generateStringKey", "is %s, but the %s rotation function reads the password from key \"password\"; use password", shownKey(g.GenerateStringKey), rt.Name)
	}
	const tpath = "secret.generateSecretString.secretStringTemplate"
	conflict := func(key, has, want string) {
		v.errorf(tpath, "has %s %s"+conflictSays+"%s; remove the key from the template (secretsmith writes it) or make them agree", key, has, want)
	}
	if val, ok := tmpl.field("engine"); ok {
		s, _ := val.(string)
		good := false
		for _, e := range rt.Engines {
			good = good || s == e
		}
		if !good {
			v.errorf(tpath, "has engine %s but the %s rotation function accepts %s; remove the key and secretsmith writes it", engineShown(s), rt.Name, quoteList(rt.Engines))
		}
	}
	if h := d.Rotation.HostedRotationLambda; h.MasterSecretARN != "" {
		if val, ok := tmpl.field("masterarn"); ok && val != any(h.MasterSecretARN) {
			conflict("masterarn", jsonValue(val), "masterSecretArn "+strconv.Quote(h.MasterSecretARN))
		}
	}
	if db == nil {
		return
	}
	for _, c := range [...]struct{ key, want string }{
		{"host", db.Host}, {"dbname", db.DBName}, {"username", db.Username},
	} {
		if c.want == "" || c.key == "host" && db.HasTarget() {
			continue
		}
		if val, ok := tmpl.field(c.key); ok && val != any(c.want) {
			conflict(c.key, jsonValue(val), "database."+c.key+" "+strconv.Quote(c.want))
		}
	}
	if val, ok := tmpl.field("port"); ok && db.Host != "" {
		want := db.Port
		if want == 0 {
			want = rt.DefaultPort
		}
		got := ""
		switch p := val.(type) {
		case json.Number:
			got = p.String()
		case string:
			got = p
		}
		if got != strconv.Itoa(want) {
			conflict("port", jsonValue(val), "port "+strconv.Itoa(want))
		}
	}
}

// conflictSays joins, in the message of a template key that disagrees
// with the design's own field, the template's value to the design's.
const conflictSays = " but the design says "

// TemplateConflictPath is, for problem p that says the secret's JSON
// template holds a connection key (masterarn, username, host, dbname,
// port) that disagrees with the design's own field, that field's path, or
// "" for any other problem. The problem is the template's, at its path;
// the field the user types the other value in shows it too, as it is
// typed, on its own step (issue 22: a master secret ARN typed on the
// Rotation step that the template contradicts showed only on the Review).
func TemplateConflictPath(p Problem) string {
	if p.Path != "secret.generateSecretString.secretStringTemplate" || !strings.Contains(p.Message, conflictSays) {
		return ""
	}
	key, _, _ := strings.Cut(strings.TrimPrefix(p.Message, "has "), " ")
	return connectionPath[key]
}

// jsonValue is a template value that templateConnection found valid for
// its key, written as JSON to show it in a message. Only such values are
// shown: anything else under a connection key may be a pasted password.
func jsonValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

// engineShown is an engine value for a message: quoted when it is an
// engine some rotation type accepts, and otherwise not shown, since the
// key may hold anything pasted into it.
func engineShown(s string) string {
	for _, t := range RotationTypes {
		if slices.Contains(t.Engines, s) {
			return strconv.Quote(s)
		}
	}
	return "a value no rotation function accepts"
}

// templateConnection checks the values the secretStringTemplate gives the
// connection keys, whatever the rotation: each must be text (port may be
// a number) that is valid for its key, the same checks secret.database's
// fields have, and masterarn must be a secret's ARN. The template is
// stored in plain text, so a password pasted under one of these keys
// would otherwise pass as connection data. Messages never repeat the
// value. It reports whether it found an error.
func (v *validator) templateConnection(tmpl *templateInfo) bool {
	before := len(v.ps)
	for i, f := range tmpl.fields {
		// Every key names something, as a field does.
		if err := TextCharacters(f.Key, false); err != nil {
			v.add(templatePath, fmt.Errorf("has a key, %s, that %w", shownKey(f.Key), err))
		}
		if err := templateValueError(f.Key, tmpl.values[i]); err != nil {
			v.add(templatePath, err)
		}
	}
	return v.errorsSince(before)
}

// templatePath is the design path of the secret's JSON template.
const templatePath = "secret.generateSecretString.secretStringTemplate"

// templateValueError is templateConnection's check of the value val the
// template gives key: nil for a key that is not a connection key, or an
// empty value; an error (or a warning) worded for the template otherwise.
func templateValueError(key string, val any) error {
	if !slices.Contains(ConnectionKeys, key) || val == nil || val == any("") {
		return nil
	}
	s, text := val.(string)
	if n, ok := val.(json.Number); ok && key == "port" {
		s, text = n.String(), true
	}
	if !text {
		want := "text"
		if key == "port" {
			want = "a number or text"
		}
		return fmt.Errorf("gives %s %s (not shown: it may be secret material); it must be %s", key, jsonKind(val), want)
	}
	err := checkConnection(key, s)
	switch {
	case err == nil:
		return nil
	case IsWarning(err):
		// A warning (a bidirectional control) stays one.
		return fmt.Errorf("gives %s a value that %w", key, err)
	}
	return fmt.Errorf("gives %s a value that is not valid (not shown: it may be secret material); it %s", key, err.Error())
}

// jsonKind names the kind of a decoded JSON value that is not text.
func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case bool:
		return "true or false"
	case json.Number:
		return "a number"
	}
	return "a value"
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, " or ")
}

// hostedNetwork checks vpcId and endpoint, which say how the rotation
// function reaches the Secrets Manager API from its subnets.
func (v *validator) hostedNetwork(h *HostedRotationLambda) {
	const base = "rotation.hostedRotationLambda"
	if h.VPCID != "" {
		v.check(ValidateVPCID(h.VPCID), func() string { return base + ".vpcId" })
		// Security groups without subnets are reported on their own.
		switch {
		case len(h.VPCSubnetIDs) == 0 && len(h.VPCSecurityGroupIDs) == 0:
			v.errorf(base+".vpcId", "needs vpcSubnetIds and vpcSecurityGroupIds: the endpoint is created in the function's subnets and lets its security groups in on port 443")
		case len(h.VPCSecurityGroupIDs) == 0:
			v.errorf(base+".vpcId", "needs vpcSecurityGroupIds: the endpoint's security group lets the function's groups in on port 443")
		}
		if h.VPCCIDR == "" {
			v.warnf(base+".vpcCidr", "is empty, so the endpoint admits only the rotation function; its private DNS sends every Secrets Manager call made in %s to it, so every other workload there would time out: give the VPC's CIDR block", h.VPCID)
		}
	}
	if h.VPCCIDR != "" {
		v.check(ValidateCIDR(h.VPCCIDR), func() string { return base + ".vpcCidr" })
		if h.VPCID == "" {
			v.errorf(base+".vpcCidr", "is only for vpcId: it is the CIDR block of the VPC where secretsmith creates the endpoint")
		}
	}
	if h.Endpoint != "" {
		v.check(ValidateEndpointMode(h.Endpoint), func() string { return base + ".endpoint" })
		switch {
		case h.VPCID != "":
			v.errorf(base+".endpoint", "set only one of vpcId (secretsmith creates an endpoint) and endpoint (the VPC already has a way to reach Secrets Manager)")
		case len(h.VPCSubnetIDs) == 0:
			v.warnf(base+".endpoint", "has no effect: the function runs outside a VPC unless vpcSubnetIds are given")
		}
	}
}

func (v *validator) monitoring() {
	m := v.d.Monitoring
	if m.AlertEmail != "" {
		v.check(ValidateEmail(m.AlertEmail), func() string { return "monitoring.alertEmail" })
	}
	if m.AlertTopicARN != "" {
		v.check(ValidateSNSTopicARN(m.AlertTopicARN), func() string { return "monitoring.alertTopicArn" })
		if m.AlertEmail != "" {
			v.errorf("monitoring.alertEmail", "must be left out with alertTopicArn: subscribe the address to that topic where the topic is managed")
		}
	}
	// Only an explicit true has nothing to watch: the default is on for
	// every design, and a design without rotation is not wrong for it.
	if m.RotationFailureAlert != nil && *m.RotationFailureAlert && v.d.Rotation == nil {
		v.warnf("monitoring.rotationFailureAlert", "has nothing to watch: the design has no rotation")
	}
	if !m.AlertsOn() && (m.AlertEmail != "" || m.AlertTopicARN != "") {
		field := "monitoring.alertEmail"
		if m.AlertEmail == "" {
			field = "monitoring.alertTopicArn"
		}
		v.warnf(field, "receives nothing: both rotationFailureAlert and changeAlert are off")
	}
}

// DropSecretMaterial empties the fields of d whose value may be secret
// material that validation refuses, and returns their paths. Today that is
// a secretStringTemplate that is not a JSON object (a half-typed paste may
// hold anything), emptied whole, and the keys of one that give a value to
// a key other than a connection key, or give a connection key a value not
// valid for it: those keys alone are taken out, each returned as its
// TemplateKeyPath, and the rest of the template stays. The wizard calls it on
// the copy of the design it saves as a draft, so what is refused on screen
// never reaches a file. The hosted rotation's masterSecretArn is the other:
// a value refused there that does not even begin as an ARN is more likely
// the master password than a name (one half typed is kept). So is a
// value refused in a field that names or describes something (the
// secret, its description and tags, the database, its host and user, a
// statement's Sid, principals and condition values, the alert email)
// that looks like secret material: a JSON
// object giving a value to a key other than a connection key, such as
// {"password":"..."}, or what the no-secret-in-metadata rule looks for
// (a pasted token, key=value). A plain typo there is kept.
func (d *Design) DropSecretMaterial() []string {
	var dropped []string
	for _, f := range d.namingFields() {
		if refusedSecret(*f.value, f.check) {
			*f.value = ""
			dropped = append(dropped, f.path)
		}
	}
	// A tag whose key is such a value goes whole: a tag has no place
	// without its key.
	d.Secret.Tags = slices.DeleteFunc(d.Secret.Tags, func(t Tag) bool {
		if refusedSecret(t.Key, ValidateTagKey) {
			dropped = append(dropped, "secret.tags")
			return true
		}
		return false
	})
	if r := d.Rotation; r != nil && r.HostedRotationLambda != nil && !strings.HasPrefix(r.HostedRotationLambda.MasterSecretARN, "arn:") &&
		r.HostedRotationLambda.MasterSecretARN != "" && ValidateMasterSecretARN(r.HostedRotationLambda.MasterSecretARN) != nil {
		r.HostedRotationLambda.MasterSecretARN = ""
		dropped = append(dropped, "rotation.hostedRotationLambda.masterSecretArn")
	}
	g := d.Secret.GenerateSecretString
	if g == nil || g.SecretStringTemplate == "" {
		return dropped
	}
	if ValidateSecretStringTemplate(g.SecretStringTemplate) != nil {
		g.SecretStringTemplate = ""
		return append(dropped, templatePath)
	}
	// Only the keys whose values are refused go, each said by its path
	// (TemplateKeyPath): the rest of the template, the username an
	// import read, stays (issue 22's trial 7b, V23: a refused masterarn
	// took the whole template with it, without a word).
	tmpl := readTemplate(g.SecretStringTemplate)
	var kept []string
	for i, f := range tmpl.fields {
		err := templateValueError(f.Key, tmpl.values[i])
		if literalUnder(tmpl.literal, f.Key) || err != nil && !IsWarning(err) {
			dropped = append(dropped, TemplateKeyPath(f.Key))
			continue
		}
		k, _ := json.Marshal(f.Key)
		kept = append(kept, string(k)+":"+f.JSON)
	}
	if len(kept) < len(tmpl.fields) {
		g.SecretStringTemplate = "{" + strings.Join(kept, ",") + "}"
		if len(kept) == 0 {
			g.SecretStringTemplate = ""
		}
	}
	return dropped
}

// literalUnder reports whether one of literal, the quoted key paths
// literalTemplateKeys reports, is the top-level key k or below it.
func literalUnder(literal []string, k string) bool {
	return slices.ContainsFunc(literal, func(l string) bool {
		p, err := strconv.Unquote(l)
		return err == nil && (p == k || strings.HasPrefix(p, k+"."))
	})
}

// TemplateKeyPath is the design path of key in the secret's JSON
// template, below the template's own path, the key quoted in brackets as
// a tag's is (any text may be a key).
func TemplateKeyPath(key string) string { return templatePath + "[" + strconv.Quote(key) + "]" }

// TemplateKeyOf is the key a TemplateKeyPath names, and the path of the
// template itself, when path is one.
func TemplateKeyOf(path string) (key, template string, ok bool) {
	rest, ok := strings.CutPrefix(path, templatePath+"[")
	if !ok || !strings.HasSuffix(rest, "]") {
		return "", "", false
	}
	key, err := strconv.Unquote(strings.TrimSuffix(rest, "]"))
	return key, templatePath, err == nil
}

// namingField is a text field that names something, with its check.
type namingField struct {
	path  string
	value *string
	check func(string) error
}

// namingFields are d's fields that name or describe something, whose
// refused values DropSecretMaterial looks at: the description and tags
// too, whose secret material is only warned about while they are valid,
// but a paste too long for them is refused, and not kept either.
func (d *Design) namingFields() []namingField {
	fs := []namingField{{"secret.secretId", &d.Secret.SecretID, ValidateSecretName},
		{"secret.description", &d.Secret.Description, ValidateDescription}}
	if g := d.Secret.GenerateSecretString; g != nil {
		fs = append(fs, namingField{"secret.generateSecretString.generateStringKey", &g.GenerateStringKey, ValidateGenerateStringKey})
	}
	for i := range d.Secret.Tags {
		t := &d.Secret.Tags[i]
		fs = append(fs, namingField{TagPath(t.Key), &t.Value, ValidateTagValue})
	}
	if db := d.Secret.Database; db != nil {
		fs = append(fs,
			namingField{"secret.database.host", &db.Host, ValidateDatabaseHost},
			namingField{"secret.database.dbname", &db.DBName, ValidateDatabaseName},
			namingField{"secret.database.username", &db.Username, ValidateDatabaseUsername},
			namingField{"secret.database.targetId", &db.TargetID, ValidateDatabaseTargetID})
	}
	if rp := d.ResourcePolicy; rp != nil {
		for i := range rp.Statements {
			fs = rp.Statements[i].namingFields(i, fs)
		}
	}
	if d.Monitoring.AlertEmail != "" {
		fs = append(fs, namingField{"monitoring.alertEmail", &d.Monitoring.AlertEmail, ValidateEmail})
	}
	return fs
}

// namingFields appends to fs the fields of statement i that name
// something: its Sid, its principals' values and its condition values.
func (st *Statement) namingFields(i int, fs []namingField) []namingField {
	base := StatementPath(i)
	fs = append(fs, namingField{base + ".sid", &st.Sid, ValidateSid})
	for _, p := range []struct {
		field string
		p     *Principal
	}{{"principal", st.Principal}, {"notPrincipal", st.NotPrincipal}} {
		if p.p == nil {
			continue
		}
		for _, l := range []struct {
			key    string
			values []string
			check  func(string) error
		}{{"AWS", p.p.AWS, ValidateAWSPrincipal}, {"Service", p.p.Service, ValidateServicePrincipal}, {"Federated", p.p.Federated, ValidateFederatedPrincipal}} {
			for j := range l.values {
				fs = append(fs, namingField{IndexPath(base+"."+p.field+"."+l.key, j), &l.values[j], l.check})
			}
		}
	}
	for _, c := range st.Condition {
		check := func(v string) error { return ValidateConditionValueFor(c.Operator, c.Key, v) }
		for j := range c.Values {
			fs = append(fs, namingField{IndexPath(ConditionPath(i, c), j), &c.Values[j], check})
		}
	}
	return fs
}

// refusedSecret reports whether v is a value check refuses (an error, not
// a warning) that looks like secret material.
func refusedSecret(v string, check func(string) error) bool {
	err := check(v)
	return v != "" && err != nil && !IsWarning(err) && maySecret(v)
}

// maySecret reports whether s, a value a naming field refuses, looks like
// secret material.
func maySecret(s string) bool {
	return secretMaterial(s) != "" || len(literalTemplateKeys(s)) > 0
}
