locals {
  prefix      = "prod"
  common_tags = { owner = "platform" }
  services = {
    api    = { password = "literal-api-pass" }
    worker = { password = "literal-worker-pass" }
  }
  open_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { "AWS" : "*" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}
