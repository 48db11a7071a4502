resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

# The 121st secret is encrypted with the AWS managed key.
resource "aws_secretsmanager_secret" "s" {
  count      = 150
  name       = "app/${count.index}"
  kms_key_id = count.index == 120 ? "alias/aws/secretsmanager" : aws_kms_key.k.arn
}
