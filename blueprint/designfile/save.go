package designfile

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/token"

	"github.com/secretsmith/secretsmith/blueprint"
)

// sectionComments go above the top-level keys that Save writes.
var sectionComments = map[string]string{
	"version":        "secretsmith design file; docs/design-file.md describes every key.",
	"name":           "Label for generated files (derived from the secret id when omitted).",
	"secret":         "The secret: one to create (secretId) or one that exists (existingSecretArn).",
	"resourcePolicy": "Who may use the secret: the resource policy attached to it.",
	"rotation":       "How often the secret rotates, and which Lambda function rotates it.",
	"monitoring":     "Who hears when rotation fails or the secret changes.",
	"waivers":        "Blueprint rules this design does not meet on purpose, and why.",
	"output":         "Where the templates were last written; generate uses it when --format is not given.",
}

// Save writes d as a design file: keys in a fixed order, a comment above
// each section, and empty fields left out, so that Decode(Save(d)) gives d
// back. A Version of 0 is written as blueprint.CurrentVersion; empty lists
// load back as nil; and condition rows are grouped by operator, because the
// file nests keys under operators, so rows of one operator that were not
// next to each other come back next to each other.
//
// Save refuses what the file cannot hold: strings that are not valid UTF-8,
// a tag key used twice, the same operator and key in two condition rows,
// and a principal that is both "*" and a list.
func Save(d *blueprint.Design) ([]byte, error) {
	if d == nil {
		return nil, fmt.Errorf("save design: no design")
	}
	return save(d)
}

// saver builds the document. Every user string goes into the tree as a
// placeholder and is put back on the finished syntax tree with a style the
// YAML library then renders: plain when that is certain to read back as
// the same string, quoted otherwise. The library's own choice of quoting
// misses some strings (a lone tab is written bare and read back as null),
// so it is not trusted.
type saver struct {
	strs map[string]string
	err  error
}

const placeholderPrefix = "secretsmithSavedString"

func (s *saver) text(v string) string {
	if !utf8.ValidString(v) && s.err == nil {
		s.err = fmt.Errorf("save design: %s is not valid UTF-8", shortQuote(v))
	}
	ph := fmt.Sprintf("%s%d", placeholderPrefix, len(s.strs))
	s.strs[ph] = v
	return ph
}

func (s *saver) texts(vs []string) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = s.text(v)
	}
	return out
}

// mapping is an ordered mapping that skips empty values as it is built.
type mapping yaml.MapSlice

func (m *mapping) str(s *saver, key, v string) {
	if v != "" {
		*m = append(*m, yaml.MapItem{Key: key, Value: s.text(v)})
	}
}

func (m *mapping) list(s *saver, key string, vs []string) {
	if len(vs) > 0 {
		*m = append(*m, yaml.MapItem{Key: key, Value: s.texts(vs)})
	}
}

func (m *mapping) intPtr(key string, v *int) {
	if v != nil {
		*m = append(*m, yaml.MapItem{Key: key, Value: *v})
	}
}

func (m *mapping) boolPtr(key string, v *bool) {
	if v != nil {
		*m = append(*m, yaml.MapItem{Key: key, Value: *v})
	}
}

func (m *mapping) add(key string, v any) { *m = append(*m, yaml.MapItem{Key: key, Value: v}) }

func save(d *blueprint.Design) ([]byte, error) {
	s := &saver{strs: make(map[string]string)}
	root, err := s.design(d)
	if err != nil {
		return nil, err
	}
	if s.err != nil {
		return nil, s.err
	}
	node, err := yaml.ValueToNode(yaml.MapSlice(root), yaml.Indent(2), yaml.IndentSequence(true))
	if err != nil {
		return nil, fmt.Errorf("save design: %w", err)
	}
	s.restyle(node)
	if m, ok := node.(*ast.MappingNode); ok {
		for _, mv := range m.Values {
			key, _ := keyText(mv.Key)
			if c, ok := sectionComments[key]; ok {
				tk := token.New(" "+c, " "+c, nil)
				tk.Type = token.CommentType
				if err := mv.SetComment(ast.CommentGroup([]*token.Token{tk})); err != nil {
					return nil, fmt.Errorf("save design: %w", err)
				}
			}
		}
	}
	// A blank line before each section comment. Only Save's own comments
	// start a line with "#": every user string is on one line, after a key
	// or a "- ".
	lines := strings.Split(node.String(), "\n")
	var b strings.Builder
	for i, line := range lines {
		if i > 0 && strings.HasPrefix(line, "#") && !strings.HasPrefix(lines[i-1], "#") {
			b.WriteByte('\n')
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return []byte(b.String()), nil
}

func (s *saver) design(d *blueprint.Design) (mapping, error) {
	var root mapping
	v := d.Version
	if v == 0 {
		v = blueprint.CurrentVersion
	}
	root.add("version", v)
	root.str(s, "name", d.Name)
	if sec, err := s.secret(&d.Secret); err != nil {
		return nil, err
	} else if len(sec) > 0 {
		root.add("secret", yaml.MapSlice(sec))
	}
	if p := d.ResourcePolicy; p != nil {
		var pm mapping
		pm.boolPtr("blockPublicPolicy", p.BlockPublicPolicy)
		if len(p.Statements) > 0 {
			var sts []any
			for i := range p.Statements {
				st, err := s.statement(i, &p.Statements[i])
				if err != nil {
					return nil, err
				}
				sts = append(sts, yaml.MapSlice(st))
			}
			pm.add("statements", sts)
		}
		root.add("resourcePolicy", yaml.MapSlice(pm))
	}
	if r := d.Rotation; r != nil {
		var rm mapping
		if r.AutomaticallyAfterDays != 0 {
			rm.add("automaticallyAfterDays", r.AutomaticallyAfterDays)
		}
		rm.str(s, "scheduleExpression", r.ScheduleExpression)
		rm.str(s, "duration", r.Duration)
		rm.boolPtr("rotateImmediately", r.RotateImmediately)
		if h := r.HostedRotationLambda; h != nil {
			var hm mapping
			hm.str(s, "rotationType", h.RotationType)
			hm.str(s, "rotationLambdaName", h.RotationLambdaName)
			hm.str(s, "kmsKeyArn", h.KMSKeyARN)
			hm.str(s, "masterSecretArn", h.MasterSecretARN)
			hm.str(s, "masterSecretKmsKeyArn", h.MasterSecretKMSKeyARN)
			hm.list(s, "vpcSubnetIds", h.VPCSubnetIDs)
			hm.list(s, "vpcSecurityGroupIds", h.VPCSecurityGroupIDs)
			hm.str(s, "excludeCharacters", h.ExcludeCharacters)
			hm.str(s, "vpcId", h.VPCID)
			hm.str(s, "vpcCidr", h.VPCCIDR)
			hm.str(s, "endpoint", h.Endpoint)
			rm.add("hostedRotationLambda", yaml.MapSlice(hm))
		}
		rm.str(s, "rotationLambdaArn", r.RotationLambdaARN)
		rm.str(s, "rotationLambdaRoleArn", r.RotationLambdaRoleARN)
		root.add("rotation", yaml.MapSlice(rm))
	}
	var mm mapping
	mm.boolPtr("rotationFailureAlert", d.Monitoring.RotationFailureAlert)
	mm.str(s, "alertEmail", d.Monitoring.AlertEmail)
	mm.str(s, "alertTopicArn", d.Monitoring.AlertTopicARN)
	mm.boolPtr("changeAlert", d.Monitoring.ChangeAlert)
	if d.Monitoring.ConfigRules {
		mm.add("configRules", true)
	}
	if len(mm) > 0 {
		root.add("monitoring", yaml.MapSlice(mm))
	}
	if len(d.Waivers) > 0 {
		var ws []any
		for _, w := range d.Waivers {
			var wm mapping
			wm.str(s, "rule", w.Rule)
			wm.str(s, "reason", w.Reason)
			ws = append(ws, yaml.MapSlice(wm))
		}
		root.add("waivers", ws)
	}
	if o := d.Output; o != nil {
		var om mapping
		om.str(s, "format", o.Format)
		om.str(s, "path", o.Path)
		if o.ReaderPolicies {
			om.add("readerPolicies", true)
		}
		root.add("output", yaml.MapSlice(om))
	}
	return root, nil
}

func (s *saver) secret(sec *blueprint.Secret) (mapping, error) {
	var m mapping
	m.str(s, "secretId", sec.SecretID)
	m.str(s, "existingSecretArn", sec.ExistingSecretARN)
	m.str(s, "region", sec.Region)
	m.str(s, "description", sec.Description)
	m.str(s, "kmsKeyArn", sec.KMSKeyARN)
	m.intPtr("recoveryWindowDays", sec.RecoveryWindowDays)
	if g := sec.GenerateSecretString; g != nil {
		var gm mapping
		gm.str(s, "secretStringTemplate", g.SecretStringTemplate)
		gm.str(s, "generateStringKey", g.GenerateStringKey)
		gm.intPtr("passwordLength", g.PasswordLength)
		gm.str(s, "excludeCharacters", g.ExcludeCharacters)
		gm.boolPtr("excludeLowercase", g.ExcludeLowercase)
		gm.boolPtr("excludeUppercase", g.ExcludeUppercase)
		gm.boolPtr("excludeNumbers", g.ExcludeNumbers)
		gm.boolPtr("excludePunctuation", g.ExcludePunctuation)
		gm.boolPtr("includeSpace", g.IncludeSpace)
		gm.boolPtr("requireEachIncludedType", g.RequireEachIncludedType)
		m.add("generateSecretString", yaml.MapSlice(gm))
	}
	if len(sec.Tags) > 0 {
		var tm mapping
		seen := make(map[string]bool, len(sec.Tags))
		for _, t := range sec.Tags {
			if seen[t.Key] {
				return nil, fmt.Errorf("save design: %s: tag key %s is used twice; a design file holds each tag key once", blueprint.TagPath(t.Key), shortQuote(t.Key))
			}
			seen[t.Key] = true
			tm.add(s.text(t.Key), s.text(t.Value))
		}
		m.add("tags", yaml.MapSlice(tm))
	}
	if len(sec.ReplicaRegions) > 0 {
		var rs []any
		for _, r := range sec.ReplicaRegions {
			var rm mapping
			rm.str(s, "region", r.Region)
			rm.str(s, "kmsKeyArn", r.KMSKeyARN)
			rs = append(rs, yaml.MapSlice(rm))
		}
		m.add("replicaRegions", rs)
	}
	if db := sec.Database; db != nil {
		var dm mapping
		dm.str(s, "host", db.Host)
		if db.Port != 0 {
			dm.add("port", db.Port)
		}
		dm.str(s, "dbname", db.DBName)
		dm.str(s, "username", db.Username)
		dm.str(s, "targetType", db.TargetType)
		dm.str(s, "targetId", db.TargetID)
		m.add("database", yaml.MapSlice(dm))
	}
	return m, nil
}

func (s *saver) statement(i int, st *blueprint.Statement) (mapping, error) {
	var m mapping
	m.str(s, "sid", st.Sid)
	m.str(s, "effect", st.Effect)
	for _, p := range []struct {
		key string
		p   *blueprint.Principal
	}{{"principal", st.Principal}, {"notPrincipal", st.NotPrincipal}} {
		if p.p == nil {
			continue
		}
		if p.p.Wildcard {
			if len(p.p.AWS)+len(p.p.Service)+len(p.p.Federated) > 0 {
				return nil, fmt.Errorf(`save design: %s.%s: is both "*" and a list of principals; a design file holds one or the other`, blueprint.StatementPath(i), p.key)
			}
			m.add(p.key, s.text("*"))
			continue
		}
		var pm mapping
		pm.list(s, "AWS", p.p.AWS)
		pm.list(s, "Service", p.p.Service)
		pm.list(s, "Federated", p.p.Federated)
		m.add(p.key, yaml.MapSlice(pm))
	}
	m.list(s, "action", st.Action)
	m.list(s, "notAction", st.NotAction)
	if len(st.Resource) == 1 {
		// resource: "*" is how nearly every statement reads.
		m.add("resource", s.text(st.Resource[0]))
	} else {
		m.list(s, "resource", st.Resource)
	}
	if len(st.Condition) > 0 {
		cm, err := s.conditions(i, st.Condition)
		if err != nil {
			return nil, err
		}
		m.add("condition", yaml.MapSlice(cm))
	}
	return m, nil
}

// conditions nests the flat rows as operator -> key -> values, operators in
// the order they first appear.
func (s *saver) conditions(i int, rows []blueprint.Condition) (mapping, error) {
	var ops []string
	byOp := make(map[string][]blueprint.Condition)
	for _, c := range rows {
		if _, ok := byOp[c.Operator]; !ok {
			ops = append(ops, c.Operator)
		}
		for _, prev := range byOp[c.Operator] {
			if prev.Key == c.Key {
				return nil, fmt.Errorf("save design: %s: two condition rows have this operator and key; put all the values in one row", blueprint.ConditionPath(i, c))
			}
		}
		byOp[c.Operator] = append(byOp[c.Operator], c)
	}
	var m mapping
	for _, op := range ops {
		var km mapping
		for _, c := range byOp[op] {
			km.add(s.text(c.Key), s.texts(c.Values))
		}
		m.add(s.text(op), yaml.MapSlice(km))
	}
	return m, nil
}

// restyle swaps the placeholders in the tree for the real strings.
func (s *saver) restyle(n ast.Node) {
	switch v := n.(type) {
	case *ast.MappingNode:
		for _, mv := range v.Values {
			s.restyle(mv)
		}
	case *ast.MappingValueNode:
		s.restyle(v.Key)
		s.restyle(v.Value)
	case *ast.SequenceNode:
		for _, item := range v.Values {
			s.restyle(item)
		}
	case *ast.StringNode:
		real, ok := s.strs[v.Value]
		if !ok {
			return
		}
		v.Value = real
		v.Token.Value = real
		v.Token.Origin = real
		switch {
		case plainSafe(real):
			v.Token.Type = token.StringType
		case strings.ContainsAny(real, `"\\`) && allPrintable(real):
			// JSON templates and excludeCharacters read better
			// without backslashes.
			v.Token.Type = token.SingleQuoteType
		default:
			v.Token.Type = token.DoubleQuoteType
		}
	}
}

// allPrintable reports whether a single-quoted YAML string can hold s as
// is: single quotes have no escapes, so no tabs, line breaks or other
// invisible characters.
func allPrintable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// plainChars are the strings written without quotes: they start with a
// letter, hold only letters, digits, single spaces and -_./:@+=()*$, and do
// not end in a space or colon. Everything else (numbers, durations such as
// 2h, "*", JSON, anything with # or quotes) is double-quoted.
var plainChars = regexp.MustCompile(`^[A-Za-z]([A-Za-z0-9_./:@+=()*$-]| [A-Za-z0-9_./@+=()*$-])*$`)

// yamlWords are plain words that some YAML reader takes for something other
// than text.
var yamlWords = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true,
	"null": true, "nan": true, "inf": true, "infinity": true,
}

// plainSafe reports whether v can be written without quotes and still be
// read back as exactly v, by secretsmith and by any other YAML reader.
func plainSafe(v string) bool {
	if !plainChars.MatchString(v) || yamlWords[strings.ToLower(v)] || strings.HasSuffix(v, ":") ||
		strings.Contains(v, ": ") {
		return false
	}
	// Belt and braces: the string must lex as one plain string, both as a
	// value and as a key.
	for _, doc := range []string{"k: " + v + "\n", v + ": k\n"} {
		tks := lexer.Tokenize(doc)
		if len(tks) != 3 {
			return false
		}
		at := tks[2]
		if strings.HasPrefix(doc, v) {
			at = tks[0]
		}
		if at.Type != token.StringType || at.Value != v {
			return false
		}
	}
	return true
}
