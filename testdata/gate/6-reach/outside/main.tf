resource "aws_secretsmanager_secret" "o" {
  name = "outside/db"
}
