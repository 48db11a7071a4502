package workflow

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
	"github.com/secretsmith/secretsmith/generate"
)

// The # line before the subscription says what to do with ADDRESS: it
// said "subscribe an address (for ADDRESS)", which does not say that the
// next command takes the address in its place (issue 22's third trial).
func TestSubscribeLineSaysWhatADDRESSIs(t *testing.T) {
	d := &blueprint.Design{Version: blueprint.CurrentVersion, Secret: blueprint.Secret{SecretID: "prod/orders/db"}}
	next := nextStep(generate.CloudFormation, "out", d)
	if !strings.Contains(next, "yours in place of ADDRESS\naws sns subscribe ") || strings.Contains(next, "(for ADDRESS)") {
		t.Errorf("next steps:\n%s\nwant the # line to say the address goes in place of ADDRESS", next)
	}
}
