package tui

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/tui/form"
)

// ConnectFunc loads the AWS account the wizard works against. It runs in
// the background, from Init; the wizard works offline while it runs and if
// it fails.
type ConnectFunc func(ctx context.Context) (account.Account, error)

// awsState is the wizard's view of the account: connecting, connected (with
// the identity for the header) or failed, and the review's verification of
// the design at one revision.
type awsState struct {
	connecting bool
	acct       account.Account
	connectErr error

	spin spinner.Model

	// verifying is true while a verification runs; verifiedRev is the
	// revision it is for, so a change to the design starts a new one when
	// the review shows again and a late result for an old design is
	// dropped.
	verifying   bool
	verifiedRev int
	checks      []account.Check
	// verified is the design the checks are about: a later change that
	// the account does not see (the output path, a waiver) leaves them
	// standing for Write's question.
	verified *blueprint.Design
	// env is what the verification learned beyond the design (key
	// policies' answers, the caller as deployer, its organization), as
	// access --aws takes it (account.EnvironmentOf): the review's
	// checklist is judged with it, so the wizard and access agree.
	env    *blueprint.Environment
	cancel context.CancelFunc

	// ctx returns the session's context: every call runs under it, and
	// stop cancels them all once the user quits or the files are written.
	// It is kept behind a func so the model holds no context value, whose
	// internals (parent and children pointing at each other) are nobody's
	// state.
	ctx  func() context.Context
	stop context.CancelFunc

	// lists are the pickers' listings by picker key (pickers.go);
	// loadedSecrets are the existing secrets whose configuration was read.
	lists         map[string]*listing
	loadedSecrets map[string]bool

	// writtenRefused are the verifications that failed for the design
	// that was written anyway: Done repeats them. acceptedRev is one
	// more than the revision whose refusal the user answered "write
	// anyway" (0: none).
	writtenRefused []account.Check
	acceptedRev    int
}

type connectedMsg struct {
	acct account.Account
	err  error
}

type verifiedMsg struct {
	rev    int
	d      *blueprint.Design
	checks []account.Check
	env    *blueprint.Environment
	// resolved are the key aliases the verification looked up where the
	// rotation function needs a key ARN (account.ResolveKeyAliasesWith).
	resolved []account.ResolvedAlias
}

func (m *Model) awsOn() bool { return m.opts.Connect != nil }

// connectCmd starts loading the account, when the caller asked for one.
func (m *Model) connectCmd() tea.Cmd {
	if !m.awsOn() {
		return nil
	}
	m.aws.connecting = true
	m.aws.spin = spinner.New(spinner.WithSpinner(spinner.Dot))
	connect, ctx := m.opts.Connect, m.sessionContext()
	return tea.Batch(m.aws.spin.Tick, func() tea.Msg {
		a, err := connect(ctx)
		return connectedMsg{a, err}
	})
}

// awsMsg handles the account's messages; ok is false for other messages.
func (m *Model) awsMsg(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	if cmd, ok := m.pickerMsg(msg); ok {
		return cmd, true
	}
	switch msg := msg.(type) {
	case connectedMsg:
		m.connected(msg.acct, msg.err)
		return nil, true
	case verifiedMsg:
		if msg.rev == m.rev {
			m.aws.verifying = false
			m.aws.checks, m.aws.verified = msg.checks, msg.d
			m.aws.verifiedRev = msg.rev
			m.aws.env = msg.env
			// An alias where a key ARN is needed becomes the key's ARN,
			// as the verification found it (issue 20, item 9).
			aliases := account.ApplyResolvedAliases(m.d, msg.resolved)
			if m.fillFromPicks() || aliases {
				m.refresh()
			} else {
				// The design is the one verified: only the checklist
				// changes, judged with what the account said, and the
				// verification stands for this revision.
				m.recheck()
			}
			m.settle()
		}
		return nil, true
	case spinner.TickMsg:
		if !m.aws.connecting && !m.aws.verifying && !m.listing() {
			return nil, true
		}
		// The spinner's next frame comes through m.tick, as the
		// preview's debounce does, so tests that drive Update wait for no
		// frame (a frame is 100 ms, and every connection, listing and
		// verification starts the spinner).
		var c tea.Cmd
		m.aws.spin, c = m.aws.spin.Update(msg)
		if c == nil {
			return nil, true
		}
		next := m.aws.spin.Tick
		return m.tick(m.aws.spin.Spinner.FPS, func(time.Time) tea.Msg { return next() }), true
	}
	return nil, false
}

// connected takes the outcome of a connection. An error wins over the
// account: a loader that returns a nil *account.Client with its error
// hands over a non-nil interface holding nil, and using it would panic.
// Whatever the earlier account listed or verified is dropped, since it
// may be another account.
func (m *Model) connected(a account.Account, err error) {
	m.aws.connecting = false
	m.aws.acct, m.aws.connectErr = nil, nil
	switch {
	case err != nil:
		// Only the reason is kept: the model holds no SDK error chain,
		// whose internals are nobody's state.
		m.aws.connectErr = errors.New(account.Reason(err))
	case a == nil:
		m.aws.connectErr = errors.New("no account was loaded")
	}
	if m.aws.connectErr == nil {
		m.aws.acct = account.NewCached(a)
	}
	m.aws.lists, m.aws.loadedSecrets = nil, nil
	m.aws.checks, m.aws.env, m.aws.verifying = nil, nil, false
	m.ed.Forget() // the completions change
}

// accountEnv is what the account said about the design as it stands (nil
// when it has not been verified since its last change): answers about an
// earlier design (the role of a function since replaced, the policy of a
// key no longer named) must not judge this one.
func (m *Model) accountEnv() *blueprint.Environment {
	if m.aws.env == nil || m.aws.verifiedRev != m.rev {
		return nil
	}
	return m.aws.env
}

// offline reports whether the account could not be loaded: every picker
// and verification then works without it, and ctrl+l connects again.
func (m *Model) offline() bool {
	return m.awsOn() && !m.aws.connecting && m.aws.acct == nil && m.aws.connectErr != nil
}

// offlineReason is the one line that says why the account is offline: the
// cause and its fix, as the CLI says them.
func (m *Model) offlineReason() string {
	return shown(m.aws.connectErr.Error())
}

// plainError keeps only an error's text, for the same reason.
func plainError(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(err.Error())
}

// retry is ctrl+l outside a picker's listing: connect again when offline,
// verify again on the review.
func (m *Model) retry() (tea.Cmd, bool) {
	switch {
	case !m.awsOn():
		return nil, false
	case m.aws.connecting:
		return nil, true
	case m.aws.acct == nil:
		return m.connectCmd(), true
	case m.step == stepReview:
		if c, ok := m.aws.acct.(*account.Cached); ok {
			c.Refresh()
		}
		if m.aws.cancel != nil {
			m.aws.cancel()
		}
		m.aws.checks, m.aws.verifying = nil, false
		return nil, true // scheduleVerify starts it
	}
	return nil, false
}

// listing reports whether a picker's listing is on its way.
func (m *Model) listing() bool {
	for _, l := range m.aws.lists {
		if l.loading {
			return true
		}
	}
	return false
}

// sessionContext is the context the account's calls run under.
func (m *Model) sessionContext() context.Context {
	if m.aws.ctx == nil {
		ctx, stop := context.WithCancel(context.Background())
		m.aws.ctx, m.aws.stop = func() context.Context { return ctx }, stop
	}
	return m.aws.ctx()
}

// scheduleAWS starts what the account work needs after a change: the
// focused picker's listing and the review's verification. Once the
// session is over it cancels whatever still runs instead.
func (m *Model) scheduleAWS() tea.Cmd {
	if m.result.Aborted || m.step == stepDone {
		if m.aws.stop != nil {
			m.aws.stop()
		}
		return nil
	}
	return tea.Batch(m.scheduleListings(), m.scheduleVerify())
}

// scheduleVerify starts the verification when the review shows a design
// the account has not verified yet, and cancels one still running when the
// user leaves the review.
func (m *Model) scheduleVerify() tea.Cmd {
	a := m.aws.acct
	if a == nil {
		return nil
	}
	if m.step != stepReview {
		if m.aws.verifying && m.aws.cancel != nil {
			m.aws.cancel()
			m.aws.verifying = false
		}
		return nil
	}
	if m.aws.verifying && m.aws.verifiedRev == m.rev {
		return nil
	}
	if !m.aws.verifying && m.aws.checks != nil && m.aws.verifiedRev == m.rev {
		return nil
	}
	if m.aws.cancel != nil {
		m.aws.cancel()
	}
	ctx, cancel := context.WithCancel(m.sessionContext())
	m.aws.cancel = cancel
	m.aws.verifying, m.aws.verifiedRev, m.aws.env = true, m.rev, nil
	rev, d := m.rev, m.d.Clone()
	return tea.Batch(m.aws.spin.Tick, func() tea.Msg {
		vd, resolved, _ := account.ResolveKeyAliasesWith(ctx, a, d.Clone())
		checks := a.Verify(ctx, vd.Clone())
		env, _ := account.EnvironmentOf(ctx, a, checks)
		return verifiedMsg{rev, d, checks, env, resolved}
	})
}

// awsHeader is the header's account part: who and where, or what is
// happening with the connection.
func (m *Model) awsHeader() string {
	switch {
	case !m.awsOn():
		return ""
	case m.aws.connecting:
		return m.st.hint.Render("  " + m.aws.spin.View() + " connecting to AWS…")
	case m.aws.connectErr != nil:
		// One line: the header is cut at the window's width, so the key
		// that retries comes before the reason.
		return m.st.err.Render("  AWS offline (ctrl+l retries): " + m.offlineReason())
	case m.aws.acct != nil:
		id := m.aws.acct.Identity()
		return m.st.hint.Render(shown(fmt.Sprintf("  %s · %s · %s", id.Account, id.Region, id.ARN)))
	}
	return ""
}

// awsReviewLines is the review's AWS section: the verification, its
// progress, or why there is none.
func (m *Model) awsReviewLines(width int) []string {
	if !m.awsOn() {
		return nil
	}
	out := []string{"", m.st.title.Render("AWS account")}
	switch {
	case m.aws.connecting:
		return append(out, m.st.hint.Render("  "+m.aws.spin.View()+" connecting…"))
	case m.aws.connectErr != nil:
		out = append(out, form.Wrap("not verified, AWS is offline: "+m.offlineReason(), width, "  ")...)
		return append(out, m.st.hint.Render("  ctrl+l connects again"))
	case m.aws.verifying:
		return append(out, m.st.hint.Render("  "+m.aws.spin.View()+" verifying the design against the account…"))
	}
	out[1] += m.st.hint.Render("  " + checkSummary(m.aws.checks) + " · ctrl+l verifies again")
	if len(m.aws.checks) == 0 {
		return append(out, m.st.hint.Render("  nothing in the design names an AWS resource to verify"))
	}
	// What needs attention first, so that a long verification below the
	// fields shows its failures before the passes; passes without
	// findings share one line.
	checks := slices.Clone(m.aws.checks)
	rank := map[account.Status]int{account.StatusFail: 0, account.StatusError: 1, account.StatusPass: 2}
	slices.SortStableFunc(checks, func(a, b account.Check) int { return rank[a.Status] - rank[b.Status] })
	var quiet []string
	for _, c := range checks {
		if c.Status == account.StatusPass && len(c.Findings) == 0 {
			quiet = append(quiet, c.ID)
			continue
		}
		sym, style := "✓", m.st.met
		switch c.Status {
		case account.StatusFail:
			sym, style = "✗", m.st.notMet
		case account.StatusError:
			sym, style = "?", m.st.warn
		}
		label := c.ID
		if c.Status == account.StatusError {
			label += " (could not check)"
		}
		out = append(out, form.Truncate(style.Render("  "+sym+" "+label), width, "…"))
		switch c.Status {
		case account.StatusFail:
			out = append(out, m.problemLines(blueprint.Problem{Path: c.Path, Message: shown(c.Message), Severity: blueprint.SeverityError}, width, "      ", true)...)
		case account.StatusError:
			out = append(out, m.problemLines(blueprint.Problem{Path: c.Path, Message: shown(c.Message), Severity: blueprint.SeverityWarning}, width, "      ", true)...)
		}
		for _, f := range c.Findings {
			out = append(out, form.Wrap(shown(fmt.Sprintf("%s %s: %s", f.Type, f.Code, f.Details)), width, "      ")...)
		}
	}
	if len(quiet) > 0 {
		for _, l := range form.Wrap("✓ "+strings.Join(slices.Compact(quiet), ", "), width, "  ") {
			out = append(out, m.st.met.Render(l))
		}
	}
	return out
}

// accessibleConnect connects line mode to the account, which, asking one
// question at a time, can simply wait for it.
func (a *accessible) connect() {
	if !a.m.awsOn() {
		return
	}
	a.println("Connecting to AWS…")
	acct, err := a.m.opts.Connect(a.ctx)
	a.m.connected(acct, err)
	if a.m.aws.acct == nil {
		a.println("AWS: not connected, working offline: " + a.m.offlineReason())
		return
	}
	id := a.m.aws.acct.Identity()
	a.printf("AWS: account %s, region %s, as %s\n", id.Account, id.Region, id.ARN)
}

// verify prints line mode's verification of the design at the review.
func (a *accessible) verify() {
	acct := a.m.aws.acct
	if acct == nil {
		return
	}
	a.println("")
	a.println("Verifying the design against the AWS account…")
	vd, resolved, _ := account.ResolveKeyAliasesWith(a.ctx, acct, a.m.d.Clone())
	checks := acct.Verify(a.ctx, vd.Clone())
	env, _ := account.EnvironmentOf(a.ctx, acct, checks)
	for _, r := range resolved {
		a.println(shown(pathLabel(r.Path) + ": the alias " + r.Alias + " is the key " + r.KeyARN + "; the templates name the key"))
	}
	// The design takes the key ARNs the checks were made with, so the
	// verification is of the design as it now stands.
	if account.ApplyResolvedAliases(a.m.d, resolved) {
		a.m.refresh()
	}
	a.m.aws.checks, a.m.aws.verifiedRev, a.m.aws.verified, a.m.aws.env = checks, a.m.rev, vd, env
	a.m.recheck()
	a.println(verificationText(checks))
}

// verificationText is the verification as plain lines.
func verificationText(checks []account.Check) string {
	var b strings.Builder
	fmt.Fprintf(&b, "AWS account: %s\n", checkSummary(checks))
	if len(checks) == 0 {
		b.WriteString("  nothing in the design names an AWS resource to verify\n")
	}
	for _, c := range checks {
		st := c.Status.String()
		if c.Status == account.StatusError {
			st = "could not check"
		}
		fmt.Fprintf(&b, "  %s %s: %s: %s\n", st, c.ID, c.Path, shown(c.Message))
		for _, f := range c.Findings {
			fmt.Fprintf(&b, "    %s %s: %s\n", f.Type, f.Code, shown(f.Details))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// checkSummary counts the verification: what could not be checked is its
// own count, neither passed nor failed.
func checkSummary(checks []account.Check) string {
	pass, fail, unchecked := account.Count(checks)
	s := fmt.Sprintf("%d passed · %d failed", pass, fail)
	if unchecked > 0 {
		s += fmt.Sprintf(" · %d could not check", unchecked)
	}
	return s
}

// refusedChecks are the verifications that failed: the account refuses
// the design as it is.
func refusedChecks(checks []account.Check) []account.Check {
	var out []account.Check
	for _, c := range checks {
		// Drift is what a change to a deployed secret is for: the design
		// differing from the account is no reason not to write it.
		if c.Status == account.StatusFail && c.ID != account.CheckDrift {
			out = append(out, c)
		}
	}
	return out
}

// askRefused asks before writing a design the account refuses: one whose
// verification, at this revision, failed. It reports whether it asked;
// the answer writes or goes back. Checks that could not run do not ask,
// since they refuse nothing.
func (m *Model) askRefused() bool {
	refused := m.refusedNow()
	if len(refused) == 0 || m.aws.acceptedRev == m.rev+1 {
		return false
	}
	var lines []string
	for _, c := range refused {
		lines = append(lines, "✗ "+c.ID+": "+shown(oneLine(c.Message)))
	}
	what := "this verification"
	if len(refused) > 1 {
		what = fmt.Sprintf("these %d verifications", len(refused))
	}
	m.open(&dialog{
		id: "refused", title: "The AWS account refuses this design. Write it anyway?",
		desc:    "It fails " + what + ":\n" + strings.Join(lines, "\n") + "\n\nA deployment is likely to fail the same way.",
		choices: []choice{{"write", "Write anyway", "y"}, {"cancel", "Do not write", "n"}},
		value:   "cancel", cancel: "cancel",
		answer: func(v string) tea.Cmd {
			if v == "write" {
				m.aws.acceptedRev = m.rev + 1
				m.write()
				return nil
			}
			m.status = "nothing written: fix what the account refuses (listed under AWS account), then write"
			return nil
		},
	})
	return true
}

// refusedNow are the failed verifications of the design as it is now:
// none while a verification runs or when the design changed since, in
// what the account is asked about.
func (m *Model) refusedNow() []account.Check {
	if m.aws.acct == nil || m.aws.verifying || !sameForAccount(m.aws.verified, m.d) {
		return nil
	}
	return refusedChecks(m.aws.checks)
}

// sameForAccount reports whether two designs ask the account the same:
// equal but for where the files go and the blueprint's waivers, which no
// verification reads.
func sameForAccount(a, b *blueprint.Design) bool {
	if a == nil || b == nil {
		return false
	}
	x, y := a.Clone(), b.Clone()
	x.Output, y.Output = nil, nil
	x.Waivers, y.Waivers = nil, nil
	return reflect.DeepEqual(x, y)
}

// awsDoneLines repeat, on Done, what the account refused in the design
// that was written.
func (m *Model) awsDoneLines(width int) []string {
	if len(m.aws.writtenRefused) == 0 {
		return nil
	}
	out := []string{"", m.st.notMet.Render("Written although the AWS account refuses it:")}
	for _, c := range m.aws.writtenRefused {
		out = append(out, form.Wrap(shown("✗ "+c.ID+": "+oneLine(c.Message)), width, "  ")...)
	}
	return out
}

// awsDoneText is awsDoneLines for line mode.
func (m *Model) awsDoneText() []string {
	if len(m.aws.writtenRefused) == 0 {
		return nil
	}
	out := []string{"Written although the AWS account refuses it:"}
	for _, c := range m.aws.writtenRefused {
		out = append(out, "  FAIL "+c.ID+": "+shown(oneLine(c.Message)))
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
