module "a" {
  source = "../a"
}
resource "aws_secretsmanager_secret" "b" {
  name = "b/db"
}
