# Item 8 and 9 of issue 21: the variables and locals are in sibling files
# that sort after this one; the count is a conditional on a default, the
# for_each a literal map, and the policy, rotation and versions iterate over
# the secrets' own instances. Terraform plans exactly three secrets here.
# expect-secrets: 3
# expect: aws_secretsmanager_secret.db[0] generated-value failed 27
# expect: aws_secretsmanager_secret.db[0] tags-present passed 21
# expect: aws_secretsmanager_secret.db[0] customer-managed-key passed
# expect: aws_secretsmanager_secret.svc["api"] no-public-principal failed locals.tf:12
# expect: aws_secretsmanager_secret.svc["api"] block-public-policy failed 30
# expect: aws_secretsmanager_secret.svc["worker"] no-public-principal failed locals.tf:12
# expect: aws_secretsmanager_secret.svc["worker"] rotation-within-30-days passed 41
# expect: aws_secretsmanager_secret.svc["worker"] rotation-enabled passed 36
# expect: aws_secretsmanager_secret.svc["api"] customer-managed-key passed
# expect: aws_secretsmanager_secret.svc["api"] generated-value failed 48

resource "aws_secretsmanager_secret" "db" {
  count      = var.enabled ? 1 : 0
  name       = "${local.prefix}/db"
  kms_key_id = var.key_arn
  tags       = local.common_tags
}

resource "aws_secretsmanager_secret_version" "db" {
  count         = var.enabled ? 1 : 0
  secret_id     = aws_secretsmanager_secret.db[0].id
  secret_string = jsonencode({ username = "admin", password = "hunter2hunter2" })
}

resource "aws_secretsmanager_secret_policy" "svc" {
  for_each   = aws_secretsmanager_secret.svc
  secret_arn = each.value.arn
  policy     = local.open_policy
}

resource "aws_secretsmanager_secret_rotation" "svc" {
  for_each            = aws_secretsmanager_secret.svc
  secret_id           = each.value.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret_version" "svc" {
  for_each      = local.services
  secret_id     = aws_secretsmanager_secret.svc[each.key].id
  secret_string = each.value.password
}

resource "aws_secretsmanager_secret" "svc" {
  for_each   = local.services
  name       = "${local.prefix}/${each.key}"
  kms_key_id = var.key_arn
  tags       = local.common_tags
}
