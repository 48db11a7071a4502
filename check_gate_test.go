package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckGateEscapes runs check --strict over the corpus in
// testdata/gate, one directory per way a gate was fooled into exit 0
// (issue 21, items 1 to 6). Each case names what must be judged (a secret
// of a file, with a rule's status) and the notices that must be said.
func TestCheckGateEscapes(t *testing.T) {
	type judged struct{ file, secret, rule, status string }
	for _, c := range []struct {
		name    string
		arg     string
		judged  []judged
		notices []string // substrings of a notice's message
		files   []string // files or configurations reported
	}{
		{
			name:   "a directory called as a module by a decoy with count = 0 is judged on its own",
			arg:    "1-decoy/envs",
			judged: []judged{{"1-decoy/envs/prod", "aws_secretsmanager_secret.prod", "customer-managed-key", "failed"}},
		},
		{
			name:    "a root that calls itself is judged, and the call is a notice",
			arg:     "1-self",
			judged:  []judged{{"1-self", "aws_secretsmanager_secret.s", "customer-managed-key", "failed"}},
			notices: []string{"calls itself (1-self -> 1-self)"},
		},
		{
			name: "two directories that call each other are both judged, with notices",
			arg:  "1-mutual",
			judged: []judged{
				{"1-mutual/a", "aws_secretsmanager_secret.a", "customer-managed-key", "failed"},
				{"1-mutual/b", "aws_secretsmanager_secret.b", "customer-managed-key", "failed"},
			},
			notices: []string{"calls itself (a -> b -> a)", "calls itself (b -> a -> b)"},
		},
		{
			name:   "count = 150 is 150 instances: the 121st is judged",
			arg:    "2-count",
			judged: []judged{{"2-count", "aws_secretsmanager_secret.s[120]", "customer-managed-key", "failed"}, {"2-count", "aws_secretsmanager_secret.s[149]", "customer-managed-key", "passed"}},
		},
		{
			name:   "a module for_each over 300 keys is 300 instances",
			arg:    "2-module-for-each",
			judged: []judged{{"2-module-for-each", `module.m["k299"].aws_secretsmanager_secret.s`, "customer-managed-key", "failed"}},
		},
		{
			name: "the spellings of a template cfn-lint reads, .infra/, testdata/ and *.cfn are read",
			arg:  "3-sniff",
			judged: []judged{
				{"3-sniff/quoted.yaml", "Secret", "customer-managed-key", "failed"},
				{"3-sniff/indented.yaml", "Secret", "customer-managed-key", "failed"},
				{"3-sniff/flow.yaml", "Secret", "customer-managed-key", "failed"},
				{"3-sniff/escaped.json", "Secret", "customer-managed-key", "failed"},
				{"3-sniff/.infra/stack.yaml", "Secret", "customer-managed-key", "failed"},
				{"3-sniff/testdata/stack.yaml", "Secret", "customer-managed-key", "failed"},
				{"3-sniff/stack.cfn", "Secret", "customer-managed-key", "failed"},
			},
		},
		{
			name:    "a directory with nothing to check says so",
			arg:     "3-empty",
			notices: []string{"no design file, CloudFormation template or Terraform configuration was found in it"},
		},
		{
			name: "a nested template is judged on its own too, with its own defaults",
			arg:  "4-launder",
			judged: []judged{
				{"4-launder/nested/db.yaml", "Secret", "customer-managed-key", "failed"},
				{"4-launder/decoy.yaml", "Db/Secret", "customer-managed-key", "passed"},
			},
		},
		{
			name:    "a preprocessor's tag is a notice; the rest of the file is read",
			arg:     "5-tags",
			judged:  []judged{{"5-tags/rain.yaml", "Secret", "customer-managed-key", "failed"}},
			notices: []string{"the tag !Rain::Module is not CloudFormation's", "the tag !Include is not CloudFormation's"},
		},
		{
			name:   "references out of the tree are notices; a nested file that is not a template is a notice; the parent is judged",
			arg:    "6-reach/tree",
			judged: []judged{{"6-reach/tree/parent.yaml", "Secret", "customer-managed-key", "failed"}},
			notices: []string{
				"its template ../../../../../../../../etc/passwd is outside",
				"its template /proc/self/environ is outside",
				"its template notes.yaml cannot be read as a template",
				"its source ../../outside is outside",
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			arg := filepath.Join("testdata", "gate", c.arg)
			var out, errb bytes.Buffer
			if code := run([]string{"check", "--strict", "-o", "json", arg}, nil, &out, &errb); code != exitFailure {
				t.Errorf("check --strict %s: exit %d, want %d", arg, code, exitFailure)
			}
			var rep jsonReport
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("decode: %v\n%s\n%s", err, out.String(), errb.String())
			}
			for _, j := range c.judged {
				status := ""
				for _, f := range rep.Files {
					if f.Path != filepath.ToSlash(filepath.Join("testdata", "gate", j.file)) {
						continue
					}
					for _, s := range f.Secrets {
						if s.ID != j.secret {
							continue
						}
						for _, r := range s.Results {
							if r.Rule == j.rule {
								status = r.Status
							}
						}
					}
				}
				if status != j.status {
					t.Errorf("%s %s %s: %q, want %q", j.file, j.secret, j.rule, status, j.status)
				}
			}
			for _, want := range c.notices {
				found := false
				for _, f := range rep.Files {
					for _, n := range f.Notices {
						found = found || strings.Contains(n.Message, want)
					}
				}
				if !found {
					t.Errorf("no notice saying %q", want)
				}
			}
		})
	}
}
