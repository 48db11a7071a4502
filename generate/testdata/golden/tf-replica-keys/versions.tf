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

# The design pins its region: the key and ARNs it names only exist there.
provider "aws" {
  region = "us-east-1"
}

# One provider per replica region that gets a key: KMS keys are regional, and
# a replica must be encrypted with a key in its own region.
provider "aws" {
  alias  = "eu_west_1"
  region = "eu-west-1"
}

provider "aws" {
  alias  = "ap_southeast_2"
  region = "ap-southeast-2"
}
