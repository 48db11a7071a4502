package scan

import (
	"cmp"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// endpointDenyDesign is full.yaml with the hosted function calling through
// an existing endpoint named by id, and the Deny limited to that endpoint:
// the design meets rotation-not-blocked, and the template records nothing
// of the endpoint (the function finds it by private DNS).
func endpointDenyDesign(t *testing.T, designs map[string]*blueprint.Design) *blueprint.Design {
	t.Helper()
	d := designs["full"]
	if d == nil {
		t.Fatal("no full design")
	}
	c := *d
	rot := *d.Rotation
	h := *rot.HostedRotationLambda
	h.VPCID, h.VPCCIDR, h.Endpoint = "", "", "vpce-0123456789abcdef0"
	rot.HostedRotationLambda = &h
	c.Rotation = &rot
	rp := *d.ResourcePolicy
	rp.Statements = []blueprint.Statement{{
		Sid: "DenyOutsideVpce", Effect: "Deny",
		Principal: d.ResourcePolicy.Statements[1].Principal,
		Action:    []string{"secretsmanager:GetSecretValue"},
		Resource:  []string{"*"},
		Condition: []blueprint.Condition{
			{Operator: "StringNotEquals", Key: "aws:SourceVpce", Values: []string{"vpce-0123456789abcdef0"}},
			{Operator: "ArnNotLike", Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::111122223333:role/deploy"}},
		},
	}}
	c.ResourcePolicy = &rp
	return &c
}

// networkVariants is the endpoint-Deny design with each way the hosted
// function reaches Secrets Manager (an endpoint named by id, existing, nat,
// or one secretsmith creates in vpcId) against a Deny outside an endpoint,
// outside a VPC, or with no network condition; and your own function
// against the same Denies. Some of them generate refuses.
func networkVariants(base *blueprint.Design) map[string]*blueprint.Design {
	out := map[string]*blueprint.Design{}
	for _, ep := range []string{"vpce-0123456789abcdef0", blueprint.EndpointExisting, blueprint.EndpointNAT, "", "own"} {
		for _, key := range []string{"aws:SourceVpce", "aws:SourceVpc", "none"} {
			c := *base
			rot := *base.Rotation
			h := *rot.HostedRotationLambda
			h.Endpoint = ep
			switch ep {
			case "":
				h.VPCID, h.VPCCIDR = "vpc-0123456789abcdef0", "10.0.0.0/16"
			case "own":
				rot.RotationLambdaARN = "arn:aws:lambda:us-east-1:111122223333:function:rotate"
				rot.RotationLambdaRoleARN = "arn:aws:iam::111122223333:role/rotate"
			}
			rot.HostedRotationLambda = &h
			if ep == "own" {
				rot.HostedRotationLambda = nil
			}
			c.Rotation = &rot
			st := base.ResourcePolicy.Statements[0]
			st.Condition = slices.Clone(st.Condition)
			switch key {
			case "aws:SourceVpc":
				st.Condition[0] = blueprint.Condition{Operator: "StringNotEquals", Key: key, Values: []string{"vpc-0123456789abcdef0"}}
			case "none":
				st.Condition = st.Condition[1:]
			}
			c.ResourcePolicy = &blueprint.ResourcePolicy{Statements: []blueprint.Statement{st}}
			out["network-"+cmp.Or(ep, "vpcid")+"-"+key] = &c
		}
	}
	return out
}

// TestGeneratedPassesOwnCheck generates every golden design (and the
// endpoint-Deny design and its network variants) in every format, reads
// the output back and checks it: no rule the design itself meets, or that
// does not apply to it, may fail on the template secretsmith wrote from it.
// What the template cannot record may only make a rule unverifiable.
func TestGeneratedPassesOwnCheck(t *testing.T) {
	designs := goldenDesigns(t)
	designs["endpoint-id-deny"] = endpointDenyDesign(t, designs)
	maps.Copy(designs, networkVariants(designs["endpoint-id-deny"]))
	var generated []string
	for name, d := range designs {
		want := blueprint.Check(d)
		if _, err := generate.Render(d, generate.CloudFormation, generate.Options{Version: "test"}); err != nil && strings.HasPrefix(name, "network-") {
			continue // refused: nothing is written to check
		}
		if strings.HasPrefix(name, "network-") {
			generated = append(generated, name)
		}
		if name == "endpoint-id-deny" {
			if r := ruleIn(want, blueprint.RuleRotationNotBlocked); r.Status != blueprint.StatusMet {
				t.Fatalf("%s: the design itself: rotation-not-blocked %v %v", name, r.Status, r.Findings)
			}
		}
		for _, f := range generate.Formats {
			if len(d.TemplateProblems(f.Template())) > 0 {
				continue
			}
			t.Run(name+"/"+string(f), func(t *testing.T) {
				got := readBack(t, d, f)
				for _, r := range got.Check().Results {
					w := ruleIn(want, r.Rule.ID)
					if r.Status == blueprint.StatusNotMet && (w.Status == blueprint.StatusMet || w.Status == blueprint.StatusNotApplicable) {
						t.Errorf("%s: design %v, its template not met: %v", r.Rule.ID, w.Status, r.Findings)
					}
				}
			})
		}
	}
	// Each way in with a Deny it passes: the test compares something.
	if len(generated) < 5 {
		t.Errorf("generated only the variants %v", generated)
	}
	t.Logf("variants generated: %v", generated)
}

// TestEndpointDenyCannotVerify holds the one the template cannot settle:
// the Deny by the function's endpoint is unverifiable, saying what the
// template does not record, in every format.
func TestEndpointDenyCannotVerify(t *testing.T) {
	d := endpointDenyDesign(t, goldenDesigns(t))
	for _, f := range generate.Formats {
		t.Run(string(f), func(t *testing.T) {
			r := ruleIn(readBack(t, d, f).Check(), blueprint.RuleRotationNotBlocked)
			if r.Status != blueprint.StatusCannotVerify || r.Note != FunctionEndpointUnknown {
				t.Errorf("rotation-not-blocked: %v %q %v, want cannot verify: %q", r.Status, r.Note, r.Findings, FunctionEndpointUnknown)
			}
		})
	}
}

// readBack renders d in f and reads its one secret back.
func readBack(t *testing.T, d *blueprint.Design, f generate.Format) *Secret {
	t.Helper()
	files, err := generate.Render(d, f, generate.Options{Version: "test"})
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	var res *Result
	if f == generate.Terraform {
		dir := t.TempDir()
		for _, file := range files {
			if err := os.WriteFile(filepath.Join(dir, file.Name), file.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err = Terraform(dir)
	} else {
		res, err = CloudFormation(files[0].Name, files[0].Data)
	}
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if len(res.Secrets) != 1 {
		t.Fatalf("read %d secrets, want 1", len(res.Secrets))
	}
	return res.Secrets[0]
}

// ruleIn returns the result of rule id in r.
func ruleIn(r blueprint.Report, id blueprint.RuleID) blueprint.RuleResult {
	for _, res := range r.Results {
		if res.Rule.ID == id {
			return res
		}
	}
	return blueprint.RuleResult{}
}
