package workflow

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
	"github.com/secretsmith/secretsmith/store"
)

// memFS holds one file in memory: what a store.FS that is not the disk
// (a test's, the wizard's) gives for it.
type memFS struct {
	store.OS
	path string
	data []byte
}

func (m memFS) ReadDesign(path string) (*designfile.File, error) {
	return designfile.Decode(path, m.data), nil
}

func (m memFS) ReadFile(path string) ([]byte, error) { return m.data, nil }

// Issue 22 (item 5 leftover 8): notADesign read the file it names as a
// template from the disk, not through the store.FS the design was read
// through, so a CloudFormation template given by such a file system (not
// on the disk at that path) kept its dozen structure problems instead of
// the one word of what it is and how to open it.
func TestNotADesignReadsThroughTheFS(t *testing.T) {
	const tmpl = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: !Sub '${AWS::StackName}-db'\n"
	fsys := memFS{path: "nowhere/on/disk/stack.yaml", data: []byte(tmpl)}
	l, err := Load(fsys, fsys.path)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.File.Structure) != 1 || !strings.Contains(l.File.Structure[0].Message, "is a CloudFormation template, not a secretsmith design file") {
		t.Errorf("structure %v, want the one problem naming a CloudFormation template", l.File.Structure)
	}
}
