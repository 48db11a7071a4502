package scan

import (
	"cmp"
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/secretsmith/secretsmith/blueprint"
)

// tfNode is one block of a module's reference graph: a local value, a
// resource, a data source or an ephemeral resource, with the expressions
// whose references are its edges.
type tfNode struct {
	addr  string // "local.a", "aws_secretsmanager_secret.s", "data.t.n"
	at    hcl.Range
	exprs []hcl.Expression
}

// referenceCycle returns the configuration error Terraform's "Cycle: …"
// is when the locals and blocks of the module refer to each other in a
// cycle (or one to itself), nil when they do not. Terraform refuses to
// plan such a configuration, so judging it would judge what is never
// deployed. The cycle is named from its first block in the files, at
// that block, with at most a few names and a count of the rest.
func (m *tfModule) referenceCycle(blocks []tfBlock, calls []moduleCall) error {
	nodes, _, edges := m.referenceGraph(blocks, calls)
	const (
		todo = iota
		busy
		done
	)
	state := make([]int, len(nodes))
	place := make([]int, len(nodes)) // a busy node's index on stack
	var stack []int
	var cycle []int
	var visit func(i int)
	visit = func(i int) {
		state[i], place[i] = busy, len(stack)
		stack = append(stack, i)
		for _, j := range edges[i] {
			if cycle != nil {
				return
			}
			switch state[j] {
			case busy:
				cycle = slices.Clone(stack[place[j]:])
				return
			case todo:
				visit(j)
			}
		}
		stack = stack[:len(stack)-1]
		state[i] = done
	}
	for i := range nodes {
		if state[i] == todo && cycle == nil {
			visit(i)
		}
	}
	if cycle == nil {
		return nil
	}
	// Start at the cycle's first block in the files (nodes are in file
	// order, so the smallest index), keeping the order of references.
	first := slices.Index(cycle, slices.Min(cycle))
	cycle = append(cycle[first:], cycle[:first]...)
	names := make([]string, len(cycle))
	for i, c := range cycle {
		names[i] = nodes[c].addr
	}
	msg := names[0] + " refers to itself"
	if len(names) > 1 {
		msg = blueprint.NameList(names, maxDanglingShown) + " refer to each other in a cycle"
	}
	return &SyntaxError{rangePos(nodes[cycle[0]].at), msg + ", so Terraform refuses to plan the configuration (Cycle): break the cycle"}
}

// referencedNode is the graph address a reference's names lead to:
// "local.a" for local.a, "data.t.n" for data.t.n.id, "t.n" for t.n.arn,
// "module.m.output.o" for module.m.o. Other roots (var, path, each,
// count, self, terraform) name no node of the module's graph: what they
// give is in no index.
func referencedNode(parts []string) string {
	switch {
	case len(parts) < 2:
		return ""
	case parts[0] == "local":
		return "local." + parts[1]
	case parts[0] == "module":
		if len(parts) < 3 {
			return ""
		}
		return "module." + parts[1] + ".output." + parts[2]
	case parts[0] == "data" || parts[0] == "ephemeral":
		if len(parts) < 3 {
			return ""
		}
		return parts[0] + "." + parts[1] + "." + parts[2]
	}
	return parts[0] + "." + parts[1]
}

// bodyExprs lists the expressions of a block's body, nested blocks
// included (a .tf.json body's nested blocks are attributes of it).
func bodyExprs(body hcl.Body) []hcl.Expression {
	var out []hcl.Expression
	if sb, ok := body.(*hclsyntax.Body); ok {
		_ = hclsyntax.VisitAll(sb, func(n hclsyntax.Node) hcl.Diagnostics {
			if a, ok := n.(*hclsyntax.Attribute); ok {
				out = append(out, a.Expr)
			}
			return nil
		})
		return out
	}
	if attrs, diags := body.JustAttributes(); !diags.HasErrors() {
		for _, a := range attrs {
			out = append(out, a.Expr)
		}
	}
	return out
}

// referenceGraph builds the module's reference graph: its locals and
// blocks, and for each module call followed (in calls) a node per input
// ("module.m.var.n", the call's argument) and per output of the child
// ("module.m.output.out", leading to the inputs its value reads), as
// Terraform's graph has. Nodes are in file order, edges by index.
func (m *tfModule) referenceGraph(blocks []tfBlock, calls []moduleCall) (nodes []*tfNode, index map[string]int, edges [][]int) {
	index = map[string]int{}
	add := func(n *tfNode) {
		if _, dup := index[n.addr]; dup {
			return
		}
		index[n.addr] = len(nodes)
		nodes = append(nodes, n)
	}
	for name, a := range m.locals {
		add(&tfNode{addr: "local." + name, at: a.NameRange, exprs: []hcl.Expression{a.Expr}})
	}
	for _, tb := range blocks {
		addr := tb.b.Labels[0] + "." + tb.b.Labels[1]
		if tb.b.Type != "resource" {
			addr = tb.b.Type + "." + addr
		}
		add(&tfNode{addr: addr, at: tb.b.DefRange, exprs: bodyExprs(tb.b.Body)})
	}
	// An output leads to the inputs it reads: its node's edges are made
	// below from outs, not from expressions of this module.
	outs := map[int][]string{}
	for _, call := range calls {
		child := m.children[call.name]
		for _, c := range m.keyed[call.name] {
			child = c
			break
		}
		if child == nil {
			continue
		}
		for k, a := range blockAttrs(call.block.Body) {
			switch k {
			case "source", "version", "providers", "depends_on", "for_each", "count":
				continue
			}
			add(&tfNode{addr: "module." + call.name + ".var." + k, at: a.NameRange, exprs: []hcl.Expression{a.Expr}})
		}
		for o, vs := range child.outputVars() {
			addr := "module." + call.name + ".output." + o
			add(&tfNode{addr: addr, at: call.block.DefRange})
			for _, v := range vs {
				outs[index[addr]] = append(outs[index[addr]], "module."+call.name+".var."+v)
			}
		}
	}
	// Visit in file order, so the cycle reported is the same every run.
	order := slices.Clone(nodes)
	slices.SortStableFunc(order, func(a, b *tfNode) int {
		return cmp.Or(cmp.Compare(a.at.Filename, b.at.Filename), cmp.Compare(a.at.Start.Byte, b.at.Start.Byte))
	})
	renum := make([]int, len(nodes))
	for i, n := range order {
		renum[index[n.addr]] = i
	}
	remapped := map[int][]string{}
	for i, vs := range outs {
		remapped[renum[i]] = vs
	}
	nodes = order
	for i, n := range nodes {
		index[n.addr] = i
	}
	edges = make([][]int, len(nodes))
	for i, n := range nodes {
		for _, e := range n.exprs {
			for _, tr := range e.Variables() {
				if j, ok := index[referencedNode(traversalParts(tr))]; ok {
					edges[i] = append(edges[i], j)
				}
			}
		}
		for _, v := range remapped[i] {
			if j, ok := index[v]; ok {
				edges[i] = append(edges[i], j)
			}
		}
	}
	return nodes, index, edges
}

// outputVars lists, per output of the module, the variables its value
// reads through its locals and blocks (a grandchild module's outputs are
// not followed, so a cycle through one is not seen: never one that is
// not there). The graph is built once for all outputs.
func (m *tfModule) outputVars() map[string][]string {
	nodes, index, edges := m.referenceGraph(m.blocks, nil)
	out := map[string][]string{}
	for name, a := range m.outputs {
		seen := make([]bool, len(nodes))
		vars := map[string]bool{}
		var walk func(e hcl.Expression)
		var visit func(i int)
		walk = func(e hcl.Expression) {
			for _, tr := range e.Variables() {
				parts := traversalParts(tr)
				if len(parts) > 1 && parts[0] == "var" {
					vars[parts[1]] = true
				} else if j, ok := index[referencedNode(parts)]; ok {
					visit(j)
				}
			}
		}
		visit = func(i int) {
			if seen[i] {
				return
			}
			seen[i] = true
			for _, e := range nodes[i].exprs {
				walk(e)
			}
			for _, j := range edges[i] {
				visit(j)
			}
		}
		walk(a.Expr)
		out[name] = slices.Sorted(maps.Keys(vars))
	}
	return out
}
