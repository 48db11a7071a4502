// Package scan reads the CloudFormation and Terraform that teams already
// have back into blueprint designs, one per Secrets Manager secret, so that
// 'secretsmith check' judges them with the same rules as a design file and
// the wizard can open them.
//
// Both readers turn a file into one small tree of values with positions
// (value.go): CloudFormation through yaml/v3 nodes, with the short-form
// tags made long (cfn.go, cfn_eval.go), its Fn::ForEach loops expanded
// (cfn_foreach.go) and its nested stacks with a local TemplateURL read with
// the parameters they are given (cfn_nested.go), and Terraform through hclparse,
// evaluating variables, locals, for_each, dynamic blocks and local modules
// with cty (terraform.go, tf_eval.go). Resources that belong to a secret (its
// policy, rotation, attachment, key, endpoint and the EventBridge rules
// that report on it) are joined to it by reference, name or ARN.
//
// What cannot be known before deployment (a parameter without a default, an
// import, a data source, a remote module) is recorded per design path in
// Secret.Unknown, and Secret.Check turns the rules that read it into
// blueprint.StatusCannotVerify: never a pass, never a fail. What a reader
// cannot follow at all (a nested stack in S3, a loop past its cap) is a
// Notice of the Result, which check prints at the resource. A few rules the
// design cannot express (the rotation of a key the template creates, the
// network of its own rotation function, the events its alert rules watch)
// are settled from the resources themselves.
package scan
