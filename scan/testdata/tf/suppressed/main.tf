# Suppressions written for the scanners count as waivers.
# expect: aws_secretsmanager_secret.dev customer-managed-key waived 7
# expect: aws_secretsmanager_secret.dev rotation-enabled waived 7
# expect: aws_secretsmanager_secret.dev generated-value failed 7

# trivy:ignore:AVD-AWS-0098
resource "aws_secretsmanager_secret" "dev" {
  #checkov:skip=CKV2_AWS_57:dev secrets are recreated daily
  name = "dev/scratch"
  tags = { owner = "dev" }
}
