module "again" {
  source = "./"
}
resource "aws_secretsmanager_secret" "s" {
  name = "self/db"
}
