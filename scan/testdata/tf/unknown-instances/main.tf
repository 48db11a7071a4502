# A for_each and a count that are only known at plan time: the policy and
# the version still belong to their secret blocks (not to extra "(unknown)"
# secrets), and the policy that iterates over the secrets exists with each.
# expect-secrets: 2
# expect: aws_secretsmanager_secret.m no-public-principal failed 19
# expect: aws_secretsmanager_secret.m no-wildcard-actions failed 19
# expect: aws_secretsmanager_secret.c generated-value failed 30

variable "secrets" { type = map(string) }
variable "n" { type = number }

resource "aws_secretsmanager_secret" "m" {
  for_each = var.secrets
  name     = each.key
}
resource "aws_secretsmanager_secret_policy" "m" {
  for_each   = aws_secretsmanager_secret.m
  secret_arn = each.value.arn
  policy     = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "*", Resource = "*" }] })
}

resource "aws_secretsmanager_secret" "c" {
  count = var.n
  name  = "c${count.index}"
}

resource "aws_secretsmanager_secret_version" "c" {
  count         = var.n
  secret_id     = aws_secretsmanager_secret.c[count.index].id
  secret_string = "literal"
}
