package main

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"errors"
	"fmt"
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
	syms, err := symbols(bin)
	if err != nil {
		t.Fatalf("read the binary's symbols: %v", err)
	}
	// RunInstances stands for the EC2 operations that account/ never calls.
	evalField := syms["text/template.(*state).evalField"]
	runInstances := syms["github.com/aws/aws-sdk-go-v2/service/ec2.(*Client).RunInstances"]
	if !syms["github.com/aws/aws-sdk-go-v2/service/ec2.(*Client).DescribeSubnets"] {
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

// symbols are the names in an executable's symbol table, read with the
// standard library: go tool nm is not in the Go distribution since Go
// 1.25, and building it on a cold build cache costs some 20 CPU-seconds.
func symbols(path string) (map[string]bool, error) {
	names := map[string]bool{}
	if f, err := elf.Open(path); err == nil {
		defer f.Close()
		syms, err := f.Symbols()
		for _, s := range syms {
			names[s.Name] = true
		}
		return names, err
	}
	if f, err := macho.Open(path); err == nil {
		defer f.Close()
		if f.Symtab == nil {
			return nil, errors.New("no symbol table")
		}
		for _, s := range f.Symtab.Syms {
			names[strings.TrimPrefix(s.Name, "_")] = true
		}
		return names, nil
	}
	f, err := pe.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s is not an ELF, Mach-O or PE executable: %w", path, err)
	}
	defer f.Close()
	for _, s := range f.Symbols {
		names[s.Name] = true
	}
	return names, nil
}
