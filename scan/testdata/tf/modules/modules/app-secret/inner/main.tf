variable "name" {}
variable "days" {}
variable "tags" {}

resource "aws_kms_key" "this" {
  description         = "key for ${var.name}"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "this" {
  name       = var.name
  kms_key_id = aws_kms_key.this.arn
  tags       = var.tags
}

resource "aws_secretsmanager_secret_rotation" "this" {
  secret_id           = aws_secretsmanager_secret.this.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotator"
  rotation_rules {
    automatically_after_days = var.days
  }
}

output "arn" {
  value = aws_secretsmanager_secret.this.arn
}
