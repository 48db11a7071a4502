# Values the wizard refuses or warns about when it opens the secret, which check
# reports at their lines too (issue 21, issue 22 item 12).
# expect: aws_secretsmanager_secret.s tags-present passed
resource "aws_secretsmanager_secret" "s" {
  name        = "prod/field-problems"
  kms_key_id  = "alias/app"
  description = "invoice \u202Efdp.exe"
  tags = {
    owner = "payments"
  }
}

ephemeral "aws_secretsmanager_random_password" "p" {
}

resource "aws_secretsmanager_secret_version" "v" {
  secret_id = aws_secretsmanager_secret.s.id
  secret_string_wo = jsonencode(merge(jsondecode("{\"username\":\"app\",\"masterarn\":\"hunter2-S3cr3t\"}"), {
    password = ephemeral.aws_secretsmanager_random_password.p.random_password
  }))
  secret_string_wo_version = 1
}
