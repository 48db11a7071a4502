package blueprint

import "strings"

// RulesMarkdown renders the rule set as the Markdown page kept in
// docs/rules.md. The page is generated so that it can never disagree with
// the rules the wizard enforces; a test fails when the two drift apart.
func RulesMarkdown() string {
	var b strings.Builder
	w := func(s ...string) {
		for _, x := range s {
			b.WriteString(x)
		}
		b.WriteByte('\n')
	}

	w("# Blueprint rules")
	w()
	w("<!-- Generated from blueprint/rules.go by `go test ./blueprint -run TestRulesDoc -update`. Do not edit by hand. -->")
	w()
	w("secretsmith checks every design against these rules while you answer the wizard, and again before it ",
		"writes any template. They are the team's idea of a well-built secret, and each one explains why it exists.")
	w()
	w("- An **error** rule must be met, or waived, before templates are written.")
	w("- A **warning** rule is advice: the templates are still written, and the warning is shown until the ",
		"design meets the rule or waives it.")
	w("- A rule can also be **not applicable**: rotation rules say nothing about a secret that does not ",
		"rotate, and key rules say nothing about an existing secret whose key secretsmith does not manage.")
	w()
	w("Scanner checks name the checks of other tools (Checkov, Trivy, Guard, cfn_nag, AWS Config, ",
		"Security Hub) that look at the same thing, so a scanner report can be matched to a rule. ",
		"Where the blueprint is stricter than a scanner, the note says so.")
	w()
	ruleTable(w, rules)
	w()
	w("## Waiving a rule")
	w()
	w("Sometimes a rule does not fit: a legacy application cannot cope with rotation, or a replica must ",
		"use a key another team owns. Record the decision in the design file, with the rule's ID and a ",
		"reason a reviewer can judge:")
	w()
	w("```yaml")
	w("waivers:")
	w("  - rule: rotation-enabled")
	w("    reason: the billing system reads this password from a config file; rotation planned in BILL-142")
	w("```")
	w()
	w("A waived rule is reported as waived, with its findings and your reason, and no longer blocks the ",
		"templates. A waiver for a rule the design meets has no effect.")
	for _, r := range rules {
		ruleSection(w, r)
	}
	w()
	w("# Account rules")
	w()
	w("`secretsmith audit` reads every secret of an AWS account back into a design and checks it with the rules ",
		"above. These rules it adds: only an account can answer them, from what Secrets Manager, Lambda and ",
		"CloudTrail say about the secret as deployed (never its value). A design file can waive them like any other.")
	w()
	deployed := make([]Rule, len(DeployedRules))
	for i, r := range DeployedRules {
		deployed[i] = r.Rule
	}
	ruleTable(w, deployed)
	for _, r := range deployed {
		ruleSection(w, r)
	}
	return b.String()
}

// ruleTable is the page's index of rules.
func ruleTable(w func(...string), rules []Rule) {
	w("| ID | Severity | Title |")
	w("|---|---|---|")
	for _, r := range rules {
		w("| [`", string(r.ID), "`](#", string(r.ID), ") | ", r.Severity.String(), " | ", mdCell(r.Title), " |")
	}
}

// ruleSection is one rule's part of the page.
func ruleSection(w func(...string), r Rule) {
	{
		w()
		w("## ", string(r.ID))
		w()
		w("**", r.Title, "** (", r.Severity.String(), ")")
		w()
		w("**Why it matters.** ", r.Reason)
		w()
		w("**How to meet it.** ", r.Meets)
		w()
		if len(r.Scanners) == 0 {
			w("**Scanner checks.** None; this is a secretsmith rule.")
		} else {
			w("**Scanner checks.**")
			w()
			for _, s := range r.Scanners {
				line := "- " + s.Tool + " `" + s.ID + "`"
				if s.Note != "" {
					line += ": " + s.Note
				}
				w(line)
			}
		}
		w()
		w("**Waiving it.** `waivers: [{rule: ", string(r.ID), ", reason: ...}]`")
	}
}

// mdCell escapes the characters that would end a Markdown table cell.
func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
