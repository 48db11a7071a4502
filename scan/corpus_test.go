package scan

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// statusNames spells statuses the way the corpus expectations do.
var statusNames = map[string]blueprint.Status{
	"passed": blueprint.StatusMet, "failed": blueprint.StatusNotMet, "waived": blueprint.StatusWaived,
	"n/a": blueprint.StatusNotApplicable, "cannot-verify": blueprint.StatusCannotVerify,
}

// expectation is one "# expect: SECRET RULE STATUS [LINE | FILE:LINE]"
// comment of a corpus file: the secret's rule has that outcome, decided at
// that place.
type expectation struct {
	secret, rule string
	status       blueprint.Status
	file         string
	line         int
	// count, for the line "# expect-secrets: N", is how many secrets the
	// file declares: no extra "(unknown)" ones.
	count int
}

// countOnly is the secret of an expectation that only counts secrets.
const countOnly = "#count"

func readExpectations(t *testing.T, path string) []expectation {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []expectation
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if n, ok := strings.CutPrefix(line, "# expect-secrets: "); ok {
			want, err := strconv.Atoi(strings.TrimSpace(n))
			if err != nil {
				t.Fatalf("bad secret count %q", n)
			}
			out = append(out, expectation{count: want, secret: countOnly})
			continue
		}
		rest, ok := strings.CutPrefix(line, "# expect: ")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) < 3 {
			t.Fatalf("bad expectation %q", rest)
		}
		st, ok := statusNames[f[2]]
		if !ok {
			t.Fatalf("bad status in %q", rest)
		}
		e := expectation{secret: f[0], rule: f[1], status: st}
		if len(f) > 3 {
			loc := f[3]
			if i := strings.LastIndexByte(loc, ':'); i >= 0 {
				e.file, loc = loc[:i], loc[i+1:]
			}
			if e.line, err = strconv.Atoi(loc); err != nil {
				t.Fatalf("bad line in %q", rest)
			}
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		t.Fatalf("%s has no expectations", path)
	}
	return out
}

func checkExpectations(t *testing.T, res *Result, want []expectation) {
	t.Helper()
	byID := map[string]*Secret{}
	var ids []string
	for _, s := range res.Secrets {
		byID[s.ID] = s
		ids = append(ids, s.ID)
	}
	for _, e := range want {
		if e.secret == countOnly {
			if len(res.Secrets) != e.count {
				t.Errorf("%d secrets %v, want %d", len(res.Secrets), ids, e.count)
			}
			continue
		}
		s := byID[e.secret]
		if s == nil {
			t.Errorf("no secret %s; read %v", e.secret, ids)
			continue
		}
		r, _ := s.Check().Result(blueprint.RuleID(e.rule))
		if r.Status != e.status {
			t.Errorf("%s %s: %v, want %v (findings %v, note %q, unknown %v)", e.secret, e.rule, r.Status, e.status, r.Findings, r.Note, s.Unknown)
		}
		if e.line == 0 {
			continue
		}
		at := s.LocateRule(r)
		if at.Line != e.line || (e.file != "" && !strings.HasSuffix(filepath.ToSlash(at.File), e.file)) {
			t.Errorf("%s %s: decided at %s, want line %d %s", e.secret, e.rule, at, e.line, e.file)
		}
	}
}

// TestCorpusCloudFormation runs every hand-written template under
// testdata/cfn against the expectations written in it.
func TestCorpusCloudFormation(t *testing.T) {
	files, _ := filepath.Glob("testdata/cfn/*.yaml")
	if len(files) < 5 {
		t.Fatalf("only %d corpus templates", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := CloudFormation(f, data)
			if err != nil {
				t.Fatal(err)
			}
			checkExpectations(t, res, readExpectations(t, f))
		})
	}
}

// TestCorpusTerraform does the same for each configuration under
// testdata/tf, whose expectations are in its main.tf.
func TestCorpusTerraform(t *testing.T) {
	mains, _ := filepath.Glob("testdata/tf/*/main.tf")
	if len(mains) < 4 {
		t.Fatalf("only %d corpus configurations", len(mains))
	}
	for _, m := range mains {
		t.Run(filepath.Base(filepath.Dir(m)), func(t *testing.T) {
			res, err := Terraform(filepath.Dir(m))
			if err != nil {
				t.Fatal(err)
			}
			checkExpectations(t, res, readExpectations(t, m))
		})
	}
}

// TestCorpusJSON covers the JSON forms, which cannot carry expectation
// comments: a CloudFormation template naming an existing secret by ARN
// with the policy as a JSON string, and a .tf.json configuration.
func TestCorpusJSON(t *testing.T) {
	data, err := os.ReadFile("testdata/cfn/existing-by-arn.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := CloudFormation("existing-by-arn.json", data)
	if err != nil {
		t.Fatal(err)
	}
	const arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:shared/api-AbCdEf"
	checkExpectations(t, res, []expectation{
		{secret: arn, rule: "no-wildcard-actions", status: blueprint.StatusNotMet, line: 10},
		{secret: arn, rule: "rotation-within-30-days", status: blueprint.StatusMet, line: 18},
		{secret: arn, rule: "customer-managed-key", status: blueprint.StatusNotApplicable},
		{secret: arn, rule: "rotation-lambda-in-vpc", status: blueprint.StatusCannotVerify},
	})
	if len(res.Secrets) != 1 || res.Secrets[0].Design.Secret.ExistingSecretARN != arn {
		t.Errorf("policy and rotation should join one existing secret, got %d", len(res.Secrets))
	}

	res, err = Terraform("testdata/tf/json")
	if err != nil {
		t.Fatal(err)
	}
	checkExpectations(t, res, []expectation{
		{secret: "aws_secretsmanager_secret.s", rule: "key-rotation-enabled", status: blueprint.StatusNotMet, line: 4},
		{secret: "aws_secretsmanager_secret.s", rule: "rotation-within-30-days", status: blueprint.StatusMet},
		{secret: "aws_secretsmanager_secret.s", rule: "customer-managed-key", status: blueprint.StatusMet},
	})
	if got := res.Secrets[0].Design.Secret.SecretID; got != "prod/json" {
		t.Errorf("name %q, want prod/json from the variable's default", got)
	}
}

// TestTerraformFileReadWithDirectory holds issue 21 item 9 and issue 22
// item 6: one .tf file is read with its directory, so the variables and
// locals of its sibling files are known, and its own secrets are reported.
func TestTerraformFileReadWithDirectory(t *testing.T) {
	const main = "testdata/tf/split-files/main.tf"
	res, err := Terraform(main)
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != main {
		t.Errorf("path %q, want %q", res.Path, main)
	}
	checkExpectations(t, res, readExpectations(t, main))
	for _, s := range res.Secrets {
		if len(s.Unknown) > 0 {
			t.Errorf("%s: unknown %v; the sibling files fix every value", s.ID, s.Unknown)
		}
	}
	res, err = Terraform("testdata/tf/split-files/locals.tf")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 0 {
		t.Errorf("locals.tf declares no secret, read %d", len(res.Secrets))
	}
}
