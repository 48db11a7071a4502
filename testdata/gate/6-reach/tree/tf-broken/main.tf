module "m" {
  source = "./mod"
}

resource "aws_secretsmanager_secret" "s" {
  name = "caller/db"
}
