package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckPassesGeneratedEndpointDeny: a template secretsmith generated
// never fails its own check. The design names an existing endpoint by id
// and denies outside it; the template cannot record which endpoint the
// function calls through, so rotation-not-blocked cannot be verified on it
// (saying why), and check without --strict exits 0, in every format.
func TestCheckPassesGeneratedEndpointDeny(t *testing.T) {
	design := filepath.Join("testdata", "selfcheck", "endpoint-deny.yaml")
	for _, tc := range []struct{ format, out string }{
		{"cloudformation", "t.yaml"},
		{"cloudformation-json", "t.json"},
		{"terraform", "tf"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tc.out)
			var stdout, stderr bytes.Buffer
			if code := run([]string{"generate", "--format", tc.format, "-o", out, design}, nil, &stdout, &stderr); code != exitOK {
				t.Fatalf("generate: exit %d\n%s", code, stderr.String())
			}
			stdout.Reset()
			stderr.Reset()
			code := run([]string{"check", "--verbose", out}, nil, &stdout, &stderr)
			if code != exitOK {
				t.Errorf("check: exit %d, want 0\n%s%s", code, stdout.String(), stderr.String())
			}
			var line string
			for _, l := range strings.Split(stdout.String(), "\n") {
				if strings.Contains(l, " rotation-not-blocked ") {
					line = l
				}
			}
			if !strings.Contains(line, "CANNOT VERIFY") || !strings.Contains(stdout.String(), "does not record which Secrets Manager endpoint") {
				t.Errorf("rotation-not-blocked: %q, want cannot verify saying what the template does not record\n%s", line, stdout.String())
			}
		})
	}
}
