package blueprint_test

import (
	"reflect"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestWalkCallsLaidOutAsDecided: Check's rules read the walk-through's
// calls where the walk decided them (each reader's verdicts apart from the
// calls every reader makes alike), and a view reads them laid out in
// Calls. Both must be the same calls in the same order, for every
// property design, with the design alone and with the account's answers:
// Design.Walk, Report.Walk (which lays out the walk Check's rules read,
// leaving the report as it was), and the decided walk, through Calls,
// ActorCalls and Failing.
func TestWalkCallsLaidOutAsDecided(t *testing.T) {
	for _, dc := range propertyDesigns(t) {
		for pass := range 2 {
			d := dc.d
			var env *blueprint.Environment
			if pass == 1 {
				env = awsEnvironment(d, d.Walk(nil))
			}
			w := d.Walk(env)
			calls, actorCalls, failing := blueprint.DecidedWalk(d, env)
			if !reflect.DeepEqual(calls, w.Calls) {
				t.Fatalf("%s (pass %d): the decided walk's calls are not the laid-out ones:\n%+v\nwant\n%+v", dc.name, pass, calls, w.Calls)
			}
			if !reflect.DeepEqual(failing, w.Failing()) {
				t.Fatalf("%s (pass %d): Failing differs before the calls are laid out", dc.name, pass)
			}
			for i := range w.Actors {
				if !reflect.DeepEqual(actorCalls(i), w.ActorCalls(i)) {
					t.Fatalf("%s (pass %d): ActorCalls(%d) differs before the calls are laid out", dc.name, pass, i)
				}
			}
			rep := blueprint.CheckWith(d, env)
			if rw := rep.Walk(); !reflect.DeepEqual(rw.Calls, w.Calls) || !reflect.DeepEqual(rep.Walk(), rw) {
				t.Fatalf("%s (pass %d): Report.Walk's calls are not Design.Walk's, or a second Report.Walk differs", dc.name, pass)
			}
		}
	}
}
