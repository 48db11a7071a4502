# Terraform >= 1.11 for write-only arguments, which keep the secret's value out of state.
terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}
