# Provider 2.x style: rotation and policy set on the secret itself, no key.
# expect: aws_secretsmanager_secret.legacy customer-managed-key failed 7
# expect: aws_secretsmanager_secret.legacy rotation-within-30-days failed 13
# expect: aws_secretsmanager_secret.legacy block-public-policy failed 7
# expect: aws_secretsmanager_secret.legacy recovery-window failed 9

resource "aws_secretsmanager_secret" "legacy" {
  name                    = "legacy/db"
  recovery_window_in_days = 0
  rotation_lambda_arn     = "arn:aws:lambda:us-east-1:111122223333:function:rotator"

  rotation_rules {
    automatically_after_days = 45
  }

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"},
    "Action": "secretsmanager:GetSecretValue",
    "Resource": "*"
  }]
}
POLICY

  tags = {
    owner = "legacy"
  }
}
