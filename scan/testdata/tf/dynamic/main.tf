# Dynamic blocks, as modules for multi-region secrets write them: replicas
# from a variable's default map, rotation rules from a local with a named
# iterator, and replicas from a variable that has no default.
# expect: aws_secretsmanager_secret.replicated customer-managed-key failed 39
# expect: aws_secretsmanager_secret.replicated key-rotation-enabled passed
# expect: aws_secretsmanager_secret.replicated rotation-within-30-days failed 53
# expect: aws_secretsmanager_secret.replicated_ok customer-managed-key passed 60
# expect: aws_secretsmanager_secret.regional customer-managed-key cannot-verify 73

variable "replicas" {
  description = "Replica region => KMS key in that region"
  default = {
    "eu-west-1" = "alias/payments-eu"
    "us-west-2" = "alias/aws/secretsmanager"
  }
}

variable "regions" {
  description = "Given at plan time"
  type        = list(string)
}

locals {
  rotation = [{ days = 45, window = "3h" }]
}

resource "aws_kms_key" "k" {
  description         = "payments"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "replicated" {
  name       = "prod/payments"
  kms_key_id = aws_kms_key.k.arn
  dynamic "replica" {
    for_each = var.replicas
    content {
      region     = replica.key
      kms_key_id = replica.value
    }
  }
  tags = { owner = "payments" }
}

resource "aws_secretsmanager_secret_rotation" "r" {
  secret_id           = aws_secretsmanager_secret.replicated.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotator"
  dynamic "rotation_rules" {
    for_each = local.rotation
    iterator = rule
    content {
      duration                 = rule.value.window
      automatically_after_days = rule.value.days
    }
  }
}

resource "aws_secretsmanager_secret" "replicated_ok" {
  name       = "prod/payments-ok"
  kms_key_id = aws_kms_key.k.arn
  dynamic "replica" {
    for_each = toset(["eu-west-1"])
    content {
      region     = replica.value
      kms_key_id = "alias/payments-eu"
    }
  }
}

resource "aws_secretsmanager_secret" "regional" {
  name       = "prod/regional"
  kms_key_id = aws_kms_key.k.arn
  dynamic "replica" {
    for_each = var.regions
    content {
      region = replica.value
    }
  }
}
