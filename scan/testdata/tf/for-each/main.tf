# One secret per service with for_each over a local map, a count-guarded
# policy, and a literal first value in a secret version.
# expect: aws_secretsmanager_secret.svc["api"] tags-present passed 23
# expect: aws_secretsmanager_secret.svc["worker"] generated-value failed 20
# expect: aws_secretsmanager_secret.svc["api"] generated-value failed 29
# expect: aws_secretsmanager_secret.svc["api"] no-wildcard-actions failed 36
# expect: aws_secretsmanager_secret.svc["worker"] block-public-policy n/a

variable "policy_enabled" {
  default = true
}

locals {
  services = {
    api    = { owner = "web" }
    worker = { owner = "batch" }
  }
}

resource "aws_secretsmanager_secret" "svc" {
  for_each   = local.services
  name       = "prod/${each.key}"
  tags       = { owner = each.value.owner }
  kms_key_id = "alias/${each.key}"
}

resource "aws_secretsmanager_secret_version" "api" {
  secret_id     = aws_secretsmanager_secret.svc["api"].id
  secret_string = "not-so-secret"
}

resource "aws_secretsmanager_secret_policy" "api" {
  count      = var.policy_enabled ? 1 : 0
  secret_arn = aws_secretsmanager_secret.svc["api"].arn
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "secretsmanager:*", Resource = "*" }]
  })
}
