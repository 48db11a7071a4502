//go:build unix

package designfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/secretsmith/secretsmith/internal/testwait"
)

// ReadFile refuses special files by type, without opening them (a FIFO
// would block and /dev/zero would never end), refuses oversized files, and
// with follow false refuses symlinks.
func TestReadFileRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxFileSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte("version: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(good, link); err != nil {
		t.Fatal(err)
	}
	zeroLink := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zeroLink); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path   string
		follow bool
		want   error
		says   string
	}{
		{fifo, true, ErrNotRegular, "named pipe"},
		{"/dev/zero", true, ErrNotRegular, "device"},
		{zeroLink, true, ErrNotRegular, "device"},
		{dir, true, ErrNotRegular, "directory"},
		{big, true, ErrTooLarge, "at most 1048576 bytes"},
		{link, false, ErrNotRegular, "symbolic link"},
		{zeroLink, false, ErrNotRegular, "symbolic link"},
	} {
		done := make(chan error, 1)
		go func() { _, err := ReadFile(tc.path, tc.follow); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("ReadFile(%s, follow %v) = %v, want %v saying %q", tc.path, tc.follow, err, tc.want, tc.says)
			}
		case <-time.After(testwait.Left(t)):
			t.Fatalf("ReadFile(%s) blocked", tc.path)
		}
	}
	for _, p := range []string{good, link} {
		if data, err := ReadFile(p, true); err != nil || string(data) != "version: 1\n" {
			t.Errorf("ReadFile(%s) = %q, %v", p, data, err)
		}
	}
}

// Decode parses and validates once and keeps the layers apart: generate,
// check and the wizard each read what they need from one File.
func TestDecodeKeepsStructureAndValidationApart(t *testing.T) {
	f := Decode("d.yaml", []byte("version: 1\nsecret:\n  secretId: 'bad id!'\n  bogus: 1\n"))
	if f.Design == nil || f.Sound() || f.Valid() != nil {
		t.Fatalf("Decode: design %v, sound %v", f.Design, f.Sound())
	}
	if len(f.Structure) != 1 || !strings.Contains(f.Structure[0].Message, "bogus") {
		t.Errorf("Structure = %v, want the unknown key", f.Structure)
	}
	if len(f.Validation.Errors()) == 0 || len(f.Problems) < len(f.Validation) {
		t.Errorf("Validation = %v, Problems = %v", f.Validation, f.Problems)
	}
	if got, want := len(f.Diagnostics()), len(f.Structure)+len(f.Validation); got != want {
		t.Errorf("Diagnostics has %d, want %d", got, want)
	}
	ok := Decode("ok.yaml", []byte("version: 1\nsecret:\n  secretId: prod/x\n  generateSecretString: {passwordLength: 32}\n"))
	if !ok.Sound() || ok.Valid() == nil && len(ok.Validation.Errors()) == 0 {
		t.Errorf("a sound file: %v", ok.Diagnostics())
	}
}
