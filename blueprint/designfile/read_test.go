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

// TestWithDesign: a sound file holding a changed design (the key ARN --aws
// found for an alias) is validated again, its problems placed where the
// file's fields are; the file itself is left as it was.
func TestWithDesign(t *testing.T) {
	src := []byte(`version: 1
secret:
  secretId: prod/app/db
  region: us-east-1
  kmsKeyArn: alias/app
  tags: {owner: app}
` + hostedRotation)
	f := Decode("d.yaml", src) // line 9 is hostedRotation's hostedRotationLambda
	if f.Valid() != nil || len(f.Validation) != 1 || f.Validation[0].Path != "rotation.hostedRotationLambda.kmsKeyArn" || f.Validation[0].Line != 9 {
		t.Fatalf("Decode: valid %v, validation %+v; want the alias error, placed at hostedRotationLambda (line 9)", f.Valid() != nil, f.Validation)
	}
	d := f.Design.Clone()
	for _, k := range d.KeyAliasFields() {
		k.Set("arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")
	}
	g := f.WithDesign(d)
	if g.Valid() != d || len(g.Validation) != 0 {
		t.Errorf("WithDesign: valid %v, validation %+v; want the resolved design and no problem", g.Valid() != nil, g.Validation)
	}
	if f.Valid() != nil || len(f.Validation) != 1 {
		t.Errorf("WithDesign changed the file it was called on")
	}
	d.Secret.SecretID = "bad id"
	if h := f.WithDesign(d); len(h.Validation) != 1 || h.Validation[0].Path != "secret.secretId" || h.Validation[0].Line != 3 {
		t.Errorf("WithDesign of an invalid design: %+v, want the secretId problem at line 3", h.Validation)
	}
	broken := Decode("b.yaml", []byte("version: 1\nsecret: [\n"))
	if broken.WithDesign(d) != broken {
		t.Errorf("WithDesign of a file that is not sound must return it as it is")
	}
}
