package scan

import (
	"encoding/json"
	"strings"
	"testing"
)

// Issue 22 item 12: the default of a NoEcho parameter is secret; used as
// a name or inside a description, it is not read, so nothing check or
// import shows quotes it.
func TestNoEchoDefaultNotRead(t *testing.T) {
	res := readCFN(t, `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword: {Type: String, NoEcho: true, Default: hunter2-S3cr3t}
  Team: {Type: String, Default: payments}
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Ref DbPassword
      Description: !Sub "copy of ${DbPassword} for ${Team}"
      GenerateSecretString: {PasswordLength: 32}
`)
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want 1", len(res.Secrets))
	}
	s := res.Secrets[0]
	out, err := json.Marshal(struct {
		R *Result
		U any
	}{res, s.Unknown})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "hunter2") || strings.Contains(s.ID, "hunter2") {
		t.Errorf("the NoEcho default is read: %s", out)
	}
	if _, ok := s.Unknown.Covers("secret.secretId"); !ok {
		t.Errorf("the name from a NoEcho parameter is not marked unknown: %v", s.Unknown)
	}
}
