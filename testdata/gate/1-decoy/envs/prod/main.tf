resource "aws_secretsmanager_secret" "prod" {
  name = "prod/db"
}
