package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/workflow"
	"github.com/spf13/cobra"
)

type accessOptions struct {
	design string
	output string
	aws    awsOptions
}

func newAccessCmd(st streams) *cobra.Command {
	opts := &accessOptions{}
	cmd := &cobra.Command{
		Use:   "access DESIGN.yaml [--output text|json]",
		Short: "Show who can read and manage the secret a design file describes",
		Long: `Access reads a design file and shows, for each group of callers the
resource policy names (a role or user, an account, a service, everyone in an
organization, everyone calling through a VPC endpoint, everyone) and for the
rotation function: which Secrets Manager actions it may call, under which
conditions, which Deny statements cut in and when, and whether the secret's
KMS key lets it decrypt what it reads.

Reading a secret takes two permissions: the secret's policy must allow
secretsmanager:GetSecretValue, and the key must let the caller use kms:Decrypt
through Secrets Manager. When secretsmith creates the key, the templates it
writes grant that; when the design names a key that already exists, access
prints the key-policy statements that key needs.

It exits 0 whether or not the design meets the blueprint (secretsmith check
says that), and 1 when the design file is invalid.`,
		Example: `  secretsmith access payments-db.yaml
  secretsmith access payments-db.yaml --output json | jq '.groups[] | select(.readsValue)'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("access needs exactly one design file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.design = args[0]
			return runAccess(st, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "text (a table for people) or json (for scripts)")
	addAWSFlags(cmd, &opts.aws, "also read the keys' real policies from the AWS account and say whether every reader can decrypt; exit 1 when not")
	return cmd
}

func runAccess(st streams, opts *accessOptions) error {
	if opts.output != "text" && opts.output != "json" {
		return usageErrorf("--output must be text or json, not %q", opts.output)
	}
	l, err := workflow.Load(st.fs, opts.design)
	if err != nil {
		return err
	}
	printDiagnostics(st, l.Diagnostics)
	if l.Valid == nil {
		return silentError{exitFailure}
	}
	d := l.Valid
	a := d.Access()
	if opts.output == "json" {
		err = writeAccessJSON(st.out, d, a)
	} else {
		err = writeAccessText(st.out, opts.design, d, a)
	}
	if err != nil {
		return err
	}
	vw := st.out
	if opts.output == "json" {
		vw = st.err
	}
	if verifyAWSKeys(vw, st.err, opts.aws, d) {
		return silentError{exitFailure}
	}
	return nil
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

// nonNil keeps empty lists as [] in the JSON, so scripts need no null checks.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeAccessJSON(w io.Writer, d *blueprint.Design, a *blueprint.Access) error {
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
			Decrypt: g.Decrypt.State.String(), Reason: g.Decrypt.Reason,
		}
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
	kp, err := keyPolicyJSON(a)
	if err != nil {
		return err
	}
	out.KeyPolicy = kp
	out.ReplicaKeys = []replicaKeyJSON{}
	for _, r := range d.Secret.ReplicaRegions {
		if r.KMSKeyARN == "" {
			continue
		}
		st, err := replicaKeyPolicyJSON(a, r.Region)
		if err != nil {
			return err
		}
		out.ReplicaKeys = append(out.ReplicaKeys, replicaKeyJSON{Region: r.Region, ARN: r.KMSKeyARN, Statements: st})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("encode access model: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// keyPolicyJSON is the key-policy statements the readers need, as a JSON
// list: what secretsmith writes into a key it creates, or what the owners
// of a given key must add.
func keyPolicyJSON(a *blueprint.Access) (json.RawMessage, error) {
	primary := a.ViaServicePrimary()
	if primary == "" {
		primary = "secretsmanager.REGION.amazonaws.com"
	}
	stmts := []blueprint.PolicyStatement{}
	for _, kg := range a.KeyGrants() {
		stmts = append(stmts, a.KeyPolicyStatement(kg, primary))
	}
	return encodeCompact(stmts)
}

// replicaKeyPolicyJSON is what a replica's key needs: the same readers,
// through Secrets Manager in the replica's region.
func replicaKeyPolicyJSON(a *blueprint.Access, region string) (json.RawMessage, error) {
	stmts := []blueprint.PolicyStatement{}
	for _, kg := range a.KeyGrants() {
		stmts = append(stmts, blueprint.KeyPolicyStatementVia(kg, []string{a.ReplicaViaService(region)}))
	}
	return encodeCompact(stmts)
}

func encodeCompact(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode key policy statements: %w", err)
	}
	return bytes.TrimSpace(buf.Bytes()), nil
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

func writeAccessText(w io.Writer, path string, d *blueprint.Design, a *blueprint.Access) error {
	fmt.Fprintf(w, "%s: %s\n", path, d.DisplayName())
	switch a.Key {
	case blueprint.KeyCreated:
		fmt.Fprintln(w, "Key: created by secretsmith; its policy lets each reader below with ✓ decrypt through Secrets Manager")
	case blueprint.KeyGiven:
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", g.Label(), reads, decryptMarks[g.Decrypt.State], shortActions(g.Allowed))
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
		if g.Decrypt.Reason != "" && g.Decrypt.State != blueprint.DecryptYes {
			lines = append(lines, "key: "+g.Decrypt.Reason)
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
		kp, err := keyPolicyJSON(a)
		if err != nil {
			return err
		}
		if err := printStatements("Add to the key's policy, so the readers can decrypt:", kp); err != nil {
			return err
		}
	}
	for _, r := range d.Secret.ReplicaRegions {
		if r.KMSKeyARN == "" {
			continue
		}
		kp, err := replicaKeyPolicyJSON(a, r.Region)
		if err != nil {
			return err
		}
		if err := printStatements(fmt.Sprintf("Add to the policy of %s, the replica's key in %s, so the readers can decrypt the replica:", r.KMSKeyARN, r.Region), kp); err != nil {
			return err
		}
	}
	return nil
}

func statementName(i int, sid string) string {
	if sid != "" {
		return sid
	}
	return fmt.Sprintf("statement %d", i+1)
}
