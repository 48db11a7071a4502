package blueprint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// DefaultPasswordLength is the length of a generated value when the design
// says nothing about it: a design without generateSecretString still gets a
// generated 32-character value, the Secrets Manager default.
const DefaultPasswordLength = 32

// DatabaseTargetTypes are the TargetType values of
// AWS::SecretsManager::SecretTargetAttachment that secretsmith writes.
var DatabaseTargetTypes = []string{
	"AWS::RDS::DBInstance",
	"AWS::RDS::DBCluster",
	"AWS::Redshift::Cluster",
	"AWS::RedshiftServerless::Namespace",
	"AWS::DocDB::DBInstance",
	"AWS::DocDB::DBCluster",
}

// ConnectionKeys are the keys of a secret's JSON that the hosted rotation
// functions read, besides the password: they describe the connection and are
// not secret, so a secretStringTemplate may give them values.
var ConnectionKeys = []string{"engine", "host", "port", "dbname", "username", "masterarn"}

// metadataKeys are further keys that are safe to store in plain text: the
// ones a SecretTargetAttachment writes beside the connection keys.
var metadataKeys = []string{"dbClusterIdentifier", "dbInstanceIdentifier", "dbClusterArn", "dbInstanceArn"}

// IsConnectionKey reports whether key, exactly as written, is one of
// ConnectionKeys or a metadata key a target attachment adds, so a value
// under it is not secret material.
func IsConnectionKey(key string) bool {
	for _, k := range ConnectionKeys {
		if k == key {
			return true
		}
	}
	for _, k := range metadataKeys {
		if k == key {
			return true
		}
	}
	return false
}

var (
	targetIDRE = lazyRegexp(`^[A-Za-z][A-Za-z0-9-]{0,254}$`)
	snsTopicRE = lazyRegexp(`^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$`)
)

// DatabaseHostExample is an example of secret.database.host in region,
// in that region's partition: an example naming another region than the
// design's reads as a hint to use it. An empty or unknown region is
// written REGION.
func DatabaseHostExample(region string) string {
	suffix := "amazonaws.com"
	if p, ok := PartitionOfRegion(region); ok {
		suffix = p.DNSSuffix
	} else {
		region = "REGION"
	}
	return "payments.cluster-abc." + region + ".rds." + suffix
}

// ValidateDatabaseHost checks secret.database.host: a DNS name such as
// payments.cluster-abc.REGION.rds.amazonaws.com or an IP address, without
// a scheme or a port.
func ValidateDatabaseHost(host string) error {
	if host == "" {
		return errors.New("must not be empty; give the database's DNS name, such as " + DatabaseHostExample(""))
	}
	if strings.Contains(host, "://") {
		return errors.New("must be a host name only, without a scheme such as postgres://")
	}
	if mayBeIPAddr(host) {
		if _, err := netip.ParseAddr(host); err == nil {
			return nil
		}
	}
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		if _, err := strconv.Atoi(host[i+1:]); err == nil {
			return errors.New("must be a host name only; give the port in port")
		}
	}
	if len(host) > 253 {
		return errors.New("must be at most 253 characters, the longest DNS name")
	}
	var label string
	for rest, more := strings.TrimSuffix(host, "."), true; more; {
		label, rest, more = strings.Cut(rest, ".")
		if len(label) > 63 {
			return fmt.Errorf("has a part of %d characters between dots; a DNS name's parts are at most 63", len(label))
		}
		if !isHostLabel(label) {
			return errors.New("must be a DNS name (letters, digits and hyphens between dots) or an IP address")
		}
	}
	// A name whose last part is a number is no DNS name (RFC 3696), and
	// four numbers are an IPv4 address that did not parse: 300.1.1.1.
	if strings.Trim(label, "0123456789") == "" {
		if strings.Count(strings.TrimSuffix(host, "."), ".") == 3 {
			return errors.New("is not an IP address: an IPv4 address is four numbers from 0 to 255")
		}
		return errors.New("must end in a name, not a number: a DNS name's last part has a letter")
	}
	return nil
}

// mayBeIPAddr is false for a non-empty s that netip.ParseAddr refuses
// for certain: without a colon only an IPv4 address parses, and it begins
// with a digit. It spares a DNS name the error ParseAddr allocates, on
// every keystroke in the wizard.
func mayBeIPAddr(s string) bool {
	return s[0] >= '0' && s[0] <= '9' || strings.IndexByte(s, ':') >= 0
}

// isHostLabel reports whether s is one label of a DNS name: 1 to 63
// letters, digits and hyphens, beginning and ending with a letter or digit.
// (A loop rather than a regular expression: the wizard validates the host
// on every keystroke.)
func isHostLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (c != '-' || i == 0 || i == len(s)-1) {
			return false
		}
	}
	return true
}

// ValidateDatabasePort checks secret.database.port: 1-65535.
func ValidateDatabasePort(port int) error {
	if port < 1 || port > 65535 {
		// The value is not repeated: it is beside the message, and one
		// too long to read reaches here as the largest int.
		return errors.New("must be a TCP port from 1 to 65535; leave it out for the engine's default")
	}
	return nil
}

// ValidateDatabaseName checks secret.database.dbname: 1-128 characters with
// no spaces, quotes or control characters, which no engine allows in the
// names the rotation functions pass to it.
func ValidateDatabaseName(name string) error {
	return connectionWord(name, "database name", "payments")
}

// ValidateDatabaseUsername checks secret.database.username, the user whose
// password rotates: 1-128 characters with no spaces, quotes or control
// characters.
func ValidateDatabaseUsername(name string) error {
	return connectionWord(name, "user name", "payments_app")
}

func connectionWord(s, what, example string) error {
	if s == "" {
		return fmt.Errorf("must not be empty; give the %s, such as %s", what, example)
	}
	if len(s) > 128 {
		return fmt.Errorf("must be at most 128 characters")
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r == '"' || r == '\'' || r == '\\' {
			article := "a"
			if strings.ContainsRune("aeiou", rune(what[0])) {
				article = "an" // "an engine name"
			}
			return fmt.Errorf("must be %s %s without spaces, quotes, backslashes or control characters", article, what)
		}
	}
	// The C1 controls and the bidirectional ones, as in every text that
	// names something.
	return TextCharacters(s, false)
}

// ValidateDatabaseTargetType checks secret.database.targetType: one of
// DatabaseTargetTypes, spelled exactly.
func ValidateDatabaseTargetType(t string) error {
	for _, v := range DatabaseTargetTypes {
		if v == t {
			return nil
		}
	}
	for _, v := range DatabaseTargetTypes {
		if strings.EqualFold(v, t) {
			return fmt.Errorf("must be spelled exactly; did you mean %q?", v)
		}
	}
	return fmt.Errorf("must be one of %s", strings.Join(DatabaseTargetTypes, ", "))
}

// ValidateDatabaseTargetID checks secret.database.targetId: the identifier of
// the database instance, cluster or namespace (not its ARN), such as
// payments-cluster.
func ValidateDatabaseTargetID(id string) error {
	if strings.HasPrefix(id, "arn:") {
		return errors.New("must be the identifier of the database, such as payments-cluster, not its ARN")
	}
	if !targetIDRE().MatchString(id) {
		return errors.New("must be a database identifier: a letter, then up to 254 letters, digits and hyphens, such as payments-cluster")
	}
	return nil
}

// ValidateEndpointMode checks rotation.hostedRotationLambda.endpoint:
// existing (the VPC has an interface endpoint for Secrets Manager), that
// endpoint's id (vpce-...), or nat (the subnets reach the internet through
// a NAT gateway).
func ValidateEndpointMode(m string) error {
	switch m {
	case EndpointExisting, EndpointNAT:
		return nil
	}
	if strings.HasPrefix(m, "vpce-") {
		return ValidateVPCEndpointID(m)
	}
	return fmt.Errorf("must be %s (the VPC already has an interface endpoint for Secrets Manager), that endpoint's id (vpce-...) or %s (the subnets route through a NAT gateway); to have one created, leave it out and give vpcId", EndpointExisting, EndpointNAT)
}

// ValidateSNSTopicARN checks monitoring.alertTopicArn, such as
// arn:aws:sns:us-east-1:111122223333:secops-alerts.
func ValidateSNSTopicARN(arn string) error {
	if !snsTopicRE().MatchString(arn) {
		return errors.New("must be an SNS topic ARN such as arn:aws:sns:REGION:111122223333:secops-alerts")
	}
	return nil
}

// HostedRotationType returns the rotation type of the design's hosted
// rotation function, when it has one of the known types.
func (d *Design) HostedRotationType() (RotationType, bool) {
	if d.Rotation == nil || d.Rotation.HostedRotationLambda == nil {
		return RotationType{}, false
	}
	return LookupRotationType(d.Rotation.HostedRotationLambda.RotationType)
}

// RotationExcludeCharacters is what the hosted rotation function leaves out
// of the passwords it generates: hostedRotationLambda.excludeCharacters, or,
// when that is empty, the secret's generateSecretString.excludeCharacters,
// so rotated values keep the alphabet of the first one (AWS CDK's hosted
// rotation does the same). Without it the function would fall back to its
// template's own default and could write a character the first value
// avoided because the database or a connection string refuses it.
func (d *Design) RotationExcludeCharacters() string {
	if d.Rotation == nil || d.Rotation.HostedRotationLambda == nil {
		return ""
	}
	if x := d.Rotation.HostedRotationLambda.ExcludeCharacters; x != "" {
		return x
	}
	if g := d.Secret.GenerateSecretString; g != nil && !d.IsExisting() {
		return g.ExcludeCharacters
	}
	return ""
}

// FirstRotationNote says, for a hosted single-user rotation of a database
// user that exists already, why the first rotation fails and the one safe
// way through; "" when it does not apply. A single-user function signs in
// with the secret's current value before it sets a new one (setSecret in
// aws-samples/aws-secrets-manager-rotation-lambdas), and a user that existed
// before the secret has another password. A database given as a target is
// attached to the secret, and Db2SingleUser and the multi-user types sign
// in with the master secret, so none of them needs it. Review, generate's
// next steps and the wizard's Done screen all show this one text.
func (d *Design) FirstRotationNote() string {
	var b strings.Builder
	for i, l := range d.FirstRotationSteps() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text)
	}
	return b.String()
}

// NoteLine is one line of a note: words, or a command to run, which
// stands on a line of its own so that it copies whole (issue 22 item 11:
// commands wrapped inside a sentence could not be copied).
type NoteLine struct {
	Text    string
	Command bool
}

// FirstRotationSteps is FirstRotationNote line by line, each command on
// a line of its own after the words that say what it is for; nil when
// the note does not apply.
func (d *Design) FirstRotationSteps() []NoteLine {
	rt, ok := d.HostedRotationType()
	if !ok || rt.NeedsMaster || d.Secret.Database.HasTarget() {
		return nil
	}
	user := "the database user"
	if db := d.Secret.Database; db != nil && db.Username != "" {
		user = "the database user " + db.Username
	}
	multi := ""
	for _, t := range RotationTypes {
		if t.Engine == rt.Engine && t.MultiUser {
			multi = t.Name
		}
	}
	// A new secret's value is generated by these templates, so no user
	// has it yet; an existing secret's value was stored by whoever made
	// it, which the user may have already (trial8a W15). Its ARN is known:
	// the commands name it rather than a placeholder.
	arn := "ARN"
	first := fmt.Sprintf("%s rotation signs in with the secret's current value, which %s does not have until someone sets it, "+
		"so if that user exists already the first rotation fails. Deploy with rotation.rotateImmediately false, then set the user's "+
		"password once to the secret's value, which the next command prints (in a shell whose history and output nobody keeps):", rt.Name, user)
	if d.IsExisting() {
		arn = d.Secret.ExistingSecretARN
		first = fmt.Sprintf("%s rotation signs in with the secret's current value, which this secret held before these templates, "+
			"so the first rotation fails unless that value is the password of %s. Deploy with rotation.rotateImmediately false, then "+
			"make sure the user's password is the secret's value, which the next command prints (in a shell whose history and output "+
			"nobody keeps), and set it if not:", rt.Name, user)
	}
	return []NoteLine{
		{Text: first},
		{Text: "aws secretsmanager get-secret-value --secret-id " + arn + " --query SecretString --output text", Command: true},
		{Text: "then start rotating with the next command; until then expect a TestRotationFailed alert:"},
		{Text: "aws secretsmanager rotate-secret --secret-id " + arn, Command: true},
		{Text: fmt.Sprintf("Or use %s with a master secret, which sets the password itself.", multi)},
	}
}

// TemplateField is one top-level key of the secret's JSON template, with its
// value as compact JSON.
type TemplateField struct {
	Key  string
	JSON string
}

// SecretTemplate returns the JSON template generate writes into
// GenerateSecretString for a new secret, as ordered fields, and the key that
// receives the generated password. It is the design's secretStringTemplate
// with the connection a hosted rotation function needs added after the keys
// the template already has: engine (from the rotation type), host and port
// (unless the database is a target, whose attachment or data source fills
// them in), dbname, username and, for multi-user rotation, masterarn. A
// database section without hosted rotation adds its connection without an
// engine. With no template, no database and no hosted rotation it returns
// nil and "": the value is a plain generated string.
//
// Keys the template already holds are kept as written; Validate reports the
// ones that disagree with the design.
func (d *Design) SecretTemplate() (fields []TemplateField, key string) {
	var g GenerateSecretString
	if d.Secret.GenerateSecretString != nil {
		g = *d.Secret.GenerateSecretString
	}
	fields = slices.Clone(readTemplate(g.SecretStringTemplate).fields)
	key = g.GenerateStringKey
	rt, hosted := d.HostedRotationType()
	db := d.Secret.Database
	if d.IsExisting() || !hosted && db == nil {
		return fields, key
	}
	if key == "" {
		key = "password"
	}
	if fields == nil {
		fields = []TemplateField{}
	}
	add := func(k, jsonValue string) {
		for _, f := range fields {
			if f.Key == k {
				return
			}
		}
		fields = append(fields, TemplateField{Key: k, JSON: jsonValue})
	}
	if hosted {
		add("engine", jsonText(rt.Engines[0]))
	}
	if db != nil {
		if !db.HasTarget() && db.Host != "" {
			add("host", jsonText(db.Host))
			port := db.Port
			if port == 0 {
				port = rt.DefaultPort // 0 without a hosted type: left out
			}
			if port != 0 {
				add("port", strconv.Itoa(port))
			}
		}
		if db.DBName != "" {
			add("dbname", jsonText(db.DBName))
		}
		if db.Username != "" {
			add("username", jsonText(db.Username))
		}
	}
	if hosted && rt.NeedsMaster {
		if h := d.Rotation.HostedRotationLambda; h.MasterSecretARN != "" {
			add("masterarn", jsonText(h.MasterSecretARN))
		}
	}
	return fields, key
}

// TemplateJSON writes fields as one compact JSON object, in order.
func TemplateJSON(fields []TemplateField) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jsonText(f.Key))
		b.WriteByte(':')
		b.WriteString(f.JSON)
	}
	b.WriteByte('}')
	return b.String()
}

// jsonText is s as a JSON string, with <, > and & left as they are so the
// template reads the way it was typed.
func jsonText(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// templateInfo is what the rules and Validate need to know about a
// secretStringTemplate, read once with encoding/json.
type templateInfo struct {
	// fields are the top-level members in the order written, nil when the
	// template is empty or not a JSON object.
	fields []TemplateField
	// values are the fields' values decoded (numbers as json.Number).
	values []any
	// literal are the keys literalTemplateKeys reports.
	literal []string
}

// templateCache remembers the last template read. Validate and Check run on
// every keystroke, and the template changes only while it is being typed,
// so one entry makes decoding it free the rest of the time. The slices in
// the cached templateInfo are shared and never modified.
var templateCache struct {
	sync.Mutex
	tmpl string
	info *templateInfo
}

// noTemplate is what an empty template holds.
var noTemplate = &templateInfo{}

func readTemplate(tmpl string) *templateInfo {
	if tmpl == "" {
		return noTemplate
	}
	templateCache.Lock()
	defer templateCache.Unlock()
	if templateCache.info != nil && templateCache.tmpl == tmpl {
		return templateCache.info
	}
	info := &templateInfo{fields: topLevelFields(tmpl), literal: literalTemplateKeys(tmpl)}
	for _, f := range info.fields {
		var v any
		dec := json.NewDecoder(strings.NewReader(f.JSON))
		dec.UseNumber()
		_ = dec.Decode(&v) // f.JSON came from the decoder
		info.values = append(info.values, v)
	}
	templateCache.tmpl, templateCache.info = tmpl, info
	return info
}

// field returns the decoded value of key and whether the template has it.
func (t *templateInfo) field(key string) (any, bool) {
	for i, f := range t.fields {
		if f.Key == key {
			return t.values[i], true
		}
	}
	return nil, false
}

// has reports whether the template gives key a value other than "" or null.
func (t *templateInfo) has(key string) bool {
	v, ok := t.field(key)
	s, isText := v.(string)
	return ok && v != nil && (!isText || s != "")
}

// topLevelFields returns the top-level members of the JSON object tmpl in
// the order written, each value compacted, or nil when tmpl is empty or not
// a JSON object (Validate reports that). A key written twice keeps its last
// value, as encoding/json and Secrets Manager read it, at its first place.
func topLevelFields(tmpl string) []TemplateField {
	if strings.TrimSpace(tmpl) == "" {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(tmpl))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var out []TemplateField
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		k, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil
		}
		var c bytes.Buffer
		if err := json.Compact(&c, raw); err != nil {
			return nil
		}
		dup := false
		for i := range out {
			if out[i].Key == k {
				out[i].JSON, dup = c.String(), true
			}
		}
		if !dup {
			out = append(out, TemplateField{Key: k, JSON: c.String()})
		}
	}
	return out
}

// TemplateFieldsOf returns the top-level members of the JSON object tmpl in
// the order written, or nil when tmpl is empty or not a JSON object.
func TemplateFieldsOf(tmpl string) []TemplateField {
	return slices.Clone(readTemplate(tmpl).fields)
}

// LiftConnection shows the connection a new secret's secretStringTemplate
// writes down (host, port, dbname and username) in Secret.Database, and a
// multi-user rotation's masterarn in its masterSecretArn, when a hosted
// rotation function reads them: the inverse of SecretTemplate, which writes
// those keys from the design after the keys the template keeps. An imported
// template then opens with each value in its own field.
//
// It never changes the JSON the design writes (SecretTemplate), but for the
// engine's default port beside a host given without one: the keys at
// the template's end that SecretTemplate writes back in the same order are
// moved out of it, so a template secretsmith wrote comes back as it was
// written; a key elsewhere is copied, and stays in the template too. A value
// is taken only when its field accepts it (a port only as a JSON number);
// anything else stays in the template, where Validate judges it without
// showing it. When notRead reports a value as one the reader could not know
// (a reference kept as text), its key is dropped from the template and its
// design path returned, so the caller marks it not read rather than keep
// its text as a value.
func (d *Design) LiftConnection(notRead func(value string) bool) (dropped []string) {
	g := d.Secret.GenerateSecretString
	rt, hosted := d.HostedRotationType()
	if !hosted || d.IsExisting() || g == nil {
		return nil
	}
	fields := topLevelFields(g.SecretStringTemplate)
	if fields == nil {
		return nil
	}
	kept := fields[:0:0]
	for _, f := range fields {
		var text string
		if p := connectionPath[f.Key]; p != "" && notRead != nil && json.Unmarshal([]byte(f.JSON), &text) == nil && notRead(text) {
			dropped = append(dropped, p)
			continue
		}
		kept = append(kept, f)
	}
	if len(dropped) > 0 {
		g.SecretStringTemplate = templateText(kept)
	}
	want := TemplateJSON(firstOf(d.SecretTemplate()))
	same := func(c *Design) bool {
		fs, _ := c.SecretTemplate()
		if TemplateJSON(fs) == want {
			return true
		}
		// A host given without a port gets the engine's default port
		// written beside it, which is what the rotation function uses
		// when the port is missing: the same connection.
		fs = slices.DeleteFunc(fs, func(f TemplateField) bool { return f.Key == "port" && f.JSON == strconv.Itoa(rt.DefaultPort) })
		return TemplateJSON(fs) == want
	}
	// Move the longest end of the template that writes back unchanged.
	for k := range kept {
		c := d.Clone()
		ok := true
		for _, f := range kept[k:] {
			ok = ok && c.takeConnection(f)
		}
		if !ok {
			continue
		}
		c.Secret.GenerateSecretString.SecretStringTemplate = templateText(kept[:k])
		if same(c) {
			*d, kept = *c, kept[:k]
			break
		}
	}
	// Copy the others, each where that changes nothing written.
	for _, f := range kept {
		c := d.Clone()
		if c.takeConnection(f) && same(c) {
			*d = *c
		}
	}
	return dropped
}

// connectionPath is the design path of each key of a secret's JSON that
// SecretTemplate writes from the design.
var connectionPath = map[string]string{
	"host":      "secret.database.host",
	"port":      "secret.database.port",
	"dbname":    "secret.database.dbname",
	"username":  "secret.database.username",
	"masterarn": "rotation.hostedRotationLambda.masterSecretArn",
}

// ConnectionPaths are the design paths of the connection keys a secret's
// JSON template may give (TemplateConnection), sorted.
func ConnectionPaths() []string {
	return slices.Sorted(maps.Values(connectionPath))
}

// takeConnection sets the design field that SecretTemplate writes as f,
// reporting false when f is not such a key, its field already holds
// something else, or the field would not accept the value.
func (d *Design) takeConnection(f TemplateField) bool {
	if f.Key == "port" {
		n, err := strconv.Atoi(f.JSON)
		if err != nil || ValidateDatabasePort(n) != nil || d.Secret.Database.HasTarget() {
			return false
		}
		db := d.database()
		if db.Port != 0 && db.Port != n {
			return false
		}
		db.Port = n
		return true
	}
	var text string
	if connectionPath[f.Key] == "" || json.Unmarshal([]byte(f.JSON), &text) != nil {
		return false
	}
	var dst *string
	var err error
	switch f.Key {
	case "host":
		if d.Secret.Database.HasTarget() {
			return false
		}
		dst, err = &d.database().Host, ValidateDatabaseHost(text)
	case "dbname":
		dst, err = &d.database().DBName, ValidateDatabaseName(text)
	case "username":
		dst, err = &d.database().Username, ValidateDatabaseUsername(text)
	case "masterarn":
		if rt, _ := d.HostedRotationType(); !rt.NeedsMaster {
			return false
		}
		dst, err = &d.Rotation.HostedRotationLambda.MasterSecretARN, ValidateMasterSecretARN(text)
	}
	if err != nil || *dst != "" && *dst != text {
		return false
	}
	*dst = text
	return true
}

// database returns the secret's database section, adding an empty one.
func (d *Design) database() *Database {
	if d.Secret.Database == nil {
		d.Secret.Database = &Database{}
	}
	return d.Secret.Database
}

// templateText is fields as a secretStringTemplate: "" for none.
func templateText(fields []TemplateField) string {
	if len(fields) == 0 {
		return ""
	}
	return TemplateJSON(fields)
}

// firstOf returns the first of two results.
func firstOf[A, B any](a A, _ B) A { return a }
