package workflow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/secretsmith/secretsmith/account"
	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/generate"
	"github.com/secretsmith/secretsmith/scan"
	"github.com/secretsmith/secretsmith/store"
)

// Written is what a write did: the files written, in order, the directory
// it had to create ("" when there was one), the command a user runs next,
// and the files of an earlier, interrupted write of the same set that it
// finished before writing (Recovered), which the caller says.
type Written struct {
	Files     []string
	Created   string
	Next      string
	Recovered []string
}

// Target is where and how Write writes a design.
type Target struct {
	// Format and Path: a CloudFormation file, or a directory of Terraform
	// files.
	Format generate.Format
	Path   string
	// Force replaces files that exist.
	Force bool
	// Opened is the design file the wizard was started on, if any: the
	// design is saved back to it, replacing it without Force, since saving
	// the design you opened is what writing means. Otherwise the design
	// file goes beside the templates, as NAME.design.yaml, and an existing
	// one needs Force like any other file.
	Opened string
	// Version is written into the templates' headers.
	Version string
	// ReaderPolicies also writes each reader's IAM identity policy
	// (ReaderPolicies) beside the templates, in the same all-or-nothing
	// set.
	ReaderPolicies bool
	// Account, when set (the wizard connected with --aws), fills the
	// reader policies' account and region, as 'generate --aws' does;
	// nil writes the ACCOUNT_ID and REGION placeholders.
	Account account.Account
}

// Write renders d and writes the output set the wizard finishes with, through
// fsys, the writer 'secretsmith generate' uses: the templates, and the design
// file that makes them again without the wizard, which remembers what was
// written where (its output key). Without Force, files that exist are all
// named at once in a *store.ExistsError before any is written, so the
// wizard can ask once about every one.
func Write(ctx context.Context, fsys store.FS, d *blueprint.Design, t Target) (Written, error) {
	files, err := generate.Render(d, t.Format, generate.Options{Version: t.Version})
	if err != nil {
		return Written{}, err
	}
	var readers []generate.File
	if t.ReaderPolicies {
		if readers, err = ReaderPolicies(ctx, t.Account, d); err != nil {
			return Written{}, err
		}
	}
	designPath := filepath.Join(filepath.Dir(filepath.Clean(t.Path)), d.DisplayName()+".design.yaml")
	designForce := t.Force
	if t.Opened != "" {
		designPath, designForce = t.Opened, true
	}
	// The output key holds the path relative to the design file, so it
	// reads the same wherever the design is opened from.
	saved := d.Clone()
	saved.Output = &blueprint.Output{Format: string(t.Format), Path: designfile.RelativeOutputPath(designPath, t.Path), ReaderPolicies: t.ReaderPolicies}
	design, err := designfile.Save(saved)
	if err != nil {
		return Written{}, err
	}
	if err := replacesDesign(fsys, templateTargets(t.Format, t.Path, files, readers), designPath); err != nil {
		return Written{}, err
	}
	// The design goes in the same set as the templates: all of them or
	// none, across a refusal, a failure (its directory takes no file, the
	// disk is full) or a kill, so templates are never left without the
	// design that made them. Without Force, every file that exists is named
	// at once, after the recovery of an interrupted write of this set.
	return writeTemplates(fsys, d, t.Format, t.Path, files, readers, t.Force, &store.SetFile{Path: designPath, Data: design, Force: designForce})
}

// RecoveryNotice says what the recovery of an interrupted write did
// (Written.Recovered, the files it moved into place), "" when nothing: a
// recovery is never silent. The wizard shows it and generate prints it.
func RecoveryNotice(recovered []string) string {
	if len(recovered) == 0 {
		return ""
	}
	return "an earlier write of these files was interrupted, and secretsmith finished it first: it moved " +
		blueprint.NameList(recovered, len(recovered)) + " into place, so those files hold that write's bytes until this one replaces them"
}

// templateTargets lists the files writing format to path writes: the
// template (or each Terraform file) and the reader policies.
func templateTargets(format generate.Format, path string, files, readers []generate.File) []string {
	var targets []string
	if format == generate.Terraform {
		for _, f := range files {
			targets = append(targets, filepath.Join(path, f.Name))
		}
	} else {
		targets = append(targets, path)
	}
	for _, f := range readers {
		targets = append(targets, filepath.Join(ReaderPolicyDir(format, path), f.Name))
	}
	return targets
}

// replacesDesign refuses, with force too, a target that is the design file
// the templates are made from (design, "" for none), by its path or, when
// it exists, as another name of the same file: writing a template there loses the design,
// or the template under the design saved after it.
func replacesDesign(fsys store.FS, targets []string, design string) error {
	if design == "" {
		return nil
	}
	dfi, derr := fsys.Stat(design)
	for _, p := range targets {
		same := filepath.Clean(p) == filepath.Clean(design)
		if !same && derr == nil {
			if fi, err := fsys.Stat(p); err == nil {
				same = os.SameFile(fi, dfi)
			}
		}
		if same {
			return fmt.Errorf("%s is the design file the templates are made from, and writing a template there would replace it: choose another path for the template", p)
		}
	}
	return nil
}

// StrayFilesError refuses to write Terraform files into a directory that
// holds other .tf files, which terraform plan would read as part of the
// same configuration. Like store.ExistsError it leaves the way to force
// the write to the caller to word.
type StrayFilesError struct {
	Dir   string
	Names []string
}

func (e *StrayFilesError) Error() string {
	return fmt.Sprintf("%s: the directory already holds %s, which terraform plan would merge with these files", e.Dir, strings.Join(e.Names, ", "))
}

// WriteTemplates writes rendered files: CloudFormation to the file at path,
// or Terraform files into the directory at path, and the reader policies
// (generate.ReaderPolicies; none when readers is empty) beside them, in
// ReaderPolicyDir, through the one writer: every target is checked before
// any is written, and a Terraform set, or a template with its reader
// policies, is all or nothing (store.WriteSet's journal). Without force,
// an existing file is a *store.ExistsError and other .tf files in the
// directory a *StrayFilesError. design is the design file the templates
// are made from ("" for none), which no target may be, with force too.
func WriteTemplates(fsys store.FS, d *blueprint.Design, format generate.Format, path string, files, readers []generate.File, force bool, design string) (Written, error) {
	if path == "" {
		return Written{}, errors.New("the output path is empty: give a file (CloudFormation) or a directory (Terraform) to write")
	}
	if err := replacesDesign(fsys, templateTargets(format, path, files, readers), design); err != nil {
		return Written{}, err
	}
	return writeTemplates(fsys, d, format, path, files, readers, force, nil)
}

// writeTemplates is WriteTemplates, with the design file (nil for none)
// written in the same set.
func writeTemplates(fsys store.FS, d *blueprint.Design, format generate.Format, path string, files, readers []generate.File, force bool, design *store.SetFile) (Written, error) {
	created := missingDir(fsys, format, path)
	dir, set, err := outputSet(fsys, d, format, path, files, readers, force)
	if err != nil {
		return Written{}, err
	}
	if design != nil {
		set = append(set, *design)
	}
	w, err := fsys.WriteFiles(dir, set)
	if err != nil {
		return Written{Files: w.Files, Recovered: w.Recovered}, err
	}
	return Written{Files: w.Files, Created: created, Next: nextStep(format, path, d) + readerNote(format, readers), Recovered: w.Recovered}, nil
}

// readerNote is a comment line for the next steps naming the reader
// policies written with placeholders and what fills each in, or "": a
// file the user must edit is never written without a word (trial7a T9).
func readerNote(format generate.Format, readers []generate.File) string {
	var names []string
	var holds []string
	for _, f := range readers {
		ph := blueprint.ReaderPlaceholders(f.Data)
		if len(ph) == 0 {
			continue
		}
		names = append(names, f.Name)
		for _, p := range ph {
			if !slices.Contains(holds, p) {
				holds = append(holds, p)
			}
		}
	}
	if len(names) == 0 {
		return ""
	}
	keyOutput := "SecretKeyArn"
	if format == generate.Terraform {
		keyOutput = "kms_key_arn"
	}
	fill := map[string]string{"REGION": "REGION with the secret's region", "ACCOUNT_ID": "ACCOUNT_ID with its account id",
		"KEY_ID": "KEY_ID with the id of its key (the deployment's output " + keyOutput + " ends in it)"}
	var what []string
	for _, p := range holds {
		what = append(what, fill[p])
	}
	them := "them"
	if len(names) == 1 {
		them = "it"
	}
	return "\n# before attaching " + blueprint.NameList(names, maxNamedReaders) + ", edit " + them + ": replace " + strings.Join(what, ", ")
}

// maxNamedReaders is how many reader policy files the note names.
const maxNamedReaders = 3

// ReaderPolicyDir is the directory the reader policies of a template
// written to path go to: the Terraform directory itself, where they join
// the set of .tf files (Terraform reads only .tf and .tf.json), or the
// directory of the CloudFormation file.
func ReaderPolicyDir(format generate.Format, path string) string {
	if format == generate.Terraform {
		return filepath.Clean(path)
	}
	return filepath.Dir(filepath.Clean(path))
}

// outputSet checks where format goes at path and returns the set to write
// there: the directory its journal goes in (the Terraform directory, or
// the template's), and the templates with their reader policies.
func outputSet(fsys store.FS, d *blueprint.Design, format generate.Format, path string, files, readers []generate.File, force bool) (string, []store.SetFile, error) {
	var set []store.SetFile
	dir := ReaderPolicyDir(format, path)
	if format == generate.Terraform {
		fi, err := fsys.Stat(path)
		if err == nil && !fi.IsDir() {
			return "", nil, fmt.Errorf("%s: Terraform output goes to a directory, and this is a file", path)
		}
		if err != nil {
			// A directory to make: not one named as a file (main.tf).
			if err := blueprint.ValidateFilePath(string(format), path); err != nil {
				return "", nil, fmt.Errorf("%s: %w", path, err)
			}
		}
		if !force {
			if others := otherTerraformFiles(fsys, path, files); len(others) > 0 {
				return "", nil, &StrayFilesError{Dir: path, Names: others}
			}
		}
		for _, f := range files {
			set = append(set, store.SetFile{Path: filepath.Join(dir, f.Name), Data: f.Data, Force: force})
		}
	} else {
		if fi, err := fsys.Stat(path); err == nil && fi.IsDir() {
			// -o . names where to write, not what: the example is the
			// file the design's templates are given when no path is.
			return "", nil, fmt.Errorf("%s: CloudFormation output goes to a file, and this is a directory; give a file in it, such as %s",
				path, filepath.Join(path, d.DefaultOutputPath(string(format))))
		}
		if err := blueprint.ValidateFilePath(string(format), path); err != nil {
			// Refused before any directory is made: a/b/c/ would
			// otherwise create a, b and c and then refuse to write
			// "c/" as a file.
			return "", nil, fmt.Errorf("%s: %w", path, err)
		}
		// Its directory made here, so an error names the file chosen.
		if err := store.MakeDirFor(path); err != nil {
			return "", nil, err
		}
		set = append(set, store.SetFile{Path: path, Data: files[0].Data, Force: force})
	}
	// The reader policies go beside the templates, in the same all or
	// nothing set.
	for _, f := range readers {
		set = append(set, store.SetFile{Path: filepath.Join(dir, f.Name), Data: f.Data, Force: force})
	}
	return dir, set, nil
}

// missingDir is the directory writing format to path will create, or ""
// when it is there already: the Terraform directory itself, or the folder
// of a CloudFormation file. Creating one is said, so a mistyped path does
// not go unnoticed.
func missingDir(fsys store.FS, format generate.Format, path string) string {
	dir := filepath.Dir(filepath.Clean(path))
	if format == generate.Terraform {
		dir = filepath.Clean(path)
	}
	if _, err := fsys.Lstat(dir); err == nil || dir == "." {
		return ""
	}
	return dir
}

// otherTerraformFiles lists the .tf and .tf.json files in dir that are not
// in files: Terraform reads every one of them as one configuration.
func otherTerraformFiles(fsys store.FS, dir string, files []generate.File) []string {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return nil
	}
	ours := map[string]bool{}
	for _, f := range files {
		ours[f.Name] = true
	}
	var others []string
	for _, e := range entries {
		if n := e.Name(); scan.IsTerraformFile(n) && !ours[n] {
			others = append(others, n)
		}
	}
	return others
}

// CheckOutputFlag checks generate's -o value before anything is
// rendered or written. The rules of a remembered output path hold for -o
// too: a newline or escape in it would forge what is printed, and a ~ the
// shell did not expand would make a directory named ~. The error is worded
// for the flag and safe to print.
func CheckOutputFlag(output string) error {
	if output == "" {
		return errors.New("-o is empty: give a file (CloudFormation) or a directory (Terraform) to write, or - for standard output")
	}
	if err := blueprint.ValidateOutputPath(output); err != nil {
		return errors.New("-o " + blueprint.SafeText(err.Error()))
	}
	return nil
}

// WriteStdout writes the files to w in one write. Terraform files are
// joined with a comment naming each one, which keeps the stream a single
// valid configuration.
func WriteStdout(w io.Writer, format generate.Format, files []generate.File) error {
	var buf bytes.Buffer
	for i, f := range files {
		if format == generate.Terraform {
			if i > 0 {
				buf.WriteByte('\n')
			}
			fmt.Fprintf(&buf, "# --- %s ---\n", f.Name)
		}
		buf.Write(f.Data)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// nextStep is the command a user runs after writing.
func nextStep(format generate.Format, path string, d *blueprint.Design) string {
	var step string
	// A design that pins its region is deployed there: Terraform's
	// provider block says so, the AWS CLI's commands must too, or they go
	// to the shell's default region (issue 22's fifth trial: a replica's
	// region, where the primary cannot be).
	region := ""
	if r := d.PrimaryRegion(); r != "" {
		region = " --region " + shellQuote(r)
	}
	if format == generate.Terraform {
		step = fmt.Sprintf("cd %s && terraform init && terraform plan", shellQuote(path))
	} else {
		step = fmt.Sprintf("aws cloudformation deploy --template-file %s --stack-name %s", shellQuote(path), d.DisplayName())
		// Only what the template needs: an unneeded capability is
		// accepted, but it says the stack may create IAM resources.
		if caps := generate.CloudFormationCapabilities(d); len(caps) > 0 {
			step += " --capabilities " + strings.Join(caps, " ")
		}
		step += region
	}
	if generate.SubscribeHint(d, format) != "" {
		// One command per line, so each can be copied whole: the
		// subscription reads the topic's ARN from the deployment's output.
		topic := fmt.Sprintf(`aws cloudformation describe-stacks --stack-name %s --query "Stacks[0].Outputs[?OutputKey=='AlertTopicArn'].OutputValue" --output text`, d.DisplayName()) + region
		if format == generate.Terraform {
			topic = fmt.Sprintf("terraform -chdir=%s output -raw alert_topic_arn", shellQuote(path))
		}
		step += "\n# nobody is subscribed to the alert topic yet: after deploying, subscribe an address with the next command, yours in place of ADDRESS" +
			"\naws sns subscribe --topic-arn \"$(" + topic + ")\" --protocol email --notification-endpoint ADDRESS" + region
	}
	if note := generate.SubscriptionConfirmNote(d); note != "" {
		step += "\n# alerts by mail to " + strings.TrimSpace(d.Monitoring.AlertEmail) + ": " + note
	}
	// A key these templates do not manage (a replica's, a given one) must
	// let the readers decrypt before they can: an edit of its policy, which
	// Done did not name though the Review warned of it (trial8a W8).
	if r, ok := blueprint.Check(d).Result(blueprint.RuleGivenKeyReaders); ok && r.Status == blueprint.StatusNotMet {
		step += "\n# before its readers can decrypt, edit the policy of each key these templates do not manage:"
		for _, f := range r.Findings {
			step += "\n# " + f.Path + ": " + f.Message
		}
	}
	// Words on # lines of their own: glued to the last command after "; ",
	// a pasted line ran "before" as a command (found in the trial); each
	// command on a line of its own, never inside a sentence (item 11).
	for i, l := range d.FirstRotationSteps() {
		switch {
		case l.Command:
			step += "\n" + l.Text + region
		case i == 0:
			step += "\n# before the first rotation: " + l.Text
		default:
			step += "\n# " + l.Text
		}
	}
	return step
}

// shellQuote quotes s for a POSIX shell when it holds anything but the
// characters that never need it.
func shellQuote(s string) string {
	safe := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+=:@,", r)) {
			safe = false
			break
		}
	}
	if safe && s != "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// FileArgHint adds to the wizard's "unknown command" error, when its one
// argument names a file (a new user's 'secretsmith payments-db.yaml'), the
// flags that open a file in the wizard (issue 22's third trial: the error
// named no way to do what was meant).
func FileArgHint(err error, args []string) error {
	if err == nil || len(args) != 1 {
		return err
	}
	switch strings.ToLower(filepath.Ext(args[0])) {
	case ".yaml", ".yml", ".json", ".template", ".tf":
	default:
		return err
	}
	q := shellQuote(args[0])
	return fmt.Errorf("%w; to open a file in the wizard, run secretsmith --design %s (a design file) or secretsmith --design-from %s (a CloudFormation template or Terraform)", err, q, q)
}
