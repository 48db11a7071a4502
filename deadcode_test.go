package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The linker drops the exported methods nobody calls only while no
// reachable code looks methods up by a name it computes (reflect's
// MethodByName, as text/template's field evaluation does). Once one is
// reachable it keeps every exported method of every type converted to an
// interface, and the AWS SDK clients' hundreds of operations with them: the
// binary grew from 23 MB to 69 MB, and the part of it that check maps was
// most of its peak memory over 200 templates (bench/check.sh). cobra's
// templates (SetUsageTemplate, SetHelpTemplate, SetVersionTemplate) are the
// way it comes back.
func TestBinaryKeepsMethodDeadCode(t *testing.T) {
	// The one build of the binary in the tests: the others run the test
	// binary as the program (TestMain). It is a plain build, not the
	// release's -trimpath one: which methods the linker keeps does not
	// depend on the file names recorded, and a plain build reuses every
	// package go test compiled already, where -trimpath compiled them all
	// again (the AWS SDK's EC2 client alone is minutes on a busy machine),
	// which is what made this test hit the 10-minute timeout.
	// The build is work for a core while the package's other parallel
	// tests mostly wait for the processes they start.
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "secretsmith")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	// RunInstances stands for the EC2 operations that account/ never calls.
	var evalField, runInstances bool
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		switch fields[len(fields)-1] {
		case "text/template.(*state).evalField":
			evalField = true
		case "github.com/aws/aws-sdk-go-v2/service/ec2.(*Client).RunInstances":
			runInstances = true
		}
	}
	if !strings.Contains(string(out), "github.com/aws/aws-sdk-go-v2/service/ec2.(*Client).DescribeSubnets") {
		t.Fatal("the EC2 client's DescribeSubnets, which account/ calls, is not among the symbols: this test no longer reads them right")
	}
	if evalField {
		t.Error("text/template's field evaluation is linked in: a cobra template (or another MethodByName with a computed name) is reachable again")
	}
	if runInstances {
		t.Error("the EC2 client keeps RunInstances, which secretsmith never calls: the linker's method dead code elimination is off")
	}
	if fi, err := os.Stat(bin); err == nil {
		t.Logf("binary: %.1f MB", float64(fi.Size())/1e6)
	}
}
