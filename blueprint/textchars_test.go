package blueprint

import (
	"strings"
	"testing"
)

// Every text field that names or describes something has the one check
// of TextCharacters: a control character refused, a bidirectional control
// at least warned, wherever Validate looks (and so the wizard, generate and
// check). A database user name "ad\u202emin", shown as "adnim", and a
// condition key holding an escape passed without a word (issue 22's
// trial 7b, V6 and V18).
func TestNamingFieldsCheckTextCharacters(t *testing.T) {
	n := len(validDesign().namingFields())
	for _, c := range []struct {
		add string
		sev Severity
	}{{"\u202e", SeverityWarning}, {"\x1b[31m", SeverityError}, {"\a", SeverityError}, {"\u009b", SeverityError},
		// Invisible characters (trial8b X2): a line separator is a line
		// break, refused where lines are (a description warns).
		{"\u200b", SeverityWarning}, {"\ufeff", SeverityWarning}, {"\U000E0041", SeverityWarning}, {"\u2028", SeverityWarning}} {
		for i := 0; i < n; i++ {
			d := validDesign()
			f := d.namingFields()[i]
			*f.value += c.add
			if !hasProblem(d.Validate(), f.path, c.sev) {
				t.Errorf("%s + %q: no problem of at least %v at its path in %v", f.path, c.add, c.sev, d.Validate())
			}
		}
	}
}

// hasProblem reports whether ps holds a problem at path at least as
// severe as sev.
func hasProblem(ps Problems, path string, sev Severity) bool {
	for _, p := range ps {
		if p.Path == path && (p.Severity == sev || p.Severity == SeverityError) {
			return true
		}
	}
	return false
}

// The fields outside namingFields that are text too: a condition key, a
// waiver's reason, the keys of the secret's JSON template and its
// connection values.
func TestOtherTextFieldsCheckTextCharacters(t *testing.T) {
	for _, c := range []struct {
		name   string
		mutate func(d *Design, add string)
		path   string
	}{
		{"condition key after a tag prefix", func(d *Design, add string) {
			d.ResourcePolicy.Statements[0].Condition = append(d.ResourcePolicy.Statements[0].Condition,
				Condition{Operator: "StringEquals", Key: "aws:PrincipalTag/team" + add, Values: []string{"payments"}})
		}, "resourcePolicy.statements[0].condition"},
		{"condition value of a key without a shape", func(d *Design, add string) {
			d.ResourcePolicy.Statements[0].Condition = append(d.ResourcePolicy.Statements[0].Condition,
				Condition{Operator: "StringLike", Key: "aws:userid", Values: []string{"AROA*:" + add + "alice"}})
		}, "resourcePolicy.statements[0].condition"},
		{"waiver reason", func(d *Design, add string) {
			d.Waivers = append(d.Waivers, Waiver{Rule: "rotation-enabled", Reason: "vendor limit " + add + " see SEC-1"})
		}, "waivers"},
		{"template key", func(d *Design, add string) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","re` + jsonEscape(add) + `gion":"x"}`
		}, "secret.generateSecretString.secretStringTemplate"},
		{"template username", func(d *Design, add string) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"ap` + jsonEscape(add) + `p"}`
		}, "secret.generateSecretString.secretStringTemplate"},
		{"template dbname", func(d *Design, add string) {
			d.Secret.GenerateSecretString.SecretStringTemplate = `{"username":"app","dbname":"pay` + jsonEscape(add) + `"}`
		}, "secret.generateSecretString.secretStringTemplate"},
	} {
		for _, a := range []struct {
			add string
			sev Severity
		}{{"\u202e", SeverityWarning}, {"\x1b", SeverityError}, {"\u200b", SeverityWarning}, {"\ufeff", SeverityWarning}} {
			d := validDesign()
			// Without secret.database, whose own username would differ
			// from the template's and be the problem found.
			d.Secret.Database = nil
			c.mutate(d, a.add)
			found := false
			for _, p := range d.Validate() {
				if strings.HasPrefix(p.Path, c.path) && (p.Severity == a.sev || p.Severity == SeverityError) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s + %q: no problem of at least %v under %s in %v", c.name, a.add, a.sev, c.path, d.Validate())
			}
		}
	}
}

// jsonEscape writes r as a JSON \u escape.
func jsonEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			b.WriteString(`\u`)
			const hex = "0123456789abcdef"
			b.WriteByte(hex[r>>12&15])
			b.WriteByte(hex[r>>8&15])
			b.WriteByte(hex[r>>4&15])
			b.WriteByte(hex[r&15])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
