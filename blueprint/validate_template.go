package blueprint

import "slices"

// ValidateFor is Validate plus the problems of writing d as templates of
// kind t: what one kind of template cannot express although the design is
// sound. A replica region without a key is one. Terraform creates a key in
// that region (one provider per region), but a CloudFormation stack deploys
// to one region and cannot create a resource in another, so for
// CloudFormation each replica must name a key that already exists there.
//
// The wizard (with the format chosen on its Review step) and generate (with
// the format it writes) both call it, so the message is the same in both.
// A t that is not one template kind, such as AnyTemplate or DeployedOnly,
// adds nothing.
func (d *Design) ValidateFor(t Template) Problems {
	return append(d.Validate(), d.TemplateProblems(t)...)
}

// TemplateProblems are the problems ValidateFor adds to Validate's for
// templates of kind t. The wizard keeps them apart: the format is chosen on
// its last step, so they are shown at their fields but block only the
// write, not the steps before it.
func (d *Design) TemplateProblems(t Template) Problems {
	return d.templateProblems(t, func() *Walk { return d.Walk(nil) })
}

// TemplateProblems is Design.TemplateProblems for the design Check looked
// at, reading the walk-through the report already holds: the wizard asks
// after every key, and building a second walk-through there doubled the
// cost of a key on a design with a Deny.
func (r Report) TemplateProblems(t Template) Problems {
	if r.access == nil {
		return nil
	}
	return r.access.d.templateProblems(t, r.access.walk)
}

// templateProblems is TemplateProblems with the walk-through built only
// when a rule of the format needs it.
func (d *Design) templateProblems(t Template, walk func() *Walk) Problems {
	if t != CloudFormationTemplate && t != TerraformTemplate {
		return nil
	}
	ps := d.configRulesProblems(walk)
	if t == TerraformTemplate {
		return append(ps, d.terraformRefreshProblems(walk)...)
	}
	if d.IsExisting() {
		return ps
	}
	for i, r := range d.Secret.ReplicaRegions {
		if r.KMSKeyARN != "" {
			continue
		}
		region := replicaRegionName(r)
		ps = append(ps, Problem{
			Path:     IndexPath("secret.replicaRegions", i) + ".kmsKeyArn",
			Severity: SeverityError,
			Message: "is empty, but a CloudFormation stack deploys to one region and cannot create a key in " + region +
				": give a customer managed key in " + region + " (or write Terraform, which creates one there)",
		})
	}
	return ps
}

// configRulesProblems are the Deny statements that refuse AWS Config's
// service-linked role the DescribeSecret it records the secret with, for
// the Config rules both kinds of template write (monitoring.configRules):
// the role calls from outside any VPC, so a Deny outside a network that
// does not leave it out by name leaves every rule unable to evaluate the
// secret. The walk-through decides it (its AWS Config actor).
func (d *Design) configRulesProblems(walk func() *Walk) Problems {
	if !d.Monitoring.ConfigRules || !hasDeny(d) {
		return nil
	}
	w := walk()
	var ps Problems
	cur := w.cursor()
	for c, ac := cur.next(); c != nil; c, ac = cur.next() {
		if w.Actors[ac].Kind != ActorConfig || c.Outcome != Refused || c.By != ByResourcePolicy ||
			slices.ContainsFunc(ps, func(p Problem) bool { return p.Path == c.Path }) {
			continue
		}
		role := "AWSServiceRoleForConfig"
		if id := w.Actors[ac].ID; id != "" {
			role = id
		}
		ps = append(ps, Problem{
			Path:     c.Path,
			Severity: SeverityError,
			Message: "denies " + c.Action + " to AWS Config's service-linked role (AWSServiceRoleForConfig), which records the secret " +
				"from outside any VPC for the Config rules monitoring.configRules writes, so none of them could evaluate it: " +
				"add a condition ArnNotLike on aws:PrincipalArn with " + role + ", or turn configRules off",
		})
	}
	return ps
}

// terraformRefreshProblems are the Deny statements that refuse the
// Terraform runner the value it reads at every refresh (issue 20, item 2).
// The provider's aws_secretsmanager_secret_version calls GetSecretValue
// each time it is read, after create and at every plan and apply, from
// wherever terraform runs, usually CI outside the VPC. A Deny on
// GetSecretValue for callers outside a network therefore fails every plan
// unless it leaves the runner's role out by name.
func (d *Design) terraformRefreshProblems(walk func() *Walk) Problems {
	if !hasDeny(d) {
		return nil
	}
	w := walk()
	tf := w.Deployer(TerraformTemplate)
	var ps Problems
	cur := w.cursor()
	for c, ac := cur.next(); c != nil; c, ac = cur.next() {
		if ac != tf || c.Action != actionGetSecretValue || c.Outcome != Refused || c.By != ByResourcePolicy ||
			slices.ContainsFunc(ps, func(p Problem) bool { return p.Path == c.Path }) {
			continue
		}
		ps = append(ps, Problem{
			Path:     c.Path,
			Severity: SeverityError,
			Message: "denies secretsmanager:GetSecretValue to the Terraform runner, which reads the value at every refresh " +
				"(aws_secretsmanager_secret_version) from wherever terraform runs, usually CI outside the VPC, so every plan " +
				"would fail: add a condition ArnNotLike on aws:PrincipalArn with the role Terraform runs as",
		})
	}
	return ps
}
