# The AWS managed key looked up by alias, and a policy built by a policy
# document data source that lets everyone read, with its block_public_policy
# from a variable without a default.
# expect: aws_secretsmanager_secret.app customer-managed-key failed 20
# expect: aws_secretsmanager_secret.app no-public-principal failed 27
# expect: aws_secretsmanager_secret.app no-wildcard-actions passed 26
# expect: aws_secretsmanager_secret.app block-public-policy cannot-verify 37
# expect: aws_secretsmanager_secret.app rotation-enabled failed 18

variable "block" {
  type = bool
}

data "aws_kms_alias" "managed" {
  name = "alias/aws/secretsmanager"
}

resource "aws_secretsmanager_secret" "app" {
  name       = "prod/app"
  kms_key_id = data.aws_kms_alias.managed.target_key_arn
  tags       = { owner = "app" }
}

data "aws_iam_policy_document" "read" {
  statement {
    actions = ["secretsmanager:GetSecretValue"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_secretsmanager_secret_policy" "app" {
  secret_arn          = aws_secretsmanager_secret.app.arn
  policy              = data.aws_iam_policy_document.read.json
  block_public_policy = var.block
}
