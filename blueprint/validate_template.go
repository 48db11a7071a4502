package blueprint

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
	var ps Problems
	if t != CloudFormationTemplate || d.IsExisting() {
		return nil
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
