package scan

import (
	"strings"
	"testing"
)

// TestTemplatePathKeepsTheTemplatesKeys: a finding names a tag key or a
// condition's operator and key as the template wrote them; only the design's
// own field steps become CloudFormation's capitalised property names (a dot
// inside a quoted key, or a key starting in lower case, was upper-cased).
func TestTemplatePathKeepsTheTemplatesKeys(t *testing.T) {
	for _, c := range []struct {
		f          templateFormat
		path, want string
	}{
		{formatCloudFormation, `secret.tags["app.kubernetes.io/name"]`, `Tags["app.kubernetes.io/name"]`},
		{formatCloudFormation, `secret.tags.aws:x`, `Tags.aws:x`},
		{formatCloudFormation, `secret.tags.owner`, `Tags.owner`},
		{formatCloudFormation, `resourcePolicy.statements[0].condition.StringEquals["aws:sourceVpc.x"]`, `ResourcePolicy.Statement[0].Condition.StringEquals["aws:sourceVpc.x"]`},
		{formatCloudFormation, `resourcePolicy.statements[2].condition.StringEquals.aws:sourcevpce[1]`, `ResourcePolicy.Statement[2].Condition.StringEquals.aws:sourcevpce[1]`},
		{formatCloudFormation, `resourcePolicy.statements[0].principal.AWS[1]`, `ResourcePolicy.Statement[0].Principal.AWS[1]`},
		{formatCloudFormation, `resourcePolicy.statements[0].action[0]`, `ResourcePolicy.Statement[0].Action[0]`},
		{formatCloudFormation, `secret.replicaRegions[1].region`, `ReplicaRegions[1].Region`},
		{formatTerraform, `resourcePolicy.statements[0].condition.stringEquals["a.b"]`, `policy.Statement[0].Condition.stringEquals["a.b"]`},
		{formatTerraform, `secret.tags["app.kubernetes.io/name"]`, `tags["app.kubernetes.io/name"]`},
	} {
		if got := templatePath(c.f, c.path); got != c.want {
			t.Errorf("templatePath(%s) = %s, want %s", c.path, got, c.want)
		}
	}
}

// TestCheckQuotesATagKeyAsWritten: the same through a template's check.
func TestCheckQuotesATagKeyAsWritten(t *testing.T) {
	const cfn = `Resources:
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: n
      Tags:
        - {Key: app.kubernetes.io/name, Value: "a\tb"}
        - {Key: aws:x, Value: v}
`
	res, err := CloudFormation("t.yaml", []byte(cfn))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	s := res.Secrets[0]
	for _, p := range s.Problems(s.Check()) {
		got = append(got, p.Path)
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{`Tags["app.kubernetes.io/name"]`, `Tags.aws:x`} {
		if !strings.Contains(all, want) {
			t.Errorf("problems name\n%s\nwant %s among them", all, want)
		}
	}
}
