package scan

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// CloudFormation reads a CloudFormation template (YAML with any short-form
// tags, or JSON) and returns one Secret per Secrets Manager secret in it,
// plus one per existing secret that its policies or schedules name by ARN.
// The templates of its nested stacks that are local files (TemplateURL a
// path relative to the template, as 'aws cloudformation package' reads
// them) are read too, with the parameters the stack passes them; their
// secrets are named STACK/ID.
func CloudFormation(file string, data []byte) (*Result, error) {
	return CloudFormationWith(file, data, Options{})
}

// CloudFormationWith is CloudFormation with the reach of its nested stacks
// bounded by opt.
func CloudFormationWith(file string, data []byte, opt Options) (*Result, error) {
	return (&cfnReader{tree: newTree(opt, file)}).read(file, data, nil, nil)
}

// cfnReader reads a template and its nested stacks.
type cfnReader struct {
	// stacks counts the nested templates read, against maxStacks, and
	// bytes their size, against maxStackBytes.
	stacks, bytes int
	// tree is where nested templates may be read from.
	tree tree
	// secrets counts the secrets of the templates read, against
	// maxSecrets.
	secrets int
}

// given are the parameter values a parent stack passes; chain the
// templates that include this one, outermost first.
func (rd *cfnReader) read(file string, data []byte, given map[string]*value, chain []string) (*Result, error) {
	root, tagged, err := parseTemplate(file, data)
	if err != nil {
		return nil, err
	}
	if err := duplicateKey(root); err != nil {
		return nil, err
	}
	if root.k != kMap {
		return nil, &SyntaxError{root.pos, "a CloudFormation template is a mapping with a Resources section"}
	}
	t := &cfnTemplate{
		file: file, root: root, params: map[string]*value{}, conditions: map[string]*value{},
		mappings: root.get("Mappings"), byID: map[string]*cfnResource{},
		condMemo: map[string]tri{}, condBusy: map[string]bool{}, given: given,
	}
	if ps := root.get("Parameters"); ps != nil && ps.k == kMap {
		for i, k := range ps.keys {
			t.params[k] = ps.vals[i]
		}
	}
	if cs := root.get("Conditions"); cs != nil && cs.k == kMap {
		for i, k := range cs.keys {
			t.conditions[k] = cs.vals[i]
		}
	}
	rs := root.get("Resources")
	if rs != nil && rs.k == kUnknown && len(tagged) > 0 {
		// Resources: !Include x: the preprocessor's notice says it.
		rs = &value{k: kMap, pos: rs.pos}
	}
	if rs == nil || rs.k != kMap {
		return nil, &SyntaxError{root.keyPos("Resources"), "the template has no Resources mapping"}
	}
	rs, err = t.expandResources(rs)
	if err != nil {
		return nil, err
	}
	for i, id := range rs.keys {
		raw := rs.vals[i]
		if raw.k == kUnknown && len(tagged) > 0 {
			continue // a preprocessor's tag, with its notice
		}
		if raw.k != kMap {
			return nil, &SyntaxError{rs.kpos[i], fmt.Sprintf("the resource %s is not a mapping", id)}
		}
		typ, _ := scalar(raw.get("Type"))
		r := &cfnResource{id: id, typ: typ, pos: rs.kpos[i], raw: raw, cond: triTrue}
		if c, ok := scalar(raw.get("Condition")); ok {
			r.condition, r.condPos = c, raw.get("Condition").pos
		}
		t.resources = append(t.resources, r)
		t.byID[id] = r
	}
	for _, r := range t.resources {
		t.dependsOn(r)
		if r.condition != "" {
			r.cond = t.condition("Condition", r.condition, r.condPos, 0)
		}
		if r.loop = t.loopWhy[r.id]; r.loop != "" && r.cond != triFalse {
			r.cond = triUnknown
		}
		t.evaluating = r
		r.props = t.eval(r.raw.get("Properties"), 0)
		t.evaluating = nil
		if r.props != nil && r.props.k == kUnknown && hasLoop(r.raw.get("Properties")) && r.cond != triFalse {
			// A loop writes properties that cannot be told: nothing
			// read from the resource can be trusted.
			r.loop, r.cond = r.props.s, triUnknown
		}
		if r.props != nil && r.props.k == kUnknown && r.loop == "" {
			// Properties as a whole cannot be read (an Fn::If between a
			// mapping and something else): nothing about the resource
			// is judged as if it had no properties.
			r.propsUnknown = "its Properties: " + r.props.s
		}
		if r.props == nil || r.props.k != kMap {
			r.props = &value{k: kMap, pos: r.pos}
		}
	}
	t.allConditions()
	t.dependsOnCycles()
	t.outputs()
	b := &cfnBuilder{t: t, res: &Result{Path: file, Format: "cloudformation"}, byKey: map[string]*cfnSecret{}}
	b.build()
	if err := t.danglingError(); err != nil {
		return nil, err
	}
	rd.secrets += len(b.res.Secrets)
	b.res.Notices = append(b.res.Notices, tagged...)
	b.res.Notices = append(b.res.Notices, t.notices...)
	if err := rd.nested(b, append(slices.Clip(chain), file)); err != nil {
		return nil, err
	}
	return b.res, nil
}

type cfnBuilder struct {
	t       *cfnTemplate
	res     *Result
	secrets []*cfnSecret
	byKey   map[string]*cfnSecret
}

// cfnSecret is a secret being assembled: the Secret, and what it is known by.
type cfnSecret struct {
	*Secret
	logicalID string // the AWS::SecretsManager::Secret resource, if any
	name      string // its Name, when known
	arn       string // the ARN of an existing secret
	keyID     string // the AWS::KMS::Key of this template that encrypts it
	literal   bool   // the template writes the value down (SecretString)
}

// s2 is the text of a resolved value, or ${Id} for a reference.
func s2(v *value) string {
	if v == nil {
		return ""
	}
	if v.k == kRef {
		return "${" + refText(v) + "}"
	}
	x, _ := scalar(v)
	return x
}

func (b *cfnBuilder) build() {
	t := b.t
	for _, r := range t.resources {
		switch {
		case r.typ != "AWS::SecretsManager::Secret":
		case r.cond != triFalse:
			b.addSecret(r)
		default:
			// A secret the defaults leave out is still one a deployment
			// can create: dropped without a word, it read as judged.
			b.res.Notices = append(b.res.Notices, Notice{Pos: r.pos, Resource: r.id, Msg: "exists only when its condition " + r.condition +
				" holds, which it does not with the parameters' defaults, so it is not checked (check reads each parameter at its default)"})
		}
	}
	for _, r := range t.resources {
		if r.cond == triFalse {
			continue
		}
		switch r.typ {
		case "AWS::SecretsManager::ResourcePolicy":
			if s := b.secretFor(r, "ResourcePolicy"); s != nil {
				b.policy(s, r)
			}
		case "AWS::SecretsManager::RotationSchedule":
			if s := b.secretFor(r, "RotationSchedule"); s != nil {
				b.rotation(s, r)
			}
		case "AWS::SecretsManager::SecretTargetAttachment":
			if s := b.secretFor(r, "SecretTargetAttachment"); s != nil {
				s.Resources = append(s.Resources, r.id)
				tt, _ := scalar(r.props.get("TargetType"))
				target := describeUnknown(r.props.get("TargetId"))
				if v := r.props.get("TargetId"); v != nil && v.k == kRef {
					target = v.s
				} else if x, ok := scalar(v); ok {
					target = x
				}
				s.Attachments = append(s.Attachments, strings.TrimSpace(tt+" "+target))
				if s.Design.Secret.Database == nil && !s.Design.IsExisting() {
					s.Design.Secret.Database = &blueprint.Database{TargetType: tt, TargetID: s2(r.props.get("TargetId"))}
					s.Fields["secret.database"] = r.pos
				}
			}
		}
	}
	for _, r := range t.resources {
		if r.typ == "AWS::Events::Rule" && r.cond != triFalse {
			b.eventRule(r)
		}
	}
	for _, r := range t.resources {
		if r.typ == "AWS::CloudWatch::Alarm" && r.cond != triFalse {
			var ids []*value
			for _, d := range r.props.get("Dimensions").itemsOf() {
				if v := d.get("Value"); v != nil {
					ids = append(ids, v)
				}
			}
			for _, s := range b.secrets {
				if match, _ := namesSecretIn(ids, s.logicalID, s.name, s.arn); match && len(ids) > 0 {
					s.alarm(r.id, r.pos)
				}
			}
		}
	}
	for _, r := range t.resources {
		if r.typ == "AWS::Config::ConfigRule" && r.cond != triFalse {
			if id := r.props.get("Scope").get("ComplianceResourceId"); id != nil {
				for _, s := range b.secrets {
					if match, _ := namesSecretIn([]*value{id}, s.logicalID, s.name, s.arn); match {
						s.configRule(r.id, r.pos)
					}
				}
			}
		}
	}
	vpc, vpcAt, endpoint, cidr := "", Pos{}, false, ""
	for _, r := range t.resources {
		if r.typ == "AWS::EC2::VPCEndpoint" && r.cond != triFalse && mentions(r.raw.get("Properties").get("ServiceName"), "secretsmanager") {
			endpoint = true
			vpc = s2(r.props.get("VpcId"))
			vpcAt = r.props.keyPos("VpcId")
			// The CIDR block its security group admits on 443: the VPC's
			// (rotation.hostedRotationLambda.vpcCidr).
			for _, g := range r.props.get("SecurityGroupIds").itemsOf() {
				if sg := b.t.byID[g.s]; g.k == kRef && sg != nil && sg.typ == "AWS::EC2::SecurityGroup" {
					for _, in := range sg.props.get("SecurityGroupIngress").itemsOf() {
						if p, _ := scalar(in.get("FromPort")); p == "443" {
							for _, k := range []string{"CidrIp", "CidrIpv6"} {
								if c, ok := scalar(in.get(k)); ok {
									cidr = c
								}
							}
						}
					}
				}
			}
		}
	}
	md := t.root.get("Metadata").get("secretsmith")
	recorded, _ := scalar(md.get("rotationEndpoint"))
	region, _ := scalar(md.get("region"))
	for _, s := range b.secrets {
		s.endpointIn(vpc, vpcAt, endpoint, recorded, md.keyPos("rotationEndpoint"))
		// A stack is created in the region it is deployed to: only the
		// record generate writes says which region the design pins.
		if region != "" {
			s.Design.Secret.Region = region
			s.Fields["secret.region"] = md.keyPos("region")
		} else {
			s.unrecordedRegion = "a CloudFormation stack is created in whichever region it is deployed to, and the template does not record one (Metadata.secretsmith.region)"
		}
		s.vpcCIDR(cidr)
		s.judgeValue(s.literal, "the template")
		if name, ok := scalar(md.get("design")); ok && len(b.secrets) == 1 {
			s.Design.Name = name
		}
		if ws := md.get("rulesWaived"); ws != nil && ws.k == kSeq {
			for _, w := range ws.items {
				rule, _ := scalar(w.get("rule"))
				reason, _ := scalar(w.get("reason"))
				if _, ok := blueprint.LookupRule(blueprint.RuleID(rule)); ok {
					s.waive(rule, reason, "Metadata.secretsmith.rulesWaived of the template", w.keyPos("reason"))
				}
			}
		}
		for _, id := range s.Resources {
			b.suppressions(s, t.byID[id])
		}
		s.ownFunctionRole()
		b.res.Secrets = append(b.res.Secrets, s.Secret)
	}
}

func (b *cfnBuilder) addSecret(r *cfnResource) {
	s := &cfnSecret{Secret: newSecret(r.id, r.typ, r.pos), logicalID: r.id}
	s.Resources = append(s.Resources, r.id)
	b.secrets = append(b.secrets, s)
	b.byKey["ref:"+r.id] = s
	if r.propsUnknown != "" {
		s.unverifiable = r.propsUnknown
		s.Unknown.Add("secret", r.propsUnknown)
	}
	if r.cond == triUnknown {
		if r.loop != "" {
			// Its count, and every value made from the loop's item, are
			// unknown: nothing about it passes or fails.
			s.unverifiable = r.loop
			s.Unknown.Add("secret", r.loop)
		} else {
			s.Unknown.Add("secret", fmt.Sprintf("the secret exists only when the condition %s holds, which depends on values not known until deployment", r.condition))
		}
	}
	p := r.props
	sec := &s.Design.Secret
	if v := p.get("Name"); v != nil {
		sec.SecretID = s.str("secret.secretId", p.keyPos("Name"), v)
		s.name = sec.SecretID
	}
	sec.Description = s.str("secret.description", p.keyPos("Description"), p.get("Description"))
	if v := p.get("KmsKeyId"); v != nil {
		sec.KMSKeyARN, s.keyID = b.key(s.Secret, "secret.kmsKeyArn", p.keyPos("KmsKeyId"), v)
	} else {
		// Without KmsKeyId, Secrets Manager uses the AWS managed key.
		sec.KMSKeyARN = "alias/aws/secretsmanager"
		s.defaultKey = true
		if raw := r.raw.get("Properties"); raw.get("KmsKeyId") != nil {
			// Written, but AWS::NoValue (an Fn::If's other branch): the
			// finding belongs where the template sets it.
			s.Fields["secret.kmsKeyArn"] = raw.keyPos("KmsKeyId")
		}
	}
	if g := p.get("GenerateSecretString"); g != nil && g.k == kUnknown {
		// Whether the value is generated at all is not known (an Fn::If
		// gives it in one branch only): neither generated nor written.
		s.field("secret.generateSecretString", p.keyPos("GenerateSecretString"), g)
	} else if g != nil && s.field("secret.generateSecretString", p.keyPos("GenerateSecretString"), g) {
		const base = "secret.generateSecretString."
		gs := &blueprint.GenerateSecretString{}
		if kept, gone, ok := withoutDynamicKeys(g.get("SecretStringTemplate")); ok {
			// Only the keys given by a dynamic reference are unknown.
			at := g.keyPos("SecretStringTemplate")
			s.Fields[base+"secretStringTemplate"] = at
			gs.SecretStringTemplate = kept
			for _, k := range gone {
				s.Fields[blueprint.TemplateKeyPath(k.key)] = at
				s.Unknown.Add(blueprint.TemplateKeyPath(k.key), k.why())
			}
		} else {
			gs.SecretStringTemplate = s.str(base+"secretStringTemplate", g.keyPos("SecretStringTemplate"), g.get("SecretStringTemplate"))
		}
		gs.GenerateStringKey = s.str(base+"generateStringKey", g.keyPos("GenerateStringKey"), g.get("GenerateStringKey"))
		gs.PasswordLength = s.integer(base+"passwordLength", g.keyPos("PasswordLength"), g.get("PasswordLength"))
		gs.ExcludeCharacters = s.str(base+"excludeCharacters", g.keyPos("ExcludeCharacters"), g.get("ExcludeCharacters"))
		gs.ExcludeLowercase = s.boolean(base+"excludeLowercase", g.keyPos("ExcludeLowercase"), g.get("ExcludeLowercase"))
		gs.ExcludeUppercase = s.boolean(base+"excludeUppercase", g.keyPos("ExcludeUppercase"), g.get("ExcludeUppercase"))
		gs.ExcludeNumbers = s.boolean(base+"excludeNumbers", g.keyPos("ExcludeNumbers"), g.get("ExcludeNumbers"))
		gs.ExcludePunctuation = s.boolean(base+"excludePunctuation", g.keyPos("ExcludePunctuation"), g.get("ExcludePunctuation"))
		gs.IncludeSpace = s.boolean(base+"includeSpace", g.keyPos("IncludeSpace"), g.get("IncludeSpace"))
		gs.RequireEachIncludedType = s.boolean(base+"requireEachIncludedType", g.keyPos("RequireEachIncludedType"), g.get("RequireEachIncludedType"))
		sec.GenerateSecretString = gs
	} else if p.get("SecretString") != nil {
		// A literal value: the generated-value rule points at it.
		s.Fields["secret.generateSecretString"] = p.keyPos("SecretString")
		s.literal = true
		s.valueParam, s.valueNoEcho = b.valueParameter(r.raw.get("Properties").get("SecretString"))
		s.written = true
		text, _ := scalar(r.raw.get("Properties").get("SecretString").get("Fn::Sub"))
		if v := p.get("SecretString"); v.k == kStr {
			text = v.s
		} else if kept, gone, ok := withoutDynamicKeys(v); ok {
			// A reference in one key (the password from a SecureString
			// parameter) leaves the others, the connection keys, to keep.
			text, s.valueDynamic = kept, gone
		}
		s.writtenTemplate, s.writtenKey, _ = writtenValue(text)
		if v := p.get("SecretString"); v.k == kStr {
			s.valueKeys = valueKeys(v.s)
		} else {
			s.valueUnread = describeUnknown(v)
			if refs := dynamicRefs(v.raw); v.k == kUnknown && len(refs) > 0 {
				s.valueRef, s.valueFrom = refs[0].text, refs[0].from()
			}
		}
	}
	if tags := p.get("Tags"); tags != nil && s.field("secret.tags", p.keyPos("Tags"), tags) {
		if tags.k != kSeq {
			s.Unknown.Add("secret.tags", describeUnknown(tags))
		}
		for _, tg := range tags.items {
			k, kok := scalar(tg.get("Key"))
			if !kok {
				s.Unknown.Add("secret.tags", describeUnknown(orNull(tg.get("Key"))))
				continue
			}
			path := blueprint.TagPath(k)
			v := s.str(path, tg.keyPos("Key"), tg.get("Value"))
			sec.Tags = append(sec.Tags, blueprint.Tag{Key: k, Value: v})
		}
	}
	s.secretRefInMetadata(p)
	if reps := p.get("ReplicaRegions"); reps != nil && s.field("secret.replicaRegions", p.keyPos("ReplicaRegions"), reps) {
		if reps.k != kSeq {
			s.Unknown.Add("secret.replicaRegions", describeUnknown(reps))
		}
		for i, rep := range reps.items {
			base := blueprint.IndexPath("secret.replicaRegions", i)
			s.field(base, rep.pos, rep)
			var rr blueprint.Replica
			rr.Region = s.str(base+".region", rep.keyPos("Region"), rep.get("Region"))
			if v := rep.get("KmsKeyId"); v != nil {
				rr.KMSKeyARN, _ = b.key(s.Secret, base+".kmsKeyArn", rep.keyPos("KmsKeyId"), v)
			} else {
				s.Fields[base+".kmsKeyArn"] = rep.pos
			}
			sec.ReplicaRegions = append(sec.ReplicaRegions, rr)
		}
	}
	// CloudFormation deletes a secret with its stack, and AWS does not
	// document a recovery window for that deletion; only a Retain policy
	// is known to keep it restorable.
	zero := 0
	sec.RecoveryWindowDays = &zero
	if r.raw.get("DeletionPolicy") == nil {
		// Delete is CloudFormation's documented default policy.
		s.defaultRecovery = "the template gives the secret no DeletionPolicy, so CloudFormation's default, Delete, applies: " +
			"deleting the stack deletes the secret, and AWS documents no recovery window for that"
	}
	if dp := r.raw.get("DeletionPolicy"); dp != nil {
		s.Fields["secret.recoveryWindowDays"] = r.raw.keyPos("DeletionPolicy")
		switch x, _ := scalar(dp); x {
		case "Retain":
			sec.RecoveryWindowDays = nil
		case "Delete", "RetainExceptOnDelete", "Snapshot":
		default:
			s.Unknown.Add("secret.recoveryWindowDays", "the DeletionPolicy is not a plain Retain or Delete")
		}
	}
}

func orNull(v *value) *value {
	if v == nil {
		return &value{k: kNull}
	}
	return v
}

// key reads a KMS key reference. A key created in this template is what a
// design means by an empty key (a dedicated key for the secret), and its
// rotation is judged from the key resource; an alias of this template is
// followed to its key.
func (b *cfnBuilder) key(s *Secret, path string, at Pos, v *value) (arn, keyID string) {
	if v.k == kRef {
		s.Fields[path] = at
		r := b.t.byID[v.s]
		if r.typ == "AWS::KMS::Alias" {
			if tgt := r.props.get("TargetKeyId"); tgt != nil && tgt.k == kRef {
				r = b.t.byID[tgt.s]
			} else if name, ok := scalar(r.props.get("AliasName")); ok {
				return name, ""
			}
		}
		if r.typ == "AWS::KMS::Key" {
			s.Resources = append(s.Resources, r.id)
			if path == "secret.kmsKeyArn" {
				b.keyRotation(s, r)
				s.keyRole = keyFunctionRole(r.props.get("KeyPolicy"))
			}
			return "", r.id
		}
		s.Unknown.Add(path, fmt.Sprintf("the key is the %s resource %s, which secretsmith cannot judge", r.typ, r.id))
		return "", ""
	}
	return s.str(path, at, v), ""
}

// keyRotation settles key-rotation-enabled from the key resource itself.
func (b *cfnBuilder) keyRotation(s *Secret, r *cfnResource) {
	if s.overrides == nil {
		s.overrides = map[blueprint.RuleID]override{}
	}
	v := r.props.get("EnableKeyRotation")
	path := "key.enableKeyRotation"
	s.Fields[path] = r.props.keyPos("EnableKeyRotation")
	if v == nil {
		s.Fields[path] = r.pos
	}
	x, _ := scalar(v)
	switch {
	case v != nil && v.k == kUnknown:
		s.overrides[blueprint.RuleKeyRotationEnabled] = override{status: blueprint.StatusCannotVerify, path: path, note: v.s}
	case r.cond == triUnknown:
		s.overrides[blueprint.RuleKeyRotationEnabled] = override{status: blueprint.StatusCannotVerify, path: path,
			note: "the key " + r.id + " " + r.unsure()}
	case strings.EqualFold(x, "true"):
		s.overrides[blueprint.RuleKeyRotationEnabled] = override{status: blueprint.StatusMet, path: path}
	default:
		msg := "is missing on the key " + r.id + ", so KMS never rotates its key material; set EnableKeyRotation to true"
		if v != nil {
			msg = "is " + x + " on the key " + r.id + ", so KMS never rotates its key material; set it to true"
		}
		s.overrides[blueprint.RuleKeyRotationEnabled] = override{status: blueprint.StatusNotMet, path: path, message: msg}
	}
}

// secretFor finds the secret a policy, schedule or attachment belongs to,
// by Ref, GetAtt, name or ARN. A secret the template does not create gets
// a design of its own, as an existing secret.
func (b *cfnBuilder) secretFor(r *cfnResource, what string) *cfnSecret {
	v := r.props.get("SecretId")
	at := r.props.keyPos("SecretId")
	switch {
	case v == nil:
		return nil
	case v.k == kRef:
		if s := b.byKey["ref:"+v.s]; s != nil {
			return s
		}
		return b.existing(r, "ref:"+v.s, "", unknownAt(at, "%s names the resource %s, which is not a secret", what, v.s))
	case v.k == kUnknown:
		return b.existing(r, "unknown:"+r.id, "", v)
	}
	lit, ok := scalar(v)
	if !ok {
		return b.existing(r, "unknown:"+r.id, "", unknownAt(at, "the SecretId of %s is not a string", r.id))
	}
	for _, s := range b.secrets {
		if s.logicalID != "" && namesSecret(lit, s.name) {
			return s
		}
	}
	return b.existing(r, "arn:"+lit, lit, nil)
}

func (b *cfnBuilder) existing(r *cfnResource, key, arn string, unknown *value) *cfnSecret {
	if s := b.byKey[key]; s != nil {
		return s
	}
	id := arn
	if id == "" {
		id = r.id
	}
	s := &cfnSecret{Secret: newSecret(id, r.typ, r.pos), arn: arn}
	s.Design.Secret.ExistingSecretARN = arn
	s.Fields["secret.existingSecretArn"] = r.props.keyPos("SecretId")
	if unknown != nil {
		s.Design.Secret.ExistingSecretARN = "(unknown)"
		s.Unknown.Add("secret", unknown.s)
	}
	b.byKey[key] = s
	b.secrets = append(b.secrets, s)
	return s
}

func (b *cfnBuilder) policy(s *cfnSecret, r *cfnResource) {
	s.Resources = append(s.Resources, r.id)
	p := r.props
	if s.Design.ResourcePolicy != nil {
		// Secrets Manager keeps one policy per secret; a second resource
		// replaces the first, and which one wins depends on the order of
		// deployment.
		s.Unknown.Add("resourcePolicy", "two ResourcePolicy resources name this secret; which one applies depends on deployment order")
		return
	}
	s.Design.ResourcePolicy = &blueprint.ResourcePolicy{}
	s.Fields["resourcePolicy"] = r.pos
	if r.cond == triUnknown {
		s.Unknown.Add("resourcePolicy", "the policy "+r.id+" "+r.unsure())
	}
	if v := p.get("BlockPublicPolicy"); v != nil {
		s.Design.ResourcePolicy.BlockPublicPolicy = s.boolean("resourcePolicy.blockPublicPolicy", p.keyPos("BlockPublicPolicy"), v)
	} else {
		// The API's default is false: without the property, nothing is blocked.
		f := false
		s.Design.ResourcePolicy.BlockPublicPolicy = &f
		s.Fields["resourcePolicy.blockPublicPolicy"] = r.pos
	}
	s.readPolicy(p.keyPos("ResourcePolicy"), p.get("ResourcePolicy"))
}

func (b *cfnBuilder) rotation(s *cfnSecret, r *cfnResource) {
	s.Resources = append(s.Resources, r.id)
	if s.Design.Rotation != nil {
		s.Unknown.Add("rotation", "two RotationSchedule resources name this secret")
		return
	}
	p := r.props
	rot := &blueprint.Rotation{}
	s.Design.Rotation = rot
	s.Fields["rotation"] = r.pos
	if r.cond == triUnknown {
		s.Unknown.Add("rotation", "the schedule "+r.id+" "+r.unsure())
	}
	if rr := p.get("RotationRules"); rr != nil && s.field("rotation.rotationRules", p.keyPos("RotationRules"), rr) {
		if n := s.integer("rotation.automaticallyAfterDays", rr.keyPos("AutomaticallyAfterDays"), rr.get("AutomaticallyAfterDays")); n != nil {
			rot.AutomaticallyAfterDays = *n
		}
		rot.ScheduleExpression = s.str("rotation.scheduleExpression", rr.keyPos("ScheduleExpression"), rr.get("ScheduleExpression"))
		rot.Duration = s.str("rotation.duration", rr.keyPos("Duration"), rr.get("Duration"))
	}
	if v := p.get("RotateImmediatelyOnUpdate"); v != nil {
		rot.RotateImmediately = s.boolean("rotation.rotateImmediately", p.keyPos("RotateImmediatelyOnUpdate"), v)
	}
	if h := p.get("HostedRotationLambda"); h != nil && s.field("rotation.hostedRotationLambda", p.keyPos("HostedRotationLambda"), h) {
		const base = "rotation.hostedRotationLambda."
		hl := &blueprint.HostedRotationLambda{}
		hl.RotationType = s.str(base+"rotationType", h.keyPos("RotationType"), h.get("RotationType"))
		hl.RotationLambdaName = s.str(base+"rotationLambdaName", h.keyPos("RotationLambdaName"), h.get("RotationLambdaName"))
		if v := h.get("KmsKeyArn"); v != nil {
			if v.k == kRef && b.sameKey(s, v) {
				s.Fields[base+"kmsKeyArn"] = h.keyPos("KmsKeyArn")
			} else {
				hl.KMSKeyARN = s.refStr(base+"kmsKeyArn", h.keyPos("KmsKeyArn"), v)
			}
		}
		hl.MasterSecretARN = s.refStr(base+"masterSecretArn", h.keyPos("MasterSecretArn"), h.get("MasterSecretArn"))
		hl.MasterSecretKMSKeyARN = s.refStr(base+"masterSecretKmsKeyArn", h.keyPos("MasterSecretKmsKeyArn"), h.get("MasterSecretKmsKeyArn"))
		hl.VPCSubnetIDs = s.idList(base+"vpcSubnetIds", h.keyPos("VpcSubnetIds"), h.get("VpcSubnetIds"))
		hl.VPCSecurityGroupIDs = s.idList(base+"vpcSecurityGroupIds", h.keyPos("VpcSecurityGroupIds"), h.get("VpcSecurityGroupIds"))
		hl.ExcludeCharacters = s.str(base+"excludeCharacters", h.keyPos("ExcludeCharacters"), h.get("ExcludeCharacters"))
		rot.HostedRotationLambda = hl
	}
	if v := p.get("RotationLambdaARN"); v != nil {
		if h := b.rotationApp(s, v); h != nil {
			rot.HostedRotationLambda = h
			return
		}
		rot.RotationLambdaARN = s.refStr("rotation.rotationLambdaArn", p.keyPos("RotationLambdaARN"), v)
		if v.k == kRef {
			b.functionInVPC(s, v.s)
		}
	}
}

// valueParameter names the parameter a SecretString takes its value from
// (!Ref P, or a ${P} of !Sub), preferring a NoEcho one, and says whether it
// is NoEcho.
func (b *cfnBuilder) valueParameter(v *value) (name string, noEcho bool) {
	var names []string
	if ref, ok := scalar(v.get("Ref")); ok {
		names = append(names, ref)
	}
	if sub := v.get("Fn::Sub"); sub != nil {
		text, ok := scalar(sub)
		if !ok && sub.k == kSeq && len(sub.items) > 0 {
			text, _ = scalar(sub.items[0])
		}
		for _, m := range subRefRE.FindAllStringSubmatch(text, -1) {
			names = append(names, m[1])
		}
	}
	for _, n := range names {
		p := b.t.params[n]
		if p == nil {
			continue
		}
		x, _ := scalar(p.get("NoEcho"))
		if strings.EqualFold(x, "true") {
			return n, true
		}
		if name == "" {
			name = n
		}
	}
	return name, false
}

var subRefRE = regexp.MustCompile(`\$\{([A-Za-z0-9]+)\}`)

// rotationApp recognises a rotation function that a template deploys from
// the Serverless Application Repository (an AWS::Serverless::Application
// whose Location names an application AWS publishes for rotation) and that
// the schedule takes from its outputs: a hosted rotation, as in the design.
func (b *cfnBuilder) rotationApp(s *cfnSecret, v *value) *blueprint.HostedRotationLambda {
	if v == nil || v.k != kRef {
		return nil
	}
	r := b.t.byID[v.s]
	if r == nil || r.typ != "AWS::Serverless::Application" {
		return nil
	}
	loc := r.props.get("Location")
	app, ok := scalar(loc.get("ApplicationId"))
	at := loc.keyPos("ApplicationId")
	if !ok {
		// The short form: Location is the application id itself.
		app, _ = scalar(loc)
		at = r.props.keyPos("Location")
	}
	h := s.rotationApp(app, at, r.props.get("Parameters"), func(k *value) bool { return b.sameKey(s, k) })
	if h != nil {
		s.Resources = append(s.Resources, r.id)
		// A parameter the application lacks is added to its Parameters,
		// and is named as the application names it.
		s.Fields["rotation.hostedRotationLambda"] = appParamsPos(r.pos, r.props, "Parameters")
		s.fromApp = true
	}
	return h
}

// appParamsPos is where a rotation application's parameters are written
// (its key of them), or the application itself when it has none.
func appParamsPos(app Pos, props *value, key string) Pos {
	if props.get(key) != nil {
		return props.keyPos(key)
	}
	return app
}

// sameKey reports whether a reference names the template key of the secret.
func (b *cfnBuilder) sameKey(s *cfnSecret, v *value) bool {
	r := b.t.byID[v.s]
	if r != nil && r.typ == "AWS::KMS::Alias" {
		if tgt := r.props.get("TargetKeyId"); tgt != nil && tgt.k == kRef {
			r = b.t.byID[tgt.s]
		}
	}
	return r != nil && s.keyID != "" && r.id == s.keyID
}

// functionInVPC settles rotation-lambda-in-vpc for a rotation function
// defined in the same template, whose VpcConfig can be read.
func (b *cfnBuilder) functionInVPC(s *cfnSecret, id string) {
	r := b.t.byID[id]
	if r == nil || (r.typ != "AWS::Lambda::Function" && r.typ != "AWS::Serverless::Function") {
		return
	}
	s.Resources = append(s.Resources, r.id)
	if s.overrides == nil {
		s.overrides = map[blueprint.RuleID]override{}
	}
	const path = "rotation.function.vpcConfig"
	vc := r.props.get("VpcConfig")
	s.Fields[path] = r.pos
	if vc != nil {
		s.Fields[path] = r.props.keyPos("VpcConfig")
	}
	subnets, groups := vc.get("SubnetIds"), vc.get("SecurityGroupIds")
	for _, v := range []*value{vc, subnets, groups} {
		if v != nil && v.k == kUnknown {
			s.overrides[blueprint.RuleRotationLambdaInVPC] = override{status: blueprint.StatusCannotVerify, path: path, note: v.s}
			return
		}
	}
	empty := func(v *value) bool { return v == nil || (v.k == kSeq && len(v.items) == 0) }
	if empty(subnets) || empty(groups) {
		s.overrides[blueprint.RuleRotationLambdaInVPC] = override{status: blueprint.StatusNotMet, path: path,
			message: "the rotation function " + id + " has no VpcConfig with SubnetIds and SecurityGroupIds, so it runs outside your VPC; give it private subnets and a security group"}
		return
	}
	s.overrides[blueprint.RuleRotationLambdaInVPC] = override{status: blueprint.StatusMet, path: path}
}

// refStr reads a string that may also be a reference to another resource
// of the template, such as a rotation function or a subnet; the design
// holds the reference as ${Id} or ${Id.Attr}.
func (s *Secret) refStr(path string, at Pos, v *value) string {
	if v != nil && v.k == kRef {
		s.Fields[path] = at
		return "${" + refText(v) + "}"
	}
	return s.str(path, at, v)
}

// idList reads the comma-separated ids of HostedRotationLambda.
func (s *Secret) idList(path string, at Pos, v *value) []string {
	if v == nil {
		return nil
	}
	if v.k == kSeq {
		out := make([]string, 0, len(v.items))
		for i, it := range v.items {
			out = append(out, s.refStr(blueprint.IndexPath(path, i), it.pos, it))
		}
		return out
	}
	x := s.refStr(path, at, v)
	if x == "" {
		return nil
	}
	var out []string
	for _, part := range strings.Split(x, ",") {
		out = append(out, strings.TrimSpace(part))
	}
	return out
}

// eventRule joins an EventBridge rule that watches for failed rotations,
// or for calls that change the secret, with the topic it sends to.
func (b *cfnBuilder) eventRule(r *cfnResource) {
	if st, _ := scalar(r.props.get("State")); strings.EqualFold(st, "DISABLED") {
		return
	}
	pattern := r.props.get("EventPattern")
	failure, fids := rotationPattern(pattern)
	change, cids, missing := changePattern(pattern)
	if !failure && !change {
		return
	}
	t := b.ruleTarget(r)
	cond := ""
	if r.cond == triUnknown {
		cond = "the EventBridge rule " + r.id + " " + r.unsure()
	}
	m := eventRuleMatch{id: r.id, at: r.pos, cond: cond, target: t,
		failure: failure, failureIDs: fids, change: change, changeIDs: cids, missing: missing}
	for _, s := range b.secrets {
		m.record(s.Secret, s.logicalID, s.name, s.arn)
	}
}

// ruleTarget finds where a rule sends its events: an SNS topic of the
// template (and the first email address subscribed to it), or an existing
// topic named by ARN.
func (b *cfnBuilder) ruleTarget(r *cfnResource) alertTarget {
	var t alertTarget
	for _, tg := range r.props.get("Targets").itemsOf() {
		arn := tg.get("Arn")
		if arn == nil {
			continue
		}
		if arn.k == kUnknown {
			if t.unknown == "" {
				t.unknown = "the rule's target: " + arn.s
			}
			continue
		}
		if lit, ok := scalar(arn); ok {
			if a, ok := blueprint.ParseARN(lit); ok && a.Service == "sns" && t.topicARN == "" {
				t.topicARN, t.at = lit, tg.keyPos("Arn")
			}
			continue
		}
		if arn.k != kRef {
			continue
		}
		topic := b.t.byID[arn.s]
		if topic == nil || topic.typ != "AWS::SNS::Topic" {
			continue
		}
		t.topic = true
		for _, sub := range topic.props.get("Subscription").itemsOf() {
			if e, p, u, ok := emailOf(sub.get("Protocol"), sub.get("Endpoint"), sub.keyPos("Endpoint")); ok && t.email == "" {
				t.email, t.at, t.emailUnknown = e, p, u
			}
		}
		for _, other := range b.t.resources {
			if other.typ != "AWS::SNS::Subscription" || other.cond == triFalse {
				continue
			}
			if ta := other.props.get("TopicArn"); ta == nil || ta.k != kRef || ta.s != topic.id {
				continue
			}
			if e, p, u, ok := emailOf(other.props.get("Protocol"), other.props.get("Endpoint"), other.props.keyPos("Endpoint")); ok && t.email == "" {
				t.email, t.at, t.emailUnknown = e, p, u
			}
		}
	}
	return t
}

func emailOf(protocol, endpoint *value, at Pos) (string, Pos, string, bool) {
	proto, _ := scalar(protocol)
	if proto != "email" && proto != "email-json" {
		return "", Pos{}, "", false
	}
	if endpoint != nil && endpoint.k == kUnknown {
		return "", at, endpoint.s, true
	}
	e, _ := scalar(endpoint)
	return e, at, "", true
}

func (v *value) itemsOf() []*value {
	if v == nil || v.k != kSeq {
		return nil
	}
	return v.items
}

// suppressions turns the scanner suppressions in a resource's Metadata
// (Checkov, Guard, cfn_nag) into waivers of the rules they mirror.
func (b *cfnBuilder) suppressions(s *cfnSecret, r *cfnResource) {
	if r == nil {
		return
	}
	md := r.raw.get("Metadata")
	if md == nil {
		return
	}
	for _, sk := range md.get("checkov").get("skip").itemsOf() {
		id, _ := scalar(sk.get("id"))
		reason, _ := scalar(sk.get("comment"))
		for _, rule := range scannerRules("Checkov", id) {
			s.waive(rule, orDefault(reason, "skipped for Checkov ("+id+") in the template"), "Metadata.checkov.skip of "+r.id, reasonPos(sk, "comment", reason))
		}
	}
	for _, g := range md.get("guard").get("SuppressedRules").itemsOf() {
		id, _ := scalar(g)
		for _, rule := range scannerRules("Guard", id) {
			s.waive(rule, "suppressed for Guard ("+id+") in the template", "Metadata.guard.SuppressedRules of "+r.id, Pos{})
		}
	}
	for _, n := range md.get("cfn_nag").get("rules_to_suppress").itemsOf() {
		id, _ := scalar(n.get("id"))
		reason, _ := scalar(n.get("reason"))
		for _, rule := range scannerRules("cfn_nag", id) {
			s.waive(rule, orDefault(reason, "suppressed for cfn_nag ("+id+") in the template"), "Metadata.cfn_nag.rules_to_suppress of "+r.id, reasonPos(n, "reason", reason))
		}
	}
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// reasonPos is where v writes the reason under key, or the zero Pos when it
// writes none and secretsmith's own words stand in.
func reasonPos(v *value, key, reason string) Pos {
	if reason == "" {
		return Pos{}
	}
	return v.keyPos(key)
}
