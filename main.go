// Command secretsmith is a terminal design wizard for AWS Secrets Manager
// secrets: it asks about one secret, checks every answer against a security
// blueprint, and writes CloudFormation or Terraform.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
