// Package hostile writes the inputs that once hung or exhausted
// 'secretsmith check' (issue 21): Terraform whose values grow without
// bound, loops that multiply, a large CloudFormation template and many
// nested stacks pointing at it. The benchmark in bench/ times them and the
// scan fuzz targets start from them.
package hostile

import (
	"fmt"
	"strings"
)

// Input is one hostile case: files by path relative to its directory, and
// the path check is given.
type Input struct {
	Name  string
	Arg   string
	Files map[string]string
}

// Inputs are the hostile cases, in a fixed order.
func Inputs() []Input {
	return []Input{
		localsDoubling(), formatWidth(), tripleFor(), nestedDynamic(), flattenChain(),
		forEach(2000), bigTemplate(), nestedStacks(200),
	}
}

func tf(name, body string) Input {
	return Input{Name: name, Arg: name, Files: map[string]string{name + "/main.tf": body}}
}

// doubling is a chain of 40 locals, each built from the one before twice
// (step formats local N from N-1), and a secret reading the last (use
// formats the attribute from the last one's name).
func doubling(name, first, step, use string) Input {
	var b strings.Builder
	b.WriteString("locals {\n  " + first + "\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  "+step+"\n", i, i-1, i-1)
	}
	b.WriteString("}\n\nresource \"aws_secretsmanager_secret\" \"s\" {\n  name = \"s\"\n  " + use + "\n}\n")
	return tf(name, b.String())
}

// localsDoubling: a 1.5 KB chain of locals, each twice the one before.
func localsDoubling() Input {
	return doubling("tf-locals-doubling", `a0 = "xxxxxxxx"`, `a%d = "${local.a%d}${local.a%d}"`, "description = local.a40")
}

// formatWidth: one call asking for a string of a billion spaces.
func formatWidth() Input {
	return tf("tf-format-width", `resource "aws_secretsmanager_secret" "s" {
  name        = "s"
  description = format("%0999999999s", "a")
}
`)
}

func items(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%q", fmt.Sprintf("i%04d", i))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// tripleFor: three nested for expressions over 200 items, 8 million values.
func tripleFor() Input {
	return tf("tf-triple-for", `locals {
  l = `+items(200)+`
  t = flatten([for a in local.l : [for b in local.l : [for c in local.l : "${a}${b}${c}"]]])
}

resource "aws_secretsmanager_secret" "s" {
  name = "s"
  tags = { n = length(local.t) }
}
`)
}

// nestedDynamic: a dynamic block over 999 items holding another over 999.
func nestedDynamic() Input {
	return tf("tf-nested-dynamic", `locals {
  l = `+items(999)+`
}

resource "aws_secretsmanager_secret" "s" {
  name = "s"
  dynamic "replica" {
    for_each = local.l
    content {
      region = replica.value
      dynamic "inner" {
        for_each = local.l
        content {
          v = "${replica.value}-${inner.value}"
        }
      }
    }
  }
}
`)
}

// flattenChain: each list is the one before twice over, 40 times.
func flattenChain() Input {
	return doubling("tf-flatten-chain", `l0 = ["a", "b"]`, "l%d = flatten([local.l%d, local.l%d])", "tags = { n = length(local.l40) }")
}

// forEach: n secrets from one for_each, each with a policy and a rotation
// that find it by reference.
func forEach(n int) Input {
	return tf(fmt.Sprintf("tf-for-each-%d", n), `locals {
  names = `+items(n)+`
}

resource "aws_secretsmanager_secret" "s" {
  for_each = toset(local.names)
  name     = "app/${each.key}"
}

resource "aws_secretsmanager_secret_policy" "p" {
  for_each   = toset(local.names)
  secret_arn = aws_secretsmanager_secret.s[each.key].arn
  policy     = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "secretsmanager:GetSecretValue", Resource = "*" }] })
}
`)
}

// bigTemplate: one CloudFormation template of about 2.3 MB with 14,000
// secrets.
func bigTemplate() Input {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n")
	for i := range 14000 {
		fmt.Fprintf(&b, "  Secret%05d:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: app/%05d\n      Description: secret %05d of the service\n", i, i, i)
		fmt.Fprintf(&b, "      Tags: [{Key: team, Value: payments}]\n")
	}
	return Input{Name: "cfn-14000-secrets", Arg: "cfn-14000-secrets/big.yaml", Files: map[string]string{"cfn-14000-secrets/big.yaml": b.String()}}
}

// nestedStacks: a template with n nested stacks, every one the big
// template.
func nestedStacks(n int) Input {
	big := bigTemplate()
	var b strings.Builder
	b.WriteString("Resources:\n")
	for i := range n {
		fmt.Fprintf(&b, "  Stack%03d:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: big.yaml\n", i)
	}
	return Input{Name: fmt.Sprintf("cfn-%d-nested", n), Arg: fmt.Sprintf("cfn-%d-nested/parent.yaml", n), Files: map[string]string{
		fmt.Sprintf("cfn-%d-nested/parent.yaml", n): b.String(),
		fmt.Sprintf("cfn-%d-nested/big.yaml", n):    big.Files["cfn-14000-secrets/big.yaml"],
	}}
}
