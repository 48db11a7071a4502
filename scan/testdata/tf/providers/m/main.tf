resource "aws_secretsmanager_secret" "in_module" {
  name = "app/module"
}
