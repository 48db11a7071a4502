// Package generate turns a blueprint design into files: a CloudFormation
// template (YAML or JSON) or a Terraform configuration.
//
// Output is built from typed values, never by pasting strings, so a user's
// text can never escape the value it sits in, and it is written by
// maintained libraries. CloudFormation is an ordered value tree written by
// encoding/json, and for YAML read into a go.yaml.in/yaml/v3 node tree and
// written by its emitter. yaml/v3 rather than goccy/go-yaml (which reads
// design files) for correctness: its libyaml emitter escapes any string
// inside double quotes and writes a key that cannot be implicit (a line
// break, over 128 characters) as an explicit ? key, where goccy left tabs and
// line breaks in plain scalars, even in keys; the two measured about as fast.
// Which strings may go plain stays secretsmith's rule (yamlPlainSafe), as
// YAML 1.1 readers such as cfn-lint take yes, no, on and off for booleans.
//
// Terraform is an hclwrite.File built through Body, SetAttributeValue and
// SetAttributeRaw, with hclwrite tokens for references and expressions, laid
// out by hclwrite's formatter once per file (File.Bytes; tfFormat says why
// not a second hclwrite.Format). Waivers go where blueprint's rule knowledge
// says (Rule.Concerns, ScannerCheck.Reads). The same design gives the same
// bytes on every run and every machine.
package generate

import (
	"errors"
	"fmt"

	"github.com/secretsmith/secretsmith/blueprint"
)

// Format is an output format.
type Format string

// The formats secretsmith writes: blueprint's output formats, which the
// design file's output.format names too.
const (
	CloudFormation     Format = blueprint.FormatCloudFormation
	CloudFormationJSON Format = blueprint.FormatCloudFormationJSON
	Terraform          Format = blueprint.FormatTerraform
)

// Formats lists every format, in the order help text shows them.
var Formats = []Format{CloudFormation, CloudFormationJSON, Terraform}

// ParseFormat accepts a format name or one of blueprint's
// OutputFormatAliases, in any case, so every command that takes a format,
// and the design file's output.format, take the same spellings.
func ParseFormat(s string) (Format, error) {
	f, err := blueprint.ParseOutputFormat(s)
	return Format(f), err
}

// Template is the kind of template f writes, as blueprint's rules and
// ValidateFor know it.
func (f Format) Template() blueprint.Template {
	switch f {
	case CloudFormation, CloudFormationJSON:
		return blueprint.CloudFormationTemplate
	case Terraform:
		return blueprint.TerraformTemplate
	}
	return blueprint.DeployedOnly
}

// File is one generated file. Name is relative: a bare file name.
type File struct {
	Name string
	Data []byte
}

// Options are the settings that are not part of the design.
type Options struct {
	// Version is the secretsmith version written into headers.
	Version string
}

// ErrBlocked is wrapped by Render's error when the design breaks an
// error-level rule that is not waived.
var ErrBlocked = errors.New("design breaks blueprint rules that are not waived")

// Render validates the design for the format (blueprint.Design.ValidateFor:
// a CloudFormation stack cannot create a replica region's key, say), checks
// it against the blueprint, and renders it. It refuses (returning
// blueprint.Problems) when the design has errors or breaks an error-level
// rule that is not waived: secretsmith never writes a template it would
// itself reject.
func Render(d *blueprint.Design, f Format, opts Options) ([]File, error) {
	if ps := d.ValidateFor(f.Template()).Errors(); len(ps) > 0 {
		return nil, ps
	}
	return RenderChecked(d, blueprint.Check(d), f, opts)
}

// RenderChecked is Render for a caller that has validated the design for
// the format already and holds its report, blueprint.Check(d), as
// 'secretsmith generate' does after reading the file: the design is then
// validated and checked once, not twice. It still refuses a report with
// blocking findings, so nothing the blueprint rejects is written.
func RenderChecked(d *blueprint.Design, report blueprint.Report, f Format, opts Options) ([]File, error) {
	if blocking := report.Blocking(); len(blocking) > 0 {
		var ps blueprint.Problems
		for _, fd := range blocking {
			ps = append(ps, blueprint.Problem{Path: fd.Path, Severity: blueprint.SeverityError, Message: fd.Message, Rule: string(fd.Rule)})
		}
		return nil, fmt.Errorf("%w:\n%w", ErrBlocked, ps)
	}
	p := newPlan(d, report, opts)
	switch f {
	case CloudFormation:
		return renderCloudFormation(p, false)
	case CloudFormationJSON:
		return renderCloudFormation(p, true)
	case Terraform:
		return renderTerraform(p)
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

// plan holds what both writers derive from a design, so CloudFormation and
// Terraform make the same choices.
type plan struct {
	d         *blueprint.Design
	report    blueprint.Report
	opts      Options
	partition blueprint.PartitionInfo
	// createKey is true when secretsmith creates the secret's key.
	createKey bool
	// rotationType is set when a hosted rotation Lambda is used.
	rotationType *blueprint.RotationType
	// lambdaName is the hosted rotation function's name.
	lambdaName string
}

func newPlan(d *blueprint.Design, report blueprint.Report, opts Options) *plan {
	p := &plan{d: d, report: report, opts: opts}
	p.partition, _ = blueprint.LookupPartition(d.Partition())
	p.createKey = d.CreatesKey()
	if r := d.Rotation; r != nil && r.HostedRotationLambda != nil {
		if rt, ok := blueprint.LookupRotationType(r.HostedRotationLambda.RotationType); ok {
			p.rotationType = &rt
		}
		p.lambdaName = r.HostedRotationLambda.RotationLambdaName
		if p.lambdaName == "" {
			p.lambdaName = d.SuggestedRotationLambdaName()
		}
	}
	return p
}

// recordedEndpoint is the hosted rotation function's endpoint the template
// records in its header (blueprint.HostedRotationLambda.RecordedEndpoint),
// or "".
func (p *plan) recordedEndpoint() string {
	if r := p.d.Rotation; r != nil {
		return r.HostedRotationLambda.RecordedEndpoint()
	}
	return ""
}

// version is the secretsmith version for headers.
func (p *plan) version() string {
	if p.opts.Version == "" {
		return "devel"
	}
	return p.opts.Version
}

// rulesMet and rulesWaived list rule results for headers and metadata.
func (p *plan) rulesMet() []string {
	var ids []string
	for _, r := range p.report.Results {
		if r.Status == blueprint.StatusMet {
			ids = append(ids, string(r.Rule.ID))
		}
	}
	return ids
}

func (p *plan) rulesWaived() []blueprint.RuleResult {
	var out []blueprint.RuleResult
	for _, r := range p.report.Results {
		if r.Status == blueprint.StatusWaived {
			out = append(out, r)
		}
	}
	return out
}
