output "secret_arn" {
  description = "ARN of the secret."
  value       = aws_secretsmanager_secret.this.arn
}

output "kms_key_arn" {
  description = "The KMS key that encrypts the secret."
  value       = aws_kms_key.secret.arn
}
