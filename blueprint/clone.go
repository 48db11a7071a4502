package blueprint

import "slices"

// Clone returns a deep copy of d: no pointer, slice or map in the copy is
// shared with d, so the copy can be handed to another goroutine (the wizard
// renders its preview from one) while d keeps changing. Nil stays nil and
// an empty slice stays empty, so the copy is reflect.DeepEqual to d.
//
// A field added to the design must be added here when it holds a pointer,
// slice or map; TestCloneSharesNothing fills every field by reflection and
// fails until it is.
func (d *Design) Clone() *Design {
	if d == nil {
		return nil
	}
	c := *d
	c.Secret = d.Secret.clone()
	c.ResourcePolicy = d.ResourcePolicy.clone()
	c.Rotation = d.Rotation.clone()
	c.Monitoring.RotationFailureAlert = clonePtr(d.Monitoring.RotationFailureAlert)
	c.Monitoring.ChangeAlert = clonePtr(d.Monitoring.ChangeAlert)
	c.Waivers = slices.Clone(d.Waivers)
	c.Output = clonePtr(d.Output)
	return &c
}

func (s Secret) clone() Secret {
	s.RecoveryWindowDays = clonePtr(s.RecoveryWindowDays)
	if g := s.GenerateSecretString; g != nil {
		c := *g
		c.PasswordLength = clonePtr(g.PasswordLength)
		c.ExcludeLowercase = clonePtr(g.ExcludeLowercase)
		c.ExcludeUppercase = clonePtr(g.ExcludeUppercase)
		c.ExcludeNumbers = clonePtr(g.ExcludeNumbers)
		c.ExcludePunctuation = clonePtr(g.ExcludePunctuation)
		c.IncludeSpace = clonePtr(g.IncludeSpace)
		c.RequireEachIncludedType = clonePtr(g.RequireEachIncludedType)
		s.GenerateSecretString = &c
	}
	s.Tags = slices.Clone(s.Tags)
	s.ReplicaRegions = slices.Clone(s.ReplicaRegions)
	s.Database = clonePtr(s.Database)
	return s
}

func (p *ResourcePolicy) clone() *ResourcePolicy {
	if p == nil {
		return nil
	}
	c := *p
	c.BlockPublicPolicy = clonePtr(p.BlockPublicPolicy)
	if p.Statements != nil {
		c.Statements = make([]Statement, len(p.Statements))
		for i, st := range p.Statements {
			c.Statements[i] = st.clone()
		}
	}
	return &c
}

func (st Statement) clone() Statement {
	st.Principal = st.Principal.clone()
	st.NotPrincipal = st.NotPrincipal.clone()
	st.Action = slices.Clone(st.Action)
	st.NotAction = slices.Clone(st.NotAction)
	st.Resource = slices.Clone(st.Resource)
	if st.Condition != nil {
		conds := make([]Condition, len(st.Condition))
		for i, c := range st.Condition {
			c.Values = slices.Clone(c.Values)
			conds[i] = c
		}
		st.Condition = conds
	}
	return st
}

func (p *Principal) clone() *Principal {
	if p == nil {
		return nil
	}
	c := *p
	c.AWS = slices.Clone(p.AWS)
	c.Service = slices.Clone(p.Service)
	c.Federated = slices.Clone(p.Federated)
	return &c
}

func (r *Rotation) clone() *Rotation {
	if r == nil {
		return nil
	}
	c := *r
	c.RotateImmediately = clonePtr(r.RotateImmediately)
	if h := r.HostedRotationLambda; h != nil {
		hc := *h
		hc.VPCSubnetIDs = slices.Clone(h.VPCSubnetIDs)
		hc.VPCSecurityGroupIDs = slices.Clone(h.VPCSecurityGroupIDs)
		c.HostedRotationLambda = &hc
	}
	return &c
}

// clonePtr copies the value p points to; the optional scalars of a design
// are pointers so that "not set" differs from the zero value.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
