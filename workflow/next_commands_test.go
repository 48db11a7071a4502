package workflow

import (
	"regexp"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// commandInWords finds a command written inside a # line of words: the
// name of a tool the next steps run, followed by one of its subcommands.
var commandInWords = regexp.MustCompile(`\b(aws [a-z0-9-]+ [a-z-]+|terraform (init|plan|apply|output)|cd \S+ &&)`)

// Issue 22 item 11 as a class: in every next step of every rotation type
// and format, each command stands on its own line and no # line holds one.
// The PostgreSQLSingleUser first-rotation note wrapped aws secretsmanager
// get-secret-value and rotate-secret inside a sentence (trial 7b, V10).
func TestEveryNextStepCommandStandsAlone(t *testing.T) {
	for _, rt := range blueprint.RotationTypes {
		d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/orders/db",
			Database: &blueprint.Database{Host: "db.example.internal", Username: "app"}},
			Rotation:   &blueprint.Rotation{HostedRotationLambda: &blueprint.HostedRotationLambda{RotationType: rt.Name}},
			Monitoring: blueprint.Monitoring{RotationFailureAlert: new(true), AlertEmail: "ops@example.com"}}
		for _, f := range []generate.Format{generate.Terraform, generate.CloudFormation} {
			next := nextStep(f, "out", d)
			for _, l := range strings.Split(next, "\n") {
				if strings.HasPrefix(l, "#") {
					if m := commandInWords.FindString(l); m != "" {
						t.Errorf("%s %s: %q is inside a sentence: %q", rt.Name, f, m, l)
					}
					continue
				}
				if !commandInWords.MatchString(l) || !strings.HasPrefix(commandInWords.FindString(l), strings.Fields(l)[0]) {
					t.Errorf("%s %s: line %q is neither a # line nor a command", rt.Name, f, l)
				}
			}
		}
	}
}
