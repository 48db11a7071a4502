package scan

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/zclconf/go-cty/cty"
)

// Terraform reads a Terraform configuration: a directory of .tf and
// .tf.json files, following local modules, and returns one Secret per
// aws_secretsmanager_secret instance, plus one per existing secret its
// policies or rotations name by ARN. One file is read as Terraform reads
// it, with its directory (the variables, locals and resources of its
// sibling files), and the result holds the secrets that file declares.
func Terraform(path string) (*Result, error) {
	return TerraformWith(path, Options{})
}

// TerraformWith is Terraform with the reach of its local modules bounded
// by opt.
func TerraformWith(path string, opt Options) (*Result, error) {
	dir, only := path, ""
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		if !IsTerraformFile(filepath.Base(path)) {
			return nil, &SyntaxError{Pos{path, 1, 1}, "not a Terraform file: its name ends in neither .tf nor .tf.json"}
		}
		dir, only = filepath.Dir(path), filepath.Clean(path)
	}
	c := &tfConfig{parser: hclparse.NewParser(), tree: newTree(opt, dir), rootDir: dir}
	root, err := c.loadModule(dir, "", nil, 0)
	if err != nil {
		return nil, err
	}

	b := &tfBuilder{res: &Result{Path: path, Format: "terraform"}, byAddr: map[string]*tfResource{}, byKey: map[string]*tfSecret{}}
	var all []*tfResource
	var walk func(m *tfModule)
	walk = func(m *tfModule) {
		all = append(all, m.resources...)
		b.res.Notices = append(b.res.Notices, m.notices...)
		kids := map[string]*tfModule{}
		for k, c := range m.children {
			kids[k] = c
		}
		for k, keyed := range m.keyed {
			for key, c := range keyed {
				kids[k+"["+key+"]"] = c
			}
		}
		names := make([]string, 0, len(kids))
		for k := range kids {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			walk(kids[k])
		}
	}
	walk(root)
	b.res.Notices = append(b.res.Notices, c.notices...)
	b.all = all
	for _, r := range all {
		b.byAddr[r.addr] = r
	}
	b.build(root)
	if only != "" {
		b.res.Secrets = slices.DeleteFunc(b.res.Secrets, func(s *Secret) bool { return filepath.Clean(s.Pos.File) != only })
		b.res.Notices = slices.DeleteFunc(b.res.Notices, func(n Notice) bool {
			f := filepath.Clean(n.Pos.File)
			return f != only && filepath.Dir(f) == filepath.Clean(dir)
		})
	}
	return b.res, nil
}

// HasTerraform reports whether dir holds .tf or .tf.json files of its own
// (not in a subdirectory).
func HasTerraform(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && IsTerraformFile(e.Name()) {
			return true
		}
	}
	return false
}

var tfSourceRE = regexp.MustCompile(`(?m)^\s*source\s*=\s*"(\.\.?/[^"]*)"`)

// LocalModules lists the directories that the configuration in dir calls
// as local modules (source = "./..." or "../...").
func LocalModules(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		data, err := designfile.ReadFileMax(filepath.Join(dir, e.Name()), true, MaxFileSize)
		if err != nil {
			continue
		}
		for _, m := range tfSourceRE.FindAllSubmatch(data, -1) {
			out = append(out, filepath.Join(dir, string(m[1])))
		}
	}
	return out
}

type tfBuilder struct {
	res     *Result
	all     []*tfResource
	byAddr  map[string]*tfResource
	secrets []*tfSecret
	byKey   map[string]*tfSecret
}

type tfSecret struct {
	*Secret
	addr    string
	base    string
	name    string
	arn     string
	keyID   string
	literal bool // a secret version writes the value down
}

func (b *tfBuilder) build(root *tfModule) {
	for _, r := range b.all {
		if r.mode == "resource" && r.typ == "aws_secretsmanager_secret" {
			b.addSecret(r)
		}
	}
	for _, r := range b.all {
		if r.mode != "resource" {
			continue
		}
		switch r.typ {
		case "aws_secretsmanager_secret_policy":
			if s := b.secretFor(r, "secret_arn"); s != nil {
				b.policy(s, r, r.body.get("policy"), r.body.keyPos("policy"), r.body.get("block_public_policy"), r.body.keyPos("block_public_policy"))
			}
		case "aws_secretsmanager_secret_rotation":
			if s := b.secretFor(r, "secret_id"); s != nil {
				b.rotation(s, r, r.body)
			}
		case "aws_secretsmanager_secret_version":
			if s := b.secretFor(r, "secret_id"); s != nil {
				b.version(s, r)
			}
		}
	}
	for _, r := range b.all {
		if r.mode == "resource" && r.typ == "aws_cloudwatch_event_rule" {
			b.eventRule(r)
		}
	}
	for _, r := range b.all {
		if r.mode == "resource" && r.typ == "aws_cloudwatch_metric_alarm" {
			dims := r.body.get("dimensions")
			if dims == nil || dims.k != kMap {
				continue
			}
			for _, s := range b.secrets {
				if match, _ := namesSecretIn(dims.vals, s.addr, s.name, s.arn); match && len(dims.vals) > 0 {
					s.alarm(r.addr, r.pos)
				}
			}
		}
	}
	for _, r := range b.all {
		if r.mode != "resource" || r.typ != "aws_config_config_rule" {
			continue
		}
		scope := r.body.get("scope")
		if scope != nil && scope.k == kSeq && len(scope.items) > 0 {
			scope = scope.items[0]
		}
		if id := scope.get("compliance_resource_id"); id != nil {
			for _, s := range b.secrets {
				if match, _ := namesSecretIn([]*value{id}, s.addr, s.name, s.arn); match {
					s.configRule(r.addr, r.pos)
				}
			}
		}
	}
	vpc, vpcAt, endpoint, cidr := "", Pos{}, false, ""
	groups := map[string]bool{}
	for _, r := range b.all {
		if r.mode == "resource" && r.typ == "aws_vpc_endpoint" && mentions(r.body.get("service_name"), "secretsmanager") {
			endpoint = true
			if v := r.body.get("vpc_id"); v != nil {
				vpc = s2(v)
			}
			vpcAt = r.body.keyPos("vpc_id")
			for _, g := range r.body.get("security_group_ids").itemsOf() {
				groups[refOf(g)] = true
			}
		}
	}
	// The CIDR block the endpoint's security group admits on 443: the
	// VPC's (rotation.hostedRotationLambda.vpcCidr).
	for _, r := range b.all {
		if r.mode != "resource" || r.typ != "aws_vpc_security_group_ingress_rule" || !groups[refOf(r.body.get("security_group_id"))] {
			continue
		}
		if p, _ := scalar(r.body.get("from_port")); p != "443" {
			continue
		}
		for _, k := range []string{"cidr_ipv4", "cidr_ipv6"} {
			if c, ok := scalar(r.body.get(k)); ok {
				cidr = c
			}
		}
	}
	name, waived, recorded, recordedAt := tfHeader(root)
	for _, s := range b.secrets {
		s.endpointIn(vpc, vpcAt, endpoint, recorded, recordedAt)
		s.vpcCIDR(cidr)
		s.judgeValue(s.literal, "the configuration")
		if name != "" && len(b.secrets) == 1 {
			s.Design.Name = name
		}
		for _, w := range waived {
			s.waive(w.Rule, w.Reason, "the header comment of the configuration", w.at)
		}
		for _, addr := range s.Resources {
			if r := b.byAddr[addr]; r != nil {
				tfSuppressions(s.Secret, r)
			}
		}
		if _, ok := s.Fields["secret.generateSecretString"]; !ok && s.Design.Secret.GenerateSecretString == nil {
			s.Fields["secret.generateSecretString"] = s.Pos
		}
		s.ownFunctionRole()
		b.res.Secrets = append(b.res.Secrets, s.Secret)
	}
}

var (
	tfDesignRE = regexp.MustCompile(`^#\s*Generated by secretsmith \S+ from design (\S+)\.\s*$`)
	tfWaiveRE  = regexp.MustCompile(`^#\s*- ([a-z0-9-]+): (.*)$`)
	tfAboveRE  = regexp.MustCompile(`^#\s*Waived ([a-z0-9-]+): (.*)$`)
)

// tfHeader reads the design name, the waived rules and the rotation
// function's endpoint (blueprint.EndpointNote), with where it is, from the
// header that generate writes at the top of main.tf.
func tfHeader(m *tfModule) (name string, out []tfWaiver, endpoint string, endpointAt Pos) {
	for _, f := range m.files {
		inWaived := false
		for _, c := range f.comments {
			text := strings.TrimRight(c.text, "\r\n")
			if g := tfDesignRE.FindStringSubmatch(text); g != nil {
				name = g[1]
			}
			if ep, ok := blueprint.ReadEndpointNote(text); ok {
				endpoint, endpointAt = ep, Pos{File: f.name, Line: c.line, Col: 1}
			}
			if strings.HasPrefix(text, "# Blueprint rules waived:") {
				inWaived = true
				continue
			}
			if g := tfWaiveRE.FindStringSubmatch(text); g != nil && inWaived {
				if _, ok := blueprint.LookupRule(blueprint.RuleID(g[1])); ok {
					out = append(out, tfWaiver{blueprint.Waiver{Rule: g[1], Reason: g[2]}, Pos{File: f.name, Line: c.line, Col: 1}})
				}
				continue
			}
			inWaived = false
		}
	}
	return name, out, endpoint, endpointAt
}

// tfWaiver is a waiver of the header comment and the comment's place.
type tfWaiver struct {
	blueprint.Waiver
	at Pos
}

// tfSuppressions turns #checkov:skip and #trivy:ignore comments, and the
// "Waived RULE: reason" comments generate writes above a block, into waivers.
func tfSuppressions(s *Secret, r *tfResource) {
	for _, c := range r.comments {
		text := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(c), "#/"))
		if g := tfAboveRE.FindStringSubmatch("# " + text); g != nil {
			if _, ok := blueprint.LookupRule(blueprint.RuleID(g[1])); ok {
				s.waive(g[1], g[2], "a comment on "+r.addr, Pos{})
			}
			continue
		}
		if rest, ok := strings.CutPrefix(text, "checkov:skip="); ok {
			id, reason, _ := strings.Cut(rest, ":")
			for _, rule := range scannerRules("Checkov", strings.TrimSpace(id)) {
				s.waive(rule, orDefault(reason, "skipped for Checkov ("+id+")"), "#checkov:skip on "+r.addr, Pos{})
			}
			continue
		}
		if rest, ok := strings.CutPrefix(text, "trivy:ignore:"); ok {
			id := strings.Fields(rest + " ")[0]
			ids := []string{id}
			if !strings.HasPrefix(strings.ToUpper(id), "AVD-") {
				ids = append(ids, "AVD-"+id)
			}
			for _, x := range ids {
				for _, rule := range scannerRules("Trivy", x) {
					s.waive(rule, "ignored for Trivy ("+id+")", "#trivy:ignore on "+r.addr, Pos{})
				}
			}
		}
	}
}

func (b *tfBuilder) addSecret(r *tfResource) {
	s := &tfSecret{Secret: newSecret(r.addr, r.typ, r.pos), addr: r.addr, base: r.base}
	s.Resources = append(s.Resources, r.addr)
	b.secrets = append(b.secrets, s)
	b.byKey["ref:"+r.addr] = s
	// A secret whose for_each or count is not known is judged as each of
	// its instances that exists: every rule reads what the block writes,
	// equally certain for all of them (what each.key or count.index makes
	// is not known on its own). Had none, there would be nothing to judge.
	p := r.body
	sec := &s.Design.Secret
	if v := p.get("name"); v != nil && v.k != kNull {
		sec.SecretID = s.str("secret.secretId", p.keyPos("name"), v)
		s.name = sec.SecretID
	}
	sec.Description = s.str("secret.description", p.keyPos("description"), p.get("description"))
	b.region(s.Secret, r)
	if v := p.get("kms_key_id"); v != nil && v.k != kNull {
		sec.KMSKeyARN, s.keyID = b.key(s.Secret, "secret.kmsKeyArn", p.keyPos("kms_key_id"), v)
	} else {
		if v != nil {
			// Written, but null (a variable's default): the finding
			// belongs where the configuration sets it.
			s.Fields["secret.kmsKeyArn"] = p.keyPos("kms_key_id")
		}
		sec.KMSKeyARN = "alias/aws/secretsmanager"
		s.defaultKey = true
	}
	if v := p.get("recovery_window_in_days"); v != nil {
		sec.RecoveryWindowDays = s.integer("secret.recoveryWindowDays", p.keyPos("recovery_window_in_days"), v)
	}
	// Left out, the provider's schema default (30) is the design's own
	// default: an absent key is absent here too, nothing unread.
	if tags := p.get("tags"); tags != nil && s.field("secret.tags", p.keyPos("tags"), tags) {
		if tags.k != kMap {
			if tags.k != kNull {
				s.Unknown.Add("secret.tags", describeUnknown(tags))
			}
		} else {
			for i, k := range tags.keys {
				v := s.str(blueprint.TagPath(k), tags.kpos[i], tags.vals[i])
				sec.Tags = append(sec.Tags, blueprint.Tag{Key: k, Value: v})
			}
		}
	}
	sensitiveMetadata(s.Secret, p)
	if reps := p.get("replica"); reps != nil && s.field("secret.replicaRegions", p.keyPos("replica"), reps) {
		if reps.k != kSeq {
			s.Unknown.Add("secret.replicaRegions", describeUnknown(reps))
		}
		for i, rep := range reps.items {
			base := blueprint.IndexPath("secret.replicaRegions", i)
			s.field(base, rep.pos, rep)
			var rr blueprint.Replica
			rr.Region = s.str(base+".region", rep.keyPos("region"), rep.get("region"))
			if v := rep.get("kms_key_id"); v != nil && v.k != kNull {
				rr.KMSKeyARN, _ = b.key(s.Secret, base+".kmsKeyArn", rep.keyPos("kms_key_id"), v)
			} else {
				s.Fields[base+".kmsKeyArn"] = rep.pos
			}
			sec.ReplicaRegions = append(sec.ReplicaRegions, rr)
		}
	}
	// The legacy inline forms: policy and rotation on the secret itself.
	if v := p.get("policy"); v != nil && v.k != kNull {
		b.policy(s, r, v, p.keyPos("policy"), nil, Pos{})
	}
	if v := p.get("rotation_lambda_arn"); v != nil && v.k != kNull {
		b.rotation(s, r, p)
	}
}

// sensitiveMetadata fails no-secret-in-metadata for a description or tag
// that holds a value Terraform treats as sensitive (a sensitive variable,
// a value the plan marks so): Terraform keeps it out of its output, but
// the secret's description and tags are shown to anyone who may describe
// or list it. The value itself is not read, so never shown.
func sensitiveMetadata(s *Secret, p *value) {
	path, at := "", Pos{}
	if d := p.get("description"); isSensitive(d) {
		path, at = "secret.description", p.keyPos("description")
	} else if tags := p.get("tags"); isSensitive(tags) {
		path, at = "secret.tags", p.keyPos("tags")
	} else if tags != nil && tags.k == kMap {
		for i, k := range tags.keys {
			if isSensitive(tags.vals[i]) {
				path, at = blueprint.TagPath(k), tags.kpos[i]
				break
			}
		}
	}
	if path == "" {
		return
	}
	if s.overrides == nil {
		s.overrides = map[blueprint.RuleID]override{}
	}
	s.Fields[path] = at
	s.overrides[blueprint.RuleNoSecretInMetadata] = override{status: blueprint.StatusNotMet, path: path,
		message: "holds a value Terraform treats as sensitive, which is secret material: Terraform hides it from its output, but anyone who may describe or list the secret reads its description and tags; keep secrets out of them"}
}

// region reads the region the secret is created in: the resource's own
// region argument (provider 6), or else the region of the aws provider
// configuration it uses (provider = aws.ALIAS, or the default one, passed
// down to a module by its callers). A region not written down (a provider
// without one takes it from the environment) leaves the design's empty.
func (b *tfBuilder) region(s *Secret, r *tfResource) {
	const path = "secret.region"
	p := r.body
	if v := p.get("region"); v != nil && v.k != kNull {
		s.Design.Secret.Region = s.str(path, p.keyPos("region"), v)
		return
	}
	if r.planRegion != nil {
		s.Design.Secret.Region = s.str(path, r.planRegion.pos, r.planRegion)
		return
	}
	if r.mod == nil {
		return
	}
	alias := ""
	if a, ok := r.attrs()["provider"]; ok {
		x, aws := awsProviderAlias(a.Expr)
		if !aws {
			return
		}
		alias = x
	}
	attr, in, found := r.mod.providerRegion(alias)
	if !found || attr == nil {
		return
	}
	s.Design.Secret.Region = s.str(path, rangePos(attr.Range), in.valueOf(attr.Expr, nil))
}

// key reads a KMS key reference: a key of this configuration is the design's
// dedicated key, judged from the key block; an alias is followed to its key;
// a data source that looks up alias/aws/secretsmanager is the AWS managed key.
func (b *tfBuilder) key(s *Secret, path string, at Pos, v *value) (string, string) {
	if v.k != kRef {
		return s.str(path, at, v), ""
	}
	s.Fields[path] = at
	r := b.byAddr[v.s]
	if r == nil {
		s.Unknown.Add(path, v.s+" is not read by secretsmith")
		return "", ""
	}
	if r.typ == "aws_kms_alias" && r.mode == "resource" {
		if tgt := r.body.get("target_key_id"); tgt != nil && tgt.k == kRef && b.byAddr[tgt.s] != nil {
			r = b.byAddr[tgt.s]
		} else if name, ok := scalar(r.body.get("name")); ok {
			return name, ""
		}
	}
	switch {
	case r.mode == "resource" && r.typ == "aws_kms_key":
		s.Resources = append(s.Resources, r.addr)
		if path == "secret.kmsKeyArn" {
			b.keyRotation(s, r)
			s.keyRole = keyFunctionRole(tfJSONDocument(r.body.get("policy"), r.body.keyPos("policy")))
		}
		return "", r.addr
	case r.mode == "data" && (r.typ == "aws_kms_alias" || r.typ == "aws_kms_key"):
		for _, attr := range []string{"name", "key_id"} {
			if x, ok := scalar(r.body.get(attr)); ok && strings.HasPrefix(x, "alias/") {
				return x, ""
			}
		}
		s.Unknown.Add(path, "the key is looked up by the data source "+r.addr+" at plan time")
		return "", ""
	}
	s.Unknown.Add(path, fmt.Sprintf("the key is %s, which secretsmith cannot judge", r.addr))
	return "", ""
}

// tfJSONDocument reads a jsonencode({...}) attribute, such as a key's
// policy, as the document it writes; the references in it stay unknown.
func tfJSONDocument(doc *value, at Pos) *value {
	if doc == nil || doc.k != kStr && doc.raw == "" {
		return doc
	}
	text := doc.s
	if doc.raw != "" {
		text = doc.raw
	}
	parsed, err := parseYAML(at.File, []byte(text))
	if err != nil {
		return nil
	}
	return parsed
}

func (b *tfBuilder) keyRotation(s *Secret, r *tfResource) {
	if s.overrides == nil {
		s.overrides = map[blueprint.RuleID]override{}
	}
	const path = "key.enableKeyRotation"
	v := r.body.get("enable_key_rotation")
	s.Fields[path] = r.body.keyPos("enable_key_rotation")
	if v == nil {
		s.Fields[path] = r.pos
	}
	x, _ := scalar(v)
	switch {
	case v != nil && v.k == kUnknown:
		s.overrides[blueprint.RuleKeyRotationEnabled] = override{status: blueprint.StatusCannotVerify, path: path, note: v.s}
	case r.exists == triUnknown:
		s.overrides[blueprint.RuleKeyRotationEnabled] = override{status: blueprint.StatusCannotVerify, path: path, note: "the key " + r.base + " " + r.why + ", so whether it exists is not known either"}
	case x == "true":
		s.overrides[blueprint.RuleKeyRotationEnabled] = override{status: blueprint.StatusMet, path: path}
	default:
		msg := "is not set on " + r.addr + ", so KMS never rotates its key material; set enable_key_rotation = true"
		if v != nil {
			msg = "is " + x + " on " + r.addr + ", so KMS never rotates its key material; set it to true"
		}
		s.overrides[blueprint.RuleKeyRotationEnabled] = override{status: blueprint.StatusNotMet, path: path, message: msg}
	}
}

// secretFor finds the secret a policy, rotation or version belongs to.
func (b *tfBuilder) secretFor(r *tfResource, attr string) *tfSecret {
	v := r.body.get(attr)
	at := r.body.keyPos(attr)
	if v != nil && (v.k == kRef || v.k == kUnknown) && b.byKey["ref:"+v.s] == nil {
		// A reference whose instance is not known (a for_each or count
		// not known until plan time) still names its secret block.
		if s := b.secretBlockOf(r, attr); s != nil {
			return s
		}
	}
	switch {
	case v == nil:
		return nil
	case v.k == kRef:
		if s := b.byKey["ref:"+v.s]; s != nil {
			return s
		}
		if d := b.byAddr[v.s]; d != nil && d.mode == "data" && d.typ == "aws_secretsmanager_secret" {
			for _, k := range []string{"arn", "name"} {
				if lit, ok := scalar(d.body.get(k)); ok {
					return b.byLiteral(r, lit)
				}
			}
		}
		return b.existing(r, "ref:"+v.s, "", unknownAt(at, "%s is not a secret secretsmith can read", v.s))
	case v.k == kUnknown:
		return b.existing(r, "unknown:"+r.addr, "", v)
	}
	lit, ok := scalar(v)
	if !ok {
		return b.existing(r, "unknown:"+r.addr, "", unknownAt(at, "the %s of %s is not a string", attr, r.addr))
	}
	return b.byLiteral(r, lit)
}

// secretBlockOf finds the secret of this configuration that a policy,
// rotation or version names in attr when the instance it names is not
// known: the expression (through each, count and locals) reads one
// aws_secretsmanager_secret block, and that block has one instance, or one
// with the same instance key as r.
func (b *tfBuilder) secretBlockOf(r *tfResource, attr string) *tfSecret {
	e := r.expr(attr)
	if e == nil {
		return nil
	}
	bases := map[string]bool{}
	r.mod.references(e, r.attrs(), func(parts []string) {
		if parts[0] == "aws_secretsmanager_secret" && len(parts) > 1 {
			bases[r.mod.prefix+parts[0]+"."+parts[1]] = true
		}
	})
	if len(bases) != 1 {
		return nil
	}
	var base string
	for k := range bases {
		base = k
	}
	insts := r.mod.byBase[base]
	if len(insts) == 1 {
		if r.exists == triUnknown && sameInstances(r, insts[0]) {
			// Its instances are the secret's: it exists with each of them.
			r.exists, r.why = triTrue, ""
		}
		return b.byKey["ref:"+insts[0].addr]
	}
	key := strings.TrimPrefix(r.addr, r.base)
	if key == "" {
		return nil
	}
	for _, in := range insts {
		if in.addr == base+key {
			return b.byKey["ref:"+in.addr]
		}
	}
	return nil
}

// sameInstances reports whether r has one instance for each instance of
// the secret block sec: its for_each is that block, or it repeats the
// block's own for_each or count expression.
func sameInstances(r, sec *tfResource) bool {
	ra, sa := r.attrs(), sec.attrs()
	if fe, ok := ra["for_each"]; ok {
		if tr, diags := hcl.AbsTraversalForExpr(fe.Expr); !diags.HasErrors() {
			if parts := traversalParts(tr); len(parts) == 2 && len(tr) == 2 && r.mod.prefix+parts[0]+"."+parts[1] == sec.base {
				return true
			}
		}
	}
	for _, k := range []string{"for_each", "count"} {
		x, ok1 := ra[k]
		y, ok2 := sa[k]
		if ok1 && ok2 && r.mod == sec.mod && exprText(r.file, x.Expr) != "" && exprText(r.file, x.Expr) == exprText(sec.file, y.Expr) {
			return true
		}
	}
	return false
}

func exprText(f *tfFile, e hcl.Expression) string {
	rg := e.Range()
	if f == nil || rg.End.Byte > len(f.data) || rg.Start.Byte > rg.End.Byte {
		return ""
	}
	return strings.TrimSpace(string(f.data[rg.Start.Byte:rg.End.Byte]))
}

func (b *tfBuilder) byLiteral(r *tfResource, lit string) *tfSecret {
	for _, s := range b.secrets {
		if s.addr != "" && namesSecret(lit, s.name) {
			return s
		}
	}
	return b.existing(r, "arn:"+lit, lit, nil)
}

func (b *tfBuilder) existing(r *tfResource, key, arn string, unknown *value) *tfSecret {
	if s := b.byKey[key]; s != nil {
		return s
	}
	id := arn
	if id == "" {
		id = r.addr
	}
	s := &tfSecret{Secret: newSecret(id, r.typ, r.pos), arn: arn}
	s.Design.Secret.ExistingSecretARN = arn
	if unknown != nil {
		s.Design.Secret.ExistingSecretARN = "(unknown)"
		s.Unknown.Add("secret", unknown.s)
	}
	b.byKey[key] = s
	b.secrets = append(b.secrets, s)
	return s
}

func (b *tfBuilder) policy(s *tfSecret, r *tfResource, doc *value, at Pos, block *value, blockAt Pos) {
	s.Resources = append(s.Resources, r.addr)
	if s.Design.ResourcePolicy != nil {
		s.Unknown.Add("resourcePolicy", "two policies name this secret; which one applies depends on the order of apply")
		return
	}
	s.Design.ResourcePolicy = &blueprint.ResourcePolicy{}
	s.Fields["resourcePolicy"] = r.pos
	if r.exists == triUnknown {
		s.Unknown.Add("resourcePolicy", "the policy "+r.base+" "+r.why+", so whether it exists is not known either")
	}
	if block != nil && block.k != kNull {
		s.Design.ResourcePolicy.BlockPublicPolicy = s.boolean("resourcePolicy.blockPublicPolicy", blockAt, block)
	} else {
		f := false
		s.Design.ResourcePolicy.BlockPublicPolicy = &f
		s.Fields["resourcePolicy.blockPublicPolicy"] = r.pos
	}
	if doc != nil && doc.k == kRef {
		if d := b.byAddr[doc.s]; d != nil && d.mode == "data" && d.typ == "aws_iam_policy_document" {
			s.Resources = append(s.Resources, d.addr)
			doc = policyDocument(d)
		}
	}
	if doc != nil && (doc.k == kStr || doc.raw != "") {
		// jsonencode({...}): read the JSON, then give its parts the
		// positions of the HCL they were written as.
		text := doc.s
		if doc.raw != "" {
			text = doc.raw
		}
		if parsed, err := parseYAML(at.File, []byte(text)); err == nil {
			relocate(parsed, at)
			if e, ok := r.expr("policy").(hclsyntax.Expression); ok {
				r.mod.annotate(parsed, e, 0)
			}
			doc = parsed
		}
	}
	s.readPolicy(at, doc)
}

func (b *tfBuilder) rotation(s *tfSecret, r *tfResource, p *value) {
	if r.typ != "aws_secretsmanager_secret" {
		s.Resources = append(s.Resources, r.addr)
	}
	if s.Design.Rotation != nil {
		s.Unknown.Add("rotation", "two rotations name this secret")
		return
	}
	rot := &blueprint.Rotation{}
	s.Design.Rotation = rot
	s.Fields["rotation"] = r.pos
	if r.exists == triUnknown {
		s.Unknown.Add("rotation", "the rotation "+r.base+" "+r.why+", so whether it exists is not known either")
	}
	if rr := p.get("rotation_rules"); rr != nil && s.field("rotation.rotationRules", p.keyPos("rotation_rules"), rr) {
		if rr.k == kSeq && len(rr.items) > 0 {
			rr = rr.items[0]
		}
		// A null is left out: a module's optional attribute not given.
		if n := s.integer("rotation.automaticallyAfterDays", rr.keyPos("automatically_after_days"), nonNull(rr.get("automatically_after_days"))); n != nil {
			rot.AutomaticallyAfterDays = *n
		}
		rot.ScheduleExpression = s.str("rotation.scheduleExpression", rr.keyPos("schedule_expression"), nonNull(rr.get("schedule_expression")))
		rot.Duration = s.str("rotation.duration", rr.keyPos("duration"), nonNull(rr.get("duration")))
	}
	if v := p.get("rotate_immediately"); v != nil && v.k != kNull {
		rot.RotateImmediately = s.boolean("rotation.rotateImmediately", p.keyPos("rotate_immediately"), v)
	}
	v := p.get("rotation_lambda_arn")
	if v == nil {
		return
	}
	at := p.keyPos("rotation_lambda_arn")
	if v.k == kRef {
		fn := b.byAddr[v.s]
		switch {
		case fn != nil && fn.typ == "aws_serverlessapplicationrepository_cloudformation_stack":
			if h := b.hosted(s, fn); h != nil {
				// A parameter the stack lacks is added to its parameters.
				s.Fields["rotation.hostedRotationLambda"] = appParamsPos(fn.pos, fn.body, "parameters")
				rot.HostedRotationLambda = h
				return
			}
		case fn != nil && fn.typ == "aws_lambda_function":
			rot.RotationLambdaARN = "${" + refText(v) + "}"
			s.Fields["rotation.rotationLambdaArn"] = at
			b.functionInVPC(s, fn)
			return
		}
	}
	rot.RotationLambdaARN = s.refStr("rotation.rotationLambdaArn", at, v)
}

// hosted reads the Secrets Manager rotation application a Serverless
// Application Repository stack deploys as a hosted rotation function.
func (b *tfBuilder) hosted(s *tfSecret, fn *tfResource) *blueprint.HostedRotationLambda {
	app, _ := scalar(fn.body.get("application_id"))
	h := s.rotationApp(app, fn.body.keyPos("application_id"), fn.body.get("parameters"), func(v *value) bool {
		return s.keyID != "" && b.sameKey(v, s.keyID)
	})
	if h != nil {
		s.Resources = append(s.Resources, fn.addr)
	}
	return h
}

func (b *tfBuilder) sameKey(v *value, keyID string) bool {
	r := b.byAddr[v.s]
	if r != nil && r.typ == "aws_kms_alias" {
		if tgt := r.body.get("target_key_id"); tgt != nil && tgt.k == kRef {
			r = b.byAddr[tgt.s]
		}
	}
	return r != nil && r.addr == keyID
}

func (b *tfBuilder) functionInVPC(s *tfSecret, fn *tfResource) {
	s.Resources = append(s.Resources, fn.addr)
	if s.overrides == nil {
		s.overrides = map[blueprint.RuleID]override{}
	}
	const path = "rotation.function.vpcConfig"
	s.Fields[path] = fn.pos
	vc := fn.body.get("vpc_config")
	if vc != nil {
		s.Fields[path] = fn.body.keyPos("vpc_config")
		if vc.k == kSeq && len(vc.items) > 0 {
			vc = vc.items[0]
		}
	}
	subnets, groups := vc.get("subnet_ids"), vc.get("security_group_ids")
	for _, v := range []*value{vc, subnets, groups} {
		if v != nil && v.k == kUnknown {
			s.overrides[blueprint.RuleRotationLambdaInVPC] = override{status: blueprint.StatusCannotVerify, path: path, note: v.s}
			return
		}
	}
	empty := func(v *value) bool { return v == nil || v.k == kNull || (v.k == kSeq && len(v.items) == 0) }
	if empty(subnets) || empty(groups) {
		s.overrides[blueprint.RuleRotationLambdaInVPC] = override{status: blueprint.StatusNotMet, path: path,
			message: "the rotation function " + fn.addr + " has no vpc_config with subnet_ids and security_group_ids, so it runs outside your VPC; give it private subnets and a security group"}
		return
	}
	s.overrides[blueprint.RuleRotationLambdaInVPC] = override{status: blueprint.StatusMet, path: path}
}

// version reads the first value of a secret: generated when it comes from
// an ephemeral aws_secretsmanager_random_password (or random_password), so
// nobody wrote it down; a literal otherwise.
func (b *tfBuilder) version(s *tfSecret, r *tfResource) {
	s.Resources = append(s.Resources, r.addr)
	for _, attr := range []string{"secret_string_wo", "secret_string", "secret_binary"} {
		a, expr := r.body.get(attr), r.expr(attr)
		if a == nil || a.k == kNull {
			// Not set, or set to null (a module's optional input).
			continue
		}
		at := r.body.keyPos(attr)
		s.Fields["secret.generateSecretString"] = at
		pw, key, tmpl := b.generatedPassword(r, expr)
		if pw == nil && expr == nil && r.cfg != nil {
			// A plan without its configuration: the references the
			// plan lists for the value.
			pw = b.passwordIn(r, exprRefs(r.cfg.Expressions[attr]))
		}
		if pw == nil || pw.mode != "ephemeral" {
			// Written down, or made by Terraform outside an ephemeral
			// block (a random_password resource, the data source): then
			// Terraform keeps it in plain text in its state and plan.
			s.literal = true
			if attr != "secret_binary" {
				s.valueKeys, s.valueUnread = tfValueKeys(a)
			}
			s.valueVar = unsetVariable(r, expr)
			if pw != nil {
				s.valueStored = pw.addr
			} else {
				s.valueStored = b.storedRandom(r, expr)
			}
			return
		}
		g := &blueprint.GenerateSecretString{GenerateStringKey: key, SecretStringTemplate: tmpl}
		if a.k == kUnknown && a.raw != "" {
			// A JSON value around the password: its keys connect as a
			// written-down value's do, also those holding a reference
			// (host = aws_db_instance.x.address) the template leaves out.
			s.valueKeys, s.valueUnread = tfValueKeys(a)
		}
		const base = "secret.generateSecretString."
		if tmpl != "" {
			// The template is the value's own text: its problems are
			// at the attribute.
			s.Fields[base+"secretStringTemplate"] = at
		}
		p := pw.body
		g.PasswordLength = s.integer(base+"passwordLength", p.keyPos("password_length"), p.get("password_length"))
		if pw.typ == "random_password" {
			g.PasswordLength = s.integer(base+"passwordLength", p.keyPos("length"), p.get("length"))
		}
		g.ExcludeCharacters = s.str(base+"excludeCharacters", p.keyPos("exclude_characters"), p.get("exclude_characters"))
		for _, f := range []struct {
			attr string
			dst  **bool
			path string
		}{
			{"exclude_lowercase", &g.ExcludeLowercase, "excludeLowercase"},
			{"exclude_uppercase", &g.ExcludeUppercase, "excludeUppercase"},
			{"exclude_numbers", &g.ExcludeNumbers, "excludeNumbers"},
			{"exclude_punctuation", &g.ExcludePunctuation, "excludePunctuation"},
			{"include_space", &g.IncludeSpace, "includeSpace"},
			{"require_each_included_type", &g.RequireEachIncludedType, "requireEachIncludedType"},
		} {
			if v := p.get(f.attr); v != nil {
				*f.dst = s.boolean(base+f.path, p.keyPos(f.attr), v)
			}
		}
		s.Design.Secret.GenerateSecretString = g
		s.Resources = append(s.Resources, pw.addr)
		return
	}
}

// tfValueKeys reads the key names of a value a configuration writes down
// (a literal JSON string, jsonencode({...})), as a CloudFormation
// template's literal SecretString is read (valueKeys): never its values.
// A value built from references (jsonencode of an object holding a
// database's address) still names its keys, each holding something; one
// whose keys are not known says why, in unread.
func tfValueKeys(v *value) (keys, unread string) {
	text := v.s
	switch {
	case v.k == kStr:
	case v.k == kUnknown && v.raw != "":
		text = v.raw
	default:
		return "", describeUnknown(v)
	}
	if filled, _ := blueprint.FilledTemplateKeys(text); slices.ContainsFunc(filled, func(k string) bool { return strings.Contains(k, markOpen) }) {
		return "", "the secret_string's keys are only known after apply"
	}
	return valueKeys(text), ""
}

// storedRandom names the first random value e reads that Terraform makes
// and keeps in its state: a random_password, random_string, random_id or
// random_bytes resource, or an aws_secretsmanager_random_password that is
// not ephemeral.
func (b *tfBuilder) storedRandom(r *tfResource, e hcl.Expression) string {
	if e == nil || r.mod == nil {
		return ""
	}
	for _, tr := range e.Variables() {
		parts := traversalParts(tr)
		for n := len(parts); n >= 2; n-- {
			addr := r.mod.prefix + strings.Join(parts[:n], ".")
			x := b.byAddr[addr]
			if x == nil {
				if insts := r.mod.byBase[addr]; len(insts) == 1 {
					x = insts[0]
				}
			}
			if x == nil || x.mode == "ephemeral" {
				continue
			}
			switch x.typ {
			case "random_password", "random_string", "random_id", "random_bytes", "aws_secretsmanager_random_password":
				return x.addr
			}
		}
	}
	return ""
}

// unsetVariable names the first input variable e reads that has no value
// in the configuration (no default, and not set by a calling module): the
// value is then given when Terraform runs, not written down here.
func unsetVariable(r *tfResource, e hcl.Expression) string {
	if e == nil || r.mod == nil {
		return ""
	}
	for _, tr := range e.Variables() {
		if tr.RootName() != "var" || len(tr) < 2 {
			continue
		}
		a, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			continue
		}
		if r.mod.sensitive[a.Name] {
			continue // given a value, though it is not read
		}
		if v, ok := r.mod.vars[a.Name]; ok && (hasMarker(v) || !v.IsWhollyKnown()) {
			return a.Name
		}
	}
	return ""
}

// expr is the expression the configuration writes for attr (nil for a
// resource read from a plan without its configuration).
func (r *tfResource) expr(attr string) hcl.Expression {
	if a, ok := r.attrs()[attr]; ok {
		return a.Expr
	}
	return nil
}

func (r *tfResource) attrs() map[string]*hcl.Attribute {
	if r.block == nil {
		return nil
	}
	return blockAttrs(r.block.Body)
}

// generatedPassword recognises a value built from a generated password:
// the password itself, or jsonencode(merge(jsondecode(TEMPLATE), {KEY =
// password})) as generate writes it.
func (b *tfBuilder) generatedPassword(r *tfResource, e hcl.Expression) (pw *tfResource, key, tmpl string) {
	if e == nil {
		return nil, "", ""
	}
	// cond ? a : b, as modules choose between a generated password and an
	// input: the branch the condition takes, when it is known.
	for depth := 0; depth < maxDepth; depth++ {
		c, ok := e.(*hclsyntax.ConditionalExpr)
		if !ok {
			break
		}
		v := r.mod.evalCty(c.Condition, r)
		if !v.IsKnown() || v.IsNull() || v.Type() != cty.Bool {
			break
		}
		e = c.FalseResult
		if v.True() {
			e = c.TrueResult
		}
	}
	isPassword := func(tr hcl.Traversal) *tfResource {
		parts := traversalParts(tr)
		for n := len(parts); n >= 2; n-- {
			addr := r.mod.prefix + strings.Join(parts[:n], ".")
			if x := b.byAddr[addr]; x != nil && (x.typ == "aws_secretsmanager_random_password" || x.typ == "random_password") {
				return x
			}
			// ephemeral.random_password.this[0]: the block's instance.
			if insts := r.mod.byBase[addr]; len(insts) == 1 && (insts[0].typ == "aws_secretsmanager_random_password" || insts[0].typ == "random_password") {
				return insts[0]
			}
		}
		return nil
	}
	if tr, diags := hcl.AbsTraversalForExpr(e); !diags.HasErrors() {
		return isPassword(tr), "", ""
	}
	call, ok := e.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "jsonencode" || len(call.Args) != 1 {
		return b.passwordBuiltIn(r, e, isPassword)
	}
	merge, ok := call.Args[0].(*hclsyntax.FunctionCallExpr)
	if !ok || merge.Name != "merge" {
		return b.passwordBuiltIn(r, e, isPassword)
	}
	for _, arg := range merge.Args {
		switch a := arg.(type) {
		case *hclsyntax.FunctionCallExpr:
			if a.Name == "jsondecode" && len(a.Args) == 1 {
				if v := r.mod.evalCty(a.Args[0], r); v.IsKnown() && !v.IsNull() && v.Type().FriendlyName() == "string" && !hasMarker(v) {
					tmpl = v.AsString()
				}
			}
		case *hclsyntax.ObjectConsExpr:
			for _, item := range a.Items {
				for _, tr := range item.ValueExpr.Variables() {
					b.databaseTarget(r, tr)
					if x := isPassword(tr); x != nil {
						pw = x
						if k, diags := item.KeyExpr.Value(nil); !diags.HasErrors() && k.Type().FriendlyName() == "string" {
							key = k.AsString()
						} else {
							key = hcl.ExprAsKeyword(item.KeyExpr)
						}
					}
				}
			}
		}
	}
	if tmpl != "" && !json.Valid([]byte(tmpl)) {
		tmpl = ""
	}
	return pw, key, tmpl
}

// passwordBuiltIn judges a value of any other shape by what it is made
// of (jsonencode({username = "app", password = ephemeral...}), a string
// template around the password): the generated password it reads, an
// ephemeral one first, since that one is never stored. When the value is a
// JSON object, key is the one holding the password whole and tmpl the
// entries written down beside it (never one holding a value not known:
// a marker's text must not become the design's).
func (b *tfBuilder) passwordBuiltIn(r *tfResource, e hcl.Expression, isPassword func(hcl.Traversal) *tfResource) (pw *tfResource, key, tmpl string) {
	for _, tr := range e.Variables() {
		b.databaseTarget(r, tr)
		if x := isPassword(tr); x != nil && (pw == nil || pw.mode != "ephemeral") {
			pw = x
		}
	}
	if pw == nil || pw.mode != "ephemeral" {
		return pw, "", ""
	}
	v := r.mod.evalCty(e, r)
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return pw, "", ""
	}
	var obj map[string]any
	if json.Unmarshal([]byte(v.AsString()), &obj) != nil {
		return pw, "", ""
	}
	written := map[string]any{}
	for k, x := range obj {
		text, isText := x.(string)
		if isText && strings.HasPrefix(text, markOpen+pw.addr+"|") && strings.HasSuffix(text, markClose) && strings.Count(text, markOpen) == 1 {
			key = k
			continue
		}
		if raw, _ := json.Marshal(x); !strings.ContainsAny(k+string(raw), markOpen+markClose) {
			written[k] = x
		}
	}
	if len(written) > 0 {
		if out, err := json.Marshal(written); err == nil {
			tmpl = string(out)
		}
	}
	return pw, key, tmpl
}

// passwordIn finds a generated password among the references a plan lists.
func (b *tfBuilder) passwordIn(r *tfResource, refs []string) *tfResource {
	for _, ref := range refs {
		parts := strings.Split(stripKeys(ref), ".")
		for n := len(parts); n >= 2; n-- {
			x := b.byAddr[r.mod.prefix+strings.Join(parts[:n], ".")]
			if x != nil && (x.typ == "aws_secretsmanager_random_password" || x.typ == "random_password") {
				return x
			}
		}
	}
	return nil
}

func traversalParts(tr hcl.Traversal) []string {
	var out []string
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			out = append(out, s.Name)
		case hcl.TraverseAttr:
			out = append(out, s.Name)
		default:
			return out
		}
	}
	return out
}

// eventRule joins an EventBridge rule that watches failed rotations, with
// the mailbox subscribed to the SNS topic its target publishes to.
func (b *tfBuilder) eventRule(r *tfResource) {
	if st, ok := scalar(r.body.get("state")); ok && strings.EqualFold(st, "DISABLED") {
		return
	}
	if en, ok := scalar(r.body.get("is_enabled")); ok && en == "false" {
		return
	}
	pat := r.body.get("event_pattern")
	if pat != nil && pat.k == kUnknown && pat.raw != "" {
		pat = &value{k: kStr, s: pat.raw, pos: pat.pos}
	}
	if pat != nil && pat.k == kStr {
		parsed, err := parseYAML(r.pos.File, []byte(pat.s))
		if err != nil {
			return
		}
		relocate(parsed, r.body.keyPos("event_pattern"))
		pat = parsed
	}
	failure, fids := rotationPattern(pat)
	change, cids, missing := changePattern(pat)
	if !failure && !change {
		return
	}
	t := b.ruleTarget(r)
	cond := ""
	if r.exists == triUnknown {
		cond = "the EventBridge rule " + r.base + " " + r.why + ", so whether it exists is not known either"
	}
	m := eventRuleMatch{id: r.addr, at: r.pos, cond: cond, target: t,
		failure: failure, failureIDs: fids, change: change, changeIDs: cids, missing: missing}
	for _, s := range b.secrets {
		m.record(s.Secret, s.addr, s.name, s.arn)
	}
}

// ruleTarget finds where a rule's targets send its events: an SNS topic of
// the configuration (and the first email address subscribed to it), or an
// existing topic named by ARN.
func (b *tfBuilder) ruleTarget(rule *tfResource) alertTarget {
	var t alertTarget
	for _, tg := range b.all {
		if tg.typ != "aws_cloudwatch_event_target" || tg.mode != "resource" {
			continue
		}
		rv := tg.body.get("rule")
		if rv == nil || rv.k != kRef || rv.s != rule.addr {
			continue
		}
		arn := tg.body.get("arn")
		switch {
		case arn == nil:
			continue
		case arn.k == kUnknown:
			if t.unknown == "" {
				t.unknown = "the rule's target: " + arn.s
			}
			continue
		case arn.k != kRef:
			if lit, ok := scalar(arn); ok {
				if a, ok := blueprint.ParseARN(lit); ok && a.Service == "sns" && t.topicARN == "" {
					t.topicARN, t.at = lit, tg.body.keyPos("arn")
				}
			}
			continue
		}
		topic := b.byAddr[arn.s]
		if topic == nil {
			continue
		}
		if topic.mode == "data" && topic.typ == "aws_sns_topic" {
			if name, ok := scalar(topic.body.get("name")); ok && t.topicARN == "" {
				t.topicARN, t.at = name, tg.body.keyPos("arn")
			}
			continue
		}
		if topic.typ != "aws_sns_topic" {
			continue
		}
		t.topic = true
		for _, sub := range b.all {
			if sub.typ != "aws_sns_topic_subscription" || sub.mode != "resource" {
				continue
			}
			ta := sub.body.get("topic_arn")
			if ta == nil || ta.k != kRef || ta.s != arn.s {
				continue
			}
			if e, p, u, ok := emailOf(sub.body.get("protocol"), sub.body.get("endpoint"), sub.body.keyPos("endpoint")); ok && t.email == "" {
				t.email, t.at, t.emailUnknown = e, p, u
			}
		}
	}
	return t
}

// policyDocument turns an aws_iam_policy_document data source into the
// policy JSON it renders: its statement blocks, with principals and
// conditions grouped the way IAM writes them. Documents it merges in
// (source_policy_documents, override_policy_documents) are unknown.
func policyDocument(d *tfResource) *value {
	at := d.pos
	for _, k := range []string{"source_policy_documents", "override_policy_documents", "source_json", "override_json"} {
		// Null or an empty list (a module's default) merges nothing.
		if v := d.body.get(k); v != nil && v.k != kNull && (v.k != kSeq || len(v.items) > 0) {
			return unknownAt(at, "the policy document %s merges in other documents (%s), which secretsmith does not read", d.addr, k)
		}
	}
	doc := &value{k: kMap, pos: at}
	doc.set("Version", strAt(at, "2012-10-17"), at)
	sts := &value{k: kSeq, pos: at}
	for _, st := range d.body.get("statement").itemsOf() {
		out := &value{k: kMap, pos: st.pos}
		copyAttr := func(from, to string) {
			if v := st.get(from); v != nil && v.k != kNull {
				out.set(to, v, st.keyPos(from))
			}
		}
		copyAttr("sid", "Sid")
		if e := st.get("effect"); e == nil || e.k == kNull {
			// Left out, or null (a module's optional input): Allow.
			out.set("Effect", strAt(st.pos, "Allow"), st.pos)
		}
		copyAttr("effect", "Effect")
		copyAttr("actions", "Action")
		copyAttr("not_actions", "NotAction")
		copyAttr("resources", "Resource")
		for _, kind := range []struct{ block, key string }{{"principals", "Principal"}, {"not_principals", "NotPrincipal"}} {
			blocks := st.get(kind.block).itemsOf()
			if len(blocks) == 0 {
				continue
			}
			pr := &value{k: kMap, pos: st.keyPos(kind.block)}
			for _, p := range blocks {
				typ, ok := scalar(p.get("type"))
				ids := p.get("identifiers")
				if !ok {
					pr = unknownAt(p.pos, "a principal type is not known")
					break
				}
				if typ == "*" {
					pr = strAt(p.pos, "*")
					break
				}
				prev := pr.get(typ)
				if prev == nil {
					prev = &value{k: kSeq, pos: p.pos}
					pr.set(typ, prev, p.pos)
				}
				if ids != nil && ids.k == kSeq && prev.k == kSeq {
					prev.items = append(prev.items, ids.items...)
				} else if ids != nil {
					pr.set(typ, ids, p.pos)
				}
			}
			out.set(kind.key, pr, st.keyPos(kind.block))
		}
		if conds := st.get("condition").itemsOf(); len(conds) > 0 {
			cm := &value{k: kMap, pos: st.keyPos("condition")}
			for _, c := range conds {
				test, tok := scalar(c.get("test"))
				variable, vok := scalar(c.get("variable"))
				if !tok || !vok {
					cm = unknownAt(c.pos, "a condition's test or variable is not known")
					break
				}
				op := cm.get(test)
				if op == nil {
					op = &value{k: kMap, pos: c.pos}
					cm.set(test, op, c.pos)
				}
				op.set(variable, orNull(c.get("values")), c.keyPos("values"))
			}
			out.set("Condition", cm, st.keyPos("condition"))
		}
		sts.items = append(sts.items, out)
	}
	doc.set("Statement", sts, at)
	return doc
}

// annotate gives the parts of a value evaluated from an HCL expression the
// positions of the keys and elements they were written as, where the
// expression spells them out (object and tuple constructors, through
// jsonencode), and through the local values it names.
func (m *tfModule) annotate(v *value, e hclsyntax.Expression, depth int) {
	if v == nil || e == nil || depth > maxDepth {
		return
	}
	switch x := e.(type) {
	case *hclsyntax.FunctionCallExpr:
		if x.Name == "jsonencode" && len(x.Args) == 1 {
			m.annotate(v, x.Args[0], depth+1)
		}
		return
	case *hclsyntax.ScopeTraversalExpr:
		// local.NAME: where the local value is written.
		if parts := traversalParts(x.Traversal); len(parts) == 2 && len(x.Traversal) == 2 && parts[0] == "local" {
			if a, ok := m.locals[parts[1]]; ok {
				if le, ok := a.Expr.(hclsyntax.Expression); ok {
					m.annotate(v, le, depth+1)
					return
				}
			}
		}
	case *hclsyntax.ParenthesesExpr:
		m.annotate(v, x.Expression, depth+1)
		return
	case *hclsyntax.ObjectConsExpr:
		if v.k != kMap {
			return
		}
		v.pos = rangePos(x.SrcRange)
		for _, item := range x.Items {
			key := hcl.ExprAsKeyword(item.KeyExpr)
			if key == "" {
				if kv, diags := item.KeyExpr.Value(nil); !diags.HasErrors() && kv.Type() == cty.String && kv.IsKnown() && !kv.IsNull() {
					key = kv.AsString()
				}
			}
			for i, k := range v.keys {
				if k == key {
					v.kpos[i] = rangePos(item.KeyExpr.Range())
					m.annotate(v.vals[i], item.ValueExpr, depth+1)
				}
			}
		}
		return
	case *hclsyntax.TupleConsExpr:
		if v.k != kSeq || len(v.items) != len(x.Exprs) {
			return
		}
		v.pos = rangePos(x.SrcRange)
		for i, it := range x.Exprs {
			m.annotate(v.items[i], it, depth+1)
		}
		return
	}
	v.pos = rangePos(e.Range())
}

// tfDatabaseTargets maps the data sources generate reads a database
// target's host and port from to the target type and identifier attribute.
var tfDatabaseTargets = map[string][2]string{
	"aws_rds_cluster":      {"AWS::RDS::DBCluster", "cluster_identifier"},
	"aws_db_instance":      {"AWS::RDS::DBInstance", "db_instance_identifier"},
	"aws_redshift_cluster": {"AWS::Redshift::Cluster", "cluster_identifier"},
}

// databaseTarget records the database a secret's value takes its host from,
// when that is a data source for one: Terraform's SecretTargetAttachment.
func (b *tfBuilder) databaseTarget(r *tfResource, tr hcl.Traversal) {
	parts := traversalParts(tr)
	if len(parts) < 3 || parts[0] != "data" {
		return
	}
	t, ok := tfDatabaseTargets[parts[1]]
	if !ok {
		return
	}
	d := b.byAddr[r.mod.prefix+strings.Join(parts[:3], ".")]
	s := b.byKey["ref:"+refOf(r.body.get("secret_id"))]
	if d == nil || s == nil || s.Design.Secret.Database != nil {
		return
	}
	s.Design.Secret.Database = &blueprint.Database{TargetType: t[0], TargetID: s2(d.body.get(t[1]))}
	s.Fields["secret.database"] = d.pos
	s.Attachments = append(s.Attachments, t[0]+" "+s.Design.Secret.Database.TargetID)
	s.Resources = append(s.Resources, d.addr)
}

// nonNull is v, or nil for a null: an attribute set to null is not set.
func nonNull(v *value) *value {
	if v != nil && v.k == kNull {
		return nil
	}
	return v
}

func refOf(v *value) string {
	if v == nil || v.k != kRef {
		return ""
	}
	return v.s
}
