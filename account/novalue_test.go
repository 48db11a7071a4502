package account

import (
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// valueOps are the Secrets Manager operations that return a secret's
// value. They are built from parts so that nothing in this file spells them.
var valueOps = []string{"Get" + "Secret" + "Value", "Batch" + "Get" + "Secret" + "Value"}

// forbiddenIdents returns the identifiers of a Go source that name an
// operation returning a secret's value: a call (sm.X(...)), a method a fake
// declares, a request or response type (XInput, XOutput), a paginator.
// Strings and comments are not identifiers: the IAM action
// "secretsmanager:" + X in a policy, or prose naming the permission, is
// fine.
func forbiddenIdents(src []byte) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	s.Init(file, src, nil, 0)
	var out []string
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok != token.IDENT {
			continue
		}
		// The SDK's names all start with the operation (X, XInput,
		// XOutput, XAPIClient) or with New and it (NewXPaginator); a
		// constant holding the IAM action, such as actionX, is not one.
		name := strings.TrimPrefix(lit, "New")
		for _, op := range valueOps {
			if strings.HasPrefix(name, op) {
				out = append(out, fset.Position(pos).String()+" "+lit)
				break
			}
		}
	}
}

// TestNeverReadsSecretValues scans every Go file of the module, tests and
// fakes included: no identifier names an operation that returns a secret's
// value, so nothing calls one, wraps one or implements one.
func TestNeverReadsSecretValues(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found above account/: %v", err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		files++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for _, hit := range forbiddenIdents(src) {
			t.Errorf("%s:%s: names an operation that reads a secret's value", rel, strings.TrimPrefix(hit, "-"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("walked only %d Go files under %s", files, root)
	}
}

// TestForbiddenIdentsCatches holds the scanner to finding what it is for,
// and to leaving policy strings, prose and action constants alone.
func TestForbiddenIdentsCatches(t *testing.T) {
	op, batch := valueOps[0], valueOps[1]
	for _, bad := range []string{
		"package p\nfunc f() { sm." + op + "(ctx, in) }\n",
		"package p\nfunc (f *fake) " + batch + "(ctx context.Context) {}\n",
		"package p\nvar in = &secretsmanager." + op + "Input{}\n",
		"package p\nvar p = secretsmanager.New" + batch + "Paginator\n",
	} {
		if len(forbiddenIdents([]byte(bad))) == 0 {
			t.Errorf("missed in %q", bad)
		}
	}
	ok := "package p\n// Readers need " + op + " on the secret.\nvar a = \"secretsmanager:" + op + "\"\nvar b = `" + batch + "`\nconst action" + op + " = a\n"
	if got := forbiddenIdents([]byte(ok)); len(got) != 0 {
		t.Errorf("flagged strings or comments: %v", got)
	}
}
