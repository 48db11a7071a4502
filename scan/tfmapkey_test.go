package scan

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// Issue 22 (trial7b V12): a tag key built from a value not known
// ("${var.env}-key", the variable without a default) was read as the text
// of the internal marker, "⟦?...⟧-key", a tag key of the design with no
// unread mark. The map's keys are not known: the tags are marked not read,
// and no marker text reaches the design, its unread notes or the report.
func TestTerraformUnknownMapKeyIsNotRead(t *testing.T) {
	src := `variable "env" { type = string }
resource "aws_kms_key" "k" {}
resource "aws_secretsmanager_secret" "s" {
  name = "prod/db"
  tags = {
    owner            = "team"
    env              = var.env
    "${var.env}-key" = "v"
  }
}
resource "aws_secretsmanager_secret" "r" {
  name = "prod/other"
  tags = {
    env                 = var.env
    (aws_kms_key.k.arn) = "v"
  }
}
`
	res := writeTF(t, src)
	if len(res.Secrets) != 2 {
		t.Fatalf("%d secrets, want 2", len(res.Secrets))
	}
	for _, s := range res.Secrets {
		if len(s.Design.Secret.Tags) != 0 {
			t.Errorf("%s: tags %v read, want none (their keys are not known)", s.ID, s.Design.Secret.Tags)
		}
		why, ok := s.Unknown["secret.tags"]
		if !ok {
			t.Errorf("%s: secret.tags not marked not read (unread: %v)", s.ID, s.Unknown)
		}
		noMarkerText(t, s, why)
	}
}

// noMarkerText fails when the internal marker's brackets are anywhere in
// what a read secret gives on: its design file, its unread notes, the
// report of its check.
func noMarkerText(t *testing.T, s *Secret, more ...string) {
	t.Helper()
	data, err := designfile.Save(s.Design)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data) + strings.Join(more, "\n")
	for p, why := range s.Unknown {
		text += p + why
	}
	for _, r := range s.Check().Results {
		text += r.Note
		for _, f := range r.Findings {
			text += f.Path + f.Message
		}
	}
	if strings.ContainsAny(text, markOpen+markClose) {
		t.Errorf("%s: the internal marker's text is given on:\n%s", s.ID, text)
	}
}
