# A secret policy kept in a file beside the configuration, read with file()
# from path.module (the root module's and a local module's), and a template
# with templatefile(): check reads them as Terraform does, relative to the
# root module, and judges the policies.
# expect-secrets: 2
# expect: aws_secretsmanager_secret.root no-public-principal failed 15
# expect: module.app.aws_secretsmanager_secret.this no-public-principal passed

resource "aws_secretsmanager_secret" "root" {
  name = "prod/root"
}

resource "aws_secretsmanager_secret_policy" "root" {
  secret_arn = aws_secretsmanager_secret.root.arn
  policy     = file("${path.module}/policies/open.json")
}

module "app" {
  source  = "./modules/app"
  account = "111122223333"
}
