package scan

import "regexp"

// Kind is what a YAML or JSON file holds, as far as check is concerned.
type Kind int

const (
	// KindOther is neither a design file nor a CloudFormation template.
	KindOther Kind = iota
	// KindCloudFormation is a CloudFormation template.
	KindCloudFormation
	// KindDesign is a secretsmith design file.
	KindDesign
)

var (
	cfnMarkRE = regexp.MustCompile(`(?m)^(AWSTemplateFormatVersion|Resources)\s*:|"(AWSTemplateFormatVersion|Resources)"\s*:`)
	// Every design file has a secret section; "version:" alone is any tool's
	// configuration (.goreleaser.yaml, docker-compose.yaml).
	designMarkRE = regexp.MustCompile(`(?m)^secret\s*:`)
)

// Sniff tells a CloudFormation template from a design file by its
// top-level keys, without parsing it.
func Sniff(data []byte) Kind {
	switch {
	case cfnMarkRE.Match(data):
		return KindCloudFormation
	case designMarkRE.Match(data):
		return KindDesign
	}
	return KindOther
}
