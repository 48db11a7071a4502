package main

import (
	"bytes"
	"errors"
	"github.com/secretsmith/secretsmith/store"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const validDesign = `version: 1
secret:
  secretId: prod/x
  generateSecretString: {passwordLength: 32}
  tags: {owner: me}
rotation:
  automaticallyAfterDays: 30
  rotationLambdaArn: arn:aws:lambda:us-east-1:111122223333:function:rot
  rotationLambdaRoleArn: arn:aws:iam::111122223333:role/rot
monitoring: {rotationFailureAlert: true, alertEmail: a@example.com}
`

// designIn writes text as d.yaml in a new temporary directory and returns
// the directory and the file's path.
func designIn(t *testing.T, text string) (dir, design string) {
	t.Helper()
	dir = t.TempDir()
	design = filepath.Join(dir, "d.yaml")
	if err := os.WriteFile(design, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, design
}

// TestRunExitCodes pins the documented exit codes; the scripts in
// testdata/script check the messages.
func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", validDesign)
	invalid := write("invalid.yaml", strings.Replace(validDesign, "secretId", "secretID", 1))
	breaks := write("breaks.yaml", strings.Replace(validDesign, "automaticallyAfterDays: 30", "automaticallyAfterDays: 90", 1))
	existing := write("existing.yaml", "already here\n")

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"no arguments and no terminal points to generate", nil, exitUsage, "", "secretsmith generate"},
		{"version", []string{"version"}, exitOK, "secretsmith ", ""},
		{"--version", []string{"--version"}, exitOK, "secretsmith ", ""},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"unknown flag", []string{"generate", good, "--frob"}, exitUsage, "", "unknown flag: --frob"},
		{"generate without --format", []string{"generate", good}, exitUsage, "", "--format is required"},
		{"generate with a bad format", []string{"generate", good, "-f", "pulumi"}, exitUsage, "", `unknown format "pulumi"`},
		{"generate without a design", []string{"generate", "-f", "terraform"}, exitUsage, "", "exactly one design file"},
		{"generate a valid design", []string{"generate", good, "-f", "cloudformation"}, exitOK, "AWS::SecretsManager::Secret", ""},
		{"generate an invalid design", []string{"generate", invalid, "-f", "terraform"}, exitFailure, "", `unknown key "secretID"`},
		{"generate a design that breaks a rule", []string{"generate", breaks, "-f", "terraform"}, exitFailure, "", "rotation-within-30-days"},
		{"generate over an existing file", []string{"generate", good, "-f", "cloudformation", "-o", existing}, exitFailure, "", "refusing to overwrite"},
		{"generate a missing design", []string{"generate", filepath.Join(dir, "nope.yaml"), "-f", "terraform"}, exitFailure, "", "no such file"},
		// Issue 11, item 21.
		{"generate -f tf", []string{"generate", good, "-f", "tf"}, exitOK, `resource "aws_secretsmanager_secret"`, ""},
		{"generate -f cfn", []string{"generate", good, "-f", "cfn"}, exitOK, "AWS::SecretsManager::Secret", ""},
		{"generate -f cfn-json", []string{"generate", good, "-f", "cfn-json"}, exitOK, `"AWS::SecretsManager::Secret"`, ""},
		{"a usage error points to the subcommand's help", []string{"generate", good, "-f", "pulumi"}, exitUsage, "", "Run 'secretsmith generate --help' for usage."},
		{"completion offers the formats", []string{"__complete", "generate", good, "--format", ""}, exitOK, "terraform\tTerraform", "ShellCompDirectiveNoFileComp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, strings.NewReader(""), &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout = %q, want it to contain %q", stdout.String(), tt.wantStdout)
			}
			if tt.wantStderr == "" && stderr.Len() > 0 || !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr = %q, want %q", stderr.String(), tt.wantStderr)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "already here\n" {
		t.Errorf("existing file was changed to %q", b)
	}
}

// A refused overwrite must leave no temporary files behind.
func TestWriteFileLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "t.yaml")
	if err := store.WriteFile(p, []byte("one"), false); err != nil {
		t.Fatal(err)
	}
	if err := store.WriteFile(p, []byte("two"), false); err == nil {
		t.Fatal("second write without force succeeded")
	}
	if err := store.WriteFile(p, []byte("three"), true); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only t.yaml", len(entries))
	}
	if b, _ := os.ReadFile(p); string(b) != "three" {
		t.Errorf("t.yaml = %q, want three", b)
	}
}

// The release build injects version, commit and date with -ldflags -X.
func TestVersionInjected(t *testing.T) {
	defer func(v, c, d string) { version, commit, date = v, c, d }(version, commit, date)
	version, commit, date = "1.2.3", "abc1234", "2026-11-29T10:00:00Z"
	var out bytes.Buffer
	if code := run([]string{"version"}, strings.NewReader(""), &out, &out); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if want := "secretsmith 1.2.3\ncommit abc1234\nbuilt 2026-11-29T10:00:00Z\n"; out.String() != want {
		t.Errorf("version printed %q, want %q", out.String(), want)
	}
	// goreleaser's placeholders for an untagged build say nothing.
	commit, date = "none", "0001-01-01T00:00:00Z"
	out.Reset()
	run([]string{"version"}, strings.NewReader(""), &out, &out)
	if strings.Contains(out.String(), "none") || strings.Contains(out.String(), "0001") {
		t.Errorf("version printed placeholders: %q", out.String())
	}
	out.Reset()
	run([]string{"--version"}, strings.NewReader(""), &out, &out)
	if out.String() != "secretsmith 1.2.3\n" {
		t.Errorf("--version printed %q", out.String())
	}
}

// fullWriter is standard output on /dev/full.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// Every command reports a failed write of its output and exits 1.
func TestFailedOutputWriteExits1(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte(validDesign), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdouts []io.Writer
	stdouts = append(stdouts, fullWriter{})
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		defer f.Close()
		stdouts = append(stdouts, f)
	}
	for _, stdout := range stdouts {
		for _, args := range [][]string{
			{"check", good},
			{"rules"},
			{"rules", "rotation-within-30-days"},
			{"version"},
			{"--version"},
			{"--help"},
			{"generate", "--help"},
			{"generate", good, "-f", "terraform"},
			{"generate", good, "-f", "cloudformation"},
			{"check", "-o", "json", good},
			{"check", "-o", "sarif", good},
			{"access", good},
			{"access", "-o", "json", good},
		} {
			var stderr bytes.Buffer
			code := run(args, strings.NewReader(""), stdout, &stderr)
			if code != exitFailure || !strings.Contains(stderr.String(), "write standard output") {
				t.Errorf("%T: secretsmith %v: exit %d, stderr %q; want 1 and the write error", stdout, args, code, stderr.String())
			}
			// Said once: a command that returns the failed write does not
			// get it printed a second time.
			if n := strings.Count(stderr.String(), "no space left on device"); n != 1 {
				t.Errorf("%T: secretsmith %v: the write error is printed %d times, want once:\n%s", stdout, args, n, stderr.String())
			}
		}
	}
}

// Usage errors are known by type: cobra's argument errors exit 2, and an
// error a command returns exits 1 whatever its wording.
func TestUsageErrorsByType(t *testing.T) {
	for _, args := range [][]string{{"version", "extra"}, {"completion", "bash", "extra"}, {"nosuch"}, {"check", "--nosuch", "x"}} {
		var stderr bytes.Buffer
		if code := run(args, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != exitUsage {
			t.Errorf("secretsmith %v: exit %d, want %d (%s)", args, code, exitUsage, stderr.String())
		}
	}
	var stderr bytes.Buffer
	st := streams{err: &stderr}
	for _, msg := range []string{"unknown command in the design", "invalid argument to the rotation function", "accepts only JSON"} {
		if code := exitCode(st, nil, errors.New(msg)); code != exitFailure {
			t.Errorf("a command's error %q exits %d, want %d", msg, code, exitFailure)
		}
	}
}
