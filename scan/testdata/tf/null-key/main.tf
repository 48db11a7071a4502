# A module input that defaults to null leaves kms_key_id unset: the AWS
# managed key. The finding is at the attribute that passes the null, where
# the key is to be given, not at the resource's first line.
# expect: aws_secretsmanager_secret.app customer-managed-key failed 14
# expect: aws_secretsmanager_secret.bare customer-managed-key failed 17

variable "kms_key_id" {
  type    = string
  default = null
}

resource "aws_secretsmanager_secret" "app" {
  name       = "app"
  kms_key_id = var.kms_key_id
}

resource "aws_secretsmanager_secret" "bare" {
  name = "bare"
}
