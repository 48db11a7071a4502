variable "key" {}

resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "s" {
  name       = "app/${var.key}"
  kms_key_id = var.key == "k299" ? "alias/aws/secretsmanager" : aws_kms_key.k.arn
}
