package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Access writes access's report of d: who may do what to the secret, the
// Deny statements that cut in, whether each reader can decrypt, the
// key-policy statements a key secretsmith does not manage needs, the
// deployment walk-through wk and the readers' side. path is the design
// file's, for the text's heading; region is the account's, for a design
// that names none ("" offline). The text is a table for people, JSON is
// for scripts.
func Access(w io.Writer, f Format, path string, d *blueprint.Design, wk *blueprint.Walk, region string) error {
	switch f {
	case Text:
		return writeAccessText(w, path, d, wk, region)
	case JSON:
		return writeAccessJSON(w, d, wk, region)
	}
	return unknownFormat("access", f)
}

// accessJSON is the --output json document. Its field names are part of
// the command's interface for scripts.
type accessJSON struct {
	Design            string          `json:"design"`
	Account           string          `json:"account,omitempty"`
	Region            string          `json:"region,omitempty"`
	ReplicaRegions    []string        `json:"replicaRegions,omitempty"`
	Key               keyJSON         `json:"key"`
	BlockPublicPolicy bool            `json:"blockPublicPolicy"`
	Groups            []groupJSON     `json:"groups"`
	Denies            []denyJSON      `json:"denies"`
	KeyPolicy         json.RawMessage `json:"keyPolicyStatements"`
	// ReplicaKeys are the replicas' own keys, which secretsmith never
	// creates, and the statements each needs.
	ReplicaKeys []replicaKeyJSON `json:"replicaKeys"`
	// Walkthrough is the deployment walk-through, phase by phase and
	// actor by actor.
	Walkthrough []phaseJSON `json:"walkthrough"`
	// ReaderSide is what each reader needs in its own account.
	ReaderSide []readerSideJSON `json:"readerSide"`
	// Environment is what the account said beyond the design (with
	// --aws): the caller, taken to be the deployer, and its organization.
	Environment *environmentJSON `json:"environment,omitempty"`
}

type environmentJSON struct {
	DeployerARN    string `json:"deployerArn,omitempty"`
	OrganizationID string `json:"organizationId,omitempty"`
}

type phaseJSON struct {
	Phase  string      `json:"phase"`
	Actors []actorJSON `json:"actors"`
}

type actorJSON struct {
	Kind string `json:"kind"`
	// Templates are cloudformation, terraform or both.
	Templates []string   `json:"templates"`
	Label     string     `json:"label"`
	ID        string     `json:"id,omitempty"`
	From      string     `json:"from"`
	Calls     []callJSON `json:"calls"`
}

type callJSON struct {
	Action string `json:"action"`
	On     string `json:"on"`
	Why    string `json:"why"`
	// Outcome is allowed, refused or unsure.
	Outcome   string `json:"outcome"`
	By        string `json:"by,omitempty"`
	Statement *int   `json:"statement,omitempty"`
	Reason    string `json:"reason"`
	Fix       string `json:"fix,omitempty"`
	Path      string `json:"path,omitempty"`
}

type readerSideJSON struct {
	Reader         string                   `json:"reader"`
	Principal      string                   `json:"principal"`
	CrossAccount   bool                     `json:"crossAccount"`
	Needed         bool                     `json:"identityPolicyNeeded"`
	Decrypt        string                   `json:"decrypt"`
	IdentityPolicy blueprint.PolicyDocument `json:"identityPolicy"`
	Read           []string                 `json:"read"`
}

type replicaKeyJSON struct {
	Region     string          `json:"region"`
	ARN        string          `json:"arn"`
	Statements json.RawMessage `json:"keyPolicyStatements"`
}

type keyJSON struct {
	// Source is created, given or existing-secret.
	Source string `json:"source"`
	ARN    string `json:"arn,omitempty"`
}

type groupJSON struct {
	Kind       string      `json:"kind"`
	ID         string      `json:"id,omitempty"`
	Label      string      `json:"label"`
	Account    string      `json:"account,omitempty"`
	Except     []string    `json:"except,omitempty"`
	Allowed    []string    `json:"allowed"`
	ReadsValue bool        `json:"readsValue"`
	Grants     []grantJSON `json:"grants"`
	Cuts       []cutJSON   `json:"cuts"`
	Decrypt    string      `json:"decrypt"`
	Reason     string      `json:"decryptReason,omitempty"`
}

type grantJSON struct {
	Statement int      `json:"statement"`
	Sid       string   `json:"sid,omitempty"`
	Actions   []string `json:"actions"`
	Only      string   `json:"only,omitempty"`
}

type cutJSON struct {
	Statement int      `json:"statement"`
	Sid       string   `json:"sid,omitempty"`
	Actions   []string `json:"actions"`
	Always    bool     `json:"always"`
	When      string   `json:"when,omitempty"`
}

type denyJSON struct {
	Statement   int      `json:"statement"`
	Sid         string   `json:"sid,omitempty"`
	Everyone    bool     `json:"everyone"`
	Actions     []string `json:"actions"`
	Management  []string `json:"management"`
	Exception   bool     `json:"exception"`
	RequestOnly bool     `json:"requestOnly"`
	LocksOut    bool     `json:"locksOut"`
}

var groupKinds = map[blueprint.GroupKind]string{
	blueprint.GroupPrincipal:    "principal",
	blueprint.GroupAccount:      "account",
	blueprint.GroupService:      "service",
	blueprint.GroupFederated:    "federated",
	blueprint.GroupOrganization: "organization",
	blueprint.GroupVPCEndpoint:  "vpc-endpoint",
	blueprint.GroupVPC:          "vpc",
	blueprint.GroupAnyone:       "anyone",
	blueprint.GroupRotation:     "rotation-function",
}

var keySources = map[blueprint.KeySource]string{
	blueprint.KeyCreated:          "created",
	blueprint.KeyGiven:            "given",
	blueprint.KeyOfExistingSecret: "existing-secret",
}

// templateNames are the kinds of template an actor of the walk-through
// works for.
func templateNames(t blueprint.Template) []string {
	var out []string
	if t&blueprint.CloudFormationTemplate != 0 {
		out = append(out, "cloudformation")
	}
	if t&blueprint.TerraformTemplate != 0 {
		out = append(out, "terraform")
	}
	if out == nil {
		return []string{}
	}
	return out
}

// walkPhases groups the walk-through's calls by phase, then by actor in
// the walk-through's order: the shape both outputs show.
func walkPhases(wk *blueprint.Walk) []phaseJSON {
	var out []phaseJSON
	for _, ph := range blueprint.Phases {
		pj := phaseJSON{Phase: ph.Key(), Actors: []actorJSON{}}
		for ai, ac := range wk.Actors {
			var calls []callJSON
			for _, c := range wk.Calls {
				if c.Phase != ph || c.Actor != ai {
					continue
				}
				cj := callJSON{Action: c.Action, On: c.On, Why: c.Why, Outcome: c.Outcome.Key(), By: c.By.Key(),
					Reason: c.Reason, Fix: c.Fix, Path: c.Path}
				if c.Statement >= 0 {
					n := c.Statement
					cj.Statement = &n
				}
				calls = append(calls, cj)
			}
			if len(calls) == 0 {
				continue
			}
			pj.Actors = append(pj.Actors, actorJSON{Kind: ac.Kind.Key(), Templates: templateNames(ac.Templates), Label: ac.Label,
				ID: ac.ID, From: ac.From, Calls: calls})
		}
		out = append(out, pj)
	}
	return out
}

func readerSides(d *blueprint.Design, wk *blueprint.Walk) []readerSideJSON {
	out := []readerSideJSON{}
	for _, rs := range wk.ReaderSides(d) {
		out = append(out, readerSideJSON{Reader: rs.Reader, Principal: rs.Principal, CrossAccount: rs.CrossAccount, Needed: rs.Needed,
			Decrypt: rs.Decrypt.Key(), IdentityPolicy: rs.IdentityPolicy, Read: blueprint.ReadWithoutValueInCode})
	}
	return out
}

func writeAccessJSON(w io.Writer, d *blueprint.Design, wk *blueprint.Walk, region string) error {
	a := wk.Access
	out := accessJSON{
		Design: d.DisplayName(), Account: a.Account, Region: a.Region, ReplicaRegions: a.ReplicaRegions,
		Key:               keyJSON{Source: keySources[a.Key], ARN: a.KeyARN},
		BlockPublicPolicy: a.BlockPublicPolicy,
		Groups:            []groupJSON{},
		Denies:            []denyJSON{},
	}
	for _, g := range a.Groups {
		gj := groupJSON{
			Kind: groupKinds[g.Kind], ID: g.ID, Label: g.Label(), Account: g.Account, Except: g.Except,
			Allowed: nonNil(g.Allowed), ReadsValue: g.Reads, Grants: []grantJSON{}, Cuts: []cutJSON{},
		}
		dec := wk.KeyDecrypt(&g)
		gj.Decrypt, gj.Reason = dec.State.String(), dec.Reason
		for _, gr := range g.Grants {
			gj.Grants = append(gj.Grants, grantJSON{Statement: gr.Statement, Sid: gr.Sid, Actions: nonNil(gr.Actions),
				Only: blueprint.DescribeConditions(gr.Conditions)})
		}
		for _, c := range g.Cuts {
			gj.Cuts = append(gj.Cuts, cutJSON{Statement: c.Statement, Sid: c.Sid, Actions: nonNil(c.Actions), Always: c.Always,
				When: blueprint.DescribeConditions(c.When)})
		}
		out.Groups = append(out.Groups, gj)
	}
	for _, s := range a.Denies {
		out.Denies = append(out.Denies, denyJSON{Statement: s.Statement, Sid: s.Sid, Everyone: s.Everyone,
			Actions: nonNil(s.Actions), Management: nonNil(s.Management), Exception: s.Exception,
			RequestOnly: s.RequestOnly, LocksOut: s.LocksOut})
	}
	kp, err := keyPolicyJSON(a, region)
	if err != nil {
		return err
	}
	out.KeyPolicy = kp
	if out.ReplicaKeys, err = replicaKeys(d, a); err != nil {
		return err
	}
	out.Walkthrough = walkPhases(wk)
	out.ReaderSide = readerSides(d, wk)
	if env := wk.Env; env.DeployerARN != "" || env.OrganizationID != "" {
		out.Environment = &environmentJSON{DeployerARN: env.DeployerARN, OrganizationID: env.OrganizationID}
	}
	var buf bytes.Buffer
	if err := writeIndentedJSON(&buf, out, ""); err != nil {
		return fmt.Errorf("encode access model: %w", err)
	}
	buf.WriteByte('\n')
	_, err = w.Write(buf.Bytes())
	return err
}

// keyPolicyJSON is the key-policy statements the readers need, as a JSON
// list: what secretsmith writes into a key it creates, or what the owners
// of a given key must add.
//
// region is the account's, for a design that names none ("" offline).
func keyPolicyJSON(a *blueprint.Access, region string) (json.RawMessage, error) {
	primary := a.ViaServicePrimary()
	if primary == "" && region != "" {
		primary = a.ReplicaViaService(region)
	}
	if primary == "" {
		primary = "secretsmanager.REGION.amazonaws.com"
	}
	stmts := []blueprint.PolicyStatement{}
	for _, kg := range a.KeyGrants() {
		stmts = append(stmts, a.KeyPolicyStatement(kg, primary))
	}
	return encodeStatements(stmts)
}

// replicaKeys are the replicas' own keys (secretsmith never creates
// them), each with the statements it needs.
func replicaKeys(d *blueprint.Design, a *blueprint.Access) ([]replicaKeyJSON, error) {
	out := []replicaKeyJSON{}
	for _, r := range d.Secret.ReplicaRegions {
		if r.KMSKeyARN == "" {
			continue
		}
		st, err := replicaKeyPolicyJSON(a, r.Region)
		if err != nil {
			return nil, err
		}
		out = append(out, replicaKeyJSON{Region: r.Region, ARN: r.KMSKeyARN, Statements: st})
	}
	return out, nil
}

// replicaKeyPolicyJSON is what a replica's key needs: the same readers,
// through Secrets Manager in the replica's region.
func replicaKeyPolicyJSON(a *blueprint.Access, region string) (json.RawMessage, error) {
	stmts := []blueprint.PolicyStatement{}
	for _, kg := range a.KeyGrants() {
		stmts = append(stmts, blueprint.KeyPolicyStatementVia(kg, []string{a.ReplicaViaService(region)}))
	}
	return encodeStatements(stmts)
}

func shortActions(acts []string) string {
	if len(acts) == len(blueprint.Actions) {
		return "all 23 actions"
	}
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = strings.TrimPrefix(a, "secretsmanager:")
	}
	return strings.Join(out, ", ")
}

var decryptMarks = map[blueprint.DecryptState]string{
	blueprint.DecryptYes:       "✓ yes",
	blueprint.DecryptNo:        "✗ no",
	blueprint.DecryptCheck:     "? check the key policy",
	blueprint.DecryptNotNeeded: "—",
}

func writeAccessText(w io.Writer, path string, d *blueprint.Design, wk *blueprint.Walk, region string) error {
	a := wk.Access
	fmt.Fprintf(w, "%s: %s\n", path, d.DisplayName())
	switch a.Key {
	case blueprint.KeyCreated:
		fmt.Fprintln(w, "Key: created by secretsmith; its policy lets each reader below with ✓ decrypt through Secrets Manager")
	case blueprint.KeyGiven:
		if wk.KeyPolicyRead() {
			fmt.Fprintf(w, "Key: %s, managed elsewhere; its policy, read from the account, decides DECRYPT below\n", a.KeyARN)
			break
		}
		fmt.Fprintf(w, "Key: %s, managed elsewhere; secretsmith cannot see its policy\n", a.KeyARN)
	default:
		fmt.Fprintln(w, "Key: the existing secret's own key; secretsmith cannot see its policy")
	}
	fmt.Fprintln(w)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHO\tREADS VALUE\tDECRYPT\tMAY CALL")
	for _, g := range a.Groups {
		reads := "no"
		if g.Reads {
			reads = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", g.Label(), reads, decryptMarks[wk.KeyDecrypt(&g).State], shortActions(g.Allowed))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(a.Groups) == 0 {
		fmt.Fprintln(w, "(nobody: the design has no Allow statements; only IAM policies in the secret's account grant access)")
	}

	fmt.Fprintln(w)
	for _, g := range a.Groups {
		var lines []string
		for _, gr := range g.Grants {
			if len(gr.Conditions) > 0 {
				lines = append(lines, fmt.Sprintf("allowed by %s %s", statementName(gr.Statement, gr.Sid), blueprint.DescribeConditions(gr.Conditions)))
			}
		}
		for _, c := range g.Cuts {
			when := "always"
			if !c.Always {
				when = blueprint.DescribeConditions(c.When)
				if c.MaybePrincipal {
					when = strings.TrimSpace(when + " (if its principals include the function's role)")
				}
			}
			lines = append(lines, fmt.Sprintf("%s denies %s %s", statementName(c.Statement, c.Sid), shortActions(c.Actions), when))
		}
		if dec := wk.KeyDecrypt(&g); dec.Reason != "" && dec.State != blueprint.DecryptYes {
			lines = append(lines, "key: "+dec.Reason)
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintln(w, g.Label())
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	for _, s := range a.Denies {
		if s.LocksOut {
			fmt.Fprintf(w, "%s denies %s to everyone with no exception: administrators and deployments are locked out too\n",
				statementName(s.Statement, s.Sid), shortActions(s.Management))
		}
	}

	printStatements := func(title string, kp json.RawMessage) error {
		if string(kp) == "[]" {
			return nil
		}
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, kp, "", "  "); err != nil {
			return err
		}
		_, err := fmt.Fprintf(w, "\n%s\n%s\n", title, pretty.String())
		return err
	}
	if a.Key != blueprint.KeyCreated {
		kp, err := keyPolicyJSON(a, region)
		if err != nil {
			return err
		}
		if err := printStatements("Add to the key's policy, so the readers can decrypt:", kp); err != nil {
			return err
		}
	}
	rks, err := replicaKeys(d, a)
	if err != nil {
		return err
	}
	for _, r := range rks {
		if err := printStatements(fmt.Sprintf("Add to the policy of %s, the replica's key in %s, so the readers can decrypt the replica:", r.ARN, r.Region), r.Statements); err != nil {
			return err
		}
	}
	writeWalkText(w, wk)
	return writeReaderSideText(w, d, wk)
}

// writeWalkText shows the walk-through phase by phase, actor by actor:
// each call with ✓ (allowed), ✗ (refused) or ? (depends on what the design
// does not say), the reason, and the fix when it is not allowed.
func writeWalkText(w io.Writer, wk *blueprint.Walk) {
	fmt.Fprintln(w, "\nOnce deployed, phase by phase (✓ allowed  ✗ refused  ? check):")
	if env := wk.Env; env.DeployerARN != "" || env.OrganizationID != "" {
		// What the account said about the caller, which --aws takes to
		// be the deployer.
		var facts []string
		if env.DeployerARN != "" {
			facts = append(facts, "the deployer is taken to be the caller, "+env.DeployerARN)
		}
		if env.OrganizationID != "" {
			facts = append(facts, "the account is in organization "+env.OrganizationID)
		}
		fmt.Fprintf(w, "(from the account: %s)\n", strings.Join(facts, "; "))
	}
	for _, ph := range walkPhases(wk) {
		if len(ph.Actors) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s\n", ph.Phase)
		for _, ac := range ph.Actors {
			fmt.Fprintf(w, "  %s, from %s\n", ac.Label, ac.From)
			for _, c := range ac.Calls {
				mark := map[string]string{"allowed": "✓", "refused": "✗", "unsure": "?"}[c.Outcome]
				fmt.Fprintf(w, "    %s %s on %s: %s\n", mark, strings.TrimPrefix(c.Action, "secretsmanager:"), c.On, c.Reason)
				if c.Fix != "" && c.Outcome != "allowed" {
					at := ""
					if c.Path != "" {
						at = " (" + c.Path + ")"
					}
					fmt.Fprintf(w, "      fix%s: %s\n", at, c.Fix)
				}
			}
		}
	}
}

// writeReaderSideText shows, per reader, the identity policy it needs in
// its own account and how to read the value without putting it in code.
func writeReaderSideText(w io.Writer, d *blueprint.Design, wk *blueprint.Walk) error {
	sides := wk.ReaderSides(d)
	if len(sides) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nThe reader's side:")
	for _, rs := range sides {
		need := "not needed: the secret's policy names it in the secret's own account"
		if rs.Needed {
			need = "needed by a principal of another account, or when the secret's policy names a whole account"
		}
		fmt.Fprintf(w, "%s\n  identity policy in its own account (%s):\n", rs.Reader, need)
		if rs.CrossAccount {
			fmt.Fprintln(w, "  it is in another account: that account must grant the read too; the secret's policy alone does not")
		}
		if rs.Decrypt != blueprint.Allowed {
			fmt.Fprintln(w, "  this alone is not enough: the key's policy must let it decrypt too (see above)")
		}
		var pretty bytes.Buffer
		data, err := encodeStatements(rs.IdentityPolicy)
		if err != nil {
			return err
		}
		if err := json.Indent(&pretty, data, "    ", "  "); err != nil {
			return err
		}
		fmt.Fprintf(w, "    %s\n", pretty.String())
	}
	fmt.Fprintln(w, "Read the value at run time, never in code or environment variables:")
	for _, l := range blueprint.ReadWithoutValueInCode {
		fmt.Fprintf(w, "  - %s\n", l)
	}
	return nil
}

func statementName(i int, sid string) string {
	if sid != "" {
		return sid
	}
	return fmt.Sprintf("statement %d", i+1)
}

func encodeStatements(v any) (json.RawMessage, error) {
	data, err := encodeCompact(v)
	if err != nil {
		return nil, fmt.Errorf("encode key policy statements: %w", err)
	}
	return data, nil
}
