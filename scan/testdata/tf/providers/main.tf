# The region of each secret comes from the aws provider configuration it
# uses: the default one (its region a variable's default), an aliased one
# named by provider = aws.west, the resource's own region argument
# (provider 6), and in a module the configuration its call passes down, or
# the caller's default one when the call passes none.
# expect-secrets: 5
# expect: aws_secretsmanager_secret.home tags-present passed 25

variable "region" {
  type    = string
  default = "eu-west-1"
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_secretsmanager_secret" "home" {
  name = "app/home"
  tags = { owner = "platform" }
}

resource "aws_secretsmanager_secret" "west" {
  provider = aws.west
  name     = "app/west"
}

resource "aws_secretsmanager_secret" "own" {
  region = "ap-southeast-2"
  name   = "app/own"
}

module "passed" {
  source = "./m"
  providers = {
    aws = aws.west
  }
}

module "inherited" {
  source = "./m"
}
