package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

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
	cancel      context.CancelFunc

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
}

type connectedMsg struct {
	acct account.Account
	err  error
}

type verifiedMsg struct {
	rev    int
	checks []account.Check
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
		m.aws.connecting = false
		m.aws.acct, m.aws.connectErr = msg.acct, msg.err
		if msg.acct != nil {
			m.aws.acct = account.NewCached(msg.acct)
		}
		return nil, true
	case verifiedMsg:
		if msg.rev == m.rev {
			m.aws.verifying = false
			m.aws.checks = msg.checks
			m.aws.verifiedRev = msg.rev
		}
		return nil, true
	case spinner.TickMsg:
		if !m.aws.connecting && !m.aws.verifying && !m.listing() {
			return nil, true
		}
		var c tea.Cmd
		m.aws.spin, c = m.aws.spin.Update(msg)
		return c, true
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
	m.aws.verifying, m.aws.verifiedRev = true, m.rev
	rev, d := m.rev, m.d.Clone()
	return tea.Batch(m.aws.spin.Tick, func() tea.Msg {
		return verifiedMsg{rev, a.Verify(ctx, d)}
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
		return m.st.err.Render("  AWS: offline")
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
		return append(out, form.Wrap(shown("not verified: "+m.aws.connectErr.Error()), width, "  ")...)
	case m.aws.verifying:
		return append(out, m.st.hint.Render("  "+m.aws.spin.View()+" verifying the design against the account…"))
	}
	var pass, fail int
	for _, c := range m.aws.checks {
		if c.Status == account.StatusPass {
			pass++
		} else {
			fail++
		}
	}
	out[1] += m.st.hint.Render(fmt.Sprintf("  %d passed · %d failed", pass, fail))
	if len(m.aws.checks) == 0 {
		return append(out, m.st.hint.Render("  nothing in the design names an AWS resource to verify"))
	}
	for _, c := range m.aws.checks {
		sym, style := "✓", m.st.met
		switch c.Status {
		case account.StatusFail:
			sym, style = "✗", m.st.notMet
		case account.StatusError:
			sym, style = "?", m.st.warn
		}
		out = append(out, ansi.Truncate(style.Render("  "+sym+" "+c.ID), width, "…"))
		if c.Status != account.StatusPass {
			out = append(out, m.problemLines(blueprint.Problem{Path: c.Path, Message: shown(c.Message), Severity: blueprint.SeverityError}, width, "      ", true)...)
		}
		for _, f := range c.Findings {
			out = append(out, form.Wrap(shown(fmt.Sprintf("%s %s: %s", f.Type, f.Code, f.Details)), width, "      ")...)
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
	a.m.aws.connecting = false
	if err != nil {
		a.m.aws.connectErr = err
		a.println("AWS: not connected, working offline: " + err.Error())
		return
	}
	a.m.aws.acct = account.NewCached(acct)
	id := acct.Identity()
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
	checks := acct.Verify(a.ctx, a.m.d.Clone())
	a.m.aws.checks, a.m.aws.verifiedRev = checks, a.m.rev
	a.println(verificationText(checks))
}

// verificationText is the verification as plain lines.
func verificationText(checks []account.Check) string {
	var b strings.Builder
	pass := 0
	for _, c := range checks {
		if c.Status == account.StatusPass {
			pass++
		}
	}
	fmt.Fprintf(&b, "AWS account: %d passed, %d failed\n", pass, len(checks)-pass)
	if len(checks) == 0 {
		b.WriteString("  nothing in the design names an AWS resource to verify\n")
	}
	for _, c := range checks {
		fmt.Fprintf(&b, "  %s %s: %s: %s\n", c.Status, c.ID, c.Path, shown(c.Message))
		for _, f := range c.Findings {
			fmt.Fprintf(&b, "    %s %s: %s\n", f.Type, f.Code, shown(f.Details))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
