package workflow

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/store"
)

// Imported is one secret read back from a template, for the wizard to open
// and fix.
type Imported struct {
	// ID is the secret's logical id (CloudFormation) or resource address
	// (Terraform).
	ID string
	// Source is the template or configuration it was read from.
	Source string
	// Design is the secret as read; what could not be read is left empty
	// and listed in Unread.
	Design *blueprint.Design
	// Unread lists the values that could not be read, by design path.
	Unread []Unread
	// Format is the format of the source: written back, the secret keeps
	// it unless the user chooses another.
	Format generate.Format
}

// Unread is one value of a template that cannot be known before
// deployment: its design path, why, and where it is (FILE:LINE).
type Unread struct {
	Path, Reason, At string
}

// Import reads every Secrets Manager secret of an existing CloudFormation
// template or Terraform configuration (a file or a directory) as a design,
// with the values that could not be read, each with the FILE:LINE it is
// at. It is the one reader behind --design-from and the wizard's "Import a
// template", so both open a secret the same way.
func Import(fsys store.FS, path string) ([]Imported, error) {
	fi, err := fsys.Stat(path)
	if err != nil {
		// Said in words, naming the path as typed ("stat t19: no such
		// file or directory" was shown raw on the Start screen).
		return nil, designfile.Describe("read", path, err)
	}
	var res *scan.Result
	format := generate.Terraform
	if fi.IsDir() || scan.IsTerraformFile(filepath.Base(path)) {
		res, err = scan.Terraform(path)
	} else {
		data, rerr := readLimited(path)
		if rerr != nil {
			return nil, rerr
		}
		switch {
		case scan.Sniff(data) == scan.KindDesign:
			// It said "the template has no Resources mapping".
			return nil, fmt.Errorf("%s is a secretsmith design file, not a template: open it with --design %s (Open a design file in the wizard)", path, path)
		case scan.IsTerraformPlan(data):
			// terraform show -json PLANFILE, read as check reads it (it
			// too said "the template has no Resources mapping").
			res, err = scan.TerraformPlan(path, data)
		default:
			res, err = scan.CloudFormation(path, data)
			// JSON is a template that opens as an object; YAML is the rest.
			format = generate.CloudFormation
			if t := bytes.TrimLeft(data, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
				format = generate.CloudFormationJSON
			}
		}
	}
	if err != nil {
		return nil, err
	}
	out := make([]Imported, 0, len(res.Secrets))
	for _, s := range res.Secrets {
		// References kept as ${...} text, and a key the template does
		// not name, are not values to open the wizard with.
		d, unknowns := s.ForImport()
		markTooLong(d, unknowns)
		if d.Secret.ExistingSecretARN == "(unknown)" {
			// The template names the secret by an ARN it cannot know;
			// the wizard asks for it instead.
			d.Secret.ExistingSecretARN = ""
		}
		paths := make([]string, 0, len(unknowns))
		for p := range unknowns {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		unread := make([]Unread, 0, len(paths))
		for _, p := range paths {
			unread = append(unread, Unread{Path: p, Reason: unknowns[p], At: fileLine(s.Locate(p))})
		}
		out = append(out, Imported{ID: s.ID, Source: path, Design: d, Unread: unread, Format: format})
	}
	return out, nil
}

// fileLine is FILE:LINE, the place a marker names: the column adds nothing
// a person looking for the value needs.
func fileLine(p scan.Pos) string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line)
}

// readLimited reads a template named by the user or found in a walk
// through the one bounded reader: a FIFO or device is refused by type
// rather than opened.
func readLimited(path string) ([]byte, error) {
	return designfile.ReadFileMax(path, true, scan.MaxFileSize)
}

// ChoiceError is ImportOne's refusal to guess which secret was meant: the
// template holds several and none was named, or none of the name given.
// IDs lists the secrets it holds.
type ChoiceError struct {
	Path, Resource string
	IDs            []string
}

func (e *ChoiceError) Error() string {
	if e.Resource != "" {
		return fmt.Sprintf("%s has no secret %s; it has %s", e.Path, e.Resource, strings.Join(e.IDs, ", "))
	}
	return fmt.Sprintf("%s holds %d secrets; name one of them: %s", e.Path, len(e.IDs), strings.Join(e.IDs, ", "))
}

// ImportOne is Import of one secret: the one whose logical id or address is
// resource, or the only one when resource is empty. A template without a
// secret is an error; one that leaves the choice open a *ChoiceError.
func ImportOne(fsys store.FS, path, resource string) (*Imported, error) {
	secrets, err := Import(fsys, path)
	if err != nil {
		return nil, err
	}
	if len(secrets) == 0 {
		return nil, fmt.Errorf("%s holds no Secrets Manager secret", path)
	}
	ids := make([]string, len(secrets))
	for i, s := range secrets {
		ids[i] = s.ID
		if s.ID == resource {
			return &secrets[i], nil
		}
	}
	if resource != "" || len(secrets) > 1 {
		return nil, &ChoiceError{Path: path, Resource: resource, IDs: ids}
	}
	return &secrets[0], nil
}

// markTooLong leaves out of d, and marks not read, each number the
// template gives too long to read: the reader has it stand for the
// largest or smallest int, which check judges against the field's range,
// but opened in the wizard it showed 9223372036854775807, a number the
// template does not hold.
func markTooLong(d *blueprint.Design, unknown blueprint.Unknowns) {
	mark := func(path string, n int) bool {
		if n != math.MaxInt && n != math.MinInt {
			return false
		}
		why := "the template gives a whole number too long to read"
		if err := blueprint.ValidateNumber(d, path, n); err != nil {
			why += "; it " + err.Error()
		}
		unknown.Add(path, why)
		return true
	}
	sec := &d.Secret
	if n := sec.RecoveryWindowDays; n != nil && mark("secret.recoveryWindowDays", *n) {
		sec.RecoveryWindowDays = nil
	}
	if g := sec.GenerateSecretString; g != nil && g.PasswordLength != nil && mark("secret.generateSecretString.passwordLength", *g.PasswordLength) {
		g.PasswordLength = nil
	}
	if r := d.Rotation; r != nil && mark("rotation.automaticallyAfterDays", r.AutomaticallyAfterDays) {
		r.AutomaticallyAfterDays = 0
	}
}
