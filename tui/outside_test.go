package tui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// Issue 22, item 10: a design whose output path is absolute or climbs out
// of its own directory is not written there without a word: the wizard
// asks, naming the path resolved from the root, and no is the default.
// A path inside the design file's directory asks nothing.
func TestWriteOutsideTheDesignDirectoryAsks(t *testing.T) {
	root := filepath.FromSlash("/home/u/work")
	for _, tc := range []struct {
		name, output, resolved string
		asks                   bool
	}{
		{"climbs out", "elsewhere/x.cfn.yaml", filepath.Join(root, "elsewhere", "x.cfn.yaml"), true},
		{"absolute", filepath.FromSlash("/etc/x.cfn.yaml"), filepath.FromSlash("/etc/x.cfn.yaml"), true},
		{"inside", "designs/out/x.cfn.yaml", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var wrote []string
			write := func(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
				wrote = append(wrote, path)
				return Written{Files: []string{path}}, nil
			}
			// As --design gives it: the path from the working directory.
			m := onReview(t, Options{DesignFile: "designs/prod.yaml", Dir: root, Write: write})
			defer m.Close()
			m.d.Output = &blueprint.Output{Format: string(generate.CloudFormation), Path: tc.output}
			m.adoptOutput()
			m.refresh()
			m.focusID("review.write")
			press(t, m, "enter")
			if !tc.asks {
				if m.dialog != nil || !slices.Equal(wrote, []string{tc.output}) {
					t.Fatalf("a path inside the design's directory: dialog %v, wrote %v", m.dialog != nil, wrote)
				}
				return
			}
			if !m.asking("outside") {
				t.Fatalf("writing to %s did not ask:\n%s", tc.output, screen(m))
			}
			s := screen(m)
			contains(t, s, "Write outside the design file's directory?")
			contains(t, s, tc.resolved)
			press(t, m, "enter") // the default
			if len(wrote) != 0 || m.step != stepReview {
				t.Fatalf("the default answer wrote %v (step %q)", wrote, stepText[m.step].title)
			}
			contains(t, screen(m), "nothing written")
			m.focusID("review.write")
			press(t, m, "enter")
			if !m.asking("outside") {
				t.Fatalf("a second write did not ask again")
			}
			press(t, m, "y")
			onStep(t, m, stepDone, "after answering yes")
			if !slices.Equal(wrote, []string{tc.output}) {
				t.Errorf("wrote %v, want %s once", wrote, tc.output)
			}
		})
	}
}

// Line mode asks the same, as a line, and no (the default) writes nothing.
func TestLineModeAsksBeforeWritingOutside(t *testing.T) {
	var wrote []string
	write := func(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
		wrote = append(wrote, path)
		return Written{Files: []string{path}}, nil
	}
	m := onReview(t, Options{DesignFile: "designs/prod.yaml", Dir: filepath.FromSlash("/home/u/work"), Write: write})
	m.d.Output = &blueprint.Output{Format: string(generate.CloudFormation), Path: "../x.cfn.yaml"}
	m.adoptOutput()
	m.refresh()
	var out strings.Builder
	lines := make(chan line, 16)
	// Format, Write to, Reader policies, Overwrite; the default; the same four again; yes.
	for _, l := range []string{"", "", "", "", "", "", "", "", "", "y"} {
		lines <- line{text: l + "\n"}
	}
	a := &accessible{m: m, out: &out, lines: lines, ctx: t.Context()}
	defer a.m.Close()
	if err := a.review(); err != nil {
		t.Fatalf("review: %v\n%s", err, out.String())
	}
	text := out.String()
	contains(t, text, "Write outside the design file's directory?")
	contains(t, text, filepath.FromSlash("/home/u/x.cfn.yaml"))
	contains(t, text, "error: nothing written")
	if a.m.step != stepDone || !slices.Equal(wrote, []string{"../x.cfn.yaml"}) {
		t.Errorf("step %q, wrote %v; want Done after one write to ../x.cfn.yaml", stepText[a.m.step].title, wrote)
	}
}

// Round two's trial: a new design (no design file behind it) asks the same
// question before writing outside the working directory, its base then,
// naming the path resolved from the root; a path inside it asks nothing.
func TestNewDesignWritingOutsideTheWorkingDirectoryAsks(t *testing.T) {
	root := filepath.FromSlash("/home/u/work")
	for _, tc := range []struct {
		name, output, resolved string
		asks                   bool
	}{
		{"climbs out", filepath.FromSlash("../x.cfn.yaml"), filepath.FromSlash("/home/u/x.cfn.yaml"), true},
		{"absolute", filepath.FromSlash("/tmp/x.cfn.yaml"), filepath.FromSlash("/tmp/x.cfn.yaml"), true},
		{"inside", filepath.FromSlash("out/x.cfn.yaml"), "", false},
		{"inside, absolute", filepath.Join(root, "x.cfn.yaml"), "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var wrote []string
			write := func(_ context.Context, _ account.Account, d *blueprint.Design, f generate.Format, path string, force bool, opened string) (Written, error) {
				wrote = append(wrote, path)
				return Written{Files: []string{path}}, nil
			}
			m := onReview(t, Options{Dir: root, Write: write})
			defer m.Close()
			m.focusID("review.output")
			press(t, m, "ctrl+u")
			typeText(t, m, tc.output)
			m.focusID("review.write")
			press(t, m, "enter")
			if !tc.asks {
				if m.dialog != nil || !slices.Equal(wrote, []string{tc.output}) {
					t.Fatalf("a path inside the working directory: dialog %v, wrote %v\n%s", m.dialog != nil, wrote, screen(m))
				}
				return
			}
			if !m.asking("outside") {
				t.Fatalf("writing a new design to %s did not ask:\n%s", tc.output, screen(m))
			}
			s := screen(m)
			contains(t, s, "Write outside the working directory?")
			contains(t, s, tc.resolved)
			press(t, m, "enter") // the default
			if len(wrote) != 0 || m.step != stepReview {
				t.Fatalf("the default answer wrote %v (step %q)", wrote, stepText[m.step].title)
			}
			m.focusID("review.write")
			press(t, m, "enter")
			press(t, m, "y")
			onStep(t, m, stepDone, "after answering yes")
			if !slices.Equal(wrote, []string{tc.output}) {
				t.Errorf("wrote %v, want %s once", wrote, tc.output)
			}
		})
	}
}
