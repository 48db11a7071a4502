# A root module that makes one secret per service with for_each through a
# local module, whose secret is built by a submodule; variables and locals
# feed the names, and a registry module supplies the key.
# expect: module.app_secret["billing"].module.inner.aws_secretsmanager_secret.this rotation-within-30-days passed inner/main.tf:20
# expect: module.app_secret["orders"].module.inner.aws_secretsmanager_secret.this rotation-within-30-days failed inner/main.tf:20
# expect: module.app_secret["billing"].module.inner.aws_secretsmanager_secret.this customer-managed-key passed inner/main.tf:12
# expect: aws_secretsmanager_secret.shared customer-managed-key cannot-verify main.tf:44
# expect: aws_secretsmanager_secret.shared tags-present passed main.tf:45
# expect: module.counted[0].module.inner.aws_secretsmanager_secret.this rotation-within-30-days passed inner/main.tf:20

variable "environment" {
  type    = string
  default = "prod"
}

variable "services" {
  type = map(number)
  default = {
    billing = 30
    orders  = 60
  }
}

locals {
  prefix = "${var.environment}/apps"
  tags   = { owner = "platform", environment = var.environment }
}

module "app_secret" {
  source   = "./modules/app-secret"
  for_each = var.services
  name     = "${local.prefix}/${each.key}"
  days     = each.value
  tags     = local.tags
}

module "kms" {
  source  = "terraform-aws-modules/kms/aws"
  version = "~> 3.0"
}

resource "aws_secretsmanager_secret" "shared" {
  name       = "${local.prefix}/shared"
  kms_key_id = module.kms.key_arn
  tags       = local.tags
}

module "counted" {
  source = "./modules/app-secret"
  count  = 1
  name   = "${local.prefix}/counted-${count.index}"
  days   = 7
  tags   = local.tags
}
