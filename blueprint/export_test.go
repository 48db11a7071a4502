package blueprint

// DecidedWalk is the walk-through as Check's rules read it: decided, its
// calls not yet laid out in Calls (Walk.cursor reads them where they are).
// Calls, ActorCalls and Failing read it through the same path.
func DecidedWalk(d *Design, env *Environment) (calls []Call, actorCalls func(int) []Call, failing []Call) {
	w := d.walkWith(d.Access(), env)
	cur := w.cursor()
	for c, ac := cur.next(); c != nil; c, ac = cur.next() {
		calls = append(calls, *c)
		calls[len(calls)-1].Actor = ac
	}
	if w.Calls != nil {
		panic("the walk-through laid its calls out before a view asked")
	}
	return calls, w.ActorCalls, w.Failing()
}
