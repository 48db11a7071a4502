package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui/form"
)

// LearnReview is the end-of-session review of --learn: the design read
// against the blueprint the way a reviewer would, rule by rule. For each
// rule it says whether the design meets it, why the rule exists (its
// Reason), and what this design's own values mean for it, such as how long
// a leaked value keeps working at its rotation interval. r is the report of
// blueprint.Check for d.
//
// The text is plain: no colours, no symbols a screen reader would spell
// out, and no hard line breaks inside a paragraph, so the full-screen
// wizard wraps it to its pane and a line-mode session prints it as it is.
// Lines that belong to a rule are indented by two spaces.
func LearnReview(d *blueprint.Design, r blueprint.Report) string {
	if d == nil {
		d = &blueprint.Design{}
	}
	counts := map[blueprint.Status]int{}
	for _, res := range r.Results {
		counts[res.Status]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Review of %s against the secretsmith blueprint\n", d.DisplayName())
	fmt.Fprintf(&b, "A reviewer reads the design one rule at a time: what the rule asks, why, and what this design does about it. "+
		"Of %d rules, %d met, %d not met, %d waived and %d not applicable to this design",
		len(r.Results), counts[blueprint.StatusMet], counts[blueprint.StatusNotMet], counts[blueprint.StatusWaived],
		counts[blueprint.StatusNotApplicable])
	if n := counts[blueprint.StatusCannotVerify]; n > 0 {
		fmt.Fprintf(&b, "; %d cannot be verified, because they read a value the template did not give", n)
	}
	b.WriteString(".\n")
	for i, res := range r.Results {
		rule := res.Rule
		kind := "required"
		if rule.Severity == blueprint.SeverityWarning {
			kind = "recommended"
		}
		fmt.Fprintf(&b, "\n%d. %s (%s, %s): %s\n", i+1, rule.Title, rule.ID, kind, res.Status)
		fmt.Fprintf(&b, "  Why: %s\n", rule.Reason)
		if res.Status == blueprint.StatusNotApplicable {
			fmt.Fprintf(&b, "  Not applicable: %s.\n", noteText(res))
			continue
		}
		for _, s := range meaning(rule.ID, d, r) {
			// A note with commands has each on a line of its own
			// (FirstRotationSteps), indented under the paragraph.
			fmt.Fprintf(&b, "  In this design: %s\n", strings.ReplaceAll(inWords(s), "\n", "\n    "))
		}
		switch res.Status {
		case blueprint.StatusNotMet:
			for _, f := range res.Findings {
				fmt.Fprintf(&b, "  Not met: %s.\n", finding(f))
			}
			fmt.Fprintf(&b, "  To meet it: %s\n", inWords(rule.Meets))
		case blueprint.StatusCannotVerify:
			fmt.Fprintf(&b, "  Cannot verify: %s; check that value, marked at its field.\n", noteText(res))
		case blueprint.StatusWaived:
			fmt.Fprintf(&b, "  Waived by the team: %s\n", res.WaiverReason)
			for _, f := range res.Findings {
				fmt.Fprintf(&b, "  The waiver covers: %s.\n", finding(f))
			}
		}
	}
	b.WriteString("\n")
	var blocking, advice []string
	for _, res := range r.Results {
		if res.Status != blueprint.StatusNotMet {
			continue
		}
		if res.Rule.Severity == blueprint.SeverityError {
			blocking = append(blocking, string(res.Rule.ID))
		} else {
			advice = append(advice, string(res.Rule.ID))
		}
	}
	switch {
	case len(blocking) > 0:
		it := plural(len(blocking), "it", "them")
		fmt.Fprintf(&b, "Verdict: not ready. %s %s %s required and not met; fix %s, or waive %s with a reason the team accepts, before the files can be written.",
			plural(len(blocking), "Rule", "Rules"), nameAll(blocking), plural(len(blocking), "is", "are"), it, it)
	case counts[blueprint.StatusWaived] > 0:
		b.WriteString("Verdict: ready, with waivers. Every required rule is met or waived; a reviewer signs off the waivers' reasons, which the design file and the templates record.")
	default:
		b.WriteString("Verdict: ready. Every required rule that applies is met.")
	}
	if len(advice) > 0 {
		fmt.Fprintf(&b, " The %s %s %s not met: worth a second look, but not blocking.",
			plural(len(advice), "recommendation", "recommendations"), nameAll(advice), plural(len(advice), "is", "are"))
	}
	b.WriteString("\n")
	return b.String()
}

// finding is one finding of a rule as the screens name it: the label of
// its field and its message in the screens' words, as the Review and line
// mode say it (pathLabel, onScreen). The review is read on screen, where
// the user saw labels, never the design file's paths.
func finding(f blueprint.Finding) string {
	return pathLabel(f.Path) + ": " + onScreen(f.Message)
}

// noteText is a result's note as the screens say it: the field a pending
// rule waits for by its label, any other note in words.
func noteText(res blueprint.RuleResult) string {
	if res.Pending != "" {
		return "pending: " + pathLabel(res.Pending) + " is not answered yet"
	}
	return inWords(res.Note)
}

// inWords is blueprint prose (a rule's Meets, a meaning) in the screens'
// words. A path that starts the text is named too: onScreen leaves a path
// that leads a message, since it is the problem's own path before its
// colon, which prose has not.
func inWords(s string) string {
	return strings.TrimPrefix(onScreen(" "+s), " ")
}

// meaning says in plain words what the design's own values mean for one
// rule. It describes what the design does, met or not; the findings say
// what is wrong. The access rules read r's access model, the one Check
// built, rather than building their own.
func meaning(id blueprint.RuleID, d *blueprint.Design, r blueprint.Report) []string {
	s := &d.Secret
	switch id {
	case blueprint.RuleGeneratedValue:
		g := s.GenerateSecretString
		if g == nil {
			return nil
		}
		n := 32
		if g.PasswordLength != nil {
			n = *g.PasswordLength
		}
		out := fmt.Sprintf("Secrets Manager generates a %d-character password", n)
		if g.ExcludeCharacters != "" {
			out += fmt.Sprintf(" without the characters %s", g.ExcludeCharacters)
		}
		out += ", so no person ever sees or types it."
		if g.SecretStringTemplate != "" {
			key := g.GenerateStringKey
			if key == "" {
				key = "(none given)"
			}
			out += fmt.Sprintf(" It is stored under the key %s of the JSON %s, whose other values anyone who reads the templates can see.", key, g.SecretStringTemplate)
		}
		return []string{out}
	case blueprint.RuleCustomerManagedKey:
		var out []string
		if s.KMSKeyARN == "" {
			out = append(out, "secretsmith creates a KMS key for this secret alone, so its key policy decides who may decrypt the secret, and switching the key off locks the secret in an emergency.")
		} else {
			out = append(out, fmt.Sprintf("The secret is encrypted with the key %s; reading the secret also takes permission to decrypt with that key.", s.KMSKeyARN))
		}
		if len(s.ReplicaRegions) > 0 {
			regions := make([]string, len(s.ReplicaRegions))
			for i, r := range s.ReplicaRegions {
				regions[i] = r.Region
			}
			out = append(out, fmt.Sprintf("Copies of the secret live in %s, each encrypted with the key named for its region.", nameAll(regions)))
			var keyless []string
			for _, r := range s.ReplicaRegions {
				if r.KMSKeyARN == "" && r.Region != "" {
					keyless = append(keyless, r.Region)
				}
			}
			if len(keyless) > 0 {
				out = append(out, fmt.Sprintf("No key is named for %s: Terraform creates one there, with the same key policy; a CloudFormation stack deploys to one region and cannot, so for CloudFormation name one.", nameAll(keyless)))
			}
		}
		return out
	case blueprint.RuleKeyRotationEnabled:
		return []string{"The key secretsmith creates gets new key material every year; older versions of the secret still decrypt, and nobody has to do anything."}
	case blueprint.RuleBlockPublicPolicy, blueprint.RuleNoPublicPrincipal, blueprint.RuleNoWildcardActions, blueprint.RuleResourceThisSecret,
		blueprint.RuleNoLockout, blueprint.RuleRotationNotBlocked, blueprint.RuleGivenKeyReaders:
		return policyMeaning(id, d, r)
	case blueprint.RuleRotationEnabled, blueprint.RuleRotationWithin30Days, blueprint.RuleRotationLambdaInVPC,
		blueprint.RuleRotationReachesSecretsManager:
		return rotationMeaning(id, d)
	case blueprint.RuleRotationFailureAlert, blueprint.RuleChangeAlert:
		return alertMeaning(id, d)
	case blueprint.RuleDatabaseConnection:
		return databaseMeaning(d)
	case blueprint.RuleRecoveryWindow:
		n := s.RecoveryWindow()
		if n == 0 {
			return []string{"Nothing keeps a deleted secret: Terraform deletes it with no recovery window, and a CloudFormation stack, written with DeletionPolicy Delete, deletes it with the stack."}
		}
		out := fmt.Sprintf("A deleted secret can be restored for %s", days(n))
		if s.RecoveryWindowDays == nil {
			out += " (the default)"
		}
		return []string{out + "."}
	case blueprint.RuleTagsPresent:
		if len(s.Tags) == 0 {
			return nil
		}
		tags := make([]string, len(s.Tags))
		for i, t := range s.Tags {
			tags[i] = t.Key + "=" + t.Value
		}
		return []string{fmt.Sprintf("The %s %s tell the next person whose secret this is and what it is for.", plural(len(tags), "tag", "tags"), nameAll(tags))}
	case blueprint.RuleNoSecretInMetadata:
		if s.Description == "" && len(s.Tags) == 0 {
			return nil
		}
		what := "the tags"
		switch {
		case s.Description != "" && len(s.Tags) > 0:
			what = "the description and the tags"
		case s.Description != "":
			what = "the description"
		}
		return []string{fmt.Sprintf("Anyone who may list secrets can read %s in plain text.", what)}
	}
	return nil
}

// rotationMeaning is meaning for the rules about rotation and its function.
func rotationMeaning(id blueprint.RuleID, d *blueprint.Design) []string {
	switch id {
	case blueprint.RuleRotationEnabled:
		r := d.Rotation
		if r == nil {
			return nil
		}
		if h := r.HostedRotationLambda; h != nil {
			name := h.RotationLambdaName
			if name == "" {
				name = d.SuggestedRotationLambdaName()
			}
			out := fmt.Sprintf("AWS builds a rotation function named %s", name)
			if t, ok := blueprint.LookupRotationType(h.RotationType); ok {
				if t.MultiUser {
					// The type by the choice's label (inWords) says engine and users.
					out += fmt.Sprintf(" for %s: it keeps two database users and changes the one not in use, signing in with the master secret %s, so connections never see a password that stopped working.", t.Name, orNone(h.MasterSecretARN))
				} else {
					out += fmt.Sprintf(" for %s: it signs in as the secret's own user and changes its password, so connections may fail for a moment while the new password spreads.", t.Name)
				}
			} else {
				out += "."
			}
			if note := d.FirstRotationNote(); note != "" {
				return []string{out, note}
			}
			return []string{out}
		}
		if r.RotationLambdaARN != "" {
			return []string{fmt.Sprintf("Your own function %s rotates the secret; secretsmith cannot look inside it, so its code and settings are yours to review.", r.RotationLambdaARN)}
		}
		return nil
	case blueprint.RuleRotationWithin30Days:
		r := d.Rotation
		if r == nil {
			return nil
		}
		var out string
		switch {
		case r.AutomaticallyAfterDays > 0:
			n := r.AutomaticallyAfterDays
			out = fmt.Sprintf("It rotates every %s: a leaked value works at most %s.", days(n), days(n))
		case r.ScheduleExpression != "":
			sch, err := blueprint.ParseSchedule(r.ScheduleExpression)
			if err != nil {
				return nil
			}
			gap := interval(sch.MaxInterval)
			out = fmt.Sprintf("It rotates on %s, at most %s apart: a leaked value works at most %s.", r.ScheduleExpression, gap, gap)
		default:
			return nil
		}
		if r.Duration != "" {
			out += fmt.Sprintf(" Each rotation may take up to %s.", r.Duration)
		}
		if r.RotateImmediately == nil || *r.RotateImmediately {
			out += " The first rotation runs as soon as the templates are deployed."
		} else {
			out += " The first rotation waits for the schedule."
		}
		return []string{out}
	case blueprint.RuleRotationLambdaInVPC:
		if d.Rotation == nil || d.Rotation.HostedRotationLambda == nil {
			return nil
		}
		h := d.Rotation.HostedRotationLambda
		if len(h.VPCSubnetIDs) == 0 && len(h.VPCSecurityGroupIDs) == 0 {
			return []string{"The function runs outside any VPC, so it could only reach a database open to the internet."}
		}
		return []string{fmt.Sprintf("The function runs in %s %s with %s %s, so it reaches the database inside the VPC; those subnets need a VPC endpoint for Secrets Manager or a NAT gateway.",
			plural(len(h.VPCSubnetIDs), "subnet", "subnets"), orNone(nameAll(h.VPCSubnetIDs)),
			plural(len(h.VPCSecurityGroupIDs), "security group", "security groups"), orNone(nameAll(h.VPCSecurityGroupIDs)))}
	case blueprint.RuleRotationReachesSecretsManager:
		if d.Rotation == nil || d.Rotation.HostedRotationLambda == nil {
			return nil
		}
		switch h := d.Rotation.HostedRotationLambda; {
		case h.VPCID != "":
			return []string{fmt.Sprintf("secretsmith creates an interface endpoint for Secrets Manager in %s, in the function's subnets, reachable from its security groups on port 443.", h.VPCID)}
		case h.EndpointID() != "":
			return []string{"The function calls Secrets Manager through the endpoint the VPC already has, " + h.EndpointID() + "."}
		case h.Endpoint == blueprint.EndpointExisting:
			return []string{"The function calls Secrets Manager through the endpoint the VPC already has."}
		case h.Endpoint == blueprint.EndpointNAT:
			return []string{"The function calls Secrets Manager through the subnets' NAT gateway."}
		}
		return nil
	}
	return nil
}

// policyMeaning is meaning for the rules about the resource policy and
// who can read the secret.
func policyMeaning(id blueprint.RuleID, d *blueprint.Design, r blueprint.Report) []string {
	switch id {
	case blueprint.RuleBlockPublicPolicy:
		if d.ResourcePolicy.BlocksPublicPolicy() {
			return []string{"Secrets Manager checks the policy whenever it is saved and refuses one that opens the secret to everyone."}
		}
		return []string{"BlockPublicPolicy is off, so Secrets Manager saves whatever policy the templates give it."}
	case blueprint.RuleNoPublicPrincipal:
		var out []string
		for _, st := range statementsOf(d) {
			out = append(out, whoSentence(st))
		}
		return out
	case blueprint.RuleNoWildcardActions:
		var out []string
		for _, st := range statementsOf(d) {
			out = append(out, whatSentence(st))
		}
		return out
	case blueprint.RuleResourceThisSecret:
		for _, st := range statementsOf(d) {
			if r := st.Resources(); len(r) != 1 || r[0] != "*" {
				return nil
			}
		}
		return []string{"Every statement names Resource \"*\", which in a secret's own policy means this secret and nothing else."}
	case blueprint.RuleNoLockout, blueprint.RuleRotationNotBlocked, blueprint.RuleGivenKeyReaders:
		// The walk-through the rules read, so these words cannot
		// disagree with the checklist or with 'secretsmith access'.
		w := r.Walk()
		if w == nil { // a Report that Check did not make
			w = d.Walk(nil)
		}
		return accessMeaning(id, d, w)
	}
	return nil
}

// alertMeaning is meaning for the rules about alerts.
func alertMeaning(id blueprint.RuleID, d *blueprint.Design) []string {
	switch id {
	case blueprint.RuleRotationFailureAlert:
		if d.Rotation == nil || !d.Monitoring.FailureAlertOn() {
			return nil
		}
		return []string{"A failed rotation " + alertDestination(d.Monitoring) + "."}
	case blueprint.RuleChangeAlert:
		if !d.Monitoring.ChangeAlertOn() {
			return nil
		}
		return []string{"Deleting or restoring the secret, or changing it, its policy, its rotation, its replicas or its tags, " + alertDestination(d.Monitoring) + ".",
			"It needs " + blueprint.ChangeAlertNeeds + "; " + blueprint.ChangeAlertGaps + "."}
	}
	return nil
}

// databaseMeaning is meaning for the database connection rule.
func databaseMeaning(d *blueprint.Design) []string {
	db := d.Secret.Database
	rt, ok := d.HostedRotationType()
	if db == nil || !ok {
		return nil
	}
	user := "as " + db.Username
	if db.Username == "" {
		user = "without a user yet"
	}
	if db.HasTarget() {
		return []string{fmt.Sprintf("Secrets Manager looks up the host and port of %s %s; the %s function signs in %s.", db.TargetType, db.TargetID, rt.Name, user)}
	}
	if db.Host == "" {
		return nil
	}
	port := db.Port
	if port == 0 {
		port = rt.DefaultPort
	}
	return []string{fmt.Sprintf("The %s function connects to %s on port %d %s; engine %s comes from the rotation type.", rt.Name, db.Host, port, user, rt.Engines[0])}
}

// accessMeaning explains the access rules from the deployment
// walk-through: the two layers (the secret's policy and the key's), what
// each Deny does, and what the rotation function's and the readers' calls
// meet.
func accessMeaning(id blueprint.RuleID, d *blueprint.Design, w *blueprint.Walk) []string {
	sts := statementsOf(d)
	a := w.Access
	var out []string
	switch id {
	case blueprint.RuleNoLockout:
		for _, s := range a.Denies {
			st := sts[s.Statement]
			line := fmt.Sprintf("%s denies %d of the 23 actions", sidOf(st), len(s.Actions))
			if len(st.Condition) > 0 {
				line += " " + blueprint.DescribeConditions(st.Condition)
			}
			switch {
			case len(s.Management) == 0:
				line += "; it only guards the value, so the secret can still be managed."
			case s.Exception:
				line += "; the principals its exception names keep managing the secret."
			case s.RequestOnly:
				line += "; it stops a kind of request, not a person."
			case !s.Everyone:
				line += "; it names its principals, so administrators keep their access."
			default:
				line += "; nobody is left out of it, so administrators and deployments are denied too."
			}
			out = append(out, line)
		}
		if len(out) == 0 {
			out = append(out, "The policy has no Deny statements, so nothing it says can lock anyone out.")
		}
	case blueprint.RuleRotationNotBlocked:
		return rotationCallsMeaning(sts, w)
	case blueprint.RuleGivenKeyReaders:
		return readerKeyMeaning(d, w)
	}
	return out
}

// rotationCallsMeaning says what the resource policy does to the rotation
// function's calls, as the walk-through decides them: which Deny refuses
// which call, or may.
func rotationCallsMeaning(sts []blueprint.Statement, w *blueprint.Walk) []string {
	fn := w.RotationFunction()
	if fn < 0 {
		return nil
	}
	out := []string{fmt.Sprintf("The rotation function calls Secrets Manager with its own role, from %s.", w.Actors[fn].From)}
	type stop struct {
		stmt    int
		refused bool
		acts    []string
		reason  string
	}
	var stops []stop
	for _, c := range w.ActorCalls(fn) {
		if c.Outcome == blueprint.Allowed || c.By != blueprint.ByResourcePolicy || c.Statement < 0 || c.Statement >= len(sts) {
			continue
		}
		refused := c.Outcome == blueprint.Refused
		i := slices.IndexFunc(stops, func(s stop) bool { return s.stmt == c.Statement && s.refused == refused })
		if i < 0 {
			stops = append(stops, stop{stmt: c.Statement, refused: refused, reason: c.Reason})
			i = len(stops) - 1
		}
		stops[i].acts = append(stops[i].acts, strings.TrimPrefix(c.Action, "secretsmanager:"))
	}
	for _, s := range stops {
		if s.refused {
			out = append(out, fmt.Sprintf("%s stops its %s.", sidOf(sts[s.stmt]), nameAll(s.acts)))
		} else {
			out = append(out, fmt.Sprintf("%s may stop its %s (%s); check that the function's calls do not match.", sidOf(sts[s.stmt]), nameAll(s.acts), s.reason))
		}
	}
	if len(stops) == 0 {
		out = append(out, "No Deny statement stands in its way.")
	}
	return out
}

// readerKeyMeaning says which readers the key lets decrypt, as the
// walk-through decides each reader's kms:Decrypt: nothing says a reader
// can decrypt unless its call is allowed.
func readerKeyMeaning(d *blueprint.Design, w *blueprint.Walk) []string {
	readers := w.Readers()
	if len(readers) == 0 {
		return []string{"The policy lets nobody read the value, so no key policy needs to let anyone decrypt it."}
	}
	out := []string{"Reading the secret takes two permissions: the secret's policy must allow GetSecretValue, and the key must let the caller decrypt through Secrets Manager."}
	var yes, no, check []string
	for _, ri := range readers {
		label := w.Actors[ri].Label
		// A reader's first kms:Decrypt is the one with the secret's own
		// key; the replicas' keys come after it.
		i := slices.IndexFunc(w.ActorCalls(ri), func(c blueprint.Call) bool { return c.Action == "kms:Decrypt" })
		if i < 0 {
			continue
		}
		switch c := w.ActorCalls(ri)[i]; c.Outcome {
		case blueprint.Allowed:
			yes = append(yes, label)
		case blueprint.Refused:
			no = append(no, fmt.Sprintf("It does not let %s decrypt: %s.", label, c.Reason))
		default:
			check = append(check, label)
		}
	}
	if len(yes) > 0 {
		if w.Access.Key == blueprint.KeyCreated {
			out = append(out, fmt.Sprintf("secretsmith writes the key policy, and it lets %s decrypt.", nameAll(yes)))
		} else {
			out = append(out, fmt.Sprintf("The key's policy in the account lets %s decrypt.", nameAll(yes)))
		}
	}
	out = append(out, no...)
	if len(check) > 0 {
		out = append(out, fmt.Sprintf("The key's policy is managed elsewhere; it must let %s decrypt.", nameAll(check)))
	}
	for _, r := range d.Secret.ReplicaRegions {
		out = append(out, fmt.Sprintf("In %s the copy is encrypted with %s, whose policy must let them decrypt too.", r.Region, orNone(r.KMSKeyARN)))
	}
	return out
}

func statementsOf(d *blueprint.Design) []blueprint.Statement {
	if d.ResourcePolicy == nil {
		return nil
	}
	return d.ResourcePolicy.Statements
}

func sidOf(st blueprint.Statement) string {
	if st.Sid == "" {
		return "A statement with no Sid"
	}
	return "Statement " + st.Sid
}

// whoSentence says whom a statement is about and under which conditions.
func whoSentence(st blueprint.Statement) string {
	verb := "allows"
	if !isAllowEffect(st.Effect) {
		verb = "denies"
	}
	who := "nobody yet"
	switch {
	case st.NotPrincipal != nil:
		who = "everyone except " + orNone(nameAll(principalList(st.NotPrincipal)))
	case st.Principal.IsEveryone():
		who = "everyone"
	case st.Principal != nil && len(principalList(st.Principal)) > 0:
		who = nameAll(principalList(st.Principal))
	}
	out := fmt.Sprintf("%s %s %s", sidOf(st), verb, who)
	if len(st.Condition) > 0 {
		conds := make([]string, len(st.Condition))
		for i, c := range st.Condition {
			conds[i] = fmt.Sprintf("%s %s %s", c.Key, c.Operator, orNone(strings.Join(c.Values, ", ")))
		}
		out += ", only when " + nameAll(conds)
	}
	return out + "."
}

// whatSentence says which actions a statement grants or takes away.
func whatSentence(st blueprint.Statement) string {
	verb := "grants"
	if !isAllowEffect(st.Effect) {
		verb = "denies"
	}
	switch {
	case len(st.NotAction) > 0:
		return fmt.Sprintf("%s %s every action except %s.", sidOf(st), verb, nameAll(st.NotAction))
	case len(st.Action) == 0:
		return fmt.Sprintf("%s names no action yet.", sidOf(st))
	}
	return fmt.Sprintf("%s %s %s.", sidOf(st), verb, nameAll(st.Action))
}

func isAllowEffect(e string) bool { return strings.EqualFold(e, "Allow") }

func principalList(p *blueprint.Principal) []string {
	if p == nil {
		return nil
	}
	return append(append(append([]string{}, p.AWS...), p.Service...), p.Federated...)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

// interval writes a gap between rotations in whole days, or in hours when
// it is shorter than a day or not a whole number of days.
func interval(d time.Duration) string {
	const day = 24 * time.Hour
	if d >= day && d%day == 0 {
		return days(int(d / day))
	}
	h := int((d + time.Hour - 1) / time.Hour)
	if h == 1 {
		return "1 hour"
	}
	return strconv.Itoa(h) + " hours"
}

// learnPane shows LearnReview beside the Review step in --learn mode,
// wrapped to the pane and scrolled with pgup/pgdown like the preview.
func (m *Model) learnPane(width, height int) []string {
	lines := m.learnLines(width)
	out := []string{m.st.paneTitle.Render("Reviewer's notes · pgup/pgdown")}
	for _, l := range lines[paneTop(m.previewTop, len(lines), height):] {
		if len(out) >= height {
			break
		}
		out = append(out, form.Truncate(l, width, "…"))
	}
	return out
}

// learnLines are the reviewer's notes wrapped to width.
func (m *Model) learnLines(width int) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(shownText(LearnReview(m.d, m.report)), "\n"), "\n") {
		if l == "" {
			lines = append(lines, "")
			continue
		}
		body := strings.TrimLeft(l, " ")
		lines = append(lines, form.Wrap(body, width, l[:len(l)-len(body)])...)
	}
	return lines
}

// alertDestination says where an alert goes, as the end of a sentence.
func alertDestination(m blueprint.Monitoring) string {
	switch {
	case m.AlertTopicARN != "":
		return "is sent to the topic " + m.AlertTopicARN
	case strings.TrimSpace(m.AlertEmail) != "":
		return fmt.Sprintf("is mailed to %s the day it happens; that mailbox must confirm the subscription after the first deployment", m.AlertEmail)
	}
	return "goes to a new alert topic that nobody is subscribed to yet: subscribe to it (its ARN is an output) after the first deployment"
}

// nameAll names every item as a phrase ("a, b and c"): the learn pages list
// what the design holds, which the design's own limits keep short.
func nameAll(items []string) string { return blueprint.NameList(items, len(items)) }
