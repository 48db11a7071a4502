module "b" {
  source = "../b"
}
resource "aws_secretsmanager_secret" "a" {
  name = "a/db"
}
