package scan

import (
	"bytes"
	"regexp"
)

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
// top-level keys. The common spellings are found without parsing; a file
// that may still be a template in another spelling cfn-lint reads (a
// quoted or indented root, flow style, a key with escapes, a template
// whose only section is a preprocessor's) is parsed and its root keys read.
func Sniff(data []byte) Kind {
	switch {
	case cfnMarkRE.Match(data):
		return KindCloudFormation
	case designMarkRE.Match(data):
		return KindDesign
	}
	if !bytes.Contains(data, []byte("Resources")) && !bytes.Contains(data, []byte("AWSTemplateFormatVersion")) && !bytes.Contains(data, []byte(`\`)) {
		return KindOther
	}
	root, _, err := parseTemplate("sniff", data)
	if err != nil || root.k != kMap {
		return KindOther
	}
	if root.get("Resources") != nil || root.get("AWSTemplateFormatVersion") != nil {
		return KindCloudFormation
	}
	return KindOther
}
