// Package workflow holds what secretsmith does, apart from how it is asked:
// the use cases the commands and the wizard share, one entry point each.
//
//   - Load reads a design file once (structure, Validate, the blueprint's
//     Check) and places every problem at its line; Loaded.Render renders it
//     with that one report.
//   - Write writes the wizard's output set: the templates and the design
//     file beside them. WriteTemplates is the part 'secretsmith generate'
//     uses.
//   - Import reads the secrets of a CloudFormation template or Terraform
//     configuration as designs for the wizard.
//   - Inspect judges one path for 'secretsmith check': a design file, a
//     template or a configuration, whichever reader fits.
//
// The package knows no flags, exit codes or screens: package main maps its
// errors to exit codes and words them for the command line, and hands its
// functions to the wizard through tui.Options. Files are reached only
// through store.FS, so nothing here touches the process.
package workflow
