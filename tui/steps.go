package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// fields returns the questions of the current screen, built from the design.
func (m *Model) fields() []field {
	fs := m.withPickers(m.stepFields())
	for i := range fs {
		if fs[i].id == "" {
			fs[i].id = fs[i].path
		}
	}
	m.unchosen(fs)
	return fs
}

func (m *Model) stepFields() []field {
	return m.fieldsOfStep(m.step)
}

// fieldsOfStep are step s's fields as the choices stand; on the policy
// step, those of the statement open, if one is.
func (m *Model) fieldsOfStep(s step) []field {
	switch s {
	case stepStart:
		return m.startFields()
	case stepSecret:
		return m.secretFields()
	case stepEncryption:
		return m.encryptionFields()
	case stepPolicy:
		if m.stmt >= 0 && m.d.ResourcePolicy != nil && m.stmt < len(m.d.ResourcePolicy.Statements) {
			return m.statementFields(m.stmt)
		}
		return m.policyFields()
	case stepRotation:
		return m.rotationFields()
	case stepMonitoring:
		return m.monitoringFields()
	case stepReview:
		return m.reviewFields()
	case stepDone:
		return []field{withHelp(button("done.quit", "Quit", func() {}), qDoneQuit)}
	}
	return nil
}

func (m *Model) continueButton() field {
	return withHelp(button(m.stepKey()+"continue", "Continue →", m.advance), qContinue)
}

// withHelp gives button b the question q, whose help ? shows: a button has
// no question of its own, and ? showed an empty page (issue 22's trial).
func withHelp(b field, q question) field {
	b.q = q
	return b
}

func (m *Model) startFields() []field {
	// The draft comes last, so the other choices keep their numbers in
	// line mode whether or not there is one.
	opts := []option{
		{value: "new", label: "Design a new secret"},
		{value: "existing", label: "Add a policy, rotation and alerts to an existing secret"},
		{value: "open", label: "Open a design file"},
	}
	if m.opts.Import != nil {
		opts = append(opts, option{value: "import", label: "Import a template (CloudFormation or Terraform)"})
	}
	// A draft this session wrote holds its own answers, not one to
	// resume; a draft this session resumed stays a choice (its answers
	// are kept in startStash when another is chosen).
	if (m.draftFound && !m.draft.mine) || m.startChoice == "resume" || m.loaded["resume"] {
		// The path goes in the hint, which wraps; a label is one line.
		opts = append(opts, option{value: "resume", label: m.draft.label})
	}
	q := qStart
	if m.startChoice == "resume" {
		q.hint += "; the draft is " + m.opts.DraftPath
	} else if m.draftFound && !m.draft.mine && m.draft.earlier && m.draft.aside == "" {
		q.hint += "; the saved draft will be kept at " + asidePath(m.opts.DraftPath)
	} else if note := m.draft.brokenNote(); note != "" && !m.draft.mine {
		q.hint += "; " + note
	}
	if why := m.draft.unsaved(m.opts.NoDraft); why != "" {
		q.hint += "; " + why
	}
	fs := []field{{
		id: "start.choice", q: q, kind: kindChoice, list: true, options: opts,
		get: func() string { return m.startChoice },
		set: func(v string) error { m.setStart(v); return nil },
	}}
	switch m.startChoice {
	case "existing":
		fs = append(fs, field{
			path: "secret.existingSecretArn", also: []string{"secret.secretId"}, q: qExistingARN, kind: kindText,
			required: "is required: the ARN of the secret to add to",
			get:      func() string { return m.d.Secret.ExistingSecretARN },
			set:      func(v string) error { m.d.Secret.ExistingSecretARN = strings.TrimSpace(v); return nil },
		})
	case "open":
		fs = append(fs, browse(field{
			id: "start.file", q: qDesignFile, kind: kindText, fileWords: true, takesQuestionMark: true,
			get: func() string { return m.mode["start.file"] },
			set: func(v string) error { m.mode["start.file"] = v; m.loaded["open"] = false; return nil },
		}, ".yaml", ".yml"))
	case "import":
		fs = append(fs, m.importFields()...)
	}
	return append(fs, m.continueButton())
}

func (m *Model) secretFields() []field {
	s := &m.d.Secret
	gen := func() *blueprint.GenerateSecretString {
		if s.GenerateSecretString == nil {
			s.GenerateSecretString = &blueprint.GenerateSecretString{}
		}
		return s.GenerateSecretString
	}
	genGet := func(get func(*blueprint.GenerateSecretString) string) func() string {
		return func() string {
			if s.GenerateSecretString == nil {
				return ""
			}
			return get(s.GenerateSecretString)
		}
	}
	fs := []field{
		{path: "secret.secretId", q: qSecretID, kind: kindText, required: "is required: the name of the secret to create",
			get: func() string { return s.SecretID },
			set: func(v string) error { s.SecretID = v; return nil }},
		{path: "secret.description", q: qDescription, kind: kindText, takesQuestionMark: true, rule: blueprint.RuleNoSecretInMetadata,
			get: func() string { return s.Description },
			set: func(v string) error { s.Description = v; return nil }},
		{path: "secret.region", q: qRegion, kind: kindText,
			get: func() string { return s.Region },
			set: func(v string) error { s.Region = strings.TrimSpace(v); return nil }},
		{path: "secret.generateSecretString.passwordLength", also: []string{"secret.generateSecretString"}, q: qPasswordLength,
			kind: kindText, number: true, rule: blueprint.RuleGeneratedValue,
			get: genGet(func(g *blueprint.GenerateSecretString) string { return intText(g.PasswordLength) }),
			set: func(v string) error {
				n, err := parseOptionalInt(v)
				if err != nil {
					return err // keepsNumber
				}
				gen().PasswordLength = n
				return nil
			}},
		{path: "secret.generateSecretString.excludeCharacters", q: qExcludeChars, kind: kindText, takesQuestionMark: true,
			get: genGet(func(g *blueprint.GenerateSecretString) string { return g.ExcludeCharacters }),
			set: func(v string) error { gen().ExcludeCharacters = v; return nil }},
		{path: "secret.generateSecretString.secretStringTemplate", q: qTemplate, kind: kindText, takesQuestionMark: true, rule: blueprint.RuleGeneratedValue,
			get: genGet(func(g *blueprint.GenerateSecretString) string { return g.SecretStringTemplate }),
			set: func(v string) error { gen().SecretStringTemplate = v; return nil }},
		{path: "secret.generateSecretString.generateStringKey", q: qGenerateKey, kind: kindText, takesQuestionMark: true,
			get: genGet(func(g *blueprint.GenerateSecretString) string { return g.GenerateStringKey }),
			set: func(v string) error { gen().GenerateStringKey = strings.TrimSpace(v); return nil }},
		{path: "secret.recoveryWindowDays", q: qRecovery, kind: kindText, number: true, rule: blueprint.RuleRecoveryWindow, placeholder: "30 (the default)",
			get: func() string { return intText(s.RecoveryWindowDays) },
			set: func(v string) error {
				n, err := parseOptionalInt(v)
				if err != nil {
					return err // keepsNumber
				}
				s.RecoveryWindowDays = n
				return nil
			}},
	}
	fs = append(fs, m.tagFields()...)
	fs = append(fs, m.replicaFields()...)
	return append(fs, m.continueButton())
}

// tagFields are the rows of tags, a key and a value each, with buttons to
// add and remove rows. A tag's problems are reported at its path (the
// design file's key and value share a line); those of its value show
// under the value, the rest under the key. The value's field also carries
// the mark of a value a template did not give.
func (m *Model) tagFields() []field {
	s := &m.d.Secret
	var fs []field
	for k := range s.Tags {
		t := &s.Tags[k]
		id := func(f string) string { return fmt.Sprintf("tag%d.%s", k, f) }
		path := blueprint.TagPath(t.Key)
		// The value's own problems are those ValidateTagValue gives
		// for it; the rest of the tag's (its key, a key used twice,
		// secret material in key=value) are the key's.
		ofValue := func(p blueprint.Problem) bool {
			err := blueprint.ValidateTagValue(t.Value)
			return p.Path == path && err != nil && p.Message == blueprint.TagValueMessage(err)
		}
		fs = append(fs,
			field{id: id("key"), path: path, exact: true, q: qTagKey, kind: kindText, takesQuestionMark: true, rule: blueprint.RuleTagsPresent,
				own: func(p blueprint.Problem) bool { return p.Path == path && !ofValue(p) },
				get: func() string { return t.Key },
				set: func(v string) error { t.Key = strings.TrimSpace(v); return nil }},
			field{id: id("value"), path: path, exact: true, holdsValue: true, own: ofValue,
				q: qTagValue, kind: kindText, takesQuestionMark: true, rule: blueprint.RuleNoSecretInMetadata,
				get: func() string { return t.Value },
				set: func(v string) error { t.Value = strings.TrimSpace(v); return nil }},
			withHelp(removeButtonIf(t.Key != "" || t.Value != "", id("remove"), "− Remove this tag", func() {
				s.Tags = append(s.Tags[:k:k], s.Tags[k+1:]...)
				if len(s.Tags) == 0 {
					s.Tags = nil
				}
				m.ed.Forget()
				m.refresh()
				m.focusAfterRemove(k < len(s.Tags), id("key"), "tags.add")
			}), qRemoveRow),
		)
	}
	add := button("tags.add", "+ Add a tag", func() {
		s.Tags = append(s.Tags, blueprint.Tag{})
		m.ed.Forget()
		m.refresh()
		m.focusID(fmt.Sprintf("tag%d.key", len(s.Tags)-1))
	})
	add.path, add.exact, add.q, add.rule = "secret.tags", true, qTagAdd, blueprint.RuleTagsPresent
	// With no tag yet, enter stops here: the blueprint wants one.
	add.passOver = len(s.Tags) > 0
	return append(fs, add)
}

// focusAfterRemove puts the focus, after a row was removed, on the first
// field of the row that took its place (rowID, when another row moved up) or
// else on the add button, so it never lands on another row's remove button.
func (m *Model) focusAfterRemove(moved bool, rowID, add string) {
	if moved {
		m.focusID(rowID)
		return
	}
	m.focusID(add)
}

// replicaRegionQuestion is the replica region's question, its example a
// region other than the secret's, in the secret's partition: "such as
// eu-central-1" for a secret in eu-central-1 named the one region the
// field refuses (issue 22's second trial).
func (m *Model) replicaRegionQuestion() question {
	q := qReplicaRegion
	q.hint = "another region"
	if r := blueprint.ReplicaRegionExample(m.d.PrimaryRegion()); r != "" {
		q.hint = "another region, such as " + r
	}
	return q
}

// replicaFields are the rows of replica regions, a region and its KMS key
// each, with buttons to add and remove rows.
func (m *Model) replicaFields() []field {
	s := &m.d.Secret
	var fs []field
	for k := range s.ReplicaRegions {
		r := &s.ReplicaRegions[k]
		base := blueprint.IndexPath("secret.replicaRegions", k)
		id := func(f string) string { return fmt.Sprintf("replica%d.%s", k, f) }
		fs = append(fs,
			field{id: id("region"), path: base + ".region", also: []string{base}, q: m.replicaRegionQuestion(), kind: kindText,
				get: func() string { return r.Region },
				set: func(v string) error { r.Region = strings.TrimSpace(v); return nil }},
			field{id: id("key"), path: base + ".kmsKeyArn", q: qReplicaKey, kind: kindText, rule: blueprint.RuleCustomerManagedKey,
				get: func() string { return r.KMSKeyARN },
				set: func(v string) error { r.KMSKeyARN = strings.TrimSpace(v); return nil }},
			withHelp(removeButtonIf(r.Region != "" || r.KMSKeyARN != "", id("remove"), "− Remove this replica", func() {
				s.ReplicaRegions = append(s.ReplicaRegions[:k:k], s.ReplicaRegions[k+1:]...)
				if len(s.ReplicaRegions) == 0 {
					s.ReplicaRegions = nil
				}
				m.ed.Forget()
				m.refresh()
				m.focusAfterRemove(k < len(s.ReplicaRegions), id("region"), "replicas.add")
			}), qRemoveRow),
		)
	}
	add := button("replicas.add", "+ Add a replica region", func() {
		s.ReplicaRegions = append(s.ReplicaRegions, blueprint.Replica{})
		m.ed.Forget()
		m.refresh()
		m.focusID(fmt.Sprintf("replica%d.region", len(s.ReplicaRegions)-1))
	})
	add.path, add.exact, add.q, add.rule = "secret.replicaRegions", true, qReplicaAdd, blueprint.RuleCustomerManagedKey
	add.passOver = true // replicas are optional: enter goes on to Continue
	return append(fs, add)
}

func (m *Model) encryptionFields() []field {
	s := &m.d.Secret
	mode := func() string {
		if v := m.mode["kms"]; v != "" {
			return v
		}
		if s.KMSKeyARN != "" {
			return "existing"
		}
		return "create"
	}
	fs := []field{{
		id: "encryption.choice", q: qKeyChoice, kind: kindChoice, list: true, rule: blueprint.RuleCustomerManagedKey,
		decides: []string{"secret.kmsKeyArn"},
		options: []option{
			{value: "create", label: "Create a dedicated key with yearly rotation (recommended)"},
			{value: "existing", label: "Use an existing customer managed key"},
		},
		get: mode,
		set: func(v string) error {
			m.mode["kms"] = v
			if v == "create" && s.KMSKeyARN != "" {
				m.stash.kms, s.KMSKeyARN = s.KMSKeyARN, ""
			} else if v == "existing" && s.KMSKeyARN == "" {
				s.KMSKeyARN = m.stash.kms
			}
			return nil
		},
	}}
	if mode() == "existing" {
		fs = append(fs, field{path: "secret.kmsKeyArn", q: qKMSKey, kind: kindText, rule: blueprint.RuleCustomerManagedKey,
			// The choice above, not an empty field, has a key created.
			reword: func(msg string) string {
				return strings.Replace(msg, blueprint.CreateKeyAdvice, ", or choose to create a dedicated key", 1)
			},
			get: func() string { return s.KMSKeyARN },
			set: func(v string) error { s.KMSKeyARN = strings.TrimSpace(v); return nil }})
	}
	return append(fs, m.continueButton())
}

// Policy step.

func (m *Model) statements() []blueprint.Statement {
	if m.d.ResourcePolicy == nil {
		return nil
	}
	return m.d.ResourcePolicy.Statements
}

func (m *Model) policyFields() []field {
	var fs []field
	// The row keys' hint comes from the key map (rowHint), as the key
	// lines do.
	q := qStatements
	q.hint = m.keys.rowHint()
	for i, st := range m.statements() {
		fs = append(fs, field{
			id: fmt.Sprintf("stmt%d", i), path: blueprint.StatementPath(i), q: q, kind: kindButton,
			label: statementSummary(st), brief: true,
			action:  func() { m.editStatement(i, "") },
			rowKeys: func(msg tea.KeyPressMsg) { m.statementRowKey(i, msg) },
		})
	}
	if m.d.ResourcePolicy != nil {
		p := m.d.ResourcePolicy
		fs = append(fs, field{path: "resourcePolicy.blockPublicPolicy", q: qBlock, kind: kindToggle, rule: blueprint.RuleBlockPublicPolicy,
			get: func() string { return boolText(p.BlocksPublicPolicy()) },
			set: func(v string) error {
				if v == "true" {
					p.BlockPublicPolicy = nil // the default, and what Save omits
				} else {
					f := false
					p.BlockPublicPolicy = &f
				}
				return nil
			}})
	}
	fs = append(fs,
		withHelp(button("policy.add", "+ Add a statement", func() {
			m.addStatement(blueprint.Statement{Effect: "Allow", Resource: []string{"*"}}, "Statement", 0)
		}), qPolicyAdd),
		withHelp(button("policy.role", "+ Let one role read it", func() {
			m.addStatement(blueprint.Statement{Sid: "AllowRoleRead", Effect: "Allow", Principal: &blueprint.Principal{},
				Action: readActions(), Resource: []string{"*"}}, "", 3)
		}), qPolicyRole),
		withHelp(button("policy.account", "+ Let another account read it", func() {
			m.addStatement(blueprint.Statement{Sid: accountSid, Effect: "Allow", Principal: &blueprint.Principal{},
				Action: readActions(), Resource: []string{"*"}}, "", 3)
		}), qPolicyAccount),
		withHelp(button("policy.vpce", "+ Deny everything outside my VPC endpoint", m.addEndpointDeny), qPolicyVPCE),
		m.continueButton(),
	)
	return fs
}

// addEndpointDeny adds the ready-made Deny outside the VPC endpoints,
// listing the endpoints the design already names (an Allow's
// aws:SourceVpce, the rotation function's endpoint id): a Deny that left
// them out would lock out those readers, or rotation. The values' hint
// says where each came from, until they are edited.
func (m *Model) addEndpointDeny() {
	st := blueprint.VPCEndpointDenyStatement()
	k := slices.IndexFunc(st.Condition, func(c blueprint.Condition) bool { return c.Key == "aws:SourceVpce" })
	var from []string
	for _, e := range m.d.KnownVPCEndpoints() {
		st.Condition[k].Values = append(st.Condition[k].Values, e.ID)
		from = append(from, e.ID+" from "+m.endpointSource(e.Path))
	}
	m.addStatement(st, "", -1)
	if len(from) > 0 {
		m.mode[fmt.Sprintf("stmt%d.cond%d.from", m.stmt, k)] = "filled in: " + strings.Join(from, ", ") +
			"; add any other endpoint your readers call through"
	}
}

// endpointSource names, in the screens' words, the value at path that
// names a VPC endpoint (KnownVPCEndpoints).
func (m *Model) endpointSource(path string) string {
	for i, st := range m.statements() {
		if strings.HasPrefix(path, blueprint.StatementPath(i)+".") {
			return fmt.Sprintf("the Allow statement %s", strconv.Quote(st.Sid))
		}
	}
	return "the rotation function's " + strings.ToLower(qEndpointID.title)
}

func readActions() []string {
	return []string{"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"}
}

// statementSummary is the one line that stands for a statement in the list.
func statementSummary(st blueprint.Statement) string {
	who := "nobody yet"
	p, but := st.Principal, ""
	if p == nil && st.NotPrincipal != nil {
		p, but = st.NotPrincipal, "everyone but "
	}
	if p != nil {
		switch {
		case p.Wildcard:
			who = but + "everyone (*)"
		case len(p.AWS)+len(p.Service)+len(p.Federated) > 0:
			all := append(append(append([]string{}, p.AWS...), p.Service...), p.Federated...)
			who = but + all[0]
			if len(all) > 1 {
				who += fmt.Sprintf(" +%d", len(all)-1)
			}
		}
	}
	what := actionSummary(st.Action)
	if len(st.Action) == 0 && len(st.NotAction) > 0 {
		what = "all actions but " + actionSummary(st.NotAction)
		if len(st.NotAction) > maxNamedActions {
			what = fmt.Sprintf("all but %d actions", len(st.NotAction))
		}
	}
	sid := st.Sid
	if sid == "" {
		sid = "(no Sid)"
	}
	line := fmt.Sprintf("%s: %s %s to %s", sid, st.Effect, what, who)
	if c := conditionSummary(st.Condition); c != "" {
		line += " · " + c
	}
	return line
}

// maxNamedActions is how many actions a statement's summary names; it
// counts more.
const maxNamedActions = 3

// actionSummary is a statement's actions in its summary: up to
// maxNamedActions named in short ("GetSecretValue and DescribeSecret",
// the secretsmanager: of each left out), more counted ("5 actions"), so a
// statement of one action and one of two read alike.
func actionSummary(acts []string) string {
	if len(acts) > maxNamedActions {
		return fmt.Sprintf("%d actions", len(acts))
	}
	names := make([]string, len(acts))
	for i, a := range acts {
		names[i] = a
		// secretsmanager:* stays whole: a bare * reads as nothing.
		if svc, name, ok := strings.Cut(a, ":"); ok && strings.EqualFold(svc, "secretsmanager") && name != "*" {
			names[i] = name
		}
	}
	if len(names) == 0 {
		return "no actions yet"
	}
	return blueprint.NameList(names, maxNamedActions)
}

// conditionSummary is a statement's conditions in short, for its row in the
// list, so a collapsed statement does not hide what limits it: "if
// aws:SourceVpce = vpce-0abc1234 and aws:PrincipalOrgID = o-a1b2c3". A row
// with nothing in it yet is left out; the list wraps the line, never cuts it.
func conditionSummary(cs []blueprint.Condition) string {
	var parts []string
	for _, c := range cs {
		if c.Key == "" && len(c.Values) == 0 {
			continue
		}
		key := cmpOr(c.Key, "(no key)")
		vals := cmpOr(strings.Join(c.Values, ", "), "(no value)")
		op, ifExists := strings.CutSuffix(c.Operator, "IfExists")
		// ForAnyValue: and ForAllValues: test each of a multivalued key's
		// values: "aws:TagKeys (any) = a, b".
		set := ""
		if pre, base, ok := strings.Cut(op, ":"); ok {
			set, op = map[string]string{"ForAnyValue": " (any)", "ForAllValues": " (all)"}[pre], base
		}
		part := key + set + " " + shortOperator(op) + " " + vals
		if op == "Null" && len(c.Values) == 1 {
			part = key + map[bool]string{true: " is absent", false: " is present"}[strings.EqualFold(c.Values[0], "true")]
		}
		if ifExists {
			part += " (if present)"
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return ""
	}
	return "if " + strings.Join(parts, " and ")
}

// shortOperator is a condition operator as a symbol or a word or two;
// one it does not know stays as written.
func shortOperator(op string) string {
	switch op {
	case "StringEquals", "StringEqualsIgnoreCase", "ArnEquals", "NumericEquals", "DateEquals", "BinaryEquals", "Bool":
		return "="
	case "StringNotEquals", "StringNotEqualsIgnoreCase", "ArnNotEquals", "NumericNotEquals", "DateNotEquals":
		return "!="
	case "StringLike", "ArnLike":
		return "like"
	case "StringNotLike", "ArnNotLike":
		return "not like"
	case "NumericLessThan", "DateLessThan":
		return "<"
	case "NumericLessThanEquals", "DateLessThanEquals":
		return "<="
	case "NumericGreaterThan", "DateGreaterThan":
		return ">"
	case "NumericGreaterThanEquals", "DateGreaterThanEquals":
		return ">="
	case "IpAddress":
		return "in"
	case "NotIpAddress":
		return "not in"
	}
	return op
}

// addStatement appends st, giving it a Sid no other statement has, and
// opens it with the focus on field number focus (-1: the last condition's
// values).
func (m *Model) addStatement(st blueprint.Statement, sidBase string, focus int) {
	if m.d.ResourcePolicy == nil {
		m.d.ResourcePolicy = &blueprint.ResourcePolicy{BlockPublicPolicy: m.stash.block}
	}
	if sidBase == "" {
		sidBase = st.Sid
	}
	st.Sid = m.uniqueSid(sidBase)
	m.d.ResourcePolicy.Statements = append(m.d.ResourcePolicy.Statements, st)
	i := len(m.d.ResourcePolicy.Statements) - 1
	m.clearStatementModes()
	m.refresh()
	id := ""
	switch {
	case focus == 3:
		id = fmt.Sprintf("stmt%d.principal", i)
	case focus < 0 && len(st.Condition) > 0:
		id = fmt.Sprintf("stmt%d.cond%d.values", i, len(st.Condition)-1)
	}
	m.editStatement(i, id)
}

func (m *Model) uniqueSid(base string) string {
	used := map[string]bool{}
	for _, st := range m.statements() {
		used[st.Sid] = true
	}
	if !used[base] && base != "Statement" {
		return base
	}
	for n := 1; ; n++ {
		if s := base + strconv.Itoa(n); !used[s] {
			return s
		}
	}
}

func (m *Model) editStatement(i int, focusID string) {
	m.stmt, m.focus = i, 0
	m.ed.Reset()
	m.ed.Forget()
	if focusID != "" {
		m.focusID(focusID)
	}
}

// clearStatementModes forgets remembered principal types, which are kept by
// statement index and so go stale when statements move.
func (m *Model) clearStatementModes() {
	for k := range m.mode {
		if strings.HasPrefix(k, "stmt") {
			delete(m.mode, k)
		}
	}
	for k := range m.localErr {
		if strings.HasPrefix(k, "stmt") {
			delete(m.localErr, k)
		}
	}
}

func (m *Model) statementRowKey(i int, msg tea.KeyPressMsg) {
	p := m.d.ResourcePolicy
	sts := p.Statements
	switch {
	case keyIs(msg, m.keys.Delete):
		// A statement's answers cannot be got back: ask first.
		m.askDeleteStatement(i)
		return
	case keyIs(msg, m.keys.Duplicate):
		cp := cloneStatement(sts[i])
		cp.Sid = m.uniqueSid(cp.Sid)
		p.Statements = append(sts[:i+1:i+1], append([]blueprint.Statement{cp}, sts[i+1:]...)...)
		m.focus = i + 1
	case keyIs(msg, m.keys.MoveUp) && i > 0:
		sts[i-1], sts[i] = sts[i], sts[i-1]
		m.focus = i - 1
	case keyIs(msg, m.keys.MoveDown) && i+1 < len(sts):
		sts[i+1], sts[i] = sts[i], sts[i+1]
		m.focus = i + 1
	default:
		return
	}
	m.clearStatementModes()
	m.refresh()
}

// deleteStatement removes statement i, and the policy with its last one.
func (m *Model) deleteStatement(i int) {
	p := m.d.ResourcePolicy
	if p == nil || i < 0 || i >= len(p.Statements) {
		return
	}
	p.Statements = append(p.Statements[:i:i], p.Statements[i+1:]...)
	if len(p.Statements) == 0 {
		m.stash.block = p.BlockPublicPolicy
		m.d.ResourcePolicy = nil
	}
	m.clearStatementModes()
	m.refresh()
}

func cloneStatement(st blueprint.Statement) blueprint.Statement {
	clonePrin := func(p *blueprint.Principal) *blueprint.Principal {
		if p == nil {
			return nil
		}
		c := *p
		c.AWS = append([]string(nil), p.AWS...)
		c.Service = append([]string(nil), p.Service...)
		c.Federated = append([]string(nil), p.Federated...)
		return &c
	}
	st.Principal = clonePrin(st.Principal)
	st.NotPrincipal = clonePrin(st.NotPrincipal)
	st.Action = append([]string(nil), st.Action...)
	st.NotAction = append([]string(nil), st.NotAction...)
	st.Resource = append([]string(nil), st.Resource...)
	conds := make([]blueprint.Condition, len(st.Condition))
	for i, c := range st.Condition {
		c.Values = append([]string(nil), c.Values...)
		conds[i] = c
	}
	if len(conds) == 0 {
		conds = nil
	}
	st.Condition = conds
	return st
}

// conditionKeySuggestions are the completions of a condition key: the five
// keys the blueprint's own advice is written with come first, so "aws:Sou"
// completes to aws:SourceVpce, then every other key the blueprint knows.
var conditionKeySuggestions = func() []string {
	out := []string{"aws:SourceVpce", "aws:SourceVpc", "aws:PrincipalOrgID", "aws:PrincipalArn", "aws:SecureTransport"}
	seen := map[string]bool{}
	for _, k := range out {
		seen[k] = true
	}
	for _, list := range [][]blueprint.ConditionKey{blueprint.SecretsManagerConditionKeys, blueprint.GlobalConditionKeys} {
		for _, k := range list {
			if !seen[k.Name] {
				seen[k.Name] = true
				out = append(out, k.Name)
			}
		}
	}
	return out
}()

// principalElems and actionElems are the two forms of a statement's
// principal and action elements.
var (
	principalElems = []option{{value: "Principal", label: "Principal"}, {value: "NotPrincipal", label: "NotPrincipal"}}
	actionElems    = []option{{value: "Action", label: "Action"}, {value: "NotAction", label: "NotAction"}}
)

// elemName is the name of an element, or of its Not form.
func elemName(not bool, name string) string {
	if not {
		return "Not" + name
	}
	return name
}

// principal types offered for a statement.
var principalTypes = []option{
	{value: "AWS", label: "AWS"}, {value: "Service", label: "Service"},
	{value: "Federated", label: "Federated"}, {value: "*", label: "Everyone (*)"},
}

func principalKind(p *blueprint.Principal) string {
	switch {
	case p == nil:
		return "AWS"
	case p.Wildcard:
		return "*"
	case len(p.Service) > 0:
		return "Service"
	case len(p.Federated) > 0:
		return "Federated"
	}
	return "AWS"
}

func principalValues(p *blueprint.Principal) []string {
	if p == nil {
		return nil
	}
	switch principalKind(p) {
	case "Service":
		return p.Service
	case "Federated":
		return p.Federated
	}
	return p.AWS
}

// accountSid starts the Sid of the statement "Let another account read
// it" adds (and of its copies, numbered by uniqueSid).
const accountSid = "AllowAccountRead"

// forAccounts reports whether statement st names accounts as its
// principals, so its principals' hint gives an account as its example:
// read from the statement itself, the Sid the account button gives it or
// a principal that is an account, never from a flag by its index, which
// deleting a statement or resuming a draft lost (issue 22).
func forAccounts(st blueprint.Statement) bool {
	if strings.HasPrefix(st.Sid, accountSid) {
		return true
	}
	for _, v := range principalValues(st.Principal) {
		if blueprint.ValidateAccountID(v) == nil || strings.HasPrefix(v, "arn:") && strings.HasSuffix(v, ":root") {
			return true
		}
	}
	return false
}

// principalsQuestion is the question of statement i's principals of the
// given type: services and identity providers are no ARNs, and a
// statement opened for another account asks for accounts.
func (m *Model) principalsQuestion(i int, kind string) question {
	switch {
	case kind == "Service":
		return qPrinServices
	case kind == "Federated":
		return qPrinFederated
	case i < len(m.statements()) && forAccounts(m.statements()[i]):
		return qPrinAccounts
	}
	return qPrinValues
}

func (m *Model) statementFields(i int) []field {
	st := &m.d.ResourcePolicy.Statements[i]
	base := blueprint.StatementPath(i)
	id := func(s string) string { return fmt.Sprintf("stmt%d.%s", i, s) }

	// The principal element is Principal or NotPrincipal, the action
	// element Action or NotAction. Switching swaps the two fields of the
	// statement, so what was typed moves with the switch and switching back
	// restores it. With neither set yet, the mode remembers the choice.
	prinKey := id("prinElem")
	notPrin := func() bool {
		if st.Principal == nil && st.NotPrincipal == nil {
			return m.mode[prinKey] == "NotPrincipal"
		}
		return st.Principal == nil
	}
	prin := func() **blueprint.Principal {
		if notPrin() {
			return &st.NotPrincipal
		}
		return &st.Principal
	}
	// Problems at the element not in use (both set, or the "is required"
	// Validate reports at principal) show on the fields that fill the one
	// in use, never on the switch: switching cannot fix them, and line mode
	// would ask the switch again and again.
	prinPath, prinOther := base+".principal", base+".notPrincipal"
	if notPrin() {
		prinPath, prinOther = prinOther, prinPath
	}
	kindKey := id("kind")
	kind := func() string {
		if v := m.mode[kindKey]; v != "" {
			return v
		}
		return principalKind(*prin())
	}
	fs := append(make([]field, 0, statementFieldCount(st)), []field{
		{id: id("sid"), path: base + ".sid", q: qSid, kind: kindText,
			get: func() string { return st.Sid },
			set: func(v string) error { st.Sid = strings.TrimSpace(v); return nil }},
		{id: id("effect"), path: base + ".effect", q: qEffect, kind: kindChoice,
			options: []option{{value: "Allow", label: "Allow"}, {value: "Deny", label: "Deny"}},
			get:     func() string { return st.Effect },
			set:     func(v string) error { st.Effect = v; return nil }},
		{id: prinKey, q: qPrinElem, kind: kindChoice, rule: blueprint.RuleNoPublicPrincipal, options: principalElems,
			get: func() string { return elemName(notPrin(), "Principal") },
			set: func(v string) error {
				if v != elemName(notPrin(), "Principal") {
					st.Principal, st.NotPrincipal = st.NotPrincipal, st.Principal
				}
				m.mode[prinKey] = v
				return nil
			}},
		// The principal's own problems show under the Principals field
		// below, or here when "*" leaves no Principals field.
		{id: id("kind"), path: prinPath, exact: true, also: []string{prinOther}, q: qPrinType, kind: kindChoice, options: principalTypes,
			rule: blueprint.RuleNoPublicPrincipal,
			own: func(p blueprint.Problem) bool {
				return kind() == "*" && (p.Path == prinPath || p.Path == prinOther)
			},
			get: kind,
			set: func(v string) error {
				p := prin()
				vals := principalValues(*p)
				if v == "*" {
					m.mode[id("values")] = joinList(vals)
					vals = nil
				} else if kind() == "*" {
					vals = splitList(m.mode[id("values")])
				}
				m.mode[kindKey] = v
				*p = makePrincipal(v, vals)
				return nil
			}},
	}...)
	if kind() != "*" {
		fs = append(fs, field{id: id("principal"), path: prinPath, also: []string{prinOther}, q: m.principalsQuestion(i, kind()),
			kind: kindText, item: "principal",
			get: func() string { return joinList(principalValues(*prin())) },
			set: func(v string) error { *prin() = makePrincipal(kind(), splitList(v)); return nil }})
	}
	fs = m.actionFields(fs, i, st, id)
	fs = m.conditionFields(fs, i, st, id)
	fs = append(fs,
		withHelp(rowButton(id("addcond"), "+ Add a condition", func() {
			st.Condition = append(st.Condition, blueprint.Condition{Operator: "StringEquals"})
			m.refresh()
			m.focusID(id(fmt.Sprintf("cond%d.key", len(st.Condition)-1)))
		}), qAddCondition),
		withHelp(button(id("done"), "← Back to the statements", m.back), qBackToList),
	)
	return fs
}

// statementFieldCount bounds the number of fields of statement st, for
// statementFields to hold them in one array: grown as they were appended,
// they were copied three times over (a field is 400 bytes, and the wizard
// builds a step's fields three times a key).
func statementFieldCount(st *blueprint.Statement) int {
	return 5 + 3 + 4*len(st.Condition) + 2
}

// actionFields are a statement's action element (Action or NotAction) and
// its actions. Switching the element swaps the two fields of the statement,
// so what was chosen moves with the switch and switching back restores it;
// with neither set yet, the mode remembers the choice.
func (m *Model) actionFields(fs []field, i int, st *blueprint.Statement, id func(string) string) []field {
	base := blueprint.StatementPath(i)
	actKey := id("actElem")
	notAct := func() bool {
		if len(st.Action) == 0 && len(st.NotAction) == 0 {
			return m.mode[actKey] == "NotAction"
		}
		return len(st.Action) == 0
	}
	acts := func() *[]string {
		if notAct() {
			return &st.NotAction
		}
		return &st.Action
	}
	actPath, actOther := base+".action", base+".notAction"
	if notAct() {
		actPath, actOther = actOther, actPath
	}

	// An action the list does not offer is added to a copy of it.
	actionOpts := actionOptions
	for _, a := range *acts() {
		if optionIndex(actionOpts, a) < 0 {
			actionOpts = append(actionOpts, option{value: a, label: a})
		}
	}
	return append(fs,
		field{id: actKey, q: qActElem, kind: kindChoice, rule: blueprint.RuleNoWildcardActions, options: actionElems,
			get: func() string { return elemName(notAct(), "Action") },
			set: func(v string) error {
				if v != elemName(notAct(), "Action") {
					st.Action, st.NotAction = st.NotAction, st.Action
				}
				m.mode[actKey] = v
				return nil
			}},
		field{id: id("action"), path: actPath, also: []string{actOther}, q: qActions, kind: kindMulti, options: actionOpts, rule: blueprint.RuleNoWildcardActions,
			getList: func() []string { return *acts() },
			setList: func(v []string) {
				if len(v) == 0 {
					v = nil
				}
				*acts() = v
			}},
		field{id: id("resource"), path: base + ".resource", q: qResource, kind: kindText, item: "resource", rule: blueprint.RuleResourceThisSecret,
			get: func() string { return joinList(st.Resource) },
			set: func(v string) error { st.Resource = splitList(v); return nil }},
	)
}

// actionOptions are the actions a statement's action field offers: each
// of blueprint.Actions, then every action. Its capacity is its length, so
// that a statement's own actions are added to a copy.
var actionOptions = func() []option {
	opts := make([]option, 0, len(blueprint.Actions)+1)
	for _, a := range blueprint.Actions {
		opts = append(opts, option{value: a, label: strings.TrimPrefix(a, "secretsmanager:")})
	}
	return append(opts, option{value: "secretsmanager:*", label: "secretsmanager:* (every action)"})
}()

// conditionFields are the rows of a statement's conditions: operator, key,
// values and a remove button each.
func (m *Model) conditionFields(fs []field, i int, st *blueprint.Statement, id func(string) string) []field {
	for k := range st.Condition {
		c := &st.Condition[k]
		cpath := blueprint.ConditionPath(i, *c)
		cid := func(s string) string { return id(fmt.Sprintf("cond%d.%s", k, s)) }
		// The operator, the key and the values share the row's path:
		// each takes the problems its own validator reports.
		opErr := errText(blueprint.ValidateConditionOperator(c.Operator))
		keyErr := errText(blueprint.ValidateConditionKey(c.Key))
		atRow := func(p blueprint.Problem, msg string) bool { return msg != "" && p.Path == cpath && p.Message == msg }
		fs = append(fs,
			field{id: cid("op"), q: qCondOp, kind: kindText, suggest: blueprint.ConditionOperators,
				own: func(p blueprint.Problem) bool { return atRow(p, opErr) },
				get: func() string { return c.Operator },
				set: func(v string) error { c.Operator = strings.TrimSpace(v); return nil }},
			field{id: cid("key"), q: qCondKey, kind: kindText, takesQuestionMark: true, suggest: conditionKeySuggestions,
				own: func(p blueprint.Problem) bool { return atRow(p, keyErr) },
				get: func() string { return c.Key },
				set: func(v string) error { c.Key = strings.TrimSpace(v); return nil }},
			field{id: cid("values"), path: cpath, q: m.valuesQuestion(cid("from")), kind: kindText, takesQuestionMark: true, item: "value",
				own: func(p blueprint.Problem) bool {
					return under(p.Path, cpath) && !atRow(p, opErr) && !atRow(p, keyErr)
				},
				get: func() string { return joinList(c.Values) },
				set: func(v string) error {
					delete(m.mode, cid("from")) // the values are the user's now
					c.Values = splitList(v)
					return nil
				}},
			withHelp(removeButtonIf(c.Key != "" || len(c.Values) > 0, cid("remove"), "− Remove this condition", func() {
				st.Condition = append(st.Condition[:k:k], st.Condition[k+1:]...)
				if len(st.Condition) == 0 {
					st.Condition = nil
				}
				m.ed.Forget()
				m.refresh()
			}), qRemoveCondition),
		)
	}
	return fs
}

// valuesQuestion is the question of a condition's values, whose hint says
// where they came from when a ready-made statement filled them in (kept
// in m.mode under from).
func (m *Model) valuesQuestion(from string) question {
	q := qCondValues
	if note := m.mode[from]; note != "" {
		q.hint = note
	}
	return q
}

// rowButton is a button that adds or removes a row; enter in the field
// before it passes over it, so only a deliberate tab and enter press it.
func rowButton(id, label string, action func()) field {
	f := button(id, label, action)
	f.passOver = true
	return f
}

// removeButton is a row button that deletes: it also asks for a second
// enter before it acts.
func removeButton(id, label string, action func()) field {
	f := rowButton(id, label, action)
	f.confirm = true
	return f
}

// removeButtonIf is a remove button that asks for the second enter only
// when the row holds something: an empty row has nothing to lose.
func removeButtonIf(filled bool, id, label string, action func()) field {
	f := removeButton(id, label, action)
	f.confirm = filled
	return f
}

// pruneEmptyRows drops the rows of the step that hold nothing at all (a
// tag with no key or value, a replica with no region or key, a condition
// with no key or values): a stray enter on an add button must not keep
// the user on the step with errors about a row never filled in.
func (m *Model) pruneEmptyRows() {
	s := &m.d.Secret
	switch m.step {
	case stepSecret:
		s.Tags = slices.DeleteFunc(s.Tags, func(t blueprint.Tag) bool { return t.Key == "" && t.Value == "" })
		if len(s.Tags) == 0 {
			s.Tags = nil
		}
		s.ReplicaRegions = slices.DeleteFunc(s.ReplicaRegions, func(r blueprint.Replica) bool { return r.Region == "" && r.KMSKeyARN == "" })
		if len(s.ReplicaRegions) == 0 {
			s.ReplicaRegions = nil
		}
	case stepPolicy:
		for i := range m.statements() {
			st := &m.d.ResourcePolicy.Statements[i]
			st.Condition = slices.DeleteFunc(st.Condition, func(c blueprint.Condition) bool { return c.Key == "" && len(c.Values) == 0 })
			if len(st.Condition) == 0 {
				st.Condition = nil
			}
		}
	default:
		return
	}
	m.ed.Forget()
	m.refresh()
}

func makePrincipal(kind string, vals []string) *blueprint.Principal {
	switch kind {
	case "*":
		return &blueprint.Principal{Wildcard: true}
	case "Service":
		return &blueprint.Principal{Service: vals}
	case "Federated":
		return &blueprint.Principal{Federated: vals}
	}
	return &blueprint.Principal{AWS: vals}
}

// Rotation step.

func (m *Model) rotationFields() []field {
	fs := []field{{path: "rotation", exact: true, q: qRotate, kind: kindToggle, rule: blueprint.RuleRotationEnabled,
		get: func() string { return boolText(m.d.Rotation != nil) },
		set: func(v string) error {
			if v == "true" {
				m.d.Rotation = m.stash.rotation
				if m.d.Rotation == nil {
					m.d.Rotation = newRotation()
				}
			} else {
				m.stash.rotation, m.d.Rotation = m.d.Rotation, nil
			}
			return nil
		}}}
	r := m.d.Rotation
	if r == nil {
		return append(append(fs, m.heldDatabaseFields()...), m.continueButton())
	}
	fs = append(fs, m.scheduleFields(r)...)
	fs = append(fs,
		field{path: "rotation.duration", q: qDuration, kind: kindText,
			get: func() string { return r.Duration },
			set: func(v string) error { r.Duration = strings.TrimSpace(v); return nil }},
		field{path: "rotation.rotateImmediately", q: qImmediately, kind: kindToggle,
			get: func() string { return boolText(r.RotateImmediately == nil || *r.RotateImmediately) },
			set: func(v string) error {
				if v == "true" {
					r.RotateImmediately = nil
				} else {
					f := false
					r.RotateImmediately = &f
				}
				return nil
			}},
	)
	fn := "hosted"
	if r.HostedRotationLambda == nil {
		fn = "arn"
	}
	// The function's problems show under the Lambda ARN field when there
	// is one, and here only when there is not.
	fs = append(fs, field{id: "rotation.function", path: "rotation.rotationLambdaArn", exact: true, q: qFunction, kind: kindChoice,
		own:     func(p blueprint.Problem) bool { return fn == "hosted" && p.Path == "rotation.rotationLambdaArn" },
		options: []option{{value: "hosted", label: "Hosted (AWS builds it)"}, {value: "arn", label: "My own Lambda"}},
		get:     func() string { return fn },
		set: func(v string) error {
			if v == "arn" {
				m.stash.hosted, r.HostedRotationLambda = r.HostedRotationLambda, nil
				r.RotationLambdaARN, r.RotationLambdaRoleARN = m.stash.lambda, m.stash.lambdaRole
			} else {
				m.stash.lambda, r.RotationLambdaARN = r.RotationLambdaARN, ""
				m.stash.lambdaRole, r.RotationLambdaRoleARN = r.RotationLambdaRoleARN, ""
				r.HostedRotationLambda = m.stash.hosted
				if r.HostedRotationLambda == nil {
					r.HostedRotationLambda = &blueprint.HostedRotationLambda{}
				}
			}
			return nil
		}})
	if fn == "arn" {
		fs = append(fs, field{id: "rotation.lambdaArn", path: "rotation.rotationLambdaArn", q: qLambdaARN, kind: kindText,
			required: "is required: the ARN of your rotation function, arn:aws:lambda:REGION:ACCOUNT:function:NAME",
			get:      func() string { return r.RotationLambdaARN },
			set:      func(v string) error { r.RotationLambdaARN = strings.TrimSpace(v); return nil }},
			field{path: "rotation.rotationLambdaRoleArn", q: m.lambdaRoleQuestion(), kind: kindText,
				get: func() string { return r.RotationLambdaRoleARN },
				set: func(v string) error { r.RotationLambdaRoleARN = strings.TrimSpace(v); return nil }})
		return append(append(fs, m.heldDatabaseFields()...), m.continueButton())
	}
	fs = append(fs, m.hostedFields(r)...)
	return append(fs, m.continueButton())
}

// heldDatabaseFields are the database's questions where the hosted
// function, which asks them, is not chosen (rotation off, or your own
// function): kept on screen while the database holds a value Validate
// refuses, which would otherwise stop the design with nowhere to fix it.
func (m *Model) heldDatabaseFields() []field {
	for _, p := range m.problems {
		if p.Severity == blueprint.SeverityError && p.Rule == "" && under(p.Path, "secret.database") {
			return m.databaseFields()
		}
	}
	return nil
}

// scheduleFields ask when rotation runs: every N days or by a schedule
// expression, the other kept aside so switching back restores it.
func (m *Model) scheduleFields(r *blueprint.Rotation) []field {
	sched := m.mode["schedule"]
	if sched == "" {
		sched = "days"
		if r.ScheduleExpression != "" {
			sched = "expression"
		}
	}
	fs := []field{{id: "rotation.schedule", q: qSchedule, kind: kindChoice,
		decides: []string{"rotation.automaticallyAfterDays", "rotation.scheduleExpression"},
		options: []option{{value: "days", label: "Every N days"}, {value: "expression", label: "Schedule expression"}},
		get:     func() string { return sched },
		set: func(v string) error {
			m.mode["schedule"] = v
			if v == "expression" {
				m.stash.days = r.AutomaticallyAfterDays
				r.ScheduleExpression = m.stash.expr
				if r.ScheduleExpression == "" {
					r.ScheduleExpression = fmt.Sprintf("rate(%d days)", max(1, r.AutomaticallyAfterDays))
				}
				r.AutomaticallyAfterDays = 0
			} else {
				m.stash.expr = r.ScheduleExpression
				r.ScheduleExpression = ""
				r.AutomaticallyAfterDays = m.stash.days
				if r.AutomaticallyAfterDays == 0 {
					r.AutomaticallyAfterDays = 30
				}
			}
			return nil
		}}}
	if sched == "days" {
		fs = append(fs, field{path: "rotation.automaticallyAfterDays", q: qDays, kind: kindText, number: true, rule: blueprint.RuleRotationWithin30Days,
			required: "is required: the number of days between rotations, 1-1000",
			get: func() string {
				if r.AutomaticallyAfterDays == 0 {
					return ""
				}
				return strconv.Itoa(r.AutomaticallyAfterDays)
			},
			set: func(v string) error {
				n, err := parseOptionalInt(v)
				if err != nil {
					return err // keepsNumber
				}
				r.AutomaticallyAfterDays = 0
				if n != nil {
					r.AutomaticallyAfterDays = *n
					if *n == 0 {
						// 0 is how the design says "not set": typed,
						// it vanished into an empty field whose error
						// asked for a schedule (issue 22's trial).
						return blueprint.ValidateAutomaticallyAfterDays(0)
					}
				}
				return err
			}})
	} else {
		fs = append(fs, field{path: "rotation.scheduleExpression", q: qExpression, kind: kindText, takesQuestionMark: true, replaces: true, rule: blueprint.RuleRotationWithin30Days,
			// With no schedule at all, Validate speaks at the day
			// count, which is not on screen in this mode.
			also:     []string{"rotation.automaticallyAfterDays"},
			required: "is required: a rate() or cron() expression, such as rate(30 days)",
			get:      func() string { return r.ScheduleExpression },
			set:      func(v string) error { r.ScheduleExpression = strings.TrimSpace(v); return nil }})
	}
	return fs
}

// hostedFields are the questions of a rotation function AWS builds: its
// type, the database it reaches, its name and key, and its network.
func (m *Model) hostedFields(r *blueprint.Rotation) []field {
	h := r.HostedRotationLambda
	const hb = "rotation.hostedRotationLambda"
	typeOpts := rotationTypeOptions()
	text := func(path string, q question, p *string) field {
		return field{path: path, q: q, kind: kindText,
			get: func() string { return *p },
			set: func(v string) error { *p = strings.TrimSpace(v); return nil }}
	}
	list := func(path, item string, q question, p *[]string) field {
		return field{path: path, q: q, kind: kindText, item: item, rule: blueprint.RuleRotationLambdaInVPC,
			get: func() string { return joinList(*p) },
			set: func(v string) error { *p = splitList(v); return nil }}
	}
	fs := []field{{path: hb + ".rotationType", also: []string{hb}, q: qRotationType, kind: kindChoice, list: true, options: typeOpts,
		get: func() string { return h.RotationType },
		set: func(v string) error { h.RotationType = v; return nil }}}
	// The database comes right after the type: the function reads it from
	// the secret, and the type decides its engine and default port.
	fs = append(fs, m.databaseFields()...)
	name := text(hb+".rotationLambdaName", qLambdaName, &h.RotationLambdaName)
	name.placeholder = m.d.SuggestedRotationLambdaName()
	fs = append(fs, name, text(hb+".kmsKeyArn", qHostedKMS, &h.KMSKeyARN))
	// The master secret is asked only for the types that sign in with it
	// (multi-user ones and Db2SingleUser), or kept on screen while it still
	// holds a value Validate complains about.
	if rt, ok := blueprint.LookupRotationType(h.RotationType); ok && rt.NeedsMaster || h.MasterSecretARN != "" || h.MasterSecretKMSKeyARN != "" {
		fs = append(fs, m.fromTemplate([]field{text(hb+".masterSecretArn", qMasterSecret, &h.MasterSecretARN)})[0],
			text(hb+".masterSecretKmsKeyArn", qMasterKMS, &h.MasterSecretKMSKeyARN))
	}
	fs = append(fs,
		list(hb+".vpcSubnetIds", "subnet", qSubnets, &h.VPCSubnetIDs),
		list(hb+".vpcSecurityGroupIds", "security group", qSecGroups, &h.VPCSecurityGroupIDs))
	if len(h.VPCSubnetIDs) > 0 || h.VPCID != "" || h.Endpoint != "" {
		fs = append(fs, m.endpointFields(h)...)
	}
	return fs
}

func (m *Model) monitoringFields() []field {
	mo := &m.d.Monitoring
	fs := []field{
		{path: "monitoring.rotationFailureAlert", q: qAlert, kind: kindToggle, rule: blueprint.RuleRotationFailureAlert,
			get: func() string { return boolText(mo.FailureAlertOn()) },
			set: func(v string) error {
				mo.RotationFailureAlert = nil // on, the default, which Save omits
				if v != "true" {
					mo.RotationFailureAlert = new(false)
				}
				return nil
			}},
		{path: "monitoring.changeAlert", q: qChangeAlert, kind: kindToggle, rule: blueprint.RuleChangeAlert,
			get: func() string { return boolText(mo.ChangeAlertOn()) },
			set: func(v string) error {
				mo.ChangeAlert = nil // on, the default, which Save omits
				if v != "true" {
					mo.ChangeAlert = new(false)
				}
				return nil
			}},
	}
	// Where alerts go is asked only while an alert is on, or while it
	// still holds a value (so it can be cleared): with both off nothing
	// is sent, and asking for a mailbox would only puzzle.
	if mo.FailureAlertOn() || mo.ChangeAlertOn() || mo.AlertEmail != "" || mo.AlertTopicARN != "" {
		fs = append(fs,
			field{path: "monitoring.alertEmail", q: qEmail, kind: kindText, takesQuestionMark: true, rule: blueprint.RuleRotationFailureAlert,
				get: func() string { return mo.AlertEmail },
				set: func(v string) error { mo.AlertEmail = strings.TrimSpace(v); return nil }},
			field{path: "monitoring.alertTopicArn", q: qAlertTopic, kind: kindText, rule: blueprint.RuleRotationFailureAlert,
				get: func() string { return mo.AlertTopicARN },
				set: func(v string) error { mo.AlertTopicARN = strings.TrimSpace(v); return nil }})
	}
	return append(fs,
		field{path: "monitoring.configRules", q: qConfigRules, kind: kindToggle,
			get: func() string { return boolText(mo.ConfigRules) },
			set: func(v string) error { mo.ConfigRules = v == "true"; return nil }},
		m.continueButton())
}

var formatLabels = map[generate.Format]string{
	generate.CloudFormation:     "CloudFormation YAML",
	generate.CloudFormationJSON: "CloudFormation JSON",
	generate.Terraform:          "Terraform",
}

func (m *Model) reviewFields() []field {
	fmtOpts := make([]option, len(generate.Formats))
	for i, f := range generate.Formats {
		fmtOpts[i] = option{value: string(f), label: formatLabels[f]}
	}
	fs := []field{
		// The format's own problems (a replica without a key, for
		// CloudFormation) show here as well as at their fields.
		// Both are remembered in the design's output key (rememberOutput),
		// so the draft and the saved design offer them again.
		{id: "review.format", path: "output.format", q: qFormat, kind: kindChoice, options: fmtOpts, also: problemPaths(m.formatProblems),
			get: func() string { return string(m.format) },
			set: func(v string) error {
				f := generate.Format(v)
				m.switchFormat(f)
				m.previewTop = 0
				m.rememberOutput()
				return nil
			}},
		{id: "review.output", path: "output.path", q: qOutput, kind: kindText, takesQuestionMark: true, placeholder: defaultOutput(m.d, m.format),
			get: func() string { return m.output },
			set: func(v string) error { m.output = strings.TrimSpace(v); m.rememberOutput(); return nil }},
		{id: "review.readers", path: "output.readerPolicies", exact: true, q: qReaderPolicies, kind: kindToggle,
			get: func() string { return boolText(m.readers) },
			set: func(v string) error { m.readers = v == "true"; m.rememberOutput(); return nil }},
		{id: "review.force", q: qOverwrite, kind: kindToggle,
			get: func() string { return boolText(m.force) },
			set: func(v string) error { m.force = v == "true"; return nil }},
	}
	if failing := m.failingRules(); len(failing) > 0 {
		// settle has put waiveRule on one of them.
		fs = append(fs,
			field{id: "review.waiveRule", q: qWaiveRule, kind: kindChoice, options: failing, rule: blueprint.RuleID(m.waiveRule),
				get: func() string { return m.waiveRule },
				set: func(v string) error { m.pickWaiveRule(v); return nil }},
			field{id: "review.waiveReason", q: qWaiveReason, kind: kindText, takesQuestionMark: true, check: blueprint.ValidateWaiverReason,
				get: func() string { return m.waiveWhy },
				set: func(v string) error {
					// A reason is for the rule shown as it is typed.
					m.waiveWhy, m.waivePicked = v, m.waivePicked || v != ""
					return nil
				}},
			withHelp(button("review.waive", "+ Waive this rule", m.addWaiver), qWaive),
		)
	}
	for i, w := range m.d.Waivers {
		fs = append(fs, field{id: fmt.Sprintf("review.waiver%d", i), path: blueprint.IndexPath("waivers", i), kind: kindButton, q: qRemoveWaiver,
			label: "− Remove the waiver of " + w.Rule, action: func() {
				m.d.Waivers = append(m.d.Waivers[:i:i], m.d.Waivers[i+1:]...)
				if len(m.d.Waivers) == 0 {
					m.d.Waivers = nil
				}
				m.refresh()
			}})
	}
	return append(fs, withHelp(button("review.write", "Write the files", m.write), qWrite))
}

// failingRules are the rules not met, which the review offers to waive.
func (m *Model) failingRules() []option {
	var failing []option
	for _, r := range m.report.Results {
		if r.Status == blueprint.StatusNotMet {
			failing = append(failing, option{value: string(r.Rule.ID), label: string(r.Rule.ID)})
		}
	}
	return failing
}

func (m *Model) addWaiver() {
	if err := blueprint.ValidateWaiverReason(m.waiveWhy); err != nil && !blueprint.IsWarning(err) {
		m.localErr["review.waiveReason"] = err.Error()
		return
	}
	delete(m.localErr, "review.waiveReason")
	m.d.Waivers = append(m.d.Waivers, blueprint.Waiver{Rule: m.waiveRule, Reason: strings.TrimSpace(m.waiveWhy)})
	m.waiveWhy, m.waivePicked = "", false
	m.ed.Forget()
	m.refresh()
}

// pickWaiveRule makes rule the waiver's, as the user's choice: it stays
// while the rule is not met.
func (m *Model) pickWaiveRule(rule string) {
	m.waiveRule, m.waivePicked = rule, true
}

// errText is err's message, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func keyIs(msg tea.KeyPressMsg, b interface{ Keys() []string }) bool {
	s := msg.String()
	for _, k := range b.Keys() {
		if k == s {
			return true
		}
	}
	return false
}

// dbHostQuestion is the database host's question, its example in the
// design's own region (REGION when the design names none).
func (m *Model) dbHostQuestion() question {
	q := qDBHost
	q.hint = "DNS name or IP address, such as " + blueprint.DatabaseHostExample(m.d.PrimaryRegion())
	return q
}

// databaseFields ask where the database of a hosted rotation function is,
// for a new secret: its host or the database resource, and its user.
func (m *Model) databaseFields() []field {
	s := &m.d.Secret
	if m.d.IsExisting() {
		return nil
	}
	const base = "secret.database"
	db := func() *blueprint.Database {
		if s.Database == nil {
			s.Database = &blueprint.Database{}
		}
		return s.Database
	}
	form := m.mode["database"]
	if form == "" {
		form = "host"
		if s.Database.HasTarget() {
			form = "target"
		}
	}
	// A user or database name may hold ?; a host or an identifier not.
	text := func(path string, q question, p func(*blueprint.Database) *string, takesQ bool) field {
		return field{path: path, q: q, kind: kindText, rule: blueprint.RuleDatabaseConnection, takesQuestionMark: takesQ,
			get: func() string {
				if s.Database == nil {
					return ""
				}
				return *p(s.Database)
			},
			set: func(v string) error {
				if v = strings.TrimSpace(v); v != "" || s.Database != nil {
					*p(db()) = v
				}
				return nil
			}}
	}
	fs := []field{{id: base + ".form", path: base, exact: true, q: qDBForm, kind: kindChoice, rule: blueprint.RuleDatabaseConnection,
		options: []option{{value: "host", label: "Host name"}, {value: "target", label: "Database resource"}},
		get:     func() string { return form },
		set: func(v string) error {
			m.mode["database"] = v
			if s.Database == nil {
				return nil
			}
			// The two forms exclude each other, so the one left is cleared.
			if v == "target" {
				s.Database.Host, s.Database.Port = "", 0
			} else {
				s.Database.TargetType, s.Database.TargetID = "", ""
			}
			return nil
		}}}
	if form == "target" {
		fs = append(fs, m.dbTargetTypeField(db),
			text(base+".targetId", qDBTargetID, func(d *blueprint.Database) *string { return &d.TargetID }, false))
	} else {
		port := field{path: base + ".port", q: qDBPort, kind: kindText, number: true, rule: blueprint.RuleDatabaseConnection,
			get: func() string {
				if s.Database == nil || s.Database.Port == 0 {
					return ""
				}
				return strconv.Itoa(s.Database.Port)
			},
			set: func(v string) error {
				n, err := parseOptionalInt(v)
				if err != nil {
					return err // keepsNumber
				}
				if n != nil {
					db().Port = *n
					if *n == 0 {
						// 0 is how the design says "the engine's
						// default": typed, it vanished into the
						// default without a word (issue 22's trial).
						return blueprint.ValidateDatabasePort(0)
					}
				} else if s.Database != nil {
					s.Database.Port = 0
				}
				return err
			}}
		if rt, ok := m.d.HostedRotationType(); ok {
			port.placeholder = strconv.Itoa(rt.DefaultPort)
		}
		host := text(base+".host", m.dbHostQuestion(), func(d *blueprint.Database) *string { return &d.Host }, false)
		// The target's fields are not on screen: the choice above is.
		host.reword = func(msg string) string {
			return strings.Replace(msg, blueprint.DatabaseAdvice, `give the host, or choose "Database resource" for `+qDBForm.title, 1)
		}
		fs = append(fs, host, port)
	}
	return m.fromTemplate(append(fs, text(base+".dbname", qDBName, func(d *blueprint.Database) *string { return &d.DBName }, true),
		text(base+".username", qDBUser, func(d *blueprint.Database) *string { return &d.Username }, true)))
}

// fromTemplate shows, in each connection field the JSON template gives a
// value for, that value: left empty, the field takes it (not the engine's
// default port), so it does not look unanswered.
func (m *Model) fromTemplate(fs []field) []field {
	for i := range fs {
		if v := m.d.TemplateConnection(fs[i].path); v != "" {
			fs[i].placeholder = v + ", from the JSON template"
		}
	}
	return fs
}

// dbTargetTypeField asks the type of the database resource; db gives the
// design's database section, adding it.
func (m *Model) dbTargetTypeField(db func() *blueprint.Database) field {
	const base = "secret.database"
	s := &m.d.Secret
	opts := make([]option, len(blueprint.DatabaseTargetTypes))
	for i, t := range blueprint.DatabaseTargetTypes {
		opts[i] = option{value: t, label: t}
	}
	return field{path: base + ".targetType", q: qDBTargetType, kind: kindChoice, list: true, options: opts, rule: blueprint.RuleDatabaseConnection,
		// No host field is on screen to show that the database is
		// missing: this one says it, by the choice above.
		also: []string{base + ".host"},
		reword: func(msg string) string {
			return strings.Replace(msg, blueprint.DatabaseAdvice, `choose the `+strings.ToLower(qDBTargetType.title)+
				` and give its identifier, or choose "Host name" for `+qDBForm.title, 1)
		},
		get: func() string {
			if s.Database == nil {
				return ""
			}
			return s.Database.TargetType
		},
		set: func(v string) error { db().TargetType = v; return nil }}
}

// endpointFields ask how a function in VPC subnets reaches the Secrets
// Manager API: an endpoint secretsmith creates (in the VPC given), one that
// exists (named by its id, or not), or a NAT gateway.
func (m *Model) endpointFields(h *blueprint.HostedRotationLambda) []field {
	const hb = "rotation.hostedRotationLambda"
	mode := endpointMode(h, m.mode["endpoint"])
	// The VPC's fields are asked when an endpoint is created, and kept on
	// screen while they hold a value (a design file's vpcId beside its
	// endpoint), so that the messages about them name a field shown.
	vpc := mode == "create" || h.VPCID != "" || h.VPCCIDR != ""
	fs := []field{{id: hb + ".endpointMode", path: hb + ".endpoint", exact: true, q: qEndpoint,
		kind: kindChoice, rule: blueprint.RuleRotationReachesSecretsManager,
		// A problem shows once: the endpoint's under the id field when
		// that is on screen, vpcId's under its own field when that is.
		own: func(p blueprint.Problem) bool {
			return p.Path == hb+".vpcId" && !vpc || p.Path == hb+".endpoint" && mode != endpointByID
		},
		options: []option{
			{value: "create", label: "Create an endpoint"},
			{value: blueprint.EndpointExisting, label: "The VPC has one"},
			{value: blueprint.EndpointNAT, label: "NAT gateway"},
			{value: endpointByID, label: "Its endpoint id"},
		},
		get: func() string { return mode },
		set: func(v string) error {
			m.mode["endpoint"] = v
			if mode == endpointByID {
				m.stash.endpoint = h.Endpoint // back when the id is chosen again
			}
			switch v {
			case "create":
				h.Endpoint = ""
			case endpointByID:
				h.Endpoint, h.VPCID, h.VPCCIDR = m.stash.endpoint, "", ""
			default:
				h.Endpoint, h.VPCID, h.VPCCIDR = v, "", ""
			}
			return nil
		}}}
	if vpc {
		fs = append(fs, field{path: hb + ".vpcId", q: qVPCID, kind: kindText, rule: blueprint.RuleRotationReachesSecretsManager,
			get: func() string { return h.VPCID },
			set: func(v string) error { h.VPCID = strings.TrimSpace(v); return nil }},
			field{path: hb + ".vpcCidr", q: qVPCCIDR, kind: kindText, rule: blueprint.RuleRotationReachesSecretsManager,
				get: func() string { return h.VPCCIDR },
				set: func(v string) error { h.VPCCIDR = strings.TrimSpace(v); return nil }})
	}
	if mode == endpointByID {
		// The id is the design's endpoint value itself, checked on each
		// key by Validate (blueprint.ValidateEndpointMode), as in a design
		// file.
		fs = append(fs, field{path: hb + ".endpoint", exact: true, q: qEndpointID, kind: kindText, rule: blueprint.RuleRotationReachesSecretsManager,
			get: func() string { return h.Endpoint },
			set: func(v string) error { h.Endpoint = strings.TrimSpace(v); return nil }})
	}
	return fs
}

// endpointByID is the endpoint choice that names the VPC's existing
// endpoint by its id.
const endpointByID = "id"

// endpointMode is the endpoint choice the design makes: create (with
// vpcId, or nothing yet), existing, nat, or an endpoint id. chosen is the
// choice the user made last, which holds "id" while no id is typed yet.
func endpointMode(h *blueprint.HostedRotationLambda, chosen string) string {
	switch {
	case chosen == endpointByID && h.VPCID == "":
		return endpointByID
	case h.Endpoint == "":
		return "create"
	case h.Endpoint == blueprint.EndpointExisting, h.Endpoint == blueprint.EndpointNAT:
		return h.Endpoint
	}
	// An id, or a value the design file got wrong: shown in the id field,
	// with its error, to be put right.
	return endpointByID
}

// problemPaths are the paths of ps.
func problemPaths(ps blueprint.Problems) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Path
	}
	return out
}

// lambdaRoleQuestion asks for your own function's role as the key makes it
// matter: with the key secretsmith creates, the role is written into its
// policy; with a key the design names, that key's policy is someone else's.
func (m *Model) lambdaRoleQuestion() question {
	if m.d.CreatesKey() {
		return qLambdaRole
	}
	return qLambdaRoleOwnKey
}
