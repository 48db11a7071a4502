variable "account" {}

resource "aws_secretsmanager_secret" "this" {
  name = "prod/app"
}

resource "aws_secretsmanager_secret_policy" "this" {
  secret_arn = aws_secretsmanager_secret.this.arn
  policy     = templatefile("${path.module}/policies/read.json.tpl", { account = var.account })
}
