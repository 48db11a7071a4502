package blueprint

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Output remembers where the design's templates were last written: the
// format and the path the wizard wrote them to. It says nothing about what
// the templates hold, so generate renders the same bytes with or without
// it; it only chooses where they go when no one says otherwise (the
// wizard's Review step offers it, and 'secretsmith generate' uses it when
// --format is not given).
type Output struct {
	// Format is one of OutputFormats, or one of OutputFormatAliases.
	Format string
	// Path is the file (CloudFormation) or directory (Terraform) to write.
	// A relative path is relative to the directory of the design file.
	// Empty means the name derived from the design.
	Path string
	// ReaderPolicies also writes each reader's IAM identity policy beside
	// the templates (generate's --reader-policies): the wizard's "Reader
	// policies" switch, remembered with the path.
	ReaderPolicies bool
}

// DefaultOutputPath is where the design's templates of format go when no
// path is given: its DisplayName with the format's ending, a file such as
// prod-db.cfn.yaml or prod-db.cfn.json, or for Terraform the directory
// prod-db-terraform.
func (d *Design) DefaultOutputPath(format string) string {
	f, _ := ParseOutputFormat(format)
	switch f {
	case FormatCloudFormationJSON:
		return d.DisplayName() + ".cfn.json"
	case FormatTerraform:
		return d.DisplayName() + "-terraform"
	}
	return d.DisplayName() + ".cfn.yaml"
}

// The output formats, as design files, the wizard and 'generate -f' name
// them. generate's Format constants are these.
const (
	FormatCloudFormation     = "cloudformation"
	FormatCloudFormationJSON = "cloudformation-json"
	FormatTerraform          = "terraform"
)

// OutputFormats lists every output format, in the order help text shows
// them.
var OutputFormats = []string{FormatCloudFormation, FormatCloudFormationJSON, FormatTerraform}

// OutputFormatAliases are the short names ParseOutputFormat also accepts,
// each with the format it stands for, in the order help text shows them.
var OutputFormatAliases = []struct{ Alias, Format string }{
	{"cfn", FormatCloudFormation},
	{"cfn-yaml", FormatCloudFormation},
	{"cfn-json", FormatCloudFormationJSON},
	{"tf", FormatTerraform},
}

// ParseOutputFormat accepts a format name or one of its aliases, in any
// case, and returns the format's name: the one reading of a format, for the
// design file's output.format and every command's --format.
func ParseOutputFormat(s string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, f := range OutputFormats {
		if f == t {
			return f, nil
		}
	}
	for _, a := range OutputFormatAliases {
		if a.Alias == t {
			return a.Format, nil
		}
	}
	aliases := make([]string, len(OutputFormatAliases))
	for i, a := range OutputFormatAliases {
		aliases[i] = a.Alias
	}
	return "", fmt.Errorf("unknown format %q: must be one of %s (or %s)", ShortText(s, 40), strings.Join(OutputFormats, ", "), strings.Join(aliases, ", "))
}

// MaxOutputPathLength is the longest output.path, in bytes: the usual
// PATH_MAX, beyond which no system opens the file anyway.
const MaxOutputPathLength = 4096

// ValidateOutputPath checks a remembered output path: not empty, not "-"
// (standard output is chosen on the command line, never remembered), at
// most MaxOutputPathLength bytes, without control or invisible formatting
// characters (a path is shown on the terminal, and a newline or escape in
// it would forge what is shown), without spaces at either end, which no
// one types on purpose and no one sees, and not starting with ~, which
// only a shell expands.
func ValidateOutputPath(p string) error {
	switch {
	case p == "":
		return errors.New("is empty; give the file or directory to write, or leave the key out")
	case p == "-":
		return errors.New(`cannot be "-": standard output is chosen with 'generate -o -', not remembered`)
	case len(p) > MaxOutputPathLength:
		return fmt.Errorf("is %d bytes long; a path has at most %d", len(p), MaxOutputPathLength)
	case !utf8.ValidString(p):
		return errors.New("is not valid UTF-8")
	case strings.TrimSpace(p) != p:
		return errors.New("starts or ends with a space; remove it")
	case strings.HasPrefix(p, "~"):
		// Only a shell reads ~ as a home directory; written here it
		// would make a directory named ~ where secretsmith runs.
		return errors.New(HomeTildeAdvice(p))
	}
	for _, r := range p {
		if r == '\n' || r == '\t' || NeedsEscape(r) || (r != ' ' && unicode.Is(unicode.Zs, r)) {
			return fmt.Errorf("holds the character %U, which a path shown on a terminal must not; use plain characters", r)
		}
	}
	return nil
}

// HomeTildeAdvice is what to say of path p that starts with ~, which only a
// shell reads as the home directory, whether secretsmith is to write it or
// read it.
func HomeTildeAdvice(p string) string {
	return "starts with ~, which only a shell reads as a home directory; write the path in full, such as /home/you/" + strings.TrimLeft(strings.TrimPrefix(p, "~"), "/")
}

// ValidateFilePath checks the path a CloudFormation template (format
// cloudformation or cloudformation-json) is written to: a file, so a path
// ending in a separator, which names a directory, is refused before any
// directory is made, with a file name of the format's ending as the
// example. Terraform's path is a directory, so one named as a file is
// (main.tf, x.cfn.yaml) is refused the same way: it would be made a
// directory of that name.
func ValidateFilePath(format, p string) error {
	f, err := ParseOutputFormat(format)
	if err != nil {
		return nil
	}
	if f == FormatTerraform {
		dir := strings.TrimRight(p, "/"+string(filepath.Separator))
		name := strings.ToLower(filepath.Base(dir))
		for _, end := range []string{".tf", ".tf.json", ".json", ".yaml", ".yml"} {
			if strings.HasSuffix(name, end) && name != end {
				return fmt.Errorf("Terraform output goes to a directory, and this path ends in %s, as a file's name does; give a directory, such as %s", end, filepath.Join(filepath.Dir(dir), "infra"))
			}
		}
		return nil
	}
	if !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, string(filepath.Separator)) {
		return nil
	}
	example := "secret.cfn.yaml"
	if f == FormatCloudFormationJSON {
		example = "secret.cfn.json"
	}
	return fmt.Errorf("CloudFormation output goes to a file, and this path ends in a separator, so it names a directory; add a file name, such as %s", filepath.Join(p, example))
}

// output checks the output key: a known format and a safe path.
func (v *validator) output() {
	o := v.d.Output
	if o == nil {
		return
	}
	if o.Format == "" {
		v.errorf("output.format", "is empty; give the format the templates were written in (%s)", strings.Join(OutputFormats, ", "))
	} else if _, err := ParseOutputFormat(o.Format); err != nil {
		v.add("output.format", err)
	}
	if o.Path != "" {
		err := ValidateOutputPath(o.Path)
		if err == nil {
			err = ValidateFilePath(o.Format, o.Path)
		}
		v.check(err, func() string { return "output.path" })
	}
}
