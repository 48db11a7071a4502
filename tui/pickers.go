package tui

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui/form"
)

// Pickers offer the account's resources on the fields that name them: the
// focused field lists what the account has, and its text completes to
// those values (→ takes the completion, ctrl+n the next). Typing anything
// else stays possible everywhere. Listings load in the background when a
// field first needs them, are kept for the session (account.Cached), and
// ctrl+l on the field lists again.

// pickerKind names a listing.
type pickerKind string

const (
	pickKeys      pickerKind = "keys"
	pickSecrets   pickerKind = "secrets"
	pickSubnets   pickerKind = "subnets"
	pickGroups    pickerKind = "groups"
	pickDatabases pickerKind = "databases"
	pickEndpoints pickerKind = "endpoints"
	pickVPCs      pickerKind = "vpcs"
)

// picker is the listing a field draws from: its kind and, for keys, the
// region.
type picker struct {
	kind   pickerKind
	region string
}

func (p picker) key() string { return string(p.kind) + "/" + p.region }

// listing is one listing's state: loading, failed or loaded.
type listing struct {
	loading bool
	err     error
	keys    []account.Key
	secrets []account.Secret
	subnets []account.Subnet
	groups  []account.SecurityGroup
	eps     []account.Endpoint
	dbs     []account.Database
}

type listedMsg struct {
	key string
	l   listing
}

type loadedSecretMsg struct {
	arn string
	d   *blueprint.Design
	err error
}

var replicaKeyPath = regexp.MustCompile(`^secret\.replicaRegions\[(\d+)\]\.kmsKeyArn$`)

const hosted = "rotation.hostedRotationLambda"

// pickerFor says which listing a field draws from.
func (m *Model) pickerFor(f field) (picker, bool) {
	if f.path == hosted+".endpoint" {
		// The endpoint id's text field; the choice above it shares its
		// path and lists nothing.
		return picker{pickEndpoints, ""}, f.kind == kindText
	}
	switch f.path {
	case "secret.kmsKeyArn", hosted + ".kmsKeyArn", hosted + ".masterSecretKmsKeyArn":
		return picker{pickKeys, ""}, true
	case "secret.existingSecretArn", hosted + ".masterSecretArn":
		return picker{pickSecrets, ""}, true
	case hosted + ".vpcSubnetIds":
		return picker{pickSubnets, ""}, true
	case hosted + ".vpcSecurityGroupIds":
		return picker{pickGroups, ""}, true
	case hosted + ".rotationType", "secret.database.host", "secret.database.targetId":
		return picker{pickDatabases, ""}, true
	}
	// The values of aws:SourceVpce and aws:SourceVpc conditions.
	if lower := strings.ToLower(f.path); strings.HasSuffix(f.id, ".values") {
		switch {
		case strings.Contains(lower, "aws:sourcevpce"):
			return picker{pickEndpoints, ""}, true
		case strings.Contains(lower, "aws:sourcevpc"):
			return picker{pickVPCs, ""}, true
		}
	}
	if sm := replicaKeyPath.FindStringSubmatch(f.path); sm != nil {
		i, _ := strconv.Atoi(sm[1])
		if i < len(m.d.Secret.ReplicaRegions) {
			if r := m.d.Secret.ReplicaRegions[i].Region; blueprint.ValidateRegion(r) == nil {
				return picker{pickKeys, r}, true
			}
		}
	}
	return picker{}, false
}

// pickAccepts is the check a picked value must pass to be offered on the
// field at path: the field's own validator, where it takes only some of
// what the listing holds (the hosted function's keys take ARNs only, not
// aliases). nil means every listed value fits.
func pickAccepts(path string) func(string) error {
	switch path {
	case hosted + ".kmsKeyArn", hosted + ".masterSecretKmsKeyArn":
		return blueprint.ValidateKMSKeyARN
	case hosted + ".masterSecretArn":
		return blueprint.ValidateMasterSecretARN
	case "secret.kmsKeyArn":
		return blueprint.ValidateKMSKey
	}
	if replicaKeyPath.MatchString(path) {
		return blueprint.ValidateKMSKey
	}
	return nil
}

// withPickers adds the account's values to the completions of the fields
// that name its resources.
func (m *Model) withPickers(fs []field) []field {
	if m.aws.acct == nil {
		return fs
	}
	for i := range fs {
		p, ok := m.pickerFor(fs[i])
		if !ok || fs[i].kind != kindText {
			continue
		}
		if l := m.aws.lists[p.key()]; l != nil && !l.loading && l.err == nil {
			offered := m.suggestions(fs[i], p, l)
			if accepts := pickAccepts(fs[i].path); accepts != nil {
				offered = slices.DeleteFunc(offered, func(v string) bool { return accepts(v) != nil })
			}
			fs[i].suggest = append(slices.Clone(fs[i].suggest), offered...)
		}
	}
	return fs
}

func (m *Model) suggestions(f field, p picker, l *listing) []string {
	var out []string
	switch p.kind {
	case pickDatabases:
		for _, d := range l.dbs {
			if f.path == "secret.database.targetId" {
				out = append(out, d.Identifier)
			} else if d.Host != "" {
				out = append(out, d.Host)
			}
		}
	case pickKeys:
		for _, k := range l.keys {
			out = append(out, k.Aliases...)
		}
		for _, k := range l.keys {
			out = append(out, k.ARN)
		}
	case pickSecrets:
		for _, s := range l.secrets {
			out = append(out, s.ARN)
		}
	case pickEndpoints:
		for _, e := range m.endpointsFor(f, l) {
			out = append(out, e.ID)
		}
	case pickVPCs:
		for _, v := range account.GroupByVPC(l.subnets, nil) {
			out = append(out, v.ID)
		}
	case pickSubnets:
		// All the subnets of one VPC at once: the usual answer, and one
		// that keeps the function in one VPC.
		for _, v := range account.GroupByVPC(l.subnets, nil) {
			ids := make([]string, len(v.Subnets))
			for i, s := range v.Subnets {
				ids[i] = s.ID
			}
			out = append(out, joinList(ids))
		}
	case pickGroups:
		// Security groups apply only to a function in subnets: without
		// them the field takes no group at all.
		if h := m.hostedLambda(); h == nil || len(h.VPCSubnetIDs) == 0 {
			return nil
		}
		vpc := m.chosenVPC()
		for _, g := range l.groups {
			if vpc == "" || g.VPCID == vpc {
				out = append(out, g.ID)
			}
		}
	}
	return out
}

// endpointsFor are the endpoints listing l offers on field f: for the
// rotation function's endpoint, those of its subnets' VPC when the subnet
// listing knows it (a function calls only an endpoint in its own VPC);
// for the policy's aws:SourceVpce values, all of them.
func (m *Model) endpointsFor(f field, l *listing) []account.Endpoint {
	vpc := ""
	if f.path == hosted+".endpoint" {
		vpc = m.chosenVPC()
	}
	if vpc == "" {
		return l.eps
	}
	var out []account.Endpoint
	for _, e := range l.eps {
		if e.VPCID == vpc {
			out = append(out, e)
		}
	}
	return out
}

// hostedLambda is the design's hosted rotation function, or nil.
func (m *Model) hostedLambda() *blueprint.HostedRotationLambda {
	if m.d.Rotation == nil {
		return nil
	}
	return m.d.Rotation.HostedRotationLambda
}

// chosenVPC is the VPC of the subnets the design names, when the subnet
// listing knows it.
func (m *Model) chosenVPC() string {
	l := m.aws.lists[picker{pickSubnets, ""}.key()]
	if l == nil || m.d.Rotation == nil || m.d.Rotation.HostedRotationLambda == nil {
		return ""
	}
	for _, id := range m.d.Rotation.HostedRotationLambda.VPCSubnetIDs {
		for _, s := range l.subnets {
			if s.ID == id {
				return s.VPCID
			}
		}
	}
	return ""
}

// scheduleListings starts the listing the focused field needs, once, and
// loads an existing secret's configuration when one from the listing is
// chosen.
func (m *Model) scheduleListings() tea.Cmd {
	a := m.aws.acct
	if a == nil {
		return nil
	}
	var cmds []tea.Cmd
	if f, ok := m.focused(); ok {
		if p, ok := m.pickerFor(f); ok {
			cmds = append(cmds, m.list(p, false))
		}
	}
	cmds = append(cmds, m.loadExisting())
	if m.fillFromPicks() {
		m.refresh()
		m.settle()
	}
	return tea.Batch(cmds...)
}

// fillFromPicks completes what a pick implies: a database host or resource
// from the account brings its port, resource type and, when none is chosen
// yet, the rotation type its engine needs; subnets of one VPC bring the
// vpcId of the endpoint secretsmith creates. It only fills what is empty,
// and reports whether it changed the design.
func (m *Model) fillFromPicks() bool {
	changed := false
	// Your own function brings its execution role, from the configuration
	// the last verification of that same function read.
	if r := m.d.Rotation; r != nil && r.RotationLambdaARN != "" && r.RotationLambdaRoleARN == "" &&
		m.aws.verified != nil && m.aws.verified.Rotation != nil && m.aws.verified.Rotation.RotationLambdaARN == r.RotationLambdaARN {
		if role := account.Environment(m.aws.checks).RotationRoleARN; role != "" {
			r.RotationLambdaRoleARN, changed = role, true
		}
	}
	var h *blueprint.HostedRotationLambda
	if m.d.Rotation != nil {
		h = m.d.Rotation.HostedRotationLambda
	}
	if l := m.aws.lists[picker{pickDatabases, ""}.key()]; l != nil && m.d.Secret.Database != nil {
		db := m.d.Secret.Database
		for _, d := range l.dbs {
			hostPick := db.Host != "" && db.Host == d.Host
			targetPick := db.TargetID != "" && db.TargetID == d.Identifier
			if !hostPick && !targetPick {
				continue
			}
			if hostPick && db.Port == 0 && d.Port != 0 {
				db.Port, changed = d.Port, true
			}
			if targetPick && db.TargetType == "" {
				db.TargetType, changed = d.TargetType(), true
			}
			if h != nil && h.RotationType == "" && d.ProposedRotationType != "" {
				h.RotationType, changed = d.ProposedRotationType, true
			}
			break
		}
	}
	if h != nil && h.VPCID == "" && h.Endpoint == "" && len(h.VPCSubnetIDs) > 0 && m.mode["endpoint"] != endpointByID {
		if l := m.aws.lists[picker{pickSubnets, ""}.key()]; l != nil {
			vpcs := map[string]bool{}
			known := 0
			for _, id := range h.VPCSubnetIDs {
				for _, s := range l.subnets {
					if s.ID == id {
						vpcs[s.VPCID] = true
						known++
					}
				}
			}
			if known == len(h.VPCSubnetIDs) && len(vpcs) == 1 {
				for v := range vpcs {
					// A VPC with a Secrets Manager endpoint with private
					// DNS takes no second one: use it, rather than have
					// the template create one that fails to deploy.
					// Named by its id, so the walk-through knows the
					// function's aws:SourceVpce (issue 20, item 6).
					if i := slices.IndexFunc(l.eps, func(e account.Endpoint) bool { return e.VPCID == v && e.PrivateDNS }); i >= 0 {
						h.Endpoint, changed = l.eps[i].ID, true
						if blueprint.ValidateVPCEndpointID(h.Endpoint) != nil {
							h.Endpoint = blueprint.EndpointExisting
						}
					} else {
						h.VPCID, changed = v, true
						if i := slices.IndexFunc(l.subnets, func(s account.Subnet) bool { return s.VPCID == v }); i >= 0 && h.VPCCIDR == "" && l.subnets[i].VPCCIDR != "" {
							h.VPCCIDR = l.subnets[i].VPCCIDR
						}
					}
				}
			}
		}
	}
	return changed
}

// list starts a listing unless it is loaded or loading; refresh lists
// again.
func (m *Model) list(p picker, refresh bool) tea.Cmd {
	if m.aws.lists == nil {
		m.aws.lists = map[string]*listing{}
	}
	k := p.key()
	if l := m.aws.lists[k]; l != nil && (l.loading || !refresh) {
		return nil
	}
	if c, ok := m.aws.acct.(*account.Cached); ok && refresh {
		c.Refresh()
	}
	m.aws.lists[k] = &listing{loading: true}
	a, ctx := m.aws.acct, m.sessionContext()
	return tea.Batch(m.aws.spin.Tick, func() tea.Msg {
		var l listing
		switch p.kind {
		case pickKeys:
			l.keys, l.err = a.Keys(ctx, p.region)
		case pickSecrets:
			l.secrets, l.err = a.Secrets(ctx)
		case pickEndpoints:
			l.eps, l.err = a.Endpoints(ctx)
		case pickVPCs:
			l.subnets, l.err = a.Subnets(ctx)
		case pickSubnets:
			if l.subnets, l.err = a.Subnets(ctx); l.err == nil {
				l.eps, l.err = a.Endpoints(ctx)
			}
		case pickGroups:
			l.groups, l.err = a.SecurityGroups(ctx)
		case pickDatabases:
			l.dbs, l.err = a.Databases(ctx)
		}
		l.err = plainError(l.err)
		return listedMsg{k, l}
	})
}

// loadExisting reads a chosen existing secret's policy and rotation from
// the account, once per secret, so the user starts from what is deployed.
func (m *Model) loadExisting() tea.Cmd {
	arn := m.d.Secret.ExistingSecretARN
	l := m.aws.lists[picker{pickSecrets, ""}.key()]
	if arn == "" || l == nil || m.aws.loadedSecrets[arn] {
		return nil
	}
	if !slices.ContainsFunc(l.secrets, func(s account.Secret) bool { return s.ARN == arn }) {
		return nil
	}
	if m.aws.loadedSecrets == nil {
		m.aws.loadedSecrets = map[string]bool{}
	}
	m.aws.loadedSecrets[arn] = true
	a, ctx := m.aws.acct, m.sessionContext()
	return func() tea.Msg {
		d, err := a.LoadSecret(ctx, arn)
		return loadedSecretMsg{arn, d, err}
	}
}

// pickerMsg handles the pickers' messages and ctrl+l.
func (m *Model) pickerMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case listedMsg:
		l := msg.l
		m.aws.lists[msg.key] = &l
		m.ed.Forget() // reload the editor with the new completions
		return nil, true
	case loadedSecretMsg:
		switch {
		case msg.err != nil:
			m.status = shown("could not load the secret's configuration: " + msg.err.Error())
		case m.d.Secret.ExistingSecretARN == msg.arn:
			// What the user has already answered stays; the rest is what
			// is deployed.
			if m.d.ResourcePolicy == nil || len(m.d.ResourcePolicy.Statements) == 0 {
				m.d.ResourcePolicy = msg.d.ResourcePolicy
			}
			if m.d.Rotation == nil || (msg.d.Rotation != nil && reflect.DeepEqual(m.d.Rotation, newRotation())) {
				// The rotation a design starts with is no answer yet.
				m.d.Rotation = msg.d.Rotation
			}
			m.status = "loaded the deployed resource policy and rotation of " + msg.arn
			m.refresh()
		}
		return nil, true
	case tea.KeyPressMsg:
		if msg.String() != "ctrl+l" || m.dialog != nil {
			return nil, false
		}
		if f, ok := m.focused(); ok && m.aws.acct != nil {
			if p, ok := m.pickerFor(f); ok {
				return m.list(p, true), true
			}
		}
		return m.retry()
	}
	return nil, false
}

// pickerLines show, under a focused field, what the account offers for it.
func (m *Model) pickerLines(f field, focused bool, width int) []string {
	if !focused || !m.awsOn() {
		return nil
	}
	p, ok := m.pickerFor(f)
	if !ok {
		return nil
	}
	indent := strings.Repeat(" ", labelWidth+3)
	switch {
	case m.aws.connecting:
		return []string{m.st.hint.Render(indent + m.aws.spin.View() + " connecting to AWS… (typing works meanwhile)")}
	case m.aws.acct == nil:
		return wrapStyled(m.st.warn.Render, "AWS offline, type the value (ctrl+l connects again): "+m.offlineReason(), width, indent)
	}
	l := m.aws.lists[p.key()]
	switch {
	case l == nil:
		return nil
	case l.loading:
		return []string{m.st.hint.Render(indent + m.aws.spin.View() + " listing from the account…")}
	case l.err != nil:
		return wrapStyled(m.st.warn.Render, shown("account: "+l.err.Error()+" (ctrl+l tries again; typing works)"), width, indent)
	}
	items := m.pickerItems(f, p, l)
	const most = 6
	more := ""
	if len(items) > most {
		more = fmt.Sprintf(" … and %d more; type to narrow", len(items)-most)
		items = items[:most]
	}
	head := "in the account (ctrl+l lists again):"
	switch p.kind {
	case pickDatabases:
		head = "databases in the account and the rotation type each needs:"
	case pickSecrets:
		head = "in the account (type arn: and → completes the ARN; ctrl+l lists again):"
	}
	out := []string{m.st.hint.Render(indent + head)}
	for _, it := range items {
		out = append(out, wrapStyled(m.st.hint.Render, shown("• "+it), width, indent)...)
	}
	if more != "" {
		out = append(out, m.st.hint.Render(indent+more))
	}
	return out
}

// pickerItems are the lines that show what the account lists for f.
func (m *Model) pickerItems(f field, p picker, l *listing) []string {
	var items []string
	switch p.kind {
	case pickKeys:
		for _, k := range l.keys {
			rot := "rotation off"
			switch {
			case !k.RotationKnown:
				rot = "rotation unknown"
			case k.RotationEnabled:
				rot = "rotation on"
			}
			items = append(items, fmt.Sprintf("%s (%s)", k.Label(), rot))
		}
		if len(items) == 0 {
			items = append(items, "no enabled, symmetric, customer managed key in "+cmpOr(p.region, m.aws.acct.Identity().Region))
		}
	case pickSecrets:
		for _, s := range l.secrets {
			rot := "not rotating"
			if s.RotationEnabled {
				rot = "rotating"
			}
			items = append(items, fmt.Sprintf("%s (%s)", s.Name, rot))
		}
	case pickSubnets:
		for _, v := range account.GroupByVPC(l.subnets, nil) {
			ep := "no Secrets Manager endpoint"
			for _, e := range l.eps {
				if e.VPCID == v.ID {
					ep = "endpoint " + e.ID
				}
			}
			ids := make([]string, len(v.Subnets))
			for i, s := range v.Subnets {
				ids[i] = s.ID + " " + s.AvailabilityZone
			}
			items = append(items, fmt.Sprintf("%s (%s): %s", v.ID, ep, strings.Join(ids, ", ")))
		}
	case pickGroups:
		if h := m.hostedLambda(); h == nil || len(h.VPCSubnetIDs) == 0 {
			return []string{m.st.hint.Render(strings.Repeat(" ", labelWidth+3) + "choose the subnets first: security groups apply only to a function in subnets")}
		}
		vpc := m.chosenVPC()
		for _, g := range l.groups {
			if vpc == "" || g.VPCID == vpc {
				items = append(items, fmt.Sprintf("%s %s (%s)", g.ID, g.Name, g.VPCID))
			}
		}
	case pickEndpoints:
		for _, e := range m.endpointsFor(f, l) {
			dns := "no private DNS"
			if e.PrivateDNS {
				dns = "private DNS"
			}
			items = append(items, fmt.Sprintf("%s in %s (%s, %s)", e.ID, e.VPCID, e.State, dns))
		}
		if len(items) == 0 {
			items = append(items, "no Secrets Manager interface endpoint in "+m.aws.acct.Identity().Region)
		}
	case pickVPCs:
		for _, v := range account.GroupByVPC(l.subnets, nil) {
			items = append(items, fmt.Sprintf("%s (%d subnets in %s)", v.ID, len(v.Subnets), strings.Join(v.AvailabilityZones, ", ")))
		}
	case pickDatabases:
		for _, d := range l.dbs {
			rt := d.ProposedRotationType
			if rt == "" {
				rt = "no hosted rotation type"
			}
			where := d.Host
			if f.path == "secret.database.targetId" || where == "" {
				where = d.TargetType()
			}
			items = append(items, fmt.Sprintf("%s %s (%s, %s) → %s", d.Identifier, d.Engine, d.Kind, where, rt))
		}
	}
	return items
}

func wrapStyled(render func(...string) string, s string, width int, indent string) []string {
	ls := form.Wrap(s, width, indent)
	for i := range ls {
		ls[i] = render(ls[i])
	}
	return ls
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
